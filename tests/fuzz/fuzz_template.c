/*
 * fuzz_template.c: libFuzzer target for the template engine.  The input is
 * compiled as a template; if it compiles it is rendered against a fixed JSON
 * value with nested objects and lists, once alone (every partial missing) and
 * once in a set where "a", "p", "self" and the value of "name" are the input
 * itself, so partials, parents and dynamic names recurse into it.
 *
 * Whatever the bytes: no crash, a failed compile says which line, and a
 * failed render (a limit passed) leaves the output as it was.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "tpl/tpl.h"

static const char data_json[] =
	"{\"name\": \"t\", \"s\": \"<a href='x'>&</a>\", \"k\": \"혁신랜드\", \"n\": 1.5,"
	" \"i\": 42, \"yes\": true, \"no\": false, \"z\": null, \"e\": [], \"es\": \"\","
	" \"list\": [1, \"two\", {\"name\": \"a\", \"list\": [3, {\"s\": \"in\"}]}, [5, 6]],"
	" \"o\": {\"a\": {\"b\": \"deep\", \"name\": \"p\"},"
	" \"list\": [{\"x\": 1}, {\"x\": [true]}]}}";

static const json_t *data(void)
{
	static json_t *value;
	if (!value)
		value = json_loads(data_json, 0, NULL);
	assert(value);
	return value;
}

/* Adds the input under name; returns what tpl_set_add did, checking its message. */
static int add(struct tpl_set *set, const char *name, const uint8_t *src, size_t size)
{
	char err[128] = "";
	int rc = tpl_set_add(set, name, (const char *)src, size, err, sizeof err);
	assert(rc == 0 || !strncmp(err, "line ", 5));
	return rc;
}

static void render(const struct tpl_set *set)
{
	struct buf out = BUF_INIT;
	if (tpl_render(set, "t", data(), &out) < 0)
		assert(out.len == 0);
	buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *src, size_t size)
{
	static const char *const names[] = {"a", "p", "self"};
	struct tpl_set *set = tpl_set_new();
	/* Small caps keep runaway inputs fast; the defaults are tested elsewhere. */
	tpl_set_limits(set, 200000, 1 << 20);
	if (add(set, "t", src, size) == 0) {
		render(set);
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			add(set, names[i], src, size);
		render(set);
	}
	tpl_set_free(set);
	return 0;
}
