/* diff.c: see diff.h. */
#include "mod/manuals/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void manuals_diff_split(const char *text, struct manuals_diff_lines *out)
{
	size_t n = 0;
	for (const char *p = text; *p; n++) {
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	out->n = n;
	out->start = xcalloc(n ? n : 1, sizeof *out->start);
	out->len = xcalloc(n ? n : 1, sizeof *out->len);
	size_t i = 0;
	for (const char *p = text; *p; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		out->start[i] = p;
		out->len[i] = len && p[len - 1] == '\r' ? len - 1 : len;
		p += nl ? len + 1 : len;
	}
}

static void lines_free(struct manuals_diff_lines *l)
{
	free(l->start);
	free(l->len);
	*l = (struct manuals_diff_lines){0};
}

static int same(const struct manuals_diff *d, size_t i, size_t j)
{
	return d->a.len[i] == d->b.len[j] && !memcmp(d->a.start[i], d->b.start[j], d->a.len[i]);
}

static void put(struct manuals_diff *d, enum manuals_diff_op op, long a, long b)
{
	d->rows[d->n_rows++] = (struct manuals_diff_row){.op = op, .a = a, .b = b};
}

/* Faces the run of deleted lines [del, del + nd) with the added ones
 * [add, add + na): pairs become changes, the rest stay what they are. */
static void put_run(struct manuals_diff *d, size_t del, size_t nd, size_t add, size_t na)
{
	size_t k = 0;
	for (; k < nd && k < na; k++, d->changed++)
		put(d, DIFF_CHANGE, (long)(del + k), (long)(add + k));
	for (size_t r = k; r < nd; r++, d->deleted++)
		put(d, DIFF_DEL, (long)(del + r), -1);
	for (size_t r = k; r < na; r++, d->added++)
		put(d, DIFF_ADD, -1, (long)(add + r));
}

/* The middle a[lo_a, lo_a + n) against b[lo_b, lo_b + m): lcs[i][j] is the
 * longest common subsequence of a's lines from i and b's from j; walking
 * it forwards keeps a line when both have it, else drops the side whose
 * dropping loses nothing. */
static void middle(struct manuals_diff *d, size_t lo_a, size_t n, size_t lo_b, size_t m)
{
	size_t w = m + 1;
	uint16_t *lcs = xcalloc((n + 1) * w, sizeof *lcs);
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			lcs[i * w + j] = same(d, lo_a + i, lo_b + j)
						 ? (uint16_t)(lcs[(i + 1) * w + j + 1] + 1)
					 : lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]
						 ? lcs[(i + 1) * w + j]
						 : lcs[i * w + j + 1];
	size_t i = 0, j = 0, del = 0, add = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same(d, lo_a + i, lo_b + j)) {
			put_run(d, lo_a + i - del, del, lo_b + j - add, add);
			del = add = 0;
			put(d, DIFF_SAME, (long)(lo_a + i++), (long)(lo_b + j++));
		} else if (j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
			i++, del++;
		} else {
			j++, add++;
		}
	}
	put_run(d, lo_a + i - del, del, lo_b + j - add, add);
	free(lcs);
}

int manuals_diff(const char *a, const char *b, size_t max, struct manuals_diff *out)
{
	*out = (struct manuals_diff){0};
	if (max > MANUALS_DIFF_MAX_LINES)
		max = MANUALS_DIFF_MAX_LINES;
	manuals_diff_split(a, &out->a);
	manuals_diff_split(b, &out->b);
	size_t na = out->a.n, nb = out->b.n, head = 0, tail = 0;
	while (head < na && head < nb && same(out, head, head))
		head++;
	while (tail < na - head && tail < nb - head && same(out, na - 1 - tail, nb - 1 - tail))
		tail++;
	size_t n = na - head - tail, m = nb - head - tail;
	if (n > max || m > max) {
		manuals_diff_free(out);
		return -1;
	}
	out->rows = xcalloc(na + nb + 1, sizeof *out->rows);
	for (size_t k = 0; k < head; k++)
		put(out, DIFF_SAME, (long)k, (long)k);
	middle(out, head, n, head, m);
	for (size_t k = 0; k < tail; k++)
		put(out, DIFF_SAME, (long)(na - tail + k), (long)(nb - tail + k));
	return 0;
}

void manuals_diff_free(struct manuals_diff *d)
{
	lines_free(&d->a);
	lines_free(&d->b);
	free(d->rows);
	*d = (struct manuals_diff){0};
}
