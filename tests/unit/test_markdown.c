/* test_markdown.c: knowledge bodies as HTML: Markdown rendered, raw HTML
 * shown as text, unsafe link and image addresses neutralised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "mod/knowledge/markdown.h"

static const char *html(const char *md)
{
	static struct buf b;
	buf_free(&b);
	b = (struct buf)BUF_INIT;
	assert_int_equal(markdown_html(md, strlen(md), &b), 0);
	return b.data ? b.data : "";
}

static void markdown_renders(void **state)
{
	assert_string_equal(
		html("# 업무 매뉴얼\n\n- 첫째\n- **둘째**\n"),
		"<h1>업무 "
		"매뉴얼</h1>\n<ul>\n<li>첫째</li>\n<li><strong>둘째</strong></li>\n</ul>\n");
	assert_non_null(strstr(html("| 항목 | 값 |\n|---|---|\n| 가 | 1 |\n"), "<table>"));
	assert_string_equal(html("[누리집](https://www.ydp.go.kr)"),
			    "<p><a href=\"https://www.ydp.go.kr\">누리집</a></p>\n");
	assert_string_equal(html("[과제](/tasks/3)"), "<p><a href=\"/tasks/3\">과제</a></p>\n");
}

static void raw_html_is_text(void **state)
{
	const char *out = html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> 안녕");
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_non_null(strstr(out, "&lt;script&gt;"));
}

static void unsafe_addresses_are_neutralised(void **state)
{
	assert_string_equal(html("[x](javascript:alert(1))"), "<p><a href=\"#\">x</a></p>\n");
	assert_string_equal(html("[x](JaVaScRiPt:alert(1))"), "<p><a href=\"#\">x</a></p>\n");
	assert_string_equal(html("[x](&#x6A;avascript:alert(1))"), "<p><a href=\"#\">x</a></p>\n");
	assert_string_equal(html("![x](data:image/svg+xml;base64,PHN2Zz4=)"),
			    "<p><img src=\"#\" alt=\"x\"></p>\n");
	assert_string_equal(html("[x](vbscript:msgbox)"), "<p><a href=\"#\">x</a></p>\n");
	assert_string_equal(html("<javascript:alert(1)>"),
			    "<p><a href=\"#\">javascript:alert(1)</a></p>\n");
}

/* The kept HTML is the text's own: shown again, the same; a text that
 * differs by one byte or only in length, its own; broken UTF-8 again the
 * escaped paragraph with its -1; text after what was appended stays. */
static void shown_again_is_the_same(void **state)
{
	char a[4096], b[4096];
	for (size_t i = 0; i < 24 * 170; i++) /* whole syllables: UTF-8 */
		a[i] = "가나다 *라마* 바\n\n"[i % 24];
	a[24 * 170] = '\0';
	memcpy(b, a, sizeof a);
	b[24 * 41 + 10] = 'x'; /* one '*' of the middle: no longer emphasis */
	char first[8192];
	snprintf(first, sizeof first, "%s", html(a));
	for (int round = 0; round < 3; round++) {
		assert_string_equal(html(a), first);
		assert_string_not_equal(html(b), first);
		assert_string_equal(html("**굵게**"), "<p><strong>굵게</strong></p>\n");
		assert_string_equal(html("**굵게** 더"), "<p><strong>굵게</strong> 더</p>\n");
	}
	struct buf out = BUF_INIT;
	buf_puts(&out, "앞:");
	for (int round = 0; round < 2; round++) {
		out.len = 4;
		assert_int_equal(markdown_html("\xff\xfe", 2, &out), -1);
		assert_string_equal(out.data, "앞:<p>\xff\xfe</p>");
	}
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markdown_renders),
		cmocka_unit_test(raw_html_is_text),
		cmocka_unit_test(unsafe_addresses_are_neutralised),
		cmocka_unit_test(shown_again_is_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
