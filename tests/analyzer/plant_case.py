"""Shared by the recall harness's tests on small trees of our own (plant_programs.py,
plant_cxx.py): copy tests/analyzer/TREE to WORK/src, write its compile database there (one
command per source file of the given extension), run bench/analyzer/plant.py on it and echo its
output."""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLANT = os.path.join(HERE, "..", "..", "bench", "analyzer", "plant.py")


def run_harness(tree, compiler, ext, plant_args):
    """Returns plant.py's completed process (its output already echoed)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    src = os.path.join(a.work, "src")
    shutil.rmtree(a.work, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, tree), src)
    db = [{"directory": src, "file": os.path.join(src, f), "arguments": compiler + ["-c", f, "-o", f + ".o"]}
          for f in sorted(os.listdir(src)) if f.endswith(ext)]
    with open(os.path.join(src, "compile_commands.json"), "w") as out:
        json.dump(db, out)
    r = subprocess.run([sys.executable, PLANT, "--db", tree + "=" + src] + plant_args +
                       ["--analyzer", a.analyzer, "--out", os.path.join(a.work, "out")],
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    return r


def plant_rows(stdout, tree):
    """The cells of plant.py's table rows for TREE."""
    return [[c.strip() for c in l.strip().strip("|").split("|")] for l in stdout.splitlines()
            if l.startswith(f"| {tree} |")]
