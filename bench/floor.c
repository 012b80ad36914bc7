/*
 * floor.c: the floor for the page benchmarks (bench/list.sh,
 * bench/dashboard.sh): a bare server that does only the SQL work a page
 * does, with nothing of InnoLand's own around it.
 *
 * The benchmark records the statements InnoLand ran for one request of the
 * page (INNOLAND_TRACE_SQL=1, values in place: the session's lookup and the
 * page's own reads, in order) and gives them here, one per line.  For every
 * request this server hashes the session cookie (SHA-256, as a session
 * lookup must), runs every statement (prepared once per connection, one
 * connection per thread, as InnoLand keeps them), writes every value of
 * every row escaped into a table, and sends it inside InnoLand's own page
 * frame (HEAD and TAIL, cut from the real page).  It has no router, no
 * templates, no JSON, no rules and no labels.  From the libmicrohttpd
 * hello-world to this is what the machine, the kernel and SQLite cost for
 * the page's reads; from this to InnoLand is InnoLand's own.
 *
 * usage: floor PORT THREADS DB HEAD_FILE TAIL_FILE SQL_FILE
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

enum { MAX_STATEMENTS = 64 };

static const char *db_path;
static char *head, *tail, *sql[MAX_STATEMENTS];
static size_t head_len, tail_len;
static int n_sql;

struct conn {
	sqlite3 *h;
	sqlite3_stmt *st[MAX_STATEMENTS];
};
static _Thread_local struct conn *me;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, f);
	s[*len] = '\0';
	fclose(f);
	return s;
}

/* This thread's connection, its statements prepared; NULL on failure. */
static struct conn *conn(void)
{
	if (me)
		return me;
	struct conn *c = calloc(1, sizeof *c);
	if (sqlite3_open_v2(db_path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL))
		return NULL;
	sqlite3_busy_timeout(c->h, 5000);
	sqlite3_exec(c->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	for (int i = 0; i < n_sql; i++)
		if (sqlite3_prepare_v3(c->h, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &c->st[i],
				       NULL)) {
			fprintf(stderr, "floor: %s\n  in: %s\n", sqlite3_errmsg(c->h), sql[i]);
			return NULL;
		}
	return me = c;
}

struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2;
		o->p = realloc(o->p, o->cap);
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void put_html(struct out *o, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': put(o, "&amp;", 5); break;
		case '<': put(o, "&lt;", 4); break;
		case '>': put(o, "&gt;", 4); break;
		case '"': put(o, "&quot;", 6); break;
		default: put(o, s, 1);
		}
	}
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *mc, const char *url,
			      const char *method, const char *version, const char *data,
			      size_t *size, void **state)
{
	static int seen;
	if (!*state) {
		*state = &seen;
		return MHD_YES;
	}
	struct conn *c = conn();
	const char *token = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "il_session");
	if (!c || !token)
		return MHD_NO;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof h + 1];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hex, sizeof hex, h, sizeof h); /* the recorded lookup has it in place */
	struct out o = {malloc(16384), 0, 16384};
	put(&o, head, head_len);
	put(&o, "<table>", 7);
	for (int i = 0; i < n_sql; i++) {
		sqlite3_stmt *st = c->st[i];
		int cols = sqlite3_column_count(st);
		while (sqlite3_step(st) == SQLITE_ROW) {
			put(&o, "<tr>", 4);
			for (int k = 0; k < cols; k++) {
				put(&o, "<td>", 4);
				put_html(&o, (const char *)sqlite3_column_text(st, k));
				put(&o, "</td>", 5);
			}
			put(&o, "</tr>\n", 6);
		}
		sqlite3_reset(st);
	}
	put(&o, "</table>", 8);
	put(&o, tail, tail_len);
	struct MHD_Response *r = MHD_create_response_from_buffer(o.len, o.p, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	enum MHD_Result q = MHD_queue_response(mc, 200, r);
	MHD_destroy_response(r);
	return q;
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: floor PORT THREADS DB HEAD_FILE TAIL_FILE SQL_FILE\n");
		return 2;
	}
	db_path = argv[3];
	size_t n;
	head = slurp(argv[4], &head_len);
	tail = slurp(argv[5], &tail_len);
	char *text = slurp(argv[6], &n);
	if (!head || !tail || !text || sodium_init() < 0)
		return 1;
	for (char *line = strtok(text, "\n"); line && n_sql < MAX_STATEMENTS;
	     line = strtok(NULL, "\n"))
		sql[n_sql++] = line;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	return serve(argv[1], argv[2], answer);
}
