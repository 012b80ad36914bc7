/*
 * test_diff.c: the manuals' line difference (src/mod/manuals/diff.c): lines
 * kept, deleted, added and changed side by side, "\r\n" read as "\n", the
 * common start and end set aside before the table, and a difference over
 * the bound refused while one of the same texts' length within it is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "mod/manuals/diff.h"

/* The rows as one letter each: = same, - deleted, + added, ~ changed. */
static const char *ops(const struct manuals_diff *d, char out[64])
{
	size_t k = 0;
	for (; k < d->n_rows && k < 63; k++)
		out[k] = "=-+~"[d->rows[k].op];
	out[k] = '\0';
	return out;
}

static void split_lines(void **state)
{
	(void)state;
	struct manuals_diff_lines l;
	manuals_diff_split("가\r\n나\n\n다", &l);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.len[0], 3); /* "가" without "\r" */
	assert_int_equal(l.len[2], 0);
	assert_memory_equal(l.start[3], "다", 3);
	free(l.start);
	free(l.len);
	manuals_diff_split("끝\n", &l);
	assert_int_equal(l.n, 1);
	free(l.start);
	free(l.len);
	manuals_diff_split("", &l);
	assert_int_equal(l.n, 0);
	free(l.start);
	free(l.len);
}

static void side_by_side(void **state)
{
	(void)state;
	struct manuals_diff d;
	char o[64];
	assert_int_equal(manuals_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n", 100, &d), 0);
	assert_string_equal(ops(&d, o), "=~==+");
	assert_int_equal(d.changed, 1);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.deleted, 0);
	assert_int_equal(d.rows[1].a, 1);
	assert_int_equal(d.rows[1].b, 1);
	assert_int_equal(d.rows[4].a, -1);
	assert_int_equal(d.rows[4].b, 4);
	manuals_diff_free(&d);

	/* a line taken out, two put in elsewhere: the deletion stays one */
	assert_int_equal(manuals_diff("x\ny\nz", "y\nz\n1\n2", 100, &d), 0);
	assert_string_equal(ops(&d, o), "-==++");
	assert_int_equal(d.deleted, 1);
	assert_int_equal(d.added, 2);
	manuals_diff_free(&d);

	/* the same text, and an empty one against it */
	assert_int_equal(manuals_diff("a\r\nb", "a\nb\n", 100, &d), 0);
	assert_string_equal(ops(&d, o), "==");
	manuals_diff_free(&d);
	assert_int_equal(manuals_diff("", "a\nb", 100, &d), 0);
	assert_string_equal(ops(&d, o), "++");
	manuals_diff_free(&d);
	assert_int_equal(manuals_diff("a\nb", "", 100, &d), 0);
	assert_string_equal(ops(&d, o), "--");
	manuals_diff_free(&d);
}

/* n lines "p0".."p(n-1)" with every line from 'changed' on prefixed. */
static char *text(size_t n, size_t changed, const char *prefix)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%sp%zu\n", i >= changed ? prefix : "", i);
	return b.data;
}

static void bounded(void **state)
{
	(void)state;
	struct manuals_diff d;
	/* 5,000 lines each, 10 of them different: well within the bound */
	char *a = text(5000, 4990, ""), *b = text(5000, 4990, "new ");
	assert_int_equal(manuals_diff(a, b, MANUALS_DIFF_MAX_LINES, &d), 0);
	assert_int_equal(d.n_rows, 5000);
	assert_int_equal(d.changed, 10);
	manuals_diff_free(&d);
	free(a);
	free(b);
	/* the bound itself passes, one line more is refused */
	a = text(MANUALS_DIFF_MAX_LINES, 0, "");
	b = text(MANUALS_DIFF_MAX_LINES, 0, "new ");
	assert_int_equal(manuals_diff(a, b, MANUALS_DIFF_MAX_LINES, &d), 0);
	assert_int_equal(d.changed, MANUALS_DIFF_MAX_LINES);
	manuals_diff_free(&d);
	free(b);
	b = text(MANUALS_DIFF_MAX_LINES + 1, 0, "new ");
	assert_int_equal(manuals_diff(a, b, MANUALS_DIFF_MAX_LINES, &d), -1);
	assert_int_equal(d.n_rows, 0);
	assert_null(d.rows);
	/* a bound asked above the table's is the table's */
	assert_int_equal(manuals_diff(a, b, 100000, &d), -1);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_lines),
		cmocka_unit_test(side_by_side),
		cmocka_unit_test(bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
