/*
 * conf.h: a configuration file such as /etc/innoland/innoland.conf, one
 * "key = value" a line.  Blank lines and lines whose first non-blank
 * character is '#' are comments; a '#' after a value is part of the value
 * (a PostgreSQL password may hold one).  Keys are lowercase letters, digits
 * and '-'; values run to the end of the line, without the blanks around
 * them.  Which keys exist and what their values mean is the caller's
 * business (main.c takes the command line's long options); this file only
 * splits lines, and refuses what no caller could want: a file over
 * CONF_MAX_BYTES, a NUL or other control character, invalid UTF-8, a line
 * without '=', a bad or empty key, an empty value, a key given twice, more
 * than CONF_MAX_ENTRIES keys.  Every refusal names the file and the line, in
 * Korean with the English in parentheses.
 *
 * Memory: struct conf owns a copy of the text; its entries point into it and
 * live until conf_free().
 */
#ifndef INNOLAND_CONF_H
#define INNOLAND_CONF_H

#include <stddef.h>

#define CONF_MAX_BYTES	 65536
#define CONF_MAX_ENTRIES 64
#define CONF_MAX_KEY	 40

struct conf_entry {
	const char *key; /* "listen" */
	char *value;	 /* "127.0.0.1:8080"; writable, a caller may split it in place */
	int line;	 /* where it was, from 1, for the caller's own messages */
};

struct conf {
	char *text;				   /* the file's bytes, NUL-terminated, split */
	size_t n;				   /* entries used */
	struct conf_entry items[CONF_MAX_ENTRIES]; /* in the file's order */
};

/* Splits len bytes of text (NUL-terminated or not) into c, which the caller
 * frees with conf_free() whatever the result; 0, or -1 with
 * "NAME:LINE: message" in err. */
int conf_parse(struct conf *c, const char *name, const char *text, size_t len, char *err,
	       size_t errlen);

/* conf_parse() on the file at path, its name in messages; -1 also when it
 * cannot be read or is too big. */
int conf_load(struct conf *c, const char *path, char *err, size_t errlen);

void conf_free(struct conf *c);

#endif
