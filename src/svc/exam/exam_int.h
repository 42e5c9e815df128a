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

/* 考场的行锁: the sitting's row locked for the transaction. Whatever checks a sitting's room (an admission's
 * invigilators and seats, a move, a change of invigilators) takes it before it reads the counts it checks, so
 * two of them on one sitting run one after the other and the second counts what the first wrote */
int sitting_lock(db *d, int64_t sitting_id, err *e);
/* the item kinds' index in "single", "multi", "judge"; -1 for anything else */
int exam_kind_index(const char *k);
/* an answer normalised (options sorted, upper case, "A".."A+nopts-1"); -1 when it is not one */
int exam_norm_answer(const char *in, int nopts, char out[9]);
/* the blueprint cells of (occupation, level, owner), the owner's own before the province's (0) */
extern const char *const exam_blueprint_for;
/* PostgreSQL: an attempt's number of questions and the options of the question at POS, from its shape
 * (migration 069: a character per question, '0' plus its options) or, for an attempt admitted before it, from
 * its paper; a position outside the paper has no options. T is the attempts row's alias with its dot ("" or
 * "t."), POS an int expression. The save's check (attempt.c) and the autosave batch (autosave.c) read both.
 */
#define EXAM_PG_NQ(T)                                                                                        \
	"CASE WHEN " T "shape IS NULL THEN COALESCE(json_array_length(CAST(" T "paper AS json)), 0) "        \
	"ELSE length(" T "shape) END"
#define EXAM_PG_NOPTS(T, POS)                                                                                \
	"CASE WHEN " T "shape IS NULL THEN "                                                                 \
	"COALESCE(json_array_length(CAST(" T "paper AS json) -> " POS " -> 'order'), 0) "                    \
	"ELSE COALESCE(ascii(NULLIF(substr(" T "shape, " POS " + 1, 1), '')) - 48, 0) END"
/* closes an attempt at `when`: scores its paper against the keys, writes the result (grading.c) */
int exam_close_attempt(db *d, struct attempt *t, int64_t when, const principal *a, err *e);

#endif
