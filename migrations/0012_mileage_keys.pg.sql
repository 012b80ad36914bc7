-- 0012_mileage_keys (PostgreSQL): the balances keyed by numbers; see the
-- SQLite file for why.
-- subject: 0 a person (staff), 1 a department with everything under it,
-- 2 the organisation.  period: 0 all time, 2006 a year, 200607 a month.
ALTER TABLE mileage_balances
	ALTER COLUMN subject TYPE SMALLINT
		USING CASE subject WHEN 'staff' THEN 0 WHEN 'dept' THEN 1 ELSE 2 END,
	ALTER COLUMN period TYPE INTEGER
		USING CASE WHEN period = 'all' THEN 0
			   WHEN length(period) = 4 THEN CAST(period AS INTEGER)
			   ELSE CAST(substr(period, 1, 4) AS INTEGER) * 100 + CAST(substr(period, 6, 2) AS INTEGER) END;
