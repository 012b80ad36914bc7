/*
 * testdb.h: where a unit test that needs a database runs: the database named
 * by INNOLAND_TEST_DB (a SQLite path or a postgres:// URL), or else a SQLite
 * file in a new temporary folder, removed again by testdb_remove().
 */
#ifndef INNOLAND_TESTDB_H
#define INNOLAND_TESTDB_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db/db.h"

/* Fills url (len bytes) and tmpdir (64 bytes, "" when none was made); 0 or -1. */
static inline int testdb_place(char *url, size_t len, char tmpdir[64])
{
	const char *given = getenv("INNOLAND_TEST_DB");
	tmpdir[0] = '\0';
	if (given && given[0]) {
		snprintf(url, len, "%s", given);
		return 0;
	}
	snprintf(tmpdir, 64, "/tmp/innoland-test-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(url, len, "%s/test.db", tmpdir);
	return 0;
}

/* The test database (testdb_place()) opened with a pool of pool
 * connections and migrated; NULL on failure, with why in err. */
static inline struct db *testdb_open(char *url, size_t len, char tmpdir[64], int pool, char *err,
				     size_t errlen)
{
	if (testdb_place(url, len, tmpdir) != 0) {
		snprintf(err, errlen, "no temporary folder");
		return NULL;
	}
	struct db *db = db_open(url, pool, err, errlen);
	if (db && db_migrate(db, err, errlen) < 0) {
		db_close(db);
		db = NULL;
	}
	return db;
}

/* Removes the temporary folder testdb_place() made, with the database in it. */
static inline void testdb_remove(const char *tmpdir)
{
	static const char *const files[] = {"test.db", "test.db-wal", "test.db-shm"};
	char name[128];
	if (!tmpdir[0])
		return;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(name, sizeof name, "%s/%s", tmpdir, files[i]);
		unlink(name);
	}
	rmdir(tmpdir);
}

/* The first column of the first row of a parameterless query; -1 if it
 * fails.  Helpers do not assert, so a caller can release first. */
static inline int64_t testdb_int(struct db_conn *c, const char *sql)
{
	struct db_stmt *s = db_prepare(c, sql);
	int64_t v = s && db_step(s) == DB_ROW ? db_column_int(s, 0) : -1;
	db_finalize(s);
	return v;
}

#endif
