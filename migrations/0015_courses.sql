-- 0015_courses: innovation education (issue 15 points 10-12; seed Ⅱ-8,
-- Ⅳ-2-2): courses with their kind, target grades, hours, provider and
-- capacity; their sessions (a course may run several, 3.9-3.17 and
-- 10.1-10.31); enrolments of staff: applied → confirmed → completed / not
-- completed, with the hours completed.

CREATE TABLE courses (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- special, exec5, newcomer, cyber_mini, cyber_expert, external, poster, lecture
	year INTEGER NOT NULL,
	target_grades TEXT,                    -- 'g6,g7,g8' (staff.grade codes); NULL or '': every grade
	target_groups TEXT,                    -- 변화관리자그룹 등, as text
	hours INTEGER NOT NULL DEFAULT 0,      -- hours a completion counts
	provider TEXT,
	capacity INTEGER,                      -- NULL: no limit
	description TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX courses_count ON courses(org_id, archived_at);
CREATE INDEX courses_year ON courses(org_id, year, kind);

CREATE TABLE course_sessions (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	course_id @BIGINT@ NOT NULL REFERENCES courses(id),
	round INTEGER NOT NULL DEFAULT 1,
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	place TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX course_sessions_count ON course_sessions(org_id, archived_at);
CREATE INDEX course_sessions_course ON course_sessions(course_id, starts_on);

CREATE TABLE enrolments (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	course_id @BIGINT@ NOT NULL REFERENCES courses(id),
	session_id @BIGINT@ REFERENCES course_sessions(id),
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	department_id @BIGINT@ REFERENCES departments(id), -- the person's when applying
	status TEXT NOT NULL DEFAULT 'applied', -- applied, confirmed, completed, not_completed
	applied_on TEXT,
	completed_on TEXT,
	hours INTEGER NOT NULL DEFAULT 0,      -- hours completed
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX enrolments_count ON enrolments(org_id, archived_at);
-- a person enrols in a course once
CREATE UNIQUE INDEX enrolments_person ON enrolments(course_id, staff_id) WHERE archived_at IS NULL;
-- the completion status and courses_completed(): a person's completions
CREATE INDEX enrolments_staff ON enrolments(staff_id, status, course_id);
CREATE INDEX enrolments_course ON enrolments(course_id, status);
