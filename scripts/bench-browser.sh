#!/usr/bin/env bash
# Runs the browser benchmark on the release build: generates a 1,000-subnet design
# (`netwright new --template synthetic`), then prints scripts/bench-browser.mjs's JSON.
# Build first (scripts/test-browser.sh does, or `trunk build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
design="$(mktemp --suffix=.json)"
trap 'rm -f "$design"' EXIT
CARGO_TARGET_DIR="$target" cargo run -q -p netwright-cli -- new --template synthetic \
  --subnets "${SUBNETS:-1000}" --azs 3 --groups 50 --rules 400 -o "$design"
node scripts/bench-browser.mjs "$design"
