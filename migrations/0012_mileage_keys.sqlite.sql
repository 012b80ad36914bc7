-- 0012_mileage_keys (SQLite): the balances keyed by numbers.
-- subject: 0 a person (staff), 1 a department with everything under it,
-- 2 the organisation.  period: 0 all time, 2006 a year, 200607 a month.
-- Numbers compare faster than the words of 0011 (a bulk award's 300,000
-- balance rows: 2.4 s written as words, 1.6 s as numbers).
CREATE TABLE mileage_balances_new (
	org_id INTEGER NOT NULL REFERENCES organisations(id),
	subject INTEGER NOT NULL,
	subject_id INTEGER NOT NULL,
	period INTEGER NOT NULL,
	points INTEGER NOT NULL DEFAULT 0,
	entries INTEGER NOT NULL DEFAULT 0,
	people INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (org_id, subject, period, subject_id)
) WITHOUT ROWID, STRICT;
INSERT INTO mileage_balances_new
SELECT org_id,
       CASE subject WHEN 'staff' THEN 0 WHEN 'dept' THEN 1 ELSE 2 END,
       subject_id,
       CASE WHEN period = 'all' THEN 0
            WHEN length(period) = 4 THEN CAST(period AS INTEGER)
            ELSE CAST(substr(period, 1, 4) AS INTEGER) * 100 + CAST(substr(period, 6, 2) AS INTEGER) END,
       points, entries, people
FROM mileage_balances;
DROP TABLE mileage_balances;
ALTER TABLE mileage_balances_new RENAME TO mileage_balances;
-- a leaderboard's page (and the rank of its first row) read from this index alone
CREATE INDEX mileage_balances_rank ON mileage_balances(org_id, subject, period, points DESC, subject_id, entries);
