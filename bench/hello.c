/*
 * hello.c: the ceiling for bench/http.sh: the smallest libmicrohttpd server
 * that answers every request with a fixed page, using the same threading
 * as innoland (serve.h).  Whatever InnoLand does on top of
 * libmicrohttpd shows as the distance from this.
 *
 * usage: hello PORT THREADS
 */
#include <stdio.h>
#include <string.h>

#include "serve.h"

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
	return argc == 3 ? serve(argv[1], argv[2], answer) : 2;
}
