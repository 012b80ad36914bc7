/*
 * choice.h: one value of a closed list, as every layer declares it: the
 * value stored, its Korean label and its English one.  Lists end with a
 * {NULL} entry.  Roles (auth), an entity's choices (crud) and a page's
 * query parameter (http) use the same tables.
 */
#ifndef INNOLAND_CHOICE_H
#define INNOLAND_CHOICE_H

struct choice {
	const char *value;    /* stored, e.g. "g6" */
	const char *label;    /* Korean, e.g. "6급" */
	const char *label_en; /* English, e.g. "Grade 6" */
};

/* The label of value in choices, or value itself when it is not one. */
const char *choice_label(const struct choice *choices, const char *value);

#endif
