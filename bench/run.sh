#!/usr/bin/env bash
# bench/run.sh: lockgraph benchmark suite (see docs/benchmarks.md).
#
#   bench/run.sh [--quick] [--hook PATH] [--skip-setup]
#
# Runs the lock micro benchmarks (bench/micro/) and two real programs (pigz,
# zstd) natively, under the lockgraph LD_PRELOAD hook, under a forward-only
# preload (the interception cost floor), under ThreadSanitizer, Helgrind and
# DRD, and prints a Markdown report to stdout and to bench/out/results.md.
# Progress goes to stderr; per-run logs go to bench/out/logs/.
#
# Every build step and every single benchmark invocation is wrapped in
#   flock /tmp/lockgraph-build.lock
# so it never overlaps a build of the project on this (2-core) machine. Do not
# run this script itself under that flock (it would wait for itself); if the
# caller already holds the lock, set LOCKGRAPH_BENCH_NO_FLOCK=1.
#
#   --quick       smaller counts, 1 repetition, smaller inputs (< 3 minutes)
#   --hook PATH   the hook library (default: build/lib/liblockgraph-hook.so);
#                 if it is missing the hook column is skipped with a note
#   --skip-setup  do not call bench/setup.sh (apt-get install of missing tools)
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$ROOT/bench
OUT=$B/out
BIN=$OUT/bin
LOGS=$OUT/logs
LOCKFILE=/tmp/lockgraph-build.lock
HOOK=${LOCKGRAPH_HOOK:-$ROOT/build/lib/liblockgraph-hook.so}
QUICK=0
SETUP=1
CMDLINE="bench/run.sh $*"

while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --hook) HOOK=$2; shift ;;
    --hook=*) HOOK=${1#--hook=} ;;
    --skip-setup) SETUP=0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 1 ;;
    esac
    shift
done

if [ "${LOCKGRAPH_BENCH_NO_FLOCK:-0}" = 1 ]; then
    FLOCK=()
else
    FLOCK=(flock "$LOCKFILE")
fi

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

if [ $SETUP = 1 ]; then
    "$B/setup.sh" || { echo "run.sh: bench/setup.sh failed" >&2; exit 1; }
fi

mkdir -p "$BIN" "$LOGS"
rm -f "$LOGS"/*

# ---------------------------------------------------------------- build
CFLAGS_VG="-O2 -g -gdwarf-4 -pthread"   # native/preload/valgrind binary
CFLAGS_TSAN="-O2 -g -fsanitize=thread -pthread"
log "building micro benchmarks into bench/out/bin"
if ! "${FLOCK[@]}" bash -c "
set -e
cd '$B'
clang-19   $CFLAGS_VG   -o '$BIN/lockbench'          micro/lockbench.c
clang++-19 -std=c++17 $CFLAGS_VG   -o '$BIN/lockbench_cxx'      micro/lockbench_cxx.cpp
clang-19   $CFLAGS_TSAN -o '$BIN/lockbench.tsan'     micro/lockbench.c
clang++-19 -std=c++17 $CFLAGS_TSAN -o '$BIN/lockbench_cxx.tsan' micro/lockbench_cxx.cpp
clang-19   $CFLAGS_VG   -o '$BIN/edgebench'          micro/edgebench.c
clang-19   $CFLAGS_TSAN -o '$BIN/edgebench.tsan'     micro/edgebench.c
clang-19 -O2 -fPIC -shared -o '$BIN/forward_only.so' micro/forward_only.c -ldl
clang-19 -O2 -o '$BIN/gendata' tools/gendata.c
" >"$LOGS/build.log" 2>&1; then
    cat "$LOGS/build.log" >&2
    echo "run.sh: build failed" >&2
    exit 1
fi
FWD=$BIN/forward_only.so

HAVE_HOOK=0
if [ -f "$HOOK" ]; then
    HAVE_HOOK=1
    # Does the hook load and let a trivial program run?
    if ! timeout 20 env LD_PRELOAD="$HOOK" /bin/true >"$LOGS/hook-true.log" 2>&1; then
        log "WARNING: LD_PRELOAD=$HOOK /bin/true failed; hook runs will probably fail"
    fi
    # (the hook starts lazily, at the first intercepted call: /bin/true would not print it)
    timeout 20 env LOCKGRAPH_OPTIONS=help=1 LD_PRELOAD="$HOOK" "$BIN/lockbench" uncontended -n 1 >"$LOGS/hook-help.log" 2>&1 || true
else
    log "hook library $HOOK not found: skipping the hook column"
fi

# ---------------------------------------------------------------- counts
# Iteration counts (per thread; rounds for many/deep). native/forward-only/hook
# use N_NAT; TSan N_TSAN; Helgrind N_HG; DRD N_DRD. ns/op is always computed
# over the iterations actually run, so the columns are comparable.
BENCHES=(unc unc2 nest cxx nestp cont many deep)
declare -A TITLE PROG MODE N_NAT N_TSAN N_HG N_DRD XARGS XARGS_DRD
TITLE[unc]="(1) uncontended, 1 thread";            PROG[unc]=lockbench;     MODE[unc]=uncontended
TITLE[unc2]="(2) uncontended, 2 threads, own mutex"; PROG[unc2]=lockbench;  MODE[unc2]=uncontended2
TITLE[nest]="(3) 2 threads nest A→B (pthread)";    PROG[nest]=lockbench;    MODE[nest]=nest
TITLE[cxx]="(4) 2 threads nest A→B (std::lock_guard)"; PROG[cxx]=lockbench_cxx; MODE[cxx]=
TITLE[nestp]="(3b) 2 threads nest A_t→B_t, private pairs"; PROG[nestp]=lockbench; MODE[nestp]=nest-private
TITLE[cont]="(5) contended, 2 threads, 1 mutex";   PROG[cont]=lockbench;    MODE[cont]=contended
TITLE[many]="(6) 100k distinct locks in turn";     PROG[many]=lockbench;    MODE[many]=many
TITLE[deep]="(7) 300-deep nesting";                PROG[deep]=lockbench;    MODE[deep]=deep
#            native     tsan      helgrind  drd
N_NAT[unc]=50000000;  N_TSAN[unc]=5000000;  N_HG[unc]=50000;  N_DRD[unc]=50000
N_NAT[unc2]=50000000; N_TSAN[unc2]=2500000; N_HG[unc2]=50000; N_DRD[unc2]=50000
N_NAT[nest]=5000000;  N_TSAN[nest]=500000;  N_HG[nest]=20000; N_DRD[nest]=20000
N_NAT[cxx]=5000000;   N_TSAN[cxx]=500000;   N_HG[cxx]=20000;  N_DRD[cxx]=20000
N_NAT[nestp]=20000000; N_TSAN[nestp]=1000000; N_HG[nestp]=20000; N_DRD[nestp]=20000
N_NAT[cont]=6000000;  N_TSAN[cont]=1000000; N_HG[cont]=30000; N_DRD[cont]=30000
N_NAT[many]=400;      N_TSAN[many]=20;      N_HG[many]=1;     N_DRD[many]=1
N_NAT[deep]=150000;   N_TSAN[deep]=15000;   N_HG[deep]=10;    N_DRD[deep]=300
for k in "${BENCHES[@]}"; do XARGS[$k]=""; XARGS_DRD[$k]=""; done
REPS_NAT=9; REPS_TSAN=3; REPS_VG=1; REPS_REAL=3
BIG_MB=100; SMALL_MB=10
if [ $QUICK = 1 ]; then
    for k in "${BENCHES[@]}"; do
        N_NAT[$k]=$(( N_NAT[$k] / 4 )); N_TSAN[$k]=$(( N_TSAN[$k] / 4 ))
        N_HG[$k]=$(( N_HG[$k] / 2 )); N_DRD[$k]=$(( N_DRD[$k] / 2 ))
        [ "${N_HG[$k]}" -ge 1 ] || N_HG[$k]=1
        [ "${N_DRD[$k]}" -ge 1 ] || N_DRD[$k]=1
    done
    # DRD registers each new mutex in time linear in the number it knows
    # (100k pthread_mutex_init calls take ~60 s), so --quick uses 10k locks.
    XARGS_DRD[many]="-l 10000"
    REPS_NAT=1; REPS_TSAN=1; REPS_VG=1; REPS_REAL=1
    BIG_MB=20; SMALL_MB=2
fi
TO_NAT=300; TO_TSAN=20; TO_VG=600

# ---------------------------------------------------------------- runner
# run_cmd ID TIMEOUT CMD... ; optional RC_IN / RC_OUT redirect stdin/stdout.
# Sets R_STATUS (ok | fail (rc=N) | timeout | crash (signal)), R_NS (ns/op from
# a RESULT line, if any), R_WALL (s), R_RSS (KB), R_CMD (printable command).
PROBLEMS=()
run_cmd() {
    local id=$1 to=$2; shift 2
    local lo=$LOGS/$id
    local in=${RC_IN:-/dev/null} out=${RC_OUT:-$lo.out}
    R_CMD=$(printf '%q ' "$@"); R_CMD=${R_CMD% }
    R_CMD=${R_CMD//$ROOT\//}
    [ -n "${RC_IN:-}" ] && R_CMD+=" < ${RC_IN#$ROOT/}"
    [ -n "${RC_OUT:-}" ] && R_CMD+=" > ${RC_OUT#$ROOT/}"
    echo "$R_CMD" >"$lo.cmd"
    "${FLOCK[@]}" /usr/bin/time -o "$lo.time" -f '%e %M' \
        timeout -k 5 "$to" "$@" <"$in" >"$out" 2>"$lo.err"
    local rc=$?
    R_WALL=; R_RSS=; R_NS=
    if [ -s "$lo.time" ]; then
        read -r R_WALL R_RSS < <(tail -n 1 "$lo.time")
    fi
    if [ $rc -eq 0 ]; then
        R_STATUS=ok
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        R_STATUS="timeout (${to}s)"
    elif [ $rc -gt 128 ]; then
        R_STATUS="crash (signal $((rc - 128)))"
    elif [ $rc -eq 3 ] && grep -q 'counter mismatch' "$lo.err"; then
        R_STATUS="mutual exclusion broken"
    else
        R_STATUS="fail (rc=$rc)"
    fi
    if [ -z "${RC_OUT:-}" ] && [ -f "$lo.out" ]; then
        R_NS=$(sed -n 's/.*ns_per_op=\([0-9.]*\).*/\1/p' "$lo.out" | tail -n 1)
        if [ $rc -eq 0 ] && [ -z "$R_NS" ]; then R_STATUS="no RESULT line"; fi
    fi
    if [ "$R_STATUS" != ok ]; then
        PROBLEMS+=("$id: $R_STATUS: \`$R_CMD\` (log: bench/out/logs/$id.err)")
        log "  $id: $R_STATUS"
    fi
}

median() { # values on stdin, one per line
    sort -g | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else printf "%.6g\n", (a[NR/2]+a[NR/2+1])/2}'
}

# results: VAL[bench|tool] = median ns/op ; ST[bench|tool] = status
declare -A VAL ST NOTE SAMPLES

micro_cmd() { # bench tool n -> prints argv (one per line)
    local k=$1 tool=$2 n=$3 prog=${PROG[$1]} suf=""
    [ "$tool" = tsan ] && suf=.tsan
    case $tool in
    fwd) printf '%s\n' env "LD_PRELOAD=$FWD" ;;
    hook) printf '%s\n' env "LD_PRELOAD=$HOOK" ;;
    helgrind|drd) printf '%s\n' valgrind "--tool=$tool" -q "--log-file=$LOGS/micro-$k-$tool.vg" ;;
    esac
    printf '%s\n' "$BIN/$prog$suf"
    [ -n "${MODE[$k]}" ] && printf '%s\n' "${MODE[$k]}"
    printf '%s\n' -n "$n"
    local x=${XARGS[$k]}
    [ "$tool" = drd ] && x="$x ${XARGS_DRD[$k]}"
    for a in $x; do printf '%s\n' "$a"; done
}

record() { # bench tool rep
    local key="$1|$2"
    if [ "$R_STATUS" = ok ]; then
        SAMPLES[$key]+="$R_NS "
    else
        ST[$key]=$R_STATUS
    fi
}

finish_cell() {
    local key=$1
    if [ -n "${SAMPLES[$key]:-}" ] && [ -z "${ST[$key]:-}" ]; then
        VAL[$key]=$(printf '%s\n' ${SAMPLES[$key]} | median)
        ST[$key]=ok
    fi
}

T0=$(date +%s)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
TOOLS_NAT=(native fwd)
[ $HAVE_HOOK = 1 ] && TOOLS_NAT+=(hook)

# ---------------------------------------------------------------- micro
log "micro benchmarks: ${TOOLS_NAT[*]} x $REPS_NAT reps"
for k in "${BENCHES[@]}"; do
    for ((r = 1; r <= REPS_NAT; r++)); do
        for t in "${TOOLS_NAT[@]}"; do
            mapfile -t argv < <(micro_cmd "$k" "$t" "${N_NAT[$k]}")
            run_cmd "micro-$k-$t-r$r" $TO_NAT "${argv[@]}"
            record "$k" "$t"
        done
    done
    for t in "${TOOLS_NAT[@]}"; do finish_cell "$k|$t"; done
    log "  $k: native ${VAL[$k|native]:-?} fwd ${VAL[$k|fwd]:-?} hook ${VAL[$k|hook]:-n/a} ns/op"
done

log "micro benchmarks: TSan x $REPS_TSAN reps"
TSAN_ALT=()
for k in "${BENCHES[@]}"; do
    for ((r = 1; r <= REPS_TSAN; r++)); do
        mapfile -t argv < <(micro_cmd "$k" tsan "${N_TSAN[$k]}")
        run_cmd "micro-$k-tsan-r$r" $TO_TSAN "${argv[@]}"
        record "$k" tsan
        [ "$R_STATUS" = ok ] || break
    done
    finish_cell "$k|tsan"
    if [ "${ST[$k|tsan]:-}" != ok ]; then
        # Retry once without TSan's deadlock detector, for a footnote figure.
        mapfile -t argv < <(micro_cmd "$k" tsan "${N_TSAN[$k]}")
        run_cmd "micro-$k-tsan-nodd" $TO_TSAN env TSAN_OPTIONS=detect_deadlocks=0 "${argv[@]}"
        if [ "$R_STATUS" = ok ]; then
            NOTE[$k|tsan]=$R_NS
        fi
        errline=$(grep -m1 -E 'CHECK failed|ERROR|FATAL' "$LOGS/micro-$k-tsan-r1.err" | cut -c1-200)
        TSAN_ALT+=("$k|${errline}")
    fi
    log "  $k: tsan ${VAL[$k|tsan]:-${ST[$k|tsan]}}"
done

log "micro benchmarks: Helgrind, DRD (reduced counts, $REPS_VG rep)"
for k in "${BENCHES[@]}"; do
    for t in helgrind drd; do
        if [ $t = helgrind ]; then n=${N_HG[$k]}; else n=${N_DRD[$k]}; fi
        for ((r = 1; r <= REPS_VG; r++)); do
            mapfile -t argv < <(micro_cmd "$k" "$t" "$n")
            run_cmd "micro-$k-$t-r$r" $TO_VG "${argv[@]}"
            record "$k" "$t"
        done
        finish_cell "$k|$t"
    done
    log "  $k: helgrind ${VAL[$k|helgrind]:-${ST[$k|helgrind]}} drd ${VAL[$k|drd]:-${ST[$k|drd]}} ns/op"
done

# ---------------------------------------------------------------- real programs
DATA_BIG=$OUT/data-${BIG_MB}M.txt
DATA_SMALL=$OUT/data-${SMALL_MB}M.txt
for mb in $BIG_MB $SMALL_MB; do
    f=$OUT/data-${mb}M.txt
    if [ ! -f "$f" ] || [ "$(stat -c %s "$f")" -ne $((mb * 1048576)) ]; then
        log "generating $f"
        "$BIN/gendata" "$mb" >"$f"
    fi
done
TMPO=$OUT/tmp
mkdir -p "$TMPO"

declare -A RW RR RS   # wall median, rss median, status ; key prog|size|tool
declare -A RWS RRS
real_argv() { # prog tool -> argv lines
    local p=$1 t=$2
    case $t in
    fwd) printf '%s\n' env "LD_PRELOAD=$FWD" ;;
    hook) printf '%s\n' env "LD_PRELOAD=$HOOK" ;;
    helgrind|drd) printf '%s\n' valgrind "--tool=$t" -q "--log-file=$LOGS/real-$p-$t-%p.vg" ;;
    esac
    case $p in
    pigz) printf '%s\n' pigz -p 2 -n -c ;;
    zstd) printf '%s\n' zstd -T2 -q -c ;;
    esac
}
run_real() { # prog size-label datafile tool reps
    local p=$1 sz=$2 data=$3 t=$4 reps=$5 key="$1|$2|$4"
    local outf=$TMPO/$p-$sz-$t.out r   # r: the callers loop on r too
    if [ -n "${RS[$key]:-}" ] && [ "${RS[$key]}" != ok ]; then return; fi
    for ((r = 1; r <= reps; r++)); do
        mapfile -t argv < <(real_argv "$p" "$t")
        RC_IN=$data RC_OUT=$outf run_cmd "real-$p-$sz-$t-r$r" $TO_VG "${argv[@]}"
        if [ "$R_STATUS" != ok ]; then RS[$key]=$R_STATUS; return; fi
        RWS[$key]+="$R_WALL "; RRS[$key]+="$R_RSS "
    done
    # Same compressed bytes as the native run? (pigz -n and zstd -T2 are deterministic)
    if [ "$t" != native ] && ! cmp -s "$outf" "$TMPO/$p-$sz-native.out"; then
        RS[$key]="output differs from native"
        PROBLEMS+=("real-$p-$sz-$t: output differs from native: \`$R_CMD\`")
        return
    fi
    RS[$key]=ok
    RW[$key]=$(printf '%s\n' ${RWS[$key]} | median)
    RR[$key]=$(printf '%s\n' ${RRS[$key]} | median)
}

log "real programs: pigz -p 2 / zstd -T2 on ${BIG_MB} MB (x $REPS_REAL) and ${SMALL_MB} MB (valgrind)"
for p in pigz zstd; do
    run_real $p big "$DATA_BIG" native 1 # warm the page cache / binary
    RWS[$p|big|native]=; RRS[$p|big|native]=
    for ((r = 1; r <= REPS_REAL; r++)); do
        for t in "${TOOLS_NAT[@]}"; do
            run_real $p big "$DATA_BIG" "$t" 1
        done
    done
    for t in "${TOOLS_NAT[@]}"; do # medians over all reps
        if [ "${RS[$p|big|$t]:-}" = ok ]; then
            RW[$p|big|$t]=$(printf '%s\n' ${RWS[$p|big|$t]} | median)
            RR[$p|big|$t]=$(printf '%s\n' ${RRS[$p|big|$t]} | median)
        fi
    done
    run_real $p small "$DATA_SMALL" native "$REPS_REAL"
    for t in helgrind drd; do
        run_real $p small "$DATA_SMALL" "$t" 1
    done
    log "  $p: native ${RW[$p|big|native]:-?}s fwd ${RW[$p|big|fwd]:-?}s hook ${RW[$p|big|hook]:-n/a}s; small: native ${RW[$p|small|native]:-?}s helgrind ${RW[$p|small|helgrind]:-${RS[$p|small|helgrind]:-?}}s drd ${RW[$p|small|drd]:-${RS[$p|small|drd]:-?}}s"
done

# ---------------------------------------------------------------- memory per lock
# Peak RSS of `lockbench many -n 1 -w 0 -l N` (N locks, each initialised and
# locked once) at two N; bytes per lock = slope.
MEM_N1=100000; MEM_N2=1000000
MEM_TOOLS=(native fwd)
[ $HAVE_HOOK = 1 ] && MEM_TOOLS+=(hook)
MEM_TOOLS+=(tsan)
[ $QUICK = 0 ] && MEM_TOOLS+=(helgrind)
declare -A M1 M2 MST MN1 MN2
log "memory per lock: ${MEM_TOOLS[*]}"
for t in "${MEM_TOOLS[@]}"; do
    n1=$MEM_N1; n2=$MEM_N2
    if [ $t = helgrind ]; then n1=50000; n2=200000; fi
    MN1[$t]=$n1; MN2[$t]=$n2
    MST[$t]=ok
    for which in 1 2; do
        if [ $which = 1 ]; then n=$n1; else n=$n2; fi
        mapfile -t argv < <(micro_cmd many "$t" 1)
        argv+=(-w 0 -l "$n")
        run_cmd "mem-$t-$n" $TO_VG "${argv[@]}"
        if [ "$R_STATUS" != ok ]; then MST[$t]=$R_STATUS; break; fi
        if [ $which = 1 ]; then M1[$t]=$R_RSS; else M2[$t]=$R_RSS; fi
    done
done

# The hook's own counters for the N2 run (separate run: not part of the RSS figures).
HOOKSTATS=""
if [ $HAVE_HOOK = 1 ] && [ "${MST[hook]}" = ok ]; then
    mapfile -t argv < <(micro_cmd many hook 1)
    run_cmd "mem-hook-stats" $TO_NAT env LOCKGRAPH_OPTIONS=print_stats=1 "${argv[@]}" -w 0 -l $MEM_N2
    HOOKSTATS=$(grep -m1 'stats' "$LOGS/mem-hook-stats.err")
fi

# ---------------------------------------------------------------- new edges
# The slow path: `edgebench MODE N` makes N-1 (random: N) edges never seen before, each by one
# nested lock pair, over N mutexes; ns per new edge at growing N shows how the cycle search
# scales with the graph (a search of the whole graph per edge would grow linearly with N).
EDGE_MODES=(forward random backward)
EDGE_NS=(1000 10000 100000)
[ $QUICK = 1 ] && EDGE_NS=(1000 10000)
EDGE_TOOLS=(native)
[ $HAVE_HOOK = 1 ] && EDGE_TOOLS+=(hook)
EDGE_TOOLS+=(tsan)
declare -A EV ES
log "new edges: ${EDGE_MODES[*]} x ${EDGE_NS[*]}"
for m in "${EDGE_MODES[@]}"; do
    for n in "${EDGE_NS[@]}"; do
        for t in "${EDGE_TOOLS[@]}"; do
            case $t in
                native) argv=("$BIN/edgebench" "$m" "$n") ;;
                hook) argv=(env LD_PRELOAD="$HOOK" "$BIN/edgebench" "$m" "$n") ;;
                tsan) argv=(env TSAN_OPTIONS=report_bugs=0 "$BIN/edgebench.tsan" "$m" "$n") ;;
            esac
            run_cmd "edge-$m-$n-$t" $TO_VG "${argv[@]}"
            ES[$m|$n|$t]=$R_STATUS; EV[$m|$n|$t]=$R_NS
        done
    done
done

ELAPSED=$(( $(date +%s) - T0 ))
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
fmt_ns() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.0f", v; else if (v >= 100) printf "%.1f", v; else printf "%.2f", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) { r = a / b; if (r >= 100) printf "%.0f", r; else if (r >= 10) printf "%.1f", r; else printf "%.2f", r } }'; }

cell() { # bench tool
    local key="$1|$2" st=${ST[$1|$2]:-}
    if [ "$2" = hook ] && [ $HAVE_HOOK = 0 ]; then echo "n/a"; return; fi
    if [ "$st" = ok ]; then
        local v=${VAL[$key]} nat=${VAL[$1|native]:-}
        if [ -n "$nat" ]; then echo "$(fmt_ns "$v") ($(ratio "$v" "$nat")x)"; else fmt_ns "$v"; fi
    elif [ -n "$st" ]; then
        local extra=""
        if [ "$2" = tsan ] && [ -n "${NOTE[$key]:-}" ]; then
            extra="; $(fmt_ns "${NOTE[$key]}") ($(ratio "${NOTE[$key]}" "${VAL[$1|native]:-}")x) with detect_deadlocks=0"
        fi
        echo "**$st**$extra"
    else
        echo "–"
    fi
}

HOSTINFO="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), kernel $(uname -r), glibc $(ldd --version | head -1 | awk '{print $NF}')"
GITREV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
if [ $HAVE_HOOK = 1 ]; then
    HOOKINFO="\`${HOOK#$ROOT/}\` ($(stat -c %s "$HOOK") bytes, modified $(date -u -r "$HOOK" +%Y-%m-%dT%H:%MZ), sha256 $(sha256sum "$HOOK" | cut -c1-12))"
else
    HOOKINFO="**not found** at \`${HOOK#$ROOT/}\`: hook column skipped"
fi

REPORT=$OUT/results.md
{
echo "# lockgraph benchmark results"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); command: \`$CMDLINE\` ($([ $QUICK = 1 ] && echo quick || echo full) mode, ${ELAPSED}s)"
echo "- machine: $HOSTINFO; load average at start $LOAD0, at end $LOAD1 (the machine is shared: a load above ~1.5 means other jobs competed for the 2 cores and the figures, above all the 2-thread rows, are noisy)"
echo "- tree: $GITREV; hook: $HOOKINFO"
echo "- compilers: clang-19 \`$CFLAGS_VG\` (native, forward-only, hook, Helgrind, DRD all run the same binary), TSan: clang-19 \`$CFLAGS_TSAN\`; $(valgrind --version)"
echo
echo "## Micro benchmarks: ns per lock+unlock pair (per thread), ratio vs native"
echo
echo "Median of $REPS_NAT runs for native/forward-only/hook, $REPS_TSAN for TSan, $REPS_VG for Helgrind/DRD."
echo "TSan, Helgrind and DRD run **reduced iteration counts** (table below); ns/op is computed over the iterations actually run."
echo
echo "| benchmark | native | forward-only | lockgraph hook | TSan | Helgrind | DRD |"
echo "|---|---|---|---|---|---|---|"
for k in "${BENCHES[@]}"; do
    echo "| ${TITLE[$k]} | $(cell $k native) | $(cell $k fwd) | $(cell $k hook) | $(cell $k tsan) | $(cell $k helgrind) | $(cell $k drd) |"
done
echo
echo "Iterations per thread (rounds for (6) and (7)) after a warm-up of 1/20 of that (at least one round):"
echo
echo "| benchmark | native / forward-only / hook | TSan | Helgrind | DRD |"
echo "|---|---|---|---|---|"
for k in "${BENCHES[@]}"; do
    d=${N_DRD[$k]}; [ -n "${XARGS_DRD[$k]}" ] && d="$d (\`${XARGS_DRD[$k]}\`: 10k locks, not 100k)"
    echo "| ${TITLE[$k]} | ${N_NAT[$k]} | ${N_TSAN[$k]} | ${N_HG[$k]} | $d |"
done
if [ ${#TSAN_ALT[@]} -gt 0 ]; then
    echo
    for x in "${TSAN_ALT[@]}"; do
        echo "- TSan on ${TITLE[${x%%|*}]}: default options fail: \`${x#*|}\`; the figure after it is with \`TSAN_OPTIONS=detect_deadlocks=0\` (i.e. without TSan's deadlock detector)."
    done
fi

echo
echo "## Real programs: wall time (median) and peak RSS"
echo
echo "Valgrind tools run on the ${SMALL_MB} MB input (with their own native baseline on it); native, forward-only and hook on ${BIG_MB} MB. Median of $REPS_REAL runs (valgrind: 1). Output bytes are checked against the native run."
echo
echo "| program | input | native | forward-only | lockgraph hook | Helgrind | DRD |"
echo "|---|---|---|---|---|---|---|"
rcell() { # prog size tool
    local key="$1|$2|$3" st=${RS[$1|$2|$3]:-}
    if [ "$3" = hook ] && [ $HAVE_HOOK = 0 ]; then echo "n/a"; return; fi
    if [ "$st" = ok ]; then
        local w=${RW[$key]} m=${RR[$key]} nw=${RW[$1|$2|native]:-} nm=${RR[$1|$2|native]:-}
        printf '%s s (%sx), %s MB (%sx)' "$w" "$(ratio "$w" "$nw")" "$(awk -v m="$m" 'BEGIN{printf "%.1f", m/1024}')" "$(ratio "$m" "$nm")"
    elif [ -n "$st" ]; then echo "**$st**"
    else echo "–"
    fi
}
for p in pigz zstd; do
    case $p in pigz) pc="\`pigz -p 2 -n -c\`" ;; zstd) pc="\`zstd -T2 -q -c\`" ;; esac
    echo "| $pc | ${BIG_MB} MB | $(rcell $p big native) | $(rcell $p big fwd) | $(rcell $p big hook) | – | – |"
    echo "| $pc | ${SMALL_MB} MB | $(rcell $p small native) | – | – | $(rcell $p small helgrind) | $(rcell $p small drd) |"
done

echo
echo "## Memory per live lock"
echo
echo "Peak RSS of \`lockbench many -n 1 -w 0 -l N\` (N mutexes, \`pthread_mutex_init\` + one lock/unlock each); bytes/lock = ΔRSS / ΔN. DRD is left out: it registers a mutex in time linear in the number it already knows (100k \`pthread_mutex_init\` calls take about a minute)."
echo
echo "| tool | N1 | peak RSS @N1 | N2 | peak RSS @N2 | bytes per lock | extra vs native |"
echo "|---|---|---|---|---|---|---|"
nat_bpl=""
if [ "${MST[native]}" = ok ]; then
    nat_bpl=$(awk -v a="${M1[native]}" -v b="${M2[native]}" -v n1=$MEM_N1 -v n2=$MEM_N2 'BEGIN{printf "%.1f", (b-a)*1024/(n2-n1)}')
fi
for t in "${MEM_TOOLS[@]}"; do
    case $t in native) tn=native ;; fwd) tn=forward-only ;; hook) tn="lockgraph hook" ;; tsan) tn=TSan ;; helgrind) tn=Helgrind ;; esac
    if [ "${MST[$t]}" = ok ]; then
        bpl=$(awk -v a="${M1[$t]}" -v b="${M2[$t]}" -v n1=${MN1[$t]} -v n2=${MN2[$t]} 'BEGIN{printf "%.1f", (b-a)*1024/(n2-n1)}')
        extra=$(awk -v a="$bpl" -v b="$nat_bpl" 'BEGIN{ if (b != "") printf "%+.1f", a-b }')
        echo "| $tn | ${MN1[$t]} | $(awk -v m="${M1[$t]}" 'BEGIN{printf "%.1f MB", m/1024}') | ${MN2[$t]} | $(awk -v m="${M2[$t]}" 'BEGIN{printf "%.1f MB", m/1024}') | $bpl | $extra |"
    else
        echo "| $tn | ${MN1[$t]} | **${MST[$t]}** | ${MN2[$t]} | | | |"
    fi
done

if [ -n "$HOOKSTATS" ]; then
    echo
    echo "Hook counters (\`LOCKGRAPH_OPTIONS=print_stats=1\`, N2 run, printed at exit after the locks were destroyed): \`$HOOKSTATS\`"
fi

echo
echo "## New lock-order edges (the slow path) and graph size"
echo
echo "\`edgebench MODE N\`: N mutexes, then N-1 edges never seen before (random: N), one nested lock pair each; ns per new edge (a native nested pair costs what the native column shows). forward: edges agree with creation order; random: random pairs taken low index first (a consistent order met in random order); backward: i+1 -> i, against creation order. One run each."
echo
echo "| mode | N | native | lockgraph hook | TSan |"
echo "|---|---|---|---|---|"
for m in "${EDGE_MODES[@]}"; do
    for n in "${EDGE_NS[@]}"; do
        row="| $m | $n"
        for t in native hook tsan; do
            if [ -z "${ES[$m|$n|$t]:-}" ]; then row+=" | n/a"
            elif [ "${ES[$m|$n|$t]}" = ok ]; then row+=" | $(fmt_ns "${EV[$m|$n|$t]}")"
            else row+=" | **${ES[$m|$n|$t]}**"; fi
        done
        echo "$row |"
    done
done

echo
echo "## Goals"
echo
if [ $HAVE_HOOK = 1 ]; then
    echo "| benchmark | hook / native (goal ≤ 1.5) | TSan / hook (goal ≥ 5) | Helgrind / hook (goal ≥ 100) |"
    echo "|---|---|---|---|"
    goal() { # a b op limit -> "r ✅/❌"
        awk -v a="$1" -v b="$2" -v op="$3" -v lim="$4" 'BEGIN {
            if (a == "" || b == "" || b == 0) { print "–"; exit }
            r = a / b; ok = (op == "le") ? (r <= lim) : (r >= lim)
            printf "%.2f %s", r, ok ? "PASS" : "**FAIL**" }'
    }
    for k in "${BENCHES[@]}"; do
        h=; [ "${ST[$k|hook]:-}" = ok ] && h=${VAL[$k|hook]}
        ts=; [ "${ST[$k|tsan]:-}" = ok ] && ts=${VAL[$k|tsan]}
        hg=; [ "${ST[$k|helgrind]:-}" = ok ] && hg=${VAL[$k|helgrind]}
        g1=$(goal "$h" "${VAL[$k|native]:-}" le 1.5); [ -z "$h" ] && g1="**${ST[$k|hook]:-–}**"
        echo "| ${TITLE[$k]} | $g1 | $(goal "$ts" "$h" ge 5) | $(goal "$hg" "$h" ge 100) |"
    done
    echo
    echo "| program | hook / native wall time (goal ≤ 1.05) |"
    echo "|---|---|"
    for p in pigz zstd; do
        if [ "${RS[$p|big|hook]:-}" = ok ]; then
            echo "| $p, ${BIG_MB} MB | $(goal "${RW[$p|big|hook]}" "${RW[$p|big|native]}" le 1.05) |"
        else
            echo "| $p, ${BIG_MB} MB | **${RS[$p|big|hook]:-not run}** |"
        fi
    done
else
    echo "Goals (hook ≤ 1.5x native on every micro benchmark, ≥ 5x faster than TSan, ≥ 100x faster than Helgrind; pigz/zstd ≤ 1.05x native) not evaluated: no hook library."
fi

echo
echo "## Problems"
echo
if [ ${#PROBLEMS[@]} -eq 0 ]; then
    echo "None: every run exited 0 with a RESULT line (micro) or the native output bytes (pigz/zstd)."
else
    for x in "${PROBLEMS[@]}"; do echo "- $x"; done
fi
if [ $HAVE_HOOK = 1 ]; then
    n=$(cat "$LOGS"/*-hook-*.err 2>/dev/null | wc -l)
    echo
    echo "The hook wrote $n lines to stderr over all its runs (bench/out/logs/*-hook-*.err)."
    if [ -s "$LOGS/hook-help.log" ]; then
        echo
        echo "\`LOCKGRAPH_OPTIONS=help=1\` said:"
        echo
        echo '```'
        head -n 40 "$LOGS/hook-help.log"
        echo '```'
    fi
fi
} >"$REPORT"

cat "$REPORT"
log "report written to bench/out/results.md (${ELAPSED}s)"
