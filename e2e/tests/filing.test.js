// The citizen's flow, end to end, as a person would do it: sign up, confirm the e-mail,
// sign in, file a PDF, read the receipt, download the sealed PDF, verify it publicly.
// Once in French with JavaScript, once in Arabic (right-to-left), once without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BASE, launch, newPage, signUpAndSignIn, fileWithPdf, downloadReceipt, verifyOnPublicPage,
  expectNoAxeViolations, screenshot,
} from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function tmpDir() { return fs.mkdtempSync(path.join(os.tmpdir(), 'sijill-dl-')); }

/** pdfsig (poppler) must find the seal intact; trust in the dev root is not asked of it. */
function pdfsigSaysIntact(file) {
  let out;
  try { out = execFileSync('pdfsig', [file], { encoding: 'utf8' }); } catch (e) { out = `${e.stdout ?? ''}${e.stderr ?? ''}`; }
  assert.match(out, /Signature Validation: Signature is Valid/, `pdfsig:\n${out}`);
}

async function fullFlow({ lang, js, tag, checks }) {
  const page = await newPage(browser, { lang, js });
  // axe runs inside the page, so it needs JavaScript; the no-JS pages are the same HTML,
  // checked by axe in the other runs.
  const axe = js ? expectNoAxeViolations : async () => {};
  await signUpAndSignIn(page, { tag });
  const { number } = await fileWithPdf(page, { subject: `Demande ${tag}` });
  await checks.receipt(page);
  await screenshot(page, `receipt-${tag}`);
  await axe(page, `receipt (${tag})`);
  const file = await downloadReceipt(page, tmpDir());
  pdfsigSaysIntact(file);
  // The receipt's own verification link (the QR code's target) checks the stored receipt.
  await Promise.all([page.waitForNavigation(), page.click('a[href^="/verify?receipt="]')]);
  await page.waitForSelector('#report');
  await checks.report(await page.textContent('#report'));
  assert.ok((await page.textContent('#report')).includes(number), 'the report names the receipt number');
  // Anyone holding the QR link (no account, no session) sees the same verdict.
  const qr = page.url();
  const stranger = await newPage(browser, { lang, js });
  await stranger.goto(qr);
  await checks.report(await stranger.textContent('#report'));
  await stranger.context().close();
  await page.goto(`${BASE}/filings`);
  assert.ok((await page.textContent('main')).includes(number), 'My filings lists the filing');
  await axe(page, `my filings (${tag})`);
  const report = await verifyOnPublicPage(page, file);
  await checks.report(report);
  await screenshot(page, `verify-${tag}`);
  await axe(page, `verification (${tag})`);
  await page.context().close();
}

test('French, with JavaScript: sign up, file, receipt, download, verify', async () => {
  await fullFlow({
    lang: 'fr', js: true, tag: 'fr',
    checks: {
      receipt: async (page) => {
        assert.equal(await page.getAttribute('html', 'lang'), 'fr');
        assert.ok((await page.textContent('h1')).includes('Accusé de réception'));
        assert.match(await page.textContent('main'), /[0-9a-f]{64}/, 'documents listed with their SHA-256');
      },
      report: async (text) => assert.match(text, /Signature (valable|intacte)/, text),
    },
  });
});

test('Arabic, right-to-left: the same flow with Arabic labels', async () => {
  await fullFlow({
    lang: 'ar', js: true, tag: 'ar',
    checks: {
      receipt: async (page) => {
        assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
        assert.equal(await page.getAttribute('html', 'lang'), 'ar');
        assert.ok((await page.textContent('h1')).includes('وصل الإيداع'));
        assert.ok((await page.textContent('main')).includes('رقم الترتيب'));
      },
      report: async (text) => assert.match(text, /توقيع صالح|التوقيع سليم/, text),
    },
  });
});

test('Without JavaScript: every step still works with plain forms', async () => {
  await fullFlow({
    lang: 'fr', js: false, tag: 'nojs',
    checks: {
      receipt: async (page) => {
        assert.ok((await page.textContent('h1')).includes('Accusé de réception'));
      },
      report: async (text) => assert.match(text, /Signature (valable|intacte)/, text),
    },
  });
});
