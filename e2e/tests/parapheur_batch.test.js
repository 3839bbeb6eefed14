// Batch signing from the parapheur's inbox: the agent starts two folders whose only step
// is the official's signature (JSON API); the official ticks both on /parapheur, types the
// PIN of the demo key (123456) and signs. The batch page never reloads itself: with
// JavaScript (French) the BatchProgress island brings it to "finished" in place and says
// so once through its polite live region; without JavaScript (Arabic) the official follows
// the Update link until it is over. Both folders end signed (circuit completed), and
// axe-core finds no violations on the batch page in either language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, makePdf, expectNoAxeViolations, screenshot, signInApi } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY_PIN = '123456';

/** A folder created by the agent and started with one step: the official's signature. */
async function folderToSign(agentPage, agent, official, title) {
  const administration = agent.roles.find((r) => r.role !== 'filer').administration_id;
  const res = await agentPage.request.post(`${BASE}/api/v1/parapheur/folders`, {
    multipart: {
      administration_id: String(administration),
      title,
      main: { name: 'reponse.pdf', mimeType: 'application/pdf', buffer: makePdf(title) },
    },
  });
  assert.equal(res.status(), 201, `folder created: ${await res.text()}`);
  const id = (await res.json()).id;
  const started = await agentPage.request.post(`${BASE}/api/v1/parapheur/folders/${id}/circuit`, {
    data: { steps: [{ position: 1, kind: 'signature', mode: 'all', user_id: official.id }] },
  });
  assert.equal(started.status(), 200, `circuit started: ${await started.text()}`);
  return id;
}

/** Two folders for the official, started by the agent (own browser context). */
async function twoFolders(tag) {
  const page = await newPage(browser, { lang: 'fr' });
  const agent = await signInApi(page, 'agent@demo.test');
  // The official's id, from a throwaway sign-in in another context.
  const other = await newPage(browser, { lang: 'fr' });
  const official = await signInApi(other, 'official@demo.test');
  await other.context().close();
  const stamp = Date.now();
  const ids = [
    await folderToSign(page, agent, official, `Lot ${tag} A ${stamp}`),
    await folderToSign(page, agent, official, `Lot ${tag} B ${stamp}`),
  ];
  await page.context().close();
  return ids;
}

/** On /parapheur: tick both folders, type the PIN, sign; returns the batch page's first HTML. */
async function signBoth(page, ids) {
  await page.goto(`${BASE}/parapheur`);
  for (const id of ids) await page.check(`#batch-${id}`);
  await page.fill('#batch-pin', KEY_PIN);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('#batch-form button[type=submit]'),
  ]);
  assert.match(page.url(), /\/parapheur\/batches\/\d+$/, 'the batch page');
  assert.equal(response.status(), 200);
  return response.text();
}

async function assertBothSigned(page, ids) {
  for (const id of ids) {
    assert.equal(await page.locator(`tr.batch-signed[data-folder="${id}"]`).count(), 1, `folder ${id} signed`);
    const res = await page.request.get(`${BASE}/api/v1/parapheur/folders/${id}`);
    assert.equal((await res.json()).status, 'completed', `folder ${id}: circuit completed`);
  }
  assert.equal(await page.locator('meta[http-equiv]').count(), 0, 'never a self-reloading page');
  assert.equal(await page.locator('#batch-update').count(), 0, 'no Update link once over');
}

test('batch signing with JavaScript (French): the island brings the page to the end in place', async () => {
  const ids = await twoFolders('js');
  const page = await newPage(browser, { lang: 'fr' });
  await signInApi(page, 'official@demo.test');
  let polls = 0;
  page.on('request', (r) => { if (/\/api\/v1\/parapheur\/batches\/\d+$/.test(r.url())) polls += 1; });
  const first = await signBoth(page, ids);
  assert.ok(!first.includes('http-equiv'), 'no meta refresh, even while running');
  const wasRunning = first.includes('Signature en cours');
  console.log(`batch page loaded ${wasRunning ? 'while running' : 'already finished'}`);
  // Marks this document: a reload would lose the mark.
  await page.evaluate(() => { window.sijillBatchMark = 'same page'; });
  await expectNoAxeViolations(page, `batch page (fr, ${wasRunning ? 'running' : 'finished'})`);
  await page.waitForFunction(() => document.querySelector('#batch-summary')?.textContent.startsWith('Terminé'), null, { timeout: 300_000 });
  assert.equal(await page.textContent('#batch-summary'), 'Terminé : 2 dossier(s) signé(s), 0 en échec, sur 2.');
  assert.equal(await page.getAttribute('#batch-progress', 'value'), '2');
  await assertBothSigned(page, ids);
  if (wasRunning) {
    assert.equal(await page.evaluate(() => window.sijillBatchMark), 'same page', 'updated in place, not reloaded');
    assert.ok(polls > 0, 'the island asked the batch API');
    assert.equal(await page.textContent('#batch-announce'), 'Terminé : 2 dossier(s) signé(s), 0 en échec, sur 2.', 'the end announced once (polite)');
  }
  assert.equal(await page.getAttribute('#batch-announce', 'aria-live'), 'polite');
  await expectNoAxeViolations(page, 'batch page (fr, finished)');
  await screenshot(page, 'parapheur-batch-fr');
  await page.context().close();
});

/** axe needs JavaScript: the same batch page, read by the official in a JS context. */
async function axeAsOfficial(url, lang, label) {
  const checker = await newPage(browser, { lang });
  await signInApi(checker, 'official@demo.test');
  await checker.goto(url);
  await expectNoAxeViolations(checker, label);
  await checker.context().close();
}

test('batch signing without JavaScript (Arabic): the Update link until it is over', async () => {
  const ids = await twoFolders('nojs');
  const page = await newPage(browser, { lang: 'ar', js: false });
  await signInApi(page, 'official@demo.test');
  const first = await signBoth(page, ids);
  assert.ok(!first.includes('http-equiv'), 'no meta refresh');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const url = page.url();
  await axeAsOfficial(url, 'ar', 'batch page (ar)');
  const deadline = Date.now() + 300_000;
  while (await page.locator('#batch-update a').count() > 0) {
    assert.ok(Date.now() < deadline, 'the batch never finished');
    // Nothing changes by itself: the reader asks.
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all([page.waitForNavigation(), page.click('#batch-update a')]);
    assert.equal(page.url(), url, 'the Update link is the same page');
  }
  assert.equal(await page.textContent('#batch-summary'), 'انتهى: وُقّع 2 ملف(ات)، وتعذر 0، من أصل 2.');
  await assertBothSigned(page, ids);
  await axeAsOfficial(url, 'ar', 'batch page (ar, finished)');
  await screenshot(page, 'parapheur-batch-ar-nojs');
  await page.context().close();
});

// The key page's token and remote-key forms, refused input only (a success would replace
// the demo official's key that the other tests sign with).
test('key page: the PKCS#11 and CSC forms explain what to correct, axe-clean (French and Arabic)', async () => {
  for (const [lang, moduleMsg, urlMsg] of [
    ['fr', 'Indiquez le chemin complet du module', 'Indiquez une adresse commençant par https://'],
    ['ar', 'أدخل المسار الكامل للوحدة', 'أدخل عنوانا يبدأ بـ https://'],
  ]) {
    const page = await newPage(browser, { lang });
    await signInApi(page, 'official@demo.test');
    await page.goto(`${BASE}/parapheur/keys`);
    await expectNoAxeViolations(page, `key page (${lang})`);
    await page.fill('#field-module', 'libsofthsm2.so');
    await page.fill('#field-token', 'jeton');
    await Promise.all([page.waitForNavigation(), page.click('#key-pkcs11 button[type=submit]')]);
    assert.ok((await page.textContent('#field-module-error')).includes(moduleMsg));
    assert.ok(await page.locator('#field-key_label-error').count() === 1, 'the key label is required');
    assert.equal(await page.inputValue('#field-module'), 'libsofthsm2.so', 'what was typed stays');
    await expectNoAxeViolations(page, `key page with PKCS#11 errors (${lang})`);
    await page.fill('#field-endpoint', 'ftp://csc.example');
    await page.fill('#field-credential_id', 'cred-1');
    await Promise.all([page.waitForNavigation(), page.click('#key-csc button[type=submit]')]);
    assert.ok((await page.textContent('#field-endpoint-error')).includes(urlMsg));
    await expectNoAxeViolations(page, `key page with CSC errors (${lang})`);
    await screenshot(page, `parapheur-keys-errors-${lang}`);
    const key = await (await page.request.get(`${BASE}/api/v1/parapheur/keys`)).json();
    assert.equal(key.kind, 'pkcs12', 'the demo key is still the active one');
    await page.context().close();
  }
});
