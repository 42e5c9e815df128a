// Exam autosaves at a steady rate through the load balancer, as candidates' pages send them: each save is sent
// until it is acknowledged (200 durable), retrying on 503 after the Retry-After it was given (capped at
// RETRY_MS, so the refusal window is measured to a tenth of a second) and on a lost connection. Every
// acknowledgement is recorded with what the client was told; the bench later reads the database and checks
// that each acknowledged save is there.
// usage: node bench/failover-client.mjs BASE PAIRS OUT.json   RATE= (saves/s, default 200), SECS= (default 20),
//        WORKERS= (default 20), RETRY_MS= (default 100)
import fs from 'node:fs';
const [BASE, PAIRS, OUT] = process.argv.slice(2);
const RATE = Number(process.env.RATE || 200), SECS = Number(process.env.SECS || 20);
const WORKERS = Number(process.env.WORKERS || 20), RETRY_MS = Number(process.env.RETRY_MS || 100);
const cands = fs.readFileSync(PAIRS, 'utf8').trim().split('\n').map((l) => { const [token, att] = l.split(' '); return { token, att: Number(att) }; });
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const acked = {};          // "attempt/pos" -> the highest seq acknowledged
const events = [];         // [epoch ms, 'ok' | 'refused' | 'other', detail]
let nok = 0, nrefused = 0, nother = 0, nlost = 0;
const other = {};
const t0 = Date.now(), end = t0 + SECS * 1000;
let seq = (Date.now() % 1e9) * 1000;

async function send(c, pos, body) {
  for (;;) {
    let r, data = null;
    const t = Date.now();
    try {
      r = await fetch(`${BASE}/api/v1/attempts/${c.att}/answers/${pos}`, {
        method: 'PUT', body, signal: AbortSignal.timeout(15000),
        headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
      });
      data = await r.json().catch(() => null);
    } catch (e) {
      // the connection to the balancer failed: the save's outcome is unknown to this client; send again
      nlost++; nother++;
      other[`fetch: ${e.cause ? e.cause.code || e.cause.message : e.message}`] = (other[`fetch: ${e.cause ? e.cause.code || e.cause.message : e.message}`] || 0) + 1;
      events.push([t, 'other', 'fetch']);
      await sleep(RETRY_MS);
      continue;
    }
    if (r.status === 200 && data && data.durable === true) {
      nok++;
      events.push([Date.now(), 'ok']);
      return data;
    }
    const code = data && data.error ? data.error.code : '';
    if (r.status === 503) {
      nrefused++;
      events.push([t, 'refused', code]);
      const ra = Number(r.headers.get('retry-after') || 1) * 1000;
      if (!(data && data.error && data.error.message_zh && data.error.message_en)) other['503 without a zh/en message'] = (other['503 without a zh/en message'] || 0) + 1;
      await sleep(Math.min(ra, RETRY_MS));
      continue;
    }
    nother++;
    const k = `${r.status} ${code}`;
    other[k] = (other[k] || 0) + 1;
    events.push([t, 'other', k]);
    if (r.status === 409 || r.status === 401 || r.status === 403 || r.status === 404 || r.status === 422) return null; // not a save: give up on it
    await sleep(RETRY_MS);
  }
}

async function worker(w) {
  const mine = cands.filter((_, i) => i % WORKERS === w);
  const every = (1000 * WORKERS) / RATE;
  let next = Date.now() + Math.random() * every, i = 0;
  while (Date.now() < end) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    next += every;
    const c = mine[i % mine.length], pos = Math.floor(i / mine.length) % 20;
    i++;
    const s = ++seq;
    const answer = 'ABCD'[s % 4];
    const d = await send(c, pos, JSON.stringify({ answer, seq: s }));
    if (d) {
      const k = `${c.att}/${pos}`;
      if (d.seq !== s || d.answer !== answer) { nother++; other['200 with another answer'] = (other['200 with another answer'] || 0) + 1; }
      if (!acked[k] || acked[k] < s) acked[k] = s;
    }
  }
}

await Promise.all(Array.from({ length: Math.min(WORKERS, cands.length) }, (_, w) => worker(w)));
fs.writeFileSync(OUT, JSON.stringify({ t0, t1: Date.now(), ok: nok, refused: nrefused, other_count: nother, lost_connections: nlost, other, acked, events }));
console.log(`saves acknowledged ${nok}, refusals (503) ${nrefused}, other answers ${nother}`);
