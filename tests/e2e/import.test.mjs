// Import and compare in the browser: the capture command to copy, a capture of the
// reference design deployed on moto dropped in, its preview (counts and notes), opened
// as a new design with its notes kept in view; then a comparison with the library's
// reference design, listed and marked on the diagram.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './harness.mjs';
import { useApp, shot, fresh, cliPath } from './suite.mjs';

const app = useApp();
const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();
const saved = (page) => page.locator('[data-testid="saved"]', { hasText: 'Saved in this browser' }).waitFor();
const FIXTURES = join(ROOT, 'crates/core/tests/fixtures/aws/reference');
const capture = () => readdirSync(FIXTURES).sort().map((f) => ({
  name: f, mimeType: 'application/json', buffer: readFileSync(join(FIXTURES, f)),
}));

test('a capture imports through the dialog as a new design, with its notes, and compares with the reference', async () => {
  const { page, problems, context } = await fresh(app);
  await saved(page);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an existing network' });
  await dialog.waitFor();
  // The command to copy follows the Region chosen, quoted for the shell.
  await dialog.getByLabel('Region').selectOption('eu-west-1');
  const line = await dialog.locator('#capture-line').inputValue();
  assert.match(line, /^R=eu-west-1; \{ echo '\{';.*ec2:describe-vpcs .*ec2:describe-network-acls .*iam:get-account-authorization-details --filter Role.*> capture\.json$/);
  // A file that is not describe output says which keys it expected.
  await dialog.locator('#import-files').setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "x"}') });
  await dialog.locator('.import-error').waitFor();
  assert.match(await dialog.locator('.import-error').textContent(), /package\.json/);
  assert.equal(await dialog.getByRole('button', { name: 'Open as a new design' }).isDisabled(), true);
  // The reference design's deployment, as the describe commands printed it.
  await dialog.locator('#import-files').setInputFiles(capture());
  const preview = dialog.locator('[data-testid="import-preview"]');
  await preview.waitFor();
  const text = await preview.textContent();
  assert.match(text, /1 VPC · 4 subnets · 1 internet gateway · 1 NAT gateway · 2 route tables · 4 security groups · \d+ rules · 4 IAM roles/);
  assert.match(text, /Checked: 0 errors/);
  assert.match(text, /notes: what the capture holds/);
  assert.match(text, /the default VPC/);
  await shot(page, '16-import-preview');
  await dialog.getByRole('button', { name: 'Open as a new design' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.statusbar .notice', { hasText: /^Imported .* as a new design$/ }).waitFor();
  await saved(page);
  await outlineRow(page, 'smartinvoice-private-1b').waitFor();
  const notes = page.locator('[data-testid="import-notes"]');
  await notes.waitFor();
  assert.match(await notes.textContent(), /Import notes: \d+ from \d+ files that the design does not hold/);
  // Nothing was replaced: the reference design is still in the library.
  await page.getByRole('button', { name: 'Designs', exact: true }).click();
  await page.locator('.design-row').nth(1).waitFor();
  assert.equal(await page.locator('.design-row').count(), 2);
  await page.keyboard.press('Escape');

  // Change the imported copy, then compare it with the reference design.
  await outlineRow(page, 'smartinvoice-private-1b').click();
  await page.locator('#inspector input[data-field="cidr"]').fill('10.0.5.0/24');
  await page.locator('#inspector input[data-field="cidr"]').press('Tab');
  await page.getByRole('button', { name: 'Compare…' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare with…' });
  await compare.locator('.design-row', { hasText: 'smartinvoice' }).getByRole('button', { name: 'Compare' }).click();
  await compare.waitFor({ state: 'detached' });
  const changes = page.locator('[data-testid="changes"]');
  await changes.waitFor();
  // The edit, and the reference design's four workloads, which a capture of what was
  // deployed cannot hold (workloads are never deployed).
  assert.match(await changes.textContent(), /5 changes from "smartinvoice"/);
  assert.match(await changes.textContent(), /subnet smartinvoice-private-1b: cidr 10\.0\.4\.0\/24 -> 10\.0\.5\.0\/24/);
  for (const w of ['alb', 'backend', 'rds', 'ocr']) assert.match(await changes.textContent(), new RegExp(`- workload smartinvoice-${w}`));
  // Marked on the diagram, and the entry selects its subnet.
  const mark = page.locator('svg.overlay rect.diff-changed');
  await mark.waitFor();
  assert.equal(await mark.count(), 1);
  await shot(page, '17-compare');
  await page.keyboard.press('Escape');
  await changes.getByRole('button', { name: /subnet smartinvoice-private-1b/ }).click();
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-private-1b');
  await changes.getByRole('button', { name: 'Clear' }).click();
  await changes.waitFor({ state: 'detached' });
  assert.equal(await mark.count(), 0);
  // Compared with a file: the capture itself, imported on the fly.
  await page.getByRole('button', { name: 'Compare…' }).click();
  await page.locator('#compare-file').setInputFiles(capture());
  await changes.waitFor();
  assert.match(await changes.textContent(), /1 change from the import of \d+ files/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a CloudFormation template (our YAML export) imports through the same dialog', async () => {
  const { page, problems, context } = await fresh(app);
  await saved(page);
  const yaml = execFileSync(cliPath(), ['export', '--format', 'cloudformation', '--yaml', join(ROOT, 'crates/core/tests/fixtures/smartinvoice.json')]);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an existing network' });
  await dialog.locator('#import-files').setInputFiles({ name: 'smartinvoice.yaml', mimeType: 'application/yaml', buffer: yaml });
  const preview = dialog.locator('[data-testid="import-preview"]');
  await preview.waitFor();
  assert.match(await preview.textContent(), /Will import "smartinvoice" \(ap-southeast-1\): 1 VPC · 4 subnets · 1 internet gateway · 1 NAT gateway · 2 route tables · 4 security groups · \d+ rules · 4 IAM roles/);
  await dialog.getByLabel(/Template parameters/).waitFor();
  // A parameter the template does not have is named.
  await dialog.getByLabel(/Template parameters/).fill('Nope=1');
  await dialog.locator('.import-error').waitFor();
  assert.match(await dialog.locator('.import-error').textContent(), /Nope/);
  await dialog.getByLabel(/Template parameters/).fill('');
  await preview.waitFor();
  await dialog.getByRole('button', { name: 'Open as a new design' }).click();
  await page.locator('.statusbar .notice', { hasText: 'Imported smartinvoice.yaml as a new design' }).waitFor();
  await outlineRow(page, 'smartinvoice-rds-sg').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
