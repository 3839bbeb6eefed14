// The bureau d'ordre, end to end, as the people involved would do it: the clerk registers a
// paper letter with its scan, linked to the citizen's account, and assigns it to the
// personnel service; the service's agent finds it in their work list, accepts it and drafts
// the answer; the clerk dispatches it (registered in the outgoing register, sent to the
// citizen's space); the citizen sees "answered" and downloads the answer. Once in French,
// once in Arabic (right-to-left), with axe-core on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, launch, newPage, makePdf, expectNoAxeViolations, screenshot, signInWithForm, submitForm } from './helpers.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


async function signIn(lang, email) {
  const page = await newPage(browser, { lang });
  await signInWithForm(page, email);
  return page;
}


async function flow({ lang, t }) {
  const subject = `Demande d'attestation ${lang} ${Date.now()}`;

  // 1. The clerk registers the paper letter with its scan, linked to the citizen.
  const clerk = await signIn(lang, 'clerk@demo.test');
  await clerk.goto(`${BASE}/bureau/paper`);
  await expectNoAxeViolations(clerk, `paper mail form (${lang})`);
  await clerk.fill('#field-correspondent_name', 'Citoyen Démo');
  await clerk.fill('#field-subject', subject);
  await clerk.fill('#field-message', 'Lettre reçue au guichet.');
  await clerk.fill('#field-filer_email', 'citizen@demo.test');
  await clerk.setInputFiles('#field-documents', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: makePdf('Scan') });
  await submitForm(clerk, 'form[method="post"][action="/bureau/paper"]');
  const entryUrl = new URL(clerk.url());
  const entryId = entryUrl.pathname.split('/').pop();
  assert.match(entryUrl.pathname, /^\/bureau\/entries\/[0-9a-f-]{36}$/, `entry page: ${clerk.url()}`);
  const number = (await clerk.textContent('h1')).match(/DEMO-\d{4}-A-\d+/)?.[0];
  assert.ok(number, 'the entry page shows the registration number');
  await expectNoAxeViolations(clerk, `entry page (${lang})`);

  // 2. The clerk assigns it to the personnel service, for action.
  await clerk.selectOption('#field-unit_id', { label: t.unit });
  await clerk.fill('#field-instructions', 'Préparer la réponse.');
  await submitForm(clerk, '#assign-form');
  assert.ok(clerk.url().includes(`/bureau/entries/${entryId}/routing`), clerk.url());
  assert.ok((await clerk.textContent('#routing-slip')).includes(t.unit), 'the slip names the unit');
  await expectNoAxeViolations(clerk, `routing slip (${lang})`);

  // 3. The agent finds it in their work list, accepts it and drafts the answer.
  const agent = await signIn(lang, 'agent@demo.test');
  await agent.goto(`${BASE}/work`);
  await expectNoAxeViolations(agent, `work list (${lang})`);
  assert.ok((await agent.textContent('#work-list')).includes(number), 'the work list shows the entry');
  await Promise.all([agent.waitForNavigation(), agent.click(`#work-list a:text("${number}")`)]);
  await submitForm(agent, 'form[action$="/accept"]');
  assert.ok((await agent.textContent('#routing-slip')).includes(t.accepted), 'accepted on the slip');
  await agent.fill('#field-subject', `Réponse : ${subject}`);
  // The body carries markup that would close the field and run script if printed raw.
  const body = 'Madame, Monsieur,\n\nVotre attestation est jointe.\n\nالسلام عليكم\n</textarea><img src=x onerror="window.__xss=1">&amp;';
  await agent.fill('#field-body', body);
  await submitForm(agent, `form[action="/bureau/entries/${entryId}/drafts"]`);
  assert.equal(await agent.locator('textarea[name="body"]').first().inputValue(), body, 'the saved draft shows its text as typed');
  assert.equal(await agent.locator('img[src="x"]').count(), 0, 'no element came out of the draft');
  assert.equal(await agent.evaluate(() => window.__xss), undefined, 'no script ran');
  assert.equal(await agent.locator('.dispatch-form').count(), 0, 'an agent does not dispatch');
  await expectNoAxeViolations(agent, `draft saved (${lang})`);
  await screenshot(agent, `bureau-draft-${lang}`);

  // 4. The clerk dispatches it to the citizen's space (and by e-mail).
  await clerk.goto(`${BASE}/bureau/entries/${entryId}/routing`);
  assert.equal(await clerk.locator('img[src="x"]').count(), 0, 'the official sees the draft as text');
  assert.equal(await clerk.evaluate(() => window.__xss), undefined, 'no script ran for the official');
  await clerk.check('.dispatch-form input[value="portal"]');
  await submitForm(clerk, '.dispatch-form');
  const notice = await clerk.textContent('.notice');
  const outgoing = notice.match(/DEMO-\d{4}-D-\d+/)?.[0];
  assert.ok(outgoing, `registered in the outgoing register: ${notice}`);
  assert.ok((await clerk.textContent('#entry-status')).includes(t.answered));
  await expectNoAxeViolations(clerk, `dispatched (${lang})`);
  await screenshot(clerk, `bureau-dispatched-${lang}`);

  // 5. The citizen sees "answered" and downloads the answer.
  const citizen = await signIn(lang, 'citizen@demo.test');
  await citizen.goto(`${BASE}/filings`);
  const row = citizen.locator('tr', { hasText: number });
  assert.ok((await row.textContent()).includes(t.answered), 'My filings shows answered');
  await expectNoAxeViolations(citizen, `my filings (${lang})`);
  await Promise.all([citizen.waitForNavigation(), row.locator(`a:text("${number}")`).click()]);
  assert.ok((await citizen.textContent('#answers-title')).length > 0, 'the filing page has the answer');
  assert.ok((await citizen.textContent('main')).includes(outgoing));
  await expectNoAxeViolations(citizen, `filing page with answer (${lang})`);
  await screenshot(citizen, `bureau-answer-${lang}`);
  const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.click('a[download][href*="/answers/"]')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sijill-answer-')), 'answer.pdf');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the answer is a PDF');
  assert.ok(bytes.toString('latin1').includes('/ByteRange'), 'sealed by the administration');
  for (const p of [clerk, agent, citizen]) await p.context().close();
}

test('bureau d\'ordre in French: register, assign, accept, draft, dispatch, answered', async () => {
  await flow({ lang: 'fr', t: { unit: 'Service du personnel', accepted: 'Accepté', answered: 'Répondu' } });
});

test('bureau d\'ordre in Arabic (right-to-left): the same flow', async () => {
  await flow({ lang: 'ar', t: { unit: 'مصلحة الموظفين', accepted: 'مقبول', answered: 'تم الرد' } });
});
