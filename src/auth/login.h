/*
 * login.h: checking a login and password, with throttling.
 *
 * Failures are counted per login and per client address.  From the third
 * failure of a login (the tenth of an address, which a whole office may
 * share) on, the next attempt waits 1, 2, 4 ... seconds (at most 15 minutes); the fifth failure in
 * a row locks the account until an administrator unlocks it (KISA guidance: lock after five).  An
 * unknown login costs the same argon2id work as a known one, so timing tells nothing.
 */
#ifndef INNOLAND_LOGIN_H
#define INNOLAND_LOGIN_H

#include <stdint.h>

#include "auth/audit.h"
#include "core/error.h"

struct db_conn;

#define LOGIN_LOCK_AFTER 5 /* failures in a row that lock an account */

struct login_result {
	int64_t user_id;	  /* the account signed in, on ERR_OK */
	long retry_after;	  /* seconds to wait, on ERR_THROTTLED */
	int must_change_password; /* on ERR_OK */
};

/*
 * ERR_OK, ERR_BAD_CREDENTIALS, ERR_LOCKED, ERR_THROTTLED or
 * ERR_DB_UNAVAILABLE.  Records the outcome in the throttle, on the account
 * and in the audit trail.
 */
enum err login_check(struct db_conn *c, const char *login, const char *password, const char *ip,
		     struct login_result *out);

/* Unlocks an account and clears its failures (an administrator's action). 0 or -1. */
int login_unlock(struct db_conn *c, const struct audit_actor *by, int64_t user_id);

#endif
