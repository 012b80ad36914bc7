/*
 * routes.c: the one place listing every route of InnoLand, with who may use
 * it.  Each page route also answers under /api/v1 in JSON (see
 * http/dispatch.c); the gate checks what a route declares (body, roles,
 * CSRF) before its handler runs.  Modules add their route sets here as they
 * arrive.  `innoland routes` prints this table.
 */
#include "app/app.h"
#include "app/pages.h"
#include "auth/account.h"
#include "auth/role.h"
#include "http/assets.h"

#define PAGE ROUTE_PAGE
#define FORM (ROUTE_PAGE | ROUTE_BODY)
#define OPEN ROUTE_BEFORE_PASSWORD /* usable before the first password change */

const struct route app_routes[] = {
	{"GET", "/", page_home, "home", PAGE | OPEN, ALLOW_ANYONE,
	 "홈: 기관과 업무 영역 (API: /api/v1/)"},
	{"GET", "/healthz", page_healthz, NULL, OPEN, ALLOW_ANYONE, "데이터베이스에 닿으면 200"},
	{"GET", "/assets/*path", asset_serve, NULL, OPEN, ALLOW_ANYONE,
	 "내장 정적 자원 (ETag, gzip)"},

	{"GET", "/login", page_login, "auth/login", PAGE | OPEN, ALLOW_ANYONE, "로그인 화면"},
	{"POST", "/login", page_login_post, "auth/login", FORM | OPEN, ALLOW_ANYONE, "로그인"},
	{"POST", "/logout", page_logout, NULL, FORM | OPEN, ALLOW_SIGNED_IN, "로그아웃"},
	{"GET", "/password", page_password, "auth/password", PAGE | OPEN, ALLOW_SIGNED_IN,
	 "비밀번호 변경 화면"},
	{"POST", "/password", page_password_post, "auth/password", FORM | OPEN, ALLOW_SIGNED_IN,
	 "비밀번호 변경"},
	{"GET", "/setup/{token}", page_setup, "auth/setup", PAGE | OPEN, ALLOW_ANYONE,
	 "설정 링크로 첫 비밀번호 정하기"},
	{"POST", "/setup/{token}", page_setup_post, "auth/setup", FORM | OPEN, ALLOW_ANYONE,
	 "첫 비밀번호 저장"},
	{"GET", "/me", page_me, "auth/me", PAGE, ALLOW_SIGNED_IN, "내 정보"},
	{"GET", "/account/tokens", page_tokens, "auth/tokens", PAGE, ALLOW_SIGNED_IN,
	 "개인 API 토큰 목록"},
	{"POST", "/account/tokens", page_tokens_post, "auth/tokens", FORM, ALLOW_SIGNED_IN,
	 "개인 API 토큰 발급 (한 번만 보임)"},
	{"POST", "/account/tokens/{id}/revoke", page_token_revoke, NULL, FORM, ALLOW_SIGNED_IN,
	 "개인 API 토큰 폐기"},

	{"GET", "/admin/users", page_admin_users, "admin/users", PAGE, ALLOW_ADMIN, "계정 목록"},
	{"GET", "/admin/users/{id}", page_admin_user, "admin/user", PAGE, ALLOW_ADMIN,
	 "계정 상세 (열람 기록)"},
	{"POST", "/admin/users/{id}/unlock", page_admin_unlock, NULL, FORM, ALLOW_ADMIN,
	 "잠긴 계정 해제"},
	{"GET", "/admin/audit", page_admin_audit, "admin/audit", PAGE, ALLOW_ADMIN,
	 "감사 기록 조회"},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
