#!/usr/bin/env python3
"""Runs `lockgraph run --confirm` on one testdata program and checks its // CONFIRM: lines.

    run_confirm_case.py --lockgraph BUILD/bin/lockgraph [--cc clang-19] [--cxx clang++-19]
                        --workdir DIR FILE

As a user would (docs/testdata-format.md): FILE is built as for the hook tests, then run as
`lockgraph run --confirm all --json out.jsonl -- ./prog args` (the first, ordinary run finds the
inversions; each is steered for at most 3 runs); each latent-lock-order of that run is then
steered by its fingerprint (`--confirm FP --confirm-from out.jsonl`). Every inversion and latent
cycle must end with the status of the CONFIRM line that names its cycle (or of one that names
none), every CONFIRM line must match some cycle, a confirmed one must come with the actual-deadlock
record that confirms it, and the exit status must be 67 when anything deadlocked, else 66.
Exit status: 0 pass, 1 fail, 2 bad usage or bad test file.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "hook"))
from lgtest import expectations  # noqa: E402
import run_hook_case  # noqa: E402

STATUSES = ("confirmed", "not-reproduced", "not-attempted")
CYCLE_KINDS = ("lock-order-inversion", "latent-lock-order")
TIMEOUT = 300  # seconds for one `lockgraph run --confirm`: an ordinary run and 3 steered runs


def read_confirms(path):
    """The CONFIRM lines: [(status, cycle text or None)]."""
    _, directives = expectations.parse(path, "HOOK")
    out = []
    for text in directives.get("CONFIRM", []):
        text = text.split(" -- ", 1)[0]  # the rest is a note for the reader
        status, _, cycle = text.partition(" ")
        if status not in STATUSES:
            raise run_hook_case.BadTestFile(f"{path}: CONFIRM status must be one of {STATUSES}, not {status!r}")
        out.append((status, cycle.strip() or None))
    if not out:
        raise run_hook_case.BadTestFile(f"{path}: no // CONFIRM: line")
    return out


def run(cmd, workdir, env, log):
    start = time.monotonic()
    with open(os.path.join(workdir, log), "w") as err:
        try:
            proc = subprocess.run(cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=err, timeout=TIMEOUT)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            status = None
    print("run:   (cd " + shlex.quote(workdir) + " && " + shlex.join(cmd) + ")")
    print(f"       {time.monotonic() - start:.2f} s, exit status {status if status is not None else 'none (timeout)'}")
    return status


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lockgraph", required=True)
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("file")
    a = ap.parse_args()

    src = os.path.abspath(a.file)
    name = os.path.basename(src)
    try:
        confirms = read_confirms(src)
        _, settings, build_flags = run_hook_case.read_case(src)
    except run_hook_case.BadTestFile as e:
        print(f"ERROR {e}")
        return 2
    lockgraph = os.path.abspath(a.lockgraph)
    workdir = os.path.abspath(a.workdir)
    os.makedirs(workdir, exist_ok=True)
    prog = os.path.join(workdir, "prog")
    cmd, rc, output = run_hook_case.build(src, prog, a.cc, a.cxx, build_flags)
    print("build: " + shlex.join(cmd))
    if rc != 0:
        print(f"FAIL {name}: the build failed (status {rc})\n{output}")
        return 1
    env = dict(os.environ)
    env.pop("LOCKGRAPH_OPTIONS", None)
    if settings["options"]:
        env["LOCKGRAPH_OPTIONS"] = settings["options"]

    problems = []
    out = os.path.join(workdir, "out.jsonl")
    if os.path.exists(out):
        os.remove(out)
    status = run([lockgraph, "run", "--confirm", "all", "--json", out, "--", prog] + settings["args"],
                 workdir, env, "stderr.txt")
    records = load(out)
    results = []  # (record, the run's status, its records, its log)
    for r in records:
        if r["kind"] == "lock-order-inversion":
            results.append((r, status, records, "stderr.txt"))
    latent_fps = sorted({r["fingerprint"] for r in records if r["kind"] == "latent-lock-order"})
    for i, fp in enumerate(latent_fps):
        lat = os.path.join(workdir, f"latent{i}.jsonl")
        st = run([lockgraph, "run", "--confirm", fp, "--confirm-from", out, "--json", lat, "--", prog]
                 + settings["args"], workdir, env, f"latent{i}.txt")
        lrecords = load(lat)
        for r in lrecords:
            if r["fingerprint"] == fp and r["kind"] == "latent-lock-order":
                results.append((r, st, lrecords, f"latent{i}.txt"))
                break
        else:
            problems.append(f"--confirm {fp} (latent) left no record of it")

    used = set()
    for r, st, recs, log in results:
        what = f"{r['kind']} {' => '.join(r['cycle'] + r['cycle'][:1])} ({r['fingerprint']})"
        got = (r.get("confirm") or {}).get("status")
        want = None
        for k, (s, cycle) in enumerate(confirms):
            if cycle is None or expectations.cycle_matches(cycle, r["cycle"]):
                want = s
                used.add(k)
                break
        if want is None:
            problems.append(f"{what}: no CONFIRM line names this cycle")
            continue
        print(f"       {what}: {got} (expected {want}; {(r.get('confirm') or {}).get('reason', '')})")
        if got != want:
            problems.append(f"{what}: {got}, expected {want} (see {log})")
        if got == "confirmed" and not any(x["kind"] == "actual-deadlock" and x.get("confirms") == r["fingerprint"]
                                          for x in recs):
            problems.append(f"{what}: confirmed without the actual-deadlock record that confirms it")
        want_status = 67 if got == "confirmed" or settings["exit"] == 67 else 66
        if st != want_status:
            problems.append(f"{what}: lockgraph run exited {st}, expected {want_status}")
    for k, (s, cycle) in enumerate(confirms):
        if k not in used:
            problems.append(f"CONFIRM: {s} {cycle or ''}: no reported cycle matches it")
    if not results:
        problems.append("the program reported no inversion or latent cycle to confirm")

    if not problems:
        print(f"PASS {name}: {len(results)} cycle(s)")
        return 0
    print(f"FAIL {name}")
    for p in problems:
        print("  " + p)
    for log in sorted({r[3] for r in results} | {"stderr.txt"}):
        print(f"--- {log} ---")
        print(run_hook_case.tail(os.path.join(workdir, log), 80))
    return 1


if __name__ == "__main__":
    sys.exit(main())
