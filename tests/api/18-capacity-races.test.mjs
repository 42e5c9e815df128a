// 订单班计划人数 under concurrent requests: a school adding two lists of students at once to a class with two
// places left takes one list and refuses the other (409 over_planned); the class never holds more than its
// planned size. The count was made before the transaction, so on PostgreSQL both lists counted the same free
// places and both went in (the gate of lib.mjs holds the inserts back until both have counted: every run).
// 首席技师 pay never below 特级技师 pay (an enterprise's posts): a 特级技师 post and a lower-paid 首席技师 post
// defined at once make one post, the other refused 422 (chief_below_special or special_above_chief, whichever
// came second); on PostgreSQL both were made.
// 平台载体申报通知, one a year: two calls of one year made at once make one, the other 409 call_exists (a unique
// index since migration 070; on PostgreSQL both were made).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, creditCode, idNumber, gate, PASSWORD } from './lib.mjs';

const cnToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const V = '/api/v1/cultivation';

test('订单班: two lists of students at once for the last places, one taken, the class at its planned size', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), ent = await login('jinan_ent_admin');
  const entId = (await (async () => { const m = ok(await api('GET', '/api/v1/auth/me', { token: ent })); return m.user || m; })()).institution_id;
  const n = unique() + (Date.now() % 100000) * 10 + 7;
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `并发测试技师学院${n}`, credit_code: creditCode(`12370100MC${String((n * 13) % 10000000).padStart(7, '0')}`), type: 'technical_school', region_code: '370100', address: '济南市' } }), 201);
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `race${n}o`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const S = await login(`race${n}o`, PASSWORD);
  ok(await api('POST', `${V}/schools`, { token: jinan, body: { institution_id: inst.id, tier: 'senior_school' } }), 201);
  const m = ok(await api('POST', `${V}/majors`, { token: S, body: { code: `06${n % 100}`, name: '机电一体化', level: 'senior', years: 3 } }), 201);
  ok(await api('POST', `${V}/majors/${m.id}/status`, { token: S, body: { status: 'submitted' } }));
  ok(await api('POST', `${V}/majors/${m.id}/status`, { token: jinan, body: { status: 'filed' } }));
  const oc = ok(await api('POST', `${V}/order-classes`, { token: S, body: { enterprise_id: entId, major_id: m.id, kind: 'order', name: `并发订单班${n}`, cohort_year: 2301, graduation_year: 2304, planned: 3 } }), 201);
  const person = async (k) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `并发学生${k}`, id_number: idNumber('370102', '20050506', 101 + ((n * 5 + k) % 440) * 2) } }), 201).id;
  const p = [];
  for (let k = 0; k < 5; k++) p.push(await person(k));
  ok(await api('POST', `${V}/order-classes/${oc.id}/students`, { token: S, body: { person_ids: [p[0]] } }));

  const g = await gate('LOCK TABLE cult_order_students IN SHARE MODE');
  const both = await Promise.all([[p[1], p[2]], [p[3], p[4]]].map((ids) => api('POST', `${V}/order-classes/${oc.id}/students`, { token: S, body: { person_ids: ids } })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.data)));
  expectError(both.find((r) => r.status === 409), 409, 'over_planned');
  assert.equal(ok(await api('GET', `${V}/order-classes/${oc.id}`, { token: S })).students, 3);
});

test('首席技师 / 特级技师 pay: two posts defined at once are checked against each other', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const n = unique() + 17;
  const x = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `并发评聘测试公司${n}`, credit_code: creditCode(`91370100MB${String((n * 3) % 10000000).padStart(7, '0')}`), type: 'employer', region_code: '370100', address: '济南市历下区' } }), 201);
  ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pr${n}x`, password: PASSWORD, role: 'institution_admin', institution_id: x.id } }), 201);
  const X = await login(`pr${n}x`, PASSWORD);
  ok(await api('POST', '/api/v1/posts/trials', { token: jinan, body: { institution_id: x.id, doc_no: `济人社字〔2026〕${n}号`, decided_on: cnToday(), scope: '特级技师、首席技师岗位评聘试点' } }), 201);
  const special = { rung: 'special', name: '特级技师（焊接）', seats: 1, term_months: 36, min_rung: 'level1', conditions: [{ text: '在聘高级技师', source: '[GAP] 试点方案' }], reference_post: '正高级工程师', reference_pay_fen: 2000000, monthly_pay_fen: 2400000, monthly_allowance_fen: 0, one_off_fen: 0, benefits: '' };
  const chief = { ...special, rung: 'chief', name: '首席技师', min_rung: 'special', reference_post: '副总经理', reference_pay_fen: 1800000, monthly_pay_fen: 2100000 };
  const g = await gate('LOCK TABLE post_defs IN SHARE MODE');
  const both = await Promise.all([special, chief].map((body) => api('POST', '/api/v1/posts', { token: X, body })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 422], JSON.stringify(both.map((r) => r.data)));
  // the one checked second is refused with its own rung's reason
  const lost = both.findIndex((r) => r.status === 422);
  expectError(both[lost], 422, lost === 0 ? 'special_above_chief' : 'chief_below_special');
});

test('平台载体申报通知: two calls of one year made at once, one made', async () => {
  const prov = await login('admin'), org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const n = unique() + 29;
  const instOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return (m.user || m).institution_id; };
  const user = async (k, inst) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `pc${n}${k}`, password: PASSWORD, role: 'examiner', institution_id: inst } }), 201).id;
  const experts = [await user('e1', await instOf(org)), await user('e2', await instOf(qorg)), await user('e3', await instOf(qorg))];
  let year = 2801;
  while (ok(await api('GET', `/api/v1/platform/calls?year=${year}`)).total) year++;
  const today = cnToday(), later = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86400e3).toISOString().slice(0, 10);
  const body = (k) => ({ year, title: `${year} 年平台载体申报（并发 ${n}${k}）`, opens_on: today, closes_on: later, types: [{ type_code: 'qilu_workstation', places: 1 }], experts, min_experts: 3 });
  const g = await gate('LOCK TABLE platform_calls IN SHARE MODE');
  const both = await Promise.all(['甲', '乙'].map((k) => api('POST', '/api/v1/platform/calls', { token: prov, body: body(k) })));
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], JSON.stringify(both.map((r) => r.data)));
  expectError(both.find((r) => r.status === 409), 409, 'call_exists');
  assert.equal(ok(await api('GET', `/api/v1/platform/calls?year=${year}`)).total, 1);
});
