// Shared helpers for the browser tests: a real jineng server with the built UI runs at JINENG_BASE
// (scripts/test-web.sh); playwright-core (from web/node_modules) drives Debian's /usr/bin/chromium.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

export const BASE = process.env.JINENG_BASE;
export const DIST = process.env.JINENG_WEB_DIST || path.join(ROOT, 'web/dist');
export const PASSWORD = 'Demo@Skills2026';
export const SHOTS = process.env.JINENG_SCREENSHOTS === '1';
export const PHONE = { width: 375, height: 667 };
export const DESKTOP = { width: 1366, height: 768 };

// `args`: more chromium switches (e.g. a fake camera: fakeCameraArgs below)
export async function launch({ args = [] } = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', ...args],
  });
}

// A camera that films `text` as a QR code: writes a Y4M video (640×480, grey) of the QR drawn with the `qrcode`
// package's module matrix to `file`, and returns the chromium switches that make it the browser's camera (with
// the permission prompt answered yes). For pages that read a QR with getUserMedia.
// a directory of its own under the system's temporary directory (for files handed to a tool or the browser),
// removed when the test file's process ends, whatever the outcome: runs left one per use behind before
const tempDirs = [];
process.on('exit', () => { for (const d of tempDirs) rmSync(d, { recursive: true, force: true }); });
export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function fakeCameraArgs(text, file) {
  const QRCode = require('qrcode');
  const W = 640, H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size, quiet = 4, scale = Math.floor(Math.min(W, H) / (n + 2 * quiet));
  const x0 = Math.floor((W - n * scale) / 2), y0 = Math.floor((H - n * scale) / 2);
  const y = Buffer.alloc(W * H, 255);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    if (!qr.modules.get(r, c)) continue;
    for (let dy = 0; dy < scale; dy++) y.fill(0, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
  }
  const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

// a fresh context (own localStorage) at a viewport; the UI language is Chinese unless `lang` says 'en';
// `timezoneId` (e.g. 'Asia/Shanghai') sets the browser's clock zone (the machine's otherwise)
// geolocation: {latitude, longitude} the page's navigator.geolocation answers (permission granted)
export async function newPage(browser, { viewport = DESKTOP, lang, timezoneId, geolocation } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1, ...(timezoneId ? { timezoneId } : {}), ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}) });
  if (lang) await context.addInitScript((l) => localStorage.setItem('jineng.locale', l), lang);
  // no CSS transitions or animations: Element Plus fades its dropdowns and dialogs, and a fading dropdown took
  // a click meant for the next one (credit.test); the pages' behaviour does not depend on them
  if (process.env.JINENG_WEB_ANIMATIONS !== '1')
    await context.addInitScript(() => {
      const css = '*, *::before, *::after { transition: none !important; animation: none !important; }';
      document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = css; document.head.appendChild(s); });
    });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.jsErrors = errors;
  return { context, page };
}

// picks the option `text` of an Element Plus select (`select`: a locator of the el-select) and waits until the
// select shows it. Under load the dropdown of an earlier select may still be fading out with the same option,
// and a click on it selects nothing (credit.test kept 违规失信 after choosing 警示记录): the newest visible
// option is clicked, and a single select that does not show the text afterwards is picked again (at most three
// times; a select whose label differs from the option's text is left as the click made it)
export async function choose(page, select, text) {
  for (let i = 0; i < 3; i++) {
    // a click on an open select would close it (a click that selected nothing leaves it open)
    if (!(await select.evaluate((el) => !!el.querySelector('[aria-expanded="true"]')))) await select.click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).last().click();
    for (let t = 0; t < 20; t++) {
      const state = await select.evaluate((el, x) => ({ shown: el.innerText.includes(x), multiple: !!el.querySelector('.el-tag') }), text);
      if (state.shown || state.multiple) return;
      await page.waitForTimeout(100);
    }
  }
}

// logs in through the login form and waits for the role's home page
export async function uiLogin(page, username, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.locator('[data-test=username]').fill(username);
  await page.locator('[data-test=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
}

export async function api(method, p, { token, body } = {}) {
  const h = {};
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(BASE + p, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const ct = res.headers.get('content-type') || '';
  const data = ct.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, data };
}

const tokens = {};
export async function login(username, password = PASSWORD) {
  if (tokens[username]) return tokens[username];
  const r = await api('POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.data)}`);
  tokens[username] = r.data.token;
  return r.data.token;
}

export async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(path.join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots', `${name}.png`), fullPage: false });
}

// the page has no horizontal scrolling at its viewport width
export async function assertNoHorizontalScroll(page, width, what) {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= width, `${what}: the page is ${sw} px wide at a ${width} px viewport`);
}

// Records the JavaScript files a page loads (from this server's /assets/) and adds up their gzip sizes
// as built in web/dist (gzip -9 of each file, as the server sends them).
export function trackScripts(page) {
  const files = new Set();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/assets/') && u.pathname.endsWith('.js')) files.add(u.pathname);
  });
  return {
    files,
    // the loaded files whose text contains `needle` (to show what a page does not load)
    containing(needle) {
      return [...files].filter((f) => readFileSync(path.join(DIST, f), 'utf8').includes(needle));
    },
    gzipBytes() {
      let total = 0;
      for (const f of files) total += gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length;
      return total;
    },
  };
}

export const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
export const plusDays = (n) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
let counter = Date.now() % 100000;
export function unique() { return ++counter; }

// user ids of two staff members or examiners of the caller's institution, to invigilate a sitting
// qualify: a qualification from the records for an account (as tests/api/lib.mjs qualify)
export async function qualify(token, userId, grade = 'examiner') {
  const r = await api('POST', '/api/v1/qualifications', { token, body: { user_id: userId, basis: 'record', grade, cert_no: `W-${grade}-${userId}`, valid_from: '2000-01-01', valid_until: '2999-12-31' } });
  if (r.status !== 201) throw new Error(`qualify ${userId}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}

export async function invigilators(token, count = 2) {
  const me = (await api('GET', '/api/v1/auth/me', { token })).data;
  const inst = (me.user || me).institution_id;
  const users = (await api('GET', '/api/v1/users?page_size=200', { token })).data.items;
  const ids = users
    .filter((u) => u.institution_id === inst && !u.disabled && ['institution_staff', 'examiner', 'institution_admin'].includes(u.role))
    .map((u) => u.id);
  assert.ok(ids.length >= count, `the institution has ${count} possible invigilators`);
  return ids.slice(0, count);
}

// a valid 18-digit resident ID number (GB 11643) for a region, birth date and sequence (as tests/api/lib.mjs)
export function idNumber(region6, ymd, seq) {
  const body = `${region6}${ymd}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + '10X98765432'[s % 11];
}

// a new worker: a person of `region6` and a candidate account bound to them; {person, username, token}
export async function newWorker(region6 = '371302') {
  const prov = await login('admin');
  const n = unique();
  const p = await api('POST', '/api/v1/persons', { token: prov, body: { name: `学员${n % 1000}`, id_number: idNumber(region6, '19920612', 101 + (n % 440) * 2) } });
  assert.equal(p.status, 201, JSON.stringify(p.data));
  const username = `worker${n}`;
  const u = await api('POST', '/api/v1/users', { token: prov, body: { username, password: PASSWORD, role: 'candidate', person_id: p.data.id } });
  assert.equal(u.status, 201, JSON.stringify(u.data));
  return { person: p.data.id, username, token: await login(username) };
}

// axe(page, what): runs axe-core (tests/package.json) on the page as it stands, against WCAG 2.1 A and AA
// (GB/T 37668 follows WCAG 2.0 AA), and returns the serious and critical violations as short strings
// ("rule: target …"); [] when there are none. Element Plus' hidden teleported popper containers are skipped.
let axeSource;
// `within`: a CSS selector the check is limited to (e.g. a layout's content area), the whole document otherwise
export async function axe(page, within) {
  axeSource ??= readFileSync(path.join(ROOT, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  // the page at rest: a tag or dialog still fading in has text at part of its final contrast (axe saw the
  // exam page's 单选题 tag mid-transition once and called it a serious contrast failure)
  // (finite animations only: a spinner's never ends)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), null, { timeout: 5000 }).catch(() => {});
  const found = await page.evaluate(async (sel) => {
    const ctx = sel && document.querySelector(sel) ? { include: [...document.querySelectorAll(sel)] } : document;
    const r = await window.axe.run(ctx, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} in all` : ''}`);
  }, within || null);
  return found;
}
