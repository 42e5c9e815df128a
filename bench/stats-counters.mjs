// The cost of the statistics counters on the certificate-issuing path (issue 17: < 5 %). Two servers of the
// same binary on two copies of the same demo database, one with JINENG_STATS_COUNTERS=off; in each round each
// server gets the same work — BATCHES batches of SIZE passed results (province corrections, not timed), then
// POST /certificates for each batch (timed), the two sides' batches in pairs, so drift of the machine meets
// both sides alike. Prints per round ms per certificate on each side, and the median ratio.
// Usage: node bench/stats-counters.mjs URL_ON URL_OFF [ROUNDS] [BATCHES] [SIZE]
const [on, off] = process.argv.slice(2, 4);
const ROUNDS = Number(process.argv[4] || 5), BATCHES = Number(process.argv[5] || 10), SIZE = Number(process.argv[6] || 50);
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
  const batches = { on: [], off: [] }, ms = { on: 0, off: 0 };
  for (const k of ['on', 'off']) for (let b = 0; b < BATCHES; b++) batches[k].push(await results(S[k], SIZE));
  for (let b = 0; b < BATCHES; b++) {
    for (const k of b % 2 ? ['off', 'on'] : ['on', 'off']) {
      const t0 = process.hrtime.bigint();
      await call(S[k].base, 'POST', '/api/v1/certificates', S[k].org, { result_ids: batches[k][b] });
      ms[k] += Number(process.hrtime.bigint() - t0) / 1e6;
    }
  }
  return { on: ms.on / (BATCHES * SIZE), off: ms.off / (BATCHES * SIZE) };
}

const S = { on: await side(on), off: await side(off) };
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[(b.length - 1) / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2; };
await round(); // warm-up: keys made, caches filled
const got = { on: [], off: [] }, ratios = [];
for (let r = 0; r < ROUNDS; r++) {
  const x = await round();
  got.on.push(x.on); got.off.push(x.off);
  ratios.push(x.on / x.off);
  console.log(`round ${r + 1}: counters on ${x.on.toFixed(3)} ms/certificate, off ${x.off.toFixed(3)} ms/certificate, ratio ${ratios[r].toFixed(3)}`);
}
const mr = median(ratios), sum = (a) => a.reduce((x, y) => x + y, 0), tr = sum(got.on) / sum(got.off);
console.log(`stats_counters_issue_ms_on=${median(got.on).toFixed(3)} off=${median(got.off).toFixed(3)} median_ratio=${mr.toFixed(3)} overhead=${((mr - 1) * 100).toFixed(1)}% (all rounds together: ratio ${tr.toFixed(3)}) target<5%`);
