// Trunk post_build hook: puts the sha256 of every inline <script> of the built
// index.html into its Content-Security-Policy, in place of __NW_SCRIPT_HASHES__,
// so the page needs neither 'unsafe-inline' nor a server-set nonce. It also drops the
// `integrity` attribute from `<link rel=preload as=fetch>` (the wasm): Chromium
// ignores it there and warns in the console; the module script keeps its integrity.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const placeholder = '__NW_SCRIPT_HASHES__';
if (!html.includes(placeholder)) {
  console.error(`csp-hash: ${file} has no ${placeholder} in its Content-Security-Policy`);
  process.exit(1);
}
const withoutPreloadIntegrity = (text) => text.replace(/<link\b[^>]*>/gi, (tag) =>
  /\bas=["']?fetch\b/i.test(tag) ? tag.replace(/\s+integrity=("[^"]*"|'[^']*'|[^\s>]+)/i, '') : tag);
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1]) || m[2].length === 0) continue;
  hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
writeFileSync(file, withoutPreloadIntegrity(html.replace(placeholder, hashes.join(' '))));
console.log(`csp-hash: allowed ${hashes.length} inline script(s)`);
