/*
 * events.h: the one registry of domain event codes (app/events.c).  A
 * module emits these inside its write's transaction (mileage_event());
 * the mileage rules are written against them.  A module declares its codes
 * here when it arrives.
 */
#ifndef INNOLAND_EVENTS_H
#define INNOLAND_EVENTS_H

#include "crud/entity.h"

/* {code, Korean, English}, ending with {NULL}: the choices of a rule's
 * event_code. */
extern const struct choice app_events[];

/* 1 if code is in the registry. */
int app_event_known(const char *code);

#endif
