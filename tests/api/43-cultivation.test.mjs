// 培养体系 (issue 23 items 1, 2, 5): 济南 registers a new technical school as a 技师学院 (a social organisation is
// refused; 青岛 cannot reach it); the school reports a campus and a year's figures; it files a major, the city
// returns it, it resubmits and 济南 records it; it files a change (a new version, the first stays in force until
// recorded) and a withdrawal; the schools' CSV import registers another school and rejects a bad row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, creditCode, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const V = '/api/v1/cultivation';

async function newSchool(prov, n, tag, region = '370100') {
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `培养测试技师学院${tag}${n}`, credit_code: creditCode(`12${region}MB${String((n * 7 + tag.length) % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: region, address: '济南市' } }), 201);
  return inst;
}

test('技工院校: register, campuses, yearly figures, majors filed, changed and withdrawn, CSV import', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const orgA = await login('jinan_org_admin');
  const n = unique() + (Date.now() % 100000) * 10;
  const inst = await newSchool(prov, n, '甲');
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `cult${n}s`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const S = await login(`cult${n}s`, PASSWORD);

  // the register: a technical school only, in the city's own region
  const meA = ok(await api('GET', '/api/v1/auth/me', { token: orgA }));
  expectError(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: (meA.user || meA).institution_id, tier: 'school' } }), 409, 'not_a_technical_school');
  expectError(await api('POST', `${V}/schools`, { token: qingdao, body: { institution_id: inst.id, tier: 'school' } }), 404, 'not_found');
  expectError(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'university' } }), 422, 'invalid_value');
  expectError(await api('POST', `${V}/majors`, { token: S, body: { code: '0101', name: '数控加工', level: 'senior', years: 3 } }), 409, 'not_a_school');
  const sch = ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'technician_college', founded_year: 1985 } }), 201);
  assert.deepEqual([sch.tier_zh, sch.founded_year, sch.majors_filed], ['技师学院', 1985, 0]);
  ok(await api('POST', `${V}/schools/${inst.id}/campuses`, { token: S, body: { name: '主校区', address: '济南市历城区', main: true } }), 201);
  const yr = ok(await api('PUT', `${V}/schools/${inst.id}/years/2301`, { token: S, body: { enrolled: 1200, graduates: 1100, students: 3600 } }));
  assert.deepEqual(yr.years.map((y) => [y.year, y.enrolled, y.graduates, y.students]), [[2301, 1200, 1100, 3600]]);
  assert.equal(yr.campus_list[0].main, true);
  expectError(await api('GET', `${V}/schools/${inst.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('PUT', `${V}/schools/${inst.id}/years/2301`, { token: orgA, body: { enrolled: 1, graduates: 1, students: 1 } }), 404, 'not_found');

  // a major: draft → submitted → returned (reason) → submitted → filed (version 1 in force)
  const m = ok(await api('POST', `${V}/majors`, { token: S, body: { code: `06${n % 100}`, name: '数控加工（数控车工）', level: 'senior', years: 3, ythh_stage: 2 } }), 201);
  assert.deepEqual([m.status, m.version, m.filed_version, m.moves.map((x) => x.to)], ['draft', 1, 0, ['submitted']]);
  const move = (tok, status, extra = {}) => api('POST', `${V}/majors/${m.id}/status`, { token: tok, body: { status, ...extra } });
  expectError(await move(S, 'filed'), 409, 'invalid_transition');
  ok(await move(S, 'submitted'));
  expectError(await move(S, 'filed'), 403, 'forbidden');
  expectError(await move(jinan, 'returned'), 422, 'missing_field');
  expectError(await move(qingdao, 'filed'), 404, 'not_found');
  ok(await move(jinan, 'returned', { reason: '缺少师资与实训条件说明' }));
  ok(await move(S, 'submitted', { content: { name: '数控加工', level: 'senior', years: 3, ythh_stage: 2 } }));
  const filed = ok(await move(jinan, 'filed'));
  assert.deepEqual([filed.status, filed.version, filed.filed_version, filed.name, filed.filed_on.length], ['filed', 2, 2, '数控加工', 10]);
  assert.deepEqual(filed.versions.map((v) => [v.version, v.kind, v.outcome]), [[2, 'filing', 'filed'], [1, 'filing', 'returned']]);

  // a change: a new version pending, the filed content still in force; recorded, it is the major's
  expectError(await move(S, 'submitted', { reason: '扩大招生' }), 422, 'missing_field');
  ok(await move(S, 'submitted', { reason: '学制调整', content: { name: '数控加工', level: 'preparatory', years: 5, ythh_stage: 3 } }));
  let cur = ok(await api('GET', `${V}/majors/${m.id}`, { token: jinan }));
  assert.deepEqual([cur.status, cur.level, cur.filed_version, cur.version], ['submitted', 'senior', 2, 3]);
  cur = ok(await move(prov, 'filed'));
  assert.deepEqual([cur.level, cur.years, cur.ythh_stage, cur.filed_version], ['preparatory', 5, 3, 3]);
  // withdrawal: asked with a reason, recorded by the bureau
  expectError(await move(S, 'withdrawing'), 422, 'missing_field');
  ok(await move(S, 'withdrawing', { reason: '停止招生' }));
  cur = ok(await move(jinan, 'withdrawn'));
  assert.deepEqual([cur.status, cur.versions[0].kind, cur.versions[0].outcome], ['withdrawn', 'withdrawal', 'filed']);
  expectError(await move(S, 'submitted', { reason: 'x', content: { name: 'x', level: 'senior', years: 3 } }), 409, 'invalid_transition');
  const list = ok(await api('GET', `${V}/majors?school_id=${inst.id}`, { token: S }));
  assert.deepEqual(list.items.map((x) => x.id), [m.id]);
  assert.equal(ok(await api('GET', `${V}/majors?school_id=${inst.id}`, { token: qingdao })).total, 0);

  // the import: one school registered, one row rejected (a social organisation)
  const inst2 = await newSchool(prov, n, '乙乙');
  const csv = `统一社会信用代码,层次,建校年份\n${inst2.credit_code},高级技工学校,1990\n${(await (await api('GET', `/api/v1/institutions/${(meA.user || meA).institution_id}`, { token: prov })).data).credit_code},技工学校,\n`;
  const rep = ok(await api('POST', `${V}/schools/import`, { token: jinan, raw: csv, headers: { 'Content-Type': 'text/csv' } }));
  assert.deepEqual([rep.rows, rep.registered, rep.rejected, rep.errors[0].code], [2, 1, 1, 'not_a_technical_school']);
  const two = ok(await api('GET', `${V}/schools/${inst2.id}`, { token: jinan }));
  assert.equal(two.tier_zh, '高级技工学校');
});
