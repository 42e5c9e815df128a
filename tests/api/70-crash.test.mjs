// Durability of autosave: a second server on the same database takes saves from three candidates; it is
// killed with SIGKILL mid-stream and restarted; every save it acknowledged is there, with its answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { api, login, unique, BASE, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// a server of its own on the same database: first on a port the kernel chooses (--listen :0, read from its
// log), restarted on the same port after the kill
async function startServer(port = 0) {
  const child = spawn(process.env.JINENG_BIN, ['serve', '--insecure-test-mode', '--db', process.env.JINENG_DB_URL, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  for (let i = 0; i < 200; i++) {
    const m = /serving on http:\/\/[0-9.]+:(\d+)/.exec(log);
    if (m) {
      child.port = Number(m[1]);
      try { if ((await fetch(`http://127.0.0.1:${child.port}/api/v1/health`)).ok) return child; } catch { /* not yet */ }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the second server did not start: ${log}`);
}

test('every acknowledged save survives kill -9', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const inst = (await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code, tag = `k${unique()}`;
  for (let i = 0; i < 5; i++) await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag}-${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'A', points: 1 } });
  await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: 5 }] } });
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `断电 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(1), exam_date: plusDays(3), capacity: 9, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: '断电考场', minutes: 90, invigilators: await invigilators(org) } })).data;
  const persons = (await api('GET', '/api/v1/persons?page_size=80', { token: org })).data.items.slice(40, 43);
  const cands = [];
  for (const [i, p] of persons.entries()) {
    await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}c${i}`, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } });
    const reg = (await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } })).data;
    await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } });
    const attempt = (await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } })).data.attempt_id;
    const t = await login(`${tag}c${i}`, 'Kite-River-2026');
    assert.equal((await api('POST', `/api/v1/attempts/${attempt}/open`, { token: t })).status, 200);
    cands.push({ t, attempt });
  }
  let server = await startServer();
  const port = server.port;
  const acked = new Map(); // "attempt/pos" -> {seq, answer}
  let seq = 0, stop = false;
  const worker = async (c) => {
    while (!stop) {
      const pos = seq % 5, answer = 'ABCD'[seq % 4], s = ++seq;
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/attempts/${c.attempt}/answers/${pos}`, { method: 'PUT', headers: { Authorization: `Bearer ${c.t}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ answer, seq: s }) });
        if (r.status === 200) {
          const k = `${c.attempt}/${pos}`, prev = acked.get(k);
          if (!prev || prev.seq < s) acked.set(k, { seq: s, answer });
        }
      } catch { /* the server is gone */ }
    }
  };
  const runs = cands.flatMap((c) => [worker(c), worker(c), worker(c)]);
  // kill while saves are in flight, once some have been acknowledged (slow builds such as ASan take longer)
  for (let waited = 0; acked.size < 10 && waited < 15000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  server.kill('SIGKILL');
  stop = true;
  await Promise.all(runs);
  assert.ok(acked.size >= 5, `only ${acked.size} acknowledged saves`);
  server = await startServer(port);
  try {
    for (const c of cands) {
      const paper = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: c.t })).data;
      for (let pos = 0; pos < 5; pos++) {
        const a = acked.get(`${c.attempt}/${pos}`);
        if (!a) continue;
        assert.ok(paper.last_seq >= a.seq, `attempt ${c.attempt}: last seq ${paper.last_seq} < acknowledged ${a.seq}`);
        assert.ok(paper.answers[pos] !== undefined, `attempt ${c.attempt} position ${pos} lost`);
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
  assert.ok(BASE);
});
