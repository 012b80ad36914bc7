/* table.c: a whole CSV or XLSX file kept in memory (sheet.h, struct
 * sheet_table): what the imports read before they check and write. */
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sheet/sheet.h"

static int keep_row(void *ctx, const struct sheet_row *row)
{
	struct sheet_table *t = ctx;
	if (!t->width) {
		t->width = row->n < SHEET_TABLE_COLUMNS ? row->n : SHEET_TABLE_COLUMNS;
		for (size_t k = 0; k < t->width; k++)
			t->header[k] = xstrndup(row->cells[k], row->lens[k]);
		return 0;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
		t->lines = xrealloc(t->lines, t->cap * sizeof *t->lines);
	}
	char **cells = xcalloc(t->width ? t->width : 1, sizeof *cells);
	for (size_t k = 0; k < t->width; k++)
		cells[k] = k < row->n ? xstrndup(row->cells[k], row->lens[k]) : xstrdup("");
	t->rows[t->n] = cells;
	t->lines[t->n++] = row->line;
	return 0;
}

enum sheet_err sheet_table_read(const void *data, size_t len, struct sheet_table *t, char *detail,
				size_t detail_len)
{
	*t = (struct sheet_table){0};
	return sheet_read(data, len, keep_row, t, detail, detail_len);
}

void sheet_table_free(struct sheet_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t k = 0; k < t->width; k++)
			free(t->rows[i][k]);
		free(t->rows[i]);
	}
	for (size_t k = 0; k < t->width; k++)
		free(t->header[k]);
	free(t->rows);
	free(t->lines);
	*t = (struct sheet_table){0};
}

/* A header as it is compared: no spaces, dots, underscores, tabs or middle
 * dots, ASCII lower-cased. */
static void normalise(const char *in, char *out, size_t len)
{
	static const char middle_dot[] = "\xc2\xb7"; /* · */
	size_t j = 0;
	for (; *in && j + 1 < len; in++) {
		if (!strncmp(in, middle_dot, 2)) {
			in++;
			continue;
		}
		if (*in != ' ' && *in != '.' && *in != '_' && *in != '\t')
			out[j++] = (*in >= 'A' && *in <= 'Z') ? (char)(*in + 32) : *in;
	}
	out[j] = '\0';
}

int sheet_table_column(const struct sheet_table *t, const char *const *names)
{
	char want[128], h[128];
	for (size_t k = 0; k < t->width; k++) {
		normalise(t->header[k], h, sizeof h);
		for (size_t a = 0; names[a]; a++) {
			normalise(names[a], want, sizeof want);
			if (!strcmp(h, want))
				return (int)k;
		}
	}
	return -1;
}
