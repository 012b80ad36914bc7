/*
 * pages.c: the organisation module's own pages: importing departments and
 * staff from a spreadsheet (upload, preview with every bad row, confirm)
 * and the headcount by grade per department (the seed's Ⅰ-1 table).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/http.h"
#include "mod/org/import.h"
#include "mod/org/org.h"
#include "core/xalloc.h"
#include "sheet/sheet.h"

#define UPLOAD_MAX (10u << 20) /* the body cap: a bigger file never reaches us */

static enum import_kind kind_of(struct request *req)
{
	return strncmp(req->match.route->pattern, "/staff", 6) ? IMPORT_DEPARTMENTS : IMPORT_STAFF;
}

static const char *kind_name(enum import_kind k)
{
	return k == IMPORT_STAFF ? "staff" : "departments";
}

enum err org_page_import(struct request *req, struct response *res)
{
	enum import_kind k = kind_of(req);
	res->doc = json_pack("{s:s, s:s}", "kind", kind_name(k), "label",
			     k == IMPORT_STAFF ? "직원" : "부서");
	return ERR_OK;
}

/* Keeps the upload for the confirmation; the token goes into the form. */
static int keep_upload(struct request *req, enum import_kind k, const char *filename,
		       const unsigned char *data, size_t len, char token[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1], stale[24];
	token_new(token);
	token_hash(token, strlen(token), hash);
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64)
		return -1;
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	utc_now(-86400, stale);
	struct db_conn *c = request_db(req);
	int ok = db_run(c, NULL, "DELETE FROM import_uploads WHERE created_at < ?", "t", stale) ==
			 DB_OK &&
		 db_run(c, NULL,
			"INSERT INTO import_uploads (token_hash, org_id, user_id, kind, filename, "
			"data) VALUES (?, ?, ?, ?, ?, ?)",
			"tiittt", hash, req->who.org_id, req->who.user_id, kind_name(k), filename,
			b64) == DB_OK;
	free(b64);
	return ok ? 0 : -1;
}

/* The upload a confirmation names (this user's, this kind), removed as it
 * is taken, into *data (malloc'd): ERR_OK, ERR_GONE (no such upload) or
 * ERR_DB_UNAVAILABLE (then nothing is taken: a confirmation runs once). */
static enum err take_upload(struct request *req, enum import_kind k, const char *token,
			    unsigned char **data, size_t *len, char *filename, size_t fnlen)
{
	char hash[TOKEN_HASH_LEN + 1];
	token_hash(token, strlen(token), hash);
	struct db_conn *c = request_db(req);
	struct db_stmt *s =
		db_preparef(c,
			    "SELECT filename, data FROM import_uploads WHERE token_hash "
			    "= ? AND user_id = ? AND kind = ?",
			    "tit", hash, req->who.user_id, kind_name(k));
	*data = NULL;
	int rc = s ? db_step(s) : DB_ERR;
	if (rc == DB_ROW) {
		const char *b64 = db_column_text(s, 1);
		size_t cap = strlen(b64);
		*data = malloc(cap + 1);
		snprintf(filename, fnlen, "%s", db_column_text(s, 0));
		if (*data && sodium_base642bin(*data, cap, b64, cap, NULL, len, NULL,
					       sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(*data);
			*data = NULL;
		}
	}
	db_finalize(s);
	if (rc < 0 || db_run(c, NULL, "DELETE FROM import_uploads WHERE token_hash = ?", "t",
			     hash) != DB_OK) {
		free(*data);
		*data = NULL;
		return ERR_DB_UNAVAILABLE;
	}
	return *data ? ERR_OK : ERR_GONE;
}

enum err org_page_import_post(struct request *req, struct response *res)
{
	enum import_kind k = kind_of(req);
	const char *confirm = request_form(req, "confirm");
	const struct upload *file = NULL;
	for (size_t i = 0; i < req->files.n; i++)
		if (!strcmp(req->files.items[i].field, "file"))
			file = &req->files.items[i];
	char filename[256] = "";
	size_t len = 0;
	unsigned char *kept = NULL;
	const unsigned char *data = NULL;
	if (strlen(confirm) == TOKEN_LEN) {
		enum err e = take_upload(req, k, confirm, &kept, &len, filename, sizeof filename);
		if (e != ERR_OK)
			return e;
		data = kept;
	} else if (file && file->len) {
		data = file->data;
		len = file->len;
		snprintf(filename, sizeof filename, "%s", file->filename);
	} else {
		res->status = 422;
		res->doc = json_pack("{s:s, s:s, s:s}", "kind", kind_name(k), "label",
				     k == IMPORT_STAFF ? "직원" : "부서", "error",
				     "가져올 파일(CSV 또는 XLSX)을 골라 주세요.");
		return ERR_OK;
	}
	struct import_report r;
	struct audit_actor who = request_actor(req);
	int dry = kept == NULL;
	enum err e = org_import(request_db(req), &who, req->who.org_id, k, data, len, dry, &r, NULL,
				NULL);
	char token[TOKEN_LEN + 1] = "";
	if (dry && e == ERR_OK && keep_upload(req, k, filename, data, len, token) != 0)
		e = ERR_DB_UNAVAILABLE;
	if (dry && k == IMPORT_STAFF && (e == ERR_OK || e == ERR_INVALID) &&
	    crud_privacy(req, &org_staff, "preview", NULL,
			 json_pack("{s:s, s:I, s:I}", "file", filename, "rows", (json_int_t)r.rows,
				   "problems", (json_int_t)json_array_size(r.problems))) != ERR_OK)
		e = ERR_DB_UNAVAILABLE; /* the file's people were read: it is on record */
	free(kept);
	if (e != ERR_OK && e != ERR_INVALID) {
		json_decref(r.problems);
		return e;
	}
	res->status = e == ERR_INVALID ? 422 : 200;
	int has_problems = json_array_size(r.problems) > 0;
	res->doc = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:b, s:b, s:b, s:s}", "kind",
			     kind_name(k), "label", k == IMPORT_STAFF ? "직원" : "부서", "filename",
			     filename, "rows", (json_int_t)r.rows, "created", (json_int_t)r.created,
			     "updated", (json_int_t)r.updated, "problems", r.problems, "preview",
			     dry && e == ERR_OK, "done", !dry && e == ERR_OK, "has_problems",
			     has_problems, "confirm", token);
	return ERR_OK;
}

/* Grade columns of the headcount, in the order of the seed's table. */
static const char *const grade_keys[] = {"g4", "g5", "g6", "g7", "g8", "g9", "other"};
#define N_GRADES 7

static size_t grade_index(const char *g)
{
	for (size_t i = 0; i < N_GRADES - 1; i++)
		if (!strcmp(g, grade_keys[i]))
			return i;
	return N_GRADES - 1;
}

struct dept_counts {
	int64_t id, parent;  /* the department and its parent (0: none) */
	const char *name;    /* arena copy */
	int team;	     /* kind 'team': counted in its parent's row */
	int64_t n[N_GRADES]; /* active staff per grade */
};

/* The headcount document: one row per department that is not a team. */
/* The organisation's live departments, in their order; how many into *n,
 * or NULL on a database error.  Names live in the request's arena. */
static struct dept_counts *read_departments(struct request *req, size_t *n)
{
	size_t cap = 256;
	struct dept_counts *d = xcalloc(cap, sizeof *d);
	struct db_stmt *s =
		db_preparef(request_db(req),
			    "SELECT id, COALESCE(parent_id, 0), name, kind FROM departments "
			    "WHERE org_id = ? AND archived_at IS NULL ORDER BY sort_order, id",
			    "i", req->who.org_id);
	int rc = DB_ERR;
	*n = 0;
	while (s && (rc = db_step(s)) == DB_ROW) {
		if (*n == cap)
			d = xrealloc(d, (cap *= 2) * sizeof *d);
		memset(&d[*n], 0, sizeof d[*n]);
		d[*n].id = db_column_int(s, 0);
		d[*n].parent = db_column_int(s, 1);
		d[*n].name = arena_strdup(&req->arena, db_column_text(s, 2));
		d[*n].team = !strcmp(db_column_text(s, 3), "team");
		(*n)++;
	}
	db_finalize(s);
	if (rc == DB_OK)
		return d;
	free(d);
	return NULL;
}

/* Where a member of department id counts: the department, or for a team
 * the nearest department above it that is not one; n when none. */
static size_t counted_in(const struct dept_counts *d, size_t n, int64_t id)
{
	size_t i = 0;
	while (i < n && d[i].id != id)
		i++;
	for (int hop = 0; i < n && d[i].team && hop < 8; hop++) {
		size_t p = 0;
		while (p < n && d[p].id != d[i].parent)
			p++;
		if (p == n)
			break;
		i = p;
	}
	return i;
}

/* The active staff per department and grade into d. */
static enum err count_staff(struct request *req, struct dept_counts *d, size_t n)
{
	struct db_stmt *s = db_preparef(
		request_db(req),
		"SELECT department_id, grade, COUNT(*) FROM staff WHERE org_id = ? AND active = "
		"1 AND archived_at IS NULL AND department_id IS NOT NULL GROUP BY department_id, "
		"grade",
		"i", req->who.org_id);
	int rc = DB_ERR;
	while (s && (rc = db_step(s)) == DB_ROW) {
		size_t i = counted_in(d, n, db_column_int(s, 0));
		if (i < n)
			d[i].n[grade_index(db_column_text(s, 1))] += db_column_int(s, 2);
	}
	db_finalize(s);
	return rc == DB_OK ? ERR_OK : ERR_DB_UNAVAILABLE;
}

/* The table: a row per department that is not a team and has staff, with
 * its total then each grade; the totals of every column into total. */
static json_t *headcount_rows(const struct dept_counts *d, size_t n, int64_t total[N_GRADES + 1])
{
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		int64_t sum = 0;
		for (size_t g = 0; g < N_GRADES; g++)
			sum += d[i].n[g];
		if (d[i].team || !sum)
			continue;
		json_t *cells = json_array();
		json_array_append_new(cells, json_integer(sum));
		for (size_t g = 0; g < N_GRADES; g++) {
			json_array_append_new(cells, json_integer(d[i].n[g]));
			total[g + 1] += d[i].n[g];
		}
		total[0] += sum;
		json_array_append_new(rows, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)d[i].id,
						      "name", d[i].name, "counts", cells));
	}
	return rows;
}

static enum err headcount(struct request *req, json_t **out)
{
	size_t n;
	struct dept_counts *d = read_departments(req, &n);
	enum err e = d ? count_staff(req, d, n) : ERR_DB_UNAVAILABLE;
	if (e != ERR_OK) {
		free(d);
		return e;
	}
	int64_t total[N_GRADES + 1] = {0};
	json_t *rows = headcount_rows(d, n, total), *totals = json_array();
	free(d);
	for (size_t g = 0; g <= N_GRADES; g++)
		json_array_append_new(totals, json_integer(total[g]));
	*out = json_pack("{s:o, s:o, s:[s,s,s,s,s,s,s,s]}", "rows", rows, "totals", totals,
			 "columns", "계", "4급", "5급", "6급", "7급", "8급", "9급", "기타");
	return ERR_OK;
}

enum err org_page_headcount(struct request *req, struct response *res)
{
	return headcount(req, &res->doc);
}

enum err org_page_headcount_export(struct request *req, struct response *res)
{
	json_t *doc;
	enum err e = headcount(req, &doc);
	if (e != ERR_OK)
		return e;
	int xlsx = strstr(req->match.route->pattern, ".xlsx") != NULL;
	struct sheet_writer *w = sheet_writer_new(xlsx ? SHEET_XLSX : SHEET_CSV, "직급별 현원");
	const char *cells[10] = {"부서"};
	char nums[9][24];
	for (size_t g = 0; g < 8; g++)
		cells[g + 1] =
			json_string_value(json_array_get(json_object_get(doc, "columns"), g));
	sheet_writer_row(w, 9, cells);
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(doc, "rows"), i, row)
	{
		cells[0] = json_string_value(json_object_get(row, "name"));
		for (size_t g = 0; g < 8; g++) {
			snprintf(nums[g], sizeof nums[g], "%lld",
				 (long long)json_integer_value(
					 json_array_get(json_object_get(row, "counts"), g)));
			cells[g + 1] = nums[g];
		}
		sheet_writer_row(w, 9, cells);
	}
	json_decref(doc);
	return crud_send_sheet(req, res, w, xlsx, "headcount");
}
