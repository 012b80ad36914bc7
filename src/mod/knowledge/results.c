/*
 * results.c: the knowledge search page.  A search's results are its
 * matches in the order of enum search_level (search.h): the items where
 * every part is a whole word of the title, then a whole word anywhere, the
 * start of a word of the title, of any word, inside a word of the title,
 * anywhere; newest first within each.  Each level is one full-text query
 * of its own (search_group(): that level but none before it), read newest
 * first and only as far as the page needs, so ranking every match costs
 * what the page shows, not what was found.  The count is the matches', exact
 * up to SEARCH_COUNT_MAX.
 *
 * For a query of short Korean words (search_short()), the matches inside
 * words (부분 일치: 소중 in 탄소중립) are set apart when there are whole
 * words or word starts: counted, and shown on asking (part=1).
 *
 * knowledge_search_sql() writes every statement of the search, so a plan
 * check can EXPLAIN exactly what runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/knowledge.h"
#include "mod/knowledge/search.h"
#include "mod/org/org.h"

#define PER_PAGE 20

static json_t *field_options(struct db_conn *c, int64_t org, int64_t selected)
{
	json_t *out = json_array();
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT id, name FROM knowledge_fields WHERE org_id = ? AND "
			    "archived_at IS NULL ORDER BY sort_order, id",
			    "i", org);
	while (s && db_step(s) == DB_ROW)
		json_array_append_new(out, json_pack("{s:I, s:s, s:b}", "value",
						     (json_int_t)db_column_int(s, 0), "label",
						     knowledge_col(s, 1), "selected",
						     db_column_int(s, 0) == selected));
	db_finalize(s);
	return out;
}

/* The search's filters after its match and organisation, with their values. */
static void search_filters(const struct knowledge_search *a, struct buf *sql, json_t *binds)
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

void knowledge_search_sql(const struct db_conn *c, const struct knowledge_search *a,
			  const char *match, enum knowledge_search_what what, int64_t limit,
			  struct buf *sql, json_t *binds)
{
	json_array_append_new(binds, json_string(match));
	json_array_append_new(binds, json_integer(a->where.org));
	buf_puts(sql, what == KNOWLEDGE_SEARCH_COUNT
			      ? "SELECT /* bounded: the LIMIT's matches */ COUNT(*) "
				"FROM (SELECT k.id "
			      : "SELECT k.id ");
	db_text_match(c, &knowledge_text, "k", sql);
	buf_puts(sql, " AND k.org_id = ? AND k.archived_at IS NULL");
	search_filters(a, sql, binds);
	if (what == KNOWLEDGE_SEARCH_IDS) {
		buf_puts(sql, " ORDER BY ");
		db_text_newest(c, &knowledge_text, "k", sql);
	}
	buf_puts(sql, " LIMIT ?");
	json_array_append_new(binds, json_integer(limit));
	if (what == KNOWLEDGE_SEARCH_COUNT)
		buf_puts(sql, ") m");
}

/* What a statement's number is remembered under (db_memo_get()): its SQL
 * and the values bound to it. */
static void memo_key(const struct buf *sql, json_t *binds, struct buf *key)
{
	buf_puts(key, sql->data);
	size_t i;
	json_t *x;
	json_array_foreach(binds, i, x)
	{
		if (json_is_string(x))
			buf_printf(key, "\x1f%s", json_string_value(x));
		else
			buf_printf(key, "\x1f%lld", (long long)json_integer_value(x));
	}
}

/*
 * The matches of match, up to SEARCH_COUNT_MAX + 1; -1 on a database
 * error.  Counting reads up to 10,001 ids, the search's dearest step: the
 * number is remembered on the connection until anything is written
 * (db_memo_get(), SQLite), so paging through a search counts it once.
 */
static int64_t search_count(struct db_conn *c, const struct knowledge_search *a, const char *match)
{
	struct buf sql = BUF_INIT, key = BUF_INIT;
	json_t *binds = json_array();
	knowledge_search_sql(c, a, match, KNOWLEDGE_SEARCH_COUNT, SEARCH_COUNT_MAX + 1, &sql,
			     binds);
	memo_key(&sql, binds, &key);
	int64_t n;
	if (!db_memo_get(c, key.data, &n)) {
		struct db_stmt *s = crud_prepare(c, sql.data, binds);
		n = s && db_step(s) == DB_ROW ? db_column_int(s, 0) : -1;
		db_finalize(s);
		if (n >= 0)
			db_memo_put(c, key.data, n);
	}
	buf_free(&sql);
	buf_free(&key);
	json_decref(binds);
	return n;
}

/* One result of the page: its item and how it matched. */
struct hit {
	int64_t id;
	enum search_level level;
};

/*
 * The page's hits (from the first'th result of levels [0, levels), at most
 * PER_PAGE) into hit: each level's matches newest first, read only up to
 * the page's end.  How many, or -1 on a database error.
 */
static int search_hits(struct db_conn *c, const struct knowledge_search *a, int levels,
		       int64_t first, struct hit hit[PER_PAGE])
{
	const struct db_text_syntax *syn = db_text_syntax(c);
	int64_t seen = 0, end = first + PER_PAGE;
	int n = 0;
	struct buf match = BUF_INIT, sql = BUF_INIT, key = BUF_INIT;
	for (int g = 0; g < levels && seen < end; g++) {
		buf_reset(&match);
		buf_reset(&sql);
		search_group(a->q, syn, (enum search_level)g, &match);
		json_t *binds = json_array();
		knowledge_search_sql(c, a, match.data, KNOWLEDGE_SEARCH_IDS, end - seen, &sql,
				     binds);
		/* a level without a match costs the most to ask (its terms' whole
		 * lists are read to find none: 행정혁신 in no title of 100,000
		 * items), so that it has none is remembered like the count */
		buf_reset(&key);
		memo_key(&sql, binds, &key);
		int64_t none;
		if (db_memo_get(c, key.data, &none) && none == 0) {
			json_decref(binds);
			continue;
		}
		struct db_stmt *s = crud_prepare(c, sql.data, binds);
		json_decref(binds);
		int step = DB_ERR, rows = 0;
		while (s && (step = db_step(s)) == DB_ROW) {
			rows++;
			if (seen++ >= first)
				hit[n++] = (struct hit){db_column_int(s, 0), (enum search_level)g};
		}
		db_finalize(s);
		if (step < 0) {
			n = -1;
			break;
		}
		if (!rows)
			db_memo_put(c, key.data, 0);
	}
	buf_free(&match);
	buf_free(&sql);
	buf_free(&key);
	return n;
}

/* "5, 7, 9": ids for an IN list (numbers from the database, not input). */
static void id_list(struct buf *sql, const struct hit *hit, int n)
{
	for (int i = 0; i < n; i++)
		buf_printf(sql, "%s%lld", i ? ", " : "", (long long)hit[i].id);
}

/* How a hit matched, as the results page says it. */
static const char *level_label(enum search_level lv)
{
	return lv <= SEARCH_WORD ? "낱말 일치" : lv <= SEARCH_START ? "앞부분 일치" : "부분 일치";
}

/* The results hit (in that order, n of them) into items: title and text
 * around the first match, marked with the parts of q, and how it matched. */
static void page_results(struct db_conn *c, const char *q, const struct hit *hit, int n,
			 json_t *items)
{
	struct buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT k.id, k.title, k.summary, k.body, k.registered_on, k.author_name, "
		       "f.name, k.status, k.kind FROM knowledge_items k LEFT JOIN "
		       "knowledge_fields f ON f.id = k.field_id WHERE k.id IN (");
	id_list(&sql, hit, n);
	buf_puts(&sql, ")");
	struct db_stmt *s = db_prepare(c, sql.data);
	buf_free(&sql);
	json_t *row[PER_PAGE] = {NULL};
	struct search_marks marks;
	search_marks_init(&marks, q);
	while (s && db_step(s) == DB_ROW) {
		int at = 0;
		while (at < n && hit[at].id != db_column_int(s, 0))
			at++;
		if (at == n || row[at])
			continue;
		struct buf title = BUF_INIT, snippet = BUF_INIT;
		search_snippet(knowledge_col(s, 1), &marks, 200, &title);
		const char *summary = knowledge_col(s, 2);
		char *plain = xstrdup(*summary ? summary : knowledge_col(s, 3));
		for (char *m = plain; (m = strpbrk(m, "#*`>|~")); m++)
			*m = ' '; /* Markdown's marks are not text */
		search_snippet(plain, &marks, 90, &snippet);
		free(plain);
		json_t *r = json_object();
		json_object_set_new(r, "id", json_integer(hit[at].id));
		json_object_set_new(r, "title_html", json_string(title.data ? title.data : ""));
		json_object_set_new(r, "snippet_html",
				    json_string(snippet.data ? snippet.data : ""));
		json_object_set_new(r, "date", json_string(knowledge_col(s, 4)));
		json_object_set_new(r, "author", json_string(knowledge_col(s, 5)));
		json_object_set_new(r, "field", json_string(knowledge_col(s, 6)));
		json_object_set_new(
			r, "status",
			json_string(choice_label(knowledge_statuses, knowledge_col(s, 7))));
		json_object_set_new(
			r, "kind", json_string(choice_label(knowledge_kinds, knowledge_col(s, 8))));
		json_object_set_new(r, "match", json_string(level_label(hit[at].level)));
		json_object_set_new(r, "part", json_boolean(hit[at].level > SEARCH_START));
		row[at] = r;
		buf_free(&title);
		buf_free(&snippet);
	}
	db_finalize(s);
	search_marks_free(&marks);
	for (int i = 0; i < n; i++)
		if (row[i])
			json_array_append_new(items, row[i]);
}

static enum err search_ask(struct request *req, struct knowledge_search *a)
{
	*a = (struct knowledge_search){
		/* declared: well formed when given */
		.q = request_query(req, "q"),
		.kind = request_query(req, "kind"),
		.status = request_query(req, "status"),
		.from = request_query(req, "from"),
		.to = request_query(req, "to"),
		.field = request_query_int(req, "field", 0),
		.page = request_query_int(req, "page", 1),
		.part = request_query_int(req, "part", 0),
	};
	enum err e = org_filter_read(req, "department", &a->where);
	if (e == ERR_NOT_FOUND) /* not a department of this organisation: no filter */
		a->where.dept = 0;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* What a search found: how many, and which of them the page lists. */
struct found {
	int64_t total;	/* the results listed, up to SEARCH_COUNT_MAX + 1 */
	int64_t apart;	/* matches inside words set apart (not listed), or 0 */
	int apart_more; /* ... at least that many: the matches were more than counted */
	int levels;	/* the levels listed: SEARCH_LEVELS, or up to SEARCH_START */
	int n;		/* hits on this page */
	struct hit hit[PER_PAGE];
};

/* Counts a's matches and finds the page's hits: ERR_OK or the database's error. */
static enum err search_find(struct db_conn *c, const struct knowledge_search *a, struct found *f)
{
	const struct db_text_syntax *syn = db_text_syntax(c);
	struct buf match = BUF_INIT;
	*f = (struct found){.levels = SEARCH_LEVELS};
	if (!a->q || !search_query(a->q, syn, SEARCH_ANY, &match))
		return ERR_OK;
	f->total = search_count(c, a, match.data);
	if (f->total > 0 && !a->part && search_short(a->q)) {
		buf_reset(&match);
		search_query(a->q, syn, SEARCH_START, &match);
		int64_t words = search_count(c, a, match.data);
		if (words > 0) { /* whole words or starts: the rest is set apart */
			f->apart = f->total - words;
			f->apart_more = f->total > SEARCH_COUNT_MAX;
			f->total = words;
			f->levels = SEARCH_START + 1;
		} else if (words < 0)
			f->total = -1;
	}
	buf_free(&match);
	if (f->total < 0)
		return ERR_DB_UNAVAILABLE;
	int64_t first = (a->page - 1) * PER_PAGE;
	if (first < f->total && first < SEARCH_COUNT_MAX &&
	    (f->n = search_hits(c, a, f->levels, first, f->hit)) < 0)
		return ERR_DB_UNAVAILABLE;
	return ERR_OK;
}

/* "12,345" */
static void put_count(struct buf *out, int64_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	for (int i = 0; i < len; i++)
		buf_printf(out, "%s%c", i && (len - i) % 3 == 0 ? "," : "", digits[i]);
}

enum err knowledge_page_search(struct request *req, struct response *res)
{
	struct db_conn *c = request_db(req);
	struct knowledge_search a;
	struct found f;
	enum err e = search_ask(req, &a);
	if (e == ERR_OK)
		e = search_find(c, &a, &f);
	if (e != ERR_OK)
		return e;
	json_t *items = json_array();
	if (f.n)
		page_results(c, a.q, f.hit, f.n, items);
	int many = f.total > SEARCH_COUNT_MAX; /* "10,000건 이상" */
	int64_t listed = many ? SEARCH_COUNT_MAX : f.total,
		pages = (listed + PER_PAGE - 1) / PER_PAGE;
	struct buf count = BUF_INIT, apart = BUF_INIT;
	put_count(&count, listed);
	if (f.apart)
		put_count(&apart, f.apart);
	static const char *const dept_keys[] = {"#value", "label"};
	json_t *doc = json_object();
	json_object_set_new(doc, "q", json_string(a.q ? a.q : ""));
	json_object_set_new(doc, "asked", json_boolean(a.q && *a.q));
	json_object_set_new(doc, "items", items);
	json_object_set_new(doc, "total", json_integer(listed));
	json_object_set_new(doc, "total_text", json_string(count.data));
	json_object_set_new(doc, "many", json_boolean(many));
	if (f.apart) { /* the matches inside words, one link away */
		struct buf q = BUF_INIT;
		buf_put_url(&q, a.q);
		json_object_set_new(doc, "apart",
				    json_pack("{s:s, s:b, s:s}", "count", apart.data, "many",
					      f.apart_more, "query", q.data));
		buf_free(&q);
	}
	buf_free(&count);
	buf_free(&apart);
	json_object_set_new(doc, "part", json_boolean(a.part));
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
