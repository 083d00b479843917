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
    shutil.copytree(os.path.join(HERE, "plant_cxx"), src)
    db = [{"directory": src, "file": f,
           "arguments": ["clang++-19", "-std=c++17", "-pthread", "-c", f, "-o", f + ".o"]}
          for f in sorted(os.listdir(src)) if f.endswith(".cpp")]
    with open(os.path.join(src, "compile_commands.json"), "w") as out:
        json.dump(db, out)
    r = subprocess.run([sys.executable, PLANT, "--db", "plant_cxx=" + src, "--plants", "3", "--min-plants", "3",
                        "--seed", "1", "--jobs", "2", "--min-recall", "1.0", "--need", "member",
                        "--analyzer", a.analyzer, "--out", os.path.join(a.work, "out")],
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        return 1
    # the three pairs of three locks, one each
    pairs = {tuple(sorted(c.strip() for c in l.strip("|").split("|")[5:7]))
             for l in r.stdout.splitlines() if l.startswith("| plant_cxx |")}
    if len(pairs) != 3:
        print(f"plant_cxx.py: expected the 3 pairs of 3 locks, got {sorted(pairs)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
