-- 0020_contest_ledgers: a contest's score sheets and frozen results are
-- never changed or deleted, whoever asks: a correction is a sheet's next
-- version, a closing after a reopening the results' next version.
CREATE FUNCTION contest_ledgers_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: add a new version instead', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER contest_scores_no_change BEFORE UPDATE OR DELETE ON contest_scores
	FOR EACH ROW EXECUTE FUNCTION contest_ledgers_refuse();
CREATE TRIGGER contest_scores_no_truncate BEFORE TRUNCATE ON contest_scores
	FOR EACH STATEMENT EXECUTE FUNCTION contest_ledgers_refuse();
CREATE TRIGGER contest_results_no_change BEFORE UPDATE OR DELETE ON contest_results
	FOR EACH ROW EXECUTE FUNCTION contest_ledgers_refuse();
CREATE TRIGGER contest_results_no_truncate BEFORE TRUNCATE ON contest_results
	FOR EACH STATEMENT EXECUTE FUNCTION contest_ledgers_refuse();
