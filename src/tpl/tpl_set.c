/*
 * tpl_set.c: the named templates of a set.
 *
 * An open-addressing hash table (FNV-1a, linear probing) from name to
 * compiled template.  Templates are only added or replaced, never removed,
 * so no tombstones are needed; the table stays at most half full.
 *
 * Memory: the set owns the table, every struct tpl and its tree.
 */
#include "tpl/tpl_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct tpl_set {
	struct tpl **slot; /* hash table by name; NULL marks an empty slot */
	size_t cap;	   /* slots, a power of two */
	size_t n;	   /* templates held */
	size_t max_steps;  /* cap on nodes visited by one render */
	size_t max_output; /* cap on bytes one render appends */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t slot_of(const struct tpl_set *set, const char *name)
{
	size_t mask = set->cap - 1, i = (size_t)hash(name) & mask;
	while (set->slot[i] && strcmp(set->slot[i]->name, name))
		i = (i + 1) & mask;
	return i;
}

static void tpl_free(struct tpl *t)
{
	tpl_nodes_free(t->root, t->n);
	free(t->name);
	free(t);
}

static void grow(struct tpl_set *set)
{
	struct tpl **old = set->slot;
	size_t old_cap = set->cap;
	set->cap *= 2;
	set->slot = xcalloc(set->cap, sizeof *set->slot);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			set->slot[slot_of(set, old[i]->name)] = old[i];
	free(old);
}

struct tpl_set *tpl_set_new(void)
{
	struct tpl_set *set = xcalloc(1, sizeof *set);
	set->cap = 16;
	set->slot = xcalloc(set->cap, sizeof *set->slot);
	set->max_steps = TPL_MAX_STEPS;
	set->max_output = TPL_MAX_OUTPUT;
	return set;
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->cap; i++)
		if (set->slot[i])
			tpl_free(set->slot[i]);
	free(set->slot);
	free(set);
}

int tpl_set_add(struct tpl_set *set, const char *name, const char *src, size_t len, char *err,
		size_t errlen)
{
	struct tpl *t = xcalloc(1, sizeof *t);
	if (tpl_compile(src, len, t, err, errlen) < 0) {
		free(t);
		return -1;
	}
	t->name = xstrdup(name);
	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	size_t i = slot_of(set, name);
	if (set->slot[i])
		tpl_free(set->slot[i]);
	else
		set->n++;
	set->slot[i] = t;
	return 0;
}

int tpl_set_has(const struct tpl_set *set, const char *name)
{
	return tpl_set_find(set, name) != NULL;
}

const struct tpl *tpl_set_find(const struct tpl_set *set, const char *name)
{
	return set->slot[slot_of(set, name)];
}

void tpl_set_limits(struct tpl_set *set, size_t max_steps, size_t max_output)
{
	set->max_steps = max_steps ? max_steps : TPL_MAX_STEPS;
	set->max_output = max_output ? max_output : TPL_MAX_OUTPUT;
}

void tpl_set_caps(const struct tpl_set *set, size_t *max_steps, size_t *max_output)
{
	*max_steps = set->max_steps;
	*max_output = set->max_output;
}
