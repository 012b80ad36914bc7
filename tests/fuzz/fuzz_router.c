/* fuzz_router.c: libFuzzer target for the router, over InnoLand's real
 * route table.  The input is "METHOD PATH"; the path goes through the path
 * decoder first, as in the server.  A match must name a route whose
 * parameters point inside the path. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "app/app.h"
#include "crud/module.h"
#include "core/arena.h"
#include "http/form.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *sp = memchr(s, ' ', size);
	if (!sp || sp - s > 16)
		return 0;
	char method[17];
	memcpy(method, s, (size_t)(sp - s));
	method[sp - s] = '\0';
	struct arena a;
	arena_init(&a);
	char *path;
	if (form_decode_path(&a, sp + 1, size - (size_t)(sp + 1 - s), &path) == ERR_OK) {
		struct route_match m;
		size_t n;
		app_install();
		const struct route *table = module_routes(&n);
		enum err e = router_match(table, n, method, path, &m);
		if (e == ERR_OK) {
			size_t plen = strlen(path);
			for (size_t i = 0; i < m.n; i++)
				assert(m.params[i].value >= path &&
				       m.params[i].value + m.params[i].value_len <= path + plen);
		} else {
			char allow[64];
			assert(e == ERR_NOT_FOUND || e == ERR_METHOD);
			router_allow(table, n, path, allow, sizeof allow);
		}
	}
	arena_free(&a);
	return 0;
}
