// What every end-to-end test file shares: one server for dist/ and one Chromium per
// file (started before its tests, closed after), screenshots, common selectors.
import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, ARTIFACTS } from './harness.mjs';

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
