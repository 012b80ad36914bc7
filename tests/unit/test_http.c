/* test_http.c: the router and the decoding of paths, queries and forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth/role.h"
#include "http/form.h"
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
		cmocka_unit_test(form_decodes_korean_and_plus),
		cmocka_unit_test(form_rejects_bad_input),
		cmocka_unit_test(path_decoding_refuses_traversal),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
