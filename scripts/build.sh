#!/usr/bin/env bash
# Release build of the app into dist/ (relative URLs, strict CSP).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release
node scripts/csp.mjs dist/index.html
