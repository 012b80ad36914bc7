/*
 * test_counter.c: counts in memory written in batches (crud/counter.h)
 * against a real database (testdb.h: SQLite by default, INNOLAND_TEST_DB
 * for PostgreSQL): exact sums from many threads, a flush racing the adds,
 * a failed flush keeping its counts, a full table and its recovery.
 *
 * cmocka's asserts jump to the main thread, so worker threads only count
 * and the main thread checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "crud/counter.h"
#include "db/db.h"

enum { THREADS = 4, ADDS = 20000, IDS = 100 };

static struct {
	char url[512], dir[64];
	struct db *db;
} env;

static int64_t stored(struct db_conn *c, int64_t id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT n FROM counter_t WHERE id = %lld", (long long)id);
	return testdb_int(c, sql);
}

static int64_t stored_sum(struct db_conn *c)
{
	return testdb_int(c, "SELECT COALESCE(SUM(n), 0) FROM counter_t");
}

static int setup(void **state)
{
	(void)state;
	char err[256];
	if (testdb_place(env.url, sizeof env.url, env.dir) != 0 ||
	    !(env.db = db_open(env.url, 4, err, sizeof err)))
		return -1;
	struct db_conn *c = db_acquire(env.db);
	int rc = db_exec(c, "DROP TABLE IF EXISTS counter_t; CREATE TABLE counter_t (id BIGINT "
			    "PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)");
	for (int64_t i = 1; rc == DB_OK && i <= IDS; i++)
		rc = db_run(c, NULL, "INSERT INTO counter_t (id) VALUES (?)", "i", i);
	db_release(c);
	return rc == DB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	struct db_conn *c = db_acquire(env.db);
	db_exec(c, "DROP TABLE IF EXISTS counter_t");
	db_release(c);
	db_close(env.db);
	testdb_remove(env.dir);
	return 0;
}

static atomic_int adders_left;

/* ADDS views spread over the IDS rows. */
static void *adder(void *arg)
{
	int64_t seed = (int64_t)(intptr_t)arg;
	for (int i = 0; i < ADDS; i++)
		counter_add("counter_t", "n", 1 + (seed + i) % IDS, 1);
	atomic_fetch_sub(&adders_left, 1);
	return NULL;
}

/* Flushes on its own connection until every adder is done. */
static void *flusher(void *arg)
{
	int *failed = arg;
	struct db_conn *c = db_acquire(env.db);
	while (atomic_load(&adders_left) > 0)
		if (counter_flush(c) != DB_OK)
			(*failed)++;
	db_release(c);
	return NULL;
}

static void run_adders(int with_flusher, int *flush_failures)
{
	pthread_t t[THREADS + 1];
	atomic_store(&adders_left, THREADS);
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, adder, (void *)(intptr_t)(i * 37));
	if (with_flusher)
		pthread_create(&t[THREADS], NULL, flusher, flush_failures);
	for (int i = 0; i < THREADS + with_flusher; i++)
		pthread_join(t[i], NULL);
}

static void test_threads_add_exactly_and_one_flush_writes_it(void **state)
{
	(void)state;
	run_adders(0, NULL);
	int64_t pending = 0;
	for (int64_t id = 1; id <= IDS; id++)
		pending += counter_pending("counter_t", "n", id);
	assert_int_equal(pending, THREADS * ADDS);
	assert_int_equal(counter_pending("counter_t", "n", 1), THREADS * ADDS / IDS);
	struct db_conn *c = db_acquire(env.db);
	assert_int_equal(stored_sum(c), 0);
	assert_int_equal(counter_flush(c), DB_OK);
	assert_int_equal(stored_sum(c), THREADS * ADDS);
	assert_int_equal(stored(c, 1), THREADS * ADDS / IDS);
	assert_int_equal(counter_pending("counter_t", "n", 1), 0);
	assert_int_equal(counter_flush(c), DB_OK); /* nothing left: writes nothing */
	assert_int_equal(stored_sum(c), THREADS * ADDS);
	db_release(c);
}

static void test_flushes_racing_the_adds_lose_and_double_nothing(void **state)
{
	(void)state;
	int failures = 0;
	run_adders(1, &failures);
	struct db_conn *c = db_acquire(env.db);
	assert_int_equal(counter_flush(c), DB_OK);
	assert_int_equal(failures, 0);
	assert_int_equal(stored_sum(c), 2 * THREADS * ADDS);
	for (int64_t id = 1; id <= IDS; id++)
		assert_int_equal(counter_pending("counter_t", "n", id), 0);
	db_release(c);
}

static void test_a_failed_flush_keeps_its_counts(void **state)
{
	(void)state;
	struct db_conn *c = db_acquire(env.db);
	assert_int_equal(db_exec(c, "DROP TABLE IF EXISTS counter_u"), DB_OK);
	assert_int_equal(counter_add("counter_u", "n", 7, 2), 2);
	assert_int_equal(counter_add("counter_t", "n", 7, 1), 1);
	assert_int_not_equal(counter_flush(c), DB_OK); /* counter_u is not there */
	assert_int_equal(counter_pending("counter_u", "n", 7), 2);
	assert_int_equal(counter_pending("counter_t", "n", 7), 1);
	int64_t before = stored(c, 7);
	assert_int_equal(db_exec(c, "CREATE TABLE counter_u (id BIGINT PRIMARY KEY, n BIGINT NOT "
				    "NULL DEFAULT 0); INSERT INTO counter_u (id) VALUES (7)"),
			 DB_OK);
	assert_int_equal(counter_flush(c), DB_OK);
	assert_int_equal(testdb_int(c, "SELECT n FROM counter_u WHERE id = 7"), 2);
	assert_int_equal(stored(c, 7), before + 1); /* written once, not twice */
	assert_int_equal(counter_pending("counter_u", "n", 7), 0);
	assert_int_equal(db_exec(c, "DROP TABLE counter_u"), DB_OK);
	db_release(c);
}

static void test_a_full_table_counts_no_new_id_until_a_flush(void **state)
{
	(void)state;
	int64_t max = COUNTER_SLOTS / 4 * 3, id = 1000;
	for (; id < 1000 + max; id++)
		assert_int_equal(counter_add("counter_t", "n", id, 1), 1);
	assert_int_equal(counter_add("counter_t", "n", id, 1), 0);   /* full: not counted */
	assert_int_equal(counter_add("counter_t", "n", 1000, 1), 2); /* a pending id still is */
	struct db_conn *c = db_acquire(env.db);
	int64_t before = stored_sum(c);
	assert_int_equal(counter_flush(c), DB_OK); /* rows 1000.. are not there: 0 changed */
	assert_int_equal(stored_sum(c), before);
	assert_int_equal(counter_pending("counter_t", "n", 1000), 0);
	assert_int_equal(counter_add("counter_t", "n", id, 1), 1); /* room again */
	assert_int_equal(counter_add("counter_t", "n", 1, 3), 3);
	assert_int_equal(counter_flush(c), DB_OK);
	assert_int_equal(stored_sum(c), before + 3);
	db_release(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_add_exactly_and_one_flush_writes_it),
		cmocka_unit_test(test_flushes_racing_the_adds_lose_and_double_nothing),
		cmocka_unit_test(test_a_failed_flush_keeps_its_counts),
		cmocka_unit_test(test_a_full_table_counts_no_new_id_until_a_flush),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
