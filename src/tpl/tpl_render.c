/*
 * tpl_render.c: walks a compiled template over a jansson value.
 *
 * Nothing here writes to the set or to the data, so renders may run at once
 * on many threads.  The context stack and the stack of parent overrides are
 * linked frames living in the C stack frames of the calls that push them.
 * Indentation strings live in one buffer per render, used as a stack; it is
 * only allocated once a standalone partial or block indents something.
 *
 * How values print and which are falsy is told in tpl.h.
 *
 * Limits: TPL_MAX_DEPTH nested partials, parents and overrides, and the
 * set's caps on steps and output; passing one stops the render, which then
 * fails and puts out back as it was.
 */
#include "tpl/tpl_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

struct ctx {
	const json_t *value;  /* the data, or an item a section pushed */
	const struct ctx *up; /* the context below it; NULL under the data */
};

struct scope {
	const struct node *parent; /* a parent tag whose kids (blocks) override */
	const struct scope *up;	   /* the parent tag rendering this one; NULL at the top */
};

struct where {
	const struct ctx *ctx;	   /* innermost context */
	const struct scope *scope; /* innermost overrides */
	size_t ind;		   /* this body's indentation: offset in render.indent */
	size_t ilen;		   /* bytes of indentation; 0 for none */
};

struct render {
	const struct tpl_set *set; /* where partials and parents are found */
	struct buf *out;	   /* the caller's output */
	size_t out_start;	   /* out->len when the render began */
	struct buf indent;	   /* indentation strings, the innermost last */
	int depth;		   /* partials, parents and overrides entered */
	size_t steps;		   /* nodes and section items visited */
	size_t max_steps;	   /* cap on steps */
	size_t max_output;	   /* cap on bytes appended */
	int failed;		   /* a limit was passed: unwind */
};

static void render_nodes(struct render *r, const struct node *v, size_t n, const struct where *w,
			 int at_bol);

/* Counts one step; 0 (and the render failed) once a cap is passed. */
static int step(struct render *r)
{
	if (++r->steps > r->max_steps || r->out->len - r->out_start > r->max_output)
		r->failed = 1;
	return !r->failed;
}

static const json_t *lookup(const struct ctx *c, const struct path *p)
{
	if (!p->n)
		return c->value;
	const json_t *v = NULL;
	for (; c && !v; c = c->up)
		if (json_is_object(c->value))
			v = json_object_getn(c->value, p->part[0], p->plen[0]);
	for (size_t i = 1; v && i < p->n; i++)
		v = json_is_object(v) ? json_object_getn(v, p->part[i], p->plen[i]) : NULL;
	return v;
}

static int truthy(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_NULL:
	case JSON_FALSE: return 0;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	default: return 1;
	}
}

/* Whole numbers as integers; others in the shortest %g form that reads back the same. */
static void put_real(struct buf *out, double d)
{
	if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(json_int_t)d) {
		buf_put_int(out, (long long)d);
		return;
	}
	char s[32];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	buf_puts(out, s);
}

static void put_value(struct buf *out, const json_t *v, int escape)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		if (escape)
			buf_put_html(out, json_string_value(v), json_string_length(v));
		else
			buf_append(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER: buf_put_int(out, json_integer_value(v)); break;
	case JSON_REAL: put_real(out, json_real_value(v)); break;
	case JSON_TRUE: buf_puts(out, "true"); break;
	case JSON_FALSE: buf_puts(out, "false"); break;
	default: break;
	}
}

/* Drops b's bytes from len on, keeping it NUL-terminated. */
static void shrink_to(struct buf *b, size_t len)
{
	b->len = len;
	if (b->data)
		b->data[len] = '\0';
}

static void put_indent(struct render *r, const struct where *w)
{
	buf_append(r->out, r->indent.data + w->ind, w->ilen);
}

/* The line at p (before end) is empty: indentation would only trail. */
static int empty_line(const char *p, const char *end)
{
	return *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

/* Text, indenting each line that starts in it (the first only when bol). */
static void put_text(struct render *r, const struct node *nd, const struct where *w, int bol)
{
	const char *p = nd->str, *end = nd->str + nd->len;
	if (!w->ilen) {
		buf_append(r->out, p, nd->len);
		return;
	}
	if (bol && !empty_line(p, end))
		put_indent(r, w);
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || nl + 1 == end) {
			buf_append(r->out, p, (size_t)(end - p));
			return;
		}
		buf_append(r->out, p, (size_t)(nl + 1 - p));
		p = nl + 1;
		if (!empty_line(p, end))
			put_indent(r, w);
	}
}

static void render_item(struct render *r, const struct node *nd, const struct where *w,
			const json_t *item)
{
	struct ctx c = {item, w->ctx};
	struct where in = *w;
	in.ctx = &c;
	if (step(r))
		render_nodes(r, nd->kid, nd->nkid, &in, 0);
}

static void render_section(struct render *r, const struct node *nd, const struct where *w)
{
	const json_t *v = lookup(w->ctx, &nd->path);
	if (!truthy(v))
		return;
	if (!json_is_array(v)) {
		render_item(r, nd, w, v);
		return;
	}
	for (size_t i = 0; i < json_array_size(v) && !r->failed; i++)
		render_item(r, nd, w, json_array_get(v, i));
}

/*
 * Renders v (n nodes: a template, or a block's body) for tag nd.  A tag that
 * stood alone indents all lines of v by its line's indentation on top of the
 * current one; any other tag gives v no indentation, since v's lines are not
 * lines of the current body.  A block's own body is the exception, rendered
 * in place by render_block.
 */
static void render_body(struct render *r, const struct node *nd, const struct where *w,
			const struct scope *scope, const struct node *v, size_t n)
{
	size_t mark = r->indent.len;
	struct where in = {w->ctx, scope, w->ind, nd->standalone ? w->ilen : 0};
	if (nd->standalone && nd->ilen) {
		buf_reserve(&r->indent, w->ilen + nd->ilen);
		buf_append(&r->indent, r->indent.data + w->ind, w->ilen);
		buf_append(&r->indent, nd->indent, nd->ilen);
		in.ind = mark;
		in.ilen = w->ilen + nd->ilen;
	}
	render_nodes(r, v, n, &in, nd->standalone);
	shrink_to(&r->indent, mark);
}

/* render_body for another template or an override, counting the depth. */
static void expand(struct render *r, const struct node *nd, const struct where *w,
		   const struct scope *scope, const struct node *v, size_t n)
{
	if (r->depth == TPL_MAX_DEPTH) {
		r->failed = 1;
		return;
	}
	r->depth++;
	render_body(r, nd, w, scope, v, n);
	r->depth--;
}

/* The template a partial or parent tag names, if the set has it. */
static const struct tpl *target(const struct render *r, const struct node *nd,
				const struct where *w)
{
	if (!nd->dynamic)
		return tpl_set_find(r->set, nd->str);
	const json_t *v = lookup(w->ctx, &nd->path);
	return json_is_string(v) ? tpl_set_find(r->set, json_string_value(v)) : NULL;
}

static void render_partial(struct render *r, const struct node *nd, const struct where *w)
{
	const struct tpl *t = target(r, nd, w);
	if (t)
		expand(r, nd, w, w->scope, t->root, t->n);
}

static void render_parent(struct render *r, const struct node *nd, const struct where *w)
{
	const struct tpl *t = target(r, nd, w);
	struct scope s = {nd, w->scope};
	if (t)
		expand(r, nd, w, &s, t->root, t->n);
}

/* The override for block name: the outermost parent tag giving one wins. */
static const struct node *find_override(const struct scope *s, const char *name)
{
	const struct node *found = NULL;
	for (; s; s = s->up) {
		for (size_t i = 0; i < s->parent->nkid; i++) {
			if (!strcmp(s->parent->kid[i].str, name)) {
				found = &s->parent->kid[i];
				break;
			}
		}
	}
	return found;
}

static void render_block(struct render *r, const struct node *nd, const struct where *w)
{
	const struct node *o = find_override(w->scope, nd->str);
	if (o)
		expand(r, nd, w, w->scope, o->kid, o->nkid);
	else if (nd->standalone)
		render_body(r, nd, w, w->scope, nd->kid, nd->nkid);
	else
		render_nodes(r, nd->kid, nd->nkid, w, 0);
}

static void render_tag(struct render *r, const struct node *nd, const struct where *w)
{
	switch (nd->kind) {
	case NODE_VAR: put_value(r->out, lookup(w->ctx, &nd->path), 1); break;
	case NODE_RAW: put_value(r->out, lookup(w->ctx, &nd->path), 0); break;
	case NODE_SECTION: render_section(r, nd, w); break;
	case NODE_INVERTED:
		if (!truthy(lookup(w->ctx, &nd->path)))
			render_nodes(r, nd->kid, nd->nkid, w, 0);
		break;
	case NODE_PARTIAL: render_partial(r, nd, w); break;
	case NODE_PARENT: render_parent(r, nd, w); break;
	case NODE_BLOCK: render_block(r, nd, w); break;
	case NODE_TEXT:
	case NODE_INDENT: break;
	}
}

/*
 * Renders n nodes.  at_bol: the first one starts a line even if it did not
 * in its source (a body placed on a line of its own), unless it stood alone,
 * as then its line is gone.
 */
static void render_nodes(struct render *r, const struct node *v, size_t n, const struct where *w,
			 int at_bol)
{
	for (size_t i = 0; i < n && step(r); i++) {
		const struct node *nd = &v[i];
		int bol = nd->bol || (i == 0 && at_bol && !nd->standalone);
		if (nd->kind == NODE_TEXT) {
			put_text(r, nd, w, bol);
			continue;
		}
		if (bol && w->ilen)
			put_indent(r, w);
		render_tag(r, nd, w);
	}
}

int tpl_render(const struct tpl_set *set, const char *name, const json_t *data, struct buf *out)
{
	return tpl_render_in(set, name, NULL, data, out);
}

int tpl_render_in(const struct tpl_set *set, const char *name, const json_t *outer,
		  const json_t *data, struct buf *out)
{
	const struct tpl *t = tpl_set_find(set, name);
	if (!t)
		return -1;
	struct render r = {set, out, out->len, BUF_INIT, 0, 0, 0, 0, 0};
	tpl_set_caps(set, &r.max_steps, &r.max_output);
	struct ctx bottom = {outer, NULL};
	struct ctx root = {data, outer ? &bottom : NULL};
	struct where w = {&root, NULL, 0, 0};
	render_nodes(&r, t->root, t->n, &w, 0);
	buf_free(&r.indent);
	if (!r.failed)
		return 0;
	shrink_to(out, r.out_start);
	return -1;
}
