#!/usr/bin/env bash
# One benchmark command: builds in release mode and writes bench-results/results.md
# and bench-results/results.json (core count, date, commit):
# - criterion: validation, every export and the diagram layout, on the reference
#   design and on synthetic designs of 100, 1,000 and 5,000 subnets;
# - our validator against cfn-lint on the same large design (its E3059/E3060 subnet
#   checks do the same containment and overlap work), as a ratio measured in this run;
# - the browser: transfer size, time to interactive, keystroke-to-diagnostics latency
#   and drag frame time (scripts/bench-browser.mjs), when the app's tools are set up.
#
#   scripts/bench.sh           everything
#   scripts/bench.sh --quick   shorter criterion runs
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
out=bench-results
mkdir -p "$out"
quick=()
[ "${1:-}" = "--quick" ] && quick=(--warm-up-time 1 --measurement-time 2)

echo "==> criterion (release)"
rm -rf target/criterion
cargo bench -p netwright-core --bench validate --bench export --bench diagram --bench import --bench reach -- "${quick[@]}" \
  > "$out/criterion.log" 2>&1 || { tail -n 30 "$out/criterion.log"; exit 1; }

echo "==> validator vs cfn-lint on the same design"
cargo build -q --release -p netwright-cli
bin=target/release/netwright
design="$out/synthetic-1000.json"
"$bin" new --template synthetic --subnets 1000 --azs 6 --groups 300 --rules 5000 -o "$design"
"$bin" export --format cloudformation "$design" -o "$out/synthetic-1000.cfn.json"

echo "==> browser"
browser_json="$out/browser.json"
rm -f "$browser_json"
scripts/build-release.sh > "$out/trunk.log" 2>&1 || { tail -n 20 "$out/trunk.log"; exit 1; }
node scripts/bench-browser.mjs "$design" > "$browser_json" ||
  { echo "browser benchmark failed" >&2; rm -f "$browser_json"; }

.venv/bin/python scripts/bench_report.py "$out" "$bin" "$design" "$out/synthetic-1000.cfn.json"
echo "==> wrote $out/results.md and $out/results.json"
