-- 0013_privacy_log (SQLite): the personal-data access log (개인정보
-- 접속기록) and sessions that end with their account's credentials.
-- The log's entries are audit entries of action 'privacy.view',
-- 'privacy.export' or 'privacy.preview' (src/crud/privacy.c): hash-chained
-- with the rest of the trail, and here made append-only, whoever asks.
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE TRIGGER audit_log_privacy_no_update BEFORE UPDATE ON audit_log
	WHEN OLD.action LIKE 'privacy.%' OR NEW.action LIKE 'privacy.%'
BEGIN
	SELECT RAISE(ABORT, 'the privacy log is append-only');
END;
CREATE TRIGGER audit_log_privacy_no_delete BEFORE DELETE ON audit_log
	WHEN OLD.action LIKE 'privacy.%'
BEGIN
	SELECT RAISE(ABORT, 'the privacy log is append-only');
END;

-- Every session of an account ends when its password changes or it is
-- locked or archived, whichever path writes it (a page, the shell, SQL).
CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, locked_at, archived_at ON users
	WHEN NEW.password_hash IS NOT OLD.password_hash
	  OR (NEW.locked_at IS NOT NULL AND OLD.locked_at IS NULL)
	  OR (NEW.archived_at IS NOT NULL AND OLD.archived_at IS NULL)
BEGIN
	DELETE FROM sessions WHERE user_id = NEW.id;
END;
