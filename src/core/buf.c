/* buf.c: see buf.h. */
#include "core/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

size_t int_text(long long v, char out[24])
{
	char s[24], *p = s + sizeof s;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	size_t n = (size_t)(s + sizeof s - p);
	memcpy(out, p, n);
	out[n] = '\0';
	return n;
}

size_t number_grouped(const char *text, char *out, size_t len)
{
	size_t n = 0, sign = *text == '-', digits = strspn(text + sign, "0123456789");
	if (!len)
		return 0;
	if (sign && n + 1 < len)
		out[n++] = '-';
	for (size_t i = 0; i < digits; i++) {
		int comma = i && (digits - i) % 3 == 0;
		if (n + (size_t)comma + 2 > len) /* the digit, its comma, the terminator */
			break;
		if (comma)
			out[n++] = ',';
		out[n++] = text[sign + i];
	}
	for (const char *rest = text + sign + digits; *rest && n + 1 < len;)
		out[n++] = *rest++;
	out[n] = '\0';
	return n;
}

size_t int_grouped(long long v, char out[32])
{
	char t[24];
	int_text(v, t);
	return number_grouped(t, out, 32);
}

void buf_put_int(struct buf *b, long long v)
{
	char s[24];
	buf_append(b, s, int_text(v, s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	buf_reserve(b, 63); /* most texts fit what is left: one pass */
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->data + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n <= 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) { /* cut short: grow, then write it again */
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* 1 for the bytes buf_put_html() replaces. */
static const unsigned char html_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1};

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Nonzero if some byte of w equals c (the classic "has zero byte" test). */
static uint64_t has_byte(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);
	return (x - ONES) & ~x & HIGHS;
}

/* Index of the first byte of s[from..n) that needs escaping, or n.  Most
 * page text has none, so it is scanned eight bytes at a time. */
static size_t next_special(const unsigned char *s, size_t from, size_t n)
{
	size_t i = from;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (has_byte(w, '&') | has_byte(w, '<') | has_byte(w, '>') | has_byte(w, '"') |
		    has_byte(w, '\''))
			break;
	}
	while (i < n && !html_special[s[i]])
		i++;
	return i;
}

void buf_put_html(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i;
	buf_reserve(b, n);
	while ((i = next_special(u, start, n)) < n) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = "&#39;"; break;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data;
	if (!p)
		p = xstrdup("");
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *file_slurp(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= max)
		buf_append(&b, chunk, got);
	fclose(f);
	if (b.len > max) {
		buf_free(&b);
		errno = EFBIG;
		return NULL;
	}
	return buf_detach(&b, len); /* a buf is always NUL-terminated */
}

void buf_put_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (isalnum(*p) || strchr("-_.~", *p)) {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, e, 3);
		}
}
