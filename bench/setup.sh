#!/usr/bin/env bash
# bench/setup.sh: install (with apt-get, Debian packages only) whatever the
# benchmark suite needs and is missing. Called by bench/run.sh; safe to rerun.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }

have clang-19 || need+=(clang-19)
have clang++-19 || need+=(clang-19)
have valgrind || need+=(valgrind)
have pigz || need+=(pigz)
have zstd || need+=(zstd)
[ -x /usr/bin/time ] || need+=(time)
have flock || need+=(util-linux)
have timeout || need+=(coreutils)
have sha256sum || need+=(coreutils)
have awk || need+=(gawk)
# ThreadSanitizer runtime for clang-19
if have clang-19; then
    rtdir=$(clang-19 -print-resource-dir 2>/dev/null || true)
    compgen -G "$rtdir/lib/*/libclang_rt.tsan*.a" >/dev/null || need+=(libclang-rt-19-dev)
else
    need+=(libclang-rt-19-dev)
fi
# glibc debug info: Helgrind/DRD suppressions and symbols in libc/libpthread
dpkg -s libc6-dbg >/dev/null 2>&1 || need+=(libc6-dbg)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
# dedupe
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
echo "bench/setup.sh: installing: ${need[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
