-- 0019_evaluations: the administrative-innovation evaluations
-- (행정혁신 우수부서 평가; SPEC.md §9, seed Ⅳ-2-11): a round (a year's
-- evaluation of the departments of the 구청 and 보건소, or of the 동 주민센터),
-- its areas with their points (혁신역량, 혁신과제, …), its indicators (computed
-- from InnoLand's records, or scored by assigned evaluators), the targets
-- evaluated, the evaluators' scores (append-only: a correction is a new
-- version with its reason), and what closing computed, version by version
-- (the results never move once written; a recompute is a new version).
-- The triggers that make the scores and the results append-only are
-- 0020's, per dialect.

CREATE TABLE evaluations (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	year INTEGER NOT NULL,
	title TEXT NOT NULL,                   -- '2006년 행정혁신 우수부서 평가'
	subject TEXT NOT NULL,                 -- departments (구청·보건소의 부서), dongs (동 주민센터)
	period_from TEXT NOT NULL,             -- the records counted: 'YYYY-MM-DD' ..
	period_to TEXT NOT NULL,               -- .. 'YYYY-MM-DD'
	held_in TEXT,                          -- 'YYYY-MM': when the evaluation was held
	status TEXT NOT NULL DEFAULT 'open',   -- open (진행), closed (마감)
	published INTEGER NOT NULL DEFAULT 0,  -- 1: the departments see their result and the ranking
	best_count INTEGER NOT NULL DEFAULT 1,      -- 최우수 places
	excellent_count INTEGER NOT NULL DEFAULT 3, -- 우수 places
	linked_to TEXT,                        -- the evaluation it is run with, as text
	version INTEGER NOT NULL DEFAULT 0,    -- the newest results' version; 0: none yet
	note TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX evaluations_count ON evaluations(org_id, archived_at);

-- An area of a round and its points (the sum of its indicators' weights).
CREATE TABLE evaluation_areas (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	name TEXT NOT NULL,                    -- 혁신역량
	weight INTEGER NOT NULL,               -- its points: 40
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX evaluation_areas_count ON evaluation_areas(org_id, archived_at);
CREATE INDEX evaluation_areas_round ON evaluation_areas(evaluation_id, sort_order);

-- An indicator: computed (measure, norm, target_value) or scored (score_lo .. score_hi).
CREATE TABLE evaluation_indicators (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	area_id @BIGINT@ NOT NULL REFERENCES evaluation_areas(id),
	name TEXT NOT NULL,
	weight INTEGER NOT NULL,               -- its points
	method TEXT NOT NULL,                  -- computed, scored
	measure TEXT,                          -- computed: the measure (evaluations.h)
	norm TEXT,                             -- computed: ratio_best, rank_bands, target
	target_value INTEGER,                  -- norm target: the raw value of full points, in halves
	score_lo INTEGER NOT NULL DEFAULT 0,   -- scored: the range
	score_hi INTEGER NOT NULL DEFAULT 10,
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX evaluation_indicators_count ON evaluation_indicators(org_id, archived_at);
CREATE INDEX evaluation_indicators_round ON evaluation_indicators(evaluation_id, sort_order);

-- A department evaluated in a round; sort_order is the stated tie rule's order (직제순).
CREATE TABLE evaluation_targets (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	department_id @BIGINT@ NOT NULL REFERENCES departments(id),
	sort_order INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	updated_at TEXT,
	archived_at TEXT
)@STRICT@;
CREATE INDEX evaluation_targets_count ON evaluation_targets(org_id, archived_at);
CREATE INDEX evaluation_targets_round ON evaluation_targets(evaluation_id, sort_order);
CREATE UNIQUE INDEX evaluation_targets_one ON evaluation_targets(evaluation_id, department_id)
	WHERE archived_at IS NULL;

-- An evaluator's score of a scored indicator for a target: never changed;
-- a correction is a row of the next version with its reason, the latest counts.
CREATE TABLE evaluation_scores (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	target_id @BIGINT@ NOT NULL REFERENCES evaluation_targets(id),
	indicator_id @BIGINT@ NOT NULL REFERENCES evaluation_indicators(id),
	evaluator_user_id @BIGINT@ NOT NULL REFERENCES users(id),
	evaluator_name TEXT NOT NULL,
	score INTEGER NOT NULL,                -- halves
	version INTEGER NOT NULL,              -- 1, then 2 for the first correction, …
	reason TEXT,                           -- why a correction was made
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT,
	UNIQUE (target_id, indicator_id, evaluator_user_id, version)
)@STRICT@;
CREATE INDEX evaluation_scores_count ON evaluation_scores(org_id, archived_at);
CREATE INDEX evaluation_scores_round ON evaluation_scores(evaluation_id, indicator_id, target_id);

-- What a close or a recompute found, one row a version.
CREATE TABLE evaluation_versions (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	version INTEGER NOT NULL,
	kind TEXT NOT NULL,                    -- close, recompute
	period_from TEXT NOT NULL,             -- the period the records were counted in
	period_to TEXT NOT NULL,
	computed_at TEXT NOT NULL,
	computed_by TEXT NOT NULL,             -- who: a name
	reason TEXT,
	UNIQUE (evaluation_id, version)
)@STRICT@;

-- The indicators as a version counted them (and their areas): a closed
-- result reads its definitions from here, so editing or archiving an area
-- or an indicator later moves no version already written.
CREATE TABLE evaluation_result_indicators (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	version INTEGER NOT NULL,
	indicator_id @BIGINT@ NOT NULL REFERENCES evaluation_indicators(id),
	area_id @BIGINT@ NOT NULL REFERENCES evaluation_areas(id),
	area_name TEXT NOT NULL,
	area_weight INTEGER NOT NULL,
	position INTEGER NOT NULL,             -- the order shown: areas', then indicators' order
	name TEXT NOT NULL,
	weight INTEGER NOT NULL,
	method TEXT NOT NULL,
	measure TEXT NOT NULL,                 -- '' for a scored one
	norm TEXT NOT NULL,                    -- '' for a scored one
	target_value INTEGER NOT NULL,         -- halves; 0: none
	score_lo INTEGER NOT NULL,
	score_hi INTEGER NOT NULL,
	UNIQUE (evaluation_id, version, position)
)@STRICT@;

-- A target's total, rank and tier in a version.
CREATE TABLE evaluation_results (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	version INTEGER NOT NULL,
	target_id @BIGINT@ NOT NULL REFERENCES evaluation_targets(id),
	department_id @BIGINT@ NOT NULL REFERENCES departments(id),
	total INTEGER NOT NULL,                -- hundredths
	tie INTEGER NOT NULL,                  -- the tie criterion's figure, hundredths
	rank INTEGER NOT NULL,
	tier INTEGER NOT NULL,                 -- 1 최우수, 2 우수, 0 none
	tie_broken INTEGER NOT NULL,           -- scoring_rank()'s: 1 by the tie criterion, 2 by order
	UNIQUE (evaluation_id, version, target_id)
)@STRICT@;
CREATE INDEX evaluation_results_rank ON evaluation_results(evaluation_id, version, rank);

-- A target's points in each area in a version (the sum of its values'),
-- for the ranking, which shows them beside the total.
CREATE TABLE evaluation_result_areas (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	version INTEGER NOT NULL,
	target_id @BIGINT@ NOT NULL REFERENCES evaluation_targets(id),
	area_id @BIGINT@ NOT NULL REFERENCES evaluation_areas(id),
	points INTEGER NOT NULL,               -- hundredths
	UNIQUE (evaluation_id, version, target_id, area_id)
)@STRICT@;

-- An indicator's raw value and points for a target in a version: raw is
-- num / den (a count and a headcount, halves of points and twice the
-- headcount, …), kept exact.
CREATE TABLE evaluation_result_values (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	evaluation_id @BIGINT@ NOT NULL REFERENCES evaluations(id),
	version INTEGER NOT NULL,
	target_id @BIGINT@ NOT NULL REFERENCES evaluation_targets(id),
	indicator_id @BIGINT@ NOT NULL REFERENCES evaluation_indicators(id),
	num @BIGINT@ NOT NULL,
	den @BIGINT@ NOT NULL,
	points INTEGER NOT NULL,               -- hundredths
	UNIQUE (evaluation_id, version, target_id, indicator_id)
)@STRICT@;
CREATE INDEX evaluation_result_values_ind ON evaluation_result_values(evaluation_id, version, indicator_id);

-- The computed indicators ask, for each target, a department subtree's
-- records of the period: these indexes answer each such question from a
-- range of one department's rows, not a walk of the whole table.
CREATE INDEX evaluation_knowledge ON knowledge_items(department_id, registered_on, status)
	WHERE archived_at IS NULL;
CREATE INDEX evaluation_mileage ON mileage_entries(department_id, earned_on, points);
CREATE INDEX evaluation_enrolments ON enrolments(department_id, status, completed_on);
CREATE INDEX evaluation_redesigns ON process_redesigns(department_id, year) WHERE archived_at IS NULL;
CREATE INDEX evaluation_tasks_lead ON tasks(lead_department_id, year) WHERE archived_at IS NULL;
