#!/usr/bin/env bash
# The release wasm build's toolchain and size flags, in one place. Sourced by
# scripts/build-release.sh (the app, through Trunk) and scripts/size-floor.sh (its
# stand-ins, through cargo), so both build every wasm module alike. Everything is set
# through cargo's environment, so it applies to every wasm module Trunk builds from
# index.html; nothing here is set per <link>. Each flag was measured on its own
# (ARCHITECTURE.md, "Bundle size habits"); a flag that did not pay is not here.
# Native builds, tests, clippy and the CLI do not source this: they stay on the
# stable toolchain of rust-toolchain.toml.
# shellcheck disable=SC2034 # WASM_OPT_* are read by the scripts that source this
# Callers run from the repository root.
source scripts/versions.sh

# The pinned nightly (scripts/setup.sh installs it with rust-src and the wasm target).
export RUSTUP_TOOLCHAIN="$RELEASE_NIGHTLY"
# Rebuild std with the flags below, with the abort-only panic runtime.
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
# Cargo adds these to the [target.wasm32-unknown-unknown] rustflags of
# .cargo/config.toml (`--cfg erase_components`, which every wasm build keeps). A panic
# aborts at once, with no message and no hook (crash-banner.js tells the person), and
# carries no file and line. Not -Zfmt-debug=none: it empties every `{:?}`, and some of
# the core's messages quote what a person typed with it.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"

# wasm-opt's level and extra passes: Trunk takes them from each <link rel="rust">
# (data-wasm-opt, data-wasm-opt-params), so scripts/build-release.sh checks that every
# such link in index.html carries exactly these.
WASM_OPT_LEVEL=z
WASM_OPT_PARAMS=""

# release_env_ready: fails with a clear message when the pinned nightly or a piece of
# it is missing.
release_env_ready() {
  local sysroot version
  # The version is read whole before matching: `rustc -vV | grep -q` under pipefail
  # fails when rustc is killed by SIGPIPE after grep's early match.
  if ! sysroot=$(rustc --print sysroot 2>/dev/null) || ! version=$(rustc -vV 2>/dev/null) ||
    ! grep -q "^commit-date: $RELEASE_NIGHTLY_COMMIT_DATE\$" <<<"$version"; then
    echo "release build: the pinned toolchain $RELEASE_NIGHTLY (rustc of $RELEASE_NIGHTLY_COMMIT_DATE) is not installed: run scripts/setup.sh" >&2
    return 1
  fi
  if [ ! -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]; then
    echo "release build: $RELEASE_NIGHTLY lacks rust-src (needed to rebuild std): run scripts/setup.sh" >&2
    return 1
  fi
}
