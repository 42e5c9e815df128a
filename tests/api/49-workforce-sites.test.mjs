// 评价队伍与考点 (issue 24 items 2-3; DOMAIN.md §57). The workforce: a 考评员 course (a training class whose exam is a
// 认定 plan) refuses a grant before the class is completed and before the exam is passed, then grants with the
// course's validity; a panel refuses an examiner without a qualification, one whose qualification has lapsed,
// and, at once, one whose qualification was removed through the credit archive (the credit event recorded in the
// same transaction); renewal continues a qualification; a supervisor's profile registers their 督导员
// qualification and does not bring a removed one back. Exam sites: a site with a computer room and a workshop,
// its 标准化考场 check (unmarked items and an unexplained 不符合 refused; a failed check does not designate),
// designation per occupation and level, and bookings: not designated, too small, a theory sitting in a room
// without the computers, a room double-booked by another institution, back to back, a sitting booked twice,
// a cancelled booking freeing the slot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, qualify, invigilators, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
const idOf = (m) => (m.user ? m.user.id : m.id);

test('examiners: a course grant checked, panels take only valid qualifications, removal at once, renewal', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `wf${unique()}`;
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const scope = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org })).scopes.find((s) => s.levels.includes(5));
  const occ = scope.occupation_code;
  const newExaminer = async (k) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}e${k}`, password: PASSWORD, role: 'examiner', institution_id: instId } }), 201).id;

  // the 考评员 course: a class of a 济南 training school (2 hours complete it), its exam the institution's plan
  const school = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `考评员培训学校${tag}`, credit_code: creditCode(`52370100M${String((Date.now() + 49) % 1000000).padStart(6, '0')}4Y`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${school.id}`, { token: prov, body: { kind: 'private_school', licence_no: `考评${tag}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${school.id}/sites`, { token: prov, body: { name: '教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${school.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: occ, level: 5, title: `考评员培训${tag}`, class_hours: 2, price: '0', capacity: 30, subsidised: false, starts: [] } }), 201);
  const adm = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}a`, password: PASSWORD, role: 'institution_admin', institution_id: school.id } }), 201);
  const at = await login(adm.username, PASSWORD);
  const cls = ok(await api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: at, body: { teacher_user_id: adm.id, starts_on: today, ends_on: plusDays(60), completion_hours: 2 } }), 201);
  const examPlan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `考评员资格考试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  expectError(await api('POST', '/api/v1/workforce/courses', { token: jinan, body: { class_id: cls.id, grade: 'examiner', exam_plan_id: examPlan.id, valid_years: 3 } }), 403, 'forbidden');
  expectError(await api('POST', '/api/v1/workforce/courses', { token: prov, body: { class_id: cls.id, grade: 'master', exam_plan_id: examPlan.id, valid_years: 3 } }), 422, 'invalid_value');
  const wc = ok(await api('POST', '/api/v1/workforce/courses', { token: prov, body: { class_id: cls.id, grade: 'examiner', exam_plan_id: examPlan.id, valid_years: 3 } }), 201);
  expectError(await api('POST', '/api/v1/workforce/courses', { token: prov, body: { class_id: cls.id, grade: 'examiner', exam_plan_id: examPlan.id, valid_years: 3 } }), 409, 'course_exists');
  // the trainee (a person with a candidate account for the check-in) and the examiner account made for them
  const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `考评员学员${tag}`, id_number: idNumber('370102', '19850505', 101 + (unique() % 440) * 2) } }), 201);
  const cand = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}t`, password: PASSWORD, role: 'candidate', person_id: person.id } }), 201);
  const ct = await login(cand.username, PASSWORD);
  ok(await api('POST', `/api/v1/training/classes/${cls.id}/enrolments`, { token: at, body: { person_id: person.id } }), 201);
  const trained = await newExaminer('t');
  const grant = () => api('POST', '/api/v1/qualifications', { token: jinan, body: { user_id: trained, basis: 'course', course_id: wc.id, person_id: person.id } });
  const notDone = await grant();
  expectError(notDone, 422, 'course_not_completed');
  assert.match(notDone.data.error.message_zh, /已出勤 0 学时，结业须 2 学时/);
  const s = ok(await api('POST', `/api/v1/training/classes/${cls.id}/sessions`, { token: at, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 2 } }), 201);
  const code = ok(await api('GET', `/api/v1/training/sessions/${s.id}/code`, { token: at })).code;
  ok(await api('POST', '/api/v1/training/checkins', { token: ct, body: { code, device_id: `${tag}-phone`, latitude: 36.6683, longitude: 117.0765 } }), 201);
  expectError(await grant(), 422, 'exam_not_passed');
  // the exam passed: a result of the plan's institution, occupation and level, recorded today
  ok(await api('POST', '/api/v1/results', { token: prov, body: { person_id: person.id, institution_id: instId, occupation_code: occ, level: 5, exam_date: today, theory: 85, practical: 78, correction_reason: '考评员资格考试成绩（测试）' } }), 201);
  const q = ok(await grant(), 201);
  assert.deepEqual([q.grade, q.basis, q.status, q.valid_from, q.person_id, q.course_id, q.valid_today], ['examiner', 'course', 'active', today, person.id, wc.id, true]);
  assert.match(q.cert_no, /^KPY-\d{4}-\d{6}$/);
  const until = new Date(Date.parse(`${today}T00:00:00Z`)); until.setUTCFullYear(until.getUTCFullYear() + 3); until.setUTCDate(until.getUTCDate() - 1);
  assert.equal(q.valid_until, until.toISOString().slice(0, 10));
  expectError(await grant(), 409, 'already_qualified');
  const courses = ok(await api('GET', '/api/v1/workforce/courses', { token: jinan })).items;
  assert.equal(courses.find((c) => c.id === wc.id).qualified, 1);

  // panels of a level-4 plan: the trained examiner and two more; one without a qualification, one lapsed
  const e2 = await newExaminer(2), e3 = await newExaminer(3), none = await newExaminer(4), lapsed = await newExaminer(5);
  await qualify(prov, e2); await qualify(prov, e3);
  ok(await api('POST', '/api/v1/qualifications', { token: prov, body: { user_id: lapsed, basis: 'record', grade: 'examiner', cert_no: `${tag}-old`, valid_from: plusDays(-800), valid_until: plusDays(-1) } }), 201);
  const s4 = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org })).scopes.find((x) => x.levels.includes(4));
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `考评组 ${tag}`, occupation_code: s4.occupation_code, level: 4, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(12), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  const criteria = [{ name: '操作（★）', points: 60, star: true }, { name: '规范', points: 40 }];
  const panel = (examiners) => api('PUT', `/api/v1/plans/${plan.id}/practical`, { token: org, body: { criteria, examiners } });
  const refused = await panel([trained, e2, none]);
  expectError(refused, 422, 'not_qualified');
  assert.match(refused.data.error.message_zh, new RegExp(`账号 ${none} 未持有考评员资格`));
  expectError(await panel([trained, e2, lapsed]), 422, 'qualification_expired');
  ok(await panel([trained, e2, e3]));
  // removal through the credit archive: at once, the credit event recorded with it
  const qe3 = ok(await api('GET', `/api/v1/qualifications?user_id=${e3}`, { token: jinan })).items[0];
  expectError(await api('POST', `/api/v1/qualifications/${qe3.id}/remove`, { token: org, body: { reason: 'x' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/qualifications/${qe3.id}/remove`, { token: await login('qingdao_admin'), body: { reason: '越权' } }), 404, 'not_found');
  const rm = ok(await api('POST', `/api/v1/qualifications/${qe3.id}/remove`, { token: jinan, body: { reason: `${tag} 考评中违规打分，取消资格` } }));
  assert.equal(rm.status, 'removed');
  assert.equal(rm.valid_today, false);
  const ev = ok(await api('GET', `/api/v1/credit-events/${rm.removal_event_id}`, { token: jinan }));
  assert.deepEqual([ev.subject_type, ev.subject_id, ev.kind, ev.blocking], ['examiner', e3, 'examiner_qual_removed', true]);
  expectError(await panel([trained, e2, e3]), 422, 'qualification_removed');
  expectError(await api('POST', `/api/v1/qualifications/${qe3.id}/remove`, { token: jinan, body: { reason: '再次' } }), 409, 'not_active');
  // renewal: the same number from the day after the last day; the old one renewed
  const rn = ok(await api('POST', `/api/v1/qualifications/${q.id}/renew`, { token: prov, body: { valid_until: plusDays(3 * 365 + 400) } }), 201);
  assert.deepEqual([rn.cert_no, rn.renews_id, rn.status, rn.grade], [q.cert_no, q.id, 'active', 'examiner']);
  assert.equal(rn.valid_from, new Date(Date.parse(`${q.valid_until}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10));
  assert.equal(ok(await api('GET', `/api/v1/qualifications/${q.id}`, { token: prov })).status, 'renewed');
  expectError(await api('POST', `/api/v1/qualifications/${q.id}/renew`, { token: prov, body: { valid_until: '2999-01-01' } }), 409, 'not_active');
  // the holder reads their own; another examiner does not
  const mine = ok(await api('GET', '/api/v1/qualifications', { token: await login(`${tag}e2`, PASSWORD) })).items;
  assert.deepEqual(mine.map((x) => x.user_id), [e2]);
  // a supervisor's profile registers the 督导员 qualification; a removed one is not brought back by the profile
  const sup = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}s`, password: PASSWORD, role: 'supervisor', region_code: '370100' } }), 201).id;
  const profile = { grade: 'senior', cert_no: `${tag}-DD`, valid_until: plusDays(700), region_code: '370102' };
  ok(await api('PUT', `/api/v1/supervisors/${sup}`, { token: jinan, body: profile }));
  const sq = ok(await api('GET', `/api/v1/qualifications?user_id=${sup}`, { token: jinan })).items;
  assert.deepEqual(sq.map((x) => [x.grade, x.basis, x.cert_no, x.valid_until, x.status]), [['supervisor', 'record', `${tag}-DD`, plusDays(700), 'active']]);
  ok(await api('POST', `/api/v1/qualifications/${sq[0].id}/remove`, { token: jinan, body: { reason: `${tag} 督导中失职` } }));
  ok(await api('PUT', `/api/v1/supervisors/${sup}`, { token: jinan, body: { ...profile, valid_until: plusDays(900) } }));
  assert.equal(ok(await api('GET', `/api/v1/qualifications?user_id=${sup}&status=active`, { token: jinan })).total, 0);
  const audit = ok(await api('GET', `/api/v1/audit?entity=qualification&entity_id=${qe3.id}`, { token: prov })).items.map((i) => i.action);
  assert.ok(audit.includes('qualification.remove'), JSON.stringify(audit));
});

test('exam sites: the 标准化考场 check, designation, and bookings without double booking', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin'), staff = await login('jinan_org_staff');
  const qorg = await login('qingdao_org_admin');
  const tag = `st${unique()}`;
  const instOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user ? m.user.institution_id : m.institution_id; };
  const instA = await instOf(org), instQ = await instOf(qorg);
  const scopeA = ok(await api('GET', `/api/v1/institutions/${instA}`, { token: org })).scopes.find((s) => s.levels.includes(5));
  const scopeQ = ok(await api('GET', `/api/v1/institutions/${instQ}`, { token: qorg })).scopes.find((s) => s.levels.length > 0);

  // the site of A: a computer room of 30 seats with 10 computers, a workshop of 20
  expectError(await api('POST', '/api/v1/exam-sites', { token: qorg, body: { name: `${tag} 越权考点`, address: '济南', institution_id: instA } }), 403, 'forbidden');
  const siteA = ok(await api('POST', '/api/v1/exam-sites', { token: org, body: { name: `${tag} 考点`, address: '济南市历下区' } }), 201);
  assert.equal(siteA.institution_id, instA);
  ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: org, body: { name: '机房', seats: 30, computers: 10, cameras: 3, equipment: '计算机' } }), 201);
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: org, body: { name: '机房', seats: 30 } }), 409, 'room_name_taken');
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: qorg, body: { name: '别家', seats: 30 } }), 404, 'not_found'); // not designated yet: not another institution's to see
  const site = ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: org, body: { name: '车间', seats: 20, computers: 0, cameras: 2, equipment: '工位' } }), 201);
  assert.deepEqual([site.rooms, site.seats, site.computers, site.standard_passed], [2, 50, 10, null]);
  const pc = site.room_list.find((r) => r.name === '机房').id, shop = site.room_list.find((r) => r.name === '车间').id;

  // plans: A's open level-5 plan with a theory sitting; Q's plan of its own occupation
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `考场 ${tag}`, occupation_code: scopeA.occupation_code, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(30), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));
  const t0 = Date.parse(`${plusDays(30)}T09:00:00+08:00`) / 1000;
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 机房`, minutes: 90, starts_at: t0, invigilators: await invigilators(org) } }), 201);
  const qLevel = scopeQ.levels[0];
  const qplan = ok(await api('POST', '/api/v1/plans', { token: qorg, body: { title: `考场 ${tag} 青岛`, occupation_code: scopeQ.occupation_code, level: qLevel, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(30), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  const theory = (room, candidates, sitting = sit.id, token = org) => api('POST', `/api/v1/exam-rooms/${room}/bookings`, { token, body: { plan_id: plan.id, part: 'theory', sitting_id: sitting, candidates } });
  expectError(await theory(pc, 8), 409, 'site_not_designated');

  // the 标准化考场 check: unmarked items and an unexplained 不符合 refused; a failed check does not designate
  const items = ok(await api('GET', '/api/v1/site-checklist', { token: org })).items;
  assert.ok(items.length >= 6 && items.every((i) => i.source));
  const conform = items.map((i) => ({ item_id: i.id, result: 'conform' }));
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: org, body: { marks: conform, sign: true } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: jinan, body: { marks: conform.slice(1), sign: true } }), 422, 'items_unmarked');
  const bad = [{ item_id: items[2].id, result: 'nonconform' }, ...conform.filter((m) => m.item_id !== items[2].id)];
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: jinan, body: { marks: bad, sign: true } }), 422, 'note_required');
  bad[0].note = '部分座位不在监控范围内';
  const failed = ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: jinan, body: { marks: bad, sign: true } }), 201);
  assert.deepEqual([failed.status, failed.passed], ['signed', false]);
  expectError(await api('PUT', `/api/v1/site-assessments/${failed.id}`, { token: jinan, body: { marks: conform } }), 409, 'assessment_signed');
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: prov, body: { occupation_code: scopeA.occupation_code, level: 5 } }), 409, 'site_not_assessed');
  // a draft completed and signed: passed
  const draft = ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: jinan, body: { marks: conform.slice(0, 2) } }), 201);
  assert.deepEqual([draft.status, draft.marks.length], ['draft', 2]);
  const passed = ok(await api('PUT', `/api/v1/site-assessments/${draft.id}`, { token: jinan, body: { marks: conform.slice(2), sign: true } }));
  assert.deepEqual([passed.status, passed.passed, passed.marks.length], ['signed', true, items.length]);
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: jinan, body: { occupation_code: scopeA.occupation_code, level: 5 } }), 403, 'forbidden');
  ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: prov, body: { occupation_code: scopeA.occupation_code, level: 5 } }), 201);
  const des = ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: prov, body: { occupation_code: scopeQ.occupation_code, level: qLevel } }), 201);
  assert.equal(des.standard_passed, true);
  // designated: every institution reads the site, only its own changes it
  assert.equal(ok(await api('GET', `/api/v1/exam-sites/${siteA.id}`, { token: qorg })).id, siteA.id);
  expectError(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: qorg, body: { name: '别家', seats: 30 } }), 403, 'forbidden');

  // bookings: the theory exam needs a computer per candidate; seats; a sitting once
  expectError(await theory(pc, 12), 422, 'room_no_computers');
  expectError(await theory(shop, 8), 422, 'room_no_computers');
  expectError(await api('POST', `/api/v1/exam-rooms/${shop}/bookings`, { token: org, body: { plan_id: plan.id, part: 'practical', starts_at: t0 + 86400, minutes: 60, candidates: 21 } }), 422, 'room_too_small');
  ok(await theory(pc, 10, sit.id, staff), 201);
  expectError(await theory(pc, 10), 409, 'sitting_booked');
  // another institution, the same room, an overlapping time: refused; back to back: booked; cancelled: free again
  const qbook = (startsAt) => api('POST', `/api/v1/exam-rooms/${pc}/bookings`, { token: qorg, body: { plan_id: qplan.id, part: 'practical', starts_at: startsAt, minutes: 60, candidates: 10 } });
  const clash = await qbook(t0 + 3600);
  expectError(clash, 409, 'room_double_booked');
  assert.match(clash.data.error.message_zh, /该考场在此时段已被预订/);
  expectError(await api('POST', `/api/v1/exam-rooms/${pc}/bookings`, { token: qorg, body: { plan_id: plan.id, part: 'practical', starts_at: t0 + 7200, minutes: 60, candidates: 5 } }), 404, 'not_found');
  const after = ok(await qbook(t0 + 90 * 60), 201);
  const list = ok(await api('GET', `/api/v1/exam-rooms/${pc}/bookings`, { token: jinan })).items;
  assert.deepEqual(list.map((b) => [b.institution_id, b.part, b.starts_at, b.ends_at]), [[instA, 'theory', t0, t0 + 5400], [instQ, 'practical', t0 + 5400, t0 + 9000]]);
  expectError(await api('POST', `/api/v1/room-bookings/${after.id}/cancel`, { token: org }), 404, 'not_found');
  ok(await api('POST', `/api/v1/room-bookings/${after.id}/cancel`, { token: qorg }));
  ok(await qbook(t0 + 95 * 60), 201);
  const sites = ok(await api('GET', `/api/v1/exam-sites?occupation_code=${scopeA.occupation_code}&page_size=500`, { token: qorg })).items;
  assert.ok(sites.some((x) => x.id === siteA.id && x.standard_passed === true && x.designations === 2));

  // a sitting created with room_id books the room in its own transaction: refused when the room is taken by
  // another sitting (A's own theory sitting, t0..t0+90 min) or another institution (Q's practical part from
  // t0+95 min), too small for the candidates or short of computers — and then no sitting is left either
  const inv = await invigilators(org);
  const count = async () => ok(await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: org })).items.length;
  const before = await count();
  const bookSit = (room, startsAt, candidates) => api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room_id: room, minutes: 90, starts_at: startsAt, invigilators: inv, ...(candidates ? { candidates } : {}) } });
  expectError(await bookSit(pc, t0 + 3600, 5), 409, 'room_double_booked');
  expectError(await bookSit(pc, t0 + 120 * 60, 5), 409, 'room_double_booked');
  expectError(await bookSit(pc, t0 + 86400, 31), 422, 'room_too_small');
  expectError(await bookSit(pc, t0 + 86400, 11), 422, 'room_no_computers');
  assert.equal(await count(), before);
  // booked: the sitting's room is the registry's (site and room names), the booking shown on it
  const t1 = t0 + 86400;
  const booked = ok(await bookSit(pc, t1, 10), 201);
  assert.equal(booked.room, `${tag} 考点 机房`);
  assert.deepEqual([booked.booking.room_id, booked.booking.site_id, booked.booking.room, booked.booking.starts_at, booked.booking.ends_at, booked.booking.candidates], [pc, siteA.id, '机房', t1, t1 + 5400, 10]);
  // and the room is now taken at that time, for the other institution too
  expectError(await qbook(t1 + 1800), 409, 'room_double_booked');
  // the plan's list: the old free-text sitting keeps its text (with the booking made for it), the new one its booking
  const listed = ok(await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: jinan })).items;
  const oldRow = listed.find((x) => x.id === sit.id), newRow = listed.find((x) => x.id === booked.id);
  assert.deepEqual([oldRow.room, oldRow.booking.starts_at, oldRow.booking.candidates], [`${tag} 机房`, t0, 10]);
  assert.deepEqual([newRow.room, newRow.booking.id, newRow.booking.site], [`${tag} 考点 机房`, booked.booking.id, `${tag} 考点`]);
  // no candidates given: the plan's approved registrations sitting the theory (none yet), at least one seat
  const t2 = t0 + 2 * 86400;
  const one = ok(await bookSit(pc, t2), 201);
  assert.deepEqual([one.booking.candidates, one.booking.ends_at], [1, t2 + 5400]);
  const rooms = ok(await api('GET', `/api/v1/exam-rooms/${pc}/bookings`, { token: org })).items;
  assert.deepEqual(rooms.filter((b) => b.sitting_id === booked.id || b.sitting_id === one.id).map((b) => [b.sitting_id, b.starts_at]), [[booked.id, t1], [one.id, t2]]);
});
