// Shared helpers for the browser tests: the browser (Debian's Chromium through
// playwright-core, never a downloaded one), mail reading, fixtures, axe and screenshots.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const BASE = process.env.SIJILL_URL ?? 'http://127.0.0.1:8080';
export const MAIL_DIR = process.env.MAIL_DIR;
/** The password of every demo user (backend/src/domain/seed.rs). */
export const DEMO_PASSWORD = 'demo-password';
export const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

/** Content-Security-Policy violations the browser reported, on any page of any context. */
export const cspViolations = [];

/** The browser; closing it fails the test file if a page broke the Content-Security-Policy. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    const seen = cspViolations.splice(0);
    assert.deepEqual(seen, [], `the browser reported Content-Security-Policy violations:\n${seen.join('\n')}`);
  };
  return browser;
}

/** Records CSP violations: the browser's console report (also without JavaScript) and the
 * `securitypolicyviolation` event (with it). */
function watchCsp(context) {
  context.on('page', (page) => {
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error' && /Content Security Policy|securitypolicyviolation/i.test(text)) {
        cspViolations.push(`${page.url()}: ${text}`);
      }
    });
  });
  return context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

/** A fresh context (own cookies) in the given language; `js: false` disables JavaScript. */
export async function newPage(browser, { lang = 'fr', js = true, width = 1024 } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: js,
    viewport: { width, height: 900 },
    acceptDownloads: true,
  });
  await watchCsp(context);
  await context.addCookies([{ name: 'lang', value: lang, url: BASE }]);
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
  return context.newPage();
}

let counter = 0;
export function uniqueEmail(tag) {
  counter += 1;
  return `${tag}-${Date.now()}-${counter}@e2e.test`;
}

function decodeQuotedPrintable(text) {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** Waits (generously) for the mail sent to `to` and returns its first link containing `needle`. */
export async function waitForLink(to, needle) {
  assert.ok(MAIL_DIR, 'MAIL_DIR is set by scripts/test-e2e.sh');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      let raw = fs.readFileSync(path.join(MAIL_DIR, f), 'latin1');
      if (!raw.toLowerCase().includes(to.toLowerCase())) continue;
      raw = decodeQuotedPrintable(raw);
      // Base64 bodies: decode each block and search it too.
      const blocks = [raw, ...[...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)]
        .map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'))];
      for (const b of blocks) {
        const m = b.match(new RegExp(`https?://[^\\s"'<>]*${needle}[^\\s"'<>]*`));
        if (m) return m[0];
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no mail with a "${needle}" link for ${to}`);
}

/** A small valid one-page PDF, built by code (no committed binary). */
export function makePdf(text = 'Sijill e2e') {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Runs axe-core (WCAG 2.1 A/AA rules) and fails with a readable list of violations. */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.equal(results.violations.length, 0, `axe violations on ${label} (${page.url()}):\n  ${summary.join('\n  ')}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs up, opens the verification link from the mail, and signs in. Returns the e-mail. */
export async function signUpAndSignIn(page, { tag, password = 'correct-horse-battery', name = 'Amina Filer' }) {
  const email = uniqueEmail(tag);
  await page.goto(`${BASE}/signup`);
  await page.fill('#field-name', name);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/signup"] button[type=submit]')]);
  const link = await waitForLink(email, 'verify');
  await page.goto(link);
  assert.equal(await page.locator('.notice').count() > 0, true);
  await page.goto(`${BASE}/signin`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
  return email;
}

/**
 * Files a PDF to the demo administration from the filing form and waits for the receipt
 * page. Returns { number, receiptUrl }.
 */
export async function fileWithPdf(page, { subject, message = 'Message de test.' }) {
  await page.goto(`${BASE}/file`);
  await page.selectOption('#field-administration', 'DEMO');
  await page.fill('#field-subject', subject);
  await page.fill('#field-message', message);
  await page.setInputFiles('#field-documents', { name: 'lettre.pdf', mimeType: 'application/pdf', buffer: makePdf(subject) });
  await Promise.all([page.waitForNavigation(), page.click('form[action="/file"] button[type=submit]')]);
  const number = (await page.textContent('.number'))?.trim();
  assert.match(number ?? '', /^DEMO-\d{4}-A-\d+$/, `receipt number on ${page.url()}`);
  return { number, receiptUrl: page.url() };
}

/** Downloads the sealed receipt from the receipt page and checks it is a signed PDF. */
export async function downloadReceipt(page, dir) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[download][href$="receipt.pdf"]'),
  ]);
  const file = path.join(dir, 'receipt.pdf');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the receipt is a PDF');
  const text = bytes.toString('latin1');
  assert.ok(text.includes('/ByteRange'), 'the receipt carries a signature (/ByteRange)');
  return file;
}

/** Uploads a PDF on the public verification page and returns the report's text. */
export async function verifyOnPublicPage(page, file) {
  await page.goto(`${BASE}/verify`);
  await page.setInputFiles('#field-file', file);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/verify"] button[type=submit]')]);
  await page.waitForSelector('#report');
  return page.textContent('#report');
}

/** Signs a demo user in through the sign-in form, as a person would. */
export async function signInWithForm(page, email) {
  await page.goto(`${BASE}/signin`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
}

/** Signs the page's context in through the API (session cookie); returns the API user. */
export async function signInApi(page, email) {
  const res = await page.request.post(`${BASE}/api/v1/auth/login`, { data: { email, password: DEMO_PASSWORD } });
  if (res.status() !== 200) throw new Error(`sign in ${email}: HTTP ${res.status()}`);
  return (await res.json()).user;
}

/** Submits the form matched by `formSelector` and waits for the next page. */
export async function submitForm(page, formSelector) {
  await Promise.all([page.waitForNavigation(), page.click(`${formSelector} button[type=submit]`)]);
}
