/* exam_int.h: what the exam domain's files share among themselves (not for other domains) */
#ifndef JINENG_EXAM_INT_H
#define JINENG_EXAM_INT_H

#include "svc/exam/exam.h"

/* an attempt row as the attempt and grading code work on it */
struct attempt {
	int64_t id, person, sitting, starts_at, deadline, inst;
	int minutes, extra;
	char status[12];
	json_t *paper;
};

/* the item kinds' index in "single", "multi", "judge"; -1 for anything else */
int exam_kind_index(const char *k);
/* an answer normalised (options sorted, upper case, "A".."A+nopts-1"); -1 when it is not one */
int exam_norm_answer(const char *in, int nopts, char out[9]);
/* the blueprint cells of (occupation, level, owner), the owner's own before the province's (0) */
extern const char *const exam_blueprint_for;
/* closes an attempt at `when`: scores its paper against the keys, writes the result (grading.c) */
int exam_close_attempt(db *d, struct attempt *t, int64_t when, const principal *a, err *e);

#endif
