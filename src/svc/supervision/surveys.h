/* surveys.h: 满意度调查 (satisfaction surveys). The survey is data: versioned questions (each a rating 1..5),
 * an optional comment and the minimum group size, edited by the province as new versions. After a sitting a
 * candidate who sat it answers once (the database refuses a second answer: survey_responses.once_key, the
 * HMAC-SM3 of the attempt under the PII key, UNIQUE and never returned). A response keeps no person, attempt
 * or time: only the groups it counts in (institution, region, occupation and level, month). Results are read
 * as aggregates (count, mean, distribution per question) by institution, occupation or period, in the
 * reader's scope (SE_SURVEY: the province all, a city its region, an institution administrator its own);
 * a group of fewer than min_count responses is suppressed. Rules: docs/DOMAIN.md §32 满意度调查. */
#ifndef JINENG_SVC_SUPERVISION_SURVEYS_H
#define JINENG_SVC_SUPERVISION_SURVEYS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

#define SURVEY_QUESTIONS_MAX 20
#define SURVEY_COMMENT_MAX   500 /* characters */

struct survey_question {
	const char *code;    /* [a-z0-9_]{1,32}, unique in the version */
	const char *text;    /* 1..100 characters */
	const char *text_en; /* 1..200 characters */
};

/* a new version of the survey (the province) */
struct survey_input {
	const struct survey_question *questions;
	size_t n;
	bool allow_comment;
	int64_t min_count;  /* 3..100 */
	const char *source; /* 0..200 characters */
};

/* a candidate's answer to the survey of one attempt */
struct survey_rating {
	const char *code;
	int64_t rating; /* 1..5 */
};
struct survey_answer {
	const struct survey_rating *ratings;
	size_t n;
	const char *comment; /* optional */
};

/* survey_current_json: the current version {version, questions, allow_comment, min_count, source} */
json_t *survey_current_json(db *d, err *e);
/* survey_put: stores the next version (province only; audited) and answers it */
json_t *survey_put(db *d, const principal *a, const struct survey_input *in, err *e);
/* survey_answer: the candidate's answer for their own attempt `attempt_id` (submitted, or finished by the
 * invigilator): every question of the current version rated once; 404 for an attempt that is not theirs,
 * 409 survey_not_sat before it is submitted, 409 survey_answered the second time. Audited as the public. */
int survey_answer(db *d, const principal *a, int64_t attempt_id, const struct survey_answer *in, err *e);
/* survey_results_json: aggregates by "institution", "occupation" or "period", with optional filters
 * (institution_id > 0, occupation_code, period_from / period_to as YYYY-MM) */
struct survey_filter {
	const char *by;
	int64_t institution_id;
	const char *occupation_code, *period_from, *period_to;
};
json_t *survey_results_json(db *d, const principal *a, const struct survey_filter *f, err *e);

#endif
