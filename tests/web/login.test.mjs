// Logging in: every demo role lands on its own home page with its name and role in the header; a wrong
// password shows the server's message; the English switch is remembered; admin pages fit 1366x768.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, uiLogin, shot, assertNoHorizontalScroll, BASE, DESKTOP, PHONE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const homes = [
  ['admin', '/admin/dashboard', '省级管理员'],
  ['jinan_admin', '/admin/dashboard', '市级管理员'],
  ['jinan_org_admin', '/inst/plans', '机构管理员'],
  ['jinan_org_staff', '/inst/plans', '机构工作人员'],
  ['examiner1', '/inst/practical', '考评员'],
  ['supervisor1', '/admin/audit', '督导员'],
  ['candidate1', '/me/exams', null],
];

test('every demo role logs in and lands on its home page', async () => {
  // the accounts log in side by side, each in its own browser context
  await Promise.all(homes.map((h) => landsHome(...h)));
});

async function landsHome(user, home, roleZh) {
  const { context, page } = await newPage(browser, { viewport: user === 'candidate1' ? PHONE : DESKTOP });
  await uiLogin(page, user);
  await page.waitForURL((u) => u.pathname === home, { timeout: 30000 });
  await page.locator('[data-test=user-name]').waitFor();
  const shown = await page.locator('[data-test=user-name]').innerText();
  assert.ok(shown.trim().length > 0, `${user}: the header names the user`);
  if (roleZh) {
    assert.equal((await page.locator('[data-test=user-role]').innerText()).trim(), roleZh, `${user}: role in the header`);
    assert.ok(await page.locator('[data-test=admin-menu] .el-menu-item').count() > 0, `${user}: a left menu`);
    await page.waitForLoadState('networkidle');
    await assertNoHorizontalScroll(page, DESKTOP.width, `${user} home at 1366x768`);
  } else {
    assert.ok(await page.locator('[data-test=candidate-nav] a').count() >= 4, 'the candidate navigation');
    await assertNoHorizontalScroll(page, PHONE.width, 'candidate home at 375 px');
  }
  if (user === 'examiner1') {
    // the examiner's home opens on the practical panel they sit on: the demo's 电工四级 plan, 考试中
    await page.locator('[data-test=score-plan]', { hasText: '电工四级' }).waitFor();
    assert.equal(await page.locator('[data-test=score-no-panel]').count(), 0, 'examiner1 sits on a panel');
  }
  assert.deepEqual(page.jsErrors, [], `${user}: no script errors`);
  await context.close();
}

test('a wrong password shows the error and stays on the login page', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, 'jinan_org_staff', 'Wrong@2026');
  const alert = page.locator('[data-test=login-error]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /用户名或密码|密码/);
  assert.equal(new URL(page.url()).pathname, '/login');
  await assertNoHorizontalScroll(page, PHONE.width, 'login at 375 px');
  // empty fields are caught before the server is asked
  await page.locator('[data-test=username]').fill('');
  await page.locator('[data-test=login-submit]').click();
  await page.getByText('请输入用户名').waitFor();
  await context.close();
});

test('the login page in English, remembered after a reload; logging out returns to it', async () => {
  const { context, page } = await newPage(browser, { viewport: DESKTOP });
  await page.goto(`${BASE}/login`);
  await shot(page, 'login');
  await page.locator('[data-test=lang-switch]').click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await page.locator('[data-test=lang-switch]').click(); // back to Chinese
  await page.getByRole('button', { name: '登录' }).waitFor();
  await uiLogin(page, 'candidate1');
  await page.waitForURL((u) => u.pathname === '/me/exams');
  // a page of another role sends the candidate back home with a notice
  await page.goto(`${BASE}/admin/dashboard`);
  await page.waitForURL((u) => u.pathname === '/me/exams');
  await page.getByText('您没有访问该页面的权限。').waitFor();
  await page.locator('[data-test=logout]').click();
  await page.waitForURL((u) => u.pathname === '/login');
  // a protected page now sends back to the login page, and returns there after logging in
  await page.goto(`${BASE}/me/results`);
  await page.waitForURL((u) => u.pathname === '/login');
  await page.locator('[data-test=username]').fill('candidate1');
  await page.locator('[data-test=password]').fill('Demo@Skills2026');
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((u) => u.pathname === '/me/results');
  await context.close();
});
