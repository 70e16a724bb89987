#!/usr/bin/env bash
# Builds the release app (scripts/build-release.sh) and runs the browser tests: the wasm-bindgen-test
# component tests in headless Chromium, then the Playwright end-to-end tests against
# dist/ (which compare exports with the CLI's, so the CLI is built too).
# Needs what scripts/setup.sh installs; fails with a clear message when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
export CARGO_TARGET_DIR="$target"
export PATH="$root/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
unset NO_COLOR

missing() { echo "test-browser: $1 is missing: run scripts/setup.sh" >&2; exit 1; }
command -v trunk >/dev/null || missing "trunk"
command -v wasm-bindgen-test-runner >/dev/null || missing "wasm-bindgen-test-runner (wasm-bindgen-cli)"
[ -x "$root/node_modules/.bin/wasm-opt" ] || missing "wasm-opt (npm binaryen)"
[ -d "$root/node_modules/playwright-core" ] || missing "playwright-core (npm ci)"
[ -x /usr/bin/chromium ] || missing "/usr/bin/chromium"
[ -x /usr/bin/chromedriver ] || missing "/usr/bin/chromedriver"

scripts/build-release.sh

echo "[test-browser] size budget of the first load"
node scripts/size-budget.mjs

echo "[test-browser] cargo build -p netwright-cli"
cargo build -q -p netwright-cli
export NETWRIGHT_CLI="$target/debug/netwright"

echo "[test-browser] wasm-bindgen-test (headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/webdriver.json" \
  cargo test -p netwright --target wasm32-unknown-unknown --test web

echo "[test-browser] Playwright end-to-end"
node --test --test-concurrency=1 tests/e2e/
