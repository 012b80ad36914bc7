/* entities.h: the auth module's entity declarations (entities.c). */
#ifndef INNOLAND_AUTH_ENTITIES_H
#define INNOLAND_AUTH_ENTITIES_H

#include "crud/entity.h"

extern const struct entity auth_accounts; /* "accounts": users, read-only */

#endif
