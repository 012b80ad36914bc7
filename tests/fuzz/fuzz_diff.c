/* fuzz_diff.c: libFuzzer target for the manuals' line difference
 * (src/mod/manuals/diff.c), whose texts are what people saved.  The input
 * is two texts split at its first NUL.  Whatever the bytes: no crash, and
 * when the difference is made, its rows walk both texts' lines once each,
 * in order, a kept line being the same line on both sides. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/manuals/diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = malloc(size + 2);
	memcpy(a, data, size);
	a[size] = a[size + 1] = '\0';
	char *b = a + strlen(a) + 1; /* after the first NUL, or the empty text */
	if (b > a + size)
		b = a + size + 1;
	struct manuals_diff d;
	if (manuals_diff(a, b, 64, &d) == 0) {
		long next_a = 0, next_b = 0;
		for (size_t i = 0; i < d.n_rows; i++) {
			const struct manuals_diff_row *r = &d.rows[i];
			assert(r->op == DIFF_ADD ? r->a == -1 : r->a == next_a++);
			assert(r->op == DIFF_DEL ? r->b == -1 : r->b == next_b++);
			if (r->op == DIFF_SAME)
				assert(d.a.len[r->a] == d.b.len[r->b] &&
				       !memcmp(d.a.start[r->a], d.b.start[r->b], d.a.len[r->a]));
		}
		assert((size_t)next_a == d.a.n && (size_t)next_b == d.b.n);
		manuals_diff_free(&d);
	}
	free(a);
	return 0;
}
