/*
 * plans_int.h: what the plans module's files share and no other module
 * sees: the fulfilling-record sources (sources.c).
 */
#ifndef INNOLAND_PLANS_INT_H
#define INNOLAND_PLANS_INT_H

#include "mod/plans/plans.h"

/* A kind of record that fulfils an item (sources.c states the SQL's shape). */
struct plans_source {
	const char *value;	    /* plans_sources' value: "meeting" */
	const char *href;	    /* a record's page: href then its id ("/meetings/") */
	const char *sql;	    /* (org, from, to[, kind, kind]) → id, day, path, title */
	const struct choice *kinds; /* its records' kinds, NULL-ended; NULL: none */
};

/* The source of that value, or NULL. */
const struct plans_source *plans_source_find(const char *value);

#endif
