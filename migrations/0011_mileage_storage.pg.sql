-- 0011_mileage_storage (PostgreSQL): the balances, and the ledger made
-- append-only: its rows are never changed, deleted or truncated, whoever
-- asks; a correction is a new entry.
-- Sums per subject and period, kept in the transaction of every entry:
-- subject 'staff' (a person), 'dept' (a department with everything under
-- it), 'org' (the organisation; people: how many persons earned in the
-- period).  period: 'all', '2006', '2006-07'.  Points in halves.
CREATE TABLE mileage_balances (
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	subject TEXT NOT NULL,
	subject_id @BIGINT@ NOT NULL,
	period TEXT NOT NULL,
	points @BIGINT@ NOT NULL DEFAULT 0,
	entries @BIGINT@ NOT NULL DEFAULT 0,
	people @BIGINT@ NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, subject, period, subject_id)
);
-- a leaderboard's page (and the rank of its first row) read from this index alone
CREATE INDEX mileage_balances_rank ON mileage_balances(org_id, subject, period, points DESC, subject_id, entries);

CREATE FUNCTION mileage_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'mileage_entries is append-only: add a correction instead';
END
$$;
CREATE TRIGGER mileage_entries_no_change BEFORE UPDATE OR DELETE ON mileage_entries
	FOR EACH ROW EXECUTE FUNCTION mileage_entries_refuse();
CREATE TRIGGER mileage_entries_no_truncate BEFORE TRUNCATE ON mileage_entries
	FOR EACH STATEMENT EXECUTE FUNCTION mileage_entries_refuse();
