// 岗位需求 → 培训班 / 订单班 and 产教评 技能生态链 in the browser (docs/DOMAIN.md §63), over the demo's data: 济南's bureau
// sees its chain led by 济南演示装备制造有限公司 with the 技师学院, the training school and the evaluator and the
// chain's figures, and the postings with demand covered (仓储作业员: 30 of 40, answered by the training school's
// class); the training school (jinan_train_admin) sees the postings it answers; no axe violation on either page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, axe } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('产教评: the city sees its chain and the postings answered by classes; the training school the postings it answers', async () => {
  const { page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('jinan_admin'));
  await page.goto(`${BASE}/cultivation/chains`);
  const detail = page.locator('[data-test=chain-detail]');
  await detail.waitFor();
  assert.match(await page.locator('[data-test=chain-list]').innerText(), /济南高端装备产教评技能生态链[\s\S]*高端装备制造[\s\S]*济南演示装备制造有限公司/);
  const members = await page.locator('[data-test=chain-members]').innerText();
  for (const m of ['链主企业', '济南演示技师学院', '培训机构', '评价机构', '济南演示职业技能评价中心']) assert.ok(members.includes(m), `${m} in ${members}`);
  const fig = await page.locator('[data-test=chain-figures]').innerText();
  assert.match(fig, /成员单位\s*4/);
  assert.match(fig, /答复岗位需求\s*4 个岗位，承诺名额 80/);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /cultivation/chains');

  await page.goto(`${BASE}/cultivation/demand`);
  const postings = page.locator('[data-test=dm-postings]');
  const row = postings.locator('.el-table__row', { hasText: '仓储作业员（以需定培）' });
  await row.waitFor();
  assert.match(await row.innerText(), /40[\s\S]*30[\s\S]*30 \/ 40/);
  await row.locator('.el-table__expand-icon').click();
  assert.match(await page.locator('[data-test=dm-answers]').first().innerText(), /培训班[\s\S]*承诺 30 个名额[\s\S]*机构开设/);
  assert.deepEqual(await axe(page), [], 'no serious or critical axe violation on /cultivation/demand');

  const { page: inst } = await newPage(browser);
  await inst.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('jinan_train_admin'));
  await inst.goto(`${BASE}/cultivation/demand`);
  await inst.locator('[data-test=dm-postings] .el-table__row').first().waitFor();
  await inst.locator('[data-test=dm-mine]').click();
  await inst.locator('[data-test=dm-totals]', { hasText: '共 2 个岗位' }).waitFor();
  const mine = await inst.locator('[data-test=dm-postings]').innerText();
  assert.match(mine, /仓储作业员（以需定培）/);
  assert.match(mine, /物料配送员/);
  assert.doesNotMatch(mine, /数控车工（订单培养）/);
});
