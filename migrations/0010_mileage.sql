-- 0010_mileage: innovation mileage (SPEC.md §4; seed Ⅱ-9, Ⅳ-2-9): the rule
-- table (an event code's points, halves allowed, with a monthly cap and a
-- validity period), the append-only ledger (0011 makes the database refuse
-- to change or delete its rows), balances per person, department and
-- organisation per period kept current with every entry, MVP selections and
-- reward payments.  Points are stored as halves (2.5 points: 5).

-- Domain events name the person they concern on the staff list (the
-- ledger's people are staff, with or without an account).
ALTER TABLE domain_events ADD COLUMN staff_id @BIGINT@ REFERENCES staff(id);
-- A staff member has at most one account, and an account one staff member.
CREATE UNIQUE INDEX staff_user ON staff(user_id) WHERE user_id IS NOT NULL;

CREATE TABLE mileage_rules (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	event_code TEXT NOT NULL,              -- 'knowledge.excellent' (app/events.c)
	name TEXT NOT NULL,                    -- what it rewards, in Korean
	points INTEGER NOT NULL,               -- halves: 3 = 1.5 points
	monthly_cap INTEGER,                   -- halves a person may earn by it in a month; NULL: none
	valid_from TEXT,                       -- 'YYYY-MM-DD'; NULL: always
	valid_to TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX mileage_rules_count ON mileage_rules(org_id, archived_at);
CREATE INDEX mileage_rules_code ON mileage_rules(org_id, event_code);

-- The ledger.  kind: auto (from a domain event through a rule), manual (an
-- administrator's award, with the reason), correction (a new entry against
-- an earlier one, booked in its period).  archived_at stays NULL: the
-- engine's lists read it, and 0011 refuses any UPDATE.
CREATE TABLE mileage_entries (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	department_id @BIGINT@ REFERENCES departments(id), -- the person's when earned
	points INTEGER NOT NULL,               -- halves, negative for a correction
	earned_on TEXT NOT NULL,               -- 'YYYY-MM-DD': the period it counts in
	kind TEXT NOT NULL,                    -- auto, manual, correction
	rule_id @BIGINT@ REFERENCES mileage_rules(id),
	event_code TEXT,
	event_id @BIGINT@ REFERENCES domain_events(id),
	source_entity TEXT,                    -- what earned it: 'knowledge-items'
	source_id @BIGINT@,
	corrects_id @BIGINT@ REFERENCES mileage_entries(id),
	awarded_by @BIGINT@ REFERENCES users(id),
	awarded_by_name TEXT,
	reason TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT
)@STRICT@;
-- one event, one entry: processing an event again awards nothing
CREATE UNIQUE INDEX mileage_entries_event ON mileage_entries(event_id);
CREATE INDEX mileage_entries_staff ON mileage_entries(staff_id, earned_on);
CREATE INDEX mileage_entries_count ON mileage_entries(org_id, archived_at);
CREATE INDEX mileage_entries_corrects ON mileage_entries(corrects_id) WHERE corrects_id IS NOT NULL;

-- The balances (sums per person, department and organisation per period)
-- are in 0011, per dialect: SQLite keeps them in their key's order.

-- 혁신MVP: the top of a month or a year, confirmed by an administrator.
CREATE TABLE mileage_mvps (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	period TEXT NOT NULL,                  -- '2006' or '2006-07'
	rank INTEGER NOT NULL,
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	department_id @BIGINT@ REFERENCES departments(id),
	points @BIGINT@ NOT NULL,              -- halves, in the period when confirmed
	confirmed_by @BIGINT@ REFERENCES users(id),
	confirmed_at TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT,
	UNIQUE (org_id, period, staff_id)
)@STRICT@;
CREATE INDEX mileage_mvps_count ON mileage_mvps(org_id, archived_at);

-- A reward paid (or to be paid) to a person, usually for an MVP selection.
CREATE TABLE mileage_rewards (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	staff_id @BIGINT@ NOT NULL REFERENCES staff(id),
	department_id @BIGINT@ REFERENCES departments(id),
	mvp_id @BIGINT@ REFERENCES mileage_mvps(id),
	period TEXT,
	title TEXT NOT NULL,                   -- '2006년 혁신MVP 최우수'
	amount @BIGINT@ NOT NULL,              -- won
	paid INTEGER NOT NULL DEFAULT 0,
	paid_on TEXT,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX mileage_rewards_count ON mileage_rewards(org_id, archived_at);
