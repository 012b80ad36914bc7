/*
 * diff.h: the difference between two texts line by line, as a side-by-side
 * page shows it: the lines both keep, the lines only the old one has, the
 * lines only the new one has, and an old line facing the new one that took
 * its place.  A longest common subsequence of lines, after the lines both
 * texts begin and end with are set aside; it costs the product of what is
 * left of each, so that is bounded (MANUALS_DIFF_MAX_LINES each) and a
 * larger difference is refused, never computed.
 *
 * Memory: a manuals_diff points into the two texts it was made of (they
 * must outlive it) and owns its arrays; manuals_diff_free() frees them.
 */
#ifndef INNOLAND_MANUALS_DIFF_H
#define INNOLAND_MANUALS_DIFF_H

#include <stddef.h>

/* What is left of either text, once the common start and end are set
 * aside, that the table may hold: 2 MiB of 16-bit cells at most. */
enum { MANUALS_DIFF_MAX_LINES = 1000 };

enum manuals_diff_op {
	DIFF_SAME,   /* the line is in both */
	DIFF_DEL,    /* only the old text has it */
	DIFF_ADD,    /* only the new text has it */
	DIFF_CHANGE, /* an old line replaced by the new one beside it */
};

struct manuals_diff_lines {
	size_t n;	    /* how many lines */
	const char **start; /* each line's first byte, in the text */
	size_t *len;	    /* its length, without "\n" or "\r\n" */
};

struct manuals_diff_row {
	enum manuals_diff_op op; /* what happened to the line */
	long a;			 /* its index in the old text's lines; -1 for DIFF_ADD */
	long b;			 /* its index in the new text's lines; -1 for DIFF_DEL */
};

struct manuals_diff {
	struct manuals_diff_lines a, b; /* the old and the new text's lines */
	struct manuals_diff_row *rows;	/* the side-by-side rows, in order */
	size_t n_rows;			/* how many */
	size_t added, deleted, changed; /* rows of each kind but DIFF_SAME */
};

/* Splits text (NUL-terminated) into lines; a final "\n" ends the last line
 * and opens none. */
void manuals_diff_split(const char *text, struct manuals_diff_lines *out);

/* The difference from text a to text b into out: 0, or -1 (out empty) when
 * what differs exceeds max lines on either side (at most
 * MANUALS_DIFF_MAX_LINES). */
int manuals_diff(const char *a, const char *b, size_t max, struct manuals_diff *out);
void manuals_diff_free(struct manuals_diff *d);

#endif
