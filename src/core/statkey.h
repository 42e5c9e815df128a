/* statkey.h: the keys of the statistics counters (统计计数, issue 17), pure. A counter row is
 * (metric, region, occupation, level, institution type, institution, month, shard) -> (n, amount); this file
 * says, for one source row of each counted entity (a certificate, a result, a registration, ...), which
 * counter rows it adds to. The same function serves the write path (svc/stats/counters.c: the row's delta
 * inside the writer's transaction) and the recomputation of `jineng stats verify` (every row of the raw
 * tables), so both always agree on what a row counts as. No I/O, no clock. */
#ifndef JINENG_CORE_STATKEY_H
#define JINENG_CORE_STATKEY_H

#include "util/common.h"

/* the counted entities: one source query each in svc/stats/counters.c */
enum stat_entity {
	STE_CERTIFICATE = 0, /* certificates c: issued (issued_on), revoked (revoked_on) */
	STE_RESULT,	     /* results r: sat and passed (exam_date) */
	STE_REGISTRATION,    /* registrations g: submitted and approved (created_at) */
	STE_SITTING,	     /* sittings s: held (starts_at) */
	STE_ENROLMENT,	     /* training_enrolments: enrolled (created_at), completed (hours >= completion) */
	STE_CLAIM,	     /* subsidy_claims sc: applied, paid with amount (applied_on) */
	STE_COMPLAINT,	     /* complaints: received, upheld (received_on) */
	STE_INSPECTION,	     /* inspections: signed (signed_at) */
	STE_COMP_ENTRY,	     /* competition_entries en: entered (created_at), approved (status) */
	STE_COMP_RESULT,     /* competition_results r: placed, awarded (medal); the competition's ends_on */
	STE_POST_APPOINTMENT, /* post_appointments: 特级 / 首席技师 appointed, each term (starts_on) */
	STE_NOMINATION, /* selection_nominations: nominated (created_at), appointed (term_start), ended */
	STE_ALLOWANCE,	/* selection_payments: paid with amount, recovered with amount (month) */
	STE_COUNT
};

/* the metrics, as stored in stat_counts.metric */
enum stat_metric {
	SM_CERT_ISSUED = 0,
	SM_CERT_REVOKED,
	SM_RESULT_SAT,
	SM_RESULT_PASSED,
	SM_REG_SUBMITTED,
	SM_REG_APPROVED,
	SM_SITTING_HELD,
	SM_TRAIN_ENROLLED,
	SM_TRAIN_COMPLETED,
	SM_CLAIM_APPLIED,
	SM_CLAIM_PAID, /* n claims paid (status paid), amount their fen */
	SM_COMPLAINT_RECEIVED,
	SM_COMPLAINT_UPHELD,
	SM_INSPECTION_SIGNED,
	SM_COMP_ENTERED,   /* 参赛报名: every entry nominated or registered */
	SM_COMP_APPROVED,  /* 参赛审核通过: entries whose status is approved */
	SM_COMP_PLACED,	   /* 参赛取得成绩: contestants with a computed result */
	SM_COMP_AWARDED,   /* 竞赛获奖: results with a medal (金、银、铜牌) or 优胜奖 */
	SM_POST_APPOINTED, /* a 特级 / 首席技师 term begun (level: the ladder rung, core/ladder.h) */
	SM_SEL_NOMINATED,  /* a nomination of a selection programme */
	SM_SEL_APPOINTED,  /* a nomination appointed (称号 awarded), by its term's first month */
	SM_SEL_ENDED,	   /* an appointment stopped (revoked, death, left the province), by ended_on */
	SM_ALLOWANCE_PAID, /* n payments made (allowances and awards), amount their fen, by their month */
	SM_ALLOWANCE_RECOVERED, /* n of them recovered after a stop, amount their fen, by their month */
	SM_COUNT
};

const char *stat_metric_name(enum stat_metric m); /* "cert.issued" */
int stat_metric_parse(const char *s);		  /* -1 unknown */
const char *stat_metric_zh(enum stat_metric m);	  /* 证书核发 */
enum stat_entity stat_metric_entity(enum stat_metric m);
const char *stat_entity_name(enum stat_entity e); /* "certificate" */

/* the level of a counter row that has none (complaints, inspections of several levels) */
#define STAT_NO_LEVEL (-1)
#define STAT_SHARDS   4

/* one source row as the entity's source query reads it (svc/stats/counters.c); unused fields 0 / NULL */
struct stat_src {
	const char *region;	/* the region code that binds the row: its institution's, or its own */
	const char *occupation; /* "" none */
	int64_t level;		/* STAT_NO_LEVEL none */
	const char *inst_type;	/* institutions.type, "" none */
	int64_t institution_id; /* 0 none */
	const char *date1;	/* 'YYYY-MM-DD...' dates: issued_on, exam_date, applied_on, received_on */
	const char *date2;	/* revoked_on */
	int64_t t1;		/* epoch seconds: created_at, starts_at, signed_at (0 none) */
	const char *status;	/* the row's status or outcome */
	int64_t flag;		/* passed; completed */
	int64_t amount;		/* amount_fen */
};

struct stat_key {
	enum stat_metric metric;
	char region[13];
	char occupation[32];
	int64_t level;
	char inst_type[24];
	int64_t institution_id;
	char month[8]; /* "YYYY-MM" */
};

struct stat_delta {
	struct stat_key k;
	int64_t n, amount;
};

#define STAT_MAX_DELTAS 4

/* stat_deltas: the counter rows source row `s` of entity `ent` adds to (n = 1 each, amount as the metric
 * says), at most STAT_MAX_DELTAS. Returns their number (0: the row counts nowhere, e.g. a row whose date
 * is missing), or -1 when a field does not fit a key (an over-long code). */
int stat_deltas(enum stat_entity ent, const struct stat_src *s, struct stat_delta out[STAT_MAX_DELTAS]);

/* stat_month_of_date: "2026-05-31" -> "2026-05"; -1 unless the text starts with a valid YYYY-MM */
int stat_month_of_date(const char *date, char out[8]);
/* stat_month_of_epoch: the month in China Standard Time (UTC+8) of epoch seconds t > 0; -1 for t <= 0 */
int stat_month_of_epoch(int64_t t, char out[8]);
/* stat_month_shift: "2026-03" shifted by `months` (-12: the same month last year); -1 when malformed */
int stat_month_shift(const char *month, int months, char out[8]);

/* the drill-down of regions: province "370000", city "370100", county "370102" (GB/T 2260) */
enum stat_region_level { SRL_PROVINCE = 0, SRL_CITY, SRL_COUNTY, SRL_BAD };
enum stat_region_level stat_region_level(const char *code);
/* stat_region_prefix: the prefix every code under `code` starts with ("37", "3701", "370102"); -1 bad */
int stat_region_prefix(const char *code, char out[8]);
/* stat_region_child: the code of the child level of `level` that `code` lies in: the city of a county
 * ("370102" at SRL_CITY -> "370100"), the county itself at SRL_COUNTY; -1 bad */
int stat_region_at(const char *code, enum stat_region_level level, char out[8]);

/* stat_shard: the shard of a writer (its connection): concurrent writers on PostgreSQL mostly add to
 * different rows of the same key, so they do not queue on one row lock */
int stat_shard(uint64_t seed);

#endif
