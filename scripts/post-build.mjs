// Trunk post_build hook, run on the staging directory before it becomes dist/:
//
// 1. Puts the sha256 of every inline <script> of the built index.html into its
//    Content-Security-Policy, in place of __NW_SCRIPT_HASHES__, so the page needs
//    neither 'unsafe-inline' nor a server-set nonce. It also drops the `integrity`
//    attribute from `<link rel=preload as=fetch>` (the wasm): Chromium ignores it
//    there and warns in the console; the module script keeps its integrity.
// 2. Names the on-demand module's files (Trunk leaves a worker's unhashed) after a
//    hash of their content, fixes the names inside them, and names the loader in a
//    <meta name="netwright-worker"> that the app reads (src/jobs.rs).
// 3. Fills the service worker's (sw.js) precache list with the build's files and
//    names its cache after a hash of them, so each build installs a fresh cache.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}

function fill(file, placeholders) {
  let text = readFileSync(file, 'utf8');
  for (const [name, value] of Object.entries(placeholders)) {
    if (!text.includes(name)) {
      console.error(`post-build: ${file} has no ${name}`);
      process.exit(1);
    }
    text = text.replaceAll(name, value);
  }
  return text;
}

const indexFile = join(dir, 'index.html');
let html = readFileSync(indexFile, 'utf8');

const WORKER = 'netwright-worker';
const parts = { wasm: `${WORKER}_bg.wasm`, js: `${WORKER}.js`, loader: `${WORKER}_loader.js` };
for (const f of Object.values(parts)) {
  if (!existsSync(join(dir, f))) {
    console.error(`post-build: ${f} is missing (the worker's <link> in index.html?)`);
    process.exit(1);
  }
}
const workerHash = createHash('sha256');
for (const f of [parts.wasm, parts.js]) workerHash.update(readFileSync(join(dir, f)));
const tag = workerHash.digest('hex').slice(0, 16);
const named = { wasm: `${WORKER}-${tag}_bg.wasm`, js: `${WORKER}-${tag}.js`, loader: `${WORKER}-${tag}_loader.js` };
const rewrite = (from, to, replacements) => {
  let text = readFileSync(join(dir, from), 'utf8');
  for (const [a, b] of replacements) {
    if (!text.includes(a)) {
      console.error(`post-build: ${from} does not name ${a}`);
      process.exit(1);
    }
    text = text.replaceAll(a, b);
  }
  writeFileSync(join(dir, to), text);
  unlinkSync(join(dir, from));
};
renameSync(join(dir, parts.wasm), join(dir, named.wasm));
rewrite(parts.js, named.js, [[parts.wasm, named.wasm]]);
rewrite(parts.loader, named.loader, [[`./${parts.js}`, `./${named.js}`]]);
html = html.replace('</head>', `<meta name="netwright-worker" content="./${named.loader}">\n</head>`);
writeFileSync(indexFile, html);
console.log(`post-build: the on-demand module is ${named.loader}`);
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1]) || m[2].length === 0) continue;
  hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
const withoutPreloadIntegrity = (text) => text.replace(/<link\b[^>]*>/gi, (tag) =>
  /\bas=["']?fetch\b/i.test(tag) ? tag.replace(/\s+integrity=("[^"]*"|'[^']*'|[^\s>]+)/i, '') : tag);
const page = withoutPreloadIntegrity(fill(indexFile, { __NW_SCRIPT_HASHES__: hashes.join(' ') }));
writeFileSync(indexFile, page);
console.log(`post-build: allowed ${hashes.length} inline script(s)`);

const workerFile = join(dir, 'sw.js');
const files = readdirSync(dir).filter((f) => f !== 'sw.js').sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dir, f)));
const worker = fill(workerFile, {
  __NW_PRECACHE_FILES__: JSON.stringify(['./', ...files]),
  __NW_PRECACHE_VERSION__: version.digest('hex').slice(0, 16),
});
writeFileSync(workerFile, worker);
console.log(`post-build: the service worker precaches ${files.length + 1} files`);
