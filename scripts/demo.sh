#!/usr/bin/env bash
# Sets up lockgraph and runs it on the user's seed programs (testdata/seed): each one under the
# runtime hook (`lockgraph run`), then the static analyzer over all of them.
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
if [[ -x $B/bin/lockgraph-analyze ]]; then
  echo
  echo "################ the static analyzer over testdata/seed: $B/bin/lockgraph analyze"
  python3 - "$out" testdata/seed <<'PY'
import json, os, sys, glob
out, seed = sys.argv[1], os.path.abspath(sys.argv[2])
cmds = []
for f in sorted(glob.glob(seed + "/*.c") + glob.glob(seed + "/*.cc")):
    cc = ["clang++-19", "-std=c++17"] if f.endswith(".cc") else ["clang-19"]
    cmds.append({"directory": seed, "file": f, "arguments": cc + ["-pthread", "-c", f]})
json.dump(cmds, open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
PY
  "$B/bin/lockgraph" analyze -p "$out"
  echo "################ analyzer exit status $? (0 clean, 1 findings, 2 could not analyze)"
fi
rm -rf "$out"
