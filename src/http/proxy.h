/* proxy.h: the client address behind trusted reverse proxies. X-Forwarded-For is believed only when the
 * peer is a trusted proxy (jineng serve --trusted-proxy CIDR, repeatable); then the client is the right-most
 * address of the header that is not itself a trusted proxy (each proxy appends the address it saw, so only
 * the entries added by our own proxies are facts; anything left of them was written by the client). With no
 * trusted proxy, or from any other peer, the header is ignored. Pure functions (tests/unit/test_auth.c). */
#ifndef JINENG_PROXY_H
#define JINENG_PROXY_H

#include "util/common.h"

struct cidr {
	int family; /* 4 or 6 */
	uint8_t addr[16];
	int bits;
};

/* "10.0.0.0/8", "192.0.2.7" (/32), "::1", "fd00::/8"; 0, or -1 when invalid */
int cidr_parse(const char *s, struct cidr *out);
/* is the address text (IPv4, IPv6, IPv4-mapped IPv6) inside one of the n ranges? */
bool cidr_match(const struct cidr *list, int n, const char *ip);
/* client_address: writes the client's address (normalised text) to out (64 bytes). xff is the
 * comma-separated X-Forwarded-For (several headers joined with ","), or NULL. An entry that is not an
 * address (also "1.2.3.4:port" and "[v6]:port" are understood) stops the walk at the last good one. */
void client_address(const char *peer, const char *xff, const struct cidr *trusted, int n, char out[64]);

#endif
