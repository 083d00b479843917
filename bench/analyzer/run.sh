#!/usr/bin/env bash
# bench/analyzer/run.sh [PROJECT...]: the analyzer on real code.
#
# For each project (default: memcached redis leveldb sqlite3 libuv1 libevent zeromq3; also known:
# xz-utils unbound fio mosquitto mosquitto_nofapi libzstd, the tuning trees of
# docs/analyzer-triage.md; mosquitto_nofapi is its database without the CMake file API reply): fetch the
# Debian source into bench/src (gitignored; never committed), make a compile database (cmake,
# with a CMake file API query so the analyzer sees which objects each executable links, or
# bear), then measure with /usr/bin/time -v:
#   1. lockgraph-syntax-bench: clang's SyntaxOnlyAction over the database in one process
#      (baseline: parsing only, in process, the analyzer's own front-end setup)
#   2. clang-19 -fsyntax-only over the database, one process per file (second baseline)
#   3. lockgraph-analyze, cold (empty facts cache)
#   4. lockgraph-analyze again, nothing changed          (facts reused)
# all with the same -j. Results: bench/out/analyzer/<project>.{json,txt,time-*} and a summary
# table bench/out/analyzer/summary.md. Environment: JOBS (default nproc), ANALYZER (default
# build/bin/lockgraph-analyze), SYNTAX_BENCH (default build/bin/lockgraph-syntax-bench: built
# with `ninja -C build lockgraph-syntax-bench` when missing). Installs bear (apt-get) if missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
src=$repo/bench/src
out=$repo/bench/out/analyzer
jobs=${JOBS:-$(nproc)}
analyzer=${ANALYZER:-$repo/build/bin/lockgraph-analyze}
syntax_bench=${SYNTAX_BENCH:-$repo/build/bin/lockgraph-syntax-bench}
lock=/tmp/lockgraph-build.lock   # builds on this machine are serialized
mkdir -p "$src" "$out"
[ -x "$analyzer" ] || { echo "bench/analyzer/run.sh: no analyzer at $analyzer (ninja -C build lockgraph-analyze)" >&2; exit 2; }
if [ ! -x "$syntax_bench" ]; then
  flock "$lock" ninja -C "$(dirname "$(dirname "$syntax_bench")")" lockgraph-syntax-bench >&2
fi

# What the preparation needs: bear (compile databases of make builds), cmake, ninja, /usr/bin/time,
# and the projects' own build dependencies.
need=()
command -v bear >/dev/null 2>&1 || need+=(bear)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v ninja >/dev/null 2>&1 || need+=(ninja-build)
[ -x /usr/bin/time ] || need+=(time)
command -v tclsh >/dev/null 2>&1 || need+=(tcl)                          # sqlite3's amalgamation
dpkg -s libevent-dev >/dev/null 2>&1 || need+=(libevent-dev)            # memcached
if [ ${#need[@]} -gt 0 ]; then
  echo "bench/analyzer/run.sh: installing: ${need[*]}" >&2
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(memcached redis leveldb sqlite3 libuv1 libevent zeromq3)

fetch() {  # fetch PKG -> prints the unpacked source dir
  local pkg=$1
  if ! compgen -G "$src/$pkg/$pkg-*/" >/dev/null; then
    /work/shared/tools/debian-source "$pkg" "$src/$pkg" >&2
  fi
  compgen -G "$src/$pkg/$pkg-*/" | head -1
}

# cmake_db SRC BUILD ARGS...: configures with a CMake file API query (codemodel-v2), so the build
# directory holds the reply the analyzer reads for link information (docs/analyzer.md).
cmake_db() {
  local s=$1 b=$2; shift 2
  if [ ! -s "$b/compile_commands.json" ] || [ ! -d "$b/.cmake/api/v1/reply" ]; then
    mkdir -p "$b/.cmake/api/v1/query" && : >"$b/.cmake/api/v1/query/codemodel-v2"
    flock "$lock" cmake -S "$s" -B "$b" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "$@" >&2
  fi
}

# Each prep_* prints the directory holding compile_commands.json.
prep_memcached() {
  local d; d=$(fetch memcached)
  if [ ! -s "$d/compile_commands.json" ]; then
    (cd "$d" && { [ -f Makefile ] || CC=clang-19 ./configure -q >&2; } &&
      flock "$lock" bear -- make -j"$jobs" memcached >&2)
  fi
  echo "$d"
}
# db_ok DB ROOT FILE...: the database names only files under ROOT, and each FILE (relative to
# ROOT) with a compiler driver command. bear also records the `clang -cc1` the driver runs for
# redis's `-MM` dependency step; the analyzer skips those, so a database in which they stand in
# for the real commands (a hand-deduplicated one, or one rewritten by another run) analyzes none
# of redis's own files.
db_ok() {
  python3 - "$@" <<'PY'
import json, os, shlex, sys
db, root, need = sys.argv[1], os.path.realpath(sys.argv[2]), sys.argv[3:]
try:
    entries = json.load(open(db))
except (OSError, ValueError):
    sys.exit(1)
have = set()
for e in entries:
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    if not f.startswith(root + "/"):
        sys.exit(1)
    args = e.get("arguments") or shlex.split(e["command"])
    if len(args) < 2 or args[1] != "-cc1":
        have.add(os.path.relpath(f, root))
sys.exit(0 if entries and all(n in have for n in need) else 1)
PY
}
# drop_cc1 DB: removes the `clang -cc1` entries bear records besides the driver's.
drop_cc1() {
  python3 - "$1" <<'PY'
import json, shlex, sys
entries = json.load(open(sys.argv[1]))
keep = [e for e in entries if (e.get("arguments") or shlex.split(e["command"]))[1:2] != ["-cc1"]]
json.dump(keep, open(sys.argv[1], "w"), indent=1)
PY
}
prep_redis() {
  local d; d=$(fetch redis)
  if ! db_ok "$d/src/compile_commands.json" "$d" src/server.c src/bio.c src/module.c deps/lua/src/lapi.c; then
    # from clean objects: bear records only what make compiles
    (cd "$d/src" && make distclean >/dev/null 2>&1 || true
     cd "$d/src" && flock "$lock" bear -- make -j"$jobs" CC=clang-19 MALLOC=libc USE_SYSTEMD=no BUILD_TLS=no redis-server >&2)
    drop_cc1 "$d/src/compile_commands.json"
  fi
  echo "$d/src"
}
prep_leveldb() {
  local d; d=$(fetch leveldb)
  cmake_db "$d" "$d/build-lg" -DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF
  echo "$d/build-lg"
}
prep_sqlite3() {
  local d; d=$(fetch sqlite3)
  local b=$d/build-lg
  if [ ! -s "$b/compile_commands.json" ]; then
    mkdir -p "$b"
    (cd "$b" && { [ -f Makefile ] || CC=clang-19 ../configure -q --enable-threadsafe >&2; } &&
      flock "$lock" make -j"$jobs" sqlite3.c shell.c >&2)
    python3 - "$b" <<'PY'
import json, sys
b = sys.argv[1]
flags = ["-DSQLITE_THREADSAFE=1", "-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_RTREE", "-I" + b]
json.dump([{"directory": b, "file": f, "arguments": ["clang-19", "-c", f] + flags} for f in ("sqlite3.c", "shell.c")],
          open(b + "/compile_commands.json", "w"), indent=1)
PY
  fi
  echo "$b"
}
prep_libuv1() {
  local d; d=$(fetch libuv1)
  cmake_db "$d" "$d/build-lg" -DLIBUV_BUILD_TESTS=ON -DLIBUV_BUILD_BENCH=OFF
  echo "$d/build-lg"
}
prep_libevent() {
  local d; d=$(fetch libevent)
  cmake_db "$d" "$d/build-lg" -DEVENT__DISABLE_OPENSSL=ON -DEVENT__DISABLE_MBEDTLS=ON -DEVENT__DISABLE_TESTS=ON \
    -DEVENT__DISABLE_BENCHMARK=ON -DEVENT__DISABLE_SAMPLES=ON -DEVENT__DISABLE_REGRESS=ON
  echo "$d/build-lg"
}
prep_zeromq3() {
  local d; d=$(fetch zeromq3)
  cmake_db "$d" "$d/build-lg" -DBUILD_TESTS=OFF -DWITH_PERF_TOOL=OFF -DWITH_DOCS=OFF -DENABLE_DRAFTS=OFF \
    -DWITH_LIBSODIUM=OFF -DENABLE_CURVE=OFF -DBUILD_STATIC=OFF
  echo "$d/build-lg"
}

# Tuning trees from the held-out rounds (docs/analyzer-triage.md), not in the default list:
# autotools builds through bear.
# autotools_db PKG SUBDIR CONFIGURE_ARGS MAKE_ARGS: configure with clang-19, make under bear.
autotools_db() {
  local pkg=$1 configure_args=$2 make_args=$3 d; d=$(fetch "$pkg")
  if [ ! -s "$d/compile_commands.json" ]; then
    # shellcheck disable=SC2086
    (cd "$d" && { [ -f Makefile ] || CC=clang-19 ./configure -q $configure_args >&2; } &&
      flock "$lock" bear -- make -j"$jobs" $make_args >&2)
  fi
  echo "$d"
}
prep_xz-utils() { autotools_db xz-utils "--disable-doc --disable-nls" ""; }
prep_unbound() { autotools_db unbound "--disable-flto" ""; }
prep_fio() {
  local d; d=$(fetch fio)
  if [ ! -s "$d/compile_commands.json" ]; then
    (cd "$d" && { [ -f config-host.mak ] || ./configure --cc=clang-19 >&2; } &&
      flock "$lock" bear -- make -j"$jobs" >&2)
  fi
  echo "$d"
}
# Tuning trees of the rmw round (docs/analyzer-triage.md), not in the default list.
# mosquitto: the broker compiles lib/*.c again with WITH_BROKER (single-threaded, dummy locks).
prep_mosquitto() {
  local d; d=$(fetch mosquitto)
  cmake_db "$d" "$d/build-lg" -DWITH_CJSON=OFF -DDOCUMENTATION=OFF -DWITH_TLS=OFF -DWITH_SRV=OFF
  echo "$d/build-lg"
}
# the same compile database without the file API reply: programs grouped by defines
prep_mosquitto_nofapi() {
  local d b; d=$(prep_mosquitto); b=$d-nofapi
  mkdir -p "$b" && cp "$d/compile_commands.json" "$b/"
  echo "$b"
}
prep_libzstd() {
  local d; d=$(fetch libzstd)
  cmake_db "$d/build/cmake" "$d/build-lg" -DZSTD_BUILD_PROGRAMS=ON -DZSTD_MULTITHREAD_SUPPORT=ON \
    -DZSTD_BUILD_TESTS=OFF -DZSTD_BUILD_CONTRIB=OFF -DZSTD_LEGACY_SUPPORT=OFF
  echo "$d/build-lg"
}

timed() {  # timed NAME CMD... : /usr/bin/time -v into $out/NAME, under the machine's build lock; prints "wall peakKB status"
  local name=$1; shift
  local st=0
  flock "$lock" /usr/bin/time -v -o "$out/$name" "$@" >/dev/null 2>"$out/$name.stderr" || st=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/$name")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/$name")
  echo "$wall $rss $st"
}

summary=$out/summary.md
{
  echo "| project | TUs | in-process syntax-only wall / peak KB | analyze cold wall / peak KB / exit | cold / in-process | analyze unchanged wall / peak KB | clang -fsyntax-only per file wall / peak KB | findings |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$summary.new"
for p in "${projects[@]}"; do
  db=$("prep_$p") && [ -s "$db/compile_commands.json" ] || { echo "bench/analyzer/run.sh: $p: no compile database" >&2; exit 2; }
  tus=$(python3 -c 'import json,sys; print(len({e["file"] for e in json.load(open(sys.argv[1]))}))' "$db/compile_commands.json")
  echo "== $p: $tus TUs in $db (-j $jobs)" >&2
  # an untimed pass first: every row then reads sources and headers from the page cache
  flock "$lock" "$syntax_bench" -p "$db" -j "$jobs" >/dev/null 2>&1 || true
  inproc=$(timed "$p.time-inprocess" "$syntax_bench" -p "$db" -j "$jobs")
  base=$(timed "$p.time-syntax" python3 "$here/syntax_only.py" "$db" "$jobs")
  rm -rf "$out/cache-$p"
  cold=$(timed "$p.time-cold" "$analyzer" -p "$db" -j "$jobs" --no-progress --facts-dir "$out/cache-$p" --format=json -o "$out/$p.json")
  warm=$(timed "$p.time-warm" "$analyzer" -p "$db" -j "$jobs" --no-progress --facts-dir "$out/cache-$p" --format=text -o "$out/$p.txt" -v)
  n=$(wc -l <"$out/$p.json")
  read -r iw ir is <<<"$inproc"; read -r bw br bs <<<"$base"; read -r cw cr cs <<<"$cold"; read -r ww wr ws <<<"$warm"
  ratio=$(python3 -c 'import sys
def s(t):
    p = [float(x) for x in t.split(":")]
    return sum(v * 60 ** i for i, v in enumerate(reversed(p)))
print("%.2fx" % (s(sys.argv[2]) / max(s(sys.argv[1]), 0.01)))' "$iw" "$cw")
  echo "| $p | $tus | $iw / $ir | $cw / $cr / $cs | $ratio | $ww / $wr | $bw / $br | $n |" >>"$summary.new"
  echo "   in-process syntax-only $iw ($ir KB, exit $is), analyze cold $cw ($cr KB, exit $cs) = $ratio, unchanged $ww ($wr KB), per-file clang $bw ($br KB), $n findings" >&2
done
mv "$summary.new" "$summary"
cat "$summary"
