/*
 * listener.c: one listening socket, one accept thread, N workers (see
 * listener.h).
 *
 * Why not libmicrohttpd's own thread pool: every pool thread polls the
 * same listening socket and the one that wakes first accepts everything
 * waiting, so connections opened together (a browser's, a benchmark's
 * eight keep-alive ones) often all landed on one thread, which then did
 * all the work on one core (issue 14: 8 of 36 runs).  Why not a listening
 * socket per thread with SO_REUSEPORT: then a second server on a port in
 * use binds too and quietly takes part of its connections, where it must
 * be refused.  So there is one socket, bound without SO_REUSEPORT (a
 * second bind fails with EADDRINUSE; SO_REUSEADDR still lets a restart
 * take the port at once), and the choice of thread is ours: each accepted
 * connection goes, through MHD_add_connection (thread-safe with
 * MHD_USE_ITC), to the worker with the fewest open connections, ties taken
 * in turn.
 *
 * Counting: a connection is counted when it is accepted (against the
 * total and its address's limit, so a burst cannot slip past them) and
 * uncounted when its worker reports it closed (MHD_CONNECTION_NOTIFY_CLOSED)
 * or when MHD_add_connection refuses it.  libmicrohttpd reports a close
 * only for a connection it reported started, and starts every connection
 * it took unless it runs out of memory or is stopped first.  Every count
 * is guarded by the listener's one lock: the accept thread and the
 * workers' closes are its only users.
 *
 * Memory: the listener, its workers and the per-address nodes (one per
 * address with open connections, freed when its count drops to 0) are
 * malloc'd and freed by listener_close().
 */
#include "http/listener.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

#define ADDR_BUCKETS 1024 /* per-address counts: a power of two */

/* A client's address without its port: what the per-client limit counts. */
struct addr_key {
	int family;		 /* AF_INET or AF_INET6 */
	unsigned char bytes[16]; /* the address, zero-padded for IPv4 */
};

struct addr_count {
	struct addr_count *next; /* the bucket's next node */
	struct addr_key key;	 /* the address */
	unsigned open;		 /* its connections open now, at least 1 */
};

struct worker {
	struct listener *owner;	   /* the listener it belongs to */
	struct MHD_Daemon *daemon; /* its daemon, with one thread */
	unsigned open;		   /* its connections open now */
	unsigned long given;	   /* connections handed to it since the start */
};

struct listener {
	int fd;			 /* the listening socket; -1 once closed */
	int wake[2];		 /* a pipe: a byte on wake[1] ends the accept thread */
	unsigned port;		 /* the port bound */
	unsigned max_total;	 /* connections open at once, over all workers */
	unsigned max_per_client; /* of them from one address */
	pthread_t thread;	 /* the accept thread */
	int accepting;		 /* 1 while the accept thread runs */
	struct worker *workers;	 /* n of them */
	unsigned n;		 /* workers started */
	unsigned next;		 /* where the search for the least loaded starts */
	pthread_mutex_t lock;	 /* guards open, by_addr and the workers' counts */
	unsigned open;		 /* connections open over all workers */

	struct addr_count *by_addr[ADDR_BUCKETS]; /* open connections per address */
};

/* The address part of sa; 0 if it is not an IP address. */
static int addr_key_of(const struct sockaddr *sa, struct addr_key *key)
{
	memset(key, 0, sizeof *key);
	if (!sa)
		return 0;
	key->family = sa->sa_family;
	if (sa->sa_family == AF_INET) {
		memcpy(key->bytes, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		return 1;
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(key->bytes, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		return 1;
	}
	return 0;
}

/* The bucket of key's node (FNV-1a over the family and the bytes). */
static struct addr_count **addr_bucket(struct listener *l, const struct addr_key *key)
{
	uint32_t h = 2166136261u ^ (uint32_t)key->family;
	for (size_t i = 0; i < sizeof key->bytes; i++)
		h = (h ^ key->bytes[i]) * 16777619u;
	return &l->by_addr[h & (ADDR_BUCKETS - 1)];
}

/* The link that points to key's node, or to the bucket's end. */
static struct addr_count **addr_find(struct listener *l, const struct addr_key *key)
{
	struct addr_count **p = addr_bucket(l, key);
	while (*p && memcmp(&(*p)->key, key, sizeof *key) != 0)
		p = &(*p)->next;
	return p;
}

/* Counts one more connection from key, if its limit allows; 1 if counted. */
static int addr_take(struct listener *l, const struct addr_key *key)
{
	struct addr_count **p = addr_find(l, key);
	if (!*p) {
		*p = xcalloc(1, sizeof **p);
		(*p)->key = *key;
	} else if ((*p)->open >= l->max_per_client) {
		return 0;
	}
	(*p)->open++;
	return 1;
}

static void addr_drop(struct listener *l, const struct addr_key *key)
{
	struct addr_count **p = addr_find(l, key);
	assert(*p && (*p)->open > 0);
	if (--(*p)->open == 0) {
		struct addr_count *gone = *p;
		*p = gone->next;
		free(gone);
	}
}

/* The worker a new connection from sa goes to, counted; NULL if a limit
 * refuses it. */
static struct worker *admit(struct listener *l, const struct sockaddr *sa)
{
	struct addr_key key;
	int counted = addr_key_of(sa, &key);
	struct worker *w = NULL;
	pthread_mutex_lock(&l->lock);
	if (l->open < l->max_total && (!counted || addr_take(l, &key))) {
		w = &l->workers[l->next];
		for (unsigned i = 1; i < l->n; i++) {
			struct worker *c = &l->workers[(l->next + i) % l->n];
			if (c->open < w->open)
				w = c;
		}
		l->next = (unsigned)(w - l->workers + 1) % l->n;
		w->open++;
		w->given++;
		l->open++;
	}
	pthread_mutex_unlock(&l->lock);
	return w;
}

/* Uncounts a connection of w from sa. */
static void release(struct worker *w, const struct sockaddr *sa)
{
	struct listener *l = w->owner;
	struct addr_key key;
	pthread_mutex_lock(&l->lock);
	assert(w->open > 0 && l->open > 0);
	w->open--;
	l->open--;
	if (addr_key_of(sa, &key))
		addr_drop(l, &key);
	pthread_mutex_unlock(&l->lock);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)socket_context;
	if (toe != MHD_CONNECTION_NOTIFY_CLOSED)
		return;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	release(cls, ci ? ci->client_addr : NULL);
}

/* Accepts every connection waiting and hands each to a worker. */
static void accept_waiting(struct listener *l)
{
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		int fd = accept4(l->fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
			    errno == ENOMEM)
				usleep(100000); /* out of descriptors: let closes free some */
			return;
		}
		struct worker *w = admit(l, (struct sockaddr *)&ss);
		if (!w)
			close(fd); /* over a limit: refused, as libmicrohttpd does */
		else if (MHD_add_connection(w->daemon, fd, (struct sockaddr *)&ss, len) != MHD_YES)
			release(w, (struct sockaddr *)&ss); /* libmicrohttpd closed it */
	}
}

static void *accept_main(void *cls)
{
	struct listener *l = cls;
	struct pollfd fds[2] = {{.fd = l->fd, .events = POLLIN},
				{.fd = l->wake[0], .events = POLLIN}};
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[1].revents)
			break;
		if (fds[0].revents)
			accept_waiting(l);
	}
	return NULL;
}

struct listener *listener_open(const struct sockaddr *sa, socklen_t len, unsigned max_total,
			       unsigned max_per_client)
{
	int one = 1;
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return NULL;
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    (sa->sa_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
	    bind(fd, sa, len) != 0 || listen(fd, SOMAXCONN) != 0 ||
	    getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	struct listener *l = xcalloc(1, sizeof *l);
	if (pipe2(l->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		int e = errno;
		close(fd);
		free(l);
		errno = e;
		return NULL;
	}
	l->fd = fd;
	l->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
						    : ((struct sockaddr_in *)&bound)->sin_port);
	l->max_total = max_total;
	l->max_per_client = max_per_client;
	pthread_mutex_init(&l->lock, NULL);
	return l;
}

unsigned listener_port(const struct listener *l)
{
	return l->port;
}

/* Stops the workers started so far. */
static void stop_workers(struct listener *l)
{
	for (unsigned i = 0; i < l->n; i++)
		MHD_stop_daemon(l->workers[i].daemon);
}

int listener_start(struct listener *l, unsigned n, worker_start_fn *start, void *ctx)
{
	assert(n > 0 && !l->workers);
	l->workers = xcalloc(n, sizeof *l->workers);
	/* Each worker's own limit is only a backstop that must never refuse
	 * what the listener admitted: a worker counts a closed connection a
	 * little after its close is reported, so it may hold up to max_total
	 * admitted ones plus max_total closing ones. */
	unsigned limit = l->max_total * 2;
	for (; l->n < n; l->n++) {
		struct worker *w = &l->workers[l->n];
		w->owner = l;
		w->daemon = start(ctx, limit, on_connection, w);
		if (!w->daemon)
			break;
	}
	if (l->n == n && pthread_create(&l->thread, NULL, accept_main, l) == 0) {
		pthread_setname_np(l->thread, "il-accept");
		l->accepting = 1;
		return 0;
	}
	stop_workers(l);
	l->n = 0;
	return -1;
}

void listener_stop_accepting(struct listener *l)
{
	if (l->accepting) {
		while (write(l->wake[1], "", 1) < 0 && errno == EINTR)
			;
		pthread_join(l->thread, NULL);
		l->accepting = 0;
	}
	if (l->fd >= 0) {
		close(l->fd);
		l->fd = -1;
	}
}

void listener_close(struct listener *l)
{
	listener_stop_accepting(l);
	stop_workers(l);
	if (l->n) {
		struct buf b = BUF_INIT;
		for (unsigned i = 0; i < l->n; i++)
			buf_printf(&b, " %lu", l->workers[i].given);
		log_info("connections given to each thread:%s", b.data);
		buf_free(&b);
	}
	for (size_t i = 0; i < ADDR_BUCKETS; i++)
		while (l->by_addr[i]) {
			struct addr_count *gone = l->by_addr[i];
			l->by_addr[i] = gone->next;
			free(gone);
		}
	pthread_mutex_destroy(&l->lock);
	close(l->wake[0]);
	close(l->wake[1]);
	free(l->workers);
	free(l);
}
