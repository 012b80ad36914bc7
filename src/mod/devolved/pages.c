/*
 * pages.c: the registry's home (/devolved: the cards by status and by
 * department) and an inspection round's progress (its show page: per
 * department the cards, checked, 적정, 보완 필요, not yet checked and the
 * share done; and the cards still needing work; all of them, a department's
 * or the whole organisation's, on /devolved-inspections/{id}/progress,
 * which is the API's face of a round's figures too).  Every figure is counted from the
 * records; departments come in the organisation's order.
 */
#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/devolved/devolved.h"

enum {
	TODO_SHOWN = 20, /* cards needing work on the round's own page */
	TODO_PAGE = 50,	 /* and on each page of their list */
};

/* The organisation's departments in the order they were made (the
 * tree's, for a demo or an import: bureaus before their divisions): [{id,
 * name}]. */
static json_t *departments(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id", "name"};
	return query_rows(
		db_preparef(c,
			    "SELECT /* bounded: the organisation's departments, tens */ id, "
			    "name FROM departments WHERE org_id = ? AND archived_at IS NULL "
			    "ORDER BY id",
			    "i", org),
		keys, COUNT_OF(keys));
}

/* rows keyed by their "department_id", as an object {"17": row}. */
static json_t *by_department(json_t *rows)
{
	json_t *out = json_object(), *row;
	size_t i;
	json_array_foreach(rows, i, row)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)row_int(row, "department_id"));
		json_object_set(out, key, row);
	}
	return out;
}

/* The rows of figures (stolen) in the departments' order, each with its
 * department's name; figures without a department come last. */
static json_t *in_department_order(json_t *depts, json_t *figures)
{
	json_t *keyed = by_department(figures), *out = json_array(), *d;
	size_t i;
	json_array_foreach(depts, i, d)
	{
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)row_int(d, "id"));
		json_t *row = json_object_get(keyed, key);
		if (!row)
			continue;
		json_object_set(row, "department", json_object_get(d, "name"));
		json_array_append(out, row);
		json_object_del(keyed, key);
	}
	const char *key;
	json_t *row;
	json_object_foreach(keyed, key, row)
	{
		json_object_set_new(row, "department", json_string("(부서 없음)"));
		json_array_append(out, row);
	}
	json_decref(keyed);
	json_decref(figures);
	return out;
}

/* The registry's figures: per department its cards by status. */
static json_t *status_by_department(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#department_id", "#done", "#progress", "#abolished",
					   "#total"};
	return query_rows(
		db_preparef(c,
			    "SELECT COALESCE(department_id, 0), "
			    "SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), "
			    "SUM(CASE WHEN status = 'progress' THEN 1 ELSE 0 END), "
			    "SUM(CASE WHEN status = 'abolished' THEN 1 ELSE 0 END), COUNT(*) "
			    "FROM devolved_affairs WHERE org_id = ? AND archived_at IS NULL "
			    "GROUP BY department_id",
			    "i", org),
		keys, COUNT_OF(keys));
}

/* The sums of rows' figures keys (the table's last row). */
static json_t *totals(json_t *rows, const char *const *keys, size_t n)
{
	json_t *sum = json_object(), *row;
	for (size_t k = 0; k < n; k++) {
		int64_t t = 0;
		size_t i;
		json_array_foreach(rows, i, row) t += row_int(row, keys[k]);
		json_object_set_new(sum, keys[k], json_integer(t));
	}
	return sum;
}

json_t *devolved_department_options(struct db_conn *c, int64_t org, int64_t selected)
{
	json_t *depts = departments(c, org), *figures = status_by_department(c, org);
	if (!depts || !figures) {
		json_decref(depts);
		json_decref(figures);
		return NULL;
	}
	json_t *rows = in_department_order(depts, figures), *options = json_array(), *row;
	json_decref(depts);
	size_t i;
	json_array_foreach(rows, i, row) if (row_int(row, "department_id")) json_array_append_new(
		options,
		json_pack("{s:I, s:O, s:b}", "id", (json_int_t)row_int(row, "department_id"),
			  "name", json_object_get(row, "department"), "selected",
			  row_int(row, "department_id") == selected));
	json_decref(rows);
	return options;
}

/* The name of the option of id among options, or NULL when none is. */
const char *devolved_option_name(json_t *options, int64_t id)
{
	json_t *o;
	size_t i;
	json_array_foreach(options, i, o) if (row_int(o, "id") == id) return row_text(o, "name");
	return NULL;
}

enum err devolved_page_home(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	json_t *depts = departments(c, org), *figures = status_by_department(c, org);
	static const char *const rkeys[] = {"#id", "name", "starts_on", "ends_on"};
	json_t *rounds = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: the inspection rounds, one or two a year */ id, "
			"name, starts_on, ends_on FROM devolved_inspections WHERE org_id = ? AND "
			"archived_at IS NULL ORDER BY starts_on DESC, id DESC",
			"i", org),
		rkeys, COUNT_OF(rkeys));
	if (!depts || !figures || !rounds) {
		json_decref(depts);
		json_decref(figures);
		json_decref(rounds);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *rows = in_department_order(depts, figures);
	static const char *const sums[] = {"done", "progress", "abolished", "total"};
	json_t *doc = json_object();
	json_object_set_new(doc, "total", totals(rows, sums, COUNT_OF(sums)));
	json_object_set_new(doc, "departments", rows);
	json_object_set_new(doc, "rounds", rounds);
	json_object_set_new(doc, "may_import", json_boolean(req->who.role == ROLE_ADMIN));
	json_decref(depts);
	res->doc = doc;
	return ERR_OK;
}

/* "62.5": part of whole in per cent, one decimal, rounded; "0" of none. */
static json_t *percent(int64_t part, int64_t whole)
{
	char out[24];
	int64_t permille = whole ? (part * 1000 + whole / 2) / whole : 0;
	if (permille % 10)
		snprintf(out, sizeof out, "%lld.%lld", (long long)(permille / 10),
			 (long long)(permille % 10));
	else
		snprintf(out, sizeof out, "%lld", (long long)(permille / 10));
	return json_string(out);
}

/* A round's figures per department: cards, checked, 적정, 보완 필요. */
static json_t *round_by_department(struct db_conn *c, int64_t org, int64_t round)
{
	static const char *const keys[] = {"#department_id", "#affairs", "#checked", "#ok", "#fix"};
	return query_rows(
		db_preparef(c,
			    "SELECT COALESCE(a.department_id, 0), COUNT(*), COUNT(k.id), "
			    "SUM(CASE WHEN k.result = 'ok' THEN 1 ELSE 0 END), "
			    "SUM(CASE WHEN k.result = 'fix' THEN 1 ELSE 0 END) "
			    "FROM devolved_affairs a LEFT JOIN devolved_checks k ON "
			    "k.inspection_id = ? AND k.affair_id = a.id AND k.archived_at IS NULL "
			    "WHERE a.org_id = ? AND a.archived_at IS NULL GROUP BY a.department_id",
			    "ii", round, org),
		keys, COUNT_OF(keys));
}

/* Each row's cards not yet checked and its share done. */
static void round_shares(json_t *rows)
{
	json_t *row;
	size_t i;
	json_array_foreach(rows, i, row)
	{
		int64_t n = row_int(row, "affairs"), done = row_int(row, "checked");
		json_object_set_new(row, "unchecked", json_integer(n - done));
		json_object_set_new(row, "todo", json_integer(n - row_int(row, "ok")));
		json_object_set_new(row, "percent", percent(done, n));
	}
}

/* The round's progress: {departments: [...], total: {...}}, or NULL. */
static json_t *round_progress(struct db_conn *c, int64_t org, int64_t round)
{
	json_t *depts = departments(c, org), *figures = round_by_department(c, org, round);
	if (!depts || !figures) {
		json_decref(depts);
		json_decref(figures);
		return NULL;
	}
	json_t *rows = in_department_order(depts, figures);
	json_decref(depts);
	static const char *const sums[] = {"affairs", "checked", "ok", "fix"};
	json_t *total = totals(rows, sums, COUNT_OF(sums)), *all = json_array();
	json_array_append(all, total);
	round_shares(rows);
	round_shares(all);
	json_decref(all);
	return json_pack("{s:o, s:o, s:I}", "departments", rows, "total", total, "round_id",
			 (json_int_t)round);
}

/* One page of the cards still needing work in a round (보완 필요, or not
 * checked), by affair number; department 0: all.  limit + 1 rows are
 * asked, so the caller sees whether there are more. */
static json_t *todo_rows(struct db_conn *c, int64_t org, int64_t round, int64_t department,
			 int64_t limit, int64_t offset)
{
	static const char *const keys[] = {"#id",	 "affair_no", "name", "status",
					   "department", "result",    "note"};
	char sql[900];
	snprintf(sql, sizeof sql,
		 "SELECT a.id, a.affair_no, a.name, a.status, COALESCE(d.name, ''), "
		 "COALESCE(k.result, ''), COALESCE(k.note, '') FROM devolved_affairs a "
		 "LEFT JOIN departments d ON d.id = a.department_id "
		 "LEFT JOIN devolved_checks k ON k.inspection_id = ? AND k.affair_id = a.id AND "
		 "k.archived_at IS NULL WHERE a.org_id = ? AND a.archived_at IS NULL%s AND "
		 "(k.id IS NULL OR k.result = 'fix') ORDER BY a.affair_no, a.id LIMIT ? OFFSET ?",
		 department ? " AND a.department_id = ?" : "");
	struct db_stmt *s =
		department ? db_preparef(c, sql, "iiiii", round, org, department, limit + 1, offset)
			   : db_preparef(c, sql, "iiii", round, org, limit + 1, offset);
	json_t *rows = query_rows(s, keys, COUNT_OF(keys));
	if (rows) {
		rows_choice_label(rows, "status", devolved_statuses);
		rows_choice_label(rows, "result", devolved_results);
	}
	return rows;
}

/* Cuts rows to limit; 1 if there were more. */
static int cut(json_t *rows, int64_t limit)
{
	int more = (int64_t)json_array_size(rows) > limit;
	if (more)
		json_array_remove(rows, (size_t)limit);
	return more;
}

enum err devolved_inspection_show(struct request *req, const struct entity *e, const json_t *row,
				  json_t *doc)
{
	(void)e;
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, round = row_int(row, "id");
	json_t *progress = round_progress(c, org, round);
	json_t *todo = progress ? todo_rows(c, org, round, 0, TODO_SHOWN, 0) : NULL;
	if (!todo) {
		json_decref(progress);
		return ERR_DB_UNAVAILABLE;
	}
	json_object_set_new(progress, "more", json_boolean(cut(todo, TODO_SHOWN)));
	json_object_set_new(progress, "todo", todo);
	json_object_set_new(doc, "progress", progress);
	return ERR_OK;
}

enum err devolved_page_progress(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, round = request_param_id(req, "id");
	int64_t department = request_query_int(req, "department", 0),
		page = request_query_int(req, "page", 1);
	static const char *const keys[] = {"#id", "name", "starts_on", "ends_on"};
	json_t *found =
		query_rows(db_preparef(c,
				       "SELECT id, name, starts_on, ends_on FROM "
				       "devolved_inspections WHERE id = ? AND org_id = ? AND "
				       "archived_at IS NULL",
				       "ii", round, org),
			   keys, COUNT_OF(keys));
	if (!found)
		return ERR_DB_UNAVAILABLE;
	if (!json_array_size(found)) {
		json_decref(found);
		return ERR_NOT_FOUND;
	}
	json_t *rows = todo_rows(c, org, round, department, TODO_PAGE, (page - 1) * TODO_PAGE);
	json_t *options = devolved_department_options(c, org, department);
	if (options && department && !devolved_option_name(options, department)) {
		json_decref(rows);
		json_decref(options);
		json_decref(found);
		return ERR_NOT_FOUND;
	}
	if (!rows || !options) {
		json_decref(found);
		json_decref(rows);
		json_decref(options);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *progress = round_progress(c, org, round);
	if (!progress) {
		json_decref(found);
		json_decref(rows);
		json_decref(options);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *doc = json_object();
	int more = cut(rows, TODO_PAGE);
	json_object_set(doc, "round", json_array_get(found, 0));
	json_decref(found);
	json_object_set_new(doc, "progress", progress);
	json_object_set_new(doc, "todo", rows);
	json_object_set_new(doc, "department_options", options);
	json_object_set_new(doc, "page", json_integer(page));
	request_pager(req, doc, page, more);
	res->doc = doc;
	return ERR_OK;
}
