// Accessibility: axe-core (the engine behind browser accessibility audits) checks the
// main view, the inspector of every kind of resource (a network ACL with a deny
// entry and a workload among them), an inline error and every
// dialog (export, share, add subnet, wizard, shortcuts, designs, import, compare, cost (also
// with items that have no price), connect;
// the Reach panel with a blocked path, a bad port and its matrix;
// an import preview, its notes and a comparison; the banner of a
// concurrent edit in two tabs, the offer of a link already in the library, the banner
// shown when the app has stopped) against the WCAG 2.1 A and AA rules and axe's best practices (labels, names,
// roles, contrast, landmarks, headings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { useApp, fresh, trapWasm, CRASH_BANNER } from './suite.mjs';

const app = useApp();
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe's violations on the page as it is now, one line per element. */
async function violations(page) {
  // page.evaluate runs through the DevTools protocol, which the page's CSP does not
  // govern, so axe can be injected without weakening the policy.
  const found = await page.evaluate(`${AXE};
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} } })
      .then((r) => r.violations.flatMap((v) => v.nodes.map((n) =>
        v.id + ' (' + v.impact + '): ' + v.help + ' at ' + n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' '))))`);
  return found;
}

async function expectClean(page, where) {
  assert.deepEqual(await violations(page), [], `axe found problems in ${where}`);
}

test('every view and dialog passes axe (WCAG 2.1 A and AA, best practices)', async () => {
  const { page, problems, context } = await fresh(app);
  await expectClean(page, 'the main view');

  const row = (name) => page.locator('nav.outline button.row', { hasText: name }).first();
  for (const name of ['smartinvoice-vpc', 'smartinvoice-public-1a', 'smartinvoice-igw', 'smartinvoice-nat-gw',
    'smartinvoice-public-rt', 'smartinvoice-rds-sg', 'aws-elasticbeanstalk-ec2-role']) {
    await row(name).click();
    await page.waitForFunction((n) => document.querySelector('#inspector .entity-name')?.textContent === n, name);
    await expectClean(page, `the inspector of ${name}`);
  }

  // The inspectors of a network ACL (a subnet, a deny entry) and of a workload, then
  // back to the reference design (five steps).
  const kind = (k) => page.waitForFunction((x) => document.querySelector('#inspector .kind')?.textContent === x, k);
  await page.getByLabel('Add a resource').selectOption('network_acls');
  await kind('network acl');
  await page.locator('#inspector fieldset', { hasText: 'Associated subnets' }).getByLabel(/smartinvoice-private-1a/).check();
  await page.getByRole('button', { name: 'Add inbound entry' }).click();
  await page.getByRole('group', { name: 'Inbound entry 200' }).getByLabel('Action').selectOption('deny');
  await page.locator('#inspector .acl-entry.deny').waitFor();
  await expectClean(page, 'the inspector of a network ACL');
  await page.getByLabel('Add a resource').selectOption('workloads');
  await kind('workload');
  await expectClean(page, 'the inspector of a workload');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
  await page.waitForFunction(() => ![...document.querySelectorAll('nav.outline .row .name')].some((n) => n.textContent === 'smartinvoice-acl'));

  // An inline error with its one-click fix, and the error in the diagnostics panel.
  await row('smartinvoice-private-1b').click();
  await page.locator('#inspector input[data-field="cidr"]').fill('10.0.3.0/24');
  await page.locator('#inspector .field-msg.error').first().waitFor();
  await expectClean(page, 'a subnet with an overlapping block');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('.diagnostics .diag.error').length === 0);

  for (const [open, title] of [
    [() => page.getByRole('button', { name: 'Export', exact: true }).click(), 'Export'],
    [() => page.getByRole('button', { name: 'Share', exact: true }).click(), 'Share'],
    [() => page.getByRole('button', { name: 'Add subnet…' }).click(), 'Add subnet'],
    [() => page.getByLabel('New design').selectOption('wizard'), 'New design'],
    [() => page.getByRole('button', { name: 'Shortcuts', exact: true }).click(), 'Keyboard shortcuts'],
    [() => page.getByRole('button', { name: 'Designs', exact: true }).click(), 'Designs'],
    [() => page.getByRole('button', { name: 'Import…' }).click(), 'Import'],
    [() => page.getByRole('button', { name: 'Compare…' }).click(), 'Compare'],
    [() => page.locator('.statusbar [data-testid="cost"]').click(), 'Monthly cost'],
  ]) {
    await open();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectClean(page, `the ${title} dialog`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }

  // The Cost panel with items that have no price (a Region the price table lacks).
  await page.locator('nav.outline .row.design').click();
  await page.locator('#inspector').getByLabel('Region').selectOption('eu-west-1');
  await page.locator('.statusbar [data-testid="cost"].incomplete').click();
  await page.getByRole('dialog', { name: 'Monthly cost' }).locator('td.unknown').first().waitFor();
  await expectClean(page, 'the Cost panel with items that have no price');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.locator('.statusbar [data-testid="cost"]:not(.incomplete)').waitFor();

  // The Reach panel: a blocked path with its fix, picking, the matrix; Esc closes it.
  await page.getByRole('button', { name: 'Reach', exact: true }).click();
  await page.locator('[data-testid="reach"]').waitFor();
  await page.locator('#reach-from').selectOption({ label: 'smartinvoice-alb' });
  await page.locator('#reach-to').selectOption({ label: 'smartinvoice-rds' });
  await page.locator('#reach-port').fill('5432');
  await page.locator('.reach .hop-fix').first().waitFor();
  await page.getByRole('button', { name: 'Pick on the diagram' }).click();
  await expectClean(page, 'the Reach panel with a blocked path');
  await page.keyboard.press('Escape');
  await page.locator('#reach-port').fill('99999');
  await page.locator('#reach-port-msg .field-msg').waitFor();
  await expectClean(page, 'the Reach panel with a bad port');
  await page.getByRole('button', { name: 'Matrix' }).click();
  await page.locator('.matrix-list li').first().waitFor();
  await expectClean(page, 'the Reach panel\'s matrix');
  await page.locator('#reach-filter').focus();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="reach"]').waitFor({ state: 'detached' });

  // The dialog a drag from one group to another opens (Fit first shows the groups).
  await page.locator('.stage').focus();
  await page.keyboard.press('0');
  const box = (id) => page.locator(`svg.diagram g[data-id="${id}"] > rect.box`).boundingBox();
  const alb = await box('sg-alb');
  const rds = await box('sg-rds');
  await page.mouse.move(alb.x + alb.width, alb.y + alb.height / 2);
  await page.mouse.down();
  await page.mouse.move(rds.x + rds.width / 2, rds.y + rds.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.getByRole('dialog').waitFor();
  await expectClean(page, 'the connect dialog');
  await page.keyboard.press('Escape');

  // A second tab on the same design, both editing at once: the conflict banner.
  await page.waitForSelector('[data-testid="saved"]:has-text("Saved in this browser")');
  const other = await context.newPage();
  await other.goto(app.server.url);
  await other.waitForSelector('nav.outline .row.design');
  const vpc = (p) => p.locator('nav.outline button.row', { hasText: 'smartinvoice-vpc' }).first();
  await vpc(page).click();
  await vpc(other).click();
  await Promise.all([page, other].map((p, i) => p.locator('#inspector input[data-field="name"]').fill(`vpc-${i}`)));
  const banner = await Promise.race([page, other].map((p) => p.locator('[data-testid="conflict"]').waitFor().then(() => p)));
  await expectClean(banner, 'the banner of a concurrent edit');
  await banner.getByRole('button', { name: 'Take theirs' }).click();
  // The share link of a design already in the library: the offer.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.locator('[data-testid="share-length"]').waitFor();
  const link = await page.locator('#share-link').inputValue();
  await other.goto(link);
  await other.getByRole('dialog', { name: 'This design is already in your library' }).waitFor();
  await expectClean(other, 'the offer of a link already in the library');
  await other.close();
  await page.keyboard.press('Escape');

  // An import's preview, its notes after opening, and a comparison's changes.
  await page.getByRole('button', { name: 'Import…' }).click();
  const fixtures = join(ROOT, 'crates/core/tests/fixtures/aws/extras');
  await page.locator('#import-files').setInputFiles(readdirSync(fixtures).sort().map((f) => join(fixtures, f)));
  await page.locator('[data-testid="import-preview"]').waitFor();
  await expectClean(page, 'an import preview with notes');
  await page.getByRole('button', { name: 'Open as a new design' }).click();
  await page.locator('[data-testid="import-notes"]').waitFor();
  await page.locator('[data-testid="import-notes"] summary').click();
  await page.getByRole('button', { name: 'Compare…' }).click();
  await page.locator('.compare .design-row').first().getByRole('button', { name: 'Compare' }).click();
  await page.locator('[data-testid="changes"]').waitFor();
  await expectClean(page, 'import notes and a comparison');

  assert.deepEqual(problems, []);
  await context.close();
});

test('the banner shown when the app has stopped passes axe', async () => {
  const { page, problems, context } = await fresh(app);
  await trapWasm(page, 'event');
  await page.locator(CRASH_BANNER).waitFor();
  await expectClean(page, 'the stop banner');
  assert.deepEqual(problems.filter((p) => !p.includes('unreachable')), []);
  await context.close();
});
