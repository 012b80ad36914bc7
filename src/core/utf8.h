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

/* What a text field may not hold, beside invalid UTF-8. */
enum text_flaw {
	TEXT_OK,      /* nothing to refuse */
	TEXT_INVALID, /* not valid UTF-8 (or a NUL byte) */
	TEXT_CONTROL, /* a C0 or C1 control, DEL; a line break or tab in one line */
	TEXT_SPOOF,   /* in one line: a bidirectional control (U+202A..202E,
			 U+2066..2069, U+200E/200F, U+061C) or a character people do not see
			 (zero-width spaces and joiners, U+2060..2064, U+FEFF, the soft hyphen,
			 the Hangul fillers U+115F, U+1160, U+3164, U+FFA0) */
};
/*
 * The first flaw of s[0..n) as text people read: a line (a name, a title)
 * when lines is 0, several lines (a memo: tab, CR and LF allowed, and the
 * invisible characters too, which joined emoji need) when 1.
 */
enum text_flaw utf8_text_flaw(const char *s, size_t n, int lines);

#endif
