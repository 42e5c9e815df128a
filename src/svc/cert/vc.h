/* vc.h: certificates as Open Badges 3.0 credentials — W3C Verifiable Credentials secured as VC-JWT with
 * EdDSA (Ed25519, libsodium) — and the W3C Bitstring Status Lists their credentialStatus points at. */
#ifndef JINENG_VC_H
#define JINENG_VC_H

#include "svc/base/svc.h"

/* the compact JWS of one certificate's credential (malloc'd); scoped like cert_get_json */
char *vc_certificate_jwt(db *d, const principal *a, const char *number, const char *base_url, err *e);
/* the status list credential number `list` as a compact JWS signed by the platform key (malloc'd) */
char *vc_status_list_jwt(db *d, int64_t list, const char *base_url, err *e);

#endif
