/* test_core.c: the arena, the buffer, UTF-8 checks, Korean time and the error
 * table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/utf8.h"

static void arena_keeps_every_allocation(void **state)
{
	struct arena a;
	arena_init(&a);
	char *first = arena_strdup(&a, "첫 번째");
	char *ptrs[2000];
	for (int i = 0; i < 2000; i++) {
		ptrs[i] = arena_printf(&a, "항목 %d", i);
		assert_int_equal((uintptr_t)ptrs[i] % 16, 0);
	}
	char *big = arena_alloc(&a, 100000); /* larger than a chunk */
	memset(big, 'x', 100000);
	assert_string_equal(first, "첫 번째");
	assert_string_equal(ptrs[0], "항목 0");
	assert_string_equal(ptrs[1999], "항목 1999");
	assert_true(a.total > 100000);
	arena_free(&a);
	assert_int_equal(a.total, 0);
	assert_null(a.head);
	/* reusable after free */
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_free(&a);
}

static void buf_grows_and_escapes(void **state)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(strlen(b.data), b.len);
	assert_memory_equal(b.data + b.len - 4, "999,", 4);
	buf_reset(&b);
	buf_put_html(&b, "<a href=\"x\">'혁신'&</a>", strlen("<a href=\"x\">'혁신'&</a>"));
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;혁신&#39;&amp;&lt;/a&gt;");
	/* every position of a special byte relative to the 8-byte scan */
	for (size_t at = 0; at < 20; at++) {
		char in[21];
		memset(in, 'a', 20);
		in[20] = '\0';
		in[at] = '<';
		buf_reset(&b);
		buf_put_html(&b, in, 20);
		assert_int_equal(b.len, 23);
		assert_memory_equal(b.data + at, "&lt;", 4);
	}
	/* numbers as printf writes them, the extremes too */
	const long long nums[] = {0, 7, -7, 10, 2006, -1000000, LLONG_MAX, LLONG_MIN};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char want[32], got[24];
		snprintf(want, sizeof want, "%lld", nums[i]);
		assert_int_equal(int_text(nums[i], got), strlen(want));
		assert_string_equal(got, want);
		buf_reset(&b);
		buf_put_int(&b, nums[i]);
		assert_string_equal(b.data, want);
	}
	/* thousands grouped as people read them */
	char g[32];
	int_grouped(LLONG_MIN, g);
	assert_string_equal(g, "-9,223,372,036,854,775,808");
	int_grouped(999, g);
	assert_string_equal(g, "999");
	int_grouped(-1000, g);
	assert_string_equal(g, "-1,000");
	assert_int_equal(number_grouped("2991.5", g, sizeof g), 7);
	assert_string_equal(g, "2,991.5");
	number_grouped("1234567", g, 6); /* cut to fit, still terminated */
	assert_string_equal(g, "1,234");
	size_t len;
	char *p = buf_detach(&b, &len);
	assert_int_equal(len, strlen(p));
	assert_null(b.data);
	free(p);
}

static void utf8_accepts_korean_and_rejects_bad_bytes(void **state)
{
	assert_true(utf8_valid("혁신랜드 InnoLand", strlen("혁신랜드 InnoLand")));
	assert_int_equal(utf8_length("혁신랜드", strlen("혁신랜드")), 4);
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length("\xF0\x9F\x98\x80", 4), 1); /* emoji, 4 bytes */
	assert_false(utf8_valid("\xC0\xAF", 2));		 /* overlong '/' */
	assert_false(utf8_valid("\xE0\x80\xAF", 3));		 /* overlong, 3 bytes */
	assert_false(utf8_valid("\xED\xA0\x80", 3));		 /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4));	 /* above U+10FFFF */
	assert_false(utf8_valid("\xED\x98", 2));		 /* truncated 혁 */
	assert_false(utf8_valid("\x80", 1));			 /* lone continuation */
	assert_false(utf8_valid("a\0b", 3));			 /* NUL */
	assert_false(utf8_valid("\xFF", 1));
	assert_int_equal(utf8_length("\xFE", 1), -1);
	/* the eight-byte steps: a bad byte, a NUL or a truncated 혁 at every place */
	char text[40];
	for (size_t at = 0; at < 40; at++) {
		memset(text, 'a', sizeof text);
		assert_true(utf8_valid(text, sizeof text));
		text[at] = '\x80';
		assert_false(utf8_valid(text, sizeof text));
		text[at] = '\0';
		assert_false(utf8_valid(text, sizeof text));
		if (at + 3 <= sizeof text) {
			memcpy(text + at, "혁", 3);
			assert_true(utf8_valid(text, sizeof text));
			assert_false(utf8_valid(text, at + 2));
		}
	}
}

static void url_encoding_keeps_only_unreserved(void **state)
{
	struct buf b = BUF_INIT;
	buf_put_url(&b, "R&D#x+1 %?=/혁-_.~Az09");
	assert_string_equal(b.data, "R%26D%23x%2B1%20%25%3F%3D%2F%ED%98%81-_.~Az09");
	buf_free(&b);
}

#define FLAW(s, lines) utf8_text_flaw(s, strlen(s), lines)

static void text_flaws_single_and_multi_line(void **state)
{
	assert_int_equal(FLAW("김혁신 Kim (행정)", 0), TEXT_OK);
	assert_int_equal(FLAW("\xE2\x80\xAE\xE2\x80\x8B김", 0), TEXT_SPOOF); /* U+202E U+200B */
	assert_int_equal(FLAW("a\xE2\x80\xAA"
			      "b",
			      0),
			 TEXT_SPOOF); /* U+202A, first */
	assert_int_equal(FLAW("a\xE2\x80\xA9"
			      "b",
			      0),
			 TEXT_OK); /* U+2029 is not */
	assert_int_equal(FLAW("a\xE2\x81\xA6"
			      "b",
			      0),
			 TEXT_SPOOF); /* U+2066 */
	assert_int_equal(FLAW("a\xE2\x81\xA9"
			      "b",
			      0),
			 TEXT_SPOOF); /* U+2069, last */
	assert_int_equal(FLAW("a\xE2\x81\xAA"
			      "b",
			      0),
			 TEXT_OK);				 /* U+206A is not */
	assert_int_equal(FLAW("\xE3\x85\xA4", 0), TEXT_SPOOF);	 /* Hangul filler */
	assert_int_equal(FLAW("\xEF\xBB\xBF김", 0), TEXT_SPOOF); /* BOM */
	assert_int_equal(FLAW("김\n혁신", 0), TEXT_CONTROL);
	assert_int_equal(FLAW("김\t혁신", 0), TEXT_CONTROL);
	assert_int_equal(FLAW("\x1F", 0), TEXT_CONTROL);
	assert_int_equal(FLAW(" ~", 0), TEXT_OK); /* 0x20 and 0x7E: the printable ends */
	assert_int_equal(FLAW("\x7F", 0), TEXT_CONTROL);
	assert_int_equal(FLAW("\xC2\x80", 0), TEXT_CONTROL); /* U+0080, C1's first */
	assert_int_equal(FLAW("\xC2\x9F", 0), TEXT_CONTROL); /* U+009F, C1's last */
	assert_int_equal(FLAW("\xC2\xA0", 0), TEXT_OK);	     /* no-break space */
	assert_int_equal(FLAW("\xC2\xAD", 0), TEXT_SPOOF);   /* soft hyphen */
	assert_int_equal(FLAW("\xED\x98", 0), TEXT_INVALID);
	assert_int_equal(FLAW("첫 줄\r\n둘째 줄\t끝", 1), TEXT_OK);
	assert_int_equal(FLAW("줄\x0B", 1), TEXT_CONTROL);    /* vertical tab */
	assert_int_equal(FLAW("\xC2\x85", 1), TEXT_CONTROL);  /* NEL, a C1 control */
	assert_int_equal(FLAW("👩\xE2\x80\x8D💻", 1), TEXT_OK); /* a joined emoji in a memo */
}

static void korean_time_is_utc_plus_nine(void **state)
{
	char out[24];
	/* utc_now() writes what strftime() would, across days, leap days and
	 * centuries (offsets from now back to 1900 and on to 2400) */
	time_t now = time(NULL);
	for (long long off = -(long long)now - 2208988800LL; off < 13569465600LL - now;
	     off += 86400LL * 37 + 3607) {
		char want[24];
		time_t t = now + (time_t)off;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
		utc_now((long)off, out);
		if (strcmp(out, want)) { /* the second may have turned between: once more */
			t = time(NULL) + (time_t)off;
			gmtime_r(&t, &tm);
			strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
		}
		assert_string_equal(out, want);
	}
	kst_text("2026-12-02T17:05:03Z", out); /* past midnight in Seoul: the next day */
	assert_string_equal(out, "2026-12-03 02:05:03");
	kst_text("2006-12-31T15:00:00.000123Z", out); /* stored with fractions */
	assert_string_equal(out, "2007-01-01 00:00:00");
	kst_text("어제", out); /* not a time: shown as it is */
	assert_string_equal(out, "어제");
	assert_int_equal(kst_day_start("2026-12-03", 0, out), 0);
	assert_string_equal(out, "2026-12-02T15:00:00Z");
	assert_int_equal(kst_day_start("2026-12-31", 1, out),
			 0); /* the end of the year's last day */
	assert_string_equal(out, "2026-12-31T15:00:00Z");
	assert_int_equal(kst_day_start("2028-02-29", 0, out), 0);
	assert_string_equal(out, "2028-02-28T15:00:00Z");
	assert_int_equal(kst_day_start("2026-02-29", 0, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(kst_day_start("2026-12-3", 0, out), -1);
}

static void every_error_has_status_code_and_messages(void **state)
{
	for (int e = ERR_BAD_REQUEST; e < ERR_COUNT; e++) {
		const struct err_info *i = err_info((enum err)e);
		assert_true(i->status >= 400 && i->status < 600);
		assert_non_null(i->code);
		assert_true(utf8_length(i->message, strlen(i->message)) > 5);
		assert_true(strlen(i->message_en) > 5);
		for (int k = ERR_BAD_REQUEST; k < e; k++)
			assert_string_not_equal(i->code, err_info((enum err)k)->code);
	}
	assert_int_equal(err_info(ERR_NOT_FOUND)->status, 404);
	assert_int_equal(err_info(ERR_TOO_LARGE)->status, 413);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_keeps_every_allocation),
		cmocka_unit_test(buf_grows_and_escapes),
		cmocka_unit_test(utf8_accepts_korean_and_rejects_bad_bytes),
		cmocka_unit_test(text_flaws_single_and_multi_line),
		cmocka_unit_test(url_encoding_keeps_only_unreserved),
		cmocka_unit_test(korean_time_is_utc_plus_nine),
		cmocka_unit_test(every_error_has_status_code_and_messages),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
