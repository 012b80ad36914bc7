/* cli.c: `innoland import staff|departments FILE [--dry-run] [--org CODE]`,
 * with a progress bar when standard error is a terminal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/users.h"
#include "core/buf.h"
#include "db/db.h"
#include "crud/module.h"
#include "mod/org/cli.h"
#include "mod/org/import.h"

#define FILE_MAX (64u << 20) /* the largest file the shell imports */

static void bar(void *ctx, size_t done, size_t total)
{
	int width = 40, filled = total ? (int)(done * (size_t)width / total) : width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled, "########################################",
		width - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
}

int org_cli_import(struct db *db, const struct cli_args *a)
{
	const char *path = a->file, *org_code = cli_opt(a, "org");
	int dry_run = cli_opt(a, "dry-run") != NULL;
	enum import_kind kind = !strcmp(a->sub, "staff") ? IMPORT_STAFF : IMPORT_DEPARTMENTS;
	size_t len;
	unsigned char *data = (unsigned char *)file_slurp(path, FILE_MAX, &len);
	if (!data) {
		fprintf(stderr, "innoland import: %s: 읽을 수 없습니다 (64MB 이하 파일)\n", path);
		return 1;
	}
	struct db_conn *c = db_acquire(db);
	int64_t org = org_find_or_first(c, org_code);
	int rc = 1;
	if (org <= 0) {
		fprintf(stderr, "innoland import: 기관을 찾을 수 없습니다 (--org CODE)\n");
	} else {
		struct audit_actor by = {org, 0, "system", NULL};
		struct import_report r;
		enum err e = org_import(c, &by, org, kind, data, len, dry_run, &r,
					isatty(STDERR_FILENO) ? bar : NULL, NULL);
		rc = import_report_print("innoland import", path, e, dry_run, &r);
		json_decref(r.problems);
	}
	db_release(c);
	free(data);
	return rc;
}

int import_report_print(const char *cmd, const char *path, enum err e, int dry_run,
			const struct import_report *r)
{
	size_t i;
	json_t *p;
	json_array_foreach(r->problems, i, p)
		fprintf(stderr, "%s:%lld: %s\n", path,
			(long long)json_integer_value(json_object_get(p, "line")),
			json_string_value(json_object_get(p, "message")));
	if (e == ERR_OK)
		printf("%s%zu rows: %zu new, %zu updated\n", dry_run ? "(dry run) " : "", r->rows,
		       r->created, r->updated);
	else if (e != ERR_INVALID)
		fprintf(stderr, "%s: %s\n", cmd, err_info(e)->message);
	else
		fprintf(stderr, "%s: %zu개 문제로 저장하지 않았습니다\n", cmd,
			json_array_size(r->problems));
	return e == ERR_OK ? 0 : 1;
}
