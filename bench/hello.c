/*
 * hello.c: the ceiling for bench/http.sh: the smallest libmicrohttpd server
 * that answers every request with a fixed page, using the same threading
 * (internal pool, epoll) as innoland.  Whatever InnoLand does on top of
 * libmicrohttpd shows as the distance from this.
 *
 * usage: hello PORT THREADS
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char page[] = "<!doctype html><html lang=\"ko\"><title>hello</title><p>안녕하세요</p>\n";

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *data,
			      size_t *size, void **state)
{
	static int seen;
	if (!*state) { /* the first call only announces the request: answering now would close it */
		*state = &seen;
		return MHD_YES;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(sizeof page - 1, (void *)page,
								 MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	enum MHD_Result ok = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD, (unsigned short)atoi(argv[1]), NULL, NULL, answer, NULL,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]), MHD_OPTION_CONNECTION_LIMIT, 8192u,
	    MHD_OPTION_END);
	if (!d)
		return 1;
	int sig;
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return 0;
}
