/*
 * db.c: picks a driver for a URL, keeps the connection pool, and dispatches
 * every db.h call through the driver table.  No code here knows which
 * database it talks to.
 *
 * Invariants: 0 <= nidle <= open <= pool_size, all under lock.  A
 * connection is either in idle[] or held by exactly one caller.  open counts
 * a connection from the moment a caller reserves its slot, so the pool never
 * exceeds pool_size even while a slow connect runs outside the lock.
 *
 * Memory: struct db owns url, idle[] and the idle connections.  Connections
 * still held at db_close() are a caller bug (asserted).
 */
#include "db/db.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db_int.h"

enum { POOL_MAX = 256 }; /* hard cap on pool_size */

struct db {
	const struct db_driver *drv; /* the driver whose accepts() took the URL */
	char *url;		     /* copy of the URL, to open more connections */
	int pool_size;		     /* most connections open at once */
	int open;		     /* connections open or being opened: idle + held */
	int nidle;		     /* connections waiting in idle[] */
	struct db_conn **idle;	     /* pool_size slots, used as a stack */
	pthread_mutex_t lock;	     /* guards open, nidle and idle[] */
	pthread_cond_t freed;	     /* signalled when a connection or a slot frees up */
};

/* Order matters: SQLite takes any path, so it is asked last. */
static const struct db_driver *const drivers[] = {&db_pg_driver, &db_sqlite_driver};

static const struct db_driver *driver_for(const char *url)
{
	for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
		if (drivers[i]->accepts(url))
			return drivers[i];
	return NULL;
}

enum { MEMO_SLOTS = 64 }; /* numbers one connection remembers (lists' and searches' counts) */

struct db_memo {
	char *key[MEMO_SLOTS];		 /* what each slot holds, or NULL */
	int64_t value[MEMO_SLOTS];	 /* the number */
	uint64_t version[MEMO_SLOTS][2]; /* the database's version it was computed at */
	unsigned next;			 /* the slot the next new key takes */
	int seen_ok;			 /* 1: seen is the version at the last get */
	uint64_t seen[2];		 /* the version db_memo_get() saw */
};

static void memo_free(struct db_conn *c)
{
	if (!c->memo)
		return;
	for (int i = 0; i < MEMO_SLOTS; i++)
		free(c->memo->key[i]);
	free(c->memo);
	c->memo = NULL;
}

static void disconnect(struct db_conn *c)
{
	memo_free(c);
	c->drv->disconnect(c);
}

/* Gives a reserved slot back after its connection failed or was closed. */
static void pool_forget(struct db *db)
{
	pthread_mutex_lock(&db->lock);
	db->open--;
	pthread_cond_signal(&db->freed);
	pthread_mutex_unlock(&db->lock);
}

/* Fills a slot already counted in open; forgets the slot on failure. */
static struct db_conn *pool_connect(struct db *db, char *err, size_t errlen)
{
	struct db_conn *c = db->drv->connect(db->url, err, errlen);
	if (!c) {
		pool_forget(db);
		return NULL;
	}
	c->pool = db;
	return c;
}

struct db *db_open(const char *url, int pool_size, char *err, size_t errlen)
{
	const struct db_driver *drv = url ? driver_for(url) : NULL;
	if (!drv) {
		snprintf(err, errlen, "no database driver for '%s'", url ? url : "");
		return NULL;
	}
	if (pool_size < 1 || pool_size > POOL_MAX) {
		snprintf(err, errlen, "pool size %d is not between 1 and %d", pool_size, POOL_MAX);
		return NULL;
	}
	struct db *db = xcalloc(1, sizeof *db);
	db->drv = drv;
	db->url = xstrdup(url);
	db->pool_size = pool_size;
	db->idle = xcalloc((size_t)pool_size, sizeof *db->idle);
	pthread_mutex_init(&db->lock, NULL);
	pthread_cond_init(&db->freed, NULL);
	/* The first connection is made now, so a bad URL fails here. */
	db->open = 1;
	struct db_conn *c = pool_connect(db, err, errlen);
	if (!c) {
		db_close(db);
		return NULL;
	}
	db_release(c);
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	assert(db->nidle == db->open);
	while (db->nidle > 0)
		disconnect(db->idle[--db->nidle]);
	pthread_cond_destroy(&db->freed);
	pthread_mutex_destroy(&db->lock);
	free(db->idle);
	free(db->url);
	free(db);
}

int db_memo_get(struct db_conn *c, const char *key, int64_t *value)
{
	if (!c->memo)
		c->memo = xcalloc(1, sizeof *c->memo);
	struct db_memo *m = c->memo;
	m->seen_ok = c->drv->version && c->drv->version(c, m->seen);
	if (!m->seen_ok)
		return 0;
	for (int i = 0; i < MEMO_SLOTS; i++)
		if (m->key[i] && !strcmp(m->key[i], key) && m->version[i][0] == m->seen[0] &&
		    m->version[i][1] == m->seen[1]) {
			*value = m->value[i];
			return 1;
		}
	return 0;
}

void db_snapshot(struct db_conn *c)
{
	if (c->drv->snapshot)
		c->drv->snapshot(c);
}

void db_big_cache(struct db_conn *c)
{
	if (c->drv->big_cache)
		c->drv->big_cache(c);
}

void db_memo_put(struct db_conn *c, const char *key, int64_t value)
{
	struct db_memo *m = c->memo;
	if (!m || !m->seen_ok)
		return;
	int slot = -1;
	for (int i = 0; i < MEMO_SLOTS && slot < 0; i++)
		if (m->key[i] && !strcmp(m->key[i], key))
			slot = i;
	if (slot < 0) {
		slot = (int)(m->next++ % MEMO_SLOTS);
		free(m->key[slot]);
		m->key[slot] = xstrdup(key);
	}
	m->value[slot] = value;
	memcpy(m->version[slot], m->seen, sizeof m->seen);
	m->seen_ok = 0;
}

const char *db_sql_unindexed(const struct db_conn *c, const char *column, char *out, size_t len)
{
	snprintf(out, len, "%s%s%s", c->drv->unindexed_open, column, c->drv->unindexed_close);
	return out;
}

struct db_stmt *db_explain(struct db_conn *c, const char *sql)
{
	if (c->drv->explain_setup && db_exec(c, c->drv->explain_setup) != DB_OK)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s%s", c->drv->explain, sql);
	struct db_stmt *s = db_prepare(c, b.data);
	buf_free(&b);
	return s;
}

const char *db_plan_line(const struct db_conn *c, struct db_stmt *s)
{
	const char *t = db_column_text(s, c->drv->explain_column);
	return t ? t : "";
}

const char *db_plan_flaw(const struct db_conn *c, const char *line)
{
	return c->drv->plan_flaw(line);
}

const struct db_text_syntax *db_text_syntax(const struct db_conn *c)
{
	return c->drv->text_syntax;
}

const struct db_text_syntax *db_text_syntax_for(const char *url)
{
	const struct db_driver *drv = driver_for(url);
	return drv ? drv->text_syntax : NULL;
}

void db_text_match(const struct db_conn *c, const struct db_text_index *ix, const char *alias,
		   struct buf *sql)
{
	c->drv->text_match(ix, alias, sql);
}

void db_text_newest(const struct db_conn *c, const struct db_text_index *ix, const char *alias,
		    struct buf *sql)
{
	c->drv->text_newest(ix, alias, sql);
}

int db_text_put(struct db_conn *c, const struct db_text_index *ix, int64_t id, const char *title,
		const char *body)
{
	return c->drv->text_put(c, ix, id, title, body);
}

int db_text_optimize(struct db_conn *c, const struct db_text_index *ix)
{
	return c->drv->text_optimize(c, ix);
}

const char *db_url(const struct db *db)
{
	return db->url;
}

const char *db_driver_name(const struct db *db)
{
	return db->drv->name;
}

struct db_conn *db_acquire(struct db *db)
{
	pthread_mutex_lock(&db->lock);
	while (db->nidle == 0 && db->open == db->pool_size)
		pthread_cond_wait(&db->freed, &db->lock);
	if (db->nidle > 0) {
		struct db_conn *c = db->idle[--db->nidle];
		pthread_mutex_unlock(&db->lock);
		c->queries = 0;
		return c;
	}
	db->open++;
	pthread_mutex_unlock(&db->lock);

	char err[256];
	struct db_conn *c = pool_connect(db, err, sizeof err);
	if (!c)
		fprintf(stderr, "innoland: database: %s\n", err);
	return c;
}

void db_release(struct db_conn *c)
{
	if (!c)
		return;
	struct db *db = c->pool;
	if (c->drv->recycle(c) != 0) {
		disconnect(c);
		pool_forget(db);
		return;
	}
	pthread_mutex_lock(&db->lock);
	assert(db->nidle < db->open);
	db->idle[db->nidle++] = c;
	pthread_cond_signal(&db->freed);
	pthread_mutex_unlock(&db->lock);
}

const char *db_errmsg(struct db_conn *c)
{
	return c->drv->errmsg(c);
}

int db_exec(struct db_conn *c, const char *sql)
{
	return c->drv->exec(c, sql);
}

int db_begin(struct db_conn *c)
{
	return db_exec(c, c->drv->begin_write);
}

int db_commit(struct db_conn *c)
{
	return db_exec(c, "COMMIT");
}

enum db_refusal db_refusal(struct db_conn *c, char *column, size_t len)
{
	if (len)
		column[0] = '\0';
	return c->drv->refusal(c, column, len);
}

int db_serialize(struct db_conn *c)
{
	return db_exec(c, c->drv->serialize);
}

int db_lock(struct db_conn *c, const char *name)
{
	return c->drv->lock ? db_run(c, NULL, c->drv->lock, "t", name) : DB_OK;
}

int db_rollback(struct db_conn *c)
{
	return db_exec(c, "ROLLBACK");
}

unsigned long db_queries(const struct db_conn *c)
{
	return c->queries;
}

struct db_stmt *db_prepare(struct db_conn *c, const char *sql)
{
	c->queries++;
	struct db_stmt *s = c->drv->prepare(c, sql);
	if (s && c->record)
		s->record_sql = xstrdup(sql);
	return s;
}

void db_record(struct db_conn *c, db_record_fn *fn, void *ctx)
{
	c->record = fn;
	c->record_ctx = ctx;
}

static const struct db_driver *stmt_driver(const struct db_stmt *s)
{
	return s->conn->drv;
}

/* With a recorder: keeps value v (texts copied) as parameter idx's. */
static void keep_bound(struct db_stmt *s, int idx, struct db_bound v)
{
	if (!s->record_sql || idx < 1 || idx > 999)
		return;
	if (idx > s->n_bound) {
		s->bound = xrealloc(s->bound, (size_t)idx * sizeof *s->bound);
		memset(s->bound + s->n_bound, 0, (size_t)(idx - s->n_bound) * sizeof *s->bound);
		s->n_bound = idx;
	}
	free((char *)s->bound[idx - 1].text);
	if (v.text) {
		char *t = xmalloc(v.len + 1);
		memcpy(t, v.text, v.len);
		t[v.len] = '\0';
		v.text = t;
	}
	s->bound[idx - 1] = v;
}

void db_bind_int(struct db_stmt *s, int idx, int64_t v)
{
	keep_bound(s, idx, (struct db_bound){.is_int = 1, .i = v});
	stmt_driver(s)->bind_int(s, idx, v);
}

void db_bind_text(struct db_stmt *s, int idx, const char *v, size_t len)
{
	keep_bound(s, idx, (struct db_bound){.text = v, .len = v ? len : 0});
	if (!v)
		stmt_driver(s)->bind_null(s, idx);
	else
		stmt_driver(s)->bind_text(s, idx, v, len);
}

void db_bind_null(struct db_stmt *s, int idx)
{
	keep_bound(s, idx, (struct db_bound){0});
	stmt_driver(s)->bind_null(s, idx);
}

int db_step(struct db_stmt *s)
{
	struct db_conn *c = s->conn;
	if (s->record_sql && !s->recorded && c->record) {
		s->recorded = 1;
		c->record(c->record_ctx, s->record_sql, s->bound, s->n_bound);
	}
	return stmt_driver(s)->step(s);
}

int db_column_count(struct db_stmt *s)
{
	return stmt_driver(s)->column_count(s);
}

const char *db_column_name(struct db_stmt *s, int col)
{
	return stmt_driver(s)->column_name(s, col);
}

int db_column_is_null(struct db_stmt *s, int col)
{
	return stmt_driver(s)->column_is_null(s, col);
}

int64_t db_column_int(struct db_stmt *s, int col)
{
	return stmt_driver(s)->column_int(s, col);
}

const char *db_column_text(struct db_stmt *s, int col)
{
	return stmt_driver(s)->column_text(s, col);
}

int64_t db_changes(struct db_stmt *s)
{
	return stmt_driver(s)->changes(s);
}

void db_finalize(struct db_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n_bound; i++)
		free((char *)s->bound[i].text);
	free(s->bound);
	free(s->record_sql);
	stmt_driver(s)->finalize(s);
}

/* Binds the parameters of a type string from ap; see db_run in db.h. */
static void bind_va(struct db_stmt *s, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			db_bind_int(s, i + 1, va_arg(ap, int64_t));
		} else {
			const char *t = va_arg(ap, const char *);
			db_bind_text(s, i + 1, t, t ? strlen(t) : 0);
		}
	}
}

static struct db_stmt *prepare_va(struct db_conn *c, const char *sql, const char *types, va_list ap)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (s)
		bind_va(s, types, ap);
	return s;
}

struct db_stmt *db_preparef(struct db_conn *c, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = prepare_va(c, sql, types, ap);
	va_end(ap);
	return s;
}

int db_run(struct db_conn *c, int64_t *changes, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = prepare_va(c, sql, types, ap);
	va_end(ap);
	if (!s)
		return DB_ERR;
	int rc = db_step(s);
	while (rc == DB_ROW)
		rc = db_step(s);
	if (changes)
		*changes = db_changes(s);
	db_finalize(s);
	return rc == DB_OK ? DB_OK : DB_ERR;
}

int db_any(struct db_conn *c, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = prepare_va(c, sql, types, ap);
	va_end(ap);
	int rc = s ? db_step(s) : DB_ERR;
	int some = rc == DB_ROW && !db_column_is_null(s, 0) && db_column_int(s, 0) > 0;
	db_finalize(s);
	return rc == DB_ERR ? -1 : some;
}

int64_t db_int(struct db_conn *c, int *rc, int64_t def, const char *sql, const char *types, ...)
{
	int dummy;
	rc = rc ? rc : &dummy;
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = prepare_va(c, sql, types, ap);
	va_end(ap);
	if (!s) {
		*rc = DB_ERR;
		return def;
	}
	*rc = db_step(s);
	int64_t v = *rc == DB_ROW && !db_column_is_null(s, 0) ? db_column_int(s, 0) : def;
	db_finalize(s);
	return v;
}
