/*
 * hash.h: a fast 64-bit hash of bytes, for choosing a cache slot (the
 * statement cache, the Markdown cache).  Not for anything an attacker may
 * aim at: callers compare the bytes themselves before they trust a hit.
 */
#ifndef INNOLAND_CORE_HASH_H
#define INNOLAND_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of p[0..n), eight bytes a step. */
uint64_t hash_bytes(const void *p, size_t n);

#endif
