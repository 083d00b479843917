#!/usr/bin/env python3
"""Baseline for the analyzer benchmark: `clang-19 -fsyntax-only` over every entry of a
compile database, N at a time (the same work the analyzer's front end does, minus analysis).

usage: syntax_only.py DB_DIR JOBS
Exit status: the number of entries that failed (capped at 100)."""
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out = ["clang++-19" if args[0].endswith(("++", "c++", "clang++-19")) else "clang-19"]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c",) or a.startswith("-o") and len(a) > 2 and not a.startswith("-O"):
            continue
        out.append(a)
    return out + ["-fsyntax-only", "-w"]


def main():
    db = json.load(open(os.path.join(sys.argv[1], "compile_commands.json")))
    jobs = int(sys.argv[2])
    seen, todo = set(), []
    for e in db:
        args = e.get("arguments") or shlex.split(e["command"])
        if len(args) > 1 and args[1] == "-cc1":  # bear recorded clang's own -cc1 re-exec
            continue
        f = os.path.normpath(os.path.join(e["directory"], e["file"]))
        if f not in seen:
            seen.add(f)
            todo.append(e)

    def run(e):
        return subprocess.run(command(e), cwd=e["directory"], capture_output=True).returncode

    with ThreadPoolExecutor(jobs) as ex:
        failed = sum(1 for rc in ex.map(run, todo) if rc != 0)
    print(f"{len(todo)} files, {failed} failed", file=sys.stderr)
    sys.exit(min(failed, 100))


if __name__ == "__main__":
    main()
