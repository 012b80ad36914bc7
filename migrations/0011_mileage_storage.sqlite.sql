-- 0011_mileage_storage (SQLite): the balances, stored in their key's order
-- (WITHOUT ROWID: one B-tree to rewrite, not a row table beside its key; a
-- bulk award to 100,000 of 400,000 people over 10 M entries went from
-- 14.4 s to 5.5 s), and the ledger made append-only: its rows are never
-- changed or deleted, whoever asks; a correction is a new entry.
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
) WITHOUT ROWID, STRICT;
-- a leaderboard's page (and the rank of its first row) read from this index alone
CREATE INDEX mileage_balances_rank ON mileage_balances(org_id, subject, period, points DESC, subject_id, entries);

CREATE TRIGGER mileage_entries_no_update BEFORE UPDATE ON mileage_entries
BEGIN
	SELECT RAISE(ABORT, 'mileage_entries is append-only: add a correction instead');
END;
CREATE TRIGGER mileage_entries_no_delete BEFORE DELETE ON mileage_entries
BEGIN
	SELECT RAISE(ABORT, 'mileage_entries is append-only: add a correction instead');
END;
