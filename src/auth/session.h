/*
 * session.h: who is making a request.  The gate calls session_identify()
 * before any handler: a session cookie (browsers) or an Authorization:
 * Bearer personal token (API clients) names a user; anything else is
 * anonymous.  What it fills, req->who, is http's plain struct principal
 * (http/http.h).  Sessions live in the database (only the SHA-256 of the
 * cookie's token), so any server process can serve any request.
 *
 * A session ends when idle past the idle limit or past the absolute limit,
 * and every session of an account ends when its password changes or it is
 * locked or archived (a trigger of migration 0013); signing in and changing
 * one's password always issue a new token (no fixation).  CSRF: a signed-in
 * browser's form token is derived from its session token; an anonymous
 * browser gets a random il_csrf cookie, and its forms carry the same value.
 */
#ifndef INNOLAND_SESSION_H
#define INNOLAND_SESSION_H

#include <stdint.h>

#include "auth/role.h"
#include "auth/secret.h"
#include "core/clock.h"
#include "core/error.h"

struct request;
struct response;
struct db_conn;

#define SESSION_COOKIE "il_session"
#define CSRF_COOKIE    "il_csrf"
#define CSRF_FIELD     "_csrf"

/* Idle and absolute session limits, in seconds (serve's options). */
struct session_limits {
	long idle;	   /* default 1800 (30 minutes) */
	long absolute;	   /* default 43200 (12 hours) */
	int secure_cookie; /* 1: cookies carry Secure (behind TLS) */
};

extern struct session_limits session_limits;

/* Fills req->who from the cookie or bearer token; ERR_OK even when anonymous. */
enum err session_identify(struct request *req);

/*
 * Starts a session for user_id: stores the token's hash, sets the cookie on
 * res and fills the CSRF token of the new session into csrf (may be NULL).
 * Runs inside the caller's transaction.  0 or -1.
 */
int session_start(struct db_conn *c, struct request *req, struct response *res, int64_t user_id);
/* Ends the request's session (if any) and clears the cookie. */
int session_end(struct db_conn *c, struct request *req, struct response *res);

/* The CSRF token for an anonymous client, setting its cookie when new. */
const char *session_anonymous_csrf(struct request *req, struct response *res);
/* 1 if the request carries the CSRF token its client must send. */
int session_csrf_ok(struct request *req);

#endif
