/*
 * test_sheet.c: the spreadsheet module (src/sheet/): CSV in UTF-8 and
 * CP949, quoting and line numbers, the limits on both sides, binary input,
 * the CSV and XLSX writers read back, XLSX files made by libxlsxwriter
 * (shared strings, formulas with cached values) and XLSX parts written by
 * hand (namespace prefixes, escapes, phonetic runs, broken input).
 *
 * Rows are compared as text: "line:cell|cell|...\n" per row.
 *
 * Memory: every helper returns malloc'd memory that its test frees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "sheet/sheet.h"

/* What a read gave. */
struct result {
	enum sheet_err err; /* sheet_read()'s result */
	char detail[256];   /* its explanation */
	struct buf rows;    /* "line:cell|cell\n" per row */
	size_t count;	    /* rows handed over */
	size_t stop_after;  /* stop after this many rows; 0: never */
};

static int collect(void *ctx, const struct sheet_row *row)
{
	struct result *r = ctx;
	assert_true(row->n >= 1 && row->n <= SHEET_MAX_COLS);
	buf_printf(&r->rows, "%zu:", row->line);
	for (size_t i = 0; i < row->n; i++) {
		assert_int_equal(strlen(row->cells[i]), row->lens[i]);
		assert_true(utf8_valid(row->cells[i], row->lens[i]));
		buf_printf(&r->rows, "%s%s", i ? "|" : "", row->cells[i]);
	}
	buf_putc(&r->rows, '\n');
	r->count++;
	return r->stop_after && r->count == r->stop_after;
}

static void read_into(struct result *r, const void *data, size_t len)
{
	buf_reset(&r->rows);
	buf_puts(&r->rows, "");
	r->count = 0;
	r->err = sheet_read(data, len, collect, r, r->detail, sizeof r->detail);
}

/* Reads data and checks it gave err and rows. */
static void expect(const void *data, size_t len, enum sheet_err err, const char *rows)
{
	struct result r = {0};
	read_into(&r, data, len);
	if (r.err != err)
		fail_msg("sheet_read: %d (%s), expected %d", r.err, r.detail, err);
	assert_string_equal(r.rows.data, rows);
	buf_free(&r.rows);
}

static void expect_str(const char *csv, enum sheet_err err, const char *rows)
{
	expect(csv, strlen(csv), err, rows);
}

/* Reads data, expecting err with a detail that contains detail. */
static void expect_error(const void *data, size_t len, enum sheet_err err, const char *detail)
{
	struct result r = {0};
	read_into(&r, data, len);
	if (r.err != err)
		fail_msg("sheet_read: %d (%s), expected %d", r.err, r.detail, err);
	if (!strstr(r.detail, detail))
		fail_msg("detail \"%s\" lacks \"%s\"", r.detail, detail);
	buf_free(&r.rows);
}

/* s converted from UTF-8 to CP949 (malloc'd), its length in *len. */
static char *to_cp949(const char *s, size_t *len)
{
	iconv_t cd = iconv_open("CP949", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t in_left = strlen(s), out_left = 2 * in_left + 1;
	char *out = malloc(out_left), *in = (char *)s, *dst = out;
	assert_int_not_equal(iconv(cd, &in, &in_left, &dst, &out_left), (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(dst - out);
	return out;
}

static const char korean[] = "이름,직급\n김혁신,6급\n";
static const char korean_rows[] = "1:이름|직급\n2:김혁신|6급\n";

static void csv_utf8_with_and_without_bom(void **state)
{
	expect_str(korean, SHEET_OK, korean_rows);
	expect_str("\xEF\xBB\xBF"
		   "이름,직급\r\n김혁신,6급\r\n",
		   SHEET_OK, korean_rows);
	expect_str("", SHEET_OK, "");
	expect_str("\xEF\xBB\xBF", SHEET_OK, "");
	expect_str("x", SHEET_OK, "1:x\n");
}

static void csv_cp949_becomes_the_same_cells(void **state)
{
	size_t len;
	char *cp = to_cp949(korean, &len);
	assert_false(utf8_valid(cp, len));
	assert_true(len < strlen(korean));
	expect(cp, len, SHEET_OK, korean_rows);
	free(cp);
	/* Hangul outside KS X 1001, which only CP949 (not EUC-KR) has */
	cp = to_cp949("똠방각하,뷁\n", &len);
	expect(cp, len, SHEET_OK, "1:똠방각하|뷁\n");
	free(cp);
}

static void csv_quotes_and_line_numbers(void **state)
{
	expect_str("a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
		   "\"multi\nline\",x\r\n"
		   "\r\n"
		   "last,\"\"\n",
		   SHEET_OK,
		   "1:a|b,c|say \"hi\"\n"
		   "2:multi\nline|x\n"
		   "5:last\n");
	/* a quote inside an unquoted field is a character; text after a closing quote is kept */
	expect_str("ab\"c,d\n\"abc\"def,e", SHEET_OK, "1:ab\"c|d\n2:abcdef|e\n");
	/* lone CR ends a line too; a CRLF inside quotes stays */
	expect_str("a\rb\r\"c\r\nd\"\re", SHEET_OK, "1:a\n2:b\n3:c\r\nd\n5:e\n");
}

static void csv_skips_empty_rows_and_trailing_empty_cells(void **state)
{
	expect_str("a\n\n,,\n\"\",\"\"\n \nb,,\n,,c\n", SHEET_OK, "1:a\n5: \n6:b\n7:||c\n");
}

static void csv_tab_separated(void **state)
{
	expect_str("이름\t직급\n김혁신\t6급\n", SHEET_OK, korean_rows);
	/* a comma on the first line keeps commas */
	expect_str("a\tb,c\n", SHEET_OK, "1:a\tb|c\n");
	expect_str("\"a\tb\"\nc,d\n", SHEET_OK, "1:a\tb\n2:c|d\n");
	expect_str("\"a,b\"\tc\n", SHEET_OK, "1:a,b|c\n");
	expect_str("\"a\"\"\t,b\"\tc\n", SHEET_OK, "1:a\"\t,b|c\n");
}

static void csv_unterminated_quote_is_bad_format(void **state)
{
	expect_error("a,b\nc,\"oops\nmore\n", 17, SHEET_BAD_FORMAT, "2번째 줄");
	expect_error("\"", 1, SHEET_BAD_FORMAT, "1번째 줄");
}

static void csv_binary_is_bad_encoding(void **state)
{
	unsigned char blob[4096];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof blob; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		blob[i] = (unsigned char)x;
	}
	blob[100] = 0;
	expect_error(blob, sizeof blob, SHEET_BAD_ENCODING, "");
	/* a control character is binary in CP949 text, kept in UTF-8 */
	size_t len;
	char *cp = to_cp949("김,b\nc,\x01\n", &len);
	expect_error(cp, len, SHEET_BAD_ENCODING, "2번째 줄");
	free(cp);
	expect_str("김,b\nc,\x01\n", SHEET_OK, "1:김|b\n2:c|\x01\n");
	expect_error("a\0b", 3, SHEET_BAD_ENCODING, "1번째 줄");
	/* neither UTF-8 nor CP949 (0xFF is no CP949 lead byte) */
	expect_error("a,b\n\xFF\xFF\n", 7, SHEET_BAD_ENCODING, "2번째 줄");
	/* a BOM promises UTF-8: no CP949 after it */
	expect_error("\xEF\xBB\xBF\xB1\xE8", 5, SHEET_BAD_ENCODING, "BOM");
	expect_str("\xB1\xE8", SHEET_OK, "1:김\n");
}

/* A CSV line of n cells "x", then extra (or ""), then a newline. */
static char *wide_line(size_t n, const char *extra)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, i ? ",x" : "x");
	buf_printf(&b, "%s\n", extra);
	return buf_detach(&b, NULL);
}

static void csv_limits(void **state)
{
	struct result r = {0};
	char *line = wide_line(SHEET_MAX_COLS, ",,,");
	read_into(&r, line, strlen(line));
	assert_int_equal(r.err, SHEET_OK);
	assert_int_equal(r.count, 1);
	free(line);
	line = wide_line(SHEET_MAX_COLS + 1, "");
	expect_error(line, strlen(line), SHEET_TOO_LARGE, "1번째 줄");
	free(line);

	char *cell = malloc(SHEET_MAX_CELL + 2);
	memset(cell, 'a', SHEET_MAX_CELL + 1);
	cell[SHEET_MAX_CELL + 1] = '\0';
	expect_error(cell, SHEET_MAX_CELL + 1, SHEET_TOO_LARGE, "1번째 줄");
	read_into(&r, cell, SHEET_MAX_CELL);
	assert_int_equal(r.err, SHEET_OK);
	free(cell);
	buf_free(&r.rows);
}

static void csv_stops_when_asked(void **state)
{
	struct result r = {.stop_after = 1};
	read_into(&r, korean, strlen(korean));
	assert_int_equal(r.err, SHEET_STOPPED);
	assert_int_equal(r.count, 1);
	buf_free(&r.rows);
}

/* Rows written by both writers; the last cells look like formulas. */
static const char *const table[][4] = {
	{"이름", "사번", "비고", "메모"},
	{"김혁신", "20061234", "=cmd|' /C calc'!A0", "쉼표, 그리고 \"따옴표\""},
	{"이순신", "0012", "줄1\r\n줄2", "_x0041_ 그대로"},
	{NULL, "", "-5", "@SUM(A1)"},
	{"+1", "\t탭",
	 "a\x01"
	 "b",
	 "끝"},
};
enum { TABLE_ROWS = sizeof table / sizeof table[0] };

static char *write_table(enum sheet_kind kind, const char *title, size_t *len)
{
	struct sheet_writer *w = sheet_writer_new(kind, title);
	char *out;
	for (size_t i = 0; i < TABLE_ROWS; i++)
		sheet_writer_row(w, 4, table[i]);
	assert_int_equal(sheet_writer_finish(w, &out, len), SHEET_OK);
	return out;
}

/* table as read back, with prefix before each cell that looks like a formula. */
static char *table_rows(const char *prefix, int csv)
{
	struct buf b = BUF_INIT;
	/* an XLSX row is its number; CSV line numbers grow with the embedded line end */
	static const size_t csv_lines[] = {1, 2, 3, 5, 6};
	for (size_t i = 0; i < TABLE_ROWS; i++) {
		buf_printf(&b, "%zu:", csv ? csv_lines[i] : i + 1);
		for (size_t k = 0; k < 4; k++) {
			const char *c = table[i][k] ? table[i][k] : "";
			buf_printf(&b, "%s%s%s", k ? "|" : "",
				   strchr("=+-@\t", c[0]) && c[0] ? prefix : "", c);
		}
		buf_putc(&b, '\n');
	}
	return buf_detach(&b, NULL);
}

static void csv_writer_round_trip(void **state)
{
	size_t len;
	char *csv = write_table(SHEET_CSV, NULL, &len);
	assert_memory_equal(csv, "\xEF\xBB\xBF이름,사번,비고,메모\r\n",
			    strlen("\xEF\xBB\xBF이름,사번,비고,메모\r\n"));
	assert_non_null(strstr(csv, "\r\n김혁신,20061234,'=cmd|' /C calc'!A0,\"쉼표, 그리고 "
				    "\"\"따옴표\"\"\"\r\n"));
	char *rows = table_rows("'", 1);
	expect(csv, len, SHEET_OK, rows);
	free(rows);
	free(csv);
}

/* The part name of zip data[0..len), unpacked (malloc'd, NUL-terminated). */
static char *unzip_part(const char *data, size_t len, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	zip_stat_t st;
	assert_int_equal(zip_stat(za, name, 0, &st), 0);
	char *out = calloc(1, st.size + 1);
	zip_file_t *f = zip_fopen(za, name, 0);
	assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_discard(za);
	zip_error_fini(&ze);
	return out;
}

static void xlsx_writer_round_trip(void **state)
{
	size_t len;
	char *xlsx = write_table(SHEET_XLSX, "인사/명단[2024]", &len);
	assert_memory_equal(xlsx, "PK\3\4", 4);
	char *rows = table_rows("", 0);
	expect(xlsx, len, SHEET_OK, rows);
	free(rows);

	char *sheet = unzip_part(xlsx, len, "xl/worksheets/sheet1.xml");
	assert_null(strstr(sheet, "<f>"));	      /* no formula */
	assert_null(strstr(sheet, "<v>"));	      /* no number: every cell a string */
	assert_non_null(strstr(sheet, "\"frozen\"")); /* header frozen */
	free(sheet);
	char *book = unzip_part(xlsx, len, "xl/workbook.xml");
	assert_non_null(strstr(book, "name=\"인사_명단_2024_\""));
	free(book);
	char *styles = unzip_part(xlsx, len, "xl/styles.xml");
	assert_non_null(strstr(styles, "<b/>"));
	free(styles);
	free(xlsx);
}

/* Several worksheets: each its own part, named, with its own bold header;
 * reading gives the first; CSV has no sheets, its rows simply follow. */
static void xlsx_writer_more_sheets(void **state)
{
	static const char *const head[] = {"부서", "점수"}, *const a[] = {"감사담당관", "35"},
				 *const b[] = {"보건소", "50"};
	struct sheet_writer *w = sheet_writer_new(SHEET_XLSX, "혁신역량");
	sheet_writer_row(w, 2, head);
	sheet_writer_row(w, 2, a);
	sheet_writer_sheet(w, "혁신과제");
	sheet_writer_row(w, 2, head);
	sheet_writer_row(w, 2, b);
	sheet_writer_sheet(w, "혁신과제"); /* taken: Excel's own name */
	sheet_writer_row(w, 1, head);
	char *xlsx;
	size_t len;
	assert_int_equal(sheet_writer_finish(w, &xlsx, &len), SHEET_OK);
	expect(xlsx, len, SHEET_OK, "1:부서|점수\n2:감사담당관|35\n");
	char *book = unzip_part(xlsx, len, "xl/workbook.xml");
	assert_non_null(strstr(book, "name=\"혁신역량\""));
	assert_non_null(strstr(book, "name=\"혁신과제\""));
	assert_non_null(strstr(book, "name=\"Sheet3\""));
	free(book);
	char *second = unzip_part(xlsx, len, "xl/worksheets/sheet2.xml");
	assert_non_null(strstr(second, "보건소"));
	assert_null(strstr(second, "감사담당관"));
	assert_non_null(strstr(second, "\"frozen\""));
	assert_non_null(strstr(second, "s=\"1\"")); /* the header's bold style */
	free(second);
	free(xlsx);

	w = sheet_writer_new(SHEET_CSV, NULL);
	sheet_writer_row(w, 2, a);
	sheet_writer_sheet(w, "혁신과제");
	sheet_writer_row(w, 2, b);
	char *csv;
	assert_int_equal(sheet_writer_finish(w, &csv, &len), SHEET_OK);
	expect(csv, len, SHEET_OK, "1:감사담당관|35\n2:보건소|50\n");
	free(csv);
}

static void writers_refuse_what_reading_would(void **state)
{
	static const char *const bad_utf8[] = {"\xC0\xAF"};
	const char *wide[SHEET_MAX_COLS + 1] = {0};
	char *out = (char *)1;
	size_t len = 1;
	for (int kind = SHEET_CSV; kind <= SHEET_XLSX; kind++) {
		struct sheet_writer *w = sheet_writer_new(kind, NULL);
		sheet_writer_row(w, SHEET_MAX_COLS, wide);
		sheet_writer_row(w, SHEET_MAX_COLS + 1, wide);
		assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_TOO_LARGE);
		assert_null(out);
		assert_int_equal(len, 0);
		w = sheet_writer_new(kind, NULL);
		sheet_writer_row(w, 1, bad_utf8);
		assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_BAD_ENCODING);
		assert_null(out);
	}
}

/* A cell of SHEET_MAX_CELL bytes: fine, but a formula needs room for CSV's apostrophe. */
static void writer_cell_limit(void **state)
{
	char *big = malloc(SHEET_MAX_CELL + 1);
	const char *row[] = {big};
	struct result r = {0};
	char *out;
	size_t len;
	memset(big, 'a', SHEET_MAX_CELL);
	big[SHEET_MAX_CELL] = '\0';
	struct sheet_writer *w = sheet_writer_new(SHEET_CSV, NULL);
	sheet_writer_row(w, 1, row);
	assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_OK);
	read_into(&r, out, len);
	assert_int_equal(r.err, SHEET_OK);
	assert_int_equal(r.rows.len, 2 + SHEET_MAX_CELL + 1);
	free(out);
	/* Excel's own limit is 32,767 characters */
	w = sheet_writer_new(SHEET_XLSX, NULL);
	sheet_writer_row(w, 1, row);
	assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_TOO_LARGE);
	big[0] = '=';
	w = sheet_writer_new(SHEET_CSV, NULL);
	sheet_writer_row(w, 1, row);
	assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_TOO_LARGE);
	big[SHEET_MAX_CELL - 1] = '\0';
	w = sheet_writer_new(SHEET_CSV, NULL);
	sheet_writer_row(w, 1, row);
	assert_int_equal(sheet_writer_finish(w, &out, &len), SHEET_OK);
	read_into(&r, out, len);
	assert_int_equal(r.err, SHEET_OK);
	assert_memory_equal(r.rows.data, "1:'=aaa", 7);
	free(out);
	free(big);
	buf_free(&r.rows);
}

/* Path of a new temporary file (static buffer). */
static const char *temp_path(void)
{
	static char path[] = "/tmp/test-sheet-XXXXXX";
	strcpy(path, "/tmp/test-sheet-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

/* The whole file at path (malloc'd); removes it. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, got);
	fclose(f);
	unlink(path);
	return buf_detach(&b, len);
}

static void xlsx_shared_strings_and_formulas(void **state)
{
	const char *path = temp_path();
	lxw_workbook *book = workbook_new(path); /* not constant memory: shared strings */
	lxw_worksheet *ws = workbook_add_worksheet(book, "명단");
	lxw_format *bold = workbook_add_format(book);
	format_set_bold(bold);
	lxw_rich_string_tuple r1 = {bold, "굵은 "}, r2 = {NULL, "글씨"};
	lxw_rich_string_tuple *rich[] = {&r1, &r2, NULL};
	worksheet_write_string(ws, 0, 0, "이름", NULL);
	worksheet_write_string(ws, 0, 1, "사번", NULL);
	worksheet_write_string(ws, 0, 2, "점수", NULL);
	worksheet_write_string(ws, 1, 0, "김혁신", NULL);
	worksheet_write_number(ws, 1, 1, 20061234, NULL);
	worksheet_write_number(ws, 1, 2, 0.1 + 0.2, NULL);
	worksheet_write_formula_num(ws, 2, 2, "=C2*140", NULL, 42);
	worksheet_write_formula_str(ws, 2, 0, "=A2&\"님\"", NULL, "김혁신님");
	worksheet_write_boolean(ws, 3, 1, 1, NULL);
	worksheet_write_rich_string(ws, 5, 3, rich, NULL);
	worksheet_write_number(ws, 6, 0, -1.5e-3, NULL);
	worksheet_write_string(ws, 6, 1, "이름", NULL); /* shared with A1 */
	assert_int_equal(workbook_close(book), LXW_NO_ERROR);
	size_t len;
	char *xlsx = slurp(path, &len);
	char *sst = unzip_part(xlsx, len, "xl/sharedStrings.xml");
	assert_non_null(strstr(sst, "<r>"));
	free(sst);
	expect(xlsx, len, SHEET_OK,
	       "1:이름|사번|점수\n"
	       "2:김혁신|20061234|0.3\n"
	       "3:김혁신님||42\n"
	       "4:|TRUE\n"
	       "6:|||굵은 글씨\n"
	       "7:-0.0015|이름\n");
	free(xlsx);
}

/* A zip of the given name/content pairs, NULL-terminated (malloc'd). */
static char *make_zip(const char *const *parts, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (; parts[0]; parts += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[1], strlen(parts[1]), 0);
		assert_true(zip_file_add(za, parts[0], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	zip_stat_t st;
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	char *out = malloc(st.size);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return out;
}

static const char workbook_xml[] =
	"<x:workbook xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' "
	"xmlns:rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>"
	"<x:sheets><x:sheet name='둘째' sheetId='2' rel:id='rId7'/>"
	"<x:sheet name='첫째' sheetId='1' rel:id='rId1'/></x:sheets></x:workbook>";
static const char rels_xml[] =
	"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
	"<Relationship Id='rId1' Type='http://x/worksheet' Target='worksheets/sheet1.xml'/>"
	"<Relationship Id='rId7' Type='http://x/worksheet' Target='/xl/worksheets/data.xml'/>"
	"<Relationship Id='rId9' "
	"Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings' "
	"Target='strings.xml'/></Relationships>";
static const char strings_xml[] =
	"<x:sst xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
	"<x:si><x:t>漢字</x:t><x:rPh sb='0' eb='2'><x:t>かんじ</x:t></x:rPh></x:si>"
	"<x:si><x:r><x:t xml:space='preserve'>줄 </x:t></x:r><x:r><x:t>바꿈_x000D__x000A_끝"
	"</x:t></x:r></x:si><x:si><x:t>_x005F_x0041_ _x0000_ _xD800_ _x41_</x:t></x:si></x:sst>";

/* An XLSX with the parts above and the worksheet data.xml made of rows. */
static char *hand_xlsx(const char *rows, size_t *len)
{
	struct buf sheet = BUF_INIT;
	buf_printf(&sheet,
		   "<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/"
		   "main'><x:sheetData>%s</x:sheetData></x:worksheet>",
		   rows);
	const char *parts[] = {"xl/workbook.xml",
			       workbook_xml,
			       "xl/_rels/workbook.xml.rels",
			       rels_xml,
			       "xl/strings.xml",
			       strings_xml,
			       "xl/worksheets/data.xml",
			       sheet.data,
			       "xl/worksheets/sheet1.xml",
			       "<worksheet><sheetData><row><c t='inlineStr'><is><t>틀린 "
			       "시트</t></is></c></row></sheetData></worksheet>",
			       NULL};
	char *zip = make_zip(parts, len);
	buf_free(&sheet);
	return zip;
}

static void expect_xlsx(const char *rows, enum sheet_err err, const char *want)
{
	size_t len;
	char *zip = hand_xlsx(rows, &len);
	expect(zip, len, err, want);
	free(zip);
}

static void xlsx_by_hand(void **state)
{
	expect_xlsx("<x:row r='2'><x:c r='B2' t='s'><x:v>0</x:v></x:c>"
		    "<x:c r='D2' t='s'><x:v>1</x:v></x:c><x:c t='s'><x:v>2</x:v></x:c></x:row>"
		    "<x:row><x:c><x:v>0.30000000000000004</x:v></x:c><x:c><x:v>1E+20</x:v></x:c>"
		    "<x:c><x:v>-0</x:v></x:c><x:c><x:v>20061234</x:v></x:c>"
		    "<x:c><x:v>abc</x:v></x:c><x:c t='b'><x:v>0</x:v></x:c>"
		    "<x:c t='e'><x:v>#N/A</x:v></x:c><x:c t='d'><x:v>2024-03-01</x:v></x:c></x:row>"
		    "<x:row r='9'><x:c r='A9' s='1'/><x:c r='B9' t='s'/></x:row>",
		    SHEET_OK,
		    "2:|漢字||줄 바꿈\r\n끝|_x0041_ _x0000_ _xD800_ _x41_\n"
		    "3:0.3|1e+20|0|20061234|abc|FALSE|#N/A|2024-03-01\n");
	/* the last column there may be, and an empty cell past it */
	struct buf want = BUF_INIT;
	buf_puts(&want, "10:");
	for (int i = 1; i < SHEET_MAX_COLS; i++)
		buf_putc(&want, '|');
	buf_puts(&want, "끝\n");
	expect_xlsx("<x:row r='10'><x:c r='IV10' t='inlineStr'><x:is><x:r><x:t>끝</x:t></x:r>"
		    "<x:rPh><x:t>-</x:t></x:rPh></x:is></x:c><x:c r='IW10'/></x:row>",
		    SHEET_OK, want.data);
	buf_free(&want);
}

static void xlsx_broken_input(void **state)
{
	size_t len;
	char *zip = hand_xlsx("<x:row r='1'><x:c r='IW1'><x:v>1</x:v></x:c></x:row>", &len);
	expect_error(zip, len, SHEET_TOO_LARGE, "1행");
	free(zip);
	zip = hand_xlsx("<x:row r='3'><x:c t='s'><x:v>3</x:v></x:c></x:row>", &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "3행");
	free(zip);
	zip = hand_xlsx("<x:row r='0'/>", &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "행 번호");
	free(zip);
	zip = hand_xlsx("<x:row><x:c r='5A'/></x:row>", &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "셀 주소");
	free(zip);
	zip = hand_xlsx("<x:row><x:c></x:row>", &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "XML");
	free(zip);

	const char *dtd[] = {"xl/worksheets/sheet1.xml",
			     "<!DOCTYPE w [<!ENTITY a 'aaaa'>]><worksheet><sheetData><row><c "
			     "t='inlineStr'><is><t>&a;</t></is></c></row></sheetData></worksheet>",
			     NULL};
	zip = make_zip(dtd, &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "DTD");
	free(zip);

	const char *none[] = {"word/document.xml", "<document/>", NULL};
	zip = make_zip(none, &len);
	expect_error(zip, len, SHEET_BAD_FORMAT, "워크시트");
	free(zip);

	expect_error("PK\3\4 not really a zip", 22, SHEET_BAD_FORMAT, "ZIP");
	expect_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old excel", 18, SHEET_BAD_FORMAT, ".xls");
}

static void xlsx_zip_bomb_is_too_large(void **state)
{
	size_t big = (64u << 20) + 1, len;
	char *text = malloc(big + 1);
	memset(text, ' ', big);
	text[big] = '\0';
	const char *parts[] = {"xl/worksheets/sheet1.xml", text, NULL};
	char *zip = make_zip(parts, &len);
	free(text);
	assert_true(len < 1u << 20);
	expect_error(zip, len, SHEET_TOO_LARGE, "64 MiB");
	free(zip);
}

static void every_error_has_a_message(void **state)
{
	for (int e = SHEET_OK; e <= SHEET_IO; e++) {
		const char *m = sheet_strerror(e);
		assert_non_null(m);
		assert_true(utf8_length(m, strlen(m)) > 5);
		for (int f = SHEET_OK; f < e; f++)
			assert_string_not_equal(m, sheet_strerror(f));
	}
	assert_non_null(sheet_strerror(SHEET_IO + 1));
}

/* sheet_table: the header and rows kept, short rows padded, columns
 * found by any of their names however spaced, dotted or cased. */
static void table_keeps_rows_and_finds_columns(void **state)
{
	(void)state;
	const char csv[] = "사무 번호,Employee_No,인계\xc2\xb7인수\n1,A\n2,B,C,D\n";
	struct sheet_table t;
	assert_int_equal(sheet_table_read(csv, strlen(csv), &t, NULL, 0), SHEET_OK);
	assert_int_equal(t.width, 3);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.rows[0][1], "A");
	assert_string_equal(t.rows[0][2], "");
	assert_string_equal(t.rows[1][2], "C");
	assert_int_equal(t.lines[1], 3);
	static const char *const no[] = {"번호", "사무번호", NULL},
				 *const emp[] = {"employeeno", NULL},
				 *const hand[] = {"인계인수", NULL}, *const none[] = {"부서", NULL};
	assert_int_equal(sheet_table_column(&t, no), 0);
	assert_int_equal(sheet_table_column(&t, emp), 1);
	assert_int_equal(sheet_table_column(&t, hand), 2);
	assert_int_equal(sheet_table_column(&t, none), -1);
	sheet_table_free(&t);
	assert_int_equal(t.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_utf8_with_and_without_bom),
		cmocka_unit_test(csv_cp949_becomes_the_same_cells),
		cmocka_unit_test(csv_quotes_and_line_numbers),
		cmocka_unit_test(csv_skips_empty_rows_and_trailing_empty_cells),
		cmocka_unit_test(csv_tab_separated),
		cmocka_unit_test(csv_unterminated_quote_is_bad_format),
		cmocka_unit_test(csv_binary_is_bad_encoding),
		cmocka_unit_test(csv_limits),
		cmocka_unit_test(csv_stops_when_asked),
		cmocka_unit_test(csv_writer_round_trip),
		cmocka_unit_test(xlsx_writer_round_trip),
		cmocka_unit_test(xlsx_writer_more_sheets),
		cmocka_unit_test(writers_refuse_what_reading_would),
		cmocka_unit_test(writer_cell_limit),
		cmocka_unit_test(xlsx_shared_strings_and_formulas),
		cmocka_unit_test(xlsx_by_hand),
		cmocka_unit_test(xlsx_broken_input),
		cmocka_unit_test(xlsx_zip_bomb_is_too_large),
		cmocka_unit_test(every_error_has_a_message),
		cmocka_unit_test(table_keeps_rows_and_finds_columns),
	};
	return cmocka_run_group_tests_name("sheet", tests, NULL, NULL);
}
