/*
 * db_pg.c: the PostgreSQL driver, on libpq.  URLs start with postgres:// or
 * postgresql://.
 *
 * db_prepare() rewrites the portable '?' placeholders to $1, $2 ... (a '?'
 * inside a string, a quoted identifier or a comment is left alone); the
 * first db_step() after binding runs the statement with PQexecParams, all
 * values in text format, and later steps walk the rows of that result.
 *
 * Invariants: a statement is pending (the next step executes it) from
 * prepare and from every bind until an execution succeeds; a failed one
 * stays pending, so stepping again retries, as SQLite does.  row is -1
 * before the first row, then the current row; past the last, steps answer
 * DB_OK.
 *
 * Memory: the statement owns its rewritten SQL, the bound values and the
 * PGresult whose text the column functions return.  The connection owns
 * err, the last error's primary message.
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db_int.h"

struct pg_conn {
	struct db_conn base; /* first: what db.c sees */
	PGconn *pg;	     /* the libpq connection */
	struct buf err;	     /* last error message, empty when none */
	char state[6];	     /* its SQLSTATE, "" when none */
	char column[64];     /* the column it names, "" when none */
};

struct pg_stmt {
	struct db_stmt base; /* first: what db.c sees */
	char *sql;	     /* the statement with $n placeholders */
	int nparams;	     /* number of placeholders */
	char **values;	     /* nparams bound values as text; NULL is SQL NULL */
	int bad_param;	     /* a parameter index out of range, 0 if none */
	int pending;	     /* 1 when the next step must execute */
	PGresult *res;	     /* result of the last execution, or NULL */
	int row;	     /* current row of res; -1 before the first */
	int64_t changes;     /* rows the last execution changed */
};

static struct pg_conn *conn_of(struct db_conn *c)
{
	return (struct pg_conn *)c;
}

static struct pg_stmt *stmt_of(struct db_stmt *s)
{
	return (struct pg_stmt *)s;
}

static struct pg_conn *stmt_conn(struct pg_stmt *s)
{
	return conn_of(s->base.conn);
}

/* Length of a libpq message without its trailing newline. */
static int trimmed_len(const char *msg)
{
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	return (int)n;
}

static void set_error(struct pg_conn *c, const char *msg)
{
	buf_reset(&c->err);
	buf_append(&c->err, msg, (size_t)trimmed_len(msg));
}

/* Lock and serialization failures are worth retrying: DB_BUSY. */
static int is_busy(const PGresult *r)
{
	static const char *const codes[] = {"55P03", "40001", "40P01"};
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	for (size_t i = 0; state && i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(state, codes[i]) == 0)
			return 1;
	return 0;
}

/* DB_OK for a successful result; otherwise records the error. */
static int check_result(struct pg_conn *c, const PGresult *r)
{
	switch (PQresultStatus(r)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		buf_reset(&c->err);
		c->state[0] = '\0';
		return DB_OK;
	default: break;
	}
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE),
		   *column = PQresultErrorField(r, PG_DIAG_COLUMN_NAME);
	snprintf(c->state, sizeof c->state, "%s", state ? state : "");
	snprintf(c->column, sizeof c->column, "%s", column ? column : "");
	const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	set_error(c, primary ? primary : PQerrorMessage(c->pg));
	return is_busy(r) ? DB_BUSY : DB_ERR;
}

static int pg_accepts(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

/* NOTICEs (e.g. "relation already exists, skipping") are not errors. */
static void quiet(void *arg, const char *message)
{
}

static struct db_conn *pg_connect(const char *url, char *err, size_t errlen)
{
	PGconn *pg = PQconnectdb(url);
	if (PQstatus(pg) != CONNECTION_OK || PQsetClientEncoding(pg, "UTF8") != 0) {
		const char *msg = PQerrorMessage(pg);
		snprintf(err, errlen, "%.*s", trimmed_len(msg), msg);
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, quiet, NULL);
	struct pg_conn *c = xcalloc(1, sizeof *c);
	c->base.drv = &db_pg_driver;
	c->pg = pg;
	return &c->base;
}

static void pg_disconnect(struct db_conn *bc)
{
	struct pg_conn *c = conn_of(bc);
	PQfinish(c->pg);
	buf_free(&c->err);
	free(c);
}

static enum db_refusal pg_refusal(struct db_conn *bc, char *column, size_t len)
{
	struct pg_conn *c = conn_of(bc);
	if (!strcmp(c->state, "23505")) /* unique_violation */
		return DB_REFUSED_UNIQUE;
	if (strcmp(c->state, "23502")) /* not_null_violation */
		return DB_REFUSED_OTHER;
	if (len)
		snprintf(column, len, "%s", c->column);
	return DB_REFUSED_NOT_NULL;
}

static const char *pg_errmsg(struct db_conn *bc)
{
	struct pg_conn *c = conn_of(bc);
	return c->err.data ? c->err.data : "";
}

static int pg_exec(struct db_conn *bc, const char *sql)
{
	struct pg_conn *c = conn_of(bc);
	PGresult *r = PQexec(c->pg, sql);
	int rc = check_result(c, r);
	PQclear(r);
	return rc;
}

/* Length of a quoted run starting at p (the quote), closing quote included.
 * A doubled quote stands for itself; in E'...' a backslash escapes. */
static size_t quoted_len(const char *p, int backslash)
{
	size_t i = 1;
	while (p[i]) {
		if (backslash && p[i] == '\\' && p[i + 1]) {
			i += 2;
		} else if (p[i] == p[0]) {
			if (p[i + 1] != p[0])
				return i + 1;
			i += 2;
		} else {
			i++;
		}
	}
	return i;
}

/* 1 if the quote at p opens an E'...' string (E not ending a longer word). */
static int is_escape_string(const char *sql, const char *p)
{
	if (p == sql || (p[-1] != 'E' && p[-1] != 'e'))
		return 0;
	if (p - 1 == sql)
		return 1;
	unsigned char before = (unsigned char)p[-2];
	return !(isalnum(before) || before == '_' || before >= 0x80);
}

/* Length of the string, quoted identifier or comment at p; 0 if none. */
static size_t inert_len(const char *sql, const char *p)
{
	if (*p == '\'')
		return quoted_len(p, is_escape_string(sql, p));
	if (*p == '"')
		return quoted_len(p, 0);
	if (p[0] == '-' && p[1] == '-')
		return strcspn(p, "\n");
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");
		return end ? (size_t)(end + 2 - p) : strlen(p);
	}
	return 0;
}

/* Copies sql to out with each placeholder '?' numbered; returns how many. */
static int rewrite_placeholders(const char *sql, struct buf *out)
{
	int n = 0;
	const char *p = sql;
	while (*p) {
		size_t k = inert_len(sql, p);
		if (k) {
			buf_append(out, p, k);
			p += k;
		} else if (*p == '?') {
			buf_printf(out, "$%d", ++n);
			p++;
		} else {
			buf_putc(out, *p++);
		}
	}
	return n;
}

static struct db_stmt *pg_prepare(struct db_conn *bc, const char *sql)
{
	struct pg_stmt *s = xcalloc(1, sizeof *s);
	struct buf b = BUF_INIT;
	s->base.conn = bc;
	s->nparams = rewrite_placeholders(sql, &b);
	s->sql = buf_detach(&b, NULL);
	s->values = xcalloc((size_t)s->nparams, sizeof *s->values);
	s->pending = 1;
	s->row = -1;
	buf_reset(&conn_of(bc)->err);
	return &s->base;
}

/* Replaces parameter idx (from 1) with v, which the statement now owns. */
static void set_param(struct pg_stmt *s, int idx, char *v)
{
	s->pending = 1;
	if (idx < 1 || idx > s->nparams) {
		if (!s->bad_param)
			s->bad_param = idx;
		free(v);
		return;
	}
	free(s->values[idx - 1]);
	s->values[idx - 1] = v;
}

static void pg_bind_int(struct db_stmt *bs, int idx, int64_t v)
{
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)v);
	set_param(stmt_of(bs), idx, xstrdup(text));
}

static void pg_bind_text(struct db_stmt *bs, int idx, const char *v, size_t len)
{
	set_param(stmt_of(bs), idx, xstrndup(v, len));
}

static void pg_bind_null(struct db_stmt *bs, int idx)
{
	set_param(stmt_of(bs), idx, NULL);
}

/* A SELECT changes nothing; anything else reports its count in the tag. */
static int64_t changed_rows(PGresult *r)
{
	if (strncmp(PQcmdStatus(r), "SELECT", 6) == 0)
		return 0;
	return strtoll(PQcmdTuples(r), NULL, 10);
}

static int execute(struct pg_stmt *s)
{
	struct pg_conn *c = stmt_conn(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->changes = 0;
	if (s->bad_param) {
		char msg[64];
		snprintf(msg, sizeof msg, "cannot bind parameter %d", s->bad_param);
		set_error(c, msg);
		return DB_ERR;
	}
	PGresult *r = PQexecParams(c->pg, s->sql, s->nparams, NULL, (const char *const *)s->values,
				   NULL, NULL, 0);
	int rc = check_result(c, r);
	if (rc != DB_OK) {
		PQclear(r);
		return rc;
	}
	s->res = r;
	s->changes = changed_rows(r);
	s->pending = 0;
	return DB_OK;
}

static int pg_step(struct db_stmt *bs)
{
	struct pg_stmt *s = stmt_of(bs);
	if (s->pending) {
		int rc = execute(s);
		if (rc != DB_OK)
			return rc;
	}
	if (s->row < PQntuples(s->res))
		s->row++;
	return s->row < PQntuples(s->res) ? DB_ROW : DB_OK;
}

static int pg_column_count(struct db_stmt *bs)
{
	return PQnfields(stmt_of(bs)->res);
}

static const char *pg_column_name(struct db_stmt *bs, int col)
{
	return PQfname(stmt_of(bs)->res, col);
}

/* 1 if the statement stands on a row that has column col. */
static int has_cell(struct pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < PQntuples(s->res) && col >= 0 &&
	       col < PQnfields(s->res);
}

static int pg_column_is_null(struct db_stmt *bs, int col)
{
	struct pg_stmt *s = stmt_of(bs);
	return !has_cell(s, col) || PQgetisnull(s->res, s->row, col);
}

static const char *pg_column_text(struct db_stmt *bs, int col)
{
	struct pg_stmt *s = stmt_of(bs);
	return pg_column_is_null(bs, col) ? NULL : PQgetvalue(s->res, s->row, col);
}

/* Integers come as decimal text, booleans as "t"/"f" (1/0, as in SQLite). */
static int64_t pg_column_int(struct db_stmt *bs, int col)
{
	const char *v = pg_column_text(bs, col);
	if (!v)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);
}

static int64_t pg_changes(struct db_stmt *bs)
{
	return stmt_of(bs)->changes;
}

static void pg_finalize(struct db_stmt *bs)
{
	struct pg_stmt *s = stmt_of(bs);
	for (int i = 0; i < s->nparams; i++)
		free(s->values[i]);
	free(s->values);
	free(s->sql);
	PQclear(s->res);
	free(s);
}

/* PostgreSQL looks after its own pages; a live connection that can read
 * the schema version is what "sound" can mean from here. */
static int pg_integrity(struct db_conn *bc, char *report, size_t len)
{
	struct pg_conn *c = conn_of(bc);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		snprintf(report, len, "connection lost: %s", PQerrorMessage(c->pg));
		return 1;
	}
	if (pg_exec(bc, "SELECT count(*) FROM schema_version") != DB_OK) {
		snprintf(report, len, "schema_version unreadable: %s", pg_errmsg(bc));
		return 1;
	}
	snprintf(report, len, "ok");
	return 0;
}

static int pg_reaches(struct db_conn *bc)
{
	return PQstatus(conn_of(bc)->pg) == CONNECTION_OK;
}

static int pg_recycle(struct db_conn *bc)
{
	struct pg_conn *c = conn_of(bc);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return -1;
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE)
		return 0;
	return pg_exec(bc, "ROLLBACK") == DB_OK ? 0 : -1;
}

/* The version db_memo_get() compares: the cluster's WAL position, which
 * moves with every write (any connection's, any process's, of any database
 * of the cluster: more often than needed, never less); on a standby, the
 * position replayed.  One short statement, where a search's count or a big
 * list's costs a heap walk.  Inside a transaction nothing is settled yet. */
#define WAL_POSITION                                                                               \
	"SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE "                \
	"pg_current_wal_insert_lsn() END) - '0/0'::pg_lsn"

static int pg_version(struct db_conn *bc, uint64_t v[2])
{
	struct pg_conn *c = conn_of(bc);
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		return 0;
	PGresult *r = PQexec(c->pg, WAL_POSITION);
	int ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0);
	if (ok) {
		v[0] = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
		v[1] = 0;
	}
	PQclear(r);
	return ok;
}

/* ---- full-text search: a tsvector column of the table itself ---- */

static const struct db_text_syntax pg_text_syntax = {
	.and = " & ",
	.open = "(",
	.close = ")",
	.quote = "'",
	.next = " <-> ",
	.term_prefix = ":*",
	.part_prefix = "",
	.or = " | ",
	.but_not = " & !",
};

static void pg_text_match(const struct db_text_index *ix, const char *alias, struct buf *sql)
{
	buf_printf(sql, "FROM %s %s WHERE %s.%s @@ ?::tsquery", ix->table, alias, alias,
		   ix->tsvector);
}

static void pg_text_newest(const struct db_text_index *ix, const char *alias, struct buf *sql)
{
	buf_printf(sql, "%s.id DESC", alias);
}

/* A tsvector literal of the space-separated terms, positions from first
 * and, with weight 'A'..'D', that weight ("'행정':1A '정혁':2A"). */
static void pg_tsvector(const char *terms, char weight, int first, struct buf *out)
{
	int pos = first;
	for (const char *p = terms; *p;) {
		size_t n = strcspn(p, " ");
		if (n) {
			if (out->len)
				buf_putc(out, ' ');
			buf_putc(out, '\'');
			buf_append(out, p, n);
			buf_printf(out, "':%d", pos < 16383 ? pos : 16383);
			if (weight)
				buf_putc(out, weight);
			pos++;
		}
		p += n + (p[n] == ' ');
	}
}

/* The title's terms weighted A from position 1, the body's from 1000. */
static int pg_text_put(struct db_conn *c, const struct db_text_index *ix, int64_t id,
		       const char *title, const char *body)
{
	struct buf vec = BUF_INIT, sql = BUF_INIT;
	if (title) {
		pg_tsvector(title, 'A', 1, &vec);
		pg_tsvector(body ? body : "", 0, 1000, &vec);
	}
	buf_printf(&sql, "UPDATE %s SET %s = ?::tsvector WHERE id = ?", ix->table, ix->tsvector);
	int rc = db_run(c, NULL, sql.data, "ti", title ? (vec.data ? vec.data : "") : NULL, id);
	buf_free(&vec);
	buf_free(&sql);
	return rc;
}

/* Nothing to merge: PostgreSQL keeps its GIN index itself. */
static int pg_text_optimize(struct db_conn *c, const struct db_text_index *ix)
{
	return DB_OK;
}

extern char **environ;

/* Runs a PostgreSQL client tool (argv[0], found on PATH) to its end, its
 * messages on our stderr: 0 if it exited 0. */
static int run_tool(char *const argv[], char *err, size_t errlen)
{
	pid_t pid;
	int status = 0;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc != 0) {
		snprintf(err, errlen, "%s를 실행할 수 없습니다 (postgresql-client): %s", argv[0],
			 strerror(rc));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	snprintf(err, errlen, "%s가 실패했습니다 (failed; its messages are above)", argv[0]);
	return -1;
}

/* pg_dump's one snapshot of the database, in its custom format. */
static int pg_backup(struct db_conn *c, const char *url, const char *path, char *err, size_t errlen)
{
	char file[4200], dbname[4200];
	snprintf(file, sizeof file, "--file=%s", path);
	snprintf(dbname, sizeof dbname, "--dbname=%s", url);
	char *argv[] = {"pg_dump", "--format=custom", "--no-owner", file, dbname, NULL};
	return run_tool(argv, err, errlen);
}

/* All or nothing: one transaction, stopping at the first error. */
static int pg_restore(struct db_conn *c, const char *url, const char *path, char *err,
		      size_t errlen)
{
	char dbname[4200], file[4200];
	snprintf(dbname, sizeof dbname, "--dbname=%s", url);
	snprintf(file, sizeof file, "%s", path);
	char *argv[] = {
		"pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", dbname, file,
		NULL};
	return run_tool(argv, err, errlen);
}

/* A line of EXPLAIN that reads more than the rows asked for: a sequential
 * scan or a sort node, which enable_seqscan = off and enable_sort = off
 * leave only where no index can serve. */
static const char *pg_plan_flaw(const char *line)
{
	while (*line == ' ' || *line == '-' || *line == '>')
		line++;
	if (strstr(line, "Seq Scan on "))
		return "a scan of the whole table";
	if (!strncmp(line, "Sort ", 5) || !strncmp(line, "Incremental Sort ", 17))
		return "a sort of every row found";
	return NULL;
}

const struct db_driver db_pg_driver = {
	.name = "postgres",
	.accepts = pg_accepts,
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.errmsg = pg_errmsg,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_count = pg_column_count,
	.column_name = pg_column_name,
	.column_is_null = pg_column_is_null,
	.column_int = pg_column_int,
	.column_text = pg_column_text,
	.changes = pg_changes,
	.finalize = pg_finalize,
	.integrity = pg_integrity,
	.dialect = "pg",
	.sql_id = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.sql_now = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
	.sql_strict = "",
	.sql_bigint = "BIGINT",
	.serialize = "SELECT pg_advisory_xact_lock(7152413091)",
	/* Any constant all InnoLand processes share; the lock is per database
	 * and ends with the transaction. */
	.begin_write = "BEGIN",
	/* a 64-bit key from the name; a clash with the chain's constant above
	 * would only make two writers wait for each other */
	.lock = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
	.begin_exclusive = "BEGIN; SELECT pg_advisory_xact_lock(7152413090)",
	.recycle = pg_recycle,
	.reaches = pg_reaches,
	.version = pg_version,
	.backup = pg_backup,
	.restore = pg_restore,
	.backup_format = "pg_dump 사용자 지정 형식 (pg_dump's custom format, -Fc; pg_restore가 "
			 "읽음)",
	.tables_sql = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
		      "'information_schema')",
	.refusal = pg_refusal,
	.unindexed_open = "",
	.unindexed_close = "",
	.explain = "EXPLAIN ",
	/* a plan that needs no scan nor sort whenever an index allows one,
	 * however few rows the tables hold now */
	.explain_setup = "SET enable_seqscan = off; SET enable_sort = off",
	.explain_column = 0,
	.plan_flaw = pg_plan_flaw,
	.text_syntax = &pg_text_syntax,
	.text_match = pg_text_match,
	.text_newest = pg_text_newest,
	.text_put = pg_text_put,
	.text_optimize = pg_text_optimize,
};
