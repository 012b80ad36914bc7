/*
 * attendance.c: bulk completion from an attendance sheet (attendance.h).
 * Every row is checked first, in the transaction a real run writes in;
 * any problem rolls it back, so a dry run and a refused run write nothing.
 */
#include "mod/courses/attendance.h"
#include "mod/courses/courses.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/db.h"
#include "sheet/sheet.h"

struct reader {
	struct attendance_sheet *s;
	size_t cap;
	int no_col, hours_col; /* -1: not found (yet) */
	int header;	       /* 1 once the header row was read */
};

static int is_name(const char *cell, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(cell, *names))
			return 1;
	return 0;
}

static void problem(json_t *problems, size_t line, const char *no, const char *msg)
{
	json_array_append_new(problems, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line,
						  "employee_no", no, "message", msg));
}

/* A cell without the spaces around it, into out (size len). */
static void trimmed(const char *cell, char *out, size_t len)
{
	while (*cell == ' ' || *cell == '\t')
		cell++;
	size_t n = strlen(cell);
	while (n && (cell[n - 1] == ' ' || cell[n - 1] == '\t' || cell[n - 1] == '\r'))
		n--;
	snprintf(out, len, "%.*s", (int)(n < len - 1 ? n : len - 1), cell);
}

static int read_row(void *ctx, const struct sheet_row *row)
{
	static const char *const no_names[] = {"직원 번호",   "직원번호",     "사번", "공무원 번호",
					       "employee_no", "Employee no.", NULL};
	static const char *const hour_names[] = {"이수 시간", "이수시간", "시간", "hours", NULL};
	struct reader *r = ctx;
	if (!r->header) {
		r->header = 1;
		for (size_t i = 0; i < row->n && i < 64; i++) {
			char cell[64];
			trimmed(row->cells[i], cell, sizeof cell);
			if (r->no_col < 0 && is_name(cell, no_names))
				r->no_col = (int)i;
			else if (r->hours_col < 0 && is_name(cell, hour_names))
				r->hours_col = (int)i;
		}
		return r->no_col < 0; /* no employee-number column: stop */
	}
	struct attendance_sheet *s = r->s;
	char no[64] = "", hours[32] = "";
	if ((size_t)r->no_col < row->n)
		trimmed(row->cells[r->no_col], no, sizeof no);
	if (r->hours_col >= 0 && (size_t)r->hours_col < row->n)
		trimmed(row->cells[r->hours_col], hours, sizeof hours);
	if (!*no) {
		problem(s->problems, row->line, "", "직원 번호가 비어 있습니다.");
		return 0;
	}
	if (strlen(no) >= sizeof s->rows[0].employee_no) {
		problem(s->problems, row->line, "", "직원 번호가 너무 깁니다 (20자 이하).");
		return 0;
	}
	int64_t h = -1;
	if (*hours) {
		char *end;
		long v = strtol(hours, &end, 10);
		if (*end || v < 0 || v > 1000) {
			problem(s->problems, row->line, no,
				"이수 시간은 0에서 1000 사이의 정수여야 합니다.");
			return 0;
		}
		h = v;
	}
	if (s->n == r->cap)
		s->rows = xrealloc(s->rows, (r->cap = r->cap ? r->cap * 2 : 64) * sizeof *s->rows);
	struct attendance_row *a = &s->rows[s->n++];
	a->line = row->line;
	memcpy(a->employee_no, no, strlen(no) + 1); /* it fits: checked above */
	a->hours = h;
	return 0;
}

enum err attendance_parse(const void *data, size_t len, struct attendance_sheet *out)
{
	memset(out, 0, sizeof *out);
	out->problems = json_array();
	struct reader r = {.s = out, .no_col = -1, .hours_col = -1};
	char detail[256] = "";
	enum sheet_err se = sheet_read(data, len, read_row, &r, detail, sizeof detail);
	if (se != SHEET_OK && se != SHEET_STOPPED) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s%s%s", sheet_strerror(se), *detail ? " " : "", detail);
		problem(out->problems, 0, "", msg);
		return ERR_INVALID;
	}
	if (!r.header) {
		problem(out->problems, 0, "", "빈 파일입니다.");
		return ERR_INVALID;
	}
	if (r.no_col < 0) {
		problem(out->problems, 1, "",
			"첫 줄에 '직원 번호'(또는 '사번', employee_no) 열이 있어야 합니다.");
		return ERR_INVALID;
	}
	return ERR_OK;
}

void attendance_free(struct attendance_sheet *s)
{
	free(s->rows);
	json_decref(s->problems);
	memset(s, 0, sizeof *s);
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct attendance_row *)a)->employee_no,
		      ((const struct attendance_row *)b)->employee_no);
}

/* One row: the person, their enrolment, their grade against the course's
 * targets; completes it when writing.  0, or -1 on a database error. */
static int apply(struct db_conn *c, int64_t org, int64_t course, const char *targets,
		 const char *on, const struct attendance_row *a, int write,
		 struct attendance_report *out)
{
	struct db_stmt *s = db_preparef(c,
					"SELECT id, grade, active, COALESCE(department_id, 0) FROM "
					"staff WHERE org_id = ? AND employee_no = ? AND "
					"archived_at IS NULL",
					"it", org, a->employee_no);
	if (!s)
		return -1;
	int rc = db_step(s);
	if (rc != DB_ROW) {
		db_finalize(s);
		if (rc == DB_ERR)
			return -1;
		char msg[160];
		snprintf(msg, sizeof msg, "직원 번호 %s은(는) 직원 명단에 없습니다.",
			 a->employee_no);
		problem(out->problems, a->line, a->employee_no, msg);
		return 0;
	}
	int64_t staff = db_column_int(s, 0), active = db_column_int(s, 2),
		dept = db_column_int(s, 3);
	char grade[32], key[40], padded[220];
	snprintf(grade, sizeof grade, "%s", db_column_text(s, 1));
	db_finalize(s);
	if (!active) {
		problem(out->problems, a->line, a->employee_no, "재직 중인 직원이 아닙니다.");
		return 0;
	}
	snprintf(padded, sizeof padded, ",%s,", targets);
	snprintf(key, sizeof key, ",%s,", grade);
	if (*targets && !strstr(padded, key)) {
		problem(out->problems, a->line, a->employee_no, "이 과정의 대상 직급이 아닙니다.");
		return 0;
	}
	s = db_preparef(
		c,
		"SELECT id, status FROM enrolments WHERE course_id = ? AND staff_id = ? AND "
		"archived_at IS NULL",
		"ii", course, staff);
	if (!s)
		return -1;
	rc = db_step(s);
	int64_t id = rc == DB_ROW ? db_column_int(s, 0) : 0;
	char status[24] = "";
	if (rc == DB_ROW)
		snprintf(status, sizeof status, "%s", db_column_text(s, 1));
	db_finalize(s);
	if (rc == DB_ERR)
		return -1;
	if (!strcmp(status, "completed")) {
		out->already++;
		return 0;
	}
	if (!strcmp(status, "not_completed")) {
		problem(out->problems, a->line, a->employee_no,
			"미이수로 처리된 수강입니다. 수강 기록을 먼저 확인하세요.");
		return 0;
	}
	out->completed++;
	if (!id)
		out->enrolled++;
	if (!write)
		return 0;
	if (!id) {
		s = db_preparef(
			c,
			"INSERT INTO enrolments (org_id, course_id, staff_id, department_id, "
			"status, applied_on, note) VALUES (?, ?, ?, NULLIF(?, 0), "
			"'confirmed', ?, '출석부로 등록') RETURNING id",
			"iiiit", org, course, staff, dept, on);
		id = s && db_step(s) == DB_ROW ? db_column_int(s, 0) : 0;
		db_finalize(s);
		if (!id)
			return -1;
	}
	return courses_complete(c, org, id, a->hours, on) == ERR_OK ? 0 : -1;
}

enum err courses_attendance(struct db_conn *c, const struct audit_actor *by, int64_t org,
			    int64_t course, const char *on, const void *data, size_t len,
			    int dry_run, struct attendance_report *out)
{
	memset(out, 0, sizeof *out);
	struct attendance_sheet sh;
	enum err why = attendance_parse(data, len, &sh);
	out->problems = json_incref(sh.problems);
	out->rows = sh.n + json_array_size(sh.problems);
	if (why != ERR_OK) {
		out->rows = 0;
		attendance_free(&sh);
		return why;
	}
	int rc;
	char targets[200] = "", title[256] = "";
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT COALESCE(target_grades, ''), title FROM courses WHERE "
			    "id = ? AND org_id = ? AND archived_at IS NULL",
			    "ii", course, org);
	rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		snprintf(targets, sizeof targets, "%s", db_column_text(s, 0));
		snprintf(title, sizeof title, "%s", db_column_text(s, 1));
	}
	db_finalize(s);
	if (rc != DB_ROW) {
		attendance_free(&sh);
		return rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_NOT_FOUND;
	}
	/* repeated numbers: every repeat after the first is a problem */
	struct attendance_row *sorted = xmalloc((sh.n ? sh.n : 1) * sizeof *sorted);
	memcpy(sorted, sh.rows, sh.n * sizeof *sorted);
	qsort(sorted, sh.n, sizeof *sorted, row_cmp);
	for (size_t i = 1; i < sh.n; i++)
		if (!strcmp(sorted[i].employee_no, sorted[i - 1].employee_no)) {
			for (size_t j = 0; j < sh.n; j++)
				if (!strcmp(sh.rows[j].employee_no, sorted[i].employee_no) &&
				    sh.rows[j].line != sorted[i - 1].line &&
				    sh.rows[j].line == sorted[i].line)
					sh.rows[j].employee_no[0] = 0; /* skipped below */
			problem(out->problems, sorted[i].line, sorted[i].employee_no,
				"같은 직원 번호가 파일에 두 번 이상 있습니다.");
		}
	free(sorted);
	if (db_begin(c) != DB_OK) {
		attendance_free(&sh);
		return ERR_DB_UNAVAILABLE;
	}
	int failed = 0;
	for (size_t i = 0; i < sh.n && !failed; i++)
		if (sh.rows[i].employee_no[0] &&
		    apply(c, org, course, targets, on, &sh.rows[i], !dry_run, out) != 0)
			failed = 1;
	attendance_free(&sh);
	if (failed) {
		db_rollback(c);
		return ERR_DB_UNAVAILABLE;
	}
	if (dry_run || json_array_size(out->problems)) {
		db_rollback(c);
		return json_array_size(out->problems) ? ERR_INVALID : ERR_OK;
	}
	json_t *diff = json_pack("{s:I, s:s, s:I, s:I, s:I, s:s}", "course", (json_int_t)course,
				 "title", title, "completed", (json_int_t)out->completed,
				 "enrolled", (json_int_t)out->enrolled, "already",
				 (json_int_t)out->already, "completed_on", on);
	int bad = audit_commit(c, by, "attendance", "enrolments", NULL, diff) != 0;
	json_decref(diff);
	return bad ? ERR_DB_UNAVAILABLE : ERR_OK;
}
