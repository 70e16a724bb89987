// Network ACLs and workloads in the editor, driven as a person would: add an ACL from
// the toolbar, associate a subnet, add an inbound deny entry and renumber it (its row
// moves to its place), see the ACL's band on its subnet and select it there; add a
// workload to two subnets with a group, see its cards and select it there; undo every
// step and see each gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot, fresh } from './suite.mjs';

const app = useApp();

const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();
const outlineNames = (page) => page.locator('nav.outline button.row .name').allTextContents();
const inspectorName = (page) => page.locator('#inspector .entity-name').textContent();
/** The rule numbers of one direction's entries, in the order the inspector lists them. */
const numbers = (page, list) => page.evaluate((l) => [...document.querySelectorAll(`#inspector input[data-field^="${l}["][data-field$="].rule_number"]`)]
  .map((i) => i.value), list);
const undo = async (page) => { await page.keyboard.press('Control+z'); };
/** Clicks the middle of a diagram shape as a pointer would (the overlay lies above it). */
async function clickShape(page, shape) {
  const box = await shape.locator('rect.box').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test('an ACL with an inbound deny on a subnet, added and undone step by step', async () => {
  const { page, problems, context } = await fresh(app);
  await page.getByLabel('Add a resource').selectOption('network_acls');
  await page.waitForFunction(() => document.querySelector('#inspector .kind')?.textContent === 'network acl');
  const acl = await inspectorName(page);
  assert.equal(acl, 'smartinvoice-acl');
  assert.ok((await outlineNames(page)).includes(acl), 'the outline lists the new ACL');
  // Every direction starts as AWS's default does: one allow-all entry, numbered 100.
  assert.deepEqual(await numbers(page, 'inbound'), ['100']);
  assert.deepEqual(await numbers(page, 'outbound'), ['100']);

  // Associate a subnet.
  const subnet = page.locator('#inspector fieldset', { hasText: 'Associated subnets' }).getByLabel(/smartinvoice-private-1a/);
  await subnet.check();
  await page.waitForFunction(() => [...document.querySelectorAll('nav.outline button.row')].some((b) => b.title.includes('1 subnet') && b.textContent.includes('smartinvoice-acl')));

  // An inbound entry takes the next hundred; make it a deny of SSH.
  await page.getByRole('button', { name: 'Add inbound entry' }).click();
  assert.deepEqual(await numbers(page, 'inbound'), ['100', '200']);
  const entry = page.getByRole('group', { name: 'Inbound entry 200' });
  await entry.getByLabel('Action').selectOption('deny');
  await entry.getByLabel('Ports').fill('22');
  await page.locator('#inspector .acl-entry.deny').waitFor();
  // Renumbered below the allow-all, it moves to the top of the table (rule order).
  const number = page.locator('#inspector input[data-field="inbound[1].rule_number"]');
  await number.fill('50');
  await number.press('Enter');
  await page.waitForFunction(() => document.querySelector('#inspector input[data-field="inbound[0].rule_number"]')?.value === '50');
  assert.deepEqual(await numbers(page, 'inbound'), ['50', '100']);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.field), 'inbound[0].rule_number', 'the keyboard follows the row');
  const moved = page.getByRole('group', { name: 'Inbound entry 50' });
  assert.equal(await moved.getByLabel('Action').inputValue(), 'deny');
  assert.equal(await moved.getByLabel('Ports').inputValue(), '22');
  await shot(page, '12-inspector-network-acl');

  // The diagram names the ACL on its subnet; clicking the band selects the ACL.
  const id = (await page.locator('#inspector .entity-id code').textContent()).trim();
  const band = page.locator(`svg.diagram g.acl[data-id="${id}"]`);
  await band.waitFor();
  assert.equal(await band.count(), 1, 'one band, on the one subnet it guards');
  assert.match(await band.textContent(), /smartinvoice-acl/);
  assert.equal(await page.locator('svg.overlay rect.selection').count(), 1, 'the band shows the selection');
  await outlineRow(page, 'smartinvoice-vpc').click();
  await page.locator('.stage').focus();
  await page.keyboard.press('0');
  await clickShape(page, band);
  await page.waitForFunction((n) => document.querySelector('#inspector .entity-name')?.textContent === n, acl);
  assert.ok(await outlineRow(page, acl).evaluate((b) => b.classList.contains('selected')), 'the outline follows the diagram');

  // Undo: the renumbering (with its typing), the ports, the action, the entry, the association, the ACL.
  await undo(page);
  await page.waitForFunction(() => document.querySelector('#inspector input[data-field="inbound[1].rule_number"]')?.value === '200');
  await undo(page);
  await page.waitForFunction(() => document.querySelector('#inspector input[data-field="inbound[1].ports"]')?.value === '443');
  await undo(page);
  await page.locator('#inspector .acl-entry.deny').waitFor({ state: 'detached' });
  await undo(page);
  await page.waitForFunction(() => !document.querySelector('#inspector input[data-field="inbound[1].rule_number"]'));
  assert.deepEqual(await numbers(page, 'inbound'), ['100']);
  await undo(page);
  await page.waitForFunction(() => !document.querySelector('#inspector fieldset input[type="checkbox"][data-field="subnets"]:checked'));
  await band.waitFor({ state: 'detached' });
  await undo(page);
  await page.waitForFunction((n) => ![...document.querySelectorAll('nav.outline .row .name')].some((e) => e.textContent === n), acl);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a workload added to a subnet, given a group, duplicated and deleted, then undone', async () => {
  const { page, problems, context } = await fresh(app);
  // Added while a subnet is selected, it starts in that subnet.
  await outlineRow(page, 'smartinvoice-public-1a').click();
  await page.getByLabel('Add a resource').selectOption('workloads');
  await page.waitForFunction(() => document.querySelector('#inspector .kind')?.textContent === 'workload');
  const name = await inspectorName(page);
  const subnets = page.locator('#inspector fieldset', { hasText: 'Runs in subnets' });
  assert.ok(await subnets.getByLabel(/smartinvoice-public-1a/).isChecked());
  assert.ok(!(await subnets.getByLabel(/smartinvoice-public-1b/).isChecked()));
  await page.locator('#inspector').getByLabel('Kind').selectOption('load_balancer');
  await page.locator('#inspector fieldset', { hasText: 'Security groups' }).getByLabel('smartinvoice-alb-sg').check();
  await page.locator('#inspector').getByLabel(/internet-facing/).check();
  await subnets.getByLabel(/smartinvoice-public-1b/).check();
  assert.ok((await outlineNames(page)).includes(name));
  // A card in each of its subnets, naming its kind and group; clicking one selects
  // the workload, shown on every card.
  const id = (await page.locator('#inspector .entity-id code').textContent()).trim();
  const cards = page.locator(`svg.diagram g.workload[data-id="${id}"]`);
  await page.waitForFunction((i) => document.querySelectorAll(`svg.diagram g.workload[data-id="${i}"]`).length === 2, id);
  assert.match(await cards.first().textContent(), /\(load balancer, internet-facing\)\nSecurity groups: smartinvoice-alb-sg/);
  await shot(page, '13-inspector-workload');
  await outlineRow(page, 'smartinvoice-vpc').click();
  await page.locator('.stage').focus();
  await page.keyboard.press('0');
  await clickShape(page, cards.first());
  await page.waitForFunction((n) => document.querySelector('#inspector .entity-name')?.textContent === n, name);
  assert.ok(await page.locator('svg.overlay rect.selection').count() >= 2, 'every card of the workload shows the selection');

  await page.getByRole('button', { name: 'Duplicate' }).click();
  await page.waitForFunction((n) => document.querySelector('#inspector .entity-name')?.textContent !== n, name);
  const copy = await inspectorName(page);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.waitForFunction((n) => ![...document.querySelectorAll('nav.outline .row .name')].some((e) => e.textContent === n), copy);

  // Undo the delete, the duplicate, the second subnet, internet-facing, the group, the kind, the workload.
  await undo(page);
  await outlineRow(page, copy).waitFor();
  await undo(page);
  await page.waitForFunction((n) => ![...document.querySelectorAll('nav.outline .row .name')].some((e) => e.textContent === n), copy);
  for (let i = 0; i < 4; i++) await undo(page);
  await outlineRow(page, name).waitFor();
  await undo(page);
  await page.waitForFunction((n) => ![...document.querySelectorAll('nav.outline .row .name')].some((e) => e.textContent === n), name);
  await cards.first().waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});
