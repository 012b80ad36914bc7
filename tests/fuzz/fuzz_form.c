/* fuzz_form.c: libFuzzer target for the query/form decoder, the path
 * decoder and the gate's check of a page's declared query parameters.
 * Whatever the bytes, decoding must not crash, and what it accepts must be
 * valid UTF-8 with every parameter inside the caps; what the gate keeps is
 * only declared parameters (and an action's notice), each well formed or
 * empty. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "core/clock.h"
#include "http/dispatch.h"
#include "http/form.h"
#include "http/http.h"

static const struct choice by[] = {{"staff", "개인", "People"}, {NULL, NULL, NULL}};
static const struct query_param declared[] = {
	{"page", "쪽", P_INT, 1, 100, NULL},	  {"department", "부서", P_ID, 0, 0, NULL},
	{"month", "달", P_MONTH, 0, 0, NULL},	  {"on", "날짜", P_DATE, 0, 0, NULL},
	{"period", "기간", P_PERIOD, 0, 0, NULL}, {"q", "검색어", P_TEXT, 0, 8, NULL},
	{"by", "대상", P_CHOICE, 0, 0, by},	  {NULL, NULL, 0, 0, 0, NULL},
};
static const struct route page = {.method = "GET", .pattern = "/", .params = declared};

/* What the gate kept of p: declared names only, each empty or well formed. */
static void check_kept(const struct params *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const char *name = p->items[i].name, *v = p->items[i].value;
		if (!strcmp(name, "notice")) { /* the gate keeps an action's name for any page */
			assert(strspn(v, "abcdefghijklmnopqrstuvwxyz-") == strlen(v) &&
			       strlen(v) <= 40);
			continue;
		}
		size_t k = 0;
		while (declared[k].name && strcmp(declared[k].name, name))
			k++;
		assert(declared[k].name);
		if (!*v)
			continue;
		if (!strcmp(name, "month"))
			assert(month_valid(v) && strlen(v) == 7);
		if (!strcmp(name, "on"))
			assert(date_valid(v));
		if (!strcmp(name, "by"))
			assert(!strcmp(v, "staff"));
		if (!strcmp(name, "page") || !strcmp(name, "department"))
			assert(strspn(v, "0123456789") == strlen(v));
	}
}

/* The gate on the same bytes as a page's query, decoded into the request's
 * own arena (an arena is never copied: its first block lives inside it). */
static void gate(const uint8_t *data, size_t size)
{
	static struct request req;
	memset(&req, 0, sizeof req);
	arena_init(&req.arena);
	req.match.route = &page;
	if (form_decode(&req.arena, (const char *)data, size, &req.query) == ERR_OK) {
		const char *why = NULL;
		enum err e = gate_query(&req, &why);
		assert(e == ERR_OK || (e == ERR_BAD_PARAM && why));
		if (e == ERR_OK)
			check_kept(&req.query);
	}
	arena_free(&req.arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct params p;
	char *path;
	arena_init(&a);
	if (form_decode(&a, (const char *)data, size, &p) == ERR_OK) {
		assert(p.n <= FORM_MAX_PARAMS);
		for (size_t i = 0; i < p.n; i++) {
			assert(strlen(p.items[i].name) <= FORM_MAX_NAME);
			assert(utf8_valid(p.items[i].value, p.items[i].value_len));
		}
	}
	if (form_decode_path(&a, (const char *)data, size, &path) == ERR_OK) {
		assert(path[0] == '/');
		assert(!strstr(path, "/../") && !strstr(path, "//"));
		assert(utf8_valid(path, strlen(path)));
	}
	arena_free(&a);
	gate(data, size);
	return 0;
}
