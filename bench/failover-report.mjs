// The figures of one failover round: the client's record (bench/failover-client.mjs) against the database.
// usage: node bench/failover-report.mjs NAME CLIENT.json STORED.txt KILL_EPOCH_MS NOTE
// STORED.txt: "attempt/pos seq" lines read on the primary after the round. Exit 1 when an acknowledged save
// is missing (its position holds no save, or an older one than the client was told was durable).
import fs from 'node:fs';
const [name, file, storedFile, killMs, note] = process.argv.slice(2);
const c = JSON.parse(fs.readFileSync(file, 'utf8'));
const stored = new Map(fs.readFileSync(storedFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => {
  const [k, s] = l.split(' ');
  return [k, Number(s)];
}));
const lost = Object.entries(c.acked).filter(([k, s]) => !(stored.get(k) >= s));
const kill = Number(killMs);
const ev = c.events.slice().sort((a, b) => a[0] - b[0]);
const bad = ev.filter((e) => e[1] !== 'ok' && e[0] >= kill - 200);
let window = 0;
if (bad.length) {
  const first = bad[0][0], last = bad[bad.length - 1][0];
  const next = ev.find((e) => e[1] === 'ok' && e[0] >= last);
  window = ((next ? next[0] : c.t1) - first) / 1000;
}
// the longest stretch after the kill without any acknowledgement (what a candidate's page would notice)
let gap = 0, prev = kill;
for (const e of ev) {
  if (e[1] !== 'ok' || e[0] < kill) continue;
  gap = Math.max(gap, e[0] - prev);
  prev = e[0];
}
const codes = {};
for (const e of ev) if (e[1] === 'refused') codes[e[2] || '?'] = (codes[e[2] || '?'] || 0) + 1;
const secs = (c.t1 - c.t0) / 1000;
console.log(`${name}: ${note}`);
console.log(`  saves acknowledged ${c.ok} in ${secs.toFixed(1)} s (${(c.ok / secs).toFixed(0)}/s), positions ${Object.keys(c.acked).length}`);
console.log(`  acknowledged saves lost: ${lost.length}${lost.length ? ' ' + JSON.stringify(lost.slice(0, 5)) : ''}`);
console.log(`  refusals (503): ${c.refused} ${JSON.stringify(codes)}; refusal window ${window.toFixed(2)} s; longest time without an acknowledgement after the kill ${(gap / 1000).toFixed(2)} s`);
console.log(`  answers other than 200 and 503: ${c.other_count} ${JSON.stringify(c.other)}`);
process.exit(lost.length ? 1 : 0);
