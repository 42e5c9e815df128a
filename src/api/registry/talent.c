/* talent.c: /api/v1/persons/{id}/talent-record (人才档案): a person's certificates, results and history in
 * one view, assembled from parts (issue 22 item 7) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "svc/cert/certs.h"
#include "svc/incentive/card.h"
#include "svc/incentive/selections.h"
#include "svc/incentive/titles.h"
#include "svc/incentive/posts.h"
#include "svc/competition/outcomes.h"
#include "svc/cultivation/students.h"

/* A part of the talent record adds its keys to the record. The base (talent_record_json, svc/cert: the
 * person's name, certificates and highest levels) has checked that the caller may read the person; each part
 * then reads what it owns in the caller's scope and answers 0, or -1 with e set (the whole record fails).
 * A domain adds its part by one row here, in the order the record shows them. */
typedef int (*talent_part_fn)(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

static const struct talent_part {
	const char *name; /* the part, for reading this table */
	talent_part_fn add;
} talent_parts[] = {
	/* 贯通: titles, yearly appraisals, the 贯通 applications and decisions (svc/incentive/titles.h) */
	{"titles", titles_talent_add},
	/* 惠才卡: honours with their source and the person's cards (svc/incentive/card.h) */
	{"card", card_talent_add},
	/* 新八级工: the 特级技师 / 首席技师 appointments and the highest rung held (svc/incentive/posts.h) */
	{"posts", posts_talent_add},
	/* 竞赛: published results, 山东省技术能手, promotions and prize money (svc/competition/outcomes.h) */
	{"competition", competition_talent_add},
	/* 评选项目与津贴: selections with their allowances, and the money paid and recovered
	 * (svc/incentive/selections.h) */
	{"selections", selections_talent_add},
	/* 院校学生: the school records, the diploma and the certificates of 过程化评价: 双证
	 * (svc/cultivation/students.h) */
	{"students", students_talent_add},
};

int h_talent_record(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? talent_record_json(d, &r->who, id, &r->e) : NULL;
	for (size_t i = 0; o && i < ARRAY_LEN(talent_parts); i++)
		if (talent_parts[i].add(d, &r->who, id, o, &r->e)) {
			json_decref(o);
			return -1;
		}
	return o ? req_reply(r, 200, o) : -1;
}
