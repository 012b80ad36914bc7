/*
 * list_floor.c: the floor for bench/list.sh: the least a server must do to
 * answer the signed-in staff list, with nothing of InnoLand's own around it.
 * Per request it hashes the session cookie (SHA-256), reads the session and
 * its user from SQLite (the same join as InnoLand's), reads the page's 25
 * staff with their departments (the same SQL as InnoLand's HTML list), and
 * writes the page: the frame read once from files, each cell escaped.  Like
 * InnoLand it remembers the list's count and keeps its statements prepared,
 * one connection per thread; it has no router, no templates, no JSON and no
 * permission rules.  The distance from the libmicrohttpd hello-world to
 * this is what SQLite, the kernel and the work itself cost on the machine;
 * the distance from this to InnoLand is InnoLand's.
 *
 * usage: list_floor PORT THREADS DB HEAD_FILE TAIL_FILE ORG_ID   (ORG_ID: organisations.id)
 */
#include <microhttpd.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *db_path;
static long long org_id;
static char *head, *tail;
static size_t head_len, tail_len;

static const char session_sql[] =
	"SELECT x.id, x.last_seen_at, x.expires_at, u.id, u.org_id, u.department_id, u.role, "
	"u.login, u.name, u.must_change_password, CASE WHEN d.id IS NULL THEN NULL ELSE d.path || "
	"d.id || '/' END FROM sessions x JOIN users u ON u.id = x.user_id LEFT JOIN departments d "
	"ON d.id = u.department_id WHERE x.token_hash = ? AND u.archived_at IS NULL AND "
	"u.locked_at IS NULL";
static const char list_sql[] =
	"SELECT t.id, t.archived_at, t.employee_no, t.name, t.grade, t.position, "
	"t.department_id, r_department_id.name, t.active FROM staff t LEFT JOIN departments "
	"r_department_id ON r_department_id.id = t.department_id WHERE t.org_id = ? AND "
	"t.archived_at IS NULL ORDER BY t.name, t.id LIMIT 25 OFFSET 0";
static const char count_sql[] =
	"SELECT COUNT(*) FROM staff t WHERE t.org_id = ? AND t.archived_at IS NULL";

static const char *const grades[][2] = {
	{"g4", "4급"},	     {"g5", "5급"},	{"g6", "6급"},	   {"g7", "7급"},
	{"g8", "8급"},	     {"g9", "9급"},	{"research", "연구직"}, {"technical", "기능직"},
	{"contract", "계약직"}, {"other", "기타"},
};

/* The grade's label, as a choice field shows it. */
static const char *grade_label(const char *code)
{
	for (size_t i = 0; code && i < sizeof grades / sizeof grades[0]; i++)
		if (!strcmp(grades[i][0], code))
			return grades[i][1];
	return code;
}

struct conn {
	sqlite3 *h;
	sqlite3_stmt *session, *list;
	long long count; /* remembered, as InnoLand remembers it */
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
	fclose(f);
	return s;
}

static struct conn *conn(void)
{
	if (me)
		return me;
	me = calloc(1, sizeof *me);
	sqlite3_open_v2(db_path, &me->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_busy_timeout(me->h, 5000);
	sqlite3_exec(me->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	sqlite3_prepare_v3(me->h, session_sql, -1, SQLITE_PREPARE_PERSISTENT, &me->session, NULL);
	sqlite3_prepare_v3(me->h, list_sql, -1, SQLITE_PREPARE_PERSISTENT, &me->list, NULL);
	sqlite3_stmt *c;
	sqlite3_prepare_v2(me->h, count_sql, -1, &c, NULL);
	sqlite3_bind_int64(c, 1, org_id);
	if (sqlite3_step(c) == SQLITE_ROW)
		me->count = sqlite3_column_int64(c, 0);
	sqlite3_finalize(c);
	return me;
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
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof h + 1], now[24];
	int ok = 0;
	if (token) {
		crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		time_t t = time(NULL);
		struct tm tm;
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		sqlite3_bind_text(c->session, 1, hex, -1, SQLITE_STATIC);
		if (sqlite3_step(c->session) == SQLITE_ROW) {
			const char *expires = (const char *)sqlite3_column_text(c->session, 2);
			ok = expires && strcmp(expires, now) > 0 &&
			     sqlite3_column_int64(c->session, 4) == org_id;
		}
		sqlite3_reset(c->session);
	}
	if (!ok) {
		struct MHD_Response *r =
			MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Location", "/login");
		enum MHD_Result q = MHD_queue_response(mc, 303, r);
		MHD_destroy_response(r);
		return q;
	}
	struct out o = {malloc(16384), 0, 16384};
	put(&o, head, head_len);
	sqlite3_bind_int64(c->list, 1, org_id);
	while (sqlite3_step(c->list) == SQLITE_ROW) {
		char id[160];
		put(&o, "<tr>", 4);
		for (int col = 2; col <= 8; col++) {
			if (col == 6) /* the department's id: its name follows */
				continue;
			put(&o, "<td>", 4);
			if (col == 8)
				put_html(&o, sqlite3_column_int(c->list, col) ? "예" : "아니오");
			else if (col == 4)
				put_html(&o, grade_label((const char *)sqlite3_column_text(c->list, col)));
			else
				put_html(&o, (const char *)sqlite3_column_text(c->list, col));
			put(&o, "</td>", 5);
		}
		int n = snprintf(id, sizeof id,
				 "<td><a href=\"/staff/%lld\" aria-label=\"상세 보기\">보기</a></td></tr>\n",
				 (long long)sqlite3_column_int64(c->list, 0));
		put(&o, id, (size_t)n);
	}
	sqlite3_reset(c->list);
	char total[64];
	put(&o, total, (size_t)snprintf(total, sizeof total, "<!-- %lld -->", c->count));
	put(&o, tail, tail_len);
	struct MHD_Response *r = MHD_create_response_from_buffer(o.len, o.p, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	enum MHD_Result q = MHD_queue_response(mc, 200, r);
	MHD_destroy_response(r);
	return q;
}

int main(int argc, char **argv)
{
	if (argc != 7)
		return 2;
	db_path = argv[3];
	org_id = atoll(argv[6]);
	head = slurp(argv[4], &head_len);
	tail = slurp(argv[5], &tail_len);
	if (!head || !tail || sodium_init() < 0)
		return 1;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD, (unsigned short)atoi(argv[1]), NULL, NULL, answer,
		NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]),
		MHD_OPTION_CONNECTION_LIMIT, 8192u, MHD_OPTION_END);
	if (!d)
		return 1;
	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return 0;
}
