/* view.c: a certificate as JSON (view.h) */
#include "util/common.h"
#include "svc/cert/view.h"
#include "core/certno.h"

static json_t *str_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_string(db_text(st, i));
}

json_t *cert_view(db_stmt *st)
{
	int level = (int)db_int(st, 12);
	return json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:s}",
			 "number", db_text(st, 0), "kind", db_text(st, 1), "status", db_text(st, 2),
			 "person_id", (json_int_t)db_int(st, 3), "name", db_text(st, 4), "id_type",
			 db_text(st, 5), "id_number_masked", db_text(st, 6), "institution_id",
			 (json_int_t)db_int(st, 7), "issuer", db_text(st, 8), "occupation_code",
			 db_text(st, 9), "occupation", db_text(st, 10), "work_type", db_text(st, 11), "level",
			 level ? json_integer(level) : json_string("special"), "level_name",
			 level_name_zh(level), "issued_on", db_text(st, 13), "revoked_reason",
			 str_or_null(st, 14), "revoked_on", str_or_null(st, 15), "reissue_of",
			 str_or_null(st, 16), "reissued_as", str_or_null(st, 17), "basis", db_text(st, 18));
}
