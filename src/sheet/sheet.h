/*
 * sheet.h: spreadsheet input and output: CSV and XLSX, read from memory row
 * by row, written row by row into one file in memory.
 *
 * Reading: sheet_read() detects the kind from the content ("PK\3\4" is XLSX,
 * anything else is text read as CSV) and hands every non-empty row to a
 * callback, its cells as UTF-8.  CSV may be UTF-8 (with or without BOM) or
 * CP949/EUC-KR, as Korean HR systems export it; comma- or tab-separated.
 * XLSX gives its first worksheet; numbers come back as the text a person
 * sees ("20061234", "0.3"), formulas as their cached value; styles are not
 * read, so a date typed into Excel comes back as its serial number ("45352").
 *
 * Writing: what a writer accepts, sheet_read() reads back, with one bound:
 * an XLSX worksheet may unpack to at most 64 MiB (zip bombs), which the
 * writer's inline strings reach at about a million short cells.  Cells that a
 * spreadsheet would run as a formula (starting with = + - @ TAB or CR) are
 * neutralised: CSV prefixes an apostrophe (so "-5" comes back as "'-5"),
 * XLSX writes every cell as a string, never a formula or a number.  The
 * first row is the header: bold and frozen in XLSX.
 *
 * Invariants: every cell handed to a callback is valid UTF-8 without NUL
 * bytes (see utf8.h), at most SHEET_MAX_CELL bytes; a row has 1 to
 * SHEET_MAX_COLS cells and its last cell is non-empty (trailing empty cells
 * are dropped, as XLSX does not store them; rows with no text are skipped);
 * at most SHEET_MAX_ROWS rows are handed over.  The input size is the
 * caller's cap.  Rows are handed over as they are read, so an error may come
 * after some rows: import inside a transaction.
 *
 * Memory: a row and its cells belong to the reader and are valid only until
 * the callback returns.  A writer owns everything it holds until
 * sheet_writer_finish(), which frees it and hands the file (malloc'd) to the
 * caller.
 */
#ifndef INNOLAND_SHEET_H
#define INNOLAND_SHEET_H

#include <stddef.h>

enum {
	SHEET_MAX_ROWS = 1000000, /* rows handed over (empty rows do not count) */
	SHEET_MAX_COLS = 256,	  /* cells in a row, up to the last non-empty one */
	SHEET_MAX_CELL = 32768,	  /* bytes of UTF-8 in one cell */
};

/* One row handed to the caller. */
struct sheet_row {
	size_t line;		  /* 1-based: CSV line where the row starts / XLSX row number */
	size_t n;		  /* cells, 1..SHEET_MAX_COLS, up to the last non-empty one */
	const char *const *cells; /* n cells, UTF-8, NUL-terminated; "" when empty */
	const size_t *lens;	  /* n byte lengths, excluding the terminator */
};

/* Called once per non-empty row, in order; returns non-zero to stop. */
typedef int sheet_row_fn(void *ctx, const struct sheet_row *row);

enum sheet_err {
	SHEET_OK = 0,
	SHEET_BAD_ENCODING, /* neither UTF-8 nor CP949 text, nor XLSX */
	SHEET_BAD_FORMAT,   /* malformed CSV or XLSX */
	SHEET_TOO_LARGE,    /* a limit above, or an XLSX part over 64 MiB uncompressed */
	SHEET_STOPPED,	    /* the callback returned non-zero */
	SHEET_IO,	    /* the writer's temporary file failed */
};

/* A Korean message for people, for any e. */
const char *sheet_strerror(enum sheet_err e);

/*
 * Reads the CSV or XLSX file data[0..len) and calls fn(ctx, row) for every
 * non-empty row.  On an error other than SHEET_STOPPED, and when detail is
 * not NULL, writes a Korean explanation naming the line into
 * detail[0..detail_len) (NUL-terminated, "" if there is nothing to add).
 */
enum sheet_err sheet_read(const void *data, size_t len, sheet_row_fn *fn, void *ctx, char *detail,
			  size_t detail_len);

/*
 * A whole file kept in memory for an import that looks at every row before
 * it writes any: the header row and each data row's cells (copies, "" for
 * a cell past the row's end), with the row's line.  sheet_table_read() is
 * sheet_read() into it; sheet_table_free() frees it (also after an error).
 */
enum { SHEET_TABLE_COLUMNS = 32 }; /* header columns kept; cells beyond are dropped */
struct sheet_table {
	char ***rows;			   /* rows[i][k]: cell k of data row i */
	size_t *lines;			   /* the file line of each row */
	size_t n, cap;			   /* rows kept and allocated */
	size_t width;			   /* columns of the header, at most SHEET_TABLE_COLUMNS */
	char *header[SHEET_TABLE_COLUMNS]; /* the header row */
};
enum sheet_err sheet_table_read(const void *data, size_t len, struct sheet_table *t, char *detail,
				size_t detail_len);
void sheet_table_free(struct sheet_table *t);
/* The position of the header that is one of names (NULL-terminated), both
 * compared without spaces, dots, underscores, tabs and middle dots (·), in
 * any ASCII case ("사무 번호" is "사무번호", "Employee_No" "employeeno");
 * -1 when none is. */
int sheet_table_column(const struct sheet_table *t, const char *const *names);

struct sheet_writer;

enum sheet_kind {
	SHEET_CSV,  /* UTF-8 with BOM (so that Excel opens Korean right), CRLF */
	SHEET_XLSX, /* one worksheet, or more with sheet_writer_sheet() */
};

/* A new writer; sheet_title names the XLSX worksheet (NULL: "Sheet1"). */
struct sheet_writer *sheet_writer_new(enum sheet_kind kind, const char *sheet_title);
/*
 * Appends a row of n UTF-8 cells (a NULL cell is empty).  A row that
 * sheet_read() would refuse (past a limit above, or not UTF-8) is not
 * written, nor is any after it, and sheet_writer_finish() fails.
 */
void sheet_writer_row(struct sheet_writer *w, size_t n, const char *const *cells);
/*
 * XLSX: starts another worksheet named title (made a usable name as the
 * first one's is; NULL or unusable: Excel's "SheetN"); the rows after it go
 * there, its first row the header, bold and frozen.  The earlier sheets are
 * final.  CSV has one table: the rows simply follow.  sheet_read() reads
 * the first worksheet only.
 */
void sheet_writer_sheet(struct sheet_writer *w, const char *title);
struct buf;
/*
 * Moves the bytes of the file that are final so far to the end of out, so
 * that a CSV file can be sent while it is written; sheet_writer_finish()
 * then gives the rest.  XLSX has nothing final before it is finished.
 */
void sheet_writer_drain(struct sheet_writer *w, struct buf *out);
/*
 * Finishes the file and frees w.  On SHEET_OK, *out is the whole file
 * (malloc'd, the caller frees it) and *len its size; otherwise *out is NULL
 * and the error is SHEET_TOO_LARGE or SHEET_BAD_ENCODING (a refused row) or
 * SHEET_IO.
 */
enum sheet_err sheet_writer_finish(struct sheet_writer *w, char **out, size_t *len);

#endif
