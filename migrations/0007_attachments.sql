-- 0007_attachments: files attached to a row of an entity that takes them
-- (a progress report's documents).  The bytes are kept as base64 text, the
-- same on SQLite and PostgreSQL; a file is at most the request body's cap.
CREATE TABLE attachments (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	entity TEXT NOT NULL,
	record_id @BIGINT@ NOT NULL,
	filename TEXT NOT NULL,
	size @BIGINT@ NOT NULL,
	data TEXT NOT NULL,                    -- base64
	created_by @BIGINT@ REFERENCES users(id),
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT
)@STRICT@;
CREATE INDEX attachments_record ON attachments(entity, record_id);
