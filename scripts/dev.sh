#!/usr/bin/env bash
# Sets up the machine and serves the designer on http://127.0.0.1:8080 (it opens
# with the reference design, or your last autosaved one). Ctrl+C stops it. It serves
# a stable-toolchain build, which rebuilds faster and prints panic messages to the
# console; scripts/build-release.sh makes the smaller build that ships.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export TRUNK_SKIP_VERSION_CHECK=true
unset NO_COLOR
echo "Netwright: open http://127.0.0.1:8080/ in your browser"
exec trunk serve --release --port "${PORT:-8080}"
