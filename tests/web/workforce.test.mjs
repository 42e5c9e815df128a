// 评价队伍与考点 in the browser (web/src/domains/platform; docs/DOMAIN.md §57): the city's register of qualifications
// shows the demo's examiner1 (存量登记, valid) and removes a new examiner's qualification with a reason (the row then
// 已取消); the exam-site registry shows the demo's 济南演示考点 as passed, opens its rooms and the computer room's
// bookings with the demo exam's theory sitting; the institution is refused a theory booking of the workshop with
// the server's reason (no computers), shown as a toast.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, qualify, unique, BASE, PASSWORD } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username) {
  const token = await login(username);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}

test('考评员与督导员资格 and 考点与考场: the register, a removal with its reason, the site, its rooms and bookings', async () => {
  const prov = await login('admin');
  const org = await login('jinan_org_admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: org })).data;
  const inst = (me.user || me).institution_id;
  const tag = `wfw${unique()}`;
  const u = await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}e`, password: PASSWORD, role: 'examiner', institution_id: inst, display_name: `待取消考评员${tag}` } });
  assert.equal(u.status, 201, JSON.stringify(u.data));
  await qualify(prov, u.data.id);

  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/platform/workforce`);
  const table = page.locator('[data-test=wf-table]');
  await table.locator('[data-test=wf-holder]').first().waitFor();
  const row = table.locator('.el-table__row', { hasText: `待取消考评员${tag}` });
  await row.waitFor();
  assert.match(await row.innerText(), /考评员[\s\S]*W-examiner-\d+[\s\S]*存量登记[\s\S]*有效/);
  await row.locator('[data-test=wf-remove]').click();
  await page.locator('textarea[data-test=wf-remove-reason]').fill('考评中违规打分（浏览器测试）');
  await page.locator('[data-test=wf-remove-submit]').click();
  await table.locator('.el-table__row', { hasText: `待取消考评员${tag}` }).locator('[data-test=wf-state]', { hasText: '已取消' }).waitFor();
  assert.deepEqual(page.jsErrors, []);

  const { page: ip } = await newPage(browser);
  await signIn(ip, 'jinan_org_admin');
  await ip.goto(`${BASE}/platform/exam-sites`);
  const site = ip.locator('[data-test=es-table] .el-table__row', { hasText: '济南演示考点' });
  await site.waitFor();
  assert.match(await site.innerText(), /通过/);
  await site.locator('[data-test=es-open]').click();
  const rooms = ip.locator('[data-test=es-rooms]');
  await rooms.locator('.el-table__row', { hasText: '第一考场（机房）' }).locator('[data-test=es-bookings]').click();
  const dialog = ip.locator('[data-test=es-book-dialog]');
  await dialog.locator('[data-test=es-book-list] .el-table__row', { hasText: '理论' }).waitFor();
  await dialog.locator('.el-dialog__headerbtn').click();
  // the workshop has no computers: a theory booking is refused with the server's reason
  await rooms.locator('.el-table__row', { hasText: '实操车间' }).locator('[data-test=es-bookings]').click();
  const d2 = ip.locator('[data-test=es-book-dialog]');
  const demoSite = (await api('GET', `/api/v1/exam-sites?name=${encodeURIComponent('济南演示考点')}`, { token: org })).data.items[0];
  const pc = (await api('GET', `/api/v1/exam-sites/${demoSite.id}`, { token: org })).data.room_list.find((r) => r.name === '第一考场（机房）');
  const booked = (await api('GET', `/api/v1/exam-rooms/${pc.id}/bookings`, { token: org })).data.items.find((b) => b.part === 'theory');
  await d2.locator('[data-test=es-b-plan] input').fill(String(booked.plan_id));
  await d2.locator('[data-test=es-b-sitting] input').fill(String(booked.sitting_id));
  await d2.locator('[data-test=es-b-submit]').click();
  await ip.locator('.el-message', { hasText: '理论考试为机考' }).first().waitFor();
  assert.deepEqual(ip.jsErrors, []);
});
