#!/usr/bin/env bash
# Builds the app's second WebAssembly module (app/tools) into DIST and names
# it in DIST/index.html, where the app finds it:
#
#   scripts/build-tools.sh DIST
#
# The module holds what few visits need (JSON and CSV import, Excel
# workbooks, snapshot differences, the Monte Carlo workers), so it stays out
# of the first load; the app fetches it the first time it is needed and the
# service worker keeps it for offline use. Built for speed (profile `tools`: opt-level 3,
# WebAssembly SIMD), with file names carrying a hash of their content, like
# Trunk's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:?usage: scripts/build-tools.sh DIST}"
target_dir="${CARGO_TARGET_DIR:-target}"

# Only this cargo invocation gets SIMD; its profile has its own folder, so
# the app's build is not invalidated.
RUSTFLAGS="-C target-feature=+simd128" \
    cargo build -p isms-tools --target wasm32-unknown-unknown --profile tools --quiet

staging="$target_dir/tools-bindgen"
rm -rf "$staging"
wasm-bindgen --target web --no-typescript --out-dir "$staging" \
    "$target_dir/wasm32-unknown-unknown/tools/isms_tools.wasm"
wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$staging/isms_tools_bg.wasm" -o "$staging/isms_tools_bg.opt.wasm"

hash=$(cat "$staging/isms_tools_bg.opt.wasm" "$staging/isms_tools.js" | sha256sum | cut -c1-16)
js="isms-tools-$hash.js"
wasm="isms-tools-${hash}_bg.wasm"
rm -f "$dist"/isms-tools-*
cp "$staging/isms_tools.js" "$dist/$js"
cp "$staging/isms_tools_bg.opt.wasm" "$dist/$wasm"

# The app reads the two names from this tag (app/src/io/tools.rs).
node -e '
const fs = require("fs");
const [file, js, wasm] = process.argv.slice(1);
let html = fs.readFileSync(file, "utf8").replace(/\s*<meta name="isms-tools"[^>]*>/, "");
const tag = `<meta name="isms-tools" content="${js}" data-wasm="${wasm}">`;
if (!html.includes("</head>")) throw new Error(`${file}: no </head>`);
html = html.replace("</head>", `${tag}\n</head>`);
fs.writeFileSync(file, html);
' "$dist/index.html" "$js" "$wasm"
echo "tools module: $dist/$js, $dist/$wasm ($(stat -c%s "$dist/$wasm") bytes)"
