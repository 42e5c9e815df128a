// Check-then-act races around certificates and competitions, made to happen on every PostgreSQL run by the
// gate of lib.mjs (a second session holds the row the old code writes, so every request has read its state
// before any writes it): 补发 and 撤销 of one certificate at once, amendments of marks against the 公示 of
// the results, reviews of entries against the seat draw, two competitions' outcome runs promoting one person,
// and two chief experts named for one event at once. One test per finding; each asserts what a user sees:
// one request succeeds, the others get the documented 409, and the state is what that one made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, gate, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};
const instOf = async (t) => {
  const me = ok(await api('GET', '/api/v1/auth/me', { token: t }));
  return me.user ? me.user.institution_id : me.institution_id;
};

test('证书补发 and 撤销 at once: one replacement at most, never a valid replacement of a revoked certificate', async () => {
  const org = await login('jinan_org_admin'), admin = await login('admin');
  const inst = ok(await api('GET', `/api/v1/institutions/${await instOf(org)}`, { token: org }));
  const scope = inst.scopes.find((s) => s.levels.length && !s.occupation_code.startsWith('ZX'));
  const n = unique();
  // two new persons, each with a passed result (the province's correction) and its certificate
  const certOf = async (i) => {
    const p = ok(await api('POST', '/api/v1/persons', { token: org, body: { name: `补发${n}${i}`, id_number: idNumber('370102', '19730811', 100 + ((n * 2 + i) % 900)) } }), 201);
    const r = ok(await api('POST', '/api/v1/results', { token: admin, body: { institution_id: inst.id, correction_reason: '历史记录补录（测试）', person_id: p.id, occupation_code: scope.occupation_code, level: scope.levels[0], exam_date: '2026-10-18', theory: 82, practical: 75, review: scope.levels[0] <= 2 ? 70 : null } }), 201);
    const number = ok(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [r.id] } }), 201).numbers[0];
    return { person: p.id, number };
  };
  const a = await certOf(0), b = await certOf(1);
  const reissue = (no) => api('POST', `/api/v1/certificates/${no}/reissue`, { token: org, body: { reason: '证书遗失补发' } });
  const revoke = (no) => api('POST', `/api/v1/certificates/${no}/revoke`, { token: org, body: { reason: '考试作弊，经查实撤销' } });
  const held = async (c) => ok(await api('GET', `/api/v1/certificates?person_id=${c.person}&page_size=50`, { token: org })).items;
  // both requests read the certificate valid before either revokes it (PostgreSQL: the gate holds its row)
  const race = async (c, reqs) => {
    const g = await gate(`UPDATE certificates SET status = status WHERE number = '${c.number}'`);
    const out = await Promise.all(reqs.map((f) => f(c.number)));
    await g.opened;
    return out;
  };

  // two reissues at once: one new certificate, the other refused
  const two = await race(a, [reissue, reissue]);
  assert.deepEqual(two.map((r) => r.status).sort(), [201, 409], JSON.stringify(two.map((r) => r.data)));
  expectError(two.find((r) => r.status === 409), 409, 'already_revoked');
  const won = two.find((r) => r.status === 201).data;
  let certs = await held(a);
  assert.deepEqual(certs.map((c) => [c.number, c.status, c.reissue_of]).sort(), [[a.number, 'revoked', null], [won.number, 'valid', a.number]].sort());

  // a reissue and a revocation at once: one of them; a revoked certificate is never replaced by a valid one
  const mixed = await race(b, [reissue, revoke]);
  assert.equal(mixed.filter((r) => r.status === 409).length, 1, JSON.stringify(mixed.map((r) => r.data)));
  expectError(mixed.find((r) => r.status === 409), 409, 'already_revoked');
  certs = await held(b);
  const old = certs.find((c) => c.number === b.number), neu = certs.filter((c) => c.number !== b.number);
  assert.equal(old.status, 'revoked');
  if (mixed[0].status === 201) {
    assert.match(old.revoked_reason, /^换发/);
    assert.deepEqual(neu.map((c) => [c.number, c.status, c.reissue_of]), [[mixed[0].data.number, 'valid', b.number]]);
  } else {
    assert.equal(old.revoked_reason, '考试作弊，经查实撤销');
    assert.deepEqual(neu, [], 'no replacement of a revoked certificate');
  }
});

// a province competition with one drawn event of `people` contestants (济南 persons, nominated by 济南 and
// approved), a one-aspect scheme (M1: 100 marks at 10.00 ± 0.02, 50 within ± 0.05), a judge and a chief
// expert of the 青岛 institution (the setup of 93-competition-marking.test.mjs)
async function drawnEvent(tag, people, { draw = true, judges = true } = {}) {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qorg = await login('qingdao_org_admin');
  const n = unique();
  const cid = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `并发测试赛 ${tag}${n}`, tier: 'industry', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', starts_on: '2027-11-01', ends_on: '2027-11-02' } }), 201).id;
  const eid = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `数控车 ${tag}${n}`, worldskills_skill: 'CNC Turning', seats: people + 2, groups: [{ group: 'worker' }] } }), 201).id;
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'open' } }));
  const entries = [];
  for (let i = 0; i < people; i++) {
    const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `${tag}选手${i + 1}`, id_number: idNumber('370102', '19730812', 100 + ((n * 5 + i) % 900)) } }), 201).id;
    entries.push(ok(await api('POST', `/api/v1/competition-events/${eid}/entries`, { token: jinan, body: { person_id: person, group: 'worker' } }), 201).id);
  }
  const ev = { prov, jinan, cid, eid, entries, path: `/api/v1/competition-events/${eid}` };
  if (!draw) return ev;
  for (const en of entries) ok(await api('POST', `/api/v1/competition-entries/${en}/status`, { token: prov, body: { status: 'approved' } }));
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `${ev.path}/draw`, { token: prov, body: { seed: `race-${n}` } }), 201);
  ok(await api('PUT', `${ev.path}/scheme`, { token: prov, body: { modules: [{ code: 'A', name: '车削', sub_criteria: [{ code: 'A.1', name: '精度', aspects: [{ code: 'M1', description: '外径 10.00 mm', kind: 'bands', max: 100, nominal: 10, bands: [{ tol: 0.02, pct: 100 }, { tol: 0.05, pct: 50 }] }] }] }] } }));
  const instQ = await instOf(qorg);
  ev.examiner = async (k) => ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `race${n}${k}`, password: PASSWORD, role: 'examiner', institution_id: instQ } }), 201);
  if (!judges) return ev;
  const judge = async (k, chief) => {
    const u = await ev.examiner(k);
    ok(await api('POST', `${ev.path}/judges`, { token: prov, body: { user_id: u.id, chief, city_code: '370200' } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  ev.judge = await judge('j', false);
  ev.chief = await judge('c', true);
  return ev;
}

test('竞赛成绩: amendments of the marks against the computation and the 公示 of the results', async () => {
  const ev = await drawnEvent('评分', 2);
  const [e1, e2] = ev.entries;
  const save = (value, seq, reason) => api('PUT', `${ev.path}/scores`, { token: ev.judge.token, body: { scores: [{ entry_id: e1, aspect: 'M1', value, seq }], ...(reason ? { reason } : {}) } });
  ok(await api('PUT', `${ev.path}/scores`, { token: ev.judge.token, body: { scores: [{ entry_id: e1, aspect: 'M1', value: 10.01, seq: 1 }, { entry_id: e2, aspect: 'M1', value: 10.0, seq: 1 }] } }));
  ok(await api('POST', `${ev.path}/signoff`, { token: ev.chief.token }));
  ok(await api('POST', `${ev.path}/results`, { token: ev.prov }));
  const results = async () => ok(await api('GET', `${ev.path}/results`, { token: ev.prov }));
  const mark = async () => ok(await api('GET', `${ev.path}/marks`, { token: ev.prov })).entries.find((x) => x.entry_id === e1).total;
  const total = (res) => res.items.find((x) => x.entry_id === e1).total;
  const gated = () => gate(`UPDATE competition_marking SET status = status WHERE event_id = ${Number(ev.eid)}`);

  // an amendment (10.04: 50 marks), then the organiser's computation while it is under way: computed results
  // are the amended marks' (before the event's row was locked, the computation read the old mark and stored
  // it as computed after the amendment had sent the results back to signed)
  let g = await gated();
  const amending = save(10.04, 2, '复核时发现误录');
  await new Promise((r) => setTimeout(r, 300));
  const [am, cp] = await Promise.all([amending, api('POST', `${ev.path}/results`, { token: ev.prov })]);
  await g.opened;
  ok(am);
  assert.equal(ok(am).amendments, 1);
  ok(cp);
  assert.equal(await mark(), 50);
  let res = await results();
  assert.equal(res.status, 'computed');
  assert.equal(total(res), 50, 'the computed results hold the amended mark');

  // an amendment (back to 10.01) and the 公示 at once: one of them; published results are the marks'
  g = await gated();
  const both = await Promise.all([save(10.01, 3, '经裁判组讨论恢复原评分'), api('POST', `${ev.path}/results/publish`, { token: ev.prov })]);
  await g.opened;
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.data)));
  res = await results();
  if (both[0].status === 200) {
    expectError(both[1], 409, 'not_computed');
    assert.equal(res.status, 'signed');
    assert.equal(await mark(), 100);
  } else {
    expectError(both[0], 409, 'results_published');
    assert.equal(res.status, 'published');
    assert.equal(await mark(), 50);
    assert.equal(total(res), 50);
    const pub = ok(await api('GET', `/api/v1/public/competition-events/${ev.eid}/results`));
    assert.equal(pub.items.find((x) => x.entry_id === e1).total, 50);
  }
});

test('参赛报名审核 and the seat draw: two reviews of one entry decide once; a withdrawal beside the draw is in it or refused', async () => {
  const ev = await drawnEvent('抽签', 3, { draw: false });
  const { prov, jinan, cid, entries: [e0, e1, e2] } = ev;
  const move = (t, id, status, reason) => api('POST', `/api/v1/competition-entries/${id}/status`, { token: t, body: { status, ...(reason ? { reason } : {}) } });
  const entryOf = async (id) => ok(await api('GET', `${ev.path}/entries`, { token: prov })).items.find((x) => x.id === id);

  // the organiser approves and rejects one nomination at once (two reviewers): one decision, the other refused
  let g = await gate(`UPDATE competition_entries SET status = status WHERE id = ${Number(e0)}`);
  const two = await Promise.all([move(prov, e0, 'approved'), move(prov, e0, 'rejected', '资格不符')]);
  await g.opened;
  assert.deepEqual(two.map((r) => r.status).sort(), [200, 409], JSON.stringify(two.map((r) => r.data)));
  expectError(two.find((r) => r.status === 409), 409, 'invalid_transition');
  assert.equal((await entryOf(e0)).status, two[0].status === 200 ? 'approved' : 'rejected');

  // the nominating city withdraws an approved entry while the organiser draws the seats: the withdrawal
  // comes first (the entry is not drawn) or is refused (event_drawn: the entry keeps its seat)
  for (const id of [e1, e2]) ok(await move(prov, id, 'approved'));
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));
  g = await gate('LOCK TABLE competition_entries IN SHARE MODE');
  const [dr, wd] = await Promise.all([api('POST', `${ev.path}/draw`, { token: prov, body: { seed: `race-draw-${cid}` } }), move(jinan, e1, 'withdrawn', '选手伤病')]);
  await g.opened;
  const draw = ok(dr, 201);
  const start = ok(await api('GET', `${ev.path}/start-list`, { token: prov })).items.map((x) => x.entry_id);
  const approved = ok(await api('GET', `${ev.path}/entries?status=approved`, { token: prov })).items.map((x) => x.id);
  if (wd.status === 200) assert.equal((await entryOf(e1)).status, 'withdrawn');
  else {
    expectError(wd, 409, 'event_drawn');
    assert.equal((await entryOf(e1)).status, 'approved');
  }
  assert.deepEqual([...draw.units].sort(), [...approved].sort(), 'the draw seated exactly the approved entries');
  assert.deepEqual([...start].sort(), [...approved].sort());
});

test('竞赛晋升: two competitions\' outcome runs at once promote one person once each, the later from the earlier\'s level', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qorg = await login('qingdao_org_admin');
  const instA = await instOf(await login('jinan_org_admin')), instQ = await instOf(qorg);
  const n = unique(), OCC = '6-18-02-04';
  // a plan year of this test's own (95 looks for its own from 2071, the scope matrix from 2040)
  let Y = 2081;
  while ((await api('GET', `/api/v1/competition-plans/${Y}`, { token: prov })).status !== 404) Y++;
  // P already holds 山东省技术能手 (imported by the bureau); Q does not
  const person = async (k) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `晋升选手${n}${k}`, id_number: idNumber('370102', '19730813', 100 + ((n * 2 + k) % 900)) } }), 201).id;
  const P = await person(0), Q = await person(1);
  ok(await api('POST', `/api/v1/persons/${P}/honours`, { token: jinan, body: { kind: 'provincial_technical_expert', title: '山东省技术能手', awarded_on: '2024-05-20', source: '往年竞赛（测试）' } }), 201);

  // two 省级一类 competitions of the plan of Y, each with one 焊工 event where P and Q are first and second
  const comps = [];
  for (const k of [0, 1]) {
    const cid = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `山东省职业技能大赛（晋升并发 ${n}-${k}）`, tier: 'province_1', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', plan_year: Y, starts_on: `${Y}-0${5 + k}-18`, ends_on: `${Y}-0${5 + k}-20` } }), 201).id;
    const ev = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `焊工 晋升并发${n}-${k}`, occupation_code: OCC, seats: 2, groups: [{ group: 'worker' }] } }), 201);
    for (const s of ['applied', 'approved']) ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: s } }));
    comps.push({ cid, ev });
  }
  ok(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: prov }));
  const judge = async (k) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `race${n}${k}`, password: PASSWORD, role: 'examiner', institution_id: instQ } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const J = await judge('j'), C = await judge('c');
  const SCHEME = { modules: [{ code: 'A', name: '焊接', sub_criteria: [{ code: 'A.1', name: '精度', aspects: [{ code: 'M1', description: '焊缝宽度 10.00 mm', kind: 'bands', max: 100, nominal: 10, bands: [{ tol: 0.02, pct: 100 }, { tol: 0.05, pct: 50 }] }] }] }] };
  for (const { cid, ev } of comps) {
    ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'open' } }));
    const en = [];
    for (const p of [P, Q]) {
      const x = ok(await api('POST', `/api/v1/competition-events/${ev.id}/entries`, { token: jinan, body: { person_id: p, group: 'worker' } }), 201);
      ok(await api('POST', `/api/v1/competition-entries/${x.id}/status`, { token: prov, body: { status: 'approved' } }));
      en.push(x.id);
    }
    ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));
    ok(await api('POST', `/api/v1/competition-events/${ev.id}/draw`, { token: prov, body: { seed: `race-${n}-${ev.id}` } }), 201);
    ok(await api('PUT', `/api/v1/competition-events/${ev.id}/scheme`, { token: prov, body: SCHEME }));
    ok(await api('POST', `/api/v1/competition-events/${ev.id}/judges`, { token: prov, body: { user_id: J.id } }), 201);
    ok(await api('POST', `/api/v1/competition-events/${ev.id}/judges`, { token: prov, body: { user_id: C.id, chief: true } }), 201);
    ok(await api('PUT', `/api/v1/competition-events/${ev.id}/scores`, { token: J.token, body: { scores: [{ entry_id: en[0], aspect: 'M1', value: 10.0, seq: 1 }, { entry_id: en[1], aspect: 'M1', value: 10.04, seq: 1 }] } }));
    ok(await api('POST', `/api/v1/competition-events/${ev.id}/signoff`, { token: C.token }));
    ok(await api('POST', `/api/v1/competitions/${cid}/results`, { token: prov }));
    // promotion certificates issued by institution A; a winner without a certificate gets 三级
    ok(await api('PUT', `/api/v1/competitions/${cid}/outcome-settings`, { token: prov, body: { cert_institution_id: instA, groups: ev.groups.map((g) => ({ group_id: g.id, promotion_level: 3 })) } }));
    ok(await api('POST', `/api/v1/competition-events/${ev.id}/results/publish`, { token: prov }));
  }
  dbExec(`UPDATE competition_marking SET publicity_end = '2000-01-01' WHERE event_id IN (${comps.map((c) => Number(c.ev.id)).join(', ')})`); // the 公示 ends
  const limit = ok(await api('GET', '/api/v1/competition-prize-rules', { token: prov })).promotion_limit.enabled;

  // both runs at once (PostgreSQL: both have read P's and Q's level and honours before either issues)
  const g = await gate('LOCK TABLE results IN SHARE MODE');
  const runs = await Promise.all(comps.map(({ cid }) => api('POST', `/api/v1/competitions/${cid}/outcomes`, { token: prov })));
  await g.opened;
  runs.forEach((r) => ok(r));
  for (const [p, name] of [[P, 'P'], [Q, 'Q']]) {
    const promos = runs.map((r) => r.data.items.find((i) => i.person_id === p).promotion).filter((x) => x.status === 'new');
    const certs = ok(await api('GET', `/api/v1/certificates?person_id=${p}&occupation_code=${OCC}&page_size=50`, { token: prov })).items;
    const levels = certs.map((c) => c.level).sort();
    // one promotion a run, the later from the level the earlier gave (三级 then 二级); with the limit on, one
    assert.deepEqual(levels, limit ? [3] : [2, 3], `${name}: ${JSON.stringify(promos)}`);
    assert.deepEqual(promos.map((x) => [x.from_level, x.to_level]).sort(), limit ? [[0, 3]] : [[0, 3], [3, 2]]);
    const honours = ok(await api('GET', `/api/v1/persons/${p}/honours`, { token: prov })).items.filter((h) => h.title === '山东省技术能手');
    assert.equal(honours.length, 1, `${name}: one 山东省技术能手`);
  }
});

test('裁判长: three named chief experts of one event at once: one is, two refused; one judge named twice at once: once', async () => {
  const ev = await drawnEvent('裁判长', 1, { judges: false });
  const assign = (user_id, chief) => api('POST', `${ev.path}/judges`, { token: ev.prov, body: { user_id, chief, city_code: '370200' } });
  const chiefs = [await ev.examiner('c1'), await ev.examiner('c2'), await ev.examiner('c3')];
  // every assignment counts the chief experts before any is written (PostgreSQL: the gate holds the inserts)
  let g = await gate('LOCK TABLE competition_judges IN SHARE MODE');
  const three = await Promise.all(chiefs.map((u) => assign(u.id, true)));
  await g.opened;
  assert.deepEqual(three.map((r) => r.status).sort(), [201, 409, 409], JSON.stringify(three.map((r) => r.data)));
  for (const r of three.filter((x) => x.status === 409)) expectError(r, 409, 'chief_exists');
  // one judge named twice at once: once, the other refused judge_assigned (not a bare database conflict)
  const j = await ev.examiner('j1');
  g = await gate('LOCK TABLE competition_judges IN SHARE MODE');
  const twice = await Promise.all([assign(j.id, false), assign(j.id, false)]);
  await g.opened;
  assert.deepEqual(twice.map((r) => r.status).sort(), [201, 409], JSON.stringify(twice.map((r) => r.data)));
  expectError(twice.find((r) => r.status === 409), 409, 'judge_assigned');
  const list = ok(await api('GET', `${ev.path}/judges`, { token: ev.prov })).items;
  assert.deepEqual(list.filter((x) => x.chief).map((x) => x.user_id), [chiefs[three.findIndex((r) => r.status === 201)].id], 'one chief expert');
  assert.equal(list.length, 2);
});
