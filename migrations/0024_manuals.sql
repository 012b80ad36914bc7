-- 0024_manuals: team innovation (팀 업무혁신; SPEC.md §10, issue 17 points
-- 9-11; seed Ⅳ-1-7): each team's charter for a year (임무·비전·목표·추진방향,
-- set at the 팀 업무혁신 meeting, and its 1팀 1혁신과제), and its work manuals
-- (기본업무매뉴얼, 단위사무 매뉴얼) whose text is kept as versions that are
-- never changed: saving a manual writes its next version.  A team is a
-- department of kind 'team'.  The versions' append-only triggers are
-- 0027_manual_versions_ledger's, one file a dialect.

CREATE TABLE team_charters (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	department_id @BIGINT@ NOT NULL REFERENCES departments(id), -- the team
	year INTEGER NOT NULL,
	title TEXT NOT NULL,                   -- derived: '<team> <year>년 팀 업무혁신', what references show
	met_on TEXT,                           -- the 팀 업무혁신 meeting that set it
	mission TEXT,                          -- 임무
	vision TEXT,                           -- 비전
	goals TEXT,                            -- 목표
	directions TEXT,                       -- 추진방향
	completed_on TEXT,                     -- derived: the day mission, vision and goals were first all filled
	task_id @BIGINT@ REFERENCES tasks(id), -- its 1팀 1혁신과제 (a task of kind 'team')
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX team_charters_count ON team_charters(org_id, archived_at);
-- one live charter a team a year; the campaign page reads a year's by team
CREATE UNIQUE INDEX team_charters_team_year ON team_charters(org_id, year, department_id)
	WHERE archived_at IS NULL;

CREATE TABLE manuals (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	department_id @BIGINT@ NOT NULL REFERENCES departments(id), -- the team
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,                    -- basic (기본업무매뉴얼, stage 1), unit (단위사무 매뉴얼, stage 2)
	duty TEXT NOT NULL DEFAULT '',         -- a unit manual's duty (담당 단위사무); '' for the basic one
	title TEXT NOT NULL,
	versions INTEGER NOT NULL DEFAULT 0,   -- derived: the latest version's number; 0: none saved
	first_saved_on TEXT,                   -- derived: the day version 1 was saved (the stage is done)
	last_saved_on TEXT,                    -- derived: the day the latest version was saved
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX manuals_count ON manuals(org_id, archived_at);
-- one live basic manual a team a year, one unit manual a duty
CREATE UNIQUE INDEX manuals_team_duty ON manuals(org_id, year, department_id, kind, duty)
	WHERE archived_at IS NULL;

-- Every saved text of a manual, numbered from 1; never changed or deleted.
CREATE TABLE manual_versions (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	manual_id @BIGINT@ NOT NULL REFERENCES manuals(id),
	version INTEGER NOT NULL,
	body TEXT NOT NULL,                    -- Markdown
	author_id @BIGINT@ REFERENCES users(id), -- the account that saved it; NULL: the demo load
	author_name TEXT NOT NULL,             -- their name as it was then
	saved_on TEXT NOT NULL,                -- 'YYYY-MM-DD', the day it counts for the stage deadlines
	note TEXT,                             -- what changed, in the author's words
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT                       -- always NULL: a ledger
)@STRICT@;
CREATE INDEX manual_versions_count ON manual_versions(org_id, archived_at);
CREATE UNIQUE INDEX manual_versions_number ON manual_versions(manual_id, version);
