/*
 * migrate.c: schema migrations, the schema version, and the health checks
 * built on them (db_check, db_ping).
 *
 * Migrations are embedded files "migrations/NNNN_name.sql" (portable SQL)
 * and "migrations/NNNN_name.<dialect>.sql" (one driver only; it replaces the
 * portable file of the same number for that driver).  Portable files write
 * the few things the dialects spell differently as macros, expanded from
 * the driver table: @ID@ (an auto-assigned 64-bit key), @BIGINT@ (a 64-bit
 * integer column), @NOW@ (the current
 * UTC time as ISO 8601 text, for defaults) and @STRICT@ (after a CREATE
 * TABLE's closing parenthesis: type-checked columns where the database
 * needs asking).  Each is applied in its
 * own transaction together with its schema_version row, so a database is
 * always at exactly one version.
 *
 * Invariants: several processes may start on one database at once.  Every
 * transaction that reads or raises the version starts with the driver's
 * begin_exclusive (BEGIN IMMEDIATE on SQLite, an advisory lock on
 * PostgreSQL) and reads the version again inside it, so no migration runs
 * twice.  Every number has a file for every driver, so the highest number
 * (db_latest_version) is where every driver ends up.
 *
 * Memory: migration texts are the embedded table's static data; the plan
 * array is freed before db_migrate returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/xalloc.h"
#include "db/db_int.h"

static const char dir[] = "migrations/";

static const char create_version_table[] = "CREATE TABLE IF NOT EXISTS schema_version ("
					   "version INTEGER PRIMARY KEY, "
					   "name TEXT NOT NULL, "
					   "applied_at TEXT NOT NULL)";

enum { NAME_MAX_LEN = 63 }; /* longest "NNNN_name" */

/* A file name taken apart: "0002_users.pg.sql" */
struct mfile {
	int version;	     /* 2 */
	const char *name;    /* "0002_users...", not terminated */
	size_t name_len;     /* 10: "0002_users" */
	const char *dialect; /* "pg...", not terminated; NULL for portable */
	size_t dialect_len;  /* 2 */
};

/* One migration chosen for the running driver. */
struct migration {
	int version;		     /* NNNN */
	char name[NAME_MAX_LEN + 1]; /* "NNNN_name", shown in reports */
	const char *sql;	     /* embedded text; NULL until a file qualifies */
	int specific;		     /* 1 if sql came from a dialect file */
};

/* The migrations for one driver, in order. */
struct plan {
	struct migration *m; /* n entries, ascending version */
	size_t n;	     /* entries used */
	size_t cap;	     /* entries allocated */
};

static int is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* 1 if the path is under migrations/ and ends in .sql: it must parse. */
static int is_sql_file(const char *path)
{
	size_t n = strlen(path);
	return strncmp(path, dir, sizeof dir - 1) == 0 && n > 4 &&
	       strcmp(path + n - 4, ".sql") == 0;
}

/* Splits "migrations/NNNN_name[.dialect].sql"; 0 on success. */
static int parse_path(const char *path, struct mfile *f)
{
	const char *file = path + sizeof dir - 1;
	size_t base = strlen(file) - 4;
	if (base < 6 || !is_digits(file, 4) || file[4] != '_' || memchr(file, '/', base))
		return -1;
	f->version = atoi(file);
	f->name = file;
	f->name_len = strcspn(file, ".");
	f->dialect = f->name_len < base ? file + f->name_len + 1 : NULL;
	f->dialect_len = f->dialect ? base - f->name_len - 1 : 0;
	return f->version > 0 && f->name_len <= NAME_MAX_LEN ? 0 : -1;
}

static int is_dialect(const struct mfile *f, const char *dialect)
{
	size_t n = f->dialect_len;
	return strlen(dialect) == n && memcmp(f->dialect, dialect, n) == 0;
}

/* The plan's entry for f's number, appended if new (files come sorted). */
static struct migration *plan_entry(struct plan *p, const struct mfile *f)
{
	if (p->n > 0 && p->m[p->n - 1].version == f->version)
		return &p->m[p->n - 1];
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->m = xrealloc(p->m, p->cap * sizeof *p->m);
	}
	struct migration *m = &p->m[p->n++];
	memset(m, 0, sizeof *m);
	m->version = f->version;
	memcpy(m->name, f->name, f->name_len);
	return m;
}

/* Files of one number must share a name and not repeat a dialect. */
static int plan_add(struct plan *p, const struct mfile *f, const char *dialect, const char *sql,
		    char *err, size_t errlen)
{
	struct migration *m = plan_entry(p, f);
	if (strlen(m->name) != f->name_len || memcmp(m->name, f->name, f->name_len) != 0) {
		snprintf(err, errlen, "migrations %s and %.*s share a number", m->name,
			 (int)f->name_len, f->name);
		return -1;
	}
	int specific = f->dialect != NULL;
	if (specific && !is_dialect(f, dialect))
		return 0;
	if (m->sql && m->specific == specific) {
		snprintf(err, errlen, "migration %s: two %s files", m->name,
			 specific ? dialect : "portable");
		return -1;
	}
	if (!m->sql || specific) {
		m->sql = sql;
		m->specific = specific;
	}
	return 0;
}

static int plan_check(const struct plan *p, const char *dialect, char *err, size_t errlen)
{
	for (size_t i = 0; i < p->n; i++) {
		if (!p->m[i].sql) {
			snprintf(err, errlen, "migration %s: no portable or .%s.sql file",
				 p->m[i].name, dialect);
			return -1;
		}
	}
	return 0;
}

static int plan_build(struct plan *p, const char *dialect, char *err, size_t errlen)
{
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *e = &embedded_files[i];
		struct mfile f;
		if (!is_sql_file(e->path))
			continue;
		if (parse_path(e->path, &f) != 0) {
			snprintf(err, errlen, "%s: not named NNNN_name[.dialect].sql", e->path);
			return -1;
		}
		if (plan_add(p, &f, dialect, (const char *)e->data, err, errlen) != 0)
			return -1;
	}
	return plan_check(p, dialect, err, errlen);
}

int db_latest_version(void)
{
	int latest = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		struct mfile f;
		const char *path = embedded_files[i].path;
		if (is_sql_file(path) && parse_path(path, &f) == 0 && f.version > latest)
			latest = f.version;
	}
	return latest;
}

/* The recorded version, or -1 if it cannot be read (see db_errmsg). */
static int read_version(struct db_conn *c)
{
	struct db_stmt *s = db_prepare(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
	if (!s)
		return -1;
	int v = db_step(s) == DB_ROW ? (int)db_column_int(s, 0) : -1;
	db_finalize(s);
	return v;
}

static void utc_now(char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int record_version(struct db_conn *c, const struct migration *m)
{
	char now[32];
	utc_now(now, sizeof now);
	struct db_stmt *s = db_prepare(c, "INSERT INTO schema_version (version, name, applied_at) "
					  "VALUES (?, ?, ?)");
	if (!s)
		return DB_ERR;
	db_bind_int(s, 1, m->version);
	db_bind_text(s, 2, m->name, strlen(m->name));
	db_bind_text(s, 3, now, strlen(now));
	int rc = db_step(s);
	db_finalize(s);
	return rc;
}

/* Reports the connection's error under a label and ends the transaction. */
static int fail(struct db_conn *c, const char *label, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", label, db_errmsg(c));
	db_rollback(c);
	return -1;
}

static int ensure_version_table(struct db_conn *c, char *err, size_t errlen)
{
	if (db_exec(c, c->drv->begin_exclusive) != DB_OK ||
	    db_exec(c, create_version_table) != DB_OK || db_commit(c) != DB_OK)
		return fail(c, "schema_version", err, errlen);
	return 0;
}

/* The migration's SQL with the driver's macros expanded; malloc'd. */
static char *expand(const struct db_driver *drv, const char *sql)
{
	const char *const macros[][2] = {{"@ID@", drv->sql_id},
					 {"@NOW@", drv->sql_now},
					 {"@STRICT@", drv->sql_strict},
					 {"@BIGINT@", drv->sql_bigint}};
	struct buf b = BUF_INIT;
	while (*sql) {
		size_t k = 0, n = sizeof macros / sizeof macros[0];
		while (k < n && strncmp(sql, macros[k][0], strlen(macros[k][0])))
			k++;
		if (k < n) {
			buf_puts(&b, macros[k][1]);
			sql += strlen(macros[k][0]);
		} else {
			buf_putc(&b, *sql++);
		}
	}
	return buf_detach(&b, NULL);
}

/* 1 if applied, 0 if another process already had, -1 on failure. */
static int apply(struct db_conn *c, const struct migration *m, char *err, size_t errlen)
{
	char label[sizeof m->name + 16];
	snprintf(label, sizeof label, "migration %s", m->name);
	if (db_exec(c, c->drv->begin_exclusive) != DB_OK)
		return fail(c, label, err, errlen);
	int v = read_version(c);
	if (v < 0)
		return fail(c, label, err, errlen);
	if (v >= m->version) {
		db_rollback(c);
		return 0;
	}
	char *sql = expand(c->drv, m->sql);
	int rc = db_exec(c, sql);
	free(sql);
	if (rc != DB_OK || record_version(c, m) != DB_OK || db_commit(c) != DB_OK)
		return fail(c, label, err, errlen);
	return 1;
}

static int apply_plan(struct db_conn *c, const struct plan *p, char *err, size_t errlen)
{
	if (ensure_version_table(c, err, errlen) != 0)
		return -1;
	int applied = 0;
	for (size_t i = 0; i < p->n; i++) {
		int rc = apply(c, &p->m[i], err, errlen);
		if (rc < 0)
			return -1;
		applied += rc;
	}
	return applied;
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	struct plan p = {NULL, 0, 0};
	snprintf(err, errlen, "%s", "");
	struct db_conn *c = db_acquire(db);
	if (!c) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	int applied = -1;
	if (plan_build(&p, c->drv->dialect, err, errlen) == 0)
		applied = apply_plan(c, &p, err, errlen);
	db_release(c);
	free(p.m);
	return applied;
}

int db_schema_version(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	if (!c)
		return 0;
	int v = read_version(c);
	db_release(c);
	return v < 0 ? 0 : v;
}

static const char *version_note(int v, int latest)
{
	if (v < latest)
		return " (migrations pending: run innoland migrate)";
	if (v > latest)
		return " (the database is newer than this program)";
	return "";
}

int db_check(struct db *db, char *report, size_t len)
{
	struct db_conn *c = db_acquire(db);
	if (!c) {
		snprintf(report, len, "driver: %s\nconnection: failed\n", db_driver_name(db));
		return 1;
	}
	char integrity[512];
	int unsound = c->drv->integrity(c, integrity, sizeof integrity);
	int v = read_version(c);
	db_release(c);
	v = v < 0 ? 0 : v;
	int latest = db_latest_version();
	snprintf(report, len, "driver: %s\nschema: %d of %d%s\nintegrity: %s\n", db_driver_name(db),
		 v, latest, version_note(v, latest), integrity);
	return unsound || v != latest;
}

int db_ping(struct db *db)
{
	struct db_conn *c = db_acquire(db);
	if (!c)
		return 0;
	/* a file made anew where the database was has no schema */
	struct db_stmt *s =
		c->drv->reaches(c) ? db_prepare(c, "SELECT COUNT(*) FROM schema_version") : NULL;
	int ok = s && db_step(s) == DB_ROW && db_column_int(s, 0) > 0;
	db_finalize(s);
	db_release(c);
	return ok;
}
