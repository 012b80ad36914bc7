-- 0027_manual_versions_ledger: a manual's saved versions (0024) are never
-- changed or deleted, as the ledgers of 0020: the database refuses it.

-- ledger_refuse() is 0020_ledgers.pg.sql's
CREATE TRIGGER manual_versions_no_change BEFORE UPDATE OR DELETE ON manual_versions
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse();
CREATE TRIGGER manual_versions_no_truncate BEFORE TRUNCATE ON manual_versions
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse();
