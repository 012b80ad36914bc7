-- 0018_contests: contests (경진대회; SPEC.md §8, seed Ⅱ-1, Ⅱ-7, Ⅳ-1-5,
-- Ⅳ-2-9): a contest with its weighted criteria and award tiers, entries
-- (a person, a team, a club or a department), judges (staff, or accounts of
-- the role judge) in panels, a judge's declared recusals (회피), score
-- sheets that are never changed (a correction is the next version, with its
-- reason), and the results each closing froze (version 1, 2 … of a
-- contest's results; the latest counts, the earlier stay).

CREATE TABLE contests (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- practice, brand, club, work
	year INTEGER NOT NULL,
	half INTEGER,                          -- 1 상반기, 2 하반기, NULL the year's
	entry_from TEXT, entry_to TEXT,        -- the entry window
	judge_from TEXT, judge_to TEXT,        -- the judging window
	held_on TEXT,                          -- the day of the presentations or ceremony
	aggregation TEXT NOT NULL DEFAULT 'mean', -- mean, trimmed
	expert_weight INTEGER NOT NULL DEFAULT 100, -- the judges' share; the staff vote has the rest
	tie_criterion_id @BIGINT@,             -- the criterion that breaks a tie, then the entry's number
	best_count INTEGER NOT NULL DEFAULT 1,      -- 최우수
	excellent_count INTEGER NOT NULL DEFAULT 3, -- 우수
	merit_count INTEGER NOT NULL DEFAULT 0,     -- 장려
	results_public INTEGER NOT NULL DEFAULT 0,  -- confirmed results shown to all staff
	blind INTEGER NOT NULL DEFAULT 1,      -- judges' names hidden from entrants until confirmed
	status TEXT NOT NULL DEFAULT 'open',   -- open, closed, confirmed
	description TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX contests_count ON contests(org_id, archived_at);

CREATE TABLE contest_criteria (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	contest_id @BIGINT@ NOT NULL REFERENCES contests(id),
	name TEXT NOT NULL,                    -- 창의성
	weight INTEGER NOT NULL,               -- 30
	score_min INTEGER NOT NULL DEFAULT 0,
	score_max INTEGER NOT NULL DEFAULT 10,
	description TEXT,
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX contest_criteria_count ON contest_criteria(org_id, archived_at);
CREATE INDEX contest_criteria_contest ON contest_criteria(contest_id, sort_order);

-- An entry: entrant kind person (staff_id), team (staff_id the
-- representative; the members are record_links 'contest-entries',
-- 'members'), club (club_id; output_id the club's casebook output it was
-- made from) or department (department_id).  department_id is the
-- entrant's department in every kind: a judge of it is excluded.
CREATE TABLE contest_entries (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	contest_id @BIGINT@ NOT NULL REFERENCES contests(id),
	title TEXT NOT NULL,
	entrant_kind TEXT NOT NULL,            -- person, team, club, department
	staff_id @BIGINT@ REFERENCES staff(id),
	team_name TEXT,
	club_id @BIGINT@ REFERENCES clubs(id),
	output_id @BIGINT@ REFERENCES club_outputs(id),
	department_id @BIGINT@ REFERENCES departments(id),
	summary TEXT,
	submitted_on TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX contest_entries_count ON contest_entries(org_id, archived_at);
CREATE INDEX contest_entries_contest ON contest_entries(contest_id, id);

-- A judge: a member of staff (staff_id) or an outside account (user_id, of
-- the role judge), in the panel of the judges (expert) or of the staff vote.
CREATE TABLE contest_judges (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	contest_id @BIGINT@ NOT NULL REFERENCES contests(id),
	staff_id @BIGINT@ REFERENCES staff(id),
	user_id @BIGINT@ REFERENCES users(id),
	name TEXT NOT NULL,                    -- as the sheets show it
	panel TEXT NOT NULL DEFAULT 'expert',  -- expert, staff
	affiliation TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX contest_judges_count ON contest_judges(org_id, archived_at);
CREATE INDEX contest_judges_contest ON contest_judges(contest_id, id);
CREATE INDEX contest_judges_user ON contest_judges(user_id);
CREATE UNIQUE INDEX contest_judges_staff ON contest_judges(contest_id, staff_id) WHERE archived_at IS NULL;

-- A judge's declared recusal from an entry (회피), with the reason.
CREATE TABLE contest_recusals (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	judge_id @BIGINT@ NOT NULL REFERENCES contest_judges(id),
	entry_id @BIGINT@ NOT NULL REFERENCES contest_entries(id),
	reason TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@
)@STRICT@;
CREATE UNIQUE INDEX contest_recusals_pair ON contest_recusals(entry_id, judge_id);

-- A score sheet: one judge's scores of one entry, {"criterion id": score}
-- (halves allowed), its total in hundredths; version 2 … corrects the one
-- before, with a reason.  Never updated or deleted.
CREATE TABLE contest_scores (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	contest_id @BIGINT@ NOT NULL REFERENCES contests(id),
	entry_id @BIGINT@ NOT NULL REFERENCES contest_entries(id),
	judge_id @BIGINT@ NOT NULL REFERENCES contest_judges(id),
	version INTEGER NOT NULL,
	scores TEXT NOT NULL,
	total INTEGER NOT NULL,
	reason TEXT,
	comment TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT                       -- always NULL: a ledger
)@STRICT@;
CREATE INDEX contest_scores_count ON contest_scores(org_id, archived_at);
CREATE UNIQUE INDEX contest_scores_version ON contest_scores(entry_id, judge_id, version);
CREATE INDEX contest_scores_contest ON contest_scores(contest_id, entry_id, judge_id, version);

-- What a closing froze: each entry's final figure (hundredths), rank and
-- tier, and the whole explanation as the page shows it (detail, JSON).
CREATE TABLE contest_results (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	contest_id @BIGINT@ NOT NULL REFERENCES contests(id),
	version INTEGER NOT NULL,
	entry_id @BIGINT@ NOT NULL REFERENCES contest_entries(id),
	final INTEGER NOT NULL,
	rank INTEGER NOT NULL,
	tier INTEGER NOT NULL DEFAULT 0,
	counted INTEGER NOT NULL,
	detail TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@
)@STRICT@;
CREATE UNIQUE INDEX contest_results_entry ON contest_results(contest_id, version, entry_id);
