#!/usr/bin/env bash
# Installs what lockgraph needs to build and test, from Debian 12's packages, then configures and
# builds it in ./build. Safe to run again. Set LOCKGRAPH_SKIP_APT=1 to skip the package step.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(cmake ninja-build python3 clang-19 llvm-19-dev libclang-19-dev libclang-rt-19-dev
      llvm-19-tools libgtest-dev perl make)  # perl, make: the hook's Perl tests (cli/run/Perl)
if [[ "${LOCKGRAPH_SKIP_APT:-0}" != 1 ]]; then
  missing=()
  for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo
    echo "lockgraph setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
BUILD=${LOCKGRAPH_BUILD_DIR:-build}
if [[ ! -f $BUILD/build.ninja ]]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
ninja -C "$BUILD" -j "${LOCKGRAPH_JOBS:-$(nproc)}"
