/*
 * clock.h: the time of day as every layer writes it: UTC, ISO 8601 text, to
 * the second.  Stored timestamps, session limits, throttling, the ledger's
 * days and the pages' "today" all come from here, so they agree.
 *
 * The prefix is utc_, not clock_, which POSIX uses (clock_gettime()).
 * It reads the system clock; nothing overrides it.
 */
#ifndef INNOLAND_CLOCK_H
#define INNOLAND_CLOCK_H

/* "2026-11-27T18:00:00Z" for now + offset seconds. */
void utc_now(long offset, char out[24]);
/* Today as every date the system writes it: "2026-11-27". */
void utc_today(char out[11]);

/* "2006-08": a month, 1900-2999 (also the start of a date_valid() day). */
int month_valid(const char *s);
/* "2006-08-23", a day that exists. */
int date_valid(const char *s);

#endif
