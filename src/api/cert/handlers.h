/* handlers.h: the cert domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_CERT_HANDLERS_H
#define JINENG_API_CERT_HANDLERS_H

#include "http/req.h"

int h_certs_credential(req *r);
int h_certs_get(req *r);
int h_certs_issue(req *r);
int h_certs_list(req *r);
int h_certs_pdf(req *r);
int h_certs_reissue(req *r);
int h_certs_revoke(req *r);
int h_public_cert(req *r);
int h_public_keys(req *r);
int h_public_status(req *r);

#endif
