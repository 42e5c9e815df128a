/* media.h: the media types an upload may declare and how their content is recognised (magic bytes). Pure:
 * no I/O. An upload is accepted only when its declared Content-Type is one the caller allows and the
 * content's first bytes are that type's signature (a PNG declared as JPEG, or an HTML page declared as an
 * image, is refused). */
#ifndef JINENG_CORE_MEDIA_H
#define JINENG_CORE_MEDIA_H

#include <stdbool.h>
#include <stddef.h>

/* media_normalise: the bare lower-case type of a Content-Type header value ("Image/JPEG; q=1" ->
 * "image/jpeg") into out (size n); false when it does not fit or is empty */
bool media_normalise(const char *ctype, char *out, size_t n);
/* media_sniff: the known type whose signature starts the content ("image/jpeg", "image/png",
 * "application/pdf"), or NULL */
const char *media_sniff(const void *data, size_t n);
/* media_ext: the file extension of a known type ("jpg", "png", "pdf"), or "bin" */
const char *media_ext(const char *type);

#endif
