/*
 * versions.c: a manual's text as versions (manuals.h): the save action
 * that writes version N+1 (never touching an old one), the manual's page
 * with the latest version rendered and the list of all, one old version's
 * page, and the side-by-side difference of two (diff.h).
 *
 * The version numbers of the pages come from the path and the query: a
 * number that is not one, or a version the manual does not have, is
 * answered 4xx with a Korean message naming it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/arena.h"
#include "core/buf.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/markdown.h"
#include "mod/manuals/diff.h"
#include "mod/manuals/manuals.h"

/* 1 if the signed-in person may save a new version of the manual row:
 * an administrator, or a manager whose subtree holds its team. */
static int may_save(struct request *req, const json_t *row)
{
	if (req->who.role == ROLE_ADMIN)
		return 1;
	return req->who.role == ROLE_MANAGER &&
	       crud_dept_in_scope(req, row_int(row, "department_id"));
}

enum err manuals_save_permit(struct action_call *call)
{
	if (json_is_true(json_object_get(call->row, "archived"))) {
		call->detail = "보관된 매뉴얼입니다. 새 판을 저장할 수 없습니다.";
		return ERR_CONFLICT;
	}
	if (!may_save(call->req, call->row)) {
		call->detail = "담당하는 부서의 팀 매뉴얼만 고칠 수 있습니다.";
		return ERR_FORBIDDEN;
	}
	return ERR_OK;
}

/* Version n's text of manual id into out (a copy, freed by the caller), or
 * NULL with *rc DB_OK when there is none, DB_ERR when the database failed. */
static char *version_body(struct db_conn *c, int64_t id, int64_t n, int *rc)
{
	struct db_stmt *s = db_preparef(
		c, "SELECT body FROM manual_versions WHERE manual_id = ? AND version = ?", "ii", id,
		n);
	*rc = s ? db_step(s) : DB_ERR;
	char *body = *rc == DB_ROW ? strdup(db_column_text(s, 0)) : NULL;
	db_finalize(s);
	if (*rc == DB_ROW)
		*rc = DB_OK;
	return body;
}

enum err manuals_save_run(struct action_call *call)
{
	struct db_conn *c = request_db(call->req);
	struct request *req = call->req;
	const char *body = json_string_value(json_object_get(call->input, "body"));
	const char *note = json_string_value(json_object_get(call->input, "note"));
	int rc;
	/* read in the transaction: a save in between makes this one's number taken */
	int64_t n = db_int(c, &rc, -1, "SELECT versions FROM manuals WHERE id = ?", "i", call->id);
	if (rc == DB_ERR || n < 0)
		return ERR_DB_UNAVAILABLE;
	char *latest = n ? version_body(c, call->id, n, &rc) : NULL;
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	int unchanged = latest && !strcmp(latest, body);
	free(latest);
	if (unchanged) {
		json_object_set_new(call->errors, "body",
				    json_string("최신 판과 같은 내용입니다. 고친 곳이 없으면 새 "
						"판을 만들지 않습니다."));
		return ERR_INVALID;
	}
	char today[11], now[24];
	utc_today(today);
	utc_now(0, now);
	int64_t changed = 0;
	if (db_run(c, &changed,
		   "UPDATE manuals SET versions = ?, first_saved_on = COALESCE(first_saved_on, ?), "
		   "last_saved_on = ?, updated_at = ? WHERE id = ? AND versions = ?",
		   "itttii", n + 1, today, today, now, call->id, n) != DB_OK)
		return ERR_DB_UNAVAILABLE;
	if (!changed) {
		call->detail = "그 사이 다른 사람이 새 판을 저장했습니다. 매뉴얼을 다시 열어 "
			       "고치십시오.";
		return ERR_CONFLICT;
	}
	if (db_run(c, NULL,
		   "INSERT INTO manual_versions (org_id, manual_id, version, body, author_id, "
		   "author_name, saved_on, note) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, "
		   "NULLIF(?, ''))",
		   "iiititt"
		   "t",
		   req->who.org_id, call->id, n + 1, body, req->who.user_id, req->who.name, today,
		   note ? note : "") != DB_OK)
		return ERR_DB_UNAVAILABLE;
	call->audit = json_pack("{s:I, s:s, s:I}", "version", (json_int_t)(n + 1), "note",
				note ? note : "", "characters", (json_int_t)strlen(body));
	return ERR_OK;
}

/* ---- reading ---- */

/* Markdown as safe HTML, a JSON string. */
static json_t *rendered(const char *body)
{
	struct buf html = BUF_INIT;
	markdown_html(body, strlen(body), &html);
	json_t *v = json_string(html.data ? html.data : "");
	buf_free(&html);
	return v;
}

/* Every version of manual id, newest first, without the texts. */
static json_t *version_list(struct db_conn *c, int64_t id)
{
	static const char *const keys[] = {"#version", "saved_on", "author_name", "note"};
	return query_rows(db_preparef(c,
				      "SELECT version, saved_on, author_name, COALESCE(note, '') "
				      "FROM manual_versions WHERE manual_id = ? ORDER BY version "
				      "DESC",
				      "i", id),
			  keys, COUNT_OF(keys));
}

/* Version n of manual id with its text: {version, saved_on, author_name,
 * note, body}; NULL with *why ERR_NOT_FOUND or ERR_DB_UNAVAILABLE. */
static json_t *version_get(struct db_conn *c, int64_t id, int64_t n, enum err *why)
{
	static const char *const keys[] = {"#version", "saved_on", "author_name", "note", "body"};
	json_t *rows = query_rows(db_preparef(c,
					      "SELECT version, saved_on, author_name, "
					      "COALESCE(note, ''), body FROM manual_versions WHERE "
					      "manual_id = ? AND version = ?",
					      "ii", id, n),
				  keys, COUNT_OF(keys));
	*why = !rows ? ERR_DB_UNAVAILABLE : !json_array_size(rows) ? ERR_NOT_FOUND : ERR_OK;
	json_t *v = *why ? NULL : json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return v;
}

enum err manuals_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = row_int(row, "id"), n = row_int(row, "versions");
	json_t *list = version_list(c, id);
	if (!list)
		return ERR_DB_UNAVAILABLE;
	json_object_set_new(doc, "versions", list);
	json_object_set_new(doc, "may_save",
			    json_boolean(may_save(req, row) &&
					 !json_is_true(json_object_get(row, "archived"))));
	if (!n)
		return ERR_OK;
	enum err why;
	json_t *latest = version_get(c, id, n, &why);
	if (!latest)
		return why;
	json_object_set_new(doc, "body_html", rendered(row_text(latest, "body")));
	json_object_set_new(doc, "latest", latest);
	json_object_set_new(doc, "diff_a", json_integer(n > 1 ? n - 1 : 1));
	json_object_set_new(doc, "diff_b", json_integer(n));
	return ERR_OK;
}

/* The manual of the path's id, as the version pages head it: {id, title,
 * versions, kind_label, duty, year, team}; NULL with *why. */
static json_t *manual_get(struct request *req, enum err *why)
{
	int64_t id = request_param_id(req, "id");
	*why = ERR_NOT_FOUND;
	if (!id)
		return NULL;
	static const char *const keys[] = {"#id",  "title", "#versions", "kind",
					   "duty", "#year", "team"};
	json_t *rows = query_rows(
		db_preparef(request_db(req),
			    "SELECT m.id, m.title, m.versions, m.kind, m.duty, m.year, d.name FROM "
			    "manuals m JOIN departments d ON d.id = m.department_id WHERE m.id = ? "
			    "AND m.org_id = ?",
			    "ii", id, req->who.org_id),
		keys, COUNT_OF(keys));
	if (!rows) {
		*why = ERR_DB_UNAVAILABLE;
		return NULL;
	}
	rows_choice_label(rows, "kind", manuals_kinds);
	json_t *m = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (m)
		*why = ERR_OK;
	return m;
}

/* "제N판이 없습니다" for the version pages, naming the latest. */
static const char *no_such_version(struct request *req, const char *which, int64_t n,
				   int64_t latest)
{
	char msg[200];
	if (latest)
		snprintf(msg, sizeof msg,
			 "%s: 이 매뉴얼에는 제%lld판이 없습니다 (제1판 ~ 제%lld판).", which,
			 (long long)n, (long long)latest);
	else
		snprintf(msg, sizeof msg, "%s: 이 매뉴얼은 아직 저장한 판이 없습니다.", which);
	return arena_strdup(&req->arena, msg);
}

enum err manuals_page_version(struct request *req, struct response *res)
{
	enum err why;
	json_t *m = manual_get(req, &why);
	if (!m)
		return why;
	const char *text = request_param(req, "n");
	char *end = NULL;
	long long n = text && *text >= '1' && *text <= '9' && strlen(text) <= 9
			      ? strtoll(text, &end, 10)
			      : 0;
	if (!n || *end) {
		json_decref(m);
		res->detail = "판 번호는 1 이상의 숫자입니다 (예: /manuals/3/versions/2).";
		return ERR_BAD_PARAM;
	}
	json_t *v = version_get(request_db(req), row_int(m, "id"), n, &why);
	if (!v) {
		if (why == ERR_NOT_FOUND)
			res->detail = no_such_version(req, "판", n, row_int(m, "versions"));
		json_decref(m);
		return why;
	}
	json_object_set_new(v, "body_html", rendered(row_text(v, "body")));
	json_t *doc = json_pack("{s:o, s:o, s:b}", "manual", m, "version", v, "is_latest",
				n == row_int(m, "versions"));
	if (n > 1)
		json_object_set_new(doc, "previous", json_integer(n - 1));
	res->doc = doc;
	return ERR_OK;
}

/* The side-by-side rows of d: {op, op_label, a_no, a_text, b_no, b_text}. */
static json_t *diff_rows(const struct manuals_diff *d)
{
	static const char *const labels[] = {"", "삭제", "추가", "변경"};
	static const char *const names[] = {"same", "del", "add", "change"};
	json_t *rows = json_array();
	for (size_t i = 0; i < d->n_rows; i++) {
		const struct manuals_diff_row *r = &d->rows[i];
		json_t *row =
			json_pack("{s:s, s:s}", "op", names[r->op], "op_label", labels[r->op]);
		if (r->a >= 0) {
			json_object_set_new(row, "a_no", json_integer(r->a + 1));
			json_object_set_new(row, "a_text",
					    json_stringn(d->a.start[r->a], d->a.len[r->a]));
		}
		if (r->b >= 0) {
			json_object_set_new(row, "b_no", json_integer(r->b + 1));
			json_object_set_new(row, "b_text",
					    json_stringn(d->b.start[r->b], d->b.len[r->b]));
		}
		json_array_append_new(rows, row);
	}
	return rows;
}

/* The query's version which ("a" or "b") of manual m, with its text. */
static json_t *asked_version(struct request *req, struct response *res, const json_t *m,
			     const char *which, enum err *why)
{
	int64_t n = request_query_int(req, which, 0);
	if (!n) {
		*why = ERR_BAD_PARAM;
		res->detail = "비교할 두 판을 모두 고르십시오 (a: 이전 판, b: 새 판).";
		return NULL;
	}
	json_t *v = version_get(request_db(req), row_int(m, "id"), n, why);
	if (!v && *why == ERR_NOT_FOUND)
		res->detail = no_such_version(req, !strcmp(which, "a") ? "이전 판(a)" : "새 판(b)",
					      n, row_int(m, "versions"));
	return v;
}

/* The difference's document; NULL with res->detail when it is too large. */
static json_t *diff_doc(struct response *res, json_t *m, json_t *a, json_t *b)
{
	struct manuals_diff d;
	if (manuals_diff(row_text(a, "body"), row_text(b, "body"), MANUALS_DIFF_MAX_LINES, &d)) {
		res->detail = "두 판의 다른 줄이 1,000줄을 넘어 나란히 비교하지 않습니다. "
			      "가까운 판끼리 비교하십시오.";
		return NULL;
	}
	json_t *doc =
		json_pack("{s:O, s:o, s:I, s:I, s:I, s:b}", "manual", m, "rows", diff_rows(&d),
			  "added", (json_int_t)d.added, "deleted", (json_int_t)d.deleted, "changed",
			  (json_int_t)d.changed, "same", !d.added && !d.deleted && !d.changed);
	manuals_diff_free(&d);
	json_object_del(a, "body");
	json_object_del(b, "body");
	json_object_set(doc, "a", a);
	json_object_set(doc, "b", b);
	return doc;
}

/* The version selects' options [{value, a_selected, b_selected}]. */
static json_t *version_options(int64_t latest, int64_t a, int64_t b)
{
	json_t *opts = json_array();
	for (int64_t k = latest; k >= 1; k--)
		json_array_append_new(opts, json_pack("{s:I, s:b, s:b}", "value", (json_int_t)k,
						      "a_selected", k == a, "b_selected", k == b));
	return opts;
}

enum err manuals_page_diff(struct request *req, struct response *res)
{
	enum err why;
	json_t *m = manual_get(req, &why);
	if (!m)
		return why;
	json_t *a = asked_version(req, res, m, "a", &why);
	json_t *b = a ? asked_version(req, res, m, "b", &why) : NULL;
	json_t *doc = b ? diff_doc(res, m, a, b) : NULL;
	if (doc)
		json_object_set_new(doc, "options",
				    version_options(row_int(m, "versions"), row_int(a, "version"),
						    row_int(b, "version")));
	else if (b)
		why = ERR_INVALID;
	json_decref(a);
	json_decref(b);
	json_decref(m);
	if (!doc)
		return why;
	res->doc = doc;
	return ERR_OK;
}
