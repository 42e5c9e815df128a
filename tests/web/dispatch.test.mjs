// 督导派遣 in the browser: the 济南 city administrator opens the dispatch board of a day with two sittings
// of a 济南 organisation, runs the dispatch, sees each sitting with a supervisor from another city (交叉互派)
// and opens an assignment's explanation; the supervisor then sees their own sitting of the day and no run
// button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, api, login, shot, unique, invigilators, today, plusDays, BASE } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(page, username, password) {
  const token = await login(username, password);
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
}
const DAY = '2032-06-15';
const PW = 'Mx!Dispatch-Web-2026';
const ok = (r, what) => { assert.ok([200, 201].includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.data)}`); return r.data; };

test('the city runs the dispatch of a day and reads each assignment\'s explanation; the supervisor sees theirs', async () => {
  const prov = await login('admin'), jinan = await login('jinan_admin'), org = await login('jinan_org_admin');
  const tag = `w${unique()}${Date.now() % 100000}`;
  // two supervisors of 青岛 and one of 济南 (who may not go: 济南 requires 交叉互派)
  const sups = [];
  for (const [k, region] of [['q1', '370200'], ['q2', '370200'], ['j1', '370100']]) {
    const u = ok(await api('POST', '/api/v1/users', { token: prov, body: { username: `${tag}${k}`, password: PW, role: 'supervisor', region_code: region, display_name: `督导${k}${tag}` } }), 'user');
    ok(await api('PUT', `/api/v1/supervisors/${u.id}`, { token: prov, body: { grade: 'senior', cert_no: `W${tag}${k}`, valid_until: '2040-12-31', region_code: region } }), 'profile');
    sups.push({ k, id: u.id, username: `${tag}${k}` });
  }
  // a plan of the 济南 organisation with two sittings at nine on DAY
  const me = ok(await api('GET', '/api/v1/auth/me', { token: org }), 'me');
  const instId = me.user ? me.user.institution_id : me.institution_id;
  const inst = ok(await api('GET', `/api/v1/institutions/${instId}`, { token: org }), 'institution');
  const occ = inst.scopes.find((s) => s.levels.includes(5)).occupation_code;
  const plan = ok(await api('POST', '/api/v1/plans', { token: org, body: { title: `督导派遣页面 ${tag}`, occupation_code: occ, level: 5, reg_start: today, reg_end: plusDays(5), exam_date: plusDays(10), capacity: 10, subjects: ['theory', 'practical'] } }), 'plan');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: org, body: { status: 'filed' } }), 'filed');
  ok(await api('POST', `/api/v1/plans/${plan.id}/status`, { token: jinan, body: { status: 'open' } }), 'open');
  const inv = await invigilators(org);
  for (const room of ['甲', '乙']) ok(await api('POST', `/api/v1/plans/${plan.id}/sittings`, { token: org, body: { room: `${tag} 督导${room}`, minutes: 120, starts_at: Date.parse(`${DAY}T09:00:00+08:00`) / 1000, invigilators: inv } }), 'sitting');

  const { page } = await newPage(browser);
  await signIn(page, 'jinan_admin');
  await page.goto(`${BASE}/quality/dispatch?day=${DAY}`);
  await page.locator('[data-test=dp-run]').click();
  const outcome = page.locator('[data-test=dp-outcome]');
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /已派遣：2 个考场，2 人次/);
  const rows = page.locator('[data-test=dp-table] .el-table__row');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=dp-table] .el-table__row').length === 2);
  const names = await page.locator('[data-test=dp-supervisor]').allInnerTexts();
  assert.deepEqual(names.map((n) => n.trim()).sort(), [`督导q1${tag}`, `督导q2${tag}`], 'the two 青岛 supervisors, one each');
  await rows.first().locator('.el-table__expand-icon').click();
  const ex = page.locator('[data-test=dp-explain]').first();
  await ex.waitFor();
  assert.match(await ex.innerText(), /交叉互派：外市督导员/);
  assert.match(await ex.innerText(), /同一时段已派往考场|更远/);
  await shot(page, 'dispatch-board');
  assert.deepEqual(page.jsErrors, []);

  // the supervisor's own day: one sitting, no run button
  const board = ok(await api('GET', `/api/v1/dispatch/assignments?day=${DAY}`, { token: prov }), 'board');
  const mine = board.items.find((a) => a.supervisor_id === sups[0].id);
  const { page: sp } = await newPage(browser);
  await signIn(sp, sups[0].username, PW);
  await sp.goto(`${BASE}/quality/dispatch?day=${DAY}`);
  await sp.waitForFunction(() => document.querySelectorAll('[data-test=dp-table] .el-table__row').length === 1);
  assert.ok((await sp.locator('[data-test=dp-table]').innerText()).includes(mine.room));
  assert.equal(await sp.locator('[data-test=dp-run]').count(), 0);
  assert.deepEqual(sp.jsErrors, []);
});
