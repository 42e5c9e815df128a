// Stateless nodes (issue 18 item 2; docs/OPERATIONS.md "Stateless nodes"): two more `jineng serve` processes
// on the test database, as two nodes behind a balancer.
// (A session revoked on one node and refused by another within JINENG_SESSION_CACHE_MS: tests/api/15-auth.)
// - Failed logins per client are counted in the database (rate_limits): failures spread over both nodes reach
//   the limit together (each node alone saw fewer than the limit, so per-process counters would let the
//   next attempt through).
// - A read-only verification node (`jineng serve --read-only`; here on the test database, which is no
//   standby, so its lag is 0): health says so, the public keys and verification answer, a write is refused
//   405 read_only_node and a non-public read 503 read_only_node (zh/en), /metrics shows the lag. The lag bound
//   itself (503 replica_behind on a standby that stopped replaying) is checked by bench/failover.sh in the
//   HA lab (tests/api/34 with JINENG_HA_TEST=1).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { PASSWORD } from './lib.mjs';

const nodes = [];
after(() => { for (const n of nodes) n.proc.kill('SIGTERM'); });

function startNode(env, flags = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.env.JINENG_BIN, ['serve', '--insecure-test-mode', '--db', process.env.JINENG_DB_URL,
      '--listen', '127.0.0.1:0', '--trusted-proxy', '127.0.0.1/32', ...flags], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`the node did not start: ${log}`)), 20000);
    proc.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/serving on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); const n = { proc, base: `http://127.0.0.1:${m[1]}` }; nodes.push(n); resolve(n); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the node exited (${code}): ${log}`)); });
  });
}

async function call(node, method, path, { token, body, client } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (client) headers['X-Forwarded-For'] = client;
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(node.base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, data: await r.json().catch(() => null), headers: r.headers };
}

const env = { JINENG_LOGIN_CLIENT_MAX: '5' };
const [b, c, ro] = await Promise.all([startNode(env), startNode(env), startNode({}, ['--read-only'])]);

test('failed logins of one client are counted across the nodes', async () => {
  const client = `10.36.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const tag = `ghost35${Date.now() % 1e6}`;
  // 3 failures on b and 2 on c (each name once: no name reaches its own delay)
  for (let i = 0; i < 5; i++) {
    const r = await call(i < 3 ? b : c, 'POST', '/api/v1/auth/login', { body: { username: `${tag}x${i}`, password: 'wrong-Password-1' }, client });
    assert.equal(r.status, 401, `failure ${i}: ${JSON.stringify(r.data)}`);
  }
  for (const node of [b, c]) {
    const r = await call(node, 'POST', '/api/v1/auth/login', { body: { username: `${tag}y`, password: 'wrong-Password-1' }, client });
    assert.equal(r.status, 429, `the sixth attempt from the client is refused on either node: ${JSON.stringify(r.data)}`);
    assert.equal(r.data.error.code, 'too_many_attempts');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
  }
  // another client is not affected
  const other = await call(c, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: PASSWORD }, client: client.replace('10.36.', '10.37.') });
  assert.equal(other.status, 200, JSON.stringify(other.data));
});

test('a read-only node answers the public look-ups and refuses the rest', async () => {
  const h = await call(ro, 'GET', '/api/v1/health');
  assert.equal(h.status, 200, JSON.stringify(h.data));
  assert.equal(h.data.read_only, true);
  assert.equal(h.data.standby, false);
  assert.equal(h.data.replication_lag_s, 0);
  const keys = await call(ro, 'GET', '/api/v1/public/keys');
  assert.equal(keys.status, 200, JSON.stringify(keys.data));
  const cert = await call(ro, 'GET', '/api/v1/public/certificates/NO-SUCH-NUMBER-35');
  assert.equal(cert.status, 404, JSON.stringify(cert.data));
  const write = await call(ro, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: PASSWORD } });
  assert.equal(write.status, 405, JSON.stringify(write.data));
  assert.equal(write.data.error.code, 'read_only_node');
  assert.match(write.data.error.message_zh, /只读/);
  assert.match(write.data.error.message_en, /read-only/);
  assert.equal(write.headers.get('allow'), 'GET, HEAD');
  const read = await call(ro, 'GET', '/api/v1/persons');
  assert.equal(read.status, 503, JSON.stringify(read.data));
  assert.equal(read.data.error.code, 'read_only_node');
  // a normal node does not say read_only
  const hb = await call(b, 'GET', '/api/v1/health');
  assert.equal(hb.data.read_only, undefined);
  const tokenFile = process.env.JINENG_METRICS_TOKEN_FILE;
  if (tokenFile) {
    const token = fs.readFileSync(tokenFile, 'utf8').trim();
    const m = await fetch(`${ro.base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(m.status, 200);
    assert.match(await m.text(), /^jineng_replication_lag_seconds 0\.000$/m);
  }
});
