/* fuzz_csv.c: libFuzzer target for the CSV reader and writer.  Whatever the
 * bytes, reading must not crash and every row handed over must keep the
 * promises of sheet.h (valid UTF-8, within the limits, last cell non-empty,
 * lines growing; a valid UTF-8 explanation on error).  Then the rows are
 * written with the CSV writer and read back: the same cells must come back,
 * a formula-like cell with the writer's apostrophe before it. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "sheet/sheet.h"

/* The rows of the first read. */
struct rows {
	struct buf cells;  /* every cell, NUL-terminated, row after row */
	struct buf counts; /* each row's cell count, as size_t */
	size_t count;	   /* rows */
	size_t line;	   /* line of the last row */
	const char *next;  /* reading back: the next cell expected */
	size_t row;	   /* reading back: the row expected */
};

static void check_row(const struct sheet_row *row)
{
	assert(row->n >= 1 && row->n <= SHEET_MAX_COLS);
	assert(row->lens[row->n - 1] > 0);
	for (size_t i = 0; i < row->n; i++) {
		assert(row->lens[i] <= SHEET_MAX_CELL);
		assert(strlen(row->cells[i]) == row->lens[i]);
		assert(utf8_valid(row->cells[i], row->lens[i]));
	}
}

static size_t count_of(const struct rows *r, size_t row)
{
	size_t n;
	memcpy(&n, r->counts.data + row * sizeof n, sizeof n);
	return n;
}

static int first_read(void *ctx, const struct sheet_row *row)
{
	struct rows *r = ctx;
	check_row(row);
	assert(row->line > r->line);
	r->line = row->line;
	r->count++;
	for (size_t i = 0; i < row->n; i++)
		buf_append(&r->cells, row->cells[i], row->lens[i] + 1);
	buf_append(&r->counts, &row->n, sizeof row->n);
	return 0;
}

static int read_back(void *ctx, const struct sheet_row *row)
{
	struct rows *r = ctx;
	check_row(row);
	assert(r->row < r->count && row->n == count_of(r, r->row));
	for (size_t i = 0; i < row->n; i++) {
		const char *want = r->next, *got = row->cells[i];
		if (want[0] && strchr("=+-@\t\r", want[0])) {
			assert(got[0] == '\'');
			got++;
		}
		assert(!strcmp(got, want));
		r->next += strlen(want) + 1;
	}
	r->row++;
	return 0;
}

/* Writes the rows of the first read as CSV and checks that they read back. */
static void round_trip(struct rows *r)
{
	struct sheet_writer *w = sheet_writer_new(SHEET_CSV, NULL);
	const char *cells[SHEET_MAX_COLS];
	const char *p = r->cells.data;
	for (size_t k = 0; k < r->count; k++) {
		size_t n = count_of(r, k);
		for (size_t i = 0; i < n; i++, p += strlen(p) + 1)
			cells[i] = p;
		sheet_writer_row(w, n, cells);
	}
	char *out;
	size_t len;
	enum sheet_err e = sheet_writer_finish(w, &out, &len);
	if (e) {
		assert(e == SHEET_TOO_LARGE); /* a formula with no room for its apostrophe */
		return;
	}
	r->next = r->cells.data;
	assert(sheet_read(out, len, read_back, r, NULL, 0) == SHEET_OK);
	assert(r->row == r->count);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rows r = {BUF_INIT, BUF_INIT, 0, 0, NULL, 0};
	char detail[256];
	enum sheet_err e = sheet_read(data, size, first_read, &r, detail, sizeof detail);
	assert(utf8_valid(detail, strlen(detail)));
	if (e == SHEET_OK && r.count && (size < 4 || memcmp(data, "PK\3\4", 4)))
		round_trip(&r);
	buf_free(&r.cells);
	buf_free(&r.counts);
	return 0;
}
