#!/usr/bin/env python3
"""`lockgraph run` as a user drives it: what it exits with, what it refuses, what it writes.

Usage: run_cli_test.py --lockgraph BIN --cc CLANG [unittest args, e.g. a class name]
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

LOCKGRAPH = CC = None

INVERSION = r"""
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t go;
static void *ab(void *p) { (void)p; pthread_mutex_lock(&A); pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B); pthread_mutex_unlock(&A); pthread_barrier_wait(&go); return 0; }
static void *ba(void *p) { (void)p; pthread_barrier_wait(&go); pthread_mutex_lock(&B);
  pthread_mutex_lock(&A); pthread_mutex_unlock(&A); pthread_mutex_unlock(&B); return 0; }
int main(int argc, char **argv) {
  pthread_barrier_init(&go, 0, 2);
  pthread_t t1, t2;
  pthread_create(&t1, 0, ab, 0); pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0); pthread_join(t2, 0);
  puts("done");
  return argc > 1 ? atoi(argv[1]) : 0;
}
"""

CLEAN = r"""
#include <pthread.h>
#include <stdlib.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static void *f(void *p) { (void)p; pthread_mutex_lock(&A); pthread_mutex_unlock(&A); return 0; }
int main(int argc, char **argv) {
  pthread_t t; pthread_create(&t, 0, f, 0); pthread_join(t, 0);
  return argc > 1 ? atoi(argv[1]) : 0;
}
"""

# A parent that starts a child process (fork + exec of itself) which makes the inversion.
SPAWNS = r"""
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
static void *ba(void *p) { (void)p; pthread_mutex_lock(&B); pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A); pthread_mutex_unlock(&B); return 0; }
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    pthread_mutex_lock(&A); pthread_mutex_lock(&B); pthread_mutex_unlock(&B); pthread_mutex_unlock(&A);
    pthread_t t; pthread_create(&t, 0, ba, 0); pthread_join(t, 0);
    return 0;
  }
  pid_t pid = fork();
  if (pid == 0) { execl("/proc/self/exe", argv[0], "child", (char *)0); _exit(127); }
  int st; waitpid(pid, &st, 0);
  return 0;
}
"""


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="lockgraph-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def build(self, name, source, *flags):
        src = os.path.join(self.dir, name + ".c")
        with open(src, "w") as f:
            f.write(source)
        exe = os.path.join(self.dir, name)
        subprocess.run([CC, "-g", "-pthread", *flags, "-o", exe, src], check=True)
        return exe

    def run_lg(self, *args, env=None, timeout=60):
        e = dict(os.environ)
        e.pop("LOCKGRAPH_OPTIONS", None)
        e.update(env or {})
        return subprocess.run([LOCKGRAPH, *args], capture_output=True, text=True, timeout=timeout,
                              cwd=self.dir, env=e)


class ExitStatus(Case):
    def test_program_status_passes_through_when_clean(self):
        exe = self.build("clean", CLEAN)
        self.assertEqual(self.run_lg("run", "--", exe, "0").returncode, 0)
        self.assertEqual(self.run_lg("run", "--", exe, "3").returncode, 3)

    def test_findings_give_66_and_the_program_still_finishes(self):
        exe = self.build("inv", INVERSION)
        r = self.run_lg("run", "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("done", r.stdout)
        self.assertIn("lock-order-inversion", r.stderr)
        self.assertIn("A => B => A", r.stderr)

    def test_exitcode_option_keeps_the_programs_status(self):
        exe = self.build("inv", INVERSION)
        r = self.run_lg("run", "--options", "exitcode=0", "--", exe, "5")
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertIn("lock-order-inversion", r.stderr)

    def test_child_processes_are_followed(self):
        exe = self.build("spawns", SPAWNS)
        r = self.run_lg("run", "--", exe)
        # main takes A -> B before it starts the thread that takes B -> A: latent, in the child.
        self.assertIn("latent-lock-order", r.stderr)
        self.assertIn("A => B => A", r.stderr)
        self.assertIn("spawns.c:11", r.stderr)


class Refusals(Case):
    def test_not_found_is_127(self):
        r = self.run_lg("run", "--", os.path.join(self.dir, "no-such-program"))
        self.assertEqual(r.returncode, 127)
        self.assertIn("no-such-program", r.stderr)

    def test_static_binary_is_refused_with_126(self):
        exe = self.build("static", CLEAN, "-static")
        r = self.run_lg("run", "--", exe)
        self.assertEqual(r.returncode, 126, r.stderr)
        self.assertIn("statically linked", r.stderr)

    @unittest.skipUnless(os.geteuid() == 0, "making a setuid file needs root")
    def test_setuid_binary_is_refused_with_126(self):
        exe = self.build("suid", CLEAN)
        os.chmod(exe, 0o4755)
        r = self.run_lg("run", "--", exe)
        self.assertEqual(r.returncode, 126, r.stderr)
        self.assertIn("setuid", r.stderr)

    def test_no_program_and_unknown_option_are_usage_errors(self):
        r = self.run_lg("run")
        self.assertEqual(r.returncode, 125)
        self.assertIn("no program", r.stderr)
        r = self.run_lg("run", "--frobnicate", "--", "true")
        self.assertEqual(r.returncode, 125)
        self.assertIn("unknown option '--frobnicate'", r.stderr)


class Reports(Case):
    def test_json_lines_have_kind_cycle_stacks_and_fingerprint(self):
        exe = self.build("inv", INVERSION)
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        with open(out) as f:
            records = [json.loads(line) for line in f if line.strip()]
        inv = [x for x in records if x["kind"] == "lock-order-inversion"]
        self.assertEqual(len(inv), 1, records)
        self.assertEqual(inv[0]["cycle"], ["A", "B"])
        self.assertRegex(inv[0]["fingerprint"], r"^[0-9a-f]{16}$")
        self.assertTrue(any(fr["file"].endswith("inv.c") for e in inv[0]["edges"] for fr in e["stack"]))

    def test_fingerprint_is_stable_across_runs(self):
        exe = self.build("inv", INVERSION)
        fps = []
        for i in range(2):
            out = os.path.join(self.dir, "out%d.jsonl" % i)
            self.run_lg("run", "--json", out, "--", exe)
            with open(out) as f:
                fps.append(sorted(json.loads(l)["fingerprint"] for l in f if l.strip()))
        self.assertEqual(fps[0], fps[1])


class ReportCommand(Case):
    def test_report_merges_runs_and_writes_sarif(self):
        exe = self.build("inv", INVERSION)
        logs = []
        for i in range(2):
            logs.append(os.path.join(self.dir, "run%d.jsonl" % i))
            self.run_lg("run", "--json", logs[-1], "--", exe)
        r = self.run_lg("report", *logs)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stdout, r"inv\.c:\d+:1: warning: lock-order-inversion: A => B => A "
                                   r"\[lockgraph-lock-order-inversion\] \(seen 2 time\(s\), in 2 process\(es\)\)")
        sarif = os.path.join(self.dir, "out.sarif")
        r = self.run_lg("report", "--format=sarif", "-o", sarif, *logs)
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(sarif) as f:
            s = json.load(f)
        self.assertEqual(s["version"], "2.1.0")
        run = s["runs"][0]
        ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
        self.assertIn("lock-order-inversion", ids)
        results = run["results"]
        self.assertEqual(len(results), 1)
        res = results[0]
        self.assertEqual(res["ruleId"], "lock-order-inversion")
        self.assertEqual(ids[res["ruleIndex"]], res["ruleId"])
        loc = res["locations"][0]["physicalLocation"]
        self.assertEqual(loc["artifactLocation"]["uri"], "inv.c")  # relative to the source root
        self.assertEqual(loc["artifactLocation"]["uriBaseId"], "SRCROOT")
        self.assertGreater(loc["region"]["startLine"], 0)
        self.assertRegex(res["partialFingerprints"]["lockgraphRuntimeFingerprint/v1"], r"^[0-9a-f]{16}$")

    def test_run_writes_sarif_directly(self):
        exe = self.build("inv", INVERSION)
        sarif = os.path.join(self.dir, "direct.sarif")
        r = self.run_lg("run", "--sarif", sarif, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        with open(sarif) as f:
            self.assertEqual(json.load(f)["runs"][0]["results"][0]["ruleId"], "lock-order-inversion")

    def test_clean_log_is_0(self):
        exe = self.build("clean", CLEAN)
        log = os.path.join(self.dir, "clean.jsonl")
        self.assertEqual(self.run_lg("run", "--json", log, "--", exe).returncode, 0)
        r = self.run_lg("report", log)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("0 finding(s)", r.stdout)

    def test_truncated_log_is_2_and_the_rest_is_still_reported(self):
        exe = self.build("inv", INVERSION)
        log = os.path.join(self.dir, "full.jsonl")
        self.run_lg("run", "--json", log, "--", exe)
        with open(log) as f:
            text = f.read()
        cut = os.path.join(self.dir, "cut.jsonl")
        with open(cut, "w") as f:
            f.write(text + text[: len(text) // 2])  # a second copy cut in the middle of a record
        r = self.run_lg("report", cut)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("cut.jsonl:2: skipped a record that is not valid JSON", r.stderr)
        self.assertIn("truncated record?", r.stderr)
        self.assertIn("A => B => A", r.stdout)

    def test_missing_log_and_bad_format(self):
        r = self.run_lg("report", os.path.join(self.dir, "nope.jsonl"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read", r.stderr)
        r = self.run_lg("report", "--format=xml", "x")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown format", r.stderr)


class Baseline(Case):
    def test_a_baseline_from_json_hides_known_findings(self):
        exe = self.build("inv", INVERSION)
        base = os.path.join(self.dir, "base.jsonl")
        self.assertEqual(self.run_lg("run", "--json", base, "--", exe).returncode, 66)
        r = self.run_lg("run", "--baseline", base, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("WARNING", r.stderr)
        self.assertIn("matched the baseline", r.stderr)

    def test_a_baseline_of_other_findings_hides_nothing(self):
        exe = self.build("inv", INVERSION)
        base = os.path.join(self.dir, "base.txt")
        with open(base, "w") as f:
            f.write("# fingerprints\n0123456789abcdef\n")
        r = self.run_lg("run", "--baseline", base, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("lock-order-inversion", r.stderr)

    def test_a_missing_baseline_is_an_error(self):
        exe = self.build("clean", CLEAN)
        r = self.run_lg("run", "--baseline", os.path.join(self.dir, "nope"), "--", exe)
        self.assertEqual(r.returncode, 125)
        self.assertIn("cannot read baseline file", r.stderr)


class Suppressions(Case):
    def test_suppression_by_lock_name(self):
        exe = self.build("inv", INVERSION)
        supp = os.path.join(self.dir, "supp.txt")
        with open(supp, "w") as f:
            f.write("# known\nlock-order-inversion:B\n")
        r = self.run_lg("run", "--suppressions", supp, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("WARNING", r.stderr)

    def test_suppression_of_another_kind_does_not_apply(self):
        exe = self.build("inv", INVERSION)
        supp = os.path.join(self.dir, "supp.txt")
        with open(supp, "w") as f:
            f.write("self-deadlock:*\n")
        self.assertEqual(self.run_lg("run", "--suppressions", supp, "--", exe).returncode, 66)


class Logs(Case):
    def test_log_path_writes_one_file_per_process(self):
        exe = self.build("inv", INVERSION)
        prefix = os.path.join(self.dir, "log")
        r = self.run_lg("run", "--options", "log_path=" + prefix, "--", exe)
        self.assertEqual(r.returncode, 66)
        logs = [f for f in os.listdir(self.dir) if f.startswith("log.")]
        self.assertEqual(len(logs), 1, logs)
        self.assertTrue(logs[0][4:].isdigit(), logs)
        with open(os.path.join(self.dir, logs[0])) as f:
            self.assertIn("lock-order-inversion", f.read())

    def test_log_path_never_follows_a_planted_symlink(self):
        # The pid is not known in advance: plant symlinks for a range of likely pids.
        exe = self.build("inv", INVERSION)
        victim = os.path.join(self.dir, "victim")
        with open(victim, "w") as f:
            f.write("keep")
        prefix = os.path.join(self.dir, "log")
        last = int(open("/proc/sys/kernel/ns_last_pid").read()) if os.path.exists("/proc/sys/kernel/ns_last_pid") else None
        if last is None:
            self.skipTest("no /proc/sys/kernel/ns_last_pid")
        for pid in range(last + 1, last + 200):
            os.symlink(victim, "%s.%d" % (prefix, pid))
        self.run_lg("run", "--options", "log_path=" + prefix, "--", exe)
        with open(victim) as f:
            self.assertEqual(f.read(), "keep")


class Options(Case):
    def test_help_lists_every_option(self):
        exe = self.build("clean", CLEAN)
        r = self.run_lg("run", "--options", "help=1", "--", exe)
        self.assertEqual(r.returncode, 0)
        for name in ("log_path", "json_path", "on_deadlock", "watchdog_ms", "suppressions", "baseline",
                     "report_latent", "max_locks"):
            self.assertIn(name, r.stderr)

    def test_unknown_option_is_reported(self):
        exe = self.build("clean", CLEAN)
        r = self.run_lg("run", "--options", "no_such_option=1", "--", exe)
        self.assertIn("no_such_option", r.stderr)


def main():
    global LOCKGRAPH, CC
    ap = argparse.ArgumentParser()
    ap.add_argument("--lockgraph", required=True)
    ap.add_argument("--cc", required=True)
    args, rest = ap.parse_known_args()
    LOCKGRAPH, CC = os.path.abspath(args.lockgraph), args.cc
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
