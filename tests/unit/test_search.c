/* test_search.c: the search terms, queries and snippets of knowledge
 * search: Korean as overlapping pairs, words lower-cased, the query syntax of
 * both drivers, and bad input (quotes, operators, broken UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "db/db.h"
#include "mod/knowledge/search.h"

static char *terms(const char *text)
{
	static struct buf b;
	buf_free(&b);
	b = (struct buf)BUF_INIT;
	search_terms(text, strlen(text), &b);
	return b.data ? b.data : "";
}

/* The two drivers' syntaxes, by the URL each opens. */
#define FTS5	db_text_syntax_for("test.db")
#define TSQUERY db_text_syntax_for("postgres://localhost/test")

static char *query(const char *q, const struct db_text_syntax *syn)
{
	static struct buf b;
	buf_free(&b);
	b = (struct buf)BUF_INIT;
	search_query(q, syn, SEARCH_ANY, &b);
	return b.data ? b.data : "";
}

/* The query q at level lv, or its group g (lv + 100). */
static char *level(const char *q, const struct db_text_syntax *syn, int lv)
{
	static struct buf b;
	buf_free(&b);
	b = (struct buf)BUF_INIT;
	if (lv >= 100)
		search_group(q, syn, (enum search_level)(lv - 100), &b);
	else
		search_query(q, syn, (enum search_level)lv, &b);
	return b.data ? b.data : "";
}

static void korean_becomes_pairs_and_words_lower_case(void **state)
{
	assert_string_equal(terms("행정혁신"),
			    "행정 정혁 혁신 ㄴㄴ행정혁신 ㅅㅅ행 ㅅㅅ행정 ㅅㅅ행정혁 ㅅㅅ행정혁신");
	assert_string_equal(
		terms("지식관리 System, KMS-2 혁"),
		"지식 식관 관리 ㄴㄴ지식관리 ㅅㅅ지 ㅅㅅ지식 ㅅㅅ지식관 ㅅㅅ지식관리 system "
		"kms 2 혁 ㄴㄴ혁 ㅅㅅ혁");
	assert_string_equal(
		terms("「혁신」은 <b>'좋다'</b>"),
		"혁신 ㄴㄴ혁신 ㅅㅅ혁 ㅅㅅ혁신 은 ㄴㄴ은 ㅅㅅ은 b 좋다 ㄴㄴ좋다 ㅅㅅ좋 ㅅㅅ좋다 b");
	assert_string_equal(terms("   "), "");
	assert_string_equal(terms("café Ünïcode"), "café Ünïcode");
}

static void a_two_syllable_word_is_inside_compounds(void **state)
{
	/* the query's term is one of the compound's terms */
	assert_non_null(strstr(terms("공무원평생학습체계구축"), " 학습 "));
	assert_string_equal(query("학습", FTS5), "\"학습\"");
}

static void queries_in_both_syntaxes(void **state)
{
	assert_string_equal(query("행정혁신 system", FTS5), "\"행정 정혁 혁신\" AND \"system\"");
	assert_string_equal(query("행정혁신 system", TSQUERY),
			    "('행정' <-> '정혁' <-> '혁신') & ('system')");
	assert_string_equal(query("혁", FTS5), "\"혁\"*");
	assert_string_equal(query("혁", TSQUERY), "('혁':*)");
}

static void words_lose_their_particles_and_endings(void **state)
{
	/* the word's own term is its stem; two syllables always stay */
	assert_string_equal(
		terms("탄소중립을"),
		"탄소 소중 중립 립을 ㄴㄴ탄소중립 ㅅㅅ탄 ㅅㅅ탄소 ㅅㅅ탄소중 ㅅㅅ탄소중립");
	assert_non_null(strstr(terms("설문조사에서는"), " ㄴㄴ설문조사 "));
	assert_non_null(strstr(terms("소중한"), " ㄴㄴ소중 "));
	assert_non_null(strstr(terms("하였다 결과 제도 평가"), " ㄴㄴ결과 "));
	assert_non_null(strstr(terms("결과 제도 평가"), " ㄴㄴ제도 "));
	assert_non_null(strstr(terms("결과 제도 평가"), " ㄴㄴ평가 "));
}

static void levels_tell_words_from_starts_from_pairs(void **state)
{
	/* a title's terms, then each again behind the title's mark */
	struct buf t = BUF_INIT;
	search_title_terms("탄소 kms", strlen("탄소 kms"), &t);
	assert_string_equal(t.data,
			    "탄소 ㄴㄴ탄소 ㅅㅅ탄 ㅅㅅ탄소 kms ㅈㅈ탄소 ㅈㅈㄴㄴ탄소 ㅈㅈㅅㅅ탄 "
			    "ㅈㅈㅅㅅ탄소 ㅈㅈkms");
	buf_free(&t);
	assert_string_equal(level("탄소중립을 kms", FTS5, SEARCH_ANY),
			    "\"탄소 소중 중립\" AND \"kms\"");
	assert_string_equal(level("탄소중립을 kms", FTS5, SEARCH_WORD),
			    "\"ㄴㄴ탄소중립\" AND \"kms\"");
	assert_string_equal(level("탄소 kms", FTS5, SEARCH_TITLE_START),
			    "\"ㅈㅈㅅㅅ탄소\" AND \"ㅈㅈkms\"");
	assert_string_equal(level("소중", FTS5, SEARCH_TITLE_ANY), "\"ㅈㅈ소중\"");
	assert_string_equal(level("소중", TSQUERY, SEARCH_TITLE_ANY), "('ㅈㅈ소중')");
	assert_string_equal(level("혁", TSQUERY, SEARCH_TITLE_ANY), "('ㅈㅈ혁':*)");
	assert_string_equal(level("탄소", TSQUERY, SEARCH_START), "('ㅅㅅ탄소')");
	/* a group: its level, and none before it */
	assert_string_equal(level("소중", FTS5, 100 + SEARCH_TITLE_WORD), "(\"ㅈㅈㄴㄴ소중\")");
	assert_string_equal(level("소중", FTS5, 100 + SEARCH_TITLE_START),
			    "(\"ㅈㅈㅅㅅ소중\") NOT ((\"ㅈㅈㄴㄴ소중\") OR (\"ㄴㄴ소중\"))");
	assert_string_equal(level("소중", TSQUERY, 100 + SEARCH_WORD),
			    "(('ㄴㄴ소중')) & !((('ㅈㅈㄴㄴ소중')))");
	assert_true(search_short("소중"));
	assert_false(search_short("탄소 kms"));
	assert_false(search_short("탄소중립"));
	assert_false(search_short("kms"));
	assert_true(search_short("소중한")); /* its stem: 소중 */
}

static void operators_and_quotes_are_only_text(void **state)
{
	assert_string_equal(query("\" OR 1=1 --", FTS5), "\"or\" AND \"1\" AND \"1\"");
	assert_string_equal(query("a'b\\c", TSQUERY), "('a') & ('b') & ('c')");
	assert_string_equal(query("NEAR(x y) * ^", FTS5), "\"near\" AND \"x\" AND \"y\"");
	struct buf b = BUF_INIT;
	assert_int_equal(search_query("!!! ??? ---", FTS5, SEARCH_ANY, &b), 0);
	assert_null(b.data);
	assert_int_equal(search_query("\xff\xfe\xc3", TSQUERY, SEARCH_ANY, &b), 0); /* not UTF-8 */
	char many[400] = "";
	for (int i = 0; i < 30; i++)
		strcat(many, "가나 ");
	assert_int_equal(search_query(many, FTS5, SEARCH_ANY, &b), SEARCH_MAX_PARTS);
	buf_free(&b);
}

/* A snippet of text marked with the parts of the query q. */
static void snippet(const char *text, const char *q, size_t width, struct buf *out)
{
	struct search_marks m;
	search_marks_init(&m, q);
	search_snippet(text, &m, width, out);
	search_marks_free(&m);
}

static void snippets_mark_and_escape(void **state)
{
	struct buf b = BUF_INIT;
	snippet("우리 구의 행정혁신 사례: <script>x</script> 혁신 확산", "혁신", 60, &b);
	assert_string_equal(b.data,
			    "우리 구의 행정<mark>혁신</mark> 사례: &lt;script&gt;x&lt;/script&gt; "
			    "<mark>혁신</mark> 확산");
	buf_reset(&b);
	snippet("가나다라마바사아자차카타파하 KMS 시스템", "kms", 10, &b);
	assert_string_equal(b.data, "…파하 <mark>KMS</mark> 시스템");
	buf_reset(&b);
	snippet("첫 줄\n둘째 줄", "없는말", 3, &b);
	assert_string_equal(b.data, "첫 줄…");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(korean_becomes_pairs_and_words_lower_case),
		cmocka_unit_test(a_two_syllable_word_is_inside_compounds),
		cmocka_unit_test(queries_in_both_syntaxes),
		cmocka_unit_test(words_lose_their_particles_and_endings),
		cmocka_unit_test(levels_tell_words_from_starts_from_pairs),
		cmocka_unit_test(operators_and_quotes_are_only_text),
		cmocka_unit_test(snippets_mark_and_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
