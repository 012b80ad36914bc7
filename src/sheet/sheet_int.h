/*
 * sheet_int.h: what the CSV and XLSX halves of the sheet module share: the
 * row assembler every reader feeds, the readers and the writer backends.
 *
 * The row assembler (struct sheet_rows) receives cells by column, in any
 * order, fills gaps with empty cells, drops trailing empty ones, enforces
 * the limits of sheet.h and hands non-empty rows to the caller's callback.
 * Readers never call the callback themselves.
 *
 * Memory: a sheet_rows owns its text buffer (sheet_rows_free()); the cells
 * it hands over point into it.  A writer backend allocates its own struct,
 * starting with a struct sheet_writer, and frees it in finish().
 */
#ifndef INNOLAND_SHEET_INT_H
#define INNOLAND_SHEET_INT_H

#include <stddef.h>

#include "core/buf.h"
#include "sheet/sheet.h"

/* The row being built and where finished rows go. */
struct sheet_rows {
	sheet_row_fn *fn;	    /* the caller's callback */
	void *ctx;		    /* its context */
	char *detail;		    /* where errors are explained, or NULL */
	size_t detail_len;	    /* size of detail */
	const char *unit;	    /* follows a line number in messages: "행", "번째 줄" */
	size_t count;		    /* rows handed over so far */
	size_t line;		    /* line or row number of the row being built */
	size_t n;		    /* its cells, up to the last non-empty one */
	struct buf text;	    /* their bytes, each followed by a NUL */
	size_t off[SHEET_MAX_COLS]; /* where cell i starts in text (when len[i] > 0) */
	size_t len[SHEET_MAX_COLS]; /* its length in bytes; 0: empty */
};

void sheet_rows_init(struct sheet_rows *r, sheet_row_fn *fn, void *ctx, char *detail,
		     size_t detail_len);
void sheet_rows_free(struct sheet_rows *r);
/* Starts a row at line (CSV) or row number (XLSX). */
void sheet_rows_begin(struct sheet_rows *r, size_t line);
/* Sets cell col (0-based) of the current row to the UTF-8 s[0..len). */
enum sheet_err sheet_rows_cell(struct sheet_rows *r, size_t col, const char *s, size_t len);
/* Ends the row: hands it over unless it is empty. */
enum sheet_err sheet_rows_end(struct sheet_rows *r);
/* Returns e after writing the printf-style explanation into the detail. */
enum sheet_err sheet_rows_fail(struct sheet_rows *r, enum sheet_err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Readers: the whole file data[0..len) into r. */
enum sheet_err sheet_csv_read(const char *data, size_t len, struct sheet_rows *r);
enum sheet_err sheet_xlsx_read(const char *data, size_t len, struct sheet_rows *r);

/*
 * 1 if s[0..n) starts with an ST_Xstring escape "_xHHHH_" (which XLSX uses
 * for characters XML cannot hold), its UTF-16 code unit in *cp.
 */
int sheet_xlsx_escaped(const char *s, size_t n, unsigned *cp);

/* 1 if a spreadsheet would take the cell s for a formula. */
int sheet_formula_like(const char *s);

/* The part of a writer that sheet.c manages; backends extend it. */
struct sheet_writer {
	const struct sheet_writer_ops *ops; /* the backend */
	size_t rows;			    /* rows accepted so far */
	enum sheet_err err;		    /* the first row refused, or SHEET_OK */
};

/* A writer backend.  Rows reach it only once checked against the limits. */
struct sheet_writer_ops {
	/* A new writer; never NULL (a failure is kept in err for finish). */
	struct sheet_writer *(*open)(const char *sheet_title);
	/* Appends a row of n cells, each valid UTF-8 or NULL. */
	void (*row)(struct sheet_writer *w, size_t n, const char *const *cells);
	/* Appends the file to out and frees w. */
	enum sheet_err (*finish)(struct sheet_writer *w, struct buf *out);
	/* Moves what is final so far to out, or NULL: nothing is final before
	 * finish (XLSX). */
	void (*drain)(struct sheet_writer *w, struct buf *out);
	/* Starts another worksheet, or NULL: one table only (CSV). */
	void (*sheet)(struct sheet_writer *w, const char *title);
};

extern const struct sheet_writer_ops sheet_csv_writer;
extern const struct sheet_writer_ops sheet_xlsx_writer;

#endif
