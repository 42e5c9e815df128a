// 培训班 (issue 14 item 3): a class of a course with its teacher and capacity, enrolment (self and by the
// institution), the timetable, attendance by rotating SM2-signed check-in codes (30 s windows, ±1 window
// tolerance): a replayed code, an expired code, another class's code, a forged or altered code are refused;
// hours counted per trainee and completion at the class's threshold; who sees what; every write audited.
// Check-in hardening (DOMAIN.md §37): a session's hours of day plus the grace (data), the phone's location within
// the radius of the class's site (data), one device per trainee per class (a second trainee on it refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, creditCode, idNumber, unique, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test('classes: enrolment, sessions, signed rotating check-in codes, hours and completion', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const n = unique();
  const inst = ok(await api('POST', '/api/v1/institutions', { token: prov, body: { name: `培训班测试学校${n}`, credit_code: creditCode(`52370100M${String((n * 7919 + Date.now()) % 1000000).padStart(6, '0')}66`), type: 'training', region_code: '370102', address: '济南市历下区' } }), 201);
  ok(await api('PUT', `/api/v1/training/institutions/${inst.id}`, { token: prov, body: { kind: 'private_school', licence_no: `许可${n}` } }));
  const site = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/sites`, { token: prov, body: { name: '历下教学点', address: '济南市历下区', county_code: '370102', latitude: 36.6683, longitude: 117.0765 } }), 201);
  const course = ok(await api('POST', `/api/v1/training/institutions/${inst.id}/courses`, { token: prov, body: { site_id: site.id, occupation_code: '4-02-06-03', level: 4, title: `物流服务师${n}`, class_hours: 40, price: '800', capacity: 30, subsidised: true, starts: [] } }), 201);
  const mkUser = async (body) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `cls${n}u${unique()}`, password: PASSWORD, ...body } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const admin = await mkUser({ role: 'institution_admin', institution_id: inst.id });
  const teacher = await mkUser({ role: 'institution_staff', institution_id: inst.id });
  const person = async (seq) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `学员${seq}`, id_number: idNumber('370102', '19860606', 101 + ((n * 4 + seq) % 440) * 2) } }), 201).id;
  const p1 = await person(0), p2 = await person(1);
  const t1 = await mkUser({ role: 'candidate', person_id: p1 });
  const t2 = await mkUser({ role: 'candidate', person_id: p2 });

  // classes: by the institution only (the city reads, and is refused a write); the teacher is the institution's
  const cls = (body) => api('POST', `/api/v1/training/courses/${course.id}/classes`, { token: admin.token, body });
  const A = ok(await cls({ teacher_user_id: teacher.id, starts_on: today(), ends_on: '2099-12-31', capacity: 2, completion_hours: 6 }), 201);
  assert.equal(A.capacity, 2);
  assert.equal(A.completion_hours, 6);
  const B = ok(await cls({ teacher_user_id: teacher.id, starts_on: today(), ends_on: '2099-12-31' }), 201);
  assert.equal(B.capacity, 30, "the course's capacity by default");
  assert.equal(B.completion_hours, 40, "the course's class hours by default");
  expectError(await cls({ teacher_user_id: t1.id, starts_on: today(), ends_on: '2099-12-31' }), 422, 'invalid_teacher');
  expectError(await cls({ teacher_user_id: teacher.id, starts_on: '2026-05-02', ends_on: '2026-05-01' }), 422, 'invalid_range');
  expectError(await cls({ teacher_user_id: teacher.id, starts_on: '2026-02-30', ends_on: '2026-05-01' }), 422, 'invalid_date');

  // the timetable
  // the timetable: the day and its hours (China time); today all day, so the check-ins below fall inside
  const sess = (c, hours, token = admin.token, extra = {}) => api('POST', `/api/v1/training/classes/${c}/sessions`, { token, body: { held_on: today(), starts_at: '00:00', ends_at: '23:59', hours, ...extra } });
  const s1 = ok(await sess(A.id, 4), 201), s2 = ok(await sess(A.id, 2), 201), sb = ok(await sess(B.id, 2), 201);
  assert.deepEqual([s1.starts_at, s1.ends_at], ['00:00', '23:59']);
  expectError(await sess(A.id, 13), 422, 'out_of_range');
  expectError(await sess(A.id, 2, admin.token, { starts_at: '9:00' }), 422, 'invalid_time');
  expectError(await sess(A.id, 2, admin.token, { starts_at: '11:00', ends_at: '09:00' }), 422, 'invalid_range');
  expectError(await api('POST', `/api/v1/training/classes/${A.id}/sessions`, { token: admin.token, body: { held_on: today(), hours: 2 } }), 422, 'missing_field');

  // enrolment: the trainee themself, or the institution for them; once; up to the capacity
  ok(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: t1.token, body: {} }), 201);
  expectError(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: t1.token, body: {} }), 409, 'already_enrolled');
  expectError(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: t1.token, body: { person_id: p2 } }), 403, 'forbidden');
  ok(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: admin.token, body: { person_id: p2 } }), 201);
  const p3 = await person(2);
  expectError(await api('POST', `/api/v1/training/classes/${A.id}/enrolments`, { token: admin.token, body: { person_id: p3 } }), 409, 'class_full');

  // codes: the teacher's screen; a trainee may not make one
  const code = async (s, at) => ok(await api('GET', `/api/v1/training/sessions/${s}/code${at ? `?at=${at}` : ''}`, { token: teacher.token }));
  const c1 = await code(s1.id);
  assert.match(c1.code, new RegExp(`^v1\\.${A.id}\\.${s1.id}\\.\\d+\\.[A-Za-z0-9_-]+$`));
  assert.equal(c1.period_s, 30);
  expectError(await api('GET', `/api/v1/training/sessions/${s1.id}/code?at=${Math.floor(Date.now() / 1000) + 600}`, { token: teacher.token }), 422, 'out_of_range');
  // the phones: each keeps its own device identifier and sends its location (at the site: 36.6683, 117.0765)
  const phone1 = `dev-${n}-phone-one`, phone2 = `dev-${n}-phone-two`;
  const here = { latitude: 36.6685, longitude: 117.0768 };
  const checkin = (token, c, device = token === t2.token ? phone2 : phone1, loc = here) => api('POST', '/api/v1/training/checkins', { token, body: { code: c, device_id: device, ...loc } });

  // a genuine current code: counted
  // a device identifier is required, and a location at the site
  expectError(await api('POST', '/api/v1/training/checkins', { token: t1.token, body: { code: c1.code, ...here } }), 422, 'missing_field');
  expectError(await checkin(t1.token, c1.code, 'short'), 422, 'invalid_device');
  expectError(await checkin(t1.token, c1.code, phone1, {}), 422, 'location_required');
  expectError(await checkin(t1.token, c1.code, phone1, { latitude: 36.6683 }), 422, 'missing_field');
  // far from the site (about 5.5 km north): refused, not counted
  expectError(await checkin(t1.token, c1.code, phone1, { latitude: 36.7183, longitude: 117.0765 }), 403, 'too_far');
  const r1 = ok(await checkin(t1.token, c1.code), 201);
  assert.deepEqual([r1.hours, r1.attended_hours, r1.completed], [4, 4, false]);
  assert.ok(r1.distance_m >= 0 && r1.distance_m < 100, `distance ${r1.distance_m}`);
  // replayed by the same trainee: refused
  expectError(await checkin(t1.token, c1.code), 409, 'already_checked_in');
  // another trainee on t1's phone (a proxy check-in): refused, the device is bound to t1 in this class
  expectError(await checkin(t2.token, c1.code, phone1), 409, 'device_in_use');
  // the same code for another enrolled trainee in the room, on their own phone: counted once for them
  assert.equal(ok(await checkin(t2.token, c1.code), 201).attended_hours, 4);
  // outside the session's hours plus the grace: a session two days ago, one the day after tomorrow (not tomorrow:
  // from 23:45 China time tomorrow's 00:00 session is within its 15-minute grace, and the check-in counts); a genuine
  // current code
  const dayOff = (d) => new Date(Date.now() + 8 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
  const past = ok(await sess(A.id, 1, admin.token, { held_on: dayOff(-2) }), 201);
  const next = ok(await sess(A.id, 1, admin.token, { held_on: dayOff(2) }), 201);
  expectError(await checkin(t1.token, (await code(past.id)).code), 422, 'outside_session');
  expectError(await checkin(t1.token, (await code(next.id)).code), 422, 'outside_session');
  // an expired code (two minutes old, beyond the ±1 window tolerance): refused
  const old = await code(s2.id, Math.floor(Date.now() / 1000) - 120);
  expectError(await checkin(t1.token, old.code), 422, 'code_expired');
  // another class's code (B, where t1 is not enrolled): refused
  expectError(await checkin(t1.token, (await code(sb.id)).code), 403, 'not_enrolled');
  // forged: the signature of s1's code on s2, a damaged signature, nonsense
  const c2 = await code(s2.id);
  expectError(await checkin(t1.token, c1.code.replace(`.${s1.id}.`, `.${s2.id}.`)), 422, 'bad_code');
  const sig = c2.code.split('.')[4];
  expectError(await checkin(t1.token, c2.code.replace(sig, sig.slice(0, -4) + (sig.endsWith('AAAA') ? 'BBBB' : 'AAAA'))), 422, 'bad_code');
  expectError(await checkin(t1.token, 'v1.x'), 422, 'bad_code');
  // the institution cannot check in for a trainee
  expectError(await checkin(admin.token, c2.code), 403, 'forbidden');
  // the second session completes t1's 6 hours
  const r2 = ok(await checkin(t1.token, c2.code), 201);
  assert.deepEqual([r2.attended_hours, r2.completed], [6, true]);

  // who sees what: the institution and the city the roster with hours; the trainee their own; others nothing
  const roster = ok(await api('GET', `/api/v1/training/classes/${A.id}`, { token: admin.token }));
  assert.deepEqual(roster.trainees.map((t) => [t.person_id, t.attended_hours, t.completed]), [[p1, 6, true], [p2, 4, false]].sort((a, b) => a[0] - b[0]));
  assert.equal(roster.sessions.length, 4);
  assert.equal(roster.enrolled, 2);
  assert.equal(ok(await api('GET', `/api/v1/training/classes/${A.id}`, { token: jinan })).trainees.length, 2);
  const mine = ok(await api('GET', `/api/v1/training/classes/${A.id}`, { token: t1.token }));
  assert.deepEqual(mine.me, { person_id: p1, attended_hours: 6, completed: true });
  assert.equal(mine.trainees, undefined);
  expectError(await api('GET', `/api/v1/training/classes/${B.id}`, { token: t1.token }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/training/classes/${A.id}`, { token: qingdao }), 404, 'not_found');
  expectError(await sess(A.id, 2, jinan), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/training/sessions/${s1.id}/code`, { token: jinan }), 403, 'forbidden');

  // at once: the same current code submitted five times by one trainee counts once; three people enrolling at
  // once in a class of one place: one gets it
  const s3 = ok(await sess(A.id, 1), 201);
  const c3 = await code(s3.id);
  const par = await Promise.all(Array.from({ length: 5 }, () => checkin(t2.token, c3.code)));
  assert.deepEqual(par.map((r) => r.status).sort(), [201, 409, 409, 409, 409], JSON.stringify(par.map((r) => r.data)));
  assert.ok(par.filter((r) => r.status === 409).every((r) => r.data.error.code === 'already_checked_in'));
  const one = ok(await cls({ teacher_user_id: teacher.id, starts_on: today(), ends_on: '2099-12-31', capacity: 1 }), 201);
  const p4 = await person(3), p5 = await person(4);
  const en = await Promise.all([p3, p4, p5].map((pid) => api('POST', `/api/v1/training/classes/${one.id}/enrolments`, { token: admin.token, body: { person_id: pid } })));
  assert.deepEqual(en.map((r) => r.status).sort(), [201, 409, 409]);
  assert.equal(ok(await api('GET', `/api/v1/training/classes/${one.id}`, { token: admin.token })).enrolled, 1);

  // the lists: the institution its own, the trainee the classes they are enrolled in, the city its region's,
  // another city none
  const list = async (token, q = '') => ok(await api('GET', `/api/v1/training/classes?course_id=${course.id}${q}`, { token })).items.map((c) => c.id);
  assert.deepEqual((await list(admin.token)).sort((a, b) => a - b), [A.id, B.id, one.id].sort((a, b) => a - b));
  assert.deepEqual(await list(t1.token), [A.id]);
  assert.equal((await list(jinan, '&region_code=370102')).length, 3);
  assert.deepEqual(await list(qingdao), []);
  const csv = await api('GET', `/api/v1/training/classes?course_id=${course.id}&format=csv`, { token: admin.token });
  assert.equal(csv.status, 200);
  assert.match(csv.data.toString('utf8'), /编号,课程,职业编码/);

  // every write audited
  const audit = ok(await api('GET', `/api/v1/audit?entity=training_session&entity_id=${s1.id}`, { token: prov }));
  const actions = audit.items.map((i) => i.action).sort();
  assert.deepEqual(actions, ['training.attendance.checkin', 'training.attendance.checkin', 'training.session.create']);
  const chk = audit.items.filter((i) => i.action === 'training.attendance.checkin');
  assert.deepEqual(chk.map((i) => JSON.parse(i.detail).device_id).sort(), [phone1, phone2].sort(), JSON.stringify(chk[0]));
  const ca = ok(await api('GET', `/api/v1/audit?entity=training_class&entity_id=${A.id}`, { token: prov }));
  assert.deepEqual(ca.items.map((i) => i.action).sort(), ['training.class.create', 'training.class.enrol', 'training.class.enrol']);
});
