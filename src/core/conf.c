/* conf.c: see conf.h. */
#include "core/conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* s without the blanks at both ends, cut in place. */
static char *trim(char *s)
{
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int key_valid(const char *k)
{
	size_t n = strlen(k);
	return n >= 1 && n <= CONF_MAX_KEY &&
	       strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* What is wrong with one line (its '\n' cut, a '\r' before it too), or NULL
 * with the entry filled in (key NULL for a comment or a blank line). */
static const char *split_line(char *s, struct conf_entry *e)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 ? *p != '\t' : *p == 0x7f)
			return "제어 문자가 있음 (control character)";
	if (!utf8_valid(s, strlen(s)))
		return "UTF-8이 아님 (not UTF-8)";
	s = trim(s);
	e->key = NULL;
	if (!*s || *s == '#')
		return NULL;
	char *eq = strchr(s, '=');
	if (!eq)
		return "'이름 = 값' 형식이 아님 (expected key = value)";
	*eq = '\0';
	e->key = trim(s);
	e->value = trim(eq + 1);
	if (!key_valid(e->key))
		return "설정 이름은 영문 소문자, 숫자, '-' (bad key)";
	if (!*e->value)
		return "값이 없음 (empty value)";
	return NULL;
}

int conf_parse(struct conf *c, const char *name, const char *text, size_t len, char *err,
	       size_t errlen)
{
	c->n = 0;
	c->text = NULL;
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		int line = 1;
		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		snprintf(err, errlen, "%s:%d: 제어 문자가 있음 (control character)", name, line);
		return -1;
	}
	c->text = xmalloc(len + 1);
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	char *next = c->text;
	for (int line = 1; next && *next; line++) {
		char *s = next, *nl = strchr(s, '\n');
		next = nl ? nl + 1 : NULL;
		if (nl) {
			*nl = '\0';
			if (nl > s && nl[-1] == '\r')
				nl[-1] = '\0';
		}
		struct conf_entry e = {.line = line};
		const char *why = split_line(s, &e);
		for (size_t i = 0; !why && e.key && i < c->n; i++)
			if (!strcmp(c->items[i].key, e.key)) {
				snprintf(err, errlen,
					 "%s:%d: '%s' 설정이 %d행에 이미 있음 (repeated key)", name,
					 line, e.key, c->items[i].line);
				return -1;
			}
		if (!why && e.key && c->n == CONF_MAX_ENTRIES)
			why = "설정이 너무 많음 (too many keys)";
		if (why) {
			snprintf(err, errlen, "%s:%d: %s", name, line, why);
			return -1;
		}
		if (e.key)
			c->items[c->n++] = e;
	}
	return 0;
}

int conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	c->n = 0;
	c->text = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: 설정 파일을 읽을 수 없음 (cannot read the file): %s",
			 path, strerror(errno));
		return -1;
	}
	char *buf = xmalloc(CONF_MAX_BYTES + 1);
	size_t len = fread(buf, 1, CONF_MAX_BYTES + 1, f);
	int failed = ferror(f);
	fclose(f);
	int rc = -1;
	if (failed)
		snprintf(err, errlen, "%s: 설정 파일을 읽을 수 없음 (cannot read the file)", path);
	else if (len > CONF_MAX_BYTES)
		snprintf(err, errlen, "%s: 설정 파일이 %d바이트를 넘음 (file over %d bytes)", path,
			 CONF_MAX_BYTES, CONF_MAX_BYTES);
	else
		rc = conf_parse(c, path, buf, len, err, errlen);
	free(buf);
	return rc;
}

void conf_free(struct conf *c)
{
	free(c->text);
	c->text = NULL;
	c->n = 0;
}
