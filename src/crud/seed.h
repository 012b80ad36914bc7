/*
 * seed.h: the kit every module's demo loader is written with (MODULES.md,
 * "5. Demo data").
 *
 * One load is one transaction, serialised with the audit chain's other
 * writers, so two loads at once wait for each other and the second finds
 * the first's records.  seed_begin() asks first whether the module's
 * records are there (then nothing is done and the load answers 0), then
 * whether what the modules before it load is there (else nothing is done
 * and the load fails with a message saying what is needed).  seed_end()
 * writes the one "demo_load" audit entry and commits, or rolls back.  The
 * random numbers come from a fixed seed, so every load writes the same
 * records.
 *
 * A loader that keeps more state embeds struct seed as the first member of
 * its own struct and passes &l->s.
 *
 * Memory: nothing is allocated; err is the caller's buffer, SQL text and
 * diff are borrowed, a statement given to seed_insert() is finalized there.
 */
#ifndef INNOLAND_SEED_H
#define INNOLAND_SEED_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db_conn;
struct db_stmt;
struct audit_actor;

/* One demo load. */
struct seed {
	struct db_conn *c;	      /* inside the load's transaction */
	const struct audit_actor *by; /* who loads: the demo_load audit entry's actor */
	int64_t org;		      /* the organisation filled */
	const char *module;	      /* "tasks": messages and the audit entry's entity */
	const char *entity;	      /* the audit entry's entity if not module; NULL: module */
	const char *record;	      /* the audit entry's record; NULL: the org id as text */
	char *err;		      /* the caller's message buffer */
	size_t errlen;		      /* its size */
	unsigned rng;		      /* a fixed seed: the same demo every time */
	int64_t rows;		      /* rows written, for the audit entry */
};

/* What seed_begin() found. */
enum seed_start {
	SEED_LOAD,   /* in the transaction: load, then seed_end() */
	SEED_LOADED, /* the module's records are there: rolled back, the load answers 0 */
	SEED_FAILED  /* rolled back, err says why: the load answers -1 */
};

/*
 * Empties err, begins the transaction and waits for the audit chain's other
 * writers (db_serialize).  present_sql counts the module's records (one
 * '?', the org): more than 0 is SEED_LOADED.  Then needs_sql (one '?', the
 * org; NULL: nothing needed) counts what the modules before it load: below
 * needs_min is SEED_FAILED with err "<module> demo: <needs_what>".  A
 * database error is SEED_FAILED with its message.
 */
enum seed_start seed_begin(struct seed *s, const char *present_sql, const char *needs_sql,
			   int64_t needs_min, const char *needs_what);

/* err = "<module> demo: <what>: <the database's message>"; returns -1. */
int seed_fail(struct seed *s, const char *what);

/* The next of the fixed-seed LCG's numbers, 0 .. below-1 (below > 0). */
unsigned seed_next(struct seed *s, unsigned below);

/* Steps stmt, an INSERT … RETURNING id (NULL: preparing it failed),
 * finalizes it and counts a row.  The id, or 0 after seed_fail(s, what). */
int64_t seed_insert(struct seed *s, const char *what, struct db_stmt *stmt);

/*
 * Ends the load.  When ok: appends the demo_load audit entry (diff, or
 * {"rows": [null, rows]} when NULL) and commits; 0.  Otherwise, or when
 * that fails, rolls back; -1 with err (a loader that wrote none gets
 * "<module> demo: load: …").
 */
int seed_end(struct seed *s, int ok, const json_t *diff);

#endif
