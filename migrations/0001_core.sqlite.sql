-- 0001_core (SQLite): organisations and settings.  The PostgreSQL twin is
-- 0001_core.pg.sql and must define the same columns: they differ only in
-- how ids are generated and how the timestamp default is spelled.
-- STRICT makes SQLite reject values of the wrong type, as PostgreSQL does.
-- Timestamps are TEXT in ISO 8601 UTC ('2024-05-01T09:30:00Z') on both.

-- A tenant: one local government.
CREATE TABLE organisations (
	id INTEGER PRIMARY KEY,     -- rowid alias: assigned on insert
	code TEXT NOT NULL UNIQUE,  -- standard agency code, e.g. '3180000'
	name TEXT NOT NULL,         -- Korean name, e.g. '영등포구'
	name_en TEXT,               -- English name, e.g. 'Yeongdeungpo-gu'
	created_at TEXT NOT NULL    -- when the row was made, UTC
		DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Installation-wide settings, one value per key.
CREATE TABLE settings (
	key TEXT NOT NULL PRIMARY KEY, -- e.g. 'site.title'
	value TEXT NOT NULL            -- the value as text
) STRICT;
