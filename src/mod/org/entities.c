/*
 * entities.c: the declarations of departments and staff.  Who may do what:
 * every member of staff reads both; the organisation's administrators write
 * them (imports included); a department manager edits the staff of their
 * own department subtree.
 */
#include "mod/org/org.h"

#include <stdio.h>
#include <string.h>

#include "auth/role.h"
#include "core/buf.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"

const struct choice org_department_kinds[] = {
	{"bureau", "국", "Bureau"},  {"division", "과·담당관·보건소", "Division"},
	{"team", "팀·담당", "Team"}, {"dong", "동 주민센터", "Neighbourhood office"},
	{"other", "기타", "Other"},  {NULL, NULL, NULL},
};

static const struct field department_fields[] = {
	{"name", "부서명", "Name", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_REQUIRED,
	 1, 50, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, FL_LIST | FL_FILTER | FL_SORT | FL_EXPORT | FL_REQUIRED,
	 0, 0, org_department_kinds, NULL},
	{"parent_id", "상위 부서", "Parent", F_REF, FL_LIST | FL_FILTER | FL_EXPORT, 0, 0, NULL,
	 "departments"},
	{"code", "부서 코드", "Code", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT, 1, 20,
	 NULL, NULL},
	{"sort_order", "정렬 순서", "Order", F_INT, FL_SORT, 0, 100000, NULL, NULL},
};

/* The department's full path, its own id included ("/3/17/"), or "" if
 * none; ERR_DB_UNAVAILABLE when it cannot be read. */
static enum err full_path(struct db_conn *c, int64_t org, int64_t id, char *out, size_t len)
{
	struct db_stmt *s = db_preparef(
		c, "SELECT path FROM departments WHERE id = ? AND org_id = ?", "ii", id, org);
	out[0] = '\0';
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW)
		snprintf(out, len, "%s%lld/", db_column_text(s, 0), (long long)id);
	db_finalize(s);
	return rc < 0 ? ERR_DB_UNAVAILABLE : ERR_OK;
}

/* A department's path follows its parent, and its subtree's paths follow
 * it when it moves; no department may sit under itself; one with live
 * sub-departments or staff is not archived. */
static enum err department_before(struct request *req, const struct entity *e, int64_t id,
				  const json_t *row, json_t *values, json_t *errors)
{
	struct db_conn *c = request_db(req);
	int64_t org = req->who.org_id;
	if (!values) {
		int rc;
		int64_t busy =
			db_int(c, &rc, 0,
			       "SELECT (SELECT COUNT(*) FROM departments WHERE parent_id = ? AND "
			       "archived_at IS NULL) + (SELECT COUNT(*) FROM staff WHERE "
			       "department_id = ? AND archived_at IS NULL)",
			       "ii", id, id);
		if (rc == DB_ERR)
			return ERR_DB_UNAVAILABLE;
		if (busy)
			json_object_set_new(errors, "id",
					    json_string("하위 부서나 직원이 있는 부서는 보관할 수 "
							"없습니다. 먼저 옮겨 주세요."));
		return ERR_OK;
	}
	json_t *parent = json_object_get(values, "parent_id");
	if (!parent)
		return ERR_OK; /* an update that leaves the parent as it is */
	char path[512] = "/", mine[32];
	if (json_is_integer(parent) &&
	    full_path(c, org, json_integer_value(parent), path, sizeof path) != ERR_OK)
		return ERR_DB_UNAVAILABLE;
	snprintf(mine, sizeof mine, "/%lld/", (long long)id);
	if (id && strstr(path, mine)) {
		json_object_set_new(
			errors, "parent_id",
			json_string("자기 자신이나 하위 부서를 상위 부서로 둘 수 없습니다."));
		return ERR_OK;
	}
	json_object_set_new(values, "path", json_string(path[0] ? path : "/"));
	if (!id)
		return ERR_OK;
	char old_full[512], new_full[560];
	if (full_path(c, org, id, old_full, sizeof old_full) != ERR_OK)
		return ERR_DB_UNAVAILABLE;
	if (!old_full[0])
		return ERR_NOT_FOUND;
	snprintf(new_full, sizeof new_full, "%s%lld/", path[0] ? path : "/", (long long)id);
	int rc =
		db_run(c, NULL,
		       "UPDATE departments SET path = ? || substr(path, ?) WHERE org_id = ? AND "
		       "path LIKE ?",
		       "tiit", new_full, (int64_t)strlen(old_full) + 1, org, strcat(old_full, "%"));
	(void)row;
	(void)e;
	return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
}

const struct entity org_departments = {
	.name = "departments",
	.table = "departments",
	.label = "부서",
	.label_en = "Departments",
	.title_field = "name",
	.default_sort = "sort_order",
	.fields = department_fields,
	.n_fields = sizeof department_fields / sizeof department_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN,
	.scope_field = NULL,
	.before_write = department_before,
};

const struct choice org_grades[] = {
	{"g4", "4급", "Grade 4"},
	{"g5", "5급", "Grade 5"},
	{"g6", "6급", "Grade 6"},
	{"g7", "7급", "Grade 7"},
	{"g8", "8급", "Grade 8"},
	{"g9", "9급", "Grade 9"},
	{"research", "연구직", "Research"},
	{"technical", "기능직", "Technical"},
	{"contract", "계약직", "Contract"},
	{"other", "기타", "Other"},
	{NULL, NULL, NULL},
};

static const struct field staff_fields[] = {
	{"employee_no", "직원 번호", "Employee no.", F_TEXT,
	 FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_REQUIRED, 1, 20, NULL, NULL},
	{"name", "이름", "Name", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_REQUIRED, 1,
	 50, NULL, NULL},
	{"grade", "직급", "Grade", F_CHOICE,
	 FL_LIST | FL_FILTER | FL_SORT | FL_EXPORT | FL_REQUIRED, 0, 0, org_grades, NULL},
	{"position", "직위", "Position", F_TEXT, FL_LIST | FL_SEARCH | FL_EXPORT, 0, 30, NULL,
	 NULL},
	{"department_id", "부서", "Department", F_REF, FL_LIST | FL_FILTER | FL_EXPORT, 0, 0, NULL,
	 "departments"},
	{"phone", "전화", "Phone", F_PHONE, FL_EXPORT | FL_PERSONAL, 0, 20, NULL, NULL},
	{"email", "전자우편", "E-mail", F_EMAIL, FL_EXPORT | FL_PERSONAL, 0, 100, NULL, NULL},
	{"active", "재직", "Active", F_BOOL, FL_LIST | FL_FILTER | FL_EXPORT, 0, 1, NULL, NULL},
	{"user_id", "계정", "Account", F_REF, FL_FILTER, 0, 0, NULL, "accounts"},
};

/* Which account is whose decides whose mileage a person earns: only an
 * administrator links them.  A validate hook cannot answer a database
 * error, so a check that could not be made refuses the account field. */
static void staff_validate(struct request *req, const struct entity *e, int64_t id, json_t *values,
			   json_t *errors)
{
	static const char unchecked[] = "계정 연결을 확인하지 못했습니다. 잠시 후 다시 해 주세요.";
	json_t *user = json_object_get(values, "user_id");
	int rc = DB_ROW;
	int64_t now =
		id ? db_int(request_db(req), &rc, 0,
			    "SELECT COALESCE(user_id, 0) FROM staff WHERE id = ? AND org_id = ?",
			    "ii", id, req->who.org_id)
		   : 0;
	if (user && rc == DB_ERR) {
		json_object_set_new(errors, "user_id", json_string(unchecked));
		return;
	}
	if (user && req->who.role != ROLE_ADMIN && json_integer_value(user) != now) {
		json_object_set_new(errors, "user_id",
				    json_string("계정 연결은 기관 관리자만 할 수 있습니다."));
		return;
	}
	struct db_stmt *s =
		json_is_integer(user)
			? db_preparef(request_db(req),
				      "SELECT name FROM staff WHERE user_id = ? AND id <> ? AND "
				      "org_id = ?",
				      "iii", json_integer_value(user), id, req->who.org_id)
			: NULL;
	rc = json_is_integer(user) ? (s ? db_step(s) : DB_ERR) : DB_OK;
	if (rc == DB_ROW) {
		char message[200];
		snprintf(message, sizeof message, "이 계정은 이미 %s 님과 연결되어 있습니다.",
			 db_column_text(s, 0));
		json_object_set_new(errors, "user_id", json_string(message));
	} else if (rc < 0) {
		json_object_set_new(errors, "user_id", json_string(unchecked));
	}
	db_finalize(s);
}

const struct entity org_staff = {
	.name = "staff",
	.table = "staff",
	.label = "직원",
	.label_en = "Staff",
	.title_field = "name",
	.default_sort = "name",
	.fields = staff_fields,
	.n_fields = sizeof staff_fields / sizeof staff_fields[0],
	.allow_read = ALLOW_STAFF,
	.allow_write = ALLOW_ADMIN | ROLE_BIT(ROLE_MANAGER),
	.scope_field = "department_id",
	.validate = staff_validate,
};

int org_subtree(struct db_conn *c, int64_t org, int64_t dept, char lo[ORG_PATH_MAX],
		char hi[ORG_PATH_MAX], char *name, size_t name_len)
{
	struct db_stmt *s =
		db_preparef(c, "SELECT path, name FROM departments WHERE id = ? AND org_id = ?",
			    "ii", dept, org);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		const char *path = db_column_text(s, 0);
		snprintf(lo, ORG_PATH_MAX, "%s%lld/", path, (long long)dept);
		snprintf(hi, ORG_PATH_MAX, "%s%lld0", path, (long long)dept);
		if (name)
			snprintf(name, name_len, "%s", db_column_text(s, 1));
	}
	db_finalize(s);
	return rc == DB_ROW ? 1 : rc == DB_OK ? 0 : -1;
}

enum err org_filter_read(struct request *req, const char *name, struct org_filter *f)
{
	*f = (struct org_filter){.org = req->who.org_id, .dept = request_query_int(req, name, 0)};
	if (!f->dept)
		return ERR_OK;
	int found = org_subtree(request_db(req), f->org, f->dept, f->lo, f->hi, f->name,
				sizeof f->name);
	return found > 0 ? ERR_OK : found < 0 ? ERR_DB_UNAVAILABLE : ERR_NOT_FOUND;
}

void org_filter_mine(const struct principal *p, struct org_filter *f)
{
	*f = (struct org_filter){.org = p->org_id};
	if (p->role != ROLE_MANAGER || !p->department_id)
		return;
	f->dept = p->department_id;
	snprintf(f->lo, sizeof f->lo, "%s", p->dept_lo ? p->dept_lo : "");
	snprintf(f->hi, sizeof f->hi, "%s", p->dept_hi ? p->dept_hi : "");
}

void org_filter_sql(const struct org_filter *f, const char *column, struct buf *sql, json_t *binds)
{
	if (!f->dept)
		return;
	buf_printf(sql, " AND %s IN " DEPT_SUBTREE, column);
	json_array_append_new(binds, json_integer(f->dept));
	json_array_append_new(binds, json_integer(f->org));
	json_array_append_new(binds, json_string(f->lo));
	json_array_append_new(binds, json_string(f->hi));
}

json_t *org_unit_options(struct db_conn *c, int64_t org, int64_t selected,
			 const char *const keys[2])
{
	/* Two ranges of departments_by_kind, merged in order: with
	 * "kind IN ('bureau', 'division')" SQLite built a temporary table for
	 * the list on every run (a tenth of a search request's time). */
	json_t *rows = query_rows(
		db_preparef(
			c,
			"SELECT /* bounded: the bureaus and divisions, each an option */ id, "
			"name, kind, sort_order FROM departments WHERE org_id = ? "
			"AND archived_at IS NULL AND kind = 'bureau' UNION ALL SELECT id, name, "
			"kind, sort_order FROM departments WHERE org_id = ? AND archived_at IS "
			"NULL AND kind = 'division' ORDER BY 3, 4, 1",
			"ii", org, org),
		keys, 2);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) json_object_set_new(
		row, "selected",
		json_boolean(json_integer_value(json_object_get(
				     row, keys[0] + (keys[0][0] == '#'))) == selected));
	return rows;
}

int org_year_shown(struct request *req, const char *table)
{
	int year = (int)request_query_int(req, "year", 0);
	if (year)
		return year;
	char sql[192];
	snprintf(sql, sizeof sql,
		 "SELECT CAST(SUBSTR(MAX(held_on), 1, 4) AS INTEGER) FROM %s WHERE org_id = ? "
		 "AND archived_at IS NULL",
		 table);
	int rc;
	year = (int)db_int(request_db(req), &rc, 0, sql, "i", req->who.org_id);
	if (rc == DB_ERR)
		return 0;
	return year ? year : utc_year();
}

json_t *org_year_options(int selected)
{
	json_t *years = json_array();
	for (int y = utc_year(); y >= 2006; y--) {
		json_t *o = json_object();
		json_object_set_new_nocheck(o, "value", json_integer(y));
		json_object_set_new_nocheck(o, "selected", json_boolean(y == selected));
		json_array_append_new(years, o);
	}
	return years;
}
