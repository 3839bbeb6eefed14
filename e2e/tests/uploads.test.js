// Bad attachments get clear, translated errors: from the server (content checked by magic
// bytes, not by the name) and, with JavaScript, already in the upload preview island.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, signInWithForm } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function submitFake(page) {
  await page.goto(`${BASE}/file`);
  await page.selectOption('#field-administration', 'DEMO');
  await page.fill('#field-subject', 'Pièce douteuse');
  await page.setInputFiles('#field-documents', { name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('hello, not a pdf') });
  await Promise.all([page.waitForNavigation(), page.click('form[action="/file"] button[type=submit]')]);
  return page.textContent('.error-summary');
}

test('a text file named .pdf is refused with a clear error, in French and in Arabic', async () => {
  const page = await newPage(browser, { lang: 'fr', js: false });
  await signInWithForm(page, 'citizen2@demo.test');
  const fr = await submitFake(page);
  assert.match(fr, /fake\.pdf/, fr);
  assert.equal(await page.inputValue('#field-subject'), 'Pièce douteuse', 'typed values are kept');
  await page.context().addCookies([{ name: 'lang', value: 'ar', url: BASE }]);
  const ar = await submitFake(page);
  assert.match(ar, /fake\.pdf/, ar);
  assert.match(ar, /[\u0600-\u06FF]/, 'the error is in Arabic');
  await page.context().close();
});

test('the upload preview island lists chosen files and warns before sending', async () => {
  const page = await newPage(browser, { lang: 'en' });
  await signInWithForm(page, 'citizen2@demo.test');
  await page.goto(`${BASE}/file`);
  await page.waitForFunction(() => !!window.__hydrateIsland, null, { timeout: 60_000 });
  // The island wakes on idle; wait until its change handler is attached by retrying.
  await page.waitForFunction(async () => {
    const input = document.querySelector('#field-documents');
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'notes.txt', { type: 'text/plain' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return document.querySelectorAll('.file-preview li').length > 0;
  }, null, { timeout: 60_000, polling: 500 });
  const text = await page.textContent('.file-preview');
  assert.match(text, /notes\.txt/);
  assert.match(text, /is not a PDF, JPEG or PNG file/, text);
  await page.context().close();
});
