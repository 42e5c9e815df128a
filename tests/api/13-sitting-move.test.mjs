// 改期 / 换场 and the seats at 检录 (issue 24 item 3; DOMAIN.md §57). A sitting booked into a registry 考场 moves to
// another time with a fresh booking (its old slot free again for another institution); a move into a time the room
// is booked by another institution is refused and the old booking is still held (one transaction); a move into a
// room too small, into the past, without a reason, or of a sitting that has started is refused; another
// institution, a city administrator, a candidate and an anonymous client cannot move it. 检录 into a booked room
// stops at its seats (room_full) and, the theory exam being computer-based, at its computers
// (room_computers_full); the candidates admitted keep their admission when the sitting moves, and see the move on
// their own list.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators } from './lib.mjs';

const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (k) => new Date(Date.parse(`${today}T00:00:00Z`) + k * 86400e3).toISOString().slice(0, 10);
const restore = [];
after(async () => { for (const f of restore.reverse()) await f(); });

test('a sitting moved (改期/换场) in one transaction, and 检录 bounded by the booked seats and computers', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin'), staff = await login('jinan_org_staff');
  const qorg = await login('qingdao_org_admin'), cand = await login('candidate1');
  const tag = `mv${unique()}`;
  const instOf = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return m.user ? m.user.institution_id : m.institution_id; };
  const instA = await instOf(org), instQ = await instOf(qorg);
  const scopeA = ok(await api('GET', `/api/v1/institutions/${instA}`, { token: org })).scopes.find((s) => s.levels.includes(5));
  const scopeQ = ok(await api('GET', `/api/v1/institutions/${instQ}`, { token: qorg })).scopes.find((s) => s.levels.length > 0);
  const occ = scopeA.occupation_code;

  // A's site, checked and designated: a hall of 30 computers, a room of 2 seats (4 computers), one of 3 seats (2 computers)
  const siteA = ok(await api('POST', '/api/v1/exam-sites', { token: org, body: { name: `${tag} 考点`, address: '济南市历城区' } }), 201);
  const room = async (name, seats, computers) => ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/rooms`, { token: org, body: { name, seats, computers, cameras: 1 } }), 201).room_list.find((r) => r.name === name).id;
  const hall = await room('大机房', 30, 30), two = await room('两座', 2, 4), three = await room('三座两机', 3, 2);
  const marks = ok(await api('GET', '/api/v1/site-checklist', { token: org })).items.map((i) => ({ item_id: i.id, result: 'conform' }));
  ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/assessments`, { token: jinan, body: { marks, sign: true } }), 201);
  ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: prov, body: { occupation_code: occ, level: 5 } }), 201);
  ok(await api('POST', `/api/v1/exam-sites/${siteA.id}/designations`, { token: prov, body: { occupation_code: scopeQ.occupation_code, level: scopeQ.levels[0] } }), 201);

  // A's open level-5 plan; Q's plan (another institution booking the same hall)
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `改期 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(30), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }));
  const qplan = ok(await api('POST', '/api/v1/plans', { token: qorg, body: { title: `改期 ${tag} 青岛`, occupation_code: scopeQ.occupation_code, level: scopeQ.levels[0], reg_start: today, reg_end: plusDays(5), exam_date: plusDays(30), capacity: 30, subjects: ['theory', 'practical'] } }), 201);
  const qbook = (startsAt) => api('POST', `/api/v1/exam-rooms/${hall}/bookings`, { token: qorg, body: { plan_id: qplan.id, part: 'practical', starts_at: startsAt, minutes: 60, candidates: 10 } });
  const inv = await invigilators(org);
  const t1 = Date.parse(`${plusDays(30)}T09:00:00+08:00`) / 1000, day = 86400;
  const sitting = (roomId, startsAt, candidates) => api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room_id: roomId, minutes: 90, starts_at: startsAt, invigilators: inv, candidates } });
  const move = (id, body, token = org) => api('POST', `/api/v1/sittings/${id}/move`, { token, body: { reason: '考点停电检修', ...body } });
  const row = async (id) => ok(await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: org })).items.find((s) => s.id === id);
  const hallBookings = async () => ok(await api('GET', `/api/v1/exam-rooms/${hall}/bookings`, { token: org })).items;

  // moved a day later: a fresh booking of the hall at the new time, the old slot free for Q at once
  const s1 = ok(await sitting(hall, t1, 5), 201);
  const moved = ok(await move(s1.id, { starts_at: t1 + day }));
  assert.deepEqual([moved.starts_at, moved.room, moved.booking.room_id, moved.booking.starts_at, moved.booking.ends_at, moved.booking.candidates], [t1 + day, `${tag} 考点 大机房`, hall, t1 + day, t1 + day + 5400, 5]);
  assert.deepEqual([moved.moved.from_starts_at, moved.moved.from_room], [t1, `${tag} 考点 大机房`]);
  assert.deepEqual((await hallBookings()).filter((b) => b.sitting_id === s1.id).map((b) => b.starts_at), [t1 + day]);
  ok(await qbook(t1), 201);
  // audited with the old and the new place
  const audit = ok(await api('GET', `/api/v1/audit?action=sitting.move&entity_id=${s1.id}`, { token: prov }));
  assert.equal(audit.total, 1);
  const detail = JSON.parse(audit.items[0].detail);
  assert.deepEqual([audit.items[0].actor, detail.reason, detail.from.starts_at, detail.from.room_id, detail.from.booking_id, detail.to.starts_at, detail.to.room_id, detail.to.booking_id], ['jinan_org_admin', '考点停电检修', t1, hall, s1.booking.id, t1 + day, hall, moved.booking.id]);

  // into a time Q holds the hall: refused, and nothing changed — the sitting's old booking still held (Q cannot
  // take its slot), the sitting still at its time
  ok(await qbook(t1 + 2 * day), 201);
  expectError(await move(s1.id, { starts_at: t1 + 2 * day + 1800 }), 409, 'room_double_booked');
  const kept = await row(s1.id);
  assert.deepEqual([kept.starts_at, kept.booking.id, kept.booking.starts_at], [t1 + day, moved.booking.id, t1 + day]);
  expectError(await qbook(t1 + day + 1800), 409, 'room_double_booked');
  // into a room too small for its 5 seats: refused (the booking's own check), kept
  expectError(await move(s1.id, { room_id: two }), 422, 'room_too_small');
  assert.equal((await row(s1.id)).booking.room_id, hall);
  // into the past, without a reason, with nothing changed: refused
  expectError(await move(s1.id, { starts_at: Math.floor(Date.now() / 1000) - 3600 }), 422, 'time_in_past');
  expectError(await api('POST', `/api/v1/sittings/${s1.id}/move`, { token: org, body: { starts_at: t1 + 3 * day } }), 422, 'missing_field');
  expectError(await move(s1.id, { starts_at: t1 + day }), 422, 'no_change');
  // who: the institution's staff moves it (and back to its own slot's neighbour); another institution does not see
  // it, a city administrator, a candidate and no login cannot
  const byStaff = ok(await move(s1.id, { starts_at: t1 + 3 * day }, staff));
  assert.equal(byStaff.booking.starts_at, t1 + 3 * day);
  expectError(await move(s1.id, { starts_at: t1 + 4 * day }, qorg), 404, 'not_found');
  for (const t of [jinan, cand]) expectError(await move(s1.id, { starts_at: t1 + 4 * day }, t), 403, 'forbidden');
  assert.equal((await api('POST', `/api/v1/sittings/${s1.id}/move`, { body: { starts_at: t1 + 4 * day, reason: 'x' } })).status, 401);
  // out of the registry: a free-text room, the booking released
  const out = ok(await move(s1.id, { room: `${tag} 校外考场` }));
  assert.deepEqual([out.room, out.booking, out.starts_at], [`${tag} 校外考场`, null, t1 + 3 * day]);
  assert.ok(!(await hallBookings()).some((b) => b.sitting_id === s1.id));
  // a sitting whose start has passed is not moved
  const begun = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 已开考`, minutes: 90, starts_at: Math.floor(Date.now() / 1000) - 600, invigilators: inv } }), 201);
  expectError(await move(begun.id, { starts_at: t1 + 5 * day }), 409, 'sitting_started');

  // 检录 into booked rooms: a bank and a blueprint of A's own (restored afterwards), five approved registrations
  const oldCells = ok(await api('GET', `/api/v1/blueprints?occupation_code=${occ}&level=5`, { token: org })).cells || [];
  restore.push(async () => { if (oldCells.length) ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: oldCells.map((c) => ({ area: c.area, kind: c.kind, count: c.count })) } })); });
  for (let i = 0; i < 3; i++) {
    ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `${tag} 单选 ${i}`, options: [`甲${i}`, `乙${i}`, `丙${i}`, `丁${i}`], answer: 'A', points: 2 } }), 201);
    ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'judge', area: `${tag}-A`, stem: `${tag} 判断 ${i}`, options: ['对', '错'], answer: 'A', points: 1 } }), 201);
  }
  ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 2 }, { area: `${tag}-A`, kind: 'judge', count: 2 }] } }));
  const regs = [ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: cand, body: { option: '2023-5-a', declared: true } }), 201)];
  const persons = ok(await api('GET', '/api/v1/persons?page_size=60', { token: org })).items;
  for (const p of persons) {
    if (regs.length === 5) break;
    if (p.id === regs[0].person_id) continue;
    const r = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (r.status === 201 && r.data.eligible !== false) regs.push(r.data);
  }
  assert.equal(regs.length, 5);
  for (const r of regs) ok(await api('POST', `/api/v1/registrations/${r.id}/review`, { token: org, body: { decision: 'approve' } }));
  const admit = (sit, reg) => api('POST', `/api/v1/sittings/${sit}/admit`, { token: org, body: { registration_id: reg.id } });
  // the room of 2 seats: the third is refused
  const sTwo = ok(await sitting(two, t1 + 6 * day, 2), 201);
  ok(await admit(sTwo.id, regs[0]), 201);
  ok(await admit(sTwo.id, regs[1]), 201);
  const full = await admit(sTwo.id, regs[2]);
  expectError(full, 409, 'room_full');
  assert.match(full.data.error.message_zh, /考场座位已满：2 个座位已检录 2 人/);
  // the room of 3 seats and 2 computers: the third has a seat but no computer
  const sThree = ok(await sitting(three, t1 + 7 * day, 2), 201);
  ok(await admit(sThree.id, regs[2]), 201);
  ok(await admit(sThree.id, regs[3]), 201);
  const short = await admit(sThree.id, regs[4]);
  expectError(short, 409, 'room_computers_full');
  assert.match(short.data.error.message_zh, /计算机不足：2 台计算机已检录 2 人/);

  // the sitting with two admitted moves into the hall: they keep their admission (the booking seats them), and
  // the candidate sees the new time and room with what it was on their own list
  const withAdmitted = ok(await move(sTwo.id, { room_id: hall, starts_at: t1 + 8 * day }));
  assert.deepEqual([withAdmitted.booking.room_id, withAdmitted.booking.candidates, withAdmitted.starts_at], [hall, 2, t1 + 8 * day]);
  const attempts = ok(await api('GET', `/api/v1/sittings/${sTwo.id}/attempts`, { token: org })).items;
  assert.deepEqual(attempts.map((a) => a.status), ['admitted', 'admitted']);
  const mine = ok(await api('GET', '/api/v1/attempts', { token: cand })).items.find((a) => a.sitting_id === sTwo.id);
  assert.deepEqual([mine.status, mine.starts_at, mine.room, mine.moved.from_starts_at, mine.moved.from_room], ['admitted', t1 + 8 * day, `${tag} 考点 大机房`, t1 + 6 * day, `${tag} 考点 两座`]);
  // the room of 2 seats is free again at that time; a sitting with two admitted cannot go below its seats
  const later = ok(await sitting(two, t1 + 6 * day, 2), 201);
  assert.equal(later.booking.room_id, two);
  expectError(await move(sTwo.id, { room_id: three, candidates: 1 }), 422, 'invalid_value');
});
