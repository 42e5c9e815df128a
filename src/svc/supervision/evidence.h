/* evidence.h (svc): 检查证据 — photos and PDFs a supervisor attaches to their draft inspection (optionally to
 * one check item), kept in the content-addressed blob store (svc/base/blob.h) and read back only within the
 * inspection's read scope. Rules: docs/DOMAIN.md "检查证据". */
#ifndef JINENG_SVC_SUPERVISION_EVIDENCE_H
#define JINENG_SVC_SUPERVISION_EVIDENCE_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/blob.h"
#include <jansson.h>

#define EVIDENCE_MAX_DEFAULT	(10L << 20) /* 10 MiB */
#define EVIDENCE_MAX_FLOOR	1024L
#define EVIDENCE_MAX_CEIL	(64L << 20)
#define EVIDENCE_PER_INSPECTION 200 /* files one inspection holds at most */

/* evidence_max_bytes: the largest file accepted (default 10 MiB); `jineng serve` sets it from
 * JINENG_EVIDENCE_MAX (1 KiB .. 64 MiB) with evidence_set_max_bytes before it serves (outside the bounds:
 * ignored) */
size_t evidence_max_bytes(void);
void evidence_set_max_bytes(size_t n);
/* evidence_type_allowed: is the (normalised) media type one evidence may have: image/jpeg, image/png,
 * application/pdf */
bool evidence_type_allowed(const char *type);

/* evidence_file_check: what every uploaded evidence file passes, of an inspection or of a rectification: a
 * declared Content-Type that is JPEG, PNG or PDF (415 unsupported_media_type), not empty (422), within
 * evidence_max_bytes (413), content that is the declared type (415 media_mismatch), a clean file name.
 * Fills type with the normalised media type and *fname with the declared name's last part ("" for none). */
int evidence_file_check(const char *content_type, const void *data, size_t size, const char *filename,
			char type[64], const char **fname, err *e);

struct evidence_input {
	int64_t inspection_id;
	int64_t item_id;	  /* 0: the inspection as a whole */
	const char *content_type; /* as declared (the request's Content-Type) */
	const void *data;
	size_t size;
	const char *filename; /* NULL or "": none */
};

/* evidence_add: the caller's own draft inspection gets the file (415 for a type not allowed or content that
 * is not what it is declared as, 413 above the limit, 422 for an empty file or an item of another checklist,
 * 404 outside the caller's inspections, 409 inspection_signed once signed). The same content attached
 * again to the same inspection and item answers the existing record (*created false). Audited. */
json_t *evidence_add(db *d, const principal *a, const struct evidence_input *in, bool *created, err *e);
/* evidence_list_json: {items:[...]} of an inspection the caller may read (404 else) */
json_t *evidence_list_json(db *d, const principal *a, int64_t inspection_id, err *e);
/* evidence_fetch: the content of evidence `id` of inspection `inspection_id` when the caller may read the
 * inspection (404 else); name receives a safe download name ("inspection-7-evidence-3.jpg"). b->data is
 * malloc'd for the caller. */
int evidence_fetch(db *d, const principal *a, int64_t inspection_id, int64_t id, struct blob *b,
		   char name[96], err *e);

#endif
