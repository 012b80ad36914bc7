-- 0020_contest_ledgers: a contest's score sheets and frozen results are
-- never changed or deleted, whoever asks: a correction is a sheet's next
-- version, a closing after a reopening the results' next version.
CREATE TRIGGER contest_scores_no_update BEFORE UPDATE ON contest_scores
BEGIN
	SELECT RAISE(ABORT, 'contest_scores is append-only: submit a corrected version instead');
END;
CREATE TRIGGER contest_scores_no_delete BEFORE DELETE ON contest_scores
BEGIN
	SELECT RAISE(ABORT, 'contest_scores is append-only: submit a corrected version instead');
END;
CREATE TRIGGER contest_results_no_update BEFORE UPDATE ON contest_results
BEGIN
	SELECT RAISE(ABORT, 'contest_results is append-only: close the contest again instead');
END;
CREATE TRIGGER contest_results_no_delete BEFORE DELETE ON contest_results
BEGIN
	SELECT RAISE(ABORT, 'contest_results is append-only: close the contest again instead');
END;
