// End-to-end tests of the diagram canvas on the release build: what the reference
// design draws, dragging a subnet to another zone (and undo), connecting two groups,
// SVG and PNG export, and a 6-AZ / 60-subnet / 40-group design with no overlapping
// boxes or labels. Screenshots go to tests/e2e/artifacts/ (look at them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { useApp, shot, SUBNETS, cliPath, fresh as openFresh } from './suite.mjs';

const app = useApp();

const shape = (page, id) => page.locator(`svg.diagram g[data-id="${id}"] > rect.box`);
const zone = (page, z) => page.locator(`svg.diagram g.az[data-zone="${z}"] > rect.box`);
const inspectorTitle = (page) => page.locator('#inspector .entity-name');


/** A fresh page with the reference design drawn. */
async function fresh() {
  const p = await openFresh(app);
  await p.page.locator(SUBNETS).first().waitFor();
  return p;
}

/** Drags with the mouse from one point to another in small steps, as a hand would. */
async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

const center = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

test('the reference design draws its subnets, gateways and the guide\'s group-to-group rules', async () => {
  const { page, problems, context } = await fresh();
  assert.equal(await page.locator(SUBNETS).count(), 4);
  const zones = await page.locator('svg.diagram g.az[data-zone]').evaluateAll((gs) => gs.map((g) => g.dataset.zone));
  assert.deepEqual(zones, ['ap-southeast-1a', 'ap-southeast-1b']);
  for (const [z, ids] of [['ap-southeast-1a', ['subnet-public-1a', 'subnet-private-1a']], ['ap-southeast-1b', ['subnet-public-1b', 'subnet-private-1b']]]) {
    const column = await zone(page, z).boundingBox();
    for (const id of ids) assert.ok(inside(await shape(page, id).boundingBox(), column), `${id} is drawn in the ${z} column`);
  }
  assert.equal(await page.locator('svg.diagram g.igw').count(), 1);
  const nat = await shape(page, 'nat').boundingBox();
  assert.ok(inside(nat, await shape(page, 'subnet-public-1a').boundingBox()), 'the NAT gateway is inside the public subnet of 1a');
  assert.equal(await page.locator('svg.diagram g.sg').count(), 4);
  // Group-to-group traffic: the guide's 5 rules between 4 pairs, each edge labelled with every port.
  const edges = await page.locator('svg.diagram polyline.edge.traffic').evaluateAll((ps) => ps
    .map((p) => ({ from: p.dataset.from, to: p.dataset.to, label: p.querySelector('title')?.textContent ?? '' }))
    .filter((e) => e.from.startsWith('sg-') && e.to.startsWith('sg-')));
  const pairs = Object.fromEntries(edges.map((e) => [`${e.from}>${e.to}`, e.label]));
  assert.deepEqual(Object.keys(pairs).sort(), ['sg-alb>sg-backend', 'sg-backend>sg-ocr', 'sg-backend>sg-rds', 'sg-ocr>sg-rds']);
  assert.match(pairs['sg-alb>sg-backend'], /80/);
  assert.match(pairs['sg-alb>sg-backend'], /8080/);
  assert.match(pairs['sg-backend>sg-rds'], /5432/);
  assert.match(pairs['sg-ocr>sg-rds'], /5432/);
  assert.match(pairs['sg-backend>sg-ocr'], /5000/);
  await shot(page, 'diagram-1-reference');
  // Selection is shared both ways: the outline selects on the canvas, the canvas in the inspector.
  await page.locator('nav.outline button.row', { hasText: 'smartinvoice-rds-sg' }).click();
  await page.locator('.overlay rect.selection').waitFor();
  // Fit first (revealing the group may have panned the subnet away), then click the
  // subnet's title: its middle may hold a workload's card, which selects the workload.
  await page.locator('.stage').focus();
  await page.keyboard.press('0');
  const title = await shape(page, 'subnet-public-1b').boundingBox();
  await page.mouse.click(title.x + 24, title.y + 10);
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-public-1b');
  assert.equal(await page.locator('nav.outline button.row.selected .name').textContent(), 'smartinvoice-public-1b');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging a subnet to the other zone column (or Alt+arrow) moves it, and undo restores it', async () => {
  const { page, problems, context } = await fresh();
  const subnet = await shape(page, 'subnet-private-1b').boundingBox();
  const target = await zone(page, 'ap-southeast-1a').boundingBox();
  await drag(page, center(subnet), { x: center(target).x, y: center(subnet).y });
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-private-1b');
  const az = page.locator('#inspector [data-field="availability_zone"]');
  await page.waitForFunction(() => document.querySelector('#inspector [data-field="availability_zone"]')?.value === 'ap-southeast-1a');
  // The drawing follows: the subnet now sits in the 1a column.
  await page.waitForFunction(() => {
    const s = document.querySelector('svg.diagram g[data-id="subnet-private-1b"] > rect.box')?.getBoundingClientRect();
    const z = document.querySelector('svg.diagram g.az[data-zone="ap-southeast-1a"] > rect.box')?.getBoundingClientRect();
    return s && z && s.left >= z.left && s.right <= z.right;
  });
  await shot(page, 'diagram-2-subnet-moved');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#inspector [data-field="availability_zone"]')?.value === 'ap-southeast-1b');
  assert.equal(await az.inputValue(), 'ap-southeast-1b');
  // The keyboard way: Alt+← on the focused diagram moves the selected subnet one column left.
  await page.locator('.stage').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await page.waitForFunction(() => document.querySelector('#inspector [data-field="availability_zone"]')?.value === 'ap-southeast-1a');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#inspector [data-field="availability_zone"]')?.value === 'ap-southeast-1b');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging from one group to another creates the rule the dialog asks for', async () => {
  const { page, problems, context } = await fresh();
  // The design opens showing its network; Fit (0) brings the groups below it into view.
  await page.locator('.stage').focus();
  await page.keyboard.press('0');
  const alb = await shape(page, 'sg-alb').boundingBox();
  const rds = await shape(page, 'sg-rds').boundingBox();
  // The connect handle sits on the middle of the group's right edge.
  await drag(page, { x: alb.x + alb.width, y: alb.y + alb.height / 2 }, center(rds));
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /smartinvoice-rds-sg/);
  await dialog.getByText('PostgreSQL', { exact: true }).click();
  await shot(page, 'diagram-3-connect-dialog');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await page.waitForFunction(() => document.querySelector('#inspector .entity-name')?.textContent === 'smartinvoice-rds-sg');
  await page.waitForFunction(() => [...document.querySelectorAll('svg.diagram polyline.edge.traffic')]
    .some((p) => p.dataset.from === 'sg-alb' && p.dataset.to === 'sg-rds'));
  const label = await page.locator('svg.diagram polyline.edge.traffic[data-from="sg-alb"][data-to="sg-rds"] title').textContent();
  assert.match(label, /5432/);
  assert.equal(await page.locator('#inspector .rule').count(), 2 + 1 + 1, 'rds has 3 inbound rules and 1 outbound');
  // A custom rule with a bad port range says why and cannot be added.
  const backend = await shape(page, 'sg-backend').boundingBox();
  await drag(page, { x: alb.x + alb.width, y: alb.y + alb.height / 2 }, center(backend));
  await dialog.waitFor();
  await dialog.getByText('Custom', { exact: true }).click();
  await dialog.getByLabel('Ports', { exact: true }).fill('9000-80');
  assert.equal(await dialog.getByRole('button', { name: 'Add rule' }).isDisabled(), true);
  await dialog.getByLabel('Ports', { exact: true }).fill('9000-9100');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await page.waitForFunction(() => (document.querySelector('svg.diagram polyline.edge.traffic[data-from="sg-alb"][data-to="sg-backend"] title')?.textContent ?? '').includes('9000'));
  // One undo per rule.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => ![...document.querySelectorAll('svg.diagram polyline.edge.traffic')]
    .some((p) => p.dataset.from === 'sg-alb' && p.dataset.to === 'sg-rds'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the diagram downloads as SVG (the CLI\'s bytes) and as PNG; a subnet is added from a column', async () => {
  const { page, problems, context } = await fresh();
  const dir = join(tmpdir(), `netwright-e2e-diagram-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  const designFile = join(dir, 'design.json');
  await saved.saveAs(designFile);
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG', exact: true }).click()]);
  assert.equal(svgDownload.suggestedFilename(), 'smartinvoice-diagram.svg');
  const svgFile = join(dir, 'diagram.svg');
  await svgDownload.saveAs(svgFile);
  const svg = readFileSync(svgFile, 'utf8');
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  // Parsed in a blank page: the app's CSP (rightly) refuses the export's inline <style>.
  const blank = await context.newPage();
  const parsed = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, subnets: doc.querySelectorAll('g[data-id].tier-public, g[data-id].tier-private').length };
  }, svg);
  await blank.close();
  assert.deepEqual(parsed, { error: null, subnets: 4 });
  assert.ok(readFileSync(svgFile).equals(execFileSync(cliPath(), ['export', '--format', 'svg', designFile])), 'the SVG equals `netwright export --format svg`');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
  assert.equal(pngDownload.suggestedFilename(), 'smartinvoice-diagram.png');
  const pngFile = join(dir, 'diagram.png');
  await pngDownload.saveAs(pngFile);
  const png = readFileSync(pngFile);
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG file');
  const width = png.readUInt32BE(16);
  assert.ok(width > 1000, `drawn at twice the diagram's size (width ${width})`);
  // The "+" under the 1b column adds a subnet there at the next free block.
  const column = await zone(page, 'ap-southeast-1b').boundingBox();
  await page.mouse.click(column.x + column.width / 2, column.y + column.height);
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel('Size').selectOption('26');
  assert.match(await dialog.locator('.plan').textContent(), /10\.0\.0\.0\/26/);
  await dialog.getByRole('button', { name: 'Add subnet' }).click();
  await page.waitForFunction(() => document.querySelectorAll('svg.diagram g.tier-isolated[data-id]').length === 1);
  assert.equal(await page.locator('#inspector [data-field="availability_zone"]').inputValue(), 'ap-southeast-1b');
  assert.equal(await page.locator('#inspector input[data-field="cidr"]').inputValue(), '10.0.0.0/26');
  await shot(page, 'diagram-4-subnet-added');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 6-AZ design with 60 subnets and 40 groups has no overlapping boxes or labels', async () => {
  const { page, problems, context } = await fresh();
  const design = execFileSync(cliPath(), ['new', '--template', 'synthetic', '--subnets', '60', '--azs', '6', '--groups', '40', '--rules', '120']);
  page.on('dialog', (d) => d.accept());
  await page.locator('input[type="file"]').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: design });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 60, SUBNETS);
  assert.equal(await page.locator('svg.diagram g.az[data-zone]').count(), 6);
  assert.equal(await page.locator('svg.diagram g.sg').count(), 40);
  await shot(page, 'diagram-5-large-fit');
  // Measured at actual size: at a small zoom the browser rounds text metrics.
  await page.locator('.stage').focus();
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelector('[data-testid="zoom"]').textContent === '100%');
  const report = await page.evaluate(() => {
    const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
    const hit = (a, b, slack = 0.5) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;
    const contains = (o, i) => i.x >= o.x && i.y >= o.y && i.x + i.w <= o.x + o.w && i.y + i.h <= o.y + o.h;
    const root = document.querySelector('svg.diagram');
    const shapes = [...root.querySelectorAll('g[data-id]:not(.vpc) > rect.box, g.internet > rect.box, g.cidr > rect.box')]
      .map((r) => ({ id: r.parentElement.dataset.id ?? r.parentElement.getAttribute('class'), b: box(r) }));
    const labels = [...root.querySelectorAll('g.label > rect')].map((r, i) => ({ id: `label ${i}`, b: box(r) }));
    const texts = [...root.querySelectorAll('text')].map((t) => ({ id: t.textContent, b: box(t) }));
    const overlaps = [];
    const check = (xs, ys, what, same) => {
      for (let i = 0; i < xs.length; i++) {
        for (let j = same ? i + 1 : 0; j < ys.length; j++) {
          const [a, b] = [xs[i], ys[j]];
          if (hit(a.b, b.b) && !contains(a.b, b.b) && !contains(b.b, a.b)) overlaps.push(`${what}: ${a.id} × ${b.id}`);
        }
      }
    };
    check(shapes, shapes, 'box', true);
    check(labels, labels, 'label', true);
    check(labels, shapes, 'label on box', false);
    check(texts, texts, 'text', true);
    return { shapes: shapes.length, labels: labels.length, texts: texts.length, overlaps };
  });
  assert.ok(report.shapes >= 100 && report.labels > 40 && report.texts > 200, JSON.stringify(report).slice(0, 300));
  assert.deepEqual(report.overlaps, [], `${report.overlaps.length} overlaps`);
  // At actual size the labels are readable.
  await shot(page, 'diagram-6-large-actual-size');
  assert.deepEqual(problems, []);
  await context.close();
});
