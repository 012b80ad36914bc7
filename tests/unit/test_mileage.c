/*
 * test_mileage.c: the mileage ledger's arithmetic (src/mod/mileage/) on a
 * real SQLite database of its own (the ledger cannot be emptied, so it never
 * shares the PostgreSQL test database; the end-to-end tests run it there):
 * points in halves as people read them, periods, balances of a person, the
 * departments above them and the organisation, a rule's monthly cap, an
 * event taken twice, and balances kept entry by entry equal to those
 * rebuilt from the ledger.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/buf.h"
#include "db/db.h"
#include "mod/mileage/mileage.h"

static struct {
	char url[1024], tmpdir[64];
	struct db *db;
	struct db_conn *c;
	int64_t org, bureau, division, team, staff[40];
} env;

static int setup(void **state)
{
	char err[256];
	setenv("INNOLAND_TEST_DB", "", 1); /* always a fresh SQLite file: see above */
	env.db = testdb_open(env.url, sizeof env.url, env.tmpdir, 2, err, sizeof err);
	if (!env.db)
		return -1;
	struct db_conn *c = env.c = db_acquire(env.db);
	db_run(c, NULL, "INSERT INTO organisations (code, name) VALUES ('T', '시험구')", "");
	env.org = db_int(c, NULL, 0, "SELECT id FROM organisations WHERE code = 'T'", "");
	db_run(c, NULL,
	       "INSERT INTO departments (org_id, name, path, kind) VALUES (?, '국', '/', 'bureau')",
	       "i", env.org);
	env.bureau = db_int(c, NULL, 0, "SELECT MAX(id) FROM departments", "");
	char path[64];
	snprintf(path, sizeof path, "/%lld/", (long long)env.bureau);
	db_run(c, NULL,
	       "INSERT INTO departments (org_id, parent_id, name, path, kind) VALUES (?, ?, '과', "
	       "?, "
	       "'division')",
	       "iit", env.org, env.bureau, path);
	env.division = db_int(c, NULL, 0, "SELECT MAX(id) FROM departments", "");
	snprintf(path, sizeof path, "/%lld/%lld/", (long long)env.bureau, (long long)env.division);
	db_run(c, NULL,
	       "INSERT INTO departments (org_id, parent_id, name, path, kind) VALUES (?, ?, '팀', "
	       "?, "
	       "'team')",
	       "iit", env.org, env.division, path);
	env.team = db_int(c, NULL, 0, "SELECT MAX(id) FROM departments", "");
	for (int i = 0; i < 40; i++) {
		char no[16];
		snprintf(no, sizeof no, "T%04d", i);
		db_run(c, NULL,
		       "INSERT INTO staff (org_id, employee_no, name, grade, department_id) VALUES "
		       "(?, "
		       "?, ?, 'g7', ?)",
		       "itti", env.org, no, no, i % 2 ? env.team : env.division);
		env.staff[i] = db_int(c, NULL, 0, "SELECT MAX(id) FROM staff", "");
	}
	return 0;
}

static int teardown(void **state)
{
	db_release(env.c);
	db_close(env.db);
	testdb_remove(env.tmpdir);
	return 0;
}

/* A balance's halves (-1: no row); subject "staff", "dept" or "org". */
static int64_t balance(const char *subject, int64_t id, const char *period)
{
	int rc;
	int64_t kind = !strcmp(subject, "staff")  ? MILEAGE_STAFF
		       : !strcmp(subject, "dept") ? MILEAGE_DEPT
						  : MILEAGE_ORG;
	int64_t v =
		db_int(env.c, &rc, -1,
		       "SELECT points FROM mileage_balances WHERE org_id = ? AND subject = ? AND "
		       "subject_id = ? AND period = ?",
		       "iiii", env.org, kind, id, (int64_t)mileage_period_number(period));
	return rc == DB_ROW ? v : -1;
}

static void test_halves_read_as_points(void **state)
{
	char t[32];
	assert_string_equal(halves_text(5, t), "2.5");
	assert_string_equal(halves_text(4, t), "2");
	assert_string_equal(halves_text(0, t), "0");
	assert_string_equal(halves_text(-3, t), "-1.5");
	assert_string_equal(halves_text(-1, t), "-0.5");
	assert_string_equal(halves_text(5983, t), "2991.5");
	assert_string_equal(half_text(-0.5, t), "-0.5");
}

static void test_periods(void **state)
{
	assert_true(mileage_period_valid("all"));
	assert_true(mileage_period_valid("2006"));
	assert_true(mileage_period_valid("2006-07"));
	assert_false(mileage_period_valid("2006-13"));
	assert_false(mileage_period_valid("2006-7"));
	assert_false(mileage_period_valid("06"));
	assert_false(mileage_period_valid("2006-07-01"));
	assert_false(mileage_period_valid("abcd"));
	assert_false(mileage_period_valid(NULL));
	/* as the balances keep them: numbers, and back */
	const char *names[] = {"all", "2006", "2006-07", "1999-12"};
	const int numbers[] = {0, 2006, 200607, 199912};
	for (size_t i = 0; i < 4; i++) {
		char t[16];
		assert_int_equal(mileage_period_number(names[i]), numbers[i]);
		assert_int_equal(mileage_period_name(numbers[i], t), (int)strlen(names[i]));
		assert_string_equal(t, names[i]);
	}
}

/* A grant books the person, their department and every one above, and the
 * organisation, for the month, the year and all time; a person counts once
 * among the period's people. */
static void test_grant_books_every_balance(void **state)
{
	struct db_conn *c = env.c;
	struct mileage_grant g[] = {{env.staff[1], 3, "2005-04-02"},
				    {env.staff[1], 2, "2005-04-20"},
				    {env.staff[2], 4, "2005-05-01"}};
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_grant(c, env.org, g, 3, "시험", 0, "test"), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	assert_int_equal(balance("staff", env.staff[1], "2005-04"), 5);
	assert_int_equal(balance("staff", env.staff[1], "2005"), 5);
	assert_int_equal(balance("staff", env.staff[2], "2005-05"), 4);
	assert_int_equal(balance("staff", env.staff[2], "2005-04"), -1);
	assert_int_equal(balance("dept", env.team, "2005"), 5);	    /* staff[1] is in the team */
	assert_int_equal(balance("dept", env.division, "2005"), 9); /* the team and staff[2] */
	assert_int_equal(balance("dept", env.bureau, "all"), 9);
	assert_int_equal(balance("org", env.org, "2005"), 9);
	assert_int_equal(
		db_int(c, NULL, 0,
		       "SELECT people FROM mileage_balances WHERE org_id = ? AND subject = ? "
		       "AND period = 2005",
		       "ii", env.org, (int64_t)MILEAGE_ORG),
		2);
	/* someone not on this organisation's staff: nothing written */
	struct mileage_grant stranger = {999999, 2, "2005-04-02"};
	int64_t before = testdb_int(c, "SELECT COUNT(*) FROM mileage_entries");
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_grant(c, env.org, &stranger, 1, "x", 0, "test"), ERR_INVALID);
	db_rollback(c);
	assert_int_equal(testdb_int(c, "SELECT COUNT(*) FROM mileage_entries"), before);
}

/* The rule of the event's day gives its points, cut by the monthly cap;
 * an event taken again awards nothing. */
static void test_events_rules_caps_and_twice(void **state)
{
	struct db_conn *c = env.c;
	assert_int_equal(
		db_run(c, NULL,
		       "INSERT INTO mileage_rules (org_id, event_code, name, points, "
		       "monthly_cap, valid_from, valid_to) VALUES (?, 'knowledge.registered', "
		       "'old', 9, NULL, '2000-01-01', '2003-12-31'), (?, "
		       "'knowledge.registered', 'now', 2, 5, '2004-01-01', NULL)",
		       "ii", env.org, env.org),
		DB_OK);
	int64_t s = env.staff[5];
	for (int i = 0; i < 4; i++) {
		struct mileage_event ev = {env.org,
					   "knowledge.registered",
					   "knowledge-items",
					   100 + i,
					   s,
					   0,
					   "2005-06-10",
					   NULL};
		assert_int_equal(db_begin(c), DB_OK);
		assert_int_equal(mileage_event(c, &ev), ERR_OK);
		assert_int_equal(db_commit(c), DB_OK);
	}
	/* 2 + 2 + 1 (what the cap of 5 leaves) + nothing */
	assert_int_equal(balance("staff", s, "2005-06"), 5);
	assert_int_equal(db_int(c, NULL, 0,
				"SELECT COUNT(*) FROM mileage_entries WHERE staff_id = ?", "i", s),
			 3);
	struct mileage_event old = {
		env.org, "knowledge.registered", "knowledge-items", 200, s, 0, "2003-02-01", NULL};
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_event(c, &old), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	assert_int_equal(balance("staff", s, "2003"), 9); /* the rule of that day */
	/* taken again, even with the mark removed: one entry per event */
	int64_t event = testdb_int(c, "SELECT MAX(id) FROM domain_events");
	assert_int_equal(db_run(c, NULL, "UPDATE domain_events SET consumed_at = NULL WHERE id = ?",
				"i", event),
			 DB_OK);
	int64_t awarded = -1;
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_take(c, event, &awarded), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	assert_int_equal(awarded, 0);
	assert_int_equal(balance("staff", s, "2003"), 9);
	struct mileage_event unknown = {env.org, "no.such.code", "x", 1, s, 0, NULL, NULL};
	assert_int_equal(mileage_event(c, &unknown), ERR_INVALID);
}

/* Every balance row, in order, as text. */
static char *dump(void)
{
	struct buf b = BUF_INIT;
	struct db_stmt *s =
		db_preparef(env.c,
			    "SELECT subject, subject_id, period, points, entries, people "
			    "FROM mileage_balances WHERE org_id = ? ORDER BY 1, 2, 3",
			    "i", env.org);
	while (s && db_step(s) == DB_ROW)
		buf_printf(&b, "%s %lld %s %lld %lld %lld\n", db_column_text(s, 0),
			   (long long)db_column_int(s, 1), db_column_text(s, 2),
			   (long long)db_column_int(s, 3), (long long)db_column_int(s, 4),
			   (long long)db_column_int(s, 5));
	db_finalize(s);
	return buf_detach(&b, NULL);
}

/* Many people over many days at once, then the balances rebuilt from the
 * ledger: the same rows. */
static void test_bulk_equals_rebuild(void **state)
{
	struct db_conn *c = env.c;
	static char days[200][24];
	struct mileage_grant g[200];
	for (int i = 0; i < 200; i++) {
		snprintf(days[i], sizeof days[i], "20%02d-%02d-%02d", 4 + i % 3, 1 + i % 12,
			 1 + i % 28);
		g[i] = (struct mileage_grant){env.staff[i % 40], 1 + i % 5, days[i]};
	}
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_grant(c, env.org, g, 200, "일괄", 0, "test"), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	char *kept = dump();
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_rebuild(c, env.org), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	char *rebuilt = dump();
	assert_true(strlen(kept) > 1000);
	assert_string_equal(kept, rebuilt);
	free(kept);
	free(rebuilt);
	/* the database keeps the ledger as it is */
	assert_int_equal(db_exec(c, "UPDATE mileage_entries SET points = 0"), DB_ERR);
	assert_int_equal(db_exec(c, "DELETE FROM mileage_entries"), DB_ERR);
}

int main(void)
{
	app_install(); /* the event registry the rules are checked against */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_halves_read_as_points),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_grant_books_every_balance),
		cmocka_unit_test(test_events_rules_caps_and_twice),
		cmocka_unit_test(test_bulk_equals_rebuild),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
