/* range.h: one byte range of an HTTP Range header (RFC 9110 §14.1.2), pure. Only `bytes=` with a single
 * range is honoured (a list of ranges is answered with the whole content, which the RFC allows). */
#ifndef JINENG_UTIL_RANGE_H
#define JINENG_UTIL_RANGE_H

#include <stdint.h>

enum range_rc {
	RANGE_NONE, /* no header, another unit, several ranges or a malformed one: the whole content */
	RANGE_OK,   /* [first, last] within the content */
	RANGE_UNSATISFIABLE, /* a well-formed range that starts beyond the content: 416 */
};
/* range_parse: the range `h` asks of a content of `size` bytes: "bytes=a-b", "bytes=a-" or "bytes=-n"
 * (the last n bytes); last is clamped to size - 1 */
enum range_rc range_parse(const char *h, int64_t size, int64_t *first, int64_t *last);

#endif
