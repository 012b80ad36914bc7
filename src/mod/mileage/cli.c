/* cli.c: `innoland mileage award FILE --points P --reason R [--on DATE]
 * [--org CODE]`: the bulk award of the web page from the shell, FILE
 * holding employee numbers (one a line, or a spreadsheet column saved as
 * text); `innoland mileage take`: the domain events not yet taken (written
 * by a bulk load around the engine), through the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/buf.h"
#include "db/db.h"
#include "mod/mileage/mileage.h"

int mileage_cli_award(struct db *db, const char *path, const char *org_code, const char *points,
		      const char *on, const char *reason)
{
	size_t len;
	char *list = file_slurp(path, 64u << 20, &len);
	if (!list) {
		fprintf(stderr, "innoland mileage award: %s: 읽을 수 없습니다 (64MB 이하 파일)\n",
			path);
		return 1;
	}
	const char *why = NULL;
	json_t *raw = json_string(points ? points : ""), *p = NULL, *d = NULL;
	if (raw)
		p = crud_convert(entity_field(&mileage_entries, "points"), raw, &why);
	json_decref(raw);
	raw = on ? json_string(on) : NULL;
	if (raw)
		d = crud_convert(entity_field(&mileage_entries, "earned_on"), raw, &why);
	json_decref(raw);
	int64_t halves = json_is_real(p) ? (int64_t)(json_real_value(p) * 2) : 0;
	char day[32] = "";
	if (json_is_string(d))
		snprintf(day, sizeof day, "%s", json_string_value(d));
	json_decref(p);
	json_decref(d);
	if (halves <= 0 || (on && !*day) || !reason || !*reason) {
		fprintf(stderr, "innoland mileage award: %s\n",
			halves <= 0 ? "--points: 0보다 큰 점수를 0.5 단위로 주세요"
			: !reason || !*reason ? "--reason: 부여하는 까닭을 주세요"
					      : "--on: 날짜는 2007-03-15 꼴로 주세요");
		free(list);
		return 2;
	}
	if (!*day) {
		char now[24];
		session_time(0, now);
		snprintf(day, sizeof day, "%.10s", now);
	}
	struct db_conn *c = db_acquire(db);
	int64_t org = !c	 ? -1
		      : org_code ? org_find(c, org_code)
				 : db_int(c, NULL, 0, "SELECT MIN(id) FROM organisations", "");
	int rc = 1;
	char problem[600] = "";
	size_t people = 0;
	if (org <= 0)
		fprintf(stderr, "innoland mileage award: 기관을 찾을 수 없습니다 (--org CODE)\n");
	else if (db_begin(c) == DB_OK) {
		struct audit_actor by = {org, 0, "system", NULL};
		enum err e = mileage_bulk(c, org, list, halves, day, reason, 0, "system", &people,
					  problem, sizeof problem);
		json_t *diff =
			json_pack("{s:I, s:f, s:s, s:s}", "people", (json_int_t)people, "points",
				  (double)halves / 2, "earned_on", day, "reason", reason);
		if (e == ERR_OK &&
		    audit_append(c, &by, "bulk_award", "mileage-entries", NULL, diff) == 0 &&
		    db_commit(c) == DB_OK) {
			char t[32];
			printf("%zu명에게 %s점씩 부여했습니다 (%s)\n", people,
			       halves_text(halves, t), day);
			rc = 0;
		} else {
			db_rollback(c);
			fprintf(stderr, "innoland mileage award: %s\n",
				*problem ? problem : db_errmsg(c));
		}
		json_decref(diff);
	}
	db_release(c);
	free(list);
	return rc;
}

int mileage_cli_take(struct db *db, const char *org_code)
{
	struct db_conn *c = db_acquire(db);
	int64_t org = !c	 ? -1
		      : org_code ? org_find(c, org_code)
				 : db_int(c, NULL, 0, "SELECT MIN(id) FROM organisations", "");
	int64_t taken = 0;
	int rc = 1;
	if (org <= 0)
		fprintf(stderr, "innoland mileage take: 기관을 찾을 수 없습니다 (--org CODE)\n");
	else if (db_begin(c) == DB_OK && mileage_take_pending(c, org, &taken) == ERR_OK &&
		 db_commit(c) == DB_OK) {
		printf("처리하지 않은 활동 %lld건을 기준에 따라 처리했습니다.\n", (long long)taken);
		rc = 0;
	} else {
		fprintf(stderr, "innoland mileage take: %s\n", db_errmsg(c));
		db_rollback(c);
	}
	db_release(c);
	return rc;
}
