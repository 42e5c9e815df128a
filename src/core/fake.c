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
static const char *const given[] = {
	"伟",	"芳",	"娜",	"秀英", "敏",	"静",	"丽",	"强",	"磊",	"军",	"洋",
	"勇",	"艳",	"杰",	"娟",	"涛",	"明",	"超",	"秀兰", "霞",	"平",	"刚",
	"桂英", "建华", "文",	"华",	"金凤", "鑫",	"玉兰", "海燕", "志强", "建国", "晓东",
	"子涵", "浩然", "欣怡", "梓萱", "宇轩", "雨桐", "思远", "俊杰", "佳琪", "明轩", "诗涵",
	"博文", "嘉怡", "振华", "德胜", "立新", "红梅", "春燕", "国庆", "永刚", "文博", "鹏飞",
	"雪莲", "晨阳", "凯",	"琳",	"峰",	"鲁宁", "泰山", "齐",	"青",	"宁",	"帆",
	"航",	"蕾",	"璐",	"倩",	"颖",	"昊",	"瑞",	"婷",	"斌",	"亮",
};

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

void fake_name(fake_rng *r, char *out, size_t n)
{
	const char *s = surnames[fake_next(r) % ARRAY_LEN(surnames)];
	const char *g = given[fake_next(r) % ARRAY_LEN(given)];
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
