/*
 * clubs.h: learning clubs (학습동아리; SPEC.md §5, seed Ⅱ-7, Ⅳ-2-1).  A club
 * is general (일반) or a department's (부서): "1부서 1학습동아리", so a
 * department has at most one live department club, and its members come
 * from that department's subtree; one who moves department later stays
 * and is flagged on the club's page.  Members have roles (회장, 총무, 회원)
 * and dated joining and leaving (never deleted).  A meeting has attendees
 * (members); holding it emits `club.meeting_held` (for the club, booked to
 * its 회장) and `club.attended` for each attendee, which the mileage rules
 * turn into points.  Outputs are a club's products (files attached); the
 * casebook's editions (학습동아리 활동 사례집) select outputs as cases.  The
 * regulation (훈령 제83호) is a stored document shown on the clubs' page.
 *
 * Who may do what: administrators everything; a department manager their
 * subtree's clubs, with their members, meetings and outputs; a club's
 * 회장 and 총무 its members, meetings and outputs; all staff read.
 */
#ifndef INNOLAND_CLUBS_H
#define INNOLAND_CLUBS_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

extern const struct entity clubs_regulations; /* "club-regulations" */
extern const struct entity clubs_clubs;	      /* "clubs" */
extern const struct entity clubs_members;     /* "club-members" */
extern const struct entity clubs_meetings;    /* "club-meetings" */
extern const struct entity clubs_outputs;     /* "club-outputs" */
extern const struct entity clubs_casebooks;   /* "club-casebooks" */

extern const struct choice clubs_kinds[];	  /* clubs.kind */
extern const struct choice clubs_statuses[];	  /* clubs.status */
extern const struct choice clubs_roles[];	  /* club-members.role */
extern const struct choice clubs_meeting_kinds[]; /* club-meetings.kind */
extern const struct choice clubs_output_kinds[];  /* club-outputs.kind */

/* 1 if the signed-in person may keep club's members, meetings and outputs:
 * an administrator, a manager whose subtree holds the club's department,
 * the club's current 회장 or 총무 (entities.c). */
int clubs_may_keep(struct request *req, int64_t club);

/* After a meeting's write: club.meeting_held for the club (booked to its
 * 회장, once) and club.attended for each attendee who has none for it yet
 * (entities.c). */
enum err clubs_meeting_events(struct db_conn *c, int64_t org, int64_t meeting, const json_t *row);

/* The club page's extra document: members (moved ones flagged), former
 * members, meetings, outputs (pages.c). */
entity_show_fn clubs_show;
/* The clubs' home (regulation, totals), the monthly monitoring and its
 * exports, the casebook's printable page and XLSX, and a club's page as
 * its own route (/clubs/{id}/record: the show page's document, for the
 * API, whose show answers the row alone) (pages.c). */
handler_fn clubs_page_home, clubs_page_record, clubs_page_monitoring, clubs_page_monitoring_export,
	clubs_page_casebook, clubs_page_casebook_export;

/*
 * The seed's clubs (Ⅱ-7, Ⅳ-2-1): the regulation of 2006-06-08, 41 clubs
 * with 369 members (일반 13 / 137, 부서 28 / 232, one a division), 60
 * meetings in 2006 with their attendees and events (left for the mileage
 * demo to take), the workshop of 7.3, the casebook of 5.25 (100 copies) and
 * the 2007 plan (200), the 7 presentations of the club contest of 10.25 as
 * outputs.  0, also when the organisation has clubs, or -1 with err.
 */
int clubs_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		    size_t errlen);

/* The module as the application lists it (module.c). */
extern const struct module clubs_module;

#endif
