-- 0023_devolved: the devolved-affairs registry (지방이양사무; SPEC.md §10,
-- issue 17 points 1-5; seed Ⅳ-2-10): the management card (관리카드) of
-- each affair the 지방이양추진위원회 decided to devolve, its ordinance and
-- rule revisions, manual, handover and delegation; the general inspection
-- rounds (일제 점검, 2007-09) and each card's result in a round.  A card's
-- history is its audit trail (audit_log, entity 'devolved-affairs').

CREATE TABLE devolved_affairs (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	affair_no TEXT NOT NULL,                -- 사무번호, the ministry's list's key; one per organisation
	name TEXT NOT NULL,
	law TEXT,                               -- 근거법령
	article TEXT,                           -- its article (제12조 제1항)
	decided_by TEXT NOT NULL DEFAULT '지방이양추진위원회',
	decided_on TEXT,
	ministry TEXT,                          -- the ministry it came from (종전 소관부처)
	department_id @BIGINT@ REFERENCES departments(id),
	officer_id @BIGINT@ REFERENCES staff(id),
	status TEXT NOT NULL DEFAULT 'progress', -- done (완료), progress (진행), abolished (사무폐지)
	ordinances_needed INTEGER NOT NULL DEFAULT 0,
	ordinances_done INTEGER NOT NULL DEFAULT 0, -- never more than needed
	ordinance_numbers TEXT,                 -- the ordinances' numbers (조례 제3456호)
	rules_needed INTEGER NOT NULL DEFAULT 0,
	rules_done INTEGER NOT NULL DEFAULT 0,
	rule_numbers TEXT,
	manual_written INTEGER NOT NULL DEFAULT 0,
	handover_done INTEGER NOT NULL DEFAULT 0,   -- 인계·인수
	delegation TEXT,                        -- 사무위임 사항, when the affair is delegated on
	staff_transferred INTEGER NOT NULL DEFAULT 0,  -- persons
	budget_transferred @BIGINT@ NOT NULL DEFAULT 0, -- won
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX devolved_affairs_count ON devolved_affairs(org_id, archived_at);
CREATE UNIQUE INDEX devolved_affairs_no ON devolved_affairs(org_id, affair_no);
-- the registry's and a round's figures per department and status
CREATE INDEX devolved_affairs_dept ON devolved_affairs(org_id, department_id, status)
	WHERE archived_at IS NULL;
-- a department's cards in the order of their numbers (its print, its list of work)
CREATE INDEX devolved_affairs_dept_no ON devolved_affairs(org_id, department_id, affair_no, id)
	WHERE archived_at IS NULL;

CREATE TABLE devolved_inspections (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,                     -- 2007년 지방이양사무 일제 점검
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,                  -- not before starts_on
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX devolved_inspections_count ON devolved_inspections(org_id, archived_at);

CREATE TABLE devolved_checks (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	inspection_id @BIGINT@ NOT NULL REFERENCES devolved_inspections(id),
	affair_id @BIGINT@ NOT NULL REFERENCES devolved_affairs(id),
	result TEXT NOT NULL,                   -- ok (적정), fix (보완 필요: its note says what)
	note TEXT,
	checked_by @BIGINT@ REFERENCES staff(id),
	checked_on TEXT NOT NULL,               -- within its round's period
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX devolved_checks_count ON devolved_checks(org_id, archived_at);
-- one live result per card and round
CREATE UNIQUE INDEX devolved_checks_one ON devolved_checks(inspection_id, affair_id)
	WHERE archived_at IS NULL;
