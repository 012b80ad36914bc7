/*
 * arena.h: a per-request memory pool (after h2o's h2o_mem_pool_t).
 *
 * Everything a request needs that dies with it is allocated here and freed
 * in one call, arena_free(), when the request completes.  Nothing allocated
 * from an arena may outlive it: in particular a response body handed to
 * libmicrohttpd is malloc'd, never arena memory.
 *
 * Invariants: allocations are 16-byte aligned; a chunk is never moved, so
 * pointers stay valid until arena_free().  Out of memory aborts.
 */
#ifndef INNOLAND_ARENA_H
#define INNOLAND_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;      /* newest chunk, the one being filled */
	size_t used;		       /* bytes used in head */
	size_t total;		       /* bytes handed out over the arena's life */
	_Alignas(16) char first[2048]; /* the first bytes, inline, so most requests never malloc */
	size_t first_used;	       /* bytes used in first */
};

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees every chunk; the arena can be used again after arena_init(). */
void arena_free(struct arena *a);

#endif
