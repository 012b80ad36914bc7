/* test_tpl.c: the template engine beyond the Mustache spec (test_mustache_spec.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tpl/tpl.h"

static void add(struct tpl_set *set, const char *name, const char *src)
{
	char err[128] = "";
	int rc = tpl_set_add(set, name, src, strlen(src), err, sizeof err);
	if (rc != 0)
		fail_msg("%s: %s", name, err);
}

/* Renders name with data given as JSON text; returns the output (caller frees). */
static char *render(const struct tpl_set *set, const char *name, const char *json)
{
	json_t *data = json_loads(json, JSON_DECODE_ANY, NULL);
	assert_non_null(data);
	struct buf out = BUF_INIT;
	assert_int_equal(tpl_render(set, name, data, &out), 0);
	json_decref(data);
	return buf_detach(&out, NULL);
}

/* Compiles src alone and checks the error message. */
static void compile_fails(const char *src, const char *want)
{
	struct tpl_set *set = tpl_set_new();
	char err[128] = "";
	assert_int_equal(tpl_set_add(set, "bad", src, strlen(src), err, sizeof err), -1);
	assert_string_equal(err, want);
	assert_false(tpl_set_has(set, "bad"));
	tpl_set_free(set);
}

static void expect(const char *src, const char *json, const char *want)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "t", src);
	char *got = render(set, "t", json);
	assert_string_equal(got, want);
	free(got);
	tpl_set_free(set);
}

static void escapes_the_five_html_characters(void **state)
{
	const char *json = "{\"v\": \"a & b < c > d \\\" e ' f\"}";
	expect("{{v}}", json, "a &amp; b &lt; c &gt; d &quot; e &#39; f");
	expect("{{{v}}}|{{&v}}", json, "a & b < c > d \" e ' f|a & b < c > d \" e ' f");
	expect("{{#l}}{{.}}{{/l}}", "{\"l\": [\"<b>\", \"&\"]}", "&lt;b&gt;&amp;");
}

static void reports_compile_errors_with_line_numbers(void **state)
{
	compile_fails("<ul>\n\n{{#items}}\n<li>{{name}}</li>\n",
		      "line 3: unclosed section 'items'");
	compile_fails("{{#a}}\n{{^b}}\n{{/a}}\n",
		      "line 3: closing tag 'a' does not match section 'b' (line 2)");
	compile_fails("one\ntwo {{name\nthree", "line 2: unclosed tag");
	compile_fails("ok\n{{/a}}", "line 2: closing tag 'a' without an open tag");
	compile_fails("{{! a\ncomment }}\n{{$title}}", "line 3: unclosed block 'title'");
	compile_fails("{{<layout}}\n", "line 1: unclosed parent 'layout'");
	compile_fails("{{=<% %>=}}\n<%#a%>\n<%/a%>\n<%x", "line 4: unclosed tag");
	compile_fails("x\n{{=<%>=}}", "line 2: bad set-delimiter tag");
	compile_fails("{{}}", "line 1: empty tag name");
	compile_fails("\n{{a b}}", "line 2: blank inside tag name 'a b'");
}

static void refuses_too_deep_nesting(void **state)
{
	struct buf src = BUF_INIT;
	for (int i = 0; i < 65; i++)
		buf_puts(&src, "{{#a}}");
	for (int i = 0; i < 65; i++)
		buf_puts(&src, "{{/a}}");
	compile_fails(src.data, "line 1: tags nested more than 64 deep");
	buf_free(&src);
}

static void error_buffer_may_be_small_or_absent(void **state)
{
	struct tpl_set *set = tpl_set_new();
	char err[8];
	assert_int_equal(tpl_set_add(set, "t", "{{#a}}", 6, err, sizeof err), -1);
	assert_string_equal(err, "line 1:");
	assert_int_equal(tpl_set_add(set, "t", "{{#a}}", 6, NULL, 0), -1);
	tpl_set_free(set);
}

static void missing_template_fails_and_leaves_output(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "page", "{{>missing}}!");
	struct buf out = BUF_INIT;
	buf_puts(&out, "kept");
	assert_int_equal(tpl_render(set, "nope", NULL, &out), -1);
	assert_string_equal(out.data, "kept");
	/* A missing partial is not an error: it renders as nothing. */
	assert_int_equal(tpl_render(set, "page", NULL, &out), 0);
	assert_string_equal(out.data, "kept!");
	buf_free(&out);
	tpl_set_free(set);
}

static void recursion_limit_stops_self_inclusion(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "self", "x{{>self}}");
	add(set, "layout", "[{{$b}}{{/b}}]");
	add(set, "loop", "{{<layout}}{{$b}}{{$b}}{{/b}}{{/b}}{{/layout}}");
	add(set, "fine", "{{>self}}");
	struct buf out = BUF_INIT;
	buf_puts(&out, "before");
	assert_int_equal(tpl_render(set, "self", NULL, &out), -1);
	assert_int_equal(tpl_render(set, "fine", NULL, &out), -1);
	assert_int_equal(tpl_render(set, "loop", NULL, &out), -1);
	assert_string_equal(out.data, "before");
	buf_free(&out);
	tpl_set_free(set);

	/* Data-driven recursion: 64 nested partials are fine, 65 are not. */
	set = tpl_set_new();
	add(set, "node", "{{#n}}.{{>node}}{{/n}}");
	json_t *data = json_object(), *at = data;
	for (int i = 0; i < 64; i++) {
		json_t *next = json_object();
		json_object_set_new(at, "n", next);
		at = next;
	}
	json_object_set_new(at, "n", json_null());
	assert_int_equal(tpl_render(set, "node", data, &out), 0);
	assert_int_equal(out.len, 64);
	json_object_set_new(at, "n", json_pack("{s:n}", "n"));
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "node", data, &out), -1);
	assert_int_equal(out.len, 0);
	json_decref(data);
	buf_free(&out);
	tpl_set_free(set);
}

static void limits_stop_runaway_renders(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "a", "{{>b}}{{>b}}");
	add(set, "b", "{{>c}}{{>c}}");
	add(set, "c", "0123456789");
	tpl_set_limits(set, 0, 15);
	struct buf out = BUF_INIT;
	assert_int_equal(tpl_render(set, "a", NULL, &out), -1);
	assert_int_equal(out.len, 0);
	tpl_set_limits(set, 5, 0);
	assert_int_equal(tpl_render(set, "a", NULL, &out), -1);
	tpl_set_limits(set, 0, 0);
	assert_int_equal(tpl_render(set, "a", NULL, &out), 0);
	assert_int_equal(out.len, 40);
	buf_free(&out);
	tpl_set_free(set);
}

static void korean_text_passes_through(void **state)
{
	expect("안녕하세요, {{name}}님! 혁신랜드에 오신 것을 환영합니다.\n{{#팀}}<{{이름}}>{{/팀}}",
	       "{\"name\": \"김철수\", \"팀\": [{\"이름\": \"개발팀\"}, {\"이름\": \"기획팀\"}]}",
	       "안녕하세요, 김철수님! 혁신랜드에 오신 것을 환영합니다.\n<개발팀><기획팀>");
}

static void page_overrides_layout_blocks(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "layout",
	    "<html>\n"
	    "<head><title>{{$title}}InnoLand{{/title}}</title></head>\n"
	    "<body>\n"
	    "  {{$content}}\n"
	    "  <p>nothing here</p>\n"
	    "  {{/content}}\n"
	    "  {{$footer}}<footer>InnoLand</footer>{{/footer}}\n"
	    "</body>\n"
	    "</html>\n");
	add(set, "page",
	    "{{<layout}}\n"
	    "{{$title}}{{name}} - InnoLand{{/title}}\n"
	    "{{$content}}\n"
	    "<h1>{{name}}</h1>\n"
	    "<ul>\n"
	    "  {{#tasks}}\n"
	    "  <li>{{.}}</li>\n"
	    "  {{/tasks}}\n"
	    "</ul>\n"
	    "{{/content}}\n"
	    "{{/layout}}\n");
	char *got = render(set, "page", "{\"name\": \"혁신 & 성장\", \"tasks\": [\"a\", \"b\"]}");
	assert_string_equal(got, "<html>\n"
				 "<head><title>혁신 &amp; 성장 - InnoLand</title></head>\n"
				 "<body>\n"
				 "  <h1>혁신 &amp; 성장</h1>\n"
				 "  <ul>\n"
				 "    <li>a</li>\n"
				 "    <li>b</li>\n"
				 "  </ul>\n"
				 "  <footer>InnoLand</footer>\n"
				 "</body>\n"
				 "</html>\n");
	free(got);
	got = render(set, "layout", "{}");
	assert_non_null(strstr(got, "<title>InnoLand</title>"));
	assert_non_null(strstr(got, "\n  <p>nothing here</p>\n"));
	free(got);
	tpl_set_free(set);
}

static void nested_standalone_partials_add_indentation(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "page", "<div>\n  {{>list}}\n</div>\n");
	add(set, "list", "<ul>\n  {{>item}}\n</ul>\n");
	add(set, "item", "<li>\n{{v}}\n\n</li>\n");
	char *got = render(set, "page", "{\"v\": \"x\\ny\"}");
	/* Values are not indented; empty lines get no trailing blanks. */
	assert_string_equal(got,
			    "<div>\n  <ul>\n    <li>\n    x\ny\n\n    </li>\n  </ul>\n</div>\n");
	free(got);
	tpl_set_free(set);
}

static void renders_numbers_and_booleans(void **state)
{
	expect("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	       "{\"a\": 1.5, \"b\": 85, \"c\": -3, \"d\": 0.1, \"e\": 1e300,"
	       " \"f\": true, \"g\": false}",
	       "1.5 85 -3 0.1 1e+300 true false");
	expect("{{a}}|{{b}}|{{c}}", "{\"a\": {\"x\": 1}, \"b\": [1], \"c\": null}", "||");
	expect("{{n}}", "{\"n\": 9007199254740993}", "9007199254740993");
	expect("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
	       "{\"a\": -9223372036854775808, \"b\": 9223372036854775807, \"c\": 2.0,"
	       " \"d\": -0.5, \"e\": 0, \"f\": 1e16}",
	       "-9223372036854775808 9223372036854775807 2 -0.5 0 1e+16");
}

static void decides_truthiness(void **state)
{
	const char *src = "{{#s}}s{{/s}}{{#z}}z{{/z}}{{#o}}o{{/o}}{{#e}}e{{/e}}{{^s}}!s{{/s}}";
	expect(src, "{\"s\": \"\", \"z\": 0, \"o\": {}, \"e\": []}", "zo!s");
	expect(src, "{\"s\": \"x\", \"z\": 0.0, \"o\": {}, \"e\": [0]}", "szoe");
}

static void replaces_a_template_of_the_same_name(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "t", "one");
	assert_true(tpl_set_has(set, "t"));
	assert_false(tpl_set_has(set, "u"));
	add(set, "t", "two");
	char *got = render(set, "t", "{}");
	assert_string_equal(got, "two");
	free(got);
	/* A failed compile keeps the old template. */
	assert_int_equal(tpl_set_add(set, "t", "{{#x}}", 6, NULL, 0), -1);
	got = render(set, "t", "{}");
	assert_string_equal(got, "two");
	free(got);
	tpl_set_free(set);
}

static void many_templates_stay_findable(void **state)
{
	struct tpl_set *set = tpl_set_new();
	char name[32], src[32];
	for (int i = 0; i < 500; i++) {
		snprintf(name, sizeof name, "t%d", i);
		snprintf(src, sizeof src, "[%d]", i);
		add(set, name, src);
	}
	for (int i = 0; i < 500; i += 37) {
		snprintf(name, sizeof name, "t%d", i);
		snprintf(src, sizeof src, "[%d]", i);
		char *got = render(set, name, "null");
		assert_string_equal(got, src);
		free(got);
	}
	tpl_set_free(set);
}

static void dynamic_partials_pick_by_data(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "feed", "{{#items}}{{>*kind}}{{/items}}");
	add(set, "text", "<p>{{body}}</p>");
	add(set, "image", "<img src=\"{{url}}\">");
	char *got = render(set, "feed",
			   "{\"items\": [{\"kind\": \"text\", \"body\": \"hi\"},"
			   "{\"kind\": \"image\", \"url\": \"a.png\"},"
			   "{\"kind\": \"nothing\"}, {\"kind\": 3}]}");
	assert_string_equal(got, "<p>hi</p><img src=\"a.png\">");
	free(got);
	tpl_set_free(set);
}

struct job {
	const struct tpl_set *set; /* shared, read-only */
	const json_t *data;	   /* shared, read-only */
	int ok;			   /* every render matched */
};

static void *render_many(void *arg)
{
	struct job *job = arg;
	job->ok = 1;
	for (int i = 0; i < 300; i++) {
		struct buf out = BUF_INIT;
		if (tpl_render(job->set, "page", job->data, &out) != 0 ||
		    strcmp(out.data, "  <b>1</b>\n  <b>2</b>\n  <b>3</b>\n"))
			job->ok = 0;
		buf_free(&out);
	}
	return NULL;
}

static void renders_concurrently_from_one_set(void **state)
{
	struct tpl_set *set = tpl_set_new();
	add(set, "page", "{{#n}}\n  {{>item}}\n{{/n}}");
	add(set, "item", "<b>{{.}}</b>\n");
	json_t *data = json_loads("{\"n\": [1, 2, 3]}", 0, NULL);
	pthread_t th[4];
	struct job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){set, data, 0};
		assert_int_equal(pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(jobs[i].ok);
	}
	json_decref(data);
	tpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_the_five_html_characters),
		cmocka_unit_test(reports_compile_errors_with_line_numbers),
		cmocka_unit_test(refuses_too_deep_nesting),
		cmocka_unit_test(error_buffer_may_be_small_or_absent),
		cmocka_unit_test(missing_template_fails_and_leaves_output),
		cmocka_unit_test(recursion_limit_stops_self_inclusion),
		cmocka_unit_test(limits_stop_runaway_renders),
		cmocka_unit_test(korean_text_passes_through),
		cmocka_unit_test(page_overrides_layout_blocks),
		cmocka_unit_test(nested_standalone_partials_add_indentation),
		cmocka_unit_test(renders_numbers_and_booleans),
		cmocka_unit_test(decides_truthiness),
		cmocka_unit_test(replaces_a_template_of_the_same_name),
		cmocka_unit_test(many_templates_stay_findable),
		cmocka_unit_test(dynamic_partials_pick_by_data),
		cmocka_unit_test(renders_concurrently_from_one_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
