#!/usr/bin/env bash
# bench/hook_callgrind.sh: instructions per lock+unlock pair of rows (1), (6) and (7) of bench/run.sh,
# counted by callgrind (deterministic, unlike the timings on a shared machine): the difference
# between two run lengths, so start-up and warm-up cancel out.
#
#   bench/hook_callgrind.sh native|HOOK.so [...]
#   flock /tmp/lockgraph-build.lock bench/hook_callgrind.sh native /tmp/main.so build/lib/liblockgraph-hook.so
#
# valgrind 3.19 cannot read the DWARF 5 of a RelWithDebInfo hook: give it a copy made with
# `objcopy --strip-debug`. Uses bench/out/bin/lockbench (bench/run.sh or bench/hook_ab.sh builds it).
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$ROOT/bench/out/bin/lockbench
[ -x "$B" ] || { echo "hook_callgrind.sh: build $B first (bench/run.sh)" >&2; exit 1; }
count() { valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null "$@" 2>&1 |
          sed -n 's/.*Collected : *//p' | tail -n 1 | tr -d ,; }
for so in "$@"; do
    # mode, two run lengths, pairs per iteration
    for spec in "uncontended 100000 200000 1" "many 2 4 100000" "deep 1000 2000 300"; do
        set -- $spec
        if [ "$so" = native ]; then pre=(); else pre=(env "LD_PRELOAD=$so"); fi
        a=$(count "${pre[@]}" "$B" "$1" -n "$2" -w 1); b=$(count "${pre[@]}" "$B" "$1" -n "$3" -w 1)
        echo "$so $1: $(awk -v a="$a" -v b="$b" -v n=$(( ($3 - $2) * $4 )) 'BEGIN {printf "%.1f", (b - a) / n}') instructions per pair"
    done
done
