// Shared helpers for the API tests: a real jineng server is running at JINENG_BASE (scripts/test-all.sh).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import { checkReply, checkRequest } from './openapi.mjs';

export const BASE = process.env.JINENG_BASE;
export const BACKEND = process.env.JINENG_BACKEND;
export const PASSWORD = 'Demo@Skills2026';

// every reply must be as docs/openapi.yaml declares it (status, media type, JSON schema without undeclared
// fields), and a JSON body the server accepted as its request schema says: openapi.mjs. With
// JINENG_OPENAPI_LOG=FILE the problems are appended to FILE instead of failing the test, to see all of a
// run's at once while the description is being brought up to date.
function conform(method, path, reply, body) {
  const problems = [...checkReply(method, path, reply), ...checkRequest(method, path, reply.status, body)];
  if (process.env.JINENG_OPENAPI_LOG) {
    if (problems.length) fs.appendFileSync(process.env.JINENG_OPENAPI_LOG, `${problems.join('\n')}\n`);
    return reply;
  }
  if (problems.length) throw new assert.AssertionError({ message: `reply not as docs/openapi.yaml declares: ${method} ${path}: ${problems.join(' | ')}` });
  return reply;
}

export async function api(method, path, { token, body, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await send(method, BASE + path, h, payload);
  const ct = res.headers.get('content-type') || '';
  const data = ct.includes('json') ? JSON.parse(res.body.toString('utf8')) : res.body;
  return conform(method, path, { status: res.status, data, headers: res.headers }, raw === undefined ? body : undefined);
}

// one request over node:http on kept-alive connections: fetch() (undici and its web streams) cost the API
// suites about a tenth of their test processes' CPU. Resolves { status, headers (a Headers), body (a Buffer) }.
// A kept-alive connection the server has closed (its 60 s idle timeout, or a test that stopped and started the
// server while a blocking child process kept this process from reading the close) fails as soon as it is
// written to, before any reply: such a request is sent once more on a new connection, as a browser does
const agent = new http.Agent({ keepAlive: true });
const STALE = new Set(['ECONNRESET', 'EPIPE']);
function send(method, url, headers, payload, again = true) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (payload !== undefined) h['Content-Length'] = Buffer.byteLength(payload);
    const req = http.request(url, { method, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const hs = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) hs.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        resolve({ status: res.statusCode, headers: hs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', (err) => {
      if (again && req.reusedSocket && STALE.has(err.code)) resolve(send(method, url, headers, payload, false));
      else reject(err);
    });
    req.end(payload);
  });
}

const tokens = {};
export async function login(username, password = PASSWORD) {
  if (tokens[username]) return tokens[username];
  const r = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.data)}`);
  tokens[username] = r.data.token;
  return r.data.token;
}

// a valid 18-digit resident ID number (GB 11643) for a region, birth date and sequence. Every file of the suite
// writes to one database: give each file's persons a birth date no other file uses with the same region
// (scripts/check-test-persons.mjs, in make test, fails on a clash: the second name is refused, name_mismatch)
export function idNumber(region6, ymd, seq) {
  const body = `${region6}${ymd}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + '10X98765432'[s % 11];
}

// a valid unified social credit code (GB 32100) from its first 17 characters
export function creditCode(first17) {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = 0;
  for (let i = 0; i < 17; i++) s += cs.indexOf(first17[i]) * w[i];
  const c = (31 - (s % 31)) % 31;
  return first17 + cs[c];
}

let counter = Date.now() % 100000;
export function unique() { return ++counter; }

export function expectError(r, status, code) {
  assert.equal(r.status, status, JSON.stringify(r.data));
  assert.equal(r.data.error.code, code, JSON.stringify(r.data));
  assert.ok(r.data.error.message_zh && r.data.error.message_en, 'both languages');
}

// two invigilators (监考) for a sitting of the caller's institution: its active staff and examiners
export async function invigilators(token, count = 2) {
  const me = (await api('GET', '/api/v1/auth/me', { token })).data;
  const inst = me.user ? me.user.institution_id : me.institution_id;
  const users = (await api('GET', '/api/v1/users?page_size=200', { token })).data.items;
  const ids = users.filter((u) => u.institution_id === inst && ['institution_staff', 'examiner', 'institution_admin'].includes(u.role) && !u.disabled).map((u) => u.id);
  assert.ok(ids.length >= count, `the institution has ${count} possible invigilators`);
  return ids.slice(0, count);
}

// qualify: registers a 考评员 / 高级考评员 / 督导员 qualification from the records for an account (panels and the
// dispatch take only holders of a valid one: svc/platform/workforce.h), valid far beyond any test's exam date
export async function qualify(token, userId, grade = 'examiner') {
  const r = await api('POST', '/api/v1/qualifications', { token, body: { user_id: userId, basis: 'record', grade, cert_no: `T-${grade}-${userId}`, valid_from: '2000-01-01', valid_until: '2999-12-31' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

// dayAfterSupervisors: the day after the last 督导员 qualification in [from, to) the database holds (from when
// there is none), read as the province. A test that dispatches needs a day on which only its own supervisors
// are qualified and only its own sittings are held, in a database the earlier test files share; days taken
// from the clock went back every 5.5 hours (the clock modulo a range) and a build just after the wrap found
// an earlier build's supervisor qualified on its day (CI, 2026-12-05: two supervisors for one sitting)
export async function dayAfterSupervisors(token, from, to) {
  let last = null;
  for (let page = 1; ; page++) {
    const r = await api('GET', `/api/v1/supervisors?sort=-valid_until&page_size=500&page=${page}`, { token });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    for (const s of r.data.items) if (s.valid_until >= from && s.valid_until < to && (!last || s.valid_until > last)) last = s.valid_until;
    if (r.data.items.length < 500) break;
  }
  if (!last) return from;
  const day = new Date(Date.parse(`${last}T00:00:00Z`) + 86400e3).toISOString().slice(0, 10);
  assert.ok(day < to, `a day left in [${from}, ${to})`);
  return day;
}

// dbExec: runs one SQL statement on the test database behind the server (sqlite3 or psql), for the few
// tests that must move time on, such as the end of a 公示 period. Never used to set up what the API can.
export function dbExec(sql) {
  const url = process.env.JINENG_DB_URL;
  const r = url.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-cmd', '.timeout 5000', url.slice(7), sql], { encoding: 'utf8' })
    : spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', url, '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${sql}: ${r.stderr}`);
  return r.stdout;
}

// gate: makes a race of concurrent requests happen every time instead of now and then. On PostgreSQL a second
// session takes the locks `lockSql` takes (a no-op UPDATE of a row, "UPDATE plans SET status = status WHERE
// id = 7"; or "LOCK TABLE registrations IN SHARE MODE", which lets reads through and stops every insert) and
// holds them for `ms`; requests sent meanwhile read what they read and wait at their first write behind those
// locks, then all go on at once when the gate opens. Returns { opened }, a promise that settles when the
// session has committed. A use case that locks its row before it reads (the fix of a check-then-act race)
// lets only one through at a time; one that reads first lets each act on what it read. On SQLite (one writer
// at a time, nothing to hold open) the gate is open at once and the requests run one after another.
export async function gate(lockSql, ms = 800) {
  if (!process.env.JINENG_DB_URL.startsWith('postgres')) return { opened: Promise.resolve() };
  const p = spawn('psql', ['-v', 'ON_ERROR_STOP=1', '-qAt', '-d', process.env.JINENG_DB_URL], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '', err = '';
  p.stderr.on('data', (d) => { err += d; });
  const opened = new Promise((resolve, reject) => p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`gate: ${err}`)))));
  await new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => { out += d; if (out.includes('gate-locked')) resolve(); });
    opened.catch(reject);
    p.stdin.end(`BEGIN;\n${lockSql};\nSELECT 'gate-locked';\nSELECT pg_sleep(${ms / 1000});\nCOMMIT;\n`);
  });
  return { opened };
}

// a request sent from another loopback address (the test server trusts 127.0.0.2 as a reverse proxy, see
// scripts/test-all.sh), e.g. with an X-Forwarded-For header
export function apiFrom(localAddress, method, path, { token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) { h['Content-Type'] = 'application/json'; h['Content-Length'] = Buffer.byteLength(payload); }
  const u = new URL(BASE + path);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data = text;
        if ((res.headers['content-type'] || '').includes('json')) data = JSON.parse(text);
        try {
          resolve(conform(method, path, { status: res.statusCode, data, headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)])) }, body));
        } catch (e) { reject(e); }
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
