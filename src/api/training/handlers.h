/* handlers.h: the training domain's handlers (routes.c) */
#ifndef JINENG_API_TRAINING_HANDLERS_H
#define JINENG_API_TRAINING_HANDLERS_H

#include "http/req.h"

/* 补贴申领 (claims.c) */
int h_claim_file(req *r);
int h_claim_list(req *r);
int h_claim_get(req *r);
int h_claim_status(req *r);
/* the ledger's accounts (claims.c) */
int h_ledger_accounts(req *r);

#endif
