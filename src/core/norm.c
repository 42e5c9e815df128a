/* norm.c: 企业评价规范 — pure rules (see norm.h) */
#include "util/common.h"
#include "core/norm.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct fsm_state states[] = {
	{"draft", "草稿", "Draft"},
	{"submitted", "已报备待审核", "Submitted for approval"},
	{"approved", "已核准", "Approved"},
	{"rejected", "已退回", "Returned"},
	{"superseded", "已被新版本替代", "Superseded"},
};

#define ENTERPRISE .roles = R_INST, .actor_zh = "自主评价企业", .actor_en = "the enterprise"
#define BUREAU	   .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"

static const struct fsm_transition transitions[] = {
	{"draft", "submitted", "submit", "报备审核", "Submit for approval", ENTERPRISE,
	 .audit = "enterprise_norm.submitted"},
	{"submitted", "approved", "approve", "核准", "Approve", BUREAU, .audit = "enterprise_norm.approved"},
	{"submitted", "rejected", "reject", "退回", "Return", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "enterprise_norm.rejected"},
	{"rejected", "draft", "revise", "修改", "Revise", ENTERPRISE, .audit = "enterprise_norm.draft"},
	/* taken by the approval of the next version of the same enterprise and occupation, never on its own
	 */
	{"approved", "superseded", "supersede", "由新版本替代", "Superseded by a new version", BUREAU,
	 .audit = "enterprise_norm.superseded"},
};

const struct fsm norm_fsm = {
	.name = "enterprise_norm",
	.subject_zh = "评价规范",
	.subject_en = "the norm",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};

static const struct {
	enum norm_method m;
	const char *name, *zh;
} methods[] = {
	{NM_ASSESSMENT, "assessment", "考核鉴定"},
	{NM_COMBINED, "combined", "考评结合"},
	{NM_PROCESS, "process", "过程化考核"},
	{NM_PERFORMANCE, "performance", "业绩评审"},
};

enum norm_method norm_method_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_LEN(methods); i++)
		if (!strcmp(s, methods[i].name))
			return methods[i].m;
	return NM_NONE;
}

const char *norm_method_name(enum norm_method m)
{
	for (size_t i = 0; i < ARRAY_LEN(methods); i++)
		if (methods[i].m == m)
			return methods[i].name;
	return "";
}

const char *norm_method_zh(enum norm_method m)
{
	for (size_t i = 0; i < ARRAY_LEN(methods); i++)
		if (methods[i].m == m)
			return methods[i].zh;
	return "";
}

bool norm_method_in_chain(enum norm_method m)
{
	return m == NM_ASSESSMENT || m == NM_COMBINED || m == NM_PROCESS || m == NM_PERFORMANCE;
}

unsigned norm_plan_parts(enum norm_method m, int level)
{
	unsigned review = level <= 2 ? NORM_PART_REVIEW : 0;
	switch (m) {
	case NM_PROCESS:
		return review;
	case NM_PERFORMANCE:
		return NORM_PART_REVIEW;
	default:
		return NORM_PART_THEORY | NORM_PART_PRACTICAL | review;
	}
}

int norm_assessed_on_check(int day, int today, int exam_day)
{
	if (day > today)
		return NORM_DAY_FUTURE;
	if (exam_day && day > exam_day)
		return NORM_DAY_AFTER_EXAM;
	return 0;
}

bool norm_weights_ok(int knowledge, int skill)
{
	return knowledge >= 0 && knowledge <= 99 && skill >= 1 && skill <= 100 && knowledge + skill == 100;
}

int norm_areas_check(const struct norm_area *a, size_t n)
{
	if (n > NORM_MAX_AREAS)
		return NORM_MAX_AREAS + 1;
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!a[i].area || !*a[i].area || a[i].weight < 1 || a[i].weight > 100)
			return (int)i + 1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a[i].area, a[j].area))
				return (int)i + 1;
		sum += a[i].weight;
	}
	return n && sum != 100 ? (int)n + 1 : 0;
}

int norm_blueprint_off(const struct norm_area *areas, size_t nareas, const struct norm_cell *cells,
		       size_t ncells)
{
	long total = 0;
	for (size_t i = 0; i < ncells; i++)
		total += cells[i].count;
	/* each blueprint area: its count against the norm's weight (0 when the norm does not name it) */
	for (size_t i = 0; i < ncells; i++) {
		long count = 0;
		for (size_t k = 0; k < ncells; k++)
			if (!strcmp(cells[k].area, cells[i].area))
				count += cells[k].count;
		int w = 0;
		for (size_t j = 0; j < nareas; j++)
			if (!strcmp(areas[j].area, cells[i].area))
				w = areas[j].weight;
		if (labs(100 * count - (long)w * total) >= 100)
			return (int)i;
	}
	/* an area of the norm the blueprint leaves out */
	for (size_t j = 0; j < nareas; j++) {
		bool present = false;
		for (size_t i = 0; i < ncells && !present; i++)
			present = !strcmp(cells[i].area, areas[j].area);
		if (!present && (long)areas[j].weight * total >= 100)
			return (int)(ncells + j);
	}
	return -1;
}

double norm_total(int knowledge, int skill, const struct norm_scores *s)
{
	double v = s->theory < 0 ? s->practical : (knowledge * s->theory + skill * s->practical) / 100.0;
	return round(v * 10.0) / 10.0;
}

bool norm_passed(enum norm_method m, int knowledge, int skill, int level, double pass_mark,
		 const struct norm_scores *s, double *total)
{
	*total = norm_total(knowledge, skill, s);
	bool review_ok = level > 2 || s->review >= pass_mark;
	switch (m) {
	case NM_ASSESSMENT:
		return (s->theory < 0 || s->theory >= pass_mark) && s->practical >= pass_mark && review_ok;
	case NM_COMBINED:
		return *total >= pass_mark && review_ok;
	case NM_PERFORMANCE:
		/* 业绩评审: the panel's score of the performance record, rounded to 0.1, is the result */
		*total = round(s->review * 10.0) / 10.0;
		return *total >= pass_mark;
	default:
		return false;
	}
}

int norm_filing_check(const struct norm_filing_rule *r, const struct norm_filing *f, char code[32],
		      char zh[160], char en[160])
{
	if (f->employees < 1 || f->skilled_employees < 0 || f->skilled_employees > f->employees) {
		snprintf(code, 32, "invalid_filing");
		snprintf(zh, 160, "职工总数应至少 1 人，技能人员数不得超过职工总数");
		snprintf(en, 160, "employees must be at least 1 and skilled workers no more than employees");
		return -1;
	}
	if (r->above_size_required && !f->above_size) {
		snprintf(code, 32, "not_above_size");
		snprintf(zh, 160, "自主评价面向规模以上企业，本企业未申明为规模以上企业");
		snprintf(en, 160, "self-evaluation is for enterprises above designated size (规模以上)");
		return -1;
	}
	if (f->skilled_employees * 100 < (long)r->skilled_share_min_pct * f->employees) {
		snprintf(code, 32, "skilled_share_low");
		snprintf(zh, 160,
			 "技能人员 %ld 人，占职工总数 %ld 人的比例低于 %d%%，不是以技能人员为主体的企业",
			 f->skilled_employees, f->employees, r->skilled_share_min_pct);
		snprintf(en, 160,
			 "%ld skilled of %ld employees is below %d%%: the workforce is not mainly skilled",
			 f->skilled_employees, f->employees, r->skilled_share_min_pct);
		return -1;
	}
	return 0;
}
