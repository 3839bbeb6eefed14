// The e-parapheur, end to end: the clerk registers a letter and assigns it to the personnel
// service; the service's agent creates a folder answering it (main PDF + annex) and sets
// a two-step circuit on the circuit page: visa by the head of the service, then signature by the official
// (placed on page 1); the head approves from the folder page, by keyboard; the official
// sees the page images with the place of the signature, signs with the key's PIN, by
// keyboard; the history shows both, the downloaded document carries the signature, and
// the citizen finds the signed answer in their space (sent through the bureau d'ordre).
// In French and in Arabic (right-to-left), axe-core on every parapheur page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, launch, newPage, makePdf, expectNoAxeViolations, screenshot, signInWithForm, submitForm } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PIN = '123456'; // the demo signatories' keys (backend/src/domain/seed.rs)

async function signIn(lang, email) {
  const page = await newPage(browser, { lang });
  await signInWithForm(page, email);
  return page;
}


/** The clerk registers a letter and assigns it to the personnel service; returns its number. */
async function incomingLetter(lang, t, subject) {
  const clerk = await signIn(lang, 'clerk@demo.test');
  await clerk.goto(`${BASE}/bureau/paper`);
  await clerk.fill('#field-correspondent_name', 'Citoyen Démo');
  await clerk.fill('#field-subject', subject);
  await clerk.fill('#field-message', 'Demande reçue au guichet.');
  await clerk.fill('#field-filer_email', 'citizen@demo.test');
  await clerk.setInputFiles('#field-documents', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: makePdf('Scan') });
  await submitForm(clerk, 'form[method="post"][action="/bureau/paper"]');
  const number = (await clerk.textContent('h1')).match(/DEMO-\d{4}-A-\d+/)?.[0];
  assert.ok(number, `registered: ${clerk.url()}`);
  await clerk.selectOption('#field-unit_id', { label: t.unit });
  await submitForm(clerk, '#assign-form');
  await clerk.context().close();
  return number;
}

/** Presses Enter in a form field and waits for the page the form leads to. */
async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function flow({ lang, t }) {
  const subject = `Attestation ${lang} ${Date.now()}`;
  const number = await incomingLetter(lang, t, subject);

  // The head of the service approves, the official signs.
  const head = await signIn(lang, 'head@demo.test');
  const official = await signIn(lang, 'official@demo.test');

  // 1. The agent creates the folder answering the letter.
  const agent = await signIn(lang, 'agent@demo.test');
  await agent.goto(`${BASE}/parapheur`);
  await expectNoAxeViolations(agent, `parapheur inbox (${lang})`);
  await Promise.all([agent.waitForNavigation(), agent.click('a[href="/parapheur/new"]')]);
  await expectNoAxeViolations(agent, `new folder form (${lang})`);
  const title = `Réponse : ${subject}`;
  await agent.fill('#field-title', title);
  await agent.setInputFiles('#field-main', { name: 'reponse.pdf', mimeType: 'application/pdf', buffer: makePdf('Reponse signee') });
  await agent.setInputFiles('#field-annexes', { name: 'annexe.pdf', mimeType: 'application/pdf', buffer: makePdf('Annexe') });
  const entryOption = agent.locator('#field-entry_id option', { hasText: number });
  await agent.selectOption('#field-entry_id', await entryOption.getAttribute('value'));
  await submitForm(agent, 'form[action="/parapheur/new"]');
  const folderUrl = agent.url();
  const folderId = Number(new URL(folderUrl).pathname.match(/^\/parapheur\/folders\/(\d+)$/)?.[1]);
  assert.ok(folderId, `folder page: ${folderUrl}`);
  assert.ok((await agent.textContent('.notice')).length > 0, 'created notice');
  assert.ok((await agent.textContent('main')).includes(number), 'the folder names the letter it answers');
  assert.equal(await agent.locator(`a[href="/parapheur/folders/${folderId}/circuit"]`).count(), 1, 'the originator may set the circuit');
  await expectNoAxeViolations(agent, `draft folder (${lang})`);

  // 2. The two-step circuit, on the circuit page: visa by the head, then signature by the
  //    official, placed on page 1.
  await Promise.all([agent.waitForNavigation(), agent.click(`a[href="/parapheur/folders/${folderId}/circuit"]`)]);
  await agent.selectOption('#field-user_0', { label: 'head' });
  await agent.selectOption('#field-kind_1', 'signature');
  await agent.selectOption('#field-user_1', { label: 'official' });
  if (!(await agent.isVisible('#field-x_1'))) await agent.click('#step-1 summary');
  for (const [f, v] of [['page', '1'], ['x', '330'], ['y', '80'], ['w', '200'], ['h', '70']]) await agent.fill(`#field-${f}_1`, v);
  await Promise.all([agent.waitForNavigation(), agent.click('#start-circuit')]);
  assert.equal(new URL(agent.url()).pathname, `/parapheur/folders/${folderId}`, 'back to the folder');
  assert.ok((await agent.textContent('#current-step')).includes('head'), 'the head is to act');
  await expectNoAxeViolations(agent, `folder at its first step (${lang})`);

  // 3. The head finds it in their inbox and approves it, by keyboard.
  await head.goto(`${BASE}/parapheur`);
  assert.ok((await head.textContent('#to-act')).includes(title), 'waiting for the head');
  await expectNoAxeViolations(head, `head's inbox (${lang})`);
  await Promise.all([head.waitForNavigation(), head.click(`#to-act a[href="/parapheur/folders/${folderId}"]`)]);
  assert.equal(await head.locator('#sign-form').count(), 0, 'a visa step has no signature form');
  await expectNoAxeViolations(head, `folder at the visa step (${lang})`);
  await head.focus('#approve-reason');
  await head.keyboard.type(t.comment);
  await head.keyboard.press('Tab');
  assert.equal(await head.evaluate(() => document.activeElement?.closest('form')?.id), 'approve-form', 'Tab reaches the approve button');
  await enter(head);
  assert.ok((await head.textContent('.notice')).includes(t.approved), 'visa recorded');

  // 4. The official sees the page images and where the signature goes, and signs by keyboard.
  await official.goto(`${BASE}/parapheur`);
  assert.equal(await official.locator(`#batch-${folderId}`).count(), 1, 'offered for batch signing');
  await expectNoAxeViolations(official, `official's inbox (${lang})`);
  await official.goto(`${BASE}/parapheur/folders/${folderId}`);
  const img = official.locator('.pf-page img').first();
  await img.scrollIntoViewIfNeeded();
  await official.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  assert.equal(await img.evaluate((el) => el.naturalWidth), 800, 'pages are rendered 800 px wide');
  assert.ok((await img.getAttribute('alt')).includes('reponse.pdf'), 'the image says what it shows');
  assert.equal(await official.locator('.pf-frame').count(), 1, 'the place of the signature is framed');
  const src = await img.getAttribute('src');
  const bad = await official.request.get(`${BASE}${src.replace(/\/1\.png(\?.*)?$/, '/99.png')}`);
  assert.equal(bad.status(), 404, 'a page out of range is not found');
  assert.ok((await bad.text()).includes(t.onePage), 'and the answer says how many pages there are');
  await expectNoAxeViolations(official, `folder at the signature step (${lang})`);
  await screenshot(official, `parapheur-sign-${lang}`);
  await official.focus('#sign-pin');
  await official.keyboard.type(PIN);
  await enter(official);
  assert.ok((await official.textContent('.notice')).includes(t.signed), `signed: ${await official.textContent('main')}`);
  assert.ok((await official.textContent('.facts')).includes(t.completed), 'the folder is completed');

  // 5. The history shows the visa and the signature, by whom.
  const history = await official.textContent('#history');
  for (const s of [t.evApproved, t.evSigned, 'head', 'official', t.comment]) assert.ok(history.includes(s), `history has "${s}": ${history}`);
  await expectNoAxeViolations(official, `completed folder (${lang})`);
  await screenshot(official, `parapheur-done-${lang}`);

  // 6. The signed document downloads with its signature.
  const href = await official.locator('.pf-document a[href*="/documents/"]').first().getAttribute('href');
  const pdf = await official.request.get(`${BASE}${href}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sijill-folder-')), 'signed.pdf');
  fs.writeFileSync(file, await pdf.body());
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.toString('latin1').includes('/ByteRange'), 'the downloaded document is signed');

  // The originator sees it among the recently done.
  await agent.goto(`${BASE}/parapheur`);
  assert.ok((await agent.textContent('#done')).includes(title), 'done for the agent');

  // 7. The signed answer went out through the bureau d'ordre to the filer's space: the
  //    citizen downloads it, with the official's signature.
  const citizen = await signIn(lang, 'citizen@demo.test');
  let row;
  for (let i = 0; i < 60; i += 1) {
    await citizen.goto(`${BASE}/filings`);
    row = citizen.locator('tr', { hasText: number });
    if ((await row.count()) > 0 && (await row.textContent()).includes(t.answered)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok((await row.textContent()).includes(t.answered), 'My filings shows answered');
  await Promise.all([citizen.waitForNavigation(), row.locator(`a:text("${number}")`).click()]);
  const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.click('a[download][href*="/answers/"]')]);
  const answer = path.join(path.dirname(file), 'answer.pdf');
  await download.saveAs(answer);
  const signed = fs.readFileSync(answer).toString('latin1');
  assert.ok(signed.startsWith('%PDF-') && signed.includes('/ByteRange'), 'the answer is the signed PDF');
  assert.ok(signed.includes('Parapheur-'), 'signed in the parapheur (its signature field)');
  await expectNoAxeViolations(citizen, `filing page with the signed answer (${lang})`);
  for (const p of [agent, head, official, citizen]) await p.context().close();
}

test('parapheur in French: create on an answer, visa by the head, signature by the official', async () => {
  await flow({ lang: 'fr', t: {
    unit: 'Service du personnel', comment: 'Vu, bon pour signature', approved: 'Visa enregistré', signed: 'signé',
    completed: 'Terminé', answered: 'Répondu', onePage: 'en compte 1', evApproved: 'Visa', evSigned: 'Signature',
  } });
});

test('parapheur in Arabic (right-to-left): the same flow', async () => {
  await flow({ lang: 'ar', t: {
    unit: 'مصلحة الموظفين', comment: 'اطلعت عليه', approved: 'تم تسجيل التأشيرة', signed: 'تم توقيع',
    completed: 'منتهٍ', answered: 'تم الرد', onePage: 'عدد صفحات الوثيقة 1', evApproved: 'تأشيرة', evSigned: 'توقيع',
  } });
});

test('parapheur pages in Tifinagh and English pass axe; a folder is created without JavaScript', async () => {
  for (const lang of ['zgh', 'en']) {
    const agent = await signIn(lang, 'agent@demo.test');
    await agent.goto(`${BASE}/parapheur`);
    await expectNoAxeViolations(agent, `parapheur inbox (${lang})`);
    await agent.goto(`${BASE}/parapheur/new`);
    await expectNoAxeViolations(agent, `new folder form (${lang})`);
    // The same form in a browser without JavaScript gives a draft with its page images.
    const plain = await newPage(browser, { lang, js: false });
    await plain.context().addCookies(await agent.context().cookies());
    await plain.goto(`${BASE}/parapheur/new`);
    await plain.fill('#field-title', `Note ${lang} ${Date.now()}`);
    await plain.setInputFiles('#field-main', { name: 'note.pdf', mimeType: 'application/pdf', buffer: makePdf('Note') });
    await submitForm(plain, 'form[action="/parapheur/new"]');
    assert.match(new URL(plain.url()).pathname, /^\/parapheur\/folders\/\d+$/, `draft page: ${plain.url()}`);
    assert.ok(await plain.isVisible('.pf-page img'), 'the page image shows without JavaScript');
    await agent.goto(plain.url());
    await expectNoAxeViolations(agent, `draft folder (${lang})`);
    await plain.context().close();
    await agent.context().close();
  }
});
