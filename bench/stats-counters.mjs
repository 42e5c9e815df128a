// The cost of the statistics counters on the certificate-issuing path (issue 17: < 5 %). Two servers of the
// same binary on two copies of the same demo database, one with JINENG_STATS_COUNTERS=off; in each round each
// server gets the same work — BATCHES batches of SIZE passed results (province corrections, not timed), then
// POST /certificates for each batch (timed), the two sides' batches in pairs, so drift of the machine meets
// both sides alike. Prints per round ms per certificate on each side, and the median ratio.
// Besides the wall time it reads each server's CPU time (utime + stime of /proc/PID/stat) around its batches:
// on a shared, loaded machine the wall time of a batch swings with the neighbours, the CPU the server spent on
// it much less (the counters add no commit and no fsync: they are rows of the same transaction).
// Usage: node bench/stats-counters.mjs URL_ON URL_OFF PID_ON PID_OFF [ROUNDS] [BATCHES] [SIZE]
// On PostgreSQL (PGDB_ON and PGDB_OFF name the two sides' databases) the CPU of a side is the server's and its
// database backends' together: the counter's SELECT and upsert run in the backend, not in jineng. The backends
// are the processes whose title PostgreSQL sets to "postgres: USER DATABASE ...", read from /proc each time
// (the server's pool keeps its connections open, so the same processes are counted before and after a batch).
import { readFileSync, readdirSync } from 'node:fs';
const [on, off] = process.argv.slice(2, 4), pid = { on: process.argv[4], off: process.argv[5] };
const ROUNDS = Number(process.argv[6] || 5), BATCHES = Number(process.argv[7] || 10), SIZE = Number(process.argv[8] || 50);
const TCK = 100; // USER_HZ
const pgdb = { on: process.env.PGDB_ON, off: process.env.PGDB_OFF };
const ticks = (p) => { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 1000 / TCK; };
function backends(db) {
  const found = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { if (readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith(`postgres: postgres ${db} `)) found.push(p); } catch { /* gone */ }
  }
  return found;
}
const cpu = (k) => {
  let t = ticks(pid[k]);
  if (pgdb[k]) for (const p of backends(pgdb[k])) { try { t += ticks(p); } catch { /* gone */ } }
  return t;
};
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function call(base, method, path, token, body) {
  const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
  const data = await r.json();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}
const login = async (base, username) => (await call(base, 'POST', '/api/v1/auth/login', null, { username, password: 'Demo@Skills2026' })).token;

async function side(base) {
  const admin = await login(base, 'admin'), org = await login(base, 'jinan_org_admin');
  const me = await call(base, 'GET', '/api/v1/auth/me', org);
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = await call(base, 'GET', `/api/v1/institutions/${instId}`, org);
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const persons = (await call(base, 'GET', '/api/v1/persons?page_size=200', org)).items;
  return { base, admin, org, instId, scope, persons, cursor: 0 };
}

async function results(s, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const level = s.scope.levels[i % s.scope.levels.length];
    const r = await call(s.base, 'POST', '/api/v1/results', s.admin, { institution_id: s.instId, correction_reason: '基准测试', person_id: s.persons[s.cursor++ % s.persons.length].id, occupation_code: s.scope.occupation_code, level, exam_date: today, theory: 80, practical: 80, review: level <= 2 ? 80 : null });
    ids.push(r.id);
  }
  return ids;
}

// one round: the results of BATCHES batches made on both sides (not timed), then the batches issued in pairs —
// one on each side, the side going first alternating — so both sides meet the same moment of the machine
async function round() {
  const batches = { on: [], off: [] }, ms = { on: 0, off: 0 }, cms = { on: 0, off: 0 };
  for (const k of ['on', 'off']) for (let b = 0; b < BATCHES; b++) batches[k].push(await results(S[k], SIZE));
  for (let b = 0; b < BATCHES; b++) {
    for (const k of b % 2 ? ['off', 'on'] : ['on', 'off']) {
      const t0 = process.hrtime.bigint(), c0 = cpu(k);
      await call(S[k].base, 'POST', '/api/v1/certificates', S[k].org, { result_ids: batches[k][b] });
      ms[k] += Number(process.hrtime.bigint() - t0) / 1e6;
      cms[k] += cpu(k) - c0;
    }
  }
  const n = BATCHES * SIZE;
  return { on: ms.on / n, off: ms.off / n, con: cms.on / n, coff: cms.off / n };
}

const S = { on: await side(on), off: await side(off) };
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[(b.length - 1) / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2; };
await round(); // warm-up: keys made, caches filled
const got = { on: [], off: [], con: [], coff: [] }, ratios = [];
for (let r = 0; r < ROUNDS; r++) {
  const x = await round();
  for (const k of Object.keys(got)) got[k].push(x[k]);
  ratios.push(x.on / x.off);
  console.log(`round ${r + 1}: wall on ${x.on.toFixed(3)} off ${x.off.toFixed(3)} ms/certificate (ratio ${ratios[r].toFixed(3)}); server CPU on ${x.con.toFixed(3)} off ${x.coff.toFixed(3)} ms/certificate (ratio ${(x.con / x.coff).toFixed(3)})`);
}
const mr = median(ratios), sum = (a) => a.reduce((x, y) => x + y, 0), tr = sum(got.on) / sum(got.off);
const cr = sum(got.con) / sum(got.coff);
console.log(`stats_counters_issue_wall_ms_on=${median(got.on).toFixed(3)} off=${median(got.off).toFixed(3)} median_ratio=${mr.toFixed(3)} (all rounds: ${tr.toFixed(3)})`);
console.log(`stats_counters_issue_cpu_ms_on=${(sum(got.con) / ROUNDS).toFixed(3)} off=${(sum(got.coff) / ROUNDS).toFixed(3)} ratio=${cr.toFixed(3)} overhead=${((cr - 1) * 100).toFixed(1)}% target<5%`);
