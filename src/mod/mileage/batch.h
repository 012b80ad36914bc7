/*
 * batch.h: what the module's statements over many rows share (ledger.c,
 * bulk.c): rows go 64 to a statement, the rest 16, 4 or 1 at a time, so a
 * connection prepares at most four shapes of each statement.
 */
#ifndef INNOLAND_MILEAGE_BATCH_H
#define INNOLAND_MILEAGE_BATCH_H

#include <stddef.h>

struct buf;

/* How many of the left rows go into the next statement. */
size_t mileage_chunk(size_t left);

/* Appends rows groups of cols placeholders: "(?, ?), (?, ?)"; with cols 0,
 * a plain list for IN: "?, ?". */
void mileage_placeholders(struct buf *sql, int cols, size_t rows);

#endif
