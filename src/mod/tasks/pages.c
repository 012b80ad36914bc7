/*
 * pages.c: the task module's own pages.  The task page (the generic show
 * page plus the task's unit projects, reports, meetings and advice, and
 * how its progress is computed) and the dashboard: tasks by status and
 * kind, average progress, the monthly report meeting's checklist (tasks in
 * progress with no report for the month) and meetings by kind for a
 * period, for the organisation or one department's subtree.  The dashboard
 * reads task_totals and meeting_counts, which every write keeps current;
 * its charts are inline SVG that read without JavaScript and print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/org/org.h"
#include "mod/tasks/tasks.h"

/* A month parameter (declared, so 'YYYY-MM' when given) into out, or def. */
static void query_month(struct request *req, const char *name, const char *def, char out[8])
{
	const char *v = request_query(req, name);
	snprintf(out, 8, "%s", v ? v : def);
}

/* Splits text into its non-empty lines: [{"text": ...}]. */
static json_t *lines_of(const char *text)
{
	json_t *out = json_array();
	for (const char *p = text ? text : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		const char *start = p;
		while (len && (*start == ' ' || *start == '-' || *start == '.' || *start == 'o')) {
			if (*start == 'o' && len > 1 && start[1] != ' ')
				break;
			start++, len--;
		}
		if (len)
			json_array_append_new(out, json_pack("{s:s%}", "text", start, len));
		p = nl ? nl + 1 : p + strlen(p);
	}
	return out;
}

/* A task's unit projects, with their status in words.  The organisation is
 * asked without its index (db_sql_unindexed()): SQLite, without statistics,
 * walked every unit project of the organisation through (org_id,
 * archived_at) rather than the task's own few; the same for its meetings
 * (every meeting of the organisation, each looked up in record_links). */
static json_t *task_units(struct db_conn *c, int64_t org, int64_t id)
{
	static const char *const keys[] = {"#id",    "title",	  "department", "#weight",
					   "status", "#progress", "last_month"};
	char org_col[32], sql[384];
	snprintf(sql, sizeof sql,
		 "SELECT u.id, u.title, d.name, u.weight, u.status, u.progress, "
		 "u.last_report_month FROM unit_projects u LEFT JOIN departments d ON d.id = "
		 "u.department_id WHERE u.task_id = ? AND %s = ? AND u.archived_at IS NULL "
		 "ORDER BY u.id",
		 db_sql_unindexed(c, "u.org_id", org_col, sizeof org_col));
	json_t *units = query_rows(db_preparef(c, sql, "ii", id, org), keys, 7);
	rows_choice_label(units, "status", tasks_statuses);
	return units;
}

/* A task's latest 24 reports, its own and its unit projects'. */
static json_t *task_reports(struct db_conn *c, int64_t org, int64_t id)
{
	static const char *const keys[] = {"#id", "month", "#progress", "content", "unit"};
	return query_rows(db_preparef(c,
				      "SELECT r.id, r.month, r.progress, r.content, u.title FROM "
				      "progress_reports r LEFT JOIN unit_projects u ON u.id = "
				      "r.unit_project_id WHERE r.task_id = ? AND r.org_id = ? AND "
				      "r.archived_at IS NULL ORDER BY r.month DESC, r.id DESC "
				      "LIMIT 24",
				      "ii", id, org),
			  keys, 5);
}

/* The meetings that discussed a task (their tasks field), latest 50. */
static json_t *task_meetings(struct db_conn *c, int64_t org, int64_t id)
{
	static const char *const keys[] = {"#id", "held_on", "title", "kind"};
	char org_col[32], sql[384];
	snprintf(sql, sizeof sql,
		 "SELECT m.id, m.held_on, m.title, m.kind FROM meetings m JOIN record_links l ON "
		 "l.record_id = m.id AND l.entity = 'meetings' AND l.field = 'tasks' WHERE "
		 "l.ref_id = ? AND %s = ? AND m.archived_at IS NULL ORDER BY m.held_on DESC "
		 "LIMIT 50",
		 db_sql_unindexed(c, "m.org_id", org_col, sizeof org_col));
	json_t *meetings = query_rows(db_preparef(c, sql, "ii", id, org), keys, 4);
	rows_choice_label(meetings, "kind", tasks_meeting_kinds);
	return meetings;
}

/* The supporters' advice on a task, latest 50. */
static json_t *task_advice_rows(struct db_conn *c, int64_t org, int64_t id)
{
	static const char *const keys[] = {"#id", "author", "content", "created_at"};
	return query_rows(db_preparef(c,
				      "SELECT id, author_name, content, substr(created_at, 1, 10) "
				      "FROM task_advice WHERE task_id = ? AND org_id = ? AND "
				      "archived_at IS NULL ORDER BY id DESC LIMIT 50",
				      "ii", id, org),
			  keys, 4);
}

enum err tasks_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = row_int(row, "id"), org = req->who.org_id;
	json_object_set_new(doc, "units", task_units(c, org, id));
	json_object_set_new(doc, "reports", task_reports(c, org, id));
	json_object_set_new(doc, "meetings", task_meetings(c, org, id));
	json_object_set_new(doc, "advice", task_advice_rows(c, org, id));
	json_object_set_new(doc, "rule", json_string(tasks_progress_rule));
	json_object_set_new(doc, "progress", json_integer(row_int(row, "progress")));
	json_t *plan = lines_of(row_text(row, "plan"));
	json_object_set_new(doc, "has_plan", json_boolean(json_array_size(plan) > 0));
	json_object_set_new(doc, "plan_items", plan);
	/* who reports is who may edit the task: the engine's may_write */
	json_object_set_new(doc, "may_advise",
			    json_boolean(tasks_advice.allow_write & ROLE_BIT(req->who.role)));
	return ERR_OK;
}

/* One bar of a chart: its label, value and length in percent of the longest. */
static void add_bar(json_t *bars, const char *label, int64_t value, int64_t max, size_t index)
{
	json_int_t width = max ? value * 160 / max : 0;
	json_array_append_new(bars, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "label", label,
					      "value", (json_int_t)value, "width", width, "y",
					      (json_int_t)(index * 28), "ty",
					      (json_int_t)(index * 28 + 17), "tx",
					      (json_int_t)(130 + width + 6)));
}

/* A chart: bars for each choice with its count in counts[] (same order). */
static json_t *chart(const char *title, const struct choice *choices, const int64_t *counts)
{
	int64_t max = 0;
	size_t n = 0;
	for (; choices[n].value; n++)
		if (counts[n] > max)
			max = counts[n];
	json_t *bars = json_array();
	for (size_t i = 0; i < n; i++)
		add_bar(bars, choices[i].label, counts[i], max, i);
	return json_pack("{s:s, s:o, s:I}", "title", title, "bars", bars, "height",
			 (json_int_t)(n * 28 + 4));
}

static size_t choice_index(const struct choice *c, const char *value)
{
	size_t i = 0;
	for (; c[i].value; i++)
		if (!strcmp(c[i].value, value))
			break;
	return i;
}

enum { LATE_MAX = 200 }; /* tasks the dashboard's checklist lists */

/* What the dashboard is asked for: a year, the checklist's month, the
 * meetings' months, and a department (or the organisation). */
struct dashboard {
	struct org_filter where; /* the department filter */
	int64_t year;		 /* the tasks' year */
	char month[8];		 /* the checklist's month: this one, or the year's last */
	char from[8], to[8];	 /* the meetings' months */
	char this_month[8];	 /* today's */
};

/* The dashboard's parameters (declared on the route, so well formed):
 * missing ones default to the latest year with tasks and its months. */
static enum err dashboard_ask(struct request *req, struct dashboard *d)
{
	char now[24], def[8];
	utc_now(0, now);
	snprintf(d->this_month, sizeof d->this_month, "%.7s", now);
	d->year = request_query_int(req, "year", 0);
	if (!d->year) { /* the latest year with tasks; this year when there are none */
		int rc;
		d->year = db_int(request_db(req), &rc, 0,
				 "SELECT MAX(year) FROM task_totals WHERE org_id = ? AND "
				 "department_id = 0 AND n > 0",
				 "i", req->who.org_id);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
	}
	if (!d->year)
		d->year = atoi(now);
	snprintf(def, sizeof def, "%04d-12", (int)d->year);
	query_month(req, "month", d->year == atoi(now) ? d->this_month : def, d->month);
	query_month(req, "to", def, d->to);
	snprintf(def, sizeof def, "%04d-01", (int)d->year);
	query_month(req, "from", def, d->from);
	return org_filter_read(req, "department", &d->where);
}

/* A query of the dashboard's: sql, the department filter on column, then
 * tail; binds holds sql's values and gets the filter's. */
static struct db_stmt *ask(struct db_conn *c, const struct dashboard *d, const char *sql,
			   const char *column, const char *tail, json_t *binds)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, sql);
	org_filter_sql(&d->where, column, &b, binds);
	buf_puts(&b, tail);
	struct db_stmt *s = crud_prepare(c, b.data, binds);
	buf_free(&b);
	json_decref(binds);
	return s;
}

/* Totals per kind and status, and the progress, from task_totals (a
 * department's rows are its subtree's sum; 0 is the organisation's). */
struct totals {
	int64_t by_status[8], by_kind[16], tasks, progress_sum, by_meeting[16], meetings;
};

static enum err dashboard_totals(struct db_conn *c, const struct dashboard *d, struct totals *t)
{
	struct db_stmt *s = ask(c, d,
				"SELECT /* bounded: kinds x statuses of each department */ kind, "
				"status, SUM(n), SUM(progress_sum) FROM task_totals "
				"WHERE org_id = ? AND year = ?",
				"department_id",
				d->where.dept ? " GROUP BY kind, status"
					      : " AND department_id = 0 GROUP BY kind, status",
				json_pack("[I, I]", (json_int_t)d->where.org, (json_int_t)d->year));
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t k = choice_index(tasks_kinds, db_column_text(s, 0)),
		       st = choice_index(tasks_statuses, db_column_text(s, 1));
		int64_t n = db_column_int(s, 2);
		if (k < 16)
			t->by_kind[k] += n;
		if (st < 8)
			t->by_status[st] += n;
		t->tasks += n;
		t->progress_sum += db_column_int(s, 3);
	}
	db_finalize(s);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;
	s = ask(c, d,
		"SELECT /* bounded: kinds of each department and month */ kind, SUM(n) FROM "
		"meeting_counts WHERE org_id = ? AND month >= ? AND month <= ?",
		"department_id",
		d->where.dept ? " GROUP BY kind" : " AND department_id = 0 GROUP BY kind",
		json_pack("[I, s, s]", (json_int_t)d->where.org, d->from, d->to));
	rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t k = choice_index(tasks_meeting_kinds, db_column_text(s, 0));
		if (k < 16)
			t->by_meeting[k] += db_column_int(s, 1);
		t->meetings += db_column_int(s, 1);
	}
	db_finalize(s);
	return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The checklist: tasks in progress with nothing reported for the month,
 * the first LATE_MAX listed; counted beyond them only when they fill it. */
static enum err dashboard_late(struct db_conn *c, const struct dashboard *d, json_t **late,
			       int64_t *count)
{
	static const char *const keys[] = {"#id",  "seq",	 "title",
					   "lead", "last_month", "#progress"};
	char tail[64];
	snprintf(tail, sizeof tail, " ORDER BY t.seq, t.id LIMIT %d", LATE_MAX);
	*late = query_rows(ask(c, d,
			       "SELECT t.id, t.seq, t.title, dp.name, t.last_report_month, "
			       "t.progress FROM tasks t LEFT JOIN departments dp ON dp.id = "
			       "t.lead_department_id WHERE " TASKS_UNREPORTED,
			       "t.lead_department_id", tail,
			       json_pack("[I, I, s]", (json_int_t)d->where.org, (json_int_t)d->year,
					 d->month)),
			   keys, 6);
	*count = (int64_t)json_array_size(*late); /* all of them, under LATE_MAX */
	if (*count < LATE_MAX)
		return ERR_OK;
	struct db_stmt *s = ask(
		c, d, "SELECT COUNT(*) FROM tasks t WHERE " TASKS_UNREPORTED,
		"t.lead_department_id", "",
		json_pack("[I, I, s]", (json_int_t)d->where.org, (json_int_t)d->year, d->month));
	int rc = s ? db_step(s) : DB_ERR;
	*count = rc == DB_ROW ? db_column_int(s, 0) : 0;
	db_finalize(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The years with tasks, the one shown selected. */
static json_t *year_options(struct db_conn *c, int64_t org, int64_t year)
{
	static const char *const year_keys[] = {"#year"};
	json_t *years =
		query_rows(db_preparef(c,
				       "SELECT DISTINCT year FROM task_totals WHERE org_id = ? "
				       "AND department_id = 0 AND n > 0 ORDER BY year DESC",
				       "i", org),
			   year_keys, 1);
	size_t i;
	json_t *y;
	json_array_foreach(years, i, y)
		json_object_set_new(y, "selected", json_boolean(row_int(y, "year") == year));
	return years;
}

/* [{label, n}] of a choice list's counts (with zero rows kept or not). */
static json_t *count_rows(const struct choice *choices, const int64_t *counts, int zeros)
{
	json_t *rows = json_array();
	for (size_t k = 0; choices[k].value; k++)
		if (zeros || counts[k])
			json_array_append_new(rows,
					      json_pack("{s:s, s:I}", "label", choices[k].label,
							"n", (json_int_t)counts[k]));
	return rows;
}

enum err tasks_page_dashboard(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	struct dashboard d;
	struct totals t = {0};
	json_t *late = NULL;
	int64_t late_count = 0;
	enum err e = dashboard_ask(req, &d);
	if (e == ERR_OK)
		e = dashboard_totals(c, &d, &t);
	if (e == ERR_OK)
		e = dashboard_late(c, &d, &late, &late_count);
	if (e != ERR_OK) {
		json_decref(late);
		return e;
	}
	static const char *const dept_keys[] = {"#id", "name"};
	json_t *doc = json_object();
	json_object_set_new(doc, "year", json_integer(d.year));
	json_object_set_new(doc, "department", json_integer(d.where.dept));
	json_object_set_new(doc, "department_name",
			    json_string(d.where.dept ? d.where.name : "전체 (기관)"));
	json_object_set_new(doc, "month", json_string(d.month));
	json_object_set_new(doc, "from", json_string(d.from));
	json_object_set_new(doc, "to", json_string(d.to));
	json_object_set_new(doc, "this_month", json_string(d.this_month));
	json_object_set_new(doc, "tasks", json_integer(t.tasks));
	json_object_set_new(doc, "average",
			    json_integer(t.tasks ? (t.progress_sum + t.tasks / 2) / t.tasks : 0));
	json_object_set_new(doc, "meetings", json_integer(t.meetings));
	json_object_set_new(doc, "late_count", json_integer(late_count));
	json_object_set_new(doc, "late", late);
	json_object_set_new(doc, "years", year_options(c, d.where.org, d.year));
	json_object_set_new(doc, "departments",
			    org_unit_options(c, d.where.org, d.where.dept, dept_keys));
	json_object_set_new(doc, "by_status", count_rows(tasks_statuses, t.by_status, 1));
	json_object_set_new(doc, "by_kind", count_rows(tasks_kinds, t.by_kind, 0));
	json_object_set_new(doc, "status_chart",
			    chart("상태별 과제 수", tasks_statuses, t.by_status));
	json_object_set_new(doc, "kind_chart", chart("구분별 과제 수", tasks_kinds, t.by_kind));
	json_object_set_new(doc, "meeting_chart",
			    chart("종류별 회의 수", tasks_meeting_kinds, t.by_meeting));
	json_object_set_new(doc, "rule", json_string(tasks_progress_rule));
	res->doc = doc;
	return ERR_OK;
}
