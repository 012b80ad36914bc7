/*
 * test_db.c: the storage layer (src/db/) against a real database.
 *
 * INNOLAND_TEST_DB picks it: unset, a fresh SQLite file in a temp directory;
 * a file path, that SQLite file (deleted first, kept afterwards); a
 * postgres:// URL, a fresh schema in that database, dropped at the end, so
 * runs can be repeated (scripts/pg.sh prints such a URL).
 *
 * The tests run in order and share one database: the first migrates it from
 * empty, the rest build on that.  cmocka's asserts jump to the main thread,
 * so worker threads only record what happened and the main thread checks.
 *
 * Memory: the fixture owns env (static) and its struct db.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/db.h"

enum { POOL = 2, WORKERS = 4, INSERTS_PER_WORKER = 25, MIGRATORS = 4 };

static const char korean[] = "영등포구";
static const char tricky[] = "Yeongdeungpo-gu's \"office\"? yes";

/* The database this run uses. */
static struct {
	const char *given; /* INNOLAND_TEST_DB, or NULL */
	char url[1024];	   /* what the tests open */
	char tmpdir[64];   /* our temp directory, "" if none */
	char schema[64];   /* this run's PostgreSQL schema, "" if none */
	struct db *db;	   /* opened on url with a pool of POOL */
} env;

/* How to make and remove a fresh database for one kind of URL. */
struct fixture {
	const char *prefix;    /* INNOLAND_TEST_DB starts with this ("" for any) */
	int (*create)(void);   /* fills env.url; 0 on success */
	void (*destroy)(void); /* removes what create made */
};

/* Runs sql on a short-lived handle to the given URL (for schema set-up). */
static int exec_on(const char *url, const char *sql)
{
	char err[256];
	struct db *db = db_open(url, 1, err, sizeof err);
	if (!db) {
		fprintf(stderr, "test_db: %s\n", err);
		return -1;
	}
	struct db_conn *c = db_acquire(db);
	int rc = db_exec(c, sql);
	if (rc != DB_OK)
		fprintf(stderr, "test_db: %s\n", db_errmsg(c));
	db_release(c);
	db_close(db);
	return rc == DB_OK ? 0 : -1;
}

static int pg_create(void)
{
	char sql[256];
	snprintf(env.schema, sizeof env.schema, "innoland_test_%ld", (long)getpid());
	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", env.schema,
		 env.schema);
	snprintf(env.url, sizeof env.url, "%s%coptions=-csearch_path%%3D%s", env.given,
		 strchr(env.given, '?') ? '&' : '?', env.schema);
	return exec_on(env.given, sql);
}

static void pg_destroy(void)
{
	char sql[128];
	snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", env.schema);
	exec_on(env.given, sql);
}

static const char *const sqlite_suffixes[] = {"", "-wal", "-shm"};

static void sqlite_remove(const char *path)
{
	char name[1100];
	for (size_t i = 0; i < sizeof sqlite_suffixes / sizeof sqlite_suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, sqlite_suffixes[i]);
		unlink(name);
	}
}

static int sqlite_create(void)
{
	if (env.given) {
		snprintf(env.url, sizeof env.url, "%s", env.given);
	} else {
		snprintf(env.tmpdir, sizeof env.tmpdir, "/tmp/innoland-test-XXXXXX");
		if (!mkdtemp(env.tmpdir))
			return -1;
		snprintf(env.url, sizeof env.url, "%s/test.db", env.tmpdir);
	}
	sqlite_remove(env.url);
	return 0;
}

static void sqlite_destroy(void)
{
	if (!env.tmpdir[0])
		return;
	sqlite_remove(env.url);
	rmdir(env.tmpdir);
}

static const struct fixture fixtures[] = {
	{"postgres", pg_create, pg_destroy}, /* postgres:// and postgresql:// */
	{"", sqlite_create, sqlite_destroy},
};

static const struct fixture *fixture(void)
{
	const char *url = env.given ? env.given : "";
	size_t i = 0;
	while (strncmp(url, fixtures[i].prefix, strlen(fixtures[i].prefix)) != 0)
		i++;
	return &fixtures[i];
}

static int group_setup(void **state)
{
	char err[256];
	env.given = getenv("INNOLAND_TEST_DB");
	if (env.given && !env.given[0])
		env.given = NULL;
	if (fixture()->create() != 0)
		return -1;
	env.db = db_open(env.url, POOL, err, sizeof err);
	if (!env.db)
		fprintf(stderr, "test_db: %s\n", err);
	return env.db ? 0 : -1;
}

static int group_teardown(void **state)
{
	db_close(env.db);
	fixture()->destroy();
	return 0;
}

/* A test that uses one connection gets it here and gives it back in
 * teardown, which cmocka runs even when the test fails: a failed test must
 * not starve the pool for the tests after it. */
static int conn_setup(void **state)
{
	*state = db_acquire(env.db);
	return *state ? 0 : -1;
}

static int conn_teardown(void **state)
{
	db_release(*state);
	return 0;
}

/* DB_OK when exactly one row went in, else what db_step said (or DB_ERR). */
static int insert_org(struct db_conn *c, const char *code, const char *name, const char *name_en)
{
	struct db_stmt *s =
		db_prepare(c, "INSERT INTO organisations (code, name, name_en) VALUES (?, ?, ?)");
	if (!s)
		return DB_ERR;
	db_bind_text(s, 1, code, strlen(code));
	db_bind_text(s, 2, name, strlen(name));
	db_bind_text(s, 3, name_en, name_en ? strlen(name_en) : 0);
	int rc = db_step(s);
	if (rc == DB_OK && db_changes(s) != 1)
		rc = DB_ERR;
	db_finalize(s);
	return rc;
}

/* What one of several processes starting at once saw. */
struct migrator {
	pthread_barrier_t *start; /* all open before any migrates */
	int applied;		  /* db_migrate's answer */
	char err[256];		  /* its message */
};

static void *migrate_thread(void *arg)
{
	struct migrator *m = arg;
	struct db *db = db_open(env.url, 1, m->err, sizeof m->err);
	pthread_barrier_wait(m->start);
	m->applied = db ? db_migrate(db, m->err, sizeof m->err) : -1;
	db_close(db);
	return NULL;
}

static void test_migrate_from_empty_by_many_at_once(void **state)
{
	pthread_barrier_t start;
	struct migrator m[MIGRATORS];
	pthread_t t[MIGRATORS];
	int applied = 0;
	assert_int_equal(db_schema_version(env.db), 0);
	assert_true(db_latest_version() >= 1);
	pthread_barrier_init(&start, NULL, MIGRATORS);
	for (int i = 0; i < MIGRATORS; i++) {
		m[i] = (struct migrator){&start, 0, ""};
		pthread_create(&t[i], NULL, migrate_thread, &m[i]);
	}
	for (int i = 0; i < MIGRATORS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < MIGRATORS; i++) {
		if (m[i].applied < 0)
			fail_msg("migrator %d: %s", i, m[i].err);
		applied += m[i].applied;
	}
	assert_int_equal(applied, db_latest_version());
}

static void test_migrate_again_applies_nothing(void **state)
{
	char err[256] = "unset";
	assert_int_equal(db_migrate(env.db, err, sizeof err), 0);
	assert_string_equal(err, "");
}

static void test_schema_version_is_latest(void **state)
{
	assert_int_equal(db_schema_version(env.db), db_latest_version());
	struct db_conn *c = *state;
	struct db_stmt *s =
		db_prepare(c, "SELECT name, applied_at FROM schema_version WHERE version = 1");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "0001_core");
	assert_int_equal(strlen(db_column_text(s, 1)), strlen("2024-05-01T09:30:00Z"));
	db_finalize(s);
}

static void test_parameters_round_trip(void **state)
{
	struct db_conn *c = *state;
	assert_int_equal(insert_org(c, "3180000", korean, tricky), DB_OK);
	/* The quoted '?'s are text, not placeholders: only two values bind. */
	struct db_stmt *s = db_prepare(c, "SELECT name, name_en, id FROM organisations "
					  "WHERE code = ? AND name <> 'a?''b?' AND name_en = ?");
	assert_non_null(s);
	db_bind_text(s, 1, "3180000", 7);
	db_bind_text(s, 2, tricky, strlen(tricky));
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_column_count(s), 3);
	assert_string_equal(db_column_name(s, 0), "name");
	assert_string_equal(db_column_text(s, 0), korean);
	assert_string_equal(db_column_text(s, 1), tricky);
	assert_true(db_column_int(s, 2) >= 1);
	assert_int_equal(db_step(s), DB_OK);
	assert_int_equal(db_changes(s), 0);
	db_finalize(s);
}

static void test_placeholders_skip_strings_and_comments(void **state)
{
	struct db_conn *c = *state;
	struct db_stmt *s = db_prepare(c, "SELECT ? AS a, '?''?' AS b /* ? */, ? AS c -- ?\n");
	assert_non_null(s);
	db_bind_text(s, 1, "x", 1);
	db_bind_text(s, 2, "y", 1);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "x");
	assert_string_equal(db_column_text(s, 1), "?'?");
	assert_string_equal(db_column_text(s, 2), "y");
	db_finalize(s);
}

static void test_null_handling(void **state)
{
	struct db_conn *c = *state;
	assert_int_equal(insert_org(c, "3000000", "서울특별시", NULL), DB_OK);
	struct db_stmt *s =
		db_prepare(c, "SELECT name, name_en, ? FROM organisations WHERE code = ?");
	db_bind_null(s, 1);
	db_bind_text(s, 2, "3000000", 7);
	assert_int_equal(db_step(s), DB_ROW);
	assert_false(db_column_is_null(s, 0));
	assert_true(db_column_is_null(s, 1));
	assert_null(db_column_text(s, 1));
	assert_int_equal(db_column_int(s, 1), 0);
	assert_true(db_column_is_null(s, 2));
	db_finalize(s);
	assert_int_equal(testdb_int(c, "SELECT COUNT(*) FROM organisations WHERE name_en IS NULL"),
			 1);
}

static void test_rollback_leaves_nothing(void **state)
{
	static const char count_9999999[] =
		"SELECT COUNT(*) FROM organisations WHERE code = '9999999'";
	struct db_conn *c = *state;
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(insert_org(c, "9999999", "취소될 기관", NULL), DB_OK);
	assert_int_equal(testdb_int(c, count_9999999), 1);
	assert_int_equal(db_rollback(c), DB_OK);
	assert_int_equal(testdb_int(c, count_9999999), 0);
}

/* The WAL position of PostgreSQL's cluster (0 on SQLite). */
static int64_t wal_position(struct db_conn *c)
{
	return strcmp(db_driver_name(env.db), "postgres")
		       ? 0
		       : testdb_int(c, "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn");
}

/* A number put at position at must be given back as value: always on
 * SQLite; on PostgreSQL unless something of the server's own (autovacuum,
 * a checkpoint) moved the cluster's WAL since, which forgets it as a write
 * would (and then it is put again). */
static void assert_remembered(struct db_conn *c, const char *key, int64_t value, int64_t at)
{
	int64_t v = 0;
	int got = db_memo_get(c, key, &v);
	if (!got && wal_position(c) != at) {
		db_memo_put(c, key, value);
		return;
	}
	assert_true(got);
	assert_int_equal(v, value);
	db_memo_put(c, key, value);
}

/* A remembered number holds until anything is written, from this
 * connection or another (seen by this connection's next statement, as a
 * list reads its page before its count); never inside a transaction; on
 * both drivers. */
static void test_memo_holds_until_a_write(void **state)
{
	struct db_conn *c = *state;
	int64_t v = 0, at = wal_position(c);
	assert_false(db_memo_get(c, "orgs", &v));
	db_memo_put(c, "orgs", 41);
	assert_remembered(c, "orgs", 41, at);
	assert_false(db_memo_get(c, "other key", &v));
	db_memo_put(c, "other key", 7);

	assert_int_equal(insert_org(c, "9999990", "이 연결의 쓰기", NULL), DB_OK);
	assert_false(db_memo_get(c, "orgs", &v)); /* this connection wrote */
	at = wal_position(c);
	db_memo_put(c, "orgs", 42);
	assert_remembered(c, "orgs", 42, at);

	struct db_conn *other = db_acquire(env.db);
	assert_non_null(other);
	assert_int_equal(insert_org(other, "9999991", "다른 연결의 쓰기", NULL), DB_OK);
	db_release(other);
	assert_true(testdb_int(c, "SELECT COUNT(*) FROM organisations") > 0); /* the page */
	assert_false(db_memo_get(c, "orgs", &v)); /* another connection committed */
	db_memo_put(c, "orgs", 43);

	at = wal_position(c);
	assert_int_equal(db_begin(c), DB_OK);
	assert_false(db_memo_get(c, "orgs", &v)); /* nothing is settled in a transaction */
	db_memo_put(c, "orgs", 99);
	assert_int_equal(db_rollback(c), DB_OK);
	assert_remembered(c, "orgs", 43, at);
	assert_int_equal(db_run(c, NULL, "DELETE FROM organisations WHERE code IN (?, ?)", "tt",
				"9999990", "9999991"),
			 DB_OK);
}

/* A bulk write's big page cache lasts until the connection goes back to
 * the pool (SQLite; PostgreSQL has none of its own). */
/* How a connection's cache shows, per driver, and what db_big_cache() makes
 * of it until the connection goes back to the pool. */
static const struct cache_probe {
	const char *driver; /* db_driver_name() */
	const char *sql;    /* one integer */
	int64_t normal;	    /* on a connection from the pool */
	int64_t big;	    /* after db_big_cache() */
} cache_probes[] = {
	{"sqlite", "PRAGMA cache_size", -2000, -262144},
	/* nothing on PostgreSQL (its cache is the server's): no setting of the
	 * session moves but the client encoding the driver sets on connecting */
	{"postgres",
	 "SELECT COUNT(*) FROM pg_settings WHERE source = 'session' AND name <> 'client_encoding'",
	 0, 0},
};

static void test_big_cache_ends_with_the_connection(void **state)
{
	size_t i = 0, n = sizeof cache_probes / sizeof cache_probes[0];
	while (i < n && strcmp(cache_probes[i].driver, db_driver_name(env.db)))
		i++;
	assert_true(i < n);
	const struct cache_probe *p = &cache_probes[i];
	struct db_conn *c = db_acquire(env.db);
	assert_int_equal(testdb_int(c, p->sql), p->normal);
	assert_int_equal(db_begin(c), DB_OK);
	db_big_cache(c);
	assert_int_equal(testdb_int(c, p->sql), p->big);
	assert_int_equal(db_commit(c), DB_OK);
	db_release(c);
	struct db_conn *all[POOL];
	for (int k = 0; k < POOL; k++) { /* whichever the pool hands out */
		all[k] = db_acquire(env.db);
		assert_int_equal(testdb_int(all[k], p->sql), p->normal);
	}
	for (int k = 0; k < POOL; k++)
		db_release(all[k]);
}

static void test_release_rolls_back_an_open_transaction(void **state)
{
	struct db_conn *c = db_acquire(env.db);
	int began = db_begin(c) == DB_OK;
	began = began && insert_org(c, "9999998", "잊힌 거래", NULL) == DB_OK;
	db_release(c);
	c = db_acquire(env.db);
	int64_t left = testdb_int(c, "SELECT COUNT(*) FROM organisations WHERE code = '9999998'");
	db_release(c);
	assert_true(began);
	assert_int_equal(left, 0);
}

/* 1 if sql fails at prepare or at its first step with a message. */
static int fails_with_message(struct db_conn *c, const char *sql)
{
	struct db_stmt *s = db_prepare(c, sql);
	int failed = !s || db_step(s) == DB_ERR;
	db_finalize(s);
	return failed && db_errmsg(c)[0] != '\0';
}

static void test_failing_statement_reports_error(void **state)
{
	struct db_conn *c = *state;
	assert_int_equal(insert_org(c, "3180000", "중복", NULL), DB_ERR);
	assert_non_null(strstr(db_errmsg(c), "organisations"));
	assert_true(fails_with_message(c, "SELECT * FROM no_such_table"));
	assert_true(fails_with_message(c, "SELEC 1"));
	struct db_stmt *s = db_prepare(c, "SELECT ?");
	db_bind_int(s, 2, 1);
	assert_int_equal(db_step(s), DB_ERR);
	assert_non_null(strstr(db_errmsg(c), "parameter 2"));
	db_finalize(s);
	assert_int_equal(testdb_int(c, "SELECT 1"), 1); /* the connection still works */
}

static void test_statement_runs_again_after_rebinding(void **state)
{
	struct db_conn *c = *state;
	struct db_stmt *s = db_prepare(c, "INSERT INTO settings (key, value) VALUES (?, ?)");
	db_bind_text(s, 1, "a", 1);
	db_bind_int(s, 2, 1);
	assert_int_equal(db_step(s), DB_OK);
	assert_int_equal(db_step(s), DB_OK); /* no second insert */
	db_bind_text(s, 1, "b", 1);
	assert_int_equal(db_step(s), DB_OK);
	assert_int_equal(db_changes(s), 1);
	db_finalize(s);

	s = db_prepare(c, "SELECT key, value FROM settings ORDER BY key");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "a");
	assert_int_equal(db_column_int(s, 1), 1);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "b");
	assert_int_equal(db_step(s), DB_OK);
	assert_int_equal(db_step(s), DB_OK);
	db_finalize(s);

	assert_int_equal(db_exec(c, "DELETE FROM settings"), DB_OK);
}

/* Shared by the pool workers. */
static struct {
	pthread_mutex_t lock; /* guards the fields below */
	int in_use;	      /* connections held right now */
	int most_in_use;      /* the highest in_use seen */
	int failures;	      /* inserts that did not commit */
	char err[256];	      /* the first failure's message */
} pool_seen = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, ""};

static void note_holding(int delta)
{
	pthread_mutex_lock(&pool_seen.lock);
	pool_seen.in_use += delta;
	if (pool_seen.in_use > pool_seen.most_in_use)
		pool_seen.most_in_use = pool_seen.in_use;
	pthread_mutex_unlock(&pool_seen.lock);
}

static void note_failure(struct db_conn *c)
{
	pthread_mutex_lock(&pool_seen.lock);
	if (!pool_seen.failures++)
		snprintf(pool_seen.err, sizeof pool_seen.err, "%s", db_errmsg(c));
	pthread_mutex_unlock(&pool_seen.lock);
}

static int insert_setting(struct db_conn *c, const char *key)
{
	struct db_stmt *s = db_prepare(c, "INSERT INTO settings (key, value) VALUES (?, ?)");
	if (!s)
		return DB_ERR;
	db_bind_text(s, 1, key, strlen(key));
	db_bind_text(s, 2, korean, strlen(korean));
	int rc = db_step(s);
	db_finalize(s);
	return rc;
}

static void *pool_worker(void *arg)
{
	struct db *db = arg;
	const struct timespec hold = {0, 1000000};
	static int next_worker;
	int me = __atomic_fetch_add(&next_worker, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < INSERTS_PER_WORKER; i++) {
		char key[32];
		snprintf(key, sizeof key, "worker.%d.%d", me, i);
		struct db_conn *c = db_acquire(db);
		note_holding(1);
		int ok = db_begin(c) == DB_OK && insert_setting(c, key) == DB_OK;
		nanosleep(&hold, NULL); /* long enough for the others to queue */
		if (!ok || db_commit(c) != DB_OK)
			note_failure(c);
		note_holding(-1);
		db_release(c);
	}
	return NULL;
}

static void test_pool_of_two_serves_four_threads(void **state)
{
	pthread_t t[WORKERS];
	for (int i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, pool_worker, env.db);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	if (pool_seen.failures)
		fail_msg("%d inserts failed, first: %s", pool_seen.failures, pool_seen.err);
	assert_int_equal(pool_seen.most_in_use, POOL);
	struct db_conn *c = db_acquire(env.db);
	int64_t rows = testdb_int(c, "SELECT COUNT(*) FROM settings WHERE key LIKE 'worker.%'");
	db_release(c);
	assert_int_equal(rows, WORKERS * INSERTS_PER_WORKER);
}

static void test_check_reports_ok(void **state)
{
	char report[1024];
	char want[64];
	int rc = db_check(env.db, report, sizeof report);
	if (rc != 0)
		fail_msg("db_check: %s", report);
	snprintf(want, sizeof want, "schema: %d of %d\n", db_latest_version(), db_latest_version());
	assert_non_null(strstr(report, want));
	assert_non_null(strstr(report, "integrity: ok\n"));
	assert_non_null(strstr(report, db_driver_name(env.db)));
	assert_int_equal(db_ping(env.db), 1);
}

static void test_open_refuses_bad_arguments(void **state)
{
	char err[256] = "";
	assert_null(db_open("", 1, err, sizeof err));
	assert_true(err[0] != '\0');
	err[0] = '\0';
	assert_null(db_open(env.url, 0, err, sizeof err));
	assert_true(err[0] != '\0');
	err[0] = '\0';
	assert_null(db_open("/nonexistent-dir/x/y.db", 1, err, sizeof err));
	assert_true(err[0] != '\0');
}

/* The organisation column asked without its index still compares with a
 * text parameter as a number. */
static void test_unindexed_column_compares_as_before(void **state)
{
	struct db_conn *c = *state;
	char col[32], sql[128];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM organisations t WHERE %s = ?",
		 db_sql_unindexed(c, "t.id", col, sizeof col));
	int64_t id = db_int(c, NULL, 0, "SELECT MIN(id) FROM organisations", "");
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)id);
	int rc;
	assert_int_equal(db_int(c, &rc, -1, sql, "t", text), 1);
	assert_int_equal(rc, DB_ROW);
}

/* One phrase of space-separated terms in the driver's query syntax. */
static void text_phrase(const struct db_text_syntax *syn, const char *terms, struct buf *out)
{
	buf_puts(out, syn->open);
	for (const char *t = terms; *t;) {
		size_t n = strcspn(t, " ");
		buf_printf(out, "%s%s%.*s%s", t == terms ? "" : syn->next, syn->quote, (int)n, t,
			   syn->quote);
		t += n + (t[n] == ' ');
	}
	buf_puts(out, syn->close);
}

/* The ids a full-text query gives, newest first, as text ("2,1"). */
static void text_ids(struct db_conn *c, const struct db_text_index *ix, const char *match,
		     struct buf *out)
{
	struct buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT t.id ");
	db_text_match(c, ix, "t", &sql);
	buf_puts(&sql, " ORDER BY ");
	db_text_newest(c, ix, "t", &sql);
	struct db_stmt *s = db_preparef(c, sql.data, "t", match);
	buf_reset(out);
	while (s && db_step(s) == DB_ROW)
		buf_printf(out, "%s%lld", out->len ? "," : "", (long long)db_column_int(s, 0));
	db_finalize(s);
	buf_free(&sql);
}

/* Terms put, matched newest first, ranked (the title match first), taken
 * out, on the driver at hand, in the shape the migrations give an index. */
static void test_full_text_put_match_rank(void **state)
{
	struct db_conn *c = *state;
	int sqlite = !strcmp(db_driver_name(env.db), "sqlite");
	const struct db_text_index ix = {"text_rows", "text_rows_fts", "search"};
	assert_int_equal(
		db_exec(c, sqlite ? "CREATE TABLE text_rows (id INTEGER PRIMARY KEY); "
				    "CREATE VIRTUAL TABLE text_rows_fts USING "
				    "fts5(title, body)"
				  : "CREATE TABLE text_rows (id BIGINT PRIMARY KEY, search "
				    "tsvector)"),
		DB_OK);
	assert_int_equal(db_exec(c, "INSERT INTO text_rows (id) VALUES (1), (2), (3)"), DB_OK);
	assert_int_equal(db_text_put(c, &ix, 1, "행정 정혁 혁신", "system"), DB_OK);
	assert_int_equal(db_text_put(c, &ix, 2, "system", "오늘 의 행정 정혁 혁신"), DB_OK);
	assert_int_equal(db_text_put(c, &ix, 3, "other", "행정 정혁"), DB_OK);
	assert_int_equal(db_text_optimize(c, &ix), DB_OK);
	struct buf match = BUF_INIT, ids = BUF_INIT;
	text_phrase(db_text_syntax(c), "행정 정혁 혁신", &match);
	text_ids(c, &ix, match.data, &ids);
	assert_string_equal(ids.data, "2,1"); /* 3 lacks the phrase's last term */
	assert_int_equal(db_text_put(c, &ix, 1, NULL, NULL), DB_OK);
	text_ids(c, &ix, match.data, &ids);
	assert_string_equal(ids.data, "2");
	buf_free(&match);
	buf_free(&ids);
	assert_int_equal(db_exec(c, sqlite ? "DROP TABLE text_rows_fts; DROP TABLE text_rows"
					   : "DROP TABLE text_rows"),
			 DB_OK);
}

#define WITH_CONN(test) cmocka_unit_test_setup_teardown(test, conn_setup, conn_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_from_empty_by_many_at_once),
		cmocka_unit_test(test_migrate_again_applies_nothing),
		WITH_CONN(test_schema_version_is_latest),
		WITH_CONN(test_parameters_round_trip),
		WITH_CONN(test_placeholders_skip_strings_and_comments),
		WITH_CONN(test_null_handling),
		WITH_CONN(test_rollback_leaves_nothing),
		WITH_CONN(test_memo_holds_until_a_write),
		cmocka_unit_test(test_release_rolls_back_an_open_transaction),
		cmocka_unit_test(test_big_cache_ends_with_the_connection),
		WITH_CONN(test_failing_statement_reports_error),
		WITH_CONN(test_statement_runs_again_after_rebinding),
		WITH_CONN(test_unindexed_column_compares_as_before),
		WITH_CONN(test_full_text_put_match_rank),
		cmocka_unit_test(test_pool_of_two_serves_four_threads),
		cmocka_unit_test(test_check_reports_ok),
		cmocka_unit_test(test_open_refuses_bad_arguments),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
