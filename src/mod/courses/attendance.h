/*
 * attendance.h: completing a course in bulk from an attendance sheet (a
 * CSV or XLSX whose first row names the columns: 직원 번호 / 사번 /
 * employee_no, and optionally 이수 시간 / hours), or from the cyber
 * education system's export (the same columns).  A dry run reports every
 * row that cannot be completed (an unknown employee number, a repeated
 * one, a person outside the course's target grades, bad hours) and
 * writes nothing; a real run completes every row in one transaction with
 * one audit entry, or nothing when any row is bad.
 */
#ifndef INNOLAND_COURSES_ATTENDANCE_H
#define INNOLAND_COURSES_ATTENDANCE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/audit.h"
#include "core/error.h"

struct db_conn;

/* One row of the sheet: its line, employee number and hours (-1: the
 * course's). */
struct attendance_row {
	size_t line;
	char employee_no[24];
	int64_t hours;
};

/* The sheet read: rows, and problems [{"line", "employee_no", "message"}]
 * of rows that could not be read (owned). */
struct attendance_sheet {
	struct attendance_row *rows; /* malloc'd */
	size_t n;
	json_t *problems;
};

/*
 * Reads data[0..len) (CSV or XLSX): ERR_OK with the rows (and the problems
 * of rows that are malformed: a number too long, hours not 0..1000), or
 * ERR_INVALID with the reason in problems when the file cannot be read or
 * has no employee-number column.  Free with attendance_free().  No
 * database: the fuzz target calls it.
 */
enum err attendance_parse(const void *data, size_t len, struct attendance_sheet *out);
void attendance_free(struct attendance_sheet *s);

struct attendance_report {
	size_t rows;	  /* data rows read */
	size_t completed; /* completed (or, on a dry run, to be) */
	size_t enrolled;  /* of them, enrolled by the sheet (no application before) */
	size_t already;	  /* completed before: left as they are */
	json_t *problems; /* as above, owned */
};

/*
 * Completes course (of org) for every person of the sheet data on day on
 * ('YYYY-MM-DD').  ERR_OK when written (dry run: when every row is good),
 * ERR_INVALID with the problems, ERR_NOT_FOUND for a course that is not
 * the organisation's, or a database error.
 */
enum err courses_attendance(struct db_conn *c, const struct audit_actor *by, int64_t org,
			    int64_t course, const char *on, const void *data, size_t len,
			    int dry_run, struct attendance_report *out);

#endif
