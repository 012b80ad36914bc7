/*
 * attach.c: files attached to the rows of an entity that takes them
 * (struct entity's attachments): uploaded from the row's page, listed
 * there, downloaded by whoever may read the row.  A download is always
 * sent as application/octet-stream with Content-Disposition: attachment,
 * so an uploaded HTML or SVG file is never rendered as one of our pages.
 * The type is read from the content, not the name: PDF, 한글 (HWP, HWPX),
 * office files (OOXML or the old compound format), PNG, JPEG, GIF, or
 * UTF-8 text; anything else (a program, a renamed binary) is refused.  The
 * bytes are stored once per content under their SHA-256.  Every upload is
 * audited.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "crud/crud_int.h"
#include "db/db.h"

#define ATTACH_MAX_FILES 20 /* files on one row */

/* What the bytes are, from their first bytes; NULL when not a kind taken. */
static const char *sniff(const unsigned char *d, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *kind;
	} kinds[] = {
		{"%PDF-", 5, "pdf"},
		{"\x89PNG\r\n\x1a\n", 8, "image"},
		{"\xff\xd8\xff", 3, "image"},
		{"GIF87a", 6, "image"},
		{"GIF89a", 6, "image"},
		{"PK\x03\x04", 4, "office"},			   /* docx, xlsx, hwpx */
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "office"}, /* hwp, doc, xls */
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (n >= kinds[i].len && !memcmp(d, kinds[i].magic, kinds[i].len))
			return kinds[i].kind;
	size_t skip = n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3) ? 3 : 0;
	if (!utf8_valid((const char *)d + skip, n - skip))
		return NULL;
	for (size_t i = skip; i < n; i++) /* text: no control bytes but tab and line ends */
		if ((d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r') || d[i] == 0x7f)
			return NULL;
	return "text";
}

json_t *crud_attachments(struct request *req, const struct entity *e, int64_t id)
{
	static const char sql[] =
		"SELECT id, filename, size, substr(created_at, 1, 10) FROM "
		"attachments WHERE org_id = ? AND entity = ? AND record_id = ? AND "
		"archived_at IS NULL ORDER BY id";
	struct db_stmt *s = db_preparef(request_db(req), sql, "iti", req->who.org_id, e->name, id);
	json_t *files = json_array();
	while (s && db_step(s) == DB_ROW) {
		int64_t size = db_column_int(s, 2);
		char shown[32];
		if (size < 1024)
			snprintf(shown, sizeof shown, "%lld B", (long long)size);
		else if (size < 1024 * 1024)
			snprintf(shown, sizeof shown, "%.1f KB", size / 1024.0);
		else
			snprintf(shown, sizeof shown, "%.1f MB", size / 1048576.0);
		json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:s}", "id",
						       (json_int_t)db_column_int(s, 0), "filename",
						       db_column_text(s, 1), "size", shown, "date",
						       db_column_text(s, 3)));
	}
	db_finalize(s);
	return files;
}

/* The upload to attach (the form's "file"), or NULL with *why. */
static const struct upload *the_file(struct request *req, const struct entity *e, int64_t id,
				     struct response *res, enum err *why)
{
	const struct upload *file = NULL;
	for (size_t i = 0; i < req->files.n; i++)
		if (!strcmp(req->files.items[i].field, "file") && req->files.items[i].len)
			file = &req->files.items[i];
	if (!file || !file->filename[0]) {
		res->detail = "첨부할 파일을 골라 주세요.";
		*why = ERR_INVALID;
		return NULL;
	}
	int rc = DB_ERR;
	int64_t count = db_int(request_db(req), &rc, 0,
			       "SELECT COUNT(*) FROM attachments WHERE org_id = ? AND entity = ? "
			       "AND record_id = ? AND archived_at IS NULL",
			       "iti", req->who.org_id, e->name, id);
	*why = rc == DB_ERR ? ERR_DB_UNAVAILABLE : ERR_OK;
	if (*why == ERR_OK && count >= ATTACH_MAX_FILES) {
		res->detail = "한 항목에는 파일을 20개까지 첨부할 수 있습니다.";
		*why = ERR_CONFLICT;
	}
	if (*why == ERR_OK && !sniff(file->data, file->len)) {
		res->detail = "받지 않는 파일 형식입니다. PDF, 한글, 오피스 문서, 그림(PNG, JPEG, "
			      "GIF), 텍스트 파일만 첨부할 수 있습니다.";
		*why = ERR_INVALID;
	}
	return *why == ERR_OK ? file : NULL;
}

/* Stores file on row id of e in one transaction: its bytes once per
 * SHA-256, the attachment, the audit entry, and what depends on the row. */
static enum err store_file(struct request *req, const struct entity *e, int64_t id,
			   const json_t *row, const struct upload *file)
{
	struct db_conn *c = request_db(req);
	unsigned char digest[crypto_hash_sha256_BYTES];
	char sha[crypto_hash_sha256_BYTES * 2 + 1], rid[24];
	crypto_hash_sha256(digest, file->data, file->len);
	sodium_bin2hex(sha, sizeof sha, digest, sizeof digest);
	size_t b64len = sodium_base64_ENCODED_LEN(file->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(b64len);
	if (!b64)
		return ERR_INTERNAL;
	sodium_bin2base64(b64, b64len, file->data, file->len, sodium_base64_VARIANT_ORIGINAL);
	struct audit_actor who = request_actor(req);
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	json_t *diff = json_pack("{s:[n,{s:s, s:I}]}", "attachment", "filename", file->filename,
				 "size", (json_int_t)file->len);
	int ok = db_begin(c) == DB_OK &&
		 db_run(c, NULL,
			"INSERT INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?) ON "
			"CONFLICT DO NOTHING",
			"tit", sha, (int64_t)file->len, b64) == DB_OK &&
		 db_run(c, NULL,
			"INSERT INTO attachments (org_id, entity, record_id, filename, kind, size, "
			"sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			"itittiti", req->who.org_id, e->name, id, file->filename,
			sniff(file->data, file->len), (int64_t)file->len, sha,
			req->who.user_id) == DB_OK &&
		 audit_append(c, &who, "attach", e->name, rid, diff) == 0 &&
		 /* what depends on the row (a search index of file names) follows it */
		 (!e->after_write || e->after_write(req, e, id, row, row) == ERR_OK) &&
		 db_commit(c) == DB_OK;
	json_decref(diff);
	free(b64);
	if (ok)
		return ERR_OK;
	db_rollback(c);
	return ERR_DB_UNAVAILABLE;
}

enum err crud_page_attach(struct request *req, struct response *res)
{
	const struct entity *e = req->match.route->data;
	int64_t id = request_param_id(req, "id");
	enum err why;
	json_t *row = crud_get(req, e, id, &why);
	if (!row)
		return why;
	const struct upload *file = NULL;
	if (!crud_may(req, e, ACT_UPDATE, row))
		why = ERR_FORBIDDEN;
	else if ((file = the_file(req, e, id, res, &why)))
		why = store_file(req, e, id, row, file);
	json_decref(row);
	if (why != ERR_OK)
		return why;
	response_redirect(req, res, arena_printf(&req->arena, "/%s/%lld", e->name, (long long)id));
	return ERR_OK;
}

/* "filename*=UTF-8''%EC%9B%94..." for Content-Disposition (RFC 6266). */
static const char *disposition(struct request *req, const char *name)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "attachment; filename=\"download\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return out;
}

enum err crud_page_attachment(struct request *req, struct response *res)
{
	const struct entity *e = req->match.route->data;
	int64_t id = request_param_id(req, "id"), file = request_param_id(req, "file");
	enum err why;
	json_t *row = crud_get(req, e, id, &why); /* the row's readers read its files */
	if (!row)
		return why;
	int may = crud_may(req, e, ACT_READ, row);
	json_decref(row);
	if (!may)
		return ERR_FORBIDDEN;
	struct db_stmt *s = db_preparef(
		request_db(req),
		"SELECT a.filename, b.size, b.data FROM attachments a JOIN "
		"attachment_blobs b ON b.sha256 = a.sha256 WHERE a.id = ? AND "
		"a.org_id = ? AND a.entity = ? AND a.record_id = ? AND a.archived_at IS "
		"NULL",
		"iiti", file, req->who.org_id, e->name, id);
	int rc = s ? db_step(s) : DB_ERR;
	if (rc != DB_ROW) {
		db_finalize(s);
		return rc == DB_OK ? ERR_NOT_FOUND : ERR_DB_UNAVAILABLE;
	}
	size_t size = (size_t)db_column_int(s, 1), len = 0;
	const char *b64 = db_column_text(s, 2);
	char *data = malloc(size ? size : 1);
	if (!data || sodium_base642bin((unsigned char *)data, size, b64, strlen(b64), NULL, &len,
				       NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(data);
		db_finalize(s);
		return ERR_INTERNAL;
	}
	response_header(res, "Content-Disposition", disposition(req, db_column_text(s, 0)));
	db_finalize(s);
	response_header(res, "Cache-Control", "private, no-store");
	res->content_type = "application/octet-stream";
	res->body = data;
	res->body_len = len;
	return ERR_OK;
}
