/*
 * counter.c: see counter.h.
 *
 * The table is open addressing over COUNTER_SLOTS slots, filled to three
 * quarters at most so that a probe stays short.  A slot keeps its count
 * while a flush writes it (`flushing` of `pending`), so a page shown during
 * the flush's transaction still sees it; the flush takes its share off when
 * it has committed.  Slots whose count is back to 0 are freed by the
 * compaction after a flush, when no other flush holds slot numbers.
 */
#include "crud/counter.h"

#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"

#define SLOTS_MAX (COUNTER_SLOTS / 4 * 3)

struct slot {
	const char *table;  /* NULL: a free slot */
	const char *column; /* the counted column */
	int64_t id;	    /* the row */
	int64_t pending;    /* added and not committed yet, flushing included */
	int64_t flushing;   /* of pending, what flushes under way are writing */
};

/* What one flush writes of one slot. */
struct taken {
	const char *table, *column; /* the slot's */
	int64_t id;		    /* the slot's */
	int64_t n;		    /* its share: pending - flushing when it was taken */
	size_t at;		    /* the slot */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* guards everything below */
static struct slot slots[COUNTER_SLOTS];
static size_t used[SLOTS_MAX]; /* the taken slots' numbers, in no order */
static size_t n_used;
static int flushes;   /* flushes under way: while any, slots do not move */
static int full_said; /* the log said the table was full since it was last emptied */

/* Identifiers only: they are written into SQL. */
static int identifier(const char *s)
{
	return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

static size_t hash(const char *table, const char *column, int64_t id)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const char *p = table; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	for (const char *p = column; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h ^= (uint64_t)id * 0x9e3779b97f4a7c15u;
	return (size_t)(h ^ (h >> 29)) % COUNTER_SLOTS;
}

/* The slot of (table, column, id), taken if create and it has none; NULL
 * when it has none (or the table is full).  Under lock. */
static struct slot *find(const char *table, const char *column, int64_t id, int create)
{
	for (size_t i = hash(table, column, id);; i = (i + 1) % COUNTER_SLOTS) {
		struct slot *s = &slots[i];
		if (!s->table) {
			if (!create || n_used == SLOTS_MAX)
				return NULL;
			*s = (struct slot){.table = table, .column = column, .id = id};
			used[n_used++] = i;
			return s;
		}
		if (s->id == id && !strcmp(s->column, column) && !strcmp(s->table, table))
			return s;
	}
}

int64_t counter_add(const char *table, const char *column, int64_t id, int64_t n)
{
	assert(identifier(table) && identifier(column));
	pthread_mutex_lock(&lock);
	struct slot *s = find(table, column, id, 1);
	int64_t pending = 0;
	if (s)
		pending = s->pending += n;
	else if (!full_said) {
		full_said = 1;
		log_error("counter: %d rows already wait to be written: %s.%s of %lld and others "
			  "not counted until the next write",
			  SLOTS_MAX, table, column, (long long)id);
	}
	pthread_mutex_unlock(&lock);
	return pending;
}

int64_t counter_pending(const char *table, const char *column, int64_t id)
{
	pthread_mutex_lock(&lock);
	const struct slot *s = find(table, column, id, 0);
	int64_t pending = s ? s->pending : 0;
	pthread_mutex_unlock(&lock);
	return pending;
}

/* Frees the slots whose count is 0 by putting the others back in a clean
 * table.  Under lock, with no flush under way. */
static void compact(void)
{
	assert(flushes == 0);
	size_t n = 0;
	struct slot *keep = xmalloc((n_used ? n_used : 1) * sizeof *keep);
	for (size_t i = 0; i < n_used; i++) {
		if (slots[used[i]].pending)
			keep[n++] = slots[used[i]];
		slots[used[i]] = (struct slot){0};
	}
	n_used = 0;
	for (size_t i = 0; i < n; i++)
		*find(keep[i].table, keep[i].column, keep[i].id, 1) = keep[i];
	free(keep);
	full_said = 0;
}

/* Takes every slot's share not being written yet into *out; how many. */
static size_t take(struct taken **out)
{
	pthread_mutex_lock(&lock);
	struct taken *t = xmalloc((n_used ? n_used : 1) * sizeof *t);
	size_t n = 0;
	for (size_t i = 0; i < n_used; i++) {
		struct slot *s = &slots[used[i]];
		int64_t share = s->pending - s->flushing;
		if (!share)
			continue;
		s->flushing += share;
		t[n++] = (struct taken){s->table, s->column, s->id, share, used[i]};
	}
	flushes++;
	pthread_mutex_unlock(&lock);
	*out = t;
	return n;
}

/* Ends a flush of t: its shares written (ok) or back to pending. */
static void settle(struct taken *t, size_t n, int ok)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < n; i++) {
		struct slot *s = &slots[t[i].at];
		s->flushing -= t[i].n;
		if (ok)
			s->pending -= t[i].n;
	}
	if (--flushes == 0 && ok)
		compact();
	pthread_mutex_unlock(&lock);
	free(t);
}

/* Table, column, then id: the order every flush writes rows in. */
static int by_key(const void *a, const void *b)
{
	const struct taken *x = a, *y = b;
	int c = strcmp(x->table, y->table);
	if (!c)
		c = strcmp(x->column, y->column);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The UPDATEs of t (sorted), inside the caller's transaction. */
static int write_taken(struct db_conn *c, const struct taken *t, size_t n)
{
	for (size_t i = 0; i < n;) {
		char sql[256];
		snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s + ? WHERE id = ?", t[i].table,
			 t[i].column, t[i].column);
		struct db_stmt *s = db_prepare(c, sql);
		if (!s)
			return DB_ERR;
		int rc = DB_OK;
		size_t k = i;
		for (; k < n && rc == DB_OK && !strcmp(t[k].table, t[i].table) &&
		       !strcmp(t[k].column, t[i].column);
		     k++) {
			db_bind_int(s, 1, t[k].n);
			db_bind_int(s, 2, t[k].id);
			rc = db_step(s);
		}
		db_finalize(s);
		if (rc != DB_OK)
			return rc;
		i = k;
	}
	return DB_OK;
}

int counter_flush(struct db_conn *c)
{
	struct taken *t;
	size_t n = take(&t);
	if (!n) {
		settle(t, 0, 1);
		return DB_OK;
	}
	qsort(t, n, sizeof *t, by_key);
	int rc = db_begin(c);
	if (rc == DB_OK && (rc = write_taken(c, t, n)) == DB_OK)
		rc = db_commit(c);
	if (rc != DB_OK) {
		log_error("counter: %zu counts not written, kept for the next try: %s", n,
			  db_errmsg(c));
		db_rollback(c);
	}
	settle(t, n, rc == DB_OK);
	return rc;
}

static struct {
	pthread_mutex_t lock; /* guards stopping */
	pthread_cond_t wake;  /* signalled when stopping is set */
	pthread_t thread;     /* the flusher, while running */
	struct db *db;	      /* where it writes */
	unsigned seconds;     /* between two flushes */
	int running;	      /* 1 between counter_start() and counter_stop() */
	int stopping;	      /* 1: the thread ends */
} flusher = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* One flush on a pooled connection; nothing when nothing is pending. */
static void flush_db(struct db *db)
{
	pthread_mutex_lock(&lock);
	int idle = n_used == 0;
	pthread_mutex_unlock(&lock);
	if (idle)
		return;
	struct db_conn *c = db_acquire(db);
	if (!c) {
		log_error("counter: no database connection; the counts wait for the next try");
		return;
	}
	(void)counter_flush(c); /* a failure is logged there and kept for the next */
	db_release(c);
}

static void *flusher_main(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&flusher.lock);
	while (!flusher.stopping) {
		struct timespec at;
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_sec += flusher.seconds;
		while (!flusher.stopping &&
		       pthread_cond_timedwait(&flusher.wake, &flusher.lock, &at) == 0)
			;
		if (flusher.stopping)
			break;
		pthread_mutex_unlock(&flusher.lock);
		flush_db(flusher.db);
		pthread_mutex_lock(&flusher.lock);
	}
	pthread_mutex_unlock(&flusher.lock);
	return NULL;
}

void counter_start(struct db *db, unsigned seconds)
{
	assert(seconds >= 1 && !flusher.running);
	flusher.db = db;
	flusher.seconds = seconds;
	flusher.stopping = 0;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* the thread inherits it */
	if (pthread_create(&flusher.thread, NULL, flusher_main, NULL) != 0) {
		fprintf(stderr, "innoland: cannot start the counter thread\n");
		abort();
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	flusher.running = 1;
}

void counter_stop(void)
{
	if (!flusher.running)
		return;
	pthread_mutex_lock(&flusher.lock);
	flusher.stopping = 1;
	pthread_cond_signal(&flusher.wake);
	pthread_mutex_unlock(&flusher.lock);
	pthread_join(flusher.thread, NULL);
	flusher.running = 0;
	flush_db(flusher.db);
	pthread_mutex_lock(&lock);
	size_t left = n_used;
	pthread_mutex_unlock(&lock);
	if (left)
		log_error("counter: the counts of %zu rows could not be written at stop", left);
}
