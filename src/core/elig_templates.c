/* The two 申报条件 templates as data (docs/DOMAIN.md §16; shared/design/domain-sources.md §2.1, §2.2).
 * Standards that vary the figures are stored per standard version; these are the defaults. */
#include "core/eligibility.h"
#include <string.h>

#define AGE(n)                                                                                               \
	{                                                                                                    \
		.type = C_AGE, .years = (n)                                                                  \
	}
#define DECL                                                                                                 \
	{                                                                                                    \
		.type = C_DECLARED                                                                           \
	}
#define WORK(n)                                                                                              \
	{                                                                                                    \
		.type = C_WORK, .years = (n)                                                                 \
	}
#define CERT_WORK(l, n)                                                                                      \
	{                                                                                                    \
		.type = C_CERT, .level = (l), .years = (n), .work_since = true                               \
	}
#define CERT_HELD(l, n)                                                                                      \
	{                                                                                                    \
		.type = C_CERT, .level = (l), .years = (n)                                                   \
	}
#define TITLE_WORK(g, n)                                                                                     \
	{                                                                                                    \
		.type = C_TITLE, .title = (g), .years = (n), .work_since = true                              \
	}
#define DIPLOMA(k, rel, fy)                                                                                  \
	{                                                                                                    \
		.type = C_DIPLOMA, .diplomas = (k), .related = (rel), .final_year = (fy)                     \
	}
#define DIPLOMA_WORK(k, n)                                                                                   \
	{                                                                                                    \
		.type = C_DIPLOMA, .diplomas = (k), .years = (n), .work_since = true                         \
	}

/* 2023 template (国家职业标准编制技术规程 2023年版) */
static const struct elig_option t23_5[] = {
	{"2023-5-a",
	 "年满16周岁，拟从事本职业或相关职业工作",
	 "Aged 16 or over, intending to work in this or a related occupation",
	 2,
	 {AGE(16), DECL}},
	{"2023-5-b",
	 "年满16周岁，从事本职业或相关职业工作",
	 "Aged 16 or over, working in this or a related occupation",
	 2,
	 {AGE(16), DECL}},
};
static const struct elig_option t23_4[] = {
	{"2023-4-a",
	 "累计从事本职业或相关职业工作满5年",
	 "5 full years of work in this or a related occupation",
	 1,
	 {WORK(5)}},
	{"2023-4-b",
	 "取得本职业或相关职业五级/初级工证书后，累计从事本职业或相关职业工作满3年",
	 "3 full years of work in this or a related occupation after obtaining a level-5 (junior) "
	 "certificate in it",
	 1,
	 {CERT_WORK(5, 3)}},
	{"2023-4-c",
	 "取得技工院校、中等及以上职业院校或专科及以上普通高等学校本专业或相关专业毕业证书（含在读应届毕业生"
	 "）",
	 "A diploma in this or a related major from a technical school, a secondary or higher vocational "
	 "school, or a regular institution of higher education at junior-college level or above (final-year "
	 "students included)",
	 1,
	 {DIPLOMA(D_TECH_SCHOOL | D_SECONDARY_VOC | D_SENIOR_TECH | D_TECHNICIAN | D_COLLEGE_UP |
			  D_ASSESSED_COLLEGE,
		  true, true)}},
};
static const struct elig_option t23_3[] = {
	{"2023-3-a",
	 "累计从事本职业或相关职业工作满10年",
	 "10 full years of work in this or a related occupation",
	 1,
	 {WORK(10)}},
	{"2023-3-b",
	 "取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作满4年",
	 "4 full years of work in this or a related occupation after obtaining a level-4 (intermediate) "
	 "certificate in it",
	 1,
	 {CERT_WORK(4, 4)}},
	{"2023-3-c",
	 "取得相关专业初级职称（专业技术人员职业资格）后，累计从事本职业或相关职业工作满1年",
	 "1 full year of work in this or a related occupation after obtaining a junior professional title "
	 "(or professional and technical personnel qualification) in a related field",
	 1,
	 {TITLE_WORK(1, 1)}},
	{"2023-3-d",
	 "取得技工院校高级工班及以上毕业证书（含在读应届毕业生）",
	 "A diploma from a technical school's senior-worker class or above (final-year students included)",
	 1,
	 {DIPLOMA(D_SENIOR_TECH | D_TECHNICIAN, false, true)}},
	{"2023-3-e",
	 "取得四级/"
	 "中级工证书，并取得高等职业学校、专科及以上普通高等学校本专业或相关专业毕业证书（含在读应届毕业生）",
	 "A level-4 (intermediate) certificate, and a diploma in this or a related major from a higher "
	 "vocational school or a regular institution of higher education at junior-college level or above "
	 "(final-year students included)",
	 2,
	 {CERT_HELD(4, 0), DIPLOMA(D_COLLEGE_UP | D_ASSESSED_COLLEGE, true, true)}},
	{"2023-3-f",
	 "取得经评估论证的高等职业学校、专科及以上普通高等学校本专业或相关专业毕业证书",
	 "A diploma in this or a related major from an assessed and validated programme of a higher "
	 "vocational school or a regular institution of higher education at junior-college level or above",
	 1,
	 {DIPLOMA(D_ASSESSED_COLLEGE, true, false)}},
};
static const struct elig_option t23_2[] = {
	{"2023-2-a",
	 "取得本职业或相关职业三级/高级工证书后，累计从事本职业或相关职业工作满5年",
	 "5 full years of work in this or a related occupation after obtaining a level-3 (senior) "
	 "certificate in it",
	 1,
	 {CERT_WORK(3, 5)}},
	{"2023-2-b",
	 "取得初级职称后累计从事本职业或相关职业工作满5年，且取得三级/高级工证书满1年",
	 "5 full years of work in this or a related occupation after obtaining a junior professional title, "
	 "and a level-3 (senior) certificate held for 1 full year",
	 2,
	 {TITLE_WORK(1, 5), CERT_HELD(3, 1)}},
	{"2023-2-c",
	 "取得中级职称后，累计从事本职业或相关职业工作满1年",
	 "1 full year of work in this or a related occupation after obtaining an intermediate professional "
	 "title",
	 1,
	 {TITLE_WORK(2, 1)}},
	{"2023-2-d",
	 "取得高级技工学校、技师学院毕业证书（含在读应届毕业生），并取得三级/"
	 "高级工证书后累计从事本职业工作满2年",
	 "A diploma from a senior technical school or a technician college (final-year students included), "
	 "and 2 full years of work in this occupation after obtaining a level-3 (senior) certificate",
	 2,
	 {DIPLOMA(D_SENIOR_TECH | D_TECHNICIAN, false, true), CERT_WORK(3, 2)}},
	{"2023-2-e",
	 "取得三级/高级工证书满2年的技工院校预备技师（技师）班在读学生",
	 "A student in a technical school's preparatory technician (technician) class who has held a level-3 "
	 "(senior) certificate for 2 full years",
	 2,
	 {DIPLOMA(D_TECHNICIAN, false, true), CERT_HELD(3, 2)}},
};
static const struct elig_option t23_1[] = {
	{"2023-1-a",
	 "取得本职业或相关职业二级/技师证书后，累计从事本职业或相关职业工作满5年",
	 "5 full years of work in this or a related occupation after obtaining a level-2 (technician) "
	 "certificate in it",
	 1,
	 {CERT_WORK(2, 5)}},
	{"2023-1-b",
	 "取得中级职称后累计从事本职业或相关职业工作满5年，且取得二级/技师证书满1年",
	 "5 full years of work in this or a related occupation after obtaining an intermediate professional "
	 "title, and a level-2 (technician) certificate held for 1 full year",
	 2,
	 {TITLE_WORK(2, 5), CERT_HELD(2, 1)}},
	{"2023-1-c",
	 "取得高级职称后，累计从事本职业或相关职业工作满1年",
	 "1 full year of work in this or a related occupation after obtaining a senior professional title",
	 1,
	 {TITLE_WORK(3, 1)}},
};

/* 2018 template (most standards issued 2018-2022) */
static const struct elig_option t18_5[] = {
	{"2018-5-a",
	 "累计从事本职业或相关职业工作1年（含）以上",
	 "1 year or more of work in this or a related occupation",
	 1,
	 {WORK(1)}},
	{"2018-5-b",
	 "本职业或相关职业学徒期满",
	 "A completed apprenticeship in this or a related occupation",
	 1,
	 {DIPLOMA(D_APPRENTICESHIP, false, false)}},
};
static const struct elig_option t18_4[] = {
	{"2018-4-a",
	 "取得本职业或相关职业五级/初级工证书后，累计从事本职业或相关职业工作4年（含）以上",
	 "4 years or more of work in this or a related occupation after obtaining a level-5 (junior) "
	 "certificate in it",
	 1,
	 {CERT_WORK(5, 4)}},
	{"2018-4-b",
	 "累计从事本职业或相关职业工作6年（含）以上",
	 "6 years or more of work in this or a related occupation",
	 1,
	 {WORK(6)}},
	{"2018-4-c",
	 "取得技工学校本专业或相关专业毕业（含尚未取得毕业证书的在校应届毕业生）；或取得经评估论证、以中级技"
	 "能为培养目标的中等及以上职业学校本专业或相关专业毕业证书",
	 "Graduation from a technical school in this or a related major (final-year students not yet holding "
	 "the diploma included); or a diploma in this or a related major from an assessed and validated "
	 "programme aimed at intermediate skills of a secondary or higher vocational school",
	 1,
	 {DIPLOMA(D_TECH_SCHOOL | D_SECONDARY_VOC, true, true)}},
};
static const struct elig_option t18_3[] = {
	{"2018-3-a",
	 "取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作5年（含）以上",
	 "5 years or more of work in this or a related occupation after obtaining a level-4 (intermediate) "
	 "certificate in it",
	 1,
	 {CERT_WORK(4, 5)}},
	{"2018-3-b",
	 "取得四级/中级工证书，并具有高级技工学校、技师学院毕业证书（含应届）；或取得四级/"
	 "中级工证书并具有经评估论证、以高级技能为培养目标的高等职业学校本专业或相关专业毕业证书（含应届）",
	 "A level-4 (intermediate) certificate and a diploma from a senior technical school or a technician "
	 "college (final-year students included); or a level-4 (intermediate) certificate and a diploma in "
	 "this or a related major from an assessed and validated programme aimed at advanced skills of a "
	 "higher vocational school (final-year students included)",
	 2,
	 {CERT_HELD(4, 0), DIPLOMA(D_SENIOR_TECH | D_TECHNICIAN | D_ASSESSED_COLLEGE, false, true)}},
	{"2018-3-c",
	 "具有大专及以上本专业或相关专业毕业证书，并取得四级/"
	 "中级工证书后，累计从事本职业或相关职业工作2年（含）以上",
	 "A diploma in this or a related major at junior-college level or above, and 2 years or more of work "
	 "in this or a related occupation after obtaining a level-4 (intermediate) certificate",
	 2,
	 {DIPLOMA(D_COLLEGE_UP, true, false), CERT_WORK(4, 2)}},
};
static const struct elig_option t18_2[] = {
	{"2018-2-a",
	 "取得本职业或相关职业三级/高级工证书后，累计从事本职业或相关职业工作4年（含）以上",
	 "4 years or more of work in this or a related occupation after obtaining a level-3 (senior) "
	 "certificate in it",
	 1,
	 {CERT_WORK(3, 4)}},
	{"2018-2-b",
	 "取得三级/高级工证书的高级技工学校、技师学院毕业生，累计从事本职业或相关职业工作3年（含）以上",
	 "A graduate of a senior technical school or a technician college holding a level-3 (senior) "
	 "certificate, with 3 years or more of work in this or a related occupation",
	 2,
	 {DIPLOMA(D_SENIOR_TECH | D_TECHNICIAN, false, false), CERT_WORK(3, 3)}},
	{"2018-2-c",
	 "取得预备技师证书的技师学院毕业生，累计从事本职业或相关职业工作2年（含）以上",
	 "A graduate of a technician college holding a preparatory-technician certificate, with 2 years or "
	 "more of work in this or a related occupation",
	 1,
	 {DIPLOMA_WORK(D_TECHNICIAN, 2)}},
};
static const struct elig_option t18_1[] = {
	{"2018-1-a",
	 "取得本职业或相关职业二级/技师证书后，累计从事本职业或相关职业工作4年（含）以上",
	 "4 years or more of work in this or a related occupation after obtaining a level-2 (technician) "
	 "certificate in it",
	 1,
	 {CERT_WORK(2, 4)}},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct elig_template templates[] = {
	{"2023",
	 {NULL, t23_1, t23_2, t23_3, t23_4, t23_5},
	 {0, N(t23_1), N(t23_2), N(t23_3), N(t23_4), N(t23_5)}},
	{"2018",
	 {NULL, t18_1, t18_2, t18_3, t18_4, t18_5},
	 {0, N(t18_1), N(t18_2), N(t18_3), N(t18_4), N(t18_5)}},
};

const struct elig_template *elig_template(const char *name)
{
	for (int i = 0; i < N(templates); i++)
		if (name && !strcmp(templates[i].name, name))
			return &templates[i];
	return NULL;
}
