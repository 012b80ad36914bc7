/*
 * multipart.c: see multipart.h.
 *
 * The body is read once, front to back.  For each part the next delimiter
 * ("\r\n--" boundary) is found first and the part's headers are parsed only
 * inside [part start, delimiter), so no header can run into the next part.
 * A delimiter must be followed by "--" (the close) or by optional spaces and
 * CRLF; anything else means the boundary occurs inside a part, which RFC 2046
 * forbids, and the body is rejected rather than guessed at.
 *
 * Quoted strings: a backslash escapes only '"' and '\\'.  Any other backslash
 * is kept, because old browsers sent Windows paths raw
 * (filename="C:\Users\x\a.csv") and the path must still be recognised to be
 * stripped (Go's mime package makes the same choice).
 *
 * Results collect in arrays with room for MULTIPART_MAX_PARTS and reach the
 * caller only after the close delimiter was seen.
 */
#include "http/multipart.h"

#include <string.h>

#include "core/utf8.h"

/* A cursor over one header value. */
struct scan {
	const char *s; /* the text */
	size_t i;      /* next byte to read */
	size_t n;      /* bytes in s */
};

/* A string cut out of a header, unquoted, NUL-terminated, in the arena. */
struct str {
	const char *s; /* the bytes, or NULL when absent */
	size_t n;      /* how many */
};

/* What one part's headers said. */
struct part_head {
	struct str name;     /* the name parameter */
	struct str filename; /* the filename parameter, if any */
	struct str ext;	     /* the filename* parameter (RFC 8187), if any */
	const char *ctype;   /* the Content-Type value, or NULL */
	int disposition;     /* 1 once Content-Disposition was seen */
};

/* The parts read so far. */
struct collect {
	struct param *fields; /* plain fields, room for MULTIPART_MAX_PARTS */
	size_t nfields;	      /* how many */
	struct upload *files; /* file parts, room for MULTIPART_MAX_PARTS */
	size_t nfiles;	      /* how many */
};

/* Control characters other than HT: never allowed in a header. */
static int is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* RFC 7230 tchar. */
static int is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* RFC 2046 bchars. */
static int is_bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("'()+_,-./:=? ", c));
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* 1 if s[0..n) equals lit, ASCII case ignored. */
static int ieq(const char *s, size_t n, const char *lit)
{
	if (n != strlen(lit))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void skip_ows(struct scan *sc)
{
	while (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
		sc->i++;
}

/* Reads a token; 0 if there is none. */
static size_t scan_token(struct scan *sc, const char **t)
{
	size_t start = sc->i;
	while (sc->i < sc->n && is_tchar((unsigned char)sc->s[sc->i]))
		sc->i++;
	*t = sc->s + start;
	return sc->i - start;
}

/* Reads a quoted string, the cursor on its opening quote. */
static enum err scan_quoted(struct arena *a, struct scan *sc, struct str *out)
{
	char *d = arena_alloc(a, sc->n - sc->i); /* the quotes leave room for the NUL */
	size_t k = 0;
	for (sc->i++; sc->i < sc->n;) {
		unsigned char c = (unsigned char)sc->s[sc->i++];
		if (c == '"') {
			d[k] = '\0';
			out->s = d;
			out->n = k;
			return ERR_OK;
		}
		if (is_ctl(c))
			return ERR_BAD_REQUEST;
		if (c == '\\' && sc->i < sc->n && (sc->s[sc->i] == '"' || sc->s[sc->i] == '\\'))
			c = (unsigned char)sc->s[sc->i++];
		d[k++] = (char)c;
	}
	return ERR_BAD_REQUEST;
}

/* Reads a parameter value: a quoted string, or (leniently, since real
 * clients send boundaries like ===abc== bare) any run of visible bytes. */
static enum err scan_value(struct arena *a, struct scan *sc, struct str *out)
{
	if (sc->i < sc->n && sc->s[sc->i] == '"')
		return scan_quoted(a, sc, out);
	size_t start = sc->i;
	for (; sc->i < sc->n; sc->i++) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		if (is_ctl(c) || c == ' ' || c == '\t' || c == ';' || c == '"')
			break;
	}
	if (sc->i == start)
		return ERR_BAD_REQUEST;
	out->n = sc->i - start;
	out->s = arena_strndup(a, sc->s + start, out->n);
	return ERR_OK;
}

/* Reads the next "; name=value"; *name_len is 0 at the end of the header. */
static enum err scan_param(struct arena *a, struct scan *sc, const char **name, size_t *name_len,
			   struct str *value)
{
	*name_len = 0;
	skip_ows(sc);
	if (sc->i == sc->n)
		return ERR_OK;
	if (sc->s[sc->i++] != ';')
		return ERR_BAD_REQUEST;
	skip_ows(sc);
	if (sc->i == sc->n)
		return ERR_OK; /* a trailing ';' */
	size_t n = scan_token(sc, name);
	skip_ows(sc);
	if (n == 0 || sc->i == sc->n || sc->s[sc->i++] != '=')
		return ERR_BAD_REQUEST;
	skip_ows(sc);
	*name_len = n;
	return scan_value(a, sc, value);
}

static int boundary_valid(const char *b, size_t n)
{
	if (n < 1 || n > MULTIPART_MAX_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_bchar((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Finds the boundary in "multipart/form-data; boundary=...". */
static enum err boundary_get(struct arena *a, const char *ctype, struct str *b)
{
	static const char type[] = "multipart/form-data";
	size_t tn = sizeof type - 1;
	if (!ctype)
		return ERR_BAD_REQUEST;
	struct scan sc = {ctype, 0, strlen(ctype)};
	skip_ows(&sc);
	if (sc.n - sc.i < tn || !ieq(ctype + sc.i, tn, type))
		return ERR_BAD_REQUEST;
	sc.i += tn;
	b->s = NULL;
	for (;;) {
		const char *name;
		size_t nn;
		struct str v;
		enum err e = scan_param(a, &sc, &name, &nn, &v);
		if (e != ERR_OK)
			return e;
		if (nn == 0)
			break;
		if (ieq(name, nn, "boundary")) {
			if (b->s)
				return ERR_BAD_REQUEST;
			*b = v;
		}
	}
	return b->s && boundary_valid(b->s, b->n) ? ERR_OK : ERR_BAD_REQUEST;
}

/* Decodes an RFC 8187 ext-value, UTF-8''%EC%A7%81.csv; other charsets are
 * refused. */
static enum err ext_decode(struct arena *a, struct str v, struct str *out)
{
	const char *q1 = memchr(v.s, '\'', v.n);
	const char *q2 = q1 ? memchr(q1 + 1, '\'', (size_t)(v.s + v.n - q1 - 1)) : NULL;
	if (!q2 || !ieq(v.s, (size_t)(q1 - v.s), "utf-8"))
		return ERR_BAD_REQUEST;
	const char *s = q2 + 1;
	size_t n = (size_t)(v.s + v.n - s), k = 0;
	char *d = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3)
				return ERR_BAD_REQUEST;
			int hi = hexval((unsigned char)s[i + 1]),
			    lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_BAD_REQUEST;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		d[k++] = (char)c;
	}
	d[k] = '\0';
	out->s = d;
	out->n = k;
	return ERR_OK;
}

/* Checks a file name and drops any path a browser left in it. */
static enum err filename_clean(struct arena *a, struct str f, const char **out)
{
	if (!utf8_valid(f.s, f.n))
		return ERR_BAD_UTF8;
	size_t base = 0;
	for (size_t i = 0; i < f.n; i++) {
		unsigned char c = (unsigned char)f.s[i];
		if (c < 0x20 || c == 0x7f)
			return ERR_BAD_REQUEST; /* it may end up in a response header */
		if (c == '/' || c == '\\')
			base = i + 1;
	}
	const char *s = f.s + base;
	size_t n = f.n - base;
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		n = 0;
	*out = arena_strndup(a, s, n);
	return ERR_OK;
}

/* Stores one Content-Disposition parameter; a repeated one is refused. */
static enum err disposition_param(struct part_head *h, const char *name, size_t nn, struct str v)
{
	struct str *slot = ieq(name, nn, "name")	? &h->name
			   : ieq(name, nn, "filename")	? &h->filename
			   : ieq(name, nn, "filename*") ? &h->ext
							: NULL;
	if (!slot)
		return ERR_OK;
	if (slot->s)
		return ERR_BAD_REQUEST;
	*slot = v;
	return ERR_OK;
}

/* Parses "form-data; name=...; filename=..." */
static enum err disposition_parse(struct arena *a, struct scan *sc, struct part_head *h)
{
	const char *t;
	size_t tn = scan_token(sc, &t);
	if (h->disposition || !ieq(t, tn, "form-data"))
		return ERR_BAD_REQUEST;
	h->disposition = 1;
	for (;;) {
		const char *name;
		size_t nn;
		struct str v;
		enum err e = scan_param(a, sc, &name, &nn, &v);
		if (e == ERR_OK && nn)
			e = disposition_param(h, name, nn, v);
		if (e != ERR_OK || nn == 0)
			return e;
	}
}

/* Applies one header line (without its CRLF) to h. */
static enum err header_apply(struct arena *a, const char *line, size_t n, struct part_head *h)
{
	const char *colon = memchr(line, ':', n);
	if (!colon || colon == line)
		return ERR_BAD_REQUEST;
	size_t nn = (size_t)(colon - line);
	for (size_t i = 0; i < nn; i++)
		if (!is_tchar((unsigned char)line[i]))
			return ERR_BAD_REQUEST;
	struct scan sc = {line, nn + 1, n};
	skip_ows(&sc);
	while (sc.n > sc.i && (line[sc.n - 1] == ' ' || line[sc.n - 1] == '\t'))
		sc.n--;
	if (ieq(line, nn, "content-disposition"))
		return disposition_parse(a, &sc, h);
	if (ieq(line, nn, "content-type")) {
		if (h->ctype)
			return ERR_BAD_REQUEST;
		if (!utf8_valid(line + sc.i, sc.n - sc.i))
			return ERR_BAD_UTF8;
		h->ctype = arena_strndup(a, line + sc.i, sc.n - sc.i);
		return ERR_OK;
	}
	/* RFC 7578 deprecates encodings; one we would not undo is refused. */
	if (ieq(line, nn, "content-transfer-encoding") &&
	    !ieq(line + sc.i, sc.n - sc.i, "binary") && !ieq(line + sc.i, sc.n - sc.i, "8bit") &&
	    !ieq(line + sc.i, sc.n - sc.i, "7bit"))
		return ERR_BAD_REQUEST;
	return ERR_OK;
}

/* Length of the header line at p (CRLF excluded), which must end in CRLF
 * within MULTIPART_MAX_LINE bytes and hold no control character. */
static enum err line_get(const unsigned char *p, size_t n, size_t *len)
{
	for (size_t k = 0; k < n; k++) {
		if (p[k] == '\r') {
			if (k + 1 == n || p[k + 1] != '\n')
				return ERR_BAD_REQUEST;
			*len = k;
			return ERR_OK;
		}
		if (k == MULTIPART_MAX_LINE || is_ctl(p[k]))
			return ERR_BAD_REQUEST;
	}
	return ERR_BAD_REQUEST;
}

/* Parses the headers of the part p[0..n) up to and including the empty
 * line; *body is where the part's content starts. */
static enum err headers_parse(struct arena *a, const unsigned char *p, size_t n,
			      struct part_head *h, size_t *body)
{
	size_t i = 0;
	while (n - i < 2 || p[i] != '\r' || p[i + 1] != '\n') {
		size_t len;
		enum err e = line_get(p + i, n - i, &len);
		if (e == ERR_OK)
			e = header_apply(a, (const char *)p + i, len, h);
		if (e != ERR_OK)
			return e;
		i += len + 2;
	}
	*body = i + 2;
	return ERR_OK;
}

static enum err field_add(struct arena *a, struct collect *c, const char *name,
			  const unsigned char *data, size_t len)
{
	if (len > MULTIPART_MAX_VALUE)
		return ERR_TOO_MANY_PARAMS;
	if (!utf8_valid((const char *)data, len))
		return ERR_BAD_UTF8;
	struct param *p = &c->fields[c->nfields++];
	p->name = name;
	p->value = arena_strndup(a, (const char *)data, len);
	p->value_len = len;
	return ERR_OK;
}

static enum err file_add(struct arena *a, struct collect *c, const struct part_head *h,
			 const unsigned char *data, size_t len)
{
	struct upload *u = &c->files[c->nfiles];
	struct str f = h->filename;
	enum err e = h->ext.s ? ext_decode(a, h->ext, &f) : ERR_OK;
	if (e == ERR_OK)
		e = filename_clean(a, f, &u->filename);
	if (e != ERR_OK)
		return e;
	u->field = h->name.s;
	u->content_type = h->ctype ? h->ctype : "";
	u->data = data;
	u->len = len;
	c->nfiles++;
	return ERR_OK;
}

/* Parses one part, p[0..n): from after its delimiter line to before the
 * CRLF of the next delimiter. */
static enum err part_parse(struct arena *a, const unsigned char *p, size_t n, struct collect *c)
{
	struct part_head h = {{NULL, 0}, {NULL, 0}, {NULL, 0}, NULL, 0};
	size_t body;
	enum err e = headers_parse(a, p, n, &h, &body);
	if (e != ERR_OK)
		return e;
	if (!h.name.s || h.name.n == 0)
		return ERR_BAD_REQUEST;
	if (h.name.n > MULTIPART_MAX_NAME)
		return ERR_TOO_MANY_PARAMS;
	if (!utf8_valid(h.name.s, h.name.n))
		return ERR_BAD_UTF8;
	if (h.filename.s || h.ext.s)
		return file_add(a, c, &h, p + body, n - body);
	return field_add(a, c, h.name.s, p + body, n - body);
}

/* Reads what follows a delimiter at *pos: "--" closes the body; otherwise
 * optional spaces and CRLF, after which a part starts. */
static enum err after_delim(const unsigned char *body, size_t len, size_t *pos, int *closed)
{
	size_t i = *pos;
	*closed = len - i >= 2 && body[i] == '-' && body[i + 1] == '-';
	if (*closed)
		return ERR_OK;
	while (i < len && (body[i] == ' ' || body[i] == '\t'))
		i++;
	if (len - i < 2 || body[i] != '\r' || body[i + 1] != '\n')
		return ERR_BAD_REQUEST;
	*pos = i + 2;
	return ERR_OK;
}

/* Skips the preamble: the first delimiter may open the body without the
 * CRLF that precedes every later one. */
static enum err first_delim(const unsigned char *body, size_t len, const struct str *delim,
			    size_t *pos)
{
	size_t dash = delim->n - 2;
	if (len >= dash && !memcmp(body, delim->s + 2, dash)) {
		*pos = dash;
		return ERR_OK;
	}
	const unsigned char *d = memmem(body, len, delim->s, delim->n);
	if (!d)
		return ERR_BAD_REQUEST;
	*pos = (size_t)(d - body) + delim->n;
	return ERR_OK;
}

static enum err parts_parse(struct arena *a, const unsigned char *body, size_t len,
			    const struct str *delim, struct collect *c)
{
	size_t pos;
	int closed = 0;
	enum err e = first_delim(body, len, delim, &pos);
	if (e == ERR_OK)
		e = after_delim(body, len, &pos, &closed);
	while (e == ERR_OK && !closed) {
		const unsigned char *end = memmem(body + pos, len - pos, delim->s, delim->n);
		if (!end || c->nfields + c->nfiles == MULTIPART_MAX_PARTS)
			return ERR_BAD_REQUEST;
		e = part_parse(a, body + pos, (size_t)(end - body) - pos, c);
		pos = (size_t)(end - body) + delim->n;
		if (e == ERR_OK)
			e = after_delim(body, len, &pos, &closed);
	}
	return e;
}

/* Appends the fields to *fields and sets *files. */
static void hand_out(struct arena *a, const struct collect *c, struct params *fields,
		     struct uploads *files)
{
	if (c->nfields) {
		struct param *all = arena_alloc(a, (fields->n + c->nfields) * sizeof *all);
		if (fields->n)
			memcpy(all, fields->items, fields->n * sizeof *all);
		memcpy(all + fields->n, c->fields, c->nfields * sizeof *all);
		fields->items = all;
		fields->n += c->nfields;
	}
	files->items = c->nfiles ? c->files : NULL;
	files->n = c->nfiles;
}

enum err multipart_parse(struct arena *a, const char *content_type, const unsigned char *body,
			 size_t len, struct params *fields, struct uploads *files)
{
	struct str b = {NULL, 0};
	enum err e = boundary_get(a, content_type, &b);
	if (e != ERR_OK)
		return e;
	if (!body)
		return ERR_BAD_REQUEST;
	char *d = arena_alloc(a, b.n + 4);
	memcpy(d, "\r\n--", 4);
	memcpy(d + 4, b.s, b.n);
	struct str delim = {d, b.n + 4};
	struct collect c = {arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *c.fields), 0,
			    arena_alloc(a, MULTIPART_MAX_PARTS * sizeof *c.files), 0};
	e = parts_parse(a, body, len, &delim, &c);
	if (e != ERR_OK)
		return e;
	if (fields->n + c.nfields > FORM_MAX_PARAMS)
		return ERR_TOO_MANY_PARAMS;
	hand_out(a, &c, fields, files);
	return ERR_OK;
}
