#!/usr/bin/env python3
"""Test of bench/analyzer/plant.py --db NAME=DIR (a tree prepared elsewhere, as the held-out trees
are): copies tests/analyzer/plant_tree to WORK/src, writes its compile database into WORK/src/build
(a CMake-style build directory inside the tree, with file names relative to it), and runs the
harness on it. Every plant must be found, and some must be of member locks (`&c->mu` of a
`struct cache *`, `&s->mu` of a `struct session *` complete only in session.c). The commands
carry `-I<tree root>`: the copy's must name the copy's root.

usage: plant_db.py --analyzer BIN --work DIR"""
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
    shutil.copytree(os.path.join(HERE, "plant_tree"), src)
    build = os.path.join(src, "build")
    os.makedirs(build)
    db = [{"directory": build, "file": "../" + f,
           "arguments": ["clang-19", "-std=gnu11", "-pthread", "-I" + src, "-c", "../" + f, "-o", f + ".o"]}
          for f in sorted(os.listdir(src)) if f.endswith(".c")]
    with open(os.path.join(build, "compile_commands.json"), "w") as out:
        json.dump(db, out)
    r = subprocess.run([sys.executable, PLANT, "--db", "plant_tree=" + build, "--plants", "8", "--min-plants", "8",
                        "--seed", "1", "--jobs", "2", "--min-recall", "1.0", "--need", "member",
                        "--analyzer", a.analyzer, "--out", os.path.join(a.work, "out")],
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        return 1
    # the copy's database points into the copy, never at the original tree
    copied = json.load(open(os.path.join(a.work, "out", "plant_tree", "tree", "build", "compile_commands.json")))
    if any(not e["directory"].startswith(os.path.join(a.work, "out")) for e in copied):
        print("plant_db.py: the copy's database still names the original tree", file=sys.stderr)
        return 1
    # also in the flags: `-I<root>` (no '/' after it) read the original's headers, so a plant in
    # a header of the copy was never analyzed
    if any(arg.endswith(src) or (src + "/") in arg for e in copied for arg in e["arguments"]):
        print("plant_db.py: a flag of the copy's database still names the original tree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
