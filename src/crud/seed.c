/*
 * seed.c: the demo loaders' kit (seed.h): the transaction around one load,
 * its checks before it writes, its row count and its audit entry.
 *
 * Invariants: seed_begin() leaves the transaction open only when it answers
 * SEED_LOAD; seed_end() always closes it.  A message is written before the
 * rollback, which may replace the database's.
 */
#include "crud/seed.h"

#include <inttypes.h>
#include <stdio.h>

#include "auth/audit.h"
#include "db/db.h"

int seed_fail(struct seed *s, const char *what)
{
	snprintf(s->err, s->errlen, "%s demo: %s: %s", s->module, what, db_errmsg(s->c));
	return -1;
}

/* A count of sql with the org as its one parameter into *n; 0, or -1 after seed_fail. */
static int count(struct seed *s, const char *sql, int64_t *n)
{
	int rc;
	*n = db_int(s->c, &rc, 0, sql, "i", s->org);
	return rc == DB_ROW ? 0 : seed_fail(s, "check");
}

/* Inside the transaction: what seed_begin() answers. */
static enum seed_start check(struct seed *s, const char *present_sql, const char *needs_sql,
			     int64_t needs_min, const char *needs_what)
{
	int64_t present, have;
	/* Taken before looking, so a second load waits and then finds the first's. */
	if (db_serialize(s->c) != DB_OK) {
		seed_fail(s, "serialize");
		return SEED_FAILED;
	}
	if (count(s, present_sql, &present) != 0)
		return SEED_FAILED;
	if (present > 0)
		return SEED_LOADED;
	if (!needs_sql)
		return SEED_LOAD;
	if (count(s, needs_sql, &have) != 0)
		return SEED_FAILED;
	if (have < needs_min) {
		snprintf(s->err, s->errlen, "%s demo: %s", s->module, needs_what);
		return SEED_FAILED;
	}
	return SEED_LOAD;
}

enum seed_start seed_begin(struct seed *s, const char *present_sql, const char *needs_sql,
			   int64_t needs_min, const char *needs_what)
{
	if (s->errlen)
		s->err[0] = '\0';
	if (db_begin(s->c) != DB_OK) {
		seed_fail(s, "begin");
		return SEED_FAILED;
	}
	enum seed_start start = check(s, present_sql, needs_sql, needs_min, needs_what);
	if (start != SEED_LOAD)
		db_rollback(s->c);
	return start;
}

unsigned seed_next(struct seed *s, unsigned below)
{
	s->rng = s->rng * 1103515245u + 12345u;
	return (s->rng >> 8) % below;
}

int64_t seed_insert(struct seed *s, const char *what, struct db_stmt *stmt)
{
	int64_t id = stmt && db_step(stmt) == DB_ROW ? db_column_int(stmt, 0) : 0;
	db_finalize(stmt);
	if (!id)
		seed_fail(s, what);
	else
		s->rows++;
	return id;
}

/* The demo_load entry, then the commit; 0, or -1 after seed_fail. */
static int commit_load(struct seed *s, const json_t *diff)
{
	char org[24];
	snprintf(org, sizeof org, "%" PRId64, s->org);
	json_t *rows = diff ? NULL : json_pack("{s[nI]}", "rows", (json_int_t)s->rows);
	int rc = audit_append(s->c, s->by, "demo_load", s->entity ? s->entity : s->module,
			      s->record ? s->record : org, diff ? diff : rows);
	json_decref(rows);
	if (rc != 0)
		return seed_fail(s, "audit");
	return db_commit(s->c) == DB_OK ? 0 : seed_fail(s, "commit");
}

int seed_end(struct seed *s, int ok, const json_t *diff)
{
	if (ok && commit_load(s, diff) == 0)
		return 0;
	if (s->errlen && !s->err[0])
		seed_fail(s, "load");
	db_rollback(s->c);
	return -1;
}
