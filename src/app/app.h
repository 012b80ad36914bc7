/*
 * app.h: the running application: its database, templates, route table and
 * the site-wide data every page shows (organisation, navigation, asset URLs).
 *
 * Built once at start by app_open() and read-only afterwards, so every
 * worker thread shares it without locks.  In --dev mode templates and assets
 * are read from disk on each request instead (app_templates()).
 */
#ifndef INNOLAND_APP_H
#define INNOLAND_APP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/role.h"
#include "http/router.h"

struct db;
struct http_env;
struct tpl_set;

struct app {
	int64_t org_id;		      /* the organisation an anonymous visitor sees (the first) */
	char org_text[24];	      /* org_id as text, for anonymous requests' SQL parameters */
	struct db *db;		      /* the database, a pool of connections */
	struct tpl_set *templates;    /* compiled embedded templates (NULL in dev) */
	int dev;		      /* 1: read templates and assets from disk */
	json_t *site_for[ROLE_COUNT]; /* the same per role: "nav" holds the areas it may open */
	json_t *anonymous_context;    /* {"site": site_for[ROLE_ANONYMOUS]}: what an anonymous page
				       * sees below its document
				       */
	const struct route *routes;   /* the route table (crud/module.h's module_routes()) */
	size_t n_routes;	      /* its length */
};

/* Installs the module list (app/modules.c) into every registry: once,
 * before anything reads one.  main() calls it first, and so does every
 * test and fuzz target that uses entities or routes; a second call does
 * nothing. */
void app_install(void);

/* What belongs to no business module: home, sign-in, accounts (base.c). */
extern const struct module app_base_module;
/* Accounts as a read-only entity, for references and the admin's list
 * (accounts.c). */
extern const struct entity app_accounts;

/* Opens the database at url, applies migrations, loads templates. */
int app_open(struct app *app, const char *db_url, int dev, int pool, char *err, size_t errlen);
void app_close(struct app *app);
/* innoland rebuild: every module's derived numbers and indexes re-made
 * from the records (its rebuild step), for each organisation in its own
 * transaction; 0, or 1 with the reason on stderr. */
int app_rebuild(struct db *db);

/* --demo: every module's demo loader in the list's order, into the first
 * organisation; 0, or -1 with the reason logged. */
int app_demo_load(struct db *db);

/* What the server needs of app (http/http.h), with auth's gate registered. */
void app_http_env(struct app *app, struct http_env *env);

/* The template set for one request; give it back with app_templates_done(). */
struct tpl_set *app_templates(struct app *app, char *err, size_t errlen);
void app_templates_done(struct app *app, struct tpl_set *set);

/* Every template file under templates/, compiled; NULL with err on failure.
 * from_disk reads the source folder instead of the embedded copies. */
struct tpl_set *templates_load(int from_disk, char *err, size_t errlen);

#endif
