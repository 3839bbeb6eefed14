// Filing with the keyboard only: skip link, Tab through the form, Space on the file input,
// Enter on the button. Focus must be visible on every control reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, signUpAndSignIn, makePdf } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Presses Tab until the element with `id` has focus (at most 40 times). */
async function tabTo(page, id) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const active = await page.evaluate(() => document.activeElement?.id ?? '');
    if (active === id) {
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`;
      });
      assert.ok(!/^none 0px none$/.test(ring), `focus visible on #${id}: ${ring}`);
      return;
    }
  }
  throw new Error(`could not reach #${id} with Tab`);
}

test('keyboard-only filing, from the skip link to the receipt', async () => {
  const page = await newPage(browser, { lang: 'fr' });
  await signUpAndSignIn(page, { tag: 'kbd' });
  await page.goto(`${BASE}/file`);
  // Let the upload island wake first, so hydration never moves focus mid-way.
  await page.waitForFunction(() => !!window.__hydrateIsland, null, { timeout: 60_000 });

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.isVisible('.skip-link'), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');

  await tabTo(page, 'field-administration');
  // First real option (the demo administration's central registry).
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#field-administration'), 'DEMO');
  await tabTo(page, 'field-subject');
  await page.keyboard.type('Demande au clavier');
  await tabTo(page, 'field-message');
  await page.keyboard.type('Rédigé sans souris.');
  await tabTo(page, 'field-documents');
  // Space opens the file picker (Enter on some builds); try both before giving up.
  let chooser;
  for (const key of ['Space', 'Enter', 'Space']) {
    if (await page.evaluate(() => document.activeElement?.id) !== 'field-documents') {
      await tabTo(page, 'field-documents');
    }
    try {
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), page.keyboard.press(key)]);
      break;
    } catch { /* try the next key */ }
  }
  assert.ok(chooser, 'the file picker opens from the keyboard');
  await chooser.setFiles({ name: 'clavier.pdf', mimeType: 'application/pdf', buffer: makePdf('clavier') });
  // The submit button is the last control of the form.
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.type === 'submit' && !!document.activeElement.closest('form[action="/file"]'))) break;
  }
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.match((await page.textContent('.number')).trim(), /^DEMO-\d{4}-A-\d+$/);
  await page.context().close();
});
