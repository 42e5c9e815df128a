// 线上学习 heartbeats (issue 23 item 4): N learners, each with a live viewing session, send a beat every 30 s
// (open loop, spread evenly: N / 30 beats a second) for DUR seconds; every beat goes through the group
// committer and is acknowledged after its commit. Prints beats/s, p50/p99 (target p99 < 50 ms) and, side by
// side in the same run and at the same rate from the same client, GET /health of the same server (what the
// server and this client cost with no work at all), and the server's CPU a beat.
// usage: node bench/elearn-load.mjs BASE N DUR
import fs from 'node:fs';
import { api, learners, pool } from './learners.mjs';
const [BASE, N, DUR] = [process.argv[2], Number(process.argv[3] || 20000), Number(process.argv[4] || 90)];
const tag = `eb${Date.now() % 1000000}`;
const t0 = Date.now();
const { admin, list } = await learners(BASE, N, tag);
// a course of the province with a 2-hour video (the bytes are a stub: beats never fetch them)
const course = await api(BASE, 'POST', '/api/v1/elearn/courses', admin, { title: `基准线上课 ${tag}`, hour_minutes: 45, max_hours: 100 });
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(1000)]);
const res = await (await fetch(`${BASE}/api/v1/elearn/courses/${course.id}/resources?title=bench&kind=video&seconds=7200`, { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'video/mp4' }, body: mp4 })).json();
await api(BASE, 'PATCH', `/api/v1/elearn/courses/${course.id}`, admin, { status: 'published' });
const sessions = new Array(N);
await pool(32, N, async (i) => {
  const dev = `${tag}-d${i}`, tab = `${tag}-t${i}`;
  const s = await api(BASE, 'POST', `/api/v1/elearn/courses/${course.id}/sessions`, list[i].token, { resource_id: res.id, device_id: dev, tab_id: tab });
  sessions[i] = { id: s.session_id, token: list[i].token, dev, tab, pos: 0 };
});
console.error(`setup: ${N} learners with live sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const cpuTicks = () => { const pid = process.env.SERVER_PID; if (!pid) return NaN; const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
// open loop: request k is sent at start + k * (30 s / N), whatever the replies do
async function openLoop(send, seconds) {
  const gap = 30000 / N, total = Math.floor((seconds * 1000) / gap), lat = [], start = performance.now();
  let bad = 0, inflight = [];
  for (let k = 0; k < total; k++) {
    const due = start + k * gap, wait = due - performance.now();
    // never sent before it is due: a timer rounds its delay to whole milliseconds and fired up to 1 ms early
    // (GET /health's p50 read -0.1 ms), so it sleeps again until the due time has passed
    for (let w = wait; w > 0; w = due - performance.now()) await new Promise((ok) => setTimeout(ok, Math.ceil(w)));
    inflight.push(send(k).then((st) => { lat.push(performance.now() - due); if (st !== 200) bad++; }, () => { bad++; }));
    if (inflight.length > 4096) { await Promise.all(inflight); inflight = []; }
  }
  await Promise.all(inflight);
  lat.sort((a, b) => a - b);
  return { n: total, secs: (performance.now() - start) / 1000, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)], bad };
}
const beat = async (k) => {
  const s = sessions[k % N];
  s.pos += 30;
  const r = await fetch(`${BASE}/api/v1/elearn/sessions/${s.id}/beats`, { method: 'POST', headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ device_id: s.dev, tab_id: s.tab, position_s: s.pos }) });
  await r.arrayBuffer();
  return r.status;
};
const health = async () => { const r = await fetch(`${BASE}/api/v1/health`); await r.arrayBuffer(); return r.status; };
// the first beat of every session comes about 30 s after its start: wait for the setup's oldest to age
const c1 = cpuTicks();
const b = await openLoop(beat, DUR);
const cpu = (cpuTicks() - c1) * 10;
const h = await openLoop(health, Math.min(DUR, 30));
console.log(`heartbeats: ${N} learners, a beat each 30 s: ${b.n} beats in ${b.secs.toFixed(1)} s (${(b.n / b.secs).toFixed(0)}/s), p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms (target p99 < 50 ms), ${b.bad} not 200; server CPU ${(cpu / b.n).toFixed(2)} ms a beat`);
console.log(`reference, same rate and client: GET /health p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms (beat p99 / health p99: ${(b.p99 / h.p99).toFixed(2)})`);
