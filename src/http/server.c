/*
 * server.c: the libmicrohttpd glue.  Turns libmicrohttpd's callbacks into
 * one struct request, runs it through dispatch (http/dispatch.c) and queues
 * the response; logs a line per request; shuts down cleanly on a signal.
 *
 * Threads: one accept thread on the listening socket (http/listener.c,
 * which says why not libmicrohttpd's pool) hands each connection to the
 * least loaded of --threads workers, libmicrohttpd daemons with one thread
 * and one epoll set each, so idle connections cost a file descriptor, not
 * a thread.  The main thread only waits for SIGTERM/SIGINT (blocked
 * everywhere else, taken by sigwait), then stops accepting, lets in-flight
 * requests finish for up to four seconds and stops the workers, which
 * closes idle connections.
 *
 * Memory: struct request is malloc'd when the URI arrives and freed in the
 * completion callback with its arena and body.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "core/xalloc.h"
#include "http/dispatch.h"
#include "http/listener.h"

static atomic_int in_flight; /* requests begun and not yet completed */

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void server_config_defaults(struct server_config *cfg)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	*cfg = (struct server_config){
		.host = "127.0.0.1",
		.port = 8080,
		.threads = cores > 0 ? (unsigned)cores : 2,
		.body_max = 10u << 20,
		.uri_max = 8192,
		.header_memory = 16u << 10,
		.idle_timeout = 30,
		.max_connections = 8192,
		.max_per_client = 256,
	};
}

const char *request_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *request_cookie(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *request_ip(struct request *req)
{
	if (req->ip)
		return req->ip;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "unknown";
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text,
			  sizeof text);
	req->ip = arena_strdup(&req->arena, text);
	return req->ip;
}

struct db_conn *request_db(struct request *req)
{
	if (!req->db) {
		req->db = db_acquire(req->env->db);
		if (req->db && req->identified) /* a page's reads agree, in one read transaction */
			db_snapshot(req->db);
	}
	return req->db;
}

void request_identified(struct request *req)
{
	req->identified = 1;
	if (req->db)
		db_snapshot(req->db);
}

struct db *request_database(struct request *req)
{
	return req->env->db;
}

/* 1 if s is 1 to 18 digits. */
static int is_number(const char *s)
{
	return s && *s && strlen(s) <= 18 && strspn(s, "0123456789") == strlen(s);
}

const char *request_query(struct request *req, const char *name)
{
	const char *v = params_get(&req->query, name);
	return v && *v ? v : NULL;
}

int64_t request_query_int(struct request *req, const char *name, int64_t def)
{
	const char *v = params_get(&req->query, name);
	return is_number(v) ? strtoll(v, NULL, 10) : def;
}

/* 1 if name is among omit (NULL-ended; NULL: none) or is an action's
 * notice, which a link never carries on (it is shown once). */
static int omitted(const char *name, const char *const *omit)
{
	for (; omit && *omit; omit++)
		if (!strcmp(name, *omit))
			return 1;
	return !strcmp(name, "notice");
}

const char *request_link_query(struct request *req, const char *set, const char *value,
			       const char *const *omit)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < req->query.n; i++) {
		const struct param *p = &req->query.items[i];
		if (omitted(p->name, omit) || (set && !strcmp(p->name, set)))
			continue;
		buf_puts(&b, b.len ? "&" : "?");
		buf_put_url(&b, p->name);
		buf_puts(&b, "=");
		buf_put_url(&b, p->value);
	}
	if (set && value) {
		buf_puts(&b, b.len ? "&" : "?");
		buf_put_url(&b, set);
		buf_puts(&b, "=");
		buf_put_url(&b, value);
	}
	const char *out = arena_strdup(&req->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* The request's query string with page set to page, in the arena. */
static const char *request_page_query(struct request *req, int64_t page)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)page);
	return request_link_query(req, "page", n, NULL);
}

void request_pager(struct request *req, json_t *doc, int64_t page, int more)
{
	if (page > 1) {
		json_object_set_new(doc, "prev", json_integer(page - 1));
		json_object_set_new(doc, "prev_query",
				    json_string(request_page_query(req, page - 1)));
	}
	if (more) {
		json_object_set_new(doc, "next", json_integer(page + 1));
		json_object_set_new(doc, "next_query",
				    json_string(request_page_query(req, page + 1)));
	}
}

int64_t request_param_id(struct request *req, const char *name)
{
	const char *v = request_param(req, name);
	return is_number(v) ? strtoll(v, NULL, 10) : 0;
}

const char *request_form(struct request *req, const char *name)
{
	if (req->json) { /* an API client's body: the same field, as the form would carry it */
		json_t *v = json_object_get(req->json, name);
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_integer(v))
			return arena_printf(&req->arena, "%lld", (long long)json_integer_value(v));
		if (json_is_real(v))
			return arena_printf(&req->arena, "%.15g", json_real_value(v));
		return json_is_true(v) ? "1" : "";
	}
	const char *v = params_get(&req->form, name);
	return v ? v : "";
}

void response_redirect(struct request *req, struct response *res, const char *location)
{
	res->status = 303;
	res->static_body = "";
	res->body_len = 0;
	response_header(res, "Location", arena_strdup(&req->arena, location));
}

void response_header(struct response *res, const char *name, const char *value)
{
	if (res->n_headers < RESPONSE_MAX_HEADERS)
		res->headers[res->n_headers++] = (struct header){name, value};
}

/* Called first for every request, with the raw target; creates the request. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request *req = xmalloc(sizeof *req);
	memset(req, 0, offsetof(struct request, arena)); /* the arena's bytes need no zeroing */
	arena_init(&req->arena);
	req->env = cls;
	req->conn = conn;
	req->uri = arena_strdup(&req->arena, uri ? uri : "/");
	req->start_us = now_us();
	atomic_fetch_add(&in_flight, 1);
	return req;
}

/* The request's log line: method, path (without the query), status, time, bytes. */
static void log_request(const struct request *req, enum MHD_RequestTerminationCode toe)
{
	const char *q = strchr(req->uri, '?');
	int plen = q ? (int)(q - req->uri) : (int)strlen(req->uri);
	log_info("%s %.*s %d %lldus %zuB%s", req->method ? req->method : "-",
		 plen > 512 ? 512 : plen, req->uri, req->status,
		 (long long)(now_us() - req->start_us), req->bytes,
		 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
}

static void on_complete(void *cls, struct MHD_Connection *conn, void **con_cls,
			enum MHD_RequestTerminationCode toe)
{
	struct request *req = *con_cls;
	if (!req)
		return;
	if (!log_quiet)
		log_request(req, toe);
	db_release(req->db);
	json_decref(req->json);
	buf_free(&req->body);
	arena_free(&req->arena);
	free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

/* libmicrohttpd's side of a struct response_stream. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct response_stream *st = cls;
	long n = st->fill(st->ctx, buf, max);
	return n > 0	? (ssize_t)n
	       : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
			: MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls)
{
	struct response_stream *st = cls;
	st->done(st->ctx);
	free(st);
}

/* The response for a stream, which from now on owns it (NULL: freed). */
static struct MHD_Response *stream_response(struct response *res)
{
	struct response_stream *st = xmalloc(sizeof *st);
	*st = res->stream;
	res->stream.fill = NULL;
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
								   stream_read, st, stream_free);
	if (!r)
		stream_free(st);
	return r;
}

static enum MHD_Result queue(struct request *req, struct response *res)
{
	struct MHD_Response *r;
	if (res->stream.fill)
		r = stream_response(res);
	else if (res->body)
		r = MHD_create_response_from_buffer(res->body_len, res->body,
						    MHD_RESPMEM_MUST_FREE);
	else
		r = MHD_create_response_from_buffer(res->body_len, (void *)res->static_body,
						    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO; /* the caller frees res->body */
	res->body = NULL;      /* libmicrohttpd owns it now */
	if (res->content_type && res->status != 304)
		MHD_add_response_header(r, "Content-Type", res->content_type);
	for (size_t i = 0; i < res->n_headers; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	if (req->db)
		MHD_add_response_header(r, "X-DB-Queries",
					arena_printf(&req->arena, "%lu", db_queries(req->db)));
	req->status = res->status ? res->status : 200;
	req->bytes = res->body_len;
	enum MHD_Result ok = MHD_queue_response(req->conn, (unsigned)req->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	const struct server_config *cfg = cls;
	struct request *req = *con_cls;
	if (!req->method) {
		req->method = arena_strdup(&req->arena, method);
		req->version = arena_strdup(&req->arena, version);
		const char *cl =
			MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > cfg->body_max) {
			req->early = ERR_TOO_LARGE;
		} else if (strlen(req->uri) > cfg->uri_max) {
			req->early = ERR_URI_TOO_LONG;
		} else {
			return MHD_YES; /* wait for the body, if any */
		}
	} else if (*upload_data_size) {
		if (req->body.len + *upload_data_size > cfg->body_max)
			req->body_too_large = 1;
		else
			buf_append(&req->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (req->body_too_large)
		req->early = ERR_TOO_LARGE;
	struct response res = {0};
	dispatch(req, cfg, &res);
	enum MHD_Result ok = queue(req, &res);
	free(res.body);
	return ok;
}

/* Resolves cfg->host into a socket address of *len bytes; 0 on success. */
static int listen_address(const struct server_config *cfg, struct sockaddr_storage *ss,
			  socklen_t *len)
{
	struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE,
				 .ai_socktype = SOCK_STREAM};
	struct addrinfo *ai;
	char port[16];
	snprintf(port, sizeof port, "%u", cfg->port);
	if (getaddrinfo(cfg->host, port, &hints, &ai) != 0)
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* Idle connections each hold a descriptor: allow as many as the hard limit. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* What a worker's daemon serves with. */
struct worker_ctx {
	const struct server_config *cfg; /* the limits, the routes */
	const struct http_env *env;	 /* what every request points to */
};

/* One worker (listener.h's worker_start_fn): the same callbacks and
 * per-connection limits for every thread; the connection limits over all
 * of them are the listener's. */
static struct MHD_Daemon *start_worker(void *ctx, unsigned limit,
				       MHD_NotifyConnectionCallback notify, void *notify_cls)
{
	const struct worker_ctx *w = ctx;
	const struct server_config *cfg = w->cfg;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;
	return MHD_start_daemon(flags, 0, NULL, NULL, on_request, (void *)cfg,
				MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_CONNECTION_TIMEOUT,
				cfg->idle_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
				cfg->header_memory, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
				(void *)w->env, MHD_OPTION_NOTIFY_COMPLETED, on_complete, NULL,
				MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls, MHD_OPTION_END);
}

static void stop_gracefully(struct listener *l)
{
	listener_stop_accepting(l);
	int64_t deadline = now_us() + 4000000;
	while (atomic_load(&in_flight) > 0 && now_us() < deadline)
		usleep(10000);
	listener_close(l);
}

int server_run(const struct server_config *cfg, const struct http_env *env)
{
	assert(env->gate && env->me && env->templates && env->templates_done);
	struct sockaddr_storage ss;
	socklen_t len = 0;
	if (listen_address(cfg, &ss, &len) != 0) {
		log_error("cannot listen on '%s': not a numeric address", cfg->host);
		return 1;
	}
	int v6 = ss.ss_family == AF_INET6;
	raise_fd_limit();
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* before any thread starts: they inherit it */
	signal(SIGPIPE, SIG_IGN);
	struct listener *l = listener_open((struct sockaddr *)&ss, len, cfg->max_connections,
					   cfg->max_per_client);
	if (!l && errno == EADDRINUSE) {
		log_error("cannot listen on %s:%u (address in use?)", cfg->host, cfg->port);
		return 1;
	}
	if (!l) {
		log_error("cannot listen on %s:%u: %s", cfg->host, cfg->port, strerror(errno));
		return 1;
	}
	struct worker_ctx ctx = {.cfg = cfg, .env = env};
	if (listener_start(l, cfg->threads, start_worker, &ctx) != 0) {
		log_error("cannot start %u worker threads", cfg->threads);
		listener_close(l);
		return 1;
	}
	unsigned port = listener_port(l);
	printf("innoland: serving http://%s%s%s:%u/\n", v6 ? "[" : "", cfg->host, v6 ? "]" : "",
	       port);
	if (cfg->announce)
		printf("innoland: 첫 관리자 설정 링크 (first administrator, once, 24 h): "
		       "http://%s%s%s:%u%s\n",
		       v6 ? "[" : "", cfg->host, v6 ? "]" : "", port, cfg->announce);
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	log_info("signal %d: finishing requests in flight, then stopping", sig);
	stop_gracefully(l);
	log_info("stopped");
	return 0;
}
