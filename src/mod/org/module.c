/* module.c: the organisation module as the application lists it
 * (crud/module.h): departments and staff, their import, the headcount. */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/org/cli.h"
#include "mod/org/demo.h"
#include "mod/org/org.h"

static const struct entity *const entities[] = {&org_departments, &org_staff, NULL};

static const struct route routes[] = {
	{"GET", "/staff/import", org_page_import, "org/import", ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN,
	 "직원 가져오기 (CSV·XLSX)", NULL, NULL},
	{"POST", "/staff/import", org_page_import_post, "org/import", ROUTE_FORM | ROUTE_DB,
	 ALLOW_ADMIN, "직원 가져오기: 미리보기와 확정", NULL, NULL},
	{"GET", "/departments/import", org_page_import, "org/import", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_ADMIN, "부서 가져오기 (CSV·XLSX)", NULL, NULL},
	{"POST", "/departments/import", org_page_import_post, "org/import", ROUTE_FORM | ROUTE_DB,
	 ALLOW_ADMIN, "부서 가져오기: 미리보기와 확정", NULL, NULL},
	{"GET", "/staff/headcount", org_page_headcount, "org/headcount", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "부서별 직급별 현원", NULL, module_no_params},
	{"GET", "/staff/headcount.csv", org_page_headcount_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "부서별 직급별 현원 CSV", NULL, module_no_params},
	{"GET", "/staff/headcount.xlsx", org_page_headcount_export, NULL, ROUTE_DB, ALLOW_STAFF,
	 "부서별 직급별 현원 XLSX", NULL, module_no_params},
};

static const char *const import_options[] = {"org=", "dry-run", NULL};

static const struct module_command commands[] = {
	{"import", "staff", import_options, 1,
	 "  import staff|departments FILE [--dry-run] [--org CODE]\n"
	 "                     인사 CSV·XLSX 가져오기, 문제 줄 보고 (bulk import)\n",
	 org_cli_import},
	{"import", "departments", import_options, 1, NULL, org_cli_import},
};

static const struct module_area area = {"/staff", "조직·직원", "Organisation",
					"부서와 직원, 직급별 현원, 인사자료 가져오기", NULL};

const struct module org_module = {
	.name = "org",
	.label = "조직·직원",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = org_demo_load,
	.commands = commands,
	.n_commands = COUNT_OF(commands),
};
