/* test_scope.c: the scope filter lists put in their SQL (perm_scope_sql):
 * an administrator sees the organisation, a manager their department's
 * subtree, an expert what is assigned to them, nobody another organisation.
 * Runs on INNOLAND_TEST_DB (default: a temporary SQLite file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/role.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/http.h"

static struct db *db;
static struct db_conn *c;
static char path[64];

static int64_t insert_dept(int64_t org, int64_t parent, const char *name, const char *at)
{
	db_run(c, NULL,
	       "INSERT INTO departments (org_id, parent_id, name, path) VALUES (?, ?, ?, ?)",
	       parent ? "iitt" : "ittt", org, parent ? parent : (int64_t)0, name, at);
	return db_int(c, NULL, 0, "SELECT MAX(id) FROM departments", "");
}

static int setup(void **state)
{
	const char *url = getenv("INNOLAND_TEST_DB");
	if (!url || !*url) {
		snprintf(path, sizeof path, "/tmp/innoland-scope-%d.db", (int)getpid());
		unlink(path);
		url = path;
	}
	char err[256];
	db = db_open(url, 2, err, sizeof err);
	if (!db || db_migrate(db, err, sizeof err) < 0)
		return -1;
	c = db_acquire(db);
	db_exec(c, "DELETE FROM user_assignments; DELETE FROM audit_log; DELETE FROM sessions; "
		   "DELETE FROM api_tokens; DELETE FROM setup_links; DELETE FROM users; "
		   "DELETE FROM departments; DELETE FROM organisations");
	db_run(c, NULL, "INSERT INTO organisations (code, name) VALUES ('A', 'A구'), ('B', 'B구')",
	       "");
	return 0;
}

static int teardown(void **state)
{
	db_release(c);
	db_close(db);
	if (path[0])
		unlink(path);
	return 0;
}

/* The logins p may see among users, in order, comma-separated. */
static char *visible(struct principal *p)
{
	struct buf sql = BUF_INIT;
	const char *params[PERM_SCOPE_PARAMS];
	buf_puts(&sql, "SELECT login FROM users u WHERE ");
	int n = perm_scope_sql(p, "users", "u.org_id", "u.department_id", "u.id", &sql, params);
	buf_puts(&sql, " ORDER BY login");
	struct db_stmt *s = db_prepare(c, sql.data);
	for (int i = 0; i < n; i++)
		db_bind_text(s, i + 1, params[i], strlen(params[i]));
	static char out[256];
	out[0] = '\0';
	while (db_step(s) == DB_ROW) {
		strcat(out, out[0] ? "," : "");
		strcat(out, db_column_text(s, 0));
	}
	db_finalize(s);
	buf_free(&sql);
	return out;
}

static void lists_are_cut_to_the_scope(void **state)
{
	int64_t a = db_int(c, NULL, 0, "SELECT id FROM organisations WHERE code = 'A'", "");
	int64_t b = db_int(c, NULL, 0, "SELECT id FROM organisations WHERE code = 'B'", "");
	int64_t bureau = insert_dept(a, 0, "행정국", "/");
	char at[32];
	snprintf(at, sizeof at, "/%lld/", (long long)bureau);
	int64_t team = insert_dept(a, bureau, "혁신팀", at);
	int64_t other = insert_dept(a, 0, "복지국", "/");
	const char *rows[][3] = {{"u.bureau", "A", "bureau"},
				 {"u.team", "A", "team"},
				 {"u.other", "A", "other"},
				 {"u.b", "B", ""}};
	int64_t depts[] = {bureau, team, other, 0};
	for (int i = 0; i < 4; i++)
		db_run(c, NULL,
		       "INSERT INTO users (org_id, login, name, role, department_id) "
		       "VALUES (?, ?, ?, 'member', ?)",
		       "itti", i < 3 ? a : b, rows[i][0], rows[i][0], depts[i]);
	int64_t team_user = db_int(c, NULL, 0, "SELECT id FROM users WHERE login = 'u.team'", "");
	char org_a[24], lo[64], hi[64], expert_id[24], bureau_id[24];
	snprintf(org_a, sizeof org_a, "%lld", (long long)a);
	snprintf(bureau_id, sizeof bureau_id, "%lld", (long long)bureau);
	snprintf(lo, sizeof lo, "/%lld/", (long long)bureau);
	snprintf(hi, sizeof hi, "/%lld0", (long long)bureau);
	struct principal admin = {.role = ROLE_ADMIN, .org_text = org_a};
	assert_string_equal(visible(&admin), "u.bureau,u.other,u.team");
	struct principal manager = {.role = ROLE_MANAGER,
				    .org_text = org_a,
				    .dept_text = bureau_id,
				    .dept_lo = lo,
				    .dept_hi = hi};
	assert_string_equal(visible(&manager), "u.bureau,u.team");
	db_run(c, NULL,
	       "INSERT INTO users (org_id, login, name, role) VALUES (?, 'x.expert', 'x', "
	       "'expert')",
	       "i", a);
	int64_t expert = db_int(c, NULL, 0, "SELECT id FROM users WHERE login = 'x.expert'", "");
	db_run(c, NULL,
	       "INSERT INTO user_assignments (user_id, entity, record_id) VALUES (?, 'users', ?)",
	       "ii", expert, team_user);
	snprintf(expert_id, sizeof expert_id, "%lld", (long long)expert);
	struct principal ex = {.role = ROLE_EXPERT, .org_text = org_a, .user_text = expert_id};
	assert_string_equal(visible(&ex), "u.team");
	struct principal anon = {.role = ROLE_ANONYMOUS, .org_text = org_a};
	assert_string_equal(visible(&anon), "");
	(void)b;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lists_are_cut_to_the_scope),
	};
	return cmocka_run_group_tests_name("scope", tests, setup, teardown);
}
