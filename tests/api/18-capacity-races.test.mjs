// 订单班计划人数 under concurrent requests: a school adding two lists of students at once to a class with two
// places left takes one list and refuses the other (409 over_planned); the class never holds more than its
// planned size. The count was made before the transaction, so on PostgreSQL both lists counted the same free
// places and both went in (the gate of lib.mjs holds the inserts back until both have counted: every run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, creditCode, idNumber, gate, PASSWORD } from './lib.mjs';

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
