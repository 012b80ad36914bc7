-- 0001_core: organisations and settings.
-- Portable SQL for SQLite and PostgreSQL; @ID@, @NOW@ and @STRICT@ are
-- expanded per driver (src/db/migrate.c).  Timestamps are TEXT in ISO 8601
-- UTC ('2024-05-01T09:30:00Z') on both.

-- A tenant: one local government.
CREATE TABLE organisations (
	id @ID@,                    -- assigned on insert
	code TEXT NOT NULL UNIQUE,  -- standard agency code, e.g. '3180000'
	name TEXT NOT NULL,         -- Korean name, e.g. '영등포구'
	name_en TEXT,               -- English name, e.g. 'Yeongdeungpo-gu'
	created_at TEXT NOT NULL DEFAULT @NOW@ -- when the row was made, UTC
)@STRICT@;

-- Installation-wide settings, one value per key.
CREATE TABLE settings (
	key TEXT NOT NULL PRIMARY KEY, -- e.g. 'site.title'
	value TEXT NOT NULL            -- the value as text
)@STRICT@;
