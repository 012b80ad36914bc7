/*
 * xlsx_write.c: the XLSX writer backend, on libxlsxwriter.
 *
 * libxlsxwriter writes to a named file, so the workbook goes to a temporary
 * file in /tmp (mkstemp, mode 0600) which finish() reads back and removes.
 * Constant-memory mode streams each row out as it is written, so a large
 * export does not grow the process.
 *
 * Every cell is a string cell, never a formula or a number, whatever it
 * looks like ("=cmd|...", "20061234"): what was exported is what reading
 * gives back.  A literal "_xHHHH_" in a cell is escaped as "_x005F_xHHHH_",
 * since XLSX readers decode the former.  The first row, the header, is bold
 * and frozen.
 *
 * Memory: the writer owns the workbook and the temporary file until
 * finish(), which frees and removes them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "sheet/sheet_int.h"

/* The XLSX writer. */
struct xlsx_writer {
	struct sheet_writer base; /* must come first */
	char path[32];		  /* the temporary file, "" if none */
	int fd;			  /* open on it, or -1 */
	lxw_workbook *book;	  /* writing into path, or NULL after a failure */
	lxw_worksheet *sheet;	  /* the worksheet rows go to (the last one added) */
	lxw_format *header;	  /* bold, for the first row */
	lxw_row_t row;		  /* the next row to write in sheet */
	struct buf cell;	  /* the cell being written, escaped */
};

/*
 * Makes title an Excel worksheet name in name: at most LXW_SHEETNAME_MAX
 * characters, none of []:*?/\ or control characters, no apostrophe at either
 * end.  "" when there is no usable title.
 */
static void sheet_name(const char *title, char name[LXW_SHEETNAME_MAX * 4 + 1])
{
	size_t out = 0, chars = 0;
	name[0] = '\0';
	if (!title || !utf8_valid(title, strlen(title)))
		return;
	for (const unsigned char *p = (const unsigned char *)title; *p && chars < LXW_SHEETNAME_MAX;
	     chars++) {
		size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (len == 1 && (*p < 0x20 || strchr("[]:*?/\\", *p))) {
			name[out++] = '_';
		} else {
			memcpy(name + out, p, len);
			out += len;
		}
		p += len;
	}
	name[out] = '\0';
	if (name[0] == '\'')
		name[0] = '_';
	if (out && name[out - 1] == '\'')
		name[out - 1] = '_';
}

/* Adds a worksheet named after title (Excel's "SheetN" when it gives no
 * usable name, or the name is taken) and makes it the one rows go to. */
static enum sheet_err add_sheet(struct xlsx_writer *w, const char *title)
{
	char name[LXW_SHEETNAME_MAX * 4 + 1];
	sheet_name(title, name);
	lxw_worksheet *ws = name[0] ? workbook_add_worksheet(w->book, name) : NULL;
	if (!ws)
		ws = workbook_add_worksheet(w->book, NULL);
	if (!ws)
		return SHEET_IO;
	w->sheet = ws;
	w->row = 0;
	worksheet_freeze_panes(ws, 1, 0);
	return SHEET_OK;
}

/* Creates the temporary file and the workbook in it. */
static enum sheet_err xlsx_create(struct xlsx_writer *w, const char *title)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	strcpy(w->path, "/tmp/innoland-sheet-XXXXXX");
	w->fd = mkstemp(w->path);
	if (w->fd < 0) {
		w->path[0] = '\0';
		return SHEET_IO;
	}
	w->book = workbook_new_opt(w->path, &opt);
	if (!w->book)
		return SHEET_IO;
	w->header = workbook_add_format(w->book);
	format_set_bold(w->header);
	return add_sheet(w, title);
}

static void xlsx_sheet(struct sheet_writer *base, const char *title)
{
	struct xlsx_writer *w = (struct xlsx_writer *)base;
	base->err = add_sheet(w, title);
}

static struct sheet_writer *xlsx_open(const char *sheet_title)
{
	struct xlsx_writer *w = xcalloc(1, sizeof *w);
	w->fd = -1;
	w->base.err = xlsx_create(w, sheet_title);
	return &w->base;
}

/* Copies s into out, escaping the '_' of every literal "_xHHHH_". */
static void escape(const char *s, struct buf *out)
{
	size_t n = strlen(s), start = 0;
	unsigned cp;
	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (sheet_xlsx_escaped(s + i, n - i, &cp)) {
			buf_append(out, s + start, i - start);
			buf_puts(out, "_x005F_");
			start = i + 1;
		}
	}
	buf_append(out, s + start, n - start);
}

static void xlsx_row(struct sheet_writer *base, size_t n, const char *const *cells)
{
	struct xlsx_writer *w = (struct xlsx_writer *)base;
	lxw_format *format = w->row ? NULL : w->header;
	for (size_t i = 0; i < n; i++) {
		if (!cells[i] || !cells[i][0])
			continue;
		escape(cells[i], &w->cell);
		lxw_error le = worksheet_write_string(w->sheet, w->row, (lxw_col_t)i, w->cell.data,
						      format);
		if (le) {
			/* Excel's own limit: 32,767 characters in a cell. */
			base->err = le == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? SHEET_TOO_LARGE
									       : SHEET_IO;
			return;
		}
	}
	w->row++;
}

/* Reads the whole file fd into out. */
static enum sheet_err read_back(int fd, struct buf *out)
{
	struct stat st;
	if (fstat(fd, &st) || lseek(fd, 0, SEEK_SET))
		return SHEET_IO;
	buf_reserve(out, (size_t)st.st_size);
	for (;;) {
		buf_reserve(out, 4096);
		ssize_t got = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (got < 0)
			return SHEET_IO;
		if (got == 0)
			break;
		out->len += (size_t)got;
	}
	out->data[out->len] = '\0';
	return SHEET_OK;
}

static enum sheet_err xlsx_finish(struct sheet_writer *base, struct buf *out)
{
	struct xlsx_writer *w = (struct xlsx_writer *)base;
	enum sheet_err e = SHEET_IO;
	if (w->book && workbook_close(w->book) == LXW_NO_ERROR)
		e = read_back(w->fd, out);
	if (w->path[0])
		unlink(w->path);
	if (w->fd >= 0)
		close(w->fd);
	buf_free(&w->cell);
	free(w);
	return e;
}

const struct sheet_writer_ops sheet_xlsx_writer = {
	.open = xlsx_open, .row = xlsx_row, .finish = xlsx_finish, .sheet = xlsx_sheet};
