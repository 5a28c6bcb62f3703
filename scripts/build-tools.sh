#!/usr/bin/env bash
# Builds the app's lazily fetched WebAssembly modules into DIST and names
# them in DIST/index.html, where the app finds them:
#
#   scripts/build-tools.sh DIST
#
# - the second module (app/tools): what few visits need (JSON and CSV
#   import, snapshot differences, OSCAL, the Monte Carlo workers), built for
#   speed (opt-level 3, WebAssembly SIMD), named by <meta name="isms-tools">;
# - the third (app/workbook): Excel workbooks, fetched only when a person
#   exports or previews one, built for size, named by
#   <meta name="isms-workbook">.
#
# Both stay out of the first load; the app fetches each the first time it
# is needed and the service worker keeps them for offline use. File names
# carry a hash of their content, like Trunk's. Running it again on the same
# DIST replaces the files and tags of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:?usage: scripts/build-tools.sh DIST}"
target_dir="${CARGO_TARGET_DIR:-target}"

# One cargo run for both (the engine is compiled once). Only this
# invocation gets SIMD; its profile has its own folder, so the app's build
# is not invalidated.
RUSTFLAGS="-C target-feature=+simd128" \
    cargo build -p isms-tools -p isms-workbook --target wasm32-unknown-unknown --profile tools --quiet

# module CRATE_LIB NAME WASM_OPT_LEVEL: bindings, wasm-opt, hashed names in
# DIST and the <meta name=NAME> tag in index.html.
module() {
    local lib=$1 name=$2 level=$3
    local staging="$target_dir/$name-bindgen"
    rm -rf "$staging"
    wasm-bindgen --target web --no-typescript --out-dir "$staging" \
        "$target_dir/wasm32-unknown-unknown/tools/$lib.wasm"
    wasm-opt "$level" --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$staging/${lib}_bg.wasm" -o "$staging/${lib}_bg.opt.wasm"

    local hash js wasm
    hash=$(cat "$staging/${lib}_bg.opt.wasm" "$staging/$lib.js" | sha256sum | cut -c1-16)
    js="$name-$hash.js"
    wasm="$name-${hash}_bg.wasm"
    rm -f "$dist/$name"-*
    cp "$staging/$lib.js" "$dist/$js"
    cp "$staging/${lib}_bg.opt.wasm" "$dist/$wasm"

    # The app reads the two names from this tag (app/src/io/tools.rs).
    node -e '
const fs = require("fs");
const [file, name, js, wasm] = process.argv.slice(1);
const old = new RegExp(`\\s*<meta name="${name}"[^>]*>`);
let html = fs.readFileSync(file, "utf8").replace(old, "");
const tag = `<meta name="${name}" content="${js}" data-wasm="${wasm}">`;
if (!html.includes("</head>")) throw new Error(`${file}: no </head>`);
html = html.replace("</head>", `${tag}\n</head>`);
fs.writeFileSync(file, html);
' "$dist/index.html" "$name" "$js" "$wasm"
    echo "$name module: $dist/$js, $dist/$wasm ($(stat -c%s "$dist/$wasm") bytes)"
}

module isms_tools isms-tools -O3
module isms_workbook isms-workbook -Oz
