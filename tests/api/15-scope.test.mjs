// The data scope (docs/security/scope.md): the grant table of user creation and the escapes of issue 11 §3
// (a)–(h), each with the legitimate counterpart that must keep working. Every refusal here was a success
// on the code before the one scope mechanism (src/core/scope.c, src/svc/base/scope.c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { api, login, expectError, unique, idNumber } from './lib.mjs';

const TMP = process.env.JINENG_TMP;
const PW = 'Kite-River-2026';
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

async function me(token) {
  const d = (await api('GET', '/api/v1/auth/me', { token })).data;
  return d.user || d;
}
async function newUser(token, body) {
  return api('POST', '/api/v1/users', { token, body: { username: `s${unique()}`, password: PW, ...body } });
}
async function loginAs(username) {
  const r = await api('POST', '/api/v1/auth/login', { body: { username, password: PW } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  return r.data.token;
}

test('grant table: who may create which role', async () => {
  const admin = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const staff = await login('jinan_org_staff'), sup = await login('supervisor1');
  const orgId = (await me(org)).institution_id;
  const refused = [
    [jinan, { role: 'supervisor', region_code: '370100' }],
    [jinan, { role: 'city_admin', region_code: '370100' }],
    [jinan, { role: 'province_admin' }],
    [org, { role: 'institution_admin' }],
    [org, { role: 'supervisor' }],
    [org, { role: 'city_admin', region_code: '370100' }],
  ];
  for (const [t, body] of refused) expectError(await newUser(t, body), 403, 'forbidden');
  // roles without the route are refused before the table
  for (const t of [staff, sup]) assert.equal((await newUser(t, { role: 'examiner' })).status, 403);
  const granted = [
    [admin, { role: 'supervisor', region_code: '370200' }],
    [admin, { role: 'city_admin', region_code: '370300' }],
    [jinan, { role: 'institution_staff', institution_id: orgId }],
    [jinan, { role: 'examiner', institution_id: orgId }],
    [org, { role: 'institution_staff' }],
    [org, { role: 'examiner' }],
  ];
  for (const [t, body] of granted) {
    const r = await newUser(t, body);
    assert.equal(r.status, 201, `${JSON.stringify(body)}: ${JSON.stringify(r.data)}`);
  }
  // an institution administrator names no other institution (it was silently replaced by its own)
  const qdOrgId = (await me(await login('qingdao_org_admin'))).institution_id;
  expectError(await newUser(org, { role: 'examiner', institution_id: qdOrgId }), 403, 'forbidden');
  // a city administrator cannot bind an account to another city's institution
  const qdOrg = (await me(await login('qingdao_org_admin'))).institution_id;
  expectError(await newUser(jinan, { role: 'institution_staff', institution_id: qdOrg }), 403, 'forbidden');
  // nor take over an account it may not grant: the province's supervisor
  const supId = (await me(sup)).id;
  assert.ok([403, 404].includes((await api('PATCH', `/api/v1/users/${supId}`, { token: jinan, body: { password: 'Another-Pass-2026' } })).status));
});

test('(a) a city administrator cannot bind a candidate account to another city\'s person', async () => {
  const jinan = await login('jinan_admin');
  const qdPerson = (await api('GET', '/api/v1/persons?page_size=1', { token: await login('qingdao_admin') })).data.items[0];
  assert.ok(qdPerson.region_code.startsWith('3702'));
  // the old code took the region_code sent as the account's scope and let this through
  expectError(await newUser(jinan, { role: 'candidate', person_id: qdPerson.id, region_code: '370100' }), 403, 'forbidden');
  // its own city's person: allowed, and the account lives in the person's region whatever is sent
  const jnPerson = (await api('GET', '/api/v1/persons?page_size=1', { token: jinan })).data.items[0];
  const ok = await newUser(jinan, { role: 'candidate', person_id: jnPerson.id, region_code: '370200' });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  assert.equal(ok.data.region_code, jnPerson.region_code);
  // an institution administrator: only persons linked to it
  const org = await login('jinan_org_admin');
  expectError(await newUser(org, { role: 'candidate', person_id: qdPerson.id }), 403, 'forbidden');
});

test('(b) supervisors are created by the province, see what they were assigned, and get no answer keys', async () => {
  const admin = await login('admin');
  const qd = await newUser(admin, { role: 'supervisor', region_code: '370200' });
  assert.equal(qd.status, 201, JSON.stringify(qd.data));
  const qdSup = await loginAs(qd.data.username);
  const total = async (t, p) => (await api('GET', p, { token: t })).data.total;
  const all = await total(await login('supervisor1'), '/api/v1/certificates?page_size=1');
  const qdCity = await total(await login('qingdao_admin'), '/api/v1/certificates?page_size=1');
  const mine = await total(qdSup, '/api/v1/certificates?page_size=1');
  assert.ok(qdCity > 0 && qdCity < all, `${qdCity} of ${all}`);
  assert.equal(mine, qdCity, 'a Qingdao supervisor sees Qingdao\'s certificates, not the province\'s');
  assert.equal(await total(qdSup, '/api/v1/results?page_size=1'), await total(await login('qingdao_admin'), '/api/v1/results?page_size=1'));
  // item banks: the editors get the keys, supervisors the items without them
  const items = (await api('GET', '/api/v1/items?page_size=50', { token: await login('supervisor1') })).data.items;
  assert.ok(items.length > 0);
  assert.ok(items.every((i) => !('answer' in i)), 'no answer key for a supervisor');
  const keyed = (await api('GET', '/api/v1/items?page_size=50', { token: admin })).data.items;
  assert.ok(keyed.every((i) => typeof i.answer === 'string' && i.answer.length > 0));
  // an unknown or county region is not an assignment
  expectError(await newUser(admin, { role: 'supervisor', region_code: '370102' }), 422, 'invalid_region');
});

test('(c) linking a known person needs the registered name and tells nothing new', async () => {
  const qdOrg = await login('qingdao_org_admin'), org = await login('jinan_org_admin');
  const idn = idNumber('370203', '19930303', 100 + (unique() % 800));
  const phone = `139${String(unique()).padStart(8, '0').slice(-8)}`;
  const first = await api('POST', '/api/v1/persons', { token: qdOrg, body: { name: '青岛甲', id_number: idn, phone } });
  assert.equal(first.status, 201, JSON.stringify(first.data));
  // the ID number alone is not enough
  expectError(await api('POST', '/api/v1/persons', { token: org, body: { name: '随便写', id_number: idn } }), 422, 'name_mismatch');
  expectError(await api('GET', `/api/v1/persons/${first.data.id}`, { token: org }), 404, 'not_found');
  // with the registered name: linked, and the reply holds no full ID number or phone
  const linked = await api('POST', '/api/v1/persons', { token: org, body: { name: '青岛甲', id_number: idn } });
  assert.equal(linked.status, 200, JSON.stringify(linked.data));
  assert.equal(linked.data.id, first.data.id);
  assert.equal(linked.data.linked_existing, true);
  const text = JSON.stringify(linked.data);
  assert.ok(!text.includes(idn) && !text.includes(phone), text);
  assert.equal(linked.data.phone, undefined);
  assert.equal(linked.data.phone_masked, undefined);
});

test('(c) results only from a plan; the province corrects historical records with a reason', async () => {
  const staff = await login('jinan_org_staff'), admin = await login('admin');
  const who = await me(staff);
  const inst = (await api('GET', `/api/v1/institutions/${who.institution_id}`, { token: staff })).data;
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const person = (await api('GET', '/api/v1/persons?page_size=1', { token: staff })).data.items[0];
  const body = { person_id: person.id, occupation_code: scope.occupation_code, level: scope.levels[0], exam_date: '2026-06-01', theory: 90, practical: 90, review: 90 };
  expectError(await api('POST', '/api/v1/results', { token: staff, body }), 403, 'results_from_plan');
  const noReason = await api('POST', '/api/v1/results', { token: admin, body: { ...body, institution_id: inst.id } });
  assert.equal(noReason.status, 422, JSON.stringify(noReason.data));
  assert.equal(noReason.data.error.field, 'correction_reason');
  const ok = await api('POST', '/api/v1/results', { token: admin, body: { ...body, institution_id: inst.id, correction_reason: '2019年纸质档案补录' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
  // audited as a correction, with its reason
  const audit = (await api('GET', `/api/v1/audit?entity=result&entity_id=${ok.data.id}`, { token: admin })).data;
  const rows = audit.items || audit;
  assert.ok(JSON.stringify(rows).includes('result.correct') && JSON.stringify(rows).includes('2019年纸质档案补录'), JSON.stringify(rows));
  // the institution issues the certificate of the corrected record
  assert.equal((await api('POST', '/api/v1/certificates', { token: staff, body: { result_ids: [ok.data.id] } })).status, 201);
});

test('(d) blueprints are owned: the province-wide one by the province, an institution\'s own by it', async () => {
  const admin = await login('admin'), ent = await login('jinan_ent_admin'), qdOrg = await login('qingdao_org_admin');
  const entId = (await me(ent)).institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${entId}`, { token: ent })).data;
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const occ = scope.occupation_code, level = scope.levels[scope.levels.length - 1];
  const tagP = `prov${unique()}`, tagE = `ent${unique()}`;
  const put = (t, o, cells) => api('PUT', '/api/v1/blueprints', { token: t, body: { occupation_code: o, level, cells } });
  assert.equal((await put(admin, occ, [{ area: tagP, kind: 'single', count: 2 }])).status, 200);
  assert.equal((await put(ent, occ, [{ area: tagE, kind: 'single', count: 3 }])).status, 200);
  const get = async (t) => (await api('GET', `/api/v1/blueprints?occupation_code=${occ}&level=${level}`, { token: t })).data;
  const prov = await get(admin);
  assert.deepEqual(prov.cells.map((c) => c.area), [tagP], 'the institution did not overwrite the province-wide blueprint');
  assert.equal(prov.institution_id, null);
  assert.deepEqual((await get(qdOrg)).cells.map((c) => c.area), [tagP]);
  const own = await get(ent);
  assert.deepEqual(own.cells.map((c) => c.area), [tagE]);
  assert.equal(own.institution_id, entId);
  // an occupation the institution is not filed for
  const other = (await api('GET', '/api/v1/occupations?page_size=500')).data.items.find((o) => o.kind === 'occupation' && o.levels.includes(level) && !inst.scopes.some((x) => x.occupation_code === o.code));
  expectError(await put(ent, other.code, [{ area: tagE, kind: 'single', count: 1 }]), 403, 'outside_filed_scope');
});

test('(e) an objection names a result of its own plan only', async () => {
  const org = await login('jinan_org_admin'), city = await login('jinan_admin');
  const inst = (await api('GET', `/api/v1/institutions/${(await me(org)).institution_id}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `异议范围 ${unique()}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 10, subjects: ['theory', 'practical'], publicity_days: 5 } }));
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  const move = async (t, status) => assert.equal((await api('POST', `/api/v1/plans/${plan.data.id}/status`, { token: t, body: { status } })).status, 200, status);
  await move(org, 'filed');
  await move(city, 'open');
  await move(org, 'examining');
  await move(org, 'scoring');
  await move(org, 'publicity');
  // a result of another institution's candidate, not of this plan
  const foreign = (await api('GET', '/api/v1/results?page_size=1', { token: await login('qingdao_org_admin') })).data.items[0];
  expectError(await api('POST', `/api/v1/plans/${plan.data.id}/objections`, { body: { result_id: foreign.id, text: '成绩有误', contact: '匿名' } }), 422, 'unknown_result');
  const plain = await api('POST', `/api/v1/plans/${plan.data.id}/objections`, { body: { text: '对公示名单有疑问', contact: '匿名' } });
  assert.equal(plain.status, 201, JSON.stringify(plain.data));
  const list = (await api('GET', `/api/v1/plans/${plan.data.id}/objections`, { token: org })).data.items;
  assert.ok(!JSON.stringify(list).includes(foreign.name));
});

test('(f) a certificate PDF masks the ID number for whoever the JSON masks it for', async () => {
  const org = await login('jinan_org_admin'), sup = await login('supervisor1');
  const cert = (await api('GET', '/api/v1/certificates?page_size=1&status=valid', { token: org })).data.items[0];
  const full = (await api('GET', `/api/v1/persons/${cert.person_id}`, { token: org })).data.id_number;
  assert.match(full, /^\d{17}[\dX]$/);
  const text = async (t, who) => {
    const pdf = await api('GET', `/api/v1/certificates/${cert.number}/pdf`, { token: t });
    assert.equal(pdf.status, 200);
    const file = path.join(TMP, `scope-${who}-${cert.number}.pdf`);
    fs.writeFileSync(file, pdf.data);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };
  assert.ok((await text(org, 'org')).includes(full), 'the issuer prints the full number');
  const supText = await text(sup, 'sup');
  assert.ok(!supText.includes(full), 'the supervisor\'s PDF must not hold the full ID number');
  assert.ok(supText.includes(cert.id_number_masked), 'it holds the masked one, as the JSON does');
});

test('(g) an institution administrator declares 回避 for its own examiners only', async () => {
  const org = await login('jinan_org_admin'), qdOrg = await login('qingdao_org_admin');
  const qdExaminer = await newUser(qdOrg, { role: 'examiner' });
  assert.equal(qdExaminer.status, 201, JSON.stringify(qdExaminer.data));
  const person = (await api('GET', '/api/v1/persons?page_size=1', { token: org })).data.items[0];
  const body = { person_id: person.id, reason: '亲属关系' };
  expectError(await api('POST', `/api/v1/users/${qdExaminer.data.id}/avoidances`, { token: org, body }), 404, 'not_found');
  const mine = await newUser(org, { role: 'examiner' });
  assert.equal((await api('POST', `/api/v1/users/${mine.data.id}/avoidances`, { token: org, body })).status, 200);
  // a staff account is not an examiner
  const staffId = (await me(await login('jinan_org_staff'))).id;
  expectError(await api('POST', `/api/v1/users/${staffId}/avoidances`, { token: org, body }), 422, 'not_examiner');
});

test('(h) an examiner voids or extends only attempts in the sittings they invigilate', async () => {
  const org = await login('jinan_org_admin');
  const cand = await login('candidate1');
  // the demo's own attempt, the oldest in progress (API 13 admits candidate1 to a sitting of its own before this)
  const found = (await api('GET', '/api/v1/attempts', { token: cand })).data.items
    .filter((a) => a.status === 'admitted' || a.status === 'started').sort((a, b) => a.attempt_id - b.attempt_id)[0];
  const attempt = found && { id: found.attempt_id };
  assert.ok(attempt, 'the demo candidate has an attempt in progress');
  // an examiner of the same institution who does not invigilate that sitting does not see its attempts
  // (core/scope.c SE_ATTEMPT: read and write where it invigilates)
  const other = await newUser(org, { role: 'examiner' });
  const ex = await loginAs(other.data.username);
  // (its reach over attempts is the sittings it invigilates, so the attempt is not even visible: 404)
  expectError(await api('POST', `/api/v1/attempts/${attempt.id}/invigilate`, { token: ex, body: { action: 'void', reason: '越权作废' } }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/attempts/${attempt.id}/invigilate`, { token: ex, body: { action: 'extra_time', minutes: 30, reason: '越权延时' } }), 404, 'not_found');
  // another institution's examiner does not even see it
  const qdEx = await newUser(await login('qingdao_org_admin'), { role: 'examiner' });
  expectError(await api('POST', `/api/v1/attempts/${attempt.id}/invigilate`, { token: await loginAs(qdEx.data.username), body: { action: 'void', reason: 'x' } }), 404, 'not_found');
  // examiner1 invigilates the demo sitting and may act there
  const r = await api('POST', `/api/v1/attempts/${attempt.id}/invigilate`, { token: await login('examiner1'), body: { action: 'extra_time', minutes: 1, reason: '设备故障补时' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
});
