/* elearn.h: the rules of 线上学习 and 知识竞赛 (issue 23 item 4; docs/DOMAIN.md §55), pure.
 *
 * 学时 from heartbeats: a viewing session sends a beat every ELEARN_BEAT_S seconds with where the learner
 * is in the resource (a video's playing position in seconds; a document's reading time is the wall time).
 * elearn_beat_check decides what a beat credits:
 *  - the wall time since the last beat, at most ELEARN_BEAT_MAX_S (a beat that comes later than
 *    ELEARN_LAPSE_S credits nothing: the learner was away and the session had lapsed);
 *  - nothing when the video's position moved further than the time allows at ELEARN_MAX_RATE (a plausible
 *    speed: skipping or a script reporting positions is not learning), ELEARN_SLACK_S of slack;
 *  - nothing while a presence check (a code the page shows and the learner types) is unanswered beyond
 *    ELEARN_PRESENCE_ANSWER_S;
 *  - at most what is left of the resource's own seconds (watching again does not count twice).
 * One tab and one device at once are the session table's (a live session per learner), not this file's.
 *
 * Scoring of a 知识竞赛 round: an answer scores the item's points when it is exactly the key (a multiple
 * choice: all and only the right options, as the exam chain's grading); contestants are ranked by score,
 * then by the time they took (less first); equal on both share a rank (1, 2, 2, 4). */
#ifndef JINENG_CORE_ELEARN_H
#define JINENG_CORE_ELEARN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELEARN_BEAT_S		 30 /* the beat the page sends */
#define ELEARN_BEAT_MAX_S	 45 /* the most one beat credits */
#define ELEARN_LAPSE_S		 75 /* no beat for this long: the session lapsed (another device may start) */
#define ELEARN_MAX_RATE		 2.0 /* the fastest plausible playing speed */
#define ELEARN_SLACK_S		 5   /* seconds of position allowed beyond it (buffering, clock) */
#define ELEARN_PRESENCE_MIN_S	 600 /* a presence check is asked 10 to 20 minutes after the last */
#define ELEARN_PRESENCE_MAX_S	 1200
#define ELEARN_PRESENCE_ANSWER_S 90 /* time to answer it before beats stop counting */

enum elearn_verdict {
	EV_COUNTED,	    /* credited */
	EV_DUPLICATE,	    /* no time since the last beat */
	EV_LAPSED,	    /* the beat came after ELEARN_LAPSE_S: nothing for the gap */
	EV_TOO_FAST,	    /* the position moved faster than ELEARN_MAX_RATE */
	EV_PRESENCE_MISSED, /* a presence check is overdue */
	EV_RESOURCE_DONE,   /* the resource's seconds are all credited */
};
const char *elearn_verdict_name(enum elearn_verdict v);

struct elearn_beat {
	int64_t now, last_beat_at;
	int64_t position_prev, position_now; /* seconds into the resource */
	bool timed;			     /* a video: its position is checked against the clock */
	int64_t resource_s, credited_s;	     /* the resource's seconds; what is already credited on it */
	bool presence_pending;		     /* a check asked and not answered */
	int64_t presence_asked_at;
};
/* the seconds the beat credits (>= 0) and why */
int64_t elearn_beat_check(const struct elearn_beat *b, enum elearn_verdict *why);

/* the media type of a resource's content of `kind` (video, pdf, html) from its first bytes: an MP4
 * ("ftyp" at offset 4) or WebM video, a PDF, an HTML page (text starting with '<', no NUL byte); NULL when
 * the content is not of that kind */
const char *elearn_media(const char *kind, const void *data, size_t n);

/* whole 学时 from credited seconds: floor(seconds / (hour_minutes * 60)), at most max_hours */
int64_t elearn_hours(int64_t credited_s, int64_t hour_minutes, int64_t max_hours);

/* the points of one answer (original letters, e.g. "AC") against the key: all or nothing */
bool elearn_answer_right(const char *answer, const char *key);

struct contest_score {
	int64_t person_id;
	double score;
	int64_t took_s; /* seconds from start to the last answer */
	int64_t rank;	/* out */
	int64_t tag;	/* the caller's, carried through the sort */
};
/* sorts s[0..n) by score (high first), time taken (low first), person id, and assigns ranks (ties share) */
void contest_rank(struct contest_score *s, size_t n);

#endif
