#!/usr/bin/env python3
"""The ThreadSanitizer oracle for one testdata program with a `// TSAN: racy|clean` line.

    run_tsan_case.py [--cc clang-19] [--cxx clang++-19] [--timeout S] --workdir DIR FILE

Builds FILE with `-fsanitize=thread -g -O1 -pthread` (and `-std=c++17` for C++), runs it (with the
args of its HOOK-RUN line, if any) under TSAN_OPTIONS="halt_on_error=0 exitcode=66
report_signal_unsafe=0 detect_deadlocks=0", and checks that TSan agrees with the label:
`racy` passes when TSan reports a data race, `clean` when it reports none and the program exits 0
(or 66 because of TSan reports other than data races, which are listed). Exit status: 0 pass,
1 fail, 2 bad usage or bad test file.
"""
import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lgtest import expectations  # noqa: E402

CXX_SUFFIXES = (".cc", ".cpp", ".cxx", ".C")
TSAN_OPTIONS = "halt_on_error=0 exitcode=66 report_signal_unsafe=0 detect_deadlocks=0"
RACE = "WARNING: ThreadSanitizer: data race"
WARNING = re.compile(r"WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?$", re.M)


def tail(text, n=120):
    lines = text.splitlines()
    cut = len(lines) - n
    return "\n".join(([f"... ({cut} lines cut)"] if cut > 0 else []) + lines[-n:]) or "(empty)"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--timeout", type=float, default=120, help="seconds before the run is killed")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("file")
    a = ap.parse_args()

    src = os.path.abspath(a.file)
    name = os.path.basename(src)
    try:
        _, directives = expectations.parse(src, "HOOK")
    except ValueError as e:
        print(f"ERROR {e}")
        return 2
    labels = directives.get("TSAN", [])
    if len(labels) != 1 or labels[0] not in ("racy", "clean"):
        print(f"ERROR {src}: needs exactly one '// TSAN: racy' or '// TSAN: clean' line, got {labels}")
        return 2
    racy = labels[0] == "racy"
    args = []
    for text in directives.get("HOOK-RUN", [])[:1]:
        args = shlex.split(expectations.parse_kv(text).get("args", ""))

    workdir = os.path.abspath(a.workdir)
    os.makedirs(workdir, exist_ok=True)
    prog = os.path.join(workdir, "prog-tsan")
    if os.path.exists(prog):
        os.remove(prog)
    is_cxx = src.endswith(CXX_SUFFIXES)
    cmd = [a.cxx if is_cxx else a.cc, "-fsanitize=thread", "-g", "-O1", "-pthread"]
    cmd += (["-std=c++17"] if is_cxx else []) + ["-o", prog, src]
    print("build: " + shlex.join(cmd))
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        print(f"FAIL {name}: the build failed (status {proc.returncode})\n{proc.stdout}")
        return 1

    env = dict(os.environ, TSAN_OPTIONS=TSAN_OPTIONS)
    run = [prog] + args
    print(f"run:   (cd {shlex.quote(workdir)} && TSAN_OPTIONS={shlex.quote(TSAN_OPTIONS)} {shlex.join(run)})")
    start = time.monotonic()
    p = subprocess.Popen(run, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)
    try:
        out, err = p.communicate(timeout=a.timeout)
        status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        status = None
    print(f"       {time.monotonic() - start:.2f} s, exit status "
          f"{status if status is not None else 'none (timeout)'}")
    with open(os.path.join(workdir, "tsan-stderr.txt"), "w") as f:
        f.write(err)

    warnings = WARNING.findall(err)
    races = err.count(RACE)
    others = sorted(set(w for w in warnings if w != "data race"))
    problems = []
    if status is None:
        problems.append(f"timed out after {a.timeout:g} s: killed the process group")
    if racy and races == 0:
        problems.append("labeled racy, but TSan reported no data race")
    if not racy and races:
        problems.append(f"labeled clean, but TSan reported {races} data race(s)")
    if not racy and status is not None and status != 0 and not (status == 66 and others and not races):
        problems.append(f"labeled clean, but the program exited with status {status}")
    note = f"; other TSan reports: {', '.join(others)}" if others else ""
    if not problems:
        print(f"PASS {name}: {labels[0]}, {races} data race report(s){note}")
        return 0
    print(f"FAIL {name}{note}")
    for p_ in problems:
        print("  " + p_)
    print("--- stderr ---\n" + tail(err))
    print("--- stdout ---\n" + tail(out, 30))
    return 1


if __name__ == "__main__":
    sys.exit(main())
