#!/usr/bin/env bash
# Fuzzes JSON and CSV import for a bounded time, then prints executions,
# crashes (panics and property failures: see
# engine/tests/fuzzing/property.rs) and unique failures.
#
#   scripts/fuzz.sh [SECONDS]      default 120; JSON and CSV run side by side
#
# Coverage-guided with AFL++ (cargo-afl from crates.io, which works on the
# stable toolchain; installed here on first use). Where it cannot run, or
# with FUZZ_ENGINE=proptest, structured random inputs (mutated exports) from
# the proptest harness in engine/tests/fuzz_import.rs, half the time each.
#
# Findings: AFL++ keeps its crashes in target/fuzz-out/{json,csv}/default/
# crashes; one input per unique failure is saved in target/fuzz-findings/.
# Exits 1 when anything was found.
set -euo pipefail

seconds="${1:-120}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/fuzz-out"
engine="${FUZZ_ENGINE:-afl}"
# Builds of their own, so a fuzz run never waits for or spoils another build.
afl_target="$root/target/fuzz"
test_target="$root/target/fuzz-tests"

rm -rf "$root/target/fuzz-findings"

afl_ready() { cargo afl --version >/dev/null 2>&1; }

if [[ "$engine" == afl ]] && ! afl_ready; then
  echo "cargo-afl is not installed; installing it from crates.io (a minute or two)"
  cargo install cargo-afl --locked >/dev/null 2>&1 || echo "could not install cargo-afl"
fi
if [[ "$engine" == afl ]] && ! afl_ready; then
  echo "AFL++ is not available: falling back to the proptest harness"
  engine=proptest
fi

replay() {
  # Runs the property on saved inputs to group them by failure.
  CARGO_TARGET_DIR="$test_target" FUZZ_REPLAY_JSON="$1" FUZZ_REPLAY_CSV="$2" \
    cargo test --release --quiet -p isms-engine --test fuzz_import -- \
    --ignored replay_fuzz_findings --nocapture --test-threads 1 2>&1 |
    grep -E '^(json|csv)-replay:|^  [0-9]+ x |input:' || true
}

if [[ "$engine" == proptest ]]; then
  echo "Fuzzing with the proptest harness for $seconds s"
  CARGO_TARGET_DIR="$test_target" FUZZ_SECONDS="$seconds" \
    cargo test --release --quiet -p isms-engine --test fuzz_import -- \
    --ignored fuzz_for_a_while --nocapture --test-threads 1 2>&1 |
    grep -E '^seed|^(json|csv):|^  [0-9]+ x |input:|test result' || true
  if grep -q . <(ls "$root/target/fuzz-findings" 2>/dev/null); then exit 1; fi
  exit 0
fi

echo "Building the AFL++ targets"
(cd "$root/engine/fuzz" && CARGO_TARGET_DIR="$afl_target" cargo afl build --release --quiet)
rm -rf "$out"
mkdir -p "$out"

export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_FAST_CAL=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
echo "Fuzzing JSON and CSV import with AFL++ for $seconds s"
pids=()
for name in json csv; do
  cargo afl fuzz -V "$seconds" -t 2000 \
    -i "$root/engine/fuzz/seeds/$name" -o "$out/$name" -x "$root/engine/fuzz/dict/$name.dict" \
    -- "$afl_target/release/fuzz_$name" >"$out/$name.log" 2>&1 &
  pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
if [[ $status -ne 0 ]]; then
  echo "afl-fuzz stopped with status $status; the end of its logs:"
  tail -n 15 "$out"/json.log "$out"/csv.log
  exit 2
fi

stat() { sed -n "s/^$2 *: *//p" "$1" | head -n 1; }
crashes_found=0
for name in json csv; do
  stats="$out/$name/default/fuzzer_stats"
  execs=$(stat "$stats" execs_done)
  run_time=$(stat "$stats" run_time)
  crashes=$(stat "$stats" saved_crashes)
  hangs=$(stat "$stats" saved_hangs)
  corpus=$(stat "$stats" corpus_count)
  edges=$(stat "$stats" edges_found)
  echo "$name: $execs executions in $run_time s ($((execs / (run_time > 0 ? run_time : 1)))/s), corpus $corpus inputs, $edges edges, $crashes crashes, $hangs hangs"
  crashes_found=$((crashes_found + crashes))
done
if [[ $crashes_found -gt 0 ]]; then
  echo "Unique failures among the crashes:"
  replay "$out/json/default/crashes" "$out/csv/default/crashes"
  exit 1
fi
echo "No crashes."
