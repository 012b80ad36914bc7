/*
 * search.h: Korean-aware full-text search terms, the same on both storage
 * drivers.
 *
 * Korean words are mostly two syllables and sit inside compounds
 * (행정혁신, 지식관리시스템), and neither SQLite's tokenizers nor
 * PostgreSQL's parser split them.  So InnoLand makes the terms itself: a run
 * of Hangul (or other CJK) becomes its overlapping two-character pairs
 * ("행정혁신" → 행정 정혁 혁신; one character alone stays itself); other
 * letters and digits make lower-case words; everything else separates.  A
 * query is made the same way, each run a phrase of consecutive terms, so
 * "혁신" finds 행정혁신 and "행정혁신" finds only that sequence.  SQLite
 * keeps the terms in FTS5 (split on spaces), PostgreSQL in a tsvector built
 * with positions, no text-search configuration involved.
 *
 * Each word (어절: a run of Hangul, its particle or ending taken off,
 * 탄소중립을 → 탄소중립) also becomes a term of its own behind
 * SEARCH_WORD_MARK (ㄴㄴ탄소중립), and each of its starts one behind
 * SEARCH_START_MARK (ㅅㅅ탄 ㅅㅅ탄소 ㅅㅅ탄소중 ㅅㅅ탄소중립).  A mark is two
 * Hangul letters, so a marked term is never one of the pairs (two
 * characters) or an English word (a word term is whole already).  With them
 * a query tells a whole word from a word's start from a pair anywhere (소중
 * inside 탄소중립), each by whole terms, never by a prefix query (which
 * FTS5 answers by merging every matching term's list, 12 ms for a word of
 * 100,000 items): enum search_level, in the order results are ranked.  The
 * title's words are told by their own terms (search_title_terms()).
 *
 * Invariants: terms never contain a quote, a backslash or a control
 * character, so they go into FTS5 and tsquery syntax quoted as they are.
 * Memory: every function appends to the caller's buf.
 */
#ifndef INNOLAND_KNOWLEDGE_SEARCH_H
#define INNOLAND_KNOWLEDGE_SEARCH_H

#include <stddef.h>

#include "core/buf.h"
#include "db/db.h"

#define SEARCH_MAX_QUERY 100   /* characters of a query that are looked at */
#define SEARCH_MAX_PARTS 8     /* runs (phrases and words) of a query used */
#define SEARCH_COUNT_MAX 10000 /* matches counted exactly; more are "10,000건 이상" */

#define SEARCH_WORD_MARK  "ㄴㄴ" /* before a word's own term (낱말) */
#define SEARCH_START_MARK "ㅅㅅ" /* before each of its starts (시작) */
#define SEARCH_TITLE_MARK "ㅈㅈ" /* before each term of the title again (제목) */
#define SEARCH_START_MAX  12	 /* syllables of a word's starts indexed */

/* How a document matches every part of a query, best first: the order of
 * the results, each level's documents newest first. */
enum search_level {
	SEARCH_TITLE_WORD,  /* each part a whole word of the title */
	SEARCH_WORD,	    /* ... a whole word anywhere: 낱말 일치 */
	SEARCH_TITLE_START, /* ... the start of a word of the title */
	SEARCH_START,	    /* ... the start of a word anywhere: 앞부분 일치 */
	SEARCH_TITLE_ANY,   /* ... anywhere in the title, inside a word too */
	SEARCH_ANY,	    /* ... anywhere: 부분 일치 (all matches) */
	SEARCH_LEVELS
};

/* Appends text's terms to out, separated by single spaces. */
void search_terms(const char *text, size_t len, struct buf *out);
/* The same for a title: its terms, then each again behind SEARCH_TITLE_MARK.
 * The title levels ask the marked terms, whose lists hold only the titles:
 * a column filter (FTS5's, or tsquery's weight) read the whole list of a
 * term that every body holds (행정혁신 in 100,000 tags: 5 ms on SQLite,
 * and on PostgreSQL a plan that walked the primary key for 800 ms). */
void search_title_terms(const char *text, size_t len, struct buf *out);

/*
 * Appends the query q (what a person typed) at level lv in the driver's
 * syntax (db_text_syntax(): FTS5 MATCH text, "\"행정 정혁 혁신\" AND
 * \"system\"", or a tsquery, "('행정' <-> '정혁' <-> '혁신') & ('system')" at
 * SEARCH_ANY).  Each part is cut to its stem first (탄소중립을 is 탄소중립).
 * Returns the number of parts used; 0 when q has nothing to search for
 * (then out is unchanged).
 */
int search_query(const char *q, const struct db_text_syntax *syn, enum search_level lv,
		 struct buf *out);
/* The same for the documents at level g and at no better one: g's query
 * but not any of the levels before it.  Together the groups are exactly
 * SEARCH_ANY's matches, each once. */
int search_group(const char *q, const struct db_text_syntax *syn, enum search_level g,
		 struct buf *out);
/*
 * 1 when q is one Korean word of one or two syllables: then a pair inside
 * a longer word is as likely across two words of a compound (소중 in
 * 탄소중립) as the word meant, and the results set such matches apart
 * when there are whole words or word starts to show.  A second word
 * ("kms 관리") says what was meant: its matches inside words stay, ranked
 * last.
 */
int search_short(const char *q);

/* Where the knowledge items' terms are kept (index.c). */
extern const struct db_text_index knowledge_text;

/* The parts of a query (as typed, ASCII lower-cased) that results mark:
 * made once per query, freed with search_marks_free(). */
struct search_marks {
	struct buf part[SEARCH_MAX_PARTS];
	size_t n;
};
void search_marks_init(struct search_marks *m, const char *q);
void search_marks_free(struct search_marks *m);

/*
 * Appends up to width characters of text around the first place a part of
 * m appears (or its start), HTML-escaped, every appearance of a part in
 * <mark>, with "…" where it was cut.
 */
void search_snippet(const char *text, const struct search_marks *m, size_t width, struct buf *out);

#endif
