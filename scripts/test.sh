#!/usr/bin/env bash
# Sets up, builds and runs every test (unit, runtime-hook testdata, analyzer testdata, the
# ThreadSanitizer oracle, and the long stress group). Pass ctest arguments to narrow it, e.g.
#   scripts/test.sh -L unit        scripts/test.sh -LE long        scripts/test.sh -R hook/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd "${LOCKGRAPH_BUILD_DIR:-build}"
ctest --output-on-failure -j "${LOCKGRAPH_TEST_JOBS:-2}" "$@"
