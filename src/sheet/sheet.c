/*
 * sheet.c: the parts of the sheet module that do not depend on the format:
 * messages, picking a reader by the file's first bytes, the row assembler
 * every reader feeds, and the writer front end that checks each row against
 * the limits before its backend sees it.
 *
 * Invariant: a row reaches the callback with 1 <= n <= SHEET_MAX_COLS and
 * cells of at most SHEET_MAX_CELL bytes; readers are responsible for the
 * cells being valid UTF-8.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "sheet/sheet_int.h"

static const char *const messages[] = {
	[SHEET_OK] = "성공했습니다.",
	[SHEET_BAD_ENCODING] = "파일의 문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV "
			       "파일이나 XLSX 파일을 올려 주세요.",
	[SHEET_BAD_FORMAT] = "파일 형식이 올바르지 않습니다. CSV 또는 XLSX 파일을 올려 주세요.",
	[SHEET_TOO_LARGE] = "파일이 너무 큽니다. 최대 1,000,000행, 256열, 칸당 32KiB까지 "
			    "처리할 수 있습니다.",
	[SHEET_STOPPED] = "파일 읽기가 중단되었습니다.",
	[SHEET_IO] = "임시 파일을 쓰거나 읽지 못했습니다.",
};

const char *sheet_strerror(enum sheet_err e)
{
	if ((size_t)e >= sizeof messages / sizeof messages[0])
		return "알 수 없는 오류입니다.";
	return messages[e];
}

/*
 * Excel 97-2003 workbooks are OLE compound files, and so are XLSX files with a
 * password; both get a message of their own.
 */
static enum sheet_err xls_read(const char *data, size_t len, struct sheet_rows *r)
{
	return sheet_rows_fail(r, SHEET_BAD_FORMAT,
			       "Excel 97-2003(.xls) 파일이나 암호가 걸린 파일은 읽을 수 "
			       "없습니다. 암호를 풀고 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 "
			       "올려 주세요.");
}

/* Readers by the file's first bytes; text that matches none is CSV. */
static const struct {
	const char *magic;						   /* first bytes */
	size_t magic_len;						   /* their count */
	enum sheet_err (*read)(const char *, size_t, struct sheet_rows *); /* the reader */
} readers[] = {
	{"PK\3\4", 4, sheet_xlsx_read},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, xls_read},
};

enum sheet_err sheet_read(const void *data, size_t len, sheet_row_fn *fn, void *ctx, char *detail,
			  size_t detail_len)
{
	struct sheet_rows r;
	enum sheet_err e = SHEET_OK;
	int done = 0;
	sheet_rows_init(&r, fn, ctx, detail, detail_len);
	for (size_t i = 0; i < sizeof readers / sizeof readers[0] && !done; i++) {
		if (len >= readers[i].magic_len &&
		    !memcmp(data, readers[i].magic, readers[i].magic_len)) {
			e = readers[i].read(data, len, &r);
			done = 1;
		}
	}
	if (!done)
		e = sheet_csv_read(data, len, &r);
	sheet_rows_free(&r);
	return e;
}

void sheet_rows_init(struct sheet_rows *r, sheet_row_fn *fn, void *ctx, char *detail,
		     size_t detail_len)
{
	memset(r, 0, sizeof *r);
	r->fn = fn;
	r->ctx = ctx;
	r->detail = detail_len ? detail : NULL;
	r->detail_len = detail_len;
	r->unit = "행";
	if (r->detail)
		r->detail[0] = '\0';
}

void sheet_rows_free(struct sheet_rows *r)
{
	buf_free(&r->text);
}

void sheet_rows_begin(struct sheet_rows *r, size_t line)
{
	r->line = line;
	r->n = 0;
	buf_reset(&r->text);
}

enum sheet_err sheet_rows_cell(struct sheet_rows *r, size_t col, const char *s, size_t len)
{
	if (!len)
		return SHEET_OK; /* gaps and the end of the row are empty anyway */
	if (col >= SHEET_MAX_COLS)
		return sheet_rows_fail(r, SHEET_TOO_LARGE, "%zu%s: 열이 %d개를 넘습니다.", r->line,
				       r->unit, SHEET_MAX_COLS);
	if (len > SHEET_MAX_CELL)
		return sheet_rows_fail(r, SHEET_TOO_LARGE,
				       "%zu%s %zu번째 칸: 한 칸이 %d바이트를 넘습니다.", r->line,
				       r->unit, col + 1, SHEET_MAX_CELL);
	for (; r->n <= col; r->n++)
		r->len[r->n] = 0;
	r->off[col] = r->text.len;
	r->len[col] = len;
	buf_append(&r->text, s, len);
	buf_putc(&r->text, '\0');
	return SHEET_OK;
}

enum sheet_err sheet_rows_end(struct sheet_rows *r)
{
	const char *cells[SHEET_MAX_COLS];
	if (!r->n)
		return SHEET_OK;
	if (r->count == SHEET_MAX_ROWS)
		return sheet_rows_fail(r, SHEET_TOO_LARGE, "%zu%s: 행이 %d개를 넘습니다.", r->line,
				       r->unit, SHEET_MAX_ROWS);
	for (size_t i = 0; i < r->n; i++)
		cells[i] = r->len[i] ? r->text.data + r->off[i] : "";
	struct sheet_row row = {r->line, r->n, cells, r->len};
	r->count++;
	return r->fn(r->ctx, &row) ? SHEET_STOPPED : SHEET_OK;
}

enum sheet_err sheet_rows_fail(struct sheet_rows *r, enum sheet_err e, const char *fmt, ...)
{
	va_list ap;
	if (!r->detail)
		return e;
	va_start(ap, fmt);
	if (vsnprintf(r->detail, r->detail_len, fmt, ap) < 0)
		r->detail[0] = '\0';
	va_end(ap);
	/* cut short: drop a character cut in half */
	size_t n = strlen(r->detail);
	while (n && !utf8_valid(r->detail, n))
		r->detail[--n] = '\0';
	return e;
}

int sheet_formula_like(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

static const struct sheet_writer_ops *const writers[] = {
	[SHEET_CSV] = &sheet_csv_writer,
	[SHEET_XLSX] = &sheet_xlsx_writer,
};

struct sheet_writer *sheet_writer_new(enum sheet_kind kind, const char *sheet_title)
{
	assert((size_t)kind < sizeof writers / sizeof writers[0]);
	struct sheet_writer *w = writers[kind]->open(sheet_title);
	w->ops = writers[kind];
	return w;
}

/* What sheet_read() would refuse in the row, or SHEET_OK. */
static enum sheet_err writer_check(const struct sheet_writer *w, size_t n, const char *const *cells)
{
	if (w->rows == SHEET_MAX_ROWS || n > SHEET_MAX_COLS)
		return SHEET_TOO_LARGE;
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i] ? cells[i] : "";
		size_t len = strlen(s);
		/* room for the apostrophe CSV puts before a formula */
		if (len + (size_t)sheet_formula_like(s) > SHEET_MAX_CELL)
			return SHEET_TOO_LARGE;
		if (!utf8_valid(s, len))
			return SHEET_BAD_ENCODING;
	}
	return SHEET_OK;
}

void sheet_writer_row(struct sheet_writer *w, size_t n, const char *const *cells)
{
	if (w->err)
		return;
	w->err = writer_check(w, n, cells);
	if (w->err)
		return;
	w->rows++;
	w->ops->row(w, n, cells);
}

void sheet_writer_sheet(struct sheet_writer *w, const char *title)
{
	if (!w->err && w->ops->sheet)
		w->ops->sheet(w, title);
}

void sheet_writer_drain(struct sheet_writer *w, struct buf *out)
{
	if (w->ops->drain)
		w->ops->drain(w, out);
}

enum sheet_err sheet_writer_finish(struct sheet_writer *w, char **out, size_t *len)
{
	struct buf file = BUF_INIT;
	enum sheet_err refused = w->err;
	enum sheet_err e = w->ops->finish(w, &file);
	if (refused)
		e = refused;
	if (e) {
		buf_free(&file);
		*out = NULL;
		*len = 0;
		return e;
	}
	*out = buf_detach(&file, len);
	return SHEET_OK;
}
