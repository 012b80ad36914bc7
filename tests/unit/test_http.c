/* test_http.c: the router and the decoding of paths, queries and forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/role.h"
#include "http/dispatch.h"
#include "http/form.h"
#include "http/http.h"
#include "http/router.h"

static enum err h(struct request *req, struct response *res)
{
	return ERR_OK;
}

static const struct route table[] = {
	{"GET", "/", h, "home", ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"GET", "/tasks", h, NULL, ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"POST", "/tasks", h, NULL, ROUTE_PAGE | ROUTE_BODY, ALLOW_ANYONE, "", NULL, NULL},
	{"GET", "/tasks/new", h, NULL, ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"GET", "/tasks/{id}", h, NULL, ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"POST", "/tasks/{id}/archive", h, NULL, ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"GET", "/units/{unit}/reports/{id}", h, NULL, ROUTE_PAGE, ALLOW_ANYONE, "", NULL, NULL},
	{"GET", "/assets/*path", h, NULL, 0, ALLOW_ANYONE, "", NULL, NULL},
};
static const size_t n = sizeof table / sizeof table[0];

static void router_matches_literals_and_params(void **state)
{
	struct route_match m;
	char buf[64];
	assert_int_equal(router_match(table, n, "GET", "/", &m), ERR_OK);
	assert_ptr_equal(m.route, &table[0]);
	assert_int_equal(router_match(table, n, "GET", "/tasks/new", &m), ERR_OK);
	assert_ptr_equal(m.route, &table[3]); /* the literal wins: listed first */
	assert_int_equal(router_match(table, n, "GET", "/tasks/42", &m), ERR_OK);
	assert_ptr_equal(m.route, &table[4]);
	assert_string_equal(route_param(&m, "id", buf, sizeof buf), "42");
	assert_null(route_param(&m, "nope", buf, sizeof buf));
	assert_int_equal(router_match(table, n, "GET", "/units/7/reports/9", &m), ERR_OK);
	assert_string_equal(route_param(&m, "unit", buf, sizeof buf), "7");
	assert_string_equal(route_param(&m, "id", buf, sizeof buf), "9");
	assert_int_equal(router_match(table, n, "GET", "/assets/krds/css/a.css", &m), ERR_OK);
	assert_string_equal(route_param(&m, "path", buf, sizeof buf), "krds/css/a.css");
}

static void router_separates_404_from_405(void **state)
{
	struct route_match m;
	char allow[64];
	assert_int_equal(router_match(table, n, "GET", "/nowhere", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(table, n, "GET", "/tasks/", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(table, n, "GET", "/tasks/1/x", &m), ERR_NOT_FOUND);
	assert_int_equal(router_match(table, n, "DELETE", "/tasks", &m), ERR_METHOD);
	assert_int_equal(router_match(table, n, "BREW", "/", &m), ERR_METHOD);
	router_allow(table, n, "/tasks", allow, sizeof allow);
	assert_string_equal(allow, "GET, HEAD, POST");
	router_allow(table, n, "/tasks/5/archive", allow, sizeof allow);
	assert_string_equal(allow, "POST");
}

static void router_lets_head_use_get_routes(void **state)
{
	struct route_match m;
	assert_int_equal(router_match(table, n, "HEAD", "/tasks/3", &m), ERR_OK);
	assert_ptr_equal(m.route, &table[4]);
	assert_int_equal(router_match(table, n, "HEAD", "/tasks/3/archive", &m), ERR_METHOD);
}

static const struct choice by_choices[] = {
	{"staff", "개인", "People"}, {"dept", "부서", "Departments"}, {NULL, NULL, NULL}};
static const struct query_param declared[] = {
	{"page", "쪽", P_INT, 1, 100000, NULL},	    {"department", "부서", P_ID, 0, 0, NULL},
	{"month", "달", P_MONTH, 0, 0, NULL},	    {"on", "날짜", P_DATE, 0, 0, NULL},
	{"period", "기간", P_PERIOD, 0, 0, NULL},   {"q", "검색어", P_TEXT, 0, 5, NULL},
	{"by", "대상", P_CHOICE, 0, 0, by_choices}, {NULL, NULL, 0, 0, 0, NULL},
};
static const struct route declaring = {"GET",	     "/x", h,	 NULL,	  ROUTE_PAGE,
				       ALLOW_ANYONE, "",   NULL, declared};

/* gate_query on the query string q: the error, with *kept the parameters
 * left (and *detail in req's arena, freed by the next call). */
static enum err query(const char *q, const char **detail, size_t *kept)
{
	static struct request req;
	static int used;
	if (used)
		arena_free(&req.arena);
	used = 1;
	memset(&req, 0, sizeof req);
	arena_init(&req.arena); /* decoded in the request's own arena, never a copy */
	req.match.route = &declaring;
	*detail = NULL;
	enum err e = form_decode(&req.arena, q, strlen(q), &req.query);
	if (e == ERR_OK)
		e = gate_query(&req, detail);
	*kept = req.query.n;
	return e;
}

static void declared_parameters_are_checked_and_the_rest_dropped(void **state)
{
	const char *why;
	size_t kept;
	static const char *const good[] = {
		"page=1",
		"page=100000",
		"department=1",
		"department=999999999999999999",
		"month=2006-12",
		"month=1900-01",
		"on=2008-02-29",
		"period=all",
		"period=2006",
		"period=2006-07",
		"q=%ED%98%81%EC%8B%A0%EA%B3%BC%EC%A0%9C%EB%93%A4",
		"by=dept",
		"page=",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(query(good[i], &why, &kept), ERR_OK);
		assert_int_equal(kept, 1);
	}
	static const char *const bad[] = {
		"page=0",	"page=100001",	 "page=-1",	  "page=1.5",	   "page=1e3",
		"page=x",	"department=0",	 "department=-3", "department=1x", "month=2006-13",
		"month=2006-7", "month=1899-12", "on=2007-02-29", "on=2007-2-1",   "period=1899",
		"period=20061", "period=ALL",	 "q=abcdef",	  "by=Dept",	   "by=",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum err e = query(bad[i], &why, &kept);
		if (!strcmp(bad[i], "by=")) { /* empty: as good as absent */
			assert_int_equal(e, ERR_OK);
			continue;
		}
		assert_int_equal(e, ERR_BAD_PARAM);
		assert_non_null(why);
	}
	assert_int_equal(query("page=0", &why, &kept), ERR_BAD_PARAM);
	assert_string_equal(
		why, "쪽(page)의 값이 올바르지 않습니다. 가능한 값: 1부터 100000 사이의 숫자.");
	assert_int_equal(query("by=x", &why, &kept), ERR_BAD_PARAM);
	assert_string_equal(why, "대상(by)의 값이 올바르지 않습니다. 가능한 값: staff, dept.");
	assert_int_equal(query("utm=1&page=2&sort=x&by=staff", &why, &kept), ERR_OK);
	assert_int_equal(kept, 2); /* utm and sort dropped */
	assert_int_equal(query("pageriod=all&q=%ED%98%81&by=staff&utm=1", &why, &kept), ERR_OK);
	assert_int_equal(kept, 2); /* a name that starts like a declared one is not it */
}

static void form_decodes_korean_and_plus(void **state)
{
	struct arena a;
	struct params p;
	arena_init(&a);
	const char *q = "q=%ED%98%81%EC%8B%A0+%EA%B3%BC%EC%A0%9C&page=2&empty=&flag&&x=a%2Bb";
	assert_int_equal(form_decode(&a, q, strlen(q), &p), ERR_OK);
	assert_int_equal(p.n, 5);
	assert_string_equal(params_get(&p, "q"), "혁신 과제");
	assert_string_equal(params_get(&p, "page"), "2");
	assert_string_equal(params_get(&p, "empty"), "");
	assert_string_equal(params_get(&p, "flag"), "");
	assert_string_equal(params_get(&p, "x"), "a+b");
	assert_null(params_get(&p, "missing"));
	assert_int_equal(form_decode(&a, "", 0, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	arena_free(&a);
}

static void a_json_body_answers_for_the_form(void **state)
{
	struct request req;
	memset(&req, 0, sizeof req);
	arena_init(&req.arena);
	req.json = json_loads("{\"name\": \"토큰\", \"n\": 2, \"points\": 1.5, \"on\": true, "
			      "\"off\": false, \"none\": null, \"list\": [1]}",
			      0, NULL);
	assert_non_null(req.json);
	assert_string_equal(request_form(&req, "name"), "토큰");
	assert_string_equal(request_form(&req, "n"), "2");
	assert_string_equal(request_form(&req, "points"), "1.5");
	assert_string_equal(request_form(&req, "on"), "1");
	assert_string_equal(request_form(&req, "off"), "");
	assert_string_equal(request_form(&req, "none"), "");
	assert_string_equal(request_form(&req, "list"), "");
	assert_string_equal(request_form(&req, "missing"), "");
	json_decref(req.json);
	req.json = NULL; /* a form's body: its fields */
	assert_int_equal(form_decode(&req.arena, "name=x", 6, &req.form), ERR_OK);
	assert_string_equal(request_form(&req, "name"), "x");
	assert_string_equal(request_form(&req, "n"), "");
	arena_free(&req.arena);
}

static void form_rejects_bad_input(void **state)
{
	struct arena a;
	struct params p;
	arena_init(&a);
	assert_int_equal(form_decode(&a, "a=%", 3, &p), ERR_BAD_ENCODING);
	assert_int_equal(form_decode(&a, "a=%4", 4, &p), ERR_BAD_ENCODING);
	assert_int_equal(form_decode(&a, "a=%zz", 5, &p), ERR_BAD_ENCODING);
	assert_int_equal(form_decode(&a, "a=%C0%AF", 8, &p), ERR_BAD_UTF8);
	assert_int_equal(form_decode(&a, "a=%00", 5, &p), ERR_BAD_UTF8);
	assert_int_equal(form_decode(&a, "a=\xff", 3, &p), ERR_BAD_UTF8);
	char many[FORM_MAX_PARAMS * 2 + 10];
	size_t k = 0;
	for (int i = 0; i <= FORM_MAX_PARAMS; i++) {
		many[k++] = 'a';
		many[k++] = '&';
	}
	assert_int_equal(form_decode(&a, many, k, &p), ERR_TOO_MANY_PARAMS);
	char longname[FORM_MAX_NAME + 10];
	memset(longname, 'n', sizeof longname);
	assert_int_equal(form_decode(&a, longname, sizeof longname, &p), ERR_TOO_MANY_PARAMS);
	arena_free(&a);
}

static void path_decoding_refuses_traversal(void **state)
{
	struct arena a;
	char *out;
	arena_init(&a);
	assert_int_equal(form_decode_path(&a, "/", 1, &out), ERR_OK);
	assert_string_equal(out, "/");
	assert_int_equal(form_decode_path(&a, "/%ED%98%81%EC%8B%A0/a+b/", 24, &out), ERR_OK);
	assert_string_equal(out, "/혁신/a+b/");
	const char *bad[] = {"/assets/../etc/passwd",
			     "/assets/%2e%2e/x",
			     "/a/./b",
			     "/a//b",
			     "/a%2Fb",
			     "/%ff",
			     "/%00",
			     "relative",
			     "/x/..",
			     "/%"};
	enum err want[] = {ERR_BAD_PATH, ERR_BAD_PATH,	  ERR_BAD_PATH, ERR_BAD_PATH,
			   ERR_BAD_PATH, ERR_BAD_UTF8,	  ERR_BAD_UTF8, ERR_BAD_PATH,
			   ERR_BAD_PATH, ERR_BAD_ENCODING};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(form_decode_path(&a, bad[i], strlen(bad[i]), &out), want[i]);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(router_matches_literals_and_params),
		cmocka_unit_test(router_separates_404_from_405),
		cmocka_unit_test(router_lets_head_use_get_routes),
		cmocka_unit_test(declared_parameters_are_checked_and_the_rest_dropped),
		cmocka_unit_test(form_decodes_korean_and_plus),
		cmocka_unit_test(a_json_body_answers_for_the_form),
		cmocka_unit_test(form_rejects_bad_input),
		cmocka_unit_test(path_decoding_refuses_traversal),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
