#include "svc/stats/sumset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t key_hash(const char *k)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; k[i] && i < SUMSET_KEY - 1; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static int key_eq(const char *stored, const char *k)
{
	return strncmp(stored, k, SUMSET_KEY - 1) == 0;
}

/* the slot holding the key, or the empty slot where it would go */
static size_t probe(const struct sumset *s, const char *key)
{
	size_t mask = s->nslot - 1, i = key_hash(key) & mask;
	while (s->slot[i] && !key_eq(s->rows[s->slot[i] - 1].key, key))
		i = (i + 1) & mask;
	return i;
}

static int rehash(struct sumset *s, size_t nslot)
{
	uint32_t *ns = calloc(nslot, sizeof *ns);
	if (!ns)
		return -1;
	free(s->slot);
	s->slot = ns;
	s->nslot = nslot;
	for (size_t r = 0; r < s->n; r++)
		s->slot[probe(s, s->rows[r].key)] = (uint32_t)(r + 1);
	return 0;
}

struct sumrow *sumset_find(const struct sumset *s, const char *key)
{
	if (!s->nslot)
		return NULL;
	uint32_t at = s->slot[probe(s, key)];
	return at ? &s->rows[at - 1] : NULL;
}

struct sumrow *sumset_get(struct sumset *s, const char *key)
{
	struct sumrow *r = sumset_find(s, key);
	if (r)
		return r;
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 32;
		struct sumrow *nr = realloc(s->rows, ncap * sizeof *nr);
		if (!nr)
			return NULL;
		s->rows = nr;
		s->cap = ncap;
	}
	if ((s->n + 1) * 2 > s->nslot && rehash(s, s->nslot ? s->nslot * 2 : 64) != 0)
		return NULL;
	r = &s->rows[s->n];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key);
	s->slot[probe(s, r->key)] = (uint32_t)(++s->n);
	return r;
}

void sumset_free(struct sumset *s)
{
	free(s->rows);
	free(s->slot);
	memset(s, 0, sizeof *s);
}
