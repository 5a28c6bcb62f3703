#!/usr/bin/env bash
# Monte Carlo side by side: pyfair, numpy and our engine on the same FAIR-lite
# portfolio (bench/fair-peers, MODEL.md), then the statistical comparison and
# a timing table with ratios; then the same portfolio simulated in headless
# Chromium on the app's Quantitative page (Web Workers, release build), which
# must give exactly the native mean. BROWSER=0 skips the browser step.
#
#   scripts/bench-montecarlo.sh [RISKS] [ITERATIONS]      (default 1000 100000)
#
# Environment: FAIR_PEERS (default ../shared/bench/fair-peers beside the
# project; where it is absent the benchmark says SKIPPED and exits 0),
# MONTECARLO_TARGET_DIR (default target/montecarlo), SAMPLER (fast | exact),
# ISMS_BIN (an already built isms binary: skips the build), BUILD=0 (use the
# release build already in DIST, default dist, instead of building it).
#
# The CLI is built with the `bench` profile (opt-level 3): the workspace's
# `release` profile is tuned for wasm size (opt-level "z") and runs the
# simulation about 25 % slower. It gets its own target directory because
# Cargo writes the bench profile to `<target>/release`, where a size-tuned
# `cargo build --release` would replace it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
risks=${1:-1000}
iterations=${2:-100000}
peers=${FAIR_PEERS:-$root/../shared/bench/fair-peers}
if [ ! -x "$peers/run_side_by_side.sh" ]; then
    # The peers (and the portfolio file they write) exist only on our own
    # machines; a clone with nothing beside it has nothing to compare with.
    echo "SKIPPED: the Python peers are not at $peers (set FAIR_PEERS to their folder)."
    echo "         This benchmark compares our engine with them, so nothing was run."
    echo "         'cargo bench -p isms-engine' measures the sampler on its own."
    exit 0
fi
target=${MONTECARLO_TARGET_DIR:-$root/target/montecarlo}
sampler=${SAMPLER:-fast}

if [ -n "${ISMS_BIN:-}" ]; then
    engine=$ISMS_BIN
else
    echo "== building isms (bench profile) in $target"
    (cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --profile bench -p isms-engine --bin isms)
    engine="$target/release/isms"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
RESULTS="${RESULTS:-$peers/results}" "$peers/run_side_by_side.sh" "$risks" "$iterations" \
    "$engine simulate --sampler $sampler" 2>&1 | tee "$log" || status=$?

results=${RESULTS:-$peers/results}
python3 - "$log" "$results" "$risks" "$iterations" <<'PY'
import json, os, re, sys
log, results, risks, iterations = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
text = open(log).read()
# run_side_by_side.sh prints "== name" then "<wall>_s_<peak KB>_KB".
wall = {m.group(1): (float(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"^== (\w+)\n(?:.*\n)*?([\d.]+)_s_(\d+)_KB", text, re.M)}
rows = []
for name in ("pyfair", "numpy", "engine"):
    path = os.path.join(results, f"{name}_n{risks}_i{iterations}.json")
    if not os.path.exists(path):
        continue
    res = json.load(open(path))
    rows.append((name, res["impl"], res["compute_seconds"], *wall.get(name, (float("nan"), 0))))
print(f"\n== timings, {risks} risks x {iterations} iterations (same run)")
print(f"{'':8} {'implementation':28} {'compute s':>10} {'wall s':>8} {'peak MB':>8}")
for name, impl, compute, seconds, kb in rows:
    print(f"{name:8} {impl:28} {compute:10.3f} {seconds:8.2f} {kb / 1024:8.0f}")
ours = {r[0]: r for r in rows}.get("engine")
if ours:
    for name, impl, compute, seconds, _ in rows:
        if name != "engine":
            print(f"engine is {compute / ours[2]:6.1f}x faster than {name} (compute), "
                  f"{seconds / ours[3]:6.1f}x (wall)")
PY
if [ "${BROWSER:-1}" != 0 ]; then
    echo
    echo "== the same portfolio in the browser (release build, Web Workers)"
    if [ "${BUILD:-1}" != 0 ]; then
        (cd "$root" && scripts/build.sh >/dev/null)
    fi
    base=$(mktemp)
    (cd "$root" && cargo run --quiet --release -p isms-engine --bin isms -- generate "$risks" 10 1) > "$base"
    node "$root/tests/bench/montecarlo-browser.mjs" "$peers/inputs/portfolio_n${risks}_seed20240601.csv" \
        "$base" "$iterations" "$results/engine_n${risks}_i${iterations}.json" | tee -a "$log" || status=$?
    rm -f "$base"
    python3 - "$log" "$results" "$risks" "$iterations" <<'PY'
import json, os, re, sys
log, results, risks, iterations = sys.argv[1:5]
text = open(log).read()
m = re.search(r"BROWSER_SECONDS=([\d.]+)", text)
if m:
    browser = float(m.group(1))
    print(f"\n== browser {browser:.2f} s for {risks} x {iterations} (target 1.5 s)")
    for name in ("pyfair", "numpy", "engine"):
        path = os.path.join(results, f"{name}_n{risks}_i{iterations}.json")
        if os.path.exists(path):
            compute = json.load(open(path))["compute_seconds"]
            label = "native engine" if name == "engine" else name
            print(f"{label:14} {compute:8.2f} s   browser is {compute / browser:6.1f}x {'faster' if compute > browser else 'slower'}")
PY
fi
exit $status
