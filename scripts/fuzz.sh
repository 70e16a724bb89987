#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30), seeded with the test fixtures.
# Needs the nightly toolchain and cargo-fuzz (scripts/setup.sh --fuzz installs it).
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the run.
#
#   scripts/fuzz.sh            every target, 30 s each
#   scripts/fuzz.sh 600 load   one target, 10 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load share_link fields export import_aws import_cloudformation)

seeds=fuzz/seeds
mkdir -p "$seeds"
cp crates/core/tests/fixtures/*.json "$seeds/"
for f in crates/core/tests/fixtures/aws/*.json crates/core/tests/fixtures/aws/*/*.json; do
  cp "$f" "$seeds/aws-$(basename "$(dirname "$f")")-$(basename "$f")"
done
cp crates/core/tests/fixtures/cloudformation/* "$seeds/"
printf '10.0.0.0/16' > "$seeds/cidr"
printf '8000-8080' > "$seeds/ports"

for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "==> fuzz $t for ${seconds}s"
  log="fuzz/$t.log"
  status=0
  (cd fuzz && cargo +nightly fuzz run --release "$t" "corpus/$t" "../$seeds" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1) >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz $t failed (exit $status); the input is in fuzz/artifacts/$t/, the log in $log" >&2
    exit 1
  fi
done
