// 我的荣誉 in the browser (docs/DOMAIN.md "贯通（续）"), over the demo's data: the engineer jinan_engineer on a
// 375 px phone sees his 二级 certificate issued through 职称 → 技能等级 with its basis, his honour, and the
// public-honours switch (on in the demo); he turns it off and the public verification hides the honour, on
// again and it shows (on /verify too); the page passes axe and does not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, api, axe, BASE, PHONE, assertNoHorizontalScroll } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('我的荣誉: the certificate through the title, the honour, the consent switch on a phone', async () => {
  const token = await login('jinan_engineer');
  const { page } = await newPage(browser, { viewport: PHONE });
  await page.context().addInitScript((t) => localStorage.setItem('jineng.token', t), token);
  await page.goto(`${BASE}/me/honours`);
  await page.locator('[data-test=honours]').waitFor();
  assert.match(await page.locator('[data-test=honours]').innerText(), /全国技术能手/);
  const certs = await page.locator('[data-test=record-certs]').innerText();
  assert.match(certs, /职称贯通技能等级（申请 \d+）：工程系列 工程师/);
  const number = (await page.locator('[data-test=title-decisions] a').first().innerText()).trim();
  const me = await api('GET', '/api/v1/auth/me', { token });
  const name = (me.data.user || me.data).person_name;
  const verify = async () => (await api('GET', `/api/v1/public/certificates/${number}?name=${encodeURIComponent(name)}`)).data;
  // the server's answer after a click (the switch saves at once)
  const until = async (want) => {
    for (let i = 0; i < 50; i++) {
      const h = (await verify()).honours;
      if (want ? !!h && h.some((x) => x.title === want) : h === undefined) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`verification never showed ${JSON.stringify(want)}: ${JSON.stringify(await verify())} ${number} ${name}`);
  };
  const sw = page.locator('[data-test=public-honours]');
  const input = page.locator('#public-honours');
  assert.equal(await input.getAttribute('aria-checked'), 'true');
  await until('全国技术能手');
  await sw.click();
  await until(null);
  assert.equal(await input.getAttribute('aria-checked'), 'false');
  await sw.click();
  await until('全国技术能手');
  await assertNoHorizontalScroll(page, PHONE.width, '/me/honours');
  assert.deepEqual(await axe(page), []);
  // the public verification page lists them (the holder allows it)
  const { page: pub } = await newPage(browser, { viewport: PHONE });
  await pub.goto(`${BASE}/verify?number=${number}&name=${encodeURIComponent(name)}`);
  await pub.locator('[data-test=cert-honours]').waitFor();
  assert.match(await pub.locator('[data-test=cert-honours]').innerText(), /全国技术能手/);
});
