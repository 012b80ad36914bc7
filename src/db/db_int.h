/*
 * db_int.h: what db.c, migrate.c and the two drivers share; nothing outside
 * src/db/ includes it.
 *
 * Invariants: every driver's connection struct starts with a struct db_conn
 * and every statement struct with a struct db_stmt, so generic code reaches
 * the driver table from any handle (as SQLite reaches sqlite3_io_methods from
 * a sqlite3_file).  The driver fills drv and conn; db.c fills pool.
 *
 * Memory: a driver allocates and frees its own structs (connect/disconnect,
 * prepare/finalize).  The pool owns idle connections; the caller between
 * db_acquire() and db_release() owns the one it holds.
 */
#ifndef INNOLAND_DB_INT_H
#define INNOLAND_DB_INT_H

#include "db/db.h"

struct db_memo; /* db.c */

struct db_conn {
	const struct db_driver *drv; /* the driver that made this connection */
	struct db *pool;	     /* the pool it goes back to */
	unsigned long queries;	     /* statements prepared since db_acquire() */
	struct db_memo *memo;	     /* remembered numbers (db_memo_get), or NULL */
	db_record_fn *record;	     /* db_record()'s callback, or NULL */
	void *record_ctx;	     /* its context */
};

struct db_stmt {
	struct db_conn *conn;	/* the connection the statement runs on */
	char *record_sql;	/* with a recorder: the SQL (malloc'd), else NULL */
	struct db_bound *bound; /* with a recorder: the values bound, by index - 1 */
	int n_bound;		/* entries of bound */
	int recorded;		/* 1 once the recorder was told */
};

/* The URL db was opened with (backup.c runs tools on it). */
const char *db_url(const struct db *db);

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
