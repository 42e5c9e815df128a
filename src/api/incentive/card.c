/* card.c: 山东惠才卡 — the catalogue (categories, the 29 services, step terms), honours on the talent record,
 * the application and its steps, the card with its QR text and uses, revocation, the public status look-up,
 * providers and the uses they record with their key (X-Provider-Key) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/incentive/handlers.h"
#include "svc/incentive/card.h"

int h_card_catalogue(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? card_catalogue_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_card_category_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *name = jstr(b, "name", &r->e), *source = jstr(b, "source", &r->e);
	int active = jbool(b, "active", 1, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	bool created = false;
	json_t *o =
		d ? card_category_put(d, &r->who, r->params[0], name, source, active, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_card_service_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *name = jstr(b, "name", &r->e), *source = jstr(b, "source", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? card_service_put(d, &r->who, r->params[0], name, source, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_person_honours(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? honours_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_person_honour_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct honour_input in = {
		.kind = jstr(b, "kind", &r->e),
		.title = jstr(b, "title", &r->e),
		.awarded_on = jstr(b, "awarded_on", &r->e),
		.source = jstr(b, "source", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? honour_add(d, &r->who, id, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_card_apply(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *cat = jstr(b, "category_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? card_apply(d, &r->who, cat, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_card_apps_list(req *r)
{
	return api_list_spec(r, &card_app_list);
}

int h_card_app_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? card_app_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {status, reason}: the next step, or refused with a reason */
int h_card_app_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m) != 0 || card_app_move(m.d, &r->who, m.id, m.to, m.reason, &r->e) != 0)
		return -1;
	json_t *o = card_app_get_json(m.d, &r->who, m.id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_talent_cards_list(req *r)
{
	return api_list_spec(r, &talent_card_list);
}

int h_talent_card_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? talent_card_get_json(d, &r->who, r->params[0], server_conf->base_url, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_talent_card_revoke(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || talent_card_revoke(d, &r->who, r->params[0], reason, &r->e) != 0)
		return -1;
	json_t *o = talent_card_get_json(d, &r->who, r->params[0], server_conf->base_url, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* the online half of a provider's check: is the card still valid (revocation) */
int h_public_talent_card(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? talent_card_public_json(d, r->params[0], &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_card_provider_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *name = jstr(b, "name", &r->e), *region = jstr(b, "region_code", &r->e);
	json_t *sv = json_object_get(b, "services");
	if (err_isset(&r->e))
		return -1;
	if (!json_is_array(sv))
		return err_set(&r->e, 422, "invalid_value", "services", "services 应为服务代码的数组",
			       "services is an array of service codes");
	size_t n = json_array_size(sv), k;
	if (n > 29)
		return err_set(&r->e, 422, "invalid_value", "services", "请选择 1 至 29 项服务",
			       "services lists 1 to 29 services");
	const char *codes[29];
	json_t *v;
	json_array_foreach(sv, k, v)
	{
		if (!json_is_string(v))
			return err_set(&r->e, 422, "invalid_value", "services", "services 应为服务代码的数组",
				       "services is an array of service codes");
		codes[k] = json_string_value(v);
	}
	db *d = api_db(r);
	json_t *o = d ? card_provider_create(d, &r->who, name, region, codes, n, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* a provider records a service given: its key in X-Provider-Key (not a session), {number, service_code, note}
 */
int h_card_use_record(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *number = jstr(b, "number", &r->e), *service = jstr(b, "service_code", &r->e),
		   *note = jstr(b, "note", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o =
		d ? card_use_record(d, &r->who, req_header(r, "X-Provider-Key"), number, service, note, &r->e)
		  : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* ---- the province's management of providers ---- */

int h_card_providers(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? card_providers_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {active: false, reason} suspends, {active: true} resumes */
int h_card_provider_status(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *act = json_object_get(b, "active");
	if (!json_is_boolean(act))
		return err_set(&r->e, 422, act ? "invalid_value" : "missing_field", "active",
			       "active 应为布尔值", "active is a boolean");
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? card_provider_set_active(d, &r->who, id, json_is_true(act), reason, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_card_provider_key(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? card_provider_rotate_key(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_card_provider_uses(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? card_provider_uses_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the holder's consent to show their honours on the verification page: {public: bool} */
int h_public_honours_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *on = json_object_get(b, "public");
	if (!json_is_boolean(on))
		return err_set(&r->e, 422, on ? "invalid_value" : "missing_field", "public",
			       "public 应为布尔值", "public is a boolean");
	db *d = api_db(r);
	json_t *o = d ? public_honours_set(d, &r->who, json_is_true(on), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
