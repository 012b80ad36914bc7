/*
 * accounts.c: accounts as an entity, read-only, so that other entities can
 * refer to them (a knowledge field's experts) and administrators can list
 * and export them.  Accounts are made and changed by `innoland user add`
 * and the pages of admin.c, never through this declaration.
 */
#include "app/app.h"
#include "auth/role.h"
#include "crud/entity.h"

static const struct field account_fields[] = {
	{"login", "로그인", "Login", F_TEXT,
	 FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_READONLY, 1, 64, NULL, NULL},
	{"name", "이름", "Name", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_READONLY, 1,
	 50, NULL, NULL},
	{"role", "역할", "Role", F_CHOICE, FL_LIST | FL_FILTER | FL_SORT | FL_EXPORT | FL_READONLY,
	 0, 0, role_choices + ROLE_RESIDENT, NULL},
	{"department_id", "부서", "Department", F_REF,
	 FL_LIST | FL_FILTER | FL_EXPORT | FL_READONLY, 0, 0, NULL, "departments"},
};

const struct entity app_accounts = {
	.name = "accounts",
	.table = "users",
	.label = "계정",
	.label_en = "Accounts",
	.title_field = "name",
	.default_sort = "name",
	.fields = account_fields,
	.n_fields = sizeof account_fields / sizeof account_fields[0],
	.allow_read = ALLOW_ADMIN,
	.allow_write = 0,
};
