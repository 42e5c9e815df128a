// 知识竞赛 at full size (issue 23 item 4): N contestants enter a round of 20 items; all of them submit their
// answers in the last LAST seconds before the deadline (spread evenly, each a final save through the group
// committer); then the time from the deadline until the round reads as scored (the server's schedule scores
// and ranks it), and the leaderboards. Target: all scored and ranked < 2 s after the deadline.
// usage: node bench/contest-load.mjs BASE N OCC LEVEL DB   (LAST=60)
import { execFileSync } from 'node:child_process';
import { api, learners, pool } from './learners.mjs';
const [BASE, N, OCC, LEVEL, DB] = [process.argv[2], Number(process.argv[3] || 10000), process.argv[4], Number(process.argv[5]), process.argv[6]];
const LAST = Number(process.env.LAST || 60);
const tag = `cb${Date.now() % 1000000}`;
const t0 = Date.now();
const { admin, list } = await learners(BASE, N, tag);
// a contest draws only items released to practice (docs/DOMAIN.md §62): the province releases 20 singles of the bank
// that are on no paper of a sitting under way (the demo has one; the server refuses those, 409 item_in_use)
const ids = execFileSync('sqlite3', [DB, `SELECT id FROM items WHERE occupation_code = '${OCC}' AND level = ${LEVEL} AND kind = 'single' AND active = 1 AND institution_id IS NULL AND NOT EXISTS (SELECT 1 FROM item_exposure ie JOIN items v ON v.id = ie.item_id JOIN attempts t ON t.sitting_id = ie.sitting_id WHERE v.item_key = items.item_key AND t.status IN ('admitted', 'started')) ORDER BY id LIMIT 20`]).toString().trim().split('\n').map(Number);
for (const id of ids) await api(BASE, 'POST', '/api/v1/practice/items', admin, { item_id: id, explanation: `基准解析 ${id}` });
const now = Math.floor(Date.now() / 1000);
const round = await api(BASE, 'POST', '/api/v1/contest-rounds', admin, { title: `基准知识竞赛 ${tag}`, occupation_code: OCC, level: LEVEL, opens_at: now - 60, closes_at: now + 86400, minutes: 600, items: { single: 20 } });
let nitems = 0;
await pool(32, N, async (i) => { nitems = (await api(BASE, 'POST', `/api/v1/contest-rounds/${round.id}/entries`, list[i].token)).items.length; });
console.error(`setup: ${N} contestants entered in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
// the deadline LAST + 3 s from now (the bench moves it: the round was created before the setup's unknown length)
const deadline = Math.floor(Date.now() / 1000) + LAST + 3;
execFileSync('sqlite3', [DB, `UPDATE contest_rounds SET closes_at = ${deadline} WHERE id = ${round.id}`]);
// every contestant's final answers, spread over the last LAST seconds
const L = 'ABCD';
const start = performance.now(), gap = (LAST * 1000) / N, lat = [];
let bad = 0, inflight = [];
for (let k = 0; k < N; k++) {
  const due = start + k * gap, wait = due - performance.now();
  // never sent before it is due: a timer rounds its delay to whole milliseconds and fired up to 1 ms early
  // (GET /health's p50 read -0.1 ms), so it sleeps again until the due time has passed
  for (let w = wait; w > 0; w = due - performance.now()) await new Promise((ok) => setTimeout(ok, Math.ceil(w)));
  const answers = Array.from({ length: nitems }, (_, q) => L[(k * 7 + q * 3) % 4]);
  inflight.push(fetch(`${BASE}/api/v1/contest-rounds/${round.id}/answers`, { method: 'PUT', headers: { Authorization: `Bearer ${list[k].token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ answers, final: true }) })
    .then(async (r) => { await r.arrayBuffer(); lat.push(performance.now() - due); if (r.status !== 200) bad++; }, () => { bad++; }));
}
await Promise.all(inflight);
lat.sort((a, b) => a - b);
console.log(`answers: ${N} final saves in the last ${LAST} s: p50 ${lat[Math.floor(N * 0.5)].toFixed(1)} ms, p99 ${lat[Math.floor(N * 0.99)].toFixed(1)} ms, ${bad} not 200`);
// the deadline, then the round as scored
const dl = deadline * 1000;
while (Date.now() < dl) await new Promise((ok) => setTimeout(ok, 20));
let r;
for (;;) {
  r = await api(BASE, 'GET', `/api/v1/contest-rounds/${round.id}`, admin);
  if (r.status === 'scored') break;
  await new Promise((ok) => setTimeout(ok, 20));
}
const seen = Date.now() - dl;
const board = await api(BASE, 'GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=person&page_size=10`, admin);
const cities = await api(BASE, 'GET', `/api/v1/contest-rounds/${round.id}/leaderboard?by=city`, admin);
console.log(`scoring: ${r.contestants} contestants scored and ranked, seen as scored ${seen} ms after the deadline (target < 2000 ms); the scoring transaction ${r.score_ms} ms; first ${board.items[0].score} points, ${cities.total} cities`);
for (let i = 0; i < 600 && r.pairs_tested === null; i++) { await new Promise((ok) => setTimeout(ok, 100)); r = await api(BASE, 'GET', `/api/v1/contest-rounds/${round.id}`, admin); }
console.log(`answer-copying check afterwards: ${r.pairs_tested} pairs tested, ${r.pairs_flagged} flagged, done ${Date.now() - dl} ms after the deadline`);
console.log(`ROUND ${round.id}`);
