/*
 * tpl_lex.c: template source to tokens.
 *
 * Four passes over one template.  Lexing is sequential because {{=a b=}}
 * changes the delimiters for what follows.  Pairing matches every open tag
 * ({{#}}, {{^}}, {{<}}, {{$}}) with its {{/}}, which is where the compile
 * errors other than a bad tag come from.  Line marking then decides, one whole
 * line at a time, which tags stand alone:
 *
 *  - a line holding only blanks and one tag that is not a value tag loses
 *    its blanks and its line ending (spec core);
 *  - so does a line holding two adjacent tags that ~inheritance pairs:
 *    {{<p}}{{/p}}, {{<p}}{{$b}} and {{/b}}{{/p}};
 *  - {{$b}}{{/b}} alone on a line loses its blanks, which become the block's
 *    indentation, but keeps its line ending.
 *
 * Last, each standalone block gets its margin: the longest run of blanks
 * that all non-blank lines of its body start with.  The parser strips it and
 * the renderer puts back the indentation of wherever the body lands, so an
 * override reads the same in any layout (spec ~inheritance, "reindentation").
 *
 * Memory: tokens point into the caller's source; the token array is grown
 * here with xrealloc and freed by the caller.
 */
#include "tpl/tpl_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"

struct lexer {
	const char *src;      /* template source */
	size_t len;	      /* bytes in src */
	int line;	      /* line of the next byte to lex */
	const char *otag;     /* opening delimiter, in src or a literal */
	size_t olen;	      /* bytes in otag */
	const char *ctag;     /* closing delimiter */
	size_t clen;	      /* bytes in ctag */
	struct tok_list *out; /* tokens so far */
	char *err;	      /* the caller's message buffer, or NULL */
	size_t errlen;	      /* bytes in err */
};

/* How marking treats a line whose tags might stand alone. */
enum line_shape {
	LINE_KEEP,	   /* output as written */
	LINE_REMOVE,	   /* blanks and line ending removed */
	LINE_KEEP_NEWLINE, /* blanks removed, line ending kept: {{$b}}{{/b}} */
};

__attribute__((format(printf, 3, 4))) static int lex_error(struct lexer *lx, int line,
							   const char *fmt, ...)
{
	if (!lx->err || !lx->errlen)
		return -1;
	int n = snprintf(lx->err, lx->errlen, "line %d: ", line);
	if (n < 0 || (size_t)n >= lx->errlen)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lx->err + n, lx->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* How many bytes of a name an error message shows. */
static int shown(size_t nlen)
{
	return (int)(nlen > 64 ? 64 : nlen);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return is_blank(c) || c == '\r' || c == '\n';
}

static int count_lines(const char *s, size_t n)
{
	int lines = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
		lines++;
	return lines;
}

static struct tok *tok_push(struct tok_list *l, enum tok_kind kind, size_t start, size_t end,
			    int line)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	struct tok *t = &l->v[l->n++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->start = start;
	t->end = end;
	t->after = end;
	t->before = start;
	t->line = line;
	return t;
}

/* Text from..to, one token per line. */
static void lex_text(struct lexer *lx, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(lx->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - lx->src) + 1 : to;
		tok_push(lx->out, TOK_TEXT, from, end, lx->line);
		lx->line += nl != NULL;
		from = end;
	}
}

/* The closing delimiter at or after from; with pre, one preceded by pre after from. */
static const char *find_close(const struct lexer *lx, size_t from, char pre)
{
	const char *s = lx->src + from, *end = lx->src + lx->len;
	while (s < end) {
		const char *q = memmem(s, (size_t)(end - s), lx->ctag, lx->clen);
		if (!q || !pre)
			return q;
		if (q > lx->src + from && q[-1] == pre)
			return q - 1;
		s = q + 1;
	}
	return NULL;
}

int tpl_name_body(const char *src, const struct tok *t, size_t *off, size_t *len)
{
	size_t o = t->name, e = t->name + t->nlen;
	int star = o < e && src[o] == '*';
	if (star)
		for (o++; o < e && is_space(src[o]); o++)
			;
	*off = o;
	*len = e - o;
	return star;
}

/* Trims content s..e into t's name and checks it is one word. */
static int tag_name(struct lexer *lx, struct tok *t, size_t s, size_t e)
{
	while (s < e && is_space(lx->src[s]))
		s++;
	while (e > s && is_space(lx->src[e - 1]))
		e--;
	t->name = s;
	t->nlen = e - s;
	size_t off = s, len = e - s;
	if (t->kind == TOK_PARTIAL || t->kind == TOK_PARENT || t->kind == TOK_CLOSE)
		tpl_name_body(lx->src, t, &off, &len);
	if (!len)
		return lex_error(lx, t->line, "empty tag name");
	for (size_t i = off; i < off + len; i++)
		if (is_space(lx->src[i]))
			return lex_error(lx, t->line, "blank inside tag name '%.*s'",
					 shown(t->nlen), lx->src + t->name);
	return 0;
}

/* {{=open close=}}: content s..e must be two words without blanks. */
static int set_delims(struct lexer *lx, const struct tok *t, size_t s, size_t e)
{
	while (s < e && is_space(lx->src[s]))
		s++;
	while (e > s && is_space(lx->src[e - 1]))
		e--;
	size_t mid = s;
	while (mid < e && !is_space(lx->src[mid]))
		mid++;
	size_t c = mid;
	while (c < e && is_space(lx->src[c]))
		c++;
	if (mid == s || c == e)
		return lex_error(lx, t->line, "bad set-delimiter tag");
	for (size_t i = c; i < e; i++)
		if (is_space(lx->src[i]))
			return lex_error(lx, t->line, "bad set-delimiter tag");
	lx->otag = lx->src + s;
	lx->olen = mid - s;
	lx->ctag = lx->src + c;
	lx->clen = e - c;
	return 0;
}

static enum tok_kind sigil_kind(char c)
{
	switch (c) {
	case '#': return TOK_SECTION;
	case '^': return TOK_INVERTED;
	case '/': return TOK_CLOSE;
	case '!': return TOK_COMMENT;
	case '=': return TOK_DELIM;
	case '>': return TOK_PARTIAL;
	case '<': return TOK_PARENT;
	case '$': return TOK_BLOCK;
	case '{':
	case '&': return TOK_RAW;
	default: return TOK_VAR;
	}
}

/* The tag whose opening delimiter is at `at`. */
static int lex_tag(struct lexer *lx, size_t at)
{
	size_t p = at + lx->olen;
	char sigil = p < lx->len ? lx->src[p] : '\0';
	enum tok_kind kind = sigil_kind(sigil);
	char pre = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
	if (kind != TOK_VAR)
		p++;
	const char *q = find_close(lx, p, pre);
	if (!q)
		return lex_error(lx, lx->line, "unclosed tag");
	size_t ce = (size_t)(q - lx->src);
	size_t end = ce + (pre != '\0') + lx->clen;
	struct tok *t = tok_push(lx->out, kind, at, end, lx->line);
	lx->line += count_lines(lx->src + at, end - at);
	if (kind == TOK_COMMENT)
		return 0;
	if (kind == TOK_DELIM)
		return set_delims(lx, t, p, ce);
	return tag_name(lx, t, p, ce);
}

static int lex_all(struct lexer *lx)
{
	size_t pos = 0;
	while (pos < lx->len) {
		const char *o = memmem(lx->src + pos, lx->len - pos, lx->otag, lx->olen);
		size_t at = o ? (size_t)(o - lx->src) : lx->len;
		lex_text(lx, pos, at);
		if (!o)
			break;
		if (lex_tag(lx, at) < 0)
			return -1;
		pos = lx->out->v[lx->out->n - 1].end;
	}
	return 0;
}

static int is_open(enum tok_kind k)
{
	return k == TOK_SECTION || k == TOK_INVERTED || k == TOK_PARENT || k == TOK_BLOCK;
}

static const char *open_word(enum tok_kind k)
{
	return k == TOK_BLOCK ? "block" : k == TOK_PARENT ? "parent" : "section";
}

/* Open and close tags name the same thing ("*x" and "* x" are one name). */
static int same_name(const char *src, const struct tok *a, const struct tok *b)
{
	size_t ao, al, bo, bl;
	int as = tpl_name_body(src, a, &ao, &al);
	int bs = tpl_name_body(src, b, &bo, &bl);
	return as == bs && al == bl && !memcmp(src + ao, src + bo, al);
}

static int close_tag(struct lexer *lx, size_t *stack, size_t *depth, size_t i)
{
	struct tok *v = lx->out->v, *c = &v[i];
	int n = shown(c->nlen);
	if (!*depth)
		return lex_error(lx, c->line, "closing tag '%.*s' without an open tag", n,
				 lx->src + c->name);
	struct tok *o = &v[stack[--*depth]];
	if (!same_name(lx->src, o, c))
		return lex_error(lx, c->line,
				 "closing tag '%.*s' does not match %s '%.*s' (line %d)", n,
				 lx->src + c->name, open_word(o->kind), shown(o->nlen),
				 lx->src + o->name, o->line);
	o->match = i;
	c->match = stack[*depth];
	return 0;
}

static int pair_tags(struct lexer *lx)
{
	size_t stack[TPL_MAX_NEST], depth = 0;
	for (size_t i = 0; i < lx->out->n; i++) {
		const struct tok *t = &lx->out->v[i];
		if (is_open(t->kind)) {
			if (depth == TPL_MAX_NEST)
				return lex_error(lx, t->line, "tags nested more than %d deep",
						 TPL_MAX_NEST);
			stack[depth++] = i;
		} else if (t->kind == TOK_CLOSE && close_tag(lx, stack, &depth, i) < 0) {
			return -1;
		}
	}
	if (!depth)
		return 0;
	const struct tok *o = &lx->out->v[stack[depth - 1]];
	return lex_error(lx, o->line, "unclosed %s '%.*s'", open_word(o->kind), shown(o->nlen),
			 lx->src + o->name);
}

/* Text token t holds only blanks, up to its line ending. */
static int blank_text(const char *src, const struct tok *t)
{
	size_t i = t->start;
	while (i < t->end && is_blank(src[i]))
		i++;
	return i == t->end || src[i] == '\n' || (src[i] == '\r' && i + 2 == t->end);
}

/* The shape of a line whose only tags are the adjacent a and b. */
static enum line_shape pair_shape(const struct tok *v, size_t a, size_t b)
{
	enum tok_kind ka = v[a].kind, kb = v[b].kind;
	if (ka == TOK_PARENT && (v[a].match == b || kb == TOK_BLOCK))
		return LINE_REMOVE;
	if (ka == TOK_BLOCK && v[a].match == b)
		return LINE_KEEP_NEWLINE;
	if (ka == TOK_CLOSE && kb == TOK_CLOSE && v[v[a].match].kind == TOK_BLOCK &&
	    v[v[b].match].kind == TOK_PARENT)
		return LINE_REMOVE;
	return LINE_KEEP;
}

/* Tokens a..b are one line; finds its shape and marks it. */
static void mark_line(const char *src, struct tok *v, size_t a, size_t b)
{
	size_t tag[2], nt = 0;
	for (size_t i = a; i < b; i++) {
		if (v[i].kind == TOK_TEXT) {
			if (!blank_text(src, &v[i]))
				return;
		} else if (nt == 2) {
			return;
		} else {
			tag[nt++] = i;
		}
	}
	enum line_shape shape = LINE_KEEP;
	if (nt == 1 && v[tag[0]].kind != TOK_VAR && v[tag[0]].kind != TOK_RAW)
		shape = LINE_REMOVE;
	else if (nt == 2 && tag[1] == tag[0] + 1)
		shape = pair_shape(v, tag[0], tag[1]);
	if (shape == LINE_KEEP)
		return;
	size_t line_start = v[a].start, line_end = v[b - 1].end;
	for (size_t i = a; i < b; i++) {
		v[i].drop = v[i].kind == TOK_TEXT;
		v[i].standalone = v[i].kind != TOK_TEXT;
		if (shape == LINE_REMOVE) {
			v[i].after = line_end;
			v[i].before = line_start;
		}
	}
	struct tok *first = &v[tag[0]], *last = &v[b - 1];
	first->ind = line_start;
	first->ilen = first->start - line_start;
	if (shape == LINE_KEEP_NEWLINE && last->kind == TOK_TEXT && src[last->end - 1] == '\n') {
		size_t nl = last->end - 1;
		last->drop = 0;
		last->start = nl > last->start && src[nl - 1] == '\r' ? nl - 1 : nl;
	}
}

static void mark_lines(struct lexer *lx)
{
	struct tok *v = lx->out->v;
	size_t n = lx->out->n, a = 0;
	while (a < n) {
		size_t b = a;
		while (b < n && !(v[b].kind == TOK_TEXT && lx->src[v[b].end - 1] == '\n'))
			b++;
		b = b < n ? b + 1 : n;
		mark_line(lx->src, v, a, b);
		a = b;
	}
}

/* Common leading blanks of the non-blank lines in a..b (a starts a line). */
static void find_margin(const char *src, size_t a, size_t b, size_t *mar, size_t *mlen)
{
	int seen = 0;
	*mar = a;
	*mlen = 0;
	while (a < b) {
		size_t ws = a;
		while (ws < b && is_blank(src[ws]))
			ws++;
		const char *nl = memchr(src + ws, '\n', b - ws);
		size_t next = nl ? (size_t)(nl - src) + 1 : b;
		int blank = ws == b || src[ws] == '\n' || (src[ws] == '\r' && ws + 1 == next - 1);
		if (!blank && !seen) {
			*mar = a;
			*mlen = ws - a;
			seen = 1;
		} else if (!blank) {
			size_t k = 0;
			while (k < *mlen && k < ws - a && src[*mar + k] == src[a + k])
				k++;
			*mlen = k;
		}
		a = next;
	}
}

static void block_margins(struct lexer *lx)
{
	struct tok *v = lx->out->v;
	for (size_t i = 0; i < lx->out->n; i++)
		if (v[i].kind == TOK_BLOCK && v[i].standalone)
			find_margin(lx->src, v[i].after, v[v[i].match].before, &v[i].mar,
				    &v[i].mlen);
}

int tpl_lex(const char *src, size_t len, struct tok_list *toks, char *err, size_t errlen)
{
	struct lexer lx = {src, len, 1, "{{", 2, "}}", 2, toks, err, errlen};
	if (len > TPL_MAX_SOURCE)
		return lex_error(&lx, 1, "template larger than %zu bytes", TPL_MAX_SOURCE);
	if (lex_all(&lx) < 0 || pair_tags(&lx) < 0)
		return -1;
	mark_lines(&lx);
	block_margins(&lx);
	return 0;
}
