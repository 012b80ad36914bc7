/* entities.h: the auth module's entity declarations (entities.c). */
#ifndef INNOLAND_AUTH_ENTITIES_H
#define INNOLAND_AUTH_ENTITIES_H

#include "crud/entity.h"

#include "auth/role.h"

extern const struct entity auth_accounts; /* "accounts": users, read-only */

/* Every role by its enum value, {name, Korean, English}, then {NULL} (role.c
 * names roles from it); an account's roles start at ROLE_RESIDENT. */
extern const struct choice role_choices[ROLE_COUNT + 1];

#endif
