// The size budget of the first load: sums the brotli size (quality 11, so the figure
// is the same on every machine) of everything the browser fetches before the design
// is interactive: index.html, the files it names (CSS, the loader script, the app's
// JS and wasm, library-open.js) and the service worker. The on-demand module (named
// by <meta name="netwright-worker">) is reported apart. Prints the per-file
// breakdown and fails when the first load exceeds the budget in
// scripts/size-budget.json by more than its tolerance.
//
//   node scripts/size-budget.mjs [DIST]          check (CI runs this after the build)
//   node scripts/size-budget.mjs [DIST] --json   the figures as JSON, no check
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

/** The first-load and on-demand files of the build in `dist`, raw and brotli. */
export function sizes(dist) {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build the app first (scripts/test-browser.sh does)`);
  }
  const brotli = (buf) => brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
  const measure = (file) => {
    const buf = readFileSync(join(dist, file));
    return { file, raw: buf.length, brotli: brotli(buf) };
  };

  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const local = (ref) => ref && !/^[a-z]+:/i.test(ref) && !ref.startsWith('//') ? ref.replace(/^\.?\//, '') : null;
  const named = new Set();
  for (const m of html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)=["']?([^"'\s>]+)/gi)) {
    const f = local(m[1]);
    if (f && existsSync(join(dist, f))) named.add(f);
  }
  // Module scripts import the app's JS by path.
  for (const m of html.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
    const f = local(m[1]);
    if (f && existsSync(join(dist, f))) named.add(f);
  }
  const worker = html.match(/<meta\s+name=["']?netwright-worker["']?\s+content=["']?([^"'\s>]+)/i);
  if (!worker) {
    throw new Error('index.html names no on-demand module (<meta name="netwright-worker">)');
  }
  const loader = local(worker[1]);
  const stem = loader.replace(/_loader\.js$/, '');
  const onDemand = [loader, `${stem}.js`, `${stem}_bg.wasm`].map(measure);
  const first = ['index.html', ...[...named].sort(), 'sw.js'].map(measure);
  const total = (list) => list.reduce((s, f) => s + f.brotli, 0);
  const figures = {
    first_load_brotli: total(first),
    on_demand_brotli: total(onDemand),
    first_load: first,
    on_demand: onDemand,
  };
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dist = args.find((a) => !a.startsWith('--')) || join(here, '..', 'dist');
  let figures;
  try {
    figures = sizes(dist);
  } catch (e) {
    console.error(`size-budget: ${e.message}`);
    process.exit(2);
  }
  const { first_load: first, on_demand: onDemand } = figures;
  if (json) {
    console.log(JSON.stringify(figures, null, 2));
    process.exit(0);
  }

  const budget = JSON.parse(readFileSync(join(here, 'size-budget.json'), 'utf8'));
  const limit = Math.floor(budget.first_load_brotli * (1 + budget.tolerance));
  const row = (f) => `  ${f.file.replace(/-[0-9a-f]{12,16}(?=[._])/, '-…').padEnd(34)} ${String(f.raw).padStart(9)} ${String(f.brotli).padStart(9)}`;
  console.log(`  ${'first load'.padEnd(34)} ${'raw'.padStart(9)} ${'brotli'.padStart(9)}`);
  first.forEach((f) => console.log(row(f)));
  console.log(`  ${'total'.padEnd(34)} ${''.padStart(9)} ${String(figures.first_load_brotli).padStart(9)}`);
  console.log(`  on demand (after the first paint)`);
  onDemand.forEach((f) => console.log(row(f)));
  console.log(`  ${'total'.padEnd(34)} ${''.padStart(9)} ${String(figures.on_demand_brotli).padStart(9)}`);
  console.log(`size-budget: first load ${figures.first_load_brotli} B brotli; budget ${budget.first_load_brotli} B + ${budget.tolerance * 100} % = ${limit} B`);
  if (figures.first_load_brotli > limit) {
    console.error(`size-budget: the first load is over its budget by ${figures.first_load_brotli - limit} B.`
      + ' Move what the first view does not need to the on-demand module (crates/worker), or,'
      + ' if the growth is worth it, raise first_load_brotli in scripts/size-budget.json and say why in the commit.');
    process.exit(1);
  }
}
