// The on-demand module (exporters, importers, diff, share links in a Web Worker):
// fetched after the first paint, not before; Export and Share answer from it; a
// module that cannot load says so in the dialog, loses nothing, and the next try
// loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, shot } from './suite.mjs';
import { newPage, ready } from './harness.mjs';

const app = useApp();
const WORKER = /netwright-worker-[0-9a-f]{16}/;

test('the on-demand module is fetched after the first paint, by a name that follows its content', async () => {
  const { page, problems, context } = await newPage(app.browser);
  const asked = [];
  context.on('request', (r) => asked.push([new URL(r.url()).pathname, Date.now()]));
  await page.goto(app.server.url);
  await ready(page);
  // It comes at idle, unprompted, after the first paint.
  const deadline = Date.now() + 10000;
  while (!asked.some(([p]) => WORKER.test(p) && p.endsWith('_bg.wasm')) && Date.now() < deadline) {
    await page.waitForTimeout(50);
  }
  const paint = await page.evaluate(() => performance.timeOrigin
    + performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint').startTime);
  const module = asked.filter(([p]) => WORKER.test(p));
  assert.deepEqual([...new Set(module.map(([p]) => p.replace(/-[0-9a-f]{16}/, '-HASH')))].sort(),
    ['/netwright-worker-HASH.js', '/netwright-worker-HASH_bg.wasm', '/netwright-worker-HASH_loader.js']);
  for (const [path, at] of module) assert.ok(at > paint, `${path} asked ${at - paint} ms after the first paint`);
  const meta = await page.evaluate(() => document.querySelector('meta[name=netwright-worker]')?.content);
  assert.match(meta, /^\.\/netwright-worker-[0-9a-f]{16}_loader\.js$/);
  // Export and Share answer from it.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.locator('[data-testid="export-preview"]').waitFor();
  assert.match(await page.locator('[data-testid="export-preview"]').textContent(), /^#!\/usr\/bin\/env bash/);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.locator('[data-testid="share-length"]').waitFor();
  assert.match(await page.locator('#share-link').inputValue(), /#nw1\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a module that cannot load says so in the dialog, keeps the edit, and loads on the next try', async () => {
  const { page, context } = await newPage(app.browser);
  let blocked = true;
  await context.route(WORKER, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(app.server.url);
  await ready(page);
  await page.locator('nav.outline button.row', { hasText: 'smartinvoice-vpc' }).first().click();
  await page.locator('#inspector input[data-field="name"]').fill('kept-vpc');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const failed = page.locator('[data-testid="export-failed"]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /could not be loaded.*Your design is safe/);
  await shot(page, '12-module-unavailable');
  await page.keyboard.press('Escape');
  await page.locator('nav.outline button.row', { hasText: 'kept-vpc' }).first().waitFor();
  // The network is back: the next export loads the module.
  blocked = false;
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.locator('[data-testid="export-preview"]').waitFor();
  assert.match(await page.locator('[data-testid="export-preview"]').textContent(), /kept-vpc/);
  await context.close();
});
