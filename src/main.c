/*
 * main.c: the innoland command line.  Each subcommand is one row of the
 * table below; options are parsed with getopt_long, and an unknown option or
 * subcommand prints the usage and exits with status 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/log.h"
#include "db/db.h"
#include "http/http.h"

static const char usage_text[] =
	"사용법 (usage): innoland COMMAND [OPTIONS]\n"
	"\n"
	"  serve [--db PATH|postgres://...] [--listen HOST:PORT] [--dev]\n"
	"        [--body-max BYTES] [--idle-timeout SEC] [--max-connections N]\n"
	"        [--max-per-client N] [--threads N] [--quiet]\n"
	"                     웹 화면과 API 제공 (기본 127.0.0.1:8080, innoland.db)\n"
	"  migrate [--db ...] 데이터베이스 스키마 갱신 (apply migrations)\n"
	"  check [--db ...]   무결성과 스키마 버전 점검 (integrity and schema version)\n"
	"  version            버전 출력 (print the version)\n";

struct options {
	const char *db;		   /* --db */
	struct server_config http; /* serve's settings */
	int dev;		   /* --dev */
};

static int usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

/* "HOST:PORT" or "[V6]:PORT" into cfg; 0 on success. */
static int parse_listen(char *arg, struct server_config *cfg)
{
	char *colon = strrchr(arg, ':');
	if (!colon)
		return -1;
	*colon = '\0';
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || port > 65535 || colon == arg)
		return -1;
	if (arg[0] == '[' && colon[-1] == ']') {
		colon[-1] = '\0';
		arg++;
	}
	cfg->host = arg;
	cfg->port = (unsigned)port;
	return 0;
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parses argv for the subcommand; serve_opts says whether server options are allowed. */
static int parse_options(int argc, char **argv, int serve_opts, struct options *o)
{
	static const struct option longopts[] = {{"db", required_argument, 0, 'd'},
						 {"listen", required_argument, 0, 'l'},
						 {"dev", no_argument, 0, 'D'},
						 {"body-max", required_argument, 0, 'b'},
						 {"idle-timeout", required_argument, 0, 'i'},
						 {"max-connections", required_argument, 0, 'c'},
						 {"max-per-client", required_argument, 0, 'p'},
						 {"threads", required_argument, 0, 't'},
						 {"quiet", no_argument, 0, 'q'},
						 {0, 0, 0, 0}};
	int ch;
	unsigned long v = 0;
	optind = 1;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'd') {
			o->db = optarg;
			continue;
		}
		if (!serve_opts)
			return -1;
		switch (ch) {
		case 'l':
			if (parse_listen(optarg, &o->http) != 0)
				return -1;
			break;
		case 'D': o->dev = 1; break;
		case 'q': log_quiet = 1; break;
		case 'b':
			if (parse_count(optarg, 1ul << 32, &v) != 0)
				return -1;
			o->http.body_max = v;
			break;
		case 'i':
			if (parse_count(optarg, 86400, &v) != 0)
				return -1;
			o->http.idle_timeout = (unsigned)v;
			break;
		case 'c':
			if (parse_count(optarg, 1000000, &v) != 0)
				return -1;
			o->http.max_connections = (unsigned)v;
			break;
		case 'p':
			if (parse_count(optarg, 1000000, &v) != 0)
				return -1;
			o->http.max_per_client = (unsigned)v;
			break;
		case 't':
			if (parse_count(optarg, 256, &v) != 0)
				return -1;
			o->http.threads = (unsigned)v;
			break;
		default: return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

static int cmd_serve(struct options *o)
{
	struct app app;
	char err[512] = "";
	if (app_open(&app, o->db, o->dev, (int)o->http.threads + 2, err, sizeof err) != 0) {
		log_error("%s", err);
		app_close(&app);
		return 1;
	}
	o->http.routes = app.routes;
	o->http.n_routes = app.n_routes;
	log_info("database %s (%s), schema version %d", o->db, db_driver_name(app.db),
		 db_schema_version(app.db));
	int rc = server_run(&o->http, &app);
	app_close(&app);
	return rc;
}

static int cmd_migrate(struct options *o)
{
	char err[512] = "";
	struct db *db = db_open(o->db, 1, err, sizeof err);
	int n = db ? db_migrate(db, err, sizeof err) : -1;
	if (n < 0)
		fprintf(stderr, "innoland migrate: %s\n", err);
	else
		printf("applied %d migration(s); schema version %d\n", n, db_schema_version(db));
	if (db)
		db_close(db);
	return n < 0;
}

static int cmd_check(struct options *o)
{
	char err[512] = "", report[2048] = "";
	struct db *db = db_open(o->db, 1, err, sizeof err);
	if (!db) {
		fprintf(stderr, "innoland check: %s\n", err);
		return 1;
	}
	int rc = db_check(db, report, sizeof report);
	fputs(report, stdout);
	db_close(db);
	return rc != 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *cmd = argv[1];
	struct options o = {.db = "innoland.db"};
	server_config_defaults(&o.http);
	if (!strcmp(cmd, "version") && argc == 2) {
		printf("innoland %s\n", INNOLAND_VERSION);
		return 0;
	}
	int serve = !strcmp(cmd, "serve");
	if (!serve && strcmp(cmd, "migrate") && strcmp(cmd, "check"))
		return usage();
	if (parse_options(argc - 1, argv + 1, serve, &o) != 0)
		return usage();
	if (serve)
		return cmd_serve(&o);
	return !strcmp(cmd, "migrate") ? cmd_migrate(&o) : cmd_check(&o);
}
