#!/usr/bin/env bash
# Installs what lockgraph needs to build and test, from Debian 12's packages and the npm registry,
# then configures and builds it in ./build. Safe to run again. Set LOCKGRAPH_SKIP_APT=1 to skip the
# package steps.
#   build: cmake ninja-build clang-19 llvm-19-dev libclang-19-dev libclang-rt-19-dev llvm-19-tools
#          libgtest-dev python3 (man pages from --help)
#   tests: graphviz (the report's graph), chromium (the HTML page checked headless), python3-jsonschema
#          and python3-yaml (the JSON schema and the CI recipes), dpkg-dev (cpack's dependencies of the
#          .deb), man-db (the man pages read back), npm (Microsoft's SARIF validator, installed
#          below into the gitignored .tools/ folder of this tree)
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(cmake ninja-build python3 clang-19 llvm-19-dev libclang-19-dev libclang-rt-19-dev
      llvm-19-tools libgtest-dev graphviz chromium python3-jsonschema python3-yaml dpkg-dev man-db
      perl make)  # perl, make: the hook's Perl tests (cli/run/Perl)
SARIF_MULTITOOL=@microsoft/sarif-multitool-linux@5.7.0
if [[ "${LOCKGRAPH_SKIP_APT:-0}" != 1 ]]; then
  missing=()
  for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  # npm: Debian's package, unless a node with npm is already there (NodeSource's nodejs has it)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  SUDO=; [[ $(id -u) == 0 ]] || SUDO=sudo
  if ((${#missing[@]})); then
    echo "lockgraph setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [[ ! -x .tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool ]]; then
    echo "lockgraph setup: npm install $SARIF_MULTITOOL (into .tools/)"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --loglevel=error "$SARIF_MULTITOOL" >/dev/null
    chmod u+x .tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  fi
fi
BUILD=${LOCKGRAPH_BUILD_DIR:-build}
if [[ ! -f $BUILD/build.ninja ]]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
ninja -C "$BUILD" -j "${LOCKGRAPH_JOBS:-$(nproc)}"
