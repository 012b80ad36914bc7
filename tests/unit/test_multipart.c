/* test_multipart.c: the multipart/form-data parser, on bodies shaped like
 * the ones browsers send and on each limit from both sides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"

#define CT   "multipart/form-data; boundary=----WebKitFormBoundaryx7Yq"
#define DASH "------WebKitFormBoundaryx7Yq"

/* A body under construction. */
struct body {
	unsigned char *p; /* malloc'd bytes */
	size_t n;	  /* bytes used */
	size_t cap;	  /* bytes allocated */
};

static void add(struct body *b, const void *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void adds(struct body *b, const char *s)
{
	add(b, s, strlen(s));
}

/* Adds a plain field part, the value given by its length. */
static void add_field(struct body *b, const char *name, const char *value, size_t n)
{
	adds(b, DASH "\r\nContent-Disposition: form-data; name=\"");
	adds(b, name);
	adds(b, "\"\r\n\r\n");
	add(b, value, n);
	adds(b, "\r\n");
}

/* Adds a file part whose Content-Disposition parameters are given whole. */
static void add_file(struct body *b, const char *params, const char *data, size_t n)
{
	adds(b, DASH "\r\nContent-Disposition: form-data; name=\"file\"; ");
	adds(b, params);
	adds(b, "\r\nContent-Type: text/csv\r\n\r\n");
	add(b, data, n);
	adds(b, "\r\n");
}

static enum err parse(struct arena *a, const char *ct, const struct body *b, struct params *f,
		      struct uploads *u)
{
	f->items = NULL;
	f->n = 0;
	u->items = NULL;
	u->n = 0;
	return multipart_parse(a, ct, b->p, b->n, f, u);
}

/* Parses a body holding one file part with the given parameters; returns
 * its filename, or NULL on error. */
static const char *one_filename(struct arena *a, const char *params)
{
	struct body b = {0};
	struct params f;
	struct uploads u;
	add_file(&b, params, "x", 1);
	adds(&b, DASH "--\r\n");
	enum err e = parse(a, CT, &b, &f, &u);
	free(b.p);
	return e == ERR_OK && u.n == 1 ? u.items[0].filename : NULL;
}

static void parses_browser_body(void **state)
{
	static const char data[] = "id,name\r\n1,\0\xff\xfe\r\n--not-the-boundary\r\n";
	struct arena a;
	struct body b = {0};
	struct param q = {"page", "2", 1};
	struct params f = {&q, 1};
	struct uploads u;
	arena_init(&a);
	adds(&b, "preamble to ignore\r\n");
	add_field(&b, "title", "hello", 5);
	add_field(&b, "memo", "직원 명단\r\n둘째 줄", strlen("직원 명단\r\n둘째 줄"));
	add_file(&b, "filename=\"직원.csv\"", data, sizeof data - 1);
	adds(&b, DASH "--\r\nepilogue to ignore");
	assert_int_equal(multipart_parse(&a, CT, b.p, b.n, &f, &u), ERR_OK);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.items[0].name, "page"); /* appended after what was there */
	assert_string_equal(f.items[1].name, "title");
	assert_string_equal(f.items[1].value, "hello");
	assert_int_equal(f.items[1].value_len, 5);
	assert_string_equal(f.items[2].name, "memo");
	assert_string_equal(f.items[2].value, "직원 명단\r\n둘째 줄");
	assert_int_equal(u.n, 1);
	assert_string_equal(u.items[0].field, "file");
	assert_string_equal(u.items[0].filename, "직원.csv");
	assert_string_equal(u.items[0].content_type, "text/csv");
	assert_int_equal(u.items[0].len, sizeof data - 1);
	assert_memory_equal(u.items[0].data, data, sizeof data - 1);
	assert_true(u.items[0].data > b.p && u.items[0].data < b.p + b.n);
	arena_free(&a);
	free(b.p);
}

static void accepts_quoted_boundary_and_odd_spelling(void **state)
{
	struct arena a;
	struct body b = {0};
	struct params f;
	struct uploads u;
	arena_init(&a);
	adds(&b, "--a b:c?\r\ncontent-DISPOSITION:FORM-DATA;NAME=plain\r\n\r\n1\r\n");
	adds(&b, "--a b:c? \t\r\nContent-Disposition: form-data; name=\"q\\\"x\\\\\"\r\n\r\n\r\n");
	adds(&b, "--a b:c?--");
	assert_int_equal(
		parse(&a, "Multipart/Form-Data; charset=utf-8; boundary=\"a b:c?\"", &b, &f, &u),
		ERR_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.items[0].name, "plain");
	assert_string_equal(f.items[0].value, "1");
	assert_string_equal(f.items[1].name, "q\"x\\");
	assert_string_equal(f.items[1].value, "");
	assert_int_equal(u.n, 0);
	assert_null(u.items);
	arena_free(&a);
	free(b.p);
}

static void strips_paths_from_filenames(void **state)
{
	struct arena a;
	arena_init(&a);
	assert_string_equal(one_filename(&a, "filename=\"C:\\Users\\x\\직원.csv\""), "직원.csv");
	assert_string_equal(one_filename(&a, "filename=\"C:\\\\Users\\\\x\\\\직원.csv\""),
			    "직원.csv");
	assert_string_equal(one_filename(&a, "filename=\"/home/x/직원.csv\""), "직원.csv");
	assert_string_equal(one_filename(&a, "filename=\"../..\""), "");
	assert_string_equal(one_filename(&a, "filename=\"\""), "");
	assert_string_equal(one_filename(&a, "filename=\"say \\\"hi\\\".txt\""), "say \"hi\".txt");
	assert_null(one_filename(&a, "filename=\"a\"; filename=\"b\""));
	assert_null(one_filename(&a, "filename=\"unterminated"));
	arena_free(&a);
}

static void decodes_ext_filename(void **state)
{
	struct arena a;
	arena_init(&a);
	assert_string_equal(one_filename(&a, "filename*=UTF-8''%EC%A7%81%EC%9B%90.csv"),
			    "직원.csv");
	assert_string_equal(
		one_filename(&a, "filename=\"x.csv\"; filename*=utf-8'ko'%EC%A7%81.csv"), "직.csv");
	assert_string_equal(one_filename(&a, "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd"), "passwd");
	assert_null(one_filename(&a, "filename*=ISO-8859-1''e.csv"));
	assert_null(one_filename(&a, "filename*=UTF-8''%EC%A7.csv"));
	assert_null(one_filename(&a, "filename*=UTF-8''a%0D%0Ab.csv"));
	assert_null(one_filename(&a, "filename*=UTF-8''%E"));
	arena_free(&a);
}

static void rejects_bad_framing(void **state)
{
	struct arena a;
	struct body b = {0};
	struct params f;
	struct uploads u;
	arena_init(&a);
	add_field(&b, "title", "hello", 5);
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_REQUEST); /* no closing delimiter */
	assert_int_equal(f.n, 0);
	adds(&b, DASH "--");
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_OK);
	assert_int_equal(parse(&a, "multipart/form-data", &b, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, "multipart/form-data; charset=utf-8", &b, &f, &u),
			 ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, "multipart/form-data; boundary=", &b, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(
		parse(&a, "multipart/mixed; boundary=----WebKitFormBoundaryx7Yq", &b, &f, &u),
		ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, NULL, &b, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, CT "; boundary=x", &b, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, CT "; charset=\"\x01\"", &b, &f, &u), ERR_BAD_REQUEST);
	b.n -= 2;
	adds(&b, "-x"); /* neither a close nor a delimiter line */
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(parse(&a, "multipart/form-data; boundary=\"" DASH "\"", &b, &f, &u),
			 ERR_BAD_REQUEST); /* the body's lines are "--" + this */
	arena_free(&a);
	free(b.p);
}

/* A body with one field, framed by a boundary of n 'b's. */
static enum err parse_boundary_of(struct arena *a, size_t n)
{
	char ct[128] = "multipart/form-data; boundary=";
	char *bound = ct + strlen(ct);
	struct body b = {0};
	struct params f;
	struct uploads u;
	memset(bound, 'b', n);
	adds(&b, "--");
	add(&b, bound, n);
	adds(&b, "\r\nContent-Disposition: form-data; name=x\r\n\r\n\r\n--");
	add(&b, bound, n);
	adds(&b, "--\r\n");
	enum err e = parse(a, ct, &b, &f, &u);
	free(b.p);
	return e;
}

static void rejects_boundary_over_70(void **state)
{
	struct arena a;
	arena_init(&a);
	assert_int_equal(parse_boundary_of(&a, 70), ERR_OK);
	assert_int_equal(parse_boundary_of(&a, 71), ERR_BAD_REQUEST);
	arena_free(&a);
}

static void rejects_bad_part_headers(void **state)
{
	static const char *const heads[] = {
		"Content-Type: text/plain\r\n",
		"Content-Disposition: form-data\r\n",
		"Content-Disposition: form-data; name=\"\"\r\n",
		"Content-Disposition: attachment; name=\"x\"\r\n",
		"Content-Disposition: form-data; name=\"x\"\r\nContent-Disposition: form-data; "
		"name=\"y\"\r\n",
		"Content-Disposition: form-data; name=\"x\"\r\nContent-Transfer-Encoding: "
		"base64\r\n",
		"Content-Disposition: form-data; name=\"x\"\r\nContent-Type: a\r\nContent-Type: "
		"b\r\n",
		"Content-Disposition : form-data; name=\"x\"\r\n",
		"Content-Disposition: form-data; name=\"x\r\n",
		"Content-Disposition: form-data; name=\"x\"\nX: y\r\n",
		"",
	};
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		struct body b = {0};
		struct params f;
		struct uploads u;
		adds(&b, DASH "\r\n");
		adds(&b, heads[i]);
		adds(&b, "\r\nvalue\r\n" DASH "--\r\n");
		assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_REQUEST);
		free(b.p);
	}
	arena_free(&a);
}

/* A body of n parts, every other one a file. */
static void make_parts(struct body *b, int n)
{
	for (int i = 0; i < n; i++)
		if (i % 2)
			add_file(b, "filename=\"a.txt\"", "x", 1);
		else
			add_field(b, "f", "v", 1);
	adds(b, DASH "--\r\n");
}

static void caps_parts_at_64(void **state)
{
	struct arena a;
	struct body b64 = {0}, b65 = {0};
	struct params f;
	struct uploads u;
	arena_init(&a);
	make_parts(&b64, 64);
	make_parts(&b65, 65);
	assert_int_equal(parse(&a, CT, &b64, &f, &u), ERR_OK);
	assert_int_equal(f.n, 32);
	assert_int_equal(u.n, 32);
	assert_int_equal(parse(&a, CT, &b65, &f, &u), ERR_BAD_REQUEST);
	assert_int_equal(f.n, 0);
	assert_int_equal(u.n, 0);
	arena_free(&a);
	free(b64.p);
	free(b65.p);
}

static void caps_header_lines_at_1k(void **state)
{
	struct arena a;
	struct params f;
	struct uploads u;
	arena_init(&a);
	for (int over = 0; over <= 1; over++) {
		struct body b = {0};
		adds(&b, DASH "\r\nX-Pad: ");
		for (int i = 0; i < 1024 - 7 + over; i++)
			adds(&b, "p");
		adds(&b, "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n" DASH "--");
		assert_int_equal(parse(&a, CT, &b, &f, &u), over ? ERR_BAD_REQUEST : ERR_OK);
		free(b.p);
	}
	arena_free(&a);
}

static void caps_names_and_values(void **state)
{
	char name[130];
	char *value = malloc(MULTIPART_MAX_VALUE + 1);
	struct arena a;
	struct params f;
	struct uploads u;
	arena_init(&a);
	memset(value, 'v', MULTIPART_MAX_VALUE + 1);
	for (int over = 0; over <= 1; over++) {
		struct body b = {0};
		memset(name, 'n', sizeof name);
		name[MULTIPART_MAX_NAME + over] = '\0';
		add_field(&b, name, "v", 1);
		adds(&b, DASH "--");
		assert_int_equal(parse(&a, CT, &b, &f, &u), over ? ERR_TOO_MANY_PARAMS : ERR_OK);
		b.n = 0;
		add_field(&b, "n", value, MULTIPART_MAX_VALUE + (size_t)over);
		adds(&b, DASH "--");
		assert_int_equal(parse(&a, CT, &b, &f, &u), over ? ERR_TOO_MANY_PARAMS : ERR_OK);
		free(b.p);
	}
	arena_free(&a);
	free(value);
}

static void caps_fields_in_all(void **state)
{
	static struct param query[FORM_MAX_PARAMS];
	struct arena a;
	struct body b = {0};
	struct uploads u;
	arena_init(&a);
	add_field(&b, "last", "v", 1);
	adds(&b, DASH "--");
	for (size_t i = 0; i < FORM_MAX_PARAMS; i++)
		query[i] = (struct param){"q", "", 0};
	struct params f = {query, FORM_MAX_PARAMS - 1};
	assert_int_equal(multipart_parse(&a, CT, b.p, b.n, &f, &u), ERR_OK);
	assert_int_equal(f.n, FORM_MAX_PARAMS);
	assert_string_equal(f.items[FORM_MAX_PARAMS - 1].name, "last");
	f = (struct params){query, FORM_MAX_PARAMS};
	assert_int_equal(multipart_parse(&a, CT, b.p, b.n, &f, &u), ERR_TOO_MANY_PARAMS);
	assert_ptr_equal(f.items, query);
	assert_int_equal(f.n, FORM_MAX_PARAMS);
	arena_free(&a);
	free(b.p);
}

static void rejects_bad_utf8(void **state)
{
	struct arena a;
	struct params f;
	struct uploads u;
	arena_init(&a);
	struct body b = {0};
	add_field(&b, "ok", "직원", strlen("직원"));
	add_field(&b, "bad", "\xed\xa0\x80", 3); /* a surrogate */
	adds(&b, DASH "--");
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_UTF8);
	assert_int_equal(f.n, 0);
	b.n = 0;
	add_field(&b, "nul", "a\0b", 3);
	adds(&b, DASH "--");
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_UTF8);
	b.n = 0;
	add_field(&b, "\xc0\xaf", "v", 1);
	adds(&b, DASH "--");
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_UTF8);
	b.n = 0;
	add_file(&b, "filename=\"\xff.csv\"", "x", 1);
	adds(&b, DASH "--");
	assert_int_equal(parse(&a, CT, &b, &f, &u), ERR_BAD_UTF8);
	assert_int_equal(u.n, 0);
	arena_free(&a);
	free(b.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_browser_body),
		cmocka_unit_test(accepts_quoted_boundary_and_odd_spelling),
		cmocka_unit_test(strips_paths_from_filenames),
		cmocka_unit_test(decodes_ext_filename),
		cmocka_unit_test(rejects_bad_framing),
		cmocka_unit_test(rejects_boundary_over_70),
		cmocka_unit_test(rejects_bad_part_headers),
		cmocka_unit_test(caps_parts_at_64),
		cmocka_unit_test(caps_header_lines_at_1k),
		cmocka_unit_test(caps_names_and_values),
		cmocka_unit_test(caps_fields_in_all),
		cmocka_unit_test(rejects_bad_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
