// Browser tests of the quality and review pages at 1366×768 (web/src/domains/exam and web/src/domains/evaluation): a level-5 sitting of
// 济南演示职业技能评价中心 where two candidates hand in the same answers is graded and moved to 评分中, so the
// server analyses it; the institution staff opens the item analysis and sees a flagged item's tag; the
// supervisor finds the copying pair in the 雷同卷 queue and confirms it with a note; the institution uploads
// a 批量报名 CSV with a bad row and sees that row's error with its line; on a level-2 plan an examiner scores
// a 综合评审 candidate without seeing another examiner's scores before the panel is complete, and the
// institution's panel form shows the server's refusal of a two-person panel under the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, api, login, shot, unique, today, plusDays, invigilators, qualify, BASE, choose } from './lib.mjs';
import { idNumber } from '../api/lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// the page opened next starts signed in (the login form is login.test.mjs's subject)
async function signIn(page, username, password) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
}
async function instOf(token) {
  const me = (await api('GET', '/api/v1/auth/me', { token })).data;
  const instId = (me.user || me).institution_id;
  return (await api('GET', `/api/v1/institutions/${instId}`, { token })).data;
}
async function openPlan(token, body) {
  const plan = await api('POST', '/api/v1/plans', { token, body: { reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), ...body } });
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  assert.equal((await api('POST', `/api/v1/plans/${plan.data.id}/status`, { token, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${plan.data.id}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  return plan.data;
}

const tag = `qa${unique()}`;
const LET = 'ABCDEFGH';
const S = {};

test('set-up: a graded level-5 sitting with a copying pair, analysed on the way to 评分中', async () => {
  const staff = await login('jinan_org_staff'), orgAdmin = await login('jinan_org_admin'), admin = await login('admin');
  const inst = await instOf(staff);
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  // 14 single-choice items of our own area; item 0 is answered right by everyone (too easy)
  const specs = [];
  for (let i = 0; i < 14; i++) specs.push({ kind: 'single', area: `${tag}-A`, stem: `${tag} 试题分析 ${i}`, options: ['甲', '乙', '丙', '丁'].map((o) => `${o}${i}`), answer: 'A', points: 5 });
  for (const s of specs) {
    const r = await api('POST', '/api/v1/items', { token: staff, body: { occupation_code: scope.occupation_code, level: 5, ...s } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
  }
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: staff, body: { occupation_code: scope.occupation_code, level: 5, cells: [{ area: `${tag}-A`, kind: 'single', count: specs.length }] } })).status, 200);
  const plan = await openPlan(staff, { title: `试题分析演示 ${tag}`, occupation_code: scope.occupation_code, level: 5, capacity: 20, subjects: ['theory', 'practical'] });
  // twelve candidates with accounts, registered by the institution and approved
  const persons = (await api('GET', '/api/v1/persons?page_size=200', { token: staff })).data.items.slice(40);
  const cands = [];
  for (const p of persons) {
    if (cands.length === 12) break;
    const reg = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: staff, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (reg.status !== 201 || !reg.data.eligible) continue;
    if ((await api('POST', `/api/v1/registrations/${reg.data.id}/review`, { token: staff, body: { decision: 'approve' } })).status !== 200) continue;
    const user = `${tag}c${cands.length}`;
    if ((await api('POST', '/api/v1/users', { token: admin, body: { username: user, password: 'Kite-River-2026', role: 'candidate', person_id: p.id } })).status !== 201) continue;
    cands.push({ reg: reg.data.id, user, name: p.name });
  }
  assert.equal(cands.length, 12, 'twelve eligible candidates');
  const sit = await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: staff, body: { room: `${tag} 第一考场`, minutes: 90, invigilators: await invigilators(orgAdmin) } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  for (const c of cands) {
    const r = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: staff, body: { registration_id: c.reg } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    c.attempt = r.data.attempt_id;
  }
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: staff, body: { status: 'examining' } })).status, 200);
  // ability rises with the index, nobody is perfect; candidate 2 hands in candidate 1's answers
  let seed = 20261130;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const chosen = cands.map((c, i) => specs.map((s, j) => (j === 0 ? 'A' : rand() < 0.3 + 0.45 * (i / 11) ? 'A' : 'BCD'[Math.floor(rand() * 3)])));
  chosen[2] = chosen[1].slice();
  await Promise.all(cands.map(async (c, i) => {
    const t = await login(c.user, 'Kite-River-2026');
    const paper = (await api('POST', `/api/v1/attempts/${c.attempt}/open`, { token: t })).data;
    let seq = 0;
    for (const it of paper.items) {
      const j = specs.findIndex((s) => s.stem === it.stem);
      const want = specs[j].options[LET.indexOf(chosen[i][j])];
      assert.equal((await api('PUT', `/api/v1/attempts/${c.attempt}/answers/${it.pos}`, { token: t, body: { answer: LET[it.options.indexOf(want)], seq: ++seq } })).status, 200);
    }
    assert.equal((await api('POST', `/api/v1/attempts/${c.attempt}/submit`, { token: t })).data.status, 'submitted');
  }));
  const scoring = await api('POST', `/api/v1/plans/${plan.id}/status`, { token: staff, body: { status: 'scoring' } });
  assert.equal(scoring.status, 200, JSON.stringify(scoring.data));
  const an = (await api('GET', `/api/v1/sittings/${sit.data.id}/analysis`, { token: staff })).data;
  const pair = an.pairs.find((p) => p.attempt_a === cands[1].attempt && p.attempt_b === cands[2].attempt);
  assert.ok(pair, 'the copying pair is flagged');
  assert.ok(an.items.find((x) => x.stem === specs[0].stem).flags.includes('too_easy'));
  Object.assign(S, { plan, sitting: sit.data.id, cands, pair, easyStem: specs[0].stem });
});

test('the institution staff opens the item analysis of the sitting and sees the flagged item', async () => {
  assert.ok(S.pair, 'the set-up ran');
  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/quality/analysis`);
  const planRow = page.locator('[data-test=qa-plans] .el-table__body tr', { hasText: S.plan.title });
  await planRow.locator('[data-test=qa-plan-open]').click();
  const sitRow = page.locator('[data-test=qa-sittings] .el-table__body tr', { hasText: `${tag} 第一考场` });
  await sitRow.locator('.el-tag', { hasText: '已分析' }).waitFor();
  await sitRow.locator('[data-test=qa-open]').click();
  await page.waitForURL(new RegExp(`/quality/sittings/${S.sitting}/analysis`));
  await page.locator('[data-test=qa-summary]', { hasText: '12' }).waitFor();
  // the item everyone answered right carries 难度过低, and its options show the key
  const easy = page.locator('[data-test=qa-items] > .el-table__inner-wrapper > .el-table__body-wrapper tr.el-table__row', { hasText: S.easyStem });
  await easy.locator('[data-test=qa-flag]', { hasText: '难度过低' }).waitFor();
  await easy.locator('.el-table__expand-icon').click();
  await page.locator('[data-test=qa-options] .el-tag', { hasText: '正确答案' }).first().waitFor();
  // the flagged pair is listed below
  await page.locator('[data-test=qa-pairs] .el-table__body tr', { hasText: S.cands[1].name }).first().waitFor();
  await shot(page, 'quality-analysis');
  // running it again replaces the statistics (confirmation first)
  await page.locator('[data-test=qa-rerun]').click();
  await confirmBox(page);
  await page.locator('.el-message--success', { hasText: '分析完成' }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('the supervisor confirms the copying pair in the 雷同卷 queue; the institution reads it only', async () => {
  assert.ok(S.pair, 'the set-up ran');
  const { context, page } = await newPage(browser);
  await signIn(page, 'supervisor1');
  await page.goto(`${BASE}/quality/collusion`);
  const row = page.locator('[data-test=cf-table] .el-table__body-wrapper tr.el-table__row', { hasText: S.plan.title })
    .filter({ hasText: S.cands[1].name }).filter({ hasText: S.cands[2].name });
  await row.locator('[data-test=cf-state]', { hasText: '待复核' }).waitFor();
  await row.locator('[data-test=cf-review]').click();
  const dlg = page.locator('.el-dialog').filter({ hasText: '复核结论' });
  await dlg.waitFor();
  // the note is required
  await dlg.locator('[data-test=cf-submit]').click();
  await dlg.locator('.el-form-item__error', { hasText: '请填写复核意见' }).waitFor();
  await dlg.locator('textarea[data-test=cf-note]').fill('座位相邻，作答完全一致，认定雷同');
  await shot(page, 'quality-collusion-review');
  await dlg.locator('[data-test=cf-submit]').click();
  await confirmBox(page);
  await dlg.waitFor({ state: 'hidden' });
  await row.locator('[data-test=cf-state]', { hasText: '已认定雷同' }).waitFor();
  const confirmed = (await api('GET', '/api/v1/collusion-flags?status=confirmed&page_size=500', { token: await login('supervisor1') })).data.items.find((f) => f.id === S.pair.id);
  assert.equal(confirmed.note, '座位相邻，作答完全一致，认定雷同');
  // the confirmed list shows it
  await page.locator('[data-test=cf-status] label', { hasText: '已认定雷同' }).click();
  await page.locator('[data-test=cf-table] .el-table__body tr', { hasText: '座位相邻' }).first().waitFor();
  await shot(page, 'quality-collusion');
  // 导出 Excel: the same list as an .xlsx file
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=cf-export]').click()]);
  assert.equal(file.suggestedFilename(), 'collusion-flags.xlsx');
  const bytes = readFileSync(await file.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.deepEqual(page.jsErrors, []);
  await context.close();

  // the institution sees its pairs without a review button
  const c2 = await newPage(browser);
  await signIn(c2.page, 'jinan_org_staff');
  await c2.page.goto(`${BASE}/quality/collusion?status=confirmed`);
  await c2.page.locator('[data-test=cf-table] .el-table__body tr', { hasText: '座位相邻' }).first().waitFor();
  assert.equal(await c2.page.locator('[data-test=cf-review]').count(), 0);
  await c2.context.close();
});

test('the institution uploads a 批量报名 CSV with a bad row and sees the row error with its line', async () => {
  const staff = await login('jinan_org_staff');
  const inst = await instOf(staff);
  const scope = [...inst.scopes].reverse().find((s) => s.levels.includes(5));
  const plan = await openPlan(staff, { title: `批量报名演示 ${tag}`, occupation_code: scope.occupation_code, level: 5, capacity: 10, subjects: ['theory', 'practical'] });
  const ids = [];
  for (let i = 0; i < 2; i++) {
    const idn = idNumber('370102', '19940315', 100 + ((unique() * 7 + i) % 800));
    const p = await api('POST', '/api/v1/persons', { token: staff, body: { name: `批量报名${i}号`, id_number: idn } });
    assert.ok(p.status === 201 || p.status === 200, JSON.stringify(p.data));
    ids.push(idn);
  }
  const csv = ['证件号码,姓名,申报条件,承诺', `${ids[0]},批量报名0号,2023-5-a,是`, '370102199501011234,坏号码,2023-5-a,是', `${ids[1]},批量报名1号,2023-5-a,否`].join('\n');

  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/quality/registrations/import?plan=${plan.id}`);
  await page.locator('[data-test=ri-plan]', { hasText: plan.title }).waitFor();
  await page.locator('input[data-test=import-file]').setInputFiles({ name: '报名.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-test=import-file-name]', { hasText: '报名.csv' }).waitFor();
  // all-or-nothing first: nothing is stored
  await page.locator('[data-test=import-all]').click();
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=import-not-stored]').waitFor();
  await page.locator('[data-test=error-alert]', { hasText: 'rows_rejected' }).waitFor();
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: staff })).data.total, 0);
  // row by row
  await page.locator('[data-test=import-all]').click();
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=ri-registered]', { hasText: '2' }).waitFor();
  const bad = page.locator('[data-test=import-errors] .el-table__body tr').first();
  assert.equal((await bad.locator('td').nth(0).innerText()).trim(), '3');
  assert.equal((await bad.locator('td').nth(2).innerText()).trim(), 'invalid_id_number');
  await page.locator('[data-test=ri-regs] .el-table__body tr', { hasText: '批量报名0号' }).locator('.el-tag', { hasText: '符合' }).waitFor();
  await page.locator('[data-test=ri-regs] .el-table__body tr', { hasText: '批量报名1号' }).locator('.el-tag', { hasText: '不符合' }).waitFor();
  await shot(page, 'quality-reg-import');
  assert.equal((await api('GET', `/api/v1/plans/${plan.id}/registrations`, { token: staff })).data.total, 2);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('综合评审: an examiner scores without seeing the others before the panel is complete', async () => {
  const staff = await login('jinan_org_staff'), admin = await login('admin');
  const inst = await instOf(staff);
  const scope = inst.scopes.find((s) => s.levels.includes(2));
  assert.ok(scope, 'the demo institution has a level-2 scope');
  const plan = await openPlan(staff, { title: `技师综合评审演示 ${tag}`, occupation_code: scope.occupation_code, level: 2, capacity: 5, subjects: ['theory', 'practical', 'review'] });
  // one candidate eligible by 2023-2-c: an intermediate title and work since
  let reg = null;
  for (const p of (await api('GET', '/api/v1/persons?page_size=200', { token: staff })).data.items.slice(150)) {
    await api('POST', `/api/v1/persons/${p.id}/titles`, { token: staff, body: { grade: 'intermediate', name: '工程师', obtained_on: '2019-06-01' } });
    await api('POST', `/api/v1/persons/${p.id}/work-history`, { token: staff, body: { employer_name: '济南某机电公司', occupation_code: scope.occupation_code, start_date: '2019-07-01' } });
    const r = await api('POST', `/api/v1/plans/${plan.id}/registrations`, { token: staff, body: { person_id: p.id, option: '2023-2-c', declared: true } });
    if (r.status === 201 && r.data.eligible) { reg = { ...r.data, name: p.name }; break; }
  }
  assert.ok(reg, 'an eligible candidate');
  assert.equal((await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: staff, body: { decision: 'approve' } })).status, 200);
  // three senior examiners
  const ex = [];
  for (let n = 0; n < 3; n++) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `${tag}e${n}`, password: 'Kite-River-2026', role: 'examiner', institution_id: inst.id, examiner_grade: 'senior', display_name: `高级考评员${n + 1}` } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    await qualify(admin, u.data.id, 'senior_examiner');
    ex.push({ id: u.data.id, user: `${tag}e${n}` });
  }

  // the institution: a two-person panel is refused under the field, then the panel of three is saved
  const c1 = await newPage(browser);
  await signIn(c1.page, 'jinan_org_staff');
  await c1.page.goto(`${BASE}/quality/review?plan=${plan.id}`);
  await c1.page.locator('[data-test=rv-setup]').waitFor();
  const ids = c1.page.locator('[data-test=rv-setup] input[data-test=staff-ids]');
  await ids.fill(`${ex[0].id},${ex[1].id}`);
  await ids.press('Enter');
  await c1.page.locator('[data-test=rv-save]').click();
  await c1.page.locator('[data-test=rv-setup] .el-form-item__error', { hasText: 'panel_too_small' }).waitFor();
  await shot(c1.page, 'quality-review-setup');
  await ids.fill(ex.map((e) => e.id).join(','));
  await ids.press('Enter');
  await c1.page.locator('[data-test=rv-save]').click();
  await c1.page.locator('[data-test=rv-setup] .el-alert', { hasText: '已设置评审组（3 人）' }).waitFor();
  assert.deepEqual(c1.page.jsErrors, []);
  await c1.context.close();
  assert.equal((await api('POST', `/api/v1/plans/${plan.id}/status`, { token: staff, body: { status: 'examining' } })).status, 200);

  // the first examiner scores through the API
  const first = await api('POST', `/api/v1/plans/${plan.id}/review/scores`, { token: await login(ex[0].user, 'Kite-River-2026'), body: { registration_id: reg.id, scores: [33.5, 47.5] } });
  assert.equal(first.status, 201, JSON.stringify(first.data));

  // the second in the browser
  const { context, page } = await newPage(browser);
  await signIn(page, ex[1].user, 'Kite-River-2026');
  await page.goto(`${BASE}/quality/review/score`);
  await choose(page, page.locator('[data-test=rs-plan]'), plan.title);
  await choose(page, page.locator('[data-test=rs-reg]'), `${reg.name}（${reg.id}）`);
  await page.locator('[data-test=rs-open]').click();
  await page.locator('[data-test=rs-state]', { hasText: '已评 1 / 3' }).waitFor();
  await page.locator('[data-test=rs-score-0] input').fill('30');
  await page.locator('[data-test=rs-score-1] input').fill('45');
  await page.locator('[data-test=rs-submit]').click();
  await confirmBox(page);
  await page.locator('[data-test=rs-state]', { hasText: '已评 2 / 3' }).waitFor();
  await page.locator('[data-test=rs-wait]').waitFor();
  assert.deepEqual(await page.locator('[data-test=rs-my-score]').allInnerTexts(), ['30', '45']);
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes('33.5') && !text.includes('47.5'), 'the first examiner’s scores are not shown');
  assert.equal(await page.locator('[data-test=rs-result]').count(), 0);
  await shot(page, 'quality-review-score');
  const view = (await api('GET', `/api/v1/plans/${plan.id}/review/${reg.id}`, { token: await login(ex[1].user, 'Kite-River-2026') })).data;
  assert.equal(view.complete, false);
  assert.deepEqual(view.my_scores, [30, 45]);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});
