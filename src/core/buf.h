/*
 * buf.h: a growable byte buffer, always NUL-terminated.
 *
 * Invariants: data[len] == '\0' whenever data != NULL; cap > len.
 * Memory: the buffer owns data (malloc'd); buf_free() releases it.  Running
 * out of memory aborts (see xalloc.h), so appends never fail.
 */
#ifndef INNOLAND_BUF_H
#define INNOLAND_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* bytes, NUL-terminated; NULL until the first append */
	size_t len; /* bytes used, excluding the terminator */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* v in decimal, as "%lld" writes it but without printf (lists write
 * thousands of numbers): written NUL-terminated into out, its length. */
size_t int_text(long long v, char out[24]);
/* A number's decimal text ("2991.5", "-1000000") with its thousands
 * grouped as people read them ("2,991.5", "-1,000,000"): written
 * NUL-terminated into out (len bytes, cut to fit), its length. */
size_t number_grouped(const char *text, char *out, size_t len);
/* v in decimal with its thousands grouped ("1,000,000"): into out. */
size_t int_grouped(long long v, char out[32]);
/* Appends v in decimal (int_text()). */
void buf_put_int(struct buf *b, long long v);
/* Appends s with &, <, >, " and ' replaced by HTML character references. */
void buf_put_html(struct buf *b, const char *s, size_t n);
/* Appends s percent-encoded, all but RFC 3986's unreserved characters
 * (A-Z a-z 0-9 - _ . ~): a query's name or value ("R&D#1" → "R%26D%231"). */
void buf_put_url(struct buf *b, const char *s);
void buf_reset(struct buf *b);
/* Hands the bytes to the caller (who frees them) and empties the buffer. */
char *buf_detach(struct buf *b, size_t *len);
void buf_free(struct buf *b);

/* A whole file, malloc'd and NUL-terminated (len without the NUL); NULL
 * when it cannot be read or passes max bytes (errno EFBIG). */
char *file_slurp(const char *path, size_t max, size_t *len);

#endif
