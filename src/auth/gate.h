/*
 * gate.h: auth's side of the gate, the callbacks the application registers
 * in struct http_env (http/http.h), so that http itself knows nothing of
 * sessions or roles.  http decodes the body; then gate_identify() finds who
 * is asking (session cookie or bearer token), checks that the route's
 * roles include theirs, holds back an account that must change its
 * password, and requires the CSRF token on every unsafe request from a
 * browser.
 */
#ifndef INNOLAND_GATE_H
#define INNOLAND_GATE_H

#include <jansson.h>

#include "core/error.h"

struct principal;
struct request;

/* struct http_env's gate: fills req->who; ERR_OK when the route may run. */
enum err gate_identify(struct request *req);
/* struct http_env's me: {"login", "name", "role", "role_label", "is_admin"}. */
json_t *gate_me(const struct principal *who);

#endif
