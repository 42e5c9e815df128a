// 岗位申报 and 评审打分 in the browser (docs/DOMAIN.md §58), over the demo's data: the enterprise's worker
// post_worker (a 高级技师) applies to the open 特级技师 round on a 375 px phone; post_expert1 scores the round under
// review (the last of its panel: the panel's result shows), and linyi_examiner1 scores a nomination of the
// 创新成果评选 round in review, each their own score only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, axe, BASE, PHONE, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('岗位申报 on a phone; 评审打分 of a post round and a selection round', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await signIn(page, 'post_worker');
  await page.goto(`${BASE}/me/posts`);
  const round = page.locator('[data-test=posts-round]', { hasText: '第三批' });
  await round.waitFor();
  assert.match(await page.locator('[data-test=posts-held]').innerText(), /高级技师/);
  assert.deepEqual(await axe(page), [], 'no serious or critical WCAG violation (岗位申报)');
  await assertNoHorizontalScroll(page, PHONE.width, '岗位申报 at 375 px');
  await round.locator('textarea').fill('主持激光切割工艺攻关 6 项');
  await round.locator('[data-test=posts-apply]').click();
  await round.locator('[data-test=posts-applied]').waitFor();
  assert.match(await page.locator('[data-test=posts-app]').first().innerText(), /特级技师/);
  assert.deepEqual(page.jsErrors, []);

  const { page: ex } = await newPage(browser);
  await signIn(ex, 'post_expert1');
  await ex.goto(`${BASE}/examiner/reviews`);
  const app = ex.locator('[data-test=review-post-app]').first();
  await app.waitFor();
  const inputs = app.locator('[data-test=review-post-score] input');
  assert.equal(await inputs.count(), 3);
  for (const [k, v] of ['32', '24', '25'].entries()) await inputs.nth(k).fill(v);
  assert.deepEqual(await axe(ex), [], 'no serious or critical WCAG violation (评审打分)');
  await app.locator('[data-test=review-post-submit]').click();
  const done = ex.locator('[data-test=review-post-done]').first();
  await done.waitFor();
  assert.match(await done.innerText(), /32 \/ 24 \/ 25[\s\S]*评审组结果/);
  assert.deepEqual(ex.jsErrors, []);

  const { page: sx } = await newPage(browser);
  await signIn(sx, 'linyi_examiner1');
  await sx.goto(`${BASE}/examiner/reviews`);
  const nom = sx.locator('[data-test=review-sel]', { hasText: '创新成果评选' }).first();
  await nom.waitFor();
  await nom.locator('[data-test=review-sel-score] input').fill('88');
  await nom.locator('[data-test=review-sel-submit]').click();
  await sx.locator('[data-test=review-sel-done]', { hasText: '88' }).first().waitFor();
  assert.deepEqual(sx.jsErrors, []);
});
