#!/usr/bin/env bash
# Installs what is missing, then runs every test layer in order: formatting,
# lints (native and wasm32), engine tests, browser tests (wasm-bindgen-test in
# headless Chromium), the OSCAL exports against NIST's schema, a release
# build, end-to-end tests against dist/ served
# under a sub-path, the Monte Carlo check against the Python peers; then
# prints the app's transferred size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

# A run from a fresh clone compiles everything once: incremental caches
# would only take disk (several GB), which a shared machine runs short of.
if [ "${CI:-}" = true ]; then
    export CARGO_INCREMENTAL=0
fi
# A full disk shows up as a compiler's "IO failure" deep in a step; say it
# plainly first.
free_kib=$(df -Pk . | awk 'NR == 2 { print $4 }')
if [ "${free_kib:-0}" -lt $((12 * 1024 * 1024)) ]; then
    printf 'WARNING: only %s GiB free here; a run from a fresh clone needs about 10 GiB.\n' \
        "$((free_kib / 1024 / 1024))" >&2
fi

started=$SECONDS
declare -a timings=()
step() {
    local name=$1; shift
    printf '\n==> %s\n' "$name"
    local t0=$SECONDS
    "$@"
    timings+=("$(printf '%-44s %5ss' "$name" $((SECONDS - t0)))")
}

step "cargo fmt --check" cargo fmt --all -- --check
step "clippy (engine, second and third modules, native)" cargo clippy -p isms-engine -p isms-tools -p isms-workbook --all-targets -- -D warnings
step "clippy (app and its other modules, wasm32)" cargo clippy -p isms-app -p isms-tools -p isms-workbook --no-deps --target wasm32-unknown-unknown --all-targets -- -D warnings
step "engine, second- and third-module tests (native)" cargo test -p isms-engine -p isms-tools -p isms-workbook
step "browser tests (wasm-bindgen-test, Chromium)" cargo test -p isms-app --target wasm32-unknown-unknown
step "OSCAL exports vs NIST's schema" scripts/check-oscal.sh
step "release build (trunk)" scripts/build.sh
step "end-to-end tests (playwright-core, Chromium)" bash -c 'cd tests && node --test --test-concurrency=1 e2e/'
# The Python peers live beside the project on our own machines only; a clone
# with nothing beside it skips this step and says so (the engine's own
# analytic-moment checks ran with the engine tests).
if [ -x "${FAIR_PEERS:-../shared/bench/fair-peers}/run_side_by_side.sh" ]; then
    step "Monte Carlo vs pyfair and numpy (100 x 10,000)" scripts/check-montecarlo.sh
else
    step "Monte Carlo vs peers: SKIPPED (no peers)" scripts/check-montecarlo.sh
fi

# The first load (gzip) may not grow past this budget unnoticed: raise it only
# in the commit that needs it, saying why (PRODUCT.md section 7's target is
# far lower; see the issue notes for where the bytes go).
# 1100 -> 1135 (stop 20): Undo, the shared register table with bulk edits and
# CSV of the view, one home page with its checklist, the scenario builder's
# control search and bulk link added about 38 KiB; the workbook moved out of
# the second module (not the first load) did not help here.
SIZE_BUDGET_KIB=1135 node scripts/size-report.mjs dist
printf '\nTimings:\n'
printf '  %s\n' "${timings[@]}"
printf '  %-44s %5ss\n' "total" $((SECONDS - started))
