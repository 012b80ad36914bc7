/* jmem.c: see jmem.h. */
#include "core/jmem.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"

enum { FROM_MALLOC = 0x6d616c6c, FROM_ARENA = 0x6172656e };

/* The header before every block: 16 bytes, so blocks stay 16-byte aligned. */
struct header {
	uint32_t from; /* FROM_MALLOC or FROM_ARENA */
	uint32_t pad[3];
};

static _Thread_local struct arena *current; /* this thread's request, or NULL */
static _Thread_local size_t taken;	    /* bytes it has given JSON */

static void *jmem_malloc(size_t n)
{
	struct header *h;
	if (current && taken + n <= JMEM_ARENA_MAX) {
		taken += n + sizeof *h;
		h = arena_alloc(current, n + sizeof *h);
		h->from = FROM_ARENA;
	} else {
		h = malloc(n + sizeof *h);
		if (!h)
			return NULL;
		h->from = FROM_MALLOC;
	}
	return h + 1;
}

void jmem_free(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)p - 1;
	if (h->from == FROM_MALLOC)
		free(h);
	else if (h->from != FROM_ARENA)
		abort(); /* not ours: memory is corrupt */
}

void jmem_init(void)
{
	json_set_alloc_funcs(jmem_malloc, jmem_free);
}

void jmem_use(struct arena *a)
{
	current = a;
	taken = 0;
}
