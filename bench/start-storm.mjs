// A whole room pressing 开始 at once: every (token, attempt) pair of FILE sends POST /attempts/{id}/open at a
// random moment within SPREAD ms (default 1000), all in flight together. Prints, as one JSON line: how many
// got their paper, p50 / p99 / max latency, and the time from the first press to the last paper.
// usage: node bench/start-storm.mjs BASE FILE [SPREAD] [PATH_TEMPLATE]   (PATH_TEMPLATE: nginx's static copy)
import fs from 'node:fs';
import http from 'node:http';
const [BASE, FILE, SPREAD = '1000', TEMPLATE] = process.argv.slice(2);
const pairs = fs.readFileSync(FILE, 'utf8').trim().split('\n').map((l) => l.split(' '));
const agent = new http.Agent({ keepAlive: true, maxSockets: pairs.length });
const url = new URL(BASE);
function open(token, attempt) {
  const path = TEMPLATE ? TEMPLATE : `/api/v1/attempts/${attempt}/open`;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path, method: TEMPLATE ? 'GET' : 'POST', agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        let ok = res.statusCode === 200;
        if (ok && !TEMPLATE) { try { const j = JSON.parse(body); ok = Array.isArray(j.items) && j.items.length > 0 && j.seconds_left > 0; } catch { ok = false; } }
        resolve({ ok, ms: performance.now() - t0, end: performance.now() });
      });
    });
    req.on('error', () => resolve({ ok: false, ms: performance.now() - t0, end: performance.now() }));
    req.end();
  });
}
const start = performance.now();
const results = await Promise.all(pairs.map(([t, a]) => new Promise((r) => setTimeout(() => open(t, a).then(r), Math.random() * Number(SPREAD)))));
const ms = results.map((r) => r.ms).sort((x, y) => x - y);
const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
console.log(JSON.stringify({ n: results.length, ok: results.filter((r) => r.ok).length, p50: +q(0.5).toFixed(1), p99: +q(0.99).toFixed(1), max: +ms[ms.length - 1].toFixed(1), last_paper_ms: +(Math.max(...results.map((r) => r.end)) - start).toFixed(0) }));
agent.destroy();
