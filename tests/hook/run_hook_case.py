#!/usr/bin/env python3
"""Runs one testdata program under the runtime hook and checks its inline expectations.

    run_hook_case.py --lockgraph BUILD/bin/lockgraph [--cc clang-19] [--cxx clang++-19]
                     [--python /usr/bin/python3] --workdir DIR FILE

The contract is docs/testdata-format.md: FILE is built as its HOOK-BUILD line says (on top of
`-g -O0 -pthread`, and `-std=c++17` for C++), run as `lockgraph run --json DIR/out.jsonl -- ./prog
args` with LOCKGRAPH_OPTIONS from its HOOK-RUN line, under a timeout (the whole process group is
killed when it expires). A Python FILE (.py) is not built: it runs as `lockgraph run ... --
PYTHON FILE args` (Debian's /usr/bin/python3, whose locks the hook knows). The test passes when the exit status is the expected one, every
EXPECT/EXPECT-HOOK line matches some finding, every finding is matched by some expectation, and
no cycle is reported twice. Exit status: 0 pass, 1 fail, 2 bad usage or bad test file.
"""
import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lgtest import expectations  # noqa: E402

CXX_SUFFIXES = (".cc", ".cpp", ".cxx", ".C")
BASE_FLAGS = ["-g", "-O0", "-pthread"]
CXX_FLAGS = ["-std=c++17"]
DEFAULT_TIMEOUT = 60
HOOK_RUN_KEYS = ("exit", "options", "timeout", "args")
# Kinds whose findings are cycles: the hook reports each distinct cycle once.
CYCLE_KINDS = ("lock-order-inversion", "latent-lock-order")
TAIL_LINES = 150
TERM_GRACE = 5  # seconds between SIGTERM and SIGKILL on a timeout


class BadTestFile(Exception):
    pass


def read_case(path):
    """Returns (expectations, run settings dict, extra build flags) of one testdata file."""
    try:
        exps, directives = expectations.parse(path, "HOOK")
    except ValueError as e:
        raise BadTestFile(str(e))
    runs = directives.get("HOOK-RUN", [])
    if not runs:
        raise BadTestFile(f"{path}: no // HOOK-RUN: line, the file is not run under the hook")
    if len(runs) > 1:
        raise BadTestFile(f"{path}: more than one // HOOK-RUN: line")
    run = expectations.parse_kv(runs[0])
    unknown = sorted(set(run) - set(HOOK_RUN_KEYS))
    if unknown:
        raise BadTestFile(f"{path}: unknown HOOK-RUN key(s) {unknown}; known: {list(HOOK_RUN_KEYS)}")
    settings = {
        "exit": int(run["exit"]) if run.get("exit") else (66 if exps else 0),
        "options": run.get("options"),
        "timeout": float(run["timeout"]) if run.get("timeout") else DEFAULT_TIMEOUT,
        "args": shlex.split(run.get("args", "")),
    }
    build = []
    for text in directives.get("HOOK-BUILD", []):
        build += shlex.split(text)
    return exps, settings, build


def tail(path, n=TAIL_LINES):
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return "(none)"
    cut = len(lines) - n
    return "\n".join(([f"... ({cut} lines cut)"] if cut > 0 else []) + lines[-n:]) or "(empty)"


def build(src, prog, cc, cxx, extra):
    is_cxx = src.endswith(CXX_SUFFIXES)
    cmd = [cxx if is_cxx else cc] + BASE_FLAGS + (CXX_FLAGS if is_cxx else []) + extra
    cmd += ["-o", prog, src]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return cmd, proc.returncode, proc.stdout


def run_under_hook(lockgraph, prog, workdir, settings, json_path):
    """Returns (command, env additions, exit status or None on timeout, seconds). `prog` is the
    command (a list)."""
    cmd = [lockgraph, "run", "--json", json_path, "--"] + prog + settings["args"]
    env = dict(os.environ)
    env.pop("LOCKGRAPH_OPTIONS", None)
    shown_env = {}
    if settings["options"]:
        env["LOCKGRAPH_OPTIONS"] = shown_env["LOCKGRAPH_OPTIONS"] = settings["options"]
    start = time.monotonic()
    with open(os.path.join(workdir, "stdout.txt"), "w") as out, \
            open(os.path.join(workdir, "stderr.txt"), "w") as err:
        proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err, start_new_session=True)
        try:
            status = proc.wait(timeout=settings["timeout"])
        except subprocess.TimeoutExpired:
            # SIGTERM to the launcher first: it forwards it to the program and then still
            # collects the findings into the JSON file. Then kill whatever is left.
            status = None
            try:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=TERM_GRACE)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    seconds = time.monotonic() - start
    if status is not None and status < 0:
        status = 128 - status  # killed by signal N: report it like a shell, 128+N
    return cmd, shown_env, status, seconds


def load_findings(json_path):
    """Returns (findings, errors). A missing file means no finding."""
    findings, errors = [], []
    if not os.path.exists(json_path):
        return findings, errors
    with open(json_path, errors="replace") as f:
        for n, text in enumerate(f, 1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                errors.append(f"out.jsonl:{n}: not JSON ({e}): {text.strip()[:200]}")
                continue
            if not isinstance(obj, dict):
                errors.append(f"out.jsonl:{n}: not a JSON object: {text.strip()[:200]}")
                continue
            kind = obj.get("kind")
            if kind not in expectations.FINDING_IDS:
                errors.append(f"out.jsonl:{n}: unknown kind {kind!r}")
                continue
            if not isinstance(obj.get("sites"), list):
                errors.append(f"out.jsonl:{n}: {kind} finding without a 'sites' list")
                continue
            obj["_line"] = n
            findings.append(obj)
    return findings, errors


def same_file(site_file, src):
    if not site_file:
        return False
    if os.path.isabs(site_file):
        return os.path.realpath(site_file) == os.path.realpath(src)
    return os.path.basename(site_file) == os.path.basename(src)


def lines_in(finding, src):
    out = set()
    for site in finding.get("sites", []):
        if isinstance(site, dict) and same_file(site.get("file"), src):
            try:
                out.add(int(site.get("line")))
            except (TypeError, ValueError):
                pass
    return out


def expectation_matches(exp, finding, src):
    if finding["kind"] != exp.kind:
        return False
    if not expectations.detail_matches(exp.detail, finding.get("locks") or [], finding.get("cycle")):
        return False
    return exp.line in lines_in(finding, src)


def canonical_cycle(cycle):
    if not cycle:
        return None
    cycle = [str(x) for x in cycle]
    best = min(range(len(cycle)), key=lambda i: cycle[i:] + cycle[:i])
    return tuple(cycle[best:] + cycle[:best])


def describe(finding, src):
    kind = finding["kind"]
    what = ""
    if finding.get("cycle"):
        names = [str(x) for x in finding["cycle"]]
        what = " " + " => ".join(names + names[:1])
    elif finding.get("locks"):
        what = " " + ", ".join(str(x) for x in finding["locks"])
    lines = sorted(lines_in(finding, src))
    where = f"lines {', '.join(map(str, lines))} of {os.path.basename(src)}" if lines \
        else f"no site in {os.path.basename(src)}"
    msg = finding.get("message", "")
    return f"{kind}{what} [{finding.get('class', '?')}] (out.jsonl:{finding['_line']}, pid " \
           f"{finding.get('pid', '?')}): {where}" + (f"\n        message: {msg}" if msg else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lockgraph", required=True, help="path of the lockgraph launcher")
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--python", default="/usr/bin/python3",
                    help="the interpreter of .py cases (Debian's python3, not a pyenv shim)")
    ap.add_argument("--workdir", required=True, help="scratch directory for this case")
    ap.add_argument("file", help="testdata program with a // HOOK-RUN: line")
    a = ap.parse_args()

    src = os.path.abspath(a.file)
    name = os.path.basename(src)
    try:
        exps, settings, build_flags = read_case(src)
    except BadTestFile as e:
        print(f"ERROR {e}")
        return 2
    lockgraph = os.path.abspath(a.lockgraph)
    if not os.access(lockgraph, os.X_OK):
        print(f"ERROR lockgraph launcher not found or not executable: {lockgraph}")
        return 2
    workdir = os.path.abspath(a.workdir)
    os.makedirs(workdir, exist_ok=True)
    prog = os.path.join(workdir, "prog")
    json_path = os.path.join(workdir, "out.jsonl")
    for stale in (prog, json_path):
        if os.path.exists(stale):
            os.remove(stale)

    if src.endswith(".py"):
        if not os.access(a.python, os.X_OK):
            print(f"ERROR python interpreter not found: {a.python}")
            return 2
        command = [a.python, src]
    else:
        cmd, rc, output = build(src, prog, a.cc, a.cxx, build_flags)
        print("build: " + shlex.join(cmd))
        if rc != 0:
            print(f"FAIL {name}: the build failed (status {rc})\n{output}")
            return 1
        command = [prog]

    cmd, env, status, seconds = run_under_hook(lockgraph, command, workdir, settings, json_path)
    print("run:   (cd " + shlex.quote(workdir) + " && " +
          " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + (" " if env else "") +
          shlex.join(cmd) + ")")
    print(f"       {seconds:.2f} s, exit status {status if status is not None else 'none (timeout)'}")

    problems = []
    if status is None:
        problems.append(f"timed out after {settings['timeout']:g} s: terminated (SIGTERM to lockgraph, then "
                        "SIGKILL to the process group); findings below are those reported until then")
    elif status != settings["exit"]:
        problems.append(f"exit status {status}, expected {settings['exit']}")

    findings, errors = load_findings(json_path)
    problems += errors

    matched = set()
    unmatched = []
    for exp in exps:
        hits = [i for i, f in enumerate(findings) if expectation_matches(exp, f, src)]
        if hits:
            matched.update(hits)
        else:
            unmatched.append(exp)
    unexpected = [f for i, f in enumerate(findings) if i not in matched]

    seen = {}
    duplicates = []
    for f in findings:
        if f["kind"] in CYCLE_KINDS and f.get("cycle"):
            key = (f["kind"], canonical_cycle(f["cycle"]))
            if key in seen:
                duplicates.append((seen[key], f))
            else:
                seen[key] = f

    if unmatched:
        problems.append("expectations that no finding matches:\n" +
                        "\n".join(f"  - {os.path.basename(e.path)}:{e.line}: {e.kind}"
                                  + (f" {e.detail}" if e.detail else "") for e in unmatched))
    if unexpected:
        problems.append("findings that no expectation names:\n" +
                        "\n".join(f"  + {describe(f, src)}" for f in unexpected))
    if duplicates:
        problems.append("cycles reported more than once:\n" +
                        "\n".join(f"  * {describe(d, src)}\n    (first at out.jsonl:{first['_line']})"
                                  for first, d in duplicates))

    if not problems:
        print(f"PASS {name}: {len(exps)} expectation(s), {len(findings)} finding(s)")
        return 0
    print(f"FAIL {name}")
    for p in problems:
        print(p)
    if findings and not unexpected:
        print("findings:\n" + "\n".join(f"  = {describe(f, src)}" for f in findings))
    print(f"--- lockgraph stderr ({os.path.join(workdir, 'stderr.txt')}) ---")
    print(tail(os.path.join(workdir, "stderr.txt")))
    print(f"--- program stdout ({os.path.join(workdir, 'stdout.txt')}) ---")
    print(tail(os.path.join(workdir, "stdout.txt"), 30))
    return 1


if __name__ == "__main__":
    sys.exit(main())
