/* test_markdown.c: knowledge bodies as HTML: Markdown rendered, raw HTML
 * shown as text, unsafe link and image addresses neutralised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markdown_renders),
		cmocka_unit_test(raw_html_is_text),
		cmocka_unit_test(unsafe_addresses_are_neutralised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
