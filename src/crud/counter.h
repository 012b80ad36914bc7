/*
 * counter.h: counts kept in memory and written in batches (a page's views).
 *
 * Counting a view with its own UPDATE made every page shown a write: a
 * transaction and a commit to wait for, and every connection's remembered
 * list counts (db_memo) thrown away, for a number nobody needs to the
 * second.  A counter adds to a number in memory instead (one mutex over a
 * fixed table of (table, column, id) → pending), and what is pending is
 * written every few seconds in ONE transaction, `UPDATE table SET column =
 * column + ? WHERE id = ?` a row, by a thread of its own (counter_start()),
 * and once more at a graceful stop, after the last request (counter_stop()).
 * A page showing a count shows the stored value plus counter_pending(), so
 * a person sees their own view counted at once.
 *
 * What a crash loses: a kill -9 or a power cut loses what was pending, the
 * counts of at most the last interval (`serve --count-flush`, 5 s by
 * default).  A flush that fails keeps its counts for the next one.  A
 * table full of pending counts (COUNTER_SLOTS ids between two flushes, or
 * a database down for long) counts no new id until the next flush empties
 * it; that is said once in the log.
 *
 * Table and column are identifiers from declarations, never input: they are
 * written into SQL.  They must outlive the process (string literals).
 *
 * Memory: the table is static; nothing is allocated per count.
 */
#ifndef INNOLAND_COUNTER_H
#define INNOLAND_COUNTER_H

#include <stdint.h>

struct db;
struct db_conn;

enum { COUNTER_SLOTS = 8192 }; /* distinct ids pending at once */

/* Adds n to column of row id of table; what is pending for it now (the
 * stored value plus this is the count).  Thread-safe. */
int64_t counter_add(const char *table, const char *column, int64_t id, int64_t n);

/* What is pending for column of row id of table (0 when nothing is). */
int64_t counter_pending(const char *table, const char *column, int64_t id);

/* Writes everything pending in one transaction on c (outside any
 * transaction of c's); DB_OK, or the driver's error with the counts kept
 * for the next flush.  Two flushes may run at once: each writes what it
 * took, in key order (no two wait on each other in a cycle). */
int counter_flush(struct db_conn *c);

/* Starts the thread that flushes every seconds (1 or more) on a connection
 * of db; at most one runs.  Signals stay blocked in it (the main thread
 * takes SIGTERM). */
void counter_start(struct db *db, unsigned seconds);

/* Stops that thread and flushes what is left: call it after the last
 * request, before the database closes.  Nothing if it was not started. */
void counter_stop(void);

#endif
