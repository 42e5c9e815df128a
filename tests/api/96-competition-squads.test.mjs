// 竞赛选拔与集训 (issue 21 items 7-9): the gold medallists of a published 省级一类 event enter the selection pool
// for 世界技能大赛 and 中国技能大赛 (not before publication; idempotent; per target and skill, with the result they
// came from); a squad with its 集训基地, coaches and members (the 选送单位 defaulting to the unit that sent
// them, the base to the squad's); a selection round — an event of a WorldSkills-tier competition whose
// entries are the squad's members — marked, computed and published by the marking of items 4-5, ranking the
// squad (the province sees computed results, the units concerned published ones); the organiser's progress
// board; the events a judge or chief expert marks; the public results of a whole competition for the closing
// ceremony's screen; who may see what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};
// one module of two Measurement aspects (60 + 40 marks): a contestant's total is 100, 60, 40 or 0
const SCHEME = { modules: [{ code: 'A', name: '操作', sub_criteria: [{ code: 'A.1', name: '测量', aspects: [
  { code: 'M1', description: '尺寸合格', kind: 'binary', max: 60 },
  { code: 'M2', description: '工艺合格', kind: 'binary', max: 40 },
] }] }] };

test('selection pool, 集训 squad, selection round, progress board and public results', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  const linyi = await login('linyi_admin'), org = await login('jinan_org_admin'), qorg = await login('qingdao_org_admin');
  const ent = await login('jinan_ent_admin');
  const instOf = async (t) => { const me = (await api('GET', '/api/v1/auth/me', { token: t })).data; return me.user ? me.user.institution_id : me.institution_id; };
  const instA = await instOf(org), instQ = await instOf(qorg);
  const n = unique() + Math.floor(Math.random() * 1e6);
  const tag = `sq${n}`, skill = `焊接 ${tag}`;

  // judges of 青岛 (no contestant's employer): one judge, one chief expert
  const user = async (k) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PASSWORD, role: 'examiner', institution_id: instQ } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const judge = await user('j'), chief = await user('c');
  // marks an event: scheme, judge and chief, the scores [M1, M2] per entry, sign-off and results
  const mark = async (eid, scores, check) => {
    const ev = `/api/v1/competition-events/${eid}`;
    ok(await api('PUT', `${ev}/scheme`, { token: prov, body: SCHEME }));
    ok(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: judge.id } }), 201);
    ok(await api('POST', `${ev}/judges`, { token: prov, body: { user_id: chief.id, chief: true } }), 201);
    if (check) await check();
    ok(await api('PUT', `${ev}/scores`, { token: judge.token, body: { scores: scores.flatMap(([e, m1, m2]) => [{ entry_id: e, aspect: 'M1', value: m1, seq: 1 }, { entry_id: e, aspect: 'M2', value: m2, seq: 1 }]) } }));
    ok(await api('POST', `${ev}/signoff`, { token: chief.token }));
    return ok(await api('POST', `${ev}/results`, { token: prov }));
  };

  // a 省级一类 competition of the province in a published plan (a year of this test's own), one event with a
  // WorldSkills skill; 济南 nominates two (选送单位 institution A), 青岛 one (no institution); two golds
  const Y = 2090 + (n % 10);
  const comp = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `山东省职业技能大赛（选拔测试 ${tag}）`, tier: 'province_1', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', plan_year: Y, starts_on: `${Y}-05-10`, ends_on: `${Y}-05-12` } }), 201);
  const cid = comp.id;
  const eid = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `焊工 ${tag}`, worldskills_skill: skill, seats: 3, groups: [{ group: 'worker' }] } }), 201).id;
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'applied' } }));
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'approved' } }));
  if (!(await api('GET', `/api/v1/competition-plans/${Y}`, { token: prov })).data.published) ok(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: prov }));
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'open' } }));
  const persons = [], entries = [];
  for (let i = 0; i < 3; i++) {
    const region = i < 2 ? '370102' : '370202';
    persons.push(ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `集训${i + 1}`, id_number: idNumber(region, '19990505', 101 + ((n * 5 + i) % 440) * 2) } }), 201).id);
    const body = i < 2 ? { person_id: persons[i], group: 'worker', unit_institution_id: instA } : { person_id: persons[i], group: 'worker' };
    const en = ok(await api('POST', `/api/v1/competition-events/${eid}/entries`, { token: i < 2 ? jinan : qingdao, body }), 201);
    ok(await api('POST', `/api/v1/competition-entries/${en.id}/status`, { token: prov, body: { status: 'approved' } }));
    entries.push(en.id);
  }
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `/api/v1/competition-events/${eid}/draw`, { token: prov, body: { seed: tag } }), 201);
  ok(await api('PUT', `/api/v1/competitions/${cid}/marking-rules`, { token: prov, body: { medals: { gold: 2, silver: 0, bronze: 1 } } }));
  const res = await mark(eid, [[entries[0], 1, 1], [entries[1], 1, 0], [entries[2], 0, 1]]);
  assert.deepEqual(res.items.map((x) => [x.rank, x.medal]), [[1, 'gold'], [2, 'gold'], [3, 'bronze']]);

  // the pool waits for 公示
  const pool = `/api/v1/competition-events/${eid}/selection-pool`;
  expectError(await api('POST', pool, { token: prov, body: { target: 'worldskills' } }), 409, 'results_not_published');
  ok(await api('POST', `/api/v1/competition-events/${eid}/results/publish`, { token: prov }));
  expectError(await api('POST', pool, { token: prov, body: { target: 'asian' } }), 422, 'invalid_value');
  expectError(await api('POST', pool, { token: jinan, body: { target: 'worldskills' } }), 403, 'forbidden');
  let p = ok(await api('POST', pool, { token: prov, body: { target: 'worldskills' } }));
  assert.deepEqual([p.skill, p.added, p.already], [skill, 2, 0]);
  assert.deepEqual(p.items.map((x) => [x.person_id, x.source.place, x.source.medal, x.source.unit_institution_id]), [[persons[0], 1, 'gold', instA], [persons[1], 2, 'gold', instA]]);
  p = ok(await api('POST', pool, { token: prov, body: { target: 'worldskills' } }));
  assert.deepEqual([p.added, p.already, p.items.length], [0, 2, 2]); // idempotent
  const nat = ok(await api('POST', pool, { token: prov, body: { target: 'national', skill: `焊工 ${tag}` } }));
  assert.deepEqual([nat.skill, nat.added], [`焊工 ${tag}`, 2]);
  const [ws1, ws2] = p.items.map((x) => x.id);

  // who reads the pool: the province, 济南 and institution A (they sent them); not 青岛 nor another institution
  const poolList = `/api/v1/competition-pool?target=worldskills&skill=${encodeURIComponent(skill)}`;
  for (const [t, want] of [[prov, 2], [jinan, 2], [org, 2], [qingdao, 0], [ent, 0]]) assert.equal(ok(await api('GET', poolList, { token: t })).total, want);
  expectError(await api('GET', poolList), 401, 'login_required');

  // a squad: base 青岛's institution (省级重点集训基地), coaches, two members from the pool
  const squadBody = { target: 'worldskills', skill, year: Y, base_institution_id: instQ, base_level: 'key' };
  expectError(await api('POST', '/api/v1/competition-squads', { token: prov, body: { ...squadBody, base_level: 'city' } }), 422, 'invalid_value');
  let sq = ok(await api('POST', '/api/v1/competition-squads', { token: prov, body: squadBody }), 201);
  const sid = sq.id, S = `/api/v1/competition-squads/${sid}`;
  assert.deepEqual([sq.base.id, sq.base_level_name, sq.member_count, sq.members.length], [instQ, '省级重点集训基地', 0, 0]);
  expectError(await api('POST', '/api/v1/competition-squads', { token: prov, body: squadBody }), 409, 'squad_exists');
  expectError(await api('POST', '/api/v1/competition-squads', { token: jinan, body: squadBody }), 403, 'forbidden');
  expectError(await api('PUT', `${S}/coaches`, { token: prov, body: { coaches: [{ name: '王教练', role: 'boss' }] } }), 422, 'invalid_value');
  sq = ok(await api('PUT', `${S}/coaches`, { token: prov, body: { coaches: [{ name: '王教练', role: 'head', institution_id: instQ }, { name: '李专家', role: 'expert' }] } }));
  assert.deepEqual(sq.coaches.map((c) => c.role_name), ['主教练', '技术指导专家']);
  expectError(await api('POST', `${S}/members`, { token: prov, body: { pool_id: nat.items[0].id } }), 422, 'not_in_pool');
  sq = ok(await api('POST', `${S}/members`, { token: prov, body: { pool_id: ws1 } }), 201);
  assert.deepEqual([sq.members[0].sending_unit.id, sq.members[0].training_base.id], [instA, instQ]); // defaults
  sq = ok(await api('POST', `${S}/members`, { token: prov, body: { pool_id: ws2, sending_unit_id: instA, training_base_id: instQ } }), 201);
  expectError(await api('POST', `${S}/members`, { token: prov, body: { pool_id: ws2 } }), 409, 'already_member');
  // the units concerned read the squad (济南 and A sent, 青岛 and its institution are the base); others not
  for (const t of [jinan, org, qingdao, qorg]) assert.equal(ok(await api('GET', S, { token: t })).members.length, 2);
  for (const t of [linyi, ent]) expectError(await api('GET', S, { token: t }), 404, 'not_found');
  assert.equal(ok(await api('GET', `/api/v1/competition-squads?skill=${encodeURIComponent(skill)}`, { token: linyi })).total, 0);

  // the selection round: an event of the province's WorldSkills-tier competition; not a pool source
  const ws = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `世赛选拔赛 ${tag}`, tier: 'worldskills', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', starts_on: `${Y}-09-01`, ends_on: `${Y}-09-02` } }), 201);
  const rid = ok(await api('POST', `/api/v1/competitions/${ws.id}/events`, { token: prov, body: { name: `焊接选拔 ${tag}`, worldskills_skill: skill, groups: [{ group: 'worker' }] } }), 201).id;
  expectError(await api('POST', `/api/v1/competition-events/${rid}/selection-pool`, { token: prov, body: { target: 'worldskills' } }), 422, 'not_provincial');
  expectError(await api('POST', `${S}/rounds`, { token: prov, body: { event_id: rid } }), 409, 'registration_closed');
  expectError(await api('POST', `${S}/rounds`, { token: prov, body: { event_id: eid } }), 422, 'round_tier');
  ok(await api('POST', `/api/v1/competitions/${ws.id}/status`, { token: prov, body: { status: 'open' } }));
  const round = ok(await api('POST', `${S}/rounds`, { token: prov, body: { event_id: rid } }), 201);
  assert.deepEqual([round.round, round.entered, round.already], [1, 2, 0]);
  expectError(await api('POST', `${S}/rounds`, { token: prov, body: { event_id: rid } }), 409, 'round_exists');
  const rentries = ok(await api('GET', `/api/v1/competition-events/${rid}/entries`, { token: prov })).items;
  assert.deepEqual(rentries.map((x) => [x.person_id, x.status, x.unit_institution_id]).sort(), [[persons[0], 'approved', instA], [persons[1], 'approved', instA]].sort());
  const entryOf = Object.fromEntries(rentries.map((x) => [x.person_id, x.id]));
  ok(await api('POST', `/api/v1/competitions/${ws.id}/status`, { token: prov, body: { status: 'closed' } }));
  ok(await api('POST', `/api/v1/competition-events/${rid}/draw`, { token: prov, body: { seed: `${tag}r` } }), 201);
  // marked like any event; the progress board shows nothing entered before the scores, all after
  const board = `/api/v1/competitions/${ws.id}/progress`;
  await mark(rid, [[entryOf[persons[0]], 0, 1], [entryOf[persons[1]], 1, 1]], async () => {
    const b = ok(await api('GET', board, { token: prov }));
    assert.deepEqual([b.events[0].contestants, b.events[0].judges, b.events[0].expected, b.events[0].entered, b.events[0].marking_status], [2, 1, 4, 0, 'marking']);
  });
  const b = ok(await api('GET', board, { token: prov }));
  assert.deepEqual([b.events[0].entered, b.events[0].percent, b.events[0].flagged, b.events[0].marking_status], [4, 100, 0, 'computed']);
  expectError(await api('GET', board, { token: qingdao }), 404, 'not_found');
  // the judges' and the chief expert's way to their marking pages
  const mineOf = async (t) => ok(await api('GET', '/api/v1/my/competition-judging', { token: t })).items.filter((x) => [eid, rid].includes(x.event_id)).map((x) => [x.event_id, x.chief, x.marking_status]);
  assert.deepEqual(await mineOf(chief.token), [[rid, true, 'computed'], [eid, true, 'published']]);
  assert.deepEqual((await mineOf(judge.token)).map((x) => x[1]), [false, false]);
  expectError(await api('GET', '/api/v1/my/competition-judging', { token: prov }), 403, 'forbidden');
  // the round ranks the squad: the province sees the computed results, 济南 only once published
  sq = ok(await api('GET', S, { token: prov }));
  assert.deepEqual(sq.ranking.map((r) => r.name), ['集训2', '集训1']);
  assert.deepEqual(sq.rounds.map((r) => [r.event_id, r.marking_status]), [[rid, 'computed']]);
  assert.equal(ok(await api('GET', S, { token: jinan })).ranking.length, 0);
  ok(await api('POST', `/api/v1/competition-events/${rid}/results/publish`, { token: prov }));
  sq = ok(await api('GET', S, { token: jinan }));
  assert.deepEqual(sq.ranking.map((r) => [r.rank, r.name]), [[1, '集训2'], [2, '集训1']]);
  assert.equal(sq.members.find((m) => m.person_id === persons[1]).results[0].place, 1);
  // 集训1 leaves after the round (with a reason): no longer ranked
  const m1 = sq.members.find((m) => m.person_id === persons[0]).id;
  expectError(await api('POST', `/api/v1/competition-squad-members/${m1}/leave`, { token: prov, body: {} }), 422, 'missing_field');
  sq = ok(await api('POST', `/api/v1/competition-squad-members/${m1}/leave`, { token: prov, body: { reason: '第一轮选拔后淘汰' } }));
  assert.deepEqual([sq.ranking.map((r) => r.name), sq.members.find((m) => m.id === m1).status], [['集训2'], 'left']);
  expectError(await api('POST', `/api/v1/competition-squad-members/${m1}/leave`, { token: prov, body: { reason: '再次' } }), 409, 'already_left');

  // the public results of the whole provincial competition (the closing ceremony's screen), no login
  const pub = ok(await api('GET', `/api/v1/public/competitions/${cid}/results`));
  assert.equal(pub.competition.name, comp.name);
  assert.deepEqual(pub.events.map((e) => [e.event_id, e.items.map((x) => x.medal)]), [[eid, ['gold', 'gold', 'bronze']]]);
  expectError(await api('GET', '/api/v1/public/competitions/999999999/results'), 404, 'not_found');

  // every write audited
  const audit = ok(await api('GET', `/api/v1/audit?entity=competition_squad&entity_id=${sid}&page_size=50`, { token: prov }));
  const actions = new Set(audit.items.map((x) => x.action));
  for (const act of ['competition_squad.create', 'competition_squad.coaches', 'competition_squad.member_add', 'competition_squad.round', 'competition_squad.member_leave']) assert.ok(actions.has(act), act);
});
