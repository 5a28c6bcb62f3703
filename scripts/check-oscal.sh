#!/usr/bin/env bash
# Exports every OSCAL document of the demo organisation with the `isms`
# command line and validates each against NIST's published OSCAL schema and
# constraint layer (tests/oscal/validate.py, with the validators setup.sh
# installed). Fails on any schema error or constraint ERROR or WARNING.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/oscal-env.sh
if ! [ -x "$OSCAL_VENV/bin/python" ]; then
    echo "The OSCAL validators are not installed ($OSCAL_VENV): run scripts/setup.sh (needs Python 3.12 or later)." >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --quiet -p isms-engine --bin isms
isms="${CARGO_TARGET_DIR:-target}/debug/isms"
"$isms" demo > "$out/demo.json"
files=()
for kind in profile ssp poam ar; do
    "$isms" oscal --kind "$kind" "$out/demo.json" > "$out/demo-$kind.json"
    files+=("$out/demo-$kind.json")
done
"$OSCAL_VENV/bin/python" tests/oscal/validate.py "${files[@]}"
