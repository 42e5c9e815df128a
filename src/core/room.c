/* room.c: the rules of room.h. */
#include "core/room.h"

int invigilators_needed(int candidates, int per, int min)
{
	int n = (candidates + per - 1) / per;
	return n < min ? min : n;
}

int room_capacity(int invigilators, int per, int min)
{
	return invigilators < min ? 0 : invigilators * per;
}
