// What every end-to-end test file shares: one server for dist/ and one Chromium per
// file (started before its tests, closed after), screenshots, common selectors.
import { before, after } from 'node:test';
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, newPage, ready, ARTIFACTS } from './harness.mjs';

/** Registers the hooks; the returned object's `server` and `browser` are set before the first test. */
export function useApp() {
  const app = { server: null, browser: null };
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app.server = await serve();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** Saves a screenshot to tests/e2e/artifacts/NAME.png. */
export const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/** Every subnet shape on the diagram. */
export const SUBNETS = 'svg.diagram g.tier-public[data-id], svg.diagram g.tier-private[data-id], svg.diagram g.tier-isolated[data-id]';

/** A new page on the app's first load (reference design or autosave), mounted. */
export async function fresh(app) {
  const p = await newPage(app.browser);
  await p.page.goto(app.server.url);
  await ready(p.page);
  return p;
}

/** The built netwright CLI (scripts/test-browser.sh builds it and sets NETWRIGHT_CLI). */
export function cliPath() {
  const cli = process.env.NETWRIGHT_CLI;
  if (!cli || !existsSync(cli)) {
    throw new Error(`NETWRIGHT_CLI must name the built netwright CLI binary (got ${cli}); scripts/test-browser.sh builds and sets it`);
  }
  return cli;
}

/** The banner crash-banner.js shows when the app's wasm has stopped. */
export const CRASH_BANNER = 'main.crash';

/**
 * Makes WebAssembly trap in the page, as a Rust panic does in the release build
 * (`unreachable`): a one-function module compiled in the page (its CSP allows
 * 'wasm-unsafe-eval'), called from a timer (`how` = 'event', an uncaught error) or
 * from a promise callback ('async', an unhandled rejection).
 */
export async function trapWasm(page, how) {
  await page.evaluate(async (how) => {
    // (module (func (export "trap") unreachable))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
      7, 8, 1, 4, 116, 114, 97, 112, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const { instance } = await WebAssembly.instantiate(bytes);
    if (how === 'event') setTimeout(() => instance.exports.trap());
    else Promise.resolve().then(() => instance.exports.trap());
  }, how);
}
