/*
 * xalloc.h: allocation that never returns NULL.  Out of memory is not a
 * condition InnoLand tries to survive: it logs and aborts (as Redis does).
 */
#ifndef INNOLAND_XALLOC_H
#define INNOLAND_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
