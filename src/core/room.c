/* room.c: the rules of room.h. */
#include "core/room.h"

int invigilators_needed(int candidates)
{
	int n = (candidates + ROOM_CANDIDATES_PER_INVIGILATOR - 1) / ROOM_CANDIDATES_PER_INVIGILATOR;
	return n < ROOM_MIN_INVIGILATORS ? ROOM_MIN_INVIGILATORS : n;
}

int room_capacity(int invigilators)
{
	return invigilators < ROOM_MIN_INVIGILATORS ? 0 : invigilators * ROOM_CANDIDATES_PER_INVIGILATOR;
}
