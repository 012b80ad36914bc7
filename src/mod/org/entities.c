/*
 * entities.c: the declarations of departments and staff.  Who may do what:
 * every member of staff reads both; the organisation's administrators write
 * them (imports included); a department manager edits the staff of their
 * own department subtree.
 */
#include "mod/org/org.h"

#include "auth/role.h"

static const struct choice department_kinds[] = {
	{"bureau", "국", "Bureau"},  {"division", "과·담당관·보건소", "Division"},
	{"team", "팀·담당", "Team"}, {"dong", "동 주민센터", "Neighbourhood office"},
	{"other", "기타", "Other"},  {NULL, NULL, NULL},
};

static const struct field department_fields[] = {
	{"name", "부서명", "Name", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT | FL_REQUIRED,
	 1, 50, NULL, NULL},
	{"kind", "구분", "Kind", F_CHOICE, FL_LIST | FL_FILTER | FL_SORT | FL_EXPORT | FL_REQUIRED,
	 0, 0, department_kinds, NULL},
	{"parent_id", "상위 부서", "Parent", F_REF, FL_LIST | FL_FILTER | FL_EXPORT, 0, 0, NULL,
	 "departments"},
	{"code", "부서 코드", "Code", F_TEXT, FL_LIST | FL_SEARCH | FL_SORT | FL_EXPORT, 1, 20,
	 NULL, NULL},
	{"sort_order", "정렬 순서", "Order", F_INT, FL_SORT, 0, 100000, NULL, NULL},
};

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
	{"phone", "전화", "Phone", F_PHONE, FL_EXPORT, 0, 20, NULL, NULL},
	{"email", "전자우편", "E-mail", F_EMAIL, FL_EXPORT, 0, 100, NULL, NULL},
	{"active", "재직", "Active", F_BOOL, FL_LIST | FL_FILTER | FL_EXPORT, 0, 1, NULL, NULL},
};

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
};
