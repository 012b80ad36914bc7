/*
 * outreach_pages.c: the pages of outreach.c's registries beyond the
 * engine's: an improvement's quarterly evaluations and meetings, a
 * supporter's advice and what came of it, the 벤치마킹 사례집 (printable and
 * XLSX) and a disclosure's printable page.  Every figure is counted from
 * the records.
 */
#include <stdio.h>
#include <string.h>

#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/registries/registries.h"
#include "mod/scoring/scoring.h"
#include "mod/tasks/tasks.h"
#include "sheet/sheet.h"

/* The mean of n scores summing to sum as the scoring engine shows a
 * panel's mean (hundredths, half away from zero: "74.33", "80"); "" for
 * none. */
static json_t *mean_text(int64_t sum, int64_t n)
{
	char out[32] = "";
	if (n > 0)
		scoring_text(scoring_round((double)sum / (double)n), out);
	return json_string(out);
}

enum err registries_improvement_show(struct request *req, const struct entity *e, const json_t *row,
				     json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = row_int(row, "id");
	static const char *const keys[] = {"#id", "#year", "#quarter", "#score", "note"};
	json_t *evals = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: four a year */ id, year, quarter, score, "
			    "COALESCE(note, '') FROM complaint_evaluations WHERE improvement_id "
			    "= ? AND archived_at IS NULL ORDER BY year, quarter",
			    "i", id),
		keys, COUNT_OF(keys));
	static const char *const mkeys[] = {"#id", "held_on", "kind", "title"};
	json_t *meetings = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: the improvement's meetings */ m.id, m.held_on, "
			    "m.kind, m.title FROM record_links l JOIN meetings m ON m.id = "
			    "l.ref_id WHERE l.entity = 'complaint-improvements' AND l.field = "
			    "'meetings' AND l.record_id = ? AND m.archived_at IS NULL ORDER BY "
			    "m.held_on, m.id",
			    "i", id),
		mkeys, COUNT_OF(mkeys));
	if (!evals || !meetings) {
		json_decref(evals);
		json_decref(meetings);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(meetings, "kind", tasks_meeting_kinds);
	int64_t sum = 0;
	size_t i;
	json_t *r;
	json_array_foreach(evals, i, r) sum += row_int(r, "score");
	json_object_set_new(doc, "score_mean", mean_text(sum, (int64_t)json_array_size(evals)));
	json_object_set_new(doc, "evaluation_count",
			    json_integer((json_int_t)json_array_size(evals)));
	json_object_set_new(doc, "evaluations", evals);
	json_object_set_new(doc, "meetings", meetings);
	return ERR_OK;
}

enum err registries_supporter_show(struct request *req, const struct entity *e, const json_t *row,
				   json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t user = row_int(row, "user_id");
	static const char *const keys[] = {"#id",	 "content", "created_at", "#task_id",
					   "task_title", "status",  "#progress"};
	json_t *advice = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: one supporter's advice */ a.id, a.content, "
			    "substr(a.created_at, 1, 10), t.id, t.title, t.status, t.progress "
			    "FROM task_advice a JOIN tasks t ON t.id = a.task_id WHERE "
			    "a.author_user_id = ? AND a.org_id = ? AND a.archived_at IS NULL "
			    "ORDER BY a.id",
			    "ii", user, req->who.org_id),
		keys, COUNT_OF(keys));
	static const char *const mkeys[] = {"#id", "held_on", "title"};
	json_t *meetings = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: a term's quarterly meetings */ id, held_on, "
			    "title FROM meetings WHERE org_id = ? AND held_on >= ? AND held_on "
			    "<= ? AND kind = 'supporters' AND archived_at IS NULL ORDER BY "
			    "held_on, id",
			    "itt", req->who.org_id, row_text(row, "term_from"),
			    row_text(row, "term_to")),
		mkeys, COUNT_OF(mkeys));
	if (!advice || !meetings) {
		json_decref(advice);
		json_decref(meetings);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(advice, "status", tasks_statuses);
	json_object_set_new(doc, "advice_count", json_integer((json_int_t)json_array_size(advice)));
	json_object_set_new(doc, "advice", advice);
	json_object_set_new(doc, "meeting_count",
			    json_integer((json_int_t)json_array_size(meetings)));
	json_object_set_new(doc, "meetings", meetings);
	return ERR_OK;
}

/* ---- the 벤치마킹 사례집 ---- */

/* The year asked (?year=, else the latest visit's), its finished visits in
 * order with their participants counted, and the years there are. */
static enum err casebook_doc(struct request *req, json_t **out)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id, year = request_query_int(req, "year", 0);
	int rc;
	if (!year)
		year = db_int(c, &rc, 0,
			      "SELECT COALESCE(CAST(substr(MAX(visited_on), 1, 4) AS INTEGER), 0) "
			      "FROM benchmarkings WHERE org_id = ? AND archived_at IS NULL",
			      "i", org);
	char from[11], to[11];
	snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
	snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
	static const char *const keys[] = {"#id",	   "institution", "region",
					   "sector",	   "method",	  "visited_on",
					   "findings",	   "follow_up",	  "#knowledge_item_id",
					   "#participants"};
	json_t *cases = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: a year's visits */ b.id, b.institution, b.region, "
			"b.sector, b.method, b.visited_on, COALESCE(b.findings, ''), "
			"b.follow_up, COALESCE(b.knowledge_item_id, 0), (SELECT COUNT(*) FROM "
			"record_links l WHERE l.entity = 'benchmarkings' AND l.field = "
			"'participants' AND l.record_id = b.id) FROM benchmarkings b WHERE "
			"b.org_id = ? AND b.visited_on >= ? AND b.visited_on <= ? AND "
			"b.status = 'done' AND b.archived_at IS NULL ORDER BY b.visited_on, b.id",
			"itt", org, from, to),
		keys, COUNT_OF(keys));
	static const char *const ykeys[] = {"#year"};
	json_t *years = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: a few years */ DISTINCT CAST(substr(visited_on, 1, "
			    "4) AS INTEGER) FROM benchmarkings WHERE org_id = ? AND archived_at IS "
			    "NULL ORDER BY 1",
			    "i", org),
		ykeys, COUNT_OF(ykeys));
	if (!cases || !years) {
		json_decref(cases);
		json_decref(years);
		return ERR_DB_UNAVAILABLE;
	}
	rows_choice_label(cases, "region", registries_bench_regions);
	rows_choice_label(cases, "sector", registries_bench_sectors);
	rows_choice_label(cases, "method", registries_bench_methods);
	rows_choice_label(cases, "follow_up", registries_bench_follow_ups);
	size_t i;
	json_t *r;
	int64_t counts[3] = {0}; /* immediate, agenda, reviewing */
	json_array_foreach(cases, i, r)
	{
		json_object_set_new(r, "n", json_integer((json_int_t)i + 1));
		for (int k = 0; k < 3; k++)
			if (!strcmp(row_text(r, "follow_up"), registries_bench_follow_ups[k].value))
				counts[k]++;
	}
	json_array_foreach(years, i, r)
		json_object_set_new(r, "selected", json_boolean(row_int(r, "year") == year));
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "year", (json_int_t)year,
			 "case_count", (json_int_t)json_array_size(cases), "immediate",
			 (json_int_t)counts[0], "agenda", (json_int_t)counts[1], "reviewing",
			 (json_int_t)counts[2], "cases", cases, "years", years);
	return ERR_OK;
}

enum err registries_page_casebook(struct request *req, struct response *res)
{
	return casebook_doc(req, &res->doc);
}

enum err registries_page_casebook_export(struct request *req, struct response *res)
{
	json_t *doc = NULL;
	enum err why = casebook_doc(req, &doc);
	if (why)
		return why;
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "벤치마킹 사례집");
	const char *head[] = {"순번",	"기관",	     "국내·외",	  "공공·민간",	  "방법",
			      "방문일", "참가 인원", "활용 방안", "벤치마킹 결과"};
	sheet_writer_row(w, COUNT_OF(head), head);
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(doc, "cases"), i, row)
	{
		char n[2][24];
		snprintf(n[0], sizeof n[0], "%zu", i + 1);
		snprintf(n[1], sizeof n[1], "%lld", (long long)row_int(row, "participants"));
		const char *cells[] = {n[0],
				       row_text(row, "institution"),
				       row_text(row, "region_label"),
				       row_text(row, "sector_label"),
				       row_text(row, "method_label"),
				       row_text(row, "visited_on"),
				       n[1],
				       row_text(row, "follow_up_label"),
				       row_text(row, "findings")};
		sheet_writer_row(w, COUNT_OF(cells), cells);
	}
	char name[40];
	snprintf(name, sizeof name, "benchmarking-casebook-%lld", (long long)row_int(doc, "year"));
	json_decref(doc);
	return crud_send_sheet(req, res, w, 1, name);
}

/* ---- a disclosure's printable page ---- */

/* The chosen records of field, each {id, title, on, href}, from table
 * (its title and day columns) at path. */
static json_t *chosen(struct db_conn *c, int64_t id, const char *field, const char *table,
		      const char *title, const char *on)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT /* bounded: one disclosure's records */ r.id, r.%s, COALESCE(r.%s, '') "
		 "FROM record_links l JOIN %s r ON r.id = l.ref_id WHERE l.entity = "
		 "'disclosures' AND l.field = ? AND l.record_id = ? AND r.archived_at IS NULL "
		 "ORDER BY l.position",
		 title, on, table);
	static const char *const keys[] = {"#id", "title", "on"};
	return query_rows(db_preparef(c, sql, "ti", field, id), keys, COUNT_OF(keys));
}

enum err registries_page_disclosure(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t id = request_query_int(req, "id", 0);
	static const char *const keys[] = {"#id",	   "title",   "#year",	    "half",
					   "disclosed_on", "summary", "#published", "published_on"};
	json_t *rows = query_rows(
		db_preparef(c,
			    "SELECT id, title, year, half, disclosed_on, COALESCE(summary, ''), "
			    "published, COALESCE(published_on, '') FROM disclosures WHERE org_id "
			    "= ? AND archived_at IS NULL AND (id = ? OR ? = 0) ORDER BY "
			    "disclosed_on DESC, id DESC LIMIT 1",
			    "iii", req->who.org_id, id, id),
		keys, COUNT_OF(keys));
	if (!rows)
		return ERR_DB_UNAVAILABLE;
	json_t *d = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!d)
		return ERR_NOT_FOUND;
	id = row_int(d, "id");
	json_object_set_new(d, "published", json_boolean(row_int(d, "published")));
	json_object_set_new(d, "half_label",
			    json_string(!strcmp(row_text(d, "half"), "h1") ? "상반기" : "하반기"));
	static const struct {
		const char *field, *label, *table, *title, *on, *href;
	} parts[] = {
		{"knowledge", "지식", "knowledge_items", "title", "registered_on",
		 "/knowledge-items/"},
		{"publications", "간행물·홍보물", "publications", "title", "published_on",
		 "/publications/"},
		{"recognitions", "수상·선정 실적", "recognitions", "name", "received_on",
		 "/recognitions/"},
		{"benchmarks", "벤치마킹", "benchmarkings", "institution", "visited_on",
		 "/benchmarkings/"},
		{"improvements", "민원제도개선", "complaint_improvements", "title", "found_on",
		 "/complaint-improvements/"},
	};
	json_t *sections = json_array();
	int64_t total = 0;
	for (size_t i = 0; i < COUNT_OF(parts); i++) {
		json_t *items =
			chosen(c, id, parts[i].field, parts[i].table, parts[i].title, parts[i].on);
		if (!items) {
			json_decref(sections);
			json_decref(d);
			return ERR_DB_UNAVAILABLE;
		}
		size_t k;
		json_t *r;
		json_array_foreach(items, k, r)
		{
			char href[64];
			snprintf(href, sizeof href, "%s%lld", parts[i].href,
				 (long long)row_int(r, "id"));
			json_object_set_new(r, "href", json_string(href));
		}
		total += (int64_t)json_array_size(items);
		if (json_array_size(items))
			json_array_append_new(sections,
					      json_pack("{s:s, s:s, s:I, s:o}", "field",
							parts[i].field, "label", parts[i].label,
							"count", (json_int_t)json_array_size(items),
							"items", items));
		else
			json_decref(items);
	}
	res->doc = json_pack("{s:o, s:o, s:I}", "disclosure", d, "sections", sections,
			     "record_count", (json_int_t)total);
	return ERR_OK;
}
