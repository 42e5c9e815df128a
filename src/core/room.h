/* room.h: 考场监考配置 — every room has at least `min` invigilators (2 by the rules) and at least 1 for each
 * `per` candidates (15 by the rules; a standard's exam profile may be stricter). docs/DOMAIN.md §24. Pure. */
#ifndef JINENG_ROOM_H
#define JINENG_ROOM_H

#define ROOM_MIN_INVIGILATORS		2
#define ROOM_CANDIDATES_PER_INVIGILATOR 15

/* invigilators_needed: for a room of `candidates` (>= 0), per > 0 */
int invigilators_needed(int candidates, int per, int min);
/* room_capacity: the most candidates `invigilators` may watch (0 below the minimum) */
int room_capacity(int invigilators, int per, int min);

#endif
