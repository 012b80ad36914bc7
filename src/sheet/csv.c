/*
 * csv.c: CSV reading and writing (RFC 4180, as Excel reads and writes it).
 *
 * Reading first makes the text UTF-8: a UTF-8 BOM is dropped; text that is
 * valid UTF-8 without NUL bytes is used as it is; otherwise it is taken for
 * CP949 (which EUC-KR is a subset of) and converted with iconv, unless it
 * holds bytes that no text file does (NUL and the C0 controls other than
 * TAB, LF, VT, FF and CR): then it is binary.  (Valid UTF-8 keeps its
 * controls, so that what the writers accept reads back.)
 * The separator is a comma, or a tab when the first record has tabs and no
 * commas (outside quoted fields).  Lines end with CRLF, LF or a lone CR.  A field that starts with
 * a double quote runs to the matching quote ("" is a quote) and may span
 * lines; anything up to the next separator after it is kept, and so is a
 * quote inside an unquoted field.
 *
 * Writing: UTF-8 with a BOM, CRLF line ends, fields quoted when they hold a
 * separator, quote, tab or line end; a cell a spreadsheet would run as a
 * formula gets a leading apostrophe.
 *
 * Memory: the converted text (CP949 input) and the field being read are
 * freed before sheet_csv_read() returns; the writer's buffer is handed over
 * by finish().
 */
#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "sheet/sheet_int.h"

/* The decoded text being parsed. */
struct csv {
	const char *s;		 /* UTF-8 text */
	size_t n;		 /* its length */
	size_t i;		 /* the next byte to read */
	size_t line;		 /* 1-based line of s[i] */
	char sep;		 /* ',' or '\t' */
	struct buf field;	 /* the field being read, unquoted */
	struct sheet_rows *rows; /* where rows go */
};

/* 1-based line of data[at], counting LF, CRLF and lone CR as line ends. */
static size_t line_at(const char *data, size_t len, size_t at)
{
	size_t line = 1;
	for (size_t i = 0; i < at && i < len; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n')))
			line++;
	return line;
}

/* SHEET_OK unless data holds a byte that only binary files hold. */
static enum sheet_err check_text(const char *data, size_t len, struct sheet_rows *r)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c < 0x20 && (c == 0 || !strchr("\t\n\v\f\r", c)))
			return sheet_rows_fail(r, SHEET_BAD_ENCODING,
					       "%zu번째 줄: 텍스트 파일에 없는 바이트(0x%02X)가 "
					       "있습니다. 이진 파일이 아닌지 확인해 주세요.",
					       line_at(data, len, i), c);
	}
	return SHEET_OK;
}

/* Converts CP949 data[0..len) to UTF-8 in *out (malloc'd), *out_len. */
static enum sheet_err from_cp949(const char *data, size_t len, char **out, size_t *out_len,
				 struct sheet_rows *r)
{
	iconv_t cd = iconv_open("UTF-8", "CP949");
	if (cd == (iconv_t)-1)
		return sheet_rows_fail(r, SHEET_BAD_ENCODING, "CP949 변환기를 열 수 없습니다.");
	/* A CP949 character is 1 or 2 bytes and becomes at most 3 bytes of UTF-8. */
	size_t cap = len + len / 2 + 1;
	char *in = (char *)data, *dst = xmalloc(cap);
	size_t in_left = len, out_left = cap;
	*out = dst;
	size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		assert(errno != E2BIG);
		free(*out);
		*out = NULL;
		return sheet_rows_fail(r, SHEET_BAD_ENCODING,
				       "%zu번째 줄: UTF-8도 CP949(EUC-KR)도 아닌 문자가 있습니다.",
				       line_at(data, len, (size_t)(in - data)));
	}
	*out_len = cap - out_left;
	return SHEET_OK;
}

/* Points *text at data as UTF-8, converting it into *owned if need be. */
static enum sheet_err decode(const char *data, size_t len, const char **text, size_t *text_len,
			     char **owned, struct sheet_rows *r)
{
	int bom = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3);
	*owned = NULL;
	if (bom) {
		data += 3;
		len -= 3;
	}
	if (utf8_valid(data, len)) {
		*text = data;
		*text_len = len;
		return SHEET_OK;
	}
	if (bom)
		return sheet_rows_fail(r, SHEET_BAD_ENCODING,
				       "UTF-8 BOM이 있지만 올바른 UTF-8이 아닌 부분이 있습니다.");
	enum sheet_err e = check_text(data, len, r);
	if (!e)
		e = from_cp949(data, len, owned, text_len, r);
	*text = *owned;
	return e;
}

/*
 * The separator: a tab if the first record has tabs and no commas outside
 * quoted fields (a quoted header cell may hold either).
 */
static char detect_sep(const char *s, size_t n)
{
	int tabs = 0, quoted = 0, field_start = 1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (quoted) {
			if (c == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0;
			continue;
		}
		if (c == ',')
			return ',';
		if (c == '\n' || c == '\r')
			break;
		tabs |= c == '\t';
		quoted = c == '"' && field_start;
		field_start = c == '\t';
	}
	return tabs ? '\t' : ',';
}

/* Reads a quoted field's content after its opening quote, up to its closing one. */
static enum sheet_err read_quoted(struct csv *c)
{
	size_t start = c->line;
	for (;;) {
		const char *q = memchr(c->s + c->i, '"', c->n - c->i);
		if (!q)
			return sheet_rows_fail(c->rows, SHEET_BAD_FORMAT,
					       "%zu번째 줄: 큰따옴표(\")로 시작한 칸이 파일 끝까지 "
					       "닫히지 않았습니다.",
					       start);
		size_t at = (size_t)(q - c->s);
		for (size_t k = c->i; k < at; k++)
			if (c->s[k] == '\n' || (c->s[k] == '\r' && c->s[k + 1] != '\n'))
				c->line++;
		buf_append(&c->field, c->s + c->i, at - c->i);
		c->i = at + 1;
		if (c->i == c->n || c->s[c->i] != '"')
			return SHEET_OK;
		buf_putc(&c->field, '"');
		c->i++;
	}
}

/* Reads one field into c->field, leaving c->i at its separator or line end. */
static enum sheet_err read_field(struct csv *c)
{
	buf_reset(&c->field);
	if (c->i < c->n && c->s[c->i] == '"') {
		c->i++;
		enum sheet_err e = read_quoted(c);
		if (e)
			return e;
	}
	size_t start = c->i;
	while (c->i < c->n && c->s[c->i] != c->sep && c->s[c->i] != '\n' && c->s[c->i] != '\r')
		c->i++;
	if (c->i > start)
		buf_append(&c->field, c->s + start, c->i - start);
	return SHEET_OK;
}

/* Reads the row starting at c->i, and its line end, and hands it over. */
static enum sheet_err read_row(struct csv *c)
{
	enum sheet_err e;
	sheet_rows_begin(c->rows, c->line);
	for (size_t col = 0;; col++) {
		e = read_field(c);
		if (!e)
			e = sheet_rows_cell(c->rows, col, c->field.data, c->field.len);
		if (e)
			return e;
		if (c->i == c->n || c->s[c->i] != c->sep)
			break;
		c->i++;
	}
	if (c->i < c->n && c->s[c->i] == '\r')
		c->i++;
	if (c->i < c->n && c->s[c->i] == '\n')
		c->i++;
	c->line++;
	return sheet_rows_end(c->rows);
}

enum sheet_err sheet_csv_read(const char *data, size_t len, struct sheet_rows *r)
{
	const char *text = NULL;
	size_t text_len = 0;
	char *owned;
	r->unit = "번째 줄";
	enum sheet_err e = decode(data, len, &text, &text_len, &owned, r);
	struct csv c = {text, text_len, 0, 1, 0, BUF_INIT, r};
	if (!e)
		c.sep = detect_sep(text, text_len);
	while (!e && c.i < c.n)
		e = read_row(&c);
	buf_free(&c.field);
	free(owned);
	return e;
}

/* The CSV writer: the file so far. */
struct csv_writer {
	struct sheet_writer base; /* must come first */
	struct buf out;		  /* the file, starting with the BOM */
};

static struct sheet_writer *csv_open(const char *sheet_title)
{
	struct csv_writer *w = xcalloc(1, sizeof *w);
	buf_append(&w->out, "\xEF\xBB\xBF", 3);
	return &w->base;
}

static void csv_put_field(struct buf *out, const char *s)
{
	const char *prefix = sheet_formula_like(s) ? "'" : "";
	if (!strpbrk(s, ",\"\t\r\n")) {
		buf_puts(out, prefix);
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	buf_puts(out, prefix);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		buf_append(out, s, (size_t)(q - s) + 1);
		buf_putc(out, '"');
	}
	buf_puts(out, s);
	buf_putc(out, '"');
}

static void csv_row(struct sheet_writer *base, size_t n, const char *const *cells)
{
	struct csv_writer *w = (struct csv_writer *)base;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&w->out, ',');
		csv_put_field(&w->out, cells[i] ? cells[i] : "");
	}
	buf_puts(&w->out, "\r\n");
}

static enum sheet_err csv_finish(struct sheet_writer *base, struct buf *out)
{
	struct csv_writer *w = (struct csv_writer *)base;
	*out = w->out;
	free(w);
	return SHEET_OK;
}

static void csv_drain(struct sheet_writer *base, struct buf *out)
{
	struct csv_writer *w = (struct csv_writer *)base;
	if (w->out.len)
		buf_append(out, w->out.data, w->out.len);
	buf_reset(&w->out);
}

const struct sheet_writer_ops sheet_csv_writer = {
	.open = csv_open, .row = csv_row, .finish = csv_finish, .drain = csv_drain};
