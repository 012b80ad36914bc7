/*
 * utf8.h: UTF-8 validation and counting.  Korean text is UTF-8 everywhere;
 * lengths a person sees are counted in code points.
 *
 * Valid means RFC 3629: no overlong forms, no surrogates (U+D800..DFFF), no
 * code point above U+10FFFF, no truncated sequence.  NUL bytes are rejected
 * too, since no text field of InnoLand may contain one.
 */
#ifndef INNOLAND_UTF8_H
#define INNOLAND_UTF8_H

#include <stddef.h>

/* 1 if s[0..n) is valid UTF-8 without NUL bytes, else 0. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8 s[0..n); -1 if s is not valid. */
long utf8_length(const char *s, size_t n);

#endif
