-- 0011_mileage_append_only (PostgreSQL): the ledger's rows are never
-- changed, deleted or truncated, whoever asks: a correction is a new entry.
CREATE FUNCTION mileage_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'mileage_entries is append-only: add a correction instead';
END
$$;
CREATE TRIGGER mileage_entries_no_change BEFORE UPDATE OR DELETE ON mileage_entries
	FOR EACH ROW EXECUTE FUNCTION mileage_entries_refuse();
CREATE TRIGGER mileage_entries_no_truncate BEFORE TRUNCATE ON mileage_entries
	FOR EACH STATEMENT EXECUTE FUNCTION mileage_entries_refuse();
