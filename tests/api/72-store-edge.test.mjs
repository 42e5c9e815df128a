// The store edge (issue 11, deliverable 1): input can neither abort the server nor be answered as if the
// database had worked when it did not.
// - Long query values and path parameters: a value up to the bound reaches the query builder (which once
//   aborted the whole process on a 159-byte text: `regions?parent=` + 170 × 'a', a 53-character Chinese
//   name), a longer one is refused with 422 too_long naming the parameter; the server keeps serving.
// - PostgreSQL under faults: while a burst of exam autosaves runs, another session cancels and terminates
//   the server's database sessions; every save answered 200 is in the database with its value, every other
//   answer is a clean 503 (db_retry / db_busy), and the server still serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { api, login, expectError, unique, invigilators, BACKEND, BASE } from './lib.mjs';

const zh53 = [...'张三李四王五赵六钱七孙八周九吴十郑一冯二陈三褚四卫五蒋六沈七韩八杨九朱十'.repeat(2)].slice(0, 53).join('');
const enc = encodeURIComponent;

async function alive() {
  const h = await api('GET', '/api/v1/health');
  assert.equal(h.status, 200, 'the server still serves');
}

test('anonymous list filters: long values are answered, too long ones are 422 naming the field', async () => {
  assert.equal([...zh53].length, 53);
  assert.ok(Buffer.byteLength(zh53) >= 159);
  const a170 = 'a'.repeat(170), a300 = 'a'.repeat(300);
  for (const [path, key] of [['/api/v1/regions', 'parent'], ['/api/v1/institutions', 'name'], ['/api/v1/occupations', 'name'], ['/api/v1/plans', 'status']]) {
    for (const v of [a170, zh53, 'b'.repeat(256)]) {
      const r = await api('GET', `${path}?${key}=${enc(v)}`);
      assert.ok(r.status === 200 || r.status === 422, `${path}?${key}=<${v.length}>: ${r.status} ${JSON.stringify(r.data)}`);
      if (r.status === 422) assert.notEqual(r.data.error.code, 'too_long', 'within the bound');
      else assert.deepEqual(r.data.items, [], `${path}: nothing matches`);
      await alive();
    }
    const r = await api('GET', `${path}?${key}=${enc(a300)}`);
    expectError(r, 422, 'too_long');
    assert.equal(r.data.error.field, key);
    const z = await api('GET', `${path}?page=1&${key}=${enc(zh53 + zh53)}`);
    expectError(z, 422, 'too_long');
    assert.equal(z.data.error.field, key);
    await alive();
  }
});

test('logged-in list filters and path parameters: the same bound, named in the 422', async () => {
  const admin = await login('admin');
  const ok = await api('GET', `/api/v1/persons?name=${enc(zh53)}`, { token: admin });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.deepEqual(ok.data.items, []);
  const many = await api('GET', `/api/v1/persons?name=${enc(zh53)}&id_number=${'1'.repeat(200)}&phone=${'9'.repeat(200)}&region_code=${'3'.repeat(200)}`, { token: admin });
  assert.ok(many.status === 200 || many.status === 422, JSON.stringify(many.data));
  const long = await api('GET', `/api/v1/persons?page_size=20&name=${enc(zh53.repeat(2))}`, { token: admin });
  expectError(long, 422, 'too_long');
  assert.equal(long.data.error.field, 'name');
  const cert = await api('GET', `/api/v1/certificates/${'S'.repeat(300)}`, { token: admin });
  expectError(cert, 422, 'too_long');
  assert.equal(cert.data.error.field, 'number');
  const pub = await api('GET', `/api/v1/public/certificates/${enc(zh53.repeat(2))}`);
  expectError(pub, 422, 'too_long');
  assert.equal(pub.data.error.field, 'number');
  // a path parameter within the bound is the handler's business (not found here)
  const short = await api('GET', `/api/v1/certificates/${'S'.repeat(200)}`, { token: admin });
  assert.ok(short.status === 404 || short.status === 422, JSON.stringify(short.data));
  await alive();
});

// psql against the server's database (the harness exports JINENG_DB_URL); the cluster's own client when
// PATH has none (scripts/pg-temp.sh uses the same)
const PSQL = ['/usr/lib/postgresql/15/bin/psql', '/usr/bin/psql'].find((f) => fs.existsSync(f)) || 'psql';
function psql(sql) {
  return new Promise((resolve, reject) => {
    const p = spawn(PSQL, [process.env.JINENG_DB_URL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=0', '-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end(sql);
  });
}

// candidates with a started theory attempt each (as bench/autosave-setup.mjs, through the API)
async function openAttempts(n, items) {
  const admin = await login('admin'), org = await login('jinan_org_admin'), city = await login('jinan_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const tag = `se${unique()}`;
  for (let i = 0; i < items; i++) {
    const it = await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag} 题 ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'A', points: 5 } });
    assert.equal(it.status, 201, JSON.stringify(it.data));
  }
  const bp = await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: items }] } });
  assert.equal(bp.status, 200, JSON.stringify(bp.data));
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `store edge ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: today, exam_date: '2099-01-01', capacity: n, subjects: ['theory', 'practical'] } })).data;
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: city, body: { status: 'open' } })).status, 200);
  const sit = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 考场`, minutes: 300, invigilators: await invigilators(org) } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: org })).data.items;
  const out = [];
  for (const p of persons) {
    if (out.length === n) break;
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (reg.status !== 201) continue; // not eligible, already registered elsewhere: take the next person
    assert.equal((await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
    const adm = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: org, body: { registration_id: reg.data.id } });
    assert.equal(adm.status, 201, JSON.stringify(adm.data));
    const user = `${tag}u${out.length}`;
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } });
    if (u.status !== 201) continue; // the person has an account already
    const token = await login(user, 'Kite-River-2026');
    const open = await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/open`, { token });
    assert.equal(open.status, 200, JSON.stringify(open.data));
    out.push({ token, attempt: adm.data.attempt_id, items: open.data.items.length });
  }
  assert.equal(out.length, n, `${n} open attempts`);
  return out;
}

// the server's database faults so far (busy: a statement cancelled; retry: a session lost), from /metrics
async function dbFaults() {
  const token = fs.readFileSync(process.env.JINENG_METRICS_TOKEN_FILE, 'utf8').trim();
  const text = await (await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).text();
  return text.split('\n').filter((l) => /^jineng_db_faults_total\{kind="(busy|retry)"\} /.test(l)).reduce((s, l) => s + Number(l.split(' ').pop()), 0);
}

test('PostgreSQL: sessions cancelled and terminated during an autosave burst lose no acknowledged save', { skip: BACKEND !== 'postgres' && 'PostgreSQL only' }, async () => {
  const attempts = await openAttempts(12, 48);
  const faultsBefore = await dbFaults();
  const burstMs = 2500;
  // the fault loop: one psql session cancelling, then terminating, every other session of the database
  const rounds = [];
  // mostly cancels aimed at the group committer's session (its statements name answers / focus_losses or are
  // savepoints), every tenth round a terminate of every session of the server
  const all = "datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'";
  for (let i = 0; i < 300; i++) {
    rounds.push(i % 10 === 9
      ? `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE ${all};`
      : `SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE ${all} AND (query ~ 'focus_losses|INSERT INTO answers|SAVEPOINT' OR ${i % 3 === 0});`);
    rounds.push(`SELECT pg_sleep(${(0.002 + Math.random() * 0.008).toFixed(3)});`);
  }
  const faults = psql(rounds.join('\n'));
  const acked = new Map(); // "attempt/pos" -> { seq, answer } of the last 200
  const tally = { ok: 0, retry: 0, other: [] };
  const t0 = Date.now();
  // 4 lanes per attempt, each with its own positions and rising seq: the committer gets batches of many jobs
  // A position is written until one save of it is acknowledged, then never again (as a candidate moving on to
  // the next question), so the acknowledged save must be exactly what the database holds at the end.
  const lanes = 4;
  await Promise.all(attempts.flatMap((a) => Array.from({ length: lanes }, async (_, lane) => {
    let pos = lane;
    for (let seq = 1; pos < a.items && Date.now() - t0 < burstMs; seq++) {
      const answer = 'ABCD'[(seq + pos) % 4];
      let r;
      try {
        r = await api('PUT', `/api/v1/attempts/${a.attempt}/answers/${pos}`, { token: a.token, body: { answer, seq } });
      } catch (e) {
        tally.other.push(`fetch: ${e.message}`);
        continue;
      }
      if (r.status === 200) {
        assert.equal(r.data.durable, true);
        assert.equal(r.data.seq, seq);
        assert.equal(r.data.answer, answer);
        tally.ok++;
        acked.set(`${a.attempt}/${pos}`, { seq, answer });
        pos += lanes;
      } else if (r.status === 503 && ['db_retry', 'db_busy'].includes(r.data.error && r.data.error.code)) {
        assert.ok(r.data.error.message_zh && r.data.error.message_en);
        tally.retry++;
      } else {
        tally.other.push(`${r.status} ${JSON.stringify(r.data)}`);
      }
    }
  })));
  const killed = await faults;
  assert.equal(killed.code, 0, killed.err);
  const signalled = killed.out.split('\n').filter((l) => /^\d+$/.test(l)).reduce((s, l) => s + Number(l), 0);
  // every acknowledged save is in the database, exactly (it was the last save of its position)
  const ids = attempts.map((a) => a.attempt).join(',');
  const rows = await psql(`SELECT attempt_id, pos, seq, answer FROM answers WHERE attempt_id IN (${ids});`);
  assert.equal(rows.code, 0, rows.err);
  const stored = new Map(rows.out.trim().split('\n').filter(Boolean).map((l) => {
    const [att, pos, seq, answer] = l.split('|');
    return [`${att}/${pos}`, { seq: Number(seq), answer }];
  }));
  const lost = [];
  for (const [k, v] of acked) {
    const s = stored.get(k);
    if (!s || s.seq !== v.seq || s.answer !== v.answer) lost.push(`${k}: acked ${JSON.stringify(v)}, stored ${JSON.stringify(s)}`);
  }
  assert.deepEqual(lost, [], `acknowledged saves lost (of ${acked.size} positions, ${tally.ok} acks, ${tally.retry} refusals, ${signalled} sessions signalled)`);
  assert.deepEqual(tally.other, [], 'every answer is 200 or a clean 503');
  assert.ok(tally.ok >= 20, `saves acknowledged: ${tally.ok}`);
  assert.ok(signalled > 0, 'the fault loop hit the server\'s sessions');
  // the faults landed in the server's statements: its saves failed (the committer runs a failed batch again
  // with a savepoint per save, so they may all end acknowledged) and some were refused or counted as faults
  const faulted = (await dbFaults()) - faultsBefore;
  assert.ok(tally.retry > 0 || faulted > 0, `the server's statements were hit while sessions died (${tally.retry} saves refused, ${faulted} faults counted)`);
  // the server still serves, reads and writes
  await alive();
  const a = attempts[0];
  let again;
  for (let i = 0; i < 20; i++) {
    again = await api('PUT', `/api/v1/attempts/${a.attempt}/answers/0`, { token: a.token, body: { answer: 'D', seq: 1e6 } });
    if (again.status === 200) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(again.status, 200, JSON.stringify(again.data));
  console.log(`# store edge: ${tally.ok} saves acknowledged, ${tally.retry} refused with 503, ${signalled} sessions cancelled or terminated in ${burstMs} ms; none lost`);
});
