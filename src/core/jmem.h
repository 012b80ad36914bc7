/*
 * jmem.h: where jansson's memory comes from.
 *
 * A page builds its document as thousands of small JSON values and frees
 * them all when it has been rendered; through malloc, that was a third of
 * the time of a list page.  Inside a request, jansson allocates from the
 * request's arena instead and freeing is a no-op: the arena goes at once
 * when the request completes.  Elsewhere (start-up, the command line,
 * streamed exports) and past JMEM_ARENA_MAX bytes in one request (a large
 * import), it uses malloc as before.
 *
 * Every block starts with a 16-byte header saying where it came from, so
 * a value made in one place may be freed in another.  The rule that makes
 * this safe: no JSON made inside a request may outlive it.  Nothing stores
 * request JSON in a global; global JSON (the site's) is only read and
 * reference-counted by requests, never changed.
 */
#ifndef INNOLAND_JMEM_H
#define INNOLAND_JMEM_H

#include <stddef.h>

struct arena;

#define JMEM_ARENA_MAX (8u << 20) /* JSON bytes one request takes from its arena */

/* Installs the allocator in jansson; call once, before any JSON is made. */
void jmem_init(void);
/* From now on this thread's JSON comes from a (NULL: from malloc). */
void jmem_use(struct arena *a);
/* Frees a string jansson handed out (json_dumps). */
void jmem_free(void *p);

#endif
