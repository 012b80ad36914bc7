-- 0020_ledgers: what judging writes is never changed or deleted, whoever
-- asks: a contest's score sheets and frozen results (a correction is a
-- sheet's next version, a closing after a reopening the results' next
-- version), an evaluation's scores and every version of its results (a
-- recompute is the next version).
CREATE FUNCTION ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: add a new version instead', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER contest_scores_no_change BEFORE UPDATE OR DELETE ON contest_scores
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER contest_scores_no_truncate BEFORE TRUNCATE ON contest_scores
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER contest_results_no_change BEFORE UPDATE OR DELETE ON contest_results
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER contest_results_no_truncate BEFORE TRUNCATE ON contest_results
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_scores_no_change BEFORE UPDATE OR DELETE ON evaluation_scores
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_scores_no_truncate BEFORE TRUNCATE ON evaluation_scores
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_versions_no_change BEFORE UPDATE OR DELETE ON evaluation_versions
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_versions_no_truncate BEFORE TRUNCATE ON evaluation_versions
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_indicators_no_change BEFORE UPDATE OR DELETE ON evaluation_result_indicators
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_indicators_no_truncate BEFORE TRUNCATE ON evaluation_result_indicators
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_results_no_change BEFORE UPDATE OR DELETE ON evaluation_results
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_results_no_truncate BEFORE TRUNCATE ON evaluation_results
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_areas_no_change BEFORE UPDATE OR DELETE ON evaluation_result_areas
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_areas_no_truncate BEFORE TRUNCATE ON evaluation_result_areas
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_values_no_change BEFORE UPDATE OR DELETE ON evaluation_result_values
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER evaluation_result_values_no_truncate BEFORE TRUNCATE ON evaluation_result_values
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
