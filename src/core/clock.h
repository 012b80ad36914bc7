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
/* The year of utc_today(). */
int utc_year(void);

/* Korean Standard Time (UTC+9, no daylight saving), as people read times:
 * the stored "2026-12-02T17:05:03Z" (or with fractions) is shown as
 * "2026-12-03 02:05:03".  Text that is not such a time is copied as it is. */
void kst_text(const char *utc, char out[20]);
/* The UTC instant a KST day begins, days later: ("2026-12-03", 0) →
 * "2026-12-02T15:00:00Z", ("2026-12-03", 1) → "2026-12-03T15:00:00Z" (the
 * end of that day).  0, or -1 (out is "") for a date that does not exist. */
int kst_day_start(const char *date, int days, char out[24]);

/* "2006-08": a month, 1900-2999 (also the start of a date_valid() day). */
int month_valid(const char *s);
/* "2006-08-23", a day that exists. */
int date_valid(const char *s);

#endif
