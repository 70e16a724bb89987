#!/usr/bin/env bash
# What the browser bundle cannot go below: builds the app and two stand-ins the way
# the release build does (the workspace's size profile, the toolchain and flags of
# scripts/release-env.sh, wasm-bindgen, its wasm-opt passes) and prints each wasm
# module's size, raw and brotli (quality 11):
# - the app (netwright-web);
# - scripts/size-floor/core: everything the app calls in netwright-core, with and
#   without the exporters and share links (the core's share of the bundle);
# - scripts/size-floor/leptos-min: a tiny Leptos app (Leptos's least share).
# Both stand-ins are workspace members, so they share the app's Cargo.lock.
#
#   scripts/size-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/release-env.sh
release_env_ready
export PATH="$PWD/node_modules/.bin:$PATH"
target="${CARGO_TARGET_DIR:-target}"
out="$target/size-floor"
rm -rf "$out"
mkdir -p "$out"
release="$target/wasm32-unknown-unknown/release"
read -ra opt_params <<<"$WASM_OPT_PARAMS"

# measure NAME FILE CARGO-ARGS...: builds a wasm module (FILE, of the cargo build),
# then runs it through wasm-bindgen and wasm-opt into $out/NAME.wasm.
measure() {
  local name=$1 wasm=$2
  shift 2
  echo "==> $name" >&2
  cargo build -q --locked --release --target wasm32-unknown-unknown "$@"
  wasm-bindgen --target web --out-dir "$out/$name" "$release/$wasm"
  wasm-opt "-O$WASM_OPT_LEVEL" --enable-bulk-memory --enable-nontrapping-float-to-int "${opt_params[@]}" \
    "$out/$name"/*_bg.wasm -o "$out/$name.wasm"
}

measure app netwright-web.wasm --bin netwright-web
measure core-all size_floor_core.wasm -p size-floor-core --features exporters
measure core-without-exporters size_floor_core.wasm -p size-floor-core
measure leptos-min size-floor-leptos.wasm -p size-floor-leptos

# shellcheck disable=SC2016 # JavaScript template strings, not shell expansions
node -e '
const fs = require("fs"), zlib = require("zlib");
const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const dir = process.argv[1];
const row = (name) => { const b = fs.readFileSync(`${dir}/${name}.wasm`); return [name, b.length, br(b)]; };
const rows = ["app", "core-all", "core-without-exporters", "leptos-min"].map(row);
const pad = (s, n) => String(s).padStart(n);
console.log(`wasm module (after wasm-opt -O${process.argv[2]})   raw bytes   brotli bytes`);
for (const [n, raw, b] of rows) console.log(`${n.padEnd(32)}${pad(raw, 12)}${pad(b, 15)}`);
const by = Object.fromEntries(rows.map(([n, , b]) => [n, b]));
console.log(`floor: core-all + leptos-min = ${by["core-all"] + by["leptos-min"]} brotli bytes of wasm, before any view, JS or CSS of the app`);
' "$out" "$WASM_OPT_LEVEL"

# The tiny Leptos app as a page, for the browser benchmark's side-by-side time to
# interactive (scripts/bench-browser.sh serves it when it exists).
site="$out/leptos-min-site"
mkdir -p "$site"
cp "$out/leptos-min/size-floor-leptos.js" "$site/"
cp "$out/leptos-min.wasm" "$site/size-floor-leptos_bg.wasm"
cat > "$site/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>leptos-min</title>
<link rel="preload" as="fetch" type="application/wasm" crossorigin href="./size-floor-leptos_bg.wasm">
<script type="module">import init from './size-floor-leptos.js'; await init({ module_or_path: './size-floor-leptos_bg.wasm' });</script>
</head><body></body></html>
HTML
echo "the tiny Leptos app as a page: $site"

# Beside the floor, what the app's build really loads: the first load and the
# on-demand module (scripts/size-budget.mjs), when dist/ has a build.
if [ -f dist/index.html ]; then
  node scripts/size-budget.mjs dist || true
fi
