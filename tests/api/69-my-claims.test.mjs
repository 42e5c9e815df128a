// 本人申领 (issue 14 items 3 and 5, the worker's side): a worker applies for a subsidy themself,
// POST /api/v1/training/my-claims. The rule engine's facts come from the worker's own records, never from the
// request: a class they are enrolled in (course, attended hours, completion, the institution's city) for
// 培训补贴, their own valid certificate (occupation, level, issue date) for 技能提升补贴, the imported 参保记录
// for the insurance months (none entered by the worker). Someone else's certificate or class is 404, a second
// live claim 409, other roles 403. Also: a course's single read lists its classes that have not ended, with
// places taken (what the worker enrols in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('my claims: a worker applies from their own class and certificate, the decision explained', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const n = unique();
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `本人申领测试学校${n}`, credit_code: creditCode(`52370100M${String((n * 7907 + Date.now()) % 1000000).padStart(6, '0')}69`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `许可${n}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '历下教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: '4-02-06-03', level: 5, title: `物流服务师${n}`, class_hours: 20, price: '600', capacity: 30, subsidised: true, starts: [] } }), 201);
  const mkUser = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `mc${n}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const admin = await mkUser({ role: 'institution_admin', institution_id: inst.id });
  const person = async (seq) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `申领人${seq}`, id_number: idNumber('370102', '19890909', 101 + ((n * 4 + seq) % 440) * 2) } }), 201).id;
  const p1 = await person(0), p2 = await person(1);
  const w1 = await mkUser({ role: 'candidate', person_id: p1 });
  const w2 = await mkUser({ role: 'candidate', person_id: p2 });

  // the course's classes: a current one and one that ended are created; the single read lists the current one
  const cls = (body) => api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: admin.token, body });
  const A = ok(await cls({ teacher_user_id: admin.id, starts_on: today(), ends_on: '2099-12-31', capacity: 5, completion_hours: 4 }), 201);
  const ended = ok(await cls({ teacher_user_id: admin.id, starts_on: '2025-01-02', ends_on: '2025-01-31' }), 201);
  const read = ok(await api('GET', `/api/v1/training/courses/${course.id}`));
  assert.deepEqual(read.classes.map((c) => [c.id, c.capacity, c.completion_hours, c.enrolled]), [[A.id, 5, 4, 0]]);
  assert.ok(!read.classes.some((c) => c.id === ended.id), 'an ended class is not offered');
  const map = ok(await api('GET', '/api/v1/training/map?lat=36.6683&lon=117.0765&radius_km=5&page_size=100'));
  assert.equal(map.items.find((c) => c.id === course.id)?.classes, undefined, 'the map rows stay light');

  // the worker enrols, attends 4 hours and completes
  ok(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: w1.token, body: {} }), 201);
  assert.equal(ok(await api('GET', `/api/v1/training/courses/${course.id}`)).classes[0].enrolled, 1);
  const s1 = ok(await api('POST', `/api/v1/training/classes/${A.id}/sessions`, { token: admin.token, body: { held_on: today(), starts_at: '00:00', ends_at: '23:59', hours: 4 } }), 201);
  const code = ok(await api('GET', `/api/v1/training/sessions/${s1.id}/code`, { token: admin.token }));
  assert.equal(ok(await api('POST', '/api/v1/training/checkins', { token: w1.token, body: { code: code.code, device_id: `mc-${n}-phone-w1`, latitude: 36.6683, longitude: 117.0765 } }), 201).completed, true);

  // 培训补贴 from the class: the facts are the worker's own (hours, completion, course, city)
  const apply = (token, body) => api('POST', '/api/v1/training/my-claims', { token, body });
  const c1 = ok(await apply(w1.token, { kind: 'training', class_id: A.id }), 201);
  assert.equal(c1.person_id, p1);
  assert.equal(c1.kind, 'training');
  assert.equal(c1.occupation_code, '4-02-06-03');
  assert.equal(c1.level, 5);
  assert.equal(c1.region_code, '370100', "the class's institution's city pays");
  assert.equal(c1.course, `course:${course.id}`);
  assert.equal(c1.status, 'checked', JSON.stringify(c1.decision));
  assert.ok(c1.decision.checks.length >= 2 && c1.decision.checks.every((c) => c.ok && c.zh));
  assert.equal(c1.amount_fen, c1.decision.amount_fen);
  assert.ok(c1.amount_fen > 0);
  // the worker reads it among their claims; a second live claim of the same key is refused
  const mine = ok(await api('GET', '/api/v1/training/claims', { token: w1.token }));
  assert.deepEqual(mine.items.map((c) => c.id), [c1.id]);
  expectError(await apply(w1.token, { kind: 'training', class_id: A.id }), 409, 'already_claimed');

  // another worker: not enrolled in the class, so it is not theirs (404); nothing filed for them
  expectError(await apply(w2.token, { kind: 'training', class_id: A.id }), 404, 'not_found');
  assert.equal(ok(await api('GET', '/api/v1/training/claims', { token: w2.token })).total, 0);

  // what the request must name
  expectError(await apply(w1.token, { kind: 'apprentice' }), 422, 'invalid_value');
  expectError(await apply(w1.token, { kind: 'nonsense' }), 422, 'invalid_value');
  expectError(await apply(w1.token, { kind: 'skill_up' }), 422, 'missing_field');
  expectError(await apply(w1.token, { kind: 'training' }), 422, 'missing_field');
  expectError(await apply(w1.token, {}), 422, 'missing_field');

  // 技能提升补贴 needs the worker's own certificate: candidate1's certificate is not w1's
  const cand = await login('candidate1');
  const certs = ok(await api('GET', '/api/v1/certificates?page_size=100', { token: cand })).items;
  const valid = certs.find((c) => c.status === 'valid');
  assert.ok(valid, 'the demo candidate holds a valid certificate');
  expectError(await apply(w1.token, { kind: 'skill_up', certificate_no: valid.number }), 404, 'not_found');
  expectError(await apply(w1.token, { kind: 'skill_up', certificate_no: 'S000000000000000000' }), 404, 'not_found');
  // candidate1 with their own certificate: decided condition by condition from the certificate and the
  // imported insurance records only (none entered here), each condition with its reason
  const before = ok(await api('GET', '/api/v1/training/claims?page_size=100', { token: cand })).total;
  const r = await apply(cand, { kind: 'skill_up', certificate_no: valid.number });
  if (r.status === 409) {
    assert.equal(r.data.error.code, 'already_claimed'); // an earlier run of this suite on the same data
  } else {
    const c2 = ok(r, 201);
    assert.equal(c2.kind, 'skill_up');
    assert.equal(c2.occupation_code, valid.occupation_code);
    assert.equal(c2.level, valid.level);
    const ids = c2.decision.checks.map((c) => c.id);
    assert.ok(ids.includes('insured') && ids.includes('within_period'), ids.join());
    for (const c of c2.decision.checks) assert.ok(c.zh && c.en && (c.ok ? c.code === '' : c.code !== ''));
    assert.equal(c2.status, c2.decision.ok ? 'checked' : 'rejected');
    assert.equal(ok(await api('GET', '/api/v1/training/claims?page_size=100', { token: cand })).total, before + 1);
  }
  const revoked = certs.find((c) => c.status === 'revoked');
  if (revoked) expectError(await apply(cand, { kind: 'skill_up', certificate_no: revoked.number }), 409, 'certificate_revoked');

  // only the worker themself: staff and bureaus file at the window (POST /training/claims), the public not at all
  expectError(await apply(jinan, { kind: 'training', class_id: A.id }), 403, 'forbidden');
  expectError(await apply(admin.token, { kind: 'training', class_id: A.id }), 403, 'forbidden');
  expectError(await apply(undefined, { kind: 'training', class_id: A.id }), 401, 'login_required');

  // audited under the table's first move, by the worker's account
  const audit = ok(await api('GET', `/api/v1/audit?entity=subsidy_claim&entity_id=${c1.id}`, { token: prov }));
  assert.deepEqual(audit.items.map((i) => i.action), ['subsidy_claim.checked']);
});
