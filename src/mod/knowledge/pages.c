/*
 * pages.c: the knowledge module's own pages: the item page (the body as
 * HTML, reviews, the review and decision forms, recommending), the review
 * and decision actions of the workflow, the knowledge home and the
 * monitoring report (the search page is results.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/role.h"
#include "core/clock.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "crud/counter.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"
#include "mod/knowledge/markdown.h"

const char *knowledge_col(struct db_stmt *s, int i)
{
	const char *v = db_column_text(s, i);
	return v ? v : "";
}

enum err knowledge_show(struct request *req, const struct entity *e, const json_t *row, json_t *doc)
{
	struct db_conn *c = request_db(req);
	int64_t id = json_integer_value(json_object_get(row, "id")), org = req->who.org_id;
	const char *body = row_text(row, "body");
	struct buf html = BUF_INIT;
	markdown_html(body, strlen(body), &html);
	json_object_set_new(doc, "body_html", json_string(html.data ? html.data : ""));
	buf_free(&html);
	json_t *reviews = json_array();
	/* by the item's index: SQLite, without statistics, walked every review
	 * of the organisation through (org_id, archived_at) */
	char org_col[32], sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT expert_name, total, proposed, comment, scores, substr(created_at, 1, "
		 "10) FROM knowledge_reviews WHERE item_id = ? AND %s = ? AND archived_at IS "
		 "NULL ORDER BY id",
		 db_sql_unindexed(c, "org_id", org_col, sizeof org_col));
	struct db_stmt *s = db_preparef(c, sql, "ii", id, org);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(
			reviews,
			json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "expert", knowledge_col(s, 0),
				  "total", (json_int_t)db_column_int(s, 1), "proposed",
				  choice_label(knowledge_proposals, knowledge_col(s, 2)), "comment",
				  knowledge_col(s, 3), "scores", knowledge_col(s, 4), "date",
				  knowledge_col(s, 5)));
	db_finalize(s);
	int recommended = db_any(c,
				 "SELECT COUNT(*) FROM knowledge_recommendations WHERE item_id = ? "
				 "AND user_id = ?",
				 "ii", id, req->who.user_id),
	    done = knowledge_reviewed(c, id, req->who.user_id),
	    may = done ? 0 : knowledge_may_review(req, row);
	if (done < 0 || recommended < 0 || may < 0)
		return ERR_DB_UNAVAILABLE;
	const char *status = row_text(row, "status");
	int open = knowledge_open(row);
	json_t *tags = json_array();
	char *copy = strdup(row_text(row, "tags")), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (!*t)
			continue;
		struct buf q = BUF_INIT; /* a tag is searched for as typed: "R&D" stays whole */
		buf_put_url(&q, t);
		json_array_append_new(tags, json_pack("{s:s, s:s}", "text", t, "query", q.data));
		buf_free(&q);
	}
	free(copy);
	json_object_set_new(doc, "reviews", reviews);
	json_object_set_new(doc, "tags", tags);
	/* the review form's: asked only of those who see the form */
	json_object_set_new(doc, "criteria", may ? knowledge_criteria_of(c, org) : json_array());
	json_object_set_new(doc, "status_label",
			    json_string(choice_label(knowledge_statuses, status)));
	json_object_set_new(doc, "excellent", json_boolean(!strcmp(status, "excellent")));
	json_object_set_new(doc, "returned", json_boolean(!strcmp(status, "returned")));
	json_object_set_new(doc, "may_review", json_boolean(may));
	json_object_set_new(doc, "may_decide", json_boolean(open && req->who.role == ROLE_ADMIN));
	json_object_set_new(
		doc, "may_recommend",
		json_boolean(!recommended && json_integer_value(json_object_get(
						     row, "author_user_id")) != req->who.user_id));
	return ERR_OK;
}

enum err knowledge_page_home(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	char today[11];
	utc_today(today);
	static const char *const item_keys[] = {"#id", "title", "author", "date", "field"};
	const char *items_sql =
		"SELECT k.id, k.title, k.author_name, k.registered_on, f.name FROM "
		"knowledge_items k LEFT JOIN knowledge_fields f ON f.id = k.field_id "
		"WHERE k.org_id = ? AND k.archived_at IS NULL %s ORDER BY "
		"k.registered_on DESC, k.id DESC LIMIT 10";
	char sql[512];
	snprintf(sql, sizeof sql, items_sql, "");
	json_t *latest = query_rows(db_preparef(c, sql, "i", org), item_keys, 5);
	snprintf(sql, sizeof sql, items_sql, "AND k.status = 'excellent'");
	json_t *excellent = query_rows(db_preparef(c, sql, "i", org), item_keys, 5);
	static const char *const event_keys[] = {"#id", "title", "starts_on", "ends_on"};
	json_t *events = query_rows(
		db_preparef(c,
			    "SELECT id, title, starts_on, ends_on FROM knowledge_events "
			    "WHERE org_id = ? AND archived_at IS NULL ORDER BY starts_on "
			    "DESC LIMIT 5",
			    "i", org),
		event_keys, 4);
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev)
		json_object_set_new(ev, "current",
				    json_boolean(strcmp(row_text(ev, "starts_on"), today) <= 0 &&
						 strcmp(row_text(ev, "ends_on"), today) >= 0));
	static const char *const count_keys[] = {"#items", "#excellent", "#experts", "#fields"};
	json_t *counts = query_rows(
		db_preparef(
			c,
			"SELECT (SELECT COUNT(*) FROM knowledge_items WHERE org_id = ? AND "
			"archived_at IS NULL), (SELECT COUNT(*) FROM knowledge_items WHERE org_id "
			"= ? AND archived_at IS NULL AND status = 'excellent'), (SELECT "
			"COUNT(DISTINCT user_id) FROM knowledge_experts WHERE org_id = ? AND "
			"archived_at IS NULL), (SELECT COUNT(*) FROM knowledge_fields WHERE "
			"org_id = ? AND archived_at IS NULL)",
			"iiii", org, org, org, org),
		count_keys, 4);
	static const char *const notice_keys[] = {"message", "link", "date"};
	json_t *notices =
		query_rows(db_preparef(c,
				       "SELECT message, link, substr(created_at, 1, 10) FROM "
				       "notices WHERE user_id = ? AND org_id = ? ORDER BY id DESC "
				       "LIMIT 5",
				       "ii", req->who.user_id, org),
			   notice_keys, 3);
	res->doc = json_pack("{s:o, s:o, s:o, s:O, s:o}", "latest", latest, "excellent", excellent,
			     "events", events, "counts", json_array_get(counts, 0), "notices",
			     notices);
	json_decref(counts);
	return ERR_OK;
}

enum err knowledge_page_monitoring(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	const char *from = request_query(req, "from"), *to = request_query(req, "to");
	char today[11], year_start[16];
	utc_today(today);
	snprintf(year_start, sizeof year_start, "%.4s-01-01", today);
	from = from ? from : year_start; /* declared: dates when given */
	to = to ? to : today;
	/* the report sums the stored views of many items: what is pending in
	 * memory is written first (one transaction, only when there is any), so
	 * the sums hold every view shown; the views wait if it fails */
	(void)counter_flush(c);
	static const char *const keys[] = {"name", "#items", "#reviewed", "#excellent", "#views"};
	const char *by =
		"SELECT %s, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
		"knowledge_reviews r WHERE r.item_id = k.id) THEN 1 ELSE 0 END), SUM(CASE "
		"WHEN k.status = 'excellent' THEN 1 ELSE 0 END), SUM(k.views) FROM "
		"knowledge_items k %s WHERE k.org_id = ? AND k.archived_at IS NULL AND "
		"k.registered_on >= ? AND k.registered_on <= ? GROUP BY %s ORDER BY 2 DESC, "
		"1 LIMIT %d";
	char sql[1024];
	snprintf(sql, sizeof sql, by, "COALESCE(d.name, '(부서 없음)')",
		 "LEFT JOIN departments d ON d.id = k.department_id",
		 "COALESCE(d.name, '(부서 없음)')", 200);
	json_t *departments = query_rows(db_preparef(c, sql, "itt", org, from, to), keys, 5);
	snprintf(sql, sizeof sql, by, "COALESCE(k.author_name, '')", "",
		 "COALESCE(k.author_name, '')", 30);
	json_t *people = query_rows(db_preparef(c, sql, "itt", org, from, to), keys, 5);
	static const char *const round_keys[] = {"#id", "held_on", "title"};
	json_t *rounds =
		query_rows(db_preparef(c,
				       "SELECT id, held_on, title FROM knowledge_monitoring WHERE "
				       "org_id = ? AND archived_at IS NULL AND held_on >= ? AND "
				       "held_on <= ? ORDER BY held_on",
				       "itt", org, from, to),
			   round_keys, 3);
	res->doc = json_pack("{s:s, s:s, s:o, s:o, s:o}", "from", from, "to", to, "departments",
			     departments, "people", people, "rounds", rounds);
	return ERR_OK;
}
