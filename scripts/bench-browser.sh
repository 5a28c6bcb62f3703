#!/usr/bin/env bash
# Browser benchmarks (PRODUCT.md section 7), in headless Chromium:
# 1. the data layer: open a 10,000-risk workspace from IndexedDB, save after
#    one edit, export, import, and the deterministic analysis; a table of
#    first, median and fastest of 5 runs beside the targets;
# 2. the risk register of the release build (dist/): open it on 10,000 risks,
#    filter per keystroke, toggle a filter (tests/bench/register.mjs). Not a timed test: it
# asserts only correctness (app/tests/bench_storage.rs, built only with the
# `browser-bench` feature, so scripts/test.sh does not run it).
#
#   scripts/bench-browser.sh [PROFILE]        (default release)
#
# PROFILE release is what users get: opt-level "z" with fat LTO, tuned for the
# download size. Note that plain `cargo test --release` would build with the
# `bench` profile instead (opt-level 3, thin LTO), which is not what ships;
# pass `bench` to see that for comparison. Set CARGO_TARGET_DIR to build
# apart from another build on the same machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
profile=${1:-release}
cd "$root"
echo "== browser benchmark, profile $profile (headless Chromium)"
# The runner gives a test 20 s by default; building 10,000 risks into
# IndexedDB several times takes longer.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-600}
args=(--profile "$profile" -p isms-app --target wasm32-unknown-unknown
    --features browser-bench --test bench_storage)
cargo test "${args[@]}" --no-run
# The figures move with whatever else the machine is doing.
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# --nocapture: the runner shows console output of passing tests only then.
cargo test "${args[@]}" -- --nocapture

echo "== risk register: release build, 10,000 risks imported through the page"
scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --release -p isms-engine --bin isms -- generate 10000 2000 7 > "$work/synthetic-10000.json"
node tests/bench/register.mjs "$work/synthetic-10000.json"
