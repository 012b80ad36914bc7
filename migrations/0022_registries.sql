-- 0022_registries: the innovation office's registries (기록·대장; SPEC.md
-- §10, issue 17 points 12, 14, 15; seed Ⅱ, Ⅱ-10, Ⅱ-11, Ⅱ-12): the
-- publications and PR material it made (혁신책자, 포스터, 리플릿, 사례집,
-- 미래성장비전계획, 혁신사랑), the awards, selections and diagnoses the district
-- received, and the forums its staff take part in with their sessions.  A
-- forum's members and a session's attendees are record_links ('forums',
-- 'members') and ('forum-sessions', 'attendees').

CREATE TABLE publications (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	kind TEXT NOT NULL,                    -- newsletter, booklet, poster, leaflet, brochure, …
	title TEXT NOT NULL,
	published_on TEXT,                     -- NULL: the seed names the publication, not its day
	copies INTEGER,                        -- NULL: not known; otherwise 1 or more
	unit TEXT NOT NULL DEFAULT 'copy',     -- copy (부), sheet (매)
	distribution TEXT,                     -- to whom it went
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX publications_count ON publications(org_id, archived_at);

CREATE TABLE recognitions (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- award (수상), selection (선정), diagnosis (진단)
	received_on TEXT NOT NULL,
	period_from TEXT,                      -- a selection's term, when it has one
	period_to TEXT,
	organiser TEXT,
	category TEXT,
	incentive @BIGINT@ NOT NULL DEFAULT 0, -- 재정인센티브, in won (3억원 = 300000000)
	project TEXT,                          -- the related project by name
	task_id @BIGINT@ REFERENCES tasks(id), -- and as a task, when there is one
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX recognitions_count ON recognitions(org_id, archived_at);

CREATE TABLE forums (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	organiser TEXT,
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	cadence TEXT,                          -- '월 1회'
	purpose TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX forums_count ON forums(org_id, archived_at);

CREATE TABLE forum_sessions (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	forum_id @BIGINT@ NOT NULL REFERENCES forums(id),
	held_on TEXT NOT NULL,                 -- within its forum's period
	topic TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- lecture (정책강연), case (우수사례발표), debate (토론회)
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX forum_sessions_count ON forum_sessions(org_id, archived_at);
CREATE INDEX forum_sessions_forum ON forum_sessions(forum_id, held_on);
