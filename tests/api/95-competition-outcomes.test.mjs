// 竞赛成果 (issue 21 item 6): a 省级一类 competition with two events (焊工: 学生组 and 职工组; 电工: 职工组),
// marked, computed and published. During 公示 the outcomes wait (not final) and anyone may object; an objection
// keeps its event's results from being final until the organiser resolves it. On final results the province
// runs the outcomes in one transaction: 山东省技术能手 for the top 3 of each event (a 学生组 winner too, 4th
// nothing), the promotion one level through the certificate chain (a verifiable certificate; the group's
// level for a winner without one; none for a group without a level), the optional limit on competition
// promotions off by default and, switched on, refusing a second promotion of a person, prize money by medal
// into the ledger (the 集训基地 paid instead of the 选送单位, a unit when no base, nobody for a city's nominee),
// a second run adding nothing; the awards on the talent record; a 集训基地 construction grant once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, dbExec, PASSWORD } from './lib.mjs';

const ok = (r, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.data));
  return r.data;
};
const DESC = ['未达到行业标准', '达到行业标准', '在某些方面超过行业标准', '杰出'];
const SCHEME = { modules: [{ code: 'A', name: '实操', sub_criteria: [{ code: 'A.1', name: '作品', aspects: [{ code: 'J1', description: '作品质量', kind: 'judgement', max: 100, descriptors: DESC }] }] }] };

test('outcomes of a provincial class-1 competition: 技术能手, promotions, prize money, objections', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin');
  const meInst = async (user) => { const me = (await api('GET', '/api/v1/auth/me', { token: await login(user) })).data; return me.user ? me.user.institution_id : me.institution_id; };
  const instA = await meInst('jinan_org_admin'), instQ = await meInst('qingdao_org_admin'), instE = await meInst('jinan_ent_admin');
  const n = unique(), tag = `co${n}`;
  // a plan year of this test's own: the first from 2071 with no plan yet (the scope matrix's fixtures take
  // free years from 2040 upward, so a fixed year can be theirs already)
  let Y = 2071;
  while ((await api('GET', `/api/v1/competition-plans/${Y}`, { token: prov })).status !== 404) Y++;

  // a 省级一类 competition of the plan of Y: applied, approved, the plan published, registration open
  const comp = ok(await api('POST', '/api/v1/competitions', { token: prov, body: { name: `山东省职业技能大赛（成果测试 ${tag}）`, tier: 'province_1', organiser_name: '山东省人力资源和社会保障厅', organiser_kind: 'province', region_code: '370000', plan_year: Y, starts_on: `${Y}-05-18`, ends_on: `${Y}-05-20` } }), 201);
  const cid = comp.id;
  const weld = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `焊工 ${tag}`, occupation_code: '6-18-02-04', seats: 4, groups: [{ group: 'worker' }, { group: 'student' }] } }), 201);
  const elec = ok(await api('POST', `/api/v1/competitions/${cid}/events`, { token: prov, body: { name: `电工 ${tag}`, occupation_code: '6-31-01-03', seats: 2, groups: [{ group: 'worker' }] } }), 201);
  for (const s of ['applied', 'approved']) ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: s } }));
  ok(await api('POST', `/api/v1/competition-plans/${Y}/publish`, { token: prov }));
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'open' } }));

  // contestants (nominated by 济南, approved): S a student; X, Y, Z workers; X and Y also in 电工
  const person = async (k) => ok(await api('POST', '/api/v1/persons', { token: prov, body: { name: `成果选手${k}`, id_number: idNumber('370102', '19990412', 101 + ((n * 5 + k) % 440) * 2) } }), 201).id;
  const [S, X, Yp, Z] = [await person(0), await person(1), await person(2), await person(3)];
  const nominate = async (ev, p, group) => {
    const en = ok(await api('POST', `/api/v1/competition-events/${ev}/entries`, { token: jinan, body: { person_id: p, group } }), 201);
    ok(await api('POST', `/api/v1/competition-entries/${en.id}/status`, { token: prov, body: { status: 'approved' } }));
    return en.id;
  };
  const w = { S: await nominate(weld.id, S, 'student'), X: await nominate(weld.id, X, 'worker'), Y: await nominate(weld.id, Yp, 'worker'), Z: await nominate(weld.id, Z, 'worker') };
  const e = { X: await nominate(elec.id, X, 'worker'), Y: await nominate(elec.id, Yp, 'worker') };
  ok(await api('POST', `/api/v1/competitions/${cid}/status`, { token: prov, body: { status: 'closed' } }));

  // 选送单位 and 集训基地: S trained at base E (sent by A), X sent by A, Y and Z the city's nominees (no unit)
  const units = ok(await api('PUT', `/api/v1/competition-entries/${w.S}/units`, { token: prov, body: { sending_unit_id: instA, training_base_id: instE } }));
  assert.deepEqual([units.sending_unit_id, units.training_base_id], [instA, instE]);
  ok(await api('PUT', `/api/v1/competition-entries/${w.X}/units`, { token: prov, body: { sending_unit_id: instA } }));
  expectError(await api('PUT', `/api/v1/competition-entries/${w.X}/units`, { token: await login('qingdao_admin'), body: { sending_unit_id: instQ } }), 404, 'not_found');

  // marking: one Judgement aspect of 100, one judge of 青岛 and a chief expert; S 3, X 2, Y 1, Z 0; 电工 X 3, Y 2
  const judge = async (k) => {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PASSWORD, role: 'examiner', institution_id: instQ } }), 201);
    return { id: u.id, token: await login(u.username, PASSWORD) };
  };
  const J = await judge('j'), C = await judge('c');
  for (const [ev, marks] of [[weld.id, [[w.S, 3], [w.X, 2], [w.Y, 1], [w.Z, 0]]], [elec.id, [[e.X, 3], [e.Y, 2]]]]) {
    ok(await api('POST', `/api/v1/competition-events/${ev}/draw`, { token: prov, body: { seed: `${tag}-${ev}` } }), 201);
    ok(await api('PUT', `/api/v1/competition-events/${ev}/scheme`, { token: prov, body: SCHEME }));
    ok(await api('POST', `/api/v1/competition-events/${ev}/judges`, { token: prov, body: { user_id: J.id } }), 201);
    ok(await api('POST', `/api/v1/competition-events/${ev}/judges`, { token: prov, body: { user_id: C.id, chief: true } }), 201);
    ok(await api('PUT', `/api/v1/competition-events/${ev}/scores`, { token: J.token, body: { scores: marks.map(([en, v]) => ({ entry_id: en, aspect: 'J1', value: v, seq: 1 })) } }));
    ok(await api('POST', `/api/v1/competition-events/${ev}/signoff`, { token: C.token }));
  }
  ok(await api('POST', `/api/v1/competitions/${cid}/results`, { token: prov }));

  // settings: promotion certificates issued by A; 职工组 winners without a certificate get 三级, 学生组 none;
  // 焊工's expert team; prize rules of 省级一类 (the province's data): contestant gold / silver / bronze and the
  // base-or-unit award for gold
  const groups = (ev) => ev.groups.map((g) => ({ group_id: g.id, promotion_level: g.group === 'worker' ? 3 : 0 }));
  const st = ok(await api('PUT', `/api/v1/competitions/${cid}/outcome-settings`, { token: prov, body: { cert_institution_id: instA, events: [{ event_id: weld.id, expert_team: '焊接项目专家组' }], groups: [...groups(weld), ...groups(elec)] } }));
  assert.equal(st.cert_institution_id, instA);
  expectError(await api('PUT', `/api/v1/competitions/${cid}/outcome-settings`, { token: prov, body: { groups: [{ group_id: weld.groups[0].id, promotion_level: 6 }] } }), 422, 'invalid_value');
  expectError(await api('PUT', `/api/v1/competitions/${cid}/outcome-settings`, { token: jinan, body: {} }), 403, 'forbidden');
  const rule = (medal, recipient, amount_fen) => ({ tier: 'province_1', medal, recipient, amount_fen, source: `测试数据 ${tag}` });
  const rules = ok(await api('PUT', '/api/v1/competition-prize-rules', { token: prov, body: { rules: [rule('gold', 'contestant', 500000), rule('silver', 'contestant', 300000), rule('bronze', 'contestant', 200000), rule('gold', 'base_or_unit', 1000000), rule('gold', 'expert_team', 400000), rule('silver', 'base_or_unit', 0), rule('bronze', 'base_or_unit', 0)] } }));
  assert.equal(rules.promotion_limit.enabled, false, 'the limit is off by default');
  assert.ok(rules.rules.some((r) => r.tier === 'worldskills' && r.medal === 'gold' && r.recipient === 'base_or_unit' && r.amount_fen === 100000000), 'seed 003 §21: 100 万 to the base or unit of a WorldSkills gold');
  expectError(await api('PUT', '/api/v1/competition-prize-rules', { token: prov, body: { rules: [{ tier: 'province_1', medal: 'tin', recipient: 'contestant', amount_fen: 1 }] } }), 422, 'invalid_value');

  // published for 公示: not final yet; an objection to 电工 during 公示
  for (const ev of [weld.id, elec.id]) ok(await api('POST', `/api/v1/competition-events/${ev}/results/publish`, { token: prov }));
  let plan = ok(await api('GET', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  assert.deepEqual(new Set(plan.items.map((i) => i.final)), new Set([false]));
  assert.match(plan.items[0].final_reason, /公示期至/);
  const obj = ok(await api('POST', `/api/v1/competition-events/${elec.id}/objections`, { body: { entry_id: e.Y, text: '对第二名成绩有异议', contact: '13800000000' } }), 201);
  expectError(await api('POST', `/api/v1/competition-events/${elec.id}/objections`, { body: { entry_id: w.S, text: '不是本赛项的选手' } }), 422, 'unknown_result');
  dbExec(`UPDATE competition_marking SET publicity_end = '2000-01-01' WHERE event_id IN (${weld.id}, ${elec.id})`); // the 公示 ends
  expectError(await api('POST', `/api/v1/competition-events/${elec.id}/objections`, { body: { text: '公示期后' } }), 409, 'not_in_publicity');
  const objs = ok(await api('GET', `/api/v1/competition-events/${elec.id}/objections`, { token: prov }));
  assert.deepEqual(objs.items.map((o) => [o.id, o.status, o.name]), [[obj.id, 'open', '成果选手2']]);

  // the dry run: each decision with its reason; 焊工 final, 电工 waits for its objection
  plan = ok(await api('GET', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  const by = (p, entry) => p.items.find((i) => i.entry_id === entry);
  assert.deepEqual([w.S, w.X, w.Y, w.Z].map((x) => [by(plan, x).place, by(plan, x).final, by(plan, x).honour.status]), [[1, true, 'due'], [2, true, 'due'], [3, true, 'due'], [4, true, 'no']]);
  assert.equal(by(plan, w.S).group, 'student', '学生组 winner: 技术能手 too (no group restriction)');
  assert.match(by(plan, w.Z).honour.reason, /前三名/);
  assert.deepEqual([by(plan, e.X).final, by(plan, e.X).honour.status], [false, 'not_final']);
  assert.match(by(plan, e.X).final_reason, /异议/);
  assert.deepEqual([by(plan, w.S).promotion.status, by(plan, w.X).promotion.status, by(plan, w.X).promotion.to_level], ['no', 'due', 3]);
  assert.match(by(plan, w.S).promotion.reason, /未规定无证选手/);
  const sAw = Object.fromEntries(by(plan, w.S).awards.map((a) => [a.recipient, a]));
  assert.deepEqual([sAw.contestant.amount_fen, sAw.base_or_unit.payee_kind, sAw.base_or_unit.payee_institution_id, sAw.base_or_unit.amount_fen, sAw.expert_team.payee_name], [500000, 'training_base', instE, 1000000, '焊接项目专家组']);
  assert.match(sAw.base_or_unit.reason, /不重复享受/);
  // the optional limit on competition promotions switched on (another province's rule: 1 in 12 months)
  ok(await api('PUT', '/api/v1/competition-prize-rules', { token: prov, body: { promotion_limit: { enabled: true, count: 1, months: 12 } } }));

  // the run, with the limit ON: 焊工's outcomes only (电工 is under objection)
  let run = ok(await api('POST', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  assert.deepEqual([run.totals.new_honours, run.totals.new_promotions, run.totals.new_amount_fen], [3, 2, 500000 + 1000000 + 400000 + 300000 + 200000]);
  const cert = by(run, w.X).promotion.certificate;
  assert.match(cert, /^[0-9A-Z]+$/);
  const verified = ok(await api('GET', `/api/v1/certificates/${cert}`, { token: prov }));
  assert.deepEqual([verified.level, verified.occupation_code, verified.status], [3, '6-18-02-04', 'valid']);
  assert.match(verified.basis, /^竞赛晋升：山东省职业技能大赛（成果测试 co\d+）·焊工 co\d+ 第 2 名/);

  // the objection resolved by the organiser (the evaluation's route): 电工 is final; X's second promotion is
  // refused by the limit, Y's too; the honours and money of 电工 follow
  expectError(await api('POST', `/api/v1/objections/${obj.id}/resolve`, { token: await login('qingdao_admin'), body: { resolution: 'x' } }), 403, 'forbidden');
  ok(await api('POST', `/api/v1/objections/${obj.id}/resolve`, { token: prov, body: { resolution: '经复核，成绩无误' } }));
  run = ok(await api('POST', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  assert.deepEqual([by(run, e.X).honour.status, by(run, e.X).promotion.status], ['new', 'no']);
  assert.match(by(run, e.X).promotion.reason, /已达竞赛晋升次数限制/);
  assert.deepEqual([run.totals.new_honours, run.totals.new_promotions, run.totals.new_amount_fen], [2, 0, 500000 + 300000]);
  // X's 电工 entry has no 选送单位 (济南 nominated it) and no base: the base-or-unit award of its gold goes to nobody
  assert.equal(Object.fromEntries(by(run, e.X).awards.map((a) => [a.recipient, a])).base_or_unit.status, 'no');

  // the limit OFF (the default, Shandong's rule): the next run promotes X and Y in 电工 too
  ok(await api('PUT', '/api/v1/competition-prize-rules', { token: prov, body: { promotion_limit: { enabled: false, count: 1, months: 12 } } }));
  run = ok(await api('POST', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  assert.deepEqual([by(run, e.X).promotion.status, by(run, e.X).promotion.to_level, run.totals.new_promotions, run.totals.new_honours, run.totals.new_amount_fen], ['new', 3, 2, 0, 0]);
  // a further run adds nothing at all
  run = ok(await api('POST', `/api/v1/competitions/${cid}/outcomes`, { token: prov }));
  assert.deepEqual([run.totals.new_honours, run.totals.new_promotions, run.totals.new_amount_fen, run.totals.honours, run.totals.promotions], [0, 0, 0, 5, 4]);

  // what it brought: the base paid for S, never also its sending unit A; the talent record
  const aw = ok(await api('GET', `/api/v1/competitions/${cid}/awards`, { token: prov }));
  const sPaid = aw.awards.filter((a) => a.entry_id === w.S).map((a) => [a.recipient, a.payee_kind, a.amount_fen]).sort();
  assert.deepEqual(sPaid, [['base_or_unit', 'training_base', 1000000], ['contestant', 'person', 500000], ['expert_team', 'expert_team', 400000]]);
  assert.equal(aw.awards.filter((a) => a.payee_institution_id === instA).length, 0, 'the sending unit of a base-trained contestant is not paid');
  assert.equal(aw.total_fen, 500000 + 1000000 + 400000 + 300000 + 200000 + 500000 + 300000);
  assert.equal(new Set(aw.awards.map((a) => a.ledger_entry_id)).size, 5, 'one ledger entry per paid result');
  expectError(await api('GET', `/api/v1/competitions/${cid}/awards`, { token: await login('qingdao_admin') }), 404, 'not_found');
  const rec = ok(await api('GET', `/api/v1/persons/${X}/talent-record`, { token: prov }));
  assert.deepEqual(rec.competition.results.map((r) => r.place).sort(), [1, 2]);
  assert.deepEqual(rec.competition.promotions.map((p) => p.to_level), [3, 3]);
  assert.equal(rec.competition.prizes.reduce((s, p) => s + p.amount_fen, 0), 300000 + 500000);
  assert.ok(rec.honours.some((h) => h.kind === 'provincial_technical_expert' && h.title === '山东省技术能手'), 'the honour on the record');
  assert.ok(rec.certificates.some((c) => c.number === cert));
  const sRec = ok(await api('GET', `/api/v1/persons/${S}/talent-record`, { token: jinan }));
  assert.equal(sRec.honours.filter((h) => h.kind === 'provincial_technical_expert').length, 1);

  // a 集训基地 construction grant: once per base and class
  const g = ok(await api('POST', '/api/v1/competition-base-grants', { token: prov, body: { institution_id: instE, base_class: 'key', skill: '焊接' } }), 201);
  assert.equal(g.amount_fen, 500000000);
  expectError(await api('POST', '/api/v1/competition-base-grants', { token: prov, body: { institution_id: instE, base_class: 'key' } }), 409, 'already_granted');
  assert.ok(ok(await api('GET', '/api/v1/competition-base-grants', { token: prov })).items.some((x) => x.id === g.id));
});
