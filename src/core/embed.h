/*
 * embed.h: files compiled into the binary by tools/embed (templates,
 * migrations, browser assets).  The table is generated at build time into
 * build/gen/embedded.c from tools/assets.list, sorted by path.
 *
 * Paths are the names the program uses: "templates/layout.mustache",
 * "migrations/0001_core.sql", "assets/krds/css/component/output.css".
 * Everything here is static, read-only data.
 */
#ifndef INNOLAND_EMBED_H
#define INNOLAND_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *path;	   /* logical path, see above */
	const unsigned char *data; /* contents (NUL-terminated for convenience) */
	size_t len;		   /* length of data, without the terminator */
	const unsigned char *gz;   /* gzip of data, or NULL when it would not shrink */
	size_t gz_len;		   /* length of gz */
	const char *mime;	   /* Content-Type */
	const char *hash;	   /* 16 hex digits of the content hash (ETag, hashed name) */
};

extern const struct embedded_file embedded_files[]; /* sorted by path */
extern const size_t embedded_count;

/* The file at path, or NULL. Binary search. */
const struct embedded_file *embedded_find(const char *path);

#endif
