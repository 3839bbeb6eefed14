// The parapheur's circuit form: an originator (the agent) builds a two-step circuit — visa
// by the clerk, then signature by the official — and places the official's signature on
// the page. Once with JavaScript, by keyboard only (the frame over the page image moves
// with the arrow keys); once with JavaScript off, by clicking on the page image (the server
// turns the click into points). Each time the rectangle saved in the folder (JSON API) is
// the one the form showed. axe-core on the circuit page and the parapheur's settings pages,
// in French and in Arabic (right-to-left).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, makePdf, expectNoAxeViolations, screenshot, signInApi } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// makePdf's page: A4, 595 × 842 points; rendered 800 px wide.
const PAGE_W = 595;
const PAGE_H = 842;

/** A draft folder with one main PDF, created through the API as the signed-in user. */
async function newFolder(page, user, title) {
  const administration = user.roles.find((r) => r.role !== 'filer').administration_id;
  const res = await page.request.post(`${BASE}/api/v1/parapheur/folders`, {
    multipart: {
      administration_id: String(administration),
      title,
      main: { name: 'reponse.pdf', mimeType: 'application/pdf', buffer: makePdf(title) },
    },
  });
  assert.equal(res.status(), 201, `folder created: ${await res.text()}`);
  return (await res.json()).id;
}

async function savedSteps(page, id) {
  const res = await page.request.get(`${BASE}/api/v1/parapheur/folders/${id}`);
  assert.equal(res.status(), 200);
  const folder = await res.json();
  assert.equal(folder.status, 'in_progress', 'the circuit started');
  return folder.steps;
}

/** Row 0: visa by the clerk (order 1); row 1: signature by the official (order 2). */
async function fillTwoSteps(page) {
  await page.selectOption('#field-user_0', { label: 'clerk' });
  await page.selectOption('#field-kind_1', 'signature');
  await page.selectOption('#field-user_1', { label: 'official' });
}

function assertTwoSteps(steps, placement) {
  assert.equal(steps.length, 2);
  const [visa, signature] = steps;
  assert.deepEqual([visa.position, visa.kind, visa.placement], [1, 'visa', null]);
  assert.deepEqual([signature.position, signature.kind], [2, 'signature']);
  assert.deepEqual(signature.placement, placement);
}

async function value(page, id) {
  return page.inputValue(id);
}

test('circuit with JavaScript (French): the signature placed by keyboard on the page', async () => {
  const page = await newPage(browser, { lang: 'fr' });
  const agent = await signInApi(page, 'agent@demo.test');
  const id = await newFolder(page, agent, `Réponse clavier ${Date.now()}`);
  await page.goto(`${BASE}/parapheur/folders/${id}/circuit`);
  await fillTwoSteps(page);
  // The placement of a signature row is a disclosure: open it from the keyboard.
  await page.focus('#step-1 summary');
  await page.keyboard.press('Enter');
  // Hydrated, the frame over the page image is focusable.
  await page.waitForSelector('#sig-rect-1[tabindex="0"]');
  await expectNoAxeViolations(page, 'circuit page (fr)');
  // From the last number field, Tab reaches the page image then the frame.
  await page.focus('#field-h_1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sig-rect-1', 'the frame takes the focus');
  // Unplaced, the frame waits in the middle of the page; each arrow moves it 2 pt, Shift 20 pt.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  const x = (PAGE_W - 180) / 2 + 6;
  const y = (PAGE_H - 60) / 2 + 20;
  assert.equal(await value(page, '#field-page_1'), '1');
  assert.equal(await value(page, '#field-x_1'), String(x));
  assert.equal(await value(page, '#field-y_1'), String(y));
  assert.equal(await value(page, '#field-w_1'), '180');
  assert.equal(await value(page, '#field-h_1'), '60');
  const live = await page.textContent('#placement-1 [aria-live]');
  assert.ok(live.includes(`x ${x}`) && live.includes(`y ${y}`), `announced: ${live}`);
  await expectNoAxeViolations(page, 'circuit page with a placed frame (fr)');
  await screenshot(page, 'parapheur-placement-keyboard-fr');
  await Promise.all([page.waitForNavigation(), page.click('#start-circuit')]);
  assert.equal(new URL(page.url()).pathname, `/parapheur/folders/${id}`, 'back to the folder');
  assertTwoSteps(await savedSteps(page, id), { page: 1, x, y, width: 180, height: 60 });
  await page.context().close();
});

test('circuit without JavaScript (Arabic): the signature placed by clicking on the page image', async () => {
  const page = await newPage(browser, { lang: 'ar', js: false });
  const agent = await signInApi(page, 'agent@demo.test');
  const id = await newFolder(page, agent, `Réponse clic ${Date.now()}`);
  const url = `${BASE}/parapheur/folders/${id}/circuit`;

  // axe needs scripts: the same page in Arabic with JavaScript, before and after a refused start.
  const checker = await newPage(browser, { lang: 'ar' });
  await signInApi(checker, 'agent@demo.test');
  await checker.goto(url);
  assert.equal(await checker.getAttribute('html', 'dir'), 'rtl');
  await expectNoAxeViolations(checker, 'circuit page (ar)');
  await checker.selectOption('#field-user_0', { label: 'clerk' });
  await checker.selectOption('#field-role_0', 'official');
  await Promise.all([checker.waitForNavigation(), checker.click('#start-circuit')]);
  assert.ok(await checker.isVisible('#error-summary'), 'a person and a role on one row is refused');
  await expectNoAxeViolations(checker, 'circuit page with errors (ar)');
  await checker.context().close();

  await page.goto(url);
  await fillTwoSteps(page);
  await page.click('#step-1 summary');
  // A click at (400, 300) px of the 800 px image: 1 px = 595/800 pt, y counted from the bottom;
  // the 180 × 60 frame is centred there.
  const scale = PAGE_W / 800;
  const x = Math.round((400 * scale - 90) * 10) / 10;
  const y = Math.round((PAGE_H - 300 * scale - 30) * 10) / 10;
  await Promise.all([page.waitForNavigation(), page.click('input[name="place_1"]', { position: { x: 400, y: 300 } })]);
  assert.ok((await page.textContent('.notice')).length > 0, 'the page says where the signature went');
  // The form keeps the rows and shows the frame over the image.
  assert.equal(await page.inputValue('#field-kind_1'), 'signature');
  assert.equal(await value(page, '#field-page_1'), '1');
  assert.equal(await value(page, '#field-x_1'), String(x));
  assert.equal(await value(page, '#field-y_1'), String(y));
  assert.ok(await page.isVisible('#sig-rect-1'), 'the frame is drawn over the page');
  await screenshot(page, 'parapheur-placement-click-ar');
  // Enter in a field only refreshes the form: no start, no placement at (0, 0).
  await Promise.all([page.waitForNavigation(), page.press('#field-w_1', 'Enter')]);
  assert.equal(new URL(page.url()).pathname, `/parapheur/folders/${id}/circuit`);
  assert.equal(await value(page, '#field-x_1'), String(x));
  assert.equal(await page.locator('.notice').count(), 0);
  await Promise.all([page.waitForNavigation(), page.click('#start-circuit')]);
  assert.equal(new URL(page.url()).pathname, `/parapheur/folders/${id}`);
  assertTwoSteps(await savedSteps(page, id), { page: 1, x, y, width: 180, height: 60 });
  await page.context().close();
});

test('a frame outside the page is refused with the page size', async () => {
  const page = await newPage(browser, { lang: 'fr', js: false });
  const agent = await signInApi(page, 'agent@demo.test');
  const id = await newFolder(page, agent, `Réponse hors page ${Date.now()}`);
  await page.goto(`${BASE}/parapheur/folders/${id}/circuit`);
  await fillTwoSteps(page);
  await page.click('#step-1 summary');
  for (const [f, v] of [['page', '1'], ['x', '500'], ['y', '100'], ['w', '180'], ['h', '60']]) await page.fill(`#field-${f}_1`, v);
  const [res] = await Promise.all([page.waitForNavigation(), page.click('#start-circuit')]);
  assert.equal(res.status(), 400);
  assert.ok((await page.textContent('#error-summary')).includes('595 × 842'), 'the message gives the page size');
  const folder = await (await page.request.get(`${BASE}/api/v1/parapheur/folders/${id}`)).json();
  assert.equal(folder.status, 'draft', 'nothing started');
  await page.context().close();
});

test('the key, delegation, template and settings pages pass axe (French and Arabic)', async () => {
  for (const lang of ['fr', 'ar']) {
    const official = await newPage(browser, { lang });
    await signInApi(official, 'official@demo.test');
    for (const path of ['/parapheur/keys', '/parapheur/delegations', '/parapheur/settings']) {
      await official.goto(`${BASE}${path}`);
      await expectNoAxeViolations(official, `${path} (${lang})`);
      await screenshot(official, `parapheur${path.replaceAll('/', '-')}-official-${lang}`);
    }
    await official.context().close();
    const admin = await newPage(browser, { lang });
    await signInApi(admin, 'admin@demo.test');
    for (const path of ['/parapheur/templates', '/parapheur/settings']) {
      await admin.goto(`${BASE}${path}`);
      await expectNoAxeViolations(admin, `${path} (${lang})`);
      await screenshot(admin, `parapheur${path.replaceAll('/', '-')}-${lang}`);
    }
    await admin.context().close();
  }
});
