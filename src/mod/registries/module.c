/* module.c: the registries as the application lists them
 * (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "mod/registries/registries.h"

static const struct entity *const entities[] = {&registries_publications, &registries_recognitions,
						&registries_forums, &registries_sessions, NULL};

static const struct route routes[] = {
	{"GET", "/registries", registries_page_home, "registries/home", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF,
	 "기록·대장: 간행물·홍보물, 수상·선정 실적, 포럼 참가와 회차의 건수와 최근 기록", NULL,
	 module_no_params},
};

static const struct module_area area = {"/registries", "기록·대장", "Registries",
					"혁신 간행물·홍보물, 수상·선정 실적, 포럼 참가 기록", NULL};

static const char *const plan_pages[] = {
	"/registries",
	NULL,
};

const struct module registries_module = {
	.name = "registries",
	.label = "기록·대장",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = registries_demo_load,
	.plan_pages = plan_pages,
};
