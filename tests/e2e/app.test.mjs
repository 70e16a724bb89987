// End-to-end tests of the release build, driven as a person would: first load, live
// validation with inline fixes and undo, export bytes equal to the CLI's, share links,
// autosave across reloads and a broken file, dialogs and the keyboard, offline use. Screenshots go to tests/e2e/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { newPage, ready, serve, ARTIFACTS, ROOT } from './harness.mjs';
import { useApp, shot, SUBNETS, cliPath, fresh as openFresh } from './suite.mjs';

const app = useApp();

const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();
const cidrField = (page) => page.locator('#inspector input[data-field="cidr"]');

const fresh = () => openFresh(app);

test('the first load shows the reference design with no CSP violation or console error', async () => {
  const { page, problems, context } = await fresh();
  const names = await page.locator('nav.outline button.row .name').allTextContents();
  for (const n of ['smartinvoice-vpc', 'smartinvoice-public-1a', 'smartinvoice-private-1b', 'smartinvoice-igw',
    'smartinvoice-nat-gw', 'smartinvoice-alb-sg', 'aws-elasticbeanstalk-ec2-role']) {
    assert.ok(names.includes(n), `outline lacks ${n}: ${names.join(', ')}`);
  }
  await page.locator(SUBNETS).first().waitFor();
  assert.equal(await page.locator(SUBNETS).count(), 4);
  assert.match(await page.locator('[data-testid="counts"]').textContent(), /0 errors/);
  // Every request went to the app's own server.
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(app.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url()); });
  await page.reload();
  await ready(page);
  assert.deepEqual(external, []);
  await shot(page, '1-main');
  await outlineRow(page, 'smartinvoice-rds-sg').click();
  await page.locator('#inspector .rule').first().waitFor();
  await shot(page, '8-inspector-security-group');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an overlapping subnet block shows inline and in the panel, the fix and undo clear it', async () => {
  const { page, problems, context } = await fresh();
  await outlineRow(page, 'smartinvoice-private-1b').click();
  await cidrField(page).fill('10.0.3.0/24');
  const inline = page.locator('#inspector .field-msg.error');
  await inline.first().waitFor();
  assert.match(await inline.first().textContent(), /10\.0\.3\.0\/24|overlap/i);
  assert.equal(await cidrField(page).getAttribute('aria-invalid'), 'true');
  const panel = page.locator('.diagnostics .diag.error');
  assert.ok(await panel.count() >= 1, 'the diagnostics panel lists the error');
  assert.match(await page.locator('[data-testid="counts"]').textContent(), /[1-9]\d* errors?/);
  await shot(page, '2-inline-error');

  // Ctrl+Z undoes the whole typing burst.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('.diagnostics .diag.error').length === 0);
  assert.equal(await cidrField(page).inputValue(), '10.0.4.0/24');
  // Redo brings it back; the one-click fix (when the validator offers one) resolves it.
  await page.keyboard.press('Control+Shift+z');
  await inline.first().waitFor();
  const fix = page.locator('#inspector .field-msg.error button.fix');
  if (await fix.count() > 0) {
    await fix.first().click();
    await page.waitForFunction(() => document.querySelectorAll('#inspector .field-msg.error').length === 0);
    assert.notEqual(await cidrField(page).inputValue(), '10.0.3.0/24');
  }
  // Clicking a diagnostic selects its entity and focuses its field.
  await page.keyboard.press('Control+z');
  await outlineRow(page, 'smartinvoice-alb-sg').click();
  await outlineRow(page, 'smartinvoice-private-1b').click();
  await cidrField(page).fill('10.0.3.0/24');
  await outlineRow(page, 'smartinvoice-vpc').click();
  await page.locator('.diagnostics .diag.error button.diag-main').first().click();
  await page.waitForFunction(() => document.activeElement?.dataset?.field === 'cidr');
  assert.equal(await page.locator('#inspector .entity-name').textContent(), 'smartinvoice-private-1b');
  assert.deepEqual(problems, []);
  await context.close();
});


test('a downloaded export equals the CLI output for the same design', async () => {
  const { page, problems, context } = await fresh();
  const dir = join(tmpdir(), `netwright-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // The design as the app saves it.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  const designFile = join(dir, 'design.json');
  await saved.saveAs(designFile);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  for (const format of ['aws-cli', 'cloudformation']) {
    await page.locator(`.formats input[value="${format}"]`).check();
    await page.locator('[data-testid="export-preview"]').waitFor();
    if (format === 'aws-cli') await shot(page, '3-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
    const out = join(dir, download.suggestedFilename());
    await download.saveAs(out);
    const cli = execFileSync(cliPath(), ['export', '--format', format, designFile]);
    assert.ok(readFileSync(out).equals(cli), `${format}: the app's download differs from the CLI's output`);
  }
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CloudFormation export over the 500-resource stack limit and the 51,200-byte request limit says so', async () => {
  const { page, problems, context } = await fresh();
  const big = execFileSync(cliPath(), ['new', '--template', 'synthetic', '--subnets', '300', '--azs', '3',
    '--groups', '10', '--rules', '40']);
  page.on('dialog', (d) => d.accept());
  await page.locator('input[type="file"]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: big });
  await page.locator('.statusbar .notice', { hasText: 'Opened big.json' }).waitFor();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.locator('.formats input[value="cloudformation"]').check();
  const caution = page.locator('[data-testid="export-caution"]');
  await caution.waitFor();
  assert.match(await caution.textContent(), /at most 500 resources in one stack and this template has \d+ \(most: 300 AWS::EC2::Subnet/);
  assert.match(await caution.textContent(), /This template is [\d,]+ bytes and CloudFormation takes at most 51,200 bytes in a request, so upload it through S3/);
  await page.locator('[data-testid="export-preview"]').waitFor();
  await shot(page, '10-export-caution');
  await page.locator('.formats input[value="aws-cli"]').check();
  await caution.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link opened in a fresh page shows the same design', async () => {
  const { page, problems, context } = await fresh();
  // The reference design's link, measured for the report.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.locator('[data-testid="share-length"]').waitFor();
  const reference = await page.locator('#share-link').inputValue();
  assert.match(reference, /#nw1\.[A-Za-z0-9_-]+$/);
  writeFileSync(join(ARTIFACTS, 'share-link-length.txt'),
    `reference design: fragment ${reference.length - reference.indexOf('#') - 1} characters, whole link ${reference.length}\n`);
  await shot(page, '4-share');
  await page.keyboard.press('Escape');
  await outlineRow(page, 'smartinvoice-private-1b').click();
  await page.locator('#inspector input[data-field="name"]').fill('shared-db-1b');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.locator('[data-testid="share-length"]').waitFor();
  const link = await page.locator('#share-link').inputValue();
  assert.notEqual(link, reference);
  const other = await newPage(app.browser);
  await other.page.goto(link);
  await ready(other.page);
  await outlineRow(other.page, 'shared-db-1b').waitFor();
  await other.page.locator(SUBNETS).first().waitFor();
  assert.equal(await other.page.locator(SUBNETS).count(), 4);
  assert.equal(new URL(other.page.url()).hash, '', 'the fragment is cleared once the design is loaded');
  // A damaged link says so and keeps the design.
  await other.page.goto(`${app.server.url}#nw1.@@@`);
  await other.page.locator('.statusbar .notice.error').waitFor();
  assert.match(await other.page.locator('.statusbar .notice').textContent(), /Could not open the link/);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload keeps an edit', async () => {
  const { page, problems, context } = await fresh();
  await outlineRow(page, 'smartinvoice-public-1b').click();
  await page.locator('#inspector input[data-field="name"]').fill('edge-1b');
  await page.reload();
  await ready(page);
  await outlineRow(page, 'edge-1b').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('importing a broken JSON file shows an error and keeps the design', async () => {
  const { page, problems, context } = await fresh();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'broken.json', mimeType: 'application/json',
    buffer: Buffer.from('{"format": "netwright-topology", "version": 1, "design": {'),
  });
  const notice = page.locator('.statusbar .notice.error');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Could not open broken\.json: .*line 1/);
  await outlineRow(page, 'smartinvoice-vpc').waitFor();
  await shot(page, '5-broken-file');
  // A good file replaces the design.
  const good = readFileSync(join(ROOT, 'crates/core/tests/fixtures/hostile-names.json'));
  page.on('dialog', (d) => d.accept());
  await page.locator('input[type="file"]').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: good });
  await page.locator('.statusbar .notice', { hasText: 'Opened hostile.json' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the wizard creates a new design and Delete removes the selection', async () => {
  const { page, problems, context } = await fresh();
  await page.getByLabel('New design').selectOption('wizard');
  await page.locator('#wz-azs').selectOption('3');
  await page.locator('#wz-nat').selectOption('per-az');
  await shot(page, '6-wizard');
  await page.getByRole('button', { name: 'Create design' }).click();
  await page.locator('svg.diagram g.az[data-zone]').nth(2).waitFor();
  assert.equal(await page.locator(SUBNETS).count(), 6);
  await page.locator(SUBNETS).first().click();
  await shot(page, '7-inspector-subnet');
  await outlineRow(page, 'project-nat').click().catch(() => {});
  await page.locator('nav.outline h3', { hasText: 'IAM roles' }).waitFor();
  await page.getByLabel('Add a resource').selectOption('iam_roles');
  await outlineRow(page, 'project-role').waitFor();
  await page.keyboard.press('Escape');
  await outlineRow(page, 'project-role').click();
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => ![...document.querySelectorAll('nav.outline .row .name')].some((n) => n.textContent === 'project-role'));
  await page.keyboard.press('Control+z');
  await outlineRow(page, 'project-role').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a dialog keeps keyboard focus inside and gives it back when it closes', async () => {
  const { page, problems, context } = await fresh();
  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await page.locator('.modal[role="dialog"]').waitFor();
  const inModal = () => page.evaluate(() => document.activeElement?.closest('.modal') !== null);
  assert.ok(await inModal(), 'opening the dialog moves focus into it');
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(i < 30 ? 'Tab' : 'Shift+Tab');
    assert.ok(await inModal(), `focus left the dialog after ${i + 1} presses`);
    seen.add(await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80)));
  }
  assert.ok(seen.size >= 4, `Tab visits the dialog's controls (${seen.size} seen)`);
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Export', 'focus returns to the Export button');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ctrl+S saves the design, Ctrl+O opens the file picker, ? lists every shortcut', async () => {
  const { page, problems, context } = await fresh();
  // Listen for file choosers from the start: Playwright turns their interception on
  // when the first listener arrives, and a listener added just before the key press
  // can miss the chooser (seen once in 14 runs).
  const choosers = [];
  page.on('filechooser', (c) => choosers.push(c));
  // Ctrl+S works while typing in a field too, and saves the edit just typed.
  await outlineRow(page, 'smartinvoice-vpc').click();
  // The inspector shows the VPC (not the design, whose name field has the same key).
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-vpc');
  const name = page.locator('#inspector input[data-field="name"]');
  await name.fill('renamed-vpc');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  assert.equal(saved.suggestedFilename(), 'smartinvoice.netwright.json');
  const file = join(tmpdir(), `netwright-e2e-save-${process.pid}.json`);
  await saved.saveAs(file);
  const design = JSON.parse(readFileSync(file, 'utf8')).design;
  assert.equal(design.vpcs[0].name, 'renamed-vpc');
  await page.locator('.statusbar .notice', { hasText: 'Saved smartinvoice.netwright.json' }).waitFor();

  await page.keyboard.press('Control+o');
  for (let i = 0; i < 50 && choosers.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(choosers.length, 1, 'Ctrl+O opens one file chooser');
  assert.equal(choosers[0].isMultiple(), false);

  // "?" outside a text field opens the list; focus goes in, Esc gives it back.
  await page.locator('.stage').focus();
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const text = await dialog.textContent();
  for (const keys of ['Ctrl+Z', 'Ctrl+S', 'Ctrl+O', 'Alt+Left', 'Delete']) assert.ok(text.includes(keys), `the list lacks ${keys}`);
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.modal') !== null), 'focus is in the dialog');
  await shot(page, '11-shortcuts');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('stage')), 'focus returns to the diagram');
  // Typed in a field, "?" is just a character.
  await name.fill('');
  await name.press('Shift+?');
  assert.equal(await name.inputValue(), '?');
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('arrow keys move along a toolbar, skipping disabled controls', async () => {
  const { page, problems, context } = await fresh();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent);
  await page.getByRole('button', { name: 'Save', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Import…');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Compare…');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Reach');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Add a resource');
  // Undo and Redo are disabled on a fresh page: Right goes on to Shortcuts.
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Shortcuts');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'Export');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Designs', 'Right wraps to the first control');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'Export', 'Left wraps to the last control');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'Designs');
  // The diagram's toolbar too (Reset positions is disabled until a shape is moved).
  await page.getByRole('button', { name: 'Fit', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Add subnet…');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'SVG');
  assert.deepEqual(problems, []);
  await context.close();
});

test('once loaded, the app opens with its server gone (service worker), edits kept', async () => {
  // A server of its own, to take away.
  const server = await serve();
  const { page, problems, context } = await newPage(app.browser);
  try {
    await page.goto(server.url);
    await ready(page);
    const cached = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('netwright-')));
      return { active: Boolean(registration.active), files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.ok(cached.active, 'the service worker is active');
    for (const kind of ['.wasm', '.js', '.css']) {
      assert.ok(cached.files.some((f) => f.endsWith(kind)), `the cache holds the ${kind} file: ${cached.files.join(', ')}`);
    }
    await outlineRow(page, 'smartinvoice-public-1a').click();
    await page.locator('#inspector input[data-field="name"]').fill('offline-edge-1a');
    await page.waitForTimeout(500); // the autosave's 300 ms debounce
    await server.close();
    // Both a reload and a fresh navigation in the same browser profile work.
    await page.reload();
    await ready(page);
    await outlineRow(page, 'offline-edge-1a').waitFor();
    await page.locator(SUBNETS).first().waitFor();
    const other = await context.newPage();
    await other.goto(server.url);
    await ready(other);
    await outlineRow(other, 'offline-edge-1a').waitFor();
    await shot(other, '9-offline');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});
