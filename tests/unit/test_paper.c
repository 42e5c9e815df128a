/* 组卷: blueprint counts met, no item twice on a paper, exposure balanced across a sitting, the same seed
 * gives the same paper, option shuffles map back to the original answer letters, short banks refused. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/paper.h"

static void make_bank(struct bank_item *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (struct bank_item){.id = (int64_t)i + 1,
					  .area = (int)(i % 4),
					  .kind = (int)(i / 4 % 3),
					  .noptions = i / 4 % 3 == 2 ? 2 : 4};
}

static void test_blueprint_and_balance(void **state)
{
	UNUSED(state);
	struct bank_item bank[120];
	make_bank(bank, 120); /* 10 items in each of 4 areas x 3 kinds */
	const struct blueprint_cell bp[] = {{0, 0, 3}, {1, 0, 3}, {2, 1, 2}, {3, 2, 2}};
	struct paper_item p[16], q[16];
	int short_cell = -1, n = paper_assemble(bank, 120, bp, 4, 42, p, 16, &short_cell);
	assert_int_equal(n, 10);
	int per_cell[4] = {0};
	for (int i = 0; i < n; i++) {
		const struct bank_item *it = &bank[p[i].item_id - 1];
		for (int c = 0; c < 4; c++)
			per_cell[c] += it->area == bp[c].area && it->kind == bp[c].kind;
		for (int j = 0; j < i; j++)
			assert_true(p[i].item_id != p[j].item_id);
		/* a permutation of the options */
		int seen = 0;
		for (int o = 0; o < p[i].noptions; o++)
			seen |= 1 << p[i].order[o];
		assert_int_equal(seen, (1 << p[i].noptions) - 1);
	}
	for (int c = 0; c < 4; c++)
		assert_int_equal(per_cell[c], bp[c].count);
	/* the same seed on a fresh bank: the same paper */
	struct bank_item fresh[120];
	make_bank(fresh, 120);
	assert_int_equal(paper_assemble(fresh, 120, bp, 4, 42, q, 16, NULL), 10);
	assert_memory_equal(p, q, sizeof(struct paper_item) * 10);
	/* 30 candidates: in each cell every item is used 3 (cell of 3) or 2 times (cells of 2) give or take
	 * one */
	make_bank(bank, 120);
	for (uint64_t cand = 0; cand < 30; cand++)
		assert_int_equal(paper_assemble(bank, 120, bp, 4, cand, p, 16, NULL), 10);
	for (int i = 0; i < 120; i++) {
		int want = -1;
		for (int c = 0; c < 4; c++)
			if (bank[i].area == bp[c].area && bank[i].kind == bp[c].kind)
				want = bp[c].count * 30 / 10;
		if (want < 0)
			assert_int_equal(bank[i].exposure, 0);
		else
			assert_in_range(bank[i].exposure, want - 1, want + 1);
	}
}

static void test_short_bank_and_unshuffle(void **state)
{
	UNUSED(state);
	struct bank_item bank[12];
	make_bank(bank, 12); /* one item per cell */
	const struct blueprint_cell bp[] = {{0, 0, 1}, {1, 1, 2}};
	struct paper_item p[4];
	int short_cell = -1;
	assert_int_equal(paper_assemble(bank, 12, bp, 2, 1, p, 4, &short_cell), -1);
	assert_int_equal(short_cell, 1);
	struct paper_item it = {
		.item_id = 1, .noptions = 4, .order = {2, 0, 3, 1}}; /* shown A is original C, ... */
	char orig[8];
	paper_unshuffle(&it, "A", orig, sizeof orig);
	assert_string_equal(orig, "C");
	paper_unshuffle(&it, "DB", orig, sizeof orig);
	assert_string_equal(orig, "AB");
	paper_unshuffle(&it, "Z", orig, sizeof orig);
	assert_string_equal(orig, "");
}

static void test_shape(void **state)
{
	(void)state;
	static const struct {
		int n;
		int noptions[5];
		const char *shape;
	} rows[] = {
		{0, {0}, ""},
		{1, {4}, "4"},
		{4, {4, 4, 4, 2}, "4442"},     /* single choices and a true/false */
		{5, {8, 2, 5, 3, 4}, "82534"}, /* up to eight options */
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		struct paper_item items[5] = {{0}};
		for (int i = 0; i < rows[r].n; i++)
			items[i].noptions = rows[r].noptions[i];
		char out[6];
		memset(out, 'x', sizeof out);
		paper_shape(items, rows[r].n, out);
		assert_string_equal(out, rows[r].shape);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_blueprint_and_balance),
					   cmocka_unit_test(test_short_bank_and_unshuffle),
					   cmocka_unit_test(test_shape)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
