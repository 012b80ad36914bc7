/* session.c: see session.h. */
#include "auth/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"

/* the form tokens a client carries fit struct principal's csrf */
_Static_assert(TOKEN_HASH_LEN <= PRINCIPAL_CSRF_MAX && TOKEN_LEN <= PRINCIPAL_CSRF_MAX,
	       "PRINCIPAL_CSRF_MAX is too small");

struct session_limits session_limits = {1800, 43200, 0};

#define TOUCH_EVERY 60 /* seconds between updates of last_seen_at */

static void set_anonymous(struct request *req)
{
	struct principal *p = &req->who;
	memset(p, 0, sizeof *p);
	p->role = ROLE_ANONYMOUS;
	p->org_id = req->env->org_id;
	p->login = p->name = "";
	p->org_text = req->env->org_text;
	p->user_text = p->dept_text = "0";
	p->dept_lo = p->dept_hi = "";
	const char *c = request_cookie(req, CSRF_COOKIE);
	if (c && strlen(c) == TOKEN_LEN)
		snprintf(p->csrf, sizeof p->csrf, "%s", c);
}

/* The CSRF token of a session: derived from its token, never stored. */
static void session_csrf(const char *token, char out[TOKEN_HASH_LEN + 1])
{
	char buf[TOKEN_LEN + 8];
	int n = snprintf(buf, sizeof buf, "csrf:%s", token);
	token_hash(buf, (size_t)n, out);
}

/* Reads the user columns u.id .. d.path starting at column col into req->who. */
static void fill_user(struct request *req, struct db_stmt *s, int col)
{
	struct principal *p = &req->who;
	struct arena *a = &req->arena;
	p->user_id = db_column_int(s, col);
	p->org_id = db_column_int(s, col + 1);
	p->department_id = db_column_is_null(s, col + 2) ? 0 : db_column_int(s, col + 2);
	int r = role_parse(db_column_text(s, col + 3));
	p->role = r < 0 ? ROLE_ANONYMOUS : (enum role)r;
	p->login = arena_strdup(a, db_column_text(s, col + 4));
	p->name = arena_strdup(a, db_column_text(s, col + 5));
	p->must_change_password = (int)db_column_int(s, col + 6);
	const char *path = db_column_text(s, col + 7);
	p->dept_lo = path ? arena_strdup(a, path) : "";
	if (path) { /* the subtree's paths sort below the path with its last '/' a '0' */
		char *hi = arena_strdup(a, path);
		hi[strlen(hi) - 1] = '0';
		p->dept_hi = hi;
	} else {
		p->dept_hi = "";
	}
	char t[24]; /* the ids as text, for binding: without printf, on every request */
	p->org_text = arena_strndup(a, t, int_text(p->org_id, t));
	p->user_text = arena_strndup(a, t, int_text(p->user_id, t));
	p->dept_text = arena_strndup(a, t, int_text(p->department_id, t));
}

#define USER_COLUMNS                                                                               \
	"u.id, u.org_id, u.department_id, u.role, u.login, u.name, u.must_change_password, "       \
	"CASE WHEN d.id IS NULL THEN NULL ELSE d.path || d.id || '/' END"
#define USER_JOIN                                                                                  \
	"JOIN users u ON u.id = x.user_id LEFT JOIN departments d ON d.id = u.department_id "      \
	"WHERE x.token_hash = ? AND u.archived_at IS NULL AND u.locked_at IS NULL"

static enum err by_bearer(struct request *req, struct db_conn *c, const char *token)
{
	char hash[TOKEN_HASH_LEN + 1], now[24], stale[24];
	token_hash(token, strlen(token), hash);
	struct db_stmt *s =
		db_prepare(c, "SELECT x.id, x.last_used_at, " USER_COLUMNS
			      " FROM api_tokens x " USER_JOIN " AND x.revoked_at IS NULL");
	if (!s)
		return ERR_DB_UNAVAILABLE;
	db_bind_text(s, 1, hash, strlen(hash));
	int rc = db_step(s);
	if (rc == DB_ROW) {
		fill_user(req, s, 2);
		req->who.must_change_password = 0; /* a duty of browsers, not of API clients */
		int64_t id = db_column_int(s, 0);
		const char *used = db_column_text(s, 1);
		utc_now(0, now);
		utc_now(-TOUCH_EVERY, stale);
		int touch = !used || strcmp(used, stale) < 0;
		db_finalize(s);
		/* bookkeeping only: the token is proven; a request is not refused
		 * because its note could not be written (the next one tries again) */
		if (touch)
			(void)db_run(c, NULL, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
				     "ti", now, id);
		return ERR_OK;
	}
	db_finalize(s);
	return rc == DB_OK ? ERR_UNAUTHORIZED : ERR_DB_UNAVAILABLE;
}

static enum err by_cookie(struct request *req, struct db_conn *c, const char *token)
{
	char hash[TOKEN_HASH_LEN + 1], now[24], idle[24], stale[24];
	token_hash(token, strlen(token), hash);
	utc_now(0, now);
	utc_now(-session_limits.idle, idle);
	/* touch often enough that an active session never reaches the idle limit */
	utc_now(-(session_limits.idle / 4 < TOUCH_EVERY ? session_limits.idle / 4 : TOUCH_EVERY),
		stale);
	struct db_stmt *s = db_prepare(c, "SELECT x.id, x.last_seen_at, x.expires_at, " USER_COLUMNS
					  " FROM sessions x " USER_JOIN);
	if (!s)
		return ERR_DB_UNAVAILABLE;
	db_bind_text(s, 1, hash, strlen(hash));
	int rc = db_step(s);
	if (rc != DB_ROW) {
		db_finalize(s);
		return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
	}
	int64_t id = db_column_int(s, 0);
	const char *seen = db_column_text(s, 1), *expires = db_column_text(s, 2);
	int alive = strcmp(seen, idle) >= 0 && strcmp(expires, now) > 0; /* to the second */
	int touch = alive && strcmp(seen, stale) < 0;
	if (alive) {
		fill_user(req, s, 3);
		req->who.session_id = id;
		session_csrf(token, req->who.csrf);
	}
	db_finalize(s);
	/* Neither write decides anything: a dead session is refused whether its
	 * row goes now or at a later request, and a touch not written only
	 * brings the idle limit a minute closer (the next request tries again).
	 * A page is not refused for them. */
	if (!alive)
		(void)db_run(c, NULL, "DELETE FROM sessions WHERE id = ?", "i", id);
	else if (touch)
		(void)db_run(c, NULL, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", "ti",
			     now, id);
	return ERR_OK;
}

enum err session_identify(struct request *req)
{
	set_anonymous(req);
	const char *auth = request_header(req, "Authorization");
	const char *cookie = request_cookie(req, SESSION_COOKIE);
	int bearer = auth && !strncmp(auth, "Bearer ", 7);
	if (auth && !bearer)
		return ERR_UNAUTHORIZED;
	if (!bearer && (!cookie || strlen(cookie) != TOKEN_LEN))
		return ERR_OK;
	struct db_conn *c = request_db(req);
	if (!c)
		return ERR_DB_UNAVAILABLE;
	enum err e = bearer ? by_bearer(req, c, auth + 7) : by_cookie(req, c, cookie);
	if (e != ERR_OK)
		set_anonymous(req);
	return e;
}

static const char *cookie_line(struct request *req, const char *name, const char *value, int clear)
{
	return arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
			    session_limits.secure_cookie ? "; Secure" : "",
			    clear ? "; Max-Age=0" : "");
}

int session_start(struct db_conn *c, struct request *req, struct response *res, int64_t user_id)
{
	char token[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1], now[24], end[24];
	const char *old = request_cookie(req, SESSION_COOKIE);
	if (old) { /* whatever the client held before is void now */
		char old_hash[TOKEN_HASH_LEN + 1];
		token_hash(old, strlen(old), old_hash);
		if (db_run(c, NULL, "DELETE FROM sessions WHERE token_hash = ?", "t", old_hash) !=
		    DB_OK)
			return -1;
	}
	token_new(token);
	token_hash(token, strlen(token), hash);
	utc_now(0, now);
	utc_now(session_limits.absolute, end);
	const char *ua = request_header(req, "User-Agent");
	struct db_stmt *s = db_prepare(c, "INSERT INTO sessions (token_hash, user_id, created_at, "
					  "last_seen_at, expires_at, ip, user_agent) "
					  "VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!s)
		return -1;
	db_bind_text(s, 1, hash, strlen(hash));
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, now, strlen(now));
	db_bind_text(s, 4, now, strlen(now));
	db_bind_text(s, 5, end, strlen(end));
	db_bind_text(s, 6, request_ip(req), strlen(request_ip(req)));
	db_bind_text(s, 7, ua ? ua : "", ua ? strnlen(ua, 300) : 0);
	int rc = db_step(s);
	db_finalize(s);
	if (rc != DB_OK)
		return -1;
	response_header(res, "Set-Cookie", cookie_line(req, SESSION_COOKIE, token, 0));
	session_csrf(token, req->who.csrf);
	return 0;
}

int session_end(struct db_conn *c, struct request *req, struct response *res)
{
	response_header(res, "Set-Cookie", cookie_line(req, SESSION_COOKIE, "", 1));
	if (!req->who.session_id)
		return 0;
	return db_run(c, NULL, "DELETE FROM sessions WHERE id = ?", "i", req->who.session_id) ==
			       DB_OK
		       ? 0
		       : -1;
}

const char *session_anonymous_csrf(struct request *req, struct response *res)
{
	if (!req->who.csrf[0]) {
		token_new(req->who.csrf);
		response_header(res, "Set-Cookie", cookie_line(req, CSRF_COOKIE, req->who.csrf, 0));
	}
	return req->who.csrf;
}

int session_csrf_ok(struct request *req)
{
	const char *sent = params_get(&req->form, CSRF_FIELD);
	if (!sent)
		sent = request_header(req, "X-CSRF-Token");
	size_t n = strlen(req->who.csrf);
	return n && sent && strlen(sent) == n && secret_equal(sent, req->who.csrf, n);
}
