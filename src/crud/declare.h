/*
 * declare.h: one-letter names of the field flags, for the declaration
 * tables of entities.c files only (never include it from a header): a
 * table reads {"title", "제목", "Title", F_TEXT, L | S | O | X | R, …}.
 */
#ifndef INNOLAND_DECLARE_H
#define INNOLAND_DECLARE_H

#include "crud/entity.h"

#define L  FL_LIST
#define S  FL_SEARCH
#define O  FL_SORT
#define F  FL_FILTER
#define X  FL_EXPORT
#define R  FL_REQUIRED
#define RO FL_READONLY

#endif
