/* users.c: accounts, setup links and API tokens; see users.h. */
#include "auth/users.h"

#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"

const char *user_check_login(const char *login)
{
	size_t n = strlen(login);
	if (n < 3 || n > 32)
		return "아이디는 3자 이상 32자 이하로 입력해 주세요.";
	for (size_t i = 0; i < n; i++) {
		char ch = login[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr("._-", ch)))
			return "아이디에는 영문 소문자, 숫자, 마침표(.), 밑줄(_), 하이픈(-)만 쓸 "
			       "수 "
			       "있습니다.";
	}
	return NULL;
}

const char *user_check_name(const char *name)
{
	size_t n = strlen(name);
	long chars = utf8_length(name, n);
	if (chars < 0)
		return "이름에 올바르지 않은 문자가 있습니다.";
	if (chars < 1 || chars > 50)
		return "이름은 1자 이상 50자 이하로 입력해 주세요.";
	switch (utf8_text_flaw(name, n, 0)) {
	case TEXT_OK: return NULL;
	case TEXT_SPOOF:
		return "이름에 글자 방향을 바꾸는 문자나 보이지 않는 문자를 쓸 수 없습니다.";
	default: return "이름에 제어 문자를 쓸 수 없습니다.";
	}
}

int64_t user_find(struct db_conn *c, const char *login)
{
	int rc;
	int64_t id = db_int(c, &rc, 0, "SELECT id FROM users WHERE login = ?", "t", login);
	return rc == DB_ERR ? -1 : id;
}

int64_t org_find(struct db_conn *c, const char *code)
{
	int rc;
	int64_t id = db_int(c, &rc, 0, "SELECT id FROM organisations WHERE code = ?", "t", code);
	return rc == DB_ERR ? -1 : id;
}

int64_t org_find_or_first(struct db_conn *c, const char *code)
{
	if (!c)
		return -1;
	if (code)
		return org_find(c, code);
	int rc;
	int64_t id = db_int(c, &rc, 0, "SELECT COALESCE(MIN(id), 0) FROM organisations", "");
	return rc == DB_ERR ? -1 : id;
}

/* Commits, or rolls back and answers -1. */
static int finish(struct db_conn *c, int ok)
{
	if (ok && db_commit(c) == DB_OK)
		return 0;
	db_rollback(c);
	return -1;
}

int64_t user_create(struct db_conn *c, const struct audit_actor *by, int64_t org_id,
		    const char *login, const char *name, const char *role, const char *password,
		    const char **why)
{
	char hash[PASSWORD_HASH_LEN] = "";
	*why = user_check_login(login);
	if (!*why)
		*why = user_check_name(name);
	if (!*why && role_parse(role) < 0)
		*why = "역할은 admin, manager, member, expert, judge, evaluator, supporter, "
		       "resident "
		       "중 하나여야 합니다.";
	if (!*why && password)
		*why = password_policy(password, strlen(password), login, NULL);
	if (!*why && password && password_hash(password, strlen(password), hash) != 0)
		return -1;
	if (*why)
		return 0;
	if (db_begin(c) != DB_OK)
		return -1;
	int64_t taken = user_find(c, login);
	if (taken != 0) {
		db_rollback(c);
		if (taken < 0)
			return -1;
		*why = "이미 사용 중인 아이디입니다.";
		return 0;
	}
	int ok = db_run(c, NULL,
			"INSERT INTO users (org_id, login, name, role, password_hash, "
			"must_change_password) VALUES (?, ?, ?, ?, ?, 1)",
			"itttt", org_id, login, name, role, password ? hash : NULL) == DB_OK;
	int64_t id = ok ? user_find(c, login) : 0; /* -1 on error fails the audit below */
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	json_t *after =
		json_pack("{s:s, s:s, s:s, s:I, s:s}", "login", login, "name", name, "role", role,
			  "org_id", (json_int_t)org_id, "password_hash", password ? "set" : "");
	static const char *const secret[] = {"password_hash", NULL};
	json_t *diff = audit_diff(NULL, after, secret);
	ok = ok && id > 0 && audit_append(c, by, "create", "users", rid, diff) == 0;
	json_decref(after);
	json_decref(diff);
	return finish(c, ok) == 0 ? id : -1;
}

int setup_link_create(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
		      char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1], until[24], rid[24];
	token_new(token);
	token_hash(token, strlen(token), hash);
	utc_now(SETUP_LINK_HOURS * 3600L, until);
	snprintf(rid, sizeof rid, "%lld", (long long)user_id);
	if (db_begin(c) != DB_OK)
		return -1;
	int ok =
		db_run(c, NULL,
		       "INSERT INTO setup_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
		       "tit", hash, user_id, until) == DB_OK &&
		audit_append(c, by, "setup_link", "users", rid, NULL) == 0;
	return finish(c, ok);
}

int64_t api_token_create(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
			 const char *name, char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1], rid[24];
	token_new(token);
	token_hash(token, strlen(token), hash);
	if (db_begin(c) != DB_OK)
		return -1;
	int ok = db_run(c, NULL,
			"INSERT INTO api_tokens (user_id, name, token_hash) VALUES (?, ?, ?)",
			"itt", user_id, name, hash) == DB_OK;
	int rc = DB_ERR;
	int64_t id =
		ok ? db_int(c, &rc, 0, "SELECT id FROM api_tokens WHERE token_hash = ?", "t", hash)
		   : 0;
	ok = ok && rc == DB_ROW;
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	json_t *diff =
		json_pack("{s:[n,s], s:[n,I]}", "name", name, "user_id", (json_int_t)user_id);
	ok = ok && id > 0 && audit_append(c, by, "create", "api_tokens", rid, diff) == 0;
	json_decref(diff);
	return finish(c, ok) == 0 ? id : -1;
}

int user_set_password(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
		      const char *password, const char **why)
{
	struct db_stmt *s =
		db_preparef(c, "SELECT login, password_hash FROM users WHERE id = ?", "i", user_id);
	if (!s || db_step(s) != DB_ROW) {
		db_finalize(s);
		return -1;
	}
	char login[64], current[PASSWORD_HASH_LEN], hash[PASSWORD_HASH_LEN];
	snprintf(login, sizeof login, "%s", db_column_text(s, 0));
	const char *cur = db_column_text(s, 1);
	snprintf(current, sizeof current, "%s", cur ? cur : "");
	db_finalize(s);
	*why = password_policy(password, strlen(password), login, current[0] ? current : NULL);
	if (*why)
		return 1;
	if (password_hash(password, strlen(password), hash) != 0 || db_begin(c) != DB_OK)
		return -1;
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)user_id);
	/* Only the owner's own choice clears the duty to change it. */
	int64_t must = by->user_id == user_id ? 0 : 1;
	json_t *diff = json_pack("{s:[s,s]}", "password_hash", "***", "***");
	int ok = db_run(c, NULL,
			"UPDATE users SET password_hash = ?, must_change_password = ?, "
			"failed_logins = 0 WHERE id = ?",
			"tii", hash, must, user_id) == DB_OK &&
		 audit_append(c, by, "password", "users", rid, diff) == 0;
	json_decref(diff);
	return finish(c, ok);
}
