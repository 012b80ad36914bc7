/*
 * multipart.h: decoding of multipart/form-data request bodies (RFC 7578 on
 * top of RFC 2046), the way browsers send forms with file inputs.
 *
 * A part without a filename parameter is a plain field and joins the
 * urlencoded-style parameters (struct params, form.h); a part with one, even
 * filename="" (a file input left empty), is an upload.
 *
 * Invariants: the parse is all or nothing (on error *fields and *files are
 * untouched); every field name and value and every filename is valid UTF-8
 * without NUL bytes; a filename holds no '/', '\\' or control character and
 * is never "." or ".."; there are hard caps on parts, names, values and
 * header lines (below).
 *
 * Memory: names, values, filenames and content types are copied into the
 * caller's arena; an upload's data is not copied but points into the body,
 * so it lives as long as the body buffer does.
 */
#ifndef INNOLAND_MULTIPART_H
#define INNOLAND_MULTIPART_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "http/form.h"

#define MULTIPART_MAX_PARTS    64    /* parts in one body, fields and files together */
#define MULTIPART_MAX_NAME     128   /* bytes in a field name */
#define MULTIPART_MAX_VALUE    65536 /* bytes in a plain field's value */
#define MULTIPART_MAX_LINE     1024  /* bytes in a part header line, CRLF excluded */
#define MULTIPART_MAX_BOUNDARY 70    /* bytes in the boundary (RFC 2046) */

struct upload {
	const char *field;	   /* the form field's name, e.g. "file" */
	const char *filename;	   /* the browser's file name without its path, or "" */
	const char *content_type;  /* the part's Content-Type, or "" */
	const unsigned char *data; /* the file's bytes, inside the body (not copied) */
	size_t len;		   /* bytes in data */
};

struct uploads {
	struct upload *items; /* in the order they arrived; NULL when n is 0 */
	size_t n;	      /* how many */
};

/* Decodes body[0..len) given the request's Content-Type header value, which
 * must be multipart/form-data and carry the boundary.  Plain fields are
 * appended to *fields (which must be initialised, possibly empty); *files is
 * overwritten with the uploads.  Returns ERR_OK, ERR_BAD_REQUEST (malformed),
 * ERR_BAD_UTF8 (a name, value or filename is not UTF-8) or
 * ERR_TOO_MANY_PARAMS (a name or value over its cap, or more fields than
 * FORM_MAX_PARAMS in all). */
enum err multipart_parse(struct arena *a, const char *content_type, const unsigned char *body,
			 size_t len, struct params *fields, struct uploads *files);

#endif
