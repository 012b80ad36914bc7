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
 * Who may do what: administrators write; all staff read; supporters read
 * the supporters' roster.
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

/* Issue 17 points 6, 7, 8, 13 (outreach.c; seed Ⅳ-1-4, Ⅳ-1-5, Ⅳ-2-4, Ⅳ-2-8):
 *  - complaint-improvements (민원제도개선): a problem from 반복·다수인 민원,
 *    장기·고질 민원 or 내부 제도·관행, its proposal and residents reached,
 *    found → reviewing → done / rejected by actions (review, complete,
 *    reject with a reason), the meetings of the 민원제도개선협의회 and the
 *    과제발굴 모니터단 that dealt with it (tasks' meetings of kinds
 *    complaint_council and complaint_monitors);
 *  - complaint-evaluations: its 분기별 평가, one score (0~100) and note a
 *    quarter;
 *  - supporters (행정혁신 서포터즈): the roster with term, field and the
 *    account they sign in with; a supporter's page lists the advice given
 *    with that account (task-advice) and what came of it (the task's
 *    status and progress), and the supporters' meetings of their term;
 *  - benchmarkings (혁신 우수기관 벤치마킹): 국내·외, 공공·민간, 현장 또는
 *    사이트 방문, findings and follow-up; "publish" makes the findings a
 *    knowledge item of kind 벤치마킹 once (409 after), whose body links
 *    back; the 벤치마킹 사례집 is a printable page and an XLSX;
 *  - disclosures (혁신활동 추진성과 공시, 연 2회): a dated document of a
 *    half with chosen records (knowledge items, publications,
 *    recognitions, benchmarkings, improvements), printable; "publish"
 *    marks it published with the day.  The public portal (issue 18) does
 *    not exist yet: it will list the published disclosures, newest first,
 *    each with its title, half, day, summary and the titles of its chosen
 *    records, as the printable page shows them.
 */
extern const struct entity registries_complaints;    /* "complaint-improvements" */
extern const struct entity registries_evaluations;   /* "complaint-evaluations" */
extern const struct entity registries_supporters;    /* "supporters" */
extern const struct entity registries_benchmarkings; /* "benchmarkings" */
extern const struct entity registries_disclosures;   /* "disclosures" */

extern const struct choice registries_complaint_sources[];  /* complaint-improvements.source */
extern const struct choice registries_complaint_statuses[]; /* complaint-improvements.status */
extern const struct choice registries_supporter_kinds[];    /* supporters.kind */
extern const struct choice registries_bench_regions[];	    /* benchmarkings.region */
extern const struct choice registries_bench_sectors[];	    /* benchmarkings.sector */
extern const struct choice registries_bench_methods[];	    /* benchmarkings.method */
extern const struct choice registries_bench_follow_ups[];   /* benchmarkings.follow_up */
extern const struct choice registries_bench_statuses[];	    /* benchmarkings.status */
extern const struct choice registries_halves[];		    /* disclosures.half */

/* Show pages (outreach_pages.c): an improvement with its quarterly
 * evaluations and meetings; a supporter with their advice and meetings. */
entity_show_fn registries_improvement_show, registries_supporter_show;
/* The 벤치마킹 사례집 (?year=) as a printable page and an XLSX; a
 * disclosure's printable page (?id=). */
handler_fn registries_page_casebook, registries_page_casebook_export, registries_page_disclosure;

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

struct seed;
/* The demo records of outreach.c's registries (outreach_demo.c), inside
 * registries_demo_load()'s transaction, after the tasks' and knowledge
 * demos: 0, or -1 with s->err. */
int registries_outreach_demo(struct seed *s);

/* The module as the application lists it (module.c). */
extern const struct module registries_module;

#endif
