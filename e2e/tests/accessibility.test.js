// axe-core on every page, in each of the four languages, plus screenshots of the French and
// Arabic layouts (looked at by a person: see the report of the change that added them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, expectNoAxeViolations, screenshot, signInWithForm } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LANGS = [
  { code: 'fr', dir: 'ltr' },
  { code: 'ar', dir: 'rtl' },
  { code: 'zgh', dir: 'ltr' },
  { code: 'en', dir: 'ltr' },
];

const PUBLIC_PAGES = ['/', '/catalogue', '/catalogue?q=zzzz-nothing', '/signup', '/signin', '/verify', '/no-such-page'];

for (const { code, dir } of LANGS) {
  test(`no axe violations on every page in ${code}`, async () => {
    const page = await newPage(browser, { lang: code });
    for (const p of PUBLIC_PAGES) {
      await page.goto(`${BASE}${p}`);
      assert.equal(await page.getAttribute('html', 'lang'), code, `lang on ${p}`);
      assert.equal(await page.getAttribute('html', 'dir'), dir, `dir on ${p}`);
      await expectNoAxeViolations(page, `${p} [${code}]`);
    }
    // Forms sent empty come back with their errors: those pages must be accessible too.
    await page.goto(`${BASE}/signup`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/signup"] button[type=submit]')]);
    assert.ok(await page.isVisible('.error-summary'), 'sign-up errors shown');
    await expectNoAxeViolations(page, `/signup with errors [${code}]`);

    await page.goto(`${BASE}/`);
    await screenshot(page, `home-${code}`);
    await signInWithForm(page, 'citizen@demo.test');
    for (const p of ['/file', '/filings']) {
      await page.goto(`${BASE}${p}`);
      await expectNoAxeViolations(page, `${p} [${code}]`);
    }
    await page.goto(`${BASE}/file`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/file"] button[type=submit]')]);
    assert.ok(await page.isVisible('.error-summary'), 'filing errors shown');
    await expectNoAxeViolations(page, `/file with errors [${code}]`);
    if (code === 'fr' || code === 'ar') {
      await screenshot(page, `file-errors-${code}`);
      for (const [p, name] of [['/catalogue', 'catalogue'], ['/file', 'file']]) {
        await page.goto(`${BASE}${p}`);
        await screenshot(page, `${name}-${code}`);
      }
      const phone = await newPage(browser, { lang: code, width: 360 });
      await phone.goto(`${BASE}/catalogue`);
      await screenshot(phone, `catalogue-phone-${code}`);
      await phone.context().close();
    }
    await page.context().close();
  });
}

test('the language switch persists across pages', async () => {
  const page = await newPage(browser, { lang: 'fr' });
  await page.goto(`${BASE}/catalogue`);
  await Promise.all([page.waitForNavigation(), page.click('.lang-nav a[hreflang="ar"]')]);
  assert.equal(new URL(page.url()).pathname, '/catalogue', 'back on the same page');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.goto(`${BASE}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar', 'kept in the cookie');
  await page.context().close();
});

test('catalogue search filters as one types (island) and via GET without JavaScript', async () => {
  const page = await newPage(browser, { lang: 'fr' });
  await page.goto(`${BASE}/catalogue`);
  const all = await page.locator('#catalogue-list > li:visible').count();
  assert.ok(all >= 1, 'the demo administration is listed');
  // Wait for the island to wake (the bundle loads on idle).
  await page.waitForFunction(() => !!window.__hydrateIsland, null, { timeout: 60_000 });
  await page.fill('#q', 'zzzz-nothing');
  await page.waitForFunction(() => document.querySelectorAll('#catalogue-list > li:not([hidden])').length === 0);
  const nojs = await newPage(browser, { lang: 'fr', js: false });
  await nojs.goto(`${BASE}/catalogue?q=DEMO`);
  assert.ok(await nojs.locator('#catalogue-list > li').count() >= 1);
  await nojs.goto(`${BASE}/catalogue?q=zzzz-nothing`);
  assert.equal(await nojs.locator('#catalogue-list > li').count(), 0);
  await nojs.context().close();
  await page.context().close();
});
