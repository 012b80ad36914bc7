/* cli.c: `innoland mileage award FILE --points P --reason R [--on DATE]
 * [--org CODE]`: the bulk award of the web page from the shell, FILE
 * holding employee numbers (one a line, or a spreadsheet column saved as
 * text); `innoland mileage take`: the domain events not yet taken (written
 * by a bulk load around the engine), through the rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/users.h"
#include "core/buf.h"
#include "db/db.h"
#include "crud/module.h"
#include "mod/mileage/mileage.h"

int mileage_cli_award(struct db *db, const struct cli_args *a)
{
	const char *path = a->file, *org_code = cli_opt(a, "org"), *points = cli_opt(a, "points"),
		   *on = cli_opt(a, "on"), *reason = cli_opt(a, "reason");
	size_t len;
	char *list = file_slurp(path, 64u << 20, &len);
	if (!list) {
		fprintf(stderr, "innoland mileage award: %s: 읽을 수 없습니다 (64MB 이하 파일)\n",
			path);
		return 1;
	}
	struct db_conn *c = db_acquire(db);
	int64_t org = org_find_or_first(c, org_code);
	struct audit_actor by = {org, 0, "system", NULL};
	struct mileage_bulk b = {list, points, on ? on : "", reason, "system"};
	char problem[600] = "";
	size_t people = 0;
	enum err e = org <= 0 ? ERR_NOT_FOUND
			      : mileage_bulk(c, &by, org, &b, &people, problem, sizeof problem);
	if (e == ERR_OK)
		printf("%zu명에게 %s점씩 부여했습니다\n", people, points);
	else
		fprintf(stderr, "innoland mileage award: %s\n",
			org <= 0   ? "기관을 찾을 수 없습니다 (--org CODE)"
			: *problem ? problem
				   : db_errmsg(c));
	db_release(c);
	free(list);
	return e == ERR_OK ? 0 : e == ERR_INVALID ? 2 : 1;
}

int mileage_cli_take(struct db *db, const struct cli_args *a)
{
	const char *org_code = cli_opt(a, "org");
	struct db_conn *c = db_acquire(db);
	int64_t org = org_find_or_first(c, org_code);
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
