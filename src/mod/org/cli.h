/* cli.h: the organisation module's commands (cli.c). */
#ifndef INNOLAND_ORG_CLI_H
#define INNOLAND_ORG_CLI_H

struct db;
struct cli_args;

/* `innoland import staff|departments FILE [--dry-run] [--org CODE]`: the
 * process exit status. */
int org_cli_import(struct db *db, const struct cli_args *a);

#endif
