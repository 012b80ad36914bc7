/* clock.c: see clock.h. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* n in w decimal digits at p, zeros in front. */
static void digits(char *p, int w, long long n)
{
	for (int i = w - 1; i >= 0; i--, n /= 10)
		p[i] = (char)('0' + n % 10);
}

/* Every request asks (a session's idle and touch limits): the civil date of
 * the day count by arithmetic (H. Hinnant's civil_from_days), not by
 * gmtime_r() and strftime() with their locks and locale. */
void utc_now(long offset, char out[24])
{
	long long t = (long long)time(NULL) + offset, days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	memcpy(out, "0000-00-00T00:00:00Z", 21);
	digits(out, 4, yoe + era * 400 + (m <= 2));
	digits(out + 5, 2, m);
	digits(out + 8, 2, d);
	digits(out + 11, 2, secs / 3600);
	digits(out + 14, 2, secs / 60 % 60);
	digits(out + 17, 2, secs % 60);
}

void utc_today(char out[11])
{
	char now[24];
	utc_now(0, now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

int utc_year(void)
{
	char today[11];
	utc_today(today);
	return atoi(today);
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
