/* The data scope (core/scope.c): principal × owner facts × action → allow / 404 / 403, table-driven, and
 * the grant table of user creation. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/scope.h"
#include "svc/base/scope.h"
#include "store/query.h"

/* principals of every role: Jinan (3701) city, Jinan institution 11, examiner 31 of it, a supervisor of the
 * whole province, a supervisor assigned to Qingdao (3702), candidate person 7 */
static const principal PUB = {.role = ROLE_PUBLIC};
static const principal PROV = {.user_id = 1, .role = ROLE_PROVINCE_ADMIN, .region = "37"};
static const principal CITY = {.user_id = 2, .role = ROLE_CITY_ADMIN, .region = "3701"};
static const principal IADM = {
	.user_id = 3, .role = ROLE_INSTITUTION_ADMIN, .region = "3701", .institution_id = 11};
static const principal ISTF = {
	.user_id = 4, .role = ROLE_INSTITUTION_STAFF, .region = "3701", .institution_id = 11};
static const principal EXAM = {.user_id = 31, .role = ROLE_EXAMINER, .region = "3701", .institution_id = 11};
static const principal SUPV = {.user_id = 5, .role = ROLE_SUPERVISOR, .region = "37"};
static const principal SUPQ = {.user_id = 6, .role = ROLE_SUPERVISOR, .region = "3702"};
static const principal CAND = {.user_id = 8, .role = ROLE_CANDIDATE, .region = "370102", .person_id = 7};

/* owner facts: a row of institution 11 in Jinan about person 7; the same in Qingdao (institution 22, person
 * 9); a province-wide bank row; invigilated / not */
static const scope_owner JINAN = {.found = true, .institution_id = 11, .region = "370102", .person_id = 7};
static const scope_owner QINGDAO = {.found = true, .institution_id = 22, .region = "370202", .person_id = 9};
static const scope_owner JINAN_OTHER = {
	.found = true, .institution_id = 12, .region = "370103", .person_id = 10};
static const scope_owner LINKED = {
	.found = true, .institution_id = 0, .region = "370202", .person_id = 9, .institution_linked = true};
static const scope_owner INVIG = {
	.found = true, .institution_id = 11, .region = "370102", .person_id = 7, .invigilated = true};
static const scope_owner OPEN_PLAN = {
	.found = true, .institution_id = 22, .region = "370202", .public_row = true};
static const scope_owner SHARED = {.found = true, .institution_id = 0};
/* a published row of institution 22 in Qingdao (an online course, a 知识竞赛 round: public rows) */
static const scope_owner QINGDAO_PUB = {
	.found = true, .institution_id = 22, .region = "370202", .public_row = true};
static const principal CANQ = {.user_id = 9, .role = ROLE_CANDIDATE, .region = "370202", .person_id = 9};
static const scope_owner ABSENT = {.found = false};

static void test_decisions(void **state)
{
	UNUSED(state);
	static const struct {
		const principal *p;
		enum scope_entity ent;
		const scope_owner *o;
		enum scope_action act;
		int want;
		const char *why;
	} cases[] = {
		{&PROV, SE_PERSON, &QINGDAO, SCOPE_WRITE, 0, "the province reaches everything"},
		{&PROV, SE_PERSON, &ABSENT, SCOPE_READ, 404, "absent rows are 404 for everyone"},
		{&CITY, SE_PERSON, &JINAN, SCOPE_WRITE, 0, "a city its region's persons"},
		{&CITY, SE_PERSON, &QINGDAO, SCOPE_READ, 404, "not another city's"},
		{&CITY, SE_PERSON, &QINGDAO, SCOPE_WRITE, 404, "writes to unseen rows are 404, not 403"},
		{&CITY, SE_RESULT, &JINAN, SCOPE_READ, 0, "a city reads its region's results"},
		{&CITY, SE_RESULT, &JINAN, SCOPE_WRITE, 403, "but does not enter them"},
		{&IADM, SE_PERSON, &LINKED, SCOPE_READ, 0, "an institution reaches persons linked to it"},
		{&IADM, SE_PERSON, &QINGDAO, SCOPE_READ, 404, "not others"},
		{&ISTF, SE_RESULT, &JINAN, SCOPE_WRITE, 0, "staff write their institution's results"},
		{&ISTF, SE_RESULT, &JINAN_OTHER, SCOPE_READ, 404,
		 "not another institution's in the same city"},
		{&ISTF, SE_INSTITUTION, &JINAN, SCOPE_WRITE, 403, "staff do not administer the institution"},
		{&IADM, SE_INSTITUTION, &JINAN, SCOPE_WRITE, 0, "its administrator does"},
		{&EXAM, SE_ATTEMPT, &JINAN, SCOPE_READ, 404,
		 "(h) an examiner reaches only the attempts it invigilates"},
		{&EXAM, SE_ATTEMPT, &JINAN, SCOPE_WRITE, 404, "(h) and acts on no other"},
		{&EXAM, SE_ATTEMPT, &INVIG, SCOPE_READ, 0, "(h) it reads the attempts of its sittings"},
		{&EXAM, SE_SITTING, &JINAN, SCOPE_READ, 404, "and the sittings it invigilates only"},
		{&EXAM, SE_PLAN, &JINAN, SCOPE_READ, 0, "while it reads its institution's plans"},
		{&EXAM, SE_ATTEMPT, &INVIG, SCOPE_WRITE, 0, "(h) where it invigilates it may"},
		{&EXAM, SE_ATTEMPT, &QINGDAO, SCOPE_WRITE, 404, "another institution's attempt is unseen"},
		{&EXAM, SE_PERSON, &JINAN, SCOPE_READ, 404, "examiners do not read the registry"},
		{&SUPV, SE_CERTIFICATE, &QINGDAO, SCOPE_READ, 0,
		 "a province supervisor reads every certificate"},
		{&SUPV, SE_CERTIFICATE, &QINGDAO, SCOPE_WRITE, 403, "and changes none"},
		{&SUPQ, SE_CERTIFICATE, &QINGDAO, SCOPE_READ, 0, "(b) a Qingdao supervisor reads Qingdao's"},
		{&SUPQ, SE_CERTIFICATE, &JINAN, SCOPE_READ, 404, "(b) not Jinan's"},
		{&SUPQ, SE_COLLUSION, &QINGDAO, SCOPE_WRITE, 0,
		 "supervisors review collusion flags in their region"},
		{&SUPQ, SE_COLLUSION, &JINAN, SCOPE_WRITE, 404, "not outside it"},
		{&SUPV, SE_PERSON, &JINAN, SCOPE_READ, 404, "supervisors do not read the person registry"},
		{&CAND, SE_CERTIFICATE, &JINAN, SCOPE_READ, 0, "a candidate its own certificate"},
		{&CAND, SE_CERTIFICATE, &QINGDAO, SCOPE_READ, 404, "no one else's"},
		{&CAND, SE_PLAN, &OPEN_PLAN, SCOPE_READ, 0, "open plans are public"},
		{&CAND, SE_PLAN, &QINGDAO, SCOPE_READ, 404, "plans not open are not"},
		{&PUB, SE_PLAN, &OPEN_PLAN, SCOPE_WRITE, 403,
		 "the public reads an open plan, changes nothing"},
		{&PUB, SE_RESULT, &JINAN, SCOPE_READ, 404, "the public reads no result"},
		{&ISTF, SE_BLUEPRINT, &SHARED, SCOPE_READ, 0,
		 "(d) institutions read the province-wide blueprint"},
		{&ISTF, SE_BLUEPRINT, &SHARED, SCOPE_WRITE, 403, "(d) and do not overwrite it"},
		{&ISTF, SE_BLUEPRINT, &JINAN, SCOPE_WRITE, 0, "(d) their own they write"},
		{&ISTF, SE_BLUEPRINT, &QINGDAO, SCOPE_WRITE, 404, "(d) another institution's is unseen"},
		{&PROV, SE_BLUEPRINT, &SHARED, SCOPE_WRITE, 0,
		 "(d) the province writes the province-wide one"},
		{&SUPV, SE_ITEM, &SHARED, SCOPE_READ, 0, "supervisors read the banks (without keys)"},
		{&SUPQ, SE_ITEM, &SHARED, SCOPE_READ, 0, "a Qingdao supervisor reads the province-wide bank"},
		{&SUPQ, SE_ITEM, &JINAN, SCOPE_READ, 404, "not a Jinan institution's own items"},
		{&SUPV, SE_ITEM, &SHARED, SCOPE_WRITE, 403, "and do not edit them"},
		{&IADM, SE_USER, &JINAN, SCOPE_WRITE, 0,
		 "(g) an institution administrator manages its own accounts"},
		{&IADM, SE_USER, &QINGDAO, SCOPE_WRITE, 404, "(g) not another institution's examiner"},
		{&CITY, SE_OBJECTION, &JINAN, SCOPE_WRITE, 0, "a city resolves its region's objections"},
		{&EXAM, SE_OBJECTION, &JINAN, SCOPE_READ, 404, "examiners do not read objections"},
		{&CITY, SE_AUDIT, &JINAN, SCOPE_WRITE, 403, "nobody writes the audit archive"},
		/* the signed audit extract of a plan (owner facts: the plan's institution and region) */
		{&PROV, SE_AUDIT_EXTRACT, &QINGDAO, SCOPE_READ, 0, "the province extracts any plan"},
		{&CITY, SE_AUDIT_EXTRACT, &JINAN, SCOPE_READ, 0, "a city its region's plans"},
		{&CITY, SE_AUDIT_EXTRACT, &QINGDAO, SCOPE_READ, 404, "not another city's"},
		{&SUPV, SE_AUDIT_EXTRACT, &QINGDAO, SCOPE_READ, 0, "a province-wide supervisor any plan"},
		{&SUPQ, SE_AUDIT_EXTRACT, &JINAN, SCOPE_READ, 404, "a Qingdao supervisor not a Jinan plan"},
		{&IADM, SE_AUDIT_EXTRACT, &JINAN, SCOPE_READ, 0, "the institution its own plan's extract"},
		{&IADM, SE_AUDIT_EXTRACT, &JINAN_OTHER, SCOPE_READ, 404, "not another institution's"},
		{&ISTF, SE_AUDIT_EXTRACT, &JINAN, SCOPE_READ, 404, "not its staff"},
		{&EXAM, SE_AUDIT_EXTRACT, &INVIG, SCOPE_READ, 404, "not an examiner, even of the sitting"},
		{&CAND, SE_AUDIT_EXTRACT, &JINAN, SCOPE_READ, 404, "not the candidate"},
		{&PROV, SE_AUDIT_EXTRACT, &JINAN, SCOPE_WRITE, 403, "an extract is read, never written"},
		/* 线上学习培训, 知识竞赛, 模拟练习 (DOMAIN §55, §62) */
		{&CITY, SE_ELEARN_COURSE, &JINAN, SCOPE_WRITE, 0, "a city writes its region's course"},
		{&CITY, SE_ELEARN_COURSE, &QINGDAO, SCOPE_READ, 404, "not another city's draft"},
		{&CITY, SE_ELEARN_COURSE, &QINGDAO_PUB, SCOPE_READ, 0,
		 "it reads another city's published course"},
		{&CITY, SE_ELEARN_COURSE, &QINGDAO_PUB, SCOPE_WRITE, 403, "and does not change it"},
		{&ISTF, SE_ELEARN_COURSE, &JINAN, SCOPE_WRITE, 0, "the provider's staff write its course"},
		{&ISTF, SE_ELEARN_COURSE, &JINAN_OTHER, SCOPE_READ, 404, "not another institution's draft"},
		{&CAND, SE_ELEARN_COURSE, &QINGDAO_PUB, SCOPE_READ, 0, "a learner reads a published course"},
		{&CAND, SE_ELEARN_COURSE, &JINAN, SCOPE_READ, 404, "no draft"},
		{&PUB, SE_ELEARN_COURSE, &QINGDAO_PUB, SCOPE_READ, 404, "the public reads no course"},
		{&CAND, SE_ELEARN_SESSION, &JINAN, SCOPE_WRITE, 0, "a learner beats their own session"},
		{&CANQ, SE_ELEARN_SESSION, &JINAN, SCOPE_WRITE, 404, "not another learner's"},
		{&IADM, SE_ELEARN_SESSION, &JINAN, SCOPE_WRITE, 404, "nor the provider"},
		{&PUB, SE_CONTEST_ROUND, &QINGDAO_PUB, SCOPE_READ, 0, "every round is public"},
		{&CITY, SE_CONTEST_ROUND, &QINGDAO_PUB, SCOPE_WRITE, 403,
		 "a city does not score another's round"},
		{&CITY, SE_CONTEST_ROUND, &JINAN, SCOPE_WRITE, 0, "it scores its own"},
		{&IADM, SE_CONTEST_ROUND, &QINGDAO_PUB, SCOPE_WRITE, 403, "institutions organise none"},
		{&CAND, SE_CONTEST_ENTRY, &JINAN, SCOPE_WRITE, 0, "a contestant answers in their own entry"},
		{&CANQ, SE_CONTEST_ENTRY, &JINAN, SCOPE_WRITE, 404, "never in another's"},
		{&CAND, SE_PRACTICE_PAPER, &JINAN, SCOPE_WRITE, 0,
		 "a learner submits their own practice paper"},
		{&CANQ, SE_PRACTICE_PAPER, &JINAN, SCOPE_READ, 404, "another learner does not see it"},
		{&CITY, SE_PRACTICE_PAPER, &JINAN, SCOPE_READ, 0, "the learner's city reads it"},
		{&CITY, SE_PRACTICE_PAPER, &JINAN, SCOPE_WRITE, 403, "and answers nothing in it"},
		{&CITY, SE_PRACTICE_PAPER, &QINGDAO, SCOPE_READ, 404, "another city's learner's is unseen"},
		{&IADM, SE_PRACTICE_PAPER, &JINAN, SCOPE_READ, 404,
		 "institutions do not read practice papers"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int got = scope_decide(cases[i].p, cases[i].ent, cases[i].o, cases[i].act);
		if (got != cases[i].want)
			fail_msg("case %zu (%s, %s): got %d, want %d", i, role_name(cases[i].p->role),
				 cases[i].why, got, cases[i].want);
	}
}

static void test_reach_needs_binding(void **state)
{
	UNUSED(state);
	/* an institution role without an institution, a city without a region reach nothing */
	principal orphan = {.user_id = 9, .role = ROLE_INSTITUTION_STAFF};
	assert_int_equal(scope_reach_of(&orphan, SE_RESULT, SCOPE_READ), REACH_NONE);
	assert_int_equal(scope_decide(&orphan, SE_RESULT, &SHARED, SCOPE_READ), 404);
	principal nocity = {.user_id = 9, .role = ROLE_CITY_ADMIN};
	assert_int_equal(scope_reach_of(&nocity, SE_PERSON, SCOPE_READ), REACH_NONE);
	assert_true(region_covers("3701", "370102"));
	assert_false(region_covers("3701", "370202"));
	assert_false(region_covers("", "370102"));
	assert_false(region_covers("37", NULL));
	/* every entity has a rule with a name, and nobody but the province reaches ALL; the one exception is
	 * the province's 财政 reading every platform project, whose grants it co-approves (DOMAIN §56): it
	 * writes none of them */
	for (int ent = 0; ent < SE_ENTITY_COUNT; ent++) {
		const struct scope_rule *r = scope_rule((enum scope_entity)ent);
		assert_non_null(r);
		assert_non_null(r->name);
		for (int role = 0; role < ROLE_COUNT; role++) {
			if (role == ROLE_PROVINCE_ADMIN || role == ROLE_SUPERVISOR)
				continue;
			bool finance_reads_platforms = role == ROLE_FINANCE && ent == SE_PLATFORM;
			if (!finance_reads_platforms)
				assert_true(r->read[role] != REACH_ALL);
			assert_true(r->write[role] != REACH_ALL);
		}
		for (int role = 0; role < ROLE_COUNT; role++)
			assert_true(r->write[role] <=
				    r->read[role]); /* no role writes beyond what it reads */
	}
}

static void test_grants(void **state)
{
	UNUSED(state);
	static const struct {
		enum role creator, r;
		bool want;
	} cases[] = {
		{ROLE_PROVINCE_ADMIN, ROLE_SUPERVISOR, true},
		{ROLE_PROVINCE_ADMIN, ROLE_PROVINCE_ADMIN, true},
		{ROLE_PROVINCE_ADMIN, ROLE_CITY_ADMIN, true},
		{ROLE_PROVINCE_ADMIN, ROLE_CANDIDATE, true},
		{ROLE_PROVINCE_ADMIN, ROLE_PUBLIC, false},
		{ROLE_CITY_ADMIN, ROLE_SUPERVISOR, false},
		{ROLE_CITY_ADMIN, ROLE_CITY_ADMIN, false},
		{ROLE_CITY_ADMIN, ROLE_PROVINCE_ADMIN, false},
		{ROLE_CITY_ADMIN, ROLE_INSTITUTION_ADMIN, true},
		{ROLE_CITY_ADMIN, ROLE_EXAMINER, true},
		{ROLE_CITY_ADMIN, ROLE_CANDIDATE, true},
		{ROLE_INSTITUTION_ADMIN, ROLE_INSTITUTION_STAFF, true},
		{ROLE_INSTITUTION_ADMIN, ROLE_EXAMINER, true},
		{ROLE_INSTITUTION_ADMIN, ROLE_CANDIDATE, true},
		{ROLE_INSTITUTION_ADMIN, ROLE_INSTITUTION_ADMIN, false},
		{ROLE_INSTITUTION_ADMIN, ROLE_SUPERVISOR, false},
		{ROLE_INSTITUTION_STAFF, ROLE_CANDIDATE, false},
		{ROLE_EXAMINER, ROLE_EXAMINER, false},
		{ROLE_SUPERVISOR, ROLE_SUPERVISOR, false},
		{ROLE_CANDIDATE, ROLE_CANDIDATE, false},
		{ROLE_PUBLIC, ROLE_CANDIDATE, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (may_grant(cases[i].creator, cases[i].r) != cases[i].want)
			fail_msg("case %zu: %s granting %s should be %s", i, role_name(cases[i].creator),
				 role_name(cases[i].r), cases[i].want ? "allowed" : "refused");
}

/* the SQL side: the WHERE fragment each reach writes, with its one bound value */
static void test_where(void **state)
{
	UNUSED(state);
	static const struct {
		const principal *p;
		enum scope_entity ent;
		enum scope_action act;
		const char *sql; /* the whole WHERE clause, "" for none */
		char t;		 /* the bound value's type ('-' none) */
		const char *s;
		int64_t i;
	} cases[] = {
		{&PROV, SE_PERSON, SCOPE_READ, "", '-', NULL, 0},
		{&CITY, SE_PERSON, SCOPE_READ, " WHERE p.region_code LIKE $1", 's', "3701%", 0},
		{&SUPQ, SE_CERTIFICATE, SCOPE_READ, " WHERE i.region_code LIKE $1", 's', "3702%", 0},
		{&SUPV, SE_PERSON, SCOPE_READ, " WHERE 1 = 0", '-', NULL, 0},
		{&ISTF, SE_RESULT, SCOPE_READ, " WHERE r.institution_id = $1", 'i', NULL, 11},
		{&CAND, SE_CERTIFICATE, SCOPE_READ, " WHERE c.person_id = $1", 'i', NULL, 7},
		{&CAND, SE_PLAN, SCOPE_READ, " WHERE p.status = 'open'", '-', NULL, 0},
		{&PUB, SE_RESULT, SCOPE_READ, " WHERE 1 = 0", '-', NULL, 0},
		{&CITY, SE_RESULT, SCOPE_WRITE, " WHERE 1 = 0", '-', NULL, 0},
		{&EXAM, SE_ATTEMPT, SCOPE_READ,
		 " WHERE EXISTS (SELECT 1 FROM sitting_invigilators si WHERE si.sitting_id = s.id AND "
		 "si.user_id = $1)",
		 'i', NULL, 31},
		{&ISTF, SE_USER, SCOPE_READ, " WHERE u.id = $1", 'i', NULL, 4},
		{&SUPQ, SE_ITEM, SCOPE_READ,
		 " WHERE (it.institution_id IS NULL OR (SELECT ii.region_code FROM institutions ii WHERE "
		 "ii.id = "
		 "it.institution_id) LIKE $1)",
		 's', "3702%", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		query q;
		q_init(&q, "");
		scope_where(&q, cases[i].p, cases[i].ent, cases[i].act);
		const char *sql = q.sql.ptr ? q.sql.ptr : "";
		if (strcmp(sql, cases[i].sql))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, sql, cases[i].sql);
		if (cases[i].t == '-') {
			assert_int_equal(q.nargs, 0);
		} else {
			assert_int_equal(q.nargs, 1);
			assert_int_equal(q.args[0].t, cases[i].t);
			if (cases[i].t == 's')
				assert_string_equal(q.args[0].s, cases[i].s);
			else
				assert_int_equal(q.args[0].i, cases[i].i);
		}
		q_free(&q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_decisions),
					   cmocka_unit_test(test_reach_needs_binding),
					   cmocka_unit_test(test_grants), cmocka_unit_test(test_where)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
