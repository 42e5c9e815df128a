// GET /metrics: the process's counters in the Prometheus text format, only for the holder of the metrics token
// (JINENG_METRICS_TOKEN_FILE; test-all.sh sets one), off (404) without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { BASE } from './lib.mjs';

const TOKEN = fs.readFileSync(process.env.JINENG_METRICS_TOKEN_FILE, 'utf8').trim();
const scrape = (token = TOKEN) => fetch(`${BASE}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
// the value of one sample line (0 when absent)
function sample(text, name, labels) {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('only the token opens /metrics; requests are counted by route and status, with a histogram per route', async () => {
  for (const t of [null, 'x'.repeat(48), `${TOKEN}x`, TOKEN.slice(0, -1)]) {
    const r = await scrape(t);
    assert.equal(r.status, 401, `token ${t}`);
    assert.match(r.headers.get('www-authenticate') || '', /^Bearer/);
  }
  const health = 'method="GET",route="/api/v1/health",status="200"';
  const login = 'method="POST",route="/api/v1/auth/login",status="401"';
  const before = await (await scrape()).text();
  for (let i = 0; i < 3; i++) assert.equal((await fetch(`${BASE}/api/v1/health`)).status, 200);
  const bad = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'not-the-password-1' }) });
  assert.equal(bad.status, 401);
  const r = await scrape();
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await r.text();
  assert.equal(sample(text, 'jineng_http_requests_total', health) - sample(before, 'jineng_http_requests_total', health), 3);
  assert.equal(sample(text, 'jineng_http_requests_total', login) - sample(before, 'jineng_http_requests_total', login), 1);
  // the route's histogram: cumulative buckets, +Inf equal to _count, which counts every status of the route
  const rl = 'method="GET",route="/api/v1/health"';
  const buckets = text.split('\n').filter((l) => l.startsWith(`jineng_http_request_duration_seconds_bucket{${rl},`)).map((l) => Number(l.split(' ').pop()));
  assert.ok(buckets.length >= 10);
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1]);
  const count = sample(text, 'jineng_http_request_duration_seconds_count', rl);
  assert.equal(buckets.at(-1), count);
  const statuses = text.split('\n').filter((l) => l.startsWith(`jineng_http_requests_total{${rl},`)).reduce((s, l) => s + Number(l.split(' ').pop()), 0);
  assert.equal(count, statuses);
  for (const name of ['jineng_db_faults_total', 'jineng_tx_retries_total', 'jineng_autosave_batch_saves', 'jineng_http_requests_active']) assert.match(text, new RegExp(`# TYPE ${name} `));
});

test('without a token file /metrics is off (404); JINENG_LOG_FORMAT=json logs one JSON object a line, the access line by request id', async () => {
  const env = { ...process.env, JINENG_LOG_FORMAT: 'json' };
  delete env.JINENG_METRICS_TOKEN_FILE;
  delete env.JINENG_ACCESS_LOG;
  const child = spawn(process.env.JINENG_BIN, ['serve', '--insecure-test-mode', '--db', process.env.JINENG_DB_URL, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  try {
    let m;
    for (let i = 0; i < 1200 && !(m = /serving on (http:\/\/[0-9.]+:\d+)/.exec(log)); i++) await new Promise((res) => setTimeout(res, 50));
    assert.ok(m, log);
    const r = await fetch(`${m[1]}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 404);
    // a path that tries to end the JSON string and the line
    const f = await fetch(`${m[1]}/api/v1/nothing%22%2C%22status%22%3A200%0a{%22x`);
    assert.equal(f.status, 404);
    const id = f.headers.get('x-request-id');
    for (let i = 0; i < 40 && !log.includes(id); i++) await new Promise((res) => setTimeout(res, 50));
    const lines = log.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.some((l) => l.level === 'info' && /serving on/.test(l.msg)));
    const access = lines.filter((l) => l.event === 'access' && l.id === id);
    assert.equal(access.length, 1, log);
    assert.equal(access[0].status, 404);
    assert.equal(access[0].method, 'GET');
    assert.match(access[0].path, /^\/api\/v1\/nothing\\x22,\\x22status\\x22:200\\x0a\{\\x22x$/);
  } finally {
    await new Promise((res) => { child.on('exit', res); child.kill('SIGTERM'); });
  }
});
