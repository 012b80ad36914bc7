/*
 * main.c: the innoland command line.  Each command is one row of the table
 * below: its words, the options it takes and the function that runs it.
 * Options are parsed once with getopt_long; an option a command does not
 * take, or an unknown command, prints the usage and exits with status 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "auth/audit.h"
#include "auth/cli.h"
#include "auth/secret.h"
#include "auth/session.h"
#include "core/conf.h"
#include "core/jmem.h"
#include "core/log.h"
#include "crud/counter.h"
#include "crud/entity.h"
#include "db/db.h"
#include "http/http.h"
#include "crud/module.h"

static const char usage_text[] =
	"사용법 (usage): innoland COMMAND [OPTIONS]   (모든 명령: --db PATH|postgres://...,\n"
	"                     --config FILE: serve의 옵션과 --db를 '이름 = 값' 줄로 담은 파일)\n"
	"\n"
	"  serve [--listen HOST:PORT] [--dev] [--body-max BYTES] [--idle-timeout SEC]\n"
	"        [--max-connections N] [--max-per-client N] [--threads N] [--quiet]\n"
	"        [--session-idle SEC] [--session-max SEC] [--secure-cookies] [--demo]\n"
	"        [--count-flush SEC]\n"
	"                     웹 화면과 API 제공 (기본 127.0.0.1:8080, innoland.db)\n"
	"  migrate            데이터베이스 스키마 갱신 (apply migrations)\n"
	"  check              무결성과 스키마 버전 점검 (integrity and schema version)\n"
	"  version            버전 출력 (print the version)\n"
	"  routes             모든 경로와 허용 역할을 JSON으로 출력 (the route table)\n"
	"  org add --org CODE --name NAME\n"
	"                     기관 추가 (add an organisation)\n"
	"  user add --org CODE --login LOGIN --name NAME --role ROLE [--password-stdin]\n"
	"                     계정 추가; 비밀번호 없이는 일회용 설정 링크 출력\n"
	"  token create --login LOGIN [--token-name NAME]\n"
	"                     개인 API 토큰 발급, 한 번만 출력 (print a new API token once)\n"
	"  backup FILE        운영 중에도 데이터베이스 전체를 FILE로 백업 (online; SQLite: 백업\n"
	"                     API로 만든 데이터베이스 파일, PostgreSQL: pg_dump 사용자 지정 형식)\n"
	"  restore FILE       backup이 만든 FILE을 빈 데이터베이스로 복원한 뒤 스키마 갱신\n"
	"                     (into an empty database only)\n"
	"  audit verify       감사 기록의 해시 체인 검증 (check the audit trail's chain)\n"
	"  entities           엔티티 등록부를 Markdown으로 출력 (the entity registry)\n"
	"  modules            모듈 목록과 각 모듈이 선언한 것을 JSON으로 출력 (the modules)\n"
	"  rebuild            모듈마다 진도율, 합계, 검색 색인 같은 파생 자료를 기록에서\n"
	"                     다시 만듦 (after bulk SQL loads)\n";

struct options {
	const char *db;			/* --db */
	struct server_config http;	/* serve's settings */
	int dev;			/* --dev */
	int demo;			/* --demo */
	const char *file;		/* the FILE argument */
	const char *config;		/* --config */
	struct conf conf;		/* --config's file; o's strings may point into it */
	struct account_options account; /* org/user/token commands */
	unsigned count_flush;		/* --count-flush: seconds between writes of views */
};

struct command {
	const char *word;  /* "user" */
	const char *sub;   /* "add", or NULL */
	const char *takes; /* option letters this command accepts besides --db */
	int file;	   /* 1: takes one FILE argument after the options */
	int (*run)(struct options *o);
};

static int usage(void)
{
	fputs(usage_text, stderr);
	for (size_t i = 0; i < modules_count(); i++)
		for (size_t k = 0; k < module_at(i)->n_commands; k++)
			if (module_at(i)->commands[k].usage)
				fputs(module_at(i)->commands[k].usage, stderr);
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

/* Applies one option other than --db; -1 if its value is bad. */
static int apply_option(int ch, const char *arg, struct options *o)
{
	unsigned long v = 0;
	struct server_config *h = &o->http;
	switch (ch) {
	case 'l': return parse_listen((char *)arg, h);
	case 'D': o->dev = 1; return 0;
	case 'E': o->demo = 1; return 0;
	case 'q': log_quiet = 1; return 0;
	case 'S': session_limits.secure_cookie = 1; return 0;
	case 'P': o->account.password_stdin = 1; return 0;
	case 'o': o->account.org = arg; return 0;
	case 'L': o->account.login = arg; return 0;
	case 'N': o->account.name = arg; return 0;
	case 'R': o->account.role = arg; return 0;
	case 'T': o->account.token = arg; return 0;
	}
	static const unsigned long max[128] = {
		['b'] = 1ul << 32, ['i'] = 86400,     ['c'] = 1000000,	  ['p'] = 1000000,
		['t'] = 256,	   ['I'] = 86400 * 7, ['M'] = 86400 * 30, ['F'] = 3600};
	if (ch < 0 || ch >= 128 || !max[ch] || parse_count(arg, max[ch], &v) != 0)
		return -1;
	switch (ch) {
	case 'b': h->body_max = v; break;
	case 'i': h->idle_timeout = (unsigned)v; break;
	case 'c': h->max_connections = (unsigned)v; break;
	case 'p': h->max_per_client = (unsigned)v; break;
	case 't': h->threads = (unsigned)v; break;
	case 'I': session_limits.idle = (long)v; break;
	case 'M': session_limits.absolute = (long)v; break;
	case 'F': o->count_flush = (unsigned)v; break;
	}
	return 0;
}

/* The long options: those of the command line and the keys of --config's file. */
static const struct option *long_options(void)
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
						 {"session-idle", required_argument, 0, 'I'},
						 {"session-max", required_argument, 0, 'M'},
						 {"secure-cookies", no_argument, 0, 'S'},
						 {"org", required_argument, 0, 'o'},
						 {"login", required_argument, 0, 'L'},
						 {"name", required_argument, 0, 'N'},
						 {"role", required_argument, 0, 'R'},
						 {"token-name", required_argument, 0, 'T'},
						 {"password-stdin", no_argument, 0, 'P'},
						 {"demo", no_argument, 0, 'E'},
						 {"config", required_argument, 0, 'C'},
						 {"count-flush", required_argument, 0, 'F'},
						 {0, 0, 0, 0}};
	return longopts;
}

/* Applies one line of --config's file: --db or an option serve takes, the
 * same value as on the command line ("yes" or "no" for one without).  Every
 * command reads the whole file, so each checks every line. */
static const char *config_line(struct conf_entry *e, const char *serve_takes, struct options *o)
{
	const struct option *opt = long_options();
	while (opt->name && strcmp(opt->name, e->key))
		opt++;
	if (!opt->name || (opt->val != 'd' && !strchr(serve_takes, opt->val)))
		return "알 수 없는 설정 (unknown key)";
	if (opt->val == 'd')
		o->db = e->value;
	else if (opt->has_arg == required_argument)
		return apply_option(opt->val, e->value, o) != 0 ? "값이 잘못됨 (bad value)" : NULL;
	else if (!strcmp(e->value, "yes"))
		apply_option(opt->val, NULL, o);
	else if (strcmp(e->value, "no"))
		return "값은 yes 또는 no (yes or no)";
	return NULL;
}

/* --config's file into o; 0, or -1 after saying which line is wrong. */
static int config_apply(struct options *o, const char *serve_takes)
{
	char err[512];
	if (conf_load(&o->conf, o->config, err, sizeof err) != 0) {
		fprintf(stderr, "innoland: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < o->conf.n; i++) {
		struct conf_entry *e = &o->conf.items[i];
		const char *why = config_line(e, serve_takes, o);
		if (why) {
			fprintf(stderr, "innoland: %s:%d: '%s' %s\n", o->config, e->line, e->key,
				why);
			return -1;
		}
	}
	return 0;
}

/* -1 for a usage error, 1 for a bad --config file (already said), else 0.
 * The file is applied first, so that an option on the command line wins. */
static int parse_options(int argc, char **argv, const char *takes, int file, struct options *o,
			 const char *serve_takes)
{
	struct given {
		int ch;		 /* the option's letter */
		const char *arg; /* its value, or NULL */
	} given[64];
	size_t n = 0;
	int ch;
	optind = 1;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "", long_options(), NULL)) != -1) {
		if (ch == 'C')
			o->config = optarg;
		else if (ch == '?' || (ch != 'd' && !strchr(takes, ch)) || n == 64)
			return -1;
		else
			given[n++] = (struct given){ch, optarg};
	}
	if (file && optind == argc - 1)
		o->file = argv[optind++];
	if (optind != argc)
		return -1;
	if (o->config && config_apply(o, serve_takes) != 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		if (given[i].ch == 'd')
			o->db = given[i].arg;
		else if (apply_option(given[i].ch, given[i].arg, o) != 0)
			return -1;
	}
	return 0;
}

/* Opens the database for a shell command, with migrations applied. */
static struct db *open_db(const char *url)
{
	char err[512] = "";
	struct db *db = db_open(url, 2, err, sizeof err);
	if (db && db_migrate(db, err, sizeof err) >= 0)
		return db;
	fprintf(stderr, "innoland: %s\n", err);
	if (db)
		db_close(db);
	return NULL;
}

static int cmd_serve(struct options *o)
{
	struct app app;
	char err[512] = "", setup[96];
	if (app_open(&app, o->db, o->dev, (int)o->http.threads + 2, err, sizeof err) != 0) {
		log_error("%s", err);
		app_close(&app);
		return 1;
	}
	if (o->demo && app_demo_load(app.db) != 0) {
		app_close(&app);
		return 1;
	}
	if (cli_first_admin(app.db, setup, sizeof setup) != 0) {
		log_error("cannot prepare the first administrator");
		app_close(&app);
		return 1;
	}
	o->http.routes = app.routes;
	o->http.n_routes = app.n_routes;
	o->http.announce = setup[0] ? setup : NULL;
	log_info("database %s (%s), schema version %d", o->db, db_driver_name(app.db),
		 db_schema_version(app.db));
	struct http_env env;
	app_http_env(&app, &env);
	/* views are counted in memory and written every few seconds; the last
	 * of them once more after the last request, before the database closes */
	counter_start(app.db, o->count_flush);
	int rc = server_run(&o->http, &env);
	counter_stop();
	app_close(&app);
	return rc;
}

static int cmd_migrate(struct options *o)
{
	char err[512] = "";
	struct db *db = db_open(o->db, 1, err, sizeof err);
	int n = db ? db_migrate(db, err, sizeof err) : -1;
	struct db_conn *c = n >= 0 ? db_acquire(db) : NULL;
	if (n >= 0 && (!c || entity_indexes(c, err, sizeof err) != 0))
		n = -1;
	db_release(c);
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

static int cmd_backup(struct options *o)
{
	char err[512] = "";
	struct db *db = db_open(o->db, 1, err, sizeof err);
	if (db && db_backup(db, o->file, err, sizeof err) == 0) {
		printf("백업했습니다 (backed up): %s\n형식 (format): %s\n", o->file,
		       db_backup_format(db));
		db_close(db);
		return 0;
	}
	fprintf(stderr, "innoland backup: %s\n", err);
	db_close(db);
	return 1;
}

static int cmd_restore(struct options *o)
{
	char err[512] = "";
	struct db *db = db_open(o->db, 1, err, sizeof err);
	int n = -1;
	if (db && db_restore(db, o->file, err, sizeof err) == 0)
		n = db_migrate(db, err, sizeof err);
	if (n >= 0)
		printf("복원했습니다 (restored): %s; 적용한 마이그레이션 %d개, 스키마 버전 %d\n",
		       o->file, n, db_schema_version(db));
	else
		fprintf(stderr, "innoland restore: %s\n", err);
	db_close(db);
	return n < 0;
}

static int cmd_version(struct options *o)
{
	printf("innoland %s\n", INNOLAND_VERSION);
	return 0;
}

/* The entity a generic route serves (its data), or NULL for a module's own page. */
static const struct entity *route_entity(const struct route *r)
{
	for (size_t i = 0; i < entities_count(); i++)
		if (r->data == entity_at(i))
			return entity_at(i);
	return NULL;
}

static int cmd_routes(struct options *o)
{
	json_t *all = json_array();
	size_t n;
	const struct route *table = module_routes(&n);
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &table[i];
		json_t *roles = json_array();
		for (int k = 0; k < ROLE_COUNT; k++)
			if (r->allow & ROLE_BIT(k))
				json_array_append_new(roles, json_string(role_name((enum role)k)));
		json_t *one =
			json_pack("{s:s, s:s, s:b, s:b, s:o, s:s}", "method", r->method, "pattern",
				  r->pattern, "page", !!(r->flags & ROUTE_PAGE), "body",
				  !!(r->flags & ROUTE_BODY), "roles", roles, "summary", r->summary);
		const struct entity *e = route_entity(r);
		if (e)
			json_object_set_new(one, "entity", json_string(e->name));
		json_array_append_new(all, one);
	}
	json_dumpf(all, stdout, JSON_INDENT(1));
	putchar('\n');
	json_decref(all);
	return 0;
}

/* Shell commands on the database share opening and closing it. */
#define WITH_DB(name, call)                                                                        \
	static int name(struct options *o)                                                         \
	{                                                                                          \
		struct db *db = open_db(o->db);                                                    \
		if (!db)                                                                           \
			return 1;                                                                  \
		o->account.listen = "http://127.0.0.1:8080";                                       \
		int rc = call;                                                                     \
		db_close(db);                                                                      \
		return rc;                                                                         \
	}
WITH_DB(cmd_user_add, cli_user_add(db, &o->account))
WITH_DB(cmd_token_create, cli_token_create(db, &o->account))
WITH_DB(cmd_org_add, cli_org_add(db, &o->account))
WITH_DB(cmd_audit_verify, cli_audit_verify(db))
WITH_DB(cmd_rebuild, app_rebuild(db))

static int cmd_modules(struct options *o)
{
	json_t *all = modules_describe();
	json_dumpf(all, stdout, JSON_INDENT(1));
	putchar('\n');
	json_decref(all);
	return 0;
}

/* `innoland plans` (not in the usage: a test's and a developer's tool):
 * the plan of every list and registered query (crud_plans()) on --db,
 * which should be migrated already; exit 1 if any reads a whole table or
 * sorts all it found. */
static int cmd_plans(struct options *o)
{
	struct db *db = open_db(o->db);
	int rc = db ? crud_plans(db, stdout, stderr) != 0 : 1;
	if (db)
		db_close(db);
	return rc;
}

static int cmd_entities(struct options *o)
{
	entity_markdown(stdout);
	return 0;
}

static const struct command commands[] = {
	/* clang-format off */
	{"serve", NULL, "lDbicptqIMSEF", 0, cmd_serve},
	{"migrate", NULL, "", 0, cmd_migrate},
	{"check", NULL, "", 0, cmd_check},
	{"version", NULL, "", 0, cmd_version},
	{"routes", NULL, "", 0, cmd_routes},
	{"entities", NULL, "", 0, cmd_entities},
	{"org", "add", "oN", 0, cmd_org_add},
	{"user", "add", "oLNRP", 0, cmd_user_add},
	{"token", "create", "LT", 0, cmd_token_create},
	{"audit", "verify", "", 0, cmd_audit_verify},
	{"backup", NULL, "", 1, cmd_backup},
	{"restore", NULL, "", 1, cmd_restore},
	{"modules", NULL, "", 0, cmd_modules},
	{"rebuild", NULL, "", 0, cmd_rebuild},
	{"plans", NULL, "", 0, cmd_plans},
	/* clang-format on */
};

/* The options serve takes: what --config's file may set besides --db. */
static const char *serve_takes(void)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].word, "serve"))
			return commands[i].takes;
	return "";
}

/* A module's command: its declared long options (and --db), then FILE. */
static int run_module_command(const struct module_command *mc, int argc, char **argv)
{
	struct option longopts[18] = {{"db", required_argument, 0, 'd'}};
	char names[18][40];
	size_t n = 1;
	for (const char *const *name = mc->options; name && *name && n < 17; name++, n++) {
		int len = (int)strcspn(*name, "=");
		snprintf(names[n], sizeof names[n], "%.*s", len, *name);
		longopts[n] =
			(struct option){names[n], (*name)[len] ? required_argument : no_argument, 0,
					(int)(n + 256)};
	}
	struct cli_args a = {.sub = mc->sub};
	const char *url = "innoland.db";
	int ch, bad = 0;
	optind = 1;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'd')
			url = optarg;
		else if (ch >= 257 && a.n < 16) {
			a.names[a.n] = longopts[ch - 256].name;
			a.values[a.n++] = optarg ? optarg : "";
		} else
			bad = 1;
	}
	if (mc->file && optind == argc - 1)
		a.file = argv[optind++];
	if (bad || optind != argc || (mc->file && !a.file))
		return usage();
	struct db *db = open_db(url);
	if (!db)
		return 1;
	int rc = mc->run(db, &a);
	db_close(db);
	return rc;
}

/* 1 if argv names the command `word sub` (sub NULL: a word alone). */
static int names(int argc, char **argv, const char *word, const char *sub)
{
	return !strcmp(argv[1], word) && (!sub || (argc >= 3 && !strcmp(argv[2], sub)));
}

/* The command a module declares for argv, or NULL. */
static const struct module_command *module_command(int argc, char **argv)
{
	for (size_t i = 0; i < modules_count(); i++)
		for (size_t k = 0; k < module_at(i)->n_commands; k++)
			if (names(argc, argv, module_at(i)->commands[k].word,
				  module_at(i)->commands[k].sub))
				return &module_at(i)->commands[k];
	return NULL;
}

int main(int argc, char **argv)
{
	jmem_init();
	app_install();
	if (argc < 2)
		return usage();
	if (secret_init() != 0) {
		fprintf(stderr, "innoland: libsodium could not start\n");
		return 1;
	}
	const struct module_command *mc = module_command(argc, argv);
	if (mc)
		return run_module_command(mc, argc - (mc->sub ? 2 : 1), argv + (mc->sub ? 2 : 1));
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const struct command *c = &commands[i];
		int words = c->sub ? 2 : 1;
		if (!names(argc, argv, c->word, c->sub))
			continue;
		struct options o = {.db = "innoland.db", .count_flush = 5};
		server_config_defaults(&o.http);
		int bad = parse_options(argc - words, argv + words, c->takes, c->file, &o,
					serve_takes());
		if (bad < 0 || (c->file && !o.file))
			return usage();
		int rc = bad ? 2 : c->run(&o);
		conf_free(&o.conf);
		return rc;
	}
	return usage();
}
