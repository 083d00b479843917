#!/usr/bin/env bash
# bench/field/run.sh: the runtime hook on real projects' own test suites (Debian 12 sources).
#
#   bench/field/run.sh [SUITE...]        # default: libuv xz memcached
#
# For each suite: fetch its Debian 12 source into bench/src/field/PKG (gitignored) with
# /work/shared/tools/debian-source (or, when LOCKGRAPH_FIELD_MIRROR=DIR holds DIR/PKG/*.dsc and
# its tarballs, unpack those with dpkg-source), build it natively with its own build (clang-19,
# -g, shared libraries), run its suite natively and then as `lockgraph run --json OUT -- SUITE`
# (the launcher preloads the hook into every process the suite starts), and print one Markdown row:
# tests passed/failed both ways, wall time both ways, exit status both ways, findings by id.
# Every build and every run takes the build lock (flock /tmp/lockgraph-build.lock); set
# LOCKGRAPH_BENCH_NO_FLOCK=1 when the caller already holds it. Logs and the findings (JSON and
# `lockgraph report --format=text`) go to bench/out/field/. This takes long (tens of minutes on 2
# cores): evidence for docs/benchmarks.md, not a test.
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC=$ROOT/bench/src/field
OUT=$ROOT/bench/out/field
LG=${LOCKGRAPH:-$ROOT/build/bin/lockgraph}
TIMEOUT=${LOCKGRAPH_FIELD_TIMEOUT:-1800}
if [ "${LOCKGRAPH_BENCH_NO_FLOCK:-0}" = 1 ]; then FLOCK=(); else FLOCK=(flock /tmp/lockgraph-build.lock); fi
mkdir -p "$SRC" "$OUT"
[ -x "$LG" ] || { echo "run.sh: $LG not found: build the project first (ninja -C build)" >&2; exit 125; }
export CC=clang-19 CXX=clang++-19 CFLAGS="-O2 -g" CXXFLAGS="-O2 -g"

# fetch PKG: the unpacked source folder of PKG, on stdout.
fetch() {
    local pkg=$1 dir=$SRC/$1
    if ! ls -d "$dir"/"$pkg"-*/ >/dev/null 2>&1; then
        mkdir -p "$dir"
        if [ -n "${LOCKGRAPH_FIELD_MIRROR:-}" ] && ls "$LOCKGRAPH_FIELD_MIRROR/$pkg"/*.dsc >/dev/null 2>&1; then
            cp "$LOCKGRAPH_FIELD_MIRROR/$pkg"/*.dsc "$LOCKGRAPH_FIELD_MIRROR/$pkg"/*.tar.* "$dir"/ &&
                (cd "$dir" && dpkg-source -q -x ./*.dsc >/dev/null 2>&1)
        else
            /work/shared/tools/debian-source "$pkg" "$dir" >&2
        fi
    fi
    ls -d "$dir"/"$pkg"-*/ | head -1 | sed 's:/$::'
}

# Per suite: build_S SRCDIR (once, output to the log), suite_S SRCDIR (the suite's command line,
# run in SRCDIR), count_S LOG (prints "PASSED FAILED").
build_libuv() {
    [ -x "$1/../build/uv_run_tests" ] && return 0
    cmake -S "$1" -B "$1/../build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-19 \
        -DLIBUV_BUILD_TESTS=ON -DBUILD_TESTING=ON && ninja -C "$1/../build" uv_run_tests
}
# The runner forks and execs itself for each test (and helper processes): every one is hooked. It
# refuses to run as root: as root, the suite (and the launcher) runs as nobody, in a tree nobody
# may write.
suite_libuv() { echo "../build/uv_run_tests"; }
as_libuv() {
    [ "$(id -u)" = 0 ] || return 0
    chmod -R a+rwX "$1/.." "$OUT"
    echo "setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/tmp"
}
count_libuv() { echo "$(grep -c '^ok ' "$1") $(grep -c '^not ok ' "$1")"; }

build_xz() {
    [ -x "$1/src/xz/xz" ] && return 0
    (cd "$1" && ./configure --disable-static --enable-shared -q && make -j2 -s)
}
# make check (automake's harness: make, sh, the test programs; one result per test program, from its
# .trs file), then xz -T2 over a 64 MiB file made
# of the source tree (compress, decompress, compare): the multi-threaded coder is the lock user.
suite_xz() {
    echo "bash -c 'make check -s >/dev/null 2>&1; for t in tests/*.trs; do echo \$(sed -n \"s/^:test-result: //p\" \$t): \$t; done;
      f=\$(mktemp); for i in \$(seq 40); do cat src/liblzma/*/*.c; done | head -c 67108864 >\$f;
      LD_LIBRARY_PATH=src/liblzma/.libs src/xz/.libs/xz -T2 -6 -c \$f >\$f.xz &&
      LD_LIBRARY_PATH=src/liblzma/.libs src/xz/.libs/xz -T2 -dc \$f.xz | cmp - \$f &&
      echo PASS: xz-T2-roundtrip || echo FAIL: xz-T2-roundtrip; rm -f \$f \$f.xz'"
}
count_xz() { echo "$(grep -c '^PASS: ' "$1") $(grep -cE '^(FAIL|ERROR): ' "$1")"; }

build_memcached() {
    [ -x "$1/memcached-debug" ] && return 0
    (cd "$1" && ./configure -q && make -j2 -s && make -s memcached-debug sizes testapp timedrun)
}
# make test: ./sizes, ./testapp, then prove over t/*.t (Perl starting memcached-debug servers).
suite_memcached() { echo "make test"; }
count_memcached() {
    # prove's summary: "Files=N, Tests=M", failures listed as "Failed N/M subtests" / "Wstat".
    local t f
    t=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$1" | tail -1)
    f=$(grep -E '^ *Failed [0-9]+/[0-9]+ subtests' "$1" | sed 's/^ *Failed \([0-9]*\)\/.*/\1/' | paste -sd+ | bc)
    echo "$(( ${t:-0} - ${f:-0} )) ${f:-0}"
}

# runs MODE SUITE SRCDIR: MODE native|hook; writes $OUT/SUITE.MODE.{log,time,rc}.
runs() {
    local mode=$1 s=$2 dir=$3 cmd pre=()
    cmd=$(suite_"$s" "$dir")
    declare -F as_"$s" >/dev/null && read -r -a pre < <(as_"$s" "$dir")
    [ "$mode" = hook ] && pre+=("$LG" run --json "$OUT/$s.json" --)
    rm -f "$OUT/$s.json"
    echo "== $s $mode: (cd $dir && ${pre[*]} $cmd)" >&2
    "${FLOCK[@]}" bash -c 'cd "$1"; shift; s=$(date +%s.%N); timeout -k 10 "$0" "$@" >"'"$OUT/$s.$mode.log"'" 2>&1;
        rc=$?; echo $rc >"'"$OUT/$s.$mode.rc"'"; echo "$(date +%s.%N) - $s" | bc >"'"$OUT/$s.$mode.time"'"' \
        "$TIMEOUT" "$dir" "${pre[@]}" bash -c "$cmd"
}

row() {
    local s=$1 np nf hp hf ids
    read -r np nf < <(count_"$s" "$OUT/$s.native.log")
    read -r hp hf < <(count_"$s" "$OUT/$s.hook.log")
    ids=none
    if [ -s "$OUT/$s.json" ]; then
        "$LG" report --format=text -o "$OUT/$s.findings.txt" "$OUT/$s.json" 2>/dev/null
        ids=$(grep -ho '"kind":"[a-z-]*"' "$OUT/$s.json" | sed 's/.*:"\([a-z-]*\)"$/\1/' | sort | uniq -c |
              awk '{s = s (NR > 1 ? ", " : "") $1 " " $2} END {print s}')
        [ -n "$ids" ] || ids=none
    fi
    printf '| %s | %s/%s | %s/%s | %.0f s | %.0f s | %s | %s | %s |\n' "$s" "$np" "$nf" "$hp" "$hf" \
        "$(cat "$OUT/$s.native.time")" "$(cat "$OUT/$s.hook.time")" \
        "$(cat "$OUT/$s.native.rc")" "$(cat "$OUT/$s.hook.rc")" "$ids"
}

declare -A PKG=([libuv]=libuv1 [xz]=xz-utils [memcached]=memcached)
suites=("$@"); [ ${#suites[@]} -gt 0 ] || suites=(libuv xz memcached)
for s in "${suites[@]}"; do
    [ -n "${PKG[$s]:-}" ] || { echo "run.sh: unknown suite $s (known: ${!PKG[*]})" >&2; exit 125; }
    dir=$(fetch "${PKG[$s]}") || { echo "run.sh: fetching ${PKG[$s]} failed" >&2; exit 1; }
    echo "== $s: build in $dir" >&2
    "${FLOCK[@]}" bash -c "$(declare -f build_"$s"); build_$s '$dir'" >"$OUT/$s.build.log" 2>&1 ||
        { echo "run.sh: building $s failed: $OUT/$s.build.log" >&2; exit 1; }
    runs native "$s" "$dir"
    runs hook "$s" "$dir"
done
{
    echo "| suite | passed/failed native | passed/failed hooked | wall native | wall hooked | exit native | exit hooked | findings |"
    echo "|---|---|---|---|---|---|---|---|"
    for s in "${suites[@]}"; do row "$s"; done
} | tee "$OUT/results.md"
