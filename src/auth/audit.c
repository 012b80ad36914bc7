/*
 * audit.c: the hash-chained audit trail (see audit.h).
 *
 * An entry's hash is the hex SHA-256 of a canonical encoding of its stored
 * fields except id and hash, prev_hash first (entry_hash): a version tag,
 * then each field as a netstring ("<decimal length>:<bytes>,"), or "~" for
 * SQL NULL.  Every field is hashed as the text the database gives back, so
 * the integers are bound as decimal text too, and what append hashes is
 * byte for byte what verify reads.  The diff is stored as
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) and hashed as stored.
 *
 * Invariants: settings 'audit.head' is "<id> <hash>" of the newest entry,
 * written in the transaction that appends it; the first entry's prev_hash is
 * 64 zeros.  Appenders hold the driver's serialize lock from reading the
 * head to their commit, so each entry is the newest when written and its
 * prev_hash is the head it read.
 *
 * Memory: nothing here outlives a call.  audit_diff() and audit_query()
 * return new references the caller decrefs; their inputs are borrowed.
 */
#include "auth/audit.h"

#include <assert.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "http/http.h"

enum {
	HASH_HEX = 2 * crypto_hash_sha256_BYTES + 1, /* hex digest with its NUL */
	INT_TEXT = 24,				     /* an int64_t in decimal, sign and NUL */
	PER_PAGE_DEFAULT = 25,
	PER_PAGE_MAX = 100,
	PAGE_MAX = 1000000000, /* keeps (page - 1) * per_page far inside int64_t */
};

static const char zero_hash[HASH_HEX] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* Names the encoding, so a future one cannot collide with it. */
static const char hash_version[] = "innoland.audit.1";

/* The stored fields an entry's hash covers, in the order it covers them. */
enum field { PREV_HASH, ORG_ID, AT, ACTOR_ID, ACTOR, IP, ACTION, ENTITY, RECORD_ID, DIFF, FIELDS };

/* The columns of enum field, in its order. */
#define FIELD_COLUMNS "prev_hash, org_id, at, actor_id, actor, ip, action, entity, record_id, diff"

/* The newest entry as settings 'audit.head' records it. */
struct head {
	int64_t id;	     /* its id; 0 when the trail has no head */
	char hash[HASH_HEX]; /* its hash; 64 zeros when the trail has no head */
};

/* Appends text as a netstring, or "~" for NULL (no netstring starts so). */
static void put_field(struct buf *b, const char *text)
{
	if (!text) {
		buf_putc(b, '~');
		return;
	}
	size_t n = strlen(text);
	buf_printf(b, "%zu:", n);
	buf_append(b, text, n);
	buf_putc(b, ',');
}

/* The hash of an entry whose fields (NULL for SQL NULL) are f. */
static void entry_hash(const char *const f[FIELDS], char out[HASH_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	struct buf b = BUF_INIT;
	put_field(&b, hash_version);
	for (int i = 0; i < FIELDS; i++)
		put_field(&b, f[i]);
	crypto_hash_sha256(digest, (const unsigned char *)b.data, b.len);
	sodium_bin2hex(out, HASH_HEX, digest, sizeof digest);
	buf_free(&b);
}

/* 1 if s is a lower-case hex SHA-256. */
static int is_hash(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return n == HASH_HEX - 1 && s[n] == '\0';
}

/* Parses "<id> <hash>"; 0, or -1 if v is not one. */
static int head_parse(const char *v, struct head *h)
{
	char *end;
	long long id = strtoll(v, &end, 10);
	if (end == v || id < 1 || *end != ' ' || !is_hash(end + 1))
		return -1;
	h->id = id;
	memcpy(h->hash, end + 1, HASH_HEX);
	return 0;
}

/* Reads the head into h (no head: id 0, zero hash).  0, or -1 on a
 * database error or a malformed head. */
static int head_read(struct db_conn *c, struct head *h)
{
	struct db_stmt *s = db_prepare(c, "SELECT value FROM settings WHERE key = 'audit.head'");
	int rc = s ? db_step(s) : DB_ERR;
	h->id = 0;
	memcpy(h->hash, zero_hash, HASH_HEX);
	if (rc == DB_ROW && head_parse(db_column_text(s, 0), h) != 0) {
		log_error("audit: settings 'audit.head' is malformed: '%.80s'",
			  db_column_text(s, 0));
		rc = DB_ERR;
	}
	db_finalize(s);
	return rc == DB_ROW || rc == DB_OK ? 0 : -1;
}

/* Runs a one-shot statement whose parameters are the texts v[0..n). */
static int run_texts(struct db_conn *c, const char *sql, const char *const *v, int n,
		     int64_t *changes)
{
	struct db_stmt *s = db_prepare(c, sql);
	if (!s)
		return DB_ERR;
	for (int i = 0; i < n; i++)
		db_bind_text(s, i + 1, v[i], v[i] ? strlen(v[i]) : 0);
	int rc = db_step(s);
	if (changes)
		*changes = db_changes(s);
	db_finalize(s);
	return rc;
}

static int head_write(struct db_conn *c, const struct head *h)
{
	char value[INT_TEXT + HASH_HEX];
	snprintf(value, sizeof value, "%" PRId64 " %s", h->id, h->hash);
	const char *v[] = {value};
	int64_t changed = 0;
	int rc = run_texts(c, "UPDATE settings SET value = ? WHERE key = 'audit.head'", v, 1,
			   &changed);
	if (rc == DB_OK && changed == 0)
		rc = run_texts(c, "INSERT INTO settings (key, value) VALUES ('audit.head', ?)", v,
			       1, NULL);
	return rc == DB_OK ? 0 : -1;
}

/* The id of the entry just written.  Writers are serialised and ids only
 * grow, so it is the newest; its hash proves it (an index-backed lookup,
 * where one by hash would scan the table). */
static int64_t newest_id(struct db_conn *c, const char *hash)
{
	struct db_stmt *s =
		db_prepare(c, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
	int64_t id = -1;
	if (s && db_step(s) == DB_ROW) {
		if (strcmp(db_column_text(s, 1), hash) == 0)
			id = db_column_int(s, 0);
		else
			log_error("audit: entry %" PRId64 " is newer than the one just written",
				  db_column_int(s, 0));
	}
	db_finalize(s);
	return id;
}

/* Current UTC time as "YYYY-MM-DDTHH:MM:SS.ffffffZ". */
static void now_utc(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%06ldZ", ts.tv_nsec / 1000);
}

/* An id as decimal text in out, or NULL for 0 (none). */
static const char *id_text(int64_t id, char out[INT_TEXT])
{
	if (id == 0)
		return NULL;
	snprintf(out, INT_TEXT, "%" PRId64, id);
	return out;
}

/* The diff as stored and hashed: compact, keys sorted, NULL as {}.  NULL
 * when diff is not an object. */
static char *diff_text(const json_t *diff)
{
	if (!diff)
		return xstrdup("{}");
	const size_t flags = JSON_COMPACT | JSON_SORT_KEYS;
	size_t n = json_is_object(diff) ? json_dumpb(diff, NULL, 0, flags) : 0;
	if (!n)
		return NULL;
	char *text = xmalloc(n + 1);
	json_dumpb(diff, text, n, flags);
	text[n] = '\0';
	return text;
}

/* Hashes and stores the entry f, then moves the head to it. */
static int entry_store(struct db_conn *c, const char *const f[FIELDS])
{
	static const char insert_sql[] = "INSERT INTO audit_log (" FIELD_COLUMNS ", hash) "
					 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const char *v[FIELDS + 1];
	struct head h;
	entry_hash(f, h.hash);
	memcpy(v, f, sizeof(const char *) * FIELDS);
	v[FIELDS] = h.hash;
	if (run_texts(c, insert_sql, v, FIELDS + 1, NULL) != DB_OK)
		return -1;
	h.id = newest_id(c, h.hash);
	return h.id > 0 ? head_write(c, &h) : -1;
}

int audit_append(struct db_conn *c, const struct audit_actor *who, const char *action,
		 const char *entity, const char *record_id, const json_t *diff)
{
	assert(who && who->login && action && entity);
	struct head prev;
	char *text = diff_text(diff);
	if (!text) {
		log_error("audit: the diff of %s %s is not a JSON object", action, entity);
		return -1;
	}
	if (db_serialize(c) != DB_OK || head_read(c, &prev) != 0) {
		free(text);
		return -1;
	}
	char at[32], org[INT_TEXT], actor[INT_TEXT];
	now_utc(at);
	const char *f[FIELDS] = {
		[PREV_HASH] = prev.hash,
		[ORG_ID] = id_text(who->org_id, org),
		[AT] = at,
		[ACTOR_ID] = id_text(who->user_id, actor),
		[ACTOR] = who->login,
		[IP] = who->ip,
		[ACTION] = action,
		[ENTITY] = entity,
		[RECORD_ID] = record_id,
		[DIFF] = text,
	};
	int rc = entry_store(c, f);
	free(text);
	return rc;
}

int audit_commit(struct db_conn *c, const struct audit_actor *who, const char *action,
		 const char *entity, const char *record_id, const json_t *diff)
{
	if (audit_append(c, who, action, entity, record_id, diff) == 0 && db_commit(c) == DB_OK)
		return 0;
	db_rollback(c);
	return -1;
}

/* ---- audit_diff ---- */

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends the keys of o (if an object) to keys[*n]. */
static void collect_keys(const json_t *o, const char **keys, size_t *n)
{
	json_t *obj = (json_t *)o; /* jansson's iterators take no const */
	for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it))
		keys[(*n)++] = json_object_iter_key(it);
}

static int is_secret(const char *key, const char *const *secret)
{
	for (size_t i = 0; secret && secret[i]; i++)
		if (strcmp(secret[i], key) == 0)
			return 1;
	return 0;
}

/* The value of key in o, null when o or the key is missing (borrowed). */
static json_t *field_of(const json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;
	return v ? v : json_null();
}

json_t *audit_diff(const json_t *before, const json_t *after, const char *const *secret)
{
	size_t n = 0;
	const char **keys =
		xcalloc(json_object_size(before) + json_object_size(after) + 1, sizeof *keys);
	collect_keys(before, keys, &n);
	collect_keys(after, keys, &n);
	qsort(keys, n, sizeof *keys, compare_keys);
	json_t *out = json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *was = field_of(before, keys[i]), *is = field_of(after, keys[i]);
		if ((i > 0 && strcmp(keys[i], keys[i - 1]) == 0) || json_equal(was, is))
			continue;
		if (is_secret(keys[i], secret))
			json_object_set_new(out, keys[i], json_pack("[ss]", "***", "***"));
		else
			json_object_set_new(out, keys[i], json_pack("[OO]", was, is));
	}
	free(keys);
	return out;
}

/* ---- audit_verify ---- */

/* Every entry in id order, with the head read in the same statement, so the
 * two are one snapshot even while others append. */
static const char walk_sql[] = "SELECT id, " FIELD_COLUMNS ", hash, "
			       "(SELECT value FROM settings WHERE key = 'audit.head') "
			       "FROM audit_log ORDER BY id";

enum { WALK_ID = 0, WALK_FIELDS = 1, WALK_HASH = WALK_FIELDS + FIELDS, WALK_HEAD };

/* What a walk of the chain has seen so far. */
struct walk {
	int64_t count;	  /* entries read */
	struct head last; /* the newest entry read; id 0 and zeros before the first */
	char head[128];	  /* 'audit.head' as read with the entries, truncated */
	int has_head;	  /* 0 when settings held no head */
	int broken;	  /* 1 once report names a broken entry */
	char *report;	  /* where the verdict goes */
	size_t len;	  /* its size */
};

/* Checks one entry against the one before it; names it if broken. */
static void walk_entry(struct db_stmt *s, struct walk *w)
{
	const char *f[FIELDS];
	char hash[HASH_HEX];
	int64_t id = db_column_int(s, WALK_ID);
	const char *stored = db_column_text(s, WALK_HASH);
	for (int i = 0; i < FIELDS; i++)
		f[i] = db_column_text(s, WALK_FIELDS + i);
	entry_hash(f, hash);
	if (strcmp(f[PREV_HASH], w->last.hash) != 0) {
		if (w->last.id == 0)
			snprintf(w->report, w->len,
				 "entry %" PRId64 ": previous hash is not the start of the chain",
				 id);
		else
			snprintf(w->report, w->len,
				 "entry %" PRId64 ": previous hash does not match entry %" PRId64,
				 id, w->last.id);
		w->broken = 1;
	} else if (strcmp(hash, stored) != 0) {
		snprintf(w->report, w->len, "entry %" PRId64 ": hash does not match its contents",
			 id);
		w->broken = 1;
	}
	w->count++;
	w->last.id = id;
	snprintf(w->last.hash, HASH_HEX, "%s", stored);
}

/* Walks every entry until the first broken one.  0, or -1 on a database
 * error (the reason in w->report). */
static int walk_chain(struct db_conn *c, struct walk *w)
{
	struct db_stmt *s = db_prepare(c, walk_sql);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		w->has_head = !db_column_is_null(s, WALK_HEAD);
		snprintf(w->head, sizeof w->head, "%s",
			 w->has_head ? db_column_text(s, WALK_HEAD) : "");
	}
	for (; rc == DB_ROW && !w->broken; rc = db_step(s))
		walk_entry(s, w);
	if (rc != DB_ROW && rc != DB_OK)
		snprintf(w->report, w->len, "cannot read the audit trail: %s", db_errmsg(c));
	db_finalize(s);
	return rc == DB_ROW || rc == DB_OK ? 0 : -1;
}

/* An empty walk carries no head: reads it on its own.  0 or -1. */
static int walk_head(struct db_conn *c, struct walk *w)
{
	struct db_stmt *s = db_prepare(c, "SELECT value FROM settings WHERE key = 'audit.head'");
	int rc = s ? db_step(s) : DB_ERR;
	w->has_head = rc == DB_ROW;
	snprintf(w->head, sizeof w->head, "%s", rc == DB_ROW ? db_column_text(s, 0) : "");
	if (rc != DB_ROW && rc != DB_OK)
		snprintf(w->report, w->len, "cannot read the audit head: %s", db_errmsg(c));
	db_finalize(s);
	return rc == DB_ROW || rc == DB_OK ? 0 : -1;
}

/* Walks the chain and, for an empty one, reads the head.  A head next to
 * an empty trail may be the first append committing in between, so then the
 * walk runs once more.  0, or -1 with the reason in w->report. */
static int walk_all(struct db *db, struct walk *w)
{
	struct db_conn *c = db_acquire(db);
	if (!c) {
		snprintf(w->report, w->len, "cannot connect to the database");
		return -1;
	}
	int rc = walk_chain(c, w);
	if (rc == 0 && w->count == 0) {
		rc = walk_head(c, w);
		if (rc == 0 && w->has_head)
			rc = walk_chain(c, w);
	}
	db_release(c);
	return rc;
}

/* Compares the head with the newest entry: 0 when they agree, else 1 with
 * the verdict in report. */
static int check_head(struct walk *w)
{
	struct head h = {0, ""};
	if (!w->has_head && w->count == 0)
		return 0;
	if (!w->has_head)
		snprintf(w->report, w->len, "no head recorded, newest is entry %" PRId64,
			 w->last.id);
	else if (head_parse(w->head, &h) != 0)
		snprintf(w->report, w->len, "head is malformed: '%.80s'", w->head);
	else if (w->count == 0)
		snprintf(w->report, w->len,
			 "head says entry %" PRId64 ", the trail is empty: entries deleted", h.id);
	else if (h.id > w->last.id)
		snprintf(w->report, w->len,
			 "head says entry %" PRId64 ", newest is %" PRId64 ": entries deleted",
			 h.id, w->last.id);
	else if (h.id < w->last.id)
		snprintf(w->report, w->len,
			 "head says entry %" PRId64 ", newest is %" PRId64
			 ": entries added outside the trail",
			 h.id, w->last.id);
	else if (strcmp(h.hash, w->last.hash) != 0)
		snprintf(w->report, w->len, "entry %" PRId64 ": hash does not match the head",
			 h.id);
	else
		return 0;
	return 1;
}

int audit_verify(struct db *db, char *report, size_t len)
{
	assert(report && len > 0);
	report[0] = '\0';
	struct walk w = {.report = report, .len = len};
	w.last.id = 0;
	memcpy(w.last.hash, zero_hash, HASH_HEX);
	if (walk_all(db, &w) != 0)
		return -1;
	if (w.broken || check_head(&w) != 0)
		return 1;
	snprintf(report, len, "%" PRId64 " entries, chain intact", w.count);
	return 0;
}

/* ---- audit_query ---- */

/* An optional filter: its condition and where struct audit_filter keeps its
 * value. */
struct filter_column {
	const char *cond; /* " AND column op ?" */
	size_t offset;	  /* of the const char * in struct audit_filter */
	int is_time;	  /* a time bound, compared without its trailing 'Z'; a KST
			     day is its start (1) or its end (2) */
};

static const struct filter_column filter_columns[] = {
	{" AND actor = ?", offsetof(struct audit_filter, actor), 0},
	{" AND action = ?", offsetof(struct audit_filter, action), 0},
	{" AND entity = ?", offsetof(struct audit_filter, entity), 0},
	{" AND at >= ?", offsetof(struct audit_filter, from), 1},
	{" AND at < ?", offsetof(struct audit_filter, to), 2},
};

enum { FILTER_COLUMNS = sizeof filter_columns / sizeof filter_columns[0] };

/* The WHERE clause of a query and the texts it binds after the org id. */
struct where {
	struct buf sql;				/* " WHERE ..." */
	const char *values[FILTER_COLUMNS + 2]; /* borrowed from the filter, or upper */
	size_t lens[FILTER_COLUMNS + 2];	/* their lengths as bound */
	int n;					/* how many */
	char upper[72];	  /* the first text after every action with the prefix */
	char days[2][24]; /* KST days' bounds in UTC */
};

/* The length of a time bound as compared: a trailing 'Z' is dropped, so
 * "09:30:00Z" sorts before the stored "09:30:00.000001Z" as it should. */
static size_t time_bound_len(const char *v)
{
	size_t n = strlen(v);
	return n > 0 && v[n - 1] == 'Z' ? n - 1 : n;
}

static void where_build(struct where *w, const struct audit_filter *f)
{
	buf_puts(&w->sql, " WHERE (org_id = ? OR org_id IS NULL)");
	w->n = 0;
	for (int i = 0; i < FILTER_COLUMNS; i++) {
		const char *v = *(const char *const *)((const char *)f + filter_columns[i].offset);
		if (!v || !v[0])
			continue;
		int t = filter_columns[i].is_time;
		if (t && strlen(v) == 10 && kst_day_start(v, t - 1, w->days[t - 1]) == 0)
			v = w->days[t - 1];
		buf_puts(&w->sql, filter_columns[i].cond);
		w->values[w->n] = v;
		w->lens[w->n++] = filter_columns[i].is_time ? time_bound_len(v) : strlen(v);
	}
	size_t n = f->action_prefix ? strlen(f->action_prefix) : 0;
	if (n && n < sizeof w->upper) { /* a range, which the action index serves */
		memcpy(w->upper, f->action_prefix, n);
		w->upper[n - 1]++; /* "privacy." → "privacy/" */
		buf_puts(&w->sql, " AND action >= ? AND action < ?");
		w->values[w->n] = f->action_prefix;
		w->lens[w->n++] = n;
		w->values[w->n] = w->upper;
		w->lens[w->n++] = n;
	}
}

/* Binds the org id and the filter texts from parameter 1; returns the next
 * free parameter. */
static int where_bind(struct db_stmt *s, const struct where *w, int64_t org_id)
{
	db_bind_int(s, 1, org_id);
	for (int i = 0; i < w->n; i++)
		db_bind_text(s, i + 2, w->values[i], w->lens[i]);
	return w->n + 2;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* How many entries match; -1 on error. */
static int64_t query_total(struct db_conn *c, const struct where *w, int64_t org_id)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT COUNT(*) FROM audit_log%s", w->sql.data);
	struct db_stmt *s = db_prepare(c, sql.data);
	buf_free(&sql);
	if (!s)
		return -1;
	where_bind(s, w, org_id);
	int64_t total = db_step(s) == DB_ROW ? db_column_int(s, 0) : -1;
	db_finalize(s);
	return total;
}

/* Column col as a JSON string, or null. */
static json_t *text_json(struct db_stmt *s, int col)
{
	const char *v = db_column_text(s, col);
	return v ? json_string(v) : json_null();
}

/* The entry the statement stands on, as audit_query lists it. */
static json_t *item_json(struct db_stmt *s)
{
	static const char *const names[] = {"at", "actor", "ip", "action", "entity", "record_id"};
	json_t *item = json_pack("{sI}", "id", (json_int_t)db_column_int(s, 0));
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		json_object_set_new(item, names[i], text_json(s, i + 1));
	char kst[20]; /* what the pages show: people read Korean time */
	kst_text(db_column_text(s, 1), kst);
	json_object_set_new(item, "at_kst", json_string(kst));
	json_t *diff = json_loads(db_column_text(s, 7), 0, NULL);
	json_object_set_new(item, "diff", diff ? diff : json_null());
	return item;
}

/* One page of entries, newest first; NULL on error. */
static json_t *query_items(struct db_conn *c, const struct where *w, int64_t org_id, int64_t page,
			   int64_t per_page)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql,
		   "SELECT id, at, actor, ip, action, entity, record_id, diff FROM audit_log%s "
		   "ORDER BY id DESC LIMIT ? OFFSET ?",
		   w->sql.data);
	struct db_stmt *s = db_prepare(c, sql.data);
	buf_free(&sql);
	if (!s)
		return NULL;
	int next = where_bind(s, w, org_id);
	db_bind_int(s, next, per_page);
	db_bind_int(s, next + 1, (page - 1) * per_page);
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(s)) == DB_ROW)
		json_array_append_new(items, item_json(s));
	db_finalize(s);
	if (rc != DB_OK) {
		json_decref(items);
		return NULL;
	}
	return items;
}

json_t *audit_query(struct db_conn *c, const struct audit_filter *f)
{
	int64_t page = clamp(f->page, 1, PAGE_MAX);
	int64_t per_page =
		f->per_page == 0 ? PER_PAGE_DEFAULT : clamp(f->per_page, 1, PER_PAGE_MAX);
	struct where w = {.sql = BUF_INIT};
	where_build(&w, f);
	int64_t total = query_total(c, &w, f->org_id);
	json_t *items = total < 0 ? NULL : query_items(c, &w, f->org_id, page, per_page);
	buf_free(&w.sql);
	if (!items)
		return NULL;
	return json_pack("{sosIsIsI}", "items", items, "total", (json_int_t)total, "page",
			 (json_int_t)page, "per_page", (json_int_t)per_page);
}

struct audit_actor request_actor(struct request *req)
{
	const struct principal *p = &req->who;
	return (struct audit_actor){p->org_id, p->user_id, p->user_id ? p->login : "anonymous",
				    request_ip(req)};
}
