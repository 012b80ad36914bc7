/*
 * routes.c: the one place listing every route of InnoLand, with who may use
 * it.  Each page route also answers under /api/v1 in JSON (see
 * http/dispatch.c); the gate checks what a route declares (body, roles,
 * CSRF) before its handler runs.  Modules add their route sets here as they
 * arrive.  `innoland routes` prints this table.
 */
#include <pthread.h>
#include <string.h>

#include "app/app.h"
#include "app/pages.h"
#include "auth/account.h"
#include "auth/role.h"
#include "core/xalloc.h"
#include "crud/crud.h"
#include "http/assets.h"
#include "mod/org/org.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"
#include "mod/tasks/tasks.h"

#define PAGE ROUTE_PAGE
#define FORM (ROUTE_PAGE | ROUTE_BODY)
#define OPEN ROUTE_BEFORE_PASSWORD /* usable before the first password change */

static const struct route fixed[] = {
	{"GET", "/", page_home, "home", PAGE | OPEN, ALLOW_ANYONE,
	 "홈: 기관과 업무 영역 (API: /api/v1/)", NULL},
	{"GET", "/healthz", page_healthz, NULL, OPEN, ALLOW_ANYONE, "데이터베이스에 닿으면 200",
	 NULL},
	{"GET", "/assets/*path", asset_serve, NULL, OPEN, ALLOW_ANYONE,
	 "내장 정적 자원 (ETag, gzip)", NULL},

	{"GET", "/login", page_login, "auth/login", PAGE | OPEN, ALLOW_ANYONE, "로그인 화면", NULL},
	{"POST", "/login", page_login_post, "auth/login", FORM | OPEN, ALLOW_ANYONE, "로그인",
	 NULL},
	{"POST", "/logout", page_logout, NULL, FORM | OPEN, ALLOW_SIGNED_IN, "로그아웃", NULL},
	{"GET", "/password", page_password, "auth/password", PAGE | OPEN, ALLOW_SIGNED_IN,
	 "비밀번호 변경 화면", NULL},
	{"POST", "/password", page_password_post, "auth/password", FORM | OPEN, ALLOW_SIGNED_IN,
	 "비밀번호 변경", NULL},
	{"GET", "/setup/{token}", page_setup, "auth/setup", PAGE | OPEN, ALLOW_ANYONE,
	 "설정 링크로 첫 비밀번호 정하기", NULL},
	{"POST", "/setup/{token}", page_setup_post, "auth/setup", FORM | OPEN, ALLOW_ANYONE,
	 "첫 비밀번호 저장", NULL},
	{"GET", "/me", page_me, "auth/me", PAGE, ALLOW_SIGNED_IN, "내 정보", NULL},
	{"GET", "/account/tokens", page_tokens, "auth/tokens", PAGE, ALLOW_SIGNED_IN,
	 "개인 API 토큰 목록", NULL},
	{"POST", "/account/tokens", page_tokens_post, "auth/tokens", FORM, ALLOW_SIGNED_IN,
	 "개인 API 토큰 발급 (한 번만 보임)", NULL},
	{"POST", "/account/tokens/{id}/revoke", page_token_revoke, NULL, FORM, ALLOW_SIGNED_IN,
	 "개인 API 토큰 폐기", NULL},

	{"GET", "/admin/users", page_admin_users, "admin/users", PAGE, ALLOW_ADMIN, "계정 목록",
	 NULL},
	{"GET", "/admin/users/{id}", page_admin_user, "admin/user", PAGE, ALLOW_ADMIN,
	 "계정 상세 (열람 기록)", NULL},
	{"POST", "/admin/users/{id}/unlock", page_admin_unlock, NULL, FORM, ALLOW_ADMIN,
	 "잠긴 계정 해제", NULL},
	{"GET", "/staff/import", org_page_import, "org/import", PAGE, ALLOW_ADMIN,
	 "직원 가져오기 (CSV·XLSX)", NULL},
	{"POST", "/staff/import", org_page_import_post, "org/import", FORM, ALLOW_ADMIN,
	 "직원 가져오기: 미리보기와 확정", NULL},
	{"GET", "/departments/import", org_page_import, "org/import", PAGE, ALLOW_ADMIN,
	 "부서 가져오기 (CSV·XLSX)", NULL},
	{"POST", "/departments/import", org_page_import_post, "org/import", FORM, ALLOW_ADMIN,
	 "부서 가져오기: 미리보기와 확정", NULL},
	{"GET", "/knowledge", knowledge_page_home, "knowledge/home", PAGE, ALLOW_STAFF,
	 "지식관리 첫 화면: 이벤트, 우수지식, 새 지식, 알림", NULL},
	{"GET", "/knowledge/monitoring", knowledge_page_monitoring, "knowledge/monitoring", PAGE,
	 ALLOW_STAFF, "지식활동 모니터링: 부서·개인별 등록, 심사, 우수지식, 조회", NULL},
	{"GET", "/knowledge-items/search", knowledge_page_search, "knowledge/search", PAGE,
	 ALLOW_STAFF, "지식 검색 (한글 두 글자 단어도 합성어 안에서 찾음)", NULL},
	{"POST", "/knowledge-items/{id}/review", knowledge_page_review, NULL, FORM, ALLOW_STAFF,
	 "지식 심사 (그 분야 지식전문가, 작성자 아님)", NULL},
	{"POST", "/knowledge-items/{id}/decide", knowledge_page_decide, NULL, FORM, ALLOW_ADMIN,
	 "지식 채택·우수지식·반려 결정", NULL},
	{"POST", "/knowledge-items/{id}/recommend", knowledge_page_recommend, NULL, FORM,
	 ALLOW_STAFF, "지식 추천 (한 사람 한 번)", NULL},
	{"GET", "/tasks/dashboard", tasks_page_dashboard, "tasks/dashboard", PAGE,
	 ALLOW_STAFF | ROLE_BIT(ROLE_SUPPORTER),
	 "혁신과제 현황판: 상태·구분별 과제, 진도율, 이달 미보고 과제, 회의 실적", NULL},
	{"GET", "/staff/headcount", org_page_headcount, "org/headcount", PAGE, ALLOW_STAFF,
	 "부서별 직급별 현원", NULL},
	{"GET", "/staff/headcount.csv", org_page_headcount_export, NULL, 0, ALLOW_STAFF,
	 "부서별 직급별 현원 CSV", NULL},
	{"GET", "/staff/headcount.xlsx", org_page_headcount_export, NULL, 0, ALLOW_STAFF,
	 "부서별 직급별 현원 XLSX", NULL},
	{"GET", "/mileage-entries/mine", mileage_page_mine, "mileage/mine", PAGE, ALLOW_STAFF,
	 "내 마일리지: 기간별 점수와 순위, 적립 내역 (실적으로 가는 링크)", NULL},
	{"GET", "/mileage-entries/leaderboard", mileage_page_leaderboard, "mileage/leaderboard",
	 PAGE, ALLOW_STAFF,
	 "마일리지 순위: 개인·부서별, 월·연·누적 (그 기간의 점수로, 동점은 같은 순위)", NULL},
	{"GET", "/mileage-entries/bulk", mileage_page_bulk, "mileage/bulk", PAGE, ALLOW_ADMIN,
	 "마일리지 일괄 부여 화면 (직원 번호 붙여 넣기)", NULL},
	{"POST", "/mileage-entries/bulk", mileage_page_bulk_post, "mileage/bulk", FORM, ALLOW_ADMIN,
	 "마일리지 일괄 부여 (전부 아니면 전무)", NULL},
	{"GET", "/mileage-rewards/mvps", mileage_page_mvps, "mileage/mvps", PAGE, ALLOW_ADMIN,
	 "혁신MVP 선정: 기간 상위 후보 (동점 포함)", NULL},
	{"POST", "/mileage-rewards/mvps", mileage_page_mvps_post, NULL, FORM, ALLOW_ADMIN,
	 "혁신MVP 확정과 포상 기록", NULL},
	{"GET", "/admin/audit", page_admin_audit, "admin/audit", PAGE, ALLOW_ADMIN,
	 "감사 기록 조회", NULL},
};

static struct route *table;
static size_t table_len;
static pthread_once_t built = PTHREAD_ONCE_INIT;

static void build(void)
{
	size_t n_fixed = sizeof fixed / sizeof fixed[0];
	table = xmalloc((n_fixed + app_entities_count * CRUD_ROUTES) * sizeof *table);
	memcpy(table, fixed, sizeof fixed);
	table_len = n_fixed;
	for (size_t i = 0; i < app_entities_count; i++)
		table_len += crud_routes(app_entities[i], table + table_len);
}

const struct route *app_route_table(size_t *n)
{
	pthread_once(&built, build);
	*n = table_len;
	return table;
}
