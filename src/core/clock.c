/* clock.c: see clock.h. */
#include "core/clock.h"

#include <string.h>
#include <time.h>

void utc_now(long offset, char out[24])
{
	time_t t = time(NULL) + offset;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void utc_today(char out[11])
{
	char now[24];
	utc_now(0, now);
	memcpy(out, now, 10);
	out[10] = '\0';
}
