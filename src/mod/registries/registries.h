/*
 * registries.h: the innovation office's registries (기록·대장; SPEC.md §10,
 * issue 17 points 12, 14 and 15; seed Ⅱ, Ⅱ-10, Ⅱ-11, Ⅱ-12).
 *
 *  - publications: what the office printed and handed out (혁신사랑
 *    소식지, 책자, 포스터, 리플릿, 사례집, 미래성장비전계획 …), with the
 *    day, the copies in 부 or 매, to whom, and the file attached.
 *  - recognitions: awards (수상), selections (선정) and diagnoses (진단)
 *    the district received, with the organiser, the term of a selection,
 *    the fiscal incentive in won and the related project.
 *  - forums and forum-sessions: a forum the district's staff take part in
 *    (제3기 지역정책연구포럼) with its members, and its dated sessions with
 *    their attendees; a session lies within its forum's period.
 *
 * The /registries home lists each registry with its count and latest
 * entries, every figure counted from the records.
 *
 * Who may do what: administrators write; all staff read.
 */
#ifndef INNOLAND_REGISTRIES_H
#define INNOLAND_REGISTRIES_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity registries_publications; /* "publications" */
extern const struct entity registries_recognitions; /* "recognitions" */
extern const struct entity registries_forums;	    /* "forums" */
extern const struct entity registries_sessions;	    /* "forum-sessions" */

extern const struct choice registries_publication_kinds[]; /* publications.kind */
extern const struct choice registries_units[];		   /* publications.unit */
extern const struct choice registries_recognition_kinds[]; /* recognitions.kind */
extern const struct choice registries_session_kinds[];	   /* forum-sessions.kind */

/* The registries' home: each registry with its count and latest entries,
 * the copies by unit, the incentives' total (pages.c). */
handler_fn registries_page_home;

/*
 * The seed's records (Ⅱ, Ⅱ-10, Ⅱ-11, Ⅱ-12): the six publications of 2006,
 * the five recognitions, 제3기 지역정책연구포럼 with its 10 members of
 * grade 6 and above and its 12 monthly sessions.  After the org demo; 0,
 * also when the organisation has publications, or -1 with err; on -1
 * nothing is written.
 */
int registries_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
			 size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module registries_module;

#endif
