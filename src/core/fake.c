#include "util/common.h"
#include "core/fake.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/uscc.h"

/* common surnames (百家姓 order of frequency) and given-name characters */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",	"朱",	"高",	"林",
	"何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董",	"萧",	"程",	"曹",
	"袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",	"丁",	"魏",	"薛",
	"叶", "阎", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方",	"石",	"姚",	"谭",
	"廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦",	"江",	"史",	"顾",
	"侯", "邵", "孟", "龙", "段", "钱", "汤", "尹", "常", "武", "乔", "贺", "欧阳", "诸葛", "司马",
};
/* given names by the gender they are usually given to (a 秀兰 is a woman; 建国 a man) and names given to
 * either */
static const char *const given_m[] = {
	"伟",	"强",	"磊",	"军",	"洋",	"勇",	"杰",	"涛",	"明",	"超",	"刚",	"建华",
	"鑫",	"志强", "建国", "晓东", "浩然", "宇轩", "思远", "俊杰", "明轩", "博文", "振华", "德胜",
	"立新", "国庆", "永刚", "文博", "鹏飞", "凯",	"峰",	"昊",	"斌",	"亮",	"航",	"泰山",
};
static const char *const given_f[] = {
	"芳",	"娜",	"秀英", "敏",	"静",	"丽",	"艳",	"娟",	"秀兰", "霞",
	"桂英", "金凤", "玉兰", "海燕", "子涵", "欣怡", "梓萱", "雨桐", "佳琪", "诗涵",
	"嘉怡", "红梅", "春燕", "雪莲", "琳",	"蕾",	"璐",	"倩",	"颖",	"婷",
};
static const char *const given_any[] = {"平", "文", "华", "晨阳", "鲁宁", "齐", "青", "宁", "帆", "瑞"};

uint64_t fake_next(fake_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int fake_int(fake_rng *r, int lo, int hi)
{
	return lo + (int)(fake_next(r) % (uint64_t)(hi - lo + 1));
}

void fake_name(fake_rng *r, char gender, char *out, size_t n)
{
	const char *s = surnames[fake_next(r) % ARRAY_LEN(surnames)];
	uint64_t k = fake_next(r);
	const char *g;
	if (k % 8 == 0) /* one in eight a name given to either */
		g = given_any[k / 8 % ARRAY_LEN(given_any)];
	else if (gender == 'F' || (gender != 'M' && k % 2))
		g = given_f[k / 8 % ARRAY_LEN(given_f)];
	else
		g = given_m[k / 8 % ARRAY_LEN(given_m)];
	snprintf(out, n, "%s%s", s, g);
}

void fake_id_number(fake_rng *r, const char *region6, int y0, int y1, char out[19])
{
	int y = fake_int(r, y0, y1), m = fake_int(r, 1, 12), d = fake_int(r, 1, 28);
	snprintf(out, 19, "%.6s%04d%02d%02d%03d", region6, y, m, d, fake_int(r, 1, 999));
	out[17] = idnum_check_char(out);
	out[18] = 0;
}

char gb11714_check(const char *code8)
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		char c = code8[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
		sum += v * w[i];
	}
	int ck = 11 - sum % 11;
	return ck == 10 ? 'X' : ck == 11 ? '0' : (char)('0' + ck);
}

void fake_credit_code(fake_rng *r, const char *kind2, const char *region6, char out[19])
{
	char org[9];
	for (int i = 0; i < 8; i++)
		org[i] = (char)('0' + fake_int(r, 0, 9));
	org[8] = 0;
	snprintf(out, 19, "%.2s%.6s%s%c", kind2, region6, org, gb11714_check(org));
	/* GB 11714's check may be 'X', which is in GB 32100's character set */
	out[17] = uscc_check_char(out);
	out[18] = 0;
}

void fake_mobile(fake_rng *r, char out[12])
{
	static const char *const pre[] = {"133", "135", "136", "137", "138", "139", "150",
					  "151", "152", "155", "156", "158", "159", "176",
					  "177", "178", "180", "181", "186", "187", "188"};
	snprintf(out, 12, "%s%08d", pre[fake_next(r) % ARRAY_LEN(pre)], fake_int(r, 0, 99999999));
}
