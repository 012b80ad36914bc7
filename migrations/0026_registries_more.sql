-- 0026_registries_more: more of the innovation office's registries (issue
-- 17 points 6, 7, 8, 13; seed Ⅳ-1-4, Ⅳ-1-5, Ⅳ-2-4, Ⅳ-2-8):
--  - complaint_improvements (민원제도개선): a problem found in complaints or
--    in the office's own rules, its proposal, how many residents it
--    reaches, its status (found → reviewing → done / rejected), and the
--    meetings of the 민원제도개선협의회 and 과제발굴 모니터단 that dealt with
--    it (record_links ('complaint-improvements', 'meetings'));
--  - complaint_evaluations: its quarterly evaluation (분기별 평가), one score
--    and note a quarter;
--  - supporters (행정혁신 서포터즈): the roster, with the account a
--    supporter signs in with; their advice is task_advice by that account;
--  - benchmarkings (혁신 우수기관 벤치마킹): a visit or site visit, its
--    findings and follow-up, and the knowledge item it was published as;
--  - disclosures (혁신활동 추진성과의 공시, twice a year): a dated document
--    whose chosen records are record_links ('disclosures', field).

CREATE TABLE complaint_improvements (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,                   -- the problem
	source TEXT NOT NULL,                  -- repeated, chronic, internal
	proposal TEXT,
	beneficiaries INTEGER,                 -- residents it reaches; NULL: not known
	department_id @BIGINT@ REFERENCES departments(id),
	found_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'found',  -- found, reviewing, done, rejected
	decided_on TEXT,                       -- the day it was done or rejected
	reason TEXT,                           -- why it was rejected
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX complaint_improvements_count ON complaint_improvements(org_id, archived_at);

CREATE TABLE complaint_evaluations (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	improvement_id @BIGINT@ NOT NULL REFERENCES complaint_improvements(id),
	year INTEGER NOT NULL,
	quarter INTEGER NOT NULL,              -- 1..4
	score INTEGER NOT NULL,                -- 0..100
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX complaint_evaluations_count ON complaint_evaluations(org_id, archived_at);
-- one live evaluation a quarter (entities.c refuses a second with 422)
CREATE UNIQUE INDEX complaint_evaluations_quarter ON complaint_evaluations(improvement_id, year, quarter) WHERE archived_at IS NULL;

CREATE TABLE supporters (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                    -- expert (외부전문가), resident (주민)
	field TEXT,                            -- 자문 분야
	affiliation TEXT,
	term_from TEXT NOT NULL,
	term_to TEXT NOT NULL,
	user_id @BIGINT@ REFERENCES users(id), -- the account they sign in with
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX supporters_count ON supporters(org_id, archived_at);
-- a supporter's page lists the advice given with their account
CREATE INDEX task_advice_author ON task_advice(author_user_id, id);

CREATE TABLE benchmarkings (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	institution TEXT NOT NULL,
	region TEXT NOT NULL,                  -- domestic, overseas
	sector TEXT NOT NULL,                  -- public, private
	method TEXT NOT NULL,                  -- visit (현장 방문), site (사이트 방문)
	visited_on TEXT NOT NULL,
	findings TEXT,
	follow_up TEXT NOT NULL DEFAULT 'reviewing', -- immediate, agenda, reviewing
	status TEXT NOT NULL DEFAULT 'planned', -- planned, done
	knowledge_item_id @BIGINT@ REFERENCES knowledge_items(id), -- once published
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX benchmarkings_count ON benchmarkings(org_id, archived_at);
CREATE INDEX benchmarkings_day ON benchmarkings(org_id, visited_on);

CREATE TABLE disclosures (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	title TEXT NOT NULL,
	year INTEGER NOT NULL,
	half TEXT NOT NULL,                    -- h1 (상반기), h2 (하반기)
	disclosed_on TEXT NOT NULL,
	summary TEXT,
	published INTEGER NOT NULL DEFAULT 0,  -- 1: on the public portal (issue 18)
	published_on TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX disclosures_count ON disclosures(org_id, archived_at);
