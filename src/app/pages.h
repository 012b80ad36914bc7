/* pages.h: handlers of the pages that belong to no module (pages.c). */
#ifndef INNOLAND_PAGES_H
#define INNOLAND_PAGES_H

#include "http/router.h"

handler_fn page_home;
handler_fn page_healthz;

#endif
