/* elearn.c: 学时 from heartbeats and the ranking of a 知识竞赛 round (elearn.h) */
#include "core/elearn.h"
#include <stdlib.h>
#include <string.h>

const char *elearn_verdict_name(enum elearn_verdict v)
{
	switch (v) {
	case EV_COUNTED:
		return "counted";
	case EV_DUPLICATE:
		return "duplicate";
	case EV_LAPSED:
		return "lapsed";
	case EV_TOO_FAST:
		return "too_fast";
	case EV_PRESENCE_MISSED:
		return "presence_missed";
	case EV_RESOURCE_DONE:
		return "resource_done";
	}
	return "?";
}

int64_t elearn_beat_check(const struct elearn_beat *b, enum elearn_verdict *why)
{
	int64_t elapsed = b->now - b->last_beat_at;
	if (elapsed <= 0)
		return *why = EV_DUPLICATE, 0;
	if (elapsed > ELEARN_LAPSE_S)
		return *why = EV_LAPSED, 0;
	if (b->presence_pending && b->now - b->presence_asked_at > ELEARN_PRESENCE_ANSWER_S)
		return *why = EV_PRESENCE_MISSED, 0;
	if (b->timed) {
		int64_t moved = b->position_now - b->position_prev;
		if ((double)moved > (double)elapsed * ELEARN_MAX_RATE + ELEARN_SLACK_S)
			return *why = EV_TOO_FAST, 0;
	}
	int64_t credit = elapsed < ELEARN_BEAT_MAX_S ? elapsed : ELEARN_BEAT_MAX_S;
	int64_t left = b->resource_s - b->credited_s;
	if (left <= 0)
		return *why = EV_RESOURCE_DONE, 0;
	if (credit > left)
		credit = left;
	*why = EV_COUNTED;
	return credit;
}

const char *elearn_media(const char *kind, const void *data, size_t n)
{
	const unsigned char *b = data;
	if (!kind || !b)
		return NULL;
	if (!strcmp(kind, "video")) {
		if (n >= 12 && !memcmp(b + 4, "ftyp", 4))
			return "video/mp4";
		if (n >= 4 && b[0] == 0x1a && b[1] == 0x45 && b[2] == 0xdf && b[3] == 0xa3)
			return "video/webm";
		return NULL;
	}
	if (!strcmp(kind, "pdf"))
		return n >= 5 && !memcmp(b, "%PDF-", 5) ? "application/pdf" : NULL;
	if (!strcmp(kind, "html")) {
		size_t i = n >= 3 && !memcmp(b, "\xef\xbb\xbf", 3) ? 3 : 0;
		while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
			i++;
		if (i >= n || b[i] != '<' || memchr(b, 0, n))
			return NULL;
		return "text/html; charset=utf-8";
	}
	return NULL;
}

int64_t elearn_hours(int64_t credited_s, int64_t hour_minutes, int64_t max_hours)
{
	if (hour_minutes <= 0 || credited_s <= 0)
		return 0;
	int64_t h = credited_s / (hour_minutes * 60);
	return h > max_hours ? max_hours : h;
}

/* the set of letters A-H in s as a bit mask; -1 when s holds anything else or a letter twice */
static int letters(const char *s)
{
	int m = 0;
	for (; *s; s++) {
		if (*s < 'A' || *s > 'H' || (m & (1 << (*s - 'A'))))
			return -1;
		m |= 1 << (*s - 'A');
	}
	return m;
}

bool elearn_answer_right(const char *answer, const char *key)
{
	if (!answer || !key || !*answer)
		return false;
	int a = letters(answer), k = letters(key);
	return a > 0 && a == k;
}

static int by_result(const void *x, const void *y)
{
	const struct contest_score *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->took_s != b->took_s)
		return a->took_s < b->took_s ? -1 : 1;
	return (a->person_id > b->person_id) - (a->person_id < b->person_id);
}

void contest_rank(struct contest_score *s, size_t n)
{
	if (n > 1)
		qsort(s, n, sizeof *s, by_result);
	for (size_t i = 0; i < n; i++)
		s[i].rank = (i > 0 && s[i].score == s[i - 1].score && s[i].took_s == s[i - 1].took_s)
				    ? s[i - 1].rank
				    : (int64_t)i + 1;
}
