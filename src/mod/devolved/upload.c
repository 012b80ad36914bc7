/*
 * upload.c: the ministry's list's two doors (import.c does the work): the
 * administrators' upload page, a file and a "check only" (dry run) box,
 * answering every bad row with its line, and `innoland devolved import
 * FILE [--dry-run] [--org CODE]`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/users.h"
#include "core/buf.h"
#include "crud/module.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/devolved/devolved.h"

enum err devolved_page_import(struct request *req, struct response *res)
{
	(void)req;
	res->doc = json_pack("{s:b}", "dry_run", 1);
	return ERR_OK;
}

enum err devolved_page_import_post(struct request *req, struct response *res)
{
	const struct upload *file = NULL;
	for (size_t i = 0; i < req->files.n; i++)
		if (!strcmp(req->files.items[i].field, "file"))
			file = &req->files.items[i];
	int dry = !strcmp(request_form(req, "dry_run"), "1");
	if (!file || !file->len) {
		res->status = 422;
		res->doc = json_pack("{s:s, s:b}", "error",
				     "가져올 파일(CSV 또는 XLSX)을 골라 주세요.", "dry_run", dry);
		return ERR_OK;
	}
	struct import_report r;
	struct audit_actor who = request_actor(req);
	enum err e = devolved_import(request_db(req), &who, req->who.org_id, file->data, file->len,
				     dry, &r);
	if (e != ERR_OK && e != ERR_INVALID) {
		json_decref(r.problems);
		return e;
	}
	res->status = e == ERR_INVALID ? 422 : 200;
	json_t *doc = json_object();
	json_object_set_new(doc, "filename", json_string(file->filename));
	json_object_set_new(doc, "rows", json_integer((json_int_t)r.rows));
	json_object_set_new(doc, "created", json_integer((json_int_t)r.created));
	json_object_set_new(doc, "updated", json_integer((json_int_t)r.updated));
	json_object_set_new(doc, "has_problems", json_boolean(json_array_size(r.problems) > 0));
	json_object_set_new(doc, "problems", r.problems);
	json_object_set_new(doc, "dry_run", json_boolean(dry));
	json_object_set_new(doc, "checked", json_boolean(dry && e == ERR_OK));
	json_object_set_new(doc, "done", json_boolean(!dry && e == ERR_OK));
	res->doc = doc;
	return ERR_OK;
}

#define FILE_MAX (64u << 20) /* the largest file the shell imports */

int devolved_cli_import(struct db *db, const struct cli_args *a)
{
	const char *path = a->file, *org_code = cli_opt(a, "org");
	int dry_run = cli_opt(a, "dry-run") != NULL;
	size_t len;
	char *data = file_slurp(path, FILE_MAX, &len);
	if (!data) {
		fprintf(stderr, "innoland devolved import: %s: 읽을 수 없습니다 (64MB 이하 파일)\n",
			path);
		return 1;
	}
	struct db_conn *c = db_acquire(db);
	int64_t org = org_find_or_first(c, org_code);
	int rc = 1;
	if (org <= 0) {
		fprintf(stderr, "innoland devolved import: 기관을 찾을 수 없습니다 (--org CODE)\n");
	} else {
		struct audit_actor by = {org, 0, "system", NULL};
		struct import_report r;
		enum err e = devolved_import(c, &by, org, data, len, dry_run, &r);
		rc = import_report_print("innoland devolved import", path, e, dry_run, &r);
		json_decref(r.problems);
	}
	db_release(c);
	free(data);
	return rc;
}
