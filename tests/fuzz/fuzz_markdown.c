/* fuzz_markdown.c: libFuzzer target for knowledge bodies (Markdown → HTML)
 * and the search terms, queries and snippets made from what people type.
 * Whatever the bytes: no crash, no tag or attribute md4c does not write and
 * no unsafe address in the HTML, no quote or backslash inside a search
 * term, and a search query as search.h promises it: as many parts as it
 * says (none: nothing written), in SQLite's syntax a MATCH text FTS5
 * accepts (asked of a table made as 0009's), in PostgreSQL's a tsquery of
 * quoted terms joined by <-> in parentheses joined by &. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <strings.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "mod/knowledge/markdown.h"
#include "mod/knowledge/search.h"

/* A value of href or src: "#", a web or mail address, or on this site. */
static void address_safe(const char *v, size_t n)
{
	int ok = (n == 1 && v[0] == '#') || !strncasecmp(v, "http://", 7) ||
		 !strncasecmp(v, "https://", 8) || !strncasecmp(v, "mailto:", 7) ||
		 strcspn(v, ":&") >= strcspn(v, "/?#\"");
	assert(ok);
}

/* Every tag of html is one md4c writes, with only attributes it writes. */
static void tags_allowed(const char *html)
{
	static const char *const tags[] = {
		"p",  "h1",    "h2",	"h3",	  "h4", "h5",	"h6",  "ul",	     "ol",
		"li", "a",     "img",	"strong", "em", "code", "pre", "blockquote", "hr",
		"br", "table", "thead", "tbody",  "tr", "th",	"td",  "del",	     NULL};
	static const char *const attrs[] = {"href",  "src",   "alt",   "title",
					    "align", "start", "class", NULL};
	for (const char *p = html; (p = strchr(p, '<')); p++) {
		const char *t = p + 1 + (p[1] == '/');
		size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789");
		int known = 0;
		for (size_t i = 0; tags[i]; i++)
			known |= strlen(tags[i]) == n && !strncmp(tags[i], t, n);
		assert(known);
		const char *a = t + n;
		while (*a && *a != '>') { /* attributes: name="value" */
			a += strspn(a, " /");
			if (*a == '>' || !*a)
				break;
			size_t m = strspn(a, "abcdefghijklmnopqrstuvwxyz");
			int ok = 0;
			for (size_t i = 0; attrs[i]; i++)
				ok |= strlen(attrs[i]) == m && !strncmp(attrs[i], a, m);
			assert(ok && a[m] == '=' && a[m + 1] == '"');
			const char *end = strchr(a + m + 2, '"');
			assert(end);
			if ((m == 4 && !strncmp(a, "href", 4)) || (m == 3 && !strncmp(a, "src", 3)))
				address_safe(a + m + 2, (size_t)(end - a - m - 2));
			a = end + 1;
		}
	}
}

/* 1 if FTS5 takes q as a MATCH text (SQLite's syntax) without an error. */
static int fts5_accepts(const char *q, size_t n)
{
	static sqlite3 *db;
	static sqlite3_stmt *match;
	if (!db) {
		assert(sqlite3_open(":memory:", &db) == SQLITE_OK);
		assert(sqlite3_exec(db,
				    "CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = "
				    "'unicode61 remove_diacritics 0');"
				    "INSERT INTO f VALUES ('행정 정혁 혁신', 'system')",
				    NULL, NULL, NULL) == SQLITE_OK);
		assert(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM f WHERE f MATCH ?", -1, &match,
					  NULL) == SQLITE_OK);
	}
	sqlite3_bind_text(match, 1, q, (int)n, SQLITE_STATIC);
	int rc = sqlite3_step(match);
	sqlite3_reset(match);
	return rc == SQLITE_ROW;
}

/* The number of parts of q in PostgreSQL's syntax, "('행정' <-> '정혁:*') &
 * ('system')"; -1 where it departs from it. */
static int tsquery_parts(const char *q)
{
	int parts = 0;
	while (*q) {
		if (parts && strncmp(q, " & ", 3))
			return -1;
		q += parts ? 3 : 0;
		if (*q++ != '(')
			return -1;
		for (int k = 0;; k++) {
			if (k && strncmp(q, " <-> ", 5))
				break;
			q += k ? 5 : 0;
			size_t n = q[0] == '\'' ? strcspn(q + 1, "'\\") : 0;
			if (!n || q[1 + n] != '\'')
				return -1;
			q += n + 2;
			q += strncmp(q, ":*", 2) ? 0 : 2;
		}
		if (*q++ != ')')
			return -1;
		parts++;
	}
	return parts;
}

/* The query made from q, in both drivers' syntax. */
static void query_checked(const char *q)
{
	struct buf lite = BUF_INIT, pg = BUF_INIT;
	int n = search_query(q, db_text_syntax_for("fuzz.db"), SEARCH_ANY, &lite);
	assert(n >= 0 && n <= SEARCH_MAX_PARTS);
	assert(!n == !lite.len);
	assert(!n || (utf8_valid(lite.data, lite.len) && fts5_accepts(lite.data, lite.len)));
	assert(search_query(q, db_text_syntax_for("postgres://fuzz"), SEARCH_ANY, &pg) == n);
	assert(!n == !pg.len);
	assert(!n || tsquery_parts(pg.data) == n);
	buf_free(&lite);
	buf_free(&pg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct buf out = BUF_INIT;
	markdown_html(text, size, &out);
	if (out.data) {
		tags_allowed(out.data);
	}
	buf_free(&out);
	if (!utf8_valid(text, size))
		return 0;
	char *q = strndup(text, size);
	struct buf t = BUF_INIT;
	search_terms(q, size, &t);
	assert(!t.data || (!strpbrk(t.data, "'\"\\") && utf8_valid(t.data, t.len)));
	query_checked(q);
	buf_reset(&t);
	struct search_marks m;
	search_marks_init(&m, q);
	search_snippet(q, &m, 40, &t);
	search_marks_free(&m);
	assert(!t.data || !strstr(t.data, "<script"));
	free(q);
	buf_free(&t);
	return 0;
}
