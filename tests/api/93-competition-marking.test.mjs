// 竞赛评分与成绩 (issue 21 items 4-5): an event's scheme out of 100 (a wrong total refused), judges with 回避
// (same employer refused, same city when the rule is on), independent scoring (another judge's scores hidden
// until all three have scored), idempotent saves (a replayed older seq changes nothing), a Judgement
// disagreement flagged, the sign-off refused until it is re-marked, changes after the sign-off only with a
// recorded reason, results computed (raw totals, the WorldSkills scale against a hand-computed example,
// ties broken by module A, medals and 优胜奖 per the rules), 公示 on the holiday calendar, the public results
// and the medal table by 选送单位; other principals refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};

// the scheme: module A (A1 Measurement full-or-zero 17, A2 Judgement 27), module B (B1 Measurement in bands
// 20, B2 Judgement 36) = 100 marks. Judgement marks are max × Σ/9 with three judges: A2 = 3 per point of Σ,
// B2 = 4 per point.
const DESC = ['未达到行业标准', '达到行业标准', '在某些方面超过行业标准', '杰出'];
const SCHEME = {
  modules: [
    { code: 'A', name: '工艺与测量', sub_criteria: [{ code: 'A.1', name: '尺寸与工艺', aspects: [
      { code: 'A1', description: '孔位正确', kind: 'binary', max: 17 },
      { code: 'A2', description: '表面工艺', kind: 'judgement', max: 27, descriptors: DESC },
    ] }] },
    { code: 'B', name: '装配与外观', sub_criteria: [{ code: 'B.1', name: '装配精度与外观', aspects: [
      { code: 'B1', description: '总长 50.00 mm', kind: 'bands', max: 20, nominal: 50, bands: [{ tol: 0.05, pct: 100 }, { tol: 0.1, pct: 50 }] },
      { code: 'B2', description: '整体外观', kind: 'judgement', max: 36, descriptors: DESC },
    ] }] },
  ],
};
// per contestant: A1 met, A2 judgements, B1 measured, B2 judgements → A, B, total
const PLAN = [
  { a1: 1, a2: [3, 3, 3], b1: 50.02, b2: [2, 2, 2] }, // A 17+27=44, B 20+24=44 → 88
  { a1: 1, a2: [2, 2, 1], b1: 50.08, b2: [3, 2, 2] }, // A 17+15=32, B 10+28=38 → 70 (B2 first 3,0,2: flagged)
  { a1: 1, a2: [3, 2, 2], b1: 49.97, b2: [3, 3, 3] }, // A 17+21=38, B 20+36=56 → 94
  { a1: 1, a2: [2, 2, 1], b1: 50.00, b2: [2, 2, 1] }, // A 17+15=32, B 20+20=40 → 72
  { a1: 1, a2: [2, 2, 2], b1: 50.50, b2: [3, 3, 3] }, // A 17+18=35, B  0+36=36 → 71
  { a1: 0, a2: [3, 3, 2], b1: 50.01, b2: [3, 2, 2] }, // A  0+24=24, B 20+28=48 → 72 (ties with #4; A 24 < 32)
];

test('marking scheme, judges, scores, disagreement, sign-off, results and 公示', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const instOf = async (t) => { const me = (await api('GET', '/api/v1/auth/me', { token: t })).data; return me.user ? me.user.institution_id : me.institution_id; };
  const instA = await instOf(org), instQ = await instOf(qorg);
  const n = unique();
  const tag = `cm${n}`;

  // a province competition (tier 行业, so it opens without the yearly plan) with one event; six contestants,
  // #1 (a 青岛 resident) employed by institution A; 青岛 nominates #1, #3, #5 and 济南 #2, #4, #6; the province
  // approves them, closes registration and draws the seats (the competition core's API, issue 21 items 1-3)
  const Y = 2027;
  const comp = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `山东省职业技能大赛（评分测试 ${tag}）`, tier: 'industry', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', starts_on: `${Y}-11-01`, ends_on: `${Y}-11-03` } }), 201);
  const cid = comp.id;
  const event = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `数控铣 ${tag}`, worldskills_skill: 'CNC Milling', seats: 6, groups: [{ group: 'worker' }] } }), 201);
  const eid = event.id;
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'open' } }));
  const entries = [];
  for (let i = 0; i < PLAN.length; i++) {
    const region = i % 2 ? '370102' : '370202';
    const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `选手${i + 1}`, id_number: idNumber(region, '19970317', 101 + ((n * 7 + i) % 440) * 2), ...(i === 0 ? { employer_id: instA } : {}) } }), 201).id;
    const en = ok(await api('POST', `/api/v1/competition-events/${eid}/entries`, { token: i % 2 ? jinan : qingdao, body: { person_id: person, group: 'worker' } }), 201);
    ok(await api('POST', `/api/v1/competition-entries/${en.id}/status`, { token: prov, body: { status: 'approved' } }));
    entries.push(en.id);
  }
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `/api/v1/competition-events/${eid}/draw`, { token: prov, body: { seed: `marking-${n}` } }), 201);
  const ev = `/api/v1/competition-events/${eid}`;

  // the rules: WorldSkills medals (one of each, 优胜奖 from 700), threshold 1
  let rules = ok(await api('GET', `/api/v1/competitions/${cid}/marking-rules`, { token: prov }));
  assert.deepEqual([rules.threshold, rules.medals.excellence_min, rules.avoidance.city], [1, 700, false]);
  expectError(await api('PUT', `/api/v1/competitions/${cid}/marking-rules`, { token: prov, body: { threshold: 4 } }), 422, 'invalid_value');
  expectError(await api('GET', `/api/v1/competitions/${cid}/marking-rules`, { token: jinan }), 404, 'not_found');

  // the scheme: 100 marks or refused
  const short = structuredClone(SCHEME);
  short.modules[1].sub_criteria[0].aspects[1].max = 35;
  expectError(await api('PUT', `${ev}/scheme`, { token: prov, body: short }), 422, 'scheme_total_not_100');
  const nodesc = structuredClone(SCHEME);
  delete nodesc.modules[0].sub_criteria[0].aspects[1].descriptors;
  expectError(await api('PUT', `${ev}/scheme`, { token: prov, body: nodesc }), 422, 'descriptors_missing');
  expectError(await api('PUT', `${ev}/scheme`, { token: qingdao, body: SCHEME }), 404, 'not_found');
  const scheme = ok(await api('PUT', `${ev}/scheme`, { token: prov, body: SCHEME }));
  assert.equal(scheme.total, 100);
  assert.deepEqual(scheme.modules.map((m) => [m.code, m.max]), [['A', 44], ['B', 56]]);

  // judges: three of the 青岛 institution, a chief expert; one of institution A (contestant #1's employer) refused
  const judge = async (k, inst) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PASSWORD, role: 'examiner', institution_id: inst } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const J = [await judge('j1', instQ), await judge('j2', instQ), await judge('j3', instQ)];
  const chief = await judge('chief', instQ), near = await judge('near', instA), city = await judge('city', instQ);
  let r = await api('POST', `${ev}/judges`, { token: prov, body: { user_id: near.id } });
  expectError(r, 409, 'judge_avoidance');
  assert.match(r.data.error.message_zh, /回避/);
  // the city rule is off by default; on, a judge of 济南 is refused for 济南's contestants
  ok(await api('PUT', `/api/v1/competitions/${cid}/marking-rules`, { token: prov, body: { avoidance: { city: true } } }));
  expectError(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: city.id, city_code: '370100' } }), 409, 'judge_avoidance');
  ok(await api('PUT', `/api/v1/competitions/${cid}/marking-rules`, { token: prov, body: { avoidance: { city: false } } }));
  for (const j of J) ok(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: j.id, city_code: '370200' } }), 201);
  expectError(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: J[0].id } }), 409, 'judge_assigned');
  const js = ok(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: chief.id, chief: true } }), 201);
  assert.equal(js.items.length, 4);
  expectError(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: city.id, chief: true } }), 409, 'chief_exists');

  // independent scoring: judge 1 scores A2 of contestant 1; judge 2 does not see it until all three have
  const save = (j, scores, extra = {}) => api('PUT', `${ev}/scores`, { token: j.token, body: { scores, ...extra } });
  const seen = async (j, e, code) => ok(await api('GET', `${ev}/marks?entry_id=${e}`, { token: j.token })).entries[0].aspects.find((a) => a.code === code);
  ok(await save(J[0], [{ entry_id: entries[0], aspect: 'A2', value: 3, seq: 1 }]));
  let a = await seen(J[1], entries[0], 'A2');
  assert.deepEqual([a.scores.length, a.complete, 'mark' in a], [0, false, false]);
  a = await seen(J[0], entries[0], 'A2');
  assert.deepEqual([a.scores.length, a.mine.value], [1, 3]);
  ok(await save(J[1], [{ entry_id: entries[0], aspect: 'A2', value: 3, seq: 1 }]));
  assert.equal((await seen(J[1], entries[0], 'A2')).scores.length, 1);
  ok(await save(J[2], [{ entry_id: entries[0], aspect: 'A2', value: 3, seq: 1 }]));
  a = await seen(J[1], entries[0], 'A2');
  assert.deepEqual([a.scores.length, a.complete, a.mark, a.flagged], [3, true, 27, false]);
  // the chief expert does not mark; nobody else does
  expectError(await save(chief, [{ entry_id: entries[0], aspect: 'A2', value: 3, seq: 1 }]), 403, 'forbidden');
  expectError(await save(city, [{ entry_id: entries[0], aspect: 'A2', value: 3, seq: 1 }]), 404, 'not_found');
  expectError(await save(J[0], [{ entry_id: entries[0], aspect: 'A2', value: 4, seq: 2 }]), 422, 'invalid_value');
  expectError(await save(J[0], [{ entry_id: entries[0], aspect: 'ZZ', value: 1, seq: 2 }]), 422, 'invalid_value');

  // everything else, as a phone would send it: one save per judge and contestant (B2 of #2 first 3, 0, 2)
  for (let i = 0; i < PLAN.length; i++) {
    const p = PLAN[i];
    for (let k = 0; k < 3; k++) {
      const b2 = i === 1 ? [3, 0, 2][k] : p.b2[k];
      const s = [{ entry_id: entries[i], aspect: 'B2', value: b2, seq: 1 }];
      if (i > 0) s.push({ entry_id: entries[i], aspect: 'A2', value: p.a2[k], seq: 1 });
      if (k === 0) s.push({ entry_id: entries[i], aspect: 'A1', value: p.a1, seq: 1 }, { entry_id: entries[i], aspect: 'B1', value: p.b1, seq: 1 });
      ok(await save(J[k], s));
    }
  }
  // a replay of an older save (the phone lost the answer) changes nothing and answers what is stored
  const rep = ok(await save(J[0], [{ entry_id: entries[0], aspect: 'A2', value: 1, seq: 1 }])).saved[0];
  assert.deepEqual([rep.applied, rep.value, rep.seq], [false, 3, 1]);

  // the disagreement on B2 of #2 (3, 0, 2: more than 1 apart) blocks the sign-off until re-marked
  let dis = ok(await api('GET', `${ev}/disagreements`, { token: chief.token }));
  assert.deepEqual(dis.items.map((x) => [x.entry_id, x.aspect, x.lowest, x.highest]), [[entries[1], 'B2', 0, 3]]);
  expectError(await api('POST', `${ev}/signoff`, { token: chief.token }), 409, 'disagreements_open');
  expectError(await api('POST', `${ev}/signoff`, { token: J[0].token }), 403, 'forbidden');
  ok(await save(J[1], [{ entry_id: entries[1], aspect: 'B2', value: 2, seq: 2 }]));
  dis = ok(await api('GET', `${ev}/disagreements`, { token: chief.token }));
  assert.deepEqual([dis.flagged, dis.incomplete], [0, 0]);
  const marks = ok(await api('GET', `${ev}/marks`, { token: prov }));
  const byEntry = Object.fromEntries(marks.entries.map((e) => [e.entry_id, e]));
  assert.deepEqual(entries.map((e) => byEntry[e].total), [88, 70, 94, 72, 71, 72]);
  assert.equal(byEntry[entries[1]].aspects.find((x) => x.code === 'B2').scores.find((s) => s.judge_id === J[1].id).revision, 1);

  // results need the sign-off
  expectError(await api('POST', `${ev}/results`, { token: prov }), 409, 'not_signed');
  ok(await api('POST', `${ev}/signoff`, { token: chief.token }));
  expectError(await api('POST', `${ev}/signoff`, { token: chief.token }), 409, 'already_signed');
  // after the sign-off a change needs a reason, and is recorded as an amendment
  expectError(await save(J[0], [{ entry_id: entries[2], aspect: 'B2', value: 2, seq: 2 }]), 409, 'marks_locked');
  let am = ok(await save(J[0], [{ entry_id: entries[2], aspect: 'B2', value: 2, seq: 2 }], { reason: '复核时发现误录' }));
  assert.equal(am.amendments, 1);
  am = ok(await save(J[0], [{ entry_id: entries[2], aspect: 'B2', value: 3, seq: 3 }], { reason: '经裁判组讨论恢复原评分' }));
  assert.equal(am.amendments, 1);

  // results of every signed event of the competition
  const run = ok(await api('POST', `/api/v1/competitions/${cid}/results`, { token: prov }));
  assert.deepEqual([run.computed, run.contestants], [1, 6]);
  const res = ok(await api('GET', `${ev}/results`, { token: prov }));
  // hand-computed (docs/DOMAIN.md): totals 88 70 94 72 71 72, mean 467/6 = 77.8333, median (72 + 72)/2 = 72,
  // Σ(x − mean)² = 3245/6, sd = √(3245/36) = 9.4942; s = 700 + 100 (x − 72)/9.4942:
  // 94 → 931.72, 88 → 868.52, 72 → 700, 71 → 689.47, 70 → 678.93
  assert.deepEqual(res.items.map((x) => [x.entry_id, x.rank, x.total, x.scaled, x.medal]), [
    [entries[2], 1, 94, 931.72, 'gold'],
    [entries[0], 2, 88, 868.52, 'silver'],
    [entries[3], 3, 72, 700, 'bronze'], // the tie on 72 broken by module A: 32 before 24
    [entries[5], 4, 72, 700, 'excellence'], // 优胜奖: 700 on the scale
    [entries[4], 5, 71, 689.47, ''],
    [entries[1], 6, 70, 678.93, ''],
  ]);
  assert.deepEqual(res.items[2].modules, [32, 40]);
  assert.deepEqual([res.scale.median, res.scale.sd], [72, 9.4942]);
  assert.equal(res.items[0].medal_name, '金牌');

  // 公示: not public before; published with its end on the holiday calendar; the public reads it then
  expectError(await api('GET', `/api/v1/public/competition-events/${eid}/results`), 404, 'not_found');
  const pub = ok(await api('POST', `${ev}/results/publish`, { token: prov }));
  assert.match(pub.publicity_end, /^\d{4}-\d{2}-\d{2}$/);
  const open = ok(await api('GET', `/api/v1/public/competition-events/${eid}/results`));
  assert.equal(open.items.length, 6);
  expectError(await save(J[0], [{ entry_id: entries[2], aspect: 'B2', value: 2, seq: 4 }], { reason: '再改' }), 409, 'results_published');
  const teams = ok(await api('GET', `/api/v1/public/competitions/${cid}/team-results`));
  assert.deepEqual(teams.items.map((t) => [t.unit_name, t.gold, t.silver, t.bronze, t.excellence]), [
    ['青岛市', 1, 1, 0, 0],
    ['济南市', 0, 0, 1, 1],
  ]);

  // other principals: another city's admin and another institution see nothing; a candidate is refused
  expectError(await api('GET', `${ev}/marks`, { token: qingdao }), 404, 'not_found');
  expectError(await api('GET', `${ev}/results`, { token: qorg }), 404, 'not_found');
  expectError(await api('GET', `${ev}/scheme`, { token: near.token }), 404, 'not_found');
  expectError(await api('GET', `${ev}/scheme`), 401, 'login_required');

  // a team event (two a team): 济南's A队 and 青岛's B队; each team is ranked by its members' mean (济南 100 and 50 → 75; 青岛 100 and 100 → 100) and every member carries the team's place
  const tc = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `团体赛（评分测试 ${tag}）`, tier: 'industry', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', starts_on: `${Y}-12-01`, ends_on: `${Y}-12-02` } }), 201).id;
  const te = ok(await api('POST', `/api/v1/competitions/${tc}/events`, { token: prov, body: { name: `机电一体化 ${tag}`, worldskills_skill: 'Mechatronics', team_size: 2, seats: 2, groups: [{ group: 'worker' }] } }), 201).id;
  ok(await api('POST', `/api/v1/competitions/${tc}/status`, { token: prov, body: { status: 'open' } }));
  const members = [];
  for (let i = 0; i < 4; i++) {
    const region = i < 2 ? '370102' : '370202';
    const person = ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `团体选手${i + 1}`, id_number: idNumber(region, '19970318', 101 + ((n * 7 + i) % 440) * 2) } }), 201).id;
    const en = ok(await api('POST', `/api/v1/competition-events/${te}/entries`, { token: i < 2 ? jinan : qingdao, body: { person_id: person, group: 'worker', team: i < 2 ? 'A队' : 'B队' } }), 201);
    ok(await api('POST', `/api/v1/competition-entries/${en.id}/status`, { token: prov, body: { status: 'approved' } }));
    members.push(en.id);
  }
  ok(await api('POST', `/api/v1/competitions/${tc}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `/api/v1/competition-events/${te}/draw`, { token: prov, body: { seed: `team-${n}` } }), 201);
  ok(await api('PUT', `/api/v1/competition-events/${te}/scheme`, { token: prov, body: { modules: [{ code: 'A', name: '装调', sub_criteria: [{ code: 'A.1', name: '精度', aspects: [{ code: 'M1', description: '定位精度 10.00 mm', kind: 'bands', max: 100, nominal: 10, bands: [{ tol: 0.02, pct: 100 }, { tol: 0.05, pct: 50 }] }] }] }] } }));
  const tj = await judge('tj', instQ), tchief = await judge('tchief', instQ);
  ok(await api('POST', `/api/v1/competition-events/${te}/judges`, { token: prov, body: { user_id: tj.id, city_code: '370300' } }), 201);
  ok(await api('POST', `/api/v1/competition-events/${te}/judges`, { token: prov, body: { user_id: tchief.id, chief: true } }), 201);
  const te_ = `/api/v1/competition-events/${te}`;
  ok(await api('PUT', `${te_}/scores`, { token: tj.token, body: { scores: members.map((e, i) => ({ entry_id: e, aspect: 'M1', value: [10.01, 10.04, 9.99, 10.0][i], seq: 1 })) } }));
  ok(await api('POST', `${te_}/signoff`, { token: tchief.token }));
  const tres = ok(await api('POST', `${te_}/results`, { token: prov }));
  const place = Object.fromEntries(tres.items.map((x) => [x.entry_id, [x.rank, x.total, x.medal]]));
  assert.deepEqual(members.map((e) => place[e]), [[2, 100, 'silver'], [2, 50, 'silver'], [1, 100, 'gold'], [1, 100, 'gold']]);

  // every change is in the audit archive
  const audit = ok(await api('GET', `/api/v1/audit?entity=competition_event&entity_id=${eid}&page_size=100`, { token: prov }));
  const actions = new Set(audit.items.map((x) => x.action));
  for (const act of ['competition.scheme', 'competition.judge_assign', 'competition.scores', 'competition.signoff', 'competition.score_amend', 'competition.results_publish']) assert.ok(actions.has(act), act);
});
