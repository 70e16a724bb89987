"""Collects the benchmark figures of one run into bench-results/results.{md,json}.

Reads criterion's estimates (target/criterion/**/new/), times `netwright validate` and
cfn-lint on the same CloudFormation export of one large design, and adds the browser
figures when scripts/bench-browser.mjs produced them.
"""
import datetime
import json
import os
import pathlib
import subprocess
import sys
import time

out, netwright, design, template = sys.argv[1:5]
root = pathlib.Path(__file__).resolve().parent.parent


def criterion():
    rows = []
    for bench in sorted((root / "target" / "criterion").glob("**/new/benchmark.json")):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        rows.append({
            "id": meta["full_id"],
            "mean_us": est["mean"]["point_estimate"] / 1000.0,
            "median_us": est["median"]["point_estimate"] / 1000.0,
        })
    return rows


def wall(cmd, runs):
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, proc


ours, ours_proc = wall([netwright, "validate", "--quiet", design], 5)
theirs, lint_proc = wall([str(root / ".venv" / "bin" / "cfn-lint"), "--regions", "us-east-1",
                          "--", template], 1)
subnets = len(json.loads(pathlib.Path(design).read_text())["design"]["subnets"])
mean = {r["id"]: r["mean_us"] for r in criterion()}
core_validate_us = mean.get("validate/synthetic/1000subnets-6azs-300groups-5000rules")

browser = None
browser_file = pathlib.Path(out) / "browser.json"
if browser_file.exists() and browser_file.stat().st_size > 0:
    browser = json.loads(browser_file.read_text())

results = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "cores": os.cpu_count(),
    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, cwd=root).stdout.strip(),
    "criterion": criterion(),
    "vs_cfn_lint": {
        "design": f"synthetic, {subnets} subnets",
        "netwright_validate_process_s": round(ours, 4),
        "netwright_validate_core_us": core_validate_us,
        "cfn_lint_s": round(theirs, 3),
        "cfn_lint_findings": len([l for l in lint_proc.stdout.splitlines() if l.strip()]),
        "ratio_process": round(theirs / ours, 1),
        "ratio_core": round(theirs / (core_validate_us / 1e6), 0) if core_validate_us else None,
    },
    "browser": browser,
}
(pathlib.Path(out) / "results.json").write_text(json.dumps(results, indent=2) + "\n")

lines = [
    "# Netwright benchmark results",
    "",
    f"- date: {results['date']}",
    f"- machine: {results['cores']} cores",
    f"- commit: {results['commit']}",
    "",
    "## Core (criterion, release)",
    "",
    "| benchmark | mean | median |",
    "|---|---:|---:|",
]


def fmt_us(us):
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.1f} µs"


for r in results["criterion"]:
    lines.append(f"| {r['id']} | {fmt_us(r['mean_us'])} | {fmt_us(r['median_us'])} |")
v = results["vs_cfn_lint"]
lines += [
    "",
    f"## Validator against cfn-lint ({v['design']})",
    "",
    "cfn-lint's E3059/E3060 check subnet containment and overlap, the same work as our",
    "validator (which checks much more). Both timed in this run on the same design.",
    "",
    f"- `netwright validate` (whole process, best of 5): {v['netwright_validate_process_s']:.3f} s",
    f"- core `validate` (criterion mean): {fmt_us(core_validate_us) if core_validate_us else 'n/a'}",
    f"- `cfn-lint` on its CloudFormation export: {v['cfn_lint_s']:.1f} s ({v['cfn_lint_findings']} output lines)",
    f"- ratio, process to process: cfn-lint takes {v['ratio_process']}x as long",
    f"- ratio, core validation: {v['ratio_core']}x" if v["ratio_core"] else "",
    "",
    "## Browser",
    "",
]
if browser:
    for k, val in browser.items():
        lines.append(f"- {k}: {val}")
else:
    lines.append("- not measured in this run (the app's browser benchmark did not run)")
(pathlib.Path(out) / "results.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
