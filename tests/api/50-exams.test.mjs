// 理论知识智能化考试: a versioned bank and a blueprint, a plan with registrations, 检录 building each paper,
// the candidate's paper without keys, idempotent sequence-numbered autosave, resume, focus-loss events,
// invigilator actions, submission and automatic grading; nothing of another candidate is reachable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { api, login, expectError, unique, invigilators, BASE, BACKEND, dbExec } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const L = 'ABCDEFGH';

test('a whole theory sitting', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  assert.ok(scope, 'a scope with level 5');
  const occ = scope.occupation_code, tag = `u${unique()}`;
  // the bank: area A single-choice, area B multiple-choice and true/false
  const made = [];
  for (let i = 0; i < 4; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: `单选题 ${i}：安全电压的上限是多少？`, options: [`选项${i}甲`, `选项${i}乙`, `选项${i}丙`, `选项${i}丁`], answer: 'B', points: 2 } }));
  for (let i = 0; i < 3; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'multi', area: `${tag}-B`, stem: `多选题 ${i}`, options: [`多${i}一`, `多${i}二`, `多${i}三`, `多${i}四`], answer: 'AC', points: 2 } }));
  for (let i = 0; i < 3; i++) made.push(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'judge', area: `${tag}-B`, stem: `判断题 ${i}`, options: ['对', '错'], answer: 'A', points: 1 } }));
  for (const m of made) assert.equal(m.status, 201, JSON.stringify(m.data));
  expectError(await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: 'x', stem: 'x', options: ['a', 'b'], answer: 'AB' } }), 422, 'invalid_answer');
  expectError(await api('POST', '/api/v1/items', { token: await login('candidate1'), body: { occupation_code: occ, level: 5, kind: 'single', area: 'x', stem: 'x', options: ['a', 'b'], answer: 'A' } }), 403, 'forbidden');
  // revising makes a new version; the old one leaves the bank
  const rev = await api('PUT', `/api/v1/items/${made[0].data.id}`, { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: `${tag}-A`, stem: '单选题 0（修订）：安全电压的上限是多少？', options: ['12 V', '36 V', '110 V', '220 V'], answer: 'B', points: 2 } });
  assert.equal(rev.status, 201);
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ}&level=5&page_size=500`, { token: org })).data.items.filter((x) => x.area.startsWith(tag));
  assert.equal(bank.length, 10);
  assert.equal(bank.find((x) => x.id === rev.data.id).version, 2);
  assert.ok(!bank.some((x) => x.id === made[0].data.id));
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: 3 }, { area: `${tag}-B`, kind: 'multi', count: 2 }, { area: `${tag}-B`, kind: 'judge', count: 2 }] } })).status, 200);
  const bp = (await api('GET', `/api/v1/blueprints?occupation_code=${occ}&level=5`, { token: org })).data;
  assert.deepEqual(bp.cells.map((c) => [c.area, c.kind, c.count]), [[`${tag}-A`, 'single', 3], [`${tag}-B`, 'judge', 2], [`${tag}-B`, 'multi', 2]]);
  expectError(await api('GET', `/api/v1/blueprints?occupation_code=${occ}&level=9`, { token: org }), 422, 'invalid_value');
  // a plan, two registrations approved
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `理论考试测试 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const c1 = await login('candidate1');
  const r1 = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: c1, body: { option: '2023-5-a', declared: true } })).data;
  const other = (await api('GET', '/api/v1/persons?page_size=30', { token: org })).data.items.find((p) => p.id !== r1.person_id);
  const r2 = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: other.id, option: '2023-5-a', declared: true } })).data;
  const admin = await login('admin');
  const u2 = await api('POST', '/api/v1/users', { token: admin, body: { username: `cand${tag}`, password: 'Kite-River-2026', role: 'candidate', person_id: other.id } });
  assert.equal(u2.status, 201, JSON.stringify(u2.data));
  const c2 = await login(`cand${tag}`, 'Kite-River-2026');
  for (const r of [r1, r2]) assert.equal((await api('POST', `/api/v1/registrations/${r.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
  // the sitting and 检录 (the paper is built now)
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '第一考场', minutes: 90, invigilators: await invigilators(org) } })).data;
  expectError(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '短', minutes: 30 } }), 422, 'invalid_value');
  // 监考: at least 2 per room, staff or examiners of the institution; admission needs them
  const inv = await invigilators(org);
  expectError(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '单人监考', minutes: 90, invigilators: [inv[0]] } }), 422, 'invigilators_required');
  const cuser = (await api('GET', '/api/v1/auth/me', { token: await login('candidate1') })).data;
  expectError(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '考生监考', minutes: 90, invigilators: [inv[0], cuser.user ? cuser.user.id : cuser.id] } }), 422, 'invalid_invigilator');
  const bare = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '待配监考', minutes: 90 } })).data;
  expectError(await api('POST', `/api/v1/sittings/${bare.id}/admit`, { token: org, body: { registration_id: r1.id } }), 409, 'invigilators_short');
  const put = await api('PUT', `/api/v1/sittings/${bare.id}/invigilators`, { token: org, body: { invigilators: inv } });
  assert.equal(put.status, 200, JSON.stringify(put.data));
  assert.deepEqual(put.data.invigilators.map((u) => u.user_id).sort(), [...inv].sort());
  assert.deepEqual(sit.invigilators.map((u) => u.user_id).sort(), [...inv].sort());
  // 缺考: a third candidate admitted to that room never shows up
  const third = (await api('GET', '/api/v1/persons?page_size=40', { token: org })).data.items.find((p) => p.id !== r1.person_id && p.id !== other.id);
  const r3 = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: third.id, option: '2023-5-a', declared: true } })).data;
  await api('POST', `/api/v1/registrations/${r3.id}/review`, { token: org, body: { decision: 'approve' } });
  const a3 = (await api('POST', `/api/v1/sittings/${bare.id}/admit`, { token: org, body: { registration_id: r3.id } })).data.attempt_id;
  assert.equal((await api('POST', `/api/v1/attempts/${a3}/invigilate`, { token: org, body: { action: 'absent', reason: '开考30分钟未到场' } })).status, 200);
  assert.equal((await api('GET', `/api/v1/sittings/${bare.id}/attempts`, { token: org })).data.items.find((x) => x.attempt_id === a3).status, 'absent');
  const a1 = (await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: r1.id } })).data.attempt_id;
  const a2 = (await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: r2.id } })).data.attempt_id;
  expectError(await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: r1.id } }), 409, 'already_admitted');
  // the candidate's paper: 7 items, no keys, time from the server
  const mine = (await api('GET', '/api/v1/attempts', { token: c1 })).data.items;
  assert.ok(mine.some((x) => x.attempt_id === a1));
  assert.equal(mine.find((x) => x.attempt_id === a1).deadline, null, 'no deadline before the paper is opened');
  // the candidate's own registrations across plans, and nobody else's
  const regsMine = (await api('GET', '/api/v1/registrations?page_size=100', { token: c1 })).data.items;
  assert.ok(regsMine.some((x) => x.id === r1.id) && !regsMine.some((x) => x.id === r2.id));
  const p1 = await api('POST', `/api/v1/attempts/${a1}/open`, { token: c1 });
  assert.equal(p1.status, 200, JSON.stringify(p1.data));
  assert.equal(p1.data.items.length, 7);
  assert.ok(p1.data.seconds_left > 89 * 60 && p1.data.seconds_left <= 90 * 60);
  const raw = JSON.stringify(p1.data);
  assert.doesNotMatch(raw, /"answer"|"score"|"key"/);
  // nothing of the other candidate
  expectError(await api('POST', `/api/v1/attempts/${a2}/open`, { token: c1 }), 404, 'not_found');
  expectError(await api('PUT', `/api/v1/attempts/${a2}/answers/0`, { token: c1, body: { answer: 'A', seq: 1 } }), 404, 'not_found');
  // the other candidate's attempt is 404 before anything wrong in the save itself
  expectError(await api('PUT', `/api/v1/attempts/${a2}/answers/99`, { token: c1, body: { answer: 'Z', seq: 0 } }), 404, 'not_found');
  expectError(await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: c1 }), 403, 'forbidden');
  // a save's own faults, in the order met (on PostgreSQL checked in the committer's batch statement):
  // no such question, then option letters beyond the question's options or a seq below 1; nothing stored
  const noQ = await api('PUT', `/api/v1/attempts/${a1}/answers/7`, { token: c1, body: { answer: 'Z', seq: 1 } });
  expectError(noQ, 404, 'not_found');
  assert.equal(noQ.data.error.field, 'pos');
  const nOpts = p1.data.items[0].options.length;
  for (const body of [{ answer: L[nOpts], seq: 1 }, { answer: 'A', seq: 0 }, { answer: 'A1', seq: 1 }]) {
    const bad = await api('PUT', `/api/v1/attempts/${a1}/answers/${p1.data.items[0].pos}`, { token: c1, body });
    expectError(bad, 422, 'invalid_answer');
    assert.equal(bad.data.error.field, 'answer');
  }
  // answer every item correctly: find each item's right options by their texts
  const byStem = new Map(bank.map((x) => [x.stem, x]));
  let seq = 0;
  const given = new Map();
  for (const it of p1.data.items) {
    const src = byStem.get(it.stem);
    const right = [...src.answer].map((l) => src.options[L.indexOf(l)]);
    const shown = it.options.map((o, i) => (right.includes(o) ? L[i] : '')).join('');
    given.set(it.pos, shown);
    const s = await api('PUT', `/api/v1/attempts/${a1}/answers/${it.pos}`, { token: c1, body: { answer: shown, seq: ++seq } });
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.equal(s.data.durable, true);
  }
  // an older, retried save changes nothing; a newer one wins
  const first = p1.data.items[0];
  const wrong = given.get(first.pos) === 'A' ? 'B' : 'A';
  const stale = await api('PUT', `/api/v1/attempts/${a1}/answers/${first.pos}`, { token: c1, body: { answer: wrong, seq: 1 } });
  assert.equal(stale.status, 200, JSON.stringify(stale.data));
  assert.equal(stale.data.seq, 1);
  assert.equal(stale.data.answer, given.get(first.pos));
  // resume on "another device": the same paper and the saved answers
  const again = (await api('POST', `/api/v1/attempts/${a1}/open`, { token: c1 })).data;
  assert.deepEqual(again.items.map((x) => x.stem), p1.data.items.map((x) => x.stem));
  assert.deepEqual(again.items.map((x) => x.options), p1.data.items.map((x) => x.options));
  assert.equal(Object.keys(again.answers).length, 7);
  assert.equal(again.last_seq, seq);
  // focus loss and the invigilators' view
  assert.equal((await api('POST', `/api/v1/attempts/${a1}/focus`, { token: c1 })).status, 200);
  const p2 = (await api('POST', `/api/v1/attempts/${a2}/open`, { token: c2 })).data;
  // the shape stored beside the paper (migration 069): per question, '0' plus its number of options
  const shapeOf = (id) => dbExec(`SELECT 's=' || COALESCE(shape, '') FROM attempts WHERE id = ${Number(id)}`).match(/s=(\d*)/)[1];
  const shape2 = [...p2.items].sort((x, y) => x.pos - y.pos).map((it) => String.fromCharCode(48 + it.options.length)).join('');
  assert.equal(shapeOf(a2), shape2);
  // an attempt admitted before migration 069 has no shape: its saves are checked from the paper, with the same answers
  dbExec(`UPDATE attempts SET shape = NULL WHERE id = ${Number(a2)}`);
  assert.equal(shapeOf(a2), '');
  const noQ2 = await api('PUT', `/api/v1/attempts/${a2}/answers/7`, { token: c2, body: { answer: 'A', seq: 1 } });
  expectError(noQ2, 404, 'not_found');
  assert.equal(noQ2.data.error.field, 'pos');
  const it2 = p2.items[0];
  expectError(await api('PUT', `/api/v1/attempts/${a2}/answers/${it2.pos}`, { token: c2, body: { answer: L[it2.options.length], seq: 1 } }), 422, 'invalid_answer');
  const ok2 = await api('PUT', `/api/v1/attempts/${a2}/answers/${it2.pos}`, { token: c2, body: { answer: L[it2.options.length - 1], seq: 1 } });
  assert.equal(ok2.status, 200, JSON.stringify(ok2.data));
  assert.equal(ok2.data.answer, L[it2.options.length - 1]);
  expectError(await api('POST', `/api/v1/attempts/${a2}/invigilate`, { token: org, body: { action: 'extra_time', minutes: 10 } }), 422, 'missing_field');
  assert.equal((await api('POST', `/api/v1/attempts/${a2}/invigilate`, { token: org, body: { action: 'extra_time', minutes: 10, reason: '机器故障重启' } })).status, 200);
  const view = (await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).data.items;
  const v1 = view.find((x) => x.attempt_id === a1), v2 = view.find((x) => x.attempt_id === a2);
  assert.equal(v1.focus_losses, 1);
  assert.equal(v1.answered, 7);
  assert.ok(v2.seconds_left > 99 * 60, `${v2.seconds_left}`);
  // the candidate's exam page sees the extra time through its light status read
  const st2 = (await api('GET', '/api/v1/attempts', { token: c2 })).data.items.find((x) => x.attempt_id === a2);
  assert.equal(st2.extra_minutes, 10);
  assert.ok(st2.seconds_left > 99 * 60 && st2.deadline > 0);
  // submission: graded at once; later saves are refused
  const sub = await api('POST', `/api/v1/attempts/${a1}/submit`, { token: c1 });
  assert.equal(sub.data.status, 'submitted');
  assert.equal(sub.data.score, undefined);
  expectError(await api('PUT', `/api/v1/attempts/${a1}/answers/0`, { token: c1, body: { answer: 'A', seq: 99 } }), 409, 'time_over');
  const graded = (await api('GET', `/api/v1/sittings/${sit.id}/attempts`, { token: org })).data.items.find((x) => x.attempt_id === a1);
  assert.equal(graded.score, 100);
  // a burst of saves from a submitted and a live attempt at once: the committer takes them in shared batches
  // (on PostgreSQL one statement a batch); each answer is still the attempt's own
  const burst = await Promise.all([
    ...p1.data.items.map((it) => api('PUT', `/api/v1/attempts/${a1}/answers/${it.pos}`, { token: c1, body: { answer: 'A', seq: 500 + it.pos } })),
    ...p1.data.items.map((it) => api('PUT', `/api/v1/attempts/${a2}/answers/${it.pos}`, { token: c2, body: { answer: L[it.pos % 2], seq: 100 + it.pos } })),
  ]);
  for (const r of burst.slice(0, 7)) expectError(r, 409, 'time_over');
  burst.slice(7).forEach((r, i) => {
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.answer, L[p1.data.items[i].pos % 2]);
    assert.equal(r.data.seq, 100 + p1.data.items[i].pos);
  });
  const back2 = (await api('POST', `/api/v1/attempts/${a2}/open`, { token: c2 })).data;
  for (const it of p1.data.items) assert.equal(back2.answers[it.pos], L[it.pos % 2]);
  // 缺考 only before the paper is opened
  expectError(await api('POST', `/api/v1/attempts/${a2}/invigilate`, { token: org, body: { action: 'absent', reason: '未到场' } }), 409, 'already_started');
  // void for misconduct
  assert.equal((await api('POST', `/api/v1/attempts/${a2}/invigilate`, { token: org, body: { action: 'void', reason: '携带手机作弊' } })).status, 200);
  expectError(await api('PUT', `/api/v1/attempts/${a2}/answers/0`, { token: c2, body: { answer: 'A', seq: 1 } }), 409, 'time_over');
});

// /metrics (issue 18 item 6): every job of the autosave committer's batches waited once in its queue, so the
// queue-wait histogram counts exactly the jobs the batches held; nothing waits once the saves are answered;
// (at least the 14 saves of the two candidates at once above); the connections in use and open stay within the worker pool (plus the committer's own connection, and on PostgreSQL the workers' pipelined reads')
test('/metrics: the committer queue waits of every saved answer, and the database pool in use', async () => {
  const token = fs.readFileSync(process.env.JINENG_METRICS_TOKEN_FILE, 'utf8').trim();
  const text = await (await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).text();
  const val = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    assert.ok(line, `${name} in /metrics`);
    return Number(line.split(' ').pop());
  };
  const waits = val('jineng_autosave_queue_wait_seconds_count');
  assert.ok(waits >= 14, `the sitting's saves waited in the queue (${waits})`);
  assert.equal(waits, val('jineng_autosave_batch_saves_sum'));
  assert.equal(val('jineng_autosave_queued'), 0);
  assert.ok(val('jineng_autosave_queue_wait_seconds_sum') >= 0);
  const le = text.split('\n').filter((l) => l.startsWith('jineng_autosave_queue_wait_seconds_bucket{')).map((l) => Number(l.split(' ').pop()));
  assert.equal(le.at(-1), waits);
  const pool = val('jineng_db_pool_size');
  assert.ok(pool >= 2);
  const open = val('jineng_db_connections_open');
  // on PostgreSQL a worker may hold a second connection, for its pipelined reads (docs/OPERATIONS.md)
  const perWorker = BACKEND === 'postgres' ? 2 : 1;
  assert.ok(open >= 2 && open <= pool * perWorker + 1, `${open} connections open for a pool of ${pool} and the committer`);
  const used = val('jineng_db_connections_in_use');
  assert.ok(used >= 0 && used <= pool);
});
