/*
 * account.c: the pages where people sign in and out, choose a password (at
 * first sign-in, through a one-time setup link, or later), see who they
 * are, and keep their personal API tokens.
 */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "auth/audit.h"
#include "auth/login.h"
#include "auth/role.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"

#define FIELD_MAX 256 /* bytes of any sign-in field; longer is refused, not cut */

/* A local path to return to after signing in: "/x", never "//host". */
static const char *safe_next(const char *next)
{
	if (next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 1024)
		return "/";
	return next;
}

static json_t *login_doc(const char *login, const char *next, const char *error)
{
	return json_pack("{s:s, s:s, s:s?}", "login", login, "next", next, "error", error);
}

enum err page_login(struct request *req, struct response *res)
{
	const char *next = params_get(&req->query, "next");
	session_anonymous_csrf(req, res);
	res->doc = login_doc("", safe_next(next ? next : "/"), NULL);
	return ERR_OK;
}

/* The login form again, with what was typed and why it failed. */
static enum err login_again(struct request *req, struct response *res, enum err e,
			    const char *login, const char *next)
{
	const struct err_info *info = err_info(e);
	res->status = info->status;
	res->doc = login_doc(login, next, info->message);
	return ERR_OK;
}

enum err page_login_post(struct request *req, struct response *res)
{
	const char *login = request_form(req, "login"), *pw = request_form(req, "password");
	const char *next = safe_next(request_form(req, "next"));
	if (strlen(login) > FIELD_MAX || strlen(pw) > FIELD_MAX || !login[0] || !pw[0])
		return login_again(req, res, ERR_BAD_CREDENTIALS, strlen(login) > 64 ? "" : login,
				   next);
	struct db_conn *c = request_db(req);
	struct login_result r;
	enum err e = login_check(c, login, pw, request_ip(req), &r);
	if (e == ERR_THROTTLED) { /* by the login or by the client's address */
		response_header(res, "Retry-After",
				arena_printf(&req->arena, "%ld", r.retry_after));
		login_again(req, res, e, login, next);
		json_object_set_new(res->doc, "error",
				    json_sprintf("%s %ld초 뒤에 다시 시도해 주세요.",
						 err_info(e)->message, r.retry_after));
		return ERR_OK;
	}
	if (e == ERR_DB_UNAVAILABLE)
		return e;
	if (e != ERR_OK)
		return login_again(req, res, e, login, next);
	if (session_start(c, req, res, r.user_id) != 0)
		return ERR_DB_UNAVAILABLE;
	response_redirect(req, res, r.must_change_password ? "/password" : next);
	return ERR_OK;
}

enum err page_logout(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	struct audit_actor who = request_actor(req);
	if (db_begin(c) != DB_OK || session_end(c, req, res) != 0 ||
	    audit_append(c, &who, "logout", "users", req->who.user_text, NULL) != 0 ||
	    db_commit(c) != DB_OK) {
		db_rollback(c);
		return ERR_DB_UNAVAILABLE;
	}
	response_redirect(req, res, "/");
	return ERR_OK;
}

static json_t *password_doc(int first, const char *error)
{
	return json_pack("{s:b, s:s?}", "first", first, "error", error);
}

enum err page_password(struct request *req, struct response *res)
{
	res->doc = password_doc(req->who.must_change_password, NULL);
	return ERR_OK;
}

/* The password form again, with the reason; status 422. */
static enum err password_again(struct request *req, struct response *res, const char *why)
{
	res->status = 422;
	res->doc = password_doc(req->who.must_change_password, why);
	return ERR_OK;
}

enum err page_password_post(struct request *req, struct response *res)
{
	const char *current = request_form(req, "current"), *pw = request_form(req, "password");
	const char *again = request_form(req, "confirm");
	struct db_conn *c = request_db(req);
	struct db_stmt *s = db_preparef(c, "SELECT password_hash FROM users WHERE id = ?", "i",
					req->who.user_id);
	int ok = s && db_step(s) == DB_ROW &&
		 password_verify(db_column_text(s, 0), current, strnlen(current, FIELD_MAX));
	db_finalize(s);
	if (!ok)
		return password_again(req, res, "현재 비밀번호가 올바르지 않습니다.");
	if (strcmp(pw, again))
		return password_again(req, res, "새 비밀번호와 확인 값이 서로 다릅니다.");
	const char *why = NULL;
	struct audit_actor who = request_actor(req);
	int rc = user_set_password(c, &who, req->who.user_id, pw, &why);
	if (rc > 0)
		return password_again(req, res, why);
	if (rc < 0)
		return ERR_DB_UNAVAILABLE;
	/* the change ended every session of the account (migration 0013's
	 * trigger), this one too: the browser that made it gets a new one; an
	 * API client had none and gets none (its token goes on working) */
	if (!req->who.session_id) {
		response_redirect(req, res, "/me?password=changed");
		return ERR_OK;
	}
	if (db_begin(c) != DB_OK || session_start(c, req, res, req->who.user_id) != 0 ||
	    db_commit(c) != DB_OK) {
		db_rollback(c);
		response_redirect(req, res, "/login");
		return ERR_OK;
	}
	response_redirect(req, res, "/me?password=changed");
	return ERR_OK;
}

/* The account a setup link opens, if the link is unused and unexpired. */
static int64_t setup_user(struct request *req, struct db_conn *c, const char **login)
{
	char hash[TOKEN_HASH_LEN + 1], now[24];
	const char *token = request_param(req, "token");
	if (!token || strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, strlen(token), hash);
	utc_now(0, now);
	struct db_stmt *s = db_preparef(c,
					"SELECT u.id, u.login FROM setup_links l JOIN users u ON "
					"u.id = l.user_id WHERE l.token_hash = ? AND l.used_at IS "
					"NULL AND l.expires_at > ? AND u.archived_at IS NULL",
					"tt", hash, now);
	int64_t id = 0;
	if (s && db_step(s) == DB_ROW) {
		id = db_column_int(s, 0);
		*login = arena_strdup(&req->arena, db_column_text(s, 1));
	}
	db_finalize(s);
	return id;
}

enum err page_setup(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	const char *login = "";
	if (!setup_user(req, c, &login))
		return ERR_GONE;
	session_anonymous_csrf(req, res);
	res->doc = json_pack("{s:s, s:s}", "login", login, "token", request_param(req, "token"));
	return ERR_OK;
}

enum err page_setup_post(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	const char *login = "", *why = NULL;
	int64_t id = setup_user(req, c, &login);
	if (!id)
		return ERR_GONE;
	const char *pw = request_form(req, "password");
	if (strcmp(pw, request_form(req, "confirm")))
		why = "새 비밀번호와 확인 값이 서로 다릅니다.";
	struct audit_actor who = {req->who.org_id, id, login, request_ip(req)};
	int rc = why ? 1 : user_set_password(c, &who, id, pw, &why);
	if (rc != 0) {
		res->status = rc > 0 ? 422 : 500;
		res->doc = json_pack("{s:s, s:s, s:s?}", "login", login, "token",
				     request_param(req, "token"), "error", why);
		return rc > 0 ? ERR_OK : ERR_DB_UNAVAILABLE;
	}
	char hash[TOKEN_HASH_LEN + 1], now[24];
	const char *token = request_param(req, "token");
	token_hash(token, strlen(token), hash);
	utc_now(0, now);
	if (db_run(c, NULL, "UPDATE setup_links SET used_at = ? WHERE token_hash = ?", "tt", now,
		   hash) != DB_OK ||
	    session_start(c, req, res, id) != 0)
		return ERR_DB_UNAVAILABLE;
	response_redirect(req, res, "/");
	return ERR_OK;
}

enum err page_me(struct request *req, struct response *res)
{
	const struct principal *p = &req->who;
	const char *changed = params_get(&req->query, "password");
	res->doc = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:b}", "id", (json_int_t)p->user_id,
			     "login", p->login, "name", p->name, "role", role_name(p->role),
			     "role_label", role_label(p->role), "org_id", (json_int_t)p->org_id,
			     "password_changed", changed && !strcmp(changed, "changed"));
	return res->doc ? ERR_OK : ERR_INTERNAL;
}

/* The caller's tokens, newest first, without their secrets. */
static json_t *token_list(struct db_conn *c, int64_t user_id)
{
	json_t *items = json_array();
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT id, name, created_at, last_used_at, revoked_at FROM "
			    "api_tokens WHERE user_id = ? ORDER BY id DESC",
			    "i", user_id);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(
			items, json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:b}", "id",
					 (json_int_t)db_column_int(s, 0), "name",
					 db_column_text(s, 1), "created_at", db_column_text(s, 2),
					 "last_used_at", db_column_text(s, 3), "revoked_at",
					 db_column_text(s, 4), "active", db_column_is_null(s, 4)));
	db_finalize(s);
	return items;
}

enum err page_tokens(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	res->doc = json_pack("{s:o}", "items", token_list(c, req->who.user_id));
	return ERR_OK;
}

enum err page_tokens_post(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	const char *name = request_form(req, "name");
	const char *why = user_check_name(name);
	if (why) {
		res->status = 422;
		res->doc = json_pack("{s:o, s:s, s:s}", "items", token_list(c, req->who.user_id),
				     "error", "토큰 이름은 1자 이상 50자 이하로 입력해 주세요.",
				     "name", strlen(name) > 200 ? "" : name);
		return ERR_OK;
	}
	char token[TOKEN_LEN + 1];
	struct audit_actor who = request_actor(req);
	if (api_token_create(c, &who, req->who.user_id, name, token) < 0)
		return ERR_DB_UNAVAILABLE;
	res->status = 201;
	res->doc = json_pack("{s:o, s:s, s:s}", "items", token_list(c, req->who.user_id), "token",
			     token, "created", name);
	return ERR_OK;
}

enum err page_token_revoke(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_param_id(req, "id");
	char now[24];
	if (!id)
		return ERR_NOT_FOUND;
	utc_now(0, now);
	int64_t changed = 0;
	struct audit_actor who = request_actor(req);
	if (db_begin(c) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	int ok = db_run(c, &changed,
			"UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND "
			"revoked_at IS NULL",
			"tii", now, id, req->who.user_id) == DB_OK;
	json_t *diff = json_pack("{s:[n,s]}", "revoked_at", now);
	ok = ok && (!changed || audit_append(c, &who, "revoke", "api_tokens",
					     request_param(req, "id"), diff) == 0);
	json_decref(diff);
	if (!ok || db_commit(c) != DB_OK) {
		db_rollback(c);
		return ERR_DB_UNAVAILABLE;
	}
	if (!changed)
		return ERR_NOT_FOUND;
	response_redirect(req, res, "/account/tokens");
	return ERR_OK;
}
