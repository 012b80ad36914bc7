/* router.c: see router.h. */
#include "http/router.h"

#include <stdio.h>
#include <string.h>

/* Matches path against pattern; fills m's parameters. */
static int match_pattern(const char *pat, const char *path, struct route_match *m)
{
	m->n = 0;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			const char *end = strchr(path, '/');
			if (!end)
				end = path + strlen(path);
			if (!close || end == path || m->n == ROUTE_MAX_PARAMS)
				return 0;
			m->params[m->n++] = (struct route_param){pat + 1, (size_t)(close - pat - 1),
								 path, (size_t)(end - path)};
			pat = close + 1;
			path = end;
		} else if (*pat == '*') {
			if (m->n == ROUTE_MAX_PARAMS)
				return 0;
			m->params[m->n++] =
				(struct route_param){pat + 1, strlen(pat + 1), path, strlen(path)};
			return 1;
		} else if (*pat++ != *path++) {
			return 0;
		}
	}
	return *pat == '\0' && *path == '\0';
}

static int method_matches(const char *route_method, const char *method)
{
	return !strcmp(route_method, method) ||
	       (!strcmp(method, "HEAD") && !strcmp(route_method, "GET"));
}

enum err router_match(const struct route *table, size_t n, const char *method, const char *path,
		      struct route_match *m)
{
	int path_seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!match_pattern(table[i].pattern, path, m))
			continue;
		if (method_matches(table[i].method, method)) {
			m->route = &table[i];
			return ERR_OK;
		}
		path_seen = 1;
	}
	m->route = NULL;
	m->n = 0;
	return path_seen ? ERR_METHOD : ERR_NOT_FOUND;
}

void router_allow(const struct route *table, size_t n, const char *path, char *out, size_t len)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "PATCH", "DELETE"};
	struct route_match m;
	size_t at = 0;
	out[0] = '\0';
	for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++) {
		int ok = 0;
		for (size_t i = 0; i < n && !ok; i++)
			ok = method_matches(table[i].method, methods[k]) &&
			     match_pattern(table[i].pattern, path, &m);
		if (ok && at < len)
			at += (size_t)snprintf(out + at, len - at, "%s%s", at ? ", " : "",
					       methods[k]);
	}
}

const char *route_param(const struct route_match *m, const char *name, char *buf, size_t len)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i < m->n; i++) {
		const struct route_param *p = &m->params[i];
		if (p->name_len == nl && !memcmp(p->name, name, nl)) {
			size_t v = p->value_len < len - 1 ? p->value_len : len - 1;
			memcpy(buf, p->value, v);
			buf[v] = '\0';
			return buf;
		}
	}
	return NULL;
}
