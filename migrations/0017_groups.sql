-- 0017_groups: innovation-leading groups (혁신주도그룹; SPEC.md §6, seed Ⅱ-6,
-- Ⅳ-2-3): the groups, the eligibility rule of each group for each year
-- (a grade range, a course of a kind completed, or an appointment as a
-- knowledge expert: read from knowledge_experts, never copied), their
-- members with joined/left dates, and their activities, whose participants
-- (members or other staff) are the activity's record_links
-- ('group-activities', 'participants').

CREATE TABLE innovation_groups (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,                    -- '혁신새싹그룹'
	purpose TEXT,                          -- 기능: '아이디어 발굴·토론'
	description TEXT,
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX innovation_groups_count ON innovation_groups(org_id, archived_at);
CREATE UNIQUE INDEX innovation_groups_name ON innovation_groups(org_id, name) WHERE archived_at IS NULL;

-- Who may join a group in a year: the rule of the latest year not after
-- it.  kind: grade (grade_from..grade_to, g5 … g9), course (a course of
-- course_kind completed), expert (an appointed knowledge expert; of
-- field_id when given).
CREATE TABLE innovation_group_rules (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	group_id @BIGINT@ NOT NULL REFERENCES innovation_groups(id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	grade_from TEXT,
	grade_to TEXT,
	course_kind TEXT,
	field_id @BIGINT@ REFERENCES knowledge_fields(id),
	basis TEXT,                            -- where the rule comes from: 'Ⅳ-2-3 구성 및 기능'
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX innovation_group_rules_count ON innovation_group_rules(org_id, archived_at);
CREATE UNIQUE INDEX innovation_group_rules_year ON innovation_group_rules(group_id, year) WHERE archived_at IS NULL;

-- A membership: leaving is a dated end (left_on), not a delete.
CREATE TABLE innovation_group_members (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	group_id @BIGINT@ NOT NULL REFERENCES innovation_groups(id),
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	role TEXT NOT NULL DEFAULT 'member',   -- leader (대표), secretary (간사), member (회원)
	joined_on TEXT NOT NULL,
	left_on TEXT,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX innovation_group_members_count ON innovation_group_members(org_id, archived_at);
CREATE INDEX innovation_group_members_group ON innovation_group_members(group_id, staff_id);
CREATE INDEX innovation_group_members_staff ON innovation_group_members(staff_id);
-- one current membership of a person in a group
CREATE UNIQUE INDEX innovation_group_members_current ON innovation_group_members(group_id, staff_id)
	WHERE archived_at IS NULL AND left_on IS NULL;

-- An activity: a group's (group_id) or the groups' together (NULL).
CREATE TABLE innovation_group_activities (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	group_id @BIGINT@ REFERENCES innovation_groups(id),
	kind TEXT NOT NULL,                    -- visit, lecture, judging, commission, seminar
	title TEXT NOT NULL,
	held_on TEXT NOT NULL,
	ends_on TEXT,                          -- the last day of an activity of several days
	place TEXT,
	hours INTEGER NOT NULL DEFAULT 0,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX innovation_group_activities_count ON innovation_group_activities(org_id, archived_at);
CREATE INDEX innovation_group_activities_group ON innovation_group_activities(group_id, held_on);
CREATE INDEX innovation_group_activities_day ON innovation_group_activities(org_id, held_on);

-- A participation's group.activity event, found again when the activity
-- is edited: a participant earns one entry, however often it is saved.
CREATE INDEX domain_events_group_activity ON domain_events(record_id, staff_id)
	WHERE kind = 'group.activity';
