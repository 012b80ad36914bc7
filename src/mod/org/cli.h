/* cli.h: the organisation module's commands (cli.c). */
#ifndef INNOLAND_ORG_CLI_H
#define INNOLAND_ORG_CLI_H

struct db;

/* Imports FILE as "staff" or "departments"; the process exit status. */
int cli_import(struct db *db, const char *what, const char *path, const char *org_code,
	       int dry_run);

#endif
