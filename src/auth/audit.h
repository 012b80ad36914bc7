/*
 * audit.h: the audit trail.  Every write records who, when, from where,
 * which record and a field-level diff, in the same transaction as the write;
 * viewing a person's personal data is recorded too (action "view").
 *
 * The trail is append-only and hash-chained: each entry's hash covers the
 * previous entry's hash and its own fields, and the newest id and hash are
 * kept in settings under 'audit.head' in the same transaction, so an edited,
 * reordered or deleted entry (the newest included) is found by
 * audit_verify().  Writers of the chain are serialised with the driver's
 * `serialize` SQL (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE).
 */
#ifndef INNOLAND_AUDIT_H
#define INNOLAND_AUDIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_conn;
struct request;

struct audit_actor {
	int64_t org_id;	   /* the organisation acted in; 0 for installation-wide */
	int64_t user_id;   /* who; 0 for the system or an anonymous client */
	const char *login; /* their login, or "system" / "anonymous" */
	const char *ip;	   /* client address; NULL from the shell */
};

/* Who is acting in a request (its req->who), for the audit trail. */
struct audit_actor request_actor(struct request *req);

/*
 * Appends one entry.  The caller has begun the transaction (db_begin) and
 * commits it with its own write; on failure the caller rolls back.  diff is
 * borrowed; NULL means {}.  record_id may be NULL.  Returns 0 or -1 (see
 * db_errmsg).
 */
int audit_append(struct db_conn *c, const struct audit_actor *who, const char *action,
		 const char *entity, const char *record_id, const json_t *diff);

/* audit_append(), then commits the caller's transaction; on any failure
 * the transaction is rolled back.  0 or -1. */
int audit_commit(struct db_conn *c, const struct audit_actor *who, const char *action,
		 const char *entity, const char *record_id, const json_t *diff);

/*
 * The diff between two versions of a record: {"field": [old, new]} for every
 * field whose value differs (a missing field counts as null).  before is NULL
 * for a creation, after NULL for an archive.  Fields named in secret (a
 * NULL-terminated list) show as "***" on both sides.  Returns a new object.
 */
json_t *audit_diff(const json_t *before, const json_t *after, const char *const *secret);

/*
 * Walks the whole chain.  Returns 0 when intact, with "N entries, chain
 * intact" in report; 1 with the first broken entry named ("entry 17: hash
 * does not match its contents", "entry 18: previous hash does not match entry
 * 17", "head says entry 40, newest is 39: entries deleted"); -1 when the
 * database cannot be read.
 */
int audit_verify(struct db *db, char *report, size_t len);

/* Filters for the administrator's list; empty strings and 0 mean "any". */
struct audit_filter {
	int64_t org_id;	    /* required: entries of this organisation (and installation-wide) */
	const char *actor;  /* login, exact */
	const char *action; /* exact */
	const char *entity; /* exact */
	const char *from;   /* a KST day (YYYY-MM-DD): from its start; or a UTC time: at >= from */
	const char *to;	    /* a KST day: to its end, inclusive; or a UTC time: at < to */
	int64_t page;	    /* 1-based */
	int64_t per_page;   /* 1..100 */
	const char *action_prefix; /* actions starting so ("privacy."); NULL: any */
};

/*
 * One page of entries, newest first: {"items": [{id, at, actor, ip, action,
 * entity, record_id, diff (parsed JSON)}], "total": N, "page": P,
 * "per_page": K}.  Two queries whatever the page size.  NULL on error.
 */
json_t *audit_query(struct db_conn *c, const struct audit_filter *f);
/* Each item also carries "at_kst", its time as pages show it (kst_text()). */

#endif
