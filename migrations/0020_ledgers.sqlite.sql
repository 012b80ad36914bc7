-- 0020_ledgers: what judging writes is never changed or deleted, whoever
-- asks: a contest's score sheets and frozen results (a correction is a
-- sheet's next version, a closing after a reopening the results' next
-- version), an evaluation's scores and every version of its results (a
-- recompute is the next version).
CREATE TRIGGER contest_scores_no_update BEFORE UPDATE ON contest_scores
BEGIN
	SELECT RAISE(ABORT, 'contest_scores is append-only: add a new version instead');
END;
CREATE TRIGGER contest_scores_no_delete BEFORE DELETE ON contest_scores
BEGIN
	SELECT RAISE(ABORT, 'contest_scores is append-only: add a new version instead');
END;
CREATE TRIGGER contest_results_no_update BEFORE UPDATE ON contest_results
BEGIN
	SELECT RAISE(ABORT, 'contest_results is append-only: add a new version instead');
END;
CREATE TRIGGER contest_results_no_delete BEFORE DELETE ON contest_results
BEGIN
	SELECT RAISE(ABORT, 'contest_results is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_scores_no_update BEFORE UPDATE ON evaluation_scores
BEGIN
	SELECT RAISE(ABORT, 'evaluation_scores is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_scores_no_delete BEFORE DELETE ON evaluation_scores
BEGIN
	SELECT RAISE(ABORT, 'evaluation_scores is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_versions_no_update BEFORE UPDATE ON evaluation_versions
BEGIN
	SELECT RAISE(ABORT, 'evaluation_versions is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_versions_no_delete BEFORE DELETE ON evaluation_versions
BEGIN
	SELECT RAISE(ABORT, 'evaluation_versions is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_indicators_no_update BEFORE UPDATE ON evaluation_result_indicators
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_indicators is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_indicators_no_delete BEFORE DELETE ON evaluation_result_indicators
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_indicators is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_results_no_update BEFORE UPDATE ON evaluation_results
BEGIN
	SELECT RAISE(ABORT, 'evaluation_results is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_results_no_delete BEFORE DELETE ON evaluation_results
BEGIN
	SELECT RAISE(ABORT, 'evaluation_results is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_areas_no_update BEFORE UPDATE ON evaluation_result_areas
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_areas is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_areas_no_delete BEFORE DELETE ON evaluation_result_areas
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_areas is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_values_no_update BEFORE UPDATE ON evaluation_result_values
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_values is append-only: add a new version instead');
END;
CREATE TRIGGER evaluation_result_values_no_delete BEFORE DELETE ON evaluation_result_values
BEGIN
	SELECT RAISE(ABORT, 'evaluation_result_values is append-only: add a new version instead');
END;
