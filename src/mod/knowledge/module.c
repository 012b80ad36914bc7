/* module.c: the knowledge module as the application lists it
 * (crud/module.h), and what it asks of a person on the home page. */
#include "auth/role.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/knowledge/knowledge.h"

static const struct entity *const entities[] = {
	&knowledge_fields,   &knowledge_items,	    &knowledge_reviews, &knowledge_experts,
	&knowledge_criteria, &knowledge_monitoring, &knowledge_events,	NULL};

static const struct query_param search_params[] = {
	{"q", "검색어", P_TEXT, 0, 1000, NULL},
	{"field", "분야", P_ID, 0, 0, NULL},
	{"department", "부서", P_ID, 0, 0, NULL},
	{"kind", "종류", P_CHOICE, 0, 0, knowledge_kinds},
	{"status", "상태", P_CHOICE, 0, 0, knowledge_statuses},
	{"from", "시작일", P_DATE, 0, 0, NULL},
	{"to", "종료일", P_DATE, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 10000, NULL},
	{"part", "부분 일치도 보기", P_INT, 0, 1, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param monitoring_params[] = {
	{"from", "시작일", P_DATE, 0, 0, NULL},
	{"to", "종료일", P_DATE, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct route routes[] = {
	{"GET", "/knowledge", knowledge_page_home, "knowledge/home", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_STAFF, "지식관리 첫 화면: 이벤트, 우수지식, 새 지식, 알림", NULL, module_no_params},
	{"GET", "/knowledge/monitoring", knowledge_page_monitoring, "knowledge/monitoring",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF,
	 "지식활동 모니터링: 부서·개인별 등록, 심사, 우수지식, 조회", NULL, monitoring_params},
	{"GET", "/knowledge-items/search", knowledge_page_search, "knowledge/search",
	 ROUTE_PAGE | ROUTE_DB, ALLOW_STAFF, "지식 검색 (한글 두 글자 단어도 합성어 안에서 찾음)",
	 NULL, search_params},
};

static const struct choice events[] = {
	{"knowledge.registered", "지식 등록", "Knowledge registered (knowledge)"},
	{"knowledge.excellent", "우수지식 선정", "Knowledge rated excellent (knowledge)"},
	{NULL, NULL, NULL},
};

/* Open items (registered or under review): for an expert, those of their
 * fields that are not theirs and that they have not reviewed since the
 * item last changed; for an administrator, those awaiting a decision. */
static enum err todo(struct request *req, json_t *out)
{
	const struct principal *p = &req->who;
	if (p->role != ROLE_ADMIN && p->role != ROLE_EXPERT)
		return ERR_OK;
	struct db_conn *c = request_db(req);
	int rc = DB_ROW;
	int64_t n =
		p->role == ROLE_ADMIN
			? db_int(c, &rc, 0,
				 "SELECT COUNT(*) FROM knowledge_items WHERE org_id = ? AND "
				 "status IN " KNOWLEDGE_OPEN " AND archived_at IS NULL",
				 "i", p->org_id)
			: db_int(c, &rc, 0,
				 "SELECT COUNT(*) FROM knowledge_items k JOIN knowledge_experts x "
				 "ON x.field_id = k.field_id AND x.user_id = ? AND x.org_id = "
				 "k.org_id AND x.archived_at IS NULL WHERE k.org_id = ? AND "
				 "k.status IN " KNOWLEDGE_OPEN " AND k.archived_at IS NULL AND "
				 "k.author_user_id IS DISTINCT FROM ? AND NOT EXISTS "
				 "(" KNOWLEDGE_REVIEWED_SINCE ")",
				 "iiii", p->user_id, p->org_id, p->user_id, p->user_id);
	if (rc == DB_ERR)
		return ERR_DB_UNAVAILABLE;
	if (n > 0)
		json_array_append_new(
			out,
			json_pack("{s:I, s:s, s:s}", "count", (json_int_t)n, "text",
				  p->role == ROLE_ADMIN ? "채택 결정 대기 지식" : "심사 대기 지식",
				  "href",
				  p->role == ROLE_ADMIN ? "/knowledge-items?status=under_review"
							: "/knowledge-items?status=registered"));
	return ERR_OK;
}

static const struct module_area area = {"/knowledge", "지식관리", "Knowledge",
					"지식 등록, 지식전문가 심사, 우수지식 포상", NULL};

/* The search's statements (as pages.c and search.c build them, whatever they become), for the plan
 * guard (crud_plans()). */
static const char *const plan_pages[] = {
	"/knowledge-items/search?q=%ED%96%89%EC%A0%95%ED%98%81%EC%8B%A0",
	"/knowledge-items/search?q=%ED%98%81%EC%8B%A0&field=1&page=2",
	NULL,
};

const struct module knowledge_module = {
	.name = "knowledge",
	.label = "지식관리",
	.area = &area,
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.events = events,
	.demo = knowledge_demo_load,
	.rebuild = knowledge_reindex,
	.rebuild_what = "지식 검색 색인",
	.todo = todo,
	.plan_pages = plan_pages,
};
