/*
 * test_demo.c: the seed's demo organisation (src/mod/org/demo.c) and the
 * subtree headcount, against a real database; and the loaders after it
 * (tasks, knowledge, mileage, written with crud/seed.h): what they refuse
 * and what a second load leaves.
 *
 * INNOLAND_TEST_DB picks it: unset, a fresh SQLite file in a temp directory,
 * removed at the end; a file path, that SQLite file; a postgres:// URL, that
 * database (scripts/pg.sh prints one).  Whatever the database holds, the
 * group setup first empties the tables the load touches and those that
 * refer to them, as only a test may, then loads 영등포구 once; the tests
 * read what that load wrote (bench/demo.sh times a load).  Ids are read back, never assumed.  The
 * other loaders fill an organisation only in a fresh SQLite file of their
 * own (the mileage ledger cannot be emptied, so it never shares a given
 * database); on the shared one they are only refused, writing nothing.
 *
 * Memory: env owns the struct db and its one connection, taken in the group
 * setup and given back in the group teardown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testdb.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "auth/audit.h"
#include "crud/module.h"
#include "db/db.h"
#include "mod/knowledge/knowledge.h"
#include "mod/mileage/mileage.h"
#include "mod/org/demo.h"
#include "mod/org/org.h"
#include "mod/tasks/tasks.h"

enum { POOL = 2, SEED_TEAMS = 132, DONGS = 18, DIVISIONS = 28 };

/* The database this run uses and what the first load made. */
static struct {
	char url[1024];	   /* what the tests open */
	char tmpdir[64];   /* our temp directory, "" if none */
	struct db *db;	   /* opened on url */
	struct db_conn *c; /* the one connection the tests use */
	int64_t org_id;	   /* 영등포구 */
} env;

/* Children first, so no foreign key is left dangling. */
static const char clean_sql[] = "DELETE FROM audit_log;"
				"DELETE FROM settings WHERE key = 'audit.head';"
				"DELETE FROM staff;"
				"DELETE FROM user_assignments;"
				"DELETE FROM sessions;"
				"DELETE FROM api_tokens;"
				"DELETE FROM setup_links;"
				"DELETE FROM users;"
				"DELETE FROM departments;"
				"DELETE FROM organisations;";

/* Every department the seed names (Ⅰ-2 and the 18 tasks of Ⅳ-1-1). */
static const char *const seed_departments[] = {
	"혁신기획단", "혁신기획담당관", "혁신기획팀", "혁신지원팀", "균형발전팀", "기획예산과",
	"감사담당관", "민원여권과",	"재무과",     "세무관리과", "부과과",	  "주민생활지원과",
	"자치행정과", "총무과",		"문화체육과", "보건소",
};

/* Ⅰ-1: 현원 12 = 5급 1, 6급 3, 7급 5, 8급 3 (the reading in demo.c). */
static const int64_t seed_innovation[ORG_GRADES] = {
	[ORG_G5] = 1, [ORG_G6] = 3, [ORG_G7] = 5, [ORG_G8] = 3};

static struct audit_actor actor_for(int64_t org_id)
{
	struct audit_actor a = {org_id, 0, "system", NULL};
	return a;
}

/* Fails the test unless db_int answered with a row. */
static int64_t checked(int64_t v, int rc, const char *sql)
{
	if (rc != DB_ROW)
		fail_msg("%s: %s", sql, db_errmsg(env.c));
	return v;
}

/* One integer from a query without parameters, with one, with two. */
static int64_t q0(const char *sql)
{
	int rc;
	int64_t v = db_int(env.c, &rc, -1, sql, "");
	return checked(v, rc, sql);
}

static int64_t q1(const char *sql, int64_t a)
{
	int rc;
	int64_t v = db_int(env.c, &rc, -1, sql, "i", a);
	return checked(v, rc, sql);
}

static int64_t q2(const char *sql, int64_t a, int64_t b)
{
	int rc;
	int64_t v = db_int(env.c, &rc, -1, sql, "ii", a, b);
	return checked(v, rc, sql);
}

/* A query whose one parameter is the organisation under test. */
static int64_t org_count(const char *sql)
{
	return q1(sql, env.org_id);
}

/* A new organisation; its id. */
static int64_t org_add(const char *code, const char *name)
{
	if (db_run(env.c, NULL, "INSERT INTO organisations (code, name) VALUES (?, ?)", "tt", code,
		   name) != DB_OK)
		return -1;
	int rc;
	return db_int(env.c, &rc, -1, "SELECT id FROM organisations WHERE code = ?", "t", code);
}

/* The id of the organisation's department called name; -1 if none. */
static int64_t department_id(int64_t org_id, const char *name)
{
	int rc;
	return db_int(env.c, &rc, -1, "SELECT id FROM departments WHERE org_id = ? AND name = ?",
		      "it", org_id, name);
}

static int open_db(char *err, size_t len)
{
	env.db = testdb_open(env.url, sizeof env.url, env.tmpdir, POOL, err, len);
	env.c = env.db ? db_acquire(env.db) : NULL;
	return env.c ? 0 : -1;
}

static int group_setup(void **state)
{
	char err[256] = "";
	if (open_db(err, sizeof err) != 0 || db_exec(env.c, clean_sql) != DB_OK) {
		fprintf(stderr, "test_demo: %s%s\n", err, env.c ? db_errmsg(env.c) : "");
		return -1;
	}
	env.org_id = org_add("3180000", "영등포구");
	struct audit_actor by = actor_for(env.org_id);
	int rc = env.org_id > 0 ? org_demo_load(env.c, &by, env.org_id, err, sizeof err) : -1;
	if (rc != 0) {
		fprintf(stderr, "test_demo: load: %s\n", err);
		return -1;
	}
	printf("test_demo: %s: %" PRId64 " departments, %" PRId64 " staff loaded\n",
	       db_driver_name(env.db),
	       org_count("SELECT COUNT(*) FROM departments WHERE org_id = ?"),
	       org_count("SELECT COUNT(*) FROM staff WHERE org_id = ?"));
	return 0;
}

static int group_teardown(void **state)
{
	db_release(env.c);
	db_close(env.db);
	testdb_remove(env.tmpdir);
	return 0;
}

static int64_t count_kind(const char *kind)
{
	int rc;
	int64_t n = db_int(env.c, &rc, -1,
			   "SELECT COUNT(*) FROM departments WHERE org_id = ? AND kind = ?", "it",
			   env.org_id, kind);
	assert_int_equal(rc, DB_ROW);
	return n;
}

static void test_tree_has_the_seeds_units(void **state)
{
	assert_int_equal(count_kind("team"), SEED_TEAMS);
	assert_int_equal(count_kind("dong"), DONGS);
	assert_int_equal(count_kind("division"), DIVISIONS);
	assert_true(count_kind("bureau") >= 4);
	assert_int_equal(count_kind("other"), 1); /* 혁신기획단 */
	assert_int_equal(org_count("SELECT COUNT(*) FROM departments WHERE org_id = ? AND "
				   "(code IS NULL OR code NOT LIKE 'D%')"),
			 0);
}

static void test_every_seed_department_exists(void **state)
{
	for (size_t i = 0; i < sizeof seed_departments / sizeof seed_departments[0]; i++) {
		int rc;
		int64_t n = db_int(env.c, &rc, -1,
				   "SELECT COUNT(*) FROM departments WHERE org_id = ? AND name = ?",
				   "it", env.org_id, seed_departments[i]);
		if (n != 1)
			fail_msg("%s: %" PRId64 " departments by that name", seed_departments[i],
				 n);
	}
}

static void test_innovation_group_sits_under_the_top(void **state)
{
	int64_t group = department_id(env.org_id, "혁신기획단");
	int64_t office = department_id(env.org_id, "혁신기획담당관");
	assert_int_equal(q1("SELECT COUNT(*) FROM departments WHERE id = ? AND parent_id IS NULL "
			    "AND path = '/'",
			    group),
			 1);
	assert_int_equal(q2("SELECT COUNT(*) FROM departments WHERE parent_id = ? AND id = ?",
			    group, office),
			 1);
	assert_int_equal(
		q1("SELECT COUNT(*) FROM departments WHERE parent_id = ? AND kind = 'team'",
		   office),
		3);
}

static void test_staff_total_and_numbers(void **state)
{
	int64_t total = org_count("SELECT COUNT(*) FROM staff WHERE org_id = ?");
	assert_in_range(total, 1200, 1400);
	assert_int_equal(
		org_count("SELECT COUNT(DISTINCT employee_no) FROM staff WHERE org_id = ?"), total);
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND active = 1"),
			 total);
	assert_int_equal(
		org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND "
			  "(employee_no NOT LIKE '2007____' OR phone NOT LIKE '02-2670-____')"),
		0);
}

static void test_every_staff_department_exists(void **state)
{
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff s LEFT JOIN departments d ON "
				   "d.id = s.department_id AND d.org_id = s.org_id "
				   "WHERE s.org_id = ? AND d.id IS NULL"),
			 0);
}

static void test_grades_and_positions(void **state)
{
	int64_t bureaus = count_kind("bureau");
	/* A 4급 heads each bureau and the 보건소; 5급 the other divisions and the 동. */
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND grade = 'g4'"),
			 bureaus + 1);
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND grade = 'g5'"),
			 DIVISIONS - 1 + DONGS);
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND "
				   "position = '팀장'"),
			 SEED_TEAMS + 2 * DONGS);
	assert_int_equal(org_count("SELECT COUNT(*) FROM staff s JOIN departments d ON d.id = "
				   "s.department_id WHERE s.org_id = ? AND d.kind = 'team' AND "
				   "s.position = '팀장' AND s.grade <> 'g6'"),
			 0);
	int64_t total = org_count("SELECT COUNT(*) FROM staff WHERE org_id = ?");
	int64_t junior = org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND "
				   "grade IN ('g7', 'g8', 'g9')");
	assert_true(junior * 2 > total);
	assert_true(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND grade = "
			      "'technical'") > 0);
	assert_true(org_count("SELECT COUNT(*) FROM staff WHERE org_id = ? AND grade = "
			      "'contract'") > 0);
}

static void assert_counts(const int64_t *got, const int64_t *want)
{
	for (int g = 0; g < ORG_GRADES; g++)
		if (got[g] != want[g])
			fail_msg("%s: %" PRId64 ", want %" PRId64, org_grades[g].value, got[g],
				 want[g]);
}

static void test_innovation_headcount_is_the_seeds(void **state)
{
	int64_t counts[ORG_GRADES];
	int64_t office = department_id(env.org_id, "혁신기획담당관");
	assert_int_equal(org_headcount(env.c, env.org_id, office, counts), 12);
	assert_counts(counts, seed_innovation);
	/* The 단장's post is held concurrently: the 단 counts the same people. */
	int64_t group = department_id(env.org_id, "혁신기획단");
	assert_int_equal(org_headcount(env.c, env.org_id, group, counts), 12);
	assert_counts(counts, seed_innovation);
}

/* A team (a leaf), the whole of a bureau, and what is not there. */
static void test_headcount_boundaries(void **state)
{
	int64_t counts[ORG_GRADES];
	int64_t team = department_id(env.org_id, "인사팀");
	int n = org_headcount(env.c, env.org_id, team, counts);
	assert_int_equal(n, q1("SELECT COUNT(*) FROM staff WHERE department_id = ?", team));
	assert_true(n >= 1);
	assert_int_equal(counts[ORG_G6] >= 1, 1);

	int64_t bureau = department_id(env.org_id, "행정관리국");
	/* Three levels: the bureau, its divisions, their teams; counted without paths. */
	int rc;
	int64_t want = db_int(env.c, &rc, -1,
			      "SELECT COUNT(*) FROM staff s JOIN departments d ON d.id = "
			      "s.department_id WHERE d.id = ? OR d.parent_id = ? OR d.parent_id IN "
			      "(SELECT id FROM departments WHERE parent_id = ?)",
			      "iii", bureau, bureau, bureau);
	assert_int_equal(rc, DB_ROW);
	assert_int_equal(org_headcount(env.c, env.org_id, bureau, counts), want);
	assert_int_equal(counts[ORG_G4], 1);

	int64_t max = q0("SELECT MAX(id) FROM departments");
	assert_int_equal(org_headcount(env.c, env.org_id, max + 1, counts), -1);
	assert_int_equal(org_headcount(env.c, env.org_id + 1000000, bureau, counts), -1);
}

static void test_headcount_counts_active_staff_only(void **state)
{
	int64_t counts[ORG_GRADES];
	int64_t office = department_id(env.org_id, "혁신기획담당관");
	assert_int_equal(db_begin(env.c), DB_OK);
	assert_int_equal(
		db_run(env.c, NULL,
		       "UPDATE staff SET active = 0 WHERE department_id = ? AND grade = 'g5'", "i",
		       office),
		DB_OK);
	int n = org_headcount(env.c, env.org_id, office, counts);
	assert_int_equal(db_rollback(env.c), DB_OK);
	assert_int_equal(n, 11);
	assert_int_equal(counts[ORG_G5], 0);
}

static void test_paths_follow_parents(void **state)
{
	assert_int_equal(org_count("SELECT COUNT(*) FROM departments d LEFT JOIN departments p "
				   "ON p.id = d.parent_id AND p.org_id = d.org_id "
				   "WHERE d.org_id = ? AND CASE WHEN d.parent_id IS NULL "
				   "THEN d.path <> '/' WHEN p.id IS NULL THEN 1 = 1 "
				   "ELSE d.path <> p.path || CAST(p.id AS TEXT) || '/' END"),
			 0);
	assert_true(org_count("SELECT COUNT(*) FROM departments WHERE org_id = ? AND "
			      "path LIKE '/%/%/'") > 0);
}

static void test_load_is_audited(void **state)
{
	struct db_stmt *s =
		db_preparef(env.c,
			    "SELECT diff, actor FROM audit_log WHERE action = "
			    "'demo_load' AND entity = 'organisations' AND record_id = ?",
			    "t", "3180000");
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ROW);
	json_t *diff = json_loads(db_column_text(s, 0), 0, NULL);
	assert_string_equal(db_column_text(s, 1), "system");
	assert_int_equal(db_step(s), DB_OK);
	db_finalize(s);
	json_t *want = json_pack(
		"{s[nI]s[nI]}", "departments",
		(json_int_t)org_count("SELECT COUNT(*) FROM departments WHERE org_id = ?"), "staff",
		(json_int_t)org_count("SELECT COUNT(*) FROM staff WHERE org_id = ?"));
	assert_true(json_equal(diff, want));
	json_decref(diff);
	json_decref(want);
}

static void test_second_load_changes_nothing(void **state)
{
	const char *const sql[] = {
		"SELECT COUNT(*) FROM departments WHERE org_id = ?",
		"SELECT COUNT(*) FROM staff WHERE org_id = ?",
		"SELECT COUNT(*) FROM audit_log WHERE org_id = ? OR org_id IS NULL",
		"SELECT MAX(id) FROM staff WHERE org_id = ?",
	};
	int64_t before[4], after[4];
	for (int i = 0; i < 4; i++)
		before[i] = org_count(sql[i]);
	char err[256] = "";
	struct audit_actor by = actor_for(env.org_id);
	assert_int_equal(org_demo_load(env.c, &by, env.org_id, err, sizeof err), 0);
	for (int i = 0; i < 4; i++)
		after[i] = org_count(sql[i]);
	assert_memory_equal(before, after, sizeof before);
}

/* A second organisation gets the same people, in its own rows. */
static void test_load_is_deterministic_per_org(void **state)
{
	int64_t other = org_add("9999999", "시험구");
	assert_true(other > 0);
	char err[256] = "";
	struct audit_actor by = actor_for(other);
	assert_int_equal(org_demo_load(env.c, &by, other, err, sizeof err), 0);
	assert_int_equal(q2("SELECT COUNT(*) FROM staff a JOIN staff b ON b.employee_no = "
			    "a.employee_no AND b.org_id = ? WHERE a.org_id = ? AND a.name = "
			    "b.name AND a.grade = b.grade",
			    other, env.org_id),
			 org_count("SELECT COUNT(*) FROM staff WHERE org_id = ?"));
	assert_int_equal(q1("SELECT COUNT(*) FROM staff s JOIN departments d ON d.id = "
			    "s.department_id WHERE s.org_id = ? AND d.org_id <> s.org_id",
			    other),
			 0);
	int64_t group = department_id(other, "혁신기획단");
	assert_int_equal(org_headcount(env.c, env.org_id, group, (int64_t[ORG_GRADES]){0}), -1);
}

static void test_missing_org_writes_nothing(void **state)
{
	int64_t max = q0("SELECT MAX(id) FROM organisations");
	int64_t before = q0("SELECT COUNT(*) FROM departments");
	char err[256] = "";
	struct audit_actor by = actor_for(max + 1);
	assert_int_equal(org_demo_load(env.c, &by, max + 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "no organisation"));
	assert_int_equal(q0("SELECT COUNT(*) FROM departments"), before);
}

/* The loaders after org's, in the order --demo runs them. */
static const struct later {
	const char *module;   /* its messages' prefix and its audit entry's entity */
	module_demo_fn *load; /* the loader */
	const char *needs;    /* what its refusal names: the staff it needs */
	const char *present;  /* writes a record of its own, the org as the one parameter */
	const char *rows;     /* counts its rows, the org as the one parameter */
} later[] = {
	{"tasks", tasks_demo_load, "1,200",
	 "INSERT INTO tasks (org_id, title, kind, year) VALUES (?, '과제', 'common', 2007)",
	 "SELECT COUNT(*) FROM (SELECT org_id FROM tasks UNION ALL SELECT org_id FROM meetings "
	 "UNION ALL SELECT org_id FROM unit_projects UNION ALL SELECT org_id FROM "
	 "progress_reports UNION ALL SELECT org_id FROM record_links) t WHERE org_id = ?"},
	{"knowledge", knowledge_demo_load, "1,000",
	 "INSERT INTO knowledge_fields (org_id, name) VALUES (?, '분야')",
	 "SELECT COUNT(*) FROM (SELECT org_id FROM knowledge_fields UNION ALL SELECT org_id FROM "
	 "knowledge_items UNION ALL SELECT org_id FROM users UNION ALL SELECT org_id FROM "
	 "domain_events) t WHERE org_id = ?"},
	{"mileage", mileage_demo_load, "1,292",
	 "INSERT INTO mileage_rules (org_id, event_code, name, points) VALUES (?, "
	 "'knowledge.registered', '규칙', 2)",
	 "SELECT COUNT(*) FROM (SELECT org_id FROM mileage_rules UNION ALL SELECT org_id FROM "
	 "mileage_entries UNION ALL SELECT org_id FROM mileage_rewards) t WHERE org_id = ?"},
};
#define LATER (sizeof later / sizeof later[0])

static int64_t demo_entries(int64_t org_id)
{
	return q1("SELECT COUNT(*) FROM audit_log WHERE action = 'demo_load' AND org_id = ?",
		  org_id);
}

/* Without the demo staff (none, then a department and one person) every
 * later loader fails, says what it needs and writes nothing. */
static void test_later_loaders_need_the_demo_staff(void **state)
{
	int64_t org = org_add("8888888", "직원없는구");
	assert_true(org > 0);
	struct audit_actor by = actor_for(org);
	for (int round = 0; round < 2; round++) {
		if (round == 1) {
			assert_int_equal(
				db_run(env.c, NULL,
				       "INSERT INTO departments (org_id, name, path, kind) "
				       "VALUES (?, '총무과', '/', 'division')",
				       "i", org),
				DB_OK);
			assert_int_equal(
				db_run(env.c, NULL,
				       "INSERT INTO staff (org_id, employee_no, name, grade, "
				       "department_id) SELECT org_id, 'N0001', '김철수', 'g7', "
				       "id FROM departments WHERE org_id = ?",
				       "i", org),
				DB_OK);
		}
		for (size_t i = 0; i < LATER; i++) {
			char err[256] = "", prefix[32];
			assert_int_equal(later[i].load(env.c, &by, org, err, sizeof err), -1);
			snprintf(prefix, sizeof prefix, "%s demo: ", later[i].module);
			if (strncmp(err, prefix, strlen(prefix)) != 0 ||
			    !strstr(err, later[i].needs) || !strstr(err, "먼저 있어야"))
				fail_msg("%s: \"%s\"", later[i].module, err);
			assert_int_equal(q1(later[i].rows, org), 0);
		}
		assert_int_equal(demo_entries(org), 0);
	}
}

/* With staff enough but none of the seed's departments, the tasks demo
 * fails naming the first it looks for, and writes nothing. */
static void test_tasks_demo_needs_the_seed_departments(void **state)
{
	int64_t org = org_add("6666666", "부서없는구");
	assert_true(org > 0);
	assert_int_equal(db_run(env.c, NULL,
				"INSERT INTO departments (org_id, name, path, kind) VALUES (?, "
				"'시험과', '/', 'division')",
				"i", org),
			 DB_OK);
	assert_int_equal(
		db_run(env.c, NULL,
		       "INSERT INTO staff (org_id, employee_no, name, grade, department_id) "
		       "SELECT d.org_id, 'D' || CAST(n AS TEXT), '직원', 'g7', d.id FROM "
		       "departments d, (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
		       "FROM r WHERE n < 1201) SELECT n FROM r) r WHERE d.org_id = ?",
		       "i", org),
		DB_OK);
	assert_int_equal(q1("SELECT MAX(id) - MIN(id) FROM staff WHERE org_id = ?", org), 1200);
	char err[256] = "";
	struct audit_actor by = actor_for(org);
	assert_int_equal(tasks_demo_load(env.c, &by, org, err, sizeof err), -1);
	assert_string_equal(err, "tasks demo: 데모 기관의 부서 '혁신기획단'이(가) 먼저 있어야 "
				 "합니다 (org 모듈의 데모)");
	assert_int_equal(q1(later[0].rows, org), 0);
	assert_int_equal(demo_entries(org), 0);
}

/* A fresh SQLite file (whatever INNOLAND_TEST_DB says) with one connection. */
static struct db_conn *fresh_db(struct db **db, char tmpdir[64])
{
	char url[128], err[256] = "";
	snprintf(tmpdir, 64, "/tmp/innoland-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return NULL;
	snprintf(url, sizeof url, "%s/test.db", tmpdir);
	*db = db_open(url, 1, err, sizeof err);
	if (*db && db_migrate(*db, err, sizeof err) < 0)
		fail_msg("%s", err);
	return *db ? db_acquire(*db) : NULL;
}

/* Every count a second load could change: each loader's rows, the staff,
 * the audit trail. */
static void counts_of(struct db_conn *c, int64_t org, int64_t out[LATER + 2])
{
	int rc;
	for (size_t i = 0; i < LATER; i++) {
		out[i] = db_int(c, &rc, -1, later[i].rows, "i", org);
		assert_int_equal(rc, DB_ROW);
	}
	out[LATER] = db_int(c, &rc, -1, "SELECT COUNT(*) FROM staff WHERE org_id = ?", "i", org);
	out[LATER + 1] = db_int(c, &rc, -1, "SELECT COUNT(*) FROM audit_log", "");
}

/* The whole demo once, then again: 0 and nothing more written.  An
 * organisation without staff but with a module's own record is left alone
 * quietly (present is asked before needs).  Mileage's audit entry is what
 * the load booked, not the seed's figures nor the whole ledger. */
static void test_second_demo_load_writes_nothing(void **state)
{
	struct db *db = NULL;
	char tmpdir[64] = "", err[256] = "";
	struct db_conn *c = fresh_db(&db, tmpdir);
	assert_non_null(c);
	assert_int_equal(db_run(c, NULL,
				"INSERT INTO organisations (code, name) VALUES ('3180000', "
				"'영등포구'), ('7777777', '기록만있는구')",
				""),
			 DB_OK);
	int rc;
	int64_t org = db_int(c, &rc, 0, "SELECT id FROM organisations WHERE code = '3180000'", "");
	int64_t bare = db_int(c, &rc, 0, "SELECT id FROM organisations WHERE code = '7777777'", "");
	struct audit_actor by = actor_for(org), bare_by = actor_for(bare);
	assert_int_equal(org_demo_load(c, &by, org, err, sizeof err), 0);
	/* a point of 2006 booked by hand before the demo: the demo tops the
	 * year up to the seed's figures, and its audit entry says what it
	 * booked itself */
	struct mileage_grant early = {
		db_int(c, &rc, 0, "SELECT MIN(id) FROM staff WHERE org_id = ?", "i", org), 2,
		"2006-01-02"};
	assert_int_equal(db_begin(c), DB_OK);
	assert_int_equal(mileage_grant(c, org, &early, 1, "사전 부여", 0, "혁신기획단"), ERR_OK);
	assert_int_equal(db_commit(c), DB_OK);
	int64_t first = db_int(c, &rc, 0, "SELECT MAX(id) FROM mileage_entries", "");
	for (size_t i = 0; i < LATER; i++)
		if (later[i].load(c, &by, org, err, sizeof err) != 0)
			fail_msg("%s: %s", later[i].module, err);
	int64_t before[LATER + 2], after[LATER + 2];
	counts_of(c, org, before);
	assert_int_equal(org_demo_load(c, &by, org, err, sizeof err), 0);
	for (size_t i = 0; i < LATER; i++) {
		assert_int_equal(later[i].load(c, &by, org, err, sizeof err), 0);
		assert_string_equal(err, "");
	}
	counts_of(c, org, after);
	assert_memory_equal(before, after, sizeof before);

	char record[24];
	snprintf(record, sizeof record, "%" PRId64, org);
	struct db_stmt *s = db_preparef(c,
					"SELECT diff FROM audit_log WHERE action = 'demo_load' AND "
					"entity = 'mileage' AND record_id = ?",
					"t", record);
	assert_int_equal(s ? db_step(s) : DB_ERR, DB_ROW);
	json_t *diff = json_loads(db_column_text(s, 0), 0, NULL);
	db_finalize(s);
	assert_int_equal(db_int(c, &rc, 0,
				"SELECT SUM(points) FROM mileage_entries WHERE org_id = ? AND "
				"earned_on LIKE '2006%'",
				"i", org),
			 5983); /* 2,991.5 points */
	assert_int_equal(db_int(c, &rc, 0,
				"SELECT COUNT(DISTINCT staff_id) FROM mileage_entries WHERE org_id "
				"= ? AND earned_on LIKE '2006%'",
				"i", org),
			 1292);
	int64_t people = db_int(c, &rc, 0,
				"SELECT COUNT(DISTINCT staff_id) FROM mileage_entries WHERE org_id "
				"= ? AND id > ?",
				"ii", org, first);
	int64_t early_more = db_int(
		c, &rc, 0, "SELECT COUNT(*) FROM mileage_entries WHERE staff_id = ? AND id > ?",
		"ii", early.staff, first);
	assert_int_equal(people, 1291 + (early_more > 0)); /* all the year's but the early one */
	json_t *want = json_pack("{s:I, s:s}", "people", (json_int_t)people, "points", "2990.5");
	assert_true(json_equal(diff, want));
	json_decref(diff);
	json_decref(want);

	for (size_t i = 0; i < LATER; i++) {
		assert_int_equal(db_run(c, NULL, later[i].present, "i", bare), DB_OK);
		counts_of(c, bare, before);
		assert_int_equal(later[i].load(c, &bare_by, bare, err, sizeof err), 0);
		counts_of(c, bare, after);
		assert_memory_equal(before, after, sizeof before);
	}
	db_release(c);
	db_close(db);
	testdb_remove(tmpdir);
}

int main(void)
{
	app_install();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_has_the_seeds_units),
		cmocka_unit_test(test_every_seed_department_exists),
		cmocka_unit_test(test_innovation_group_sits_under_the_top),
		cmocka_unit_test(test_staff_total_and_numbers),
		cmocka_unit_test(test_every_staff_department_exists),
		cmocka_unit_test(test_grades_and_positions),
		cmocka_unit_test(test_innovation_headcount_is_the_seeds),
		cmocka_unit_test(test_headcount_boundaries),
		cmocka_unit_test(test_headcount_counts_active_staff_only),
		cmocka_unit_test(test_paths_follow_parents),
		cmocka_unit_test(test_load_is_audited),
		cmocka_unit_test(test_second_load_changes_nothing),
		cmocka_unit_test(test_load_is_deterministic_per_org),
		cmocka_unit_test(test_missing_org_writes_nothing),
		cmocka_unit_test(test_later_loaders_need_the_demo_staff),
		cmocka_unit_test(test_second_demo_load_writes_nothing),
		cmocka_unit_test(test_tasks_demo_needs_the_seed_departments),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
