/*
 * db_sqlite.c: the SQLite driver.  A URL that is not postgres:// is a file
 * path; the file is created if missing.  Every connection runs in WAL mode
 * with foreign keys on, synchronous=NORMAL and a 5 s busy timeout, so
 * readers never block the one writer and a writer waits for another rather
 * than failing at once.
 *
 * Invariants: a connection is used by one thread at a time (db.h), so it is
 * opened with SQLITE_OPEN_NOMUTEX.  A statement is FRESH (bindings may
 * change), RUNNING (rows being stepped) or DONE (further steps return DB_OK
 * until a bind starts it again), the same life a PostgreSQL statement has.
 *
 * A request's reads share one read transaction (db_snapshot()): SQLite
 * otherwise opens and closes one per statement, taking the WAL's locks
 * each time, a fifth of a knowledge item's page.  The first SELECT after
 * db_snapshot() opens it with BEGIN; anything else (a write, BEGIN, a
 * PRAGMA) ends it first with COMMIT, and so does going back to the pool.
 *
 * Statements are kept prepared per connection (CACHE_SLOTS of them, reused
 * in turn): pages run the same SQL on every request, and preparing it again
 * each time cost more than running it.
 *
 * Memory: column text belongs to SQLite until the next step or finalize.
 * err[] in the connection holds messages this file makes itself; when empty,
 * SQLite's own message applies.
 */
#include <pthread.h>
#include <time.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/xalloc.h"
#include "db/db_int.h"

enum { BUSY_TIMEOUT_MS = 5000 };

static const char setup_sql[] = "PRAGMA journal_mode=WAL;"
				"PRAGMA synchronous=NORMAL;"
				"PRAGMA foreign_keys=ON;";

#define CACHE_SLOTS 32 /* prepared statements kept per connection */

/* A statement kept prepared for the next db_prepare() of the same SQL. */
struct cached {
	char *sql;	  /* its text; NULL for an empty slot */
	uint64_t hash;	  /* of the text (sql_hash), compared before the text */
	sqlite3_stmt *st; /* the statement, reset when not in use */
	int select;	  /* a query (is_select): it may join a snapshot */
	int busy;	  /* handed out and not finalized yet */
};

struct sqlite_conn {
	struct db_conn base;		  /* first: what db.c sees */
	sqlite3 *h;			  /* the SQLite connection */
	char err[128];			  /* our own last error; "" when SQLite's message applies */
	struct cached cache[CACHE_SLOTS]; /* pages run the same SQL again and again */
	unsigned next;			  /* the slot to reuse next when all are taken */
	int has_read;			  /* a statement started here since db_acquire() */
	int big_cache;			  /* db_big_cache() since db_acquire() */
	int snapshot;			  /* db_snapshot() since db_acquire() */
	int grouped;			  /* the snapshot's read transaction is open */
	sqlite3_stmt *begin, *commit;	  /* the snapshot's BEGIN and COMMIT, prepared once */
	time_t file_checked;		  /* when recycling last asked whether the file moved */
};

enum stmt_state { FRESH, RUNNING, DONE };

struct sqlite_stmt {
	struct db_stmt base;   /* first: what db.c sees */
	sqlite3_stmt *st;      /* the prepared statement */
	enum stmt_state state; /* see the file comment */
	int bad_param;	       /* a parameter index that failed to bind, 0 if none */
	int64_t changes;       /* rows the last completed execution changed */
	int select;	       /* a query: it may join a snapshot */
	struct cached *slot;   /* the cache slot it came from, or NULL */
};

static struct sqlite_conn *conn_of(struct db_conn *c)
{
	return (struct sqlite_conn *)c;
}

static struct sqlite_stmt *stmt_of(struct db_stmt *s)
{
	return (struct sqlite_stmt *)s;
}

static struct sqlite_conn *stmt_conn(struct sqlite_stmt *s)
{
	return conn_of(s->base.conn);
}

/* Maps a SQLite result code that is not ROW or DONE to ours. */
static int result(int rc)
{
	if (rc == SQLITE_OK)
		return DB_OK;
	return rc == SQLITE_BUSY ? DB_BUSY : DB_ERR;
}

static int sq_accepts(const char *url)
{
	return url[0] != '\0';
}

static int trace_sql; /* INNOLAND_TRACE_SQL is set */

/* Before SQLite's first use: no global count of memory, which every
 * allocation of every connection would take a process-wide mutex for. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	const char *t = getenv("INNOLAND_TRACE_SQL");
	trace_sql = t && *t && strcmp(t, "0") != 0;
}

/* With INNOLAND_TRACE_SQL=1, every statement as it starts, with its values
 * in place, on stderr: for finding out what a page asks (bench/floor.c
 * replays it).  Values include whatever the rows hold: never in production. */
static int trace_statement(unsigned what, void *ctx, void *stmt, void *sql)
{
	char *text = sqlite3_expanded_sql(stmt);
	fprintf(stderr, "sql: %s\n", text ? text : (const char *)sql);
	sqlite3_free(text);
	return 0;
}

static struct db_conn *sq_connect(const char *url, char *err, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(url, &h, flags, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, setup_sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK && trace_sql)
		rc = sqlite3_trace_v2(h, SQLITE_TRACE_STMT, trace_statement, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", url, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return NULL;
	}
	struct sqlite_conn *c = xcalloc(1, sizeof *c);
	c->base.drv = &db_sqlite_driver;
	c->h = h;
	return &c->base;
}

static void sq_disconnect(struct db_conn *bc)
{
	struct sqlite_conn *c = conn_of(bc);
	for (int i = 0; i < CACHE_SLOTS; i++) {
		sqlite3_finalize(c->cache[i].st);
		free(c->cache[i].sql);
	}
	sqlite3_finalize(c->begin);
	sqlite3_finalize(c->commit);
	sqlite3_close(c->h);
	free(c);
}

static enum db_refusal sq_refusal(struct db_conn *bc, char *column, size_t len)
{
	sqlite3 *h = conn_of(bc)->h;
	int code = sqlite3_extended_errcode(h);
	if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
		return DB_REFUSED_UNIQUE;
	if (code != SQLITE_CONSTRAINT_NOTNULL)
		return DB_REFUSED_OTHER;
	/* "NOT NULL constraint failed: table.column" */
	const char *m = sqlite3_errmsg(h), *dot = strrchr(m, '.');
	if (dot && len)
		snprintf(column, len, "%s", dot + 1);
	return DB_REFUSED_NOT_NULL;
}

static const char *sq_errmsg(struct db_conn *bc)
{
	struct sqlite_conn *c = conn_of(bc);
	return c->err[0] ? c->err : sqlite3_errmsg(c->h);
}

/* The snapshot's read transaction: deferred, so it takes no write lock and
 * writes nothing (a trace shows it by this text). */
#define SNAPSHOT_BEGIN "BEGIN DEFERRED"

/* Ends the snapshot's read transaction, if one is open: what follows
 * writes, or begins a transaction of its own, or reads the latest. */
/* Runs *st, a statement of no rows kept prepared in the connection (the
 * snapshot's BEGIN and COMMIT run on every request: not parsed each time). */
static int run_kept(struct sqlite_conn *c, sqlite3_stmt **st, const char *sql)
{
	if (!*st &&
	    sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	int rc = sqlite3_step(*st);
	sqlite3_reset(*st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void end_snapshot(struct sqlite_conn *c)
{
	if (!c->grouped)
		return;
	c->grouped = 0;
	if (!sqlite3_get_autocommit(c->h))
		run_kept(c, &c->commit, "COMMIT");
}

static void sq_snapshot(struct db_conn *bc)
{
	conn_of(bc)->snapshot = 1;
}

/* 1 if st is a query that only reads: SELECT or WITH, after blanks and
 * comments (sqlite3_stmt_readonly() alone also says yes to BEGIN). */
static int is_select(sqlite3_stmt *st, const char *sql)
{
	if (!sqlite3_stmt_readonly(st))
		return 0;
	for (;;) {
		sql += strspn(sql, " \t\r\n");
		if (strncmp(sql, "/*", 2))
			break;
		const char *end = strstr(sql + 2, "*/");
		if (!end)
			return 0;
		sql = end + 2;
	}
	return !strncasecmp(sql, "SELECT", 6) || !strncasecmp(sql, "WITH", 4);
}

static int sq_exec(struct db_conn *bc, const char *sql)
{
	struct sqlite_conn *c = conn_of(bc);
	c->err[0] = '\0';
	end_snapshot(c);
	return result(sqlite3_exec(c->h, sql, NULL, NULL, NULL));
}

/* 1 if only blanks and semicolons follow the first statement. */
static int is_single(const char *tail)
{
	return tail[strspn(tail, " \t\r\n;")] == '\0';
}

/* FNV-1a: one pass over the text instead of a comparison per slot. */
static uint64_t sql_hash(const char *sql)
{
	return hash_bytes(sql, strlen(sql));
}

/* A free cache slot holding sql (whose sql_hash is hash), or NULL. */
static struct cached *cache_find(struct sqlite_conn *c, const char *sql, uint64_t hash)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (c->cache[i].hash == hash && c->cache[i].sql && !c->cache[i].busy &&
		    !strcmp(c->cache[i].sql, sql))
			return &c->cache[i];
	return NULL;
}

/* Keeps st in a slot that is empty or not in use; NULL if every slot is busy. */
static struct cached *cache_keep(struct sqlite_conn *c, const char *sql, uint64_t hash,
				 sqlite3_stmt *st)
{
	for (int tries = 0; tries < CACHE_SLOTS; tries++) {
		struct cached *k = &c->cache[c->next++ % CACHE_SLOTS];
		if (k->busy)
			continue;
		sqlite3_finalize(k->st);
		free(k->sql);
		*k = (struct cached){xstrdup(sql), hash, st, is_select(st, sql), 1};
		return k;
	}
	return NULL;
}

static struct db_stmt *sq_prepare(struct db_conn *bc, const char *sql)
{
	struct sqlite_conn *c = conn_of(bc);
	uint64_t hash = sql_hash(sql);
	struct cached *k = cache_find(c, sql, hash);
	sqlite3_stmt *st = k ? k->st : NULL;
	const char *tail = NULL;
	c->err[0] = '\0';
	if (k) {
		k->busy = 1;
	} else {
		if (sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail) !=
		    SQLITE_OK)
			return NULL;
		if (!st || !is_single(tail)) {
			snprintf(c->err, sizeof c->err, "db_prepare wants exactly one statement");
			sqlite3_finalize(st);
			return NULL;
		}
		k = cache_keep(c, sql, hash, st);
	}
	struct sqlite_stmt *s = xcalloc(1, sizeof *s);
	s->base.conn = bc;
	s->st = st;
	s->slot = k;
	s->select = k ? k->select : is_select(st, sql);
	return &s->base;
}

/* A bind after stepping starts the statement again, bindings kept. */
static void rewind_for_bind(struct sqlite_stmt *s)
{
	if (s->state != FRESH)
		sqlite3_reset(s->st);
	s->state = FRESH;
}

static void note_bind(struct sqlite_stmt *s, int idx, int rc)
{
	if (rc != SQLITE_OK && !s->bad_param)
		s->bad_param = idx;
}

static void sq_bind_int(struct db_stmt *bs, int idx, int64_t v)
{
	struct sqlite_stmt *s = stmt_of(bs);
	rewind_for_bind(s);
	note_bind(s, idx, sqlite3_bind_int64(s->st, idx, v));
}

static void sq_bind_text(struct db_stmt *bs, int idx, const char *v, size_t len)
{
	struct sqlite_stmt *s = stmt_of(bs);
	rewind_for_bind(s);
	int rc = SQLITE_TOOBIG;
	if (len <= (size_t)INT32_MAX)
		rc = sqlite3_bind_text(s->st, idx, v, (int)len, SQLITE_TRANSIENT);
	note_bind(s, idx, rc);
}

static void sq_bind_null(struct db_stmt *bs, int idx)
{
	struct sqlite_stmt *s = stmt_of(bs);
	rewind_for_bind(s);
	note_bind(s, idx, sqlite3_bind_null(s->st, idx));
}

static int sq_step(struct db_stmt *bs)
{
	struct sqlite_stmt *s = stmt_of(bs);
	struct sqlite_conn *c = stmt_conn(s);
	c->err[0] = '\0';
	if (s->bad_param) {
		snprintf(c->err, sizeof c->err, "cannot bind parameter %d", s->bad_param);
		return DB_ERR;
	}
	if (s->state == DONE)
		return DB_OK;
	if (s->state == FRESH) {
		c->has_read = 1;
		if (c->snapshot && s->select && !c->grouped && sqlite3_get_autocommit(c->h))
			c->grouped = run_kept(c, &c->begin, SNAPSHOT_BEGIN) == SQLITE_OK;
		else if (!s->select)
			end_snapshot(c);
	}
	s->state = RUNNING;
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc != SQLITE_DONE)
		return result(rc);
	s->state = DONE;
	s->changes = sqlite3_stmt_readonly(s->st) ? 0 : sqlite3_changes64(c->h);
	return DB_OK;
}

static int sq_column_count(struct db_stmt *bs)
{
	return sqlite3_column_count(stmt_of(bs)->st);
}

static const char *sq_column_name(struct db_stmt *bs, int col)
{
	return sqlite3_column_name(stmt_of(bs)->st, col);
}

static int sq_column_is_null(struct db_stmt *bs, int col)
{
	return sqlite3_column_type(stmt_of(bs)->st, col) == SQLITE_NULL;
}

static int64_t sq_column_int(struct db_stmt *bs, int col)
{
	return sqlite3_column_int64(stmt_of(bs)->st, col);
}

static const char *sq_column_text(struct db_stmt *bs, int col)
{
	return (const char *)sqlite3_column_text(stmt_of(bs)->st, col);
}

static int64_t sq_changes(struct db_stmt *bs)
{
	return stmt_of(bs)->changes;
}

static void sq_finalize(struct db_stmt *bs)
{
	struct sqlite_stmt *s = stmt_of(bs);
	if (s->slot) { /* back to the cache, ready for the next use */
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		s->slot->busy = 0;
	} else {
		sqlite3_finalize(s->st);
	}
	free(s);
}

/* Joins one more line of a report with "; ". */
static void report_line(struct buf *b, const char *line)
{
	buf_printf(b, "%s%s", b->len ? "; " : "", line);
}

/* PRAGMA integrity_check answers one row "ok", or one row per problem. */
static int sq_integrity(struct db_conn *bc, char *report, size_t len)
{
	struct sqlite_conn *c = conn_of(bc);
	sqlite3_stmt *st = NULL;
	struct buf b = BUF_INIT;
	int rc = sqlite3_prepare_v3(c->h, "PRAGMA integrity_check", -1, 0, &st, NULL);
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			report_line(&b, (const char *)sqlite3_column_text(st, 0));
	if (rc != SQLITE_DONE)
		report_line(&b, sqlite3_errmsg(c->h));
	sqlite3_finalize(st);
	int sound = rc == SQLITE_DONE && b.data && strcmp(b.data, "ok") == 0;
	snprintf(report, len, "%s", b.data ? b.data : "no answer");
	buf_free(&b);
	return sound ? 0 : 1;
}

static void sq_big_cache(struct db_conn *bc)
{
	struct sqlite_conn *c = conn_of(bc);
	if (!c->big_cache && sq_exec(bc, "PRAGMA cache_size = -262144") == DB_OK) /* 256 MiB */
		c->big_cache = 1;
}

/* Back to the pool: no transaction left open, and the page cache back to
 * SQLite's default size (its pages beyond it freed). */
static int sq_reaches(struct db_conn *bc)
{
	int moved = 1;
	return sqlite3_file_control(conn_of(bc)->h, "main", SQLITE_FCNTL_HAS_MOVED, &moved) ==
		       SQLITE_OK &&
	       !moved;
}

/* Seconds of a clock read without a system call (the vDSO's coarse one). */
static time_t coarse_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
	return t.tv_sec;
}

static int sq_recycle(struct db_conn *bc)
{
	struct sqlite_conn *c = conn_of(bc);
	c->has_read = 0;
	end_snapshot(c);
	c->snapshot = 0;
	/* asking costs a stat() of the file: once a second is enough to drop
	 * a connection whose file moved (healthz asks every time) */
	time_t now = coarse_now();
	if (now != c->file_checked) {
		c->file_checked = now;
		if (!sq_reaches(bc)) /* gone: a new connection finds out what is there now */
			return -1;
	}
	if (!sqlite3_get_autocommit(c->h) && sq_exec(bc, "ROLLBACK") != DB_OK)
		return -1;
	if (c->big_cache && sq_exec(bc, "PRAGMA cache_size = -2000") != DB_OK) /* the default */
		return -1;
	c->big_cache = 0;
	return 0;
}

/*
 * The pager's data version changes when any connection commits, this one
 * included, but it is only brought up to date when a read transaction
 * starts: it is the version as of this connection's latest statement.
 * That is the one db_memo_get() promises (the rows of the list whose count
 * is asked were just read, in the same snapshot), and it costs no statement.
 * A connection that has run none since it was acquired runs PRAGMA
 * data_version to start one.  The change counter covers this connection's
 * own writes.  Inside a transaction nothing is settled yet.
 */
static int sq_version(struct db_conn *bc, uint64_t v[2])
{
	struct sqlite_conn *c = conn_of(bc);
	if (!sqlite3_get_autocommit(c->h) && !c->grouped) /* the snapshot's: as of its start */
		return 0;
	if (!c->has_read) {
		struct db_stmt *s = sq_prepare(bc, "PRAGMA data_version");
		int ok = s && sq_step(s) == DB_ROW;
		if (s)
			sq_finalize(s);
		if (!ok)
			return 0;
	}
	unsigned int dv = 0;
	if (sqlite3_file_control(c->h, "main", SQLITE_FCNTL_DATA_VERSION, &dv) != SQLITE_OK)
		return 0;
	v[0] = dv;
	v[1] = (uint64_t)sqlite3_total_changes64(c->h);
	return 1;
}

/* ---- full-text search: an FTS5 table (title, body; rowid = the row's id) ---- */

static const struct db_text_syntax sq_text_syntax = {
	.and = " AND ",
	.open = "\"",
	.close = "\"",
	.quote = "",
	.next = " ",
	.term_prefix = "",
	.part_prefix = "*",
	.or = " OR ",
	.but_not = " NOT ",
};

/* The index first (CROSS JOIN keeps that order), read in its rowid order. */
static void sq_text_match(const struct db_text_index *ix, const char *alias, struct buf *sql)
{
	buf_printf(sql, "FROM %s CROSS JOIN %s %s ON %s.id = %s.rowid WHERE %s MATCH ?", ix->fts5,
		   ix->table, alias, alias, ix->fts5, ix->fts5);
}

static void sq_text_newest(const struct db_text_index *ix, const char *alias, struct buf *sql)
{
	buf_printf(sql, "%s.rowid DESC", ix->fts5);
}

static int sq_text_put(struct db_conn *c, const struct db_text_index *ix, int64_t id,
		       const char *title, const char *body)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "DELETE FROM %s WHERE rowid = ?", ix->fts5);
	int rc = db_run(c, NULL, sql.data, "i", id);
	if (rc == DB_OK && title) {
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO %s (rowid, title, body) VALUES (?, ?, ?)", ix->fts5);
		rc = db_run(c, NULL, sql.data, "itt", id, title, body ? body : "");
	}
	buf_free(&sql);
	return rc;
}

/* A term's list then reads in one piece (a two-word query went from 23 to
 * 1 ms after a bulk load). */
static int sq_text_optimize(struct db_conn *c, const struct db_text_index *ix)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "INSERT INTO %s (%s) VALUES ('optimize')", ix->fts5, ix->fts5);
	int rc = db_run(c, NULL, sql.data, "");
	buf_free(&sql);
	return rc;
}

/* Copies every page of from into to in one step: one read transaction on
 * from, so the copy is one snapshot while its writers go on (WAL). */
static int copy_pages(sqlite3 *to, sqlite3 *from, char *err, size_t errlen)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(to);
	if (b && sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
		rc = sqlite3_errcode(to);
	if (rc != SQLITE_DONE)
		snprintf(err, errlen, "SQLite backup: %s", sqlite3_errmsg(to));
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sq_backup(struct db_conn *bc, const char *url, const char *path, char *err,
		     size_t errlen)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = copy_pages(to, conn_of(bc)->h, err, errlen);
	else
		snprintf(err, errlen, "%s: %s", path, sqlite3_errstr(rc));
	sqlite3_close(to);
	return rc == 0 ? 0 : -1;
}

/* A backup is a database with InnoLand's schema_version table. */
static int sq_restore(struct db_conn *bc, const char *url, const char *path, char *err,
		      size_t errlen)
{
	sqlite3 *from = NULL;
	int rc = sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(from, "SELECT version FROM schema_version LIMIT 1", NULL, NULL,
				  NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen,
			 "%s: InnoLand의 SQLite 백업이 아닙니다 (not an InnoLand backup: %s)", path,
			 sqlite3_errmsg(from));
		sqlite3_close(from);
		return -1;
	}
	rc = copy_pages(conn_of(bc)->h, from, err, errlen);
	sqlite3_close(from);
	return rc;
}

/* A line of EXPLAIN QUERY PLAN that reads more than the rows asked for:
 * a table or an index walked from end to end ("SCAN t", "SCAN t USING
 * COVERING INDEX x"; a subquery's own rows, "SCAN (subquery-1)", and a
 * constant row are what they hold, and a virtual table given a constraint,
 * "SCAN knowledge_fts VIRTUAL TABLE INDEX 192:M2" (an FTS5 MATCH), answers
 * from its own index), or a temporary B-tree that sorts every row found. */
static const char *sq_plan_flaw(const char *line)
{
	while (*line == ' ' || *line == '|' || *line == '`' || *line == '-')
		line++;
	const char *virt = strstr(line, " VIRTUAL TABLE INDEX ");
	const char *idx = virt ? strchr(virt, ':') : NULL;
	if (idx && idx[1])
		return NULL;
	if (!strncmp(line, "SCAN ", 5) && strncmp(line, "SCAN (subquery", 14) &&
	    strcmp(line, "SCAN CONSTANT ROW"))
		return "a scan of the whole table or index";
	if (!strncmp(line, "USE TEMP B-TREE", 15))
		return "a sort of every row found";
	return NULL;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.accepts = sq_accepts,
	.connect = sq_connect,
	.disconnect = sq_disconnect,
	.errmsg = sq_errmsg,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_count = sq_column_count,
	.column_name = sq_column_name,
	.column_is_null = sq_column_is_null,
	.column_int = sq_column_int,
	.column_text = sq_column_text,
	.changes = sq_changes,
	.finalize = sq_finalize,
	.integrity = sq_integrity,
	.dialect = "sqlite",
	.sql_id = "INTEGER PRIMARY KEY",
	.sql_now = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	.sql_strict = " STRICT",
	.sql_bigint = "INTEGER",
	.serialize = "SELECT 1",	  /* BEGIN IMMEDIATE already admits one writer */
	.begin_write = "BEGIN IMMEDIATE", /* take the write lock now, not at the first write */
	.begin_exclusive = "BEGIN IMMEDIATE",
	.recycle = sq_recycle,
	.reaches = sq_reaches,
	.backup = sq_backup,
	.restore = sq_restore,
	.backup_format = "SQLite 데이터베이스 파일 (SQLite's online backup API)",
	.tables_sql = "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
	.version = sq_version,
	.big_cache = sq_big_cache,
	.snapshot = sq_snapshot,
	.refusal = sq_refusal,
	.unindexed_open = "CAST(",
	.unindexed_close = " AS INTEGER)",
	.explain = "EXPLAIN QUERY PLAN ",
	.explain_column = 3, /* id, parent, notused, detail */
	.plan_flaw = sq_plan_flaw,
	.text_syntax = &sq_text_syntax,
	.text_match = sq_text_match,
	.text_newest = sq_text_newest,
	.text_put = sq_text_put,
	.text_optimize = sq_text_optimize,
};
