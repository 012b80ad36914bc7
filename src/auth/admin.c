/*
 * admin.c: the organisation administrator's pages: the accounts of the
 * organisation (with unlocking) and the audit trail.  Opening one person's
 * account page is itself recorded (action "view"): it shows personal data.
 */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "auth/audit.h"
#include "auth/login.h"
#include "auth/role.h"
#include "db/db.h"
#include "http/http.h"

static json_t *user_row(struct db_stmt *s)
{
	int r = role_parse(db_column_text(s, 3));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:b}", "id",
			 (json_int_t)db_column_int(s, 0), "login", db_column_text(s, 1), "name",
			 db_column_text(s, 2), "role", db_column_text(s, 3), "role_label",
			 r < 0 ? "" : role_label((enum role)r), "locked", !db_column_is_null(s, 4),
			 "last_login_at", db_column_text(s, 5), "created_at", db_column_text(s, 6),
			 "set_up", !db_column_is_null(s, 7));
}

#define USER_SELECT                                                                                \
	"SELECT id, login, name, role, locked_at, last_login_at, created_at, password_hash "       \
	"FROM users WHERE org_id = ? AND archived_at IS NULL"

enum err page_admin_users(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	json_t *items = json_array();
	struct db_stmt *s = db_preparef(c, USER_SELECT " ORDER BY login", "i", req->who.org_id);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(items, user_row(s));
	db_finalize(s);
	res->doc = json_pack("{s:o, s:I}", "items", items, "total",
			     (json_int_t)json_array_size(items));
	return ERR_OK;
}

enum err page_admin_user(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_param_id(req, "id");
	struct db_stmt *s = db_preparef(c, USER_SELECT " AND id = ?", "ii", req->who.org_id, id);
	json_t *user = s && db_step(s) == DB_ROW ? user_row(s) : NULL;
	db_finalize(s);
	if (!user)
		return ERR_NOT_FOUND;
	struct audit_actor who = request_actor(req);
	if (db_begin(c) != DB_OK ||
	    audit_append(c, &who, "view", "users", request_param(req, "id"), NULL) != 0 ||
	    db_commit(c) != DB_OK) {
		db_rollback(c);
		json_decref(user);
		return ERR_DB_UNAVAILABLE;
	}
	res->doc = json_pack("{s:o}", "user", user);
	return ERR_OK;
}

enum err page_admin_unlock(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_param_id(req, "id");
	int rc;
	db_int(c, &rc, 0, "SELECT id FROM users WHERE id = ? AND org_id = ?", "ii", id,
	       req->who.org_id);
	if (rc != DB_ROW)
		return rc == DB_OK ? ERR_NOT_FOUND : ERR_DB_UNAVAILABLE;
	struct audit_actor who = request_actor(req);
	if (login_unlock(c, &who, id) != 0)
		return ERR_DB_UNAVAILABLE;
	response_redirect(req, res, arena_printf(&req->arena, "/admin/users/%lld", (long long)id));
	return ERR_OK;
}

/* A filter value from the query, or "" (any); over-long values are refused. */
static const char *filter(struct request *req, const char *name, enum err *e)
{
	const char *v = params_get(&req->query, name);
	if (v && strlen(v) > 64)
		*e = ERR_INVALID;
	return v ? v : "";
}

enum err page_admin_audit(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	enum err e = ERR_OK;
	const char *page = params_get(&req->query, "page");
	struct audit_filter f = {
		.org_id = req->who.org_id,
		.actor = filter(req, "actor", &e),
		.action = filter(req, "action", &e),
		.entity = filter(req, "entity", &e),
		.from = filter(req, "from", &e),
		.to = filter(req, "to", &e),
		.page = page ? strtoll(page, NULL, 10) : 1,
		.per_page = 25,
	};
	if (e != ERR_OK)
		return e;
	json_t *doc = audit_query(c, &f);
	if (!doc)
		return ERR_DB_UNAVAILABLE;
	int64_t at = json_integer_value(json_object_get(doc, "page"));
	request_pager(req, doc, at, at * 25 < json_integer_value(json_object_get(doc, "total")));
	json_object_set_new(doc, "filter",
			    json_pack("{s:s, s:s, s:s, s:s, s:s}", "actor", f.actor, "action",
				      f.action, "entity", f.entity, "from", f.from, "to", f.to));
	res->doc = doc;
	return ERR_OK;
}
