/*
 * courses.h: innovation education (issue 15 points 10-12; seed Ⅱ-8,
 * Ⅳ-2-2): courses of a kind with target grades, sessions, hours, provider
 * and capacity; enrolments applied → confirmed → completed / not
 * completed, with hours; bulk completion from an attendance sheet; the
 * completion status (이수현황) of a year.  Completing a course emits
 * `course.completed` (mileage); completing the expert course is what the
 * groups module's 혁신전문가 rule asks for (courses_completed()).
 */
#ifndef INNOLAND_COURSES_H
#define INNOLAND_COURSES_H

#include <stddef.h>
#include <stdint.h>

#include "crud/entity.h"
#include "http/router.h"

struct db_conn;
struct audit_actor;

#define COURSE_KIND_EXPERT "cyber_expert"
/* 1 if staff_id completed a course of this kind (any year, or in `year`
   when year > 0), 0 if not, -1 on a database error. */
int courses_completed(struct db_conn *c, int64_t org, int64_t staff_id, const char *kind, int year);

extern const struct entity courses_courses;    /* "courses" */
extern const struct entity courses_sessions;   /* "course-sessions" */
extern const struct entity courses_enrolments; /* "enrolments" */

extern const struct choice courses_kinds[];    /* courses.kind */
extern const struct choice courses_statuses[]; /* enrolments.status */

/*
 * The seed's 2006 education (Ⅱ-8) and the 2007 plan (Ⅳ-2-2): 행정혁신특별교육
 * (6.16, 230), 5급 간부 특별혁신교육 (3.9-3.17 and 10.1-10.31, 50),
 * 신규직원 현장학습 및 맞춤식 혁신특별교육 (1.13 and 6.2, 134), 혁신사이버교육
 * (미니과정, 전문가과정 in 5 rounds), every completion with its
 * course.completed event left for the mileage demo to take.  In one
 * transaction (crud/seed.h); 0, also when courses are there, or -1 with err.
 */
int courses_demo_load(struct db_conn *c, const struct audit_actor *by, int64_t org, char *err,
		      size_t errlen);

/* Completes enrolment id (status completed, hours, day) and emits
 * course.completed, in the caller's transaction: ERR_OK, ERR_CONFLICT
 * when it was completed already (nothing changed), or a DB error. */
enum err courses_complete(struct db_conn *c, int64_t org, int64_t id, int64_t hours,
			  const char *on);

/* The module's own pages (pages.c): the completion status (and its CSV
 * and XLSX: people, or the department × kind table), my courses, the
 * attendance sheet's upload and its dry run and confirmation. */
handler_fn courses_page_status, courses_page_status_export, courses_page_mine,
	courses_page_attendance, courses_page_attendance_post;

/* The module as the application lists it (module.c). */
extern const struct module courses_module;

#endif
