#!/bin/sh
# lockgraph in CI as a plain shell script (Jenkins, Buildkite, a Makefile, a laptop). The GitHub
# Actions workflow and the GitLab job beside it run the same commands, spread over machines.
#
#   docs/ci/lockgraph.sh [BUILD_DIR]      (default: build; configured with CMAKE_EXPORT_COMPILE_COMMANDS=ON)
#
# Environment: LOCKGRAPH (the command; default lockgraph on PATH), LOCKGRAPH_BASELINE (the committed
# baseline of known findings; default lockgraph.baseline when it exists), LOCKGRAPH_OUT (the reports;
# default lockgraph-out). Writes LOCKGRAPH_OUT/lockgraph.{txt,sarif,html,json} and gl-code-quality.json.
# Exit status: 0 nothing new; 1 new findings (or a failing test); 2 lockgraph could not do its work.
set -u
BUILD=${1:-build}
LG=${LOCKGRAPH:-lockgraph}
OUT=${LOCKGRAPH_OUT:-lockgraph-out}
BASELINE=${LOCKGRAPH_BASELINE:-lockgraph.baseline}
mkdir -p "$OUT"
set --
[ -f "$BASELINE" ] && set -- --baseline "$BASELINE"

# 1. The static analysis of the compile database (its findings go into the report below).
"$LG" analyze -p "$BUILD" --json "$OUT/analyze.json" -o "$OUT/analyze.txt" "$@"
case $? in 0|1) ;; *) echo "lockgraph analyze failed" >&2; exit 2 ;; esac

# 2. The tests under the runtime hook: a project using lockgraph_test_under_hook() (find_package(lockgraph))
#    gets one log per test in BUILD/lockgraph/logs. Without CMake, run each test binary yourself:
#      for t in build/tests/*_test; do "$LG" run --options exitcode=0 --json "$BUILD/lockgraph/logs/${t##*/}.jsonl" -- "$t"; done
tests=0
ctest --test-dir "$BUILD" --output-on-failure || tests=1

# 3. One report of both, the baseline applied: exit 1 only for what is new.
"$LG" report "$@" --text "$OUT/lockgraph.txt" --sarif "$OUT/lockgraph.sarif" --html "$OUT/lockgraph.html" \
  --json "$OUT/lockgraph.json" --codequality "$OUT/gl-code-quality.json" \
  "$OUT/analyze.json" "$BUILD"/lockgraph/logs/*.jsonl
report=$?
cat "$OUT/lockgraph.txt"
[ $report -ne 0 ] && exit $report
exit $tests
