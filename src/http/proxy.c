#include "util/common.h"
#include "http/proxy.h"
#include <arpa/inet.h>

/* one address, possibly with a port ("1.2.3.4:80", "[::1]:80") and surrounding spaces */
static bool parse_ip(const char *s, size_t n, int *family, uint8_t addr[16])
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char t[64];
	if (n == 0 || n >= sizeof t)
		return false;
	memcpy(t, s, n);
	t[n] = 0;
	char *p = t;
	if (*p == '[') {
		char *end = strchr(p, ']');
		if (!end || (end[1] && end[1] != ':'))
			return false;
		*end = 0;
		p++;
	} else {
		char *c = strchr(p, ':');
		if (c && !strchr(c + 1, ':') && strchr(p, '.'))
			*c = 0; /* a.b.c.d:port */
	}
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, p, addr) == 1) {
		*family = 4;
		return true;
	}
	if (inet_pton(AF_INET6, p, addr) == 1) {
		static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (!memcmp(addr, mapped, 12)) {
			memmove(addr, addr + 12, 4);
			memset(addr + 4, 0, 12);
			*family = 4;
		} else {
			*family = 6;
		}
		return true;
	}
	return false;
}

int cidr_parse(const char *s, struct cidr *out)
{
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	if (!parse_ip(s, n, &out->family, out->addr) || strchr(s, '[') ||
	    (strchr(s, ':') && out->family == 4 && !strstr(s, "::")))
		return -1;
	int max = out->family == 4 ? 32 : 128;
	out->bits = max;
	if (slash) {
		char *end;
		long b = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end || b < 0 || b > max)
			return -1;
		out->bits = (int)b;
	}
	return 0;
}

static bool in_range(const struct cidr *c, int family, const uint8_t addr[16])
{
	if (c->family != family)
		return false;
	int full = c->bits / 8, rest = c->bits % 8;
	if (memcmp(c->addr, addr, (size_t)full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (c->addr[full] & mask) == (addr[full] & mask);
}

static bool trusted_addr(const struct cidr *list, int n, int family, const uint8_t addr[16])
{
	for (int i = 0; i < n; i++)
		if (in_range(&list[i], family, addr))
			return true;
	return false;
}

bool cidr_match(const struct cidr *list, int n, const char *ip)
{
	int family;
	uint8_t addr[16];
	return ip && parse_ip(ip, strlen(ip), &family, addr) && trusted_addr(list, n, family, addr);
}

static void addr_text(int family, const uint8_t addr[16], char out[64])
{
	if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, out, 64))
		snprintf(out, 64, "?");
}

void client_address(const char *peer, const char *xff, const struct cidr *trusted, int n, char out[64])
{
	int family;
	uint8_t addr[16];
	if (!peer || !parse_ip(peer, strlen(peer), &family, addr)) {
		snprintf(out, 64, "%s", peer && *peer ? "?" : "");
		return;
	}
	/* walk X-Forwarded-For from the right while the hop that wrote the entry is a trusted proxy */
	const char *end = xff ? xff + strlen(xff) : NULL;
	while (end && trusted_addr(trusted, n, family, addr)) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		int f2;
		uint8_t a2[16];
		if (!parse_ip(start, (size_t)(end - start), &f2, a2))
			break;
		family = f2;
		memcpy(addr, a2, 16);
		if (start == xff)
			break;
		end = start - 1;
	}
	addr_text(family, addr, out);
}
