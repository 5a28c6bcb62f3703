#!/usr/bin/env bash
# Statistical check of the engine's Monte Carlo against pyfair and numpy
# (bench/fair-peers/compare.py, beside the project on our own machines only):
# 100 risks x 10,000 iterations. Exits non-zero when any comparison fails.
#
# The peers are optional: where they are absent (a clone with nothing beside
# it) this says so and exits 0. The engine's own statistical checks (sample
# moments against the exact formulas, in engine/src/quant/tests.rs) run in the
# engine tests whatever happens here.
#
#   scripts/check-montecarlo.sh [RISKS] [ITERATIONS]
# ISMS_BIN may name an already built isms binary (skips the build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
risks=${1:-100}
iterations=${2:-10000}
peers=${FAIR_PEERS:-$root/../shared/bench/fair-peers}
if [ ! -x "$peers/run_side_by_side.sh" ]; then
    echo "SKIPPED: the Python peers (pyfair, numpy) are not at $peers;"
    echo "         the peer comparison runs only where they are present (set FAIR_PEERS to their folder)."
    echo "         The engine's analytic-moment checks ran with the engine tests."
    exit 0
fi
target=${MONTECARLO_TARGET_DIR:-$root/target/montecarlo}
engine=${ISMS_BIN:-$target/release/isms}
if [ -z "${ISMS_BIN:-}" ]; then
    (cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --profile bench -p isms-engine --bin isms)
fi
"$peers/run_side_by_side.sh" "$risks" "$iterations" "$engine simulate"
