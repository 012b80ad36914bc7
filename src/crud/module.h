/*
 * module.h: a module is one folder and one line (DESIGN.md decision 4).
 *
 * Each business module declares itself in src/mod/<name>/module.c with one
 * struct module: its navigation area, its entities, its own routes, the
 * domain event codes it emits, its demo loader, its rebuild step, its shell
 * commands and what it asks of a person on the home page.  src/app/ lists
 * the modules once (app/modules.c) and installs the list before anything
 * reads a registry; every registry of the system (entities, routes, events,
 * navigation, `innoland rebuild`, `--demo`, the command table) is built
 * from it here, once, and read-only afterwards.
 *
 * Memory: everything built here lives until the process ends.
 */
#ifndef INNOLAND_MODULE_H
#define INNOLAND_MODULE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "crud/entity.h"
#include "http/router.h"

struct db;
struct db_conn;
struct audit_actor;

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Where a module lives in the main menu and on the home page, in the
 * module list's order.  Who sees it is not declared: it is whoever may GET
 * href (its route's roles). */
struct module_area {
	const char *href;	 /* the area's first page: "/tasks" */
	const char *label;	 /* Korean name: "혁신과제" */
	const char *label_en;	 /* English name */
	const char *description; /* one line on the home page */
	const char *under;	 /* the main area it is a part of ("/registries"): listed
				    on the home page and that area's page, not in the main
				    menu; NULL: a main area, in the menu */
};

/* The values of a shell command's options, by long name. */
struct cli_args {
	const char *file;	/* the FILE argument, or NULL */
	const char *sub;	/* the command's second word ("staff"), or NULL */
	size_t n;		/* options given */
	const char *names[16];	/* their long names */
	const char *values[16]; /* their values ("" for a flag) */
};

/* The value of option name ("org"), or NULL when it was not given. */
const char *cli_opt(const struct cli_args *a, const char *name);

/* A shell command of a module: `innoland WORD SUB [--opt V ...] [FILE]`. */
struct module_command {
	const char *word;	    /* "mileage" */
	const char *sub;	    /* "award", or NULL */
	const char *const *options; /* long options it takes, NULL-ended; "points=" takes a
				       value, "dry-run" is a flag */
	int file;		    /* 1: one FILE argument after the options */
	const char *usage;	    /* its lines of the usage text (Korean, with English) */
	int (*run)(struct db *db, const struct cli_args *a); /* the process exit status */
};

/* The seed's records for the module, into organisation org, after the
 * modules listed before it; 0 (also when they are already there) or -1
 * with err.  In the loader's own transaction(s). */
typedef int module_demo_fn(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			   size_t errlen);

/* Derives the module's numbers and indexes of org again from its records,
 * inside the caller's transaction. */
typedef enum err module_rebuild_fn(struct db_conn *c, int64_t org);

/*
 * What the signed-in person has to do now in this module, for their role
 * and department: appends {"count", "text", "href"} objects to todo (none
 * when there is nothing), in one query; request_db(req) is there.  A failed query is an error: the
 * home page says so rather than showing a calm empty list.
 */
typedef enum err module_todo_fn(struct request *req, json_t *todo);

/*
 * The plan guard (`innoland plans`, crud/plans.c) reads the plan of every
 * entity's lists and of the statements a module's own pages run: each
 * module names, in plan_pages, GET targets of its pages whose cost must not
 * grow with a table ("/tasks/dashboard?year=2006", a leaderboard, a
 * search); the guard runs each one's handler as an administrator of the
 * first organisation, records what it ran (db_record()) and reads the plan
 * of every SELECT.  Every plan goes to out (NULL: none), each flaw (a
 * whole table walked, all rows found sorted) with its query and plan to
 * err: 0 when none has one, -1 otherwise.
 */
int crud_plans(struct db *db, FILE *out, FILE *err);

struct module {
	const char *name;		       /* "tasks": folder and `innoland modules` */
	const char *label;		       /* Korean name */
	const struct module_area *area;	       /* its menu entry, or NULL */
	const struct entity *const *entities;  /* its entities, NULL-ended, or NULL */
	const struct route *routes;	       /* its own pages */
	size_t n_routes;		       /* how many */
	const struct choice *events;	       /* event codes it emits, {NULL}-ended, or NULL */
	module_demo_fn *demo;		       /* optional: the seed's records */
	module_rebuild_fn *rebuild;	       /* optional: derived data again */
	const char *rebuild_what;	       /* what rebuild makes, Korean, for its message */
	const struct module_command *commands; /* its shell commands */
	size_t n_commands;		       /* how many */
	module_todo_fn *todo;		       /* optional: the home page's work list */
	const char *const *plan_pages;	       /* GET targets the plan guard runs, NULL-ended,
						  or NULL */
};

/*
 * Installs the application's modules (app/modules.c does, once, before any
 * registry is read): builds the entity registry, the event registry and
 * the route table.  The list must outlive the process.  A second call does
 * nothing.  Refuses (aborts with a message) a list that repeats an entity,
 * an event code or a route: a mistake in a declaration, found at start.
 */
void modules_install(const struct module *const *list, size_t n);

/* The installed modules, in their order. */
size_t modules_count(void);
const struct module *module_at(size_t i);

/* Every entity of every module, in module order. */
size_t entities_count(void);
const struct entity *entity_at(size_t i);

enum { MODULE_EVENTS_MAX = 256 };
/* Every domain event code, {NULL}-ended: the choices of a mileage rule
 * (filled by modules_install()). */
extern struct choice module_events[MODULE_EVENTS_MAX + 1];
/* 1 if code is a registered event code. */
int module_event_known(const char *code);

/* The route table: every module's routes, then every entity's (crud). */
const struct route *module_routes(size_t *n);

/* Roles that may open GET path (0: none, or no such route). */
unsigned module_route_allow(const char *path);

/* The query parameters of a page that takes none: the gate drops them all. */
extern const struct query_param module_no_params[];

/* `innoland modules`: the list with what each declares, as JSON. */
json_t *modules_describe(void);

#endif
