/* fuzz_multipart.c: libFuzzer target for the multipart/form-data parser.
 * The input is a Content-Type value, a '\n', then the body.  Whatever the
 * bytes, parsing must not crash; what it accepts must be valid UTF-8 within
 * the caps, every upload must lie inside the body, and a rejected body must
 * leave the caller's fields and files as they were. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/multipart.h"

static void check_fields(const struct params *f)
{
	assert(f->n >= 1 && f->n <= 1 + MULTIPART_MAX_PARTS);
	for (size_t i = 1; i < f->n; i++) {
		const struct param *p = &f->items[i];
		size_t nl = strlen(p->name);
		assert(nl >= 1 && nl <= MULTIPART_MAX_NAME && utf8_valid(p->name, nl));
		assert(p->value_len <= MULTIPART_MAX_VALUE);
		assert(p->value[p->value_len] == '\0');
		assert(utf8_valid(p->value, p->value_len));
	}
}

static void check_files(const struct uploads *u, const uint8_t *body, size_t len)
{
	assert(u->n <= MULTIPART_MAX_PARTS);
	for (size_t i = 0; i < u->n; i++) {
		const struct upload *p = &u->items[i];
		size_t fl = strlen(p->filename);
		assert(p->data >= body && p->len <= len &&
		       (size_t)(p->data - body) <= len - p->len);
		assert(utf8_valid(p->field, strlen(p->field)));
		assert(!fl || utf8_valid(p->filename, fl));
		assert(!strpbrk(p->filename, "/\\\r\n") && strcmp(p->filename, "..") != 0);
		assert(!*p->content_type || utf8_valid(p->content_type, strlen(p->content_type)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ct_len = nl ? (size_t)(nl - data) : size;
	const uint8_t *body = nl ? nl + 1 : data + size;
	size_t len = size - (size_t)(body - data);
	struct arena a;
	struct param before = {"q", "1", 1};
	struct params f = {&before, 1};
	struct uploads u = {NULL, 0};
	arena_init(&a);
	const char *ct = arena_strndup(&a, (const char *)data, ct_len);
	if (multipart_parse(&a, ct, body, len, &f, &u) == ERR_OK) {
		assert(f.items[0].name == before.name);
		check_fields(&f);
		check_files(&u, body, len);
	} else {
		assert(f.items == &before && f.n == 1 && !u.items && u.n == 0);
	}
	arena_free(&a);
	return 0;
}
