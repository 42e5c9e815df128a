// Kept read snapshots (SQLite; src/store/db.c): a request thread keeps a read-only request's snapshot for the
// next read-only request it serves in the same batch, unless this process has committed since. Under a
// steady look-up load on every thread, a change answered to one connection is read back at once on four
// other connections (other threads), a hundred times over; the server's counter shows the snapshots were
// kept on SQLite and never on PostgreSQL, whose reads take no snapshot of their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { api, login, idNumber, unique, BASE, BACKEND } from './lib.mjs';

const TOKEN = fs.readFileSync(process.env.JINENG_METRICS_TOKEN_FILE, 'utf8').trim();
async function kept() {
  const text = await (await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith('jineng_db_read_snapshots_kept_total '));
  assert.ok(line, 'jineng_db_read_snapshots_kept_total in /metrics');
  return Number(line.split(' ').pop());
}

// one request on a connection of its own (an agent of one kept-alive socket): each client stays on its
// connection, and the server's acceptor spreads the connections over its request threads
function call(agent, method, path, token, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Authorization: `Bearer ${token}` };
    if (payload) headers['Content-Type'] = 'application/json';
    const req = http.request(BASE + path, { method, agent, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, data: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const agent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

test('a change is read back at once on other connections while every thread serves look-ups', async () => {
  const admin = await login('admin');
  const idn = idNumber('370102', '19760314', 101 + (unique() * 7 % 400) * 2);
  const r = await api('POST', '/api/v1/persons', { token: admin, body: { name: '快照测试', id_number: idn } });
  assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.data));
  const id = r.data.id;
  const before = await kept();

  // the load: eight clients looking the person up by ID number without a pause
  let stop = false, looked = 0;
  const load = Array.from({ length: 8 }, async () => {
    const a = agent();
    while (!stop) {
      const x = await call(a, 'GET', `/api/v1/persons?id_number=${idn}`, admin);
      assert.equal(x.status, 200, JSON.stringify(x.data));
      assert.equal(x.data.items[0].id, id);
      looked++;
    }
    a.destroy();
  });
  const writer = agent(), readers = [agent(), agent(), agent(), agent()];
  try {
    for (let i = 1; i <= 100; i++) {
      const education = `快照${i}`;
      const w = await call(writer, 'PATCH', `/api/v1/persons/${id}`, admin, { education });
      assert.equal(w.status, 200, JSON.stringify(w.data));
      const seen = await Promise.all(readers.map((a) => call(a, 'GET', `/api/v1/persons/${id}`, admin)));
      for (const s of seen) {
        assert.equal(s.status, 200, JSON.stringify(s.data));
        assert.equal(s.data.education, education, `round ${i}: a read after the change answered the one before`);
      }
    }
  } finally {
    stop = true;
    await Promise.all(load);
    writer.destroy();
    for (const a of readers) a.destroy();
  }
  assert.ok(looked > 100, `the load ran (${looked} look-ups)`);
  const after = await kept();
  if (BACKEND === 'postgres') assert.equal(after, before, 'nothing is kept on PostgreSQL');
  else assert.ok(after > before, `snapshots were kept on SQLite (${after - before})`);
});
