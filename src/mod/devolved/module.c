/* module.c: the devolved-affairs registry as the application lists it
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/devolved/devolved.h"

static const struct entity *const entities[] = {&devolved_affairs, &devolved_inspections,
						&devolved_checks, NULL};

static const struct query_param print_params[] = {
	{"department", "부서", P_ID, 0, 0, NULL},
	{"affair", "관리카드", P_ID, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct query_param todo_params[] = {
	{"department", "부서", P_ID, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 100000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/devolved", devolved_page_home, "devolved/home", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "지방이양사무: 추진상태별·부서별 관리카드 수와 일제 점검", NULL,
	 module_no_params},
	{"GET", "/devolved-affairs/print", devolved_page_print, "devolved/print",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "관리카드 인쇄: 한 장 또는 한 부서의 모든 카드, 카드마다 A4 한 쪽", NULL, print_params},
	{"GET", "/devolved-inspections/{id}/progress", devolved_page_progress, "devolved/progress",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "일제 점검의 부서별 진행과 보완이 필요하거나 아직 점검하지 않은 관리카드", NULL,
	 todo_params},
	{"GET", "/devolved-affairs/import", devolved_page_import, "devolved/import",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN, "지방이양사무 목록 가져오기 (CSV·XLSX)", NULL, NULL},
	{"POST", "/devolved-affairs/import", devolved_page_import_post, "devolved/import",
	 ROUTE_FORM | ROUTE_DB, ALLOW_ADMIN, "지방이양사무 목록 가져오기: 검사(dry run)와 저장",
	 NULL, NULL},
};

static const char *const import_options[] = {"org=", "dry-run", NULL};

static const struct module_command commands[] = {
	{"devolved", "import", import_options, 1,
	 "  devolved import FILE [--dry-run] [--org CODE]\n"
	 "                     지방이양사무 목록 CSV·XLSX 가져오기, 사무번호로 갱신 (devolved "
	 "affairs)\n",
	 devolved_cli_import},
};

static const struct module_area area = {"/devolved", "지방이양사무", "Devolved affairs",
					"관리카드, 조례·규칙 정비, 일제 점검, 부처 목록 가져오기",
					"/registries"};

static const char *const plan_pages[] = {
	"/devolved",
	"/devolved-affairs/print?department=2",
	"/devolved-affairs/print?affair=1",
	"/devolved-affairs/1",
	"/devolved-inspections/1",
	"/devolved-inspections/1/progress",
	"/devolved-inspections/1/progress?department=2&page=1",
	NULL,
};

const struct module devolved_module = {
	.name = "devolved",
	.label = "지방이양사무",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = devolved_demo_load,
	.commands = commands,
	.n_commands = COUNT_OF(commands),
	.plan_pages = plan_pages,
};
