/*
 * users.h: accounts, as the shell (innoland user add / token create), the
 * first start and the administrator's pages create and change them.  Every
 * change is audited in the same transaction.
 */
#ifndef INNOLAND_USERS_H
#define INNOLAND_USERS_H

#include <stdint.h>

#include "auth/audit.h"
#include "auth/secret.h"

struct db_conn;

#define SETUP_LINK_HOURS 24 /* how long a one-time setup link stays valid */

/* NULL if login may name an account (3 to 32 of a-z 0-9 . _ -), else why not. */
const char *user_check_login(const char *login);
/* NULL if name may be a person's shown name (1 to 50 characters on one line, nothing
 * unseen or turning the text around: utf8_text_flaw()). */
const char *user_check_name(const char *name);

/*
 * Creates an account.  password may be NULL (the account is set up through a
 * one-time link); otherwise it must pass the policy, and the account need not
 * change it at first sign-in only when set by its owner (by_owner).  Returns
 * the new id, 0 with *why set when the input is refused, -1 on a database
 * error.  Runs in its own transaction.
 */
int64_t user_create(struct db_conn *c, const struct audit_actor *by, int64_t org_id,
		    const char *login, const char *name, const char *role, const char *password,
		    const char **why);

/* Makes a one-time setup link token for user_id (valid SETUP_LINK_HOURS). 0 or -1. */
int setup_link_create(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
		      char token[TOKEN_LEN + 1]);

/* Makes a personal API token named name for user_id, shown once. Its id, or -1. */
int64_t api_token_create(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
			 const char *name, char token[TOKEN_LEN + 1]);

/* Sets a new password (policy checked against the current one). 0, 1 with *why, -1. */
int user_set_password(struct db_conn *c, const struct audit_actor *by, int64_t user_id,
		      const char *password, const char **why);

/* The id of the account with this login, 0 if none, -1 on error. */
int64_t user_find(struct db_conn *c, const char *login);

/* The id of the organisation with this code, 0 if none, -1 on error. */
int64_t org_find(struct db_conn *c, const char *code);
/* The same, or the first organisation when code is NULL (a shell command
 * without --org); -1 when c is NULL or on error. */
int64_t org_find_or_first(struct db_conn *c, const char *code);

#endif
