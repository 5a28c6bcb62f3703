#!/usr/bin/env bash
# Release build of the app (relative URLs, strict CSP, offline service worker).
#
#   scripts/build.sh [DIST]      # default dist/
#
# The three steps after Trunk run here rather than as Trunk hooks: `trunk serve`
# must stay free of a caching service worker, and the order matters. The
# second and third modules (app/tools and app/workbook,
# scripts/build-tools.sh) are named in index.html before the CSP step, which
# rewrites index.html; the service worker, which lists every file with its
# hash (so it precaches both modules), is written last.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:-dist}"
trunk build --release --dist "$dist"
scripts/build-tools.sh "$dist"
node scripts/csp.mjs "$dist/index.html"
node scripts/sw.mjs "$dist"
