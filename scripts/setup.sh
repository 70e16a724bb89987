#!/usr/bin/env bash
# Installs everything Netwright's build and tests need on a fresh machine of the
# project's kind (Debian, root, Rust via rustup, Node.js, Python 3), from the package
# registries only. Idempotent: each step is skipped when the right version is there.
#
#   scripts/setup.sh           everything (app build, browser tests, AWS emulator, linters)
#   scripts/setup.sh --native  only what the native Rust tests and the CLI need
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.sh

native_only=false
[ "${1:-}" = "--native" ] && native_only=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# prints PATTERN COMMAND...: whether COMMAND's output has a line matching PATTERN (an
# extended regex). The output is read whole first: `COMMAND | grep -q` under pipefail
# fails when grep stops reading at its match and COMMAND is killed by SIGPIPE.
prints() {
  local pattern=$1 out
  shift
  out=$("$@" 2>/dev/null) || true
  grep -Eq -- "$pattern" <<<"$out"
}

# --- Debian packages ---------------------------------------------------------------
need_apt=()
command -v shellcheck >/dev/null || need_apt+=(shellcheck)
command -v brotli >/dev/null || need_apt+=(brotli)
if ! $native_only; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fi
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- Python tools for the AWS side: moto, the AWS CLI, cfn-lint (in .venv) ---------
py_pkgs=("moto[server]==$MOTO_VERSION" "awscli==$AWSCLI_VERSION" "cfn-lint==$CFN_LINT_VERSION")
if [ ! -f .venv/.installed ] || [ "$(cat .venv/.installed)" != "${py_pkgs[*]}" ]; then
  say "python venv: ${py_pkgs[*]}"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check "${py_pkgs[@]}"
  echo "${py_pkgs[*]}" > .venv/.installed
fi

# --- checkov, the security lint the CloudFormation export is held to (.venv-checkov) -
# Its own venv: checkov pins boto3 exactly (3.3.30: boto3==1.35.49), which would move
# the SDK moto runs on in .venv.
ckv_pkgs=("checkov==$CHECKOV_VERSION")
if [ ! -f .venv-checkov/.installed ] || [ "$(cat .venv-checkov/.installed)" != "${ckv_pkgs[*]}" ]; then
  say "checkov venv: ${ckv_pkgs[*]}"
  python3 -m venv .venv-checkov
  .venv-checkov/bin/pip install -q --disable-pip-version-check "${ckv_pkgs[@]}"
  echo "${ckv_pkgs[*]}" > .venv-checkov/.installed
fi

# --- Rust toolchain pieces ---------------------------------------------------------
rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install "$RUST_VERSION" --profile minimal
rustup component add rustfmt clippy >/dev/null 2>&1 || true
$native_only && { say "native setup done"; exit 0; }

# --- Fuzzing: the nightly toolchain and cargo-fuzz -----------------------------------
prints '^nightly' rustup toolchain list || rustup toolchain install nightly --profile minimal
if ! prints " $CARGO_FUZZ_VERSION" cargo fuzz --version; then
  say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install -q cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

prints '^wasm32-unknown-unknown$' rustup target list --installed || rustup target add wasm32-unknown-unknown

# --- The release wasm build's pinned nightly (scripts/release-env.sh) ---------------
# rust-src lets cargo rebuild std with the size flags (-Zbuild-std); std's own
# dependencies are fetched now, since Trunk builds offline.
if ! prints "^$RELEASE_NIGHTLY-" rustup toolchain list; then
  say "rustup toolchain install $RELEASE_NIGHTLY"
  rustup toolchain install "$RELEASE_NIGHTLY" --profile minimal
fi
if ! prints "^commit-date: $RELEASE_NIGHTLY_COMMIT_DATE\$" rustc "+$RELEASE_NIGHTLY" -vV; then
  echo "setup: $RELEASE_NIGHTLY's rustc is not of $RELEASE_NIGHTLY_COMMIT_DATE (scripts/versions.sh):" >&2
  rustc "+$RELEASE_NIGHTLY" -vV >&2
  exit 1
fi
prints '^rust-src' rustup component list --installed --toolchain "$RELEASE_NIGHTLY" ||
  rustup component add rust-src --toolchain "$RELEASE_NIGHTLY"
prints '^wasm32-unknown-unknown$' rustup target list --installed --toolchain "$RELEASE_NIGHTLY" ||
  rustup target add wasm32-unknown-unknown --toolchain "$RELEASE_NIGHTLY"
cargo "+$RELEASE_NIGHTLY" fetch --locked -q \
  --manifest-path "$(rustc "+$RELEASE_NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, "", $0); print; exit}' Cargo.lock)
if ! prints " $wb_version\$" wasm-bindgen --version; then
  say "cargo install wasm-bindgen-cli $wb_version (a few minutes, once)"
  # Not --locked: its lockfile pins a yanked crate.
  cargo install -q wasm-bindgen-cli --version "$wb_version" --force
fi
if ! prints " $TRUNK_VERSION\$" trunk --version; then
  say "cargo install trunk $TRUNK_VERSION (about 7 minutes, once)"
  cargo install -q trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- npm: playwright-core (drives Debian's chromium) and binaryen's wasm-opt -------
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

cargo fetch --locked -q
say "setup done"
