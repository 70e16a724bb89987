// When the app's wasm stops (a Rust panic aborts at once in the release build, so the
// wasm traps with `unreachable` and no panic message reaches the page), a banner says
// so, the page behind it takes no more edits, and Reload brings back the design as
// autosaved. An ordinary script error shows no banner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, fresh, shot, trapWasm, CRASH_BANNER } from './suite.mjs';
import { ready } from './harness.mjs';

const app = useApp();

const outlineRow = (page, name) => page.locator('nav.outline button.row', { hasText: name }).first();
const saved = (page) => page.locator('[data-testid="saved"]', { hasText: 'Saved in this browser' }).waitFor();

test('an error that is not a wasm trap shows no banner', async () => {
  const { page, problems, context } = await fresh(app);
  await page.evaluate(() => {
    setTimeout(() => { throw new Error('a plain script error'); });
    Promise.reject(new TypeError('a plain rejection'));
  });
  await page.waitForTimeout(300);
  assert.equal(await page.locator(CRASH_BANNER).count(), 0);
  assert.ok(problems.some((p) => p.includes('a plain script error')), problems.join('\n'));
  await context.close();
});

test('a wasm trap in an event handler shows the banner and the page takes no more edits', async () => {
  const { page, problems, context } = await fresh(app);
  await trapWasm(page, 'event');
  const banner = page.locator(CRASH_BANNER);
  await banner.waitFor();
  const alert = banner.getByRole('alert');
  assert.equal(await alert.locator('h1').textContent(), 'Something went wrong and Netwright has stopped.');
  assert.match(await alert.textContent(), /Your design is saved as of a moment before this/);
  const reload = banner.getByRole('button', { name: 'Reload' });
  assert.ok(await reload.evaluate((b) => b === document.activeElement), 'Reload has the focus');
  assert.equal(await page.locator('.app').evaluate((el) => el.closest('[inert]') !== null), true, 'the app is inert');
  await shot(page, 'crash-banner');
  assert.deepEqual(problems.filter((p) => !p.includes('unreachable')), []);
  await context.close();
});

test('a wasm trap in async code shows the banner; Reload brings back the autosaved design', async () => {
  const { page, context } = await fresh(app);
  await outlineRow(page, 'smartinvoice-alb-sg').click();
  const field = page.locator('#inspector input[data-field="name"]');
  await field.fill('edge-sg-before-the-stop');
  await field.press('Tab');
  await saved(page);
  await trapWasm(page, 'async');
  const banner = page.locator(CRASH_BANNER);
  await banner.waitFor();
  // One banner, however many traps follow.
  await trapWasm(page, 'event');
  await page.waitForTimeout(200);
  assert.equal(await banner.count(), 1);
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
  await ready(page);
  await outlineRow(page, 'edge-sg-before-the-stop').waitFor();
  assert.equal(await banner.count(), 0);
  await context.close();
});
