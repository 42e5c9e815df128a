// Learner accounts for the online-learning and contest benchmarks (bench/elearn.sh, bench/contest.sh): one
// candidate account per imported person, made and logged in through the API by P clients at once.
// learners(BASE, N, tag) -> [{person, token}]
export async function api(BASE, method, path, token, body, tries = 8) {
  const r = await fetch(BASE + path, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = await r.json();
  if ((r.status === 503 || r.status === 429) && tries > 1) { await new Promise((ok) => setTimeout(ok, 200)); return api(BASE, method, path, token, body, tries - 1); }
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}
export const pool = async (P, n, work) => { let next = 0; await Promise.all(Array.from({ length: Math.min(P, n) }, async () => { while (next < n) await work(next++); })); };
export async function learners(BASE, N, tag, P = 32) {
  const login = async (u, p = 'Demo@Skills2026') => (await api(BASE, 'POST', '/api/v1/auth/login', null, { username: u, password: p })).token;
  const admin = await login('admin');
  let persons = [];
  for (let page = 1; persons.length < N; page++) {
    const got = (await api(BASE, 'GET', `/api/v1/persons?page=${page}&page_size=500&sort=-created_at`, admin)).items;
    if (!got.length) break;
    persons = persons.concat(got);
  }
  if (persons.length < N) throw new Error(`only ${persons.length} persons`);
  const out = new Array(N);
  let done = 0;
  await pool(P, N, async (i) => {
    const username = `${tag}u${i}`;
    await api(BASE, 'POST', '/api/v1/users', admin, { username, password: 'Kite-River-2026', role: 'candidate', person_id: persons[i].id });
    out[i] = { person: persons[i].id, token: await login(username, 'Kite-River-2026') };
    if (++done % 2000 === 0) process.stderr.write(`  ${done} learners ready\n`);
  });
  return { admin, list: out };
}
