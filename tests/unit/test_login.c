/* test_login.c: the sign-in throttle: failures count and delay, and a key
 * quiet for an hour past its last wait is forgiven (an office's address
 * does not stay blocked for last month's typos). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testdb.h"

#include <string.h>

#include "auth/login.h"
#include "core/clock.h"
#include "db/db.h"

static struct {
	char url[1024];
	char tmpdir[64];
	struct db *db;
} env;

static int group_setup(void **state)
{
	char err[256];
	env.db = testdb_open(env.url, sizeof env.url, env.tmpdir, 2, err, sizeof err);
	if (!env.db)
		fprintf(stderr, "test_login: %s\n", err);
	return env.db ? 0 : -1;
}

static int group_teardown(void **state)
{
	db_close(env.db);
	testdb_remove(env.tmpdir);
	return 0;
}

/* The address's row as it stands: failures, and whether it waits now. */
static void throttle_of(struct db_conn *c, const char *ip, int64_t *failures, int *waiting)
{
	char now[24];
	utc_now(0, now);
	struct db_stmt *s = db_preparef(c,
					"SELECT failures, blocked_until > ? FROM login_throttle "
					"WHERE kind = 'ip' AND key = ?",
					"tt", now, ip);
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ROW);
	*failures = db_column_int(s, 0);
	*waiting = (int)db_column_int(s, 1);
	db_finalize(s);
}

/* One wrong password from ip, and its row after: failures, and whether it
 * waits now. */
static void wrong_password(struct db_conn *c, const char *ip, int64_t failures, int waiting)
{
	struct login_result r;
	int64_t n;
	int w;
	assert_int_equal(login_check(c, "nobody", "wrong", ip, &r), ERR_BAD_CREDENTIALS);
	throttle_of(c, ip, &n, &w);
	assert_int_equal(n, failures);
	assert_int_equal(w, waiting);
}

/* An address with 40 failures whose last wait ended ago seconds back. */
static void seed(struct db_conn *c, const char *ip, long ago)
{
	char until[24];
	utc_now(-ago, until);
	assert_int_equal(db_run(c, NULL, "DELETE FROM login_throttle WHERE key = ?", "t", ip),
			 DB_OK);
	assert_int_equal(db_run(c, NULL,
				"INSERT INTO login_throttle (kind, key, failures, blocked_until) "
				"VALUES ('ip', ?, 40, ?)",
				"tt", ip, until),
			 DB_OK);
}

static void quiet_address_is_forgiven(void **state)
{
	struct db_conn *c = db_acquire(env.db);
	assert_non_null(c);
	struct login_result r;
	/* quiet for two hours: the next failure is its first, and no wait */
	seed(c, "198.51.100.7", 7200);
	wrong_password(c, "198.51.100.7", 1, 0);
	wrong_password(c, "198.51.100.7", 2, 0);
	/* quiet for ten minutes only: the failures go on counting, and it waits */
	seed(c, "198.51.100.8", 600);
	wrong_password(c, "198.51.100.8", 41, 1);
	assert_int_equal(login_check(c, "nobody", "wrong", "198.51.100.8", &r), ERR_THROTTLED);
	assert_true(r.retry_after > 800 && r.retry_after <= 900);
	db_release(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_address_is_forgiven),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
