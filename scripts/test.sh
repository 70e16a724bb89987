#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test Netwright has:
# formatting and lints (shellcheck on scripts/ too), the native Rust tests (core, CLI,
# exporters against moto and cfn-lint, shellcheck on exported scripts), then the
# browser tests (wasm-bindgen-test and Playwright against the release build).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (deny warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "shellcheck on the project's own scripts"
shellcheck scripts/*.sh .ci/run

step "native tests (core, CLI, exporters, moto, cfn-lint)"
cargo test --workspace --locked

step "fuzzing: every target for ${FUZZ_SECONDS:=20}s"
scripts/fuzz.sh "$FUZZ_SECONDS"

if [ -x scripts/test-browser.sh ]; then
  step "browser tests"
  scripts/test-browser.sh
fi
