/* fuzz_xlsx.c: libFuzzer target for the XLSX reader (libzip, expat and our
 * handlers).  Whatever the bytes, reading must not crash, leak or run away,
 * and every row handed over must keep the promises of sheet.h: valid UTF-8
 * cells within the limits, the last one non-empty; a valid UTF-8
 * explanation on error.  The seeds are XLSX files, some stored uncompressed
 * so that mutations reach the XML. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "sheet/sheet.h"

static int check_row(void *ctx, const struct sheet_row *row)
{
	size_t *rows = ctx;
	assert(row->n >= 1 && row->n <= SHEET_MAX_COLS);
	assert(row->lens[row->n - 1] > 0);
	assert(row->line >= 1);
	for (size_t i = 0; i < row->n; i++) {
		assert(row->lens[i] <= SHEET_MAX_CELL);
		assert(strlen(row->cells[i]) == row->lens[i]);
		assert(utf8_valid(row->cells[i], row->lens[i]));
	}
	assert(++*rows <= SHEET_MAX_ROWS);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t rows = 0;
	char detail[256];
	sheet_read(data, size, check_row, &rows, detail, sizeof detail);
	assert(utf8_valid(detail, strlen(detail)));
	return 0;
}
