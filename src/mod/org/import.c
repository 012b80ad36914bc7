/* import.c: see import.h.  The file is read whole, every row checked with
 * the entity's own declaration (crud_convert), then written with statements
 * prepared once: two queries load what exists, whatever the file's size. */
#include "mod/org/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "crud/entity.h"
#include "db/db.h"
#include "mod/org/org.h"
#include "sheet/sheet.h"

/* A column the file may have: its field, and the header names it goes by. */
struct column {
	const char *field;    /* declared field, or "department" / "parent_code" */
	const char *names[8]; /* accepted headers, compared without spaces, any case */
};

static const struct column staff_columns[] = {
	{"employee_no",
	 {"직원번호", "사번", "공무원번호", "개인번호", "employee_no", "employeenumber", "empno",
	  NULL}},
	{"name", {"이름", "성명", "name", NULL}},
	{"grade", {"직급", "grade", NULL}},
	{"position", {"직위", "직책", "position", NULL}},
	{"department", {"부서", "부서명", "소속", "department", NULL}},
	{"department_code", {"부서코드", "departmentcode", "deptcode", NULL}},
	{"phone", {"전화", "전화번호", "연락처", "phone", NULL}},
	{"email", {"전자우편", "이메일", "email", "e-mail", NULL}},
	{"active", {"재직", "재직여부", "active", NULL}},
};

static const struct column department_columns[] = {
	{"code", {"부서코드", "code", "departmentcode", NULL}},
	{"name", {"부서명", "부서", "name", NULL}},
	{"kind", {"구분", "종류", "kind", NULL}},
	{"parent_code", {"상위부서코드", "상위부서", "parentcode", "parent", NULL}},
	{"sort_order", {"순서", "정렬순서", "sortorder", "order", NULL}},
};

/* Which file column each known column is in (-1: absent). */
static void map_columns(const struct sheet_table *t, const struct column *cols, size_t n, int *at)
{
	for (size_t c = 0; c < n; c++)
		at[c] = sheet_table_column(t, cols[c].names);
}

static void problem(struct import_report *out, size_t line, const char *field, const char *msg)
{
	json_array_append_new(out->problems, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line,
						       "field", field, "message", msg));
}

/* name → id and code → id of the organisation's departments, with paths. */
struct depts {
	json_t *by_name; /* {"혁신기획담당관": id} */
	json_t *by_code; /* {"D01": id} */
	json_t *path;	 /* {"id": "/3/17/"} */
};

static int load_depts(struct db_conn *c, int64_t org, struct depts *d)
{
	d->by_name = json_object();
	d->by_code = json_object();
	d->path = json_object();
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT id, name, code, path FROM departments WHERE org_id = "
			    "? AND archived_at IS NULL",
			    "i", org);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)db_column_int(s, 0));
		json_object_set_new(d->by_name, db_column_text(s, 1),
				    json_integer(db_column_int(s, 0)));
		if (db_column_text(s, 2))
			json_object_set_new(d->by_code, db_column_text(s, 2),
					    json_integer(db_column_int(s, 0)));
		json_object_set_new(d->path, id, json_string(db_column_text(s, 3)));
	}
	db_finalize(s);
	return rc == DB_OK ? 0 : -1;
}

static void depts_free(struct depts *d)
{
	json_decref(d->by_name);
	json_decref(d->by_code);
	json_decref(d->path);
}

/* The cell of column c in row r, or NULL when the file has no such column. */
static const char *cell(const struct sheet_table *t, size_t r, const int *at, size_t c)
{
	return at[c] < 0 ? NULL : t->rows[r][at[c]];
}

/* Converts a cell with field f's rules; a JSON null for an empty cell. */
static json_t *value_of(const struct entity *e, const char *field, const char *text,
			struct import_report *out, size_t line)
{
	const struct field *f = entity_field(e, field);
	const char *why = NULL;
	json_t *raw = json_string(text), *v = crud_convert(f, raw, &why);
	json_decref(raw);
	if (!v) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s: %s", f->label, why);
		problem(out, line, field, msg);
	} else if (json_is_null(v) && (f->flags & FL_REQUIRED)) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s: 꼭 입력해야 합니다.", f->label);
		problem(out, line, field, msg);
	}
	return v;
}

/* "지방행정주사(6급)" → "6급"; other texts unchanged. */
static const char *grade_text(const char *s, char *buf, size_t len)
{
	const char *g = strstr(s, "급");
	if (g && g > s && g[-1] >= '4' && g[-1] <= '9') {
		snprintf(buf, len, "%c급", g[-1]);
		return buf;
	}
	return s;
}

static const char *const yes_words[] = {"1", "y", "Y", "yes", "예", "재직", "true", NULL};
static const char *const no_words[] = {"0",    "n",    "N",	"no", "아니오",
				       "퇴직", "휴직", "false", NULL};

static int one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return 1;
	return 0;
}

static json_t *check_staff_row(const struct sheet_table *t, size_t r, const int *at,
			       const struct depts *d, struct import_report *out)
{
	const struct entity *e = &org_staff;
	size_t line = t->lines[r];
	json_t *v = json_object();
	static const char *const plain[] = {"employee_no", "name", "position", "phone", "email"};
	for (size_t i = 0; i < 5; i++) {
		size_t c = i == 0 ? 0 : i == 1 ? 1 : i == 2 ? 3 : i == 3 ? 6 : 7;
		const char *text = cell(t, r, at, c);
		json_t *x = text ? value_of(e, plain[i], text, out, line) : NULL;
		if (x)
			json_object_set_new(v, plain[i], x);
	}
	char gbuf[16];
	const char *grade = cell(t, r, at, 2);
	json_t *g =
		value_of(e, "grade", grade_text(grade ? grade : "", gbuf, sizeof gbuf), out, line);
	if (g)
		json_object_set_new(v, "grade", g);
	const char *active = cell(t, r, at, 8);
	if (active && *active) {
		int yes = one_of(active, yes_words), no = one_of(active, no_words);
		if (!yes && !no)
			problem(out, line, "active",
				"재직: 예/아니오(또는 1/0, 재직/퇴직)로 적어 주세요.");
		json_object_set_new(v, "active", json_boolean(yes));
	} else {
		json_object_set_new(v, "active", json_true());
	}
	const char *code = cell(t, r, at, 5), *dname = cell(t, r, at, 4);
	json_t *dept = NULL;
	if (code && *code && !(dept = json_object_get(d->by_code, code)))
		problem(out, line, "department", "부서코드에 해당하는 부서가 없습니다.");
	else if (!dept && dname && *dname && !(dept = json_object_get(d->by_name, dname)))
		problem(out, line, "department", "부서명에 해당하는 부서가 없습니다.");
	json_object_set_new(v, "department_id", dept ? json_incref(dept) : json_null());
	return v;
}

static void progress_at(import_progress_fn *progress, void *ctx, size_t done, size_t total)
{
	if (progress && (done % 1000 == 0 || done == total))
		progress(ctx, done, total);
}

/* Binds the staff values in the order of the statements below. */
static void bind_staff(struct db_stmt *s, json_t *v, int first)
{
	static const char *const order[] = {"name",  "grade", "position", "department_id",
					    "phone", "email", "active"};
	for (int i = 0; i < 7; i++) {
		json_t *x = json_object_get(v, order[i]);
		if (json_is_integer(x))
			db_bind_int(s, first + i, json_integer_value(x));
		else if (json_is_boolean(x))
			db_bind_int(s, first + i, json_is_true(x));
		else if (json_is_string(x))
			db_bind_text(s, first + i, json_string_value(x), json_string_length(x));
		else
			db_bind_null(s, first + i);
	}
}

static int write_staff(struct db_conn *c, int64_t org, json_t *rows, json_t *existing,
		       import_progress_fn *progress, void *ctx)
{
	char now[24];
	utc_now(0, now);
	struct db_stmt *ins = db_prepare(
		c, "INSERT INTO staff (name, grade, position, department_id, phone, email, active, "
		   "org_id, employee_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	struct db_stmt *upd = db_prepare(
		c,
		"UPDATE staff SET name = ?, grade = ?, position = ?, department_id = ?, phone = ?, "
		"email = ?, active = ?, archived_at = NULL, updated_at = ? WHERE org_id = ? AND "
		"employee_no = ?");
	int ok = ins && upd;
	size_t i, total = json_array_size(rows);
	json_t *v;
	json_array_foreach(rows, i, v)
	{
		if (!ok)
			break;
		const char *empno = json_string_value(json_object_get(v, "employee_no"));
		int update = json_object_get(existing, empno) != NULL;
		struct db_stmt *s = update ? upd : ins;
		bind_staff(s, v, 1);
		int k = 8;
		if (update)
			db_bind_text(s, k++, now, strlen(now));
		db_bind_int(s, k++, org);
		db_bind_text(s, k, empno, strlen(empno));
		ok = db_step(s) == DB_OK;
		progress_at(progress, ctx, i + 1, total);
	}
	db_finalize(ins);
	db_finalize(upd);
	return ok ? 0 : -1;
}

static json_t *existing_keys(struct db_conn *c, const char *sql, int64_t org)
{
	json_t *keys = json_object();
	struct db_stmt *s = db_preparef(c, sql, "i", org);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW)
		json_object_set_new(keys, db_column_text(s, 0), json_integer(db_column_int(s, 1)));
	db_finalize(s);
	if (rc != DB_OK) {
		json_decref(keys);
		return NULL;
	}
	return keys;
}

static enum err import_staff(struct db_conn *c, int64_t org, const struct sheet_table *t,
			     int dry_run, struct import_report *out, json_t **rows_out,
			     import_progress_fn *progress, void *ctx)
{
	int at[9];
	map_columns(t, staff_columns, 9, at);
	for (size_t c2 = 0; c2 < 3; c2++)
		if (at[c2] < 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "첫 줄에 '%s' 열이 없습니다.",
				 staff_columns[c2].names[0]);
			problem(out, 1, staff_columns[c2].field, msg);
		}
	if (json_array_size(out->problems))
		return ERR_INVALID;
	struct depts d;
	json_t *existing =
		existing_keys(c, "SELECT employee_no, id FROM staff WHERE org_id = ?", org);
	if (!existing || load_depts(c, org, &d) != 0) {
		json_decref(existing);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *rows = json_array(), *seen = json_object();
	for (size_t r = 0; r < t->n; r++) {
		json_t *v = check_staff_row(t, r, at, &d, out);
		const char *empno = json_string_value(json_object_get(v, "employee_no"));
		if (empno && json_object_get(seen, empno))
			problem(out, t->lines[r], "employee_no",
				"같은 직원 번호가 파일에 두 번 있습니다.");
		else if (empno)
			json_object_set_new(seen, empno, json_true());
		if (empno && json_object_get(existing, empno))
			out->updated++;
		else
			out->created++;
		json_array_append_new(rows, v);
	}
	depts_free(&d);
	json_decref(seen);
	enum err e = json_array_size(out->problems) ? ERR_INVALID : ERR_OK;
	if (e == ERR_OK && !dry_run && write_staff(c, org, rows, existing, progress, ctx) != 0)
		e = ERR_DB_UNAVAILABLE;
	json_decref(existing);
	*rows_out = rows;
	return e;
}

static enum err import_departments(struct db_conn *c, int64_t org, const struct sheet_table *t,
				   int dry_run, struct import_report *out)
{
	int at[5];
	map_columns(t, department_columns, 5, at);
	if (at[0] < 0 || at[1] < 0) {
		problem(out, 1, at[0] < 0 ? "code" : "name",
			"첫 줄에 '부서코드'와 '부서명' 열이 있어야 합니다.");
		return ERR_INVALID;
	}
	struct depts d;
	if (load_depts(c, org, &d) != 0)
		return ERR_DB_UNAVAILABLE;
	int ok = 1;
	for (size_t r = 0; r < t->n && ok; r++) {
		size_t line = t->lines[r];
		json_t *code = value_of(&org_departments, "code", cell(t, r, at, 0), out, line);
		json_t *name = value_of(&org_departments, "name", cell(t, r, at, 1), out, line);
		const char *kind_text = cell(t, r, at, 2);
		json_t *kind =
			value_of(&org_departments, "kind",
				 kind_text && *kind_text ? kind_text : "division", out, line);
		const char *parent = cell(t, r, at, 3);
		json_t *pid = parent && *parent ? json_object_get(d.by_code, parent) : NULL;
		if (parent && *parent && !pid)
			problem(out, line, "parent_id",
				"상위부서코드가 파일의 앞줄이나 기존 부서에 없습니다.");
		int valid = code && name && kind && json_is_string(code) && json_is_string(name);
		const char *c_code = valid ? json_string_value(code) : "";
		int exists = valid && json_object_get(d.by_code, c_code);
		out->created += !exists;
		out->updated += exists;
		if (valid && !dry_run && !json_array_size(out->problems)) {
			char path[512] = "/", parent_id[24] = "";
			if (pid)
				snprintf(parent_id, sizeof parent_id, "%lld",
					 (long long)json_integer_value(pid));
			if (pid) {
				char key[24];
				snprintf(key, sizeof key, "%lld",
					 (long long)json_integer_value(pid));
				snprintf(path, sizeof path, "%s%s/",
					 json_string_value(json_object_get(d.path, key)), key);
			}
			ok = (exists ? db_run(c, NULL,
					      "UPDATE departments SET name = ?, kind = ?, "
					      "parent_id = ?, "
					      "path = ?, archived_at = NULL WHERE org_id = ? AND "
					      "code = ?",
					      "ttttit", json_string_value(name),
					      json_string_value(kind), pid ? parent_id : NULL, path,
					      org, c_code)
				     : db_run(c, NULL,
					      "INSERT INTO departments (name, kind, parent_id, "
					      "path, "
					      "org_id, code) VALUES (?, ?, ?, ?, ?, ?)",
					      "ttttit", json_string_value(name),
					      json_string_value(kind), pid ? parent_id : NULL, path,
					      org, c_code)) == DB_OK;
			int found;
			int64_t id =
				db_int(c, &found, 0,
				       "SELECT id FROM departments WHERE org_id = ? AND code = ?",
				       "it", org, c_code);
			ok = ok && found == DB_ROW;
			char key[24];
			snprintf(key, sizeof key, "%lld", (long long)id);
			json_object_set_new(d.by_code, c_code, json_integer(id));
			json_object_set_new(d.path, key, json_string(path));
		} else if (valid) {
			json_object_set_new(d.by_code, c_code, json_integer(-1));
		}
		json_decref(code);
		json_decref(name);
		json_decref(kind);
	}
	depts_free(&d);
	if (!ok)
		return ERR_DB_UNAVAILABLE;
	return json_array_size(out->problems) ? ERR_INVALID : ERR_OK;
}

enum err import_open(const void *data, size_t len, struct sheet_table *t, struct import_report *out)
{
	memset(out, 0, sizeof *out);
	out->problems = json_array();
	char detail[256] = "";
	enum sheet_err se = sheet_table_read(data, len, t, detail, sizeof detail);
	if (se == SHEET_OK && t->width)
		return ERR_OK;
	char msg[400];
	snprintf(msg, sizeof msg, "%s%s%s", se != SHEET_OK ? sheet_strerror(se) : "빈 파일입니다.",
		 detail[0] ? " " : "", detail);
	problem(out, 0, "file", msg);
	sheet_table_free(t);
	return ERR_INVALID;
}

enum err org_import(struct db_conn *c, const struct audit_actor *by, int64_t org_id,
		    enum import_kind kind, const void *data, size_t len, int dry_run,
		    struct import_report *out, import_progress_fn *progress, void *ctx)
{
	struct sheet_table t;
	if (import_open(data, len, &t, out) != ERR_OK)
		return ERR_INVALID;
	out->rows = t.n;
	int write = !dry_run;
	if (write && db_begin(c) != DB_OK) {
		sheet_table_free(&t);
		return ERR_DB_UNAVAILABLE;
	}
	json_t *rows = NULL;
	enum err e = kind == IMPORT_STAFF
			     ? import_staff(c, org_id, &t, dry_run, out, &rows, progress, ctx)
			     : import_departments(c, org_id, &t, dry_run, out);
	json_decref(rows);
	sheet_table_free(&t);
	if (!write)
		return e;
	json_t *diff =
		json_pack("{s:[n,I], s:[n,I], s:[n,I]}", "rows", (json_int_t)out->rows, "created",
			  (json_int_t)out->created, "updated", (json_int_t)out->updated);
	if (e == ERR_OK &&
	    (audit_append(c, by, "import", kind == IMPORT_STAFF ? "staff" : "departments", NULL,
			  diff) != 0 ||
	     db_commit(c) != DB_OK))
		e = ERR_DB_UNAVAILABLE;
	json_decref(diff);
	if (e != ERR_OK)
		db_rollback(c);
	return e;
}
