// 线上学习 and 知识竞赛 in the browser (docs/DOMAIN.md §55), over the demo's data, on a phone at 375 px: the 临沂
// worker's courses with the 4 online 学时 of last week counted toward the 电子商务师 class; the course page starts a
// session on the HTML lesson and shows it; the contests list last week's scored round with the worker's rank and
// its leaderboard; the province reads the rounds and a leaderboard with names unmasked. 模拟练习 (§62): the worker's
// paper of yesterday with its score, a new paper from the practice pool answered, submitted and reviewed with the
// right answers and explanations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, BASE, PHONE, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('the worker learns online and takes part in a contest; the province reads the leaderboard', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await signIn(page, 'linyi_worker');
  await page.goto(`${BASE}/me/courses`);
  await page.locator('[data-test=my-course]').first().waitFor();
  assert.match(await page.locator('[data-test=total-hours]').innerText(), /线上学时合计\s*4/);
  assert.match(await page.locator('[data-test=my-course]').first().innerText(), /电子商务师（四级）线上课程[\s\S]*计入培训班学时/);
  await assertNoHorizontalScroll(page, PHONE.width, '/me/courses');
  // the class's hours on 我的培训 include them
  await page.goto(`${BASE}/me/training`);
  await page.locator('[data-test=hours]').first().waitFor();
  assert.match(await page.locator('[data-test=hours]').first().innerText(), /已计学时\s*4\s*\/\s*12/);
  // the course: a session on the lesson, shown sandboxed
  await page.goto(`${BASE}/me/courses`);
  await page.locator('[data-test=my-course] a').first().click();
  await page.locator('[data-test=resource]').first().click();
  await page.locator('iframe[title="第一讲 网店运营基础"]').waitFor();
  assert.equal(await page.locator('iframe[title="第一讲 网店运营基础"]').getAttribute('sandbox'), '');
  await assertNoHorizontalScroll(page, PHONE.width, '/me/courses/{id}');
  // the contests: last week's round scored with the worker's rank, the open round to take part in
  await page.goto(`${BASE}/me/contests`);
  await page.locator('[data-test=my-rank]').first().waitFor();
  assert.match(await page.locator('[data-test=my-rank]').first().innerText(), /我的成绩 \d+(\.\d+)? 分，第 \d+ 名/);
  assert.ok(await page.locator('[data-test=enter]').count() >= 1);
  await assertNoHorizontalScroll(page, PHONE.width, '/me/contests');
  await page.getByRole('link', { name: '排行榜' }).first().click();
  await page.locator('[data-test=board] .el-table__row').first().waitFor();
  assert.ok(await page.locator('[data-test=board] .el-table__row.mine').count() === 1, 'the worker\'s own row marked');

  // 模拟练习: yesterday's paper scored, today's papers left; a new paper, one answer, submitted and reviewed
  await page.goto(`${BASE}/me/practice`);
  await page.locator('[data-test=pool]').first().waitFor();
  assert.match(await page.locator('[data-test=pool]').first().innerText(), /电子商务师（四级）[\s\S]*12 题/);
  assert.match(await page.locator('[data-test=history]').first().innerText(), /30 \/ 60 分/);
  assert.match(await page.locator('[data-test=left-today]').innerText(), /今日还可练习 \d+ 套（每日 5 套，每套 20 题）/);
  await assertNoHorizontalScroll(page, PHONE.width, '/me/practice');
  await page.locator('[data-test=start]').first().click();
  await page.locator('[data-test=question]').first().waitFor();
  assert.equal(await page.locator('[data-test=question]').count(), 12);
  await page.locator('[data-test=question]').first().locator('.opt').first().click();
  await page.locator('[data-test=submit]').click();
  await page.locator('[data-test=score]').waitFor();
  assert.match(await page.locator('[data-test=score]').innerText(), /得分 \d+(\.\d+)? \/ 60，答对 [01] 题/);
  assert.equal(await page.locator('[data-test=verdict]').count(), 12);
  assert.equal(await page.locator('[data-test=explanation]').count(), 12);
  assert.match(await page.locator('[data-test=verdict]').nth(1).innerText(), /回答错误：你的答案 未作答，正确答案 [A-D]/);
  await assertNoHorizontalScroll(page, PHONE.width, '/me/practice (reviewed)');

  // the province: the rounds and a leaderboard by city
  const { page: prov } = await newPage(browser);
  await signIn(prov, 'admin');
  await prov.goto(`${BASE}/admin/contests`);
  await prov.locator('[data-test=rounds] .el-table__row').first().waitFor();
  assert.match(await prov.locator('[data-test=rounds]').innerText(), /山东省电子商务师知识竞赛（第一轮）/);
  await prov.getByRole('link', { name: '排行榜' }).first().click();
  await prov.locator('[data-test=board] .el-table__row').first().waitFor();
  await prov.getByText('城市', { exact: true }).click();
  await prov.waitForFunction(() => /\d+\.\d/.test(document.querySelector('[data-test=board]').innerText));
});
