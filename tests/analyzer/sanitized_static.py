#!/usr/bin/env python3
"""The analyzer built with AddressSanitizer, UndefinedBehaviorSanitizer and LLVM's assertions,
run over every analyzer testdata case and the command-line tests.

A read past an AST node's operands, a wrong cast<> or an integer too wide for its type may not
crash the release build on our testdata (it crashed a real tree instead: docs/analyzer.md);
here each fails the case that reaches it. The cases are the `static` tests of the main build
(`ctest --show-only=json-v1 -L static`), run with this build's analyzer in their place, so no
list of cases is kept twice.

  sanitized_static.py --source REPO --main-build BUILD --out DIR [--jobs N]
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys

SAN_FLAGS = "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"


def build(src, out, jobs):
    # LLVM's assertions stay on in our TUs (no -DNDEBUG): cast<>, APInt and the AST's accessors
    # check what they are given. Only lockgraph's code is instrumented; Clang's libraries are
    # Debian's release builds.
    cfg = ["cmake", "-S", src, "-B", out, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=LockgraphSanitize",
           "-DCMAKE_C_COMPILER=clang-19", "-DCMAKE_CXX_COMPILER=clang++-19",
           "-DCMAKE_CXX_FLAGS_LOCKGRAPHSANITIZE=-O1 -g1 " + SAN_FLAGS,
           "-DCMAKE_C_FLAGS_LOCKGRAPHSANITIZE=-O1 -g1 " + SAN_FLAGS,
           "-DCMAKE_EXE_LINKER_FLAGS_LOCKGRAPHSANITIZE=" + SAN_FLAGS,
           "-DCMAKE_SHARED_LINKER_FLAGS_LOCKGRAPHSANITIZE=" + SAN_FLAGS,
           "-DLOCKGRAPH_BUILD_TESTS=OFF"]
    for cmd in (cfg, ["ninja", "-C", out, "-j", str(jobs), "lockgraph-analyze"]):
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stdout[-20000:] + p.stderr[-20000:])
            sys.exit("sanitized build failed: " + " ".join(cmd))
    return os.path.join(out, "bin", "lockgraph-analyze")


def cases(main_build, main_analyzer, analyzer, work):
    p = subprocess.run(["ctest", "--show-only=json-v1", "-L", "static"], cwd=main_build, capture_output=True,
                       text=True, check=True)
    out = []
    for t in json.loads(p.stdout)["tests"]:
        cmd = t.get("command")
        if not cmd or main_analyzer not in cmd:
            continue
        cmd = [analyzer if c == main_analyzer else c for c in cmd]
        if "--work" in cmd:  # a work directory of our own
            i = cmd.index("--work") + 1
            cmd[i] = os.path.join(work, t["name"].replace("/", "_"))
        out.append((t["name"], cmd))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--main-build", required=True)
    ap.add_argument("--main-analyzer", required=True, help="the main build's analyzer, as the tests name it")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    analyzer = build(a.source, os.path.join(a.out, "build"), a.jobs)
    work = os.path.join(a.out, "work")
    todo = cases(a.main_build, a.main_analyzer, analyzer, work)
    todo.append(("static-cli", [sys.executable, os.path.join(a.source, "tests", "analyzer", "cli_test.py"),
                                "--analyzer", analyzer, "--work", os.path.join(work, "cli")]))
    if len(todo) < 100:  # the main build lists ~290 static cases: a wrong directory is no pass
        sys.exit("only %d cases found in %s" % (len(todo), a.main_build))
    env = dict(os.environ)
    # exit statuses of their own (1 is "findings", 2 "could not analyze"); leaks are not
    # looked for (a crash guard leaks the crashed TU on purpose)
    env["ASAN_OPTIONS"] = "detect_leaks=0:exitcode=99:handle_sigill=0:handle_abort=0"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1:exitcode=98"

    def one(item):
        name, cmd = item
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
        except subprocess.TimeoutExpired:
            return name, False, "timed out"
        text = p.stdout + p.stderr
        bad = p.returncode != 0 or "Sanitizer" in text or "runtime error:" in text or "Assertion" in text
        return name, not bad, text

    failed = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        for name, ok, text in ex.map(one, todo):
            if not ok:
                failed.append(name)
                print("FAIL %s\n%s" % (name, text[-6000:]))
    print("%d of %d passed with the sanitized analyzer" % (len(todo) - len(failed), len(todo)))
    if failed:
        print("failed: " + " ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
