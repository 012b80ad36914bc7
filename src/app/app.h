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

#include "http/router.h"

struct db;
struct http_env;
struct tpl_set;

struct app {
	int64_t org_id;		   /* the organisation an anonymous visitor sees (the first) */
	char org_text[24];	   /* org_id as text, for anonymous requests' SQL parameters */
	struct db *db;		   /* the database, a pool of connections */
	struct tpl_set *templates; /* compiled embedded templates (NULL in dev) */
	int dev;		   /* 1: read templates and assets from disk */
	json_t *site;		   /* {"org", "nav", "asset", "version"}: shown on every page */
	json_t *anonymous_context; /* {"site": site}: what an anonymous page sees below its document
				    */
	const struct route *routes; /* the route table (app/routes.c) */
	size_t n_routes;	    /* its length */
};

/*
 * The route table: the fixed routes of app/routes.c followed by the routes
 * every entity of the registry gets (crud/routes.c).  Built once; the
 * returned array lives until the process ends.
 */
const struct route *app_route_table(size_t *n);

/* Opens the database at url, applies migrations, loads templates. */
int app_open(struct app *app, const char *db_url, int dev, int pool, char *err, size_t errlen);
void app_close(struct app *app);
/* innoland rebuild: every derived number and index re-made from the
 * records (task progress and totals, the knowledge search index), for each
 * organisation in its own transaction; 0, or 1 with the reason on stderr. */
int app_rebuild(struct db *db);

/* What the server needs of app (http/http.h), with auth's gate registered. */
void app_http_env(struct app *app, struct http_env *env);

/* The template set for one request; give it back with app_templates_done(). */
struct tpl_set *app_templates(struct app *app, char *err, size_t errlen);
void app_templates_done(struct app *app, struct tpl_set *set);

/* Every template file under templates/, compiled; NULL with err on failure.
 * from_disk reads the source folder instead of the embedded copies. */
struct tpl_set *templates_load(int from_disk, char *err, size_t errlen);

#endif
