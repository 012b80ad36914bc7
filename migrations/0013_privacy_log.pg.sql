-- 0013_privacy_log (PostgreSQL): the personal-data access log (개인정보
-- 접속기록) and sessions that end with their account's credentials.
-- The log's entries are audit entries of action 'privacy.view',
-- 'privacy.export' or 'privacy.preview' (src/crud/privacy.c): hash-chained
-- with the rest of the trail, and here made append-only, whoever asks (a
-- TRUNCATE, which would take them too, is refused for the whole trail).
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE FUNCTION audit_log_privacy_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'TRUNCATE' OR OLD.action LIKE 'privacy.%'
	   OR (TG_OP = 'UPDATE' AND NEW.action LIKE 'privacy.%') THEN
		RAISE EXCEPTION 'the privacy log is append-only';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER audit_log_privacy_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_privacy_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_privacy_refuse();

-- Every session of an account ends when its password changes or it is
-- locked or archived, whichever path writes it (a page, the shell, SQL).
CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM sessions WHERE user_id = NEW.id;
	RETURN NEW;
END
$$;
CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, locked_at, archived_at ON users
	FOR EACH ROW WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash
	  OR (NEW.locked_at IS NOT NULL AND OLD.locked_at IS NULL)
	  OR (NEW.archived_at IS NOT NULL AND OLD.archived_at IS NULL))
	EXECUTE FUNCTION users_end_sessions();
