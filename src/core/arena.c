/* arena.c: see arena.h. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define ALIGN 16
#define CHUNK 8192

struct arena_chunk {
	struct arena_chunk *next; /* the chunk filled before this one */
	size_t size;		  /* bytes in data */
	_Alignas(ALIGN) char data[];
};

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
	a->first_used = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = round_up(n ? n : 1);
	a->total += n;
	if (!a->head && a->first_used + n <= sizeof a->first) {
		void *p = a->first + a->first_used;
		a->first_used += n;
		return p;
	}
	if (!a->head || a->used + n > a->head->size) {
		size_t size = n > CHUNK / 2 ? n : CHUNK;
		struct arena_chunk *c = xmalloc(sizeof *c + size);
		c->size = size;
		c->next = a->head;
		a->head = c;
		a->used = 0;
	}
	void *p = a->head->data + a->used;
	a->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}
