#!/usr/bin/env python3
"""Runs lockgraph-analyze on one testdata case and checks its inline expectations.

A case is a single .c/.cc/.cpp file or a directory of them (a cross-TU program).
Plain `EXPECT:` lines of runtime-only kinds (actual-deadlock, exit-holding, ...) are
skipped. The `// STATIC-RUN: [args=...] [exit=N] [findings=N]` directive of the case's files gives extra
analyzer arguments (`%S` is replaced by the case's directory) and the expected exit
status (default: 1 when there are EXPECT/EXPECT-STATIC lines, else 0); `db=relative` writes
the database as `bear -- make` does for a plain Makefile (each command run in the case's
directory, naming its file relative to it). Each
`// STATIC-COMPILE: <flags>` line of a file is one compile command of it with those extra
flags (a file built twice with other -D flags); without one, a file has one command. A compile
database for the case is written to a work directory, the analyzer runs with
--format=json, and every finding must match an expectation and every expectation
a finding (docs/testdata-format.md).

usage: run_static_case.py --analyzer BIN --case PATH [--work DIR] [-v]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lgtest import expectations  # noqa: E402

SOURCES = (".c", ".cc", ".cpp")
HEADERS = (".h", ".hh", ".hpp")
# The finding kinds lockgraph-analyze reports (the others are runtime-only).
STATIC_KINDS = ("lock-order-inversion", "latent-lock-order", "instance-order-inversion", "self-deadlock", "unlocked-rmw")


def case_files(case):
    if os.path.isdir(case):
        return sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(SOURCES))
    return [case]


def case_headers(case):
    """A case folder's headers: expectations on code written in them (a method a header defines)."""
    if os.path.isdir(case):
        return sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(HEADERS))
    return []


def compile_commands(path, workdir, builds, rundir=None, casedir=""):
    """The file's entries: one per `STATIC-COMPILE: <flags>` line (in order; `%S` is the case's
    directory), else one plain. With `rundir`, each command runs there and names the file
    relative to it."""
    out = []
    src = os.path.relpath(path, rundir) if rundir else path
    for n, flags in enumerate(builds or [""]):
        obj = os.path.join(workdir, "%s.%d.o" % (os.path.basename(path), n))
        if path.endswith(".c"):
            args = ["clang-19", "-std=gnu11", "-pthread"]
        else:
            args = ["clang++-19", "-std=c++17", "-pthread"]
        flags = [x.replace("%S", casedir) for x in shlex.split(flags)]
        out.append({"directory": rundir or workdir, "file": src, "arguments": args + flags + ["-c", src, "-o", obj]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--case", required=True)
    ap.add_argument("--work")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    case = os.path.abspath(a.case)
    casedir = case if os.path.isdir(case) else os.path.dirname(case)
    files = case_files(case)
    exps, directives, builds = [], {}, {}
    for f in files:
        e, d = expectations.parse(f, "STATIC")
        exps += e
        builds[f] = d.get("STATIC-COMPILE", [])
        for k, v in d.items():
            directives.setdefault(k, []).extend(v)
    for f in case_headers(case):
        exps += expectations.parse(f, "STATIC")[0]
    # A plain EXPECT (for both tools) of a kind only the runtime can observe
    # (actual-deadlock, exit-holding, ...) is not checked here; EXPECT-STATIC of one is an error.
    skipped = [e for e in exps if e.kind not in STATIC_KINDS]
    for e in skipped:
        if e.tool == "STATIC":
            print(f"FAIL {a.case}\n  {e!r}: the analyzer never reports '{e.kind}' (runtime-only kind)")
            return 1
    exps = [e for e in exps if e.kind in STATIC_KINDS]
    if a.verbose and skipped:
        print("skipped runtime-only expectations: " + ", ".join(repr(e) for e in skipped))
    run = {}
    for text in directives.get("STATIC-RUN", []):
        run.update(expectations.parse_kv(text))
    want_exit = int(run["exit"]) if "exit" in run else (1 if exps else 0)
    extra = [x.replace("%S", casedir) for x in shlex.split(run.get("args", ""))]

    work = a.work or tempfile.mkdtemp(prefix="lg-static-")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "compile_commands.json"), "w") as out:
        rundir = casedir if run.get("db") == "relative" else None
        json.dump([c for f in files for c in compile_commands(f, work, builds[f], rundir, casedir)], out, indent=1)
    cmd = [a.analyzer, "-p", work, "--format=json", "--no-cache", "--no-progress"] + extra
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if a.verbose:
        print("$ " + " ".join(shlex.quote(c) for c in cmd))
        print(p.stdout, end="")
        print(p.stderr, end="", file=sys.stderr)

    failures = []
    if p.returncode != want_exit:
        failures.append(f"exit status {p.returncode}, expected {want_exit}\nstderr:\n{p.stderr}")
    if want_exit == 2 and "does not compile" not in p.stderr:
        failures.append("exit 2 without a 'does not compile' message on stderr:\n" + p.stderr)

    findings = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line:
            try:
                findings.append(json.loads(line))
            except ValueError:
                failures.append(f"not a JSON line: {line}")
    real = {f: os.path.realpath(f) for f in files + case_headers(case)}
    for f in findings:
        f["_matched"] = False
        f["_sites"] = {(os.path.realpath(os.path.join(casedir, s["file"])), s["line"]) for s in f.get("sites", [])}
    for e in exps:
        for f in findings:
            if f["kind"] != e.kind:
                continue
            # a cycle reported inside another's finding (the edge they share: "also_cycles")
            cycles = [f.get("cycle")] + f.get("also_cycles", [])
            if not any(expectations.detail_matches(e.detail, f.get("locks", []), c) for c in cycles):
                continue
            if (real[e.path], e.line) in f["_sites"]:
                e.matched = True
                f["_matched"] = True
    for e in exps:
        if not e.matched:
            failures.append(f"unmet expectation {e!r}")
    if "findings" in run and len(findings) != int(run["findings"]):
        # several expectations may match one finding: the count says how many the run must make
        failures.append(f"{len(findings)} findings, expected {run['findings']} (STATIC-RUN: findings=)")
    for f in findings:
        if not f["_matched"]:
            failures.append(f"unexpected finding {f['file']}:{f['line']}:{f['column']}: {f['kind']} "
                            f"{f.get('cycle') or f.get('locks')}: {f['message']}")
    if failures:
        print(f"FAIL {a.case}")
        for x in failures:
            print("  " + x)
        return 1
    print(f"PASS {a.case} ({len(findings)} findings, {len(exps)} expectations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
