/* utf8.c: see utf8.h. */
#include "core/utf8.h"

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
	return utf8_length(s, n) >= 0;
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
