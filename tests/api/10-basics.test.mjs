// The HTTP layer: health, errors as JSON, body limits, auth, throttling, static files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { api, login, expectError, BACKEND, BASE, PASSWORD } from './lib.mjs';

function rawGet(path) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('health names the database driver', async () => {
  const r = await api('GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.data.status, 'ok');
  assert.equal(r.data.db, BACKEND);
  assert.ok(r.headers.get('x-request-id'));
});

test('unknown endpoint is a JSON 404, wrong method a 405', async () => {
  expectError(await api('GET', '/api/v1/nothing-here'), 404, 'no_such_endpoint');
  expectError(await api('DELETE', '/api/v1/health'), 405, 'method_not_allowed');
});

test('login: wrong password 401, right one a token; the token works and logout ends it', async () => {
  expectError(await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope12345' } }), 401, 'bad_credentials');
  const r = await api('POST', '/api/v1/auth/login', { body: { username: 'jinan_admin', password: PASSWORD } });
  assert.equal(r.status, 200);
  assert.equal(r.data.user.role, 'city_admin');
  assert.equal(r.data.user.password_hash, undefined);
  const me = await api('GET', '/api/v1/auth/me', { token: r.data.token });
  assert.equal(me.data.username, 'jinan_admin');
  assert.equal((await api('POST', '/api/v1/auth/logout', { token: r.data.token })).status, 200);
  expectError(await api('GET', '/api/v1/auth/me', { token: r.data.token }), 401, 'invalid_token');
  expectError(await api('GET', '/api/v1/persons'), 401, 'login_required');
  expectError(await api('GET', '/api/v1/persons', { token: 'garbage' }), 401, 'invalid_token');
});

test('repeated failed logins delay the account progressively (429 with Retry-After), then it opens again', async () => {
  const admin = await login('admin');
  const name = `locktest${Date.now() % 100000}`;
  const c = await api('POST', '/api/v1/users', { token: admin, body: { username: name, password: 'Kite-River-2026', role: 'supervisor' } });
  assert.equal(c.status, 201, JSON.stringify(c.data));
  // five failures are free, the sixth starts the delay
  for (let i = 0; i < 6; i++)
    expectError(await api('POST', '/api/v1/auth/login', { body: { username: name, password: 'wrong' + i } }), 401, 'bad_credentials');
  const r = await api('POST', '/api/v1/auth/login', { body: { username: name, password: 'Kite-River-2026' } });
  expectError(r, 429, 'too_many_attempts');
  const wait = Number(r.headers.get('retry-after'));
  assert.ok(wait > 0 && wait <= 2, `Retry-After ${wait}`);
  const audit = await api('GET', `/api/v1/audit?action=auth.login_failed&entity_id=${name}`, { token: admin });
  assert.equal(audit.data.total, 6);
  assert.equal(JSON.parse(audit.data.items[0].detail).delay_s, 1);
  await new Promise((res) => setTimeout(res, wait * 1000 + 100));
  assert.equal((await api('POST', '/api/v1/auth/login', { body: { username: name, password: 'Kite-River-2026' } })).status, 200);
});

test('malformed JSON is 400, an oversized body 413, never 500', async () => {
  const t = await login('admin');
  expectError(await api('POST', '/api/v1/persons', { token: t, raw: '{"name": "张三",', headers: { 'Content-Type': 'application/json' } }), 400, 'malformed_json');
  expectError(await api('POST', '/api/v1/persons', { token: t, raw: '[1,2]' }), 400, 'malformed_json');
  expectError(await api('POST', '/api/v1/persons', { token: t, raw: '' }), 400, 'body_required');
  const big = JSON.stringify({ name: 'x'.repeat(1100000) });
  expectError(await api('POST', '/api/v1/persons', { token: t, raw: big }), 413, 'body_too_large');
  expectError(await api('POST', '/api/v1/persons', { token: t, body: { name: 42, id_number: '1' } }), 422, 'invalid_type');
  expectError(await api('POST', '/api/v1/persons', { token: t, body: { name: '张三' } }), 422, 'missing_field');
});

test('English error messages on request', async () => {
  const r = await api('GET', '/api/v1/nothing', { headers: { 'Accept-Language': 'en-US' } });
  assert.match(r.data.error.message, /no such endpoint/);
  const z = await api('GET', '/api/v1/nothing');
  assert.match(z.data.error.message, /接口不存在/);
});

test('static files: types, caching, SPA fallback, no traversal', async () => {
  const idx = await api('GET', '/');
  assert.equal(idx.status, 200);
  assert.match(idx.headers.get('content-type'), /text\/html/);
  assert.equal(idx.headers.get('cache-control'), 'no-cache');
  const js = await api('GET', '/assets/app-1a2b.js');
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.match(js.headers.get('cache-control'), /immutable/);
  const spa = await api('GET', '/persons/12');
  assert.equal(spa.status, 200);
  assert.match(spa.data.toString(), /<title>jineng/);
  // raw paths, as an attacker would send them (fetch would normalise the dots away)
  for (const p of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/.hidden', '/assets/missing.js']) {
    const { status, body } = await rawGet(p);
    assert.equal(status, 404, p);
    assert.doesNotMatch(body, /root:/);
  }
});
