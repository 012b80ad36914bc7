/*
 * batch.h: what the module's statements over many rows share (ledger.c,
 * bulk.c): rows go 64 to a statement, the rest 16, 4 or 1 at a time, and
 * each of those four shapes is prepared once per batch and run again with
 * new values (a bulk award of 100,000 people runs some 1,600 statements of
 * each kind but prepares at most four).
 */
#ifndef INNOLAND_MILEAGE_BATCH_H
#define INNOLAND_MILEAGE_BATCH_H

#include <stddef.h>

struct db_conn;
struct db_stmt;

/* How many of the left rows go into the next statement. */
size_t mileage_chunk(size_t left);

/*
 * A statement over many rows: head, then rows groups of cols placeholders
 * ("(?, ?), (?, ?)"; with cols 0 a plain list for IN: "?, ?"), then tail.
 *   struct mileage_batch b = {"INSERT INTO t (a, b) VALUES ", "", 2};
 */
struct mileage_batch {
	const char *head, *tail;
	int cols;
	struct db_stmt *shape[4]; /* prepared for 64, 16, 4 and 1 rows */
};

/* The statement for rows rows (a mileage_chunk() size), prepared on first
 * use and bound anew by the caller; NULL on error.  Not to be finalized:
 * mileage_batch_end() does that. */
struct db_stmt *mileage_batch_for(struct db_conn *c, struct mileage_batch *b, size_t rows);
void mileage_batch_end(struct mileage_batch *b);

#endif
