-- 0025_plans: the year's vision and work plan (SPEC.md §10 "Vision and
-- plans", issue 17 points 16-18; seed Ⅲ and Ⅳ): a plan per year with its
-- vision, its goals, directions and indicators as ordered rows (the annual
-- report prints Ⅲ from them), Ⅳ's numbered sections, and the plan's items
-- with a cadence (매월, 분기별 1회, 반기, 연 2회, 연 N회 이상, a span of
-- months, a date, 수시) and the kind of record that fulfils them.  The
-- schedule page (src/mod/plans/schedule.c) reads the fulfilling records
-- of other modules' tables; the indexes at the end serve its reads of
-- them by organisation and day where those modules' own migrations have
-- none (the lists' indexes on some follow those modules' declarations and
-- may go with them).

CREATE TABLE plans (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	year INTEGER NOT NULL,
	title TEXT NOT NULL,                   -- '2007 행정혁신 업무추진계획'
	vision TEXT NOT NULL,                  -- '고객과 성과중심의 일류 영등포 구현'
	summary TEXT,                          -- the plan's statement of intent
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX plans_count ON plans(org_id, archived_at);
-- one live plan a year: entities.c (plan_before) refuses a second

-- Ⅲ as rows: theme (질적 혁신으로의 도약), goal (목표), indicator
-- (성과지표), direction (중점 추진방향), in position order within a kind.
CREATE TABLE plan_goals (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	plan_id @BIGINT@ NOT NULL REFERENCES plans(id),
	kind TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 1,
	text TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX plan_goals_count ON plan_goals(org_id, archived_at);
CREATE INDEX plan_goals_plan ON plan_goals(plan_id, position, id);

-- Ⅳ's numbered sections ('Ⅳ-1-5 혁신관리시스템 운영') with their purpose
-- and directions (추진방향, one a line).
CREATE TABLE plan_sections (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	plan_id @BIGINT@ NOT NULL REFERENCES plans(id),
	code TEXT NOT NULL,                    -- 'Ⅳ-1-5'
	position INTEGER NOT NULL DEFAULT 1,
	title TEXT NOT NULL,
	purpose TEXT,
	directions TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX plan_sections_count ON plan_sections(org_id, archived_at);
CREATE INDEX plan_sections_plan ON plan_sections(plan_id, position, id);

-- An item of the plan: what is to be done, by whom, how often (cadence
-- and its parameters), and which records fulfil it (source and, for a
-- source with kinds, source_kind: a meeting's kind, a contest's kind …).
CREATE TABLE plan_items (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	plan_id @BIGINT@ NOT NULL REFERENCES plans(id),
	section_id @BIGINT@ REFERENCES plan_sections(id),
	position INTEGER NOT NULL DEFAULT 1,
	text TEXT NOT NULL,
	department_id @BIGINT@ REFERENCES departments(id), -- 총괄부서; NULL: the organisation
	cadence TEXT NOT NULL DEFAULT 'none',  -- monthly, quarterly, half, twice, at_least, months, date, none
	times INTEGER,                         -- at_least: how many in the year
	month_from INTEGER,                    -- months: the span's first month ..
	month_to INTEGER,                      -- .. and last (the same for one month)
	due_on TEXT,                           -- date: 'YYYY-MM-DD' of the plan's year
	source TEXT NOT NULL DEFAULT 'none',   -- the kind of record that fulfils it (schedule.c)
	source_kind TEXT,                      -- that record's kind, when the source has kinds
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX plan_items_count ON plan_items(org_id, archived_at);
CREATE INDEX plan_items_plan ON plan_items(plan_id, position, id);
CREATE INDEX plan_items_section ON plan_items(section_id);

-- The schedule's reads of the fulfilling records, by organisation and day.
CREATE INDEX contests_held ON contests(org_id, held_on);
CREATE INDEX evaluations_held ON evaluations(org_id, held_in);
CREATE INDEX course_sessions_day ON course_sessions(org_id, starts_on);
CREATE INDEX forum_sessions_day ON forum_sessions(org_id, held_on);
CREATE INDEX publications_day ON publications(org_id, published_on);
