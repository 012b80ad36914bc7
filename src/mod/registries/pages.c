/*
 * pages.c: the registries' home (/registries): each registry with its
 * count and its latest entries, the copies handed out by unit and the
 * incentives received; every figure counted from the records.  Tables and
 * labels come from the entity declarations, never typed twice.  The
 * registries of outreach.c have their count and latest entries here too,
 * the improvements by status and the supporters by kind.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/registries/registries.h"

enum { LATEST = 5 }; /* entries shown of each registry */

/* v with thousands separators ("1,000,000,000"), as a JSON string. */
static json_t *grouped(int64_t v)
{
	char out[32];
	int_grouped(v, out);
	return json_string(out);
}

/* The live rows of e's table in the organisation; -1 on a database error. */
static int64_t live_count(struct db_conn *c, const struct entity *e, int64_t org)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM %s WHERE org_id = ? AND archived_at IS NULL", e->table);
	int rc;
	int64_t n = db_int(c, &rc, 0, sql, "i", org);
	return rc == DB_ERR ? -1 : n;
}

/* One registry's part of the page: {name, label, href, count, latest, more};
 * sql (the org, then LATEST) gives the latest entries. */
static json_t *registry(struct db_conn *c, const struct entity *e, int64_t org, const char *sql,
			const char *const *keys, size_t n_keys)
{
	int64_t n = live_count(c, e, org);
	json_t *rows =
		n < 0 ? NULL
		      : query_rows(db_preparef(c, sql, "ii", org, (int64_t)LATEST), keys, n_keys);
	if (!rows)
		return NULL;
	char href[80];
	snprintf(href, sizeof href, "/%s", e->name);
	return json_pack("{s:s, s:s, s:s, s:I, s:o, s:b}", "name", e->name, "label", e->label,
			 "href", href, "count", (json_int_t)n, "latest", rows, "more",
			 n > (int64_t)json_array_size(rows));
}

static json_t *publications_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",	   "kind",    "title",
					   "published_on", "#copies", "unit"};
	json_t *part = registry(c, &registries_publications, org,
				"SELECT id, kind, title, COALESCE(published_on, ''), "
				"COALESCE(copies, 0), unit FROM "
				"publications WHERE org_id = ? AND archived_at IS NULL AND "
				"published_on IS NOT NULL "
				"ORDER BY published_on DESC, id DESC LIMIT ?",
				keys, COUNT_OF(keys));
	if (!part)
		return NULL;
	json_t *rows = json_object_get(part, "latest"), *row;
	size_t i;
	rows_choice_label(rows, "kind", registries_publication_kinds);
	rows_choice_label(rows, "unit", registries_units);
	json_array_foreach(rows, i, row) if (row_int(row, "copies"))
		json_object_set_new(row, "copies_text", grouped(row_int(row, "copies")));
	static const char *const ukeys[] = {"unit", "#copies", "#n"};
	json_t *units = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: the district's publications, tens a year */ unit, "
			    "SUM(COALESCE(copies, 0)), COUNT(copies) FROM publications WHERE "
			    "org_id = ? "
			    "AND archived_at IS NULL GROUP BY unit ORDER BY unit",
			    "i", org),
		ukeys, COUNT_OF(ukeys));
	if (!units)
		return json_decref(part), NULL;
	rows_choice_label(units, "unit", registries_units);
	json_array_foreach(units, i, row)
		json_object_set_new(row, "copies_text", grouped(row_int(row, "copies")));
	json_object_set_new(part, "units", units);
	return part;
}

static json_t *recognitions_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",	  "name",      "kind",
					   "received_on", "organiser", "#incentive"};
	json_t *part = registry(c, &registries_recognitions, org,
				"SELECT id, name, kind, received_on, COALESCE(organiser, ''), "
				"incentive FROM recognitions WHERE org_id = ? AND archived_at IS "
				"NULL ORDER BY received_on DESC, id DESC LIMIT ?",
				keys, COUNT_OF(keys));
	if (!part)
		return NULL;
	json_t *rows = json_object_get(part, "latest"), *row;
	size_t i;
	rows_choice_label(rows, "kind", registries_recognition_kinds);
	json_array_foreach(rows, i, row) if (row_int(row, "incentive"))
		json_object_set_new(row, "incentive_text", grouped(row_int(row, "incentive")));
	/* summed here, not in SQL: PostgreSQL's SUM of a bigint is a numeric */
	static const char *const ikeys[] = {"#incentive"};
	json_t *all = query_rows(
		db_preparef(c,
			    "SELECT /* bounded: the district's awards, a few a year */ incentive "
			    "FROM recognitions WHERE org_id = ? AND archived_at IS NULL AND "
			    "incentive > 0",
			    "i", org),
		ikeys, COUNT_OF(ikeys));
	if (!all)
		return json_decref(part), NULL;
	int64_t total = 0;
	json_array_foreach(all, i, row) total += row_int(row, "incentive");
	json_object_set_new(part, "incentive_total", json_integer(total));
	json_object_set_new(part, "incentive_total_text", grouped(total));
	json_object_set_new(part, "incentive_count",
			    json_integer((json_int_t)json_array_size(all)));
	json_decref(all);
	return part;
}

/* How many staff are linked to a row (a.id) as field, as SQL. */
#define LINKS(entity, field)                                                                       \
	"(SELECT COUNT(*) FROM record_links l WHERE l.entity = '" entity "' AND l.field = '" field \
	"' AND l.record_id = a.id)"

static json_t *forums_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",     "name",	 "organiser", "starts_on",
					   "ends_on", "cadence", "#members",  "#sessions"};
	return registry(
		c, &registries_forums, org,
		"SELECT a.id, a.name, COALESCE(a.organiser, ''), a.starts_on, a.ends_on, "
		"COALESCE(a.cadence, ''), " LINKS(
			"forums", "members") ", (SELECT COUNT(*) FROM forum_sessions s WHERE "
					     "s.forum_id = a.id AND "
					     "s.archived_at IS NULL) FROM forums a WHERE a.org_id "
					     "= ? AND a.archived_at "
					     "IS NULL ORDER BY a.starts_on DESC, a.id DESC LIMIT ?",
		keys, COUNT_OF(keys));
}

static json_t *sessions_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",  "held_on", "topic",
					   "kind", "forum",   "#attendees"};
	json_t *part =
		registry(c, &registries_sessions, org,
			 "SELECT a.id, a.held_on, a.topic, a.kind, f.name, " LINKS(
				 "forum-sessions", "attendees") " FROM forum_sessions a JOIN "
								"forums f ON f.id = "
								"a.forum_id WHERE a.org_id = ? "
								"AND a.archived_at IS NULL "
								"ORDER BY a.held_on DESC, a.id "
								"DESC LIMIT ?",
			 keys, COUNT_OF(keys));
	if (part)
		rows_choice_label(json_object_get(part, "latest"), "kind",
				  registries_session_kinds);
	return part;
}

/* The latest of one of outreach.c's registries, with its choices' labels. */
static json_t *simple_part(struct db_conn *c, const struct entity *e, int64_t org, const char *sql,
			   const char *const *keys, size_t n_keys, const char *key,
			   const struct choice *choices)
{
	json_t *part = registry(c, e, org, sql, keys, n_keys);
	if (part && key)
		rows_choice_label(json_object_get(part, "latest"), key, choices);
	return part;
}

/* The live rows of table in the organisation counted by its choice column
 * ([{column, n, column_label}], in the values' order); NULL on a database
 * error.  table and column are the callers' constants. */
static json_t *count_by(struct db_conn *c, const char *table, const char *column, int64_t org,
			const struct choice *choices)
{
	char sql[300];
	snprintf(sql, sizeof sql,
		 "SELECT /* bounded: a choice's few values */ %s, COUNT(*) FROM %s WHERE org_id = "
		 "? AND archived_at IS NULL GROUP BY %s ORDER BY %s",
		 column, table, column, column);
	const char *const keys[] = {column, "#n"};
	json_t *by = query_rows(db_preparef(c, sql, "i", org), keys, COUNT_OF(keys));
	if (by)
		rows_choice_label(by, column, choices);
	return by;
}

static json_t *complaints_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id", "found_on", "title", "status", "#evaluations"};
	json_t *part = simple_part(
		c, &registries_complaints, org,
		"SELECT a.id, a.found_on, a.title, a.status, (SELECT COUNT(*) FROM "
		"complaint_evaluations v WHERE v.improvement_id = a.id AND v.archived_at IS "
		"NULL) FROM complaint_improvements a WHERE a.org_id = ? AND a.archived_at IS "
		"NULL ORDER BY a.found_on DESC, a.id DESC LIMIT ?",
		keys, COUNT_OF(keys), "status", registries_complaint_statuses);
	if (!part)
		return NULL;
	json_t *by =
		count_by(c, "complaint_improvements", "status", org, registries_complaint_statuses);
	if (!by)
		return json_decref(part), NULL;
	json_object_set_new(part, "by_status", by);
	return part;
}

static json_t *supporters_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id", "name", "kind", "field", "term_from", "term_to"};
	json_t *part = simple_part(c, &registries_supporters, org,
				   "SELECT id, name, kind, COALESCE(field, ''), term_from, "
				   "term_to FROM supporters WHERE org_id = ? AND archived_at IS "
				   "NULL ORDER BY term_from DESC, id DESC LIMIT ?",
				   keys, COUNT_OF(keys), "kind", registries_supporter_kinds);
	if (!part)
		return NULL;
	json_t *by = count_by(c, "supporters", "kind", org, registries_supporter_kinds);
	if (!by)
		return json_decref(part), NULL;
	json_object_set_new(part, "by_kind", by);
	return part;
}

static json_t *benchmarkings_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",    "visited_on", "institution",
					   "region", "sector",	   "#knowledge_item_id"};
	json_t *part = simple_part(c, &registries_benchmarkings, org,
				   "SELECT id, visited_on, institution, region, sector, "
				   "COALESCE(knowledge_item_id, 0) FROM benchmarkings WHERE "
				   "org_id = ? AND archived_at IS NULL ORDER BY visited_on DESC, "
				   "id DESC LIMIT ?",
				   keys, COUNT_OF(keys), "region", registries_bench_regions);
	if (part)
		rows_choice_label(json_object_get(part, "latest"), "sector",
				  registries_bench_sectors);
	return part;
}

static json_t *disclosures_part(struct db_conn *c, int64_t org)
{
	static const char *const keys[] = {"#id",   "disclosed_on", "title",
					   "#year", "half",	    "#published"};
	json_t *part = simple_part(c, &registries_disclosures, org,
				   "SELECT id, disclosed_on, title, year, half, published FROM "
				   "disclosures WHERE org_id = ? AND archived_at IS NULL ORDER BY "
				   "disclosed_on DESC, id DESC LIMIT ?",
				   keys, COUNT_OF(keys), "half", registries_halves);
	json_t *row;
	size_t i;
	if (part)
		json_array_foreach(json_object_get(part, "latest"), i, row) json_object_set_new(
			row, "published", json_boolean(row_int(row, "published")));
	return part;
}

/* The areas that are parts of 기록·대장 (module_area.under: 지방이양사무,
 * 팀 업무혁신, 비전·업무계획), those the reader's role may open, as the
 * site lists them. */
static json_t *parts_of_registries(struct request *req)
{
	json_t *out = json_array(), *a;
	size_t i;
	json_array_foreach(json_object_get(req->env->site_for[req->who.role], "areas"), i, a)
	{
		const char *under = json_string_value(json_object_get(a, "under"));
		if (under && !strcmp(under, "/registries"))
			json_array_append(out, a);
	}
	return out;
}

enum err registries_page_home(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	json_t *parts[] = {publications_part(c, org),  recognitions_part(c, org),
			   forums_part(c, org),	       sessions_part(c, org),
			   complaints_part(c, org),    supporters_part(c, org),
			   benchmarkings_part(c, org), disclosures_part(c, org)};
	static const char *const names[] = {"publications",  "recognitions", "forums",
					    "sessions",	     "complaints",   "supporters",
					    "benchmarkings", "disclosures"};
	json_t *doc = json_object(), *list = json_array();
	enum err why = ERR_OK;
	for (size_t i = 0; i < COUNT_OF(parts); i++) {
		if (!parts[i]) {
			why = ERR_DB_UNAVAILABLE;
			continue;
		}
		json_array_append_new(list, json_pack("{s:O, s:O, s:O}", "label",
						      json_object_get(parts[i], "label"), "href",
						      json_object_get(parts[i], "href"), "count",
						      json_object_get(parts[i], "count")));
		json_object_set_new(doc, names[i], parts[i]);
	}
	json_object_set_new(doc, "registries", list);
	if (why) {
		json_decref(doc);
		return why;
	}
	json_object_set_new(doc, "parts", parts_of_registries(req));
	res->doc = doc;
	return ERR_OK;
}
