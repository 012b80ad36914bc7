/*
 * base.c: what belongs to no business module, declared as a module of its
 * own (crud/module.h): the home page, the health probe, static assets,
 * signing in and out, one's account and tokens, and the administrator's
 * accounts and audit pages, with the accounts entity.
 */
#include "app/app.h"
#include "app/pages.h"
#include "auth/account.h"
#include "auth/role.h"
#include "crud/crud.h"
#include "crud/module.h"
#include "http/assets.h"

#define OPEN ROUTE_BEFORE_PASSWORD /* usable before the first password change */

static const struct choice changed[] = {{"changed", "바꿈", "Changed"}, {NULL, NULL, NULL}};

static const struct query_param login_params[] = {
	{"next", "돌아갈 주소", P_TEXT, 0, 2000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param me_params[] = {
	{"password", "비밀번호 변경", P_CHOICE, 0, 0, changed},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param audit_params[] = {
	{"actor", "한 사람", P_TEXT, 0, 64, NULL},
	{"action", "한 일", P_TEXT, 0, 64, NULL},
	{"entity", "대상", P_TEXT, 0, 64, NULL},
	{"from", "시작일", P_DATE, 0, 0, NULL},
	{"to", "종료일", P_DATE, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 1000000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};
static const struct query_param privacy_params[] = {
	{"actor", "열람자", P_TEXT, 0, 64, NULL},
	{"from", "시작일", P_DATE, 0, 0, NULL},
	{"to", "종료일", P_DATE, 0, 0, NULL},
	{"page", "쪽", P_INT, 1, 1000000, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct route routes[] = {
	{"GET", "/", page_home, "home", ROUTE_PAGE | OPEN, ALLOW_ANYONE,
	 "홈: 기관과 업무 영역 (API: /api/v1/)", NULL, module_no_params},
	{"GET", "/healthz", page_healthz, NULL, OPEN, ALLOW_ANYONE, "데이터베이스에 닿으면 200",
	 NULL, NULL},
	{"GET", "/assets/*path", asset_serve, NULL, OPEN, ALLOW_ANYONE,
	 "내장 정적 자원 (ETag, gzip)", NULL, NULL},

	{"GET", "/login", page_login, "auth/login", ROUTE_PAGE | OPEN, ALLOW_ANYONE, "로그인 화면",
	 NULL, login_params},
	{"POST", "/login", page_login_post, "auth/login", ROUTE_FORM | OPEN | ROUTE_DB,
	 ALLOW_ANYONE, "로그인", NULL, NULL},
	{"POST", "/logout", page_logout, NULL, ROUTE_FORM | OPEN | ROUTE_DB, ALLOW_SIGNED_IN,
	 "로그아웃", NULL, NULL},
	{"GET", "/password", page_password, "auth/password", ROUTE_PAGE | OPEN, ALLOW_SIGNED_IN,
	 "비밀번호 변경 화면", NULL, NULL},
	{"POST", "/password", page_password_post, "auth/password", ROUTE_FORM | OPEN | ROUTE_DB,
	 ALLOW_SIGNED_IN, "비밀번호 변경", NULL, NULL},
	{"GET", "/setup/{token}", page_setup, "auth/setup", ROUTE_PAGE | OPEN | ROUTE_DB,
	 ALLOW_ANYONE, "설정 링크로 첫 비밀번호 정하기", NULL, NULL},
	{"POST", "/setup/{token}", page_setup_post, "auth/setup", ROUTE_FORM | OPEN | ROUTE_DB,
	 ALLOW_ANYONE, "첫 비밀번호 저장", NULL, NULL},
	{"GET", "/me", page_me, "auth/me", ROUTE_PAGE, ALLOW_SIGNED_IN, "내 정보", NULL, me_params},
	{"GET", "/account/tokens", page_tokens, "auth/tokens", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_SIGNED_IN, "개인 API 토큰 목록", NULL, NULL},
	{"POST", "/account/tokens", page_tokens_post, "auth/tokens", ROUTE_FORM | ROUTE_DB,
	 ALLOW_SIGNED_IN, "개인 API 토큰 발급 (한 번만 보임)", NULL, NULL},
	{"POST", "/account/tokens/{id}/revoke", page_token_revoke, NULL, ROUTE_FORM | ROUTE_DB,
	 ALLOW_SIGNED_IN, "개인 API 토큰 폐기", NULL, NULL},

	{"GET", "/admin/users", page_admin_users, "admin/users", ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN,
	 "계정 목록", NULL, NULL},
	{"GET", "/admin/users/{id}", page_admin_user, "admin/user", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_ADMIN, "계정 상세 (열람 기록)", NULL, NULL},
	{"POST", "/admin/users/{id}/unlock", page_admin_unlock, NULL, ROUTE_FORM | ROUTE_DB,
	 ALLOW_ADMIN, "잠긴 계정 해제", NULL, NULL},
	{"GET", "/admin/audit", page_admin_audit, "admin/audit", ROUTE_PAGE | ROUTE_DB, ALLOW_ADMIN,
	 "감사 기록 조회", NULL, audit_params},
	{"GET", "/admin/privacy-log", crud_page_privacy_log, "admin/privacy", ROUTE_PAGE | ROUTE_DB,
	 ALLOW_ADMIN, "개인정보 접속기록 조회 (열람·내려받기·가져오기 미리보기)", NULL,
	 privacy_params},
};

static const struct entity *const entities[] = {&app_accounts, NULL};

/* The home page: every module's work list (todo), for the plan guard (crud_plans()). */
static const char *const plan_pages[] = {
	"/",
	NULL,
};

const struct module app_base_module = {
	.name = "base",
	.label = "기본 (홈, 로그인, 계정, 감사 기록)",
	.entities = entities,
	.routes = routes,
	.n_routes = COUNT_OF(routes),
	.plan_pages = plan_pages,
};
