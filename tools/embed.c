/*
 * embed.c: build tool that turns the files named in tools/assets.list into C
 * arrays (build/gen/embedded.c), so the binary carries its templates,
 * migrations and browser assets and needs no files at run time.
 *
 * Each list line is "LOGICAL SOURCE": when SOURCE is a folder, every file
 * under it is embedded as LOGICAL + its relative path.  Lines starting with
 * '#' are comments; source maps (.map) and .woff files (woff2 is served) are
 * skipped.  For each file the tool writes its bytes, a gzip copy when that
 * is smaller, its MIME type and a 64-bit FNV-1a content hash.  Entries are
 * sorted by logical path for embedded_find()'s binary search.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

struct entry {
	char *logical; /* path the program asks for */
	char *source;  /* file on disk */
	char *row;     /* its line of the table, once emitted */
};

static struct entry *entries;
static size_t n_entries, cap_entries;

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "embed: %s: %s\n", what, arg);
	exit(1);
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + lb + 2);
	if (!s)
		die("out of memory", a);
	memcpy(s, a, la);
	size_t at = la;
	if (la && a[la - 1] != '/' && lb)
		s[at++] = '/';
	memcpy(s + at, b, lb + 1);
	return s;
}

static int skipped(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n > 4 && !strcmp(name + n - 4, ".map")) ||
	       (n > 5 && !strcmp(name + n - 5, ".woff"));
}

static void add(const char *logical, const char *source)
{
	if (n_entries == cap_entries) {
		cap_entries = cap_entries ? cap_entries * 2 : 256;
		entries = realloc(entries, cap_entries * sizeof *entries);
		if (!entries)
			die("out of memory", logical);
	}
	entries[n_entries].logical = strdup(logical);
	entries[n_entries].source = strdup(source);
	n_entries++;
}

static void walk(const char *logical, const char *source)
{
	struct stat st;
	if (stat(source, &st) != 0)
		die("cannot read", source);
	if (!S_ISDIR(st.st_mode)) {
		add(logical, source);
		return;
	}
	DIR *d = opendir(source);
	if (!d)
		die("cannot open folder", source);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (skipped(e->d_name))
			continue;
		char *l = join(logical, e->d_name), *s = join(source, e->d_name);
		walk(l, s);
		free(l);
		free(s);
	}
	closedir(d);
}

static const char *mime_of(const char *path)
{
	static const char *const table[][2] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".json", "application/json"},
		{".html", "text/html; charset=utf-8"},
		{".txt", "text/plain; charset=utf-8"},
		{".sql", "text/plain; charset=utf-8"},
		{".mustache", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof table / sizeof table[0]; i++)
		if (!strcmp(dot, table[i][0]))
			return table[i][1];
	return "application/octet-stream";
}

static int compressible(const char *mime)
{
	return !strncmp(mime, "text/", 5) || !strcmp(mime, "image/svg+xml") ||
	       !strcmp(mime, "application/json");
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = malloc((size_t)n + 1);
	if (!p || fread(p, 1, (size_t)n, f) != (size_t)n)
		die("cannot read", path);
	fclose(f);
	*len = (size_t)n;
	return p;
}

static unsigned char *gzip(const unsigned char *in, size_t len, size_t *out_len)
{
	z_stream z = {0};
	if (deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("zlib", "deflateInit2");
	uLong cap = deflateBound(&z, (uLong)len);
	unsigned char *out = malloc(cap);
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("zlib", "deflate");
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

static void emit_bytes(FILE *o, const char *name, const unsigned char *p, size_t n)
{
	fprintf(o, "static const unsigned char %s[%zu] = {", name, n + 1);
	for (size_t i = 0; i < n; i++)
		fprintf(o, "%s%u,", i % 32 ? "" : "\n", p[i]);
	fprintf(o, "0};\n");
}

static int by_logical(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->logical, ((const struct entry *)b)->logical);
}

static void read_list(const char *list)
{
	FILE *f = fopen(list, "r");
	if (!f)
		die("cannot read", list);
	char line[1024], logical[512], source[512];
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || sscanf(line, "%511s %511s", logical, source) != 2)
			continue;
		walk(logical, source);
	}
	fclose(f);
}

static void emit_entry(FILE *o, size_t i)
{
	size_t len, gz_len = 0;
	unsigned char *data = slurp(entries[i].source, &len), *gz = NULL;
	const char *mime = mime_of(entries[i].logical);
	uint64_t h = 1469598103934665603ULL;
	for (size_t k = 0; k < len; k++)
		h = (h ^ data[k]) * 1099511628211ULL;
	char name[32];
	snprintf(name, sizeof name, "d%zu", i);
	emit_bytes(o, name, data, len);
	if (compressible(mime) && len > 256) {
		gz = gzip(data, len, &gz_len);
		if (gz_len < len - len / 10) {
			snprintf(name, sizeof name, "z%zu", i);
			emit_bytes(o, name, gz, gz_len);
		} else {
			gz_len = 0;
		}
	}
	char gz_name[32] = "NULL";
	if (gz_len)
		snprintf(gz_name, sizeof gz_name, "z%zu", i);
	entries[i].row = malloc(512 + strlen(entries[i].logical));
	sprintf(entries[i].row, "{\"%s\", d%zu, %zu, %s, %zu, \"%s\", \"%016llx\"},\n",
		entries[i].logical, i, len, gz_name, gz_len, mime, (unsigned long long)h);
	free(data);
	free(gz);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: embed LIST OUTPUT.c\n");
		return 2;
	}
	read_list(argv[1]);
	qsort(entries, n_entries, sizeof *entries, by_logical);
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
	FILE *o = fopen(tmp, "w");
	if (!o)
		die("cannot write", tmp);
	fprintf(o, "/* Generated by tools/embed from %s. Do not edit. */\n", argv[1]);
	fprintf(o, "#include <stddef.h>\n#include <string.h>\n#include \"core/embed.h\"\n");
	for (size_t i = 0; i < n_entries; i++)
		emit_entry(o, i);
	fprintf(o, "const struct embedded_file embedded_files[] = {\n");
	for (size_t i = 0; i < n_entries; i++)
		fputs(entries[i].row, o);
	fprintf(o, "{NULL, NULL, 0, NULL, 0, NULL, NULL}};\n");
	fprintf(o, "const size_t embedded_count = %zu;\n", n_entries);
	fputs("const struct embedded_file *embedded_find(const char *path)\n"
	      "{\n\tsize_t lo = 0, hi = embedded_count;\n"
	      "\twhile (lo < hi) {\n\t\tsize_t mid = lo + (hi - lo) / 2;\n"
	      "\t\tint c = strcmp(path, embedded_files[mid].path);\n"
	      "\t\tif (c == 0)\n\t\t\treturn &embedded_files[mid];\n"
	      "\t\tif (c < 0)\n\t\t\thi = mid;\n\t\telse\n\t\t\tlo = mid + 1;\n\t}\n"
	      "\treturn NULL;\n}\n",
	      o);
	if (fclose(o) != 0 || rename(tmp, argv[2]) != 0)
		die("cannot write", argv[2]);
	return 0;
}
