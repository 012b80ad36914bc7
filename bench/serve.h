/*
 * serve.h: how the benchmarks' bare servers (hello.c, floor.c) run: the
 * same threading as innoland (http/listener.c: one accept thread handing
 * connections to the least loaded of THREADS one-thread libmicrohttpd
 * daemons, epoll), until SIGTERM or SIGINT.  Included by one program each,
 * so static; compiled with common.sh's $serve_src.
 */
#ifndef INNOLAND_BENCH_SERVE_H
#define INNOLAND_BENCH_SERVE_H

#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>

#include "core/log.h"
#include "http/listener.h"

/* A worker (listener.h's worker_start_fn) answering with ctx, the answer. */
static struct MHD_Daemon *serve_worker(void *ctx, unsigned limit,
				       MHD_NotifyConnectionCallback notify, void *notify_cls)
{
	MHD_AccessHandlerCallback *answer = ctx;
	return MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_NO_LISTEN_SOCKET |
					MHD_USE_ITC,
				0, NULL, NULL, *answer, NULL, MHD_OPTION_CONNECTION_LIMIT, limit,
				MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls, MHD_OPTION_END);
}

/* Serves answer on 127.0.0.1's port (text) with threads (text) threads;
 * the exit status once stopped: 0, or 1 if the server did not start. */
static int serve(const char *port, const char *threads, MHD_AccessHandlerCallback answer)
{
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	log_quiet = 1;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port))};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct listener *l = listener_open((struct sockaddr *)&sa, sizeof sa, 8192, 8192);
	if (!l)
		return 1;
	if (listener_start(l, (unsigned)atoi(threads), serve_worker, &answer) != 0) {
		listener_close(l);
		return 1;
	}
	int sig;
	sigwait(&stop, &sig);
	listener_close(l);
	return 0;
}

#endif
