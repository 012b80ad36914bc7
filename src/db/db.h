/*
 * db.h: storage behind one table of function pointers (struct db_driver),
 * with two drivers: SQLite (db_sqlite.c) and PostgreSQL (db_pg.c).
 *
 * SQL given to db_prepare() is portable: placeholders are '?', numbered in
 * order; the PostgreSQL driver rewrites them to $1, $2 ...  Values travel as
 * text or 64-bit integers; queries are always parameterised.
 *
 * A struct db is an opened database: a pool of connections shared by all
 * threads.  A thread takes a connection with db_acquire() and gives it back
 * with db_release(); a connection is used by one thread at a time.
 *
 * Memory: a statement owns the text its columns return until the next
 * db_step() or db_finalize().  Errors carry a message in the connection
 * (db_errmsg) valid until the next call on it.
 */
#ifndef INNOLAND_DB_H
#define INNOLAND_DB_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct db;
struct db_conn;
struct db_stmt;

enum {
	DB_OK = 0,   /* done, no (more) rows */
	DB_ROW = 1,  /* db_step(): a row is ready */
	DB_ERR = -1, /* failure; see db_errmsg() */
	DB_BUSY = -2 /* the database stayed locked past the busy timeout */
};

/* Which driver, and how to open it.  url is a file path or postgres://... */
struct db *db_open(const char *url, int pool_size, char *err, size_t errlen);
void db_close(struct db *db);
const char *db_driver_name(const struct db *db); /* "sqlite" or "postgres" */

/* Blocks while every pooled connection is in use; NULL if a new connection
 * cannot be made (the reason goes to stderr).  db_release() rolls back a
 * transaction left open and drops a connection that broke. */
struct db_conn *db_acquire(struct db *db);
void db_release(struct db_conn *c);
const char *db_errmsg(struct db_conn *c);
/* What refused the row of the last statement that failed on c. */
enum db_refusal {
	DB_REFUSED_OTHER,    /* not a constraint of the row, or none */
	DB_REFUSED_UNIQUE,   /* a value that may appear once is there already */
	DB_REFUSED_NOT_NULL, /* a column that must hold a value was given none */
};
/* The refusal; for DB_REFUSED_NOT_NULL, column (of len bytes) gets the
 * column's name as the database gives it ("" when it does not). */
enum db_refusal db_refusal(struct db_conn *c, char *column, size_t len);

/* Runs one or more statements without parameters (migrations, BEGIN). */
int db_exec(struct db_conn *c, const char *sql);
int db_begin(struct db_conn *c);
int db_commit(struct db_conn *c);
int db_rollback(struct db_conn *c);
/* Inside a transaction: waits until other writers of an append-only chain
 * (the audit log) have committed; see struct db_driver's serialize. */
int db_serialize(struct db_conn *c);

/* Inside a write transaction: waits until no other transaction holds the
 * lock called name ("mileage.cap:42"), then holds it until this one ends,
 * so what is read after it (what a cap leaves) stays true until commit.
 * On SQLite db_begin()'s BEGIN IMMEDIATE admitted one writer already. */
int db_lock(struct db_conn *c, const char *name);

/* One statement; NULL on error (see db_errmsg). */
struct db_stmt *db_prepare(struct db_conn *c, const char *sql);
/* Statements prepared on c since it was taken from the pool (pages show it
 * in X-DB-Queries, so tests can see a list's cost does not grow with it). */
unsigned long db_queries(const struct db_conn *c);
/* Parameters are numbered from 1, as in SQLite.  Text is copied; NULL text
 * binds SQL NULL.  Binding after db_step() starts a new execution on the
 * next db_step(); a bad index makes that db_step() fail. */
void db_bind_int(struct db_stmt *s, int idx, int64_t v);
void db_bind_text(struct db_stmt *s, int idx, const char *v, size_t len);
void db_bind_null(struct db_stmt *s, int idx);
int db_step(struct db_stmt *s);		/* DB_ROW, DB_OK (again if called again), DB_ERR, DB_BUSY */
int db_column_count(struct db_stmt *s); /* known after the first db_step() */
const char *db_column_name(struct db_stmt *s, int col);
int db_column_is_null(struct db_stmt *s, int col);
int64_t db_column_int(struct db_stmt *s, int col);
const char *db_column_text(struct db_stmt *s, int col); /* NULL for NULL */
int64_t db_changes(struct db_stmt *s);			/* rows changed by the last step */
void db_finalize(struct db_stmt *s);

/*
 * Shorthands for one statement with parameters given by a type string, one
 * letter per '?': 't' a const char * (NULL binds NULL), 'i' an int64_t.
 *   db_run(c, "UPDATE users SET name = ? WHERE id = ?", "ti", name, id)
 * db_run returns DB_OK (and the rows changed in *changes, if not NULL) or
 * DB_ERR; db_int returns the first column of the first row, def when there is
 * no row, and sets *rc (if not NULL) to DB_ROW, DB_OK or DB_ERR.
 */
int db_run(struct db_conn *c, int64_t *changes, const char *sql, const char *types, ...);
int64_t db_int(struct db_conn *c, int *rc, int64_t def, const char *sql, const char *types, ...);
/* 1 if the first column of the first row is a number above 0 (a COUNT(*)
 * that found some), 0 if not (or no row), -1 on a database error. */
int db_any(struct db_conn *c, const char *sql, const char *types, ...);
/* Prepares sql and binds the parameters like db_run; NULL on error. */
struct db_stmt *db_preparef(struct db_conn *c, const char *sql, const char *types, ...);

/*
 * Numbers worth remembering (a list's count): db_memo_get() gives the
 * number last put under key on this connection if nothing at all has been
 * written to the database (by this connection or any other, in any
 * process) between that put and this connection's latest statement, and
 * returns 1; otherwise 0, and db_memo_put() must follow with the number,
 * computed right after, before any other statement.  Ask it right after
 * reading what the number goes with (a list's page, then its count): the
 * two then agree.  SQLite tells by its pager's data version and change
 * counter (no statement); PostgreSQL by the cluster's WAL position (one
 * short statement; any write anywhere in the cluster moves it).  Inside a
 * transaction nothing is remembered.
 */
int db_memo_get(struct db_conn *c, const char *key, int64_t *value);
/* Before a write of many rows into big indexes (a bulk award, a rebuild):
 * this connection's page cache grows (SQLite: from 2 MB to 256 MB, taken
 * only as pages are read) until it goes back to the pool.  Nothing on
 * PostgreSQL, whose cache is the server's. */
void db_big_cache(struct db_conn *c);
void db_memo_put(struct db_conn *c, const char *key, int64_t value);
/* From now until db_release(), the reads on c see one snapshot, taken at
 * the first of them, until c writes or begins a transaction (then the
 * next reads take a new one): a page's reads agree with each other, and
 * on SQLite they cost one read transaction instead of one per statement.
 * For a request's connection only: a snapshot held for long keeps SQLite
 * from checkpointing its WAL past it.  Nothing on PostgreSQL. */
void db_snapshot(struct db_conn *c);

/*
 * An integer column as the planner should not take an index for, written
 * into out (len bytes) and returned: SQLite, which keeps no statistics,
 * would otherwise walk an index of a column every row shares (a list's
 * org_id) rather than the index of the column the list is filtered on;
 * "CAST(t.org_id AS INTEGER)" (a CAST keeps the column's affinity, so a
 * text parameter still compares as a number).  PostgreSQL plans by its
 * statistics: the column as it is.
 */
const char *db_sql_unindexed(const struct db_conn *c, const char *column, char *out, size_t len);

/*
 * Full-text search over the rows of one table: each row's terms (made by
 * the caller, separated by single spaces, without quotes, backslashes or
 * control characters) in a title and a body.  SQLite keeps them in an FTS5
 * table (columns title and body, rowid = the row's id), PostgreSQL in a
 * tsvector column of the table itself, the title's terms weighted A (the
 * migrations make both).  The caller names both places; which one is used
 * is the driver's business.
 */
struct db_text_index {
	const char *table;    /* the rows, with an integer id: "knowledge_items" */
	const char *fts5;     /* SQLite's FTS5 table of their terms: "knowledge_fts" */
	const char *tsvector; /* PostgreSQL's tsvector column of table: "search" */
};

/*
 * How a driver writes a full-text query, for the caller that splits what a
 * person typed into parts: every part must match; a part is a phrase of
 * consecutive terms or, as a prefix part, the terms that begin with it.
 * FTS5 MATCH: "\"행정 정혁 혁신\" AND \"혁\"*"; tsquery: "('행정' <-> '정혁' <->
 * '혁신') & ('혁':*)".
 */
struct db_text_syntax {
	const char *and;	 /* between two parts */
	const char *open;	 /* before a part */
	const char *close;	 /* after a part */
	const char *quote;	 /* before and after each term */
	const char *next;	 /* between two terms of a part */
	const char *term_prefix; /* after each term of a prefix part */
	const char *part_prefix; /* after a prefix part */
	const char * or ;	 /* between two alternatives */
	const char *but_not;	 /* between what must and what must not match */
};

/* The full-text query syntax of c's driver. */
const struct db_text_syntax *db_text_syntax(const struct db_conn *c);
/* The same for the driver that would open url, without opening it (tests). */
const struct db_text_syntax *db_text_syntax_for(const char *url);
/* Appends to sql "FROM ... WHERE ..." (no space before): the rows of ix's
 * table, named alias, whose terms match the query bound to the one '?'. */
void db_text_match(const struct db_conn *c, const struct db_text_index *ix, const char *alias,
		   struct buf *sql);
/* Appends to sql what orders db_text_match()'s rows newest (highest id)
 * first, the cheapest way: an ORDER BY key with its DESC. */
void db_text_newest(const struct db_conn *c, const struct db_text_index *ix, const char *alias,
		    struct buf *sql);
/* Sets the terms of row id; a NULL title takes it out of the index.
 * DB_OK or DB_ERR. */
int db_text_put(struct db_conn *c, const struct db_text_index *ix, int64_t id, const char *title,
		const char *body);
/* After many rows were put: the index in its fastest shape (FTS5's
 * segments merged into one).  DB_OK or DB_ERR. */
int db_text_optimize(struct db_conn *c, const struct db_text_index *ix);

/*
 * Query plans, for the plan guard (`innoland plans`): db_explain() prepares
 * the plan of sql (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN, on a
 * connection told first not to choose a sequential scan or a sort where
 * an index path exists, so that a small table plans as a big one would); bind as
 * for sql itself, then each row is a line of the plan, db_plan_line().
 * db_plan_flaw() says why a line reads more than a page of rows needs:
 * a scan of a whole table or index, or a sort of everything it found
 * ("SCAN t", "USE TEMP B-TREE FOR ORDER BY"; "Seq Scan", "Sort"); NULL
 * when it does not.  NULL from db_explain() on error (db_errmsg()).
 */
struct db_stmt *db_explain(struct db_conn *c, const char *sql);
const char *db_plan_line(const struct db_conn *c, struct db_stmt *s);
const char *db_plan_flaw(const struct db_conn *c, const char *line);

/*
 * Recording what runs (the plan guard runs a page's handler and reads the
 * plan of each statement it ran): while a recorder is set on c, every
 * statement prepared on c is given to fn as it first steps, with the
 * values bound to it.  NULL stops.  The texts live until fn returns.
 */
struct db_bound {
	int is_int;	  /* 1: an integer, i */
	int64_t i;	  /* the integer */
	const char *text; /* else the text, or NULL for SQL NULL */
	size_t len;	  /* bytes of text */
};
typedef void db_record_fn(void *ctx, const char *sql, const struct db_bound *values, int n);
void db_record(struct db_conn *c, db_record_fn *fn, void *ctx);

/* Applies every migration newer than the schema version, each in its own
 * transaction.  Returns the number applied, or -1. */
int db_migrate(struct db *db, char *err, size_t errlen);
/* The schema version recorded in the database (0 if none). */
int db_schema_version(struct db *db);
/* The highest migration compiled into the binary. */
int db_latest_version(void);
/* Integrity check (PRAGMA integrity_check / a catalog probe) and schema
 * version; writes a human-readable report to out-of-line text. */
int db_check(struct db *db, char *report, size_t len);
/*
 * An online copy of the whole database into the new file path, while
 * others go on reading and writing: SQLite's backup API (a database file,
 * one snapshot), or on PostgreSQL pg_dump's custom format (-Fc, one
 * snapshot; pg_dump must be on PATH).  Written beside path first and
 * renamed when complete, so path is never a half backup; an existing path
 * is refused.  0, or -1 with the reason in err.
 */
int db_backup(struct db *db, const char *path, char *err, size_t errlen);
/* What db_backup() writes on db's driver, for people: "pg_dump ...". */
const char *db_backup_format(const struct db *db);
/* Copies a backup made by db_backup() into db, which must hold no table
 * yet (a restore never mixes with data): 0, or -1 with the reason in err. */
int db_restore(struct db *db, const char *path, char *err, size_t errlen);

/* 1 if a connection reaches the database (the driver's reaches) and finds
 * its schema there; 0 when the database is gone (/healthz answers 503). */
int db_ping(struct db *db);

/*
 * The driver table.  Each driver fills one of these; db.c dispatches every
 * call above through it, so no caller ever tests which database it has.
 */
struct db_driver {
	const char *name;		 /* "sqlite", "postgres" */
	int (*accepts)(const char *url); /* 1 if the URL is ours */
	struct db_conn *(*connect)(const char *url, char *err, size_t errlen); /* new connection */
	void (*disconnect)(struct db_conn *c);				       /* close it */
	const char *(*errmsg)(struct db_conn *c);			       /* last error text */
	int (*exec)(struct db_conn *c, const char *sql);		/* unparameterised SQL */
	struct db_stmt *(*prepare)(struct db_conn *c, const char *sql); /* '?' placeholders */
	void (*bind_int)(struct db_stmt *s, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *s, int idx, const char *v, size_t len);
	void (*bind_null)(struct db_stmt *s, int idx);
	int (*step)(struct db_stmt *s);
	int (*column_count)(struct db_stmt *s);
	const char *(*column_name)(struct db_stmt *s, int col);
	int (*column_is_null)(struct db_stmt *s, int col);
	int64_t (*column_int)(struct db_stmt *s, int col);
	const char *(*column_text)(struct db_stmt *s, int col);
	int64_t (*changes)(struct db_stmt *s);
	void (*finalize)(struct db_stmt *s);
	int (*integrity)(struct db_conn *c, char *report, size_t len); /* 0 if sound */
	const char *dialect;	     /* suffix of dialect-specific migrations: "sqlite" or "pg" */
	const char *sql_id;	     /* what @ID@ means in a migration: an auto-assigned id key */
	const char *sql_now;	     /* what @NOW@ means: the current UTC time as ISO 8601 text */
	const char *sql_strict;	     /* what @STRICT@ after a CREATE TABLE means */
	const char *sql_bigint;	     /* what @BIGINT@ means: a 64-bit integer column type */
	const char *serialize;	     /* SQL that, inside a transaction, waits for the other writers
					of an append-only chain (the audit log) to commit */
	const char *begin_write;     /* starts a transaction that will write (db_begin) */
	const char *lock;	     /* db_lock(): SQL taking the lock named by its one '?'
					until the transaction ends; NULL: writers are one at a
					time already */
	const char *begin_exclusive; /* starts a transaction no other migrator enters */
	int (*recycle)(struct db_conn *c); /* end an open transaction; 0 if reusable */
	/* 1 if the connection still reaches the database it opened: SQLite's
	 * file has not been moved or deleted since (an open file would answer
	 * from the unlinked copy), PostgreSQL's connection is up (db_ping()) */
	int (*reaches)(struct db_conn *c);
	/* db_backup() of the database at url (c connected to it) into the new
	 * file path, and db_restore() of one; 0 or -1 with err */
	int (*backup)(struct db_conn *c, const char *url, const char *path, char *err,
		      size_t errlen);
	int (*restore)(struct db_conn *c, const char *url, const char *path, char *err,
		       size_t errlen);
	const char *backup_format; /* what backup writes, for people */
	const char *tables_sql;	   /* counts the database's own tables (0: empty) */
	/* The database's version as this connection sees it now, in v: 1 if it
	 * can tell (it changes with every write, from anywhere), 0 if not. */
	int (*version)(struct db_conn *c, uint64_t v[2]);
	void (*big_cache)(struct db_conn *c); /* db_big_cache(); NULL: nothing to do */
	void (*snapshot)(struct db_conn *c);  /* db_snapshot(); NULL: nothing to do */
	/* db_refusal() */
	enum db_refusal (*refusal)(struct db_conn *c, char *column, size_t len);
	/* db_sql_unindexed(): what goes before and after the column */
	const char *unindexed_open, *unindexed_close;
	/* query plans (db_explain()): what goes before a statement to read its
	 * plan, what runs on the connection first (NULL: nothing), the column
	 * of a plan row holding its text, and why a line of a plan reads more
	 * than the rows asked for (a whole table, a sort of all it found), or
	 * NULL when it does not */
	const char *explain, *explain_setup;
	int explain_column;
	const char *(*plan_flaw)(const char *line);
	/* full-text search: db_text_syntax() and the db_text_*() calls above */
	const struct db_text_syntax *text_syntax;
	void (*text_match)(const struct db_text_index *ix, const char *alias, struct buf *sql);
	void (*text_newest)(const struct db_text_index *ix, const char *alias, struct buf *sql);
	int (*text_put)(struct db_conn *c, const struct db_text_index *ix, int64_t id,
			const char *title, const char *body);
	int (*text_optimize)(struct db_conn *c, const struct db_text_index *ix);
};

#endif
