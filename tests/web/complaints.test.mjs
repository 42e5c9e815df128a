// 投诉举报 in the browser: on a 375 px phone, anyone submits an anonymous complaint to 济南 on the public
// page, is shown its tracking code once and follows it; the city administrator finds it in the queue at
// 1366×768, opens it and acknowledges it, and the public page then says 已受理; a supervisor of 济南 opens a
// complaint sent with a name and phone and sees them masked, with no move to take.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, assertNoHorizontalScroll, unique, BASE, PHONE, PASSWORD } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username, password) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const lastId = async (token) => (await api('GET', '/api/v1/complaints?sort=-id&page_size=1', { token })).data.items[0].id;
const rowOf = (page, id) => page.locator('[data-test=cq-table] .el-table__row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^\\s*${id}\\s*$`) }) });

const S = {};

test('the public page: an anonymous complaint, its tracking code once, its state', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/complaint`);
  await page.locator('[data-test=cp-category] option[value=exam_discipline]').waitFor({ state: 'attached' });
  // refused in the browser before anything is sent
  await page.locator('[data-test=cp-submit]').click();
  await page.locator('[data-test=cp-error]').waitFor();
  await page.locator('[data-test=cp-category]').selectOption('exam_discipline');
  await page.locator('[data-test=cp-city] option[value="370100"]').waitFor({ state: 'attached' });
  await page.locator('[data-test=cp-city]').selectOption('370100');
  S.text = `浏览器测试投诉${unique()}：考场内未按规定查验身份证件。`;
  await page.locator('[data-test=cp-text]').fill(S.text);
  await page.locator('[data-test=cp-anonymous]').check();
  assert.equal(await page.locator('[data-test=cp-name]').count(), 0, 'no name field when anonymous');
  await page.locator('[data-test=cp-submit]').click();
  const code = page.locator('[data-test=cp-code]');
  await code.waitFor();
  S.code = (await code.innerText()).trim();
  assert.match(S.code, /^[0-9A-HJKMNP-TV-Z]{20}$/);
  await assertNoHorizontalScroll(page, PHONE.width, 'the receipt at 375 px');
  await shot(page, 'complaint-receipt');
  await page.locator('[data-test=cp-follow]').click();
  const st = page.locator('[data-test=cp-status]');
  await st.waitFor();
  assert.equal(await st.getAttribute('data-status'), 'received');
  assert.equal((await page.locator('[data-test=cp-state]').innerText()).trim(), '已收到');
  // a wrong code finds nothing
  await page.locator('[data-test=cp-code-input]').fill(S.code.slice(0, 19) + (S.code[19] === '0' ? '1' : '0'));
  await page.locator('[data-test=cp-lookup]').click();
  await page.locator('[data-test=cp-lookup-error]').waitFor();
  assert.deepEqual(page.jsErrors, []);
});

test('the city finds it in its queue and acknowledges it; the public page follows', async () => {
  const jinan = await login('jinan_admin');
  const id = await lastId(jinan);
  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/quality/complaints`);
  const row = rowOf(page, id);
  await row.waitFor();
  assert.match(await row.innerText(), /已收到/);
  await row.locator('[data-test=cq-open]').click();
  await page.locator('[data-test=cq-text]').waitFor();
  assert.equal((await page.locator('[data-test=cq-text]').innerText()).trim(), S.text);
  assert.equal((await page.locator('[data-test=cq-complainant]').innerText()).trim(), '匿名');
  await page.locator('[data-test=cq-act-acknowledge]').click();
  await page.locator('[data-test=cq-drawer-state]', { hasText: '已受理' }).waitFor();
  await page.locator('[data-test=cq-note]').waitFor();
  await shot(page, 'complaint-queue');
  // the public page by the tracking code
  const pub = (await newPage(browser, { viewport: PHONE })).page;
  await pub.goto(`${BASE}/complaint`);
  await pub.locator('[data-test=tab-track]').click();
  await pub.locator('[data-test=cp-code-input]').fill(S.code.toLowerCase());
  await pub.locator('[data-test=cp-lookup]').click();
  await pub.locator('[data-test=cp-status][data-status=acknowledged]').waitFor();
  assert.deepEqual(page.jsErrors, []);
});

test('a supervisor of 济南 reads a complaint with the complainant masked and takes no move', async () => {
  const admin = await login('admin');
  const username = `cmpsup${unique()}${process.pid}`;
  assert.equal((await api('POST', '/api/v1/users', { token: admin, body: { username, password: PASSWORD, role: 'supervisor', region_code: '370100' } })).status, 201);
  const name = '王小明', phone = '13912345678';
  const r = await api('POST', '/api/v1/public/complaints', { body: { category: 'fees', region_code: '370100', text: '收取高额培训费。', name, phone } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  const id = await lastId(admin);
  const { page } = await newPage(browser);
  await signIn(page, username);
  await page.goto(`${BASE}/quality/complaints`);
  const row = rowOf(page, id);
  await row.waitFor();
  await row.locator('[data-test=cq-open]').click();
  const who = page.locator('[data-test=cq-complainant]');
  await who.waitFor();
  const text = await who.innerText();
  assert.ok(text.includes('已脱敏') && !text.includes(name) && !text.includes(phone), text);
  assert.equal(await page.locator('[data-test^=cq-act-]').count(), 0, 'no move for a supervisor');
  assert.ok(!(await page.content()).includes(phone), 'the phone is nowhere on the page');
});

test('a complaint about an institution found by name goes to its city, which transfers it', async () => {
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/complaint`);
  await page.locator('[data-test=cp-category] option[value=fees]').waitFor({ state: 'attached' });
  await page.locator('[data-test=cp-category]').selectOption('fees');
  await page.locator('[data-test=cp-inst-query]').fill('济南演示职业技能评价中心');
  await page.locator('[data-test=cp-inst-find]').click();
  const inst = page.locator('[data-test=cp-inst]');
  await inst.waitFor();
  if (!(await inst.inputValue())) await inst.selectOption({ index: 1 });
  assert.equal(await page.locator('[data-test=cp-city]').count(), 0, 'the city comes from the institution');
  const text = `浏览器测试机构投诉${unique()}：报名时要求购买教材。`;
  await page.locator('[data-test=cp-text]').fill(text);
  await page.locator('[data-test=cp-submit]').click();
  await page.locator('[data-test=cp-code]').waitFor();
  await assertNoHorizontalScroll(page, PHONE.width, 'the form with an institution at 375 px');
  const jinan = await login('jinan_admin');
  const id = await lastId(jinan);
  const c = (await api('GET', `/api/v1/complaints/${id}`, { token: jinan })).data;
  assert.equal(c.text, text);
  assert.equal(c.subject_kind, 'institution');
  assert.equal(c.region_code, '370100');
  // 济南 transfers it to 青岛 with a reason
  const admin = (await newPage(browser)).page;
  await signIn(admin, 'jinan_admin');
  await admin.goto(`${BASE}/quality/complaints`);
  const row = rowOf(admin, id);
  await row.waitFor();
  await row.locator('[data-test=cq-open]').click();
  await admin.locator('[data-test=cq-reason]').waitFor();
  await admin.locator('[data-test=cq-reason]').fill('被投诉机构的培训点在青岛，转青岛办理');
  await admin.locator('[data-test=cq-transfer-city]').click();
  await admin.locator('.el-select-dropdown__item:visible', { hasText: '青岛市' }).first().click();
  await admin.locator('[data-test=cq-transfer]').click();
  await rowOf(admin, id).waitFor({ state: 'detached' });
  const q = await api('GET', `/api/v1/complaints/${id}`, { token: await login('qingdao_admin') });
  assert.equal(q.status, 200);
  assert.equal(q.data.region_code, '370200');
  assert.ok(q.data.records.some((r) => r.kind === 'transfer' && r.text.includes('转青岛办理')));
  assert.deepEqual(admin.jsErrors, []);
});
