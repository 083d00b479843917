#!/usr/bin/env python3
"""Test of bench/analyzer/plant.py on a database of two programs (tests/analyzer/plant_programs:
prog_a.c and prog_b.c, each with its own main(), worker thread and two locks; lib_a.c, without a
main(), whose lock only prog_a.c's program takes). An order planted in one program and the opposite
order in the other is no inversion, and the analyzer, which keeps programs apart, rightly says
nothing: the harness must not plant such pairs (it counted them as misses on sg3-utils, whose
sgp_dd.c and sgh_dd.cpp are two programs, and on SFML, whose window module's Display.cpp is not
linked into the VoIP example). It asks the analyzer which files form a program (--list-programs):
the four plants it can make are inside one program each, and all must be found.

usage: plant_programs.py --analyzer BIN --work DIR"""
import os
import sys

from plant_case import plant_rows, run_harness


def main():
    r = run_harness("plant_programs", ["clang-19", "-std=gnu11", "-pthread"], ".c",
                    ["--plants", "4", "--min-plants", "4", "--seed", "1", "--jobs", "2", "--min-recall", "1.0"])
    if r.returncode != 0:
        return 1
    if "in two programs" not in r.stderr:
        print("plant_programs.py: the harness did not set the pairs across the two programs aside", file=sys.stderr)
        return 1
    rows = plant_rows(r.stdout, "plant_programs")
    for cells in rows:
        l = " | ".join(cells)
        files = {os.path.basename(c.split(":")[0]) for c in cells[7:9]}
        if not (files <= {"prog_a.c", "lib_a.c"} or files == {"prog_b.c"}):
            print(f"plant_programs.py: a plant spans two programs: {l}", file=sys.stderr)
            return 1
    if len(rows) != 4:
        print(f"plant_programs.py: expected 4 plants, got {len(rows)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
