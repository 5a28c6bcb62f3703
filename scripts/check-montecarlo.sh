#!/usr/bin/env bash
# Statistical check of the engine's Monte Carlo against the analytic moments
# and against pyfair and numpy (bench/fair-peers/compare.py): 100 risks x
# 10,000 iterations. Exits non-zero when any comparison fails.
#
#   scripts/check-montecarlo.sh [RISKS] [ITERATIONS]
# ISMS_BIN may name an already built isms binary (skips the build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
risks=${1:-100}
iterations=${2:-10000}
peers=${FAIR_PEERS:-$root/../shared/bench/fair-peers}
target=${MONTECARLO_TARGET_DIR:-$root/target/montecarlo}
engine=${ISMS_BIN:-$target/release/isms}
if [ -z "${ISMS_BIN:-}" ]; then
    (cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --profile bench -p isms-engine --bin isms)
fi
"$peers/run_side_by_side.sh" "$risks" "$iterations" "$engine simulate"
