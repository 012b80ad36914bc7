-- 0016_clubs: learning clubs (학습동아리; SPEC.md §5, seed Ⅱ-7, Ⅳ-2-1):
-- the regulation clubs run under (영등포구 학습동아리 운영 규정, 훈령 제83호),
-- the clubs (일반 general or 부서 department: "1부서 1학습동아리", one live
-- department club a department), their members with roles and dated
-- joining and leaving, their meetings, whose attendees are the meeting's
-- record_links ('club-meetings', 'attendees'), the clubs' outputs, and the
-- casebook's editions (학습동아리 활동 사례집), whose cases are the edition's
-- record_links ('club-casebooks', 'cases') to outputs.

CREATE TABLE club_regulations (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,                   -- '영등포구 학습동아리 운영 규정'
	number TEXT NOT NULL,                  -- '훈령 제83호'
	issued_on TEXT NOT NULL,               -- '2006-06-08'
	body TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX club_regulations_count ON club_regulations(org_id, archived_at);

CREATE TABLE clubs (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- general (일반), department (부서)
	department_id @BIGINT@ REFERENCES departments(id),
	theme TEXT,
	leader_id @BIGINT@ REFERENCES staff(id),
	founded_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'active', -- active (활동), dormant (휴면), dissolved (해산)
	regulation_id @BIGINT@ REFERENCES club_regulations(id),
	summary TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX clubs_count ON clubs(org_id, archived_at);
CREATE INDEX clubs_department ON clubs(department_id);
-- 1부서 1학습동아리: one department club a department (a dissolved one does not count)
CREATE UNIQUE INDEX clubs_one_department ON clubs(department_id)
	WHERE kind = 'department' AND status <> 'dissolved' AND archived_at IS NULL;

-- A membership: leaving is a dated end (left_on), not a delete.
CREATE TABLE club_members (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	club_id @BIGINT@ NOT NULL REFERENCES clubs(id),
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	role TEXT NOT NULL DEFAULT 'member',   -- president (회장), secretary (총무), member (회원)
	joined_on TEXT NOT NULL,
	left_on TEXT,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX club_members_count ON club_members(org_id, archived_at);
CREATE INDEX club_members_club ON club_members(club_id, staff_id);
CREATE INDEX club_members_staff ON club_members(staff_id);
CREATE UNIQUE INDEX club_members_current ON club_members(club_id, staff_id)
	WHERE archived_at IS NULL AND left_on IS NULL;

-- A meeting of a club (club_id), or of the clubs together (NULL: the
-- workshop).  kind: meeting (모임), workshop (워크숍).
CREATE TABLE club_meetings (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	club_id @BIGINT@ REFERENCES clubs(id),
	kind TEXT NOT NULL DEFAULT 'meeting',
	held_on TEXT NOT NULL,
	topic TEXT NOT NULL,
	place TEXT,
	minutes TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX club_meetings_count ON club_meetings(org_id, archived_at);
CREATE INDEX club_meetings_club ON club_meetings(club_id, held_on);
CREATE INDEX club_meetings_day ON club_meetings(org_id, held_on);

-- What a club produced (a study, a case, a presentation), from a meeting or
-- not; the files are its attachments.
CREATE TABLE club_outputs (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	club_id @BIGINT@ NOT NULL REFERENCES clubs(id),
	meeting_id @BIGINT@ REFERENCES club_meetings(id),
	kind TEXT NOT NULL,                    -- study (학습자료), case (활동사례), presentation (사례발표)
	title TEXT NOT NULL,
	summary TEXT,
	produced_on TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX club_outputs_count ON club_outputs(org_id, archived_at);
CREATE INDEX club_outputs_club ON club_outputs(club_id, produced_on);
CREATE INDEX club_outputs_day ON club_outputs(org_id, produced_on);

-- An edition of the casebook: its year, the copies printed (or planned).
CREATE TABLE club_casebooks (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	year INTEGER NOT NULL,
	title TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'planned', -- planned (계획), published (발간)
	published_on TEXT,
	copies INTEGER NOT NULL DEFAULT 0,
	foreword TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX club_casebooks_count ON club_casebooks(org_id, archived_at);

-- A meeting's club.meeting_held and club.attended events, found again when
-- the meeting is edited: one entry a person, however often it is saved.
CREATE INDEX domain_events_club ON domain_events(record_id, staff_id)
	WHERE kind IN ('club.meeting_held', 'club.attended');
