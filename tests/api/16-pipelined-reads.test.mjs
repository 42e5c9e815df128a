// Pipelined reads (issue 25): on PostgreSQL a request thread sends the person look-ups and public verifications
// it meets in one turn down one connection together (src/http/readpipe.c). Hundreds of them at once, from
// principals of different scopes and with wrong names among them, must each get its own answer, in its own
// scope, exactly as one at a time would; on SQLite nothing is pipelined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { api, apiFrom, login, idNumber, unique, expectError, BASE, BACKEND } from './lib.mjs';

const TOKEN = fs.readFileSync(process.env.JINENG_METRICS_TOKEN_FILE, 'utf8').trim();
async function counters() {
  const text = await (await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  const v = (name) => Number((text.split('\n').find((l) => l.startsWith(`${name} `)) || ' 0').split(' ').pop());
  return { reads: v('jineng_db_pipelined_reads_total'), groups: v('jineng_db_pipelined_groups_total') };
}

test('look-ups by ID number from three scopes at once: each answer its own person, in its scope only', async () => {
  const admin = await login('admin');
  const jinan = await login('jinan_admin');
  const qingdao = await login('qingdao_admin');
  // six persons in 济南 and six in 青岛, with their names to tell the answers apart
  const people = [];
  for (let i = 0; i < 12; i++) {
    const region = i < 6 ? '370102' : '370202';
    const idn = idNumber(region, '19830425', 100 + ((unique() * 13 + i * 2) % 800));
    const name = `流水${i}号`;
    const r = await api('POST', '/api/v1/persons', { token: admin, body: { name, id_number: idn } });
    assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.data));
    people.push({ idn, name: r.data.name, id: r.data.id, city: i < 6 ? 'jinan' : 'qingdao' });
  }
  const before = await counters();
  const asks = [];
  for (let round = 0; round < 20; round++) {
    for (const p of people) {
      const who = [['admin', admin], ['jinan', jinan], ['qingdao', qingdao]][(round + p.id) % 3];
      asks.push({ p, who: who[0], r: api('GET', `/api/v1/persons?id_number=${p.idn}`, { token: who[1] }) });
    }
    // a number nobody holds
    asks.push({ p: null, who: 'admin', r: api('GET', `/api/v1/persons?id_number=${idNumber('370102', '19500101', 991)}`, { token: admin }) });
  }
  let pipelinable = 0;
  for (const a of asks) {
    const r = await a.r;
    assert.equal(r.status, 200, JSON.stringify(r.data));
    pipelinable++;
    const sees = a.p && (a.who === 'admin' || a.who === a.p.city);
    if (!sees) {
      assert.deepEqual(r.data, { items: [], total: 0 }, `${a.who} must not see ${a.p && a.p.name}`);
      continue;
    }
    assert.equal(r.data.total, 1, JSON.stringify(r.data));
    assert.equal(r.data.items.length, 1);
    assert.equal(r.data.items[0].id, a.p.id);
    assert.equal(r.data.items[0].name, a.p.name);
    assert.equal(r.data.items[0].id_number_masked, a.p.idn.slice(0, 4) + '**********' + a.p.idn.slice(14));
    assert.equal(r.data.items[0].id_number, undefined);
  }
  const after = await counters();
  if (BACKEND === 'postgres') {
    assert.ok(after.reads - before.reads >= pipelinable, `${after.reads - before.reads} of ${pipelinable} look-ups pipelined`);
    assert.ok(after.groups - before.groups < after.reads - before.reads, 'look-ups at once share round trips');
  } else {
    assert.equal(after.reads, 0);
  }
  // a look-up that is not one row by a whole number still pages and counts the ordinary way
  const page = await api('GET', `/api/v1/persons?id_number=${people[0].idn}&page_size=1`, { token: admin });
  assert.equal(page.data.total, 1);
  expectError(await api('GET', `/api/v1/persons?id_number=${'1'.repeat(300)}`, { token: admin }), 422, 'too_long');
});

test('public verifications at once, right and wrong names mixed: each its own answer', async () => {
  const org = await login('jinan_org_admin');
  const admin = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: org })).data.items.slice(60, 64);
  const results = [];
  for (const p of persons) {
    const r = await api('POST', '/api/v1/results', {
      token: admin,
      body: { institution_id: inst.id, correction_reason: '历史记录补录（测试）', person_id: p.id, occupation_code: scope.occupation_code, level: scope.levels[0], exam_date: '2026-10-18', theory: 82, practical: 75, review: scope.levels[0] <= 2 ? 70 : null },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    results.push(r.data.id);
  }
  const issued = await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: results } });
  assert.equal(issued.status, 201, JSON.stringify(issued.data));
  const certs = issued.data.numbers.map((no, i) => ({ no, name: persons[i].name }));
  // from a client of its own behind the trusted proxy, so the shared look-up budget of 127.0.0.1 is not spent
  const verify = (no, name) => apiFrom('127.0.0.2', 'GET', `/api/v1/public/certificates/${no}?name=${encodeURIComponent(name)}`,
    { headers: { 'X-Forwarded-For': `198.51.100.${16 + (unique() % 8)}` } });
  const before = await counters();
  const asks = [];
  for (let round = 0; round < 8; round++) {
    certs.forEach((c, i) => {
      asks.push({ c, right: true, r: verify(c.no, c.name) });
      asks.push({ c, right: false, r: verify(c.no, certs[(i + 1) % certs.length].name) });
    });
  }
  for (const a of asks) {
    const r = await a.r;
    if (!a.right) {
      expectError(r, 404, 'not_found');
      continue;
    }
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.number, a.c.no);
    assert.equal(r.data.name, a.c.name);
    assert.equal(r.data.valid, true);
  }
  const after = await counters();
  if (BACKEND === 'postgres') assert.ok(after.reads - before.reads >= asks.length, `${after.reads - before.reads} of ${asks.length} verifications pipelined`);
  else assert.equal(after.reads, 0);
});

const PSQL = ['/usr/lib/postgresql/15/bin/psql', '/usr/bin/psql'].find((f) => fs.existsSync(f)) || 'psql';
function psql(sql) {
  return new Promise((resolve, reject) => {
    const p = spawn(PSQL, [process.env.JINENG_DB_URL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=0', '-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out }));
    p.stdin.end(sql);
  });
}

test('PostgreSQL: the server\'s sessions terminated under a stream of look-ups: each answer right or 503, then pipelined again', { skip: BACKEND !== 'postgres' && 'PostgreSQL only' }, async () => {
  const admin = await login('admin');
  const idn = idNumber('370102', '19790521', 200 + (unique() % 300) * 2);
  const made = await api('POST', '/api/v1/persons', { token: admin, body: { name: '断线', id_number: idn } });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  // eight times: every session of the server terminated (its pipelined connections with the rest), 150 ms apart
  const all = "datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'";
  const rounds = [];
  for (let i = 0; i < 8; i++) rounds.push(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE ${all};`, 'SELECT pg_sleep(0.15);');
  let done = false;
  const faults = psql(rounds.join('\n')).then((r) => { done = true; return r; });
  const tally = { ok: 0, retry: 0 };
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (!done) {
      const r = await api('GET', `/api/v1/persons?id_number=${idn}`, { token: admin });
      if (r.status === 200) {
        assert.equal(r.data.total, 1, JSON.stringify(r.data));
        assert.equal(r.data.items[0].id, made.data.id);
        tally.ok++;
      } else {
        expectError(r, 503, 'db_retry');
        tally.retry++;
      }
    }
  }));
  const f = await faults;
  assert.equal(f.code, 0);
  assert.ok(tally.ok > 0, JSON.stringify(tally));
  // a second after the last fault the threads' pipes are open again: look-ups at once are answered, pipelined
  await new Promise((r) => setTimeout(r, 1200));
  const before = await counters();
  const again = await Promise.all(Array.from({ length: 40 }, () => api('GET', `/api/v1/persons?id_number=${idn}`, { token: admin })));
  for (const r of again) assert.equal(r.status, 200, JSON.stringify(r.data));
  const after = await counters();
  assert.ok(after.reads - before.reads >= 40, `${after.reads - before.reads} of 40 pipelined after the faults`);
  console.log(`# pipelined reads under terminated sessions: ${tally.ok} answered, ${tally.retry} refused with 503`);
});
