/* utf8.c: see utf8.h. */
#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

/* Length of the sequence starting at s[i], or 0 if it is not valid there. */
static size_t seq_len(const unsigned char *s, size_t i, size_t n)
{
	unsigned char c = s[i];
	if (c >= 0x01 && c < 0x80)
		return 1;
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0; /* no overlong 3-byte forms */
		if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90; /* no overlong 4-byte forms */
		if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		return 0; /* NUL, a continuation byte, C0/C1 or F5..FF */
	}
	if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	/* every string read from the database passes here: ASCII eight bytes a
	 * step, the rest sequence by sequence */
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint64_t w;
		if (n - i >= 8 && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080u)) &&
		    !((w - 0x0101010101010101u) & ~w & 0x8080808080808080u)) { /* and no NUL */
			i += 8;
			continue;
		}
		size_t len = seq_len(u, i, n);
		if (!len)
			return 0;
		i += len;
	}
	return 1;
}

long utf8_length(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	long count = 0;
	for (size_t i = 0; i < n;) {
		size_t len = seq_len(u, i, n);
		if (!len)
			return -1;
		i += len;
		count++;
	}
	return count;
}

/* The code point of the valid sequence of len bytes at s. */
static unsigned long code_point(const unsigned char *s, size_t len)
{
	static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	unsigned long cp = s[0] & lead_mask[len];
	for (size_t k = 1; k < len; k++)
		cp = (cp << 6) | (s[k] & 0x3F);
	return cp;
}

/* Characters that change how a line reads without being seen. */
static int is_spoof(unsigned long cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x061C ||
	       cp == 0xFEFF || cp == 0x00AD || cp == 0x180E || cp == 0x115F || cp == 0x1160 ||
	       cp == 0x3164 || cp == 0xFFA0;
}

enum text_flaw utf8_text_flaw(const char *s, size_t n, int lines)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t len = seq_len(u, i, n);
		if (!len)
			return TEXT_INVALID;
		unsigned long cp = code_point(u + i, len);
		i += len;
		int spacing = cp == '\n' || cp == '\r' || cp == '\t';
		if ((cp < 0x20 && !(lines && spacing)) || (cp >= 0x7F && cp <= 0x9F))
			return TEXT_CONTROL;
		if (!lines && is_spoof(cp))
			return TEXT_SPOOF;
	}
	return TEXT_OK;
}
