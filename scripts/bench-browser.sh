#!/usr/bin/env bash
# Runs the browser benchmark on the release build: generates a 1,000-subnet design with
# 200 network ACLs of 20 entries per direction and 300 workloads (`netwright new
# --template synthetic`; SUBNETS, ACLS and WORKLOADS change the counts), then prints
# scripts/bench-browser.mjs's JSON.
# Build first (scripts/build-release.sh; scripts/test-browser.sh runs it), and
# scripts/size-floor.sh for the tiny Leptos app it is compared with.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
design="$(mktemp --suffix=.json)"
capture="$(mktemp -d)"
trap 'rm -rf "$design" "$capture"' EXIT
CARGO_TARGET_DIR="$target" cargo run -q -p netwright-cli -- new --template synthetic \
  --subnets "${SUBNETS:-1000}" --azs 3 --groups 50 --rules 400 \
  --acls "${ACLS:-200}" --acl-entries 20 --workloads "${WORKLOADS:-300}" -o "$design"
# The describe output of the import benchmark's design (1,000 subnets, 300 groups,
# 5,000 rules), for the Import dialog.
CARGO_TARGET_DIR="$target" cargo run -q -p netwright-core --example benchmark_capture -- "$capture"
# The tiny Leptos app of scripts/size-floor.sh, when it has been built, loads in turn
# with the app for the side-by-side time to interactive.
baseline="$target/size-floor/leptos-min-site"
if [ -f "$baseline/index.html" ]; then
  export NETWRIGHT_BASELINE="$PWD/$baseline"
  case "$target" in /*) NETWRIGHT_BASELINE="$baseline" ;; esac
else
  echo "bench-browser: no $baseline (run scripts/size-floor.sh first for the side-by-side time to interactive)" >&2
fi
node scripts/bench-browser.mjs "$design" "$capture"
