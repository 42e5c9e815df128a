// The login captcha (docs/security/auth.md "验证码"), the web UI's remembered preferences (GET/PUT
// /me/preferences) and 批量审核 of registrations (POST /plans/{id}/registrations/review).
//
// The captcha: the shared test server runs with it out of the way (scripts/test-all.sh sets the thresholds
// beyond reach, so the suites that count failed logins are not changed by it); this test starts two nodes of
// its own on the same database with the production thresholds (3 failures of an account, here 6 of a client
// address) and JINENG_TEST_CAPTCHA_LOG, the one way a test learns an answer: each new captcha's "id answer"
// line is appended to that file, which `jineng serve` accepts only with --insecure-test-mode (checked below).
// The database keeps only the SM3 hash of the answer. A captcha drawn on one node is answered on the other.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { api, login, unique, expectError, dbExec, idNumber, PASSWORD } from './lib.mjs';
import { checkReply, checkRequest } from './openapi.mjs';

const TMP = process.env.JINENG_TMP || '/tmp';
fs.mkdirSync(TMP, { recursive: true });
const LOG = `${TMP}/captcha-${process.pid}.log`;
const nodes = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startNode() {
  const env = { ...process.env, JINENG_CAPTCHA_AFTER: '3', JINENG_CAPTCHA_CLIENT_AFTER: '6', JINENG_TEST_CAPTCHA_LOG: LOG };
  const child = spawn(process.env.JINENG_BIN, ['serve', '--insecure-test-mode', '--trusted-proxy', '127.0.0.1', '--db', process.env.JINENG_DB_URL, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  for (let i = 0; i < 150 && !log.includes('serving on'); i++) await sleep(100);
  const m = /serving on http:\/\/([0-9.]+:\d+)/.exec(log);
  assert.ok(m, log);
  const node = { base: `http://${m[1]}`, child };
  nodes.push(node);
  return node;
}
after(async () => {
  for (const n of nodes) await new Promise((res) => { n.child.on('exit', res); n.child.kill('SIGTERM'); });
  fs.rmSync(LOG, { force: true });
});

// a request to a node as client `client` (the node trusts 127.0.0.1 as a proxy, so X-Forwarded-For names the
// client), checked against docs/openapi.yaml as lib.mjs checks the shared server's replies
async function call(node, client, method, path, body) {
  const headers = { 'X-Forwarded-For': client };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(node.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json();
  const reply = { status: res.status, data, headers: res.headers };
  const problems = [...checkReply(method, path, reply), ...checkRequest(method, path, res.status, body)];
  assert.deepEqual(problems, [], `${method} ${path}`);
  return reply;
}
const tryLogin = (node, client, username, password, captcha) => call(node, client, 'POST', '/api/v1/auth/login', { username, password, ...(captcha || {}) });

async function newCaptcha(node, client) {
  const r = await call(node, client, 'POST', '/api/v1/auth/captcha');
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const png = Buffer.from(r.data.image.replace(/^data:image\/png;base64,/, ''), 'base64');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), r.data.width); // IHDR width
  assert.equal(r.data.length, 5);
  const line = fs.readFileSync(LOG, 'utf8').split('\n').find((l) => l.startsWith(`${r.data.id} `));
  assert.ok(line, 'the test log holds the answer');
  const answer = line.split(' ')[1];
  assert.match(answer, /^[A-HJ-NP-Z2-9]{5}$/);
  // the database holds its hash, never the characters
  assert.doesNotMatch(dbExec(`SELECT answer_hash || ' ' || client FROM captchas WHERE id = '${r.data.id}'`), new RegExp(answer));
  return { id: r.data.id, answer };
}

// client addresses of this file alone (10.79.x.y, x from the process id): the failure counts per address are in
// the database the whole suite shares, and another file's failed logins from a common test address (e.g.
// 198.51.100.x) must not count here
const ipNet = 1 + (process.pid % 250);
const ip = () => `10.79.${ipNet}.${1 + (unique() % 250)}`;
let acct;
async function account() {
  if (acct) return acct;
  const admin = await login('admin');
  const username = `captcha${unique()}`;
  const r = await api('POST', '/api/v1/users', { token: admin, body: { username, password: PASSWORD, role: 'supervisor', region_code: '370100' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  acct = username;
  return username;
}

test('JINENG_TEST_CAPTCHA_LOG is refused without --insecure-test-mode', () => {
  const env = { ...process.env, JINENG_TEST_CAPTCHA_LOG: LOG };
  delete env.JINENG_ARGON2_FAST;
  const r = spawnSync(process.env.JINENG_BIN, ['serve', '--db', process.env.JINENG_DB_URL, '--listen', '127.0.0.1:0'], { env, encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /JINENG_TEST_CAPTCHA_LOG/);
});

test('after 3 failures an account needs a captcha: wrong, replayed and expired captchas are refused, a right one lets the login through, on either node', async () => {
  const [a, b] = [await startNode(), await startNode()];
  const user = await account();
  const c1 = ip();
  for (let i = 0; i < 3; i++) expectError(await tryLogin(a, c1, user, `Wrong-${i}-abcdef`), 401, 'bad_credentials');
  // the right password without a captcha: refused before the password counts, in both languages
  let r = await tryLogin(b, c1, user, PASSWORD);
  expectError(r, 401, 'captcha_required');
  assert.equal(r.data.error.field, 'captcha');
  assert.match(r.data.error.message_zh, /验证码/);
  // from another client too: the count is the account's (in the database, so on the other node as well)
  expectError(await tryLogin(b, ip(), user, PASSWORD), 401, 'captcha_required');
  // a wrong answer (drawn on node a, answered on node b) is refused and uses the captcha up
  const k1 = await newCaptcha(a, c1);
  const wrong = k1.answer.slice(0, 4) + (k1.answer[4] === 'A' ? 'B' : 'A');
  expectError(await tryLogin(b, c1, user, PASSWORD, { captcha_id: k1.id, captcha: wrong }), 401, 'captcha_wrong');
  expectError(await tryLogin(a, c1, user, PASSWORD, { captcha_id: k1.id, captcha: k1.answer }), 401, 'captcha_used');
  // right captcha, wrong password: a failure as before (and the captcha is gone)
  const k2 = await newCaptcha(b, c1);
  expectError(await tryLogin(a, c1, user, 'Wrong-x-abcdef', { captcha_id: k2.id, captcha: k2.answer.toLowerCase() }), 401, 'bad_credentials');
  expectError(await tryLogin(a, c1, user, PASSWORD, { captcha_id: k2.id, captcha: k2.answer }), 401, 'captcha_used');
  // an expired captcha
  const k3 = await newCaptcha(a, c1);
  dbExec(`UPDATE captchas SET expires_at = 1 WHERE id = '${k3.id}'`);
  r = await tryLogin(b, c1, user, PASSWORD, { captcha_id: k3.id, captcha: k3.answer });
  expectError(r, 401, 'captcha_expired');
  assert.match(r.data.error.message_en, /expired/);
  expectError(await tryLogin(b, c1, user, PASSWORD, { captcha_id: 'f'.repeat(32), captcha: 'ABCDE' }), 401, 'captcha_expired');
  // the right answer (drawn on b, answered on a, case-insensitive) with the right password
  const k4 = await newCaptcha(b, c1);
  r = await tryLogin(a, c1, user, PASSWORD, { captcha_id: k4.id, captcha: k4.answer.toLowerCase() });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.ok(r.data.token);
  // a success clears the account's count: no captcha now
  assert.equal((await tryLogin(b, c1, user, PASSWORD)).status, 200);
  // the login log tells the refusals by their reason, and the login that solved one
  const log = (await api('GET', `/api/v1/auth/logins?username=${user}&page_size=50`, { token: await login('admin') })).data.items;
  for (const reason of ['captcha_required', 'captcha_wrong', 'captcha_used', 'captcha_expired']) assert.ok(log.some((x) => x.reason === reason), `${reason} in ${JSON.stringify(log)}`);
});

test('6 failures from one client address need a captcha for any account from there, not from elsewhere', async () => {
  const [a] = nodes.length ? nodes : [await startNode()];
  const c2 = ip();
  for (let i = 0; i < 6; i++) expectError(await tryLogin(a, c2, `nobody${unique()}`, `Wrong-${i}-abcdef`), 401, 'bad_credentials');
  const user = await account();
  expectError(await tryLogin(a, c2, user, PASSWORD), 401, 'captcha_required');
  const k = await newCaptcha(a, c2);
  assert.equal((await tryLogin(a, c2, user, PASSWORD, { captcha_id: k.id, captcha: k.answer })).status, 200);
  assert.equal((await tryLogin(a, ip(), user, PASSWORD)).status, 200);
});

test('preferences: each account reads and replaces only its own object, at most 16 KB', async () => {
  const me = await login('jinan_org_admin');
  const other = await login('jinan_admin');
  const prefs = { columns: { 'inst-plans': ['id', 'name'] }, v: unique() };
  let r = await api('PUT', '/api/v1/me/preferences', { token: me, body: prefs });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.deepEqual(r.data, prefs);
  assert.deepEqual((await api('GET', '/api/v1/me/preferences', { token: me })).data, prefs);
  assert.notDeepEqual((await api('GET', '/api/v1/me/preferences', { token: other })).data, prefs);
  expectError(await api('PUT', '/api/v1/me/preferences', { token: me, body: { big: 'x'.repeat(17000) } }), 413, 'prefs_too_large');
  r = await api('PUT', '/api/v1/me/preferences', { token: me, raw: '[1,2]', headers: { 'Content-Type': 'application/json' } });
  assert.ok([400, 422].includes(r.status), JSON.stringify(r.data));
  assert.deepEqual((await api('GET', '/api/v1/me/preferences', { token: me })).data, prefs, 'unchanged by the refused writes');
  expectError(await api('GET', '/api/v1/me/preferences'), 401, 'login_required');
});

test('批量审核: each registration by the rule of one review, each outcome reported; another institution gets 404', async () => {
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const inst = (await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `批量审核 ${unique()}`, occupation_code: scope.occupation_code, level: 5, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(9), capacity: 10, subjects: ['theory', 'practical'] } })).data;
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } });
  const regs = [];
  for (let i = 0; i < 3; i++) {
    const p = await api('POST', '/api/v1/persons', { token: org, body: { name: `批审${i}号`, id_number: idNumber('370102', '19940712', 200 + ((unique() * 3 + i) % 700)) } });
    assert.ok(p.status === 201 || p.status === 200, JSON.stringify(p.data));
    const r = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.data.id, option: '2023-5-a', declared: true } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    regs.push(r.data.id);
  }
  // the third approved alone first: the batch then finds it reviewed
  assert.equal((await api('POST', `/api/v1/registrations/${regs[2]}/review`, { token: org, body: { decision: 'approve' } })).status, 200);
  // a rejection needs its reason, for the whole batch, before any row is touched
  expectError(await api('POST', `/api/v1/plans/${plan.id}/registrations/review`, { token: org, body: { ids: regs, decision: 'reject' } }), 422, 'missing_field');
  // another institution's administrator: the plan is not theirs
  expectError(await api('POST', `/api/v1/plans/${plan.id}/registrations/review`, { token: await login('qingdao_org_admin'), body: { ids: regs, decision: 'reject', reason: '材料不全' } }), 404, 'not_found');
  const r = await api('POST', `/api/v1/plans/${plan.id}/registrations/review`, { token: org, body: { ids: [regs[0], regs[1], regs[2], 999999999], decision: 'reject', reason: '材料不全' } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.done, 2);
  assert.equal(r.data.refused, 2);
  assert.deepEqual(r.data.items.map((x) => [x.id, x.ok, x.status || x.code]), [[regs[0], true, 'rejected'], [regs[1], true, 'rejected'], [regs[2], false, 'already_reviewed'], [999999999, false, 'not_found']]);
  for (const x of r.data.items.filter((i) => !i.ok)) assert.ok(x.message_zh && x.message_en);
  const list = (await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: org })).data.items;
  assert.deepEqual(regs.map((id) => list.find((x) => x.id === id).status), ['rejected', 'rejected', 'approved']);
  // each row its own audit record, with the reason
  const audit = (await api('GET', `/api/v1/audit?entity=registration&entity_id=${regs[0]}`, { token: await login('admin') })).data.items;
  assert.ok(audit.some((a) => a.action === 'registration.reject'), JSON.stringify(audit));
});
