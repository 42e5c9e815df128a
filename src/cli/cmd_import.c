/* cmd_import.c: `jineng import persons|institutions|occupations|items FILE.csv`
 * Input is UTF-8 or GB18030 CSV with a header row (English or Chinese column names). Every row is
 * validated; rejected rows are reported with their line, field, code and message (on stderr, and as CSV
 * with --errors FILE). Valid rows are stored unless --all-or-nothing is given and any row was rejected, in
 * which case nothing is stored. Exit 0 when every row was imported, 1 otherwise. Items (题库,
 * svc/exam/bank_import.h) go to the province-wide bank, or with --institution ID to that institution's. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "core/date.h"
#include "core/uscc.h"
#include "svc/auth/auth.h"
#include "svc/registry/institutions.h"
#include "svc/exam/bank_import.h"
#include "svc/registry/person_bulk.h"
#include "svc/registry/refdata_load.h"
#include "util/csvread.h"

enum {
	F_NAME,
	F_ID_TYPE,
	F_ID_NUMBER,
	F_PHONE,
	F_REGION,
	F_EMPLOYER,
	F_EDUCATION,
	F_CREDIT,
	F_TYPE,
	F_ADDRESS,
	F_CONTACT,
	F_CONTACT_PHONE,
	F_CODE,
	F_CATEGORY,
	F_LEVELS,
	F_TYPES,
	F_KIND,
	F_COUNT
};

static const struct {
	int f;
	const char *names[4];
} headers[] = {
	{F_NAME, {"name", "姓名", "名称", "职业名称"}},
	{F_ID_TYPE, {"id_type", "证件类型"}},
	{F_ID_NUMBER, {"id_number", "证件号码", "身份证号", "公民身份号码"}},
	{F_PHONE, {"phone", "手机号码", "联系电话"}},
	{F_REGION, {"region_code", "地区代码", "行政区划代码"}},
	{F_EMPLOYER, {"employer_credit_code", "用人单位信用代码"}},
	{F_EDUCATION, {"education", "学历"}},
	{F_CREDIT, {"credit_code", "统一社会信用代码"}},
	{F_TYPE, {"type", "机构类型"}},
	{F_ADDRESS, {"address", "地址"}},
	{F_CONTACT, {"contact_name", "联系人"}},
	{F_CONTACT_PHONE, {"contact_phone", "联系人电话"}},
	{F_CODE, {"code", "职业编码"}},
	{F_CATEGORY, {"category", "大类"}},
	{F_LEVELS, {"levels", "等级"}},
	{F_TYPES, {"types", "工种"}},
	{F_KIND, {"kind", "类别"}},
};

struct import {
	const char *kind;
	db *d;
	principal sys;
	int col[F_COUNT];
	int64_t rows, ok, rejected;
	FILE *errors;
	person_bulk *bulk;
	int today;
	char (*regions)[8];
	size_t nregions;
	/* every institution's credit code, sorted: persons' employers are resolved without touching the
	 * database, which the bulk writer owns while it copies */
	struct emp {
		char code[19];
		int64_t id;
	} * emp;
	size_t nemp;
};

static const char *field(struct import *im, char **f, size_t n, int which)
{
	int c = im->col[which];
	return c >= 0 && (size_t)c < n && f[c][0] ? f[c] : NULL;
}

#define SHOWN_REJECTS 50

static void reject(struct import *im, size_t line, const err *e)
{
	im->rejected++;
	if (im->rejected <= SHOWN_REJECTS)
		fprintf(stderr, "line %zu: %s: %s: %s\n", line, e->field[0] ? e->field : "-", e->code, e->en);
	else if (im->rejected == SHOWN_REJECTS + 1)
		fprintf(stderr, "... more rejected rows not shown%s\n",
			im->errors ? " (all are in the --errors report)"
				   : "; use --errors FILE for the full report");
	if (im->errors) {
		fprintf(im->errors, "%zu,%s,%s,\"", line, e->field, e->code);
		for (const char *p = e->zh; *p; p++)
			fputs(*p == '"' ? "\"\"" : (char[]){*p, 0}, im->errors);
		fputs("\"\n", im->errors);
	}
}

/* items: the rows go through svc/exam/bank_import.c; this side reports and shows progress */
struct item_cli {
	struct import im; /* the rejection report (stderr and --errors) */
	items_import *ii;
};

static void item_rejected(void *ctx, size_t line, const err *e)
{
	reject(&((struct item_cli *)ctx)->im, line, e);
}

static int item_on_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct item_cli *c = ctx;
	if (rec > 1 && ++c->im.rows % 100 == 0)
		progress_update(c->im.rows, 0);
	return items_import_row(c->ii, f, n, rec);
}

static int import_items(db *d, const char *file, int64_t inst, bool all_or_nothing, FILE *errors)
{
	struct item_cli c = {.im = {.kind = "items", .d = d, .errors = errors}};
	principal sys;
	principal_system(&sys, "import");
	err e = {0};
	const char *enc = "utf-8";
	if (!(c.ii = items_import_open(d, &sys, inst, item_rejected, &c, &e)))
		return cli_fail(e.en, inst ? "--institution" : file);
	progress_start("items");
	if (csv_read_file(file, item_on_row, &c, &enc, &e) < 0) {
		items_import_abort(c.ii);
		return cli_fail(e.en, file);
	}
	json_t *rep = items_import_close(c.ii, all_or_nothing, file, enc, &e);
	if (!rep)
		return cli_fail(e.en, file);
	int64_t rows = json_integer_value(json_object_get(rep, "rows"));
	int64_t ok = json_integer_value(json_object_get(rep, "imported"));
	int64_t bad = json_integer_value(json_object_get(rep, "rejected"));
	bool stored = json_is_true(json_object_get(rep, "stored"));
	json_decref(rep);
	if (!stored) {
		fprintf(stderr,
			"jineng: %lld of %lld rows rejected; nothing imported (--all-or-nothing) (%s)\n",
			(long long)bad, (long long)rows, file);
		return 1;
	}
	progress_end(ok);
	printf("imported %lld of %lld items (%s) into the %s bank; %lld rejected\n", (long long)ok,
	       (long long)rows, enc, inst ? "institution's" : "province-wide", (long long)bad);
	return bad ? 1 : 0;
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool region_known(struct import *im, const char *code)
{
	return bsearch(code, im->regions, im->nregions, sizeof im->regions[0], cmp_region) != NULL;
}

static int cmp_emp(const void *a, const void *b)
{
	return strcmp(((const struct emp *)a)->code, ((const struct emp *)b)->code);
}

static int64_t employer_id(struct import *im, const char *credit, err *e)
{
	struct emp key;
	uscc_normalize(credit, key.code);
	const struct emp *hit = bsearch(&key, im->emp, im->nemp, sizeof *im->emp, cmp_emp);
	if (!hit) {
		err_set(e, 422, "unknown_institution", "employer_credit_code", "用人单位不存在：%s",
			"no institution with credit code %s", credit);
		return -1;
	}
	return hit->id;
}

static int person_row(struct import *im, char **f, size_t n, size_t line)
{
	err e = {0};
	struct person_input in = {.name = field(im, f, n, F_NAME),
				  .id_type = field(im, f, n, F_ID_TYPE),
				  .id_number = field(im, f, n, F_ID_NUMBER),
				  .phone = field(im, f, n, F_PHONE),
				  .region_code = field(im, f, n, F_REGION),
				  .education = field(im, f, n, F_EDUCATION)};
	struct person_norm norm;
	if (person_validate(&in, im->today, &norm, &e) != 0) {
		reject(im, line, &e);
		return 0;
	}
	char region[8];
	if (norm.region_code[0])
		snprintf(region, sizeof region, "%s", norm.region_code);
	else if (region_known(im, norm.region6))
		snprintf(region, sizeof region, "%s", norm.region6);
	else
		snprintf(region, sizeof region, "370000");
	if (!region_known(im, region)) {
		err_set(&e, 422, "invalid_region", "region_code", "行政区划代码不存在：%s",
			"unknown region code %s", region);
		reject(im, line, &e);
		return 0;
	}
	const char *emp = field(im, f, n, F_EMPLOYER);
	int64_t employer = emp ? employer_id(im, emp, &e) : 0;
	if (employer < 0) {
		reject(im, line, &e);
		return 0;
	}
	int rc = person_bulk_add(im->bulk, &norm, region, employer, &e);
	if (rc == 1) {
		reject(im, line, &e);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "jineng: %s (line %zu)\n", e.en, line);
		return -1;
	}
	im->ok++;
	return 0;
}

static int inst_row(struct import *im, char **f, size_t n, size_t line)
{
	err e = {0};
	struct inst_input in = {.name = field(im, f, n, F_NAME),
				.credit_code = field(im, f, n, F_CREDIT),
				.type = field(im, f, n, F_TYPE),
				.region_code = field(im, f, n, F_REGION),
				.address = field(im, f, n, F_ADDRESS),
				.contact_name = field(im, f, n, F_CONTACT),
				.contact_phone = field(im, f, n, F_CONTACT_PHONE)};
	if (inst_create(im->d, &im->sys, &in, &e) < 0)
		reject(im, line, &e);
	else
		im->ok++;
	return 0;
}

static int occ_row(struct import *im, char **f, size_t n, size_t line)
{
	err e = {0};
	if (db_begin(im->d, &e) != 0)
		return -1;
	int rc = occupation_add(im->d, field(im, f, n, F_CODE), field(im, f, n, F_NAME),
				field(im, f, n, F_CATEGORY), field(im, f, n, F_LEVELS),
				field(im, f, n, F_TYPES), field(im, f, n, F_KIND), false, &e);
	if (rc < 0) {
		db_rollback(im->d);
		reject(im, line, &e);
		return 0;
	}
	if (db_commit(im->d, &e) != 0)
		return -1;
	im->ok++;
	return 0;
}

static int on_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct import *im = ctx;
	if (rec == 1) {
		for (int k = 0; k < F_COUNT; k++)
			im->col[k] = -1;
		for (size_t i = 0; i < n; i++)
			for (size_t h = 0; h < ARRAY_LEN(headers); h++)
				for (int k = 0; k < 4 && headers[h].names[k]; k++)
					if (!strcmp(f[i], headers[h].names[k]))
						im->col[headers[h].f] = (int)i;
		return 0;
	}
	im->rows++;
	if (im->rows % 5000 == 0)
		progress_update(im->rows, 0);
	if (!strcmp(im->kind, "persons"))
		return person_row(im, f, n, rec);
	if (!strcmp(im->kind, "institutions"))
		return inst_row(im, f, n, rec);
	return occ_row(im, f, n, rec);
}

static int load_regions(struct import *im, err *e)
{
	size_t cap = 256;
	im->regions = xmalloc(cap * sizeof im->regions[0]);
	db_stmt *st = db_query(im->d, "SELECT code FROM regions ORDER BY code", DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (im->nregions == cap)
			im->regions = xrealloc(im->regions, (cap *= 2) * sizeof im->regions[0]);
		snprintf(im->regions[im->nregions++], 8, "%s", db_text(st, 0));
	}
	if (db_finish(st, e) != 0)
		return -1;
	qsort(im->regions, im->nregions, sizeof im->regions[0], cmp_region);
	st = db_query(im->d, "SELECT credit_code, id FROM institutions", DB_NOARGS, e);
	if (!st)
		return -1;
	cap = 0;
	while (db_step(st) == DB_ROW) {
		if (im->nemp == cap)
			im->emp = xrealloc(im->emp, (cap = cap ? cap * 2 : 256) * sizeof *im->emp);
		snprintf(im->emp[im->nemp].code, sizeof im->emp[0].code, "%s", db_text(st, 0));
		im->emp[im->nemp++].id = db_int(st, 1);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (im->nemp)
		qsort(im->emp, im->nemp, sizeof *im->emp, cmp_emp);
	return 0;
}

static const char *required(const char *kind)
{
	return !strcmp(kind, "persons")	       ? "name,id_number"
	       : !strcmp(kind, "institutions") ? "name,credit_code,type,region_code"
					       : "code,name";
}

int cmd_import(int argc, char **argv)
{
	const char *url = default_db_url(), *kind = NULL, *file = NULL, *errfile = NULL, *v;
	bool all_or_nothing = false;
	int64_t inst = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--institution"))) {
			char *end;
			inst = strtoll(v, &end, 10);
			if (*end || inst <= 0)
				return cli_usage("import", "--institution takes an institution id");
		} else if ((v = opt_value(argc, argv, &i, "--errors")))
			errfile = v;
		else if (!strcmp(argv[i], "--all-or-nothing"))
			all_or_nothing = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("import", "unknown option");
		else if (!kind)
			kind = argv[i];
		else if (!file)
			file = argv[i];
		else
			return cli_usage("import", "too many arguments");
	}
	if (!kind || !file ||
	    (strcmp(kind, "persons") && strcmp(kind, "institutions") && strcmp(kind, "occupations") &&
	     strcmp(kind, "items")))
		return cli_usage("import",
				 "KIND is persons, institutions, occupations or items, then FILE.csv");
	if (inst && strcmp(kind, "items"))
		return cli_usage("import", "--institution is for items");
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	int rc = import_run(d, kind, file, inst, all_or_nothing, errfile);
	db_close(d);
	return rc;
}

int import_run(db *d, const char *kind, const char *file, int64_t inst, bool all_or_nothing,
	       const char *errfile)
{
	struct import im = {.kind = kind, .today = date_today_utc8(), .d = d};
	principal_system(&im.sys, "import");
	err e = {0};
	int rc = 1;
	const char *enc = "utf-8";
	if (errfile) {
		im.errors = fopen(errfile, "w");
		if (!im.errors) {
			rc = cli_fail("could not write the error report", errfile);
			goto out;
		}
		fputs("\xEF\xBB\xBFline,field,code,message\n", im.errors);
	}
	if (!strcmp(kind, "items")) {
		rc = import_items(im.d, file, inst, all_or_nothing, im.errors);
		goto out;
	}
	if (load_regions(&im, &e) != 0 || db_begin(im.d, &e) != 0) {
		rc = cli_fail(e.en, "--db");
		goto out;
	}
	if (!strcmp(kind, "persons") && !(im.bulk = person_bulk_open(im.d, &e))) {
		db_rollback(im.d);
		rc = cli_fail(e.en, "persons");
		goto out;
	}
	progress_start(kind);
	int prc = csv_read_file(file, on_row, &im, &enc, &e);
	err e2 = {0};
	if (im.bulk && person_bulk_close(im.bulk, prc ? &e2 : &e) != 0 && !prc)
		prc = -1;
	if (prc == 0 && im.col[strcmp(kind, "occupations") ? F_NAME : F_CODE] < 0) {
		err_set(&e, 422, "missing_column", NULL, "缺少必需的列",
			"the header lacks required columns (%s)", required(kind));
		prc = -1;
	}
	if (prc != 0) {
		db_abort_all(im.d);
		rc = cli_fail(err_isset(&e) ? e.en : "import stopped", file);
		goto out;
	}
	if (all_or_nothing && im.rejected) {
		db_abort_all(im.d);
		fprintf(stderr,
			"jineng: %lld of %lld rows rejected; nothing imported (--all-or-nothing) (%s)\n",
			(long long)im.rejected, (long long)im.rows, file);
		goto out;
	}
	json_t *det = json_pack("{s:s,s:s,s:I,s:I,s:I,s:s}", "kind", kind, "file", file, "rows",
				(json_int_t)im.rows, "imported", (json_int_t)im.ok, "rejected",
				(json_int_t)im.rejected, "encoding", enc);
	int arc = audit_append(im.d, &im.sys, "import", kind, file, det, &e);
	json_decref(det);
	if (arc != 0 || db_commit(im.d, &e) != 0) {
		db_abort_all(im.d);
		rc = cli_fail(e.en, file);
		goto out;
	}
	progress_end(im.ok);
	printf("imported %lld of %lld %s (%s); %lld rejected\n", (long long)im.ok, (long long)im.rows, kind,
	       enc, (long long)im.rejected);
	rc = im.rejected ? 1 : 0;
out:
	if (im.errors)
		fclose(im.errors);
	free(im.regions);
	free(im.emp);
	return rc;
}
