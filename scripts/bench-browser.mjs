// Browser benchmark (a report, not a test): prints JSON with
//  - transfer: the release build's wasm + JS + CSS, raw and brotli-compressed;
//  - tti_ms: navigation start to the app being interactive (outline rendered), median;
//  - keystroke_ms: a keystroke in a subnet's CIDR field to the updated diagnostics
//    on a generated design (default 1,000 subnets), median and p95.
// Usage: node scripts/bench-browser.mjs [design.json]   (scripts/bench-browser.sh
// generates the 1,000-subnet design with the core's templates::synthetic).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve, launch, newPage, ready, DIST } from '../tests/e2e/harness.mjs';

const TARGETS = { transfer_brotli_bytes: 250 * 1024, tti_ms: 500, keystroke_ms: 16 };

function transfer() {
  const out = { files: {}, raw_bytes: 0, brotli_bytes: 0 };
  for (const f of readdirSync(DIST)) {
    if (!['.wasm', '.js', '.css', '.html'].includes(extname(f))) continue;
    const body = readFileSync(join(DIST, f));
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    out.files[f] = { raw: statSync(join(DIST, f)).size, brotli: br };
    out.raw_bytes += body.length;
    out.brotli_bytes += br;
  }
  return out;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };

async function tti(browser, url) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const { page, context } = await newPage(browser);
    // Interactive: the app has mounted its outline (its first paint with a design).
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('nav.outline .row.design')) {
          window.__nwInteractive = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(url);
    await ready(page);
    times.push(await page.evaluate(() => window.__nwInteractive));
    await context.close();
  }
  return times;
}

async function keystrokes(browser, url, design) {
  const { page, context, problems } = await newPage(browser);
  await page.goto(url);
  await ready(page);
  await page.evaluate((text) => { localStorage.setItem('netwright.autosave', text); localStorage.setItem('netwright.autosave.dirty', '0'); }, design);
  await page.reload();
  await ready(page);
  const subnets = await page.locator('.summary .card').count();
  // Select a subnet in the middle of the design and type its neighbour's block into
  // its block field (one overlap appears), then its own block again (it goes).
  const middle = Math.floor(subnets / 2);
  const neighbour = (await page.locator('.summary .card .mono').nth(middle + 1).textContent()).trim();
  await page.locator('.summary .card').nth(middle).click();
  const field = page.locator('#inspector input[data-field="cidr"]');
  await field.waitFor();
  const original = await field.inputValue();
  const samples = await page.evaluate(async ([original, neighbour]) => {
    const input = document.querySelector('#inspector input[data-field="cidr"]');
    const counts = document.querySelector('[data-testid="counts"]');
    const out = [];
    const values = [];
    for (let i = 0; i < 40; i++) values.push(i % 2 === 0 ? neighbour : original);
    const errorsShown = () => document.querySelectorAll('.diagnostics .diag.error').length;
    for (const v of values) {
      const before = counts.textContent;
      const wantErrors = v !== original;
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (counts.textContent !== before && (errorsShown() > 0) === wantErrors) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const t0 = performance.now();
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await Promise.race([done, new Promise((r) => setTimeout(() => r(null), 2000))]);
      if (t1 === null) throw new Error(`diagnostics did not change after typing ${v}`);
      out.push(t1 - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  }, [original, neighbour]);
  await context.close();
  return { subnets, samples, problems };
}

const designFile = process.argv[2];
const server = await serve();
const browser = await launch();
try {
  const t = transfer();
  const ttis = await tti(browser, server.url);
  const result = {
    transfer: t,
    tti_ms: { median: +median(ttis).toFixed(1), samples: ttis.map((x) => +x.toFixed(1)) },
  };
  if (designFile) {
    const k = await keystrokes(browser, server.url, readFileSync(designFile, 'utf8'));
    result.keystroke_ms = { subnets: k.subnets, median: +median(k.samples).toFixed(2), p95: +p95(k.samples).toFixed(2), n: k.samples.length };
    if (k.problems.length) result.console_problems = k.problems;
  }
  result.targets = TARGETS;
  result.within_targets = {
    transfer: t.brotli_bytes <= TARGETS.transfer_brotli_bytes,
    tti: result.tti_ms.median <= TARGETS.tti_ms,
    keystroke: result.keystroke_ms ? result.keystroke_ms.median <= TARGETS.keystroke_ms : null,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.close();
}
