// Prepares N candidates with a started theory attempt each, through the API, and writes "token attempt" lines.
// usage: node bench/autosave-setup.mjs BASE N OUT   (START=0: admitted only, not started — bench/start.sh)
import fs from 'node:fs';
const [BASE, N, OUT] = [process.argv[2], Number(process.argv[3] || 10000), process.argv[4]];
async function api(method, path, token, body, tries = 5) {
  const r = await fetch(BASE + path, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await r.json();
  if (r.status === 503 && tries > 1) { await new Promise((ok) => setTimeout(ok, 200)); return api(method, path, token, body, tries - 1); } // "busy: retry"
  if (r.status === 429 && tries > 1) { await new Promise((ok) => setTimeout(ok, 1000 * Number(r.headers.get('retry-after') || 1))); return api(method, path, token, body, tries - 1); }
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}
const login = async (u, p = 'Demo@Skills2026') => (await api('POST', '/api/v1/auth/login', null, { username: u, password: p })).token;
const admin = await login('admin'), org = await login('jinan_org_admin'), city = await login('jinan_admin');
const me = await api('GET', '/api/v1/auth/me', org);
const inst = await api('GET', `/api/v1/institutions/${me.user ? me.user.institution_id : me.institution_id}`, org);
const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
const tag = `b${Date.now() % 100000}`;
for (let i = 0; i < 20; i++) await api('POST', '/api/v1/items', org, { occupation_code: occ, level: 5, kind: 'single', area: tag, stem: `${tag} ${i}`, options: ['甲', '乙', '丙', '丁'], answer: 'A', points: 5 });
await api('PUT', '/api/v1/blueprints', org, { occupation_code: occ, level: 5, cells: [{ area: tag, kind: 'single', count: 20 }] });
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plan = await api('POST', '/api/v1/plans', org, { title: `autosave ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: today, exam_date: '2099-01-01', capacity: N, subjects: ['theory', 'practical'] });
await api('POST', `/api/v1/plans/${plan.id}/status`, org, { status: 'filed' });
await api('POST', `/api/v1/plans/${plan.id}/status`, city, { status: 'open' });
// rooms of 30 candidates, each with the 2 invigilators the room rule needs (1 per 15 candidates)
const users = (await api('GET', '/api/v1/users?page_size=200', org)).items;
const inv = users.filter((u) => u.institution_id === inst.id && ['institution_staff', 'examiner'].includes(u.role)).slice(0, 2).map((u) => u.id);
const rooms = [];
for (let i = 0; i < Math.ceil(N / 30); i++) rooms.push(await api('POST', `/api/v1/plans/${plan.id}/sittings`, org, { room: `bench ${i + 1}`, minutes: 300, invigilators: inv }));
let persons = [];
for (let page = 1; persons.length < N; page++) {
  const got = (await api('GET', `/api/v1/persons?page=${page}&page_size=500`, admin)).items;
  if (!got.length) break;
  persons = persons.concat(got);
}
persons = persons.slice(0, N);
if (persons.length < N) throw new Error(`only ${persons.length} persons`);
const lines = new Array(persons.length);
let next = 0, done = 0;
async function one(i) {
  const p = persons[i], user = `${tag}u${i}`;
  await api('POST', '/api/v1/users', admin, { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id });
  const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, admin, { person_id: p.id, option: '2023-5-a', declared: true });
  await api('POST', `/api/v1/registrations/${reg.id}/review`, org, { decision: 'approve' });
  const att = (await api('POST', `/api/v1/sittings/${rooms[Math.floor(i / 30)].id}/admit`, org, { registration_id: reg.id })).attempt_id;
  const t = await login(user, 'Kite-River-2026');
  if (process.env.START !== '0') await api('POST', `/api/v1/attempts/${att}/open`, t);
  lines[i] = `${t} ${att}`;
  if (++done % 1000 === 0) process.stderr.write(`  ${done} candidates ready\n`);
}
// CONC= parallel candidates (default 16; bench/failover.sh uses fewer: concurrent admissions of one sitting
// can deadlock on item_exposure, answered 503 db_retry)
await Promise.all(Array.from({ length: Number(process.env.CONC || 16) }, async () => { while (next < persons.length) await one(next++); }));
fs.writeFileSync(OUT, lines.join('\n') + '\n');
