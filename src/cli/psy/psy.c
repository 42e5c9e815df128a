/* psy.c: the subcommands of `jineng psy` and their usage (the dispatcher in cli/cli.c answers --help and a
 * missing or unknown subcommand from this table). */
#include "cli/psy/psycmd.h"

const struct cli_command psy_commands[] = {
	{"ctt", psycmd_ctt, "--in RESPONSES.csv | --options RAW.csv --key KEY.csv [--in RESPONSES.csv]",
	 "classical item analysis: p, point-biserial and item-rest correlations, alpha if dropped; with "
	 "--options and --key also the distractor table"},
	{"calibrate", psycmd_calibrate,
	 "--model rasch|2pl --in RESPONSES.csv [--out ITEMS.csv] [--fit FIT.csv] [--quad N] [--threads N]",
	 "estimate item parameters: Rasch by conditional maximum likelihood, 2PL by marginal maximum "
	 "likelihood (EM); ITEMS.csv to --out or stdout"},
	{"score", psycmd_score, "--items ITEMS.csv [--in RESPONSES.csv] [--table] [--method eap|mle]",
	 "ability (theta) and its standard error for each person of RESPONSES.csv (EAP or MLE); --table the "
	 "summed-score table; --in, --table or both"},
	{"cat", psycmd_cat,
	 "--items ITEMS.csv --simulate N [--se 0.3] [--max 30] [--min 5] [--seed S] [--randomesque R] "
	 "[--rmax 0.25] [--sh-rounds 10] [--exposure FILE.csv]",
	 "simulate computerised adaptive tests on the bank: bias, RMSE, test length, item exposure"},
	{"assemble", psycmd_assemble,
	 "--items BANK.csv --blueprint BLUEPRINT.csv [--forms 2] [--target THETA:INFO,...] [--max-overlap N] "
	 "[--max-uses N] [--iterations 2000] [--seed S] [--out FORMS.csv]",
	 "automated test assembly: parallel forms that meet the blueprint and match the target information"},
	{"collusion", psycmd_collusion,
	 "--in RAW_RESPONSES.csv --key KEY.csv [--fdr 0.05] [--groups 10] [--threads N]",
	 "answer-copying detection: pairs of persons with improbably many identical answers (omega, "
	 "Benjamini-Hochberg)"},
	{"mfrm", psycmd_mfrm,
	 "RATINGS.csv [--model pcm|rsm] [--categories 11] [--no-bias-correction] [--thresholds FILE.csv]",
	 "examiner severity (+ = harsher), criterion difficulty and candidate measures from ratings "
	 "(candidate, examiner, criterion, score[, max]) by the many-facet Rasch model, as CSV with standard "
	 "errors and infit/outfit; a disconnected design is refused"},
	{"simulate", psycmd_simulate,
	 "--persons N --items K [--model rasch|2pl] [--seed S] [--out RESPONSES.csv] [--truth ITEMS.csv] | "
	 "--model mfrm --persons N --examiners J [--criteria 5] [--raters 3] [--batch 20] [--max 10] [--seed "
	 "S] "
	 "[--out RATINGS.csv] [--truth TRUTH.csv]",
	 "generate 0/1 responses of N(0,1) persons to generated items, or ratings of candidates by panels of "
	 "examiners (many-facet model); deterministic for a seed"},
	{0},
};

int psycmd_fail(const err *e, const char *where)
{
	char msg[700];
	snprintf(msg, sizeof msg, "%s / %s", e->zh, e->en);
	return cli_fail(msg, where);
}
