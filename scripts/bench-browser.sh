#!/usr/bin/env bash
# Runs the browser benchmark on the release build: generates a 1,000-subnet design
# (`netwright new --template synthetic`), then prints scripts/bench-browser.mjs's JSON.
# Build first (scripts/build-release.sh; scripts/test-browser.sh runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
design="$(mktemp --suffix=.json)"
capture="$(mktemp -d)"
trap 'rm -rf "$design" "$capture"' EXIT
CARGO_TARGET_DIR="$target" cargo run -q -p netwright-cli -- new --template synthetic \
  --subnets "${SUBNETS:-1000}" --azs 3 --groups 50 --rules 400 -o "$design"
# The describe output of the import benchmark's design (1,000 subnets, 300 groups,
# 5,000 rules), for the Import dialog.
CARGO_TARGET_DIR="$target" cargo run -q -p netwright-core --example benchmark_capture -- "$capture"
node scripts/bench-browser.mjs "$design" "$capture"
