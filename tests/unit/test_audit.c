/*
 * test_audit.c: the hash-chained audit trail (src/auth/audit.c) against a
 * real database.
 *
 * INNOLAND_TEST_DB picks it: unset, a fresh SQLite file in a temp directory,
 * removed at the end; a file path, that SQLite file; a postgres:// URL, that
 * database (scripts/pg.sh prints one).  Whatever the database already holds,
 * each test starts from an empty trail: it deletes every audit entry and the
 * head, as only a test may.  Ids are read back, never assumed, since
 * PostgreSQL does not reuse them.
 *
 * cmocka's asserts jump to the main thread, so worker threads only record
 * what happened and the main thread checks.
 *
 * Memory: env owns the struct db; each test's connection is taken in setup
 * and given back in teardown, which runs even when the test fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/audit.h"
#include "db/db.h"

enum { POOL = 4, WORKERS = 4, APPENDS_PER_WORKER = 25, TRIES = 50 };

static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* The database this run uses. */
static struct {
	char url[1024];	 /* what the tests open */
	char tmpdir[64]; /* our temp directory, "" if none */
	struct db *db;	 /* opened on url with a pool of POOL */
} env;

static const struct audit_actor admin = {1, 7, "admin", "203.0.113.9"};
static const struct audit_actor shell = {0, 0, "system", NULL};

static int group_setup(void **state)
{
	char err[256];
	env.db = testdb_open(env.url, sizeof env.url, env.tmpdir, POOL, err, sizeof err);
	if (!env.db)
		fprintf(stderr, "test_audit: %s\n", err);
	return env.db ? 0 : -1;
}

static int group_teardown(void **state)
{
	db_close(env.db);
	testdb_remove(env.tmpdir);
	return 0;
}

/* Takes a connection and empties the trail. */
static int conn_setup(void **state)
{
	struct db_conn *c = db_acquire(env.db);
	*state = c;
	if (!c)
		return -1;
	if (db_exec(c, "DELETE FROM audit_log; DELETE FROM settings WHERE key = 'audit.head'") !=
	    DB_OK) {
		fprintf(stderr, "test_audit: %s\n", db_errmsg(c));
		db_release(c);
		*state = NULL;
		return -1;
	}
	return 0;
}

static int conn_teardown(void **state)
{
	db_release(*state);
	return 0;
}

/* Runs sql with one integer parameter; DB_OK or the failure. */
static int exec_id(struct db_conn *c, const char *sql, int64_t id)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return DB_ERR;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	db_finalize(s);
	return rc;
}

/* One entry in its own transaction; 0 when it committed. */
static int append(struct db_conn *c, const struct audit_actor *who, const char *action,
		  const char *entity, const char *record_id, const json_t *diff)
{
	if (db_begin(c) != DB_OK)
		return -1;
	if (audit_append(c, who, action, entity, record_id, diff) != 0 || db_commit(c) != DB_OK) {
		db_rollback(c);
		return -1;
	}
	return 0;
}

/* Appends n entries by admin and fills ids[] with their ids, oldest first. */
static void append_n(struct db_conn *c, int n, int64_t *ids)
{
	for (int i = 0; i < n; i++) {
		char record[16];
		snprintf(record, sizeof record, "%d", i + 1);
		json_t *diff = json_pack("{s[is]}", "name", i, "김혁신");
		assert_int_equal(append(c, &admin, "update", "users", record, diff), 0);
		json_decref(diff);
		ids[i] = testdb_int(c, "SELECT MAX(id) FROM audit_log");
	}
}

/* audit_verify's answer, with the report in report. */
static int verify(char *report, size_t len)
{
	int rc = audit_verify(env.db, report, len);
	if (rc < 0)
		fail_msg("audit_verify: %s", report);
	return rc;
}

static void assert_intact(int64_t entries)
{
	char report[256], want[64];
	snprintf(want, sizeof want, "%" PRId64 " entries, chain intact", entries);
	if (verify(report, sizeof report) != 0)
		fail_msg("chain broken: %s", report);
	assert_string_equal(report, want);
}

/* Asserts verify finds the chain broken with exactly the given report. */
static void assert_broken(const char *want)
{
	char report[256];
	assert_int_equal(verify(report, sizeof report), 1);
	assert_string_equal(report, want);
}

static void test_empty_trail_is_intact(void **state)
{
	assert_intact(0);
}

static void test_three_entries_chain(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	append_n(c, 3, ids);
	assert_intact(3);

	struct db_stmt *s = db_prepare(c, "SELECT id, at, prev_hash, hash, org_id, actor_id, "
					  "actor, ip, diff FROM audit_log ORDER BY id");
	char prev[65];
	snprintf(prev, sizeof prev, "%s", zeros);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(db_step(s), DB_ROW);
		assert_int_equal(db_column_int(s, 0), ids[i]);
		const char *at = db_column_text(s, 1);
		assert_int_equal(strlen(at), strlen("2024-05-01T09:30:00.123456Z"));
		assert_int_equal(at[10], 'T');
		assert_int_equal(at[19], '.');
		assert_int_equal(at[26], 'Z');
		assert_string_equal(db_column_text(s, 2), prev);
		assert_int_equal(strlen(db_column_text(s, 3)), 64);
		assert_string_not_equal(db_column_text(s, 3), prev);
		assert_int_equal(db_column_int(s, 4), 1);
		assert_int_equal(db_column_int(s, 5), 7);
		assert_string_equal(db_column_text(s, 6), "admin");
		assert_string_equal(db_column_text(s, 7), "203.0.113.9");
		snprintf(prev, sizeof prev, "%s", db_column_text(s, 3));
	}
	assert_int_equal(db_step(s), DB_OK);
	db_finalize(s);

	char head[128];
	snprintf(head, sizeof head, "%" PRId64 " %s", ids[2], prev);
	s = db_prepare(c, "SELECT value FROM settings WHERE key = 'audit.head'");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 0), head);
	db_finalize(s);
}

static void test_nulls_and_empty_diff_are_stored(void **state)
{
	struct db_conn *c = *state;
	json_t *empty = json_object();
	assert_int_equal(append(c, &shell, "migrate", "schema", NULL, NULL), 0);
	assert_int_equal(append(c, &shell, "migrate", "schema", "", empty), 0);
	json_decref(empty);
	assert_intact(2);
	struct db_stmt *s = db_prepare(
		c, "SELECT org_id, actor_id, ip, record_id, diff FROM audit_log ORDER BY id");
	assert_int_equal(db_step(s), DB_ROW);
	for (int col = 0; col < 4; col++)
		assert_true(db_column_is_null(s, col));
	assert_string_equal(db_column_text(s, 4), "{}");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_column_text(s, 3), ""); /* empty, not NULL */
	db_finalize(s);
}

static void test_append_refuses_a_diff_that_is_not_an_object(void **state)
{
	struct db_conn *c = *state;
	json_t *diff = json_pack("[i]", 1);
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(audit_append(c, &admin, "update", "users", "1", diff), -1);
	assert_int_equal(db_rollback(c), DB_OK);
	json_decref(diff);
	assert_intact(0);
}

/* Asserts audit_diff(before, after) dumps (keys unsorted) as want. */
static void assert_diff(const char *before, const char *after, const char *want)
{
	static const char *const secret[] = {"password_hash", NULL};
	json_t *b = before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = after ? json_loads(after, 0, NULL) : NULL;
	json_t *d = audit_diff(b, a, secret);
	char *got = json_dumps(d, JSON_COMPACT);
	assert_string_equal(got, want);
	free(got);
	json_decref(d);
	json_decref(b);
	json_decref(a);
}

static void test_diff_create_update_archive(void **state)
{
	static const char v1[] =
		"{\"name\":\"김혁신\",\"role\":\"member\",\"password_hash\":\"$argon2id$a\","
		"\"department_id\":null,\"tags\":[1,2]}";
	static const char v2[] =
		"{\"tags\":[1,2],\"role\":\"manager\",\"name\":\"김혁신\","
		"\"password_hash\":\"$argon2id$b\",\"locked_at\":null,\"department_id\":3}";
	assert_diff(NULL, v1,
		    "{\"name\":[null,\"김혁신\"],\"password_hash\":[\"***\",\"***\"],"
		    "\"role\":[null,\"member\"],\"tags\":[null,[1,2]]}");
	assert_diff(v1, v2,
		    "{\"department_id\":[null,3],\"password_hash\":[\"***\",\"***\"],"
		    "\"role\":[\"member\",\"manager\"]}");
	assert_diff(v2, NULL,
		    "{\"department_id\":[3,null],\"name\":[\"김혁신\",null],"
		    "\"password_hash\":[\"***\",\"***\"],\"role\":[\"manager\",null],"
		    "\"tags\":[[1,2],null]}");
	assert_diff(v1, v1, "{}");
	assert_diff("{\"password_hash\":\"x\"}", "{\"password_hash\":\"x\"}", "{}");
	assert_diff(NULL, NULL, "{}");
}

static void test_edited_entry_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	char want[128];
	append_n(c, 3, ids);
	assert_int_equal(exec_id(c,
				 "UPDATE audit_log SET diff = '{\"name\":[0,\"x\"]}' WHERE id = ?",
				 ids[1]),
			 DB_OK);
	snprintf(want, sizeof want, "entry %" PRId64 ": hash does not match its contents", ids[1]);
	assert_broken(want);
}

static void test_relinked_entry_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	char want[128];
	append_n(c, 3, ids);
	assert_int_equal(exec_id(c, "UPDATE audit_log SET prev_hash = hash WHERE id = ?", ids[2]),
			 DB_OK);
	snprintf(want, sizeof want,
		 "entry %" PRId64 ": previous hash does not match entry %" PRId64, ids[2], ids[1]);
	assert_broken(want);
}

static void test_deleted_middle_entry_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	char want[128];
	append_n(c, 3, ids);
	assert_int_equal(exec_id(c, "DELETE FROM audit_log WHERE id = ?", ids[1]), DB_OK);
	snprintf(want, sizeof want,
		 "entry %" PRId64 ": previous hash does not match entry %" PRId64, ids[2], ids[0]);
	assert_broken(want);
}

static void test_deleted_oldest_entry_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	char want[128];
	append_n(c, 3, ids);
	assert_int_equal(exec_id(c, "DELETE FROM audit_log WHERE id = ?", ids[0]), DB_OK);
	snprintf(want, sizeof want,
		 "entry %" PRId64 ": previous hash is not the start of the chain", ids[1]);
	assert_broken(want);
}

static void test_deleted_newest_entry_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[3];
	char want[128];
	append_n(c, 3, ids);
	assert_int_equal(exec_id(c, "DELETE FROM audit_log WHERE id = ?", ids[2]), DB_OK);
	snprintf(want, sizeof want,
		 "head says entry %" PRId64 ", newest is %" PRId64 ": entries deleted", ids[2],
		 ids[1]);
	assert_broken(want);

	/* The next entry links to the deleted one, so the gap stays visible. */
	append_n(c, 1, ids);
	assert_int_equal(verify(want, sizeof want), 1);
}

static void test_deleted_whole_trail_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[2];
	char want[128];
	append_n(c, 2, ids);
	assert_int_equal(db_exec(c, "DELETE FROM audit_log"), DB_OK);
	snprintf(want, sizeof want,
		 "head says entry %" PRId64 ", the trail is empty: entries deleted", ids[1]);
	assert_broken(want);
}

static void test_deleted_head_is_found(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[2];
	char want[128];
	append_n(c, 2, ids);
	assert_int_equal(db_exec(c, "DELETE FROM settings WHERE key = 'audit.head'"), DB_OK);
	snprintf(want, sizeof want, "no head recorded, newest is entry %" PRId64, ids[1]);
	assert_broken(want);
}

static void test_malformed_head_stops_appends(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[1];
	append_n(c, 1, ids);
	assert_int_equal(
		db_exec(c, "UPDATE settings SET value = 'garbage' WHERE key = 'audit.head'"),
		DB_OK);
	assert_broken("head is malformed: 'garbage'");
	assert_int_equal(append(c, &admin, "update", "users", "1", NULL), -1);
	assert_int_equal(testdb_int(c, "SELECT COUNT(*) FROM audit_log"), 1);
}

static void test_rollback_leaves_no_entry(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[2];
	append_n(c, 2, ids);
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(audit_append(c, &admin, "create", "users", "99", NULL), 0);
	assert_int_equal(testdb_int(c, "SELECT COUNT(*) FROM audit_log"), 3);
	assert_int_equal(db_rollback(c), DB_OK);
	assert_int_equal(testdb_int(c, "SELECT COUNT(*) FROM audit_log"), 2);
	assert_intact(2);
	append_n(c, 1, ids);
	assert_intact(3);
}

/* What the appending threads saw. */
static struct {
	pthread_mutex_t lock; /* guards the fields below */
	int failures;	      /* entries that never committed */
	int retries;	      /* transactions tried again after DB_BUSY */
	char err[256];	      /* the first failure's message */
} seen = {PTHREAD_MUTEX_INITIALIZER, 0, 0, ""};

static void note(int failed, int retried, struct db_conn *c)
{
	pthread_mutex_lock(&seen.lock);
	if (failed && !seen.failures++)
		snprintf(seen.err, sizeof seen.err, "%s", c ? db_errmsg(c) : "no connection");
	seen.retries += retried;
	pthread_mutex_unlock(&seen.lock);
}

/* One entry, tried again while the database says DB_BUSY; DB_OK or the
 * last failure.  A failure inside audit_append counts as busy too, since
 * its -1 does not say which. */
static int append_retrying(struct db_conn *c, int worker, int i, int *retried)
{
	char record[32];
	snprintf(record, sizeof record, "%d.%d", worker, i);
	int rc = DB_BUSY;
	for (int t = 0; t < TRIES && rc == DB_BUSY; t++) {
		rc = db_begin(c);
		if (rc == DB_OK && audit_append(c, &admin, "create", "tasks", record, NULL) != 0)
			rc = DB_BUSY;
		if (rc == DB_OK)
			rc = db_commit(c);
		if (rc != DB_OK) {
			db_rollback(c);
			*retried += 1;
		}
	}
	return rc;
}

static void *append_worker(void *arg)
{
	int worker = *(int *)arg, retried = 0;
	struct db_conn *c = db_acquire(env.db);
	for (int i = 0; c && i < APPENDS_PER_WORKER; i++)
		if (append_retrying(c, worker, i, &retried) != DB_OK)
			note(1, 0, c);
	if (!c)
		note(1, 0, NULL);
	note(0, retried, c);
	db_release(c);
	return NULL;
}

static void test_concurrent_appends_keep_one_chain(void **state)
{
	pthread_t t[WORKERS];
	int worker[WORKERS];
	struct db_conn *c = *state;
	db_release(c); /* every worker needs its own connection from the pool */
	*state = NULL;
	for (int i = 0; i < WORKERS; i++) {
		worker[i] = i;
		pthread_create(&t[i], NULL, append_worker, &worker[i]);
	}
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	if (seen.failures)
		fail_msg("%d appends failed, first: %s", seen.failures, seen.err);
	assert_intact(WORKERS * APPENDS_PER_WORKER);
	print_message("concurrent appends: %d retried after DB_BUSY\n", seen.retries);
}

/* Rewrites the time of the entry with the given id (the chain does not
 * matter to the list). */
static void set_at(struct db_conn *c, int64_t id, const char *at)
{
	struct db_stmt *s = db_prepare(c, "UPDATE audit_log SET at = ? WHERE id = ?");
	db_bind_text(s, 1, at, strlen(at));
	db_bind_int(s, 2, id);
	assert_int_equal(db_step(s), DB_OK);
	db_finalize(s);
}

/* audit_query's total and the ids of its items, newest first. */
static int64_t query_ids(struct db_conn *c, const struct audit_filter *f, int64_t *ids, int max,
			 int *n)
{
	json_t *r = audit_query(c, f);
	assert_non_null(r);
	json_t *items = json_object_get(r, "items");
	*n = (int)json_array_size(items);
	assert_true(*n <= max);
	for (int i = 0; i < *n; i++)
		ids[i] =
			json_integer_value(json_object_get(json_array_get(items, (size_t)i), "id"));
	int64_t total = json_integer_value(json_object_get(r, "total"));
	json_decref(r);
	return total;
}

/* Entries for the list: org 1's admin, org 2's admin, the system. */
struct listed {
	const struct audit_actor *who; /* by whom */
	const char *action;	       /* what */
	const char *entity;	       /* on which table */
	const char *at;		       /* when, rewritten after the append */
};

static const struct audit_actor other_org = {2, 8, "admin2", "198.51.100.1"};
static const struct audit_actor judge = {1, 9, "judge", "203.0.113.10"};

static const struct listed listed[] = {
	{&admin, "create", "users", "2024-04-30T23:59:59.999999Z"},
	{&admin, "update", "users", "2024-05-01T00:00:00.000000Z"},
	{&judge, "view", "users", "2024-05-01T09:30:00.000000Z"},
	{&other_org, "create", "users", "2024-05-01T10:00:00.000000Z"},
	{&shell, "migrate", "schema", "2024-05-01T12:00:00.000000Z"},
	{&admin, "archive", "tasks", "2024-05-02T00:00:00.000000Z"},
	{&judge, "update", "tasks", "2024-05-02T08:00:00.000000Z"},
	{&admin, "update", "users", "2024-05-03T08:00:00.000000Z"},
};

enum { LISTED = sizeof listed / sizeof listed[0] };

static void list_setup(struct db_conn *c, int64_t ids[LISTED])
{
	for (int i = 0; i < LISTED; i++) {
		json_t *diff = json_pack("{s[ii]}", "n", i, i + 1);
		assert_int_equal(
			append(c, listed[i].who, listed[i].action, listed[i].entity, "1", diff), 0);
		json_decref(diff);
		ids[i] = testdb_int(c, "SELECT MAX(id) FROM audit_log");
		set_at(c, ids[i], listed[i].at);
	}
}

/* Asserts the query answers exactly the listed entries want[] (indexes into
 * listed, newest first), out of total. */
static void assert_page(struct db_conn *c, const struct audit_filter *f, const int64_t *ids,
			const int *want, int nwant, int64_t total)
{
	int64_t got[LISTED];
	int n;
	assert_int_equal(query_ids(c, f, got, LISTED, &n), total);
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++)
		assert_int_equal(got[i], ids[want[i]]);
}

/* The same when everything that matches fits on the page. */
static void assert_lists(struct db_conn *c, const struct audit_filter *f, const int64_t *ids,
			 const int *want, int nwant)
{
	assert_page(c, f, ids, want, nwant, nwant);
}

static void test_query_filters(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[LISTED];
	list_setup(c, ids);
	struct audit_filter f = {.org_id = 1};
	assert_lists(c, &f, ids, (int[]){7, 6, 5, 4, 2, 1, 0}, 7); /* not org 2's */
	f.actor = "judge";
	assert_lists(c, &f, ids, (int[]){6, 2}, 2);
	f = (struct audit_filter){.org_id = 1, .action = "update"};
	assert_lists(c, &f, ids, (int[]){7, 6, 1}, 3);
	f.entity = "tasks";
	assert_lists(c, &f, ids, (int[]){6}, 1);
	f = (struct audit_filter){.org_id = 1, .entity = "schema", .actor = "", .action = ""};
	assert_lists(c, &f, ids, (int[]){4}, 1);
	f = (struct audit_filter){.org_id = 2};
	assert_lists(c, &f, ids, (int[]){4, 3}, 2);
	f = (struct audit_filter){.org_id = 3, .actor = "admin"};
	assert_lists(c, &f, ids, NULL, 0);
}

static void test_query_dates(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[LISTED];
	list_setup(c, ids);
	/* Days are Korean days (UTC+9), "to" counting its own: 2024-05-01 runs
	 * from 2024-04-30T15:00Z to 2024-05-01T15:00Z. */
	struct audit_filter f = {.org_id = 1, .from = "2024-05-01", .to = "2024-05-01"};
	assert_lists(c, &f, ids, (int[]){4, 2, 1, 0}, 4);
	f.from = f.to = "2024-05-02";
	assert_lists(c, &f, ids, (int[]){6, 5}, 2);
	/* A bound with a time: from is inclusive, to exclusive, to the microsecond. */
	f.from = "2024-05-01T09:30:00Z";
	f.to = "2024-05-01T12:00:00Z";
	assert_lists(c, &f, ids, (int[]){2}, 1);
	f.from = "2024-05-01T09:30:00.000001Z";
	f.to = "2024-05-01T12:00:00.000001Z";
	assert_lists(c, &f, ids, (int[]){4}, 1);
	f = (struct audit_filter){.org_id = 1, .to = "2024-04-30"};
	assert_lists(c, &f, ids, NULL, 0);
	f = (struct audit_filter){.org_id = 1, .to = "2024-05-01T00:00:00Z"};
	assert_lists(c, &f, ids, (int[]){0}, 1);
	f = (struct audit_filter){.org_id = 1, .from = "2024-05-02T00:00:00", .actor = "admin"};
	assert_lists(c, &f, ids, (int[]){7, 5}, 2);
}

static void test_query_pages(void **state)
{
	struct db_conn *c = *state;
	int64_t ids[LISTED];
	list_setup(c, ids);
	struct audit_filter f = {.org_id = 1, .page = 1, .per_page = 3};
	assert_page(c, &f, ids, (int[]){7, 6, 5}, 3, 7);
	f.page = 2;
	assert_page(c, &f, ids, (int[]){4, 2, 1}, 3, 7);
	f.page = 3;
	assert_page(c, &f, ids, (int[]){0}, 1, 7);
	f.page = 4;
	assert_page(c, &f, ids, NULL, 0, 7);
	f = (struct audit_filter){.org_id = 1, .action = "update", .page = 2, .per_page = 2};
	assert_page(c, &f, ids, (int[]){1}, 1, 3);
}

/* page and per_page as audit_query answered them for the given request. */
static void assert_clamped(struct db_conn *c, int64_t page, int64_t per_page, int64_t want_page,
			   int64_t want_per_page)
{
	struct audit_filter f = {.org_id = 1, .page = page, .per_page = per_page};
	json_t *r = audit_query(c, &f);
	assert_non_null(r);
	assert_int_equal(json_integer_value(json_object_get(r, "page")), want_page);
	assert_int_equal(json_integer_value(json_object_get(r, "per_page")), want_per_page);
	json_decref(r);
}

static void test_query_clamps_paging(void **state)
{
	struct db_conn *c = *state;
	assert_clamped(c, 0, 0, 1, 25);
	assert_clamped(c, -5, -5, 1, 1);
	assert_clamped(c, 2, 1, 2, 1);
	assert_clamped(c, 2, 100, 2, 100);
	assert_clamped(c, 2, 101, 2, 100);
	assert_clamped(c, INT64_MAX, INT64_MAX, 1000000000, 100);
}

static void test_query_items_carry_the_entry(void **state)
{
	struct db_conn *c = *state;
	json_t *diff = json_pack("{s[ss]}", "name", "김혁신", "이혁신");
	assert_int_equal(append(c, &admin, "update", "users", "42", diff), 0);
	assert_int_equal(append(c, &shell, "migrate", "schema", NULL, NULL), 0);
	struct audit_filter f = {.org_id = 1};
	json_t *r = audit_query(c, &f);
	assert_non_null(r);
	json_t *items = json_object_get(r, "items");
	assert_int_equal(json_array_size(items), 2);
	json_t *sys = json_array_get(items, 0), *upd = json_array_get(items, 1);
	assert_true(json_is_null(json_object_get(sys, "ip")));
	assert_true(json_is_null(json_object_get(sys, "record_id")));
	assert_int_equal(json_object_size(json_object_get(sys, "diff")), 0);
	assert_string_equal(json_string_value(json_object_get(upd, "actor")), "admin");
	assert_string_equal(json_string_value(json_object_get(upd, "ip")), "203.0.113.9");
	assert_string_equal(json_string_value(json_object_get(upd, "action")), "update");
	assert_string_equal(json_string_value(json_object_get(upd, "entity")), "users");
	assert_string_equal(json_string_value(json_object_get(upd, "record_id")), "42");
	assert_int_equal(strlen(json_string_value(json_object_get(upd, "at"))), 27);
	assert_true(json_equal(json_object_get(upd, "diff"), diff));
	assert_true(json_integer_value(json_object_get(upd, "id")) <
		    json_integer_value(json_object_get(sys, "id")));
	json_decref(r);
	json_decref(diff);
}

#define WITH_CONN(test) cmocka_unit_test_setup_teardown(test, conn_setup, conn_teardown)

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		WITH_CONN(test_empty_trail_is_intact),
		WITH_CONN(test_three_entries_chain),
		WITH_CONN(test_nulls_and_empty_diff_are_stored),
		WITH_CONN(test_append_refuses_a_diff_that_is_not_an_object),
		cmocka_unit_test(test_diff_create_update_archive),
		WITH_CONN(test_edited_entry_is_found),
		WITH_CONN(test_relinked_entry_is_found),
		WITH_CONN(test_deleted_middle_entry_is_found),
		WITH_CONN(test_deleted_oldest_entry_is_found),
		WITH_CONN(test_deleted_newest_entry_is_found),
		WITH_CONN(test_deleted_whole_trail_is_found),
		WITH_CONN(test_deleted_head_is_found),
		WITH_CONN(test_malformed_head_stops_appends),
		WITH_CONN(test_rollback_leaves_no_entry),
		WITH_CONN(test_concurrent_appends_keep_one_chain),
		WITH_CONN(test_query_filters),
		WITH_CONN(test_query_dates),
		WITH_CONN(test_query_pages),
		WITH_CONN(test_query_clamps_paging),
		WITH_CONN(test_query_items_carry_the_entry),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
