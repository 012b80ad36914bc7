/* search.c: see search.h. */
#include "mod/knowledge/search.h"

#include <string.h>

#include "core/buf.h"

#define WORD_MAX 64 /* bytes of a word term; longer words are cut */

enum kind { SEP, WORD, DENSE };

/* The code point at s[0..n) and its length in *len; -1 (length 1) if the
 * bytes are not UTF-8. */
static long next_cp(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	size_t k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!k || k > n || s[0] > 0xF4)
		return -1;
	long cp = s[0] & (0x3F >> (k - 1));
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*len = k;
	return cp;
}

static enum kind kind_of(long cp)
{
	if (cp < 0)
		return SEP;
	if (cp < 0x80)
		return ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9') ? WORD
											  : SEP;
	if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
	    (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF))
		return DENSE;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xD800 && cp <= 0xF8FF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF20) ||
	    (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp >= 0xFFF0)
		return SEP;
	return WORD;
}

/* A run of one kind: where it is in the text, and its characters' offsets. */
struct run {
	enum kind kind;
	const char *start;
	size_t len;    /* bytes */
	size_t chars;  /* characters */
	size_t first2; /* bytes of the first character */
};

typedef void run_fn(void *ctx, const struct run *r);

/* Calls fn for each run of WORD or DENSE characters of text[0..len). */
static void each_run(const char *text, size_t len, run_fn *fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		size_t n;
		enum kind k = kind_of(next_cp(s + i, len - i, &n));
		if (k == SEP) {
			i += n;
			continue;
		}
		struct run r = {k, text + i, 0, 0, n};
		while (i < len) {
			size_t m;
			if (kind_of(next_cp(s + i, len - i, &m)) != k)
				break;
			r.len += m;
			r.chars++;
			i += m;
		}
		fn(ctx, &r);
	}
}

/* Appends a word lower-cased (ASCII), at most WORD_MAX bytes, whole characters. */
static void put_word(struct buf *out, const char *s, size_t len)
{
	size_t cut = len;
	if (cut > WORD_MAX) {
		cut = WORD_MAX;
		while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	for (size_t i = 0; i < cut; i++)
		buf_putc(out, (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i]);
}

/* Appends a dense run's pairs ("행정 정혁 혁신"), or its one character. */
static void put_pairs(struct buf *out, const struct run *r)
{
	const unsigned char *s = (const unsigned char *)r->start;
	size_t i = 0, a, b;
	next_cp(s, r->len, &a);
	if (r->chars == 1) {
		buf_append(out, r->start, a);
		return;
	}
	for (size_t k = 0; k + 1 < r->chars; k++) {
		next_cp(s + i + a, r->len - i - a, &b);
		if (k)
			buf_putc(out, ' ');
		buf_append(out, r->start + i, a + b);
		i += a;
		a = b;
	}
}

/*
 * Particles and endings a word (어절) loses to become the word itself
 * (탄소중립을 → 탄소중립), longest first within each length; taken off only
 * when two syllables are left, so 결과, 제도 and 평가 stay as they are.
 * The same table cuts documents and queries, so a wrong cut (어린이 →
 * 어린) still finds the same words: it only moves a match between "whole"
 * and "start".
 */
static const char *const endings[] = {
	"하였으며", "되었으며", "에서는", "에서도", "으로는", "으로도", "으로서", "으로써",
	"에게서",   "하였다",	"되었다", "하였고", "되었고", "이라는", "합니다", "입니다",
	"에서",	    "으로",	"에게",	  "부터",   "까지",   "한다",	"된다",	  "하다",
	"되다",	    "하고",	"하여",	  "하며",   "되어",   "되며",	"이다",	  "에는",
	"에도",	    "과의",	"와의",	  "와는",   "과는",   "처럼",	"보다",	  "마다",
	"라는",	    "로서",	"로써",	  "하는",   "되는",   "하게",	"은",	  "는",
	"이",	    "가",	"을",	  "를",	    "의",     "에",	"로",	  "와",
	"과",	    "도",	"만",	  "한",	    "된",     "할",	"될",	  NULL};

/* The bytes of r that are the word without its particle or ending. */
static size_t stem_len(const struct run *r)
{
	if (r->kind != DENSE)
		return r->len;
	for (const char *const *e = endings; *e; e++) {
		size_t n = strlen(*e), syllables = n / 3; /* Hangul syllables: 3 bytes */
		if (r->chars >= syllables + 2 && r->len > n &&
		    !memcmp(r->start + r->len - n, *e, n))
			return r->len - n;
	}
	return r->len;
}

/* The run cut to its stem (its characters counted again). */
static struct run stem_of(const struct run *r)
{
	struct run s = *r;
	s.len = stem_len(r);
	if (s.len != r->len)
		s.chars = r->chars - (r->len - s.len) / 3;
	return s;
}

/* Appends " " mark and the first chars characters of r. */
static void put_marked(struct buf *out, const char *mark, const struct run *r, size_t chars)
{
	size_t bytes = 0, k;
	for (size_t i = 0; i < chars; i++) {
		next_cp((const unsigned char *)r->start + bytes, r->len - bytes, &k);
		bytes += k;
	}
	buf_putc(out, ' ');
	buf_puts(out, mark);
	put_word(out, r->start, bytes);
}

static void term_run(void *ctx, const struct run *r)
{
	struct buf *out = ctx;
	if (out->len && out->data[out->len - 1] != ' ')
		buf_putc(out, ' ');
	if (r->kind == WORD) {
		put_word(out, r->start, r->len);
		return;
	}
	put_pairs(out, r);
	struct run s = stem_of(r);
	put_marked(out, SEARCH_WORD_MARK, &s, s.chars);
	for (size_t k = 1; k <= s.chars && k <= SEARCH_START_MAX; k++)
		put_marked(out, SEARCH_START_MARK, &s, k);
}

void search_terms(const char *text, size_t len, struct buf *out)
{
	each_run(text, len, term_run, out);
}

void search_title_terms(const char *text, size_t len, struct buf *out)
{
	struct buf terms = BUF_INIT;
	each_run(text, len, term_run, &terms);
	const char *t = terms.data ? terms.data : "";
	buf_puts(out, t);
	while (*t) {
		t += strspn(t, " ");
		size_t n = strcspn(t, " ");
		if (n)
			buf_printf(out, " %s%.*s", SEARCH_TITLE_MARK, (int)n, t);
		t += n;
	}
	buf_free(&terms);
}

/* The query's parts, each run of the query up to SEARCH_MAX_PARTS. */
struct parts {
	struct run run[SEARCH_MAX_PARTS];
	size_t n;
};

static void part_run(void *ctx, const struct run *r)
{
	struct parts *p = ctx;
	if (p->n < SEARCH_MAX_PARTS)
		p->run[p->n++] = *r;
}

/* q cut to SEARCH_MAX_QUERY characters: its length in bytes. */
static size_t query_len(const char *q)
{
	size_t i = 0, chars = 0, n = strlen(q);
	while (i < n && chars < SEARCH_MAX_QUERY) {
		size_t k;
		next_cp((const unsigned char *)q + i, n - i, &k);
		i += k;
		chars++;
	}
	return i;
}

/* Appends one part (a run of the query, cut to its stem) at level lv. */
static void put_part(const struct run *r, const struct db_text_syntax *syn, enum search_level lv,
		     struct buf *terms, struct buf *out)
{
	int title = lv == SEARCH_TITLE_WORD || lv == SEARCH_TITLE_START || lv == SEARCH_TITLE_ANY;
	int any = lv == SEARCH_TITLE_ANY || lv == SEARCH_ANY;
	/* 혁 → pairs starting with it; the marked terms are all whole */
	int prefix = any && r->kind == DENSE && r->chars == 1;
	buf_reset(terms);
	if (!any && r->kind == DENSE && lv <= SEARCH_WORD) {
		put_marked(terms, SEARCH_WORD_MARK, r, r->chars);
	} else if (!any && r->kind == DENSE) { /* starts are indexed up to a length */
		put_marked(terms, SEARCH_START_MARK, r,
			   r->chars < SEARCH_START_MAX ? r->chars : SEARCH_START_MAX);
	} else if (r->kind == DENSE)
		put_pairs(terms, r);
	else
		put_word(terms, r->start, r->len);
	buf_puts(out, syn->open);
	const char *t = terms->data + (terms->data[0] == ' ');
	for (int k = 0; *t; k++) {
		size_t n = strcspn(t, " ");
		buf_printf(out, "%s%s%s%.*s%s%s", k ? syn->next : "", syn->quote,
			   title ? SEARCH_TITLE_MARK : "", (int)n, t, syn->quote,
			   prefix ? syn->term_prefix : "");
		t += n + (t[n] == ' ');
	}
	buf_puts(out, syn->close);
	buf_puts(out, prefix ? syn->part_prefix : "");
}

/* The query's parts, cut to SEARCH_MAX_QUERY characters, each run its stem. */
static void query_parts(const char *q, struct parts *p)
{
	p->n = 0;
	each_run(q, query_len(q), part_run, p);
	for (size_t i = 0; i < p->n; i++)
		p->run[i] = stem_of(&p->run[i]);
}

/* Appends every part of p at level lv, joined by the driver's "and". */
static void put_level(const struct parts *p, const struct db_text_syntax *syn, enum search_level lv,
		      struct buf *terms, struct buf *out)
{
	for (size_t i = 0; i < p->n; i++) {
		buf_puts(out, i ? syn->and : "");
		put_part(&p->run[i], syn, lv, terms, out);
	}
}

int search_query(const char *q, const struct db_text_syntax *syn, enum search_level lv,
		 struct buf *out)
{
	struct parts p;
	query_parts(q, &p);
	struct buf terms = BUF_INIT;
	put_level(&p, syn, lv, &terms, out);
	buf_free(&terms);
	return (int)p.n;
}

int search_group(const char *q, const struct db_text_syntax *syn, enum search_level g,
		 struct buf *out)
{
	struct parts p;
	query_parts(q, &p);
	struct buf terms = BUF_INIT;
	if (p.n) {
		buf_puts(out, "(");
		put_level(&p, syn, g, &terms, out);
		buf_puts(out, ")");
	}
	for (int before = 0; p.n && before < (int)g; before++) {
		buf_puts(out, before ? syn->or : syn->but_not);
		buf_puts(out, before ? "(" : "((");
		put_level(&p, syn, (enum search_level)before, &terms, out);
		buf_puts(out, ")");
	}
	if (p.n && g)
		buf_puts(out, ")");
	buf_free(&terms);
	return (int)p.n;
}

int search_short(const char *q)
{
	struct parts p;
	query_parts(q, &p);
	return p.n == 1 && p.run[0].kind == DENSE && p.run[0].chars <= 2;
}

/* 1 if part (lower-case ASCII) is at s (ASCII compared without case). */
static int part_at(const char *s, size_t left, const struct buf *part)
{
	if (part->len > left)
		return 0;
	for (size_t i = 0; i < part->len; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		if (c != part->data[i])
			return 0;
	}
	return 1;
}

/* The length of the part at s, the longest that matches; 0 if none. */
static size_t match_at(const char *s, size_t left, const struct buf *parts, size_t n)
{
	size_t best = 0;
	for (size_t i = 0; i < n; i++)
		if (parts[i].len > best && part_at(s, left, &parts[i]))
			best = parts[i].len;
	return best;
}

void search_marks_init(struct search_marks *m, const char *q)
{
	struct parts p;
	query_parts(q, &p); /* the stems: 탄소중립을 marks 탄소중립 */
	for (size_t i = 0; i < p.n; i++) {
		m->part[i] = (struct buf)BUF_INIT;
		put_word(&m->part[i], p.run[i].start, p.run[i].len); /* as typed, ASCII lowered */
	}
	m->n = p.n;
}

void search_marks_free(struct search_marks *m)
{
	for (size_t i = 0; i < m->n; i++)
		buf_free(&m->part[i]);
	m->n = 0;
}

void search_snippet(const char *text, const struct search_marks *m, size_t width, struct buf *out)
{
	size_t len = strlen(text), first = 0, found = 0;
	for (size_t i = 0; i < len && !found; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80 &&
		    match_at(text + i, len - i, m->part, m->n))
			first = i, found = 1;
	/* start a third of the width before the match, on a character */
	size_t start = 0, back = found ? width / 3 : 0, k;
	if (back) {
		size_t count = 0;
		start = first;
		while (start > 0 && count < back) {
			start--;
			while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
				start--;
			count++;
		}
	}
	if (start)
		buf_puts(out, "…");
	size_t i = start, chars = 0;
	while (i < len && chars < width) {
		size_t hit = match_at(text + i, len - i, m->part, m->n);
		if (hit) {
			buf_puts(out, "<mark>");
			buf_put_html(out, text + i, hit);
			buf_puts(out, "</mark>");
			for (size_t j = 0; j < hit; j++)
				chars += ((unsigned char)text[i + j] & 0xC0) != 0x80;
			i += hit;
			continue;
		}
		next_cp((const unsigned char *)text + i, len - i, &k);
		char c = text[i];
		if (c == '\n' || c == '\r' || c == '\t')
			buf_putc(out, ' ');
		else
			buf_put_html(out, text + i, k);
		i += k;
		chars++;
	}
	if (i < len)
		buf_puts(out, "…");
}
