/*
 * cli.h: the account commands of the command line: user add, token create,
 * org add, audit verify, and the first administrator's setup link that
 * `serve` makes on a database with no administrator yet.
 */
#ifndef INNOLAND_AUTH_CLI_H
#define INNOLAND_AUTH_CLI_H

#include <stddef.h>

struct db;

struct account_options {
	const char *org;    /* --org CODE */
	const char *login;  /* --login */
	const char *name;   /* --name */
	const char *role;   /* --role */
	const char *token;  /* --token-name (token create) */
	int password_stdin; /* --password-stdin */
	const char *listen; /* where setup links point: "http://127.0.0.1:8080" */
};

int cli_user_add(struct db *db, const struct account_options *o);
int cli_token_create(struct db *db, const struct account_options *o);
int cli_org_add(struct db *db, const struct account_options *o);
int cli_audit_verify(struct db *db);

/*
 * When no administrator of the first organisation can sign in yet, creates
 * the account "admin" if missing and a one-time setup link for it, written
 * into path ("/setup/TOKEN").  0 with path "" when there is nothing to do.
 */
int cli_first_admin(struct db *db, char *path, size_t len);

#endif
