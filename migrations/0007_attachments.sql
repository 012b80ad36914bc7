-- 0007_attachments: files attached to a row of an entity that takes them
-- (a progress report's documents, a knowledge item's).  The bytes are kept
-- once per content, under their SHA-256, as base64 text (the same on SQLite
-- and PostgreSQL), in the database: never in a folder the server serves.
-- A file is at most the request body's cap.
CREATE TABLE attachment_blobs (
	sha256 TEXT NOT NULL PRIMARY KEY,      -- hex
	size @BIGINT@ NOT NULL,
	data TEXT NOT NULL                     -- base64
)@STRICT@;

CREATE TABLE attachments (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	entity TEXT NOT NULL,
	record_id @BIGINT@ NOT NULL,
	filename TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- what the content is: pdf, hwp, office, image, text
	size @BIGINT@ NOT NULL,
	sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
	created_by @BIGINT@ REFERENCES users(id),
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT
)@STRICT@;
CREATE INDEX attachments_record ON attachments(entity, record_id);
