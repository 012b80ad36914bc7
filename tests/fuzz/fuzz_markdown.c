/* fuzz_markdown.c: libFuzzer target for knowledge bodies (Markdown → HTML)
 * and the search terms, queries and snippets made from what people type.
 * Whatever the bytes: no crash, no tag or attribute md4c does not write and
 * no unsafe address in the HTML,
 * no quote or backslash inside a search term. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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
	struct buf t = BUF_INIT, s = BUF_INIT;
	search_terms(q, size, &t);
	assert(!t.data || (!strpbrk(t.data, "'\"\\") && utf8_valid(t.data, t.len)));
	search_query(q, db_text_syntax_for(size & 1 ? "postgres://fuzz" : "fuzz.db"), &s);
	buf_reset(&t);
	struct search_marks m;
	search_marks_init(&m, q);
	search_snippet(q, &m, 40, &t);
	search_marks_free(&m);
	assert(!t.data || !strstr(t.data, "<script"));
	free(q);
	buf_free(&t);
	buf_free(&s);
	return 0;
}
