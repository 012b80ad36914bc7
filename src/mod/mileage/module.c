/* module.c: the innovation-mileage module as the application lists it
 * (crud/module.h), and what it asks of a person on the home page. */
#include <stdlib.h>

#include "auth/role.h"
#include "core/clock.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/mileage/mileage.h"
#include "mod/org/org.h"

static const struct entity *const entities[] = {&mileage_rules, &mileage_entries, &mileage_mvps,
						&mileage_rewards, NULL};

static const struct choice by_choices[] = {
	{"staff", "개인", "People"}, {"dept", "부서", "Departments"}, {NULL, NULL, NULL}};

static const struct query_param mine_params[] = {
	{"period", "기간", P_PERIOD, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 100000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param leaderboard_params[] = {
	{"period", "기간", P_PERIOD, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 100000, NULL},
	{"by", "대상", P_CHOICE, 0, 0, by_choices},
	{"level", "부서 단위", P_CHOICE, 0, 0, org_department_kinds},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param bulk_params[] = {
	{"done", "부여한 사람 수", P_INT, 0, 10000000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param mvp_params[] = {
	{"period", "기간", P_PERIOD, 0, 0, NULL},
	{"n", "후보 수", P_INT, 1, 100, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/mileage-entries/mine", mileage_page_mine, "mileage/mine", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "내 마일리지: 기간별 점수와 순위, 적립 내역 (실적으로 가는 링크)", NULL,
	 mine_params},
	{"GET", "/mileage-entries/leaderboard", mileage_page_leaderboard, "mileage/leaderboard",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "마일리지 순위: 개인·부서별, 월·연·누적 (그 기간의 점수로, 동점은 같은 순위)", NULL,
	 leaderboard_params},
	{"GET", "/mileage-entries/bulk", mileage_page_bulk, "mileage/bulk", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_ADMIN, "마일리지 일괄 부여 화면 (직원 번호 붙여 넣기)", NULL, bulk_params},
	{"POST", "/mileage-entries/bulk", mileage_page_bulk_post, "mileage/bulk",
	 ROUTE_FORM | ROUTE_DB, ALLOW_ADMIN, "마일리지 일괄 부여 (전부 아니면 전무)", NULL, NULL},
	{"GET", "/mileage-rewards/mvps", mileage_page_mvps, "mileage/mvps", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_ADMIN, "혁신MVP 선정: 기간 상위 후보 (동점 포함)", NULL, mvp_params},
};

static const char *const award_options[] = {"org=", "points=", "on=", "reason=", NULL};
static const char *const take_options[] = {"org=", NULL};

static const struct module_command commands[] = {
	{"mileage", "award", award_options, 1,
	 "  mileage award FILE --points P --reason TEXT [--on YYYY-MM-DD] [--org CODE]\n"
	 "                     FILE의 직원 번호마다 혁신마일리지 부여 (bulk award)\n",
	 mileage_cli_award},
	{"mileage", "take", take_options, 0,
	 "  mileage take [--org CODE]\n"
	 "                     처리하지 않은 활동(도메인 이벤트)을 마일리지 기준에 따라 처리\n",
	 mileage_cli_take},
};

/* For an administrator: the latest past year in which people earned
 * points and whose MVPs are not confirmed yet (a year's MVPs are chosen
 * once it has ended). */
static enum err todo(struct request *req, json_t *out)
{
	const struct principal *p = &req->who;
	if (p->role != ROLE_ADMIN)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	char now[24];
	utc_now(0, now);
	int rc = DB_ROW;
	int64_t year = db_int(c, &rc, 0,
			      "SELECT MAX(b.period) FROM mileage_balances b WHERE b.org_id = ? AND "
			      "b.subject = 2 AND b.period >= 1900 AND b.period < ? AND b.points > "
			      "0 AND NOT EXISTS (SELECT 1 FROM mileage_mvps m WHERE m.org_id = "
			      "b.org_id AND m.period = CAST(b.period AS TEXT) AND m.archived_at IS "
			      "NULL)",
			      "ii", p->org_id, (int64_t)atoi(now));
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (year > 0)
		json_array_append_new(
			out,
			json_pack("{s:I, s:s, s:s}", "count", (json_int_t)1, "text",
				  arena_printf(&req->arena, "%lld년 혁신MVP 확정 대기",
					       (long long)year),
				  "href",
				  arena_printf(&req->arena, "/mileage-rewards/mvps?period=%lld",
					       (long long)year)));
	return ERR_OK;
}

static const struct module_area area = {"/mileage-entries/mine", "혁신마일리지",
					"Innovation mileage", "활동별 점수, 개인·부서 순위, MVP",
					NULL};

/* The leaderboards' statements, for the plan guard (crud_plans()). */
static const char *const plan_pages[] = {
	"/mileage-entries/leaderboard?period=2006",
	"/mileage-entries/leaderboard?period=2006&page=2",
	"/mileage-entries/leaderboard?period=2006&by=dept",
	"/mileage-entries/leaderboard?period=2006&by=dept&level=division",
	NULL,
};

const struct module mileage_module = {
	.name = "mileage",
	.label = "혁신마일리지",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.demo = mileage_demo_load,
	.rebuild = mileage_rebuild,
	.rebuild_what = "마일리지 합계",
	.commands = commands,
	.n_commands = COUNT_OF(commands),
	.todo = todo,
	.plan_pages = plan_pages,
};
