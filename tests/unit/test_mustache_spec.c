/*
 * test_mustache_spec.c: runs the Mustache spec's JSON test files through the
 * template engine.
 *
 * Usage: test_mustache_spec [spec-dir]   (default tests/mustache-spec, a copy of
 * the official spec files kept with the code so that a clean clone tests
 * itself)
 * Every *.json file there is loaded; each test gets a fresh set holding its
 * partials and its template, is rendered with its data and compared with
 * its expected output.  Failures are printed with both outputs; the last
 * line is "mustache spec: N passed, M failed", and the exit status is 1 if
 * anything failed (2 if nothing could be run).
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tpl/tpl.h"

/* The spec's own template; a name no partial in the spec uses. */
#define MAIN_NAME "(spec template)"

struct tally {
	int passed; /* tests whose output matched */
	int failed; /* tests that did not compile, render or match */
};

/* Prints s as a C string literal, so whitespace differences show. */
static void print_quoted(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else
			putchar(c);
	}
	puts("\"");
}

static int add_string(struct tpl_set *set, const char *name, const json_t *src, char *err,
		      size_t errlen)
{
	return tpl_set_add(set, name, json_string_value(src), json_string_length(src), err, errlen);
}

/* Builds the test's set; on a compile error, says so in err and returns -1. */
static int build_set(struct tpl_set *set, const json_t *test, char *err, size_t errlen)
{
	const char *name;
	json_t *src;
	json_object_foreach(json_object_get(test, "partials"), name, src)
	{
		if (add_string(set, name, src, err, errlen) < 0)
			return -1;
	}
	return add_string(set, MAIN_NAME, json_object_get(test, "template"), err, errlen);
}

/* 1 if the test passes; otherwise prints why and returns 0. */
static int run_test(const char *file, const json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	const json_t *want = json_object_get(test, "expected");
	struct tpl_set *set = tpl_set_new();
	struct buf out = BUF_INIT;
	char err[256] = "";
	int ok = build_set(set, test, err, sizeof err) == 0 &&
		 tpl_render(set, MAIN_NAME, json_object_get(test, "data"), &out) == 0;
	int match = ok && out.len == json_string_length(want) &&
		    !memcmp(out.data ? out.data : "", json_string_value(want), out.len);
	if (!match) {
		printf("FAIL %s: %s%s%s\n  expected: ", file, name, *err ? ": " : "", err);
		print_quoted(json_string_value(want), json_string_length(want));
		fputs("  got:      ", stdout);
		print_quoted(out.data ? out.data : "", out.len);
	}
	buf_free(&out);
	tpl_set_free(set);
	return match;
}

static void run_file(const char *dir, const char *file, struct tally *t)
{
	char path[4096];
	json_error_t jerr;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		printf("FAIL %s: %s (line %d)\n", path, jerr.text, jerr.line);
		t->failed++;
		return;
	}
	size_t i;
	json_t *test;
	json_array_foreach(json_object_get(root, "tests"), i, test)
	{
		if (run_test(file, test))
			t->passed++;
		else
			t->failed++;
	}
	json_decref(root);
}

static int is_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 5 && !strcmp(d->d_name + n - 5, ".json");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/mustache-spec";
	struct dirent **files;
	int n = scandir(dir, &files, is_json, alphasort);
	if (n <= 0) {
		fprintf(stderr, "mustache spec: no *.json files in %s\n", dir);
		return 2;
	}
	struct tally t = {0, 0};
	for (int i = 0; i < n; i++) {
		run_file(dir, files[i]->d_name, &t);
		free(files[i]);
	}
	free(files);
	printf("mustache spec: %d passed, %d failed\n", t.passed, t.failed);
	return t.failed > 0;
}
