#!/usr/bin/env bash
# The one release build of the browser app: `trunk build --release` into dist/ on the
# pinned nightly with the size flags of scripts/release-env.sh. The tests, the
# benchmarks and the size floor build through this script. Extra arguments go to
# Trunk (for example `--dist DIR`).
#
#   scripts/build-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/release-env.sh
export PATH="$root/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
unset NO_COLOR

missing() { echo "build-release: $1 is missing: run scripts/setup.sh" >&2; exit 1; }
command -v trunk >/dev/null || missing "trunk"
[ -x "$root/node_modules/.bin/wasm-opt" ] || missing "wasm-opt (npm binaryen)"
release_env_ready

# Every wasm module gets the same wasm-opt passes: Trunk reads them per link.
want="data-wasm-opt=\"$WASM_OPT_LEVEL\""
[ -n "$WASM_OPT_PARAMS" ] && want="$want data-wasm-opt-params=\"$WASM_OPT_PARAMS\""
links=$(grep -o '<link[^>]*rel="rust"[^>]*>' index.html || true)
[ -n "$links" ] || { echo "build-release: index.html has no <link data-trunk rel=\"rust\">" >&2; exit 1; }
if [ "$(grep -c 'rel="rust"' index.html)" != "$(grep -c . <<<"$links")" ]; then
  echo "build-release: keep each <link data-trunk rel=\"rust\"> of index.html on one line, so its wasm-opt passes can be checked" >&2
  exit 1
fi
while IFS= read -r link; do
  level=$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' <<<"$link")
  params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' <<<"$link")
  if [ "$level" != "$WASM_OPT_LEVEL" ] || [ "$params" != "$WASM_OPT_PARAMS" ]; then
    echo "build-release: index.html's $link must carry $want (scripts/release-env.sh)" >&2
    exit 1
  fi
done <<<"$links"

echo "[build-release] trunk build --release on $RELEASE_NIGHTLY"
trunk build --release "$@"
