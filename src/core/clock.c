/* clock.c: see clock.h. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
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

enum { KST_OFFSET = 9 * 3600 };

void kst_text(const char *utc, char out[20])
{
	struct tm tm = {0};
	const char *end = utc ? strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (!end || (*end != 'Z' && *end != '.')) {
		snprintf(out, 20, "%s", utc ? utc : "");
		return;
	}
	time_t t = timegm(&tm) + KST_OFFSET;
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", gmtime_r(&t, &tm));
}

int kst_day_start(const char *date, int days, char out[24])
{
	struct tm tm = {0};
	out[0] = '\0';
	if (!date_valid(date) || !strptime(date, "%Y-%m-%d", &tm))
		return -1;
	time_t t = timegm(&tm) + (time_t)days * 86400 - KST_OFFSET;
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	return 0;
}

int month_valid(const char *s)
{
	if (!s || strlen(s) < 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5);
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && (s[7] == '\0' || s[7] == '-');
}

int date_valid(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || !month_valid(s) || s[8] < '0' || s[8] > '9' || s[9] < '0' ||
	    s[9] > '9')
		return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= days[m - 1] && !(m == 2 && d == 29 && !leap);
}
