#!/usr/bin/env python3
"""Test of bench/analyzer/plant.py on a C++ tree (tests/analyzer/plant_cxx): private mutex members
of classes in namespace media (`media::Stream::mu_`, `media::Player::mu_`), a file-static mutex in
namespace reg, each taken by a std::lock_guard. A plant reaches a private member from outside its
class (the copy compiles without access control) and calls a helper defined in another file's
namespace (the helper has C linkage, declared at the caller's file scope): both failed before
(SFML: `m_threadMutex is a private member`, and a helper declared in one namespace and defined in
another, a call to nothing the analyzer knew: a miss that was the harness's). Every plant must
compile and be found.

usage: plant_cxx.py --analyzer BIN --work DIR"""
import sys

from plant_case import plant_rows, run_harness


def main():
    r = run_harness("plant_cxx", ["clang++-19", "-std=c++17", "-pthread"], ".cpp",
                    ["--plants", "3", "--min-plants", "3", "--seed", "1", "--jobs", "2", "--min-recall", "1.0",
                     "--need", "member"])
    if r.returncode != 0:
        return 1
    # the three pairs of three locks, one each
    pairs = {tuple(sorted(cells[5:7])) for cells in plant_rows(r.stdout, "plant_cxx")}
    if len(pairs) != 3:
        print(f"plant_cxx.py: expected the 3 pairs of 3 locks, got {sorted(pairs)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
