// 培训结业转报名 (issue 14 item 3; DOMAIN.md §37): a trainee who completed a class registers for the open 认定 plan
// of the class's occupation and level, the training (class, institution, course, hours) kept with the registration;
// refused politely when no such plan is open, before completion, for another class or plan, and for anyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };

test('a completed trainee registers for the matching open plan with the training as evidence', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `cp${unique()}`;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const plusDays = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const scope = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org })).scopes.find((s) => s.levels.includes(5));
  const occ = scope.occupation_code;

  // a training school of 济南 with a course of that occupation, level 5; a class of 2 hours to complete
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `结业报名学校${tag}`, credit_code: creditCode(`52370100M${String((Date.now() + 29) % 1000000).padStart(6, '0')}9Y`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `结业${tag}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: occ, level: 5, title: `结业课程${tag}`, class_hours: 2, price: '300', capacity: 30, subsidised: true, starts: [] } }), 201);
  const adm = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}a`, password: PASSWORD, role: 'institution_admin', institution_id: inst.id } }), 201);
  const at = await login(adm.username, PASSWORD);
  const cls = ok(await api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: at, body: { teacher_user_id: adm.id, starts_on: today, ends_on: '2099-12-31', completion_hours: 2 } }), 201);
  const other = ok(await api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: at, body: { teacher_user_id: adm.id, starts_on: today, ends_on: '2099-12-31', completion_hours: 2 } }), 201);
  const person = async (s) => {
    const p = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `结业学员${s}`, id_number: idNumber('370102', '19920202', 101 + ((unique() * 3 + s) % 440) * 2) } }), 201);
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}t${s}`, password: PASSWORD, role: 'candidate', person_id: p.id } }), 201);
    return { pid: p.id, token: await login(u.username, PASSWORD) };
  };
  const t1 = await person(1), t2 = await person(2);
  for (const t of [t1, t2]) ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: at, body: { person_id: t.pid } }), 201);
  const reg = (t, c, body = {}) => api('POST', `/api/v1/training/classes/${c}/registration`, { token: t.token, body: { option: '2023-5-a', declared: true, ...body } });

  // not completed yet: refused with the hours
  const notYet = await reg(t1, cls.id);
  expectError(notYet, 409, 'not_completed');
  assert.match(notYet.data.error.message_zh, /已修 0 学时，结业需 2 学时/);
  const s = ok(await api('POST', `/api/v1/training/classes/${cls.id}/sessions`, { token: at, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 2 } }), 201);
  const code = ok(await api('GET', `/api/v1/training/sessions/${s.id}/code`, { token: at })).code;
  assert.equal(ok(await api('POST', '/api/v1/training/checkins', { token: t1.token, body: { code, device_id: `${tag}-phone-1`, latitude: 36.6683, longitude: 117.0765 } }), 201).completed, true);

  // completed, but no plan of the occupation and level open: the polite refusal (unless one is open already)
  const open = ok(await api('GET', `/api/v1/plans?status=open&occupation_code=${occ}&page_size=100`, { token: prov })).items.filter((p) => p.level === 5);
  if (open.length === 0) {
    const none = await reg(t1, cls.id);
    expectError(none, 409, 'no_open_plan');
    assert.match(none.data.error.message_zh, /目前没有职业（工种）.* 5 级的认定计划在报名中/);
  }
  // the institution's plan of that occupation, level 5, opened
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `结业报名 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));
  // a plan id that is not of the class's occupation and level: refused
  const plans = ok(await api('GET', '/api/v1/plans?status=open&page_size=100', { token: prov })).items;
  const wrong = plans.find((p) => p.occupation_code !== occ || p.level !== 5);
  if (wrong) expectError(await reg(t1, cls.id, { plan_id: wrong.id }), 409, 'no_open_plan');
  // another's class, another role, an unknown class: not found or forbidden
  expectError(await reg(t1, other.id), 404, 'not_found');
  expectError(await api('POST', `/api/v1/training/classes/${cls.id}/registration`, { token: at, body: { option: '2023-5-a' } }), 403, 'forbidden');
  expectError(await reg(t1, 999999999), 404, 'not_found');
  expectError(await reg(t2, cls.id, { plan_id: plan.id }), 409, 'not_completed');

  // the registration, with its training
  const r = ok(await reg(t1, cls.id, { plan_id: plan.id }), 201);
  assert.equal(r.registration.plan_id, plan.id);
  assert.equal(r.registration.person_id, t1.pid);
  assert.equal(r.registration.option, '2023-5-a');
  assert.deepEqual([r.training.class_id, r.training.institution_id, r.training.course_id, r.training.attended_hours, r.training.completion_hours, r.training.level, r.training.occupation_code], [cls.id, inst.id, course.id, 2, 2, 5, occ]);
  // once
  expectError(await reg(t1, cls.id, { plan_id: plan.id }), 409, 'already_registered');
  // the institution sees the registration in its plan; the audit keeps the evidence
  const regs = ok(await api('GET', `/api/v1/plans/${plan.id}/registrations?page_size=100`, { token: org })).items;
  assert.ok(regs.some((x) => x.id === r.registration.id));
  const audit = ok(await api('GET', `/api/v1/audit?entity=registration&entity_id=${r.registration.id}`, { token: prov })).items.map((i) => i.action);
  assert.ok(audit.includes('training.registration.evidence'), JSON.stringify(audit));
});
