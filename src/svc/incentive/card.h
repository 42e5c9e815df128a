/* card.h: 山东惠才卡 — honours on the talent record, the card's categories and green-channel services as
 * data, the application through 单位专员 → 用人单位 → 同级人社部门 → 省级窗口 (core/card_flow.h), the signed
 * card (an SM2 payload in a QR, as certificates do), its revocation and public status, service providers with
 * their own keys and the uses they record. Rules: docs/DOMAIN.md "山东惠才卡". */
#ifndef JINENG_SVC_INCENTIVE_CARD_H
#define JINENG_SVC_INCENTIVE_CARD_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

#define CARD_TEXT_MAX 300

/* {categories, services (each with its providers), terms}: public data */
json_t *card_catalogue_json(db *d, err *e);
/* the province adds or changes a category (code [a-z0-9_]{2,32}); *created for a new one */
json_t *card_category_put(db *d, const principal *a, const char *code, const char *name, const char *source,
			  int active, bool *created, err *e);
/* the province names a green-channel service (fills a [GAP] row) with its source */
json_t *card_service_put(db *d, const principal *a, const char *code, const char *name, const char *source,
			 err *e);

/* honours of a person (the talent record): read in the person's scope; imported by the province or the
 * person's city with their source */
struct honour_input {
	const char *kind, *title, *awarded_on, *source;
};
json_t *honours_json(db *d, const principal *a, int64_t person_id, err *e);
json_t *honour_add(db *d, const principal *a, int64_t person_id, const struct honour_input *in, bool *created,
		   err *e);

/* the person (a candidate account) applies in a category their honours qualify for */
json_t *card_apply(db *d, const principal *a, const char *category, err *e);
extern const struct list_spec card_app_list;
json_t *card_app_get_json(db *d, const principal *a, int64_t id, err *e);
/* a step of the flow: to is the target state, reason the note (complete) or the refusal's reason */
int card_app_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

extern const struct list_spec talent_card_list;
/* one card with its QR text and its uses (the holder, the province, the card's city and employer) */
json_t *talent_card_get_json(db *d, const principal *a, const char *number, const char *base_url, err *e);
int talent_card_revoke(db *d, const principal *a, const char *number, const char *reason, err *e);
/* the online status of a card: {number, status, status_zh, revoked_on, issued_on, category_name} */
json_t *talent_card_public_json(db *d, const char *number, err *e);

/* the province registers a provider of services; the reply holds its key, once */
json_t *card_provider_create(db *d, const principal *a, const char *name, const char *region_code,
			     const char *const *services, size_t nservices, err *e);
/* the same with a key of the caller's (the demo's published key; 20 to 43 characters), NULL for a new one */
json_t *card_provider_create_keyed(db *d, const principal *a, const char *name, const char *region_code,
				   const char *const *services, size_t nservices, const char *key, err *e);
/* a provider, by its key, records a service given on a card */
json_t *card_use_record(db *d, const principal *a, const char *key, const char *number, const char *service,
			const char *note, err *e);

/* the province manages providers (issue 22 item 8): the list with services and use counts ({items}), a
 * suspension with its reason or a resumption (active; 409 invalid_state when already so; audited
 * talent_card.provider_suspend / _resume), a new key (the old one stops at once; the reply holds the key,
 * once; stored as SM3; audited with its hint only), and a provider's recorded uses ({provider, items}). A
 * suspended provider's key is refused by card_use_record (403 provider_suspended). */
json_t *card_providers_json(db *d, const principal *a, err *e);
json_t *card_provider_set_active(db *d, const principal *a, int64_t id, bool active, const char *reason,
				 err *e);
json_t *card_provider_rotate_key(db *d, const principal *a, int64_t id, err *e);
json_t *card_provider_uses_json(db *d, const principal *a, int64_t id, err *e);

/* public honours (issue 22 item 7): the holder's consent (persons.public_honours, off by default) that the
 * verification page of their certificates shows their honours. public_honours_set: the holder (a candidate
 * account) only, audited as person.public_honours; answers {items: honours, public_honours}.
 * honours_public_of_person: the honours of a certificate's holder {kind, title, awarded_on} while they
 * consent (an empty list when they do not), NULL with e set on error; the API's verification calls it only
 * for a holder its certificate statement found consenting (cert_public_json). */
json_t *public_honours_set(db *d, const principal *a, bool on, err *e);
json_t *honours_public_of_person(db *d, int64_t person_id, err *e);

/* card_talent_add: the 惠才卡 part of a person's talent record, added to `rec`: "honours" (every honour on
 * record, with its source) and "talent_cards" (the cards the caller may read). The caller
 * has checked that it may read the person. */
int card_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

#endif
