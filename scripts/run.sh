#!/usr/bin/env bash
# Installs what is missing, builds the app and serves it on http://127.0.0.1:8080/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
exec node tests/serve.mjs --root dist --port "${PORT:-8080}" --base /
