// 山东惠才卡 (issue 22 item 4): a 齐鲁工匠 whose honour was imported onto the talent record applies; the
// application goes 单位专员 → 用人单位 → 同级人社 (济南) → 省级窗口, each step with its deadline on the working-day
// calendar, and is refused once at each step with a reason (the person applies again after each refusal);
// the issued card's QR text is checked offline with plain openssl against the province's public key (a changed
// payload fails); a hospital records a use with its own key, another provider's key (not registered for the
// service), a wrong key and no key are refused; the holder sees the use; the revoked card answers revoked on
// the public status and takes no more uses. The catalogue holds the 4 seeded categories and 29 services.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, login, expectError, creditCode, idNumber, unique, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const b64url = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
const dayAfter = (ymd) => new Date(Date.parse(`${ymd}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10);

test('惠才卡: the flow with a refusal at each step, an offline check, provider keys, revocation', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const n = unique(), tag = `${Date.now() % 100000}${n}`;

  // the catalogue: seeded categories with their source, 29 services (named ones sourced, the rest [GAP])
  const cat = ok(await api('GET', '/api/v1/talent-card/catalogue'));
  assert.deepEqual(cat.categories.slice(0, 4).map((c) => c.name), ['齐鲁技能大奖获得者', '大国工匠', '齐鲁（大）工匠', '山东省技术技能大师']);
  assert.ok(cat.categories.slice(0, 4).every((c) => c.source.includes('003 §18')));
  assert.equal(cat.services.length, 29);
  assert.ok(cat.services.every((s) => (s.gap ? s.name === '' && s.source.startsWith('[GAP]') : s.name && s.source)));
  assert.equal(cat.terms.length, 4);

  // an employer in 济南 with its administrator and its 单位专员; another employer of 济南 with its staff
  const mkInst = async (k) => ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `惠才卡测试企业${tag}${k}`, credit_code: creditCode(`91370102M${String((n * 7919 + k * 131 + Date.now()) % 1000000).padStart(6, '0')}7${k}`), type: 'employer', region_code: '370102' } }), 201).id;
  const E = await mkInst(1), E2 = await mkInst(2);
  const mkUser = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `hc${tag}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return login(u.username, PASSWORD);
  };
  const admin = await mkUser({ role: 'institution_admin', institution_id: E });
  const officer = await mkUser({ role: 'institution_staff', institution_id: E });
  const otherStaff = await mkUser({ role: 'institution_staff', institution_id: E2 });
  const person = async (seq, employer) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `惠才卡人${tag}${seq}`, id_number: idNumber('370102', '19790412', 101 + ((n * 6 + seq) % 440) * 2), employer_id: employer } }), 201).id;
  const P = await person(0, E), Q = await person(1, E2);
  const holder = await mkUser({ role: 'candidate', person_id: P });
  const other = await mkUser({ role: 'candidate', person_id: Q });

  // without an honour of the category: not eligible; the bureau imports it with its source (the city of
  // another region may not)
  const apply = (token, body = { category_code: 'qilu_craftsman' }) => api('POST', '/api/v1/talent-card/applications', { token, body });
  expectError(await apply(holder), 422, 'not_eligible');
  const honour = { kind: 'qilu_craftsman', title: '2024 年齐鲁工匠', awarded_on: '2024-04-28', source: '山东省总工会 2024 年齐鲁工匠名单' };
  expectError(await api('POST', `/api/v1/persons/${P}/honours`, { token: qingdao, body: honour }), 404, 'not_found');
  expectError(await api('POST', `/api/v1/persons/${P}/honours`, { token: admin, body: honour }), 403, 'forbidden');
  const h = ok(await api('POST', `/api/v1/persons/${P}/honours`, { token: jinan, body: honour }), 201);
  assert.equal(h.source, honour.source);
  assert.equal(ok(await api('POST', `/api/v1/persons/${P}/honours`, { token: prov, body: honour })).id, h.id, 'imported again: it stands');
  assert.deepEqual(ok(await api('GET', `/api/v1/persons/${P}/honours`, { token: holder })).items.map((x) => x.title), ['2024 年齐鲁工匠']);
  expectError(await api('GET', `/api/v1/persons/${P}/honours`, { token: other }), 404, 'not_found');
  expectError(await apply(holder, { category_code: 'great_craftsman' }), 422, 'not_eligible');
  expectError(await apply(officer), 403, 'forbidden');

  const move = (token, id, status, reason) => api('POST', `/api/v1/talent-card/applications/${id}/status`, { token, body: reason ? { status, reason } : { status } });
  const steps = [
    ['completed', officer, '单位专员'],
    ['approved', admin, '用人单位'],
    ['reviewed', jinan, '同级人社部门'],
    ['issued', prov, '省级窗口'],
  ];
  // a refusal at each step: the step's actor refuses with a reason (none: 422), the person applies again
  for (let k = 0; k < steps.length; k++) {
    const app = ok(await apply(holder), 201);
    assert.equal(app.status, 'applied');
    assert.equal(app.employer_id, E);
    assert.equal(app.region_code, '370102');
    const cal = ok(await api('GET', `/api/v1/calendar/workdays?from=${dayAfter(app.step_since)}&days=${cat.terms[0].days}`));
    assert.equal(app.due_on, cal.end, 'the first step is due after its working days on the calendar');
    expectError(await apply(holder), 409, 'application_open');
    for (let j = 0; j < k; j++) {
      const [to, token] = steps[j];
      const a = ok(await move(token, app.id, to));
      assert.equal(a.status, to);
    }
    const [, actor, who] = steps[k];
    // outsiders first: another employer's staff and another city are out of scope, the person cannot act
    expectError(await move(otherStaff, app.id, 'refused', '无关单位'), 404, 'not_found');
    expectError(await move(qingdao, app.id, 'refused', '外市'), 404, 'not_found');
    expectError(await move(holder, app.id, 'refused', '本人'), 403, 'forbidden');
    expectError(await move(actor, app.id, 'refused'), 422, 'missing_field');
    const refused = ok(await move(actor, app.id, 'refused', `${who}：材料不全`));
    assert.equal(refused.status, 'refused');
    assert.equal(refused.refused_reason, `${who}：材料不全`);
    assert.equal(refused.records.at(-1).to, 'refused');
    expectError(await move(actor, app.id, steps[k][0]), 409, 'invalid_transition');
  }

  // the whole way: each step only by its actor (the employer's staff cannot approve for the employer)
  const app = ok(await apply(holder), 201);
  ok(await move(officer, app.id, 'completed', '已核实荣誉与在职情况'));
  expectError(await move(officer, app.id, 'approved'), 403, 'forbidden');
  ok(await move(admin, app.id, 'approved'));
  expectError(await move(admin, app.id, 'reviewed'), 403, 'forbidden');
  ok(await move(jinan, app.id, 'reviewed'));
  expectError(await move(jinan, app.id, 'issued'), 403, 'forbidden');
  const done = ok(await move(prov, app.id, 'issued'));
  assert.equal(done.status, 'issued');
  assert.match(done.card_number, /^SDHC\d{10}$/);
  assert.equal(done.officer_note, '已核实荣誉与在职情况');
  assert.deepEqual(done.records.map((r) => r.to), ['applied', 'completed', 'approved', 'reviewed', 'issued']);
  assert.ok(done.records.slice(1).every((r) => r.due_on && r.overdue === false), 'each step ended within its deadline');
  const mine = ok(await api('GET', '/api/v1/talent-card/applications', { token: holder }));
  assert.equal(mine.items.length, 5);
  assert.equal(ok(await api('GET', '/api/v1/talent-card/applications', { token: otherStaff })).items.filter((x) => x.person_id === P).length, 0);

  // the card: the holder reads it with its QR text; another candidate and the other employer cannot
  const number = done.card_number;
  const card = ok(await api('GET', `/api/v1/talent-cards/${number}`, { token: holder }));
  assert.equal(card.status, 'valid');
  assert.equal(card.category_name, '齐鲁（大）工匠');
  expectError(await api('GET', `/api/v1/talent-cards/${number}`, { token: other }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/talent-cards/${number}`, { token: qingdao }), 404, 'not_found');
  expectError(await apply(holder), 409, 'card_held');

  // offline: the QR text's payload verified by openssl with the province's public key, not by the server
  const url = new URL(card.qr_text);
  assert.equal(url.pathname, `/k/${number}`);
  const payload = b64url(url.searchParams.get('d')), sig = b64url(url.searchParams.get('s'));
  const claims = JSON.parse(payload.toString('utf8'));
  assert.equal(claims.number, number);
  assert.equal(claims.name, `惠才卡人${tag}0`);
  assert.ok(!claims.id_masked.includes('19790412'), 'the ID number is masked');
  const keys = ok(await api('GET', '/api/v1/public/keys')).keys;
  const key = keys.find((k) => k.kid === claims.kid && k.alg === 'SM2');
  assert.ok(key, 'the signing key is public');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-'));
  fs.writeFileSync(path.join(dir, 'pub.pem'), key.public_key);
  fs.writeFileSync(path.join(dir, 'sig'), sig);
  const verify = (bytes) => {
    fs.writeFileSync(path.join(dir, 'payload'), bytes);
    return spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-in', path.join(dir, 'payload'), '-sigfile', path.join(dir, 'sig')]).status;
  };
  assert.equal(verify(payload), 0, 'the signature is genuine');
  assert.notEqual(verify(Buffer.from(payload.toString('utf8').replace(claims.name, '冒名者'))), 0, 'a changed payload fails');
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(ok(await api('GET', `/api/v1/public/talent-cards/${number}`)).status, 'valid');

  // providers: a hospital (医疗保健) and a school (子女入学), each with its own key shown once
  const hospital = ok(await api('POST', '/api/v1/talent-card/providers', { token: prov, body: { name: `惠才卡测试医院${tag}`, region_code: '370102', services: ['s05'] } }), 201);
  const school = ok(await api('POST', '/api/v1/talent-card/providers', { token: prov, body: { name: `惠才卡测试学校${tag}`, region_code: '370102', services: ['s04'] } }), 201);
  assert.ok(hospital.key && hospital.key !== school.key);
  expectError(await api('POST', '/api/v1/talent-card/providers', { token: jinan, body: { name: 'x', region_code: '370102', services: ['s05'] } }), 403, 'forbidden');
  const use = (k, body = { number, service_code: 's05', note: '专家门诊绿色通道' }) => api('POST', '/api/v1/public/talent-card/uses', { body, headers: k ? { 'X-Provider-Key': k } : {} });
  const u = ok(await use(hospital.key), 201);
  assert.equal(u.provider_name, `惠才卡测试医院${tag}`);
  assert.equal(u.service_code, 's05');
  expectError(await use(school.key), 403, 'service_not_provided');
  expectError(await use(undefined), 401, 'provider_key_required');
  expectError(await use('x'.repeat(43)), 401, 'provider_key_invalid');
  expectError(await use(hospital.key, { number: 'SDHC2000999999', service_code: 's05' }), 404, 'not_found');
  const seen = ok(await api('GET', `/api/v1/talent-cards/${number}`, { token: holder }));
  assert.deepEqual(seen.uses.map((x) => [x.provider_name, x.service_name]), [[`惠才卡测试医院${tag}`, '医疗保健']]);

  // revoked: the public status says so and no use is recorded any more
  expectError(await api('POST', `/api/v1/talent-cards/${number}/revoke`, { token: prov, body: {} }), 422, 'missing_field');
  expectError(await api('POST', `/api/v1/talent-cards/${number}/revoke`, { token: jinan, body: { reason: '市级' } }), 403, 'forbidden');
  const rv = ok(await api('POST', `/api/v1/talent-cards/${number}/revoke`, { token: prov, body: { reason: '荣誉被撤销' } }));
  assert.equal(rv.status, 'revoked');
  const st = ok(await api('GET', `/api/v1/public/talent-cards/${number}`));
  assert.equal(st.status, 'revoked');
  assert.ok(!JSON.stringify(st).includes(`惠才卡人${tag}`), 'the public status names nobody');
  expectError(await use(hospital.key), 409, 'card_revoked');
  expectError(await api('POST', `/api/v1/talent-cards/${number}/revoke`, { token: prov, body: { reason: '再次' } }), 409, 'card_revoked');

  // the province fills a [GAP] service and adds a category; others may not
  const gap = cat.services.find((s) => s.gap);
  expectError(await api('PUT', `/api/v1/talent-card/services/${gap.code}`, { token: jinan, body: { name: '人才公寓', source: 'x' } }), 403, 'forbidden');
  const filled = ok(await api('PUT', `/api/v1/talent-card/services/${gap.code}`, { token: prov, body: { name: `测试服务${tag}`, source: '省级窗口公布的服务清单（测试）' } }));
  assert.equal(filled.gap, false);
  ok(await api('PUT', `/api/v1/talent-card/services/${gap.code}`, { token: prov, body: { name: '', source: '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写' } }), 422);
  const c1 = ok(await api('PUT', `/api/v1/talent-card/categories/t${tag}`, { token: prov, body: { name: '齐鲁首席技师', source: '测试：省级窗口确认的高技能人才类别', active: false } }), 201);
  assert.equal(c1.active, false);
  expectError(await apply(other, { category_code: `t${tag}` }), 422, 'invalid_value');
});
