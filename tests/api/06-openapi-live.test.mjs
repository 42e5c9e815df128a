// docs/openapi.yaml against the live server. lib.mjs checks every reply of every API test against the
// description (the status must be declared for the operation, the media type too, and a JSON body must be
// valid against the declared schema: openapi.mjs); this file makes sure that every operation is seen doing so:
// a real success of each (the scope matrix's fixtures and each row's owner, scope-fixtures.mjs), and the errors
// any operation can be made to answer: 401 without a token where the description asks for one (and not where
// it says `security: []`), 401 for a bad token, 422 for an over-long query value, 400 for a body that is not
// JSON, 404 for an unknown id in the path (a parent included: an empty list or a 409 is wrong), 405 with an
// Allow header naming exactly the methods the description has for the path, 413 for a body over the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, login } from './lib.mjs';
import { SPEC, OPERATIONS, seen } from './openapi.mjs';
import { MATRIX } from './scope-matrix.mjs';
import { f, build } from './scope-fixtures.mjs';

const UNKNOWN = { dataset: 'no-such-dataset', period: '2031', id: '999999999', registration: '999999999', pos: '0', code: '9-99-99-99', number: 'S000099999999999999', list: '999999', city: '999999', year: '2031' };
const fill = (p) => `/api/v1${p.replace(/\{(\w+)\}/g, (_, n) => UNKNOWN[n])}`;
const isPublic = (o) => Array.isArray(o.op.security) && o.op.security.length === 0;
const key = (o) => `${o.method} ${o.path}`;
const rowsOf = (o) => MATRIX.filter((r) => r.route === key(o) && r.allow.trim());
const reads = (o) => o.op.requestBody?.content?.['application/json'];
const short = (r) => `${r.status} ${r.data?.error?.code || ''}`.trim();
// the principal that owns a row's target (its control), else the first it allows
const owner = (row) => row.control || row.allow.trim().split(/\s+/)[0];
// a request of a row as who: its path, and its body or raw CSV
function request(row, who, pathOverride, token = who === 'anon' ? undefined : f.tokens[who]) {
  const [method] = row.route.split(' ');
  const opts = { token };
  if (row.raw) { opts.raw = row.raw(f, who, true); opts.headers = { 'Content-Type': row.ct }; }
  else if (row.body) opts.body = row.body(f, who, true);
  else if (method !== 'GET') opts.body = {};
  if (row.headers) opts.headers = { ...(opts.headers || {}), ...row.headers(f, who, true) };
  return api(method, pathOverride || `/api/v1${row.path(f, who)}`, opts);
}

test('the description has every operation with an id, one tag, a summary and the shared Error', () => {
  assert.ok(OPERATIONS.length >= 95, `${OPERATIONS.length} operations`);
  const ids = OPERATIONS.map((o) => o.op.operationId);
  assert.deepEqual(ids.filter((x, i) => !/^[a-z][a-zA-Z0-9]*$/.test(x) || ids.indexOf(x) !== i), [], 'operationIds camelCase and unique');
  const tags = new Set(SPEC.tags.map((t) => t.name));
  assert.deepEqual([...tags].sort(), ['audit', 'auth', 'cert', 'competition', 'cultivation', 'evaluation', 'exam', 'incentive', 'platform', 'public', 'reference', 'registry', 'stats', 'supervision', 'training']);
  for (const o of OPERATIONS) {
    assert.ok(o.op.summary && o.op.tags.length === 1 && tags.has(o.op.tags[0]), `${key(o)}: summary and one tag`);
    const st = Object.keys(o.op.responses);
    assert.ok(st.some((s) => s < '300'), `${key(o)}: a success`);
    for (const s of st.filter((x) => x >= '400')) {
      const r = o.op.responses[s].$ref ? SPEC.components.responses[o.op.responses[s].$ref.split('/').pop()] : o.op.responses[s];
      const schema = r.content['application/json'].schema;
      const refs = schema.$ref ? [schema.$ref] : (schema.oneOf || []).map((x) => x.$ref);
      assert.ok(refs.includes('#/components/schemas/Error'), `${key(o)} ${s}: the shared Error`);
    }
    for (const s of ['401', '422', '503']) assert.ok(o.op.responses[s], `${key(o)}: declares ${s}`);
  }
  assert.deepEqual(SPEC.components.schemas.Error.required, ['error']);
});

test('security: [] on exactly the routes the public may call (the binary\'s table, jineng routes)', () => {
  const routes = JSON.parse(execFileSync(process.env.JINENG_BIN, ['routes', '--json'], { encoding: 'utf8' }));
  const pub = new Set(routes.filter((r) => r.roles.includes('public')).map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`));
  assert.ok(pub.size >= 16, `${pub.size} public routes`);
  assert.deepEqual(OPERATIONS.filter(isPublic).map(key).sort(), [...pub].sort());
});

test('an unknown parent (or person referred to) is 404 not_found, not an empty list or a conflict', async () => {
  const prov = await login('admin');
  const ex1 = (await api('GET', '/api/v1/auth/me', { token: await login('examiner1') })).data;
  const examiner = ex1.user ? ex1.user.id : ex1.id;
  const wrong = [];
  for (const [m, p, body, token] of [
    ['GET', '/occupations/9-99-99-99/standards'],
    ['POST', '/occupations/9-99-99-99/standards', { version: `v${Date.now()}`, template: '2023' }, prov],
    ['GET', '/plans/999999999/registrations', undefined, prov],
    ['POST', '/plans/999999999/registrations', { person_id: 1, option: '2023-5-a', declared: true }, prov],
    ['GET', '/plans/999999999/sittings', undefined, prov],
    ['GET', '/plans/999999999/objections', undefined, prov],
    ['GET', '/plans/999999999/history', undefined, prov],
    ['GET', '/institutions/999999999/status-history', undefined, prov],
    ['POST', '/persons/999999999/titles', { grade: 'junior', name: '助理工程师', obtained_on: '2016-06-01' }, prov],
    ['POST', `/users/${examiner}/avoidances`, { person_id: 999999999, reason: '考生为其亲属' }, prov],
    ['POST', '/items', { institution_id: 999999999, occupation_code: '6-31-01-03', level: 5, kind: 'single', area: '未知机构', stem: `未知机构的题 ${Date.now()}`, options: ['甲', '乙'], answer: 'A' }, prov],
  ]) {
    const r = await api(m, `/api/v1${p}`, { token, body });
    if (short(r) !== '404 not_found') wrong.push(`${m} ${p}: ${short(r)}`);
  }
  assert.deepEqual(wrong, []);
});

test('without a token: 401 login_required exactly where the description asks for one', async () => {
  const wrong = [];
  for (const o of OPERATIONS) {
    const r = await api(o.method, fill(o.path), reads(o) ? { body: {} } : o.method === 'GET' ? {} : { raw: '' });
    const refused = r.status === 401 && r.data.error.code === 'login_required';
    if (refused === isPublic(o)) wrong.push(`${key(o)}: ${short(r)} (security: ${isPublic(o) ? '[]' : 'bearer'})`);
  }
  assert.deepEqual(wrong, []);
});

test('a bad token is 401 invalid_token, an over-long query value 422 too_long, on every operation', async () => {
  const wrong = [];
  for (const o of OPERATIONS) {
    const r = await api(o.method, fill(o.path), { token: 'not-a-session-token', body: reads(o) ? {} : undefined });
    if (short(r) !== '401 invalid_token') wrong.push(`${key(o)} bad token: ${short(r)}`);
    const q = await api(o.method, `${fill(o.path)}?x=${'长'.repeat(100)}`, { body: reads(o) ? {} : undefined });
    if (short(q) !== '422 too_long') wrong.push(`${key(o)} long query: ${short(q)}`);
  }
  assert.deepEqual(wrong, []);
});

test('405 names in Allow exactly the methods the description has for the path', async () => {
  const wrong = [];
  for (const p of Object.keys(SPEC.paths)) {
    // the methods of every path of the description that the URL matches (/items/import is also /items/{id})
    const url = fill(p);
    const methods = [...new Set(OPERATIONS.filter((o) => o.re.test(url.slice(7))).map((o) => o.method))];
    const want = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].sort();
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((x) => !methods.includes(x)).slice(0, 2)) {
      const r = await api(m, url);
      const allow = (r.headers.get('allow') || '').split(/,\s*/).filter(Boolean).sort();
      if (short(r) !== '405 method_not_allowed' || allow.join() !== want.join()) wrong.push(`${m} ${p}: ${short(r)} Allow: ${r.headers.get('allow')} (want ${want.join(', ')})`);
    }
  }
  assert.deepEqual(wrong, []);
  const web = await api('POST', '/index.html');
  assert.equal(web.status, 405);
  assert.equal(web.headers.get('allow'), 'GET, HEAD');
});

test('every operation answers a success as declared; bodies that are not JSON are 400; unknown ids 404', async (t) => {
  await build();
  // a success of each operation: each row of the scope matrix as its owner, in the matrix's order (a row's
  // fixtures may need the rows before it)
  for (const row of MATRIX.filter((r) => r.allow.trim())) {
    const who = owner(row);
    let token; // a fresh session where the row ends the one it uses (log-out)
    if (row.fresh && who !== 'anon') token = (await api('POST', '/api/v1/auth/login', { body: { username: f.logins[who][0], password: f.logins[who][1] } })).data.token;
    const r = await request(row, who, undefined, token);
    if (row.after) row.after(f, who, true, r);
  }
  // what the matrix has no owner's success for: a password change (its row sends a wrong current password)
  const user = `${f.tag}pw`;
  assert.equal((await api('POST', '/api/v1/users', { token: f.tokens.prov, body: { username: user, password: f.PW, role: 'examiner', institution_id: f.instA } })).status, 201);
  const tok = await login(user, f.PW);
  assert.equal((await api('POST', '/api/v1/auth/password', { token: tok, body: { old_password: f.PW, new_password: 'Mx!Changed-Pass-2026' } })).status, 200);
  const missing = OPERATIONS.filter((o) => ![...(seen().get(o.op.operationId) || [])].some((s) => s < 300)).map(key);
  assert.deepEqual(missing, [], 'operations without a success checked against their schema');

  // a body that is not JSON: 400 malformed_json, before anything else is done
  const wrong = [];
  for (const o of OPERATIONS.filter(reads)) {
    const row = rowsOf(o)[0];
    assert.ok(row, `${key(o)}: a row of the matrix`);
    const who = owner(row);
    const r = await api(o.method, `/api/v1${row.path(f, who)}`, { token: f.tokens[who], raw: '{"a": ', headers: { 'Content-Type': 'application/json' } });
    if (short(r) !== '400 malformed_json') wrong.push(`${key(o)}: ${short(r)}`);
  }
  // an unknown id in the path, as the owner, with the body that succeeds for a real one: 404 not_found
  for (const o of OPERATIONS.filter((x) => x.path.includes('{'))) {
    const row = rowsOf(o)[0];
    const r = await request(row, owner(row), `${fill(o.path)}${o.path.startsWith('/public/certificates/') ? '?name=x' : ''}`);
    if (short(r) !== '404 not_found') wrong.push(`${key(o)} unknown id: ${short(r)} ${r.data?.error?.message_en || ''}`);
  }
  // a body over the limit: 413 body_too_large
  const big = await api('POST', '/api/v1/persons', { token: f.tokens.instA, raw: `{"name":"${'x'.repeat(2 << 20)}"}`, headers: { 'Content-Type': 'application/json' } });
  if (short(big) !== '413 body_too_large') wrong.push(`POST /persons 2 MiB: ${short(big)}`);
  assert.deepEqual(wrong, []);
  const pairs = [...seen().values()].reduce((n, s) => n + s.size, 0);
  t.diagnostic(`${OPERATIONS.length} operations, each with a success; ${pairs} (operation, status) pairs checked against docs/openapi.yaml`);
});
