/*
 * pages.c: the courses module's own pages: the completion status of a
 * year (이수현황: per course with its target population, per grade, per
 * department, the department × course-kind table, per person; printable
 * and exported), the signed-in person's own courses, and the bulk
 * completion from an attendance sheet (upload, dry run with every bad
 * row, confirm; attendance.c).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/role.h"
#include "auth/secret.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/courses/attendance.h"
#include "mod/courses/courses.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"
#include "sheet/sheet.h"

enum { KINDS = 8, GRADES = 10, PEOPLE_PAGE = 100 };

struct person {
	int64_t id, dept;
	const char *no, *name;
	int grade;	  /* index into org_grades */
	int64_t n, hours; /* completions and hours in the year */
	size_t first;	  /* its completions in the sorted list */
};

struct course {
	int64_t id, hours;
	const char *title, *targets;
	int kind;
	int64_t target_n, completed, hours_sum;
};

struct completion {
	size_t person, course;
	int64_t hours;
};

struct dept {
	int64_t id;
	const char *name;
	int64_t staff, people, n, hours, kinds[KINDS];
};

struct status {
	struct org_filter where;
	int64_t year;
	struct person *p;
	size_t np;
	struct course *k;
	size_t nk;
	struct completion *done;
	size_t ndone;
	struct dept *d;
	size_t nd;
};

static int choice_at(const struct choice *c, const char *value)
{
	int i = 0;
	for (; c[i].value; i++)
		if (!strcmp(c[i].value, value))
			return i;
	return i - 1; /* the last: 기타 for grades */
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct person *const *)a)[0]->id,
		y = ((const struct person *const *)b)[0]->id;
	return x < y ? -1 : x > y;
}

static int done_cmp(const void *a, const void *b)
{
	const struct completion *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->course < y->course ? -1 : x->course > y->course;
}

static void status_free(struct status *s)
{
	free(s->p);
	free(s->k);
	free(s->done);
	free(s->d);
}

/* A query of the page's with the department filter on column, then tail. */
static struct db_stmt *ask(struct db_conn *c, const struct org_filter *f, const char *sql,
			   const char *column, const char *tail, json_t *binds)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, sql);
	if (column)
		org_filter_sql(f, column, &b, binds);
	buf_puts(&b, tail);
	struct db_stmt *st = crud_prepare(c, b.data, binds);
	buf_free(&b);
	json_decref(binds);
	return st;
}

/* Reads everything the page shows for s->year into s. */
static enum err status_read(struct request *req, struct status *s)
{
	struct db_conn *c = request_db(req);
	struct arena *a = &req->arena;
	int64_t org = s->where.org;
	/* the year's courses */
	struct db_stmt *st = db_preparef(
		c,
		"SELECT /* bounded: the courses of one year */ id, title, kind, "
		"COALESCE(target_grades, ''), hours FROM courses WHERE org_id = ? AND year = ? AND "
		"archived_at IS NULL ORDER BY kind, id",
		"ii", org, s->year);
	size_t cap = 0;
	int rc = DB_ERR;
	while (st && (rc = db_step(st)) == DB_ROW) {
		if (s->nk == cap)
			s->k = xrealloc(s->k, (cap = cap ? cap * 2 : 32) * sizeof *s->k);
		struct course *k = &s->k[s->nk++];
		memset(k, 0, sizeof *k);
		k->id = db_column_int(st, 0);
		k->title = arena_strdup(a, db_column_text(st, 1));
		k->kind = choice_at(courses_kinds, db_column_text(st, 2));
		k->targets = arena_strdup(a, db_column_text(st, 3));
		k->hours = db_column_int(st, 4);
	}
	db_finalize(st);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;
	/* the departments, in their order */
	st = db_preparef(c,
			 "SELECT id, name FROM departments WHERE org_id = ? AND archived_at IS "
			 "NULL ORDER BY sort_order, id",
			 "i", org);
	cap = 0;
	while (st && (rc = db_step(st)) == DB_ROW) {
		if (s->nd == cap)
			s->d = xrealloc(s->d, (cap = cap ? cap * 2 : 128) * sizeof *s->d);
		struct dept *d = &s->d[s->nd++];
		memset(d, 0, sizeof *d);
		d->id = db_column_int(st, 0);
		d->name = arena_strdup(a, db_column_text(st, 1));
	}
	db_finalize(st);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;
	/* the staff (the population), by name */
	st = ask(c, &s->where,
		 "SELECT s.id, s.employee_no, s.name, s.grade, COALESCE(s.department_id, 0) FROM "
		 "staff s WHERE s.org_id = ? AND s.archived_at IS NULL AND s.active = 1",
		 s->where.dept ? "s.department_id" : NULL, " ORDER BY s.name, s.id",
		 json_pack("[I]", (json_int_t)org));
	cap = 0;
	while (st && (rc = db_step(st)) == DB_ROW) {
		if (s->np == cap)
			s->p = xrealloc(s->p, (cap = cap ? cap * 2 : 1024) * sizeof *s->p);
		struct person *p = &s->p[s->np++];
		memset(p, 0, sizeof *p);
		p->id = db_column_int(st, 0);
		p->no = arena_strdup(a, db_column_text(st, 1));
		p->name = arena_strdup(a, db_column_text(st, 2));
		p->grade = choice_at(org_grades, db_column_text(st, 3));
		p->dept = db_column_int(st, 4);
	}
	db_finalize(st);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;
	/* the year's completions */
	struct person **index = xmalloc((s->np ? s->np : 1) * sizeof *index);
	for (size_t i = 0; i < s->np; i++)
		index[i] = &s->p[i];
	qsort(index, s->np, sizeof *index, by_id);
	st = db_preparef(
		c,
		"SELECT e.staff_id, e.course_id, e.hours FROM courses k JOIN enrolments e "
		"ON e.course_id = k.id WHERE k.org_id = ? AND k.year = ? AND "
		"k.archived_at IS NULL AND e.status = 'completed' AND e.archived_at IS NULL",
		"ii", org, s->year);
	cap = 0;
	size_t lastk = 0;
	while (st && (rc = db_step(st)) == DB_ROW) {
		struct person key = {.id = db_column_int(st, 0)}, *kp = &key;
		struct person **hit = bsearch(&kp, index, s->np, sizeof *index, by_id);
		if (!hit)
			continue; /* outside the filter */
		int64_t course = db_column_int(st, 1);
		if (lastk >= s->nk || s->k[lastk].id != course)
			for (lastk = 0; lastk < s->nk && s->k[lastk].id != course; lastk++)
				;
		if (lastk >= s->nk)
			continue;
		if (s->ndone == cap)
			s->done = xrealloc(s->done, (cap = cap ? cap * 2 : 4096) * sizeof *s->done);
		s->done[s->ndone++] =
			(struct completion){(size_t)(*hit - s->p), lastk, db_column_int(st, 2)};
	}
	db_finalize(st);
	free(index);
	if (rc != DB_OK)
		return ERR_DB_UNAVAILABLE;
	qsort(s->done, s->ndone, sizeof *s->done, done_cmp);
	for (size_t i = s->ndone; i-- > 0;) {
		struct completion *d = &s->done[i];
		struct person *p = &s->p[d->person];
		p->n++;
		p->hours += d->hours;
		p->first = i;
		s->k[d->course].completed++;
		s->k[d->course].hours_sum += d->hours;
	}
	/* each course's target population: the people of its grades (all
	 * people when it names none), from a count of each grade */
	int64_t of_grade[GRADES] = {0};
	for (size_t i = 0; i < s->np; i++)
		if (s->p[i].grade >= 0 && s->p[i].grade < GRADES)
			of_grade[s->p[i].grade]++;
	for (size_t j = 0; j < s->nk; j++) {
		char padded[220];
		snprintf(padded, sizeof padded, ",%s,", s->k[j].targets);
		for (int g = 0; g < GRADES && org_grades[g].value; g++) {
			char key[40];
			snprintf(key, sizeof key, ",%s,", org_grades[g].value);
			if (!*s->k[j].targets || strstr(padded, key))
				s->k[j].target_n += of_grade[g];
		}
	}
	return ERR_OK;
}

static json_t *rate(int64_t part, int64_t whole)
{
	char t[32];
	if (!whole)
		return json_string("-");
	snprintf(t, sizeof t, "%.1f%%", (double)part * 100.0 / (double)whole);
	return json_string(t);
}

static struct dept *dept_of(struct status *s, int64_t id)
{
	for (size_t i = 0; i < s->nd; i++)
		if (s->d[i].id == id)
			return &s->d[i];
	return NULL;
}

/* One person's row, with the titles of their courses. */
static json_t *person_row(const struct status *s, const struct person *p, const char *dept)
{
	struct buf t = BUF_INIT;
	for (size_t i = p->first; p->n && i < s->ndone && &s->p[s->done[i].person] == p; i++) {
		if (t.len)
			buf_puts(&t, ", ");
		buf_puts(&t, s->k[s->done[i].course].title);
	}
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:s}", "staff_id",
				(json_int_t)p->id, "employee_no", p->no, "name", p->name, "grade",
				org_grades[p->grade].label, "department", dept, "courses",
				(json_int_t)p->n, "hours", (json_int_t)p->hours, "titles",
				t.data ? t.data : "");
	buf_free(&t);
	return row;
}

/* The page's document; people: 0 for every person with a completion
 * (exports), else the page of them. */
static json_t *status_doc(struct request *req, struct status *s, int64_t page)
{
	int64_t g_staff[GRADES] = {0}, g_people[GRADES] = {0}, g_n[GRADES] = {0},
		g_hours[GRADES] = {0};
	int64_t people = 0, n = 0, hours = 0, kind_n[KINDS] = {0};
	for (size_t i = 0; i < s->np; i++) {
		struct person *p = &s->p[i];
		struct dept *d = dept_of(s, p->dept);
		g_staff[p->grade]++;
		g_n[p->grade] += p->n;
		g_hours[p->grade] += p->hours;
		if (d) {
			d->staff++;
			d->n += p->n;
			d->hours += p->hours;
			d->people += p->n > 0;
		}
		if (p->n) {
			g_people[p->grade]++;
			people++;
			n += p->n;
			hours += p->hours;
		}
	}
	for (size_t i = 0; i < s->ndone; i++) {
		int kind = s->k[s->done[i].course].kind;
		struct dept *d = dept_of(s, s->p[s->done[i].person].dept);
		kind_n[kind]++;
		if (d)
			d->kinds[kind]++;
	}
	json_t *doc = json_object(), *courses = json_array(), *grades = json_array(),
	       *depts = json_array(), *kinds = json_array(), *kind_totals = json_array();
	for (size_t j = 0; j < s->nk; j++) {
		struct course *k = &s->k[j];
		json_array_append_new(courses, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:o}",
							 "id", (json_int_t)k->id, "title", k->title,
							 "kind", courses_kinds[k->kind].label,
							 "target", (json_int_t)k->target_n,
							 "completed", (json_int_t)k->completed,
							 "hours", (json_int_t)k->hours_sum, "rate",
							 rate(k->completed, k->target_n)));
	}
	for (int g = 0; g < GRADES && org_grades[g].value; g++)
		if (g_staff[g])
			json_array_append_new(
				grades,
				json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "grade",
					  org_grades[g].label, "staff", (json_int_t)g_staff[g],
					  "people", (json_int_t)g_people[g], "completions",
					  (json_int_t)g_n[g], "hours", (json_int_t)g_hours[g],
					  "rate", rate(g_people[g], g_staff[g])));
	for (int k = 0; k < KINDS; k++) {
		json_array_append_new(kinds, json_pack("{s:s}", "label", courses_kinds[k].label));
		json_array_append_new(kind_totals, json_pack("{s:I}", "n", (json_int_t)kind_n[k]));
	}
	for (size_t i = 0; i < s->nd; i++) {
		struct dept *d = &s->d[i];
		if (!d->staff)
			continue;
		json_t *cells = json_array();
		for (int k = 0; k < KINDS; k++)
			json_array_append_new(cells,
					      json_pack("{s:I}", "n", (json_int_t)d->kinds[k]));
		json_array_append_new(depts,
				      json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:o, s:o}", "id",
						(json_int_t)d->id, "name", d->name, "staff",
						(json_int_t)d->staff, "people",
						(json_int_t)d->people, "completions",
						(json_int_t)d->n, "hours", (json_int_t)d->hours,
						"rate", rate(d->people, d->staff), "kinds", cells));
	}
	json_t *list = json_array();
	int64_t seen = 0, from = page ? (page - 1) * PEOPLE_PAGE : 0;
	for (size_t i = 0; i < s->np; i++) {
		struct person *p = &s->p[i];
		if (!p->n)
			continue;
		if (seen++ < from || (page && seen > from + PEOPLE_PAGE))
			continue;
		struct dept *d = dept_of(s, p->dept);
		json_array_append_new(list, person_row(s, p, d ? d->name : ""));
	}
	static const char *const dept_keys[] = {"#id", "name"};
	json_object_set_new(doc, "year", json_integer(s->year));
	json_object_set_new(doc, "department", json_integer(s->where.dept));
	json_object_set_new(doc, "department_name",
			    json_string(s->where.dept ? s->where.name : "전체 (기관)"));
	json_object_set_new(
		doc, "departments",
		org_unit_options(request_db(req), s->where.org, s->where.dept, dept_keys));
	json_object_set_new(doc, "staff", json_integer((json_int_t)s->np));
	json_object_set_new(doc, "people", json_integer(people));
	json_object_set_new(doc, "completions", json_integer(n));
	json_object_set_new(doc, "hours", json_integer(hours));
	json_object_set_new(doc, "rate", rate(people, (int64_t)s->np));
	json_object_set_new(doc, "courses", courses);
	json_object_set_new(doc, "by_grade", grades);
	json_object_set_new(doc, "by_department", depts);
	json_object_set_new(doc, "kinds", kinds);
	json_object_set_new(doc, "kind_totals", kind_totals);
	json_object_set_new(doc, "persons", list);
	if (page) {
		int64_t pages = (people + PEOPLE_PAGE - 1) / PEOPLE_PAGE;
		json_object_set_new(doc, "page", json_integer(page));
		json_object_set_new(doc, "pages", json_integer(pages ? pages : 1));
		request_pager(req, doc, page, page < pages);
	}
	return doc;
}

/* The parameters (declared, so well formed): the year defaults to the
 * latest with a completion. */
static enum err status_ask(struct request *req, struct status *s)
{
	memset(s, 0, sizeof *s);
	enum err e = org_filter_read(req, "department", &s->where);
	if (e != ERR_OK)
		return e;
	s->year = request_query_int(req, "year", 0);
	if (!s->year) {
		int rc;
		s->year =
			db_int(request_db(req), &rc, 0,
			       "SELECT /* bounded: one look per course */ MAX(k.year) FROM courses "
			       "k WHERE k.org_id = ? AND k.archived_at IS NULL AND EXISTS (SELECT "
			       "1 FROM enrolments e WHERE e.course_id = k.id AND e.status = "
			       "'completed')",
			       "i", s->where.org);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
	}
	if (!s->year) {
		char now[24];
		utc_now(0, now);
		s->year = atoi(now);
	}
	return ERR_OK;
}

enum err courses_page_status(struct request *req, struct response *res)
{
	struct status s;
	enum err e = status_ask(req, &s);
	if (e == ERR_OK)
		e = status_read(req, &s);
	if (e == ERR_OK)
		res->doc = status_doc(req, &s, request_query_int(req, "page", 1));
	status_free(&s);
	return e;
}

enum err courses_page_status_export(struct request *req, struct response *res)
{
	struct status s;
	enum err e = status_ask(req, &s);
	if (e == ERR_OK)
		e = status_read(req, &s);
	if (e != ERR_OK) {
		status_free(&s);
		return e;
	}
	json_t *doc = status_doc(req, &s, 0);
	status_free(&s);
	const char *pattern = req->match.route->pattern;
	int xlsx = strstr(pattern, ".xlsx") != NULL, table = strstr(pattern, "table") != NULL;
	struct sheet_writer *w =
		sheet_writer_new(xlsx ? SHEET_XLSX : SHEET_CSV,
				 table ? "부서별 교육 구분별 이수" : "개인별 이수현황");
	char nums[KINDS + 4][24];
	size_t i;
	json_t *row;
	if (table) {
		const char *cells[KINDS + 2] = {"부서"};
		for (int k = 0; k < KINDS; k++)
			cells[k + 1] = courses_kinds[k].label;
		cells[KINDS + 1] = "계";
		sheet_writer_row(w, KINDS + 2, cells);
		json_array_foreach(json_object_get(doc, "by_department"), i, row)
		{
			cells[0] = json_string_value(json_object_get(row, "name"));
			for (int k = 0; k < KINDS; k++) {
				snprintf(nums[k], sizeof nums[k], "%lld",
					 (long long)row_int(
						 json_array_get(json_object_get(row, "kinds"),
								(size_t)k),
						 "n"));
				cells[k + 1] = nums[k];
			}
			snprintf(nums[KINDS], sizeof nums[KINDS], "%lld",
				 (long long)row_int(row, "completions"));
			cells[KINDS + 1] = nums[KINDS];
			sheet_writer_row(w, KINDS + 2, cells);
		}
	} else {
		const char *head[] = {"직원 번호",    "이름",	   "직급",     "부서",
				      "이수 과정 수", "이수 시간", "이수 과정"};
		sheet_writer_row(w, 7, head);
		json_array_foreach(json_object_get(doc, "persons"), i, row)
		{
			snprintf(nums[0], sizeof nums[0], "%lld",
				 (long long)row_int(row, "courses"));
			snprintf(nums[1], sizeof nums[1], "%lld", (long long)row_int(row, "hours"));
			const char *cells[] = {row_text(row, "employee_no"),
					       row_text(row, "name"),
					       row_text(row, "grade"),
					       row_text(row, "department"),
					       nums[0],
					       nums[1],
					       row_text(row, "titles")};
			sheet_writer_row(w, 7, cells);
		}
	}
	json_decref(doc);
	return crud_send_sheet(req, res, w, xlsx, table ? "course-status-table" : "course-status");
}

enum err courses_page_mine(struct request *req, struct response *res)
{
	static const char *const keys[] = {"#id",    "title",	     "kind",  "#year",
					   "status", "completed_on", "#hours"};
	struct db_conn *c = request_db(req);
	int64_t staff = mileage_staff_of_user(c, req->who.org_id, req->who.user_id);
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: one person's enrolments */ e.id, k.title, k.kind, "
			"k.year, e.status, COALESCE(e.completed_on, ''), e.hours FROM enrolments "
			"e JOIN courses k ON k.id = e.course_id WHERE e.staff_id = ? AND "
			"e.org_id = ? AND e.archived_at IS NULL ORDER BY k.year DESC, e.id DESC",
			"ii", staff, req->who.org_id),
		keys, 7);
	rows_choice_label(rows, "kind", courses_kinds);
	rows_choice_label(rows, "status", courses_statuses);
	int64_t n = 0, hours = 0;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) if (!strcmp(row_text(r, "status"), "completed"))
	{
		n++;
		hours += row_int(r, "hours");
	}
	res->doc = json_pack("{s:o, s:I, s:I, s:b, s:I}", "enrolments", rows, "completed",
			     (json_int_t)n, "hours", (json_int_t)hours, "on_staff", staff > 0,
			     "staff_id", (json_int_t)staff);
	return ERR_OK;
}

/* ---- the attendance sheet ---- */

static json_t *course_options(struct db_conn *c, int64_t org, int64_t selected)
{
	static const char *const keys[] = {"#id", "title", "#year"};
	json_t *rows = query_rows(db_preparef(c,
					      "SELECT /* bounded: the organisation's courses */ "
					      "id, title, year FROM courses WHERE org_id = ? AND "
					      "archived_at IS NULL ORDER BY year DESC, id",
					      "i", org),
				  keys, 3);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		json_object_set_new(r, "selected", json_boolean(row_int(r, "id") == selected));
	return rows;
}

enum err courses_page_attendance(struct request *req, struct response *res)
{
	char today[11];
	utc_today(today);
	res->doc = json_pack("{s:o, s:s}", "courses",
			     course_options(request_db(req), req->who.org_id, 0), "completed_on",
			     today);
	return ERR_OK;
}

static int keep_upload(struct request *req, const char *filename, const unsigned char *data,
		       size_t len, char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1], stale[24];
	token_new(token);
	token_hash(token, strlen(token), hash);
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64)
		return -1;
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	utc_now(-86400, stale);
	struct db_conn *c = request_db(req);
	int ok = db_run(c, NULL, "DELETE FROM import_uploads WHERE created_at < ?", "t", stale) ==
			 DB_OK &&
		 db_run(c, NULL,
			"INSERT INTO import_uploads (token_hash, org_id, user_id, kind, filename, "
			"data) VALUES (?, ?, ?, 'attendance', ?, ?)",
			"tiitt", hash, req->who.org_id, req->who.user_id, filename, b64) == DB_OK;
	free(b64);
	return ok ? 0 : -1;
}

static enum err take_upload(struct request *req, const char *token, unsigned char **data,
			    size_t *len, char *filename, size_t fnlen)
{
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(token, strlen(token), hash);
	struct db_conn *c = request_db(req);
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT filename, data FROM import_uploads WHERE token_hash "
			    "= ? AND user_id = ? AND kind = 'attendance'",
			    "ti", hash, req->who.user_id);
	*data = NULL;
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		const char *b64 = db_column_text(s, 1);
		size_t cap = strlen(b64);
		*data = malloc(cap + 1);
		snprintf(filename, fnlen, "%s", db_column_text(s, 0));
		if (*data && sodium_base642bin(*data, cap, b64, cap, NULL, len, NULL,
					       sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(*data);
			*data = NULL;
		}
	}
	db_finalize(s);
	if (rc < 0 || db_run(c, NULL, "DELETE FROM import_uploads WHERE token_hash = ?", "t",
			     hash) != DB_OK) {
		free(*data);
		*data = NULL;
		return ERR_DB_UNAVAILABLE;
	}
	return *data ? ERR_OK : ERR_GONE;
}

static void refuse(struct request *req, struct response *res, int64_t course, const char *on,
		   const char *msg)
{
	res->status = 422;
	res->doc = json_pack("{s:o, s:s, s:s}", "courses",
			     course_options(request_db(req), req->who.org_id, course),
			     "completed_on", on, "error", msg);
}

enum err courses_page_attendance_post(struct request *req, struct response *res)
{
	const char *confirm = request_form(req, "confirm"), *on = request_form(req, "completed_on"),
		   *course_text = request_form(req, "course_id");
	char *end;
	long long course = strtoll(course_text, &end, 10);
	if (!*course_text || *end || course <= 0) {
		refuse(req, res, 0, on, "이수 처리할 과정을 골라 주세요.");
		return ERR_OK;
	}
	if (!date_valid(on)) {
		refuse(req, res, course, on, "이수일은 2006-06-16처럼 올바른 날짜여야 합니다.");
		return ERR_OK;
	}
	const struct upload *file = NULL;
	for (size_t i = 0; i < req->files.n; i++)
		if (!strcmp(req->files.items[i].field, "file"))
			file = &req->files.items[i];
	char filename[256] = "";
	size_t len = 0;
	unsigned char *kept = NULL;
	const unsigned char *data = NULL;
	if (strlen(confirm) == TOKEN_LEN) {
		enum err e = take_upload(req, confirm, &kept, &len, filename, sizeof filename);
		if (e != ERR_OK)
			return e;
		data = kept;
	} else if (file && file->len) {
		data = file->data;
		len = file->len;
		snprintf(filename, sizeof filename, "%s", file->filename);
	} else {
		refuse(req, res, course, on, "출석부 파일(CSV 또는 XLSX)을 골라 주세요.");
		return ERR_OK;
	}
	struct attendance_report r;
	struct audit_actor who = request_actor(req);
	int dry = kept == NULL;
	enum err e = courses_attendance(request_db(req), &who, req->who.org_id, course, on, data,
					len, dry, &r);
	char token[TOKEN_LEN + 1] = "";
	if (dry && e == ERR_OK && keep_upload(req, filename, data, len, token) != 0)
		e = ERR_DB_UNAVAILABLE;
	free(kept);
	if (e == ERR_NOT_FOUND) {
		json_decref(r.problems);
		refuse(req, res, 0, on, "없는 과정입니다.");
		return ERR_OK;
	}
	if (e != ERR_OK && e != ERR_INVALID) {
		json_decref(r.problems);
		return e;
	}
	res->status = e == ERR_INVALID ? 422 : 200;
	res->doc = json_pack(
		"{s:o, s:s, s:I, s:s, s:I, s:I, s:I, s:I, s:o, s:b, s:b, s:b, s:s}", "courses",
		course_options(request_db(req), req->who.org_id, course), "completed_on", on,
		"course_id", (json_int_t)course, "filename", filename, "rows", (json_int_t)r.rows,
		"completed", (json_int_t)r.completed, "enrolled", (json_int_t)r.enrolled, "already",
		(json_int_t)r.already, "problems", r.problems, "preview", dry && e == ERR_OK,
		"done", !dry && e == ERR_OK, "has_problems", e == ERR_INVALID, "confirm", token);
	return ERR_OK;
}
