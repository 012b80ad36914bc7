/*
 * schedule.c: a plan's schedule (/plans/{id}/schedule) and its spreadsheet:
 * for the plan's year, each item's due occurrences (plans_occurrences()),
 * each done with a link to the first fulfilling record, due, overdue or
 * future against today (UTC), the items grouped by their department
 * (총괄부서), and the counts of each state above; every figure is found
 * in the records, none stored.
 *
 * Memory: the page's document is built here and given to the response;
 * every statement is finalized where it is prepared.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/org/org.h"
#include "mod/plans/plans_int.h"
#include "sheet/sheet.h"

/* What the schedule found for one occurrence. */
struct found {
	int64_t n;	 /* fulfilling records in its period */
	int64_t id;	 /* the first of them (by day, then id); 0: none */
	char day[11];	 /* its day */
	char title[640]; /* its title (200 characters, each up to 3 bytes) */
};

static const struct choice states[] = {
	{"done", "완료", "Done"},
	{"due", "진행", "Due"},
	{"overdue", "지연", "Overdue"},
	{"future", "예정", "Future"},
	{"unlinked", "확인 필요", "Not linked"},
	{NULL, NULL, NULL},
};

/* 1 if a record of department path rec counts for an item of department
 * path dept (both their own paths, '/1/7/'; NULL or "": none). */
static int in_subtree(const char *rec, const char *dept)
{
	return !rec || !*dept || !strncmp(rec, dept, strlen(dept));
}

/* Reads the item's source records of year and counts them into found[]
 * per occurrence; ERR_OK or ERR_DB_UNAVAILABLE. */
static enum err fulfil(struct db_conn *c, int64_t org, int year, const json_t *item,
		       const struct plans_occurrence *occ, size_t n, struct found *found)
{
	const struct plans_source *src = plans_source_find(row_text(item, "source"));
	if (!src)
		return ERR_OK;
	char from[8], to[11];
	snprintf(from, sizeof from, "%04d-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	const char *kind = row_text(item, "source_kind");
	struct db_stmt *s = src->kinds
				    ? db_preparef(c, src->sql, "itttt", org, from, to, kind, kind)
				    : db_preparef(c, src->sql, "itt", org, from, to);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		const char *day = db_column_text(s, 1);
		if (!day || !in_subtree(db_column_text(s, 2), row_text(item, "department_path")))
			continue;
		for (size_t k = 0; k < n; k++) {
			if (strcmp(day, occ[k].from) < 0 || strcmp(day, occ[k].to) > 0)
				continue;
			struct found *f = &found[k];
			int64_t id = db_column_int(s, 0);
			int first = !f->id || strcmp(day, f->day) < 0 ||
				    (!strcmp(day, f->day) && id < f->id);
			f->n++;
			if (first) {
				f->id = id;
				snprintf(f->day, sizeof f->day, "%s", day);
				const char *t = db_column_text(s, 3);
				snprintf(f->title, sizeof f->title, "%s", t ? t : "");
			}
		}
	}
	db_finalize(s);
	return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The state of an occurrence found f, against today.  An item no kind of
 * record fulfils cannot be judged from the records: its past and current
 * occurrences are "unlinked" (확인 필요), for the office to check by hand,
 * never overdue. */
static const char *state_of(const struct plans_occurrence *o, const struct found *f, int64_t need,
			    int linked, const char *today)
{
	if (linked && f->n >= need)
		return "done";
	if (strcmp(today, o->from) < 0)
		return "future";
	if (!linked)
		return "unlinked";
	return strcmp(today, o->to) > 0 ? "overdue" : "due";
}

/* An empty stretch of the month columns before an occurrence. */
static void gap(json_t *cells, int months)
{
	if (months > 0)
		json_array_append_new(cells, json_pack("{s:i, s:b}", "span", months, "gap", 1));
}

/* The item's occurrences as cells of the twelve month columns, with their
 * states added into counts; ERR_OK or a database error. */
static enum err item_cells(struct db_conn *c, int64_t org, int year, const char *today,
			   json_t *item, json_t *counts)
{
	struct plans_cadence cad = {
		.kind = row_text(item, "cadence"),
		.times = row_int(item, "times"),
		.month_from = (int)row_int(item, "month_from"),
		.month_to = (int)row_int(item, "month_to"),
		.due_on = row_text(item, "due_on"),
	};
	struct plans_occurrence occ[PLANS_OCCURRENCES_MAX];
	size_t n = plans_occurrences(&cad, year, occ);
	struct found found[PLANS_OCCURRENCES_MAX] = {0};
	enum err why = fulfil(c, org, year, item, occ, n, found);
	if (why)
		return why;
	int64_t need = !strcmp(cad.kind, "at_least") && cad.times > 0 ? cad.times : 1;
	const struct plans_source *src = plans_source_find(row_text(item, "source"));
	json_t *cells = json_array();
	int col = 1;
	for (size_t k = 0; k < n; k++) {
		gap(cells, occ[k].month_from - col);
		const char *state = state_of(&occ[k], &found[k], need, src != NULL, today);
		json_t *cell = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:I}", "span",
					 occ[k].month_to - occ[k].month_from + 1, "label",
					 occ[k].label, "from", occ[k].from, "to", occ[k].to,
					 "state", state, "state_label", choice_label(states, state),
					 "records", (json_int_t)found[k].n);
		if (found[k].id && src) {
			char href[64];
			snprintf(href, sizeof href, "%s%lld", src->href, (long long)found[k].id);
			json_object_set_new(cell, "href", json_string(href));
			json_object_set_new(cell, "record", json_string(found[k].title));
			json_object_set_new(cell, "record_on", json_string(found[k].day));
		}
		if (need > 1) {
			char progress[32];
			snprintf(progress, sizeof progress, "%lld/%lld", (long long)found[k].n,
				 (long long)need);
			json_object_set_new(cell, "progress", json_string(progress));
		}
		json_object_set_new(cell, state, json_true());
		json_object_set_new(counts, state, json_integer(row_int(counts, state) + 1));
		json_array_append_new(cells, cell);
		col = occ[k].month_to + 1;
	}
	gap(cells, 13 - col);
	json_object_set_new(item, "cells", cells);
	json_object_set_new(item, "scheduled", json_boolean(n > 0));
	return ERR_OK;
}

/* The plan of the path's id, as {id, year, title, vision}; NULL with *why. */
static json_t *plan_read(struct request *req, enum err *why)
{
	int64_t id = request_param_id(req, "id");
	static const char *const keys[] = {"#id", "#year", "title", "vision"};
	json_t *rows = id ? query_rows(db_preparef(request_db(req),
						   "SELECT id, year, title, vision FROM plans "
						   "WHERE id = ? AND org_id = ? AND archived_at "
						   "IS NULL",
						   "ii", id, req->who.org_id),
				       keys, COUNT_OF(keys))
			  : json_array();
	if (!rows) {
		*why = ERR_DB_UNAVAILABLE;
		return NULL;
	}
	json_t *plan = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	*why = plan ? ERR_OK : ERR_NOT_FOUND;
	return plan;
}

/* The plan's items in order, with their section and department. */
static json_t *items_read(struct db_conn *c, int64_t plan)
{
	static const char *const keys[] = {"#id",	  "#position",	     "text",
					   "code",	  "cadence",	     "#times",
					   "#month_from", "#month_to",	     "due_on",
					   "source",	  "source_kind",     "#department_id",
					   "department",  "department_path", "note"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT i.id, i.position, i.text, COALESCE(s.code, ''), i.cadence, "
			    "COALESCE(i.times, 0), COALESCE(i.month_from, 0), "
			    "COALESCE(i.month_to, 0), COALESCE(i.due_on, ''), i.source, "
			    "COALESCE(i.source_kind, ''), COALESCE(i.department_id, 0), "
			    "COALESCE(d.name, ''), COALESCE(d.path || d.id || '/', ''), "
			    "COALESCE(i.note, '') FROM plan_items i LEFT JOIN plan_sections s ON "
			    "s.id = i.section_id LEFT JOIN departments d ON d.id = i.department_id "
			    "WHERE i.plan_id = ? AND i.archived_at IS NULL ORDER BY i.position, "
			    "i.id",
			    "i", plan),
		keys, COUNT_OF(keys));
	if (!rows)
		return NULL;
	rows_choice_label(rows, "cadence", plans_cadences);
	rows_choice_label(rows, "source", plans_sources);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		const char *kind = row_text(row, "source_kind");
		const struct choice *kinds = plans_source_kinds(row_text(row, "source"));
		if (*kind && kinds)
			json_object_set_new(row, "source_kind_label",
					    json_string(choice_label(kinds, kind)));
		if (!strcmp(row_text(row, "cadence"), "at_least")) {
			char label[32];
			snprintf(label, sizeof label, "연 %lld회 이상",
				 (long long)row_int(row, "times"));
			json_object_set_new(row, "cadence_label", json_string(label));
		}
	}
	return rows;
}

/* 1 if item is shown with the department filter where: its department
 * within the subtree asked (its own path between the bounds), or none asked. */
static int item_shown(const json_t *item, const struct org_filter *where)
{
	const char *path = row_text(item, "department_path");
	return !where->dept || (strcmp(path, where->lo) >= 0 && strcmp(path, where->hi) < 0);
}

/* The filter's options: the departments the plan's items name, in the
 * order they first appear, the one asked marked. */
static json_t *department_options(const json_t *items, int64_t selected)
{
	json_t *options = json_array(), *item, *o;
	size_t i, j;
	json_array_foreach(items, i, item)
	{
		int64_t dept = row_int(item, "department_id");
		int seen = !dept;
		json_array_foreach(options, j, o) seen |= row_int(o, "id") == dept;
		if (!seen)
			json_array_append_new(options,
					      json_pack("{s:I, s:s, s:b}", "id", (json_int_t)dept,
							"name", row_text(item, "department"),
							"selected", dept == selected));
	}
	return options;
}

/* The department group of item in groups (made when new). */
static json_t *group_of(json_t *groups, const json_t *item)
{
	int64_t dept = row_int(item, "department_id");
	size_t i;
	json_t *g;
	json_array_foreach(groups, i, g) if (row_int(g, "department_id") == dept) return g;
	g = json_pack("{s:I, s:s, s:[], s:[]}", "department_id", (json_int_t)dept, "name",
		      dept ? row_text(item, "department") : "기관 전체", "items", "unscheduled");
	json_array_append_new(groups, g);
	return g;
}

/* The items shown with where, each with its cells, into groups by
 * department, their states against today counted into counts; ERR_OK or
 * a database error. */
static enum err schedule_groups(struct request *req, const json_t *items, int year,
				const char *today, const struct org_filter *where, json_t *counts,
				json_t *groups)
{
	size_t i;
	json_t *item, *g;
	json_array_foreach(items, i, item)
	{
		if (!item_shown(item, where))
			continue;
		enum err why =
			item_cells(request_db(req), req->who.org_id, year, today, item, counts);
		if (why)
			return why;
		int scheduled = json_is_true(json_object_get(item, "scheduled"));
		json_array_append(json_object_get(group_of(groups, item),
						  scheduled ? "items" : "unscheduled"),
				  item);
	}
	json_array_foreach(groups, i, g) json_object_set_new(
		g, "has_unscheduled",
		json_boolean(json_array_size(json_object_get(g, "unscheduled"))));
	json_object_set_new(counts, "total",
			    json_integer(row_int(counts, "done") + row_int(counts, "due") +
					 row_int(counts, "overdue") + row_int(counts, "future") +
					 row_int(counts, "unlinked")));
	return ERR_OK;
}

/* The schedule's document: the plan, today, counts, the department groups,
 * the department filter's options. */
static enum err schedule_doc(struct request *req, json_t **out)
{
	enum err why;
	json_t *plan = plan_read(req, &why);
	struct org_filter where;
	if (plan && (why = org_filter_read(req, "department", &where)))
		json_decref(plan), plan = NULL;
	if (!plan)
		return why;
	json_t *items = items_read(request_db(req), row_int(plan, "id"));
	if (!items) {
		json_decref(plan);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i}", "done", 0, "due", 0, "overdue", 0,
				   "future", 0, "unlinked", 0);
	json_t *groups = json_array(), *months = json_array();
	char today[11];
	utc_today(today);
	why = schedule_groups(req, items, (int)row_int(plan, "year"), today, &where, counts,
			      groups);
	json_t *options = department_options(items, where.dept);
	json_decref(items);
	for (int m = 1; m <= 12; m++)
		json_array_append_new(months, json_integer(m));
	*out = json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}", "plan", plan, "today", today, "counts",
			 counts, "departments", groups, "months", months, "department_options",
			 options);
	if (why) {
		json_decref(*out), *out = NULL;
		return why;
	}
	if (where.dept) {
		json_object_set_new(*out, "department", json_integer(where.dept));
		json_object_set_new(*out, "department_name", json_string(where.name));
	}
	return ERR_OK;
}

enum err plans_page_schedule(struct request *req, struct response *res)
{
	json_t *doc = NULL;
	enum err why = schedule_doc(req, &doc);
	if (!why)
		res->doc = doc;
	return why;
}

/* One line of the spreadsheet per occurrence, and one per unscheduled item. */
static void sheet_item(struct sheet_writer *w, const json_t *g, const json_t *item)
{
	const json_t *cells = json_object_get(item, "cells"), *cell;
	size_t i;
	char kind[200];
	snprintf(kind, sizeof kind, "%s%s%s", row_text(item, "source_label"),
		 *row_text(item, "source_kind_label") ? " · " : "",
		 row_text(item, "source_kind_label"));
	int any = 0;
	json_array_foreach(cells, i, cell)
	{
		if (json_is_true(json_object_get(cell, "gap")))
			continue;
		any = 1;
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)row_int(cell, "records"));
		const char *row[] = {row_text(g, "name"),
				     row_text(item, "code"),
				     row_text(item, "text"),
				     row_text(item, "cadence_label"),
				     kind,
				     row_text(cell, "label"),
				     row_text(cell, "from"),
				     row_text(cell, "to"),
				     row_text(cell, "state_label"),
				     n,
				     row_text(cell, "record_on"),
				     row_text(cell, "record")};
		sheet_writer_row(w, COUNT_OF(row), row);
	}
	if (!any) {
		const char *row[] = {row_text(g, "name"),
				     row_text(item, "code"),
				     row_text(item, "text"),
				     row_text(item, "cadence_label"),
				     kind,
				     "",
				     "",
				     "",
				     "일정 없음",
				     "",
				     "",
				     ""};
		sheet_writer_row(w, COUNT_OF(row), row);
	}
}

enum err plans_page_schedule_export(struct request *req, struct response *res)
{
	json_t *doc = NULL;
	enum err why = schedule_doc(req, &doc);
	if (why)
		return why;
	const json_t *plan = json_object_get(doc, "plan");
	char title[64];
	snprintf(title, sizeof title, "%lld 추진일정", (long long)row_int(plan, "year"));
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, title);
	const char *head[] = {"총괄부서",  "번호",    "세부 추진계획", "추진 주기",
			      "이행 기록", "시기",    "기간 (부터)",   "기간 (까지)",
			      "상태",	   "기록 수", "기록 일자",     "기록"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i, j;
	json_t *g, *item;
	json_array_foreach(json_object_get(doc, "departments"), i, g)
	{
		json_array_foreach(json_object_get(g, "items"), j, item) sheet_item(w, g, item);
		json_array_foreach(json_object_get(g, "unscheduled"), j, item)
			sheet_item(w, g, item);
	}
	char name[40];
	snprintf(name, sizeof name, "plan-schedule-%lld", (long long)row_int(plan, "year"));
	json_decref(doc);
	return crud_send_sheet(req, res, w, 1, name);
}
