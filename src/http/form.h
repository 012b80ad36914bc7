/*
 * form.h: decoding of what arrives in a URL or a form body: percent-encoded
 * paths, query strings and application/x-www-form-urlencoded bodies.
 *
 * Everything decoded is checked: percent escapes must be two hex digits, the
 * result must be valid UTF-8 without NUL bytes, and there are hard caps on
 * the number and size of parameters.  A bad input gives an error code and no
 * partial result.  Memory: every string is allocated from the caller's arena.
 */
#ifndef INNOLAND_FORM_H
#define INNOLAND_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"

#define FORM_MAX_PARAMS 512 /* parameters in one query or body */
#define FORM_MAX_NAME	128 /* bytes in a parameter name */

struct param {
	const char *name;  /* decoded name, NUL-terminated */
	const char *value; /* decoded value, NUL-terminated */
	size_t value_len;  /* bytes in value */
};

struct params {
	struct param *items; /* in the order they arrived */
	size_t n;	     /* how many */
};

/* Decodes "a=1&b=%ED%95%9C" ('+' is a space). */
enum err form_decode(struct arena *a, const char *s, size_t len, struct params *out);
/* Decodes a URL path ('+' stays '+'); rejects "%2F", ".", ".." and empty
 * segments other than a trailing slash. */
enum err form_decode_path(struct arena *a, const char *s, size_t len, char **out);
/* The first value named name, or NULL. */
const char *params_get(const struct params *p, const char *name);

#endif
