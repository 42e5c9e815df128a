// The provincial games marking load (issue 21 item 10): E events × C contestants × J judges × A aspects.
// Setup (once, cached with the database): the judges and chief experts through the API, the scheme of every
// event through the API (A Judgement aspects, 100 marks). Then every judge of every event enters their scores
// concurrently, one save per BATCH contestants holding all A aspects of each (a phone syncing what it marked), from P clients at once;
// then each chief expert signs off, and the results of all events are computed with one request, timed.
// usage: node bench/competition-load.mjs BASE COMPETITION_ID E C J A P
import fs from 'node:fs';
const [BASE, CID, E, C, J, A, P] = [process.argv[2], ...process.argv.slice(3).map(Number)];
async function api(method, path, token, body, tries = 8) {
  const r = await fetch(BASE + path, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await r.json();
  if ((r.status === 503 || r.status === 429) && tries > 1) { await new Promise((ok) => setTimeout(ok, 200)); return api(method, path, token, body, tries - 1); }
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}
const login = async (u, p = 'Demo@Skills2026') => (await api('POST', '/api/v1/auth/login', null, { username: u, password: p })).token;
const admin = await login('admin');
const pool = async (n, work) => { let next = 0; await Promise.all(Array.from({ length: Math.min(P, n) }, async () => { while (next < n) await work(next++); })); };
// the events and their approved entries are read from the results of the set-up (bench/competition.sh prints
// them to a file the shell passes as EVENTS_FILE)
const layout = JSON.parse(fs.readFileSync(process.env.EVENTS_FILE, 'utf8')); // [{event, entries: [...]}]
const DESC = ['未达到行业标准', '达到行业标准', '在某些方面超过行业标准', '杰出'];
const aspects = Array.from({ length: A }, (_, k) => ({ code: `J${k + 1}`, description: `评价 ${k + 1}`, kind: 'judgement', max: 100 / A, descriptors: DESC }));
const scheme = { modules: [{ code: 'A', name: '模块A', sub_criteria: [{ code: 'A.1', name: '分项A1', aspects: aspects.slice(0, A / 2) }] }, { code: 'B', name: '模块B', sub_criteria: [{ code: 'B.1', name: '分项B1', aspects: aspects.slice(A / 2) }] }] };
const tag = `bc${Date.now() % 1000000}`;
const t0 = Date.now();
const judges = []; // per event: [tokens of J judges], chief token
await pool(layout.length, async (i) => {
  const ev = layout[i];
  await api('PUT', `/api/v1/competition-events/${ev.event}/scheme`, admin, scheme);
  const js = [];
  for (let k = 0; k <= J; k++) {
    const username = `${tag}e${i}j${k}`;
    const u = await api('POST', '/api/v1/users', admin, { username, password: 'Demo@Skills2026', role: 'examiner' });
    await api('POST', `/api/v1/competition-events/${ev.event}/judges`, admin, { user_id: u.id, chief: k === J });
    js.push(await login(username));
  }
  judges[i] = { tokens: js.slice(0, J), chief: js[J] };
});
console.error(`setup: ${layout.length} schemes, ${layout.length * (J + 1)} judges in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
// the marking: (event, judge, contestant) saves in a shuffled order, P at once
const jobs = [];
// a phone that was offline sends the contestants it marked meanwhile in one save: BATCH contestants a save
const BATCH = Number(process.env.BATCH || 10);
for (let i = 0; i < layout.length; i++) for (let k = 0; k < J; k++) for (let c = 0; c < layout[i].entries.length; c += BATCH) jobs.push([i, k, c]);
let seed = 7;
const rnd = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
for (let x = jobs.length - 1; x > 0; x--) { const y = rnd(x + 1); [jobs[x], jobs[y]] = [jobs[y], jobs[x]]; }
// the server's CPU over the marking (utime + stime of SERVER_PID from /proc, in clock ticks of 10 ms): per save
// and per score it is a figure the machine's other load changes far less than the latencies
const cpuTicks = () => { const pid = process.env.SERVER_PID; if (!pid) return NaN; const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const c1 = cpuTicks();
const t1 = Date.now();
let lat = [];
await pool(jobs.length, async (n) => {
  const [i, k, c] = jobs[n];
  // judges agree within 1: base 0..2 per (contestant, aspect), each judge base or base + 1
  const scores = layout[i].entries.slice(c, c + BATCH).flatMap((entry) => aspects.map((a, q) => { const base = (entry * 7 + q * 3) % 3; return { entry_id: entry, aspect: a.code, value: base + ((k + q + entry) % 2), seq: 1 }; }));
  const s = Date.now();
  await api('PUT', `/api/v1/competition-events/${layout[i].event}/scores`, judges[i].tokens[k], { scores });
  lat.push(Date.now() - s);
});
const secs = (Date.now() - t1) / 1000;
lat.sort((a, b) => a - b);
const nscores = layout.reduce((t, ev) => t + ev.entries.length, 0) * J * A;
const cpuMs = (cpuTicks() - c1) * 10;
console.log(`marking: ${jobs.length} saves (${nscores} scores) in ${secs.toFixed(1)} s: ${(jobs.length / secs).toFixed(0)} saves/s, ${(nscores / secs).toFixed(0)} scores/s, p50 ${lat[Math.floor(lat.length * 0.5)]} ms, p99 ${lat[Math.floor(lat.length * 0.99)]} ms (${P} clients); server CPU ${(cpuMs / jobs.length).toFixed(2)} ms a save (${(cpuMs / 1000).toFixed(1)} s in all)`);
await pool(layout.length, async (i) => api('POST', `/api/v1/competition-events/${layout[i].event}/signoff`, judges[i].chief));
const t2 = Date.now();
const res = await api('POST', `/api/v1/competitions/${CID}/results`, admin);
const wall = Date.now() - t2;
console.log(`results: ${res.computed} events, ${res.contestants} contestants computed in ${res.ms} ms in the server, ${wall} ms for the request (target < 1000 ms)`);
