// 演示：质量督导全流程 (issue 13 "Done when"; docs/WEB.md, the section of that name), walked through the pages of
// the demo province as its users would, one step after the other on one fresh demo database:
//  1. supervisor1 (青岛) on a 375 px phone opens 今日督导, finds the demo's 济南 sitting of today that the
//     dispatch sent them to (济南 requires 交叉互派: another city than their own), marks the checklist — one
//     不符合 with a note, the rest 符合 — and signs;
//  2. the signature opens a 整改 case for the institution (jinan_org_admin), which answers it on
//     /inst/rectifications before its deadline; the city bureau (jinan_admin) closes it (验收销号) on
//     /quality/rectifications;
//  3. an anonymous person files a complaint about the institution on the public page /complaint and gets a
//     tracking code; 济南 acknowledges it, investigates it (an investigation record), upholds it (查实) with a
//     reply and closes it on /quality/complaints; the public status page shows 已办结, the reply and both
//     deadlines met;
//  4. the yearly 定期评估 (see the last test) grades every institution with reasons, and the one graded
//     不合格 is refused a new plan.
// Steps without a page are marked "API:" below; the checks that read back state from the server use the
// API as a second witness of what the page showed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, assertNoHorizontalScroll, unique, today, BASE, PHONE, DESKTOP, choose } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const ok = (r, what) => { assert.ok([200, 201].includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`); return r.data; };
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const S = {};

test('1. supervisor1 of 青岛 inspects the dispatched 济南 sitting of today on a phone and signs', async () => {
  const sup = await login('supervisor1');
  // the second witness: today's assignment, and the supervisor's own city
  const me = ok(await api('GET', '/api/v1/auth/me', { token: sup }), 'me');
  const myRegion = (me.user || me).region_code;
  const prof = ok(await api('GET', `/api/v1/supervisors/${(me.user || me).id}`, { token: sup }), 'profile');
  assert.equal(prof.region_code, '370200', 'supervisor1 is a 青岛 supervisor');
  const as = ok(await api('GET', `/api/v1/dispatch/assignments?day=${today}&page_size=100`, { token: sup }), 'assignments').items;
  const a = as.find((x) => x.region_code.startsWith('3701'));
  assert.ok(a, `supervisor1 is dispatched to a 济南 sitting today: ${JSON.stringify(as)}`);
  assert.notEqual(a.region_code.slice(0, 4), (myRegion || prof.region_code).slice(0, 4), '交叉互派: another city than their own');
  S.sitting = a.sitting_id;
  S.instName = a.institution_name;

  const { page } = await newPage(browser, { viewport: PHONE });
  await signIn(page, 'supervisor1');
  await page.goto(`${BASE}/quality/my-inspections`);
  const card = page.locator(`[data-test=mi-sitting][data-sitting="${S.sitting}"]`);
  await card.waitFor();
  assert.match(await card.innerText(), new RegExp(S.instName));
  await assertNoHorizontalScroll(page, PHONE.width, '今日督导 at 375 px');
  await shot(page, 'story-sup-my-inspections');
  await card.locator('[data-test=mi-open]').click();
  await page.waitForURL(/\/quality\/inspections\/\d+$/);
  S.inspection = Number(page.url().split('/').pop());
  const items = page.locator('[data-test^=insp-item-]');
  await items.first().waitFor();
  const n = await items.count();
  assert.ok(n >= 4, `${n} check items`);
  const saved = () => page.waitForFunction(() => document.querySelector('[data-test=insp-save-status]')?.innerText.trim() === '已保存', null, { timeout: 20000 });
  // one 不符合 with its note, the rest 符合
  S.note = `考场座位间距不足，相邻考生可看到彼此试卷（演示走查 ${unique()}）`;
  await items.nth(0).locator('[data-test=res-nonconform]').click();
  await items.nth(0).locator('[data-test=insp-note]').fill(S.note);
  for (let k = 1; k < n; k++) await items.nth(k).locator('[data-test=res-conform]').click();
  await page.locator('[data-test=insp-summary]').fill('总体有序，一项不符合');
  await saved();
  await assertNoHorizontalScroll(page, PHONE.width, 'the checklist at 375 px');
  await page.locator('[data-test=insp-sign]').click();
  await page.locator('.el-message-box').getByRole('button', { name: '确定签署' }).click();
  await page.locator('[data-test=insp-status]').waitFor();
  assert.equal((await page.locator('[data-test=insp-status]').innerText()).trim(), '已签署');
  assert.match(await items.nth(0).innerText(), /不符合/);
  await items.nth(0).scrollIntoViewIfNeeded();
  await shot(page, 'story-sup-signed');
  assert.deepEqual(page.jsErrors, []);
  const held = ok(await api('GET', `/api/v1/inspections/${S.inspection}`, { token: sup }), 'the inspection');
  assert.equal(held.status, 'signed');
  assert.equal(held.sitting_id, S.sitting);
  S.item = held.marks.find((m) => m.result === 'nonconform').item_id;
});

test('2. the 不符合 is a 整改 case: the institution answers it in time, 济南 closes it', async () => {
  assert.ok(S.inspection, 'step 1 ran');
  const org = await login('jinan_org_admin');
  const mine = ok(await api('GET', '/api/v1/rectifications?page_size=100', { token: org }), 'rectifications').items;
  const rf = mine.find((r) => r.inspection_id === S.inspection);
  assert.ok(rf, 'signing opened a rectification for the institution');
  assert.equal(rf.status, 'open');
  assert.equal(rf.item_id, S.item);
  assert.ok(rf.due_on > today, `the deadline ${rf.due_on} lies after today (working days on the holiday calendar)`);

  const { page } = await newPage(browser, { viewport: DESKTOP });
  await signIn(page, 'jinan_org_admin');
  await page.goto(`${BASE}/inst/rectifications`);
  const row = page.locator('[data-test=rf-table] .el-table__row').filter({ hasText: S.note.slice(0, 14) });
  await row.waitFor();
  assert.equal(await row.locator('[data-test=rf-due]').getAttribute('data-overdue'), '0');
  assert.equal((await row.locator('[data-test=rf-due]').innerText()).trim(), rf.due_on);
  await row.locator('[data-test=rf-open]').click();
  await page.locator('[data-test=rf-finding]').waitFor();
  assert.match(await page.locator('[data-test=rf-finding]').innerText(), new RegExp(S.note.slice(0, 14)));
  S.response = `已按 1.2 米间距重新布置考场座位并加装隔板（演示走查 ${unique()}）`;
  await page.locator('[data-test=rf-text]').fill(S.response);
  await page.locator('[data-test=rf-submit]').click();
  await page.locator('[data-test=rf-drawer-state]', { hasText: '已报送整改情况' }).waitFor();
  await shot(page, 'story-sup-rectify');
  assert.deepEqual(page.jsErrors, []);

  const city = (await newPage(browser, { viewport: DESKTOP })).page;
  await signIn(city, 'jinan_admin');
  await city.goto(`${BASE}/quality/rectifications`);
  const cRow = city.locator('[data-test=rf-table] .el-table__row').filter({ hasText: S.note.slice(0, 14) });
  await cRow.waitFor();
  assert.match(await cRow.innerText(), /已报送整改情况/);
  await cRow.locator('[data-test=rf-open]').click();
  assert.equal((await city.locator('[data-test=rf-response-text]').innerText()).trim(), S.response);
  await city.locator('[data-test=rf-act-close]').click();
  await city.locator('[data-test=rf-drawer-state]', { hasText: '已销号' }).waitFor();
  assert.deepEqual(city.jsErrors, []);
  const done = ok(await api('GET', `/api/v1/rectifications/${rf.id}`, { token: org }), 'the case');
  assert.equal(done.status, 'closed');
  assert.ok(done.responded_on <= done.due_on, `answered ${done.responded_on}, due ${done.due_on}`);
});

test('3. an anonymous complaint about the institution is handled by 济南 within its deadlines', async () => {
  // the public page, on a phone, no account
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/complaint`);
  await page.locator('[data-test=cp-category] option[value=exam_discipline]').waitFor({ state: 'attached' });
  await page.locator('[data-test=cp-category]').selectOption('exam_discipline');
  await page.locator('[data-test=cp-inst-query]').fill('济南演示职业技能评价中心');
  await page.locator('[data-test=cp-inst-find]').click();
  const inst = page.locator('[data-test=cp-inst]');
  await inst.waitFor();
  if (!(await inst.inputValue())) await inst.selectOption({ index: 1 });
  S.text = `演示走查投诉${unique()}：考场座位过密，监考人员未制止交头接耳。`;
  await page.locator('[data-test=cp-text]').fill(S.text);
  await page.locator('[data-test=cp-anonymous]').check();
  await page.locator('[data-test=cp-submit]').click();
  await page.locator('[data-test=cp-code]').waitFor();
  S.code = (await page.locator('[data-test=cp-code]').innerText()).trim();
  assert.match(S.code, /^[0-9A-HJKMNP-TV-Z]{20}$/);
  await assertNoHorizontalScroll(page, PHONE.width, 'the complaint receipt at 375 px');
  await page.locator('[data-test=cp-follow]').click();
  await page.locator('[data-test=cp-status][data-status=received]').waitFor();

  // 济南's queue: triaged to the institution's city
  const jinan = await login('jinan_admin');
  const q = ok(await api('GET', '/api/v1/complaints?sort=-id&page_size=20', { token: jinan }), 'queue').items;
  const c0 = q.find((c) => c.institution_name === '济南演示职业技能评价中心' && c.status === 'received');
  assert.ok(c0, 'the complaint is in 济南\'s queue');
  const full = ok(await api('GET', `/api/v1/complaints/${c0.id}`, { token: jinan }), 'complaint');
  assert.equal(full.text, S.text);
  const desk = (await newPage(browser, { viewport: DESKTOP })).page;
  await signIn(desk, 'jinan_admin');
  await desk.goto(`${BASE}/quality/complaints`);
  const row = desk.locator('[data-test=cq-table] .el-table__row').filter({ has: desk.locator('td:first-child', { hasText: new RegExp(`^\\s*${c0.id}\\s*$`) }) });
  await row.waitFor();
  await row.locator('[data-test=cq-open]').click();
  await desk.locator('[data-test=cq-text]').waitFor();
  assert.equal((await desk.locator('[data-test=cq-complainant]').innerText()).trim(), '匿名');
  const state = (s) => desk.locator('[data-test=cq-drawer-state]', { hasText: s }).waitFor();
  await desk.locator('[data-test=cq-act-acknowledge]').click();
  await state('已受理');
  await desk.locator('[data-test=cq-act-investigate]').click();
  await state('调查中');
  await desk.locator('[data-test=cq-reason]').fill('调取第一考场监控录像，询问两名监考人员：座位间距不足属实。');
  await desk.locator('[data-test=cq-note]').click();
  await desk.locator('.el-timeline-item', { hasText: '调取第一考场监控录像' }).waitFor();
  S.reply = '经调查，反映的考场座位过密问题属实，已责令该机构整改并纳入定期评估。感谢您的监督。';
  await desk.locator('[data-test=cq-reason]').fill(S.reply);
  await desk.locator('[data-test=cq-act-uphold]').click();
  await state('查实');
  await desk.locator('[data-test=cq-act-close]').click();
  await state('已办结');
  await shot(desk, 'story-sup-complaint');
  assert.deepEqual(desk.jsErrors, []);

  // the public status page by the tracking code: the outcome and both deadlines met
  await page.locator('[data-test=cp-code-input]').fill(S.code);
  await page.locator('[data-test=cp-lookup]').click();
  await page.locator('[data-test=cp-status][data-status=closed]').waitFor();
  assert.equal((await page.locator('[data-test=cp-reply]').innerText()).trim(), S.reply);
  const st = ok(await api('GET', `/api/v1/public/complaints/${S.code}`, {}), 'status');
  assert.equal(st.status, 'closed');
  assert.ok(st.acknowledged_on && st.acknowledged_on <= st.ack_due, `acknowledged ${st.acknowledged_on}, due ${st.ack_due}`);
  assert.ok(st.decided_on && st.decided_on <= st.reply_due, `replied ${st.decided_on}, due ${st.reply_due}`);
  const shown = await page.locator('[data-test=cp-status]').innerText();
  assert.ok(shown.includes(st.ack_due) && shown.includes(st.reply_due) && shown.includes(`已于 ${st.acknowledged_on}`), shown);
  await shot(page, 'story-sup-complaint-status');
  assert.deepEqual(page.jsErrors, []);
  const after = ok(await api('GET', `/api/v1/complaints/${c0.id}`, { token: jinan }), 'complaint');
  assert.equal(after.outcome, 'upheld');
});

test('4. the yearly 定期评估 grades every institution with reasons; the one graded 不合格 cannot open a plan', async () => {
  // the province's yearly run, published when the demo was built (src/demo/demo_assess.c, through the use
  // cases of 开展评估 and 发布结果): a period and region is published once, so the walk reads it
  const prov = await login('admin');
  const runs = ok(await api('GET', '/api/v1/assessments?state=published&page_size=100', { token: prov }), 'runs').items;
  const yearly = runs.find((r) => !r.region_code || r.region_code === '370000');
  assert.ok(yearly, `a published yearly run of the province: ${JSON.stringify(runs)}`);
  const run = ok(await api('GET', `/api/v1/assessments/${yearly.id}`, { token: prov }), 'run');
  const rows = ok(await api('GET', `/api/v1/assessments/${yearly.id}/results?page_size=500`, { token: prov }), 'rows');
  // every institution graded, each with its reasons indicator by indicator
  assert.equal(rows.total, run.institutions);
  assert.equal(run.counts.excellent + run.counts.pass + run.counts.fail, run.institutions);
  assert.ok(run.institutions >= 64, `${run.institutions} institutions (16 cities × 4 kinds of evaluation institution)`);
  assert.equal(new Set(rows.items.map((r) => r.region_code.slice(0, 4))).size, 16, 'every city');
  for (const r of rows.items) {
    assert.ok(['excellent', 'pass', 'fail'].includes(r.grade), `${r.institution_name}: ${r.grade}`);
    assert.ok(r.indicators.length >= 8, `${r.institution_name}: ${r.indicators.length} indicators`);
    for (const x of r.indicators) assert.ok(x.name && x.status_zh && x.why, `${r.institution_name}: ${JSON.stringify(x)}`);
  }
  const fails = rows.items.filter((r) => r.grade === 'fail');
  assert.deepEqual(fails.map((r) => r.institution_name), ['菏泽演示职业技能评价中心']);
  const bad = fails[0];

  // the page: the published run, 不合格 first with its decision and reasons, its explanation row by row
  const { page } = await newPage(browser, { viewport: DESKTOP });
  await signIn(page, 'admin');
  await page.goto(`${BASE}/quality/assessments`);
  await page.locator('[data-test=as-summary]').waitFor();
  assert.match(await page.locator('[data-test=as-state]').innerText(), /已发布/);
  const first = page.locator('[data-test=as-table] .el-table__body > tbody > tr.el-table__row').first();
  await first.waitFor();
  assert.match(await first.innerText(), /菏泽演示职业技能评价中心/);
  assert.equal((await first.locator('[data-test=as-grade]').innerText()).trim(), '不合格');
  assert.equal((await first.locator('[data-test=as-decision]').innerText()).trim(), '退出评价机构目录');
  assert.ok((await first.locator('[data-test=as-reasons]').innerText()).trim().length > 0, 'its main reasons');
  await first.locator('.el-table__expand-icon').click();
  const explain = page.locator('[data-test=as-explain]').first();
  await explain.waitFor();
  assert.equal(await explain.locator('.el-table__body tr.el-table__row').count(), bad.indicators.length, 'one line per indicator');
  const text = await explain.innerText();
  for (const x of bad.indicators) assert.ok(text.includes(x.name), `the explanation names ${x.name}`);
  await shot(page, 'story-sup-assessment');
  assert.deepEqual(page.jsErrors, []);

  // the 不合格 institution's administrator tries to open a new plan on 认定计划
  const heze = await login('heze_org_admin');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: heze }), 'me');
  const instId = (me.user || me).institution_id;
  assert.equal(instId, bad.institution_id, 'heze_org_admin administers the institution graded 不合格');
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: heze }), 'institution');
  assert.equal(inst.status, 'exited', 'publishing took it out of the catalogue');
  const scope = inst.scopes.find((s) => s.levels.length);
  const ip = (await newPage(browser, { viewport: DESKTOP })).page;
  await signIn(ip, 'heze_org_admin');
  await ip.goto(`${BASE}/inst/plans`);
  await ip.locator('[data-test=plan-new]').click();
  const dlg = ip.locator('.el-dialog').filter({ hasText: '新建认定计划' });
  await dlg.locator('input[data-test=p-title]').fill(`${scope.occupation}认定（演示走查 ${unique()}）`);
  await choose(ip, dlg.locator('[data-test=occupation-select]'), scope.occupation);
  await dlg.locator('[data-test=p-submit]').click();
  const refusal = ip.locator('.el-message--error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /不能制定计划/);
  assert.equal(await dlg.isVisible(), true, 'the form stays open: nothing was created');
  await shot(ip, 'story-sup-plan-refused');
  assert.deepEqual(ip.jsErrors, []);
  const plans = ok(await api('GET', '/api/v1/plans?page_size=100', { token: heze }), 'plans').items;
  assert.ok(!plans.some((p) => p.title.includes('演示走查')), 'no plan was made');
  // its 信用档案 names why (the event the publish recorded)
  const ev = ok(await api('GET', '/api/v1/credit-events?page_size=50', { token: heze }), 'credit').items;
  assert.ok(ev.some((e) => e.kind === 'assessment_fail'), JSON.stringify(ev));
});
