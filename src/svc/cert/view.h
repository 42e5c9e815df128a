/* view.h: the JSON shape of a certificate, built by cert_view from a row of CERT_VIEW_COLS CERT_FROM; the
 * list, a single read, the talent record, exports and the CLI show it the same way */
#ifndef JINENG_CERT_VIEW_H
#define JINENG_CERT_VIEW_H

#include "store/db.h"
#include <jansson.h>

#define CERT_VIEW_COLS                                                                                       \
	"c.number, c.kind, c.status, c.person_id, c.name, c.id_type, c.id_masked, c.institution_id, "        \
	"c.issuer, c.occupation_code, c.occupation, c.work_type, c.level, c.issued_on, c.revoked_reason, "   \
	"c.revoked_on, (SELECT o2.number FROM certificates o2 WHERE o2.id = c.reissue_of), "                 \
	"(SELECT n2.number FROM certificates n2 WHERE n2.reissue_of = c.id), c.basis"
#define CERT_FROM " FROM certificates c JOIN institutions i ON i.id = c.institution_id"

json_t *cert_view(db_stmt *st);

#endif
