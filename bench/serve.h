/*
 * serve.h: how the benchmarks' bare servers (hello.c, floor.c) run: the
 * same libmicrohttpd threading as innoland (internal thread pool, epoll),
 * until SIGTERM or SIGINT.  Included by one program each, so static.
 */
#ifndef INNOLAND_BENCH_SERVE_H
#define INNOLAND_BENCH_SERVE_H

#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>

/* Serves answer on 127.0.0.1's port (text) with threads (text) threads;
 * the exit status once stopped: 0, or 1 if the server did not start. */
static int serve(const char *port, const char *threads, MHD_AccessHandlerCallback answer)
{
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD, (unsigned short)atoi(port), NULL, NULL, answer, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(threads), MHD_OPTION_CONNECTION_LIMIT,
		8192u, MHD_OPTION_END);
	if (!d)
		return 1;
	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return 0;
}

#endif
