-- 0027_manual_versions_ledger: a manual's saved versions (0024) are never
-- changed or deleted, as the ledgers of 0020: the database refuses it.

CREATE TRIGGER manual_versions_no_update BEFORE UPDATE ON manual_versions
BEGIN
	SELECT RAISE(ABORT, 'manual_versions is append-only: add a new version instead');
END;
CREATE TRIGGER manual_versions_no_delete BEFORE DELETE ON manual_versions
BEGIN
	SELECT RAISE(ABORT, 'manual_versions is append-only: add a new version instead');
END;
