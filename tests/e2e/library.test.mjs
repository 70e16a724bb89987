// The designs library, as two tabs of one browser see it: each design is its own
// record, tabs on different designs never touch each other's, tabs on one design stay
// in step, concurrent edits offer a choice, links and files open as new designs, the
// old single autosave migrates, a failing storage says so and loses nothing.
// Pages of one browser context share localStorage and IndexedDB, as tabs do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newPage, ready, ROOT, ARTIFACTS } from './harness.mjs';
import { useApp, shot } from './suite.mjs';

const app = useApp();

const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();
const saved = (page) => page.locator('[data-testid="saved"]', { hasText: 'Saved in this browser' }).waitFor();

/** Renames the outline entity called `from` to `to` through the inspector. */
async function rename(page, from, to) {
  await outlineRow(page, from).click();
  const field = page.locator('#inspector input[data-field="name"]');
  await field.fill(to);
  await field.press('Tab');
}

/** A second tab of the same browser (shares storage), opened on the app. */
async function tab(context, url = app.server.url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

/** The names in the Designs dialog, in its order; closes it again. */
async function library(page) {
  await page.getByRole('button', { name: 'Designs', exact: true }).click();
  const rows = page.locator('.design-row .design-name');
  await rows.first().waitFor();
  const names = await rows.allTextContents();
  await page.keyboard.press('Escape');
  return names;
}

/** The design's name as the outline shows it. */
const designName = (page) => page.locator('nav.outline .row.design .name').textContent();

test('two tabs editing one design in turn keep every edit, also after both close', async () => {
  const { context, page: a, problems } = await newPage(app.browser);
  await a.goto(app.server.url);
  await ready(a);
  await rename(a, 'smartinvoice-alb-sg', 'edge-sg-by-a');
  await saved(a);
  const { page: b, problems: bProblems } = await tab(context);
  await outlineRow(b, 'edge-sg-by-a').waitFor(); // B opens the design A edited last
  await rename(b, 'smartinvoice-backend-sg', 'app-sg-by-b');
  await saved(b);
  // A follows B's edit, then makes one more of its own.
  await outlineRow(a, 'app-sg-by-b').waitFor({ timeout: 1500 });
  await rename(a, 'smartinvoice-ocr-sg', 'ocr-sg-by-a');
  await saved(a);
  await outlineRow(b, 'ocr-sg-by-a').waitFor({ timeout: 1500 });
  await a.close();
  await b.close();
  const { page: c, problems: cProblems } = await tab(context);
  for (const name of ['edge-sg-by-a', 'app-sg-by-b', 'ocr-sg-by-a']) {
    await outlineRow(c, name).waitFor();
  }
  assert.deepEqual(await library(c), ['smartinvoice'], 'one design holds all three edits');
  assert.deepEqual([...problems, ...bProblems, ...cProblems], []);
  await context.close();
});

test('an edit in one tab appears in the other tab on the same design within a second', async () => {
  const { context, page: a, problems } = await newPage(app.browser);
  await a.goto(app.server.url);
  await ready(a);
  await saved(a); // the first start stores the reference design; B then opens it
  const { page: b } = await tab(context);
  const latencies = [];
  for (const [i, subnet] of ['smartinvoice-public-1a', 'smartinvoice-public-1b', 'smartinvoice-private-1a'].entries()) {
    const to = `synced-${i}`;
    await rename(a, subnet, to);
    const t0 = Date.now();
    await outlineRow(b, to).waitFor({ timeout: 1000 });
    latencies.push(Date.now() - t0);
  }
  writeFileSync(join(ARTIFACTS, 'tab-sync-latency.txt'), `edit in one tab -> shown in the other (ms, after the field lost focus): ${latencies.join(', ')}\n`);
  // Undo stays per tab: B has nothing to undo, A undoes its own last step.
  assert.equal(await b.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true);
  await a.keyboard.press('Escape');
  await a.keyboard.press('Control+z');
  await outlineRow(b, 'smartinvoice-private-1a').waitFor({ timeout: 1000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('edits made in two tabs at once offer "keep mine as a copy" and "take theirs"', async () => {
  const { context, page: a, problems } = await newPage(app.browser);
  await a.goto(app.server.url);
  await ready(a);
  await saved(a);
  const { page: b } = await tab(context);
  await outlineRow(a, 'smartinvoice-vpc').click();
  await outlineRow(b, 'smartinvoice-vpc').click();
  // Both type before either autosave runs.
  await Promise.all([
    a.locator('#inspector input[data-field="name"]').fill('vpc-by-a'),
    b.locator('#inspector input[data-field="name"]').fill('vpc-by-b'),
  ]);
  const banner = (p) => p.locator('[data-testid="conflict"]');
  await Promise.race([banner(a).waitFor(), banner(b).waitFor()]);
  const [loser, winner, mine, theirs] = await banner(b).isVisible() ? [b, a, 'vpc-by-b', 'vpc-by-a'] : [a, b, 'vpc-by-a', 'vpc-by-b'];
  assert.equal(await banner(winner).count(), 0, 'only the second writer is asked');
  assert.match(await banner(loser).textContent(), /changed in another tab/);
  assert.match(await loser.locator('[data-testid="saved"]').textContent(), /Changed in another tab/);
  await shot(loser, '12-conflict');
  // The stored design is the first writer's: the second tab's edit is not written.
  await outlineRow(winner, theirs).waitFor();
  await loser.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await banner(loser).waitFor({ state: 'detached' });
  await saved(loser);
  await outlineRow(loser, mine).waitFor();
  assert.equal(await designName(loser), 'smartinvoice (copy)');
  assert.deepEqual((await library(winner)).sort(), ['smartinvoice', 'smartinvoice (copy)']);
  await outlineRow(winner, theirs).waitFor();

  // Again on the copy, and this time the second tab takes the other's version.
  await loser.close();
  const { page: c } = await tab(context);
  await outlineRow(c, mine).waitFor();
  const { page: d } = await tab(context);
  await outlineRow(c, mine).click();
  await outlineRow(d, mine).click();
  await Promise.all([
    c.locator('#inspector input[data-field="name"]').fill('second-c'),
    d.locator('#inspector input[data-field="name"]').fill('second-d'),
  ]);
  await Promise.race([banner(c).waitFor(), banner(d).waitFor()]);
  const [second, first, kept] = await banner(d).isVisible() ? [d, c, 'second-c'] : [c, d, 'second-d'];
  await second.getByRole('button', { name: 'Take theirs' }).click();
  await banner(second).waitFor({ state: 'detached' });
  await outlineRow(second, kept).waitFor();
  await saved(second);
  await outlineRow(first, kept).waitFor();
  assert.deepEqual((await library(first)).sort(), ['smartinvoice', 'smartinvoice (copy)']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link or a file opened in a second tab is a new design and leaves the first tab\'s alone', async () => {
  const { context, page: a, problems } = await newPage(app.browser);
  await a.goto(app.server.url);
  await ready(a);
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  await a.locator('[data-testid="share-length"]').waitFor();
  const link = await a.locator('#share-link').inputValue();
  await a.keyboard.press('Escape');
  await rename(a, 'smartinvoice-public-1a', 'kept-by-a');
  await saved(a);
  // The link holds the design before A's edit: a new design in the library.
  const { page: b } = await tab(context, link);
  await outlineRow(b, 'smartinvoice-public-1a').waitFor();
  await saved(b);
  assert.equal(new URL(b.url()).hash, '', 'the fragment is cleared');
  await rename(b, 'smartinvoice-public-1b', 'changed-by-b');
  await saved(b);
  await a.waitForTimeout(800);
  assert.equal(await outlineRow(a, 'kept-by-a').count(), 1);
  assert.equal(await outlineRow(a, 'changed-by-b').count(), 0, 'A is untouched by B');
  assert.deepEqual(await library(a), ['smartinvoice', 'smartinvoice']);
  // The same link again: it is already in the library, so the app offers to open it.
  const c = await context.newPage();
  await c.goto(link);
  const offer = c.getByRole('dialog', { name: 'This design is already in your library' });
  await offer.waitFor();
  await shot(c, '13-link-offer');
  await offer.getByRole('button', { name: /^(Open|Keep editing) "smartinvoice"$/ }).click();
  await outlineRow(c, 'changed-by-b').waitFor();
  assert.equal((await library(c)).length, 2, 'nothing was added');
  // A file opened in A is a new design too; A's previous design stays in the library.
  const good = readFileSync(join(ROOT, 'crates/core/tests/fixtures/hostile-names.json'));
  await a.locator('input[type="file"]').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: good });
  await a.locator('.statusbar .notice', { hasText: 'Opened hostile.json as a new design' }).waitFor();
  await saved(a);
  assert.equal((await library(a)).length, 3);
  assert.equal(await a.getByRole('dialog').count(), 0, 'no "replace unsaved work?" question');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Designs dialog opens, renames, duplicates and deletes designs, and a reload keeps them all', async () => {
  const { context, page, problems } = await newPage(app.browser);
  await page.goto(app.server.url);
  await ready(page);
  await saved(page);
  await page.getByLabel('New design').selectOption('wizard');
  await page.getByRole('button', { name: 'Create design' }).click();
  await outlineRow(page, 'project-vpc').waitFor();
  await saved(page);
  await page.getByLabel('New design').selectOption('empty');
  await page.locator('nav.outline .row.design .name', { hasText: 'untitled' }).waitFor();
  await saved(page);
  // D opens the list outside a text field.
  await page.locator('body').click({ position: { x: 5, y: 790 } }).catch(() => {});
  await page.keyboard.press('Escape');
  await page.keyboard.press('d');
  const dialog = page.getByRole('dialog', { name: 'Designs' });
  await dialog.waitFor();
  const names = () => dialog.locator('.design-row .design-name').allTextContents();
  await dialog.locator('.design-row').nth(2).waitFor();
  assert.deepEqual(await names(), ['untitled', 'project', 'smartinvoice'], 'newest first');
  assert.match(await dialog.locator('.design-row').nth(1).textContent(), /ap-southeast-1 · 1 VPC · 4 subnets · 0 groups · 0 roles/);
  assert.match(await dialog.locator('[data-testid="library-space"]').textContent(), /3 designs use [\d.]+ (KB|bytes)/);
  await shot(page, '14-designs');
  // Rename the reference design (not the open one).
  const reference = dialog.locator('.design-row', { hasText: 'smartinvoice' });
  await reference.getByRole('button', { name: 'Rename' }).click();
  await dialog.getByLabel('New name').fill('reference copy-edited');
  await dialog.getByLabel('New name').press('Enter');
  await dialog.locator('.design-name', { hasText: 'reference copy-edited' }).waitFor();
  // Duplicate it, then delete the duplicate after confirming.
  await dialog.locator('.design-row', { hasText: 'reference copy-edited' }).first().getByRole('button', { name: 'Duplicate' }).click();
  await dialog.locator('.design-name', { hasText: 'reference copy-edited (copy)' }).waitFor();
  const copy = dialog.locator('.design-row', { hasText: 'reference copy-edited (copy)' });
  await copy.getByRole('button', { name: 'Delete' }).click();
  await copy.getByRole('button', { name: 'Keep' }).waitFor();
  await copy.getByRole('button', { name: 'Delete' }).click();
  await copy.waitFor({ state: 'detached' });
  assert.equal((await names()).length, 3);
  // Open the renamed design.
  await dialog.locator('.design-row', { hasText: 'reference copy-edited' }).getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
  await outlineRow(page, 'smartinvoice-vpc').waitFor();
  assert.equal(await designName(page), 'reference copy-edited');
  await page.reload();
  await ready(page);
  assert.equal(await designName(page), 'reference copy-edited', 'a reload reopens the design this tab had');
  assert.deepEqual((await library(page)).sort(), ['project', 'reference copy-edited', 'untitled']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the design autosaved by the previous version moves into the library', async () => {
  const { context, page, problems } = await newPage(app.browser);
  const old = readFileSync(join(ROOT, 'crates/core/tests/fixtures/hostile-names.json'), 'utf8');
  // What the previous version left in localStorage, there before the app first starts.
  await context.addInitScript((text) => {
    if (!localStorage.getItem('seeded')) {
      localStorage.setItem('seeded', '1');
      localStorage.setItem('netwright.autosave', text);
      localStorage.setItem('netwright.autosave.dirty', '1');
    }
  }, old);
  await page.goto(app.server.url);
  await ready(page);
  const name = JSON.parse(old).design.name;
  assert.equal(await designName(page), name);
  assert.equal(await page.evaluate(() => localStorage.getItem('netwright.autosave')), null, 'the old key is removed');
  assert.equal(await page.evaluate(() => localStorage.getItem('netwright.autosave.dirty')), null);
  // Lossless: the record holds the old text as it was.
  const stored = await page.evaluate(() => new Promise((ok, err) => {
    const open = indexedDB.open('netwright');
    open.onsuccess = () => {
      const req = open.result.transaction('docs').objectStore('docs').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => err(req.error);
    };
  }));
  assert.deepEqual(stored, [old]);
  assert.match(await page.locator('[data-testid="saved"]').textContent(), /not saved to a file/);
  await page.reload();
  await ready(page);
  assert.equal(await designName(page), name);
  assert.deepEqual(await library(page), [name]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a failing storage says so, keeps the design in the tab, and stores it once it works again', async () => {
  const { context, page, problems } = await newPage(app.browser);
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto(app.server.url);
  await ready(page);
  await saved(page);
  await page.evaluate(() => { window.__full = true; });
  await rename(page, 'smartinvoice-private-1a', 'kept-in-memory');
  const notice = page.locator('.statusbar .notice.error');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Could not save in the browser: the browser's storage for this site is full\. The design stays open in this tab; use Save/);
  await page.locator('[data-testid="saved"].error', { hasText: 'Not saved in the browser' }).waitFor();
  await shot(page, '15-storage-full');
  await outlineRow(page, 'kept-in-memory').waitFor();
  // Save still works as the way out.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  assert.match(readFileSync(await download.path(), 'utf8'), /kept-in-memory/);
  // Space again: the next edit stores both.
  await page.evaluate(() => { window.__full = false; });
  await rename(page, 'smartinvoice-private-1b', 'stored-later');
  await saved(page);
  await page.reload();
  await ready(page);
  await outlineRow(page, 'kept-in-memory').waitFor();
  await outlineRow(page, 'stored-later').waitFor();
  // The failures were reported by the app, not as console errors.
  assert.deepEqual(problems, []);
  await context.close();
});

test('edits a closing tab had not stored yet are kept and stored at the next start', async () => {
  const { context, page, problems } = await newPage(app.browser);
  // IndexedDB writes begun while a page closes may never finish: simulate the worst
  // case, every write from the closing page failing, so only the journal can save it.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    addEventListener('pagehide', () => { window.__closing = true; });
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__closing) throw new DOMException('The page is closing.', 'AbortError');
      return put.apply(this, args);
    };
  });
  await page.goto(app.server.url);
  await ready(page);
  await saved(page);
  await outlineRow(page, 'smartinvoice-public-1a').click();
  await page.locator('#inspector input[data-field="name"]').fill('typed-then-closed');
  await page.close({ runBeforeUnload: true }); // within the autosave's delay
  // The closing page left its edit in a journal (read from a page of the same origin
  // that does not run the app).
  const peek = await context.newPage();
  await peek.goto(`${app.server.url}sw.js`);
  const journals = await peek.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('netwright.journal.')).map(([, v]) => v));
  assert.equal(journals.length, 1);
  assert.match(journals[0], /typed-then-closed/);
  await peek.close();
  const { page: next, problems: nextProblems } = await tab(context);
  await outlineRow(next, 'typed-then-closed').waitFor();
  assert.deepEqual(await next.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('netwright.journal.'))), [], 'the journal is gone once stored');
  assert.deepEqual(await library(next), ['smartinvoice']);
  await next.reload();
  await ready(next);
  await outlineRow(next, 'typed-then-closed').waitFor();
  assert.deepEqual([...problems, ...nextProblems], []);
  await context.close();
});
