/* assets.c: see assets.h. */
#include "http/assets.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/xalloc.h"
#include "http/http.h"

#define HASH_LEN 16

/* Where a hashed name's hash sits: "name.<16 hex>.ext".  Returns the offset
 * of the hash's first digit in base, or 0 when the name carries none. */
static size_t hash_offset(const char *base)
{
	const char *ext = strrchr(base, '.');
	if (!ext || ext - base < HASH_LEN + 2 || ext[-HASH_LEN - 1] != '.')
		return 0;
	for (const char *p = ext - HASH_LEN; p < ext; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return (size_t)(ext - HASH_LEN - base);
}

char *asset_url(const char *logical)
{
	const struct embedded_file *f = embedded_find(logical);
	if (!f)
		return NULL;
	const char *ext = strrchr(logical, '.');
	size_t stem = ext ? (size_t)(ext - logical) : strlen(logical);
	struct buf b = BUF_INIT;
	buf_printf(&b, "/%.*s.%s%s", (int)stem, logical, f->hash, ext ? ext : "");
	return buf_detach(&b, NULL);
}

char *asset_read_source(const char *logical, size_t *len)
{
	FILE *list = fopen("tools/assets.list", "r");
	if (!list)
		return NULL;
	char line[1024], prefix[512], source[512], path[1200];
	path[0] = '\0';
	while (fgets(line, sizeof line, list)) {
		if (line[0] == '#' || sscanf(line, "%511s %511s", prefix, source) != 2)
			continue;
		size_t n = strlen(prefix);
		int dir = prefix[n - 1] == '/';
		if (dir ? !strncmp(logical, prefix, n) : !strcmp(logical, prefix))
			snprintf(path, sizeof path, "%s%s", source, dir ? logical + n : "");
	}
	fclose(list);
	FILE *f = path[0] && !strstr(path, "..") ? fopen(path, "rb") : NULL;
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, got);
	fclose(f);
	return buf_detach(&b, len);
}

/* Serves a file read from disk (--dev): no gzip, no long caching. */
static enum err serve_from_disk(struct response *res, const char *logical,
				const struct embedded_file *f)
{
	size_t len;
	char *data = asset_read_source(logical, &len);
	if (!data)
		return ERR_NOT_FOUND;
	res->body = data;
	res->body_len = len;
	res->content_type = f ? f->mime : "application/octet-stream";
	response_header(res, "Cache-Control", "no-cache");
	return ERR_OK;
}

static int accepts_gzip(struct request *req)
{
	const char *ae = request_header(req, "Accept-Encoding");
	return ae && strstr(ae, "gzip");
}

enum err asset_serve(struct request *req, struct response *res)
{
	const char *rest = request_param(req, "path");
	const char *slash = strrchr(rest, '/');
	const char *base = slash ? slash + 1 : rest;
	size_t at = hash_offset(base);
	char *logical = arena_printf(&req->arena, "assets/%s", rest);
	char hash[HASH_LEN + 1] = "";
	if (at) {
		size_t cut = strlen("assets/") + (size_t)(base - rest) + at - 1; /* the dot */
		memcpy(hash, logical + cut + 1, HASH_LEN);
		char *after = logical + cut + 1 + HASH_LEN;
		memmove(logical + cut, after, strlen(after) + 1);
	}
	const struct embedded_file *f = embedded_find(logical);
	if (req->env->dev)
		return serve_from_disk(res, logical, f);
	if (!f)
		return ERR_NOT_FOUND;
	char *etag = arena_printf(&req->arena, "\"%s\"", f->hash);
	response_header(res, "ETag", etag);
	response_header(res, "Cache-Control",
			at && !strcmp(hash, f->hash) ? "public, max-age=31536000, immutable"
						     : "public, max-age=300");
	if (f->gz)
		response_header(res, "Vary", "Accept-Encoding");
	const char *inm = request_header(req, "If-None-Match");
	if (inm && strstr(inm, etag)) {
		res->status = 304;
		res->static_body = "";
		res->body_len = 0;
		return ERR_OK;
	}
	res->content_type = f->mime;
	if (f->gz && accepts_gzip(req)) {
		response_header(res, "Content-Encoding", "gzip");
		res->static_body = f->gz;
		res->body_len = f->gz_len;
	} else {
		res->static_body = f->data;
		res->body_len = f->len;
	}
	return ERR_OK;
}
