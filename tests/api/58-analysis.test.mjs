// 试题分析 and 雷同卷 after a graded sitting: 30 candidates sit the same items in shuffled orders; moving
// the plan to 评分 analyses the sitting; an item everyone gets right is flagged too easy, an item whose
// wrong option attracts the strong candidates is flagged for its distractor, and a candidate who copied
// another's answers is flagged as a pair for the supervisor, who reviews it (audited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, expectError, unique, invigilators } from './lib.mjs';

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const L = 'ABCDEFGH';
let seed = 20261130;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

test('a graded sitting is analysed: item flags and a copying pair for the supervisor', async () => {
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const occ = scope.occupation_code, level = 5, tag = `an${unique()}`;
  // 16 single-choice items (area A), 4 true/false (area B); the blueprint takes them all
  const specs = [];
  for (let i = 0; i < 16; i++) specs.push({ kind: 'single', area: `${tag}-A`, stem: `${tag} 单选 ${i}`, options: ['甲', '乙', '丙', '丁'].map((o) => `${o}${i}`), answer: 'A', points: 4 });
  for (let i = 0; i < 4; i++) specs.push({ kind: 'judge', area: `${tag}-B`, stem: `${tag} 判断 ${i}`, options: ['对', '错'], answer: 'B', points: 9 });
  for (const s of specs) {
    const r = await api('POST', '/api/v1/items', { token: org, body: { occupation_code: occ, level, ...s } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    s.id = r.data.id;
  }
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: occ, level, cells: [{ area: `${tag}-A`, kind: 'single', count: 16 }, { area: `${tag}-B`, kind: 'judge', count: 4 }] } })).status, 200);
  const plan = (await api('POST', '/api/v1/plans', { token: org, body: { title: `试题分析 ${tag}`, occupation_code: occ, level, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 40, subjects: ['theory', 'practical'] } })).data;
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  // 30 candidates with accounts, registered by the institution and approved
  const admin = await login('admin');
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: org })).data.items;
  const cands = [];
  for (const p of persons) {
    if (cands.length === 30) break;
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: org, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (reg.status !== 201 || reg.data.eligibility?.eligible === false) continue;
    const rv = await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: org, body: { decision: 'approve' } });
    if (rv.status !== 200) continue;
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}c${cands.length}`, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    cands.push({ reg: reg.data.id, person: p.id, user: `${tag}c${cands.length}` });
  }
  assert.equal(cands.length, 30, 'thirty eligible candidates');
  const sit = (await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 考场`, minutes: 90, invigilators: await invigilators(org) } })).data;
  for (const c of cands) {
    const r = await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: c.reg } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    c.attempt = r.data.attempt_id;
  }
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'examining' } })).status, 200);
  // the analysis is refused while candidates are sitting
  const t0 = await login(cands[0].user, 'Kite-River-2026');
  assert.equal((await api('POST', `/api/v1/attempts/${cands[0].attempt}/open`, { token: t0 })).status, 200);
  expectError(await api('POST', `/api/v1/sittings/${sit.id}/analysis`, { token: org }), 409, 'sitting_in_progress');
  // ability rises with the index; item 0 is answered right by everyone; on item 1 the strong candidates
  // pick 丙 (wrong); candidate 2 copies candidate 1 (both weak, so their many wrong answers coincide)
  const chosen = cands.map((c, i) => specs.map((s, j) => {
    const ability = i / 29;
    if (s.kind === 'judge') return rand() < 0.3 + 0.6 * ability ? 'B' : 'A';
    if (j === 0) return 'A';
    if (j === 1) return ability >= 0.6 ? 'C' : rand() < 0.4 ? 'A' : 'BD'[Math.floor(rand() * 2)];
    return rand() < 0.15 + 0.8 * ability ? 'A' : 'BCD'[Math.floor(rand() * 3)];
  }));
  chosen[2] = chosen[1].slice();
  await Promise.all(cands.map(async (c, i) => {
    const t = i === 0 ? t0 : await login(c.user, 'Kite-River-2026');
    const paper = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: t })).data;
    assert.equal(paper.items.length, 20);
    let seq = 0;
    for (const it of paper.items) {
      const j = specs.findIndex((s) => s.stem === it.stem);
      const want = specs[j].options[L.indexOf(chosen[i][j])];
      const shown = L[it.options.indexOf(want)];
      const s = await api('PUT', `/api/v1/attempts/${c.attempt}/answers/${it.pos}`, { token: t, body: { answer: shown, seq: ++seq } });
      assert.equal(s.status, 200, JSON.stringify(s.data));
    }
    assert.equal((await api('POST', `/api/v1/attempts/${c.attempt}/submit`, { token: t })).data.status, 'submitted');
  }));
  // 评分: the plan's sittings are analysed on the way
  const scoring = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'scoring' } });
  assert.equal(scoring.status, 200, JSON.stringify(scoring.data));
  const summary = scoring.data.analysis.find((s) => s.sitting_id === sit.id);
  const listed = (await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: await login('supervisor1') })).data.items;
  assert.deepEqual(listed.map((x) => [x.id, x.admitted, x.submitted, x.invigilators, x.analysed]), [[sit.id, 30, 30, 2, true]]);
  expectError(await api('GET', `/api/v1/plans/${plan.id}/sittings`, { token: await login('qingdao_admin') }), 404, 'not_found');
  assert.equal(summary.persons, 30);
  assert.equal(summary.items, 20);
  assert.equal(summary.pairs_tested, 435);
  assert.ok(summary.pairs_flagged >= 1);
  assert.ok(summary.pairs_flagged <= 5, `few false alarms among 435 pairs: ${summary.pairs_flagged} flagged`);
  // the stored analysis, per item version
  const an = (await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: org })).data;
  const byId = new Map(an.items.map((x) => [x.item_id, x]));
  const easy = byId.get(specs[0].id), trap = byId.get(specs[1].id);
  assert.equal(easy.p, 1);
  assert.ok(easy.flags.includes('too_easy'), JSON.stringify(easy));
  assert.ok(trap.flags.includes('distractor'), JSON.stringify(trap));
  const c = trap.options.find((o) => o.option === 'C');
  assert.ok(c.n >= 10 && c.r > 0 && !c.key, JSON.stringify(c));
  assert.equal(trap.options.find((o) => o.option === 'A').key, true);
  const fine = an.items.filter((x) => x.flags.length === 0);
  assert.ok(fine.length >= 5, 'most ordinary items are not flagged');
  const pair = an.pairs.find((p) => p.attempt_a === cands[1].attempt && p.attempt_b === cands[2].attempt);
  assert.ok(pair, `the copying pair is flagged: ${JSON.stringify(an.pairs.map((p) => [p.attempt_a, p.attempt_b]))}`);
  assert.equal(pair.identical, 20);
  assert.ok(pair.p < 0.001 && pair.status === 'open');
  // nobody outside may read it; candidates never
  expectError(await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: t0 }), 403, 'forbidden');
  expectError(await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: await login('qingdao_admin') }), 404, 'not_found');
  expectError(await api('GET', '/api/v1/collusion-flags', { token: t0 }), 403, 'forbidden');
  // the supervisor's queue and review
  const sup = await login('supervisor1');
  const queue = (await api('GET', '/api/v1/collusion-flags?status=open&page_size=500', { token: sup })).data;
  const flag = queue.items.find((f) => f.id === pair.id);
  const bySitting = (await api('GET', `/api/v1/collusion-flags?sitting_id=${sit.id}&page_size=500`, { token: sup })).data;
  assert.ok(bySitting.items.length >= 1 && bySitting.items.every((f) => f.sitting_id === sit.id));
  assert.equal((await api('GET', `/api/v1/collusion-flags?plan_id=${plan.id}`, { token: sup })).data.total, bySitting.total);
  assert.ok(flag && flag.name_a && flag.name_b && flag.plan_title.includes(tag));
  expectError(await api('POST', `/api/v1/collusion-flags/${pair.id}/review`, { token: org, body: { decision: 'confirmed', note: 'x' } }), 403, 'forbidden');
  expectError(await api('POST', `/api/v1/collusion-flags/${pair.id}/review`, { token: sup, body: { decision: 'maybe', note: '核查' } }), 422, 'invalid_value');
  assert.equal((await api('POST', `/api/v1/collusion-flags/${pair.id}/review`, { token: sup, body: { decision: 'confirmed', note: '座位相邻，作答完全一致，认定雷同' } })).status, 200);
  expectError(await api('POST', `/api/v1/collusion-flags/${pair.id}/review`, { token: sup, body: { decision: 'cleared', note: '再次' } }), 409, 'already_reviewed');
  const audit = (await api('GET', `/api/v1/audit?entity=collusion_flag&entity_id=${pair.id}`, { token: sup })).data.items;
  assert.ok(audit.some((a) => a.action === 'collusion.review'));
  // a re-run keeps the supervisor's decision
  assert.equal((await api('POST', `/api/v1/sittings/${sit.id}/analysis`, { token: org })).status, 200);
  const again = (await api('GET', `/api/v1/sittings/${sit.id}/analysis`, { token: org })).data.pairs.find((p) => p.id === pair.id);
  assert.equal(again.status, 'confirmed');
});
