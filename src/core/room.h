/* room.h: 考场监考配置 — every room has at least 2 invigilators and at least 1 for each 15 candidates
 * (docs/DOMAIN.md §24). Pure. */
#ifndef JINENG_ROOM_H
#define JINENG_ROOM_H

#define ROOM_MIN_INVIGILATORS		2
#define ROOM_CANDIDATES_PER_INVIGILATOR 15

/* invigilators_needed: for a room of `candidates` (>= 0) */
int invigilators_needed(int candidates);
/* room_capacity: the most candidates `invigilators` may watch (0 below the minimum of 2) */
int room_capacity(int invigilators);

#endif
