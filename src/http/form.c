/* form.c: see form.h. */
#include "http/form.h"

#include <string.h>

#include "core/utf8.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into a new arena string; plus_space turns '+' into
 * ' '.  Sets *slash when an encoded '/' was seen. */
static enum err unescape(struct arena *a, const char *s, size_t n, int plus_space, char **out,
			 size_t *out_len, int *slash)
{
	char *d = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return ERR_BAD_ENCODING;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_BAD_ENCODING;
			c = (char)(hi * 16 + lo);
			if (c == '/' && slash)
				*slash = 1;
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		d[k++] = c;
	}
	d[k] = '\0';
	if (!utf8_valid(d, k))
		return ERR_BAD_UTF8;
	*out = d;
	*out_len = k;
	return ERR_OK;
}

enum err form_decode(struct arena *a, const char *s, size_t len, struct params *out)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		count += s[i] == '&';
	if (count + 1 > FORM_MAX_PARAMS)
		return ERR_TOO_MANY_PARAMS;
	out->items = arena_alloc(a, (count + 1) * sizeof *out->items);
	out->n = 0;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && s[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t name_len = eq ? (size_t)(eq - (s + i)) : end - i;
			const char *v = eq ? eq + 1 : s + end;
			struct param *p = &out->items[out->n];
			char *name;
			size_t nl;
			enum err e = unescape(a, s + i, name_len, 1, &name, &nl, NULL);
			if (e == ERR_OK && nl > FORM_MAX_NAME)
				e = ERR_TOO_MANY_PARAMS;
			if (e == ERR_OK)
				e = unescape(a, v, (size_t)(s + end - v), 1, (char **)&p->value,
					     &p->value_len, NULL);
			if (e != ERR_OK)
				return e;
			p->name = name;
			out->n++;
		}
		i = end + 1;
	}
	return ERR_OK;
}

enum err form_decode_path(struct arena *a, const char *s, size_t len, char **out)
{
	if (len == 0 || s[0] != '/')
		return ERR_BAD_PATH;
	char *d;
	size_t n;
	int slash = 0;
	enum err e = unescape(a, s, len, 0, &d, &n, &slash);
	if (e != ERR_OK)
		return e;
	if (slash)
		return ERR_BAD_PATH;
	for (size_t i = 1; i <= n; i++) {
		size_t end = i;
		while (end < n && d[end] != '/')
			end++;
		size_t seg = end - i;
		int dots =
			(seg == 1 && d[i] == '.') || (seg == 2 && d[i] == '.' && d[i + 1] == '.');
		if (dots || (seg == 0 && end < n))
			return ERR_BAD_PATH;
		i = end;
	}
	*out = d;
	return ERR_OK;
}

const char *params_get(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->items[i].name, name))
			return p->items[i].value;
	return NULL;
}
