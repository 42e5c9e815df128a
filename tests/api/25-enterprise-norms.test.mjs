// 企业评价规范 (issue 24 item 4, docs/DOMAIN.md §65): a self-evaluating enterprise files its own variant of an
// occupation's standard; who may file is data (规模以上, skilled workers ≥ 50 %); the city approves; a plan
// naming a version that is not approved (draft, returned, superseded) is refused; a plan on the approved
// version keeps it after a newer one is approved, and its eligibility (the norm's own options and figures),
// the sitting's blueprint (the 理论知识权重表), the waived theory of a named post and its results (考评结合:
// the weighted total) follow that version. The test gives the enterprise an occupation of its own for the
// run and restores its filed scope afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, idNumber, qualify } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const yearsBefore = (d, n) => `${Number(d.slice(0, 4)) - n}${d.slice(4)}`;
const L = 'ABCDEFGH';

let admin, city, cityB, ent, org, instId, savedScopes, occ;
const tag = `n${process.pid % 10000}${unique()}`;

before(async () => {
  admin = await login('admin');
  city = await login('jinan_admin');
  cityB = await login('qingdao_admin');
  ent = await login('jinan_ent_admin');
  org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: ent })).data;
  instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: admin })).data;
  savedScopes = inst.scopes.map((s) => ({ occupation_code: s.occupation_code, levels: s.levels }));
  // an occupation of the catalogue with 四级 that the enterprise is not filed for: its own for this run
  const cat = (await api('GET', '/api/v1/occupations?page_size=500')).data.items;
  const taken = new Set(savedScopes.map((s) => s.occupation_code));
  occ = cat.find((o) => !taken.has(o.code) && Array.isArray(o.levels) && o.levels.includes(4) && o.levels.includes(5) && o.kind !== 'special');
  assert.ok(occ, 'a free occupation with 四级');
  const r = await api('PUT', `/api/v1/institutions/${instId}/scopes`, { token: admin, body: { scopes: [...savedScopes, { occupation_code: occ.code, levels: [5, 4] }] } });
  assert.equal(r.status, 200, JSON.stringify(r.data));
});

after(async () => {
  if (savedScopes) await api('PUT', `/api/v1/institutions/${instId}/scopes`, { token: admin, body: { scopes: savedScopes } });
});

const FILING = { above_size: true, employees: 1000, skilled_employees: 640 };
const areaA = () => `${tag}-基础`, areaB = () => `${tag}-专业`;
// version 1: 四级 by 考评结合, knowledge 30 / skill 70, 满3年 instead of 满5年 (2023-4-a), 2023-4-b as the
// standard has it, the theory paper 40 / 60 over two areas, the theory waived for 数控装调岗
const level4 = (over = {}) => ({ level: 4, method: 'combined', knowledge: 30, skill: 70, options: [{ id: '2023-4-a', years: [3] }, { id: '2023-4-b' }], areas: [{ area: areaA(), weight: 40 }, { area: areaB(), weight: 60 }], waived_posts: ['数控装调岗'], ...over });
const normBody = (over = {}) => ({ occupation_code: occ.code, title: `${tag} 企业评价规范`, levels: [level4()], filing: FILING, ...over });
const planBody = (norm, over = {}) => ({ title: `${tag} 规范计划`, occupation_code: occ.code, level: 4, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(10), capacity: 20, subjects: ['theory', 'practical'], norm_id: norm, ...over });
const move = (token, id, status, reason) => api('POST', `/api/v1/enterprise-norms/${id}/status`, { token, body: { status, reason } });

test('who may file: the rules as data, each refusal with its reason', async () => {
  const rules = (await api('GET', '/api/v1/enterprise-norms/rules', { token: ent })).data.items;
  const byCode = Object.fromEntries(rules.map((x) => [x.code, x]));
  assert.equal(byCode.above_size_required.value, 1);
  assert.equal(byCode.skilled_share_min_pct.value, 50);
  assert.match(byCode.above_size_required.source, /003 §11/);
  // 499 of 1000 is below half: not mainly skilled
  const low = await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ filing: { above_size: true, employees: 1000, skilled_employees: 499 } }) });
  expectError(low, 409, 'not_eligible_to_file');
  assert.match(low.data.message_zh ?? low.data.error?.message_zh ?? JSON.stringify(low.data), /50%/);
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ filing: { above_size: false, employees: 1000, skilled_employees: 900 } }) }), 409, 'not_eligible_to_file');
  // a social organisation writes no enterprise norm; the bureau does not write one for it
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: org, body: normBody() }), 403, 'not_self_evaluating');
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: city, body: normBody() }), 403, 'forbidden');
  // the options are the standard's template's, for the level; the weights sum to 100
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4({ options: [{ id: '2023-3-a' }] })] }) }), 422, 'invalid_option');
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4({ knowledge: 40 })] }) }), 422, 'invalid_value');
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4({ areas: [{ area: areaA(), weight: 40 }, { area: areaB(), weight: 50 }] })] }) }), 422, 'invalid_value');
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4({ method: 'exam' })] }) }), 422, 'invalid_value');
  // a level the enterprise is not filed for
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4(), { ...level4(), level: 3, options: [{ id: '2023-3-a' }] }] }) }), 403, 'outside_filed_scope');
});

test('an enterprise plan runs on its approved norm, and is refused an unapproved one', async () => {
  // version 1, a draft: a plan naming it is refused
  const v1 = await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody() });
  assert.equal(v1.status, 201, JSON.stringify(v1.data));
  assert.equal(v1.data.version, 1);
  assert.equal(v1.data.status, 'draft');
  assert.deepEqual(v1.data.levels[0].options, [{ id: '2023-4-a', years: [3] }, { id: '2023-4-b' }]);
  assert.equal(v1.data.levels[0].method_name, '考评结合');
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: planBody(v1.data.id) }), 409, 'norm_not_approved');
  // one undecided version at a time
  expectError(await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody() }), 409, 'norm_open_version');
  // submitted: still refused; the enterprise cannot approve its own; 青岛 does not see it; 济南 approves
  assert.equal((await move(ent, v1.data.id, 'submitted')).status, 200);
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: planBody(v1.data.id) }), 409, 'norm_not_approved');
  expectError(await move(ent, v1.data.id, 'approved'), 403, 'forbidden');
  expectError(await move(cityB, v1.data.id, 'approved'), 404, 'not_found');
  expectError(await move(city, v1.data.id, 'rejected'), 422, 'missing_field');
  const ok1 = await move(city, v1.data.id, 'approved');
  assert.equal(ok1.status, 200, JSON.stringify(ok1.data));
  assert.equal(ok1.data.status, 'approved');
  assert.deepEqual(ok1.data.history.map((h) => h.to), ['draft', 'submitted', 'approved']);
  expectError(await api('PUT', `/api/v1/enterprise-norms/${v1.data.id}`, { token: ent, body: normBody() }), 409, 'invalid_state');
  // a 过程化考核 level is not run by the plan chain; the plan takes the norm's template
  const plan = await api('POST', '/api/v1/plans', { token: ent, body: planBody(v1.data.id) });
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  assert.deepEqual(plan.data.norm, { id: v1.data.id, version: 1 });
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: planBody(v1.data.id, { level: 5 }) }), 422, 'level_not_in_norm');
  // the lists: the enterprise and its city see it, 青岛 does not
  const seen = async (t) => (await api('GET', `/api/v1/enterprise-norms?institution_id=${instId}&occupation_code=${occ.code}`, { token: t })).data.items.map((x) => x.id);
  assert.ok((await seen(ent)).includes(v1.data.id));
  assert.ok((await seen(city)).includes(v1.data.id));
  assert.deepEqual(await seen(cityB), []);

  // version 2 (满4年, 2023-4-b dropped): returned by the city, revised, approved — version 1 is superseded
  const v2 = await api('POST', '/api/v1/enterprise-norms', { token: ent, body: normBody({ levels: [level4({ options: [{ id: '2023-4-a', years: [4] }] })] }) });
  assert.equal(v2.status, 201, JSON.stringify(v2.data));
  assert.equal(v2.data.version, 2);
  await move(ent, v2.data.id, 'submitted');
  assert.equal((await move(city, v2.data.id, 'rejected', '理论知识权重偏低，请说明依据')).data.status, 'rejected');
  expectError(await api('POST', '/api/v1/plans', { token: ent, body: planBody(v2.data.id) }), 409, 'norm_not_approved');
  const rev = await api('PUT', `/api/v1/enterprise-norms/${v2.data.id}`, { token: ent, body: normBody({ title: `${tag} 企业评价规范（修订）`, levels: [level4({ options: [{ id: '2023-4-a', years: [4] }] })] }) });
  assert.equal(rev.status, 200, JSON.stringify(rev.data));
  assert.equal(rev.data.status, 'draft');
  await move(ent, v2.data.id, 'submitted');
  assert.equal((await move(admin, v2.data.id, 'approved')).data.status, 'approved');
  const old = (await api('GET', `/api/v1/enterprise-norms/${v1.data.id}`, { token: ent })).data;
  assert.equal(old.status, 'superseded');
  expectError(await move(city, v1.data.id, 'superseded'), 409, 'invalid_transition');
  const refused = await api('POST', '/api/v1/plans', { token: ent, body: planBody(v1.data.id) });
  expectError(refused, 409, 'norm_not_approved');
  // another institution's plan naming the enterprise's norm
  const om = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const oi = (await api('GET', `/api/v1/institutions/${om.user ? om.user.institution_id : om.institution_id}`, { token: org })).data;
  const os = oi.scopes.find((s) => s.levels.some((l) => l >= 3));
  const ol = os.levels.find((l) => l >= 3);
  expectError(await api('POST', '/api/v1/plans', { token: org, body: planBody(v2.data.id, { occupation_code: os.occupation_code, level: ol }) }), 422, 'norm_mismatch');

  // the running plan keeps version 1: its figures (满3年), its options (2023-4-b) and its weights
  const p = plan.data;
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/status`, { token: ent, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/status`, { token: city, body: { status: 'open' } })).status, 200);
  assert.deepEqual((await api('GET', `/api/v1/plans/${p.id}`, { token: ent })).data.norm, { id: v1.data.id, version: 1 });
  const person = async (label, years, seq) => {
    const r = await api('POST', '/api/v1/persons', { token: ent, body: { name: `规范${label}`, id_number: idNumber('370102', '19900111', 101 + ((unique() * 7 + seq + process.pid) % 440) * 2) } });
    assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.data));
    const w = await api('POST', `/api/v1/persons/${r.data.id}/work-history`, { token: ent, body: { employer_name: '济南演示装备制造有限公司', occupation_code: occ.code, start_date: yearsBefore(p.exam_date, years) } });
    assert.equal(w.status, 201, JSON.stringify(w.data));
    return r.data;
  };
  const reg = (pid, body) => api('POST', `/api/v1/plans/${p.id}/registrations`, { token: ent, body: { person_id: pid, declared: true, ...body } });
  // 满3年 exactly: eligible on the norm (the standard asks 满5年)
  const P1 = await person('甲', 3, 1), P2 = await person('乙', 3, 2), P3 = await person('丙', 4, 3), P4 = await person('丁', 2, 4);
  const r1 = (await reg(P1.id, { option: '2023-4-a' })).data;
  assert.equal(r1.eligible, true, JSON.stringify(r1));
  const r2 = (await reg(P2.id, { option: '2023-4-a', post: '数控装调岗' })).data;
  assert.equal(r2.eligible, true, JSON.stringify(r2));
  assert.equal(r2.theory_waived, true);
  const r3 = (await reg(P3.id, { option: '2023-4-a', post: '装配岗' })).data;
  assert.equal(r3.theory_waived, false);
  // 2 years: short of the norm's 3, worded with its figure
  const r4 = (await reg(P4.id, { option: '2023-4-a' })).data;
  assert.equal(r4.eligible, false);
  assert.equal(r4.failed_code, 'work_years_short');
  assert.match(r4.failed_message, /3年/);
  // an option the norm does not accept (2023-4-c, 相关专业毕业)
  expectError(await reg(P4.id, { option: '2023-4-c' }), 422, 'option_not_in_norm');
  for (const r of [r1, r2, r3]) assert.equal((await api('POST', `/api/v1/registrations/${r.id}/review`, { token: ent, body: { decision: 'approve' } })).status, 200);
  await api('POST', `/api/v1/registrations/${r4.id}/review`, { token: ent, body: { decision: 'reject', reason: '工作年限不足' } });

  // examiners of the enterprise (the panel, and invigilators of the sitting)
  const exIds = [], exTokens = [];
  for (const n of [1, 2, 3]) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}x${n}`, password: 'Kite-River-2026', role: 'examiner', institution_id: instId } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    await qualify(admin, u.data.id);
    exIds.push(u.data.id);
    exTokens.push(await login(`${tag}x${n}`, 'Kite-River-2026'));
  }
  // the bank: 2 items of area A, 3 of area B (5 points each)
  for (const [area, n] of [[areaA(), 2], [areaB(), 3]])
    for (let i = 0; i < n; i++)
      assert.equal((await api('POST', '/api/v1/items', { token: ent, body: { occupation_code: occ.code, level: 4, kind: 'single', area, stem: `${area} 题 ${i}`, options: [`${area}${i}对`, `${area}${i}错`, `${area}${i}否`], answer: 'A', points: 5 } })).status, 201);
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/status`, { token: ent, body: { status: 'examining' } })).status, 200);
  const sit = await api('POST', `/api/v1/plans/${p.id}/sittings`, { token: ent, body: { room: '规范考场', minutes: 90, invigilators: exIds.slice(0, 2) } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  // a blueprint of 1 + 4 items is 20 % / 80 %, not the norm's 40 / 60: refused, naming the area
  await api('PUT', '/api/v1/blueprints', { token: ent, body: { occupation_code: occ.code, level: 4, cells: [{ area: areaA(), kind: 'single', count: 1 }, { area: areaB(), kind: 'single', count: 4 }] } });
  const off = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: ent, body: { registration_id: r1.id } });
  expectError(off, 409, 'blueprint_off_norm');
  assert.match(JSON.stringify(off.data), new RegExp(`${areaB()}」4/5 题，规范权重 60%`));
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: ent, body: { occupation_code: occ.code, level: 4, cells: [{ area: areaA(), kind: 'single', count: 2 }, { area: areaB(), kind: 'single', count: 3 }] } })).status, 200);
  // the 数控装调岗 candidate sits no theory exam
  expectError(await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: ent, body: { registration_id: r2.id } }), 409, 'theory_waived');
  const bank = (await api('GET', `/api/v1/items?occupation_code=${occ.code}&level=4&page_size=500`, { token: ent })).data.items.filter((x) => x.area.startsWith(tag));
  const key = new Map(bank.map((x) => [x.stem, x.options[0]]));
  // P1 answers 2 of 5 right (theory 40), P3 4 of 5 (theory 80)
  for (const [r, right] of [[r1, 2], [r3, 4]]) {
    const a = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: ent, body: { registration_id: r.id } });
    assert.equal(a.status, 201, JSON.stringify(a.data));
    const u = `${tag}c${r.id}`;
    assert.equal((await api('POST', '/api/v1/users', { token: admin, body: { username: u, password: 'Kite-River-2026', role: 'candidate', person_id: r.person_id } })).status, 201);
    const t = await login(u, 'Kite-River-2026');
    const paper = (await api('POST', `/api/v1/attempts/${a.data.attempt_id}/open`, { token: t })).data;
    let seq = 0;
    for (const it of paper.items) {
      const good = seq < right;
      const pick = good ? L[it.options.indexOf(key.get(it.stem))] : L[(it.options.indexOf(key.get(it.stem)) + 1) % it.options.length];
      assert.equal((await api('PUT', `/api/v1/attempts/${a.data.attempt_id}/answers/${it.pos}`, { token: t, body: { answer: pick, seq: ++seq } })).status, 200);
    }
    assert.equal((await api('POST', `/api/v1/attempts/${a.data.attempt_id}/submit`, { token: t })).data.status, 'submitted');
  }
  // the practical: P1 70, P2 65, P3 50 (each examiner the same score)
  assert.equal((await api('PUT', `/api/v1/plans/${p.id}/practical`, { token: ent, body: { criteria: [{ name: '数控机床装调', points: 100 }], examiners: exIds } })).status, 200);
  for (const [r, s] of [[r1, 70], [r2, 65], [r3, 50]])
    for (const t of exTokens)
      assert.equal((await api('POST', `/api/v1/plans/${p.id}/practical/scores`, { token: t, body: { registration_id: r.id, scores: [s] } })).status, 201);
  assert.equal((await api('POST', `/api/v1/plans/${p.id}/status`, { token: ent, body: { status: 'scoring' } })).status, 200);
  const compiled = await api('POST', `/api/v1/plans/${p.id}/results`, { token: ent });
  assert.equal(compiled.status, 201, JSON.stringify(compiled.data));
  assert.equal(compiled.data.results, 3);
  // 考评结合 at 30 / 70 (hand-computed): P1 0.3·40 + 0.7·70 = 12 + 49 = 61.0 passes (the national rule fails a
  // theory of 40); P2 theory waived: 65.0 passes; P3 0.3·80 + 0.7·50 = 24 + 35 = 59.0 fails
  const results = [];
  for (const pp of [P1, P2, P3]) results.push((await api('GET', `/api/v1/results?person_id=${pp.id}&page_size=50`, { token: ent })).data.items.find((x) => x.occupation_code === occ.code));
  assert.deepEqual(results.map((x) => x.theory), [40, null, 80]);
  assert.deepEqual(results.map((x) => x.practical), [70, 65, 50]);
  assert.deepEqual(results.map((x) => x.norm_total), [61, 65, 59]);
  assert.deepEqual(results.map((x) => x.passed), [true, true, false]);
});
