/*
 * tpl_int.h: what the files of the template engine share.
 *
 * Compiling is two steps: tpl_lex.c turns the source into tokens and settles
 * everything that needs a whole line or a whole block in view (which tags
 * stand alone, how far a block's body is indented); tpl_parse.c then builds
 * the node tree.  tpl_render.c walks the tree and never writes to it, which
 * is what lets many threads render from one set.  tpl_set.c holds the named
 * templates.
 *
 * Invariants: a node's kids are only set for sections, inverted sections,
 * blocks and parents; a parent's kids are all blocks (its overrides).
 * Tag nesting inside one template is at most TPL_MAX_NEST deep.
 *
 * Memory: a node owns its strings and its kids; a struct tpl owns its name
 * and root nodes; the set owns its tpls.  Tokens point into the caller's
 * source and live only while one template compiles.
 */
#ifndef INNOLAND_TPL_INT_H
#define INNOLAND_TPL_INT_H

#include <stddef.h>

#include "tpl/tpl.h"

/* Deepest nesting of sections, blocks and parents inside one template. */
#define TPL_MAX_NEST 64
/* Deepest chain of partials, parents and block overrides in one render. */
#define TPL_MAX_DEPTH 64
/* Largest template source accepted, in bytes. */
#define TPL_MAX_SOURCE ((size_t)16 << 20)
/* Default cap on nodes visited (and section items) in one render. */
#define TPL_MAX_STEPS ((size_t)16 << 20)
/* Default cap on bytes one render appends. */
#define TPL_MAX_OUTPUT ((size_t)64 << 20)

enum tok_kind {
	TOK_TEXT,     /* literal text: one line at most, ending at and including '\n' */
	TOK_VAR,      /* {{name}}: escaped value */
	TOK_RAW,      /* {{{name}}} or {{&name}}: unescaped value */
	TOK_SECTION,  /* {{#name}} */
	TOK_INVERTED, /* {{^name}} */
	TOK_CLOSE,    /* {{/name}} */
	TOK_COMMENT,  /* {{! ... }} */
	TOK_DELIM,    /* {{=<% %>=}} */
	TOK_PARTIAL,  /* {{>name}} or {{>*name}} */
	TOK_PARENT,   /* {{<name}} or {{<*name}} */
	TOK_BLOCK,    /* {{$name}} */
};

struct tok {
	enum tok_kind kind; /* what the token is */
	int line;	    /* 1-based source line it starts on */
	int standalone;	    /* tag: alone on its line, which is removed from the output */
	int drop;	    /* text: whitespace of a standalone line; not output */
	size_t start;	    /* first source byte of the text or tag */
	size_t end;	    /* one past the last source byte */
	size_t name;	    /* tag: source offset of its trimmed content (after the sigil) */
	size_t nlen;	    /* tag: bytes of content */
	size_t match;	    /* open or close tag: index of its partner */
	size_t ind;	    /* standalone tag: source offset of the whitespace leading its line */
	size_t ilen;	    /* bytes of that whitespace */
	size_t after;	    /* open tag: where its body starts (past a removed line) */
	size_t before;	    /* close tag: where the body before it ends (before a removed line) */
	size_t mar;	    /* standalone block: source offset of its body's common indentation */
	size_t mlen;	    /* bytes of that indentation; 0 for none */
};

struct tok_list {
	struct tok *v; /* tokens in source order */
	size_t n;      /* tokens used */
	size_t cap;    /* tokens allocated */
};

enum node_kind {
	NODE_TEXT,     /* literal bytes */
	NODE_INDENT,   /* a line starts here with a tag that outputs nothing */
	NODE_VAR,      /* value, HTML-escaped */
	NODE_RAW,      /* value as is */
	NODE_SECTION,  /* kids once per list item, or once for another truthy value */
	NODE_INVERTED, /* kids once if the value is falsy */
	NODE_PARTIAL,  /* another template, rendered in place */
	NODE_PARENT,   /* another template, with kids (blocks) replacing its blocks */
	NODE_BLOCK,    /* kids, unless an enclosing parent overrides this name */
};

struct path {
	char **part;  /* name split at '.', NUL-terminated parts; one allocation with plen */
	size_t *plen; /* bytes of each part, so lookups need no strlen */
	size_t n;     /* parts; 0 for the implicit iterator "." */
};

struct node {
	enum node_kind kind; /* what the node does */
	int bol;	     /* starts a template line: the indentation goes first */
	int standalone;	     /* tag stood alone on its line (partials, parents, blocks: indent) */
	int dynamic;	     /* partial or parent: the template name is the string at path */
	char *str;	     /* text bytes; a partial, parent or block name (NUL-terminated) */
	size_t len;	     /* bytes in str */
	struct path path;    /* value to look up: var, raw, section, inverted, dynamic name */
	char *indent;	     /* standalone partial, parent or block: indentation for its lines */
	size_t ilen;	     /* bytes in indent */
	struct node *kid;    /* body of a section or block; a parent's overriding blocks */
	size_t nkid;	     /* nodes in kid */
};

struct tpl {
	char *name;	   /* its key in the set */
	struct node *root; /* top-level nodes */
	size_t n;	   /* nodes in root */
};

/* Lexes src into toks (which the caller frees), pairs tags, marks standalone lines. */
int tpl_lex(const char *src, size_t len, struct tok_list *toks, char *err, size_t errlen);

/*
 * The name in tag t without a leading '*' and the blanks after it ("{{> * a}}"
 * names "a"): sets *off and *len to it and returns 1 if there was a star.
 */
int tpl_name_body(const char *src, const struct tok *t, size_t *off, size_t *len);

/* Compiles src into t's nodes.  Returns 0, or -1 with a message in err. */
int tpl_compile(const char *src, size_t len, struct tpl *t, char *err, size_t errlen);

/* Frees n nodes, what they own, and the array v itself. */
void tpl_nodes_free(struct node *v, size_t n);

/* The template of that name, or NULL. */
const struct tpl *tpl_set_find(const struct tpl_set *set, const char *name);

/* The render caps of the set (see tpl_set_limits). */
void tpl_set_caps(const struct tpl_set *set, size_t *max_steps, size_t *max_output);

#endif
