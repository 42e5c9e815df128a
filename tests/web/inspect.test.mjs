// 督导检查 on a 375 px phone: a 青岛 supervisor dispatched across cities to a 济南 sitting opens it from 今日督导,
// marks items 符合 / 不符合 / 不适用 with notes, loses the network mid-marking (marks, notes, the summary and a
// photo wait on the device under the offline banner), reloads while saves still cannot reach the server
// (everything is still there), gets the network back and sees every mark, note, the summary and the photo
// on the server, then signs and sees the record read-only; the city's list page shows it signed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, unique, invigilators, today, plusDays, BASE, PHONE, DESKTOP, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PW = 'Mx!Inspect-Web-2026';
// later than the supervisors of the other browser tests are qualified for (2040): only this one goes
const DAY = new Date(Date.UTC(2045, 0, 1) + (Math.floor(Date.now() / 1000) % 3000) * 86400e3).toISOString().slice(0, 10);
const ok = (r, what) => { assert.ok([200, 201].includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`); return r.data; };
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF web ${Date.now()}`)]);

test('an inspection on a phone survives network loss and a reload, then is signed', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `iw${unique()}${Date.now() % 100000}`;
  const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}sq`, password: PW, role: 'supervisor', region_code: '370200', display_name: `督导${tag}` } }), 'supervisor');
  ok(await api('PUT', `/api/v1/supervisors/${u.id}`, { token: prov, body: { grade: 'senior', cert_no: `IW${tag}`, valid_until: DAY, region_code: '370200' } }), 'profile');
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }), 'me');
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }), 'institution');
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `督导检查页面 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } }), 'plan');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }), 'filed');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }), 'open');
  const sit = ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 督导检查`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: await invigilators(org) } }), 'sitting');
  const run = ok(await api('POST', '/api/v1/dispatch/runs', { token: jinan, body: { day: DAY, region_code: '370100' } }), 'dispatch');
  assert.ok(run.assignments.some((a) => a.sitting_id === sit.id && a.supervisor_id === u.id), JSON.stringify(run.assignments));
  const sq = await login(`${tag}sq`, PW);

  const { context, page } = await newPage(browser, { viewport: PHONE });
  await context.addInitScript((t) => localStorage.setItem('jineng.token', t), sq);
  // 今日督导: the dispatched sitting, not started
  await page.goto(`${BASE}/quality/my-inspections?day=${DAY}`);
  const card = page.locator(`[data-test=mi-sitting][data-sitting="${sit.id}"]`);
  await card.waitFor();
  assert.match(await card.innerText(), /未开始/);
  await assertNoHorizontalScroll(page, PHONE.width, 'my inspections at 375 px');
  await card.locator('[data-test=mi-open]').click();
  await page.waitForURL(/\/quality\/inspections\/\d+$/);
  const insId = Number(page.url().split('/').pop());
  await page.locator('[data-test^=insp-item-]').first().waitFor();
  const items = page.locator('[data-test^=insp-item-]');
  const n = await items.count();
  assert.ok(n >= 4, `${n} check items`);
  const status = page.locator('[data-test=insp-save-status]');
  const saved = () => page.waitForFunction(() => document.querySelector('[data-test=insp-save-status]')?.innerText.trim() === '已保存', null, { timeout: 20000 });

  // online: the first item 符合
  await items.nth(0).locator('[data-test=res-conform]').click();
  await saved();
  await assertNoHorizontalScroll(page, PHONE.width, 'the inspection page at 375 px');

  // the network goes: 不符合 with a note, 不适用, a note typed before its result, the summary, a photo
  await context.setOffline(true);
  await items.nth(1).locator('[data-test=res-nonconform]').click();
  await items.nth(1).locator('[data-test=insp-note]').fill('灭火器已过期，现场拍照');
  await items.nth(2).locator('[data-test=res-not_applicable]').click();
  await items.nth(3).locator('[data-test=insp-note]').fill('身份核验抽查 20 人，一致');
  await items.nth(3).locator('[data-test=res-conform]').click();
  await page.locator('[data-test=insp-summary]').fill('总体有序，一项不符合');
  await items.nth(1).locator('[data-test=ev-file]').setInputFiles({ name: '灭火器.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await items.nth(1).locator('[data-test=ev-pending]').waitFor();
  await page.locator('[data-test=insp-offline]').waitFor();
  assert.match(await status.innerText(), /离线 · \d+ 项待保存/);
  await shot(page, 'inspection-offline');
  let held = ok(await api('GET', `/api/v1/inspections/${insId}`, { token: sq }), 'the inspection');
  assert.equal(held.marks.length, 1, 'the offline marks are not on the server yet');

  // a reload while saves still cannot reach the server: nothing typed is lost
  const block = (route) => (route.request().method() === 'GET' ? route.continue() : route.abort('internetdisconnected'));
  await page.route(/\/api\/v1\/inspections\/\d+\/(marks|evidence)/, block);
  await context.setOffline(false);
  await page.reload();
  await items.nth(1).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-test^=insp-item-]').length > 3);
  assert.equal(await items.nth(1).locator('[data-test=res-nonconform].on').count(), 1, 'the 不符合 after the reload');
  assert.equal(await items.nth(1).locator('[data-test=insp-note]').inputValue(), '灭火器已过期，现场拍照');
  assert.equal(await items.nth(2).locator('[data-test=res-not_applicable].on').count(), 1);
  assert.equal(await items.nth(3).locator('[data-test=insp-note]').inputValue(), '身份核验抽查 20 人，一致');
  assert.equal(await page.locator('[data-test=insp-summary]').inputValue(), '总体有序，一项不符合');
  await items.nth(1).locator('[data-test=ev-pending]').waitFor();
  await page.locator('[data-test=insp-offline]').waitFor();
  held = ok(await api('GET', `/api/v1/inspections/${insId}`, { token: sq }), 'the inspection');
  assert.equal(held.marks.length, 1, 'still only the first mark on the server');

  // the network comes back: the queue and the photo go to the server
  await page.unroute(/\/api\/v1\/inspections\/\d+\/(marks|evidence)/, block);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await saved();
  await page.locator('[data-test=insp-offline]').waitFor({ state: 'detached' });
  await items.nth(1).locator('[data-test=ev-item]').waitFor();
  held = ok(await api('GET', `/api/v1/inspections/${insId}`, { token: sq }), 'the inspection');
  const byId = Object.fromEntries(held.marks.map((m) => [m.item_id, m]));
  const ids = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.item)));
  assert.equal(byId[ids[0]].result, 'conform');
  assert.deepEqual([byId[ids[1]].result, byId[ids[1]].note], ['nonconform', '灭火器已过期，现场拍照']);
  assert.equal(byId[ids[2]].result, 'not_applicable');
  assert.deepEqual([byId[ids[3]].result, byId[ids[3]].note], ['conform', '身份核验抽查 20 人，一致']);
  assert.equal(held.summary, '总体有序，一项不符合');
  const ev = ok(await api('GET', `/api/v1/inspections/${insId}/evidence`, { token: sq }), 'evidence').items;
  assert.equal(ev.length, 1);
  assert.deepEqual([ev[0].item_id, ev[0].media_type, ev[0].size, ev[0].filename], [ids[1], 'image/jpeg', JPEG.length, '灭火器.jpg']);

  // the rest 符合, then sign
  for (let k = 4; k < n; k++) await items.nth(k).locator('[data-test=res-conform]').click();
  await saved();
  await page.locator('[data-test=insp-sign]').click();
  await page.locator('.el-message-box').waitFor();
  await page.locator('.el-message-box').getByRole('button', { name: '确定签署' }).click();
  await page.locator('[data-test=insp-status]').waitFor();
  assert.equal((await page.locator('[data-test=insp-status]').innerText()).trim(), '已签署');
  assert.equal(await page.locator('[data-test=ro-result]').count(), n, 'every item read-only');
  assert.match(await items.nth(1).innerText(), /不符合[\s\S]*灭火器已过期/);
  assert.equal(await page.locator('[data-test=insp-sign]').count(), 0);
  await shot(page, 'inspection-signed');
  held = ok(await api('GET', `/api/v1/inspections/${insId}`, { token: sq }), 'the inspection');
  assert.equal(held.status, 'signed');
  assert.equal(held.items_marked, n);
  assert.deepEqual(page.jsErrors, []);
  await context.close();

  // the city's list shows it signed and opens it read-only
  const desk = await newPage(browser, { viewport: DESKTOP });
  await desk.context.addInitScript((t) => localStorage.setItem('jineng.token', t), jinan);
  await desk.page.goto(`${BASE}/quality/inspections`);
  await desk.page.locator('[data-test=il-sitting]').fill(String(sit.id));
  await desk.page.locator('.lp-filters').getByRole('button', { name: '查询' }).click();
  await desk.page.waitForFunction(() => document.querySelectorAll('[data-test=il-table] .el-table__row').length === 1);
  assert.match(await desk.page.locator('[data-test=il-state]').first().innerText(), /已签署/);
  await desk.page.locator('[data-test=il-open]').first().click();
  await desk.page.waitForURL(new RegExp(`/quality/inspections/${insId}$`));
  await desk.page.locator('[data-test=ro-note]').first().waitFor();
  assert.equal(await desk.page.locator('[data-test=insp-sign]').count(), 0);
  assert.deepEqual(desk.page.jsErrors, []);
  await desk.context.close();
});
