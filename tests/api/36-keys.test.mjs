// Key rotation (docs/OPERATIONS.md, "Keys"): the PII key ring — a new key added, promoted, every sealed
// value re-sealed while a server goes on writing, the old key retired — and an issuer's signing key rotated.
// What a user sees does not change: the same ID numbers and phones, the same look-ups by blind index, old
// QR codes still genuine. On a demo province of its own (its own database and key file), on both backends.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BACKEND, PASSWORD, dbExec, idNumber } from './lib.mjs';

const BIN = process.env.JINENG_BIN, TMP = process.env.JINENG_TMP;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tag = `keys_${process.pid}`;
const KEY = path.join(TMP, `${tag}.key`);
let DB;
if (BACKEND === 'postgres') {
  dbExec(`CREATE DATABASE ${tag}`);
  DB = process.env.JINENG_DB_URL.replace(/\/\/\/[^?]+\?/, `///${tag}?`);
  after(() => dbExec(`DROP DATABASE IF EXISTS ${tag} WITH (FORCE)`));
} else {
  DB = `sqlite:${TMP}/${tag}.db`;
}

function jineng(...args) {
  const r = spawnSync(BIN, [...args, '--db', DB, '--key-file', KEY], { encoding: 'utf8', env: process.env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
// one sealed value of a table, straight from the database
function sealed(sql) {
  if (BACKEND === 'postgres') {
    const r = spawnSync('psql', ['-At', '-d', DB, '-c', sql], { encoding: 'utf8' });
    return r.stdout.trim();
  }
  return spawnSync('sqlite3', [DB.slice(7), sql], { encoding: 'utf8' }).stdout.trim();
}

async function serve() {
  const child = spawn(BIN, ['serve', '--insecure-test-mode', '--db', DB, '--key-file', KEY, '--listen', '127.0.0.1:0'],
    { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  for (let i = 0; i < 600 && !log.includes('serving on'); i++) await sleep(100); // migrations first: slow under ASan on a loaded machine
  const m = /serving on http:\/\/([0-9.]+:\d+)/.exec(log);
  assert.ok(m, log);
  const base = `http://${m[1]}`;
  const call = async (method, p, { token, body } = {}) => {
    const h = {};
    if (token) h.Authorization = `Bearer ${token}`;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const res = await fetch(base + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const ct = res.headers.get('content-type') || '';
    return { status: res.status, data: ct.includes('json') ? await res.json() : await res.text() };
  };
  const token = (await call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: PASSWORD } })).data.token;
  assert.ok(token);
  return {
    call, token,
    stop: () => new Promise((res) => { child.on('exit', res); child.kill('SIGTERM'); }),
  };
}

test('the PII key ring rotates under a running server and nothing a user sees changes', async () => {
  const demo = spawnSync(BIN, ['demo', '--no-serve', '--db', DB, '--key-file', KEY], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  const firstKey = fs.readFileSync(KEY, 'utf8').trim();
  assert.match(firstKey, /^[0-9a-f]{64}$/); // a new deployment: one bare key

  let s = await serve();
  const list = (await s.call('GET', '/api/v1/persons?page_size=20', { token: s.token })).data.items;
  const ids = list.map((p) => p.id);
  const seen = {};
  for (const id of ids) seen[id] = (await s.call('GET', `/api/v1/persons/${id}`, { token: s.token })).data;
  const withPhone = Object.values(seen).find((p) => p.phone);
  assert.ok(withPhone && withPhone.id_number, 'the demo has persons with phones');
  const byIdNumber = async (idn) => (await s.call('GET', `/api/v1/persons?id_number=${idn}`, { token: s.token })).data.items.map((p) => p.id);
  assert.deepEqual(await byIdNumber(withPhone.id_number), [withPhone.id]);

  let st = jineng('keys', 'status');
  assert.equal(st.code, 0, st.err);
  assert.match(st.out, /^key 1 {2}current/m);
  assert.match(st.out, /persons\.id_sealed: (\d+), key 1: \1\n/);
  assert.doesNotMatch(st.out, /key 2/);

  // a new key, distributed before it seals anything
  const add = jineng('keys', 'add');
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /key 2 added/);
  const ring = fs.readFileSync(KEY, 'utf8');
  assert.ok(ring.includes(`key 1 ${firstKey} current`));
  assert.match(ring, /^key 2 [0-9a-f]{64}$/m);
  assert.match(ring, /^index [0-9a-f]{64}$/m);
  assert.equal(fs.statSync(KEY).mode & 0o777, 0o600);
  expectRefused(jineng('keys', 'retire', '1'), /key 1 is current/);
  expectRefused(jineng('keys', 'promote', '9'), /key 9 is not in/);

  await s.stop();
  const promote = jineng('keys', 'promote', '2');
  assert.equal(promote.code, 0, promote.err);
  s = await serve();
  // new values are sealed under key 2; the old ones still open
  const idn = idNumber('370102', '19900303', process.pid % 1000);
  const made = await s.call('POST', '/api/v1/persons', { token: s.token, body: { name: '轮换新人', id_number: idn, phone: '13900001111' } });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  assert.match(sealed(`SELECT id_sealed FROM persons WHERE id = ${made.data.id}`), /^k2\./);
  assert.match(sealed(`SELECT id_sealed FROM persons WHERE id = ${withPhone.id}`), /^v1\./);
  assert.deepEqual((await s.call('GET', `/api/v1/persons/${withPhone.id}`, { token: s.token })).data, seen[withPhone.id]);
  expectRefused(jineng('keys', 'retire', '1'), /values are still sealed under key 1/);

  // re-seal while the server writes: every write acknowledged meanwhile stays readable
  let stop = false, n = 0;
  const written = [];
  const writer = (async () => {
    while (!stop && n < 200) {
      const i = ++n;
      const r = await s.call('POST', '/api/v1/persons', { token: s.token, body: { name: `写入${i}`, id_number: idNumber('370203', '19850515', i), phone: `1380000${String(i).padStart(4, '0')}` } });
      assert.equal(r.status, 201, JSON.stringify(r.data));
      written.push(r.data.id);
    }
  })();
  const reseal = await new Promise((res) => {
    const c = spawn(BIN, ['keys', 'reseal', '--batch', '200', '--db', DB, '--key-file', KEY], { env: process.env });
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => res({ code, out, err }));
  });
  stop = true;
  await writer;
  assert.equal(reseal.code, 0, reseal.err);
  assert.match(reseal.out, /re-sealed under key 2: \d+ values; \d+ rewritten by a server meanwhile; 0 unreadable/);
  assert.match(reseal.err, /re-seal persons\.id_sealed: \d+ in/); // progress, column by column
  st = jineng('keys', 'status');
  assert.doesNotMatch(st.out, /key 1: /);
  assert.match(st.out, /persons\.phone_sealed: (\d+), key 2: \1\n/);

  const retire = jineng('keys', 'retire', '1');
  assert.equal(retire.code, 0, retire.err);
  const after1 = fs.readFileSync(KEY, 'utf8');
  assert.ok(!after1.includes(firstKey), 'the retired key is gone from the file');
  assert.doesNotMatch(after1, /^key 1 /m);
  assert.match(after1, /^key 2 [0-9a-f]{64} current$/m);

  // a server holding only key 2 and the index key: the same persons, the same look-ups
  await s.stop();
  s = await serve();
  for (const id of ids) assert.deepEqual((await s.call('GET', `/api/v1/persons/${id}`, { token: s.token })).data, seen[id]);
  assert.deepEqual(await byIdNumber(withPhone.id_number), [withPhone.id]);
  for (const id of written.slice(-3)) assert.ok((await s.call('GET', `/api/v1/persons/${id}`, { token: s.token })).data.id_number);
  const audit = (await s.call('GET', '/api/v1/audit?action=pii.key.retire', { token: s.token })).data;
  assert.equal(audit.items?.length ?? audit.total, 1, JSON.stringify(audit));
  await s.stop();
});

test('an issuer key rotated: old QR codes stay genuine, new certificates are signed by the new key', async () => {
  const s = await serve();
  try {
    const no = (await s.call('GET', '/api/v1/certificates?page_size=1&status=valid', { token: s.token })).data.items[0].number;
    const c = (await s.call('GET', `/api/v1/certificates/${no}`, { token: s.token })).data;
    const q = new URL(c.qr_text);
    const oldKid = JSON.parse(Buffer.from(q.searchParams.get('d'), 'base64url')).kid;
    const inst = c.institution_id;
    assert.ok(inst > 0);

    const rot = jineng('keys', 'rotate-issuer', '--institution', String(inst));
    assert.equal(rot.code, 0, rot.err);
    assert.ok(rot.out.includes(`${oldKid} retired`), rot.out);
    const newKid = /retired, (\S+) signs/.exec(rot.out)[1];
    assert.notEqual(newKid, oldKid);

    const keys = (await s.call('GET', '/api/v1/public/keys')).data.keys;
    const o = keys.find((k) => k.kid === oldKid), n = keys.find((k) => k.kid === newKid);
    assert.ok(o.retired_at > 0 && o.created_at <= o.retired_at);
    assert.equal(n.retired_at, null);
    assert.equal(n.institution_id, inst);

    const page = await s.call('GET', `/v/${no}${q.search}`);
    assert.match(page.data, /二维码签名核验通过/);
    const re = await s.call('POST', `/api/v1/certificates/${no}/reissue`, { token: s.token, body: { reason: '密钥轮换后补发' } });
    assert.equal(re.status, 201, JSON.stringify(re.data));
    const neu = (await s.call('GET', `/api/v1/certificates/${re.data.number}`, { token: s.token })).data;
    const nq = new URL(neu.qr_text);
    assert.equal(JSON.parse(Buffer.from(nq.searchParams.get('d'), 'base64url')).kid, newKid);
    assert.match((await s.call('GET', `/v/${re.data.number}${nq.search}`)).data, /二维码签名核验通过/);
    expectRefused(jineng('keys', 'rotate-issuer', '--institution', '999999'), /does not exist/);
  } finally {
    await s.stop();
  }
});

function expectRefused(r, re) {
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.err, re);
}
