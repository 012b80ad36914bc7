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
 * Invariants: terms never contain a quote, a backslash or a control
 * character, so they go into FTS5 and tsquery syntax quoted as they are.
 * Memory: every function appends to the caller's buf.
 */
#ifndef INNOLAND_KNOWLEDGE_SEARCH_H
#define INNOLAND_KNOWLEDGE_SEARCH_H

#include <stddef.h>

#include "core/buf.h"
#include "db/db.h"

#define SEARCH_MAX_QUERY 100 /* characters of a query that are looked at */
#define SEARCH_MAX_PARTS 8   /* runs (phrases and words) of a query used */

/* Appends text's terms to out, separated by single spaces. */
void search_terms(const char *text, size_t len, struct buf *out);

/*
 * Appends the query q (what a person typed) in the driver's syntax
 * (db_text_syntax(): FTS5 MATCH text, "\"행정 정혁 혁신\" AND \"system\"",
 * or a tsquery, "('행정' <-> '정혁' <-> '혁신') & ('system')").  Returns the
 * number of parts used; 0 when q has nothing to search for (then out is
 * unchanged).
 */
int search_query(const char *q, const struct db_text_syntax *syn, struct buf *out);

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
