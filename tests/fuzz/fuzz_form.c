/* fuzz_form.c: libFuzzer target for the query/form decoder and the path
 * decoder.  Whatever the bytes, decoding must not crash, and what it accepts
 * must be valid UTF-8 with every parameter inside the caps. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/form.h"

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
	return 0;
}
