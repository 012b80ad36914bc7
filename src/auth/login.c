/* login.c: see login.h. */
#include "auth/login.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/secret.h"
#include "core/clock.h"
#include "db/db.h"

#define MAX_DELAY    900  /* seconds */
#define FORGET_AFTER 3600 /* seconds quiet after its last wait that clear a key's failures */

/* A hash of a random password nobody knows, verified for unknown logins so
 * that they cost the same argon2id work; made once, on first use. */
static char decoy[PASSWORD_HASH_LEN];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void make_decoy(void)
{
	char pw[TOKEN_LEN + 1];
	token_new(pw);
	password_hash(pw, strlen(pw), decoy);
}

/* Failures allowed before delays start: an office shares one address. */
static int64_t free_failures(const char *kind)
{
	return !strcmp(kind, "ip") ? 10 : 3;
}

static long delay_for(const char *kind, int64_t failures)
{
	int64_t over = failures - free_failures(kind);
	if (over < 0)
		return 0;
	long d = 1L << (over > 10 ? 10 : over);
	return d > MAX_DELAY ? MAX_DELAY : d;
}

/* Seconds until key may try again; 0 when it may now, -1 when the
 * throttle cannot be read (the attempt is refused: no throttle, no try). */
static long blocked_for(struct db_conn *c, const char *kind, const char *key)
{
	char now[24];
	utc_now(0, now);
	struct db_stmt *s = db_preparef(
		c, "SELECT blocked_until FROM login_throttle WHERE kind = ? AND key = ?", "tt",
		kind, key);
	long wait = 0;
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW && strcmp(db_column_text(s, 0), now) > 0) {
		struct tm tm = {0};
		if (strptime(db_column_text(s, 0), "%Y-%m-%dT%H:%M:%SZ", &tm))
			wait = (long)(timegm(&tm) - time(NULL));
		wait = wait < 1 ? 1 : wait;
	}
	db_finalize(s);
	return rc < 0 ? -1 : wait;
}

/* One more failure of key, and its wait; DB_OK or DB_ERR. */
static int count_failure(struct db_conn *c, const char *kind, const char *key)
{
	/* an address's failures of last month do not delay this morning: a key
	 * quiet for FORGET_AFTER past its last wait starts again from none */
	int rc;
	char quiet[24];
	utc_now(-FORGET_AFTER, quiet);
	int64_t failures =
		1 + db_int(c, &rc, 0,
			   "SELECT CASE WHEN blocked_until < ? THEN 0 ELSE failures END FROM "
			   "login_throttle WHERE kind = ? AND key = ?",
			   "ttt", quiet, kind, key);
	if (rc < 0)
		return DB_ERR;
	char until[24];
	utc_now(delay_for(kind, failures), until);
	if (rc == DB_ROW)
		return db_run(c, NULL,
			      "UPDATE login_throttle SET failures = ?, blocked_until = ? "
			      "WHERE kind = ? AND key = ?",
			      "ittt", failures, until, kind, key);
	return db_run(c, NULL,
		      "INSERT INTO login_throttle (kind, key, failures, blocked_until) "
		      "VALUES (?, ?, ?, ?)",
		      "ttit", kind, key, failures, until);
}

struct account {
	int64_t id;		      /* 0: no such login */
	int64_t org_id;		      /* for the audit entry */
	char hash[PASSWORD_HASH_LEN]; /* "" when not set up */
	int locked;		      /* locked_at is set */
	int64_t failed;		      /* failures in a row */
	int must_change;	      /* must_change_password */
};

static int read_account(struct db_conn *c, const char *login, struct account *a)
{
	memset(a, 0, sizeof *a);
	struct db_stmt *s = db_preparef(c,
					"SELECT id, org_id, password_hash, locked_at IS NOT NULL, "
					"failed_logins, must_change_password FROM users "
					"WHERE login = ? AND archived_at IS NULL",
					"t", login);
	if (!s)
		return -1;
	int rc = db_step(s);
	if (rc == DB_ROW) {
		a->id = db_column_int(s, 0);
		a->org_id = db_column_int(s, 1);
		const char *h = db_column_text(s, 2);
		snprintf(a->hash, sizeof a->hash, "%s", h ? h : "");
		a->locked = (int)db_column_int(s, 3);
		a->failed = db_column_int(s, 4);
		a->must_change = (int)db_column_int(s, 5);
	}
	db_finalize(s);
	return rc == DB_ERR ? -1 : 0;
}

/* Records the outcome; the account's counters, the throttle and the trail. */
static int record(struct db_conn *c, const struct account *a, const char *login, const char *ip,
		  int ok)
{
	char rid[24], now[24];
	snprintf(rid, sizeof rid, "%lld", (long long)a->id);
	utc_now(0, now);
	struct audit_actor who = {a->org_id, a->id, a->id ? login : "anonymous", ip};
	if (db_begin(c) != DB_OK)
		return -1;
	/* the counters and the throttle written, or nothing: a failure not
	 * counted would be a try for free */
	int done;
	if (ok)
		done = db_run(c, NULL,
			      "DELETE FROM login_throttle WHERE kind = 'login' AND key = ?", "t",
			      login) == DB_OK &&
		       db_run(c, NULL,
			      "UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?",
			      "ti", now, a->id) == DB_OK;
	else
		done = count_failure(c, "login", login) == DB_OK &&
		       count_failure(c, "ip", ip) == DB_OK &&
		       (!a->id ||
			db_run(c, NULL,
			       "UPDATE users SET failed_logins = failed_logins + 1, locked_at = "
			       "CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_at END WHERE "
			       "id = ?",
			       "iti", (int64_t)LOGIN_LOCK_AFTER, now, a->id) == DB_OK);
	json_t *diff = json_pack("{s:[n,s]}", "login", login);
	int rc = done ? audit_append(c, &who, ok ? "login" : "login_failed", "users",
				     a->id ? rid : NULL, diff)
		      : -1;
	json_decref(diff);
	if (rc != 0 || db_commit(c) != DB_OK) {
		db_rollback(c);
		return -1;
	}
	return 0;
}

enum err login_check(struct db_conn *c, const char *login, const char *password, const char *ip,
		     struct login_result *out)
{
	memset(out, 0, sizeof *out);
	struct account a;
	if (read_account(c, login, &a) != 0)
		return ERR_DB_UNAVAILABLE;
	if (a.locked)
		return ERR_LOCKED; /* only an administrator helps now; waiting does not */
	long wait = blocked_for(c, "login", login);
	long wait_ip = blocked_for(c, "ip", ip);
	if (wait < 0 || wait_ip < 0)
		return ERR_DB_UNAVAILABLE;
	out->retry_after = wait > wait_ip ? wait : wait_ip;
	if (out->retry_after)
		return ERR_THROTTLED;
	pthread_once(&decoy_once, make_decoy);
	int ok = password_verify(a.hash[0] ? a.hash : decoy, password, strlen(password)) && a.id &&
		 a.hash[0];
	if (record(c, &a, login, ip, ok) != 0)
		return ERR_DB_UNAVAILABLE;
	if (!ok)
		return a.failed + 1 >= LOGIN_LOCK_AFTER && a.id ? ERR_LOCKED : ERR_BAD_CREDENTIALS;
	out->user_id = a.id;
	out->must_change_password = a.must_change;
	return ERR_OK;
}

int login_unlock(struct db_conn *c, const struct audit_actor *by, int64_t user_id)
{
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)user_id);
	if (db_begin(c) != DB_OK)
		return -1;
	json_t *diff = json_pack("{s:[s,n]}", "locked_at", "locked");
	int ok = db_run(c, NULL,
			"UPDATE users SET locked_at = NULL, failed_logins = 0 WHERE id = ? AND "
			"org_id = ?",
			"ii", user_id, by->org_id) == DB_OK &&
		 db_run(c, NULL,
			"DELETE FROM login_throttle WHERE kind = 'login' AND key = "
			"(SELECT login FROM users WHERE id = ?)",
			"i", user_id) == DB_OK &&
		 audit_append(c, by, "unlock", "users", rid, diff) == 0;
	json_decref(diff);
	if (ok && db_commit(c) == DB_OK)
		return 0;
	db_rollback(c);
	return -1;
}
