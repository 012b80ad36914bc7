/*
 * import.h: departments and staff from the HR system's CSV or XLSX.
 *
 * The first row names the columns, in Korean or English ("사번", "성명",
 * "직급", "부서" … or "employee_no", "name" …).  Every row is checked
 * against the entity's declaration; a dry run reports every bad row with its
 * line and reason and writes nothing.  A real import writes everything in
 * one transaction, or nothing when any row is bad.  Re-importing updates by
 * employee number (departments: by code) and never duplicates.  An import is
 * one audit entry with its counts.
 */
#ifndef INNOLAND_IMPORT_H
#define INNOLAND_IMPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/audit.h"
#include "core/error.h"

struct db_conn;

enum import_kind { IMPORT_STAFF, IMPORT_DEPARTMENTS };

struct import_report {
	size_t rows;	  /* data rows read */
	size_t created;	  /* rows that are (or would be) new */
	size_t updated;	  /* rows that match an existing one */
	json_t *problems; /* [{"line": N, "field": "...", "message": "..."}], owned */
};

typedef void import_progress_fn(void *ctx, size_t done, size_t total);

/*
 * Imports data (a whole CSV or XLSX file) for org_id.  ERR_OK when written
 * (or, on a dry run, when every row is good); ERR_INVALID with the problems
 * in out; another error when the file cannot be read at all (its reason is
 * the first problem).  progress may be NULL.
 */
enum err org_import(struct db_conn *c, const struct audit_actor *by, int64_t org_id,
		    enum import_kind kind, const void *data, size_t len, int dry_run,
		    struct import_report *out, import_progress_fn *progress, void *ctx);

struct sheet_table;
/*
 * The start of every import: out emptied, then the whole file data[0..len)
 * read into t.  ERR_OK; or ERR_INVALID with why it cannot be read (or is
 * empty) as the problem of line 0, and t freed.
 */
enum err import_open(const void *data, size_t len, struct sheet_table *t,
		     struct import_report *out);

/*
 * An import's outcome as the command line prints it: each problem as
 * "FILE:LINE: message" on stderr, the counts on stdout (or why nothing was
 * written, after cmd: "innoland import"); 0 when written (or a good dry
 * run), else 1 (org/cli.c).
 */
int import_report_print(const char *cmd, const char *path, enum err e, int dry_run,
			const struct import_report *r);

#endif
