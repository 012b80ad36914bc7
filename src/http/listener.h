/*
 * listener.h: the one listening socket, the thread that accepts on it and
 * the workers it hands connections to (libmicrohttpd daemons without a
 * listening socket, one thread each).  Each connection goes to the worker
 * with the fewest open connections, so connections arriving together are
 * spread over every thread; the total and per-address connection limits
 * are counted here, over all workers.  Internal to http/ (server.c).
 */
#ifndef INNOLAND_HTTP_LISTENER_H
#define INNOLAND_HTTP_LISTENER_H

#include <microhttpd.h>
#include <sys/socket.h>

struct listener;

/* Starts one worker: a daemon with MHD_USE_NO_LISTEN_SOCKET, an internal
 * thread and MHD_USE_ITC whose MHD_OPTION_NOTIFY_CONNECTION is notify with
 * notify_cls (the listener counts closed connections there) and whose
 * MHD_OPTION_CONNECTION_LIMIT is limit; NULL if it cannot. */
typedef struct MHD_Daemon *worker_start_fn(void *ctx, unsigned limit,
					   MHD_NotifyConnectionCallback notify, void *notify_cls);

/* Binds sa (len bytes) and listens; NULL with errno set when it cannot
 * (EADDRINUSE: another server has the port).  max_total and
 * max_per_client are the limits over all workers. */
struct listener *listener_open(const struct sockaddr *sa, socklen_t len, unsigned max_total,
			       unsigned max_per_client);
/* The port bound (the one the system picked for port 0). */
unsigned listener_port(const struct listener *l);
/* Starts n workers through start, then the accept thread; 0 on success,
 * -1 (nothing left running) if a worker or the thread did not start. */
int listener_start(struct listener *l, unsigned n, worker_start_fn *start, void *ctx);
/* Stops accepting: the accept thread ends and the socket is closed, so
 * new clients are refused while the workers finish what they have. */
void listener_stop_accepting(struct listener *l);
/* Stops the workers (closing their connections), logs how many
 * connections each thread was given, and frees l. */
void listener_close(struct listener *l);

#endif
