/*
 * pages.c: the knowledge module's own pages: the item page (the body as
 * HTML, reviews, the review and decision forms, recommending), the review
 * and decision actions of the workflow, the search page, the knowledge
 * home and the monitoring report.
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
#include "mod/knowledge/search.h"

#define PER_PAGE 20
/* Results ranked when there are at most this many; more are shown newest
 * first.  SQLite ranks by "the words are in the title", then newest: FTS5's
 * bm25 counts, for every query, the documents holding each phrase (a
 * two-word query with one common word cost 29 M instructions for one
 * result).  PostgreSQL's ts_rank looks at each result alone. */
#define RANK_MAX 100

static const char *col(struct db_stmt *s, int i)
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
			reviews, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "expert", col(s, 0),
					   "total", (json_int_t)db_column_int(s, 1), "proposed",
					   choice_label(knowledge_proposals, col(s, 2)), "comment",
					   col(s, 3), "scores", col(s, 4), "date", col(s, 5)));
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

static json_t *field_options(struct db_conn *c, int64_t org, int64_t selected)
{
	json_t *out = json_array();
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT id, name FROM knowledge_fields WHERE org_id = ? AND "
			    "archived_at IS NULL ORDER BY sort_order, id",
			    "i", org);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(out,
				      json_pack("{s:I, s:s, s:b}", "value",
						(json_int_t)db_column_int(s, 0), "label", col(s, 1),
						"selected", db_column_int(s, 0) == selected));
	db_finalize(s);
	return out;
}

/* "5, 7, 9": ids for an IN list (numbers from the database, not input). */
static void id_list(struct buf *sql, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(sql, "%s%lld", i ? ", " : "", (long long)ids[i]);
}

/*
 * Orders ids (newest first, at most RANK_MAX) by relevance to match, as
 * the driver ranks it (db_text_rank(): on SQLite the items whose titles
 * match first, on PostgreSQL by ts_rank); newest first among equals and
 * for what the driver leaves out.  Left as they are when the ranking query
 * fails: the order is a nicety, the results are already right.
 */
static void rank_results(struct db_conn *c, const char *match, int64_t *ids, size_t n)
{
	struct buf list = BUF_INIT, sql = BUF_INIT, bind = BUF_INIT;
	id_list(&list, ids, n);
	db_text_rank(c, &knowledge_text, list.data, match, &sql, &bind);
	struct db_stmt *s = db_prepare(c, sql.data);
	if (s)
		db_bind_text(s, 1, bind.data, bind.len);
	buf_free(&list);
	buf_free(&sql);
	buf_free(&bind);
	int64_t ranked[RANK_MAX];
	size_t k = 0;
	int step = DB_ERR;
	while (s && k < n && (step = db_step(s)) == DB_ROW)
		ranked[k++] = db_column_int(s, 0);
	db_finalize(s);
	if (step < 0)
		return;
	/* what the driver did not rank follows, newest first */
	for (size_t i = 0; i < n && k < n; i++) {
		size_t j = 0;
		while (j < k && ranked[j] != ids[i])
			j++;
		if (j == k)
			ranked[k++] = ids[i];
	}
	memcpy(ids, ranked, n * sizeof *ids);
}

/* The results with ids (in that order, n of them) into items: title and
 * text around the first match, marked with the parts of q. */
static void page_results(struct db_conn *c, const char *q, const int64_t *ids, size_t n,
			 json_t *items)
{
	struct buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT k.id, k.title, k.summary, k.body, k.registered_on, k.author_name, "
		       "f.name, k.status, k.kind FROM knowledge_items k LEFT JOIN "
		       "knowledge_fields f ON f.id = k.field_id WHERE k.id IN (");
	id_list(&sql, ids, n);
	buf_puts(&sql, ")");
	struct db_stmt *s = db_prepare(c, sql.data);
	buf_free(&sql);
	json_t *row[PER_PAGE] = {NULL};
	struct search_marks marks;
	search_marks_init(&marks, q);
	while (s && db_step(s) == DB_ROW) {
		size_t at = 0;
		while (at < n && ids[at] != db_column_int(s, 0))
			at++;
		if (at == n || row[at])
			continue;
		struct buf title = BUF_INIT, snippet = BUF_INIT;
		search_snippet(col(s, 1), &marks, 200, &title);
		const char *summary = col(s, 2);
		char *plain = xstrdup(*summary ? summary : col(s, 3));
		for (char *m = plain; (m = strpbrk(m, "#*`>|~")); m++)
			*m = ' '; /* Markdown's marks are not text */
		search_snippet(plain, &marks, 90, &snippet);
		free(plain);
		row[at] = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
				    (json_int_t)ids[at], "title_html", title.data ? title.data : "",
				    "snippet_html", snippet.data ? snippet.data : "", "date",
				    col(s, 4), "author", col(s, 5), "field", col(s, 6), "status",
				    choice_label(knowledge_statuses, col(s, 7)), "kind",
				    choice_label(knowledge_kinds, col(s, 8)));
		buf_free(&title);
		buf_free(&snippet);
	}
	db_finalize(s);
	search_marks_free(&marks);
	for (size_t i = 0; i < n; i++)
		if (row[i])
			json_array_append_new(items, row[i]);
}

/* What a search asks: the text and its filters (declared on the route,
 * so well formed when given). */
struct search_ask {
	const char *q, *kind, *status, *from, *to; /* NULL: not asked */
	int64_t field, page;			   /* 0: any field; page from 1 */
	struct org_filter where;		   /* the department and its subtree */
};

static enum err search_ask(struct request *req, struct search_ask *a)
{
	*a = (struct search_ask){
		/* declared: well formed when given */
		.q = request_query(req, "q"),
		.kind = request_query(req, "kind"),
		.status = request_query(req, "status"),
		.from = request_query(req, "from"),
		.to = request_query(req, "to"),
		.field = request_query_int(req, "field", 0),
		.page = request_query_int(req, "page", 1),
	};
	enum err e = org_filter_read(req, "department", &a->where);
	if (e == ERR_NOT_FOUND) /* not a department of this organisation: no filter */
		a->where.dept = 0;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The search's filters after its match and organisation, with their values. */
static void search_filters(const struct search_ask *a, struct buf *sql, json_t *binds)
{
	if (a->field) {
		buf_puts(sql, " AND k.field_id = ?");
		json_array_append_new(binds, json_integer(a->field));
	}
	if (a->kind) {
		buf_puts(sql, " AND k.kind = ?");
		json_array_append_new(binds, json_string(a->kind));
	}
	if (a->status) {
		buf_puts(sql, " AND k.status = ?");
		json_array_append_new(binds, json_string(a->status));
	}
	org_filter_sql(&a->where, "k.department_id", sql, binds);
	if (a->from) {
		buf_puts(sql, " AND k.registered_on >= ?");
		json_array_append_new(binds, json_string(a->from));
	}
	if (a->to) {
		buf_puts(sql, " AND k.registered_on <= ?");
		json_array_append_new(binds, json_string(a->to));
	}
}

/* The ids of up to RANK_MAX + 1 matches, newest first, into ids (the one
 * full-text match of the request); how many, or -1 on a database error. */
static int64_t search_ids(struct db_conn *c, const struct search_ask *a, const struct buf *match,
			  int64_t ids[RANK_MAX + 1])
{
	struct buf sql = BUF_INIT;
	json_t *binds = json_pack("[s, I]", match->data, (json_int_t)a->where.org);
	buf_puts(&sql, "SELECT k.id ");
	db_text_match(c, &knowledge_text, "k", &sql);
	buf_puts(&sql, " AND k.org_id = ? AND k.archived_at IS NULL");
	search_filters(a, &sql, binds);
	buf_puts(&sql, " ORDER BY ");
	db_text_newest(c, &knowledge_text, "k", &sql);
	buf_printf(&sql, " LIMIT %d", RANK_MAX + 1);
	struct db_stmt *s = crud_prepare(c, sql.data, binds);
	buf_free(&sql);
	json_decref(binds);
	int64_t total = 0;
	int step = DB_ERR;
	while (s && total <= RANK_MAX && (step = db_step(s)) == DB_ROW)
		ids[total++] = db_column_int(s, 0);
	db_finalize(s);
	return step < 0 ? -1 : total;
}

enum err knowledge_page_search(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	struct search_ask a;
	enum err e = search_ask(req, &a);
	if (e != ERR_OK)
		return e;
	struct buf match = BUF_INIT;
	int parts = a.q ? search_query(a.q, db_text_syntax(c), &match) : 0;
	json_t *items = json_array();
	int64_t total = 0, ids[RANK_MAX + 1];
	if (parts && (total = search_ids(c, &a, &match, ids)) < 0) { /* not "nothing found" */
		buf_free(&match);
		json_decref(items);
		return ERR_DB_UNAVAILABLE;
	}
	if (total > 0 && total <= RANK_MAX)
		rank_results(c, match.data, ids, (size_t)total);
	size_t first = (size_t)((a.page - 1) * PER_PAGE),
	       count = total > RANK_MAX ? RANK_MAX : (size_t)total;
	if (first < count)
		page_results(c, a.q, ids + first,
			     count - first < PER_PAGE ? count - first : PER_PAGE, items);
	buf_free(&match);
	int many = total > RANK_MAX; /* shown as "100건 이상", newest first */
	if (many)
		total = RANK_MAX;
	int64_t pages = (total + PER_PAGE - 1) / PER_PAGE;
	static const char *const dept_keys[] = {"#value", "label"};
	json_t *doc = json_object();
	json_object_set_new(doc, "q", json_string(a.q ? a.q : ""));
	json_object_set_new(doc, "asked", json_boolean(a.q && *a.q));
	json_object_set_new(doc, "items", items);
	json_object_set_new(doc, "total", json_integer(total));
	json_object_set_new(doc, "many", json_boolean(many));
	json_object_set_new(doc, "page", json_integer(a.page));
	json_object_set_new(doc, "pages", json_integer(pages ? pages : 1));
	json_object_set_new(doc, "fields", field_options(c, a.where.org, a.field));
	json_object_set_new(doc, "kinds", choice_options(knowledge_kinds, a.kind));
	json_object_set_new(doc, "statuses", choice_options(knowledge_statuses, a.status));
	json_object_set_new(doc, "from", json_string(a.from ? a.from : ""));
	json_object_set_new(doc, "to", json_string(a.to ? a.to : ""));
	json_object_set_new(doc, "departments",
			    org_unit_options(c, a.where.org, a.where.dept, dept_keys));
	res->doc = doc;
	request_pager(req, doc, a.page, a.page < pages);
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
