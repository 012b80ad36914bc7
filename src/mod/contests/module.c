/* module.c: the contests as the application lists them (crud/module.h). */
#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/contests/contests.h"

static const struct entity *const entities[] = {&contests_contests, &contests_criteria,
						&contests_entries,  &contests_judges,
						&contests_scores,   NULL};

static const struct route routes[] = {
	{"GET", "/contests/{id}/assignments", contests_page_assignments, "contests/assignments",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN,
	 "경진대회 심사 배정: 심사위원마다 출품작의 제척·회피와 그 사유", NULL, module_no_params},
	{"GET", "/contest-entries/{id}/certificate", contests_page_certificate,
	 "contests/certificate", ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "수상이 확정된 출품작의 상장 (인쇄용)", NULL, module_no_params},
	{"GET", "/contests/{id}/results", contests_page_results, "contests/results",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "경진대회 결과표 (인쇄용): 순위, 상, 심사표별 총점과 제외한 점수, 계산 과정", NULL,
	 module_no_params},
	{"GET", "/contests/{id}/results.xlsx", contests_page_results_export, NULL, ROUTE_DB,
	 ALLOW_STAFF, "경진대회 결과와 순위 XLSX (계산 과정 포함)", NULL, module_no_params},
	{"GET", "/contests/{id}/sheets.xlsx", contests_page_sheets_export, NULL, ROUTE_DB,
	 ALLOW_ADMIN, "경진대회 심사표 XLSX (정정 전 판 포함)", NULL, module_no_params},
};

static const struct choice events[] = {
	{"contest.entered", "경진대회 참여", "Entered a contest (contests)"},
	{"contest.awarded", "경진대회 수상", "Won an award in a contest (contests)"},
	{NULL, NULL, NULL},
};

/* A judge's entries still to score: those of open contests it is assigned
 * (user_assignments: not excluded) with no sheet of its and no recusal. */
static enum err todo(struct request *req, json_t *out)
{
	int rc;
	int64_t n = db_int(
		request_db(req), &rc, 0,
		"SELECT COUNT(*) FROM user_assignments a JOIN contest_entries e ON e.id = "
		"a.record_id AND e.archived_at IS NULL JOIN contests k ON k.id = "
		"e.contest_id AND k.status = 'open' AND k.org_id = ? JOIN contest_judges j ON "
		"j.contest_id = k.id AND j.archived_at IS NULL AND (j.user_id = a.user_id OR "
		"j.staff_id = (SELECT id FROM staff WHERE user_id = a.user_id)) WHERE "
		"a.user_id = ? AND a.entity = 'contest-entries' AND NOT EXISTS (SELECT 1 FROM "
		"contest_scores s WHERE s.entry_id = e.id AND s.judge_id = j.id) AND NOT EXISTS "
		"(SELECT 1 FROM contest_recusals r WHERE r.entry_id = e.id AND r.judge_id = "
		"j.id)",
		"ii", req->who.org_id, req->who.user_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (n > 0)
		json_array_append_new(out, json_pack("{s:I, s:s, s:s}", "count", (json_int_t)n,
						     "text", "심사할 경진대회 출품작", "href",
						     "/contest-entries"));
	return ERR_OK;
}

static const struct module_area area = {"/contests", "경진대회", "Contests",
					"우수사례·브랜드·동아리·업무혁신 경진대회, 심사와 시상",
					NULL};

static const char *const plan_pages[] = {
	"/contests/1",
	"/contest-entries/1",
	"/contests/1/assignments",
	"/contests/1/results",
	"/contest-entries/1/certificate",
	NULL,
};

const struct module contests_module = {
	.name = "contests",
	.label = "경진대회",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.events = events,
	.demo = contests_demo_load,
	.todo = todo,
	.plan_pages = plan_pages,
};
