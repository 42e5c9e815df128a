// 演示：培训与补贴全流程 (issue 14 "Done when"; docs/DEMO.md): the whole story of the demo province walked as
// its users walk it, through the pages wherever a page exists:
//   1. anonymous, on a phone: 培训地图 near 临沂市 兰山区 finds the 临沂 school's 急需紧缺, subsidised 电子商务师 course;
//   2. the teacher (linyi_school_admin) opens today's session's 签到二维码; linyi_worker's phone opens the QR
//      (the check-in page with the code) and is checked in; the teacher's attendance table shows it;
//   2b. a second session (8 hours) completes the class (12 / 12, 已结业);
//   2c. "is certified": 培训结业转报名 registers the worker for the demo's open 电子商务师四级 plan of 临沂演示职业技能
//      评价中心 with the training as evidence; the 认定 chain follows THROUGH THE API (its pages are walked by
//      other browser tests and API 60 walks it in full): review, a sitting, the theory paper answered from the
//      seeded bank's key, the three examiners' 操作技能 scores, results, 公示 (made to pass IN THE DATABASE, as
//      API 60 does), 已发证, the certificate;
//   3. linyi_worker applies for 技能提升补贴 on 我的补贴 with that new 电子商务师四级 certificate (1,500 元) and
//      sees every condition passed;
//   4. the 临沂 city (linyi_admin, region 371300) reviews the claim and publishes its 公示 (5 working days);
//      the 公示 period is made to pass by moving the claim's clock back a month IN THE DATABASE (as
//      tests/api/65-claims.test.mjs does) — there is no other way to let five working days pass in a test;
//   5. the city confirms it payable, makes a payment batch, downloads the bank file and imports the bank's
//      success result; the worker sees 已支付;
//   6. a second payment is impossible: a new batch is refused (page), and through the API (no page offers
//      these): the move to paid again (409), the same bank result again (unchanged), the opposite result
//      (result_conflict), a second application (409); the ledger holds exactly one pay entry;
//   7. the province (admin) revokes the certificate on 证书发放 → 证书查询; the paid claim is recovered (追回):
//      the worker sees 已追回 and 应退回, the city's ledger page lists the 追回 entry and says 台账平衡, and
//      `jineng ledger verify` agrees.
// This file runs its own fresh `jineng demo` database and server (the other browser tests share theirs, and
// this story revokes the demo worker's certificate, which training.test.mjs uses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, PASSWORD, PHONE, DESKTOP, launch, newPage, shot, assertNoHorizontalScroll, today, plusDays } from './lib.mjs';

const BIN = process.env.JINENG_BIN || path.join(ROOT, 'build/jineng');
let browser, server, dir, db, BASE;

const freePort = () => new Promise((res) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

before(async () => {
  dir = mkdtempSync(path.join(process.env.JINENG_TMP || tmpdir(), 'jineng-story-'));
  db = path.join(dir, 'story.db');
  execFileSync(BIN, ['demo', '--no-serve', '--db', `sqlite:${db}`], { stdio: 'ignore' });
  const port = await freePort();
  BASE = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['serve', '--insecure-test-mode', '--db', `sqlite:${db}`, '--listen', `127.0.0.1:${port}`, '--web', DIST], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${BASE}/api/v1/health`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (server) { server.kill('SIGTERM'); await new Promise((r) => server.once('exit', r)); }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api(method, p, { token, body, csv } = {}) {
  const h = {};
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (csv !== undefined) h['Content-Type'] = 'text/csv';
  const res = await fetch(BASE + p, { method, headers: h, body: csv ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const ct = res.headers.get('content-type') || '';
  return { status: res.status, data: ct.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer()) };
}
const tokens = {};
async function login(username) {
  if (tokens[username]) return tokens[username];
  const r = await api('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.data)}`);
  return (tokens[username] = r.data.token);
}
// through the login form, as a person does
async function uiLogin(page, username) {
  await page.goto(`${BASE}/login`);
  await page.locator('[data-test=username]').fill(username);
  await page.locator('[data-test=password]').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
}
async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
}
const yuanText = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });

// what the story carries from step to step
const s = {};

test('1. anonymous: 培训地图 near 临沂市 兰山区 shows the 急需紧缺, subsidised course of the worker’s class', async () => {
  // (set-up knowledge, not a step: which class the demo enrolled linyi_worker in)
  const w = await login('linyi_worker');
  s.cls = (await api('GET', '/api/v1/training/classes', { token: w })).data.items[0];
  assert.ok(s.cls, 'the demo enrolled linyi_worker in a class');
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await page.goto(`${BASE}/training/map`);
  await page.locator('[data-test=county-select]').click();
  await page.keyboard.type('兰山');
  await page.locator('.el-select-dropdown__item', { hasText: '临沂市 兰山区' }).click();
  await page.locator('[data-test=only-subsidised]').click();
  await page.locator('[data-test=only-shortage]').click();
  await page.locator('[data-test=map-search]').click();
  const card = page.locator('[data-test=course-card]', { has: page.locator(`a[href="/training/courses/${s.cls.course_id}"]`) });
  await card.waitFor();
  assert.ok(Number(await card.getAttribute('data-km')) < 30, 'near 兰山区');
  await card.locator('[data-test=tag-subsidised]').waitFor();
  assert.match(await card.locator('[data-test=tag-shortage]').innerText(), /急需紧缺/);
  assert.match(await card.innerText(), /电子商务师/);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'story-map');
  // the course page lists the worker's class
  await card.locator('[data-test=course-link]').click();
  await page.locator(`[data-test=class-row][data-class="${s.cls.id}"]`).waitFor();
  assert.match(await page.locator('[data-test=course-detail]').innerText(), /临沂演示职业培训学校/);
  await assertNoHorizontalScroll(page, PHONE.width, '课程详情');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('2. the teacher shows today’s 签到二维码; the worker’s phone opens it and is checked in', async () => {
  // the hours the class already counts for the worker: the demo's online 学时 toward it (DOMAIN §55)
  s.h0 = (await api('GET', `/api/v1/training/classes/${s.cls.id}`, { token: await login('linyi_worker') })).data.me.attended_hours;
  const { context: tc, page: teacher } = await newPage(browser, { viewport: DESKTOP });
  await uiLogin(teacher, 'linyi_school_admin');
  await teacher.waitForURL((u) => !u.pathname.startsWith('/login'));
  await teacher.goto(`${BASE}/inst/training/classes`);
  const crow = teacher.locator('[data-test=class-table] .el-table__body tr', { hasText: s.cls.starts_on });
  await crow.locator('[data-test=class-open]').click();
  await teacher.waitForURL(new RegExp(`/inst/training/classes/${s.cls.id}$`));
  const srow = teacher.locator('[data-test=session-table] .el-table__body tr', { hasText: today });
  await srow.waitFor();
  assert.match(await srow.innerText(), /0 \/ 1/);
  await srow.locator('[data-test=session-qr]').click();
  const img = teacher.locator('[data-test=checkin-qr]');
  await img.waitFor();
  await shot(teacher, 'story-checkin-qr');
  // the QR as the phone's camera reads it (zbarimg on the image the screen draws)
  const png = path.join(dir, 'qr.png');
  writeFileSync(png, Buffer.from((await img.getAttribute('src')).split(',')[1], 'base64'));
  const z = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' });
  assert.equal(z.status, 0, 'zbarimg reads the QR');
  const qr = z.stdout.trim();
  assert.ok(qr.startsWith(`${BASE}/me/checkin?code=`), qr);

  // the worker's phone stands at the class's site (a check-in sends the phone's location: DOMAIN.md 签到)
  const { site } = (await api('GET', `/api/v1/training/courses/${s.cls.course_id}`)).data;
  const { context, page } = await newPage(browser, { viewport: PHONE, geolocation: { latitude: site.latitude, longitude: site.longitude } });
  await uiLogin(page, 'linyi_worker');
  await page.waitForURL(/\/me\//);
  await page.goto(qr);
  const okBox = page.locator('[data-test=checkin-ok]');
  await okBox.waitFor();
  assert.match(await okBox.innerText(), new RegExp(`签到成功[\\s\\S]*本次计 4 课时，累计 ${s.h0 + 4} / ${s.cls.completion_hours} 课时`));
  await page.goto(`${BASE}/me/training`);
  const mine = page.locator('[data-test=my-class]', { hasText: s.cls.course_title });
  await mine.waitFor();
  assert.match(await mine.locator('[data-test=hours]').innerText(), new RegExp(`${s.h0 + 4}\\s*/\\s*${s.cls.completion_hours}`));
  // the teacher's class page counts the worker present today
  await teacher.goto(`${BASE}/inst/training/classes/${s.cls.id}`);
  await teacher.locator('[data-test=session-table] .el-table__body tr', { hasText: today }).filter({ hasText: '1 / 1' }).waitFor();
  await teacher.waitForFunction(() => document.querySelector('[data-test=attendance-table]')?.innerText.includes('✓'));
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(teacher.jsErrors, []);
  await context.close();
  await tc.close();
});

test('2b. the worker completes the class (12 / 12, 已结业)', async () => {
  // a second session today of 8 hours (through the API: the class page's time pickers default to the coming
  // three hours, which late in the evening runs past midnight); the worker checks in with the teacher's code
  const teacher = await login('linyi_school_admin');
  const sess = await api('POST', `/api/v1/training/classes/${s.cls.id}/sessions`, { token: teacher, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: s.cls.completion_hours - s.h0 - 4 } });
  assert.equal(sess.status, 201, JSON.stringify(sess.data));
  const { site } = (await api('GET', `/api/v1/training/courses/${s.cls.course_id}`)).data;
  const { context, page } = await newPage(browser, { viewport: PHONE, geolocation: { latitude: site.latitude, longitude: site.longitude } });
  await uiLogin(page, 'linyi_worker');
  await page.waitForURL(/\/me\//);
  const code = (await api('GET', `/api/v1/training/sessions/${sess.data.id}/code`, { token: teacher })).data.code;
  await page.goto(`${BASE}/me/checkin?code=${encodeURIComponent(code)}`);
  const okBox = page.locator('[data-test=checkin-ok]');
  await okBox.waitFor();
  assert.match(await okBox.innerText(), new RegExp(`累计 12 / ${s.cls.completion_hours} 课时，已达到结业学时`));
  await page.goto(`${BASE}/me/training`);
  await page.locator('[data-test=my-class]', { hasText: s.cls.course_title }).locator('[data-test=completed]').waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('2c. completion → registration for 临沂’s 电子商务师四级 plan → exam → 操作技能 → results → 公示 → certificate (API)', async () => {
  const ok = (r, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.data)); return r.data; };
  const w = await login('linyi_worker'), org = await login('linyi_org_admin');
  const ex = [];
  for (const n of [1, 2, 3]) ex.push(await login(`linyi_examiner${n}`));
  // 培训结业转报名 (2023-4-a: the demo worker has worked in 电子商务 since 2018)
  const { registration: reg, training } = ok(await api('POST', `/api/v1/training/classes/${s.cls.id}/registration`, { token: w, body: { option: '2023-4-a', declared: true } }), 201);
  assert.equal(reg.eligible, true, JSON.stringify(reg));
  assert.deepEqual([training.class_id, training.occupation_code, training.level, training.attended_hours], [s.cls.id, '4-01-06-01', 4, 12]);
  const plan = reg.plan_id;
  ok(await api('POST', `/api/v1/registrations/${reg.id}/review`, { token: org, body: { decision: 'approve' } }));
  ok(await api('POST', `/api/v1/plans/${plan}/status`, { token: org, body: { status: 'examining' } }));
  const me = async (t) => { const m = ok(await api('GET', '/api/v1/auth/me', { token: t })); return (m.user || m).id; };
  const sit = ok(await api('POST', `/api/v1/plans/${plan}/sittings`, { token: org, body: { room: '第一考场', minutes: 90, invigilators: [await me(org), await me(ex[0])] } }), 201);
  const { attempt_id: attempt } = ok(await api('POST', `/api/v1/sittings/${sit.id}/admit`, { token: org, body: { registration_id: reg.id } }), 201);
  // the theory paper, answered from the key of the seeded bank (data/items/4-01-06-01-L4.csv: no quoted fields)
  const key = new Map(readFileSync(path.join(ROOT, 'data/items/4-01-06-01-L4.csv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(',')).map((f) => [f[5], f[2] === 'judge' ? f[11] : f[6 + 'ABCDE'.indexOf(f[11])]]));
  const paper = ok(await api('POST', `/api/v1/attempts/${attempt}/open`, { token: w }));
  let seq = 0;
  for (const it of paper.items) ok(await api('PUT', `/api/v1/attempts/${attempt}/answers/${it.pos}`, { token: w, body: { answer: 'ABCDE'[it.options.indexOf(key.get(it.stem))], seq: ++seq } }));
  assert.equal(ok(await api('POST', `/api/v1/attempts/${attempt}/submit`, { token: w })).status, 'submitted');
  for (const t of ex) ok(await api('POST', `/api/v1/plans/${plan}/practical/scores`, { token: t, body: { registration_id: reg.id, scores: [34, 25, 26] } }), 201);
  ok(await api('POST', `/api/v1/plans/${plan}/status`, { token: org, body: { status: 'scoring' } }));
  assert.equal(ok(await api('POST', `/api/v1/plans/${plan}/results`, { token: org }), 201).results, 1);
  ok(await api('POST', `/api/v1/plans/${plan}/status`, { token: org, body: { status: 'publicity' } }));
  // THE RESULTS' 公示 IS MADE TO PASS IN THE DATABASE (its end set to a past day, as API 60 does)
  execFileSync('sqlite3', [db, `UPDATE plans SET publicity_end = '2000-01-01' WHERE id = ${Number(plan)}`]);
  ok(await api('POST', `/api/v1/plans/${plan}/status`, { token: org, body: { status: 'certified' } }));
  const result = ok(await api('GET', `/api/v1/results?person_id=${reg.person_id}&page_size=50`, { token: org })).items.find((r) => r.occupation_code === '4-01-06-01' && r.level === 4);
  assert.deepEqual([result.passed, result.theory, result.practical], [true, 100, 85]);
  s.certNo = ok(await api('POST', '/api/v1/certificates', { token: org, body: { result_ids: [result.id] } }), 201).numbers[0];
});

test('3. the worker applies for 技能提升补贴 on 我的补贴 and every condition passes', async () => {
  const w = await login('linyi_worker');
  // the certificate earned in 2c
  s.cert = (await api('GET', '/api/v1/certificates', { token: w })).data.items.find((c) => c.number === s.certNo);
  assert.deepEqual([s.cert.status, s.cert.level, s.cert.occupation], ['valid', 4, '电子商务师']);
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, 'linyi_worker');
  await page.waitForURL(/\/me\//);
  await page.goto(`${BASE}/me/claims`);
  await page.locator('[data-test=claim-kind] .el-radio', { hasText: '技能提升补贴' }).first().click();
  await page.locator('[data-test=claim-cert]').click();
  await page.locator('.el-select-dropdown__item', { hasText: s.cert.occupation }).first().click();
  await page.locator('[data-test=claim-apply]').click();
  await page.waitForURL(/\/me\/claims\/\d+$/);
  s.claim = Number(page.url().split('/').pop());
  const claim = (await api('GET', `/api/v1/training/claims/${s.claim}`, { token: w })).data;
  assert.equal(claim.kind, 'skill_up');
  assert.equal(claim.region_code, '371300');
  assert.equal(claim.amount_fen, { 5: 100000, 4: 150000, 3: 200000 }[s.cert.level]);
  s.amount = claim.amount_fen;
  const status = page.locator('[data-test=claim-status]');
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), '已通过资格审核');
  const shown = await page.locator('[data-test=claim-check]').evaluateAll((els) => els.map((e) => [e.dataset.ok === '1', e.innerText.replace(/^[✓✗]\s*/, '').trim()]));
  assert.ok(shown.length >= 7, `every condition of the rule (${shown.length})`);
  assert.deepEqual(shown, claim.decision.checks.map((c) => [true, c.zh]));
  assert.match(await page.locator('[data-test=claim-amount]').innerText(), new RegExp(`${(s.amount / 100).toFixed(2)} 元`));
  await shot(page, 'story-claim');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('4-5. the 临沂 city reviews and publishes the 公示; once it has passed, pays through a batch and the bank’s result', async () => {
  const city = await login('linyi_admin');
  const { context, page } = await newPage(browser, { viewport: DESKTOP });
  await uiLogin(page, 'linyi_admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${BASE}/admin/training/claims?claim=${s.claim}`);
  const drawer = page.locator('[data-test=claim-drawer]');
  const checks = drawer.locator('[data-test=claim-checks]');
  await checks.waitFor();
  assert.ok(!(await checks.innerText()).includes('✗'), 'every condition met');
  assert.equal(await drawer.locator('[data-test=claim-amount]').innerText(), yuanText(s.amount));
  await drawer.locator('[data-test=claim-act-review]').click();
  await page.waitForFunction(() => document.querySelector('[data-test=claim-drawer-state]')?.innerText.includes('已审核'));
  await drawer.locator('[data-test=claim-act-publish]').click();
  const end = drawer.locator('[data-test=claim-publicity-end]');
  await end.waitFor();
  const pub = (await api('GET', `/api/v1/training/claims/${s.claim}`, { token: city })).data;
  assert.equal(pub.status, 'publicity');
  assert.equal(await end.innerText(), pub.publicity_end);
  assert.ok(pub.publicity_end > today);
  await shot(page, 'story-publicity');
  // while it runs: no 公示期满 button, and the server refuses the move
  assert.equal(await drawer.locator('[data-test=claim-act-confirm]').count(), 0);
  const early = await api('POST', `/api/v1/training/claims/${s.claim}/status`, { token: city, body: { status: 'payable' } });
  assert.equal(early.status, 409);
  assert.equal(early.data.error.code, 'publicity_not_over');
  // the worker's claim page says 公示中 until that day
  const { context: wc, page: wp } = await newPage(browser, { viewport: PHONE });
  await uiLogin(wp, 'linyi_worker');
  await wp.waitForURL(/\/me\//);
  await wp.goto(`${BASE}/me/claims/${s.claim}`);
  const wstatus = wp.locator('[data-test=claim-status]');
  await wstatus.waitFor();
  assert.equal((await wstatus.innerText()).trim(), '公示中');
  assert.match(await wp.locator('[data-test=publicity-end]').innerText(), new RegExp(`公示至 ${pub.publicity_end}（5 个工作日）`));

  // THE 公示 PERIOD IS MADE TO PASS IN THE DATABASE: the claim's clock moved back 30 days (as API 65 does);
  // the server then finds the 5 working days over
  execFileSync('sqlite3', [db, `UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${s.claim}`]);
  await page.goto(`${BASE}/admin/training/claims?claim=${s.claim}&status=publicity`);
  await drawer.locator('[data-test=claim-act-confirm]').click();
  await confirmBox(page);
  await page.waitForFunction(() => document.querySelector('[data-test=claim-drawer-state]')?.innerText.includes('待支付'));

  // the payment batch, the bank file, the bank's result
  await page.goto(`${BASE}/admin/training/pay-batches`);
  await page.locator('[data-test=batch-new]').click();
  await confirmBox(page);
  const bd = page.locator('[data-test=batch-drawer]');
  await bd.locator('[data-test=batch-lines] .el-table__row', { hasText: String(s.claim) }).first().waitFor();
  await bd.locator('[data-test=batch-bank-file]').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.el-message-box__btns .el-button--primary').click()]);
  const lines = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '批次号,序号,申领编号,姓名,社会保障号码,金额（分）,金额（元）');
  const mine = lines.slice(1).map((l) => l.split(',')).find((f) => f[2] === String(s.claim));
  assert.ok(mine, 'the claim is a line of the bank file');
  assert.equal(mine[3], s.cert.name);
  assert.match(mine[4], /^\d{17}[\dX]$/, 'the full id number for the bank');
  assert.equal(mine[5], String(s.amount));
  [s.batch, s.line] = mine;
  await shot(page, 'story-pay-batch');
  // the bank paid this line (only this one: the demo's other 临沂 line stays with the bank)
  s.results = `批次号,序号,申领编号,结果,原因\r\n${s.batch},${s.line},${s.claim},成功,\r\n`;
  await bd.locator('[data-test=batch-results]').click();
  const results = path.join(dir, 'results.csv');
  writeFileSync(results, s.results);
  await page.locator('.el-dialog:visible [data-test=import-file]').setInputFiles(results);
  await page.locator('.el-dialog:visible [data-test=import-submit]').click();
  await page.locator('[data-test=batch-import-summary]').waitFor();
  assert.match(await page.locator('[data-test=batch-import-summary]').innerText(), /支付成功 1 笔/);

  // the worker sees 已支付
  await wp.reload();
  await wstatus.waitFor();
  assert.equal((await wstatus.innerText()).trim(), '已支付');
  assert.deepEqual(page.jsErrors, []);
  assert.deepEqual(wp.jsErrors, []);
  await wc.close();

  // 6. paid once: a new batch finds nothing payable (the page shows the server's refusal) ...
  await page.goto(`${BASE}/admin/training/pay-batches`);
  await page.locator('[data-test=batch-new]').click();
  await confirmBox(page);
  await page.locator('[data-test=error-alert]', { hasText: '没有待支付且未入批次的补贴申领' }).waitFor();
  await context.close();
});

test('6. the claim cannot be paid a second time (through the API: no page offers these moves)', async () => {
  const city = await login('linyi_admin'), w = await login('linyi_worker');
  const again = await api('POST', `/api/v1/training/claims/${s.claim}/status`, { token: city, body: { status: 'paid' } });
  assert.equal(again.status, 409);
  assert.equal(again.data.error.code, 'invalid_transition');
  const same = await api('POST', `/api/v1/training/pay-batches/${s.batch}/results`, { token: city, csv: s.results });
  assert.equal(same.status, 200);
  assert.deepEqual([same.data.paid, same.data.unchanged], [0, 1], 'the same bank result again changes nothing');
  const flip = await api('POST', `/api/v1/training/pay-batches/${s.batch}/results`, { token: city, csv: `批次号,序号,申领编号,结果,原因\r\n${s.batch},${s.line},${s.claim},失败,账户冻结\r\n` });
  assert.equal(flip.data.errors[0].code, 'result_conflict');
  const batch = await api('POST', '/api/v1/training/pay-batches', { token: city, body: {} });
  assert.equal(batch.status, 422);
  assert.equal(batch.data.error.code, 'no_payable_claims');
  // the worker applying again for the same occupation and level: refused (once per occupation and level)
  const dup = await api('POST', '/api/v1/training/my-claims', { token: w, body: { kind: 'skill_up', certificate_no: s.cert.number } });
  assert.equal(dup.status, 409, JSON.stringify(dup.data));
  const entries = (await api('GET', `/api/v1/training/ledger/entries?claim_id=${s.claim}&page_size=50`, { token: city })).data.items;
  assert.equal(entries.filter((x) => x.kind === 'pay').length, 1, 'one pay entry');
  assert.equal((await api('GET', `/api/v1/training/claims/${s.claim}`, { token: w })).data.status, 'paid');
});

test('7. the province revokes the certificate; the claim is recovered (追回) and the ledger still balances', async () => {
  const { context, page } = await newPage(browser, { viewport: DESKTOP });
  await uiLogin(page, 'admin');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${BASE}/inst/certificates`);
  await page.getByRole('tab', { name: '证书查询' }).click();
  await page.locator('input[data-test=filter-number]').fill(s.cert.number);
  await page.getByRole('button', { name: '查询' }).click();
  const crow = page.locator('[data-test=cert-table] .el-table__body tr', { hasText: s.cert.number });
  await crow.waitFor();
  await crow.locator('[data-test=cert-revoke]').click();
  await page.locator('textarea[data-test=reason-input]').fill('核查发现鉴定考试替考，依规撤销证书');
  await page.locator('[data-test=reason-ok]').click();
  await confirmBox(page);
  await crow.locator('.el-tag', { hasText: '已撤销' }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await context.close();

  // the worker: 已追回 and what they owe
  const { context: wc, page: wp } = await newPage(browser, { viewport: PHONE });
  await uiLogin(wp, 'linyi_worker');
  await wp.waitForURL(/\/me\//);
  await wp.goto(`${BASE}/me/claims/${s.claim}`);
  await wp.locator('[data-test=recovered]').waitFor();
  assert.equal((await wp.locator('[data-test=claim-status]').innerText()).trim(), '已追回');
  const owe = wp.locator('[data-test=ledger-account]', { hasText: '应退回' });
  await owe.waitFor();
  assert.match(await owe.innerText(), new RegExp(`${(s.amount / 100).toFixed(2)} 元`));
  await assertNoHorizontalScroll(wp, PHONE.width, '补贴申领（追回）');
  await wp.locator('[data-test=claim-status]').evaluate((e) => Promise.all(e.getAnimations({ subtree: true }).map((a) => a.finished)));
  await shot(wp, 'story-recovered');
  assert.deepEqual(wp.jsErrors, []);
  await wc.close();

  // the city's ledger page: the 追回 entry of the claim, and the proof 台账平衡
  const { context: cc, page: cp } = await newPage(browser, { viewport: DESKTOP });
  await uiLogin(cp, 'linyi_admin');
  await cp.waitForURL((u) => !u.pathname.startsWith('/login'));
  await cp.goto(`${BASE}/admin/training/ledger`);
  const proof = cp.locator('[data-test=ledger-proof]');
  await proof.waitFor();
  assert.match(await proof.innerText(), /台账平衡/);
  await cp.getByRole('tab', { name: '分录' }).click();
  const rec = cp.locator('[data-test=ledger-entries] .el-table__body tr', { hasText: '追回' }).filter({ hasText: s.cert.number });
  await rec.first().waitFor();
  assert.match(await rec.first().innerText(), new RegExp(String(s.claim)));
  await shot(cp, 'story-ledger');
  assert.deepEqual(cp.jsErrors, []);
  await cc.close();
  const entries = (await api('GET', `/api/v1/training/ledger/entries?claim_id=${s.claim}&page_size=50`, { token: await login('linyi_admin') })).data.items;
  assert.deepEqual(entries.map((x) => x.kind).sort(), ['accrue', 'pay', 'recover'].sort());
  // and the command line's proof over the whole ledger
  const out = execFileSync(BIN, ['ledger', 'verify', '--db', `sqlite:${db}`], { encoding: 'utf8' });
  assert.match(out, /^ledger balances: \d+ entries/);
  console.log(`# ${out.trim()}`);
});
