#!/usr/bin/env bash
# Pinned tool versions, shared by the setup, test and benchmark scripts.
# shellcheck disable=SC2034
RUST_VERSION=1.95.0
TRUNK_VERSION=0.21.14
MOTO_VERSION=5.2.5
AWSCLI_VERSION=1.46.3
CFN_LINT_VERSION=1.58.0
CHECKOV_VERSION=3.3.30
CARGO_FUZZ_VERSION=0.13.2
# The nightly used only for the release wasm build (scripts/release-env.sh), pinned by
# its date; its rustc reports 1.97.0-nightly (e50aa6fba 2026-05-19).
RELEASE_NIGHTLY=nightly-2026-05-20
RELEASE_NIGHTLY_COMMIT_DATE=2026-05-19
