/*
 * devolved.h: the devolved-affairs registry (지방이양사무; SPEC.md §10,
 * issue 17 points 1-5; seed Ⅳ-2-10).
 *
 *  - devolved-affairs: the management card (관리카드) of each affair the
 *    지방이양추진위원회 decided to devolve: its legal basis, decision, the
 *    ministry it came from, the department and officer now responsible,
 *    its status (완료 / 진행 / 사무폐지), the ordinances and rules to revise
 *    and revised (with their numbers), the manual, the handover (인계·인수),
 *    a delegation (사무위임), the staff and budget transferred.  Its history
 *    is its audit trail, shown on the card; documents are attachments.
 *  - devolved-inspections: a general inspection round (일제 점검, 2007-09)
 *    over every card; devolved-checks: a card's result in a round (적정 /
 *    보완 필요 with what to fix), one per card and round.
 *
 * Pages: the registry's home (counts by status and department, computed),
 * the printable cards (one A4 page each; a department's in one print), a
 * round's progress per department and the cards still needing work, and
 * the import of the ministry's list (import.c).
 *
 * Who may do what: administrators write and import; all staff read.
 */
#ifndef INNOLAND_DEVOLVED_H
#define INNOLAND_DEVOLVED_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/audit.h"
#include "crud/entity.h"
#include "mod/org/import.h" /* struct import_report: what an import found */
#include "http/router.h"

struct db_conn;

extern const struct entity devolved_affairs;	 /* "devolved-affairs" */
extern const struct entity devolved_inspections; /* "devolved-inspections" */
extern const struct entity devolved_checks;	 /* "devolved-checks" */

extern const struct choice devolved_statuses[]; /* devolved-affairs.status */
extern const struct choice devolved_results[];	/* devolved-checks.result */

/*
 * Imports the ministry's list (a whole CSV or XLSX file, headers in Korean
 * or English: 사무번호, 사무명, 근거법령 … or affair_no, name, law …) into
 * org.  Every row is checked first; any bad row, or a dry run, writes
 * nothing.  A real import writes every row in one transaction with one
 * audit entry of its counts, updating the cards whose affair number it
 * names.  ERR_OK; ERR_INVALID with the problems in out; another error
 * when the database fails.  out is org/import.h's report (import.c).
 */
enum err devolved_import(struct db_conn *c, const struct audit_actor *by, int64_t org,
			 const void *data, size_t len, int dry_run, struct import_report *out);

/* The module's own pages (pages.c, print.c, upload.c). */
handler_fn devolved_page_home, devolved_page_print, devolved_page_progress, devolved_page_import,
	devolved_page_import_post;

/* The departments that hold cards, in the organisation's order, as a
 * select's options [{id, name, selected}] (pages.c); NULL on a database
 * error.  devolved_option_name(): the option of id's name, or NULL. */
json_t *devolved_department_options(struct db_conn *c, int64_t org, int64_t selected);
const char *devolved_option_name(json_t *options, int64_t id);

struct db;
struct cli_args;
/* `innoland devolved import FILE [--dry-run] [--org CODE]` (upload.c). */
int devolved_cli_import(struct db *db, const struct cli_args *a);

/* The show pages' hooks: a card with its history (print.c), a round
 * with its progress per department (pages.c). */
enum err devolved_inspection_show(struct request *req, const struct entity *e, const json_t *row,
				  json_t *doc);
enum err devolved_affair_show(struct request *req, const struct entity *e, const json_t *row,
			      json_t *doc);

/*
 * The seed's figures (Ⅳ-2-10): 687 affairs, 500 완료 / 152 진행 / 35
 * 사무폐지, spread over the divisions, and the 2007-09 inspection round
 * with a partial set of results.  After the org demo; 0, also when the
 * organisation has affairs, or -1 with err; on -1 nothing is written.
 */
int devolved_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		       size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module devolved_module;

#endif
