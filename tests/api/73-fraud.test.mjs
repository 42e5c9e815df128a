// 疑点线索 (issue 14 item 6; DOMAIN.md §37): a detection run over a period finds 两地申领 (one person's claims in
// two cities: the same subsidy, or filed within 30 days), 一机多签 (one device checking in three trainees of
// different classes) and 结业率异常 (an institution whose 20 of 20 trainees completed against peers' 7 of 20: the
// exact binomial tail far below 0.001); re-running adds nothing twice; the city reviews its own queue (confirm or
// dismiss with a reason, audited; another city and institutions see nothing); a confirmed signal holds the claim
// (review refused 409 fraud_hold, rejection allowed, left out of pay batches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, invigilators, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('fraud signals: detection, idempotence, the review queue, holds on claims, scope', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const n = unique();
  // a far day no other test's class ends on: the completion-rate period
  const endDay = `2089-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`;

  // two training institutions in 济南, each with a site, a course, an administrator and a teacher
  const school = async (k) => {
    const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `疑点测试学校${n}-${k}`, credit_code: creditCode(`52370100M${String((n * 31 + k * 7 + Date.now()) % 1000000).padStart(6, '0')}7${k}`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
    ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `疑点许可${n}${k}` } }));
    const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
    const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: '4-02-06-03', level: 4, title: `物流服务师${n}${k}`, class_hours: 4, price: '800', capacity: 30, subsidised: true, starts: [] } }), 201);
    const mk = async (role) => {
      const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `fr${n}${k}${role[12]}${unique()}`, password: PASSWORD, role, institution_id: inst.id } }), 201);
      return { id: u.id, token: await login(u.username, PASSWORD) };
    };
    return { inst, course, admin: await mk('institution_admin'), teacher: await mk('institution_staff') };
  };
  const X = await school(1), Y = await school(2);
  let seq = 0;
  const trainee = async () => {
    const s = seq++;
    // a birth date of its own (35-eligibility draws from 1988-08-08 of the same county)
    const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `疑点学员${s}`, id_number: idNumber('370102', '19870707', 101 + ((n * 50 + s) % 440) * 2) } }), 201);
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `fr${n}t${s}`, password: PASSWORD, role: 'candidate', person_id: p.id } }), 201);
    return { pid: p.id, token: await login(u.username, PASSWORD), device: `fr-${n}-dev-${s}` };
  };
  // a class ending on endDay with one 1-hour session today; `attend` of `people` check in
  const klass = async (S, people, attend, devices = {}) => {
    const c = ok(await api('POST', `/api/v1/training/courses/${S.course.id}/classes`, { token: S.admin.token, body: { teacher_user_id: S.teacher.id, starts_on: today(), ends_on: endDay, capacity: 30, completion_hours: 1 } }), 201);
    const s = ok(await api('POST', `/api/v1/training/classes/${c.id}/sessions`, { token: S.admin.token, body: { held_on: today(), starts_at: '00:00', ends_at: '23:59', hours: 1 } }), 201);
    for (const t of people) ok(await api('POST', `/api/v1/training/classes/${c.id}/enrolments`, { token: S.admin.token, body: { person_id: t.pid } }), 201);
    for (const t of people.slice(0, attend)) {
      const code = ok(await api('GET', `/api/v1/training/sessions/${s.id}/code`, { token: S.teacher.token })).code;
      ok(await api('POST', '/api/v1/training/checkins', { token: t.token, body: { code, device_id: devices[t.pid] || t.device, latitude: 36.6684, longitude: 117.0766 } }), 201);
    }
    return c;
  };
  const xs = [], ys = [];
  for (let i = 0; i < 20; i++) xs.push(await trainee());
  for (let i = 0; i < 20; i++) ys.push(await trainee());
  // one phone checks in three trainees of three classes (a class binds a device to one trainee, so the
  // proxy moves between classes): xs[0] in X's class, ys[0] in Y's first, ys[1] in Y's second
  const phone = `fr-${n}-shared-phone`;
  await klass(X, xs, 20, { [xs[0].pid]: phone });
  await klass(Y, ys.slice(0, 1).concat(ys.slice(2)), 6, { [ys[0].pid]: phone });
  await klass(Y, [ys[1]], 1, { [ys[1].pid]: phone });

  // 两地申领: xs[2] files in 济南 and, 5 days later, another subsidy in 青岛; xs[3] is refused in 济南 and
  // files the same subsidy in 青岛 (the province-wide key lets a rejected claim be filed again)
  const claim = (pid, over) => ({ person_id: pid, kind: 'skill_up', occupation_code: '4-02-06-03', level: 4, region_code: '370100', apply_date: '2071-03-10', cert_date: '2071-01-01', insured: [{ start: '2060-01-01' }], ...over });
  const cJ = ok(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(xs[2].pid, {}) }), 201);
  assert.equal(cJ.status, 'checked', JSON.stringify(cJ.decision));
  const cQ = ok(await api('POST', '/api/v1/training/claims', { token: qingdao, body: claim(xs[2].pid, { region_code: '370200', occupation_code: '4-02-06-04', apply_date: '2071-03-15' }) }), 201);
  const rJ = ok(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(xs[3].pid, { insured: [{ start: '2070-01-01' }] }) }), 201);
  assert.equal(rJ.status, 'rejected');
  const rQ = ok(await api('POST', '/api/v1/training/claims', { token: qingdao, body: claim(xs[3].pid, { region_code: '370200', apply_date: '2071-05-20' }) }), 201);
  // far apart and of different subsidies: no signal (xs[4])
  ok(await api('POST', '/api/v1/training/claims', { token: jinan, body: claim(xs[4].pid, { apply_date: '2071-03-01' }) }), 201);
  ok(await api('POST', '/api/v1/training/claims', { token: qingdao, body: claim(xs[4].pid, { region_code: '370200', occupation_code: '4-02-06-04', apply_date: '2071-05-01' }) }), 201);

  const detect = (token, body) => api('POST', '/api/v1/training/fraud-signals/detect', { token, body });
  // input and scope of a run
  expectError(await detect(jinan, { from: '2071-03-01' }), 422, 'missing_field');
  expectError(await detect(jinan, { from: '2071-03-31', to: '2071-03-01' }), 422, 'invalid_range');
  expectError(await detect(jinan, { from: '2071-01-01', to: '2072-12-31' }), 422, 'out_of_range');
  expectError(await detect(jinan, { from: '2071-01-01', to: '2071-12-31', region_code: '370200' }), 403, 'outside_scope');
  expectError(await detect(X.admin.token, { from: '2071-01-01', to: '2071-12-31' }), 403, 'forbidden');

  // 济南's run over 2071: its side of both pairs, not 青岛's
  const run1 = ok(await detect(jinan, { from: '2071-01-01', to: '2071-12-31' }));
  assert.equal(run1.region_code, '3701');
  assert.equal(run1.created.two_cities, 2, JSON.stringify(run1));
  const list = async (token, q) => ok(await api('GET', `/api/v1/training/fraud-signals?${q}`, { token })).items;
  const twoJ = (await list(jinan, 'kind=two_cities&page_size=100')).filter((s) => [xs[2].pid, xs[3].pid].includes(s.person_id));
  assert.equal(twoJ.length, 2);
  assert.ok(twoJ.every((s) => s.region_code === '3701' && s.state === 'open' && s.claims === 1));
  // 青岛 sees none of them until it runs its own detection; then its own two
  assert.equal((await list(qingdao, 'kind=two_cities&page_size=100')).filter((s) => [xs[2].pid, xs[3].pid].includes(s.person_id)).length, 0);
  const runQ = ok(await detect(qingdao, { from: '2071-03-01', to: '2071-05-31' }));
  assert.equal(runQ.created.two_cities, 2);
  // again: nothing added twice
  const again = ok(await detect(jinan, { from: '2071-01-01', to: '2071-12-31' }));
  assert.deepEqual(again.created, { two_cities: 0, shared_device: 0, exam_overlap: 0, completion_rate: 0 });
  assert.equal(again.existing, 2);
  // the province sees all four
  assert.equal((await list(prov, `kind=two_cities&person_id=${xs[2].pid}`)).length, 2);

  const nearJ = twoJ.find((s) => s.person_id === xs[2].pid), sameJ = twoJ.find((s) => s.person_id === xs[3].pid);
  const det = ok(await api('GET', `/api/v1/training/fraud-signals/${nearJ.id}`, { token: jinan }));
  assert.equal(det.evidence.same_subsidy, false);
  assert.equal(det.evidence.days_apart, 5);
  assert.deepEqual(det.evidence.claims.map((c) => c.id), [cJ.id, cQ.id]);
  assert.deepEqual(det.linked_claims.map((c) => c.id), [cJ.id]);
  assert.deepEqual(det.actions.map((a) => a.to).sort(), ['confirmed', 'dismissed']);
  assert.equal(ok(await api('GET', `/api/v1/training/fraud-signals/${sameJ.id}`, { token: jinan })).evidence.same_subsidy, true);
  assert.deepEqual(ok(await api('GET', `/api/v1/training/fraud-signals/${sameJ.id}`, { token: jinan })).linked_claims.map((c) => c.id), [rJ.id]);
  // the open signal shows on the claim
  assert.deepEqual(ok(await api('GET', `/api/v1/training/claims/${cJ.id}`, { token: jinan })).fraud_signals.map((s) => [s.id, s.state]), [[nearJ.id, 'open']]);

  // who: another city, institutions and trainees nothing
  expectError(await api('GET', `/api/v1/training/fraud-signals/${nearJ.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/training/fraud-signals/${nearJ.id}`, { token: X.admin.token }), 403, 'forbidden');
  expectError(await api('GET', '/api/v1/training/fraud-signals', { token: xs[0].token }), 403, 'forbidden');
  const review = (token, id, body) => api('POST', `/api/v1/training/fraud-signals/${id}/review`, { token, body });
  expectError(await review(qingdao, nearJ.id, { state: 'confirmed', reason: '查实' }), 404, 'not_found');
  expectError(await review(jinan, nearJ.id, { state: 'confirmed' }), 422, 'missing_field');
  expectError(await review(jinan, nearJ.id, { state: 'closed', reason: 'x' }), 422, 'invalid_value');
  expectError(await api('GET', '/api/v1/training/fraud-signals?kind=bogus', { token: jinan }), 422, 'invalid_value');

  // 济南 confirms: the claim is held (review refused, rejection allowed); the other is dismissed
  const conf = ok(await review(jinan, nearJ.id, { state: 'confirmed', reason: '经核查，同一人同期在青岛申领' }));
  assert.equal(conf.state, 'confirmed');
  assert.deepEqual(conf.actions, []);
  expectError(await review(jinan, nearJ.id, { state: 'dismissed', reason: '再议' }), 409, 'invalid_transition');
  const held = ok(await api('GET', `/api/v1/training/claims/${cJ.id}`, { token: jinan }));
  assert.deepEqual(held.fraud_signals.map((s) => s.state), ['confirmed']);
  assert.deepEqual(held.actions.map((a) => a.to), ['rejected']);
  expectError(await api('POST', `/api/v1/training/claims/${cJ.id}/status`, { token: jinan, body: { status: 'reviewed' } }), 409, 'fraud_hold');
  assert.equal(ok(await review(jinan, sameJ.id, { state: 'dismissed', reason: '济南申领已被拒绝，不重复' })).state, 'dismissed');
  assert.deepEqual((await list(jinan, `state=dismissed&person_id=${xs[3].pid}`)).map((s) => s.id), [sameJ.id]);
  ok(await api('POST', `/api/v1/training/claims/${cJ.id}/status`, { token: jinan, body: { status: 'rejected', reason: '疑点线索已认定' } }));
  const audit = ok(await api('GET', `/api/v1/audit?entity=fraud_signal&entity_id=${nearJ.id}`, { token: prov }));
  assert.deepEqual(audit.items.map((i) => i.action).sort(), ['fraud_signal.confirmed', 'fraud_signal.open']);

  // 一机多签 over today: the phone checked in three trainees; 结业率异常 over endDay: X's 20 of 20 against Y's 7
  // of 20 (P(X >= 20 | 20, 0.35) = 7.6e-10), Y's 7 of 20 against X's 20 of 20 nothing
  const run2 = ok(await detect(jinan, { from: today(), to: today() }));
  assert.ok(run2.created.shared_device >= 1, JSON.stringify(run2));
  const dev = (await list(jinan, 'kind=shared_device&page_size=100')).map((s) => s.id);
  const mine = [];
  for (const id of dev) { const s = ok(await api('GET', `/api/v1/training/fraud-signals/${id}`, { token: jinan })); if (s.evidence.device_id === phone) mine.push(s); }
  assert.equal(mine.length, 1);
  assert.deepEqual(mine[0].evidence.persons.sort((a, b) => a - b), [xs[0].pid, ys[0].pid, ys[1].pid].sort((a, b) => a - b));
  assert.equal(mine[0].score, 3);
  assert.equal(mine[0].institution_id, null, 'two institutions');
  const run3 = ok(await detect(jinan, { from: endDay, to: endDay }));
  assert.equal(run3.created.completion_rate, 1, JSON.stringify(run3));
  const comp = await list(jinan, `kind=completion_rate&institution_id=${X.inst.id}`);
  assert.equal(comp.length, 1);
  assert.ok(comp[0].score < 1e-9, `p ${comp[0].score}`);
  const cd = ok(await api('GET', `/api/v1/training/fraud-signals/${comp[0].id}`, { token: jinan }));
  assert.deepEqual([cd.evidence.trainees, cd.evidence.completed, cd.evidence.peer_trainees, cd.evidence.peer_completed], [20, 20, 20, 7]);
  assert.equal((await list(jinan, `kind=completion_rate&institution_id=${Y.inst.id}`)).length, 0);
  assert.deepEqual(ok(await detect(jinan, { from: endDay, to: endDay })).created.completion_rate, 0);
  // the list as CSV for the file
  const csv = await api('GET', '/api/v1/training/fraud-signals?kind=completion_rate&format=csv', { token: jinan });
  assert.equal(csv.status, 200);
  assert.match(csv.data.toString('utf8'), /编号,类型,复核地市/);
  assert.match(csv.data.toString('utf8'), /结业率异常/);
});

// 考培冲突: a candidate sits an exam (the attempt opened now, 90 minutes) and checks in to a training session
// whose hours cover the same time; the city's detection over today finds it, with the attempt as evidence.
test('fraud signals: a check-in while the trainee sits an exam (考培冲突)', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `fx${unique()}`;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const plusDays = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
  // the exam: four true/false items and a blueprint of the institution, a plan filed and opened
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const scope = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org })).scopes.find((s) => s.levels.includes(5));
  const occ = scope.occupation_code;
  for (let i = 0; i < 4; i++) ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'judge', area: `${tag}-A`, stem: `${tag} 判断 ${i}`, options: ['对', '错'], answer: 'A', points: 25 } }), 201);
  ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'judge', count: 4 }] } }));
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `考培冲突 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));
  // a person of the institution, eligible, registered and approved, with a candidate account of their own
  const persons = ok(await api('GET', '/api/v1/persons?page_size=200', { token: org })).items;
  let cand = null;
  for (const p of persons.reverse()) {
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (reg.status !== 201 || reg.data.eligibility?.eligible === false) continue;
    const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}c`, password: PASSWORD, role: 'candidate', person_id: p.id } });
    if (u.status !== 201) continue;
    ok(await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: org, body: { decision: 'approve' } }));
    cand = { pid: p.id, reg: reg.data.id, token: await login(u.data.username, PASSWORD) };
    break;
  }
  assert.ok(cand, 'an eligible person without an account');
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 考场`, minutes: 90, invigilators: await invigilators(org) } }), 201);
  const attempt = ok(await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: cand.reg } }), 201).attempt_id;
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } }));
  ok(await api('POST', `/api/v1/attempts/${attempt}/open`, { token: cand.token }));

  // the training: a class of a 济南 school with a session today, all day; the candidate checks in from the site
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `考培冲突学校${tag}`, credit_code: creditCode(`52370100M${String((Date.now() + 17) % 1000000).padStart(6, '0')}8X`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `考培${tag}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: '4-02-06-03', level: 4, title: `物流服务师${tag}`, class_hours: 4, price: '800', capacity: 30, subsidised: true, starts: [] } }), 201);
  const admin = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}a`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const at = await login(admin.username, PASSWORD);
  const cls = ok(await api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: at, body: { teacher_user_id: admin.id, starts_on: today, ends_on: '2099-12-31', completion_hours: 4 } }), 201);
  const s = ok(await api('POST', `/api/v1/training/classes/${cls.id}/sessions`, { token: at, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 4 } }), 201);
  ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: at, body: { person_id: cand.pid } }), 201);
  const code = ok(await api('GET', `/api/v1/training/sessions/${s.id}/code`, { token: at })).code;
  ok(await api('POST', '/api/v1/training/checkins', { token: cand.token, body: { code, device_id: `${tag}-phone`, latitude: 36.6684, longitude: 117.0766 } }), 201);

  const run = ok(await api('POST', '/api/v1/training/fraud-signals/detect', { token: jinan, body: { from: today, to: today } }));
  assert.ok(run.created.exam_overlap >= 1, JSON.stringify(run));
  const sig = ok(await api('GET', `/api/v1/training/fraud-signals?kind=exam_overlap&person_id=${cand.pid}`, { token: jinan })).items;
  assert.equal(sig.length, 1);
  assert.equal(sig[0].institution_id, inst.id);
  assert.ok(sig[0].score > 0, 'minutes of overlap');
  const ev = ok(await api('GET', `/api/v1/training/fraud-signals/${sig[0].id}`, { token: jinan })).evidence;
  assert.equal(ev.attempt_id, attempt);
  assert.equal(ev.session_id, s.id);
  assert.equal(ev.checked_in_during_exam, 1);
  // again: nothing new
  assert.equal(ok(await api('POST', '/api/v1/training/fraud-signals/detect', { token: jinan, body: { from: today, to: today } })).created.exam_overlap, 0);
});
