/*
 * assets.h: the browser assets under /assets/: KRDS styles, fonts and
 * icons, htmx, our own CSS.  All are embedded in the binary (core/embed.h).
 *
 * Each asset is served at its plain name with an ETag (its content hash)
 * and a short cache lifetime, and at a hashed name ("output.<hash>.css")
 * that pages link to, cached for a year as immutable.  gzip is sent when the
 * client accepts it and the build found it worth storing.
 *
 * In --dev mode assets are read from the files tools/assets.list names, so
 * a change to web/static shows on reload.
 */
#ifndef INNOLAND_ASSETS_H
#define INNOLAND_ASSETS_H

#include <stddef.h>

#include "core/error.h"

struct request;
struct response;

/* "/assets/krds/css/component/output.<hash>.css" for the logical path
 * "assets/krds/css/component/output.css"; malloc'd.  NULL if not embedded. */
char *asset_url(const char *logical);

/* Route handler for GET /assets/ followed by any path. */
enum err asset_serve(struct request *req, struct response *res);

/* Reads the file that tools/assets.list maps logical to; malloc'd bytes or
 * NULL.  Used by --dev for templates and assets alike. */
char *asset_read_source(const char *logical, size_t *len);

#endif
