// The web UI's API client and the rule that pages call the API only through it (no browser needed).
//   - no file under web/src (the generated client aside) spells an API path ('/api/v1'), calls fetch or
//     XMLHttpRequest itself (api.js does, for the generated client);
//   - web/src/api/client.js is what web/scripts/gen-api.mjs makes of docs/openapi.yaml today;
//   - the client has one function per operation of the spec, and each sends the spec's method to the spec's
//     path (path parameters substituted and encoded, the query string, a JSON or file body);
//   - every name a page imports from the client is an operation of the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const SRC = path.join(ROOT, 'web/src');
const CLIENT = path.join(SRC, 'api/client.js');
const gen = await import(pathToFileURL(path.join(ROOT, 'web/scripts/gen-api.mjs')).href);

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const sources = walk(SRC).filter((f) => /\.(vue|js|mjs)$/.test(f) && f !== CLIENT);
const rel = (f) => path.relative(ROOT, f);

test('no page, component or store spells an API path or calls fetch itself', () => {
  const domains = sources.filter((f) => f.startsWith(path.join(SRC, 'domains') + path.sep));
  assert.ok(domains.length >= 30, `the views are under web/src/domains (found ${domains.length} files)`);
  const paths = sources.filter((f) => readFileSync(f, 'utf8').includes('/api/v1')).map(rel);
  assert.deepEqual(paths, [], 'files that spell /api/v1 (call the generated client, web/src/api/client.js)');
  const direct = sources.filter((f) => !f.endsWith(`${path.sep}api.js`) && /\bfetch\(|XMLHttpRequest/.test(readFileSync(f, 'utf8'))).map(rel);
  assert.deepEqual(direct, [], 'files that call fetch or XMLHttpRequest themselves');
});

test('every domain has routes.js and views/, and the router collects them', () => {
  const dir = path.join(SRC, 'domains');
  const names = readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory());
  for (const d of ['registry', 'auth', 'evaluation', 'exam', 'cert', 'stats', 'system', 'public']) assert.ok(names.includes(d), `domains/${d}`);
  for (const d of names) {
    const routes = readFileSync(path.join(dir, d, 'routes.js'), 'utf8');
    assert.match(routes, /export default \[/, `domains/${d}/routes.js exports its routes`);
    for (const m of routes.matchAll(/import\('([^']+)'\)/g)) {
      assert.match(m[1], /^\.\/views\/[A-Za-z]+\.vue$/, `domains/${d}/routes.js routes its own views only: ${m[1]}`);
      statSync(path.join(dir, d, m[1]));
    }
  }
  assert.match(readFileSync(path.join(SRC, 'router/index.js'), 'utf8'), /import\.meta\.glob\('\.\.\/domains\/\*\/routes\.js'/);
});

const spec = readFileSync(path.join(ROOT, 'docs/openapi.yaml'), 'utf8');
const { text, ops } = gen.generate(spec);

test('web/src/api/client.js is generated from docs/openapi.yaml as it is now', () => {
  assert.equal(readFileSync(CLIENT, 'utf8'), text, 'client.js is stale: run node web/scripts/gen-api.mjs (the build does)');
  assert.ok(ops.length >= 90, `operations: ${ops.length}`);
  assert.equal(new Set(ops.map((o) => o.name)).size, ops.length, 'operation names are unique');
  assert.deepEqual(ops.filter((o) => !o.operationId).map((o) => `${o.method} ${o.path}`), [], 'operations without an operationId');
});

test('each client function sends its operation', async () => {
  // api.js reads the token and the language from localStorage
  const store = new Map([['jineng.token', 'tok123']]);
  globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) };
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const sent = [];
  globalThis.XMLHttpRequest = class {
    constructor() { this.upload = {}; this.headers = {}; }
    open(method, url) { this.method = method; this.url = url; }
    setRequestHeader(k, v) { this.headers[k] = v; }
    send(body) {
      sent.push({ method: this.method, url: this.url, headers: this.headers, body });
      this.status = 200;
      this.responseText = '{"rows":1,"imported":1,"rejected":0,"errors":[]}';
      this.onload();
    }
  };
  const client = await import(pathToFileURL(CLIENT).href);
  const api = await import(pathToFileURL(path.join(SRC, 'api.js')).href);
  const base = client.BASE;
  assert.equal(base, '/api/v1');
  for (const o of ops) {
    const fn = client[o.name];
    assert.equal(typeof fn, 'function', o.name);
    assert.equal(fn.method, o.method, o.name);
    assert.equal(fn.path, o.path, o.name);
    const args = o.pathParams.map((p, i) => (i === 0 ? 'a b/7' : 40 + i));
    const want = base + o.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(args.shift() ?? '')));
    const pargs = o.pathParams.map((p, i) => (i === 0 ? 'a b/7' : 40 + i));
    const query = { page: 2, empty: '', q: '中' };
    const qs = '?page=2&q=%E4%B8%AD';
    assert.equal(fn.url(...pargs, query), want + qs, `${o.name}.url`);
    if (o.body && o.body !== 'json') {
      const r = await fn(...pargs, 'line1\n', query);
      const x = sent.pop();
      assert.deepEqual([x.method, x.url, x.body, x.headers['Content-Type'], x.headers.Authorization], [o.method, want + qs, 'line1\n', o.body, 'Bearer tok123'], o.name);
      assert.equal(r.report.imported, 1);
    } else if (o.body) {
      await fn(...pargs, { x: 1 }, query);
      const c = calls.pop();
      assert.deepEqual([c.init.method, c.url, c.init.body, c.init.headers.Authorization], [o.method, want + qs, '{"x":1}', 'Bearer tok123'], o.name);
    } else {
      await fn(...pargs, query);
      const c = calls.pop();
      assert.deepEqual([c.init.method, c.url, c.init.body], [o.method, want + qs, undefined], o.name);
    }
  }
  // an error body becomes an ApiError with the server's code
  globalThis.fetch = async () => new Response('{"error":{"code":"not_found","message_zh":"不存在","message_en":"Not found"}}', { status: 404, headers: { 'content-type': 'application/json' } });
  await assert.rejects(client[ops.find((o) => o.method === 'GET').name](...[]), (e) => e instanceof api.ApiError && e.status === 404 && e.code === 'not_found');
});

test('every function a page imports from the client is an operation of the spec', () => {
  const names = new Set(ops.map((o) => o.name));
  const missing = [];
  let used = 0;
  for (const f of sources) {
    for (const m of readFileSync(f, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'[^']*api\/client\.js'/g)) {
      for (const n of m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)) {
        used++;
        if (!names.has(n)) missing.push(`${rel(f)}: ${n}`);
      }
    }
  }
  assert.ok(used >= 60, `client imports found: ${used}`);
  assert.deepEqual(missing, []);
});

test('the generator names an operation without operationId by its method and path, and refuses clashes', () => {
  assert.equal(gen.fallbackName('get', '/plans/{id}/sittings'), 'getPlansByIdSittings');
  assert.equal(gen.fallbackName('put', '/attempts/{id}/answers/{pos}'), 'putAttemptsByIdAnswersByPos');
  assert.equal(gen.fallbackName('get', '/institutions/{id}/status-history'), 'getInstitutionsByIdStatusHistory');
  const two = 'openapi: 3.0.3\nservers: [{url: /api/v1}]\npaths:\n  /a:\n    get: {operationId: same}\n  /b:\n    get: {operationId: same}\n';
  assert.throws(() => gen.generate(two), /two operations are named same/);
  const undeclared = 'openapi: 3.0.3\npaths:\n  /a/{id}:\n    get: {}\n';
  assert.throws(() => gen.generate(undeclared), /path parameter \{id\} is not declared/);
  const named = gen.generate('openapi: 3.0.3\nservers: [{url: /x}]\npaths:\n  /a/{id}:\n    get: {operationId: getA, parameters: [{name: id, in: path, required: true}]}\n');
  assert.deepEqual(named.ops.map((o) => [o.name, o.pathParams]), [['getA', ['id']]]);
});
