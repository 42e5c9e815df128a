// 特级技师、首席技师评聘 in the browser (docs/DOMAIN.md §49), over the demo's data: the enterprise jinan_ent_admin
// sees its authorisation by 济南, its posts and the first round's ranking (the appointee first, 拟聘), and no axe
// violation on the page; the public name list on a 375 px phone shows the appointee without horizontal scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, api, BASE, PHONE, assertNoHorizontalScroll, axe, today, plusDays } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('评聘: the enterprise sees its authorisation, posts and ranking; the public reads the name list', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_ent_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/inst/posts`);
  const state = page.locator('[data-test=post-trial-state]');
  await state.waitFor();
  assert.match(await state.innerText(), /已获授权：市级人社部门 济人社字〔2026〕18号/);
  const list = page.locator('[data-test=post-list]');
  await list.locator('.el-table__row', { hasText: '首席技师（装备制造）' }).waitFor();
  assert.match(await list.innerText(), /特级技师（装备制造）[\s\S]*22,000/);
  await page.locator('[data-test=post-list] button', { hasText: '第一批' }).click();
  const apps = page.locator('[data-test=post-round-apps]');
  await apps.locator('.el-table__row').nth(1).waitFor();
  assert.match(await apps.locator('.el-table__row').first().innerText(), /高级技师[\s\S]*3\/3[\s\S]*91[\s\S]*1（拟聘）/);
  assert.match(await page.locator('[data-test=post-round-status]').innerText(), /已聘任/);
  await page.keyboard.press('Escape');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /inst/posts');

  const { page: phone } = await newPage(browser, { viewport: PHONE });
  await phone.goto(`${BASE}/posts`);
  await phone.locator('[data-test=public-posts] .el-table__row', { hasText: '济南演示装备制造有限公司' }).first().waitFor();
  await assertNoHorizontalScroll(phone, PHONE.width, '/posts');
});

// 企业评价规范 (docs/DOMAIN.md §65), over the demo's data: the enterprise sees its versions (2 approved, 1
// superseded) and version 1's levels (考评结合, 30 % / 70 %, 满3年); its plan, run to its certificates, keeps
// version 1; the province approves 青岛's submitted version on the review page.
test('评价规范: the enterprise reads its versions and its plan on version 1; the province approves a submitted one', async () => {
  const { page } = await newPage(browser);
  const token = await login('jinan_ent_admin');
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/inst/norms`);
  const table = page.locator('[data-test=norm-table]');
  await table.locator('.el-table__row', { hasText: '已被新版本替代' }).waitFor();
  assert.match(await table.innerText(), /第2版[\s\S]*已核准/);
  await table.locator('.el-table__row', { hasText: '已被新版本替代' }).locator('button', { hasText: '查看' }).click();
  const levels = page.locator('[data-test=norm-levels]');
  await levels.waitFor();
  assert.match(await levels.innerText(), /考评结合[\s\S]*30% \/ 70%[\s\S]*2023-\d-a[\s\S]*数控装调岗/);
  const plans = (await api('GET', '/api/v1/plans?status=certified&page_size=100', { token })).data;
  assert.deepEqual(plans.items.filter((p) => p.norm && p.title.includes('按本企业评价规范')).map((p) => p.norm.version), [1], 'the demo plan keeps version 1');
  // the demo's 过程化考核 plan (五级, another occupation) was run to its certificates too
  assert.ok(plans.items.some((p) => p.norm && p.title.includes('过程化考核')), 'the process plan is certified');
  // 过程化考核成绩: the demo's process plan — its module rule, the modules dated as assessed, 77 合格 and 58 不合格
  await page.goto(`${BASE}/inst/norm-process`);
  await page.locator('[data-test=np-plan]').click();
  await page.locator('.el-select-dropdown__item', { hasText: '过程化考核（五级）' }).click();
  const np = page.locator('[data-test=np-table]');
  await np.locator('.el-table__row').nth(1).waitFor();
  assert.match(await page.locator('[data-test=np-rule]').innerText(), /M1 安全规程 20%[\s\S]*合格线 60[\s\S]*单模块最低 50/);
  const npText = await np.innerText();
  assert.match(npText, /90[\s\S]*80[\s\S]*70[\s\S]*77[\s\S]*合格/);
  assert.match(npText, /58[\s\S]*不合格[\s\S]*加权总分未达合格线/);

  // 业绩评审材料: the demo's certified 业绩评审 plan shows both records, scored by its panel (fixed); on a new open
  // plan of the same version the enterprise writes the failed candidate's record in the browser and sees it listed
  const done = plans.items.find((p) => p.norm && p.title.includes('业绩评审（四级）'));
  assert.ok(done, 'the demo performance plan is certified');
  const doneList = (await api('GET', `/api/v1/plans/${done.id}/performance`, { token })).data;
  assert.deepEqual(doneList.candidates.map((c) => [c.recorded, c.review_started]), [[true, true], [true, true]]);
  const city = await login('jinan_admin');
  const fresh = (await api('POST', '/api/v1/plans', { token, body: { title: `业绩评审浏览器检查${Date.now() % 100000}`, occupation_code: done.occupation_code, level: 4, reg_start: today, reg_end: plusDays(3), exam_date: plusDays(10), capacity: 5, subjects: [], publicity_days: 5, norm_id: done.norm.id } })).data;
  assert.ok(fresh.id, JSON.stringify(fresh));
  await api('POST', `/api/v1/plans/${fresh.id}/status`, { token, body: { status: 'filed' } });
  await api('POST', `/api/v1/plans/${fresh.id}/status`, { token: city, body: { status: 'open' } });
  const again = doneList.candidates[1];
  const reg = (await api('POST', `/api/v1/plans/${fresh.id}/registrations`, { token, body: { person_id: again.person_id, option: '2023-4-a', declared: true } })).data;
  assert.equal(reg.eligible, true, JSON.stringify(reg));
  await api('POST', `/api/v1/registrations/${reg.id}/review`, { token, body: { decision: 'approve' } });
  await page.goto(`${BASE}/inst/norm-performance`);
  await page.locator('[data-test=nf-plan]').click();
  await page.locator('.el-select-dropdown__item', { hasText: fresh.title }).click();
  const nf = page.locator('[data-test=nf-table]');
  await nf.locator('.el-table__row', { hasText: '未填写' }).waitFor();
  assert.match(await page.locator('[data-test=nf-state]').innerText(), /评审组：未设置/);
  await page.locator(`[data-test=nf-edit-${reg.id}]`).click();
  await page.locator('textarea[data-test=nf-achievements]').fill('牵头完成装配线防错改造，年减少返工 120 件');
  await page.locator('textarea[data-test=nf-evidence]').fill('改造验收单、返工统计表');
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /inst/norm-performance');
  await page.locator('[data-test=nf-save]').click();
  await nf.locator('.el-table__row', { hasText: '牵头完成装配线防错改造' }).waitFor();
  assert.match(await nf.innerText(), /改造验收单、返工统计表[\s\S]*未开始评审/);
  const stored = (await api('GET', `/api/v1/registrations/${reg.id}/performance`, { token })).data;
  assert.equal(stored.achievements, '牵头完成装配线防错改造，年减少返工 120 件');

  const { page: prov } = await newPage(browser);
  const admin = await login('admin');
  await prov.context().addInitScript((t) => localStorage.setItem('jineng.token', t), admin);
  await prov.goto(`${BASE}/admin/norms`);
  const row = prov.locator('[data-test=norm-review-table] .el-table__row', { hasText: '青岛演示企业职业技能等级认定评价规范' });
  await row.waitFor();
  await row.locator('[data-test=norm-approve]').click();
  await prov.locator('.el-message-box__btns .el-button--primary').click();
  await prov.locator('[data-test=norm-review-table] .el-table__row', { hasText: '青岛演示企业职业技能等级认定评价规范' }).waitFor({ state: 'detached' });
  const after = (await api('GET', '/api/v1/enterprise-norms?status=approved&page_size=100', { token: admin })).data;
  assert.ok(after.items.some((n) => n.title === '青岛演示企业职业技能等级认定评价规范'), 'approved');
});
