// Browser tests of the evaluation institution's pages at 1366×768: the institution administrator creates and
// files a plan and the city administrator approves it; the staff reviews a registration, moves the plan on,
// opens the invigilator console of a sitting and gives extra time with a reason (and, in a plan of its own,
// picks a room from the plan's rooms and marks an admitted candidate 缺考); an examiner picks a candidate by
// name and scores a practical without seeing another examiner's scores before the panel is complete; the
// results are compiled and published, and certifying before the publicity period ends shows the server's
// refusal; a certificate is issued, its PDF downloaded, and it is reissued with a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, api, login, shot, unique, today, plusDays, invigilators as pickInvigilators, qualify, BASE, PASSWORD, choose } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// signs in with a token from the API (the login form itself is login.test.mjs's subject): the page opened
// next starts signed in
async function signIn(page, username, password = PASSWORD) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
}
async function me(token) {
  const r = (await api('GET', '/api/v1/auth/me', { token })).data;
  return r.user || r;
}

const tag = unique();
const state = {};

test('the institution administrator creates and files a plan; the city administrator approves it', async () => {
  const org = await login('jinan_org_admin');
  const instId = (await me(org)).institution_id;
  const inst = (await api('GET', `/api/v1/institutions/${instId}`, { token: org })).data;
  // an occupation of the filed scope with level 5, the last one (the API tests use the first)
  const scope = [...inst.scopes].reverse().find((s) => s.levels.includes(5));
  Object.assign(state, { instId, occ: scope.occupation_code, occName: scope.occupation });

  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_admin');
  await page.goto(`${BASE}/`);
  await page.waitForURL('**/inst/plans');
  await page.locator('[data-test=plan-new]').click();
  const dlg = page.locator('.el-dialog').filter({ hasText: '新建认定计划' });
  const title = `${scope.occupation}五级认定（浏览器测试 ${tag}）`;
  await dlg.locator('input[data-test=p-title]').fill(title);
  await choose(page, dlg.locator('[data-test=occupation-select]'), scope.occupation);
  await shot(page, 'inst-plan-new');
  await dlg.locator('[data-test=p-submit]').click();
  await page.waitForURL(/\/inst\/plans\/\d+$/);
  state.planId = Number(page.url().split('/').pop());
  await page.locator('[data-test=plan-title]', { hasText: title }).waitFor();
  const draft = (await api('GET', `/api/v1/plans/${state.planId}`, { token: org })).data;
  assert.equal(draft.status, 'draft');
  assert.equal(draft.occupation_code, scope.occupation_code);
  assert.equal(draft.level, 5);
  await page.locator('[data-test=plan-to-filed]').click();
  await confirmBox(page);
  await page.locator('[data-test=plan-status]', { hasText: '已备案待审核' }).waitFor();
  await context.close();

  // the city approves it from its approval list
  const c2 = await newPage(browser);
  await signIn(c2.page, 'jinan_admin');
  await c2.page.goto(`${BASE}/admin/plans`);
  const row = c2.page.locator('[data-test=plan-table] .el-table__body tr', { hasText: title });
  await row.waitFor();
  await shot(c2.page, 'admin-plan-approval');
  await row.locator('[data-test=plan-approve]').click();
  await confirmBox(c2.page);
  await row.waitFor({ state: 'detached' });
  assert.equal((await api('GET', `/api/v1/plans/${state.planId}`, { token: org })).data.status, 'open');
  assert.deepEqual(c2.page.jsErrors, []);
  await c2.context.close();
});

test('registration review, the invigilator console and independent practical scoring', async () => {
  assert.ok(state.planId, 'the plan of the first test');
  const org = await login('jinan_org_admin'), admin = await login('admin'), cand = await login('candidate1');
  const P = state.planId;
  // candidate1 registers itself; the institution registers another person
  const r1 = await api('POST', `/api/v1/plans/${P}/registrations`, { token: cand, body: { option: '2023-5-a', declared: true } });
  assert.equal(r1.status, 201, JSON.stringify(r1.data));
  const other = (await api('GET', '/api/v1/persons?page_size=30', { token: org })).data.items.find((p) => p.id !== r1.data.person_id);
  const r2 = await api('POST', `/api/v1/plans/${P}/registrations`, { token: org, body: { person_id: other.id, option: '2023-5-a', declared: true } });
  assert.equal(r2.status, 201, JSON.stringify(r2.data));

  // the staff reviews: approves candidate1, rejects the other with a reason
  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/inst/plans/${P}`);
  const row1 = page.locator('[data-test=reg-table] .el-table__body tr', { hasText: r1.data.name });
  await row1.locator('.el-tag', { hasText: '符合' }).first().waitFor();
  await row1.locator('[data-test=reg-approve]').click();
  await confirmBox(page);
  await row1.locator('.el-tag', { hasText: '审核通过' }).waitFor();
  const row2 = page.locator('[data-test=reg-table] .el-table__body tr', { hasText: r2.data.name });
  await row2.locator('[data-test=reg-reject]').click();
  await page.locator('textarea[data-test=reason-input]').fill('工作年限证明材料不全');
  await page.locator('[data-test=reason-ok]').click();
  await confirmBox(page);
  await row2.locator('.el-tag', { hasText: '未通过' }).waitFor();
  await shot(page, 'inst-registration-review');
  const regs = (await api('GET', `/api/v1/plans/${P}/registrations`, { token: org })).data.items;
  assert.equal(regs.find((x) => x.id === r1.data.id).status, 'approved');
  assert.equal(regs.find((x) => x.id === r2.data.id).review_reason, '工作年限证明材料不全');

  // a bank and blueprint of our own areas, a sitting, 检录, and the candidate starts
  const A = `web${tag}`;
  for (let i = 0; i < 4; i++) {
    const it = await api('POST', '/api/v1/items', { token: org, body: { occupation_code: state.occ, level: 5, kind: i < 3 ? 'single' : 'judge', area: A, stem: `浏览器测试题 ${tag}-${i}`, options: i < 3 ? ['甲', '乙', '丙', '丁'] : ['对', '错'], answer: 'A', points: 25 } });
    assert.equal(it.status, 201, JSON.stringify(it.data));
  }
  assert.equal((await api('PUT', '/api/v1/blueprints', { token: org, body: { occupation_code: state.occ, level: 5, cells: [{ area: A, kind: 'single', count: 3 }, { area: A, kind: 'judge', count: 1 }] } })).status, 200);
  const invigilators = [(await me(await login('jinan_org_staff'))).id, (await me(await login('examiner1'))).id];
  const sit = await api('POST', `/api/v1/plans/${P}/sittings`, { token: org, body: { room: `第一考场 ${tag}`, minutes: 90, invigilators } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  const adm = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: org, body: { registration_id: r1.data.id } });
  assert.equal(adm.status, 201, JSON.stringify(adm.data));
  assert.equal((await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/open`, { token: cand })).status, 200);

  // the bank as the staff sees it: current versions with their keys
  await page.goto(`${BASE}/inst/items`);
  await choose(page, page.locator('[data-test=occupation-select]'), state.occName);
  await page.locator('[data-test=item-table] .el-table__body tr', { hasText: `浏览器测试题 ${tag}-0` }).waitFor();
  await shot(page, 'inst-items');
  // a CSV import: the good row is stored, the bad one listed with its line and reason
  await page.getByRole('button', { name: '批量导入（CSV）' }).click();
  const csv = `职业编码,等级,题型,鉴定范围,鉴定点代码,题干,选项A,选项B,选项C,选项D,答案,分值\n${state.occ},5,单选,${A},A-01-001,导入的试题 ${tag}：铣削时应佩戴什么？,手套,防护眼镜,围巾,耳机,B,1\n${state.occ},5,单选,${A},A-01-002,导入的坏题 ${tag},甲,乙,丙,丁,E,1\n`;
  await page.locator('input[data-test=import-file]').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('[data-test=import-submit]').click();
  await page.locator('[data-test=import-result]', { hasText: '导入 1 行，拒绝 1 行' }).waitFor();
  await page.locator('.el-dialog .el-table__body tr', { hasText: '3' }).first().waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-test=item-table] .el-table__body tr', { hasText: `导入的试题 ${tag}` }).waitFor();

  // the staff moves the plan to 考试中 on its page
  await page.goto(`${BASE}/inst/plans/${P}`);
  await page.locator('[data-test=plan-to-examining]').click();
  await confirmBox(page);
  await page.locator('[data-test=plan-status]', { hasText: '考试中' }).waitFor();

  // the invigilator console: live row, extra time with a reason behind a confirmation
  await page.goto(`${BASE}/inst/sittings/${sit.data.id}?plan=${P}`);
  const arow = page.locator('[data-test=attempt-table] .el-table__body tr', { hasText: r1.data.name });
  await arow.locator('.el-tag', { hasText: '答题中' }).waitFor();
  await arow.locator('[data-test=extra-time]').click();
  await page.locator('[data-test=reason-minutes] input').fill('15');
  await page.locator('textarea[data-test=reason-input]').fill('考生机器故障，更换考机');
  await page.locator('[data-test=reason-ok]').click();
  await confirmBox(page);
  await arow.locator('td', { hasText: '+15′' }).waitFor();
  await arow.locator('td', { hasText: '考生机器故障，更换考机' }).waitFor();
  const live = (await api('GET', `/api/v1/sittings/${sit.data.id}/attempts`, { token: org })).data.items.find((x) => x.attempt_id === adm.data.attempt_id);
  assert.equal(live.extra_minutes, 15);
  assert.ok(live.seconds_left > 100 * 60, `${live.seconds_left}`);
  await shot(page, 'inst-invigilator-console');

  // the practical panel: examiner1 and two more examiners of the institution
  const exIds = [(await me(await login('examiner1'))).id];
  const exTokens = [];
  for (const n of [2, 3]) {
    const u = await api('POST', '/api/v1/users', { token: admin, body: { username: `webex${n}_${tag}`, password: 'Kite-River-2026', role: 'examiner', institution_id: state.instId } });
    assert.equal(u.status, 201, JSON.stringify(u.data));
    await qualify(admin, u.data.id);
    exIds.push(u.data.id);
    exTokens.push(await login(`webex${n}_${tag}`, 'Kite-River-2026'));
  }
  const criteria = [{ name: '工件装夹与加工（★）', points: 40, star: true }, { name: '尺寸精度', points: 30 }, { name: '安全文明生产', points: 30 }];
  const setup = await api('PUT', `/api/v1/plans/${P}/practical`, { token: org, body: { criteria, examiners: exIds } });
  assert.equal(setup.status, 200, JSON.stringify(setup.data));
  // the second examiner scores first
  const s2 = await api('POST', `/api/v1/plans/${P}/practical/scores`, { token: exTokens[0], body: { registration_id: r1.data.id, scores: [33, 21, 17] } });
  assert.equal(s2.status, 201, JSON.stringify(s2.data));

  const ex = await newPage(browser);
  await signIn(ex.page, 'examiner1');
  await ex.page.goto(`${BASE}/`);
  await ex.page.waitForURL('**/inst/practical');
  await choose(ex.page, ex.page.locator('[data-test=score-plan]'), `#${P} `);
  // the candidate is picked by name from the panel's candidates; the sheet names the criteria
  await choose(ex.page, ex.page.locator('[data-test=score-reg]'), `${r1.data.name}（${r1.data.id}）`);
  await ex.page.locator('[data-test=score-open]').click();
  await ex.page.locator('[data-test=panel-state]', { hasText: '已评 1 / 3' }).waitFor();
  const sheet = ex.page.locator('[data-test=score-sheet]');
  let text = await sheet.innerText();
  for (const c of criteria) assert.ok(text.includes(c.name), `criterion ${c.name} on the sheet: ${text}`);
  assert.match(text, /满分 40 ★/);
  assert.ok(!/33|组均分/.test(text), `another examiner's score is visible: ${text}`);
  const mine = [30, 25, 28];
  for (let i = 0; i < 3; i++) await ex.page.locator(`[data-test=score-${i}] input`).fill(String(mine[i]));
  await ex.page.locator('[data-test=score-submit]').click();
  await confirmBox(ex.page);
  await ex.page.locator('[data-test=panel-wait]').waitFor();
  await ex.page.locator('[data-test=panel-state]', { hasText: '已评 2 / 3' }).waitFor();
  text = await sheet.innerText();
  assert.ok(!/33|组均分/.test(text), `another examiner's score is visible: ${text}`);
  assert.equal(await ex.page.locator('[data-test=panel-result]').count(), 0);
  await shot(ex.page, 'inst-practical-scoring');
  // once the third has scored, the panel's result appears
  assert.equal((await api('POST', `/api/v1/plans/${P}/practical/scores`, { token: exTokens[1], body: { registration_id: r1.data.id, scores: [36, 24, 26] } })).status, 201);
  const done = (await api('GET', `/api/v1/plans/${P}/practical/${r1.data.id}`, { token: org })).data;
  assert.equal(done.complete, true);
  await ex.page.locator('[data-test=score-open]').click();
  await ex.page.locator('[data-test=panel-result]', { hasText: String(done.score) }).waitFor();
  assert.deepEqual(ex.page.jsErrors, []);
  await ex.context.close();

  // the candidate hands in; the staff moves to scoring, compiles the results and publishes them; moving on
  // to certification before the publicity period is over is refused in the server's words
  assert.equal((await api('POST', `/api/v1/attempts/${adm.data.attempt_id}/submit`, { token: cand })).status, 200);
  await page.goto(`${BASE}/inst/plans/${P}`);
  await page.locator('[data-test=plan-to-scoring]').click();
  await confirmBox(page);
  await page.locator('[data-test=plan-status]', { hasText: '评分中' }).waitFor();
  await page.getByRole('tab', { name: '成绩汇总' }).click();
  await page.locator('[data-test=compile]').click();
  await confirmBox(page);
  await page.locator('.el-alert', { hasText: '已生成 1 条评价结果' }).waitFor();
  await page.locator('[data-test=plan-to-publicity]').click();
  await confirmBox(page);
  await page.locator('[data-test=plan-status]', { hasText: '公示中' }).waitFor();
  const pub = (await api('GET', `/api/v1/plans/${P}`, { token: org })).data;
  assert.ok(pub.publicity_end > today, pub.publicity_end);
  await page.goto(`${BASE}/inst/publicity`);
  const prow = page.locator('[data-test=publicity-table] .el-table__body tr', { hasText: pub.title });
  await prow.locator('td', { hasText: pub.publicity_end }).waitFor();
  await prow.locator('[data-test=certify]').click();
  await confirmBox(page);
  await page.locator('[data-test=certify-error]', { hasText: pub.publicity_end }).waitFor();
  assert.match(await page.locator('[data-test=certify-error]').innerText(), /公示期至/);
  assert.equal((await api('GET', `/api/v1/plans/${P}`, { token: org })).data.status, 'publicity');
  await shot(page, 'inst-publicity');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test("the room picker lists a plan's rooms with their invigilators; 缺考 before the paper is opened", async () => {
  assert.ok(state.occ, 'the occupation of the first test');
  const org = await login('jinan_org_admin'), staff = await login('jinan_org_staff');
  // a plan of its own (opened through the API), one approved candidate admitted to a room
  const plan = await api('POST', '/api/v1/plans', { token: org, body: { title: `缺考演示 ${tag}`, occupation_code: state.occ, level: 5, capacity: 5, subjects: ['theory', 'practical'], reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10) } });
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  const P = plan.data.id;
  assert.equal((await api('POST', `/api/v1/plans/${P}/status`, { token: org, body: { status: 'filed' } })).status, 200);
  assert.equal((await api('POST', `/api/v1/plans/${P}/status`, { token: await login('jinan_admin'), body: { status: 'open' } })).status, 200);
  let reg = null;
  for (const p of (await api('GET', '/api/v1/persons?page_size=200', { token: staff })).data.items.slice(20)) {
    const r = await api('POST', `/api/v1/plans/${P}/registrations`, { token: staff, body: { person_id: p.id, option: '2023-5-a', declared: true } });
    if (r.status !== 201 || !r.data.eligible) continue;
    if ((await api('POST', `/api/v1/registrations/${r.data.id}/review`, { token: staff, body: { decision: 'approve' } })).status === 200) { reg = { ...r.data, name: p.name }; break; }
  }
  assert.ok(reg, 'an eligible candidate');
  const room = `缺考考场 ${tag}`;
  const sit = await api('POST', `/api/v1/plans/${P}/sittings`, { token: staff, body: { room, minutes: 90, invigilators: await pickInvigilators(org) } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  const adm = await api('POST', `/api/v1/sittings/${sit.data.id}/admit`, { token: staff, body: { registration_id: reg.id } });
  assert.equal(adm.status, 201, JSON.stringify(adm.data));
  const listed = (await api('GET', `/api/v1/plans/${P}/sittings`, { token: staff })).data.items.find((x) => x.id === sit.data.id);
  const names = listed.invigilator_users.map((u) => u.display_name || u.username);
  assert.equal(names.length, 2);

  // 考场与监考: the plan, then its room (with its invigilators), then the console
  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/inst/sittings`);
  await choose(page, page.locator('[data-test=sitting-plan]'), `#${P} `);
  const rrow = page.locator('[data-test=room-table] .el-table__body tr', { hasText: room });
  for (const n of names) await rrow.locator('td', { hasText: n }).waitFor();
  await rrow.locator('[data-test=sitting-open]').click();
  await page.waitForURL(new RegExp(`/inst/sittings/${sit.data.id}\\?plan=${P}$`));
  await page.locator('[data-test=console-title]', { hasText: room }).waitFor();
  // 缺考 with a reason, behind a confirmation
  const arow = page.locator('[data-test=attempt-table] .el-table__body tr', { hasText: reg.name });
  await arow.locator('.el-tag', { hasText: '已检录' }).waitFor();
  await arow.locator('[data-test=absent]').click();
  await page.locator('textarea[data-test=reason-input]').fill('考生未到场');
  await page.locator('[data-test=reason-ok]').click();
  await confirmBox(page);
  await arow.locator('.el-tag', { hasText: '缺考' }).waitFor();
  assert.equal(await arow.locator('[data-test=absent]').count(), 0);
  const a = (await api('GET', `/api/v1/sittings/${sit.data.id}/attempts`, { token: staff })).data.items.find((x) => x.attempt_id === adm.data.attempt_id);
  assert.equal(a.status, 'absent');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('issuing a certificate and downloading its PDF', async () => {
  const staff = await login('jinan_org_staff');
  const person = (await api('GET', '/api/v1/persons?page_size=40', { token: staff })).data.items.at(-1);
  let occ = state.occ;
  if (!occ) {
    const inst = (await api('GET', `/api/v1/institutions/${(await me(staff)).institution_id}`, { token: staff })).data;
    occ = inst.scopes.find((x) => x.levels.includes(5)).occupation_code;
  }
  // a result the institution may certify without waiting for a plan's 公示: a historical record the province
  // entered through its correction path
  const res = await api('POST', '/api/v1/results', { token: await login('admin'), body: { institution_id: (await me(staff)).institution_id, correction_reason: '历史记录补录（测试）', person_id: person.id, occupation_code: occ, level: 5, exam_date: today, theory: 82, practical: 76 } });
  assert.equal(res.status, 201, JSON.stringify(res.data));
  assert.equal(res.data.passed, true);

  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_org_staff');
  await page.goto(`${BASE}/inst/certificates`);
  const row = page.locator('[data-test=pending-table] .el-table__body tr', { hasText: person.name }).filter({ hasText: String(res.data.id) });
  await row.locator('.el-checkbox').click();
  await page.locator('[data-test=issue]').click();
  await confirmBox(page);
  await page.locator('[data-test=issued]').waitFor();
  const after = (await api('GET', `/api/v1/results/${res.data.id}`, { token: staff })).data;
  assert.ok(after.certificate_number, JSON.stringify(after));
  assert.match(await page.locator('[data-test=issued]').innerText(), new RegExp(after.certificate_number));
  await shot(page, 'inst-certificate-issue');

  await page.getByRole('tab', { name: '证书查询' }).click();
  await page.locator('input[data-test=filter-number]').fill(after.certificate_number);
  await page.getByRole('button', { name: '查询' }).click();
  const crow = page.locator('[data-test=cert-table] .el-table__body tr', { hasText: after.certificate_number });
  await crow.waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), crow.locator('[data-test=cert-pdf]').click()]);
  const pdf = readFileSync(await dl.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 5000, `${pdf.length} bytes`);
  assert.equal(dl.suggestedFilename(), `${after.certificate_number}.pdf`);
  await shot(page, 'inst-certificates');
  // reissue with a reason behind a confirmation: a new number replaces it
  await crow.locator('[data-test=cert-reissue]').click();
  await page.locator('textarea[data-test=reason-input]').fill('证书遗失，本人申请补发');
  await page.locator('[data-test=reason-ok]').click();
  await confirmBox(page);
  await crow.locator('.el-tag', { hasText: '已撤销' }).waitFor();
  const old = (await api('GET', `/api/v1/certificates/${after.certificate_number}`, { token: staff })).data;
  assert.equal(old.status, 'revoked');
  assert.ok(old.reissued_as && old.reissued_as !== after.certificate_number, JSON.stringify(old));
  await crow.locator('td', { hasText: old.reissued_as }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test("a new sitting's 开考时间 starts on the plan's exam date, not in 1798; a booked sitting moved to another room (改期/换场)", async () => {
  const org = await login('jinan_org_admin');
  const inst = (await api('GET', `/api/v1/institutions/${(await me(org)).institution_id}`, { token: org })).data;
  const scope = inst.scopes.find((s) => s.levels.includes(5));
  const plan = await api('POST', '/api/v1/plans', { token: org, body: { title: `开考时间 ${tag}`, occupation_code: scope.occupation_code, level: 5, capacity: 5, subjects: ['theory', 'practical'], reg_start: today, reg_end: plusDays(5), exam_date: plusDays(12) } });
  assert.equal(plan.status, 201, JSON.stringify(plan.data));
  const { context, page } = await newPage(browser, { timezoneId: 'Asia/Shanghai' });
  await signIn(page, 'jinan_org_admin');
  await page.goto(`${BASE}/inst/plans/${plan.data.id}?tab=sittings`);
  const starts = page.locator('[data-test=sit-starts] input');
  await starts.waitFor();
  assert.equal(await starts.inputValue(), `${plusDays(12)} 09:00`, 'the exam date at 09:00 (China time)');
  // 改期/换场: the plan opened, a designated site of two computer rooms, a sitting booked into 甲机房; the
  // institution moves it to 乙机房 from the sittings table (the room picker shows seats and computers)
  const jinan = await login('jinan_admin'), prov = await login('admin');
  await api('POST', `/api/v1/plans/${plan.data.id}/status`, { token: org, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${plan.data.id}/status`, { token: jinan, body: { status: 'open' } });
  const site = (await api('POST', '/api/v1/exam-sites', { token: org, body: { name: `${tag} 改期考点`, address: '济南市历下区' } })).data;
  for (const [name, n] of [['甲机房', 20], ['乙机房', 30]]) await api('POST', `/api/v1/exam-sites/${site.id}/rooms`, { token: org, body: { name, seats: n, computers: n } });
  const marks = (await api('GET', '/api/v1/site-checklist', { token: org })).data.items.map((i) => ({ item_id: i.id, result: 'conform' }));
  await api('POST', `/api/v1/exam-sites/${site.id}/assessments`, { token: jinan, body: { marks, sign: true } });
  await api('POST', `/api/v1/exam-sites/${site.id}/designations`, { token: prov, body: { occupation_code: scope.occupation_code, level: 5 } });
  const roomOf = async (name) => (await api('GET', `/api/v1/exam-sites/${site.id}`, { token: org })).data.room_list.find((r) => r.name === name).id;
  const sit = await api('POST', `/api/v1/plans/${plan.data.id}/sittings`, { token: org, body: { room_id: await roomOf('甲机房'), starts_at: Date.parse(`${plusDays(12)}T09:00:00+08:00`) / 1000, minutes: 90, candidates: 5 } });
  assert.equal(sit.status, 201, JSON.stringify(sit.data));
  await page.reload();
  const srow = page.locator('[data-test=room-table] .el-table__body tr', { hasText: `${tag} 改期考点 甲机房` });
  await srow.locator('[data-test=sit-move]').click();
  await choose(page, page.locator('[data-test=move-form] [data-test=room-picker]'), '座位 30 · 计算机 30');
  await page.locator('textarea[data-test=move-reason]').fill('甲机房设备检修');
  await page.locator('[data-test=move-ok]').click();
  await page.locator('[data-test=room-table] [data-test=sit-moved]', { hasText: '甲机房' }).waitFor();
  await page.locator('[data-test=room-table] .el-table__body tr', { hasText: `${tag} 改期考点 乙机房` }).waitFor();
  const moved = (await api('GET', `/api/v1/plans/${plan.data.id}/sittings`, { token: org })).data.items.find((x) => x.id === sit.data.id);
  assert.equal(moved.booking.room_id, await roomOf('乙机房'));
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});
