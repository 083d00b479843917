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
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLANT = os.path.join(HERE, "..", "..", "bench", "analyzer", "plant.py")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    src = os.path.join(a.work, "src")
    shutil.rmtree(a.work, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "plant_programs"), src)
    db = [{"directory": src, "file": os.path.join(src, f),
           "arguments": ["clang-19", "-std=gnu11", "-pthread", "-c", f, "-o", f + ".o"]}
          for f in sorted(os.listdir(src)) if f.endswith(".c")]
    with open(os.path.join(src, "compile_commands.json"), "w") as out:
        json.dump(db, out)
    r = subprocess.run([sys.executable, PLANT, "--db", "plant_programs=" + src, "--plants", "4", "--min-plants", "4",
                        "--seed", "1", "--jobs", "2", "--min-recall", "1.0",
                        "--analyzer", a.analyzer, "--out", os.path.join(a.work, "out")],
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        return 1
    if "in two programs" not in r.stderr:
        print("plant_programs.py: the harness did not set the pairs across the two programs aside", file=sys.stderr)
        return 1
    rows = [l for l in r.stdout.splitlines() if l.startswith("| plant_programs |")]
    for l in rows:
        cells = [c.strip() for c in l.strip("|").split("|")]
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
