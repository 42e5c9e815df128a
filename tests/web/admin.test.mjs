// Browser tests of the province / city administration pages at 1366×768: the dashboard's charts with the
// demo's figures, filing an institution (a credit code with a wrong check character shown under its field,
// then a valid one), suspending it with a reason behind a confirmation, the audit archive verified (and,
// with a record altered in the SQLite file, shown as tampered, naming that record), a person's talent
// record, a city administrator who sees only its own city, and the login log (a delayed account released).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, newPage, api, login, shot, unique, uiLogin, BASE, PASSWORD, PHONE, choose } from './lib.mjs';

const CS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(first17) {
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = 0;
  for (let i = 0; i < 17; i++) s += CS.indexOf(first17[i]) * w[i];
  return first17 + CS[(31 - (s % 31)) % 31];
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// signs in with a token from the API (the login form itself is login.test.mjs's subject): the page opened
// next starts signed in
async function signIn(page, username, password = PASSWORD) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
// picks an option of the Element Plus select inside `scope`
async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
}

test('province administrator: dashboard, filing and suspending an institution, the audit archive', async () => {
  const { context, page } = await newPage(browser);
  const token = await login('admin');
  await signIn(page, 'admin');
  await page.goto(`${BASE}/`);
  await page.waitForURL('**/admin/dashboard');
  // the dashboard shows the server's figures, and every chart has drawn
  const stats = (await api('GET', '/api/v1/stats/overview', { token })).data;
  const kpi = (k) => page.locator(`[data-test=kpi-${k}] .kpi-value`);
  await kpi('certificates').waitFor();
  assert.equal(Number(await kpi('certificates').getAttribute('data-value')), stats.certificates_total);
  assert.equal(Number(await kpi('high-skill').getAttribute('data-value')), stats.high_skill_total);
  assert.equal(Number(await kpi('persons').getAttribute('data-value')), stats.persons_total);
  assert.ok(stats.certificates_total >= 100, 'the demo has issued certificates');
  for (const c of ['by-month', 'by-level', 'by-city', 'pass-rates']) await page.locator(`[data-chart=${c}][data-rendered="1"] canvas`).waitFor();
  // every chart has its figures in a sortable table beside it; 各职业通过率's lists every occupation with its
  // sample size (the chart draws the top 10 and 其他)
  for (const c of ['by-month', 'by-level', 'by-city', 'pass-rates']) await page.locator(`[data-test=chart-data-${c}] .el-table__body tr`).first().waitFor();
  const pass = page.locator('[data-test=chart-data-pass-rates]');
  assert.equal(await pass.locator('.el-table__body tr').count(), stats.pass_rates.length);
  await pass.locator('th', { hasText: '通过率' }).locator('.sort-caret.ascending').click();
  const lowest = Math.min(...stats.pass_rates.map((x) => x.rate));
  assert.equal((await pass.locator('.el-table__body tr').first().locator('td').nth(3).innerText()).trim(), `${(lowest * 100).toFixed(1)}%`);
    await shot(page, 'admin-dashboard');

  // filing: a code whose check character is wrong is refused under its field
  const tag = unique();
  const name = `浏览器测试评价中心${tag}`;
  const good = creditCode(`52370100MJ${String(tag).padStart(7, '0')}`.slice(0, 17));
  const bad = good.slice(0, 17) + CS[(CS.indexOf(good[17]) + 1) % 31];
  await page.goto(`${BASE}/admin/institutions`);
  await page.locator('[data-test=inst-new]').click();
  const dlg = page.locator('.el-dialog').filter({ hasText: '新增机构备案' });
  await dlg.locator('input[data-test=f-name]').fill(name);
  await dlg.locator('input[data-test=f-credit]').fill(bad);
  await choose(page, dlg.locator('[data-test=region-select]'), '济南市');
  await dlg.locator('[data-test=f-submit]').click();
  const fieldErr = dlg.locator('.el-form-item', { has: page.locator('input[data-test=f-credit]') }).locator('.el-form-item__error');
  await fieldErr.waitFor();
  assert.match(await fieldErr.innerText(), /校验码不符/);
  await shot(page, 'admin-institution-filing');
  // the right code files it and opens its page
  await dlg.locator('input[data-test=f-credit]').fill(good);
  await dlg.locator('[data-test=f-submit]').click();
  await page.waitForURL(/\/admin\/institutions\/\d+$/);
  const instId = Number(page.url().split('/').pop());
  await page.locator('[data-test=inst-title]', { hasText: name }).waitFor();
  const filed = (await api('GET', `/api/v1/institutions/${instId}`, { token })).data;
  assert.equal(filed.credit_code, good);
  assert.equal(filed.status, 'filed');

  // suspension with a reason, behind a confirmation
  await page.goto(`${BASE}/admin/institutions`);
  await page.locator('input[data-test=filter-name]').fill(name);
  await page.locator('[data-test=search]').click();
  const row = page.locator('[data-test=inst-table] .el-table__body tr', { hasText: name });
  await row.waitFor();
  await row.locator('[data-test=inst-suspend]').click();
  const reason = `年检材料逾期未报（测试 ${tag}）`;
  await page.locator('textarea[data-test=reason-input]').fill(reason);
  await page.locator('[data-test=reason-ok]').click();
  await page.locator('.el-message-box').waitFor();
  assert.match(await page.locator('.el-message-box').innerText(), /确认暂停/);
  await confirmBox(page);
  await row.locator('.el-tag', { hasText: '暂停' }).waitFor();
  const susp = (await api('GET', `/api/v1/institutions/${instId}`, { token })).data;
  assert.equal(susp.status, 'suspended');
  assert.equal(susp.status_reason, reason);
  await page.goto(`${BASE}/admin/institutions/${instId}`);
  await page.locator('[data-test=status-history]', { hasText: reason }).waitFor();
  await shot(page, 'admin-institution-detail');

  // the audit archive: the chain verified intact, and the suspension recorded
  await page.goto(`${BASE}/admin/audit`);
  await page.locator('[data-test=audit-intact]').waitFor();
  assert.match(await page.locator('[data-test=audit-intact]').innerText(), /日志链完整/);
  // 动作, 对象 and 摘要 in words: no raw action codes, no JSON
  await page.locator('[data-test=audit-action]').first().waitFor();
  for (const a of await page.locator('[data-test=audit-action]').allInnerTexts()) assert.doesNotMatch(a, /^[a-z_]+\.[a-z_]+$/, `动作 in words: ${a}`);
  for (const s of await page.locator('[data-test=audit-summary]').allInnerTexts()) assert.doesNotMatch(s, /[{}"]/, `摘要 without JSON: ${s}`);
  for (const e of await page.locator('[data-test=audit-entity]').allInnerTexts()) assert.doesNotMatch(e, /^[a-z_]+ /, `对象 in words: ${e}`);
  await page.locator('[data-test=filter-action]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '机构状态变更' }).first().click();
  await page.getByRole('button', { name: '查询' }).click();
  const arow = page.locator('[data-test=audit-table] .el-table__body tr', { hasText: `机构 #${instId}` }).first();
  await arow.waitFor();
  assert.equal((await arow.locator('[data-test=audit-action]').innerText()).trim(), '机构状态变更');
  const summary = await arow.locator('[data-test=audit-summary]').innerText();
  assert.match(summary, /状态 备案 → 暂停/, summary);
  assert.ok(summary.includes(`原因 ${reason}`), summary);
  await shot(page, 'admin-audit');
  // a record altered behind the server's back: the banner says 被篡改 and names it; then it is put back
  const dbUrl = process.env.JINENG_DB_URL || '';
  if (dbUrl.startsWith('sqlite:')) {
    const file = dbUrl.slice('sqlite:'.length);
    const rec = (await api('GET', `/api/v1/audit?action=institution.status&entity_id=${instId}`, { token })).data.items[0];
    const sql = (q) => execFileSync('sqlite3', [file, q], { encoding: 'utf8' });
    sql(`UPDATE audit_log SET detail = replace(detail, '年检', '改过') WHERE seq = ${rec.seq}`);
    try {
      await page.reload();
      const broken = page.locator('[data-test=audit-broken]');
      await broken.waitFor();
      assert.match(await broken.innerText(), new RegExp(`日志链被篡改：第 ${rec.seq} 号记录`));
      await shot(page, 'admin-audit-tampered');
    } finally {
      sql(`UPDATE audit_log SET detail = replace(detail, '改过', '年检') WHERE seq = ${rec.seq}`);
    }
    assert.equal((await api('GET', '/api/v1/audit/verify', { token })).data.intact, true);
  }

  // a new person: a wrong check digit in the ID number is refused under its field, the right one recorded,
  // then a professional title is added to the person's facts
  const id17 = `37010219900307${String(tag % 1000).padStart(3, '0')}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432'[[...id17].reduce((t, c, i) => t + Number(c) * W[i], 0) % 11];
  const wrong = '10X98765432'[('10X98765432'.indexOf(check) + 1) % 11];
  await page.goto(`${BASE}/admin/persons`);
  await page.locator('[data-test=person-new]').click();
  const pd = page.locator('.el-dialog').filter({ hasText: '新增人员' });
  await pd.locator('input[data-test=np-name]').fill(`测试人员${tag}`);
  await pd.locator('input[data-test=np-id]').fill(id17 + wrong);
  await pd.locator('[data-test=np-submit]').click();
  await pd.locator('.el-form-item', { has: page.locator('input[data-test=np-id]') }).locator('.el-form-item__error', { hasText: '公民身份号码' }).waitFor();
  await pd.locator('input[data-test=np-id]').fill(id17 + check);
  await pd.locator('[data-test=np-submit]').click();
  await page.waitForURL(/\/admin\/persons\/\d+$/);
  await page.locator('[data-test=person-name]', { hasText: `测试人员${tag}` }).waitFor();
  await page.locator('[data-test=add-title]').click();
  const td = page.locator('.el-dialog').filter({ hasText: '添加专业技术职称' });
  await td.locator('.el-form-item', { hasText: '职称名称' }).locator('input').fill('工程师');
  await td.locator('.el-form-item', { hasText: '取得日期' }).locator('input').fill('2020-06-01');
  await td.locator('.el-form-item', { hasText: '取得日期' }).locator('input').press('Enter');
  await td.getByRole('button', { name: '保存' }).click();
  await page.locator('.el-card', { hasText: '专业技术职称' }).locator('td', { hasText: '工程师' }).waitFor();
  const newId = Number(page.url().split('/').pop());
  const np = (await api('GET', `/api/v1/persons/${newId}`, { token })).data;
  assert.equal(np.titles.length, 1);
  assert.equal(np.titles[0].obtained_on, '2020-06-01');
  assert.match(np.id_number_masked, /^3701\*+/);

  // a person's talent record
  const holder = (await api('GET', '/api/v1/certificates?status=valid&page_size=1', { token })).data.items[0];
  await page.goto(`${BASE}/admin/persons/${holder.person_id}`);
  await page.locator('[data-test=talent-certs]', { hasText: holder.number }).waitFor();
  await shot(page, 'admin-person');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('a city administrator sees only its own city', async () => {
  const { context, page } = await newPage(browser);
  const token = await login('qingdao_admin');
  const mine = (await api('GET', '/api/v1/institutions?page_size=20', { token })).data;
  const all = (await api('GET', '/api/v1/institutions?page_size=1', { token: await login('admin') })).data;
  assert.ok(mine.total > 0 && mine.total < all.total);
  assert.ok(mine.items.every((i) => i.region_code.startsWith('3702')));
  await signIn(page, 'qingdao_admin');
  await page.goto(`${BASE}/admin/institutions`);
  await page.locator('[data-test=list-total]', { hasText: String(mine.total) }).waitFor();
  const names = await page.locator('[data-test=inst-table] .el-table__body tr td:nth-child(3)').allInnerTexts();
  assert.deepEqual(names.map((s) => s.trim()), mine.items.map((i) => i.name));
  const regions = await page.locator('[data-test=inst-table] .el-table__body tr td:nth-child(6)').allInnerTexts();
  assert.ok(regions.length > 0 && regions.every((r) => !r.includes('济南')), regions.join(','));
  // the dashboard is scoped to the city too
  await page.goto(`${BASE}/admin/dashboard`);
  const stats = (await api('GET', '/api/v1/stats/overview', { token })).data;
  await page.locator('[data-test=kpi-institutions] .kpi-value').waitFor();
  assert.equal(Number(await page.locator('[data-test=kpi-institutions] .kpi-value').getAttribute('data-value')), stats.institutions_total);
  await shot(page, 'admin-city-dashboard');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('the login log: a city administrator sees its accounts\' failures and releases a delayed account', async () => {
  const org = await login('jinan_org_admin');
  const inst = (await api('GET', '/api/v1/auth/me', { token: org })).data.institution_id;
  const username = `weblog${unique()}`;
  const made = await api('POST', '/api/v1/users', { token: await login('admin'), body: { username, password: 'Kite-River-2026', role: 'institution_staff', institution_id: inst } });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  // six wrong passwords put the account under a delay
  for (let i = 0; i < 6; i++) assert.equal((await api('POST', '/api/v1/auth/login', { body: { username, password: `Wrong-${i}-abcdef` } })).status, 401);
  assert.equal((await api('POST', '/api/v1/auth/login', { body: { username, password: 'Kite-River-2026' } })).status, 429);

  const { context, page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/admin/logins`);
  await page.locator('[data-test=logins-table] .el-table__body tr').first().waitFor();
  // another city's account is not in this city's log
  await page.locator('input[data-test=logins-user]').fill('qingdao_admin');
  await page.locator('[data-test=logins-search]').click();
  await page.locator('[data-test=logins-table] .el-table__empty-block').waitFor();
  // the delayed account: six failures, the last with its delay, newest first
  await page.locator('input[data-test=logins-user]').fill(username);
  await page.locator('[data-test=logins-search]').click();
  await page.locator('[data-test=list-total]', { hasText: '6' }).waitFor();
  const rows = page.locator('[data-test=logins-table] .el-table__body tr');
  assert.equal(await rows.count(), 6);
  const first = await rows.first().innerText();
  assert.match(first, new RegExp(username));
  assert.match(first, /失败/);
  assert.match(first, /密码错误/);
  assert.match(first, /127\.0\.0\.1/);
  assert.match(first, /1 秒/);
  await shot(page, 'admin-logins');
  // released from the log: the right password works at once
  await rows.first().locator('[data-test=logins-unlock]').click();
  await confirmBox(page);
  await page.locator('.el-message--success').waitFor();
  assert.equal((await api('POST', '/api/v1/auth/login', { body: { username, password: 'Kite-River-2026' } })).status, 200);
  // the success is in the log too
  await page.locator('[data-test=logins-search]').click();
  await page.locator('[data-test=outcome-success]').first().waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('用户管理 shows data scopes by name, and the candidate header shows the candidate by name', async () => {
  const token = await login('admin');
  const users = (await api('GET', '/api/v1/users?page_size=200', { token })).data.items;
  const cand = users.find((u) => u.username === 'candidate1');
  const person = (await api('GET', `/api/v1/persons/${cand.person_id}`, { token })).data;
  assert.ok(person.name, 'the candidate is a person with a name');
  const { context, page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/admin/users`);
  await page.locator('[data-test=user-scope]').first().waitFor();
  const scopeOf = async (username) => (await page.locator('.el-table__body tr', { hasText: username }).first().locator('[data-test=user-scope]').innerText()).trim();
  assert.equal(await scopeOf('jinan_admin'), '地区 济南市');
  assert.match(await scopeOf('jinan_org_admin'), /^机构 济南.+/);
  assert.equal(await scopeOf('candidate1'), `人员 ${person.name}`);
  for (const s of await page.locator('[data-test=user-scope]').allInnerTexts()) assert.doesNotMatch(s, /#\d|\d{6}/, `a scope by name: ${s}`);
  await context.close();

  // the candidate's header: their own name, not the account's display name
  const c = await newPage(browser, { viewport: PHONE });
  await uiLogin(c.page, 'candidate1');
  await c.page.waitForURL((u) => u.pathname === '/me/exams');
  await c.page.locator('[data-test=user-name]', { hasText: person.name }).waitFor();
  assert.equal((await c.page.locator('[data-test=user-name]').innerText()).trim(), person.name);
  assert.deepEqual(c.page.jsErrors, []);
  await c.context.close();
});

test('list pages share one toolbar between the search form and the table; the English menu is not cut; the tabs bar of opened pages', async () => {
  const token = await login('admin');
  const { context, page } = await newPage(browser, { lang: 'en' });
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  for (const p of ['/admin/institutions', '/admin/persons', '/admin/users', '/admin/audit', '/admin/occupations']) {
    await page.goto(`${BASE}${p}`);
    const bar = page.locator('[data-test=list-toolbar]');
    await bar.waitFor();
    const y = async (sel) => (await page.locator(sel).first().boundingBox()).y;
    const form = await y('.el-card .el-form'), tb = await y('[data-test=list-toolbar]'), table = await y('.el-card .el-table');
    assert.ok(form < tb && tb < table, `${p}: form ${form} < toolbar ${tb} < table ${table}`);
    assert.equal(await bar.locator('[data-test=list-refresh]').count(), 1, `${p}: 刷新 on the toolbar`);
  }
  const cut = await page.locator('[data-test=admin-menu] .el-menu-item').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText));
  assert.deepEqual(cut, [], 'menu titles shown whole');
  assert.ok(await page.locator('[data-test=admin-menu] .el-menu-item', { hasText: 'Occupations and standards' }).count(), 'the long title is there');
  // the tabs bar holds the pages opened, the home page first; a tab reopens its page, × on the current
  // one opens its neighbour, 关闭其他 keeps the home page and the current one
  const tabs = () => page.locator('[data-test=tabs-bar] [data-test=tab]').evaluateAll((ts) => ts.map((t) => t.dataset.path));
  assert.deepEqual(await tabs(), ['/admin/dashboard', '/admin/institutions', '/admin/persons', '/admin/users', '/admin/audit', '/admin/occupations']);
  await page.locator('[data-test=tab][data-path="/admin/persons"] a').click();
  await page.waitForURL('**/admin/persons');
  await page.locator('[data-test=tab][data-path="/admin/persons"] [data-test=tab-close]').click();
  await page.waitForURL('**/admin/users');
  assert.equal((await tabs()).includes('/admin/persons'), false);
  await page.locator('[data-test=tabs-more]').click();
  await page.locator('[data-test=tabs-close-others]:visible').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-test=tabs-bar] [data-test=tab]').length === 2);
  assert.deepEqual(await tabs(), ['/admin/dashboard', '/admin/users']);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('staff search: certificates by name and ID suffix; results by name; persons by ID suffix; accounts by name', async () => {
  const admin = await login('admin');
  const org = await login('jinan_org_admin');
  const cert = (await api('GET', '/api/v1/certificates?status=valid&page_size=1', { token: org })).data.items[0];
  const idn = (await api('GET', `/api/v1/persons/${cert.person_id}`, { token: admin })).data.id_number;
  const suffix = idn.slice(-6);
  const { context, page } = await newPage(browser);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), org);
  const cells = (table, col) => page.locator(`[data-test=${table}] .el-table__body tr td:nth-child(${col})`).allInnerTexts();
  const submit = async (sel, value) => { await page.locator(`input[data-test=${sel}]`).fill(value); await page.locator(`input[data-test=${sel}]`).press('Enter'); };
  // 证书查询: the last 6 characters of the holder's ID number find the certificate; every row ends alike
  await page.goto(`${BASE}/inst/certificates`);
  await page.getByRole('tab', { name: '证书查询' }).click();
  await submit('cert-filter-id', suffix);
  // the certificate is on the unfiltered first page too: wait for the filtered rows, not for the row
  const every = (col, how, v) => page.waitForFunction(([c, h, x]) => { const r = [...document.querySelectorAll(`[data-test=cert-table] .el-table__body tr td:nth-child(${c})`)].map((t) => t.innerText.trim()); return r.length && r.every((t) => (h === 'end' ? t.endsWith(x) : t.startsWith(x))); }, [col, how, v]);
  await every(5, 'end', suffix.slice(-4));
  await page.locator('[data-test=cert-table] .el-table__body tr', { hasText: cert.number }).waitFor();
  for (const m of await cells('cert-table', 5)) assert.ok(m.trim().endsWith(suffix.slice(-4)), `masked ${m} ends with ${suffix.slice(-4)}`);
  await shot(page, 'inst-cert-search');
  // a fresh page, so the rows the name search must produce are not already those of the ID search
  await page.goto(`${BASE}/inst/certificates`);
  await page.getByRole('tab', { name: '证书查询' }).click();
  await page.locator('[data-test=cert-table] .el-table__body tr').first().waitFor();
  await submit('cert-filter-name', cert.name);
  await every(4, 'start', cert.name);
  await page.locator('[data-test=cert-table] .el-table__body tr', { hasText: cert.number }).waitFor();
  for (const n of await cells('cert-table', 4)) assert.ok(n.trim().startsWith(cert.name), n);
  // 评价结果 by the person's name (was: an internal 人员编号 only)
  const res = (await api('GET', '/api/v1/results?page_size=1', { token: org })).data.items[0];
  await page.goto(`${BASE}/inst/results`);
  await submit('result-filter-name', res.name);
  await page.waitForFunction((n) => { const r = [...document.querySelectorAll('[data-test=result-table] .el-table__body tr td:nth-child(4)')]; return r.length && r.every((c) => c.innerText.trim().startsWith(n)); }, res.name);
  await context.close();
  // 人员信息 (a city) by the ID suffix; 用户管理 by name
  const c = await newPage(browser);
  await c.page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), await login('jinan_admin'));
  await c.page.goto(`${BASE}/admin/persons`);
  await c.page.locator('input[data-test=filter-id]').fill(suffix);
  await c.page.locator('input[data-test=filter-id]').press('Enter');
  await c.page.locator('[data-test=person-table] .el-table__body tr', { hasText: cert.name }).waitFor();
  await c.page.goto(`${BASE}/admin/users`);
  await c.page.locator('input[data-test=user-filter-name]').fill('济南市人社局');
  await c.page.locator('input[data-test=user-filter-name]').press('Enter');
  await c.page.waitForFunction(() => { const r = [...document.querySelectorAll('[data-test=user-table] .el-table__body tr')]; return r.length >= 1 && r.every((x) => x.innerText.includes('济南市人社局')); });
  assert.deepEqual(c.page.jsErrors, []);
  await c.context.close();
});

