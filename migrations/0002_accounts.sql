-- 0002_accounts: departments (the tree scopes are cut from), user accounts,
-- sessions, personal API tokens, one-time setup links, login throttling and
-- the hash-chained audit trail.  Macros: see 0001_core.sql.

-- A department of an organisation: 국 → 과 → 팀, or a 동 주민센터.  path
-- lists the ids from the root ('/3/17/'), so a subtree is path LIKE '/3/%'.
CREATE TABLE departments (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	parent_id @BIGINT@ REFERENCES departments(id),
	name TEXT NOT NULL,                    -- e.g. '혁신기획단'
	path TEXT NOT NULL DEFAULT '/',        -- ids from the root, slash-separated
	created_at TEXT NOT NULL DEFAULT @NOW@
)@STRICT@;
CREATE INDEX departments_org ON departments(org_id, path);

-- A person who signs in.  role is one of admin, manager, member, expert,
-- judge, evaluator, supporter, resident (src/auth/role.c).
CREATE TABLE users (
	id @ID@,
	org_id @BIGINT@ NOT NULL REFERENCES organisations(id),
	login TEXT NOT NULL UNIQUE,            -- unique in the installation
	name TEXT NOT NULL,                    -- shown name, e.g. '김혁신'
	role TEXT NOT NULL,
	department_id @BIGINT@ REFERENCES departments(id), -- a manager's scope
	password_hash TEXT,                    -- argon2id; NULL until set up
	must_change_password INTEGER NOT NULL DEFAULT 1,
	failed_logins INTEGER NOT NULL DEFAULT 0, -- since the last success
	locked_at TEXT,                        -- set after too many failures
	last_login_at TEXT,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	archived_at TEXT                       -- no longer signs in; history kept
)@STRICT@;
CREATE INDEX users_org ON users(org_id);

-- Expert, judge and evaluator see only the records they are assigned.
CREATE TABLE user_assignments (
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	entity TEXT NOT NULL,                  -- e.g. 'knowledge-items'
	record_id @BIGINT@ NOT NULL,
	PRIMARY KEY (user_id, entity, record_id)
)@STRICT@;

-- A signed-in browser.  Only the SHA-256 of the cookie's token is kept.
CREATE TABLE sessions (
	id @ID@,
	token_hash TEXT NOT NULL UNIQUE,
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,            -- idle expiry counts from here
	expires_at TEXT NOT NULL,              -- absolute expiry
	ip TEXT,
	user_agent TEXT
)@STRICT@;
CREATE INDEX sessions_user ON sessions(user_id);

-- A personal token for /api/v1, shown once; only its hash is kept.
CREATE TABLE api_tokens (
	id @ID@,
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL DEFAULT @NOW@,
	last_used_at TEXT,
	revoked_at TEXT
)@STRICT@;

-- A one-time link that lets a new account choose its password.
CREATE TABLE setup_links (
	token_hash TEXT NOT NULL PRIMARY KEY,
	user_id @BIGINT@ NOT NULL REFERENCES users(id),
	expires_at TEXT NOT NULL,
	used_at TEXT
)@STRICT@;

-- Failed sign-ins per account ('login') and per client address ('ip'),
-- with the time before which another attempt is refused.
CREATE TABLE login_throttle (
	kind TEXT NOT NULL,
	key TEXT NOT NULL,
	failures INTEGER NOT NULL DEFAULT 0,
	blocked_until TEXT NOT NULL,
	PRIMARY KEY (kind, key)
)@STRICT@;

-- Every write and every view of personal data, append-only.  hash is the
-- SHA-256 of prev_hash and this entry's fields (src/auth/audit.c), so an
-- edited or deleted entry breaks the chain; settings 'audit.head' holds the
-- newest id and hash, so a deleted newest entry shows too.
CREATE TABLE audit_log (
	id @ID@,
	org_id @BIGINT@,                       -- NULL: installation-wide
	at TEXT NOT NULL,                      -- UTC, ISO 8601 with microseconds
	actor_id @BIGINT@,                     -- NULL: the system or an anonymous client
	actor TEXT NOT NULL,                   -- the login at the time, 'system' or 'anonymous'
	ip TEXT,                               -- client address, NULL from the shell
	action TEXT NOT NULL,                  -- create, update, archive, view, login, ...
	entity TEXT NOT NULL,                  -- e.g. 'users'
	record_id TEXT,                        -- the record's id, NULL for none
	diff TEXT NOT NULL,                    -- JSON {"field": [old, new]}, secrets redacted
	prev_hash TEXT NOT NULL,               -- hash of the entry before; 64 zeros first
	hash TEXT NOT NULL
)@STRICT@;
CREATE INDEX audit_log_record ON audit_log(entity, record_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
