// The Reach panel on the reference design: the internet cannot reach the database (the
// reasons among the hops, the blocking hop red on the diagram); the load balancer
// cannot either, until the fix is applied (one undo step brings "Blocked" back); ends
// picked on the diagram; the matrix of open pairs; and the group inspector's line on
// what the internet reaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, ready } from './harness.mjs';
import { useApp, shot } from './suite.mjs';

const app = useApp();
const ERROR_RED = 'rgb(198, 40, 40)';

async function open(app) {
  const p = await newPage(app.browser, { viewport: { width: 1440, height: 900 } });
  await p.page.goto(app.server.url);
  await ready(p.page);
  return p;
}

/** Waits until the panel answers `question` (as the verdict names it) and returns the verdict. */
async function answered(page, question) {
  await page.waitForFunction((q) => document.querySelector('[data-testid="reach-verdict"]')?.dataset.question === q, question);
  return (await page.locator('[data-testid="reach-verdict"] strong').textContent()).trim();
}

test('a blocked path, its fix applied and undone, picking on the diagram, the matrix', async () => {
  const { page, problems, context } = await open(app);
  const panel = page.locator('[data-testid="reach"]');
  // R opens the panel (in place of the diagnostics) with the focus on From.
  await page.locator('.stage').focus();
  await page.keyboard.press('r');
  await panel.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'reach-from');
  assert.equal(await page.locator('section.diagnostics').count(), 0);

  await page.locator('#reach-from').selectOption({ label: 'the internet' });
  await page.locator('#reach-to').selectOption({ label: 'smartinvoice-rds' });
  // A port out of range says so and asks nothing.
  await page.locator('#reach-port').fill('70000');
  await page.locator('#reach-port-msg .field-msg.error', { hasText: 'A port is a whole number from 0 to 65535' }).waitFor();
  assert.equal(await page.locator('#reach-port').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-testid="reach-verdict"]').count(), 0);
  await page.locator('#reach-port').fill('5432');
  assert.equal(await answered(page, 'tcp/5432 from internet to smartinvoice-rds'), 'Blocked');
  const whys = await panel.locator('.hops .hop-why').allTextContents();
  assert.ok(whys.includes('no inbound rule allows tcp/5432 from the internet'), whys.join('\n'));
  // Each hop's entity is outlined on the diagram, numbered; the blocking ones in red.
  const rdsMark = page.locator('svg.overlay rect.reach-blocked[data-mark-id="sg-rds"]');
  await rdsMark.waitFor();
  assert.equal(await rdsMark.evaluate((el) => getComputedStyle(el).stroke), ERROR_RED);
  assert.ok(await page.locator('svg.overlay .mark-badge.blocked').count() >= 1);
  // A hop selects its entity.
  await panel.locator('.hops li.blocked button.hop-main', { hasText: 'smartinvoice-rds-sg' }).first().click();
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-rds-sg');

  // The load balancer to the database: blocked at the database's group, with a fix.
  await page.locator('#reach-from').selectOption({ label: 'smartinvoice-alb' });
  assert.equal(await answered(page, 'tcp/5432 from smartinvoice-alb to smartinvoice-rds'), 'Blocked');
  assert.match(await page.locator('.verdict-at').textContent(), /^First blocked at smartinvoice-rds-sg: /);
  // The load balancer's own group lets it out: outlined in blue, numbered.
  const albMark = page.locator('svg.overlay rect.reach-allowed[data-mark-id="sg-alb"]');
  await albMark.waitFor();
  assert.notEqual(await albMark.evaluate((el) => getComputedStyle(el).stroke), ERROR_RED);
  const hop = panel.locator('.hops li.blocked', { hasText: 'smartinvoice-rds-sg' });
  assert.equal(await hop.locator('.hop-fix span').textContent(),
    'Fix: add an inbound rule to smartinvoice-rds-sg: tcp/5432 from smartinvoice-alb-sg');
  // Selecting the blocking hop brings its group into view on the diagram.
  await hop.locator('button.hop-main').click();
  await page.waitForTimeout(100);
  await shot(page, '18-reach-blocked');
  await hop.getByRole('button', { name: 'Apply fix' }).click();
  await page.locator('[data-testid="reach-verdict"] strong', { hasText: 'Reachable' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'reach-verdict');
  assert.equal(await page.locator('svg.overlay rect.reach-blocked').count(), 0);
  // One undo step takes the fix back.
  await page.keyboard.press('Control+z');
  await page.locator('[data-testid="reach-verdict"] strong', { hasText: 'Blocked' }).waitFor();
  await rdsMark.waitFor();

  // Picking on the diagram: the Internet, then a load balancer's card. Esc stops picking.
  const pick = panel.getByRole('button', { name: 'Pick on the diagram' });
  const centre = async (selector) => {
    const b = await page.locator(selector).first().boundingBox();
    return [b.x + b.width / 2, b.y + b.height / 2];
  };
  await page.getByRole('button', { name: 'Fit' }).click();
  await pick.click();
  assert.equal(await pick.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await pick.getAttribute('aria-pressed'), 'false');
  await pick.click();
  await page.mouse.click(...await centre('svg.diagram g.internet'));
  await panel.locator('.reach-picking', { hasText: 'Now click where it goes' }).waitFor();
  await page.mouse.click(...await centre('svg.diagram g.workload[data-id="wl-alb"]'));
  assert.equal(await pick.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#reach-from').inputValue(), 'internet');
  assert.equal(await page.locator('#reach-to').inputValue(), 'wl:wl-alb');
  assert.equal(await answered(page, 'tcp/5432 from internet to smartinvoice-alb'), 'Blocked');

  // The matrix: internet to the load balancer on 80 and 443; a pair asks its question.
  await panel.getByRole('button', { name: 'Matrix' }).click();
  const cell = panel.locator('.matrix-list li[data-from="internet"][data-to="smartinvoice-alb"]');
  await cell.waitFor();
  assert.equal(await cell.locator('.ports').textContent(), 'tcp 80, 443');
  assert.equal(await panel.locator('.matrix-list li[data-from="internet"][data-to="smartinvoice-rds"]').count(), 0);
  await shot(page, '19-reach-matrix');
  await panel.locator('#reach-filter').fill('rds');
  const pairs = await panel.locator('.matrix-list li .pair').allTextContents();
  assert.ok(pairs.length > 0 && pairs.every((p) => p.includes('rds')), pairs.join('\n'));
  await panel.locator('#reach-filter').fill('');
  await cell.getByRole('button').click();
  assert.equal(await answered(page, 'tcp/80 from internet to smartinvoice-alb'), 'Reachable');
  assert.equal(await page.locator('#reach-port').inputValue(), '80');

  // Esc from inside the panel closes it; the diagnostics come back.
  await page.locator('#reach-port').focus();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await page.locator('section.diagnostics').waitFor();
  assert.equal(await page.locator('svg.overlay .reach-mark').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the group inspector says what the internet reaches through the group', async () => {
  const { page, problems, context } = await open(app);
  const row = (name) => page.locator('nav.outline button.row', { hasText: name }).first();
  const line = page.locator('#inspector [data-testid="from-internet"]');
  await row('smartinvoice-alb-sg').click();
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-alb-sg');
  assert.equal(await line.textContent(), 'Reachable from the internet on tcp 80, 443');
  await row('smartinvoice-rds-sg').click();
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-rds-sg');
  assert.equal(await line.textContent(), 'Not reachable from the internet');
  assert.deepEqual(problems, []);
  await context.close();
});
