-- 0012_mileage_keys (SQLite): the ledger's people index led by the month,
-- and the balances keyed by numbers.
--
-- A bulk award writes one day's entries for many people.  Led by the
-- person, the index took each of them in a different place of the whole
-- ledger (100,000 people over 10 M entries: 6.8 s to append, mostly pages
-- written back); led by the month, they go into that month's part of it
-- (0.7 s).  A person's entries are read month by month: the months they
-- earned in are their balance rows.
DROP INDEX mileage_entries_staff;
CREATE INDEX mileage_entries_month ON mileage_entries(substr(earned_on, 1, 7), staff_id, earned_on);

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
