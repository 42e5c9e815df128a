/* contest.h: 知识竞赛 (issue 23 item 4; docs/DOMAIN.md §55) — timed rounds open to every learner, on a
 * paper drawn from the item bank by the exam chain's paper assembly (core/paper.h), answers refused after
 * the deadline, scored once at the deadline (the server's schedule, or the organiser), leaderboards by
 * person, employer and city, and the exam chain's answer-copying check (psy_collusion, Wollack's ω) over
 * the round.
 *
 * Who: a round is opened and scored by the province or a city (its own region) — its organiser; rounds are
 * listed for everyone; a candidate (a person's account) takes part for themself; the leaderboard is read
 * by every signed-in user after scoring, names masked except for the organiser and the contestant's own
 * row. Out of sight: 404. */
#ifndef JINENG_SVC_CULTIVATION_CONTEST_H
#define JINENG_SVC_CULTIVATION_CONTEST_H

#include "svc/base/svc.h"

struct contest_round_input {
	const char *title, *occupation_code, *region_code;
	int64_t level, opens_at, closes_at, minutes;
	int64_t single, multi, judge; /* items of each kind on the paper */
};
json_t *contest_round_create(db *d, const principal *a, const struct contest_round_input *in, err *e);
/* {items, total}: every round, the newest first (no paper) */
json_t *contest_round_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e);
/* the round; a contestant's own entry (score and rank once scored) */
json_t *contest_round_get(db *d, const principal *a, int64_t id, err *e);
/* a candidate starts (or resumes) their attempt while the round is open: {round_id, started_at, deadline,
 * items: [{pos, kind, stem, options}] (options in the paper's order), answers} */
json_t *contest_enter(db *d, const principal *a, int64_t id, err *e);

/* answers (letters as shown, by position; "" unanswered) and whether they are final; for the group
 * committer like the heartbeats (prepare, run, result, free): refused 409 deadline_passed after the
 * contestant's deadline, already_submitted after a final save */
struct contest_answers_job;
struct contest_answers_job *contest_answers_prepare(const principal *a, int64_t round_id,
						    const char *const *answers, size_t n, bool final, err *e);
int contest_answers_run(db *d, struct contest_answers_job *j, bool in_caller, err *e);
json_t *contest_answers_result(const struct contest_answers_job *j);
void contest_answers_free(struct contest_answers_job *j);

/* scores and ranks a round whose deadline has passed (409 not_closed before it, already_scored after),
 * then runs the answer-copying check over it: {round_id, contestants, score_ms, pairs_tested,
 * pairs_flagged} */
json_t *contest_score(db *d, const principal *a, int64_t id, err *e);
/* by = person | employer | city: {by, items: [...], total} */
json_t *contest_leaderboard(db *d, const principal *a, int64_t id, const char *by, int64_t limit,
			    int64_t offset, err *e);

/* the server's schedule: every round whose deadline has passed is scored within a second of it */
int contest_scheduler_start(const char *db_url);
void contest_scheduler_stop(void);
/* one pass of the schedule (the rounds due now); *scored gets their number */
int contest_score_due(db *d, int *scored, err *e);

#endif
