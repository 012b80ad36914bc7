/* markdown.c: see markdown.h. */
#include "mod/knowledge/markdown.h"

#include <md4c-html.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static void collect(const MD_CHAR *text, MD_SIZE size, void *ctx)
{
	buf_append(ctx, text, size);
}

/* 1 if an address (HTML-escaped, as md4c wrote it) may stay: a web or mail
 * address, or one on this site (no scheme before the first / ? or #). */
static int safe_address(const char *v, size_t n)
{
	static const char *const schemes[] = {"http://", "https://", "mailto:"};
	for (size_t i = 0; i < 3; i++)
		if (n >= strlen(schemes[i]) && !strncasecmp(v, schemes[i], strlen(schemes[i])))
			return 1;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '/' || v[i] == '?' || v[i] == '#')
			return 1;
		if (v[i] == ':' || v[i] == '&') /* a scheme, or an entity that may hide one */
			return 0;
	}
	return 1;
}

static const char *const tags[] = {"p",	    "h1",  "h2",	 "h3", "h4",  "h5",	"h6",
				   "ul",    "ol",  "li",	 "a",  "img", "strong", "em",
				   "code",  "pre", "blockquote", "hr", "br",  "table",	"thead",
				   "tbody", "tr",  "th",	 "td", "del", NULL};
static const char *const attrs[] = {"href", "src", "alt", "title", "align", "start", "class", NULL};

static int listed(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(list[i], s, n))
			return 1;
	return 0;
}

/*
 * Copies the well-formed tag at p to out and returns its length: "<" ["/"]
 * tag (' ' attr '="' value '"')* [" /"] ">", with tag and attributes from
 * the lists above and values free of '"' and '<', every href or src that is
 * not safe written as "#".  Anything else: 0, and nothing written.
 */
static size_t copy_tag(const char *p, struct buf *out)
{
	const char *t = p + 1 + (p[1] == '/');
	size_t n = strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789"), mark = out->len;
	if (!listed(tags, t, n))
		return 0;
	const char *a = t + n;
	buf_append(out, p, (size_t)(a - p));
	for (;;) {
		if (a[0] == '>' || (a[0] == ' ' && a[1] == '/' && a[2] == '>')) {
			size_t close = a[0] == '>' ? 1 : 3;
			buf_append(out, a, close);
			return (size_t)(a + close - p);
		}
		size_t m = a[0] == ' ' ? strspn(a + 1, "abcdefghijklmnopqrstuvwxyz") : 0;
		const char *value = a + 1 + m + 2, *end = value + strcspn(value, "\"<");
		if (!m || !listed(attrs, a + 1, m) || a[1 + m] != '=' || a[2 + m] != '"' ||
		    *end != '"') {
			out->len = mark; /* not a tag md4c writes: none of it */
			out->data[mark] = '\0';
			return 0;
		}
		buf_append(out, a, (size_t)(value - a));
		int address = (m == 4 && !strncmp(a + 1, "href", 4)) ||
			      (m == 3 && !strncmp(a + 1, "src", 3));
		if (address && !safe_address(value, (size_t)(end - value)))
			buf_putc(out, '#');
		else
			buf_append(out, value, (size_t)(end - value));
		buf_putc(out, '"');
		a = end + 1;
	}
}

/* Copies md4c's html to out keeping only the tags and attributes it is
 * meant to write (anything else shows as text).  md4c 0.4.8 can write a
 * quote inside an image's title (found by fuzz_markdown), so its output is
 * checked, not trusted. */
static void sanitize(const struct buf *html, struct buf *out)
{
	const char *p = html->data;
	while (*p) {
		size_t text = strcspn(p, "<");
		buf_append(out, p, text);
		p += text;
		if (!*p)
			break;
		size_t n = copy_tag(p, out);
		if (!n) {
			buf_puts(out, "&lt;");
			n = 1;
		}
		p += n;
	}
}

static int render(const char *text, size_t len, struct buf *out)
{
	struct buf html = BUF_INIT;
	unsigned flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
			 MD_FLAG_PERMISSIVEURLAUTOLINKS;
	/* md4c 0.4.8 can read a few bytes past its input (found by fuzz_markdown
	 * on broken UTF-8): it gets valid UTF-8 only, followed by zero bytes */
	int rc = -1;
	if (utf8_valid(text, len)) {
		char *padded = xcalloc(1, len + 64);
		memcpy(padded, text, len);
		rc = md_html(padded, (MD_SIZE)len, collect, &html, flags, 0);
		free(padded);
	}
	if (rc != 0) {
		buf_puts(out, "<p>");
		buf_put_html(out, text, len);
		buf_puts(out, "</p>");
	} else if (html.data) {
		sanitize(&html, out);
	}
	buf_free(&html);
	return rc == 0 ? 0 : -1;
}

/*
 * The HTML of the texts shown lately: an item's page shows its body on
 * every view, and the same text always gives the same HTML.  Kept by the
 * text itself (its hash picks the slot, the text is compared before a hit
 * counts), so an edited body is simply another text and nothing needs
 * forgetting.  At most SHOWN_BYTES of texts and their HTML in all, texts up
 * to SHOWN_MAX, one lock held only to copy.
 */
enum { SHOWN_SLOTS = 512, SHOWN_BYTES = 4 << 20, SHOWN_MAX = 128 << 10 };
struct shown {
	char *text, *html; /* NULL: an empty slot */
	size_t len, html_len;
	int rc; /* what render() said */
};
static struct shown shown[SHOWN_SLOTS];
static size_t shown_bytes;
static pthread_mutex_t shown_lock = PTHREAD_MUTEX_INITIALIZER;

int markdown_html(const char *text, size_t len, struct buf *out)
{
	struct shown *slot = &shown[hash_bytes(text, len) % SHOWN_SLOTS];
	pthread_mutex_lock(&shown_lock);
	if (slot->text && slot->len == len && !memcmp(slot->text, text, len)) {
		buf_append(out, slot->html, slot->html_len);
		int rc = slot->rc;
		pthread_mutex_unlock(&shown_lock);
		return rc;
	}
	pthread_mutex_unlock(&shown_lock);
	struct buf html = BUF_INIT;
	int rc = render(text, len, &html);
	buf_append(out, html.data ? html.data : "", html.len);
	if (len + html.len <= SHOWN_MAX) {
		pthread_mutex_lock(&shown_lock);
		if (slot->text) { /* the slot's text makes way */
			shown_bytes -= slot->len + slot->html_len;
			free(slot->text);
			free(slot->html);
			slot->text = slot->html = NULL;
		}
		if (shown_bytes + len + html.len <= SHOWN_BYTES) {
			slot->text = xmalloc(len + 1);
			memcpy(slot->text, text, len);
			slot->len = len;
			slot->html = buf_detach(&html, &slot->html_len);
			if (!slot->html)
				slot->html = xcalloc(1, 1);
			slot->rc = rc;
			shown_bytes += len + slot->html_len;
		}
		pthread_mutex_unlock(&shown_lock);
	}
	buf_free(&html);
	return rc;
}
