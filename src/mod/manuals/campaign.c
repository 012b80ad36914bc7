/*
 * campaign.c: a year's team-innovation campaign (/manuals/campaign?year=):
 * every team of the organisation (departments of kind team, under their
 * divisions) with its charter, basic manual, unit manuals and innovation
 * task against the stage deadlines (manuals.h), and by division the teams
 * and the late ones; with its CSV and XLSX.  Every figure is counted here
 * from the records.
 *
 * A stage is late when it was done after its deadline, or is not done and
 * the deadline has passed by "today": the real date, or ?today= (so that a
 * test or a look back at a past year can ask as of a day).
 */
#include <stdio.h>
#include <string.h>

#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/manuals/manuals.h"
#include "mod/org/org.h"
#include "sheet/sheet.h"

/* What the page asks: the year and the day it judges lateness on. */
struct campaign {
	int64_t year;		     /* the campaign's year */
	char today[11];		     /* "YYYY-MM-DD" */
	char charter[11], basic[11], /* the year's deadlines */
		unit[11];
};

static int leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The year (?year=, else the latest year with a charter, else this one)
 * and its deadlines. */
static enum err campaign_ask(struct request *req, struct campaign *k)
{
	const char *today = request_query(req, "today");
	if (today)
		snprintf(k->today, sizeof k->today, "%s", today);
	else
		utc_today(k->today);
	k->year = request_query_int(req, "year", 0);
	if (!k->year) {
		int rc;
		k->year = db_int(request_db(req), &rc, 0,
				 "SELECT MAX(year) FROM team_charters WHERE org_id = ? AND "
				 "archived_at IS NULL",
				 "i", req->who.org_id);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		if (!k->year)
			k->year = utc_year();
	}
	int y = (int)k->year;
	snprintf(k->charter, sizeof k->charter, "%04d-%s", y,
		 leap(y) ? "02-29" : manuals_charter_deadline);
	snprintf(k->basic, sizeof k->basic, "%04d-%s", y, manuals_basic_deadline);
	snprintf(k->unit, sizeof k->unit, "%04d-%s", y, manuals_unit_deadline);
	return ERR_OK;
}

/* One stage of a team: {done, on, late, state, text} into row under name,
 * as of today: on is the day it was done ("" if not); a stage done after
 * today is not done yet. */
static int stage(json_t *row, const char *name, int done, const char *on, const char *deadline,
		 const char *today)
{
	if (done && strcmp(on, today) > 0)
		done = 0, on = ""; /* as of today, not done yet */
	int late = done ? strcmp(on, deadline) > 0 : strcmp(today, deadline) > 0;
	const char *state = done ? (late ? "late_done" : "done") : (late ? "late" : "pending");
	char text[64];
	if (done)
		snprintf(text, sizeof text, "%s %s", late ? "기한 후 완료" : "완료", on);
	else
		snprintf(text, sizeof text, "%s", late ? "기한 지남 (미완료)" : "기한 전 (미완료)");
	json_object_set_new(row, name,
			    json_pack("{s:b, s:s, s:b, s:s, s:s}", "done", done, "on", on, "late",
				      late, "state", state, "text", text));
	return late;
}

static const char *const team_keys[] = {
	"#id",	       "name",	   "#division_id", "division", "#charter_id",	  "charter_on",
	"#task_id",    "task",	   "#basic_id",	   "basic_on", "#basic_versions", "#units",
	"#units_done", "units_on",
};

/* Every team with its records of the year, by division then team; of the
 * unit manuals, those first saved by today are done. */
static json_t *team_rows(struct db_conn *c, int64_t org, int64_t year, const char *today)
{
	return query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: the organisation's teams, 132 in the seed */ t.id, "
			"t.name, COALESCE(p.id, 0), COALESCE(p.name, ''), COALESCE(ch.id, 0), "
			"COALESCE(ch.completed_on, ''), COALESCE(tk.id, 0), COALESCE(tk.title, "
			"''), "
			"COALESCE(bm.id, 0), COALESCE(bm.first_saved_on, ''), "
			"COALESCE(bm.versions, 0), COALESCE(u.n, 0), COALESCE(u.done, 0), "
			"COALESCE(u.last_on, '') FROM departments t LEFT JOIN departments p ON "
			"p.id = t.parent_id LEFT JOIN team_charters ch ON ch.org_id = t.org_id AND "
			"ch.year = ? AND ch.department_id = t.id AND ch.archived_at IS NULL LEFT "
			"JOIN tasks tk ON tk.id = ch.task_id AND tk.kind = 'team' AND "
			"tk.archived_at IS NULL LEFT JOIN manuals bm ON bm.org_id = t.org_id AND "
			"bm.year = ? AND bm.department_id = t.id AND bm.kind = 'basic' AND bm.duty "
			"= '' AND bm.archived_at IS NULL LEFT JOIN (SELECT department_id, COUNT(*) "
			"AS n, SUM(CASE WHEN first_saved_on <= ? THEN 1 ELSE 0 END) AS done, "
			"MAX(CASE WHEN first_saved_on <= ? THEN first_saved_on END) AS last_on "
			"FROM "
			"manuals WHERE org_id = ? AND year = ? "
			"AND kind = 'unit' AND archived_at IS NULL GROUP BY department_id) u ON "
			"u.department_id = t.id WHERE t.org_id = ? AND t.kind = 'team' AND "
			"t.archived_at IS NULL ORDER BY COALESCE(p.sort_order, 0), COALESCE(p.id, "
			"0), t.sort_order, t.id",
			"iittiii", year, year, today, today, org, year, org),
		team_keys, COUNT_OF(team_keys));
}

/* Judges one team's row against k's deadlines; 1 if it is late anywhere. */
static int judge(json_t *t, const struct campaign *k)
{
	int64_t units = row_int(t, "units"), done = row_int(t, "units_done");
	int late = stage(t, "charter", *row_text(t, "charter_on") != '\0',
			 row_text(t, "charter_on"), k->charter, k->today);
	late |= stage(t, "basic", row_int(t, "basic_versions") > 0, row_text(t, "basic_on"),
		      k->basic, k->today);
	late |= stage(t, "unit", units > 0 && done == units, row_text(t, "units_on"), k->unit,
		      k->today);
	/* the template's links: a number 0 is no "none" to Mustache */
	json_object_set_new(t, "has_charter", json_boolean(row_int(t, "charter_id") > 0));
	json_object_set_new(t, "has_basic", json_boolean(row_int(t, "basic_id") > 0));
	json_object_set_new(t, "has_basic_version", json_boolean(row_int(t, "basic_versions") > 0));
	json_object_set_new(t, "task_set", json_boolean(row_int(t, "task_id") > 0));
	json_object_set_new(t, "late", json_boolean(late));
	return late;
}

/* Adds one to counter key of object o. */
static void bump(json_t *o, const char *key, int by)
{
	json_object_set_new(o, key, json_integer(row_int(o, key) + by));
}

/* The counts of a set of teams (a division, or all): teams, charters,
 * basic, units, tasks, late. */
static void count(json_t *o, const json_t *t, int late)
{
	bump(o, "teams", 1);
	bump(o, "charters", json_is_true(json_object_get(json_object_get(t, "charter"), "done")));
	bump(o, "basic", json_is_true(json_object_get(json_object_get(t, "basic"), "done")));
	bump(o, "units", json_is_true(json_object_get(json_object_get(t, "unit"), "done")));
	bump(o, "unit_manuals", (int)row_int(t, "units_done"));
	bump(o, "tasks", row_int(t, "task_id") > 0);
	bump(o, "late", late);
}

static json_t *counts_new(void)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "teams", 0, "charters", 0, "basic",
			 0, "units", 0, "unit_manuals", 0, "tasks", 0, "late", 0);
}

/* The whole page's document for k. */
static enum err campaign_doc(struct request *req, const struct campaign *k, json_t **out)
{
	json_t *teams = team_rows(request_db(req), req->who.org_id, k->year, k->today);
	if (!teams)
		return ERR_DB_UNAVAILABLE;
	json_t *divisions = json_array(), *total = counts_new(), *div = NULL, *t;
	int64_t div_id = -1;
	size_t i;
	json_array_foreach(teams, i, t)
	{
		int late = judge(t, k);
		if (row_int(t, "division_id") != div_id) {
			div_id = row_int(t, "division_id");
			div = counts_new();
			json_object_set_new(div, "id", json_integer(div_id));
			json_object_set(div, "name", json_object_get(t, "division"));
			json_array_append_new(divisions, div);
		}
		count(div, t, late);
		count(total, t, late);
	}
	*out = json_pack("{s:I, s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o}", "year",
			 (json_int_t)k->year, "today", k->today, "deadlines", "charter", k->charter,
			 "basic", k->basic, "unit", k->unit, "teams", teams, "divisions", divisions,
			 "total", total, "years", org_year_options((int)k->year));
	return ERR_OK;
}

enum err manuals_page_campaign(struct request *req, struct response *res)
{
	struct campaign k;
	enum err why = campaign_ask(req, &k);
	if (!why)
		why = campaign_doc(req, &k, &res->doc);
	return why;
}

enum err manuals_page_campaign_export(struct request *req, struct response *res)
{
	struct campaign k;
	json_t *doc = NULL;
	enum err why = campaign_ask(req, &k);
	if (!why)
		why = campaign_doc(req, &k, &doc);
	if (why)
		return why;
	int xlsx = strstr(req->match.route->pattern, ".xlsx") != NULL;
	char title[64];
	snprintf(title, sizeof title, "%lld년 팀 업무혁신", (long long)k.year);
	struct sheet_writer *w = sheet_writer_new(xlsx ? SHEET_XLSX : SHEET_CSV, title);
	const char *head[] = {"실·과",
			      "팀",
			      "헌장",
			      "기본업무매뉴얼",
			      "단위사무 매뉴얼",
			      "단위사무 매뉴얼 수",
			      "1팀 1혁신과제",
			      "지연"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(doc, "teams"), i, t)
	{
		char units[24];
		snprintf(units, sizeof units, "%lld", (long long)row_int(t, "units_done"));
		const char *cells[] = {row_text(t, "division"),
				       row_text(t, "name"),
				       row_text(json_object_get(t, "charter"), "text"),
				       row_text(json_object_get(t, "basic"), "text"),
				       row_text(json_object_get(t, "unit"), "text"),
				       units,
				       *row_text(t, "task") ? row_text(t, "task") : "없음",
				       json_is_true(json_object_get(t, "late")) ? "지연" : ""};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	json_decref(doc);
	char name[40];
	snprintf(name, sizeof name, "team-campaign-%lld", (long long)k.year);
	return crud_send_sheet(req, res, w, xlsx, name);
}
