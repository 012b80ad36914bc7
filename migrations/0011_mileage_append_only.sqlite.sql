-- 0011_mileage_append_only (SQLite): the ledger's rows are never changed
-- or deleted, whoever asks: a correction is a new entry.
CREATE TRIGGER mileage_entries_no_update BEFORE UPDATE ON mileage_entries
BEGIN
	SELECT RAISE(ABORT, 'mileage_entries is append-only: add a correction instead');
END;
CREATE TRIGGER mileage_entries_no_delete BEFORE DELETE ON mileage_entries
BEGIN
	SELECT RAISE(ABORT, 'mileage_entries is append-only: add a correction instead');
END;
