/*
 * xlsx_read.c: reading the first worksheet of an XLSX file (Office Open
 * XML, ECMA-376) held in memory, with libzip and expat.
 *
 * The worksheet is the first <sheet> of xl/workbook.xml, found through
 * xl/_rels/workbook.xml.rels, else xl/worksheets/sheet1.xml; the shared
 * strings are the part the same relationships name, else
 * xl/sharedStrings.xml.  Parts are streamed through expat, never held whole;
 * each may unpack to at most XLSX_MAX_PART bytes (zip bombs), and a DTD
 * ends the parse (no entity expansion).  Names are compared by their local
 * part, so any namespace prefix (x:, the Strict namespaces) will do.
 *
 * Cells come back as the text a person sees: shared and inline strings
 * (phonetic runs left out, _xHHHH_ escapes decoded), numbers without float
 * noise ("20061234", "0.3"), TRUE/FALSE, and a formula's cached value.
 *
 * Memory: the shared strings live in a struct strings for the whole read;
 * the package, parsers and buffers are freed before sheet_xlsx_read()
 * returns.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/xalloc.h"
#include "sheet/sheet_int.h"

enum {
	XLSX_MAX_PART = 64 << 20, /* bytes a part may unpack to */
	XLSX_MAX_ROW = 1048576,	  /* Excel's last row */
	XLSX_MAX_PATH = 512,	  /* bytes in a part name */
	XLSX_CHUNK = 64 << 10,	  /* bytes unpacked at a time */
};

/* What every parse context starts with. */
struct xml {
	XML_Parser parser;	 /* the parser running */
	struct sheet_rows *rows; /* where rows go and errors are explained */
	enum sheet_err err;	 /* why a handler stopped the parser */
};

/* The expat handlers of one kind of part. */
struct xml_handlers {
	XML_StartElementHandler start; /* element start */
	XML_EndElementHandler end;     /* element end, or NULL */
	XML_CharacterDataHandler text; /* text, or NULL */
};

/* Stops the parser from a handler: the parse returns e. */
static void xml_stop(struct xml *x, enum sheet_err e)
{
	if (!x->err)
		x->err = e;
	XML_StopParser(x->parser, XML_FALSE);
}

/* The local part of an expat name, which is "namespace|local" or "local". */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The value of attribute want, with a namespace if ns, else without; or NULL. */
static const char *attr(const XML_Char **atts, const char *want, int ns)
{
	for (; *atts; atts += 2)
		if ((strchr(atts[0], '|') != NULL) == ns && !strcmp(local(atts[0]), want))
			return atts[1];
	return NULL;
}

static void XMLCALL reject_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
				   const XML_Char *pubid, int has_internal_subset)
{
	struct xml *x = ud;
	xml_stop(x, sheet_rows_fail(x->rows, SHEET_BAD_FORMAT, "XLSX 파일에 DTD가 있습니다."));
}

static enum sheet_err too_large(struct sheet_rows *r, const char *part)
{
	return sheet_rows_fail(r, SHEET_TOO_LARGE, "%s: 압축을 풀면 %d MiB를 넘습니다.", part,
			       XLSX_MAX_PART >> 20);
}

/* Unpacks the open part f into the parser p, at most XLSX_MAX_PART bytes. */
static enum sheet_err feed(zip_file_t *f, XML_Parser p, struct xml *x, const char *part)
{
	size_t total = 0;
	for (;;) {
		void *chunk = XML_GetBuffer(p, XLSX_CHUNK);
		if (!chunk)
			abort(); /* out of memory, as xalloc.h does */
		zip_int64_t got = zip_fread(f, chunk, XLSX_CHUNK);
		if (got < 0)
			return sheet_rows_fail(x->rows, SHEET_BAD_FORMAT,
					       "%s: 압축을 풀 수 없습니다 (%s).", part,
					       zip_file_strerror(f));
		total += (size_t)got;
		if (total > XLSX_MAX_PART)
			return too_large(x->rows, part);
		if (XML_ParseBuffer(p, (int)got, got == 0) == XML_STATUS_ERROR) {
			if (x->err)
				return x->err;
			return sheet_rows_fail(x->rows, SHEET_BAD_FORMAT,
					       "%s %lu번째 줄: XML 오류 (%s).", part,
					       (unsigned long)XML_GetCurrentLineNumber(p),
					       XML_ErrorString(XML_GetErrorCode(p)));
		}
		if (got == 0)
			return SHEET_OK;
	}
}

/* Parses the part named part with h into x; *found says whether it exists. */
static enum sheet_err parse_part(zip_t *zip, const char *part, const struct xml_handlers *h,
				 struct xml *x, int *found)
{
	zip_int64_t idx = zip_name_locate(zip, part, ZIP_FL_NOCASE);
	zip_stat_t st;
	*found = idx >= 0;
	if (idx < 0)
		return SHEET_OK;
	if (!zip_stat_index(zip, (zip_uint64_t)idx, 0, &st) && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > XLSX_MAX_PART)
		return too_large(x->rows, part);
	zip_file_t *f = zip_fopen_index(zip, (zip_uint64_t)idx, 0);
	if (!f)
		return sheet_rows_fail(x->rows, SHEET_BAD_FORMAT, "%s: 열 수 없습니다 (%s).", part,
				       zip_strerror(zip));
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	if (!p)
		abort();
	x->parser = p;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, h->start, h->end);
	XML_SetCharacterDataHandler(p, h->text);
	XML_SetStartDoctypeDeclHandler(p, reject_doctype);
	enum sheet_err e = feed(f, p, x, part);
	XML_ParserFree(p);
	zip_fclose(f);
	return e;
}

int sheet_xlsx_escaped(const char *s, size_t n, unsigned *cp)
{
	unsigned v = 0;
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return 0;
	for (size_t i = 2; i < 6; i++) {
		char c = s[i];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
			     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
						    : 16;
		if (d == 16)
			return 0;
		v = v << 4 | d;
	}
	*cp = v;
	return 1;
}

/* Appends code point cp (below U+10000) as UTF-8. */
static void put_utf8(struct buf *out, unsigned cp)
{
	char b[3];
	if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 2);
	} else {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 3);
	}
}

/*
 * Appends s[0..n) to out with the _xHHHH_ escapes of ST_Xstring decoded; an
 * escape of NUL or of half a surrogate pair stays as it is.
 */
static void unescape(const char *s, size_t n, struct buf *out)
{
	size_t start = 0;
	unsigned cp;
	for (size_t i = 0; i < n;) {
		if (sheet_xlsx_escaped(s + i, n - i, &cp) && cp && (cp < 0xD800 || cp > 0xDFFF)) {
			buf_append(out, s + start, i - start);
			put_utf8(out, cp);
			i += 7;
			start = i;
		} else {
			i++;
		}
	}
	buf_append(out, s + start, n - start);
}

/* The first worksheet's relationship id, from xl/workbook.xml. */
struct workbook {
	struct xml x; /* must come first */
	char *rid;    /* r:id of the first <sheet>, or NULL before it */
};

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = ud;
	if (w->rid || strcmp(local(name), "sheet"))
		return;
	const char *rid = attr(atts, "id", 1);
	w->rid = xstrdup(rid ? rid : "");
}

/* The parts that xl/_rels/workbook.xml.rels names. */
struct rels {
	struct xml x;	 /* must come first */
	const char *rid; /* the worksheet's relationship id */
	char *sheet;	 /* the worksheet's part name, or NULL */
	char *strings;	 /* the shared strings' part name, or NULL */
};

/* The part name of a relationship target from xl/, or NULL if too long. */
static char *part_name(const char *target)
{
	struct buf b = BUF_INIT;
	if (strlen(target) > XLSX_MAX_PATH)
		return NULL;
	if (target[0] == '/')
		buf_puts(&b, target + 1);
	else
		buf_printf(&b, "xl/%s", target);
	return buf_detach(&b, NULL);
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	const char *id = attr(atts, "Id", 0), *type = attr(atts, "Type", 0);
	const char *target = attr(atts, "Target", 0);
	if (strcmp(local(name), "Relationship") || !target)
		return;
	if (!r->sheet && id && !strcmp(id, r->rid))
		r->sheet = part_name(target);
	size_t tl = type ? strlen(type) : 0, sl = strlen("/sharedStrings");
	if (!r->strings && tl >= sl && !strcmp(type + tl - sl, "/sharedStrings"))
		r->strings = part_name(target);
}

/* Finds the worksheet's and the shared strings' part names. */
static enum sheet_err find_parts(zip_t *zip, struct sheet_rows *rows, struct rels *out)
{
	static const struct xml_handlers wh = {workbook_start, NULL, NULL};
	static const struct xml_handlers rh = {rels_start, NULL, NULL};
	struct workbook wb = {.x = {NULL, rows, SHEET_OK}};
	int found;
	enum sheet_err e = parse_part(zip, "xl/workbook.xml", &wh, &wb.x, &found);
	if (!e && wb.rid) {
		out->rid = wb.rid;
		e = parse_part(zip, "xl/_rels/workbook.xml.rels", &rh, &out->x, &found);
	}
	free(wb.rid);
	out->rid = NULL;
	return e;
}

/* The shared string table, xl/sharedStrings.xml. */
struct strings {
	struct xml x;	 /* must come first */
	struct buf text; /* every string, one after the other */
	size_t *off;	 /* string i is text[off[i] .. off[i + 1]) */
	size_t n;	 /* strings */
	size_t cap;	 /* entries allocated in off */
	int in_si;	 /* inside <si> */
	int in_t;	 /* inside <t> */
	int in_rph;	 /* depth of <rPh> (phonetic runs, left out) */
	struct buf cur;	 /* the text of the current <si> so far */
};

static void XMLCALL strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct strings *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "si")) {
		s->in_si = 1;
		buf_reset(&s->cur);
	} else if (!strcmp(l, "t")) {
		s->in_t = 1;
	} else if (!strcmp(l, "rPh")) {
		s->in_rph++;
	}
}

static void XMLCALL strings_end(void *ud, const XML_Char *name)
{
	struct strings *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "si") && s->in_si) {
		if (s->n + 2 > s->cap) {
			s->cap = s->cap ? 2 * s->cap : 1024;
			s->off = xrealloc(s->off, s->cap * sizeof *s->off);
		}
		s->off[s->n] = s->text.len;
		unescape(s->cur.data ? s->cur.data : "", s->cur.len, &s->text);
		s->off[++s->n] = s->text.len;
		s->in_si = 0;
	} else if (!strcmp(l, "t")) {
		s->in_t = 0;
	} else if (!strcmp(l, "rPh") && s->in_rph) {
		s->in_rph--;
	}
}

static void XMLCALL strings_text(void *ud, const XML_Char *text, int len)
{
	struct strings *s = ud;
	if (s->in_si && s->in_t && !s->in_rph)
		buf_append(&s->cur, text, (size_t)len);
}

/* The worksheet being read. */
struct sheet {
	struct xml x;		   /* must come first */
	const struct strings *sst; /* the shared strings */
	size_t row;		   /* number of the current or last row, 0 before any */
	size_t col;		   /* 0-based column of the current cell */
	size_t next_col;	   /* column of a cell without a reference */
	int in_data;		   /* inside <sheetData> */
	int in_row;		   /* inside <row> */
	int in_cell;		   /* inside <c> */
	int in_v;		   /* inside <c><v> */
	int in_is;		   /* inside <c><is> */
	int in_t;		   /* inside <c><is>..<t> */
	int in_rph;		   /* depth of <rPh> inside <is> */
	char type;		   /* the cell's t: 's', 'i'nlineStr, s't'r, 'b', 'e', 'd', 'n' */
	struct buf val;		   /* the cell's <v> or inline text so far */
	struct buf out;		   /* the cell's text, once decoded */
};

/* Parses a decimal number 0..max. */
static int parse_uint(const char *s, size_t max, size_t *out)
{
	size_t v = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (size_t)(*s - '0');
		if (v > max)
			return 0;
	}
	*out = v;
	return 1;
}

/* Parses a row number 1..XLSX_MAX_ROW. */
static int parse_row(const char *s, size_t *out)
{
	return parse_uint(s, XLSX_MAX_ROW, out) && *out > 0;
}

/* The 0-based column of a cell reference such as "C5": 0 if it is not one. */
static int parse_column(const char *ref, size_t *col)
{
	size_t v = 0, letters = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
		v = v * 26 + (size_t)(*ref - 'A' + 1);
	size_t row;
	if (!letters || letters > 3 || !parse_row(ref, &row))
		return 0;
	*col = v - 1;
	return 1;
}

static char cell_type(const char *t)
{
	static const char *const names[] = {"s", "inlineStr", "str", "b", "e", "d"};
	static const char codes[] = "sitbed";
	for (size_t i = 0; t && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(t, names[i]))
			return codes[i];
	return 'n';
}

static void row_start(struct sheet *s, const XML_Char **atts)
{
	const char *r = attr(atts, "r", 0);
	if (r ? !parse_row(r, &s->row) : s->row == XLSX_MAX_ROW) {
		xml_stop(&s->x, sheet_rows_fail(s->x.rows, SHEET_BAD_FORMAT,
						"%zu행 다음: 행 번호가 잘못되었습니다.", s->row));
		return;
	}
	if (!r)
		s->row++;
	s->in_row = 1;
	s->next_col = 0;
	sheet_rows_begin(s->x.rows, s->row);
}

static void cell_start(struct sheet *s, const XML_Char **atts)
{
	const char *r = attr(atts, "r", 0);
	if (r ? !parse_column(r, &s->col) : s->next_col > 16383) {
		xml_stop(&s->x, sheet_rows_fail(s->x.rows, SHEET_BAD_FORMAT,
						"%zu행: 셀 주소가 잘못되었습니다.", s->row));
		return;
	}
	if (!r)
		s->col = s->next_col;
	s->next_col = s->col + 1;
	s->type = cell_type(attr(atts, "t", 0));
	s->in_cell = 1;
	s->in_v = s->in_is = s->in_t = s->in_rph = 0;
	buf_reset(&s->val);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "sheetData"))
		s->in_data = 1;
	else if (!strcmp(l, "row") && s->in_data && !s->in_row)
		row_start(s, atts);
	else if (!strcmp(l, "c") && s->in_row && !s->in_cell)
		cell_start(s, atts);
	else if (!strcmp(l, "v") && s->in_cell)
		s->in_v = 1;
	else if (!strcmp(l, "is") && s->in_cell)
		s->in_is = 1;
	else if (!strcmp(l, "t") && s->in_is)
		s->in_t = 1;
	else if (!strcmp(l, "rPh") && s->in_is)
		s->in_rph++;
}

/*
 * Writes the number text s[0..n) as a person sees it into out[32]: integers
 * in full, others to 15 significant digits (Excel's precision).  0 if it is
 * not a plain decimal number.
 */
static int format_number(const char *s, size_t n, char out[32])
{
	char copy[64], *end;
	if (!n || n >= sizeof copy || strspn(s, "0123456789+-.eE") < n)
		return 0;
	memcpy(copy, s, n);
	copy[n] = '\0';
	double v = strtod(copy, &end);
	if (*end || !isfinite(v))
		return 0;
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		snprintf(out, 32, "%.0f", v);
	else
		snprintf(out, 32, "%.15g", v);
	return 1;
}

/* Decodes the finished cell into s->out, by its type. */
static enum sheet_err cell_text(struct sheet *s)
{
	const char *v = s->val.data ? s->val.data : "";
	size_t n = s->val.len, i;
	char num[32];
	buf_reset(&s->out);
	switch (s->type) {
	case 's':
		if (!parse_uint(v, XLSX_MAX_PART, &i) || i >= s->sst->n)
			return sheet_rows_fail(s->x.rows, SHEET_BAD_FORMAT,
					       "%zu행: 공유 문자열 번호가 잘못되었습니다.", s->row);
		buf_append(&s->out, s->sst->text.data + s->sst->off[i],
			   s->sst->off[i + 1] - s->sst->off[i]);
		break;
	case 'i':
	case 't': unescape(v, n, &s->out); break;
	case 'b':
		buf_puts(&s->out, !strcmp(v, "1") ? "TRUE" : !strcmp(v, "0") ? "FALSE" : v);
		break;
	default:
		if (s->type == 'n' && format_number(v, n, num))
			buf_puts(&s->out, num);
		else
			buf_append(&s->out, v, n);
	}
	return SHEET_OK;
}

static enum sheet_err cell_end(struct sheet *s)
{
	s->in_cell = 0;
	if (!s->val.len)
		return SHEET_OK;
	enum sheet_err e = cell_text(s);
	if (!e && s->out.len)
		e = sheet_rows_cell(s->x.rows, s->col, s->out.data, s->out.len);
	return e;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet *s = ud;
	const char *l = local(name);
	enum sheet_err e = SHEET_OK;
	if (!strcmp(l, "sheetData")) {
		s->in_data = 0;
	} else if (!strcmp(l, "row") && s->in_row && !s->in_cell) {
		s->in_row = 0;
		e = sheet_rows_end(s->x.rows);
	} else if (!strcmp(l, "c") && s->in_cell) {
		e = cell_end(s);
	} else if (!strcmp(l, "v")) {
		s->in_v = 0;
	} else if (!strcmp(l, "is")) {
		s->in_is = 0;
	} else if (!strcmp(l, "t")) {
		s->in_t = 0;
	} else if (!strcmp(l, "rPh") && s->in_rph) {
		s->in_rph--;
	}
	if (e)
		xml_stop(&s->x, e);
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int len)
{
	struct sheet *s = ud;
	if (!s->in_cell || !(s->in_v || (s->in_t && !s->in_rph)))
		return;
	if (s->val.len + (size_t)len > SHEET_MAX_CELL)
		xml_stop(&s->x, sheet_rows_fail(s->x.rows, SHEET_TOO_LARGE,
						"%zu행: 한 칸이 %d바이트를 넘습니다.", s->row,
						SHEET_MAX_CELL));
	else
		buf_append(&s->val, text, (size_t)len);
}

/* Reads the shared strings, then the worksheet into rows. */
static enum sheet_err read_book(zip_t *zip, struct sheet_rows *rows)
{
	static const struct xml_handlers strings_h = {strings_start, strings_end, strings_text};
	static const struct xml_handlers sheet_h = {sheet_start, sheet_end, sheet_text};
	struct rels parts = {.x = {NULL, rows, SHEET_OK}};
	struct strings sst = {.x = {NULL, rows, SHEET_OK}};
	struct sheet sh = {.x = {NULL, rows, SHEET_OK}, .sst = &sst};
	int found = 0;
	enum sheet_err e = find_parts(zip, rows, &parts);
	if (!e)
		e = parse_part(zip, parts.strings ? parts.strings : "xl/sharedStrings.xml",
			       &strings_h, &sst.x, &found);
	found = 0;
	if (!e && parts.sheet)
		e = parse_part(zip, parts.sheet, &sheet_h, &sh.x, &found);
	if (!e && !found)
		e = parse_part(zip, "xl/worksheets/sheet1.xml", &sheet_h, &sh.x, &found);
	if (!e && !found)
		e = sheet_rows_fail(rows, SHEET_BAD_FORMAT,
				    "XLSX 파일에서 워크시트를 찾을 수 없습니다.");
	free(parts.sheet);
	free(parts.strings);
	buf_free(&sst.text);
	buf_free(&sst.cur);
	free(sst.off);
	buf_free(&sh.val);
	buf_free(&sh.out);
	return e;
}

enum sheet_err sheet_xlsx_read(const char *data, size_t len, struct sheet_rows *rows)
{
	zip_error_t ze;
	zip_error_init(&ze);
	rows->unit = "행";
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!zip) {
		enum sheet_err e = sheet_rows_fail(rows, SHEET_BAD_FORMAT,
						   "XLSX(ZIP) 파일이 손상되었습니다 (%s).",
						   zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return e;
	}
	zip_error_fini(&ze);
	enum sheet_err e = read_book(zip, rows);
	zip_discard(zip);
	return e;
}
