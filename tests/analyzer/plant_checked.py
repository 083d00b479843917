#!/usr/bin/env python3
"""Test of bench/analyzer/plant.py on a C tree whose every lock call is checked in an `if`
(tests/analyzer/plant_checked: `if (pthread_mutex_lock(&m) != 0) return -1;`, a block, a
`break` in a do-while): the harness plants after the whole if statement, where the lock is
held. It planted nothing on such a tree before (arpon: "0 sites"). Every plant must compile and
be found, and each planted line must follow the end of an if statement on a lock call.

usage: plant_checked.py --analyzer BIN --work DIR"""
import os
import sys

from plant_case import plant_rows, run_harness


def main():
    r = run_harness("plant_checked", ["clang-19", "-pthread"], ".c",
                    ["--plants", "3", "--min-plants", "3", "--seed", "1", "--jobs", "2", "--min-recall", "1.0"])
    if r.returncode != 0:
        return 1
    rows = plant_rows(r.stdout, "plant_checked")
    if {tuple(sorted(c[5:7])) for c in rows} != {("cache_mtx", "log_mtx"), ("cache_mtx", "stats_mtx"), ("log_mtx", "stats_mtx")}:
        print(f"plant_checked.py: expected the 3 pairs of cache_mtx, log_mtx, stats_mtx, got {rows}", file=sys.stderr)
        return 1
    if "acquisition sites in reachable code" not in r.stderr or " 0 acquisition sites" in r.stderr:
        print("plant_checked.py: the harness counted no site", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
