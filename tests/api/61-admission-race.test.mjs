// 检录 of many candidates into one sitting at the same moment (a room's staff at several desks): every admission
// succeeds and builds its own paper, and the items' exposure in the sitting (曝光次数, which the next paper's
// assembly reads to spread the bank) counts every paper once; at the room's last place (监考配比: 1 invigilator
// for each 15 candidates, two invigilators here: 30) five admissions at once admit exactly one and refuse four.
// Before the sitting's row was locked ahead of the counts, several of the five counted 29 admitted and got in
// (three and two in two runs on PostgreSQL): more candidates than the room's two invigilators may watch. A change of invigilators takes the same lock.
// Registrations are the same at a plan's last place (人数上限): eight at once, one registered, seven plan_full
// (without the plan's row locked first the race showed on PostgreSQL in one run of two or three; with the gate of
// lib.mjs holding the inserts back until all have counted, in every run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, invigilators, dbExec, gate } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
const ITEMS = 30, ROOM = 30, CANDS = ROOM + 4;

test('admissions at once into one sitting: all admitted, every paper counted, the last place taken once', async () => {
  const org = await login('jinan_org_admin'), city = await login('jinan_admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, tag = `ar${unique()}`;
  // every paper holds the whole bank, each in its own order
  for (let i = 0; i < ITEMS; i++)
    ok(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag} 题 ${i}`, options: [`${tag}${i}甲`, `${tag}${i}乙`, `${tag}${i}丙`], answer: 'A', points: 1 } }), 201);
  ok(await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: ITEMS }] } }));
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `并发检录 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 60, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: city, body: { status: 'open' } }));
  const regs = [];
  for (let i = 0; i < CANDS; i++) {
    const p = ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `检录${tag}${i}`, id_number: idNumber('370102', '19880611', 300 + i) } }), 201);
    const reg = ok(await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } }), 201);
    assert.equal(reg.eligible, true, JSON.stringify(reg));
    ok(await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } }));
    regs.push(reg);
  }
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '并发考场', minutes: 90, invigilators: await invigilators(org) } }), 201);
  const admit = (r) => api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: r.id } });

  // 24 at once: all admitted, one attempt each
  const first = await Promise.all(regs.slice(0, 24).map(admit));
  assert.deepEqual(first.map((r) => r.status), Array(24).fill(201), JSON.stringify(first.filter((r) => r.status !== 201).map((r) => r.data)));
  assert.equal(new Set(first.map((r) => r.data.attempt_id)).size, 24, 'one attempt each');
  // each item was in every paper: its exposure in the sitting is the number of papers, none lost
  const uses = () => dbExec(`SELECT 'u=' || e.uses FROM item_exposure e JOIN items i ON i.id = e.item_id WHERE e.sitting_id = ${Number(sit.id)} AND i.area = '${tag}'`)
    .match(/u=\d+/g).map((u) => Number(u.slice(2)));
  assert.deepEqual(uses(), Array(ITEMS).fill(24));
  expectError(await admit(regs[0]), 409, 'already_admitted');

  // up to one place left, then five at once for it: one admitted, four refused with the room rule's reason
  for (const r of regs.slice(24, ROOM - 1)) ok(await admit(r), 201);
  const last = await Promise.all(regs.slice(ROOM - 1).map(admit));
  assert.deepEqual(last.map((r) => r.status).sort(), [201, 409, 409, 409, 409], JSON.stringify(last.map((r) => r.data)));
  for (const r of last.filter((x) => x.status === 409)) expectError(r, 409, 'invigilators_short');
  // the invigilator console lists the thirty
  assert.equal(ok(await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).items.length, ROOM);
  assert.deepEqual(uses(), Array(ITEMS).fill(ROOM));
});

test('registrations at once for a plan\'s last place: one registered, the others refused plan_full', async () => {
  const org = await login('jinan_org_admin'), city = await login('jinan_admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }));
  const inst = ok(await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org }));
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, tag = `rr${unique()}`;
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `名额 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(2), exam_date: plusDays(7), capacity: 3, subjects: ['theory', 'practical'] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }));
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: city, body: { status: 'open' } }));
  const persons = [];
  for (let i = 0; i < 10; i++) persons.push(ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `名额${tag}${i}`, id_number: idNumber('370102', '19880611', 400 + i) } }), 201));
  const register = (p) => api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
  for (const p of persons.slice(0, 2)) ok(await register(p), 201);
  // every registration counts before any inserts (PostgreSQL: the gate holds the inserts back a moment)
  const g = await gate('LOCK TABLE registrations IN SHARE MODE');
  const last = await Promise.all(persons.slice(2).map(register));
  await g.opened;
  assert.deepEqual(last.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409], JSON.stringify(last.map((r) => r.data)));
  for (const r of last.filter((x) => x.status === 409)) expectError(r, 409, 'plan_full');
  const regs = ok(await api('GET', `/api/v1/plans/${plan.id}/registrations?page_size=50`, { token: org }));
  assert.equal(regs.total, 3);
});
