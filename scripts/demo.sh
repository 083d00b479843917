#!/usr/bin/env bash
# Sets up lockgraph and runs it on the user's seed programs (testdata/seed): each one under the
# runtime hook (`lockgraph run`), two of them in Python too, then under the static analyzer.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
B=${LOCKGRAPH_BUILD_DIR:-build}
out=$(mktemp -d)
for src in testdata/seed/*.c testdata/seed/*.cc; do
  name=$(basename "$src")
  if [[ $src == *.cc ]]; then cc=(clang++-19 -std=c++17); else cc=(clang-19); fi
  "${cc[@]}" -g -O0 -pthread "$src" -o "$out/${name%.*}-${name##*.}" || continue
  echo
  echo "################ $name under the runtime hook: $B/bin/lockgraph run -- ./${name%.*}"
  timeout 60 "$B/bin/lockgraph" run -- "$out/${name%.*}-${name##*.}" > "$out/stdout.txt"
  echo "################ $name: exit status $? (0 clean, 66 findings, 67 deadlock stopped)"
done
# The seed's own language: CPython's locks are semaphores, which the hook treats as locks when
# they are used as locks (docs/runtime-hook.md, "Semaphores and Python").
for src in testdata/python/ab_deadlock.py testdata/python/counter_locked.py; do
  name=$(basename "$src")
  echo
  echo "################ $name under the runtime hook: $B/bin/lockgraph run -- python3 $src"
  timeout 60 "$B/bin/lockgraph" run -- /usr/bin/python3 "$src" > "$out/stdout.txt"
  echo "################ $name: exit status $? (0 clean, 66 findings, 67 deadlock stopped)"
done
if [[ -x $B/bin/lockgraph-analyze ]]; then
  # Each seed file is a program of its own: one compile database each, so that no program's
  # globals meet another's.
  for src in testdata/seed/*.c testdata/seed/*.cc; do
    name=$(basename "$src")
    db="$out/db-$name"
    mkdir -p "$db"
    python3 - "$db" "$src" <<'PY'
import json, os, sys
db, f = sys.argv[1], os.path.abspath(sys.argv[2])
cc = ["clang++-19", "-std=c++17"] if f.endswith(".cc") else ["clang-19"]
json.dump([{"directory": os.path.dirname(f), "file": f, "arguments": cc + ["-pthread", "-c", f]}],
          open(os.path.join(db, "compile_commands.json"), "w"), indent=1)
PY
    echo
    echo "################ the static analyzer on $name: $B/bin/lockgraph analyze -p <its compile database>"
    "$B/bin/lockgraph" analyze -p "$db" --no-progress
    echo "################ $name: analyzer exit status $? (0 clean, 1 findings, 2 could not analyze)"
  done
fi
rm -rf "$out"
