// 疑点线索 in the browser (issue 14 item 6; docs/WEB.md "疑点线索"): a person of the demo files claims in 济南 and,
// three days later, in 青岛; the 济南 city runs a detection over those days on its page, finds the 两地申领 signal
// in its queue (青岛's side is not in it), reads the evidence in words, confirms it with a reason, and the claim's
// drawer then says it is held; 临沂's queue shows the demo's 两地申领, 一机多签 and 结业率异常.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, unique, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const ok = (r, what) => { assert.ok([200, 201].includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`); return r.data; };
async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('the city detects a 两地申领, reviews it in its queue and the claim is held', async () => {
  const jinan = await login('jinan_admin'), qingdao = await login('qingdao_admin');
  // a person of 济南 without a claim; two claims on far days of this run
  const persons = ok(await api('GET', '/api/v1/persons?region_code=370102&page_size=200', { token: jinan }), 'persons').items;
  const n = unique();
  const day = (d) => `2074-${String(1 + (n % 12)).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  let person = null, cj = null;
  for (const p of persons) {
    const r = await api('POST', '/api/v1/training/claims', { token: jinan, body: { person_id: p.id, kind: 'skill_up', occupation_code: '6-31-01-03', level: 3, region_code: '370100', apply_date: day(10), cert_date: day(1), insured: [{ start: '2060-01-01' }] } });
    if (r.status === 201) { person = p; cj = r.data; break; }
  }
  assert.ok(person, 'a demo person could file in 济南');
  ok(await api('POST', '/api/v1/training/claims', { token: qingdao, body: { person_id: person.id, kind: 'skill_up', occupation_code: '6-31-01-04', level: 3, region_code: '370200', apply_date: day(13), cert_date: day(1), insured: [{ start: '2060-01-01' }] } }), '青岛 claim');

  // the demo's signals in 临沂's queue
  const demo = await newPage(browser);
  await signIn(demo.page, 'linyi_admin');
  await demo.page.goto(`${BASE}/admin/training/fraud-signals`);
  await demo.page.locator('[data-test=fraud-table]').waitFor();
  for (const kind of ['两地申领', '一机多签', '结业率异常']) {
    await demo.page.locator('[data-test=fraud-table] .el-table__row', { hasText: kind }).first().waitFor();
  }
  await shot(demo.page, 'training-fraud-demo');
  await demo.context.close();

  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/admin/training/fraud-signals`);
  await page.locator('[data-test=fraud-table]').waitFor();

  // the detection over the two days
  const inputs = page.locator('[data-test=fraud-range] input');
  await inputs.nth(0).fill(day(1));
  await inputs.nth(1).fill(day(28));
  await inputs.nth(1).press('Enter');
  await page.locator('[data-test=fraud-run]').click();
  await page.locator('[data-test=fraud-run-result]').waitFor();
  assert.match(await page.locator('[data-test=fraud-run-result]').innerText(), /两地申领 1/);
  const row = page.locator('[data-test=fraud-table] .el-table__row', { hasText: new RegExp(`人员 #${person.id}(?!\\d)`) });
  await row.waitFor();
  assert.match(await row.innerText(), /两地申领[\s\S]*相隔 3 天/);
  await shot(page, 'training-fraud-queue');

  // the evidence in words, the claim of 济南 only, then 认定 with a reason
  await row.locator('[data-test=fraud-open]').click();
  const drawer = page.locator('[data-test=fraud-drawer]');
  await drawer.locator('[data-test=fraud-evidence]').waitFor();
  assert.match(await drawer.locator('[data-test=fraud-evidence]').innerText(), new RegExp(`同一人员 #${person.id} 在两个城市申领，申领日期相隔 3 天`));
  assert.match(await drawer.locator('[data-test=fraud-claims]').innerText(), new RegExp(`#${cj.id}`));
  await drawer.locator('[data-test=fraud-act-confirm]').click();
  assert.match(await drawer.locator('.el-alert').last().innerText(), /请填写复核意见/);
  await drawer.locator('textarea[data-test=fraud-reason], [data-test=fraud-reason] textarea').first().fill('经核查，同期在青岛申领');
  await drawer.locator('[data-test=fraud-act-confirm]').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForFunction(() => document.querySelector('[data-test=fraud-drawer-state]')?.innerText.includes('已认定'));
  await shot(page, 'training-fraud-confirmed');

  // the claim's drawer: held
  await page.goto(`${BASE}/admin/training/claims?status=&claim=${cj.id}`);
  const held = page.locator('[data-test=claim-fraud]');
  await held.waitFor();
  assert.match(await held.innerText(), /已认定：本申领冻结，只能不予补贴/);
  assert.equal(await page.locator('[data-test=claim-act-review]').count(), 0, 'no 审核通过 while held');
  assert.deepEqual(page.jsErrors, []);
});
