/*
 * tpl.h: the Mustache template engine (spec v1.4 core + ~inheritance +
 * ~dynamic-names; no lambdas).
 *
 * A template set holds named templates compiled once; after it is built it is
 * read-only, so any number of threads may render from it at once.  Partials
 * ({{> name}}), parents ({{< name}}) and dynamic names ({{>*key}}) are looked
 * up by name in the same set at render time.
 *
 * Values ({{name}}) are HTML-escaped (& < > " ') unless written {{{name}}} or
 * {{& name}}.  Data is a jansson value; it is only read.  Sections treat a
 * missing name, null, false, "" and [] as false; numbers, 0 included, and
 * objects as true.  Numbers print as JSON writes them (85, 1.5); true and
 * false as words; null, objects and lists as nothing.
 *
 * Memory: the set owns every compiled template and copies of their sources;
 * tpl_set_free() releases all of it.  Rendering appends to a caller's buf.
 */
#ifndef INNOLAND_TPL_H
#define INNOLAND_TPL_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

struct tpl_set;

struct tpl_set *tpl_set_new(void);
void tpl_set_free(struct tpl_set *set);

/*
 * Compiles src under name (replacing any template of that name).  Returns 0,
 * or -1 with a message such as "line 3: unclosed section 'items'" in err.
 */
int tpl_set_add(struct tpl_set *set, const char *name, const char *src, size_t len, char *err,
		size_t errlen);

/* 1 if the set has a template of that name. */
int tpl_set_has(const struct tpl_set *set, const char *name);

/*
 * Renders template name with data, appending to out.  A missing partial
 * renders as empty (as the spec requires); a missing top-level template
 * returns -1.  Recursion through partials stops at depth 64.
 *
 * Also -1, with out left as it was, when a render passes a limit: partials,
 * parents and block overrides nested more than 64 deep, or the caps of
 * tpl_set_limits().
 */
int tpl_render(const struct tpl_set *set, const char *name, const json_t *data, struct buf *out);

/*
 * tpl_render with outer below data on the context stack: names data lacks
 * are looked up in outer.  Pages use it for the site-wide data, which is
 * shared by every request and never copied into a page's document.
 */
int tpl_render_in(const struct tpl_set *set, const char *name, const json_t *outer,
		  const json_t *data, struct buf *out);

/*
 * Caps one render at max_steps nodes visited (section items count too) and
 * max_output bytes appended; 0 keeps a default (16 Mi steps, 64 MiB).
 * Set it before rendering, like the templates.
 */
void tpl_set_limits(struct tpl_set *set, size_t max_steps, size_t max_output);

#endif
