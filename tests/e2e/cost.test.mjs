// The monthly cost: the status bar's estimate of the reference design, the Cost panel
// opened by click and by its shortcut, GB through the NAT gateway changing the NAT
// line and the totals, a Region without a price and a deleted NAT gateway changing
// the status bar, undo bringing the figure back, and the GB figure kept for the
// session. The reference design (ap-southeast-1): NAT gateway $0.059/h and
// $0.059/GB, its Elastic IP $0.005/h, 730 hours a month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, fresh, shot } from './suite.mjs';

const app = useApp();

const status = (page) => page.locator('.statusbar [data-testid="cost"]');
const panel = (page) => page.getByRole('dialog', { name: 'Monthly cost' });
const gbField = (page) => panel(page).getByLabel('GB per month through each NAT gateway');
const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();

/** Waits until the status bar's estimate reads exactly `text`. */
async function statusReads(page, text) {
  await page.waitForFunction((t) => document.querySelector('.statusbar [data-testid="cost"]')?.textContent === t, text);
}

/** The panel's table as [item, per hour, per month] rows: the billed items, then the total. */
async function rows(page) {
  return panel(page).locator('table.cost-lines tr:has(td)').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
}

const notes = (page) => panel(page).locator('.cost-notes li').allTextContents();
const summary = (page) => panel(page).locator('.cost-total').textContent();

test('the status bar estimates the reference design and opens the Cost panel by click and by C', async () => {
  const { page, problems, context } = await fresh(app);
  await statusReads(page, '≈ $46.72/month');

  await status(page).click();
  await panel(page).waitFor();
  // Focus goes to the GB field, which starts at 0.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cost-nat-gb');
  assert.equal(await gbField(page).inputValue(), '0');
  assert.deepEqual(await rows(page), [
    ['NAT gateway smartinvoice-nat-gw: hours', '$0.059', '$43.07'],
    ['Public IPv4 address smartinvoice-nat-eip (Elastic IP of smartinvoice-nat-gw)', '$0.005', '$3.65'],
    ['Total', '$0.064', '$46.72'],
  ]);
  assert.equal(await summary(page), '$46.72 a month, $0.064 an hour, in ap-southeast-1; data through NAT: $0.059 per GB.');
  const said = await notes(page);
  assert.ok(said.some((n) => n.includes('smartinvoice-private-1b') && n.includes('another zone')), said.join('\n'));
  assert.match(await panel(page).locator('.cost-source').textContent(), /^Prices of 2026-12-01 from AWS's Amazon VPC pricing page/);
  await shot(page, 'cost-panel');

  // Esc closes it and gives focus back to the status bar's button.
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'cost');

  // C opens it from the diagram; inside a text field C is a letter.
  await page.locator('.stage').focus();
  await page.keyboard.press('c');
  await panel(page).waitFor();
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('stage')), 'focus returns to the diagram');
  await outlineRow(page, 'smartinvoice-vpc').click();
  const name = page.locator('#inspector input[data-field="name"]');
  await name.fill('vpc');
  await name.press('c');
  assert.equal(await name.inputValue(), 'vpcc');
  assert.equal(await panel(page).count(), 0, 'C typed in a field opens nothing');
  await page.keyboard.press('Control+z');

  // The list of shortcuts has it.
  await page.locator('.stage').focus();
  await page.keyboard.press('Shift+?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  assert.match(await list.textContent(), /CMonthly cost, by resource/);
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await context.close();
});

test('GB through the NAT gateway, a Region without a price and a deleted NAT gateway change the estimate; undo restores it', async () => {
  const { page, problems, context } = await fresh(app);
  await statusReads(page, '≈ $46.72/month');
  await page.keyboard.press('c');
  await panel(page).waitFor();

  // 100 GB x $0.059 = $5.90 a month, after the hours: $46.72 + $5.90 = $52.62.
  await gbField(page).fill('100');
  await panel(page).locator('tr', { hasText: '100 GB processed' }).waitFor();
  assert.deepEqual(await rows(page), [
    ['NAT gateway smartinvoice-nat-gw: hours', '$0.059', '$43.07'],
    ['NAT gateway smartinvoice-nat-gw: 100 GB processed', '', '$5.90'],
    ['Public IPv4 address smartinvoice-nat-eip (Elastic IP of smartinvoice-nat-gw)', '$0.005', '$3.65'],
    ['Total', '$0.064', '$52.62'],
  ]);
  await statusReads(page, '≈ $52.62/month');
  await shot(page, 'cost-panel-100gb');
  // The figure stays for the session: closing and opening again keeps it.
  await page.keyboard.press('Escape');
  await panel(page).waitFor({ state: 'detached' });
  await status(page).click();
  assert.equal(await gbField(page).inputValue(), '100');
  await page.keyboard.press('Escape');

  // A Region the price table lacks: only the Elastic IP is known.
  await page.locator('nav.outline .row.design').click();
  await page.locator('#inspector').getByLabel('Region').selectOption('eu-west-1');
  await statusReads(page, '≈ $3.65/month + unknown');
  await status(page).click();
  const said = await notes(page);
  assert.ok(said.some((n) => n.startsWith('No NAT gateway price for eu-west-1')), said.join('\n'));
  assert.deepEqual(await rows(page), [
    ['NAT gateway smartinvoice-nat-gw: hours', 'no price', 'no price'],
    ['NAT gateway smartinvoice-nat-gw: 100 GB processed', 'no price', 'no price'],
    ['Public IPv4 address smartinvoice-nat-eip (Elastic IP of smartinvoice-nat-gw)', '$0.005', '$3.65'],
    ['Total, without the items that have no price', '$0.005', '$3.65'],
  ]);
  assert.equal(await summary(page), '$3.65 a month, $0.005 an hour, in eu-west-1, without the items that have no price; data through NAT: no price.');
  await shot(page, 'cost-panel-no-price');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await statusReads(page, '≈ $52.62/month');

  // Without its NAT gateway the design is billed nothing; undo brings it back.
  await outlineRow(page, 'smartinvoice-nat-gw').click();
  await page.keyboard.press('Delete');
  await statusReads(page, '≈ $0.00/month');
  await status(page).click();
  assert.deepEqual(await rows(page), [
    ['Nothing this design deploys is billed by itself.', '', ''],
    ['Total', '$0.000', '$0.00'],
  ]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await statusReads(page, '≈ $52.62/month');

  // The figure is the session's: a new design is estimated with it too.
  await page.getByLabel('New design').selectOption('smartinvoice');
  await page.locator('.statusbar .notice', { hasText: 'New design from the SmartInvoice reference' }).waitFor();
  await statusReads(page, '≈ $52.62/month');
  assert.deepEqual(problems, []);
  await context.close();
});
