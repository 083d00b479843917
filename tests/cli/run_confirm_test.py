#!/usr/bin/env python3
"""`lockgraph run --confirm` as a user drives it: confirming from an earlier run's JSON, what it
writes (--json records that `lockgraph report` reads), what it refuses, a gated cycle that must
never be confirmed, and a program with nothing to confirm that runs once, unchanged.

Usage: run_confirm_test.py --lockgraph BIN --cc CLANG --testdata DIR [unittest args]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

LOCKGRAPH = CC = TESTDATA = None

CLEAN = r"""
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
static void *f(void *p) { (void)p; pthread_mutex_lock(&A); pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B); pthread_mutex_unlock(&A); return 0; }
int main(int argc, char **argv) {
  pthread_t t; pthread_create(&t, 0, f, 0); f(0); pthread_join(t, 0);
  puts("ran");
  return argc > 1 ? atoi(argv[1]) : 0;
}
"""


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="lockgraph-confirm-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def build(self, name, source=None, testdata=None):
        exe = os.path.join(self.dir, name)
        src = os.path.join(TESTDATA, testdata) if testdata else os.path.join(self.dir, name + ".c")
        if source is not None:
            with open(src, "w") as f:
                f.write(source)
        subprocess.run([CC, "-g", "-O0", "-pthread", "-o", exe, src], check=True)
        return exe

    def run_lg(self, *args, timeout=300):
        env = dict(os.environ)
        env.pop("LOCKGRAPH_OPTIONS", None)
        return subprocess.run([LOCKGRAPH, *args], capture_output=True, text=True, timeout=timeout,
                              cwd=self.dir, env=env)

    def records(self, path):
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]


class FromEarlierRun(Case):
    def test_a_fingerprint_of_an_earlier_run_is_confirmed_and_report_reads_the_result(self):
        exe = self.build("two_locks", testdata="confirm/two_locks.c")
        first = os.path.join(self.dir, "first.jsonl")
        r = self.run_lg("run", "--json", first, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        inv = [x for x in self.records(first) if x["kind"] == "lock-order-inversion"]
        self.assertEqual(len(inv), 1)
        fp = inv[0]["fingerprint"]

        out = os.path.join(self.dir, "confirm.jsonl")
        r = self.run_lg("run", "--confirm", fp, "--confirm-from", first, "--json", out, "--", exe)
        self.assertEqual(r.returncode, 67, r.stderr)
        self.assertIn("CONFIRMED in run 1 of 3", r.stderr)
        self.assertIn("WARNING: lockgraph: actual-deadlock", r.stderr)  # the deadlock's report
        self.assertIn("This confirms the potential deadlock A => B => A (fingerprint " + fp, r.stderr)
        recs = self.records(out)
        self.assertEqual([x["kind"] for x in recs], ["lock-order-inversion", "actual-deadlock"])
        self.assertEqual(recs[0]["fingerprint"], fp)
        self.assertEqual(recs[0]["confirm"], {"status": "confirmed", "runs": 1, "max_runs": 3})
        self.assertEqual(recs[1]["confirms"], fp)
        self.assertEqual(sorted(recs[1]["locks"]), ["A", "B"])

        r = self.run_lg("report", out)  # the records are ordinary findings to `report`
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertNotIn("skipped", r.stderr)
        self.assertIn("lock-order-inversion: A => B => A", r.stdout)
        self.assertIn("actual-deadlock", r.stdout)

    def test_confirm_runs_bounds_the_steered_runs(self):
        exe = self.build("cycle2", testdata="hook/cycle2.c")
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--confirm", "all", "--confirm-runs", "1", "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("not reproduced in 1 run(s)", r.stderr)
        self.assertNotIn("steered run 2", r.stderr)
        inv = [x for x in self.records(out) if x["kind"] == "lock-order-inversion"][0]
        self.assertEqual(inv["confirm"]["status"], "not-reproduced")
        self.assertEqual(inv["confirm"]["runs"], 1)
        self.assertIn("never by threads holding each other's locks at once", inv["confirm"]["reason"])


class NeverConfirmed(Case):
    def test_a_gated_cycle_is_never_confirmed(self):
        # Without its gate the program has a real inversion; its sites are then steered in the
        # gated program, where a paused thread holds G and the other one waits for it.
        exe = self.build("gated", testdata="confirm/gated.c")
        self.assertEqual(self.run_lg("run", "--", exe).returncode, 0)  # gated: no finding
        base = os.path.join(self.dir, "nogate.jsonl")
        r = self.run_lg("run", "--json", base, "--", exe, "nogate")
        self.assertIn(r.returncode, (66, 67), r.stderr)
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--confirm", "all", "--confirm-from", base, "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertNotIn("actual-deadlock", r.stderr)
        inv = [x for x in self.records(out) if x["kind"] == "lock-order-inversion"]
        self.assertEqual([x["confirm"]["status"] for x in inv], ["not-reproduced"])
        self.assertFalse([x for x in self.records(out) if x["kind"] == "actual-deadlock"])


class NothingToConfirm(Case):
    def test_a_program_without_inversions_runs_once_with_its_own_status(self):
        exe = self.build("clean", CLEAN)
        r = self.run_lg("run", "--confirm", "all", "--", exe, "3")
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertEqual(r.stdout, "ran\n")  # one run
        self.assertIn("reported no lock-order-inversion; nothing to confirm", r.stderr)
        self.assertNotIn("steered", r.stderr)


class Refusals(Case):
    def test_bad_arguments_are_usage_errors(self):
        exe = self.build("clean", CLEAN)
        for args, text in ((["--confirm", "xyz"], "fingerprint (16 hex digits"),
                           (["--confirm", "all", "--confirm-runs", "0"], "--confirm-runs takes"),
                           (["--confirm-from", "x.jsonl"], "go with --confirm"),
                           (["--confirm", "all", "--confirm-from", os.path.join(self.dir, "nope.jsonl")],
                            "cannot read --confirm-from file")):
            r = self.run_lg("run", *args, "--", exe)
            self.assertEqual(r.returncode, 125, (args, r.stderr))
            self.assertIn(text, r.stderr)
            self.assertNotIn("ran", r.stdout)

    def test_a_fingerprint_that_names_no_inversion_is_refused(self):
        exe = self.build("two_locks", testdata="confirm/two_locks.c")
        first = os.path.join(self.dir, "first.jsonl")
        self.run_lg("run", "--json", first, "--", exe)
        r = self.run_lg("run", "--confirm", "0123456789abcdef", "--confirm-from", first, "--", exe)
        self.assertEqual(r.returncode, 125, r.stderr)
        self.assertIn("has no lock-order-inversion with this fingerprint", r.stderr)


def main():
    global LOCKGRAPH, CC, TESTDATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--lockgraph", required=True)
    ap.add_argument("--cc", required=True)
    ap.add_argument("--testdata", required=True)
    args, rest = ap.parse_known_args()
    LOCKGRAPH, CC, TESTDATA = os.path.abspath(args.lockgraph), args.cc, os.path.abspath(args.testdata)
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
