#!/usr/bin/env bash
# bench/hook_ab.sh: the hook rows of bench/run.sh, side by side for several builds of the hook.
#
#   bench/hook_ab.sh REPS LABEL=HOOK.so [LABEL=HOOK.so ...]
#   MODES="uncontended many deep" bench/hook_ab.sh 9 main=/tmp/main.so new=build/lib/liblockgraph-hook.so
#
# Per mode, REPS rounds of native, forward-only and each hook, interleaved; prints the median and
# the minimum ns per lock+unlock pair of each column and its ratio to native. Each run takes the
# build lock (flock /tmp/lockgraph-build.lock), as run.sh's do; set LOCKGRAPH_BENCH_NO_FLOCK=1 to
# run the whole comparison inside one hold of it (then the columns share one quiet period).
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/bench/out/ab
REPS=${1:?usage: hook_ab.sh REPS LABEL=HOOK.so ...}; shift
if [ "${LOCKGRAPH_BENCH_NO_FLOCK:-0}" = 1 ]; then FLOCK=(); else FLOCK=(flock /tmp/lockgraph-build.lock); fi
mkdir -p "$BIN"
"${FLOCK[@]}" bash -c "clang-19 -O2 -g -gdwarf-4 -pthread -o '$BIN/lockbench' '$ROOT/bench/micro/lockbench.c' &&
  clang-19 -O2 -fPIC -shared -o '$BIN/forward_only.so' '$ROOT/bench/micro/forward_only.c' -ldl" || exit 1
declare -A N=([uncontended]=20000000 [uncontended2]=20000000 [nest]=2000000 [nest-private]=8000000
              [contended]=2000000 [many]=200 [deep]=60000)
run() { "${FLOCK[@]}" env ${1:+LD_PRELOAD=$1} "$BIN/lockbench" "$2" -n "${N[$2]}" 2>/dev/null | sed -n 's/.*ns_per_op=//p'; }
stat() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {printf "%s %s", a[int((NR+1)/2)], a[1]}'; }
for m in ${MODES:-uncontended many deep}; do
    declare -A R=()
    for ((r = 0; r < REPS; r++)); do
        R[native]+="$(run "" "$m") "
        R[fwd]+="$(run "$BIN/forward_only.so" "$m") "
        for kv in "$@"; do R[${kv%%=*}]+="$(run "${kv#*=}" "$m") "; done
    done
    read -r nmed nmin < <(stat "${R[native]}")
    line="$m (median / min): native $nmed / $nmin"
    for l in fwd "${@%%=*}"; do
        read -r med min < <(stat "${R[$l]}")
        line+=" | $l $med ($(awk -v a="$med" -v b="$nmed" 'BEGIN{printf "%.2f", a/b}')x) / $min ($(awk -v a="$min" -v b="$nmin" 'BEGIN{printf "%.2f", a/b}')x)"
    done
    echo "$line"
done
