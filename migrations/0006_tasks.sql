-- 0006_tasks: innovation tasks (SPEC.md §2; seed Ⅱ-1…3, Ⅳ-1): tasks and
-- their unit projects, monthly progress reports, meetings, work-process
-- redesign records, working groups, supporters' advice, and the totals the
-- dashboards read.  Several-valued fields (cooperating and executing
-- departments, attendees, members, a meeting's tasks) live in record_links.
-- Progress is derived, never typed: see src/mod/tasks/progress.c.

CREATE TABLE tasks (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	seq INTEGER,                           -- 연번: its place in the year's list
	title TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- common, key, department, dong_required, dong_optional, team, civil, brand
	year INTEGER NOT NULL,
	lead_department_id @BIGINT@ REFERENCES departments(id),   -- 총괄부서
	executing_all INTEGER NOT NULL DEFAULT 0,                 -- 추진부서: 전 부서
	executing_note TEXT,                   -- 추진부서 named as a group ("민원부서")
	purpose TEXT,
	directions TEXT,                       -- 추진방향, one per line
	plan TEXT,                             -- 세부 추진계획, one item per line
	indicators TEXT,                       -- 성과지표
	status TEXT NOT NULL DEFAULT 'discovered', -- discovered, in_progress, done, on_hold
	progress INTEGER NOT NULL DEFAULT 0,   -- derived (progress.c)
	last_report_month TEXT NOT NULL DEFAULT '', -- derived: newest month reported, 'YYYY-MM'; '' if none
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX tasks_count ON tasks(org_id, archived_at);
CREATE INDEX tasks_live ON tasks(org_id, year, seq, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_lead ON tasks(lead_department_id);
-- the dashboard's checklist: in progress, no report for the month
CREATE INDEX tasks_checklist ON tasks(org_id, year, status, last_report_month)
	WHERE archived_at IS NULL;

-- the dashboard's choice of department: bureaus, then divisions, in order
CREATE INDEX departments_by_kind ON departments(org_id, kind, sort_order, id, name)
	WHERE archived_at IS NULL;

-- 단위사업: a project carrying a task out; weight counts in the task's progress.
CREATE TABLE unit_projects (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	task_id @BIGINT@ NOT NULL REFERENCES tasks(id),
	title TEXT NOT NULL,
	department_id @BIGINT@ REFERENCES departments(id),
	weight INTEGER NOT NULL DEFAULT 1,
	status TEXT NOT NULL DEFAULT 'discovered',
	description TEXT,
	progress INTEGER NOT NULL DEFAULT 0,   -- derived: its latest report's
	last_report_month TEXT NOT NULL DEFAULT '', -- derived
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX unit_projects_count ON unit_projects(org_id, archived_at);
CREATE INDEX unit_projects_task ON unit_projects(task_id);

-- A monthly progress report on a task, or on one of its unit projects.
CREATE TABLE progress_reports (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	task_id @BIGINT@ NOT NULL REFERENCES tasks(id),
	unit_project_id @BIGINT@ REFERENCES unit_projects(id),
	month TEXT NOT NULL,                   -- 'YYYY-MM'
	progress INTEGER NOT NULL,             -- 0..100, as of that month
	content TEXT NOT NULL,
	problems TEXT,
	next_steps TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX progress_reports_count ON progress_reports(org_id, archived_at);
CREATE INDEX progress_reports_task ON progress_reports(task_id, month);
CREATE INDEX progress_reports_unit ON progress_reports(unit_project_id, month);

-- 워킹그룹 (W/G): members meet monthly (their meetings are meetings of kind 'wg').
CREATE TABLE working_groups (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	year INTEGER NOT NULL,
	task_id @BIGINT@ REFERENCES tasks(id),
	leader_id @BIGINT@ REFERENCES staff(id),
	purpose TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX working_groups_count ON working_groups(org_id, archived_at);

-- 보고회, 전략회의, TFT, 실무협의회, 워크숍, 정기회의 …
CREATE TABLE meetings (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	held_on TEXT NOT NULL,                 -- 'YYYY-MM-DD'
	place TEXT,
	department_id @BIGINT@ REFERENCES departments(id),    -- who held it
	working_group_id @BIGINT@ REFERENCES working_groups(id),
	minutes TEXT,
	decisions TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX meetings_count ON meetings(org_id, archived_at);
CREATE INDEX meetings_held ON meetings(org_id, held_on);

-- 일하는 방식 개선: process redesigns (five categories), "discard unnecessary
-- work" proposals and method improvements.
CREATE TABLE process_redesigns (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	kind TEXT NOT NULL,                    -- redesign, discard, method
	year INTEGER NOT NULL,
	department_id @BIGINT@ REFERENCES departments(id),
	work TEXT NOT NULL,                    -- the work (업무명)
	category TEXT,                         -- procedure, time, convenience, work, other
	before_text TEXT,
	after_text TEXT,
	effect TEXT,
	status TEXT NOT NULL DEFAULT 'proposed', -- proposed, adopted, done, dropped
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX process_redesigns_count ON process_redesigns(org_id, archived_at);

-- A supporter's (서포터즈) advice on a task.
CREATE TABLE task_advice (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	task_id @BIGINT@ NOT NULL REFERENCES tasks(id),
	content TEXT NOT NULL,
	author_user_id @BIGINT@ REFERENCES users(id),
	author_name TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX task_advice_count ON task_advice(org_id, archived_at);
CREATE INDEX task_advice_task ON task_advice(task_id);

-- What the dashboards read, kept current by every write (progress.c):
-- live tasks per lead department (0: the whole organisation), year, kind
-- and status, with the sum of their progress.
CREATE TABLE task_totals (
	org_id @BIGINT@ NOT NULL,
	department_id @BIGINT@ NOT NULL,
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	status TEXT NOT NULL,
	n INTEGER NOT NULL,
	progress_sum INTEGER NOT NULL,
	PRIMARY KEY (org_id, department_id, year, kind, status)
)@STRICT@;

-- Live meetings per host department (0: all of them), month and kind.
CREATE TABLE meeting_counts (
	org_id @BIGINT@ NOT NULL,
	department_id @BIGINT@ NOT NULL,
	month TEXT NOT NULL,
	kind TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (org_id, department_id, month, kind)
)@STRICT@;
