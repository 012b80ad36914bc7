/*
 * tpl_parse.c: tokens to the node tree.
 *
 * One pass over the tokens with a stack of open tags.  Runs of text become
 * one node; inside a standalone block each line first loses the block's
 * margin (found by tpl_lex.c).  A node that begins a source line is marked
 * bol, since a standalone partial or block indents every line it renders.
 * A line that begins with a tag making no node (comment, delimiter change,
 * closing tag) gets a NODE_INDENT, so the indentation lands where the spec's
 * "indent each line, then render" puts it.  Inside a parent tag only blocks
 * are kept: the spec has the rest ignored.
 *
 * Memory: each open tag grows its kids in an array it owns, and hands the
 * finished node to the tag enclosing it; the root's kids go to the struct
 * tpl.  Text, names and indentation are copied out of the source, which the
 * tree never points into.
 */
#include "tpl/tpl_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

struct open {
	struct node node; /* the tag being built; for the root a bare container */
	size_t cap;	  /* nodes allocated in node.kid */
	const char *mar;  /* margin stripped from each line of this body (in the source) */
	size_t mlen;	  /* bytes in mar */
};

struct builder {
	const char *src;		     /* template source */
	const struct tok *tok;		     /* its tokens */
	struct open stack[TPL_MAX_NEST + 1]; /* open tags, the root first */
	size_t depth;			     /* entries used in stack */
	struct buf text;		     /* text run not yet made a node */
	int text_bol;			     /* that run begins a line */
	int bol;			     /* a line began and no node took its indentation */
};

static struct open *top(struct builder *b)
{
	return &b->stack[b->depth - 1];
}

static int at_line_start(const char *src, size_t pos)
{
	return pos == 0 || src[pos - 1] == '\n';
}

static int take_bol(struct builder *b)
{
	int bol = b->bol;
	b->bol = 0;
	return bol;
}

/* How many leading bytes of s (n bytes) are the margin mar. */
static size_t margin_in(const char *s, size_t n, const char *mar, size_t mlen)
{
	size_t k = 0;
	while (k < n && k < mlen && s[k] == mar[k])
		k++;
	return k;
}

static void kid_push(struct open *o, const struct node *nd)
{
	if (o->node.nkid == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->node.kid = xrealloc(o->node.kid, o->cap * sizeof *o->node.kid);
	}
	o->node.kid[o->node.nkid++] = *nd;
}

/* "a.b" to {"a", "b"}; "." to no parts (the implicit iterator). */
static struct path path_make(const char *s, size_t len)
{
	struct path p = {NULL, NULL, 0};
	if (len == 1 && s[0] == '.')
		return p;
	p.n = 1;
	for (size_t i = 0; i < len; i++)
		p.n += s[i] == '.';
	p.part = xmalloc(p.n * (sizeof *p.part + sizeof *p.plen) + len + 1);
	p.plen = (size_t *)(p.part + p.n);
	char *str = (char *)(p.plen + p.n);
	memcpy(str, s, len);
	str[len] = '\0';
	size_t k = 0;
	p.part[k++] = str;
	for (size_t i = 0; i < len; i++) {
		if (str[i] == '.') {
			str[i] = '\0';
			p.part[k++] = str + i + 1;
		}
	}
	for (k = 0; k < p.n; k++)
		p.plen[k] = strlen(p.part[k]);
	return p;
}

static void flush_text(struct builder *b)
{
	if (!b->text.len)
		return;
	struct node nd = {.kind = NODE_TEXT, .bol = b->text_bol};
	nd.str = buf_detach(&b->text, &nd.len);
	kid_push(top(b), &nd);
}

static void add_text(struct builder *b, const struct tok *t)
{
	size_t s = t->start;
	if (at_line_start(b->src, s)) {
		b->bol = 1;
		s += margin_in(b->src + s, t->end - s, top(b)->mar, top(b)->mlen);
	}
	if (s == t->end)
		return;
	if (!b->text.len)
		b->text_bol = b->bol;
	b->bol = 0;
	buf_append(&b->text, b->src + s, t->end - s);
}

/* The indentation a standalone partial, parent or block adds, less the margin around it. */
static char *indent_of(struct builder *b, const struct tok *t, size_t *ilen)
{
	size_t off = t->ind, len = t->ilen;
	if (t->kind == TOK_BLOCK && t->mlen) {
		off = t->mar;
		len = t->mlen;
	}
	size_t k = margin_in(b->src + off, len, top(b)->mar, top(b)->mlen);
	*ilen = len - k;
	return *ilen ? xstrndup(b->src + off + k, *ilen) : NULL;
}

static struct node tag_node(struct builder *b, const struct tok *t)
{
	static const enum node_kind kinds[] = {
		[TOK_VAR] = NODE_VAR,	      [TOK_RAW] = NODE_RAW,
		[TOK_SECTION] = NODE_SECTION, [TOK_INVERTED] = NODE_INVERTED,
		[TOK_PARTIAL] = NODE_PARTIAL, [TOK_PARENT] = NODE_PARENT,
		[TOK_BLOCK] = NODE_BLOCK,
	};
	struct node nd = {.kind = kinds[t->kind], .standalone = t->standalone};
	size_t off = t->name, len = t->nlen;
	if (t->kind == TOK_PARTIAL || t->kind == TOK_PARENT)
		nd.dynamic = tpl_name_body(b->src, t, &off, &len);
	if (t->kind == TOK_BLOCK ||
	    ((t->kind == TOK_PARTIAL || t->kind == TOK_PARENT) && !nd.dynamic)) {
		nd.str = xstrndup(b->src + off, len);
		nd.len = len;
	} else {
		nd.path = path_make(b->src + off, len);
	}
	if (nd.standalone &&
	    (nd.kind == NODE_PARTIAL || nd.kind == NODE_PARENT || nd.kind == NODE_BLOCK))
		nd.indent = indent_of(b, t, &nd.ilen);
	assert(!nd.standalone || !b->bol);
	nd.bol = take_bol(b);
	return nd;
}

static void open_tag(struct builder *b, const struct tok *t)
{
	flush_text(b);
	struct open *o = &b->stack[b->depth];
	memset(o, 0, sizeof *o);
	o->node = tag_node(b, t);
	o->mar = top(b)->mar;
	o->mlen = top(b)->mlen;
	if (t->kind == TOK_BLOCK && t->mlen) {
		o->mar = b->src + t->mar;
		o->mlen = t->mlen;
	}
	b->depth++;
}

/* Ends the innermost open tag's body (the root's too, at depth 1). */
static void end_body(struct builder *b)
{
	struct open *o = top(b);
	flush_text(b);
	if (take_bol(b) && o->node.kind != NODE_PARENT) {
		struct node ind = {.kind = NODE_INDENT, .bol = 1};
		kid_push(o, &ind);
	}
	if (o->node.nkid && o->node.nkid < o->cap)
		o->node.kid = xrealloc(o->node.kid, o->node.nkid * sizeof *o->node.kid);
}

static void close_tag(struct builder *b)
{
	end_body(b);
	struct node nd = top(b)->node;
	b->depth--;
	kid_push(top(b), &nd);
}

static void add_leaf(struct builder *b, const struct tok *t)
{
	flush_text(b);
	struct node nd = tag_node(b, t);
	kid_push(top(b), &nd);
}

/* Inside a parent only blocks matter: other tags, and whatever they enclose, are skipped. */
static size_t skip_in_parent(const struct tok *t, size_t i)
{
	int opens = t->kind == TOK_SECTION || t->kind == TOK_INVERTED || t->kind == TOK_PARENT;
	return opens ? t->match : i;
}

static void build(struct builder *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct tok *t = &b->tok[i];
		if (top(b)->node.kind == NODE_PARENT && t->kind != TOK_BLOCK &&
		    t->kind != TOK_CLOSE) {
			i = skip_in_parent(t, i);
			continue;
		}
		if (t->kind == TOK_TEXT) {
			if (!t->drop)
				add_text(b, t);
			continue;
		}
		if (!t->standalone && at_line_start(b->src, t->start))
			b->bol = 1;
		switch (t->kind) {
		case TOK_COMMENT:
		case TOK_DELIM: break;
		case TOK_CLOSE: close_tag(b); break;
		case TOK_VAR:
		case TOK_RAW:
		case TOK_PARTIAL: add_leaf(b, t); break;
		default: open_tag(b, t); break;
		}
	}
}

int tpl_compile(const char *src, size_t len, struct tpl *t, char *err, size_t errlen)
{
	struct tok_list toks = {NULL, 0, 0};
	if (tpl_lex(src, len, &toks, err, errlen) < 0) {
		free(toks.v);
		return -1;
	}
	struct builder *b = xcalloc(1, sizeof *b);
	b->src = src;
	b->tok = toks.v;
	b->depth = 1;
	build(b, toks.n);
	assert(b->depth == 1);
	end_body(b);
	t->root = b->stack[0].node.kid;
	t->n = b->stack[0].node.nkid;
	buf_free(&b->text);
	free(b);
	free(toks.v);
	return 0;
}

void tpl_nodes_free(struct node *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].str);
		free(v[i].path.part);
		free(v[i].indent);
		tpl_nodes_free(v[i].kid, v[i].nkid);
	}
	free(v);
}
