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
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/org/org.h"
#include "mod/tasks/tasks.h"

/* A month parameter (declared, so 'YYYY-MM' when given) into out, or def. */
static void query_month(struct request *req, const char *name, const char *def, char out[8])
{
	const char *v = params_get(&req->query, name);
	snprintf(out, 8, "%s", v && *v ? v : def);
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

enum err tasks_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = json_integer_value(json_object_get(row, "id")), org = req->who.org_id;
	static const char *const unit_keys[] = {"#id",	  "title",     "department", "#weight",
						"status", "#progress", "last_month"};
	json_t *units =
		query_rows(db_preparef(c,
				       "SELECT u.id, u.title, d.name, u.weight, u.status, "
				       "u.progress, u.last_report_month FROM unit_projects u "
				       "LEFT JOIN departments d ON d.id = u.department_id WHERE "
				       "u.task_id = ? AND u.org_id = ? AND u.archived_at IS NULL "
				       "ORDER BY u.id",
				       "ii", id, org),
			   unit_keys, 7);
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u) json_object_set_new(
		u, "status_label",
		json_string(choice_label(tasks_statuses,
					 json_string_value(json_object_get(u, "status")))));
	static const char *const report_keys[] = {"#id", "month", "#progress", "content", "unit"};
	json_t *reports =
		query_rows(db_preparef(c,
				       "SELECT r.id, r.month, r.progress, r.content, u.title "
				       "FROM progress_reports r LEFT JOIN unit_projects u ON "
				       "u.id = r.unit_project_id WHERE r.task_id = ? AND "
				       "r.org_id = ? AND r.archived_at IS NULL ORDER BY r.month "
				       "DESC, r.id DESC LIMIT 24",
				       "ii", id, org),
			   report_keys, 5);
	static const char *const meeting_keys[] = {"#id", "held_on", "title", "kind"};
	json_t *meetings = query_rows(
		db_preparef(c,
			    "SELECT m.id, m.held_on, m.title, m.kind FROM meetings m JOIN "
			    "record_links l ON l.record_id = m.id AND l.entity = 'meetings' AND "
			    "l.field = 'tasks' WHERE l.ref_id = ? AND m.org_id = ? AND "
			    "m.archived_at IS NULL ORDER BY m.held_on DESC LIMIT 50",
			    "ii", id, org),
		meeting_keys, 4);
	json_array_foreach(meetings, i, u) json_object_set_new(
		u, "kind_label",
		json_string(choice_label(tasks_meeting_kinds,
					 json_string_value(json_object_get(u, "kind")))));
	static const char *const advice_keys[] = {"#id", "author", "content", "created_at"};
	json_t *advice =
		query_rows(db_preparef(c,
				       "SELECT id, author_name, content, substr(created_at, 1, "
				       "10) FROM task_advice WHERE task_id = ? AND org_id = ? "
				       "AND archived_at IS NULL ORDER BY id DESC LIMIT 50",
				       "ii", id, org),
			   advice_keys, 4);
	int64_t progress = json_integer_value(json_object_get(row, "progress"));
	json_object_set_new(doc, "units", units);
	json_object_set_new(doc, "reports", reports);
	json_object_set_new(doc, "meetings", meetings);
	json_object_set_new(doc, "advice", advice);
	json_object_set_new(doc, "rule", json_string(tasks_progress_rule));
	json_object_set_new(doc, "progress", json_integer(progress));
	json_t *plan = lines_of(json_string_value(json_object_get(row, "plan")));
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

enum err tasks_page_dashboard(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	char now[24], this_month[8];
	utc_now(0, now);
	snprintf(this_month, sizeof this_month, "%.7s", now);
	int64_t year = request_query_int(req, "year", 0);
	if (!year) { /* the latest year with tasks; this year when there are none */
		int rc;
		year = db_int(c, &rc, 0,
			      "SELECT MAX(year) FROM task_totals WHERE org_id = ? AND "
			      "department_id = 0 AND "
			      "n > 0",
			      "i", org);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
	}
	if (!year)
		year = atoi(now);
	int64_t dept = request_query_int(req, "department", 0);
	char month[8], from[8], to[8], def[8];
	/* the checklist's month: this one, or a past year's last */
	snprintf(def, sizeof def, "%04d-12", (int)year);
	query_month(req, "month", year == atoi(now) ? this_month : def, month);
	snprintf(def, sizeof def, "%04d-01", (int)year);
	query_month(req, "from", def, from);
	snprintf(def, sizeof def, "%04d-12", (int)year);
	query_month(req, "to", def, to);

	char lo[ORG_PATH_MAX] = "", hi[ORG_PATH_MAX] = "", dept_name[200] = "";
	if (dept) {
		int found = org_subtree(c, org, dept, lo, hi, dept_name, sizeof dept_name);
		if (found <= 0)
			return found < 0 ? ERR_DB_UNAVAILABLE : ERR_NOT_FOUND;
	}

	/* totals: tasks by status and kind, progress */
	int64_t by_status[8] = {0}, by_kind[16] = {0}, tasks = 0, progress_sum = 0;
	struct db_stmt *s =
		dept ? db_preparef(
			       c,
			       "SELECT kind, status, SUM(n), SUM(progress_sum) FROM task_totals "
			       "WHERE org_id = ? AND year = ? AND department_id IN " DEPT_SUBTREE
			       " GROUP BY kind, status",
			       "iiiitt", org, year, dept, org, lo, hi)
		     : db_preparef(
			       c,
			       "SELECT kind, status, n, progress_sum FROM task_totals WHERE org_id "
			       "= ? AND year = ? AND department_id = 0",
			       "ii", org, year);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t k = choice_index(tasks_kinds, db_column_text(s, 0)),
		       st = choice_index(tasks_statuses, db_column_text(s, 1));
		int64_t n = db_column_int(s, 2);
		if (k < 16)
			by_kind[k] += n;
		if (st < 8)
			by_status[st] += n;
		tasks += n;
		progress_sum += db_column_int(s, 3);
	}
	db_finalize(s);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;

	/* meetings by kind over the period */
	int64_t by_meeting[16] = {0}, meetings = 0;
	s = dept ? db_preparef(c,
			       "SELECT kind, SUM(n) FROM meeting_counts WHERE org_id = ? AND month "
			       ">= ? AND month <= ? AND department_id IN " DEPT_SUBTREE
			       " GROUP BY kind",
			       "ittiitt", org, from, to, dept, org, lo, hi)
		 : db_preparef(c,
			       "SELECT kind, SUM(n) FROM meeting_counts WHERE org_id = ? AND "
			       "department_id = 0 AND month >= ? AND month <= ? GROUP BY kind",
			       "itt", org, from, to);
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t k = choice_index(tasks_meeting_kinds, db_column_text(s, 0));
		if (k < 16)
			by_meeting[k] += db_column_int(s, 1);
		meetings += db_column_int(s, 1);
	}
	db_finalize(s);

	/* the checklist: in progress, nothing reported for the month */
	static const char *const late_keys[] = {"#id",	"seq",	      "title",
						"lead", "last_month", "#progress"};
	/* the rows listed stop at LATE_MAX; their count does not */
	const char *late_where =
		dept ? "t.org_id = ? AND t.year = ? AND t.status = 'in_progress' AND t.archived_at "
		       "IS NULL AND t.last_report_month < ? AND t.lead_department_id "
		       "IN " DEPT_SUBTREE
		     : "t.org_id = ? AND t.year = ? AND t.status = 'in_progress' AND t.archived_at "
		       "IS NULL AND t.last_report_month < ?";
	char late_sql[1024], late_count_sql[768];
	snprintf(
		late_sql, sizeof late_sql,
		"SELECT t.id, t.seq, t.title, d.name, t.last_report_month, t.progress FROM tasks t "
		"LEFT JOIN departments d ON d.id = t.lead_department_id WHERE %s ORDER BY t.seq, "
		"t.id LIMIT %d",
		late_where, LATE_MAX);
	snprintf(late_count_sql, sizeof late_count_sql, "SELECT COUNT(*) FROM tasks t WHERE %s",
		 late_where);
	json_t *late = query_rows(
		dept ? db_preparef(c, late_sql, "iitiitt", org, year, month, dept, org, lo, hi)
		     : db_preparef(c, late_sql, "iit", org, year, month),
		late_keys, 6);
	int64_t late_count = (int64_t)json_array_size(late); /* all of them, under LATE_MAX */
	int counted = DB_ROW;
	if (late_count == LATE_MAX)
		late_count = dept ? db_int(c, &counted, 0, late_count_sql, "iitiitt", org, year,
					   month, dept, org, lo, hi)
				  : db_int(c, &counted, 0, late_count_sql, "iit", org, year, month);
	if (counted == DB_ERR) {
		json_decref(late);
		return ERR_DB_UNAVAILABLE;
	}

	/* what the filters offer */
	static const char *const year_keys[] = {"#year"};
	json_t *years =
		query_rows(db_preparef(c,
				       "SELECT DISTINCT year FROM task_totals WHERE org_id = ? "
				       "AND department_id = 0 AND n > 0 ORDER BY year DESC",
				       "i", org),
			   year_keys, 1);
	size_t i;
	json_t *y;
	json_array_foreach(years, i, y) json_object_set_new(
		y, "selected",
		json_boolean(json_integer_value(json_object_get(y, "year")) == year));
	static const char *const dept_keys[] = {"#id", "name"};
	json_t *depts = org_unit_options(c, org, dept, dept_keys);

	json_t *status_rows = json_array(), *kind_rows = json_array();
	for (size_t k = 0; tasks_statuses[k].value; k++)
		json_array_append_new(status_rows,
				      json_pack("{s:s, s:I}", "label", tasks_statuses[k].label, "n",
						(json_int_t)by_status[k]));
	for (size_t k = 0; tasks_kinds[k].value; k++)
		if (by_kind[k])
			json_array_append_new(kind_rows,
					      json_pack("{s:s, s:I}", "label", tasks_kinds[k].label,
							"n", (json_int_t)by_kind[k]));
	res->doc = json_pack(
		"{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, "
		"s:o, s:o, s:o, s:s}",
		"year", (json_int_t)year, "department", (json_int_t)dept, "department_name",
		dept ? dept_name : "전체 (기관)", "month", month, "from", from, "to", to,
		"this_month", this_month, "tasks", (json_int_t)tasks, "average",
		(json_int_t)(tasks ? (progress_sum + tasks / 2) / tasks : 0), "meetings",
		(json_int_t)meetings, "late_count", (json_int_t)late_count, "late", late, "years",
		years, "departments", depts, "by_status", status_rows, "by_kind", kind_rows,
		"status_chart", chart("상태별 과제 수", tasks_statuses, by_status), "kind_chart",
		chart("구분별 과제 수", tasks_kinds, by_kind), "meeting_chart",
		chart("종류별 회의 수", tasks_meeting_kinds, by_meeting), "rule",
		tasks_progress_rule);
	return ERR_OK;
}
