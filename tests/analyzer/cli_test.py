#!/usr/bin/env python3
"""Command-line behaviour of lockgraph-analyze: exit codes, the three output formats
(SARIF 2.1.0 shape), NOLINT and config suppressions, a missing compile database, a
file that does not compile among good ones, the facts cache, sharded
--emit-facts/--merge runs and baselines (--baseline, --write-baseline).

usage: cli_test.py --analyzer BIN [--work DIR]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(REPO, "testdata", "analyzer")
ANALYZER = None
WORK = None


def make_db(name, files):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    cmds = []
    for f in files:
        cc = "clang-19" if f.endswith(".c") else "clang++-19"
        cmds.append({"directory": d, "file": f, "arguments": [cc, "-pthread", "-c", f]})
    with open(os.path.join(d, "compile_commands.json"), "w") as out:
        json.dump(cmds, out)
    return d


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


IDS = re.findall(r'^LOCKGRAPH_FINDING\(\w+,\s*"([a-z-]+)"', read(os.path.join(REPO, "common", "findings.inc")), re.M)


def run(*args, cwd=None):
    return subprocess.run([ANALYZER, "--no-progress"] + list(args), capture_output=True, text=True, cwd=cwd, timeout=300)


class Cli(unittest.TestCase):
    def test_exit_codes(self):
        clean = make_db("clean", [os.path.join(DATA, "counter_locked.c")])
        self.assertEqual(run("-p", clean, "--no-cache").returncode, 0)
        bad = make_db("bad", [os.path.join(DATA, "ab_inversion.c")])
        self.assertEqual(run("-p", bad, "--no-cache").returncode, 1)

    def test_missing_compile_database(self):
        empty = tempfile.mkdtemp(prefix="lg-nodb-")  # outside any build tree
        p = run(cwd=empty)
        self.assertEqual(p.returncode, 2)
        self.assertIn("compile_commands.json", p.stderr)
        p = run("-p", empty)
        self.assertEqual(p.returncode, 2)
        self.assertIn("compile_commands.json", p.stderr)

    def test_finds_database_upward_from_cwd(self):
        d = make_db("upward", [os.path.join(DATA, "ab_inversion.c")])
        sub = os.path.join(d, "a", "b")
        os.makedirs(sub)
        self.assertEqual(run("--no-cache", cwd=sub).returncode, 1)

    def test_text_format(self):
        d = make_db("text", [os.path.join(DATA, "ab_inversion.c")])
        p = run("-p", d, "--no-cache")
        lines = p.stdout.splitlines()
        self.assertRegex(lines[0], r"^/\S+/ab_inversion\.c:\d+:\d+: warning: .* \[lockgraph-lock-order-inversion\]$")
        self.assertTrue(all(re.match(r"^/\S+:\d+:\d+: note: ", l) for l in lines[1:]), lines)
        self.assertGreaterEqual(len(lines), 5)

    def test_sarif_shape(self):
        d = make_db("sarif", [os.path.join(DATA, "ab_inversion.c"), os.path.join(DATA, "counter_race.c")])
        p = run("-p", d, "--no-cache", "--format=sarif")
        self.assertEqual(p.returncode, 1)
        s = json.loads(p.stdout)
        self.assertEqual(s["version"], "2.1.0")
        self.assertIn("sarif-2.1.0", s["$schema"])
        r = s["runs"][0]
        rules = [x["id"] for x in r["tool"]["driver"]["rules"]]
        self.assertEqual(rules, IDS)
        self.assertEqual(len(r["results"]), 2)
        for res in r["results"]:
            self.assertIn(res["ruleId"], IDS)
            self.assertEqual(rules[res["ruleIndex"]], res["ruleId"])
            self.assertIn("text", res["message"])
            loc = res["locations"][0]["physicalLocation"]
            self.assertTrue(loc["artifactLocation"]["uri"].startswith("file:///"))
            self.assertGreater(loc["region"]["startLine"], 0)
            self.assertRegex(res["partialFingerprints"]["lockgraphFingerprint/v1"], r"^[0-9a-f]{16}$")
        inv = [x for x in r["results"] if x["ruleId"] == "lock-order-inversion"][0]
        self.assertEqual(len(inv["relatedLocations"]), 4)
        self.assertTrue(r["invocations"][0]["executionSuccessful"])

    def test_fingerprint_stable_when_lines_move(self):
        src = read(os.path.join(DATA, "ab_inversion.c"))
        f = os.path.join(WORK, "moved.c")
        write(f, src)
        d = make_db("fp1", [f])
        a = json.loads(run("-p", d, "--no-cache", "--format=json").stdout.splitlines()[0])
        write(f, "\n\n\n" + src)
        b = json.loads(run("-p", d, "--no-cache", "--format=json").stdout.splitlines()[0])
        self.assertEqual(a["fingerprint"], b["fingerprint"])
        self.assertEqual(a["line"] + 3, b["line"])

    def test_nolint_suppression(self):
        src = read(os.path.join(DATA, "ab_inversion.c"))
        f = os.path.join(WORK, "nolint.c")
        write(f, src.replace("pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A\n  printf(\"got lock A\\n\");\n  pthread_mutex_unlock(&A);",
                                       "pthread_mutex_lock(&A);  // NOLINT(lockgraph-lock-order-inversion)\n  printf(\"got lock A\\n\");\n  pthread_mutex_unlock(&A);"))
        d = make_db("nolint", [f])
        self.assertEqual(run("-p", d, "--no-cache").returncode, 0)
        write(f, src.replace("// EXPECT: lock-order-inversion A => B => A", "// NOLINT(lockgraph-self-deadlock)"))
        self.assertEqual(run("-p", d, "--no-cache").returncode, 1)  # other ids are not suppressed

    def test_config_suppression_and_bad_config(self):
        d = make_db("conf", [os.path.join(DATA, "ab_inversion.c")])
        conf = os.path.join(WORK, "s.conf")
        write(conf, "suppress lock-order-inversion A\n")
        self.assertEqual(run("-p", d, "--no-cache", "--config", conf).returncode, 0)
        write(conf, "suppress lock-order-inversion nothing_like_it\n")
        self.assertEqual(run("-p", d, "--no-cache", "--config", conf).returncode, 1)
        write(conf, "lock-function\n")
        p = run("-p", d, "--no-cache", "--config", conf)
        self.assertEqual(p.returncode, 2)
        self.assertIn("line 1", p.stderr)

    def test_broken_file_among_good_ones(self):
        d = make_db("broken", [os.path.join(DATA, "does_not_compile.c"), os.path.join(DATA, "ab_inversion.c")])
        p = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(p.returncode, 2)
        self.assertIn("could not analyze", p.stderr)
        self.assertIn("does_not_compile.c", p.stderr)
        kinds = [json.loads(l)["kind"] for l in p.stdout.splitlines()]
        self.assertEqual(kinds, ["lock-order-inversion"])  # the good file is still analyzed

    def test_file_not_in_database(self):
        d = make_db("notindb", [os.path.join(DATA, "ab_inversion.c")])
        p = run("-p", d, "--no-cache", "nonexistent.c")
        self.assertEqual(p.returncode, 2)

    def test_cache_reuses_unchanged_tus(self):
        files = [os.path.join(WORK, n) for n in ("c1.c", "c2.c")]
        shutil.copy(os.path.join(DATA, "ab_inversion.c"), files[0])
        shutil.copy(os.path.join(DATA, "counter_race.c"), files[1])
        d = make_db("cache", files)
        cache = os.path.join(WORK, "cache-dir")
        shutil.rmtree(cache, ignore_errors=True)
        p1 = run("-p", d, "--facts-dir", cache, "-v", "--format=json")
        self.assertIn("0 reused", p1.stderr)
        p2 = run("-p", d, "--facts-dir", cache, "-v", "--format=json")
        self.assertIn("2 reused", p2.stderr)
        self.assertEqual(p1.stdout, p2.stdout)
        time.sleep(0.01)
        with open(files[1], "a") as f:
            f.write("\n// changed\n")
        p3 = run("-p", d, "--facts-dir", cache, "-v", "--format=json")
        self.assertIn("1 reused", p3.stderr)
        self.assertEqual(p1.stdout, p3.stdout)

    def test_unchanged_tree_reuses_merged_result(self):
        files = [os.path.join(WORK, n) for n in ("r1.c", "r2.c")]
        shutil.copy(os.path.join(DATA, "ab_inversion.c"), files[0])
        header = os.path.join(WORK, "r_extra.h")
        write(header, "/* included by r2.c */\n")
        write(files[1], '#include "r_extra.h"\n' + read(os.path.join(DATA, "counter_race.c")))
        d = make_db("result", files)
        cache = os.path.join(WORK, "result-cache")
        shutil.rmtree(cache, ignore_errors=True)
        REUSED = "merged result reused"

        def fresh(*args):
            return run("-p", d, "--no-cache", *args)

        def cached(*args):
            return run("-p", d, "--facts-dir", cache, "-v", *args)

        p1 = cached("--format=json")
        self.assertNotIn(REUSED, p1.stderr)
        self.assertEqual(p1.returncode, 1)
        # unchanged: the result is reused, and every format, -o and the exit status are as a full run's
        for fmt in ("json", "text", "sarif"):
            p = cached("--format=" + fmt)
            self.assertIn(REUSED, p.stderr)
            f = fresh("--format=" + fmt)
            self.assertEqual((p.returncode, p.stdout), (f.returncode, f.stdout), fmt)
            self.assertEqual(p.stderr.splitlines()[1:], f.stderr.splitlines(), fmt)  # "N findings in M TUs"
        out = os.path.join(WORK, "result-out.json")
        p = cached("--format=json", "-o", out)
        self.assertIn(REUSED, p.stderr)
        self.assertEqual((p.returncode, p.stdout, read(out)), (1, "", p1.stdout))
        # a touched but unchanged main file keeps the result; a touched header does not
        t = time.time() + 20
        os.utime(files[0], (t, t))
        self.assertIn(REUSED, cached("--format=json").stderr)
        os.utime(header, (t, t))
        p = cached("--format=json")
        self.assertNotIn(REUSED, p.stderr)
        self.assertIn("1 reused", p.stderr)
        self.assertEqual(p.stdout, p1.stdout)
        self.assertIn(REUSED, cached("--format=json").stderr)
        # an edited file: a NOLINT on the race's line drops that finding, in a new merged result
        text = read(files[1]).replace("counter--;", "counter--;  // NOLINT(lockgraph-unlocked-rmw)")
        write(files[1], text)
        p = cached("--format=json")
        self.assertNotIn(REUSED, p.stderr)
        self.assertEqual(p.stdout, fresh("--format=json").stdout)
        self.assertNotIn("unlocked-rmw", p.stdout)
        p2 = cached("--format=json")
        self.assertIn(REUSED, p2.stderr)
        self.assertEqual(p2.stdout, p.stdout)
        # other options make another merged result
        self.assertNotIn(REUSED, cached("--format=json", "--max-cycle-length=2").stderr)
        # --merge of the facts directory is not confused by the stored result
        self.assertEqual(run("--merge", cache, "--format=json").returncode, 1)

    def test_sharded_emit_and_merge(self):
        case = os.path.join(DATA, "crosstu_inversion")
        files = sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(".c"))
        d = make_db("shards", files)
        facts = os.path.join(WORK, "shard-facts")
        shutil.rmtree(facts, ignore_errors=True)
        for i in range(2):
            p = run("-p", d, "--emit-facts", "--facts-dir", facts, f"--shard={i}/2")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout, "")
        merged = run("--merge", facts, "--format=json")
        direct = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(merged.returncode, 1)
        self.assertEqual(merged.stdout, direct.stdout)

    def test_list_checks(self):
        p = run("--list-checks")
        self.assertEqual(p.returncode, 0)
        self.assertEqual([l.split("\t")[0] for l in p.stdout.splitlines()], ["lockgraph-" + i for i in IDS])

    def test_parallel_jobs_same_result(self):
        case = os.path.join(DATA, "crosstu_inversion")
        files = sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(".c"))
        d = make_db("jobs", files)
        a = run("-p", d, "--no-cache", "--format=json", "-j", "1")
        b = run("-p", d, "--no-cache", "--format=json", "-j", "3")
        self.assertEqual(a.stdout, b.stdout)


    # ---- baselines --------------------------------------------------------------

    NEW_INVERSION = """
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t D = PTHREAD_MUTEX_INITIALIZER;
void newCD(void) { pthread_mutex_lock(&C); pthread_mutex_lock(&D); pthread_mutex_unlock(&D); pthread_mutex_unlock(&C); }
void newDC(void) { pthread_mutex_lock(&D); pthread_mutex_lock(&C); pthread_mutex_unlock(&C); pthread_mutex_unlock(&D); }
"""

    def baseline_tree(self, name):
        """Copies of ab_inversion.c and counter_race.c in their own database: two findings."""
        files = [os.path.join(WORK, name + "_ab.c"), os.path.join(WORK, name + "_race.c")]
        shutil.copy(os.path.join(DATA, "ab_inversion.c"), files[0])
        shutil.copy(os.path.join(DATA, "counter_race.c"), files[1])
        return make_db(name, files), files

    def test_baseline_from_json_of_same_tree(self):
        d, _ = self.baseline_tree("bl-json")
        base = os.path.join(WORK, "bl-json.jsonl")
        p = run("-p", d, "--no-cache", "--format=json", "-o", base)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(read(base).splitlines()), 2)
        for fmt in ("json", "text", "sarif"):
            p = run("-p", d, "--no-cache", "--format=" + fmt, "--baseline", base)
            self.assertEqual(p.returncode, 0, fmt)
            if fmt == "sarif":
                self.assertEqual(json.loads(p.stdout)["runs"][0]["results"], [])
            else:
                self.assertEqual(p.stdout, "", fmt)
            self.assertNotIn("hidden", p.stdout)
            hidden = [l for l in p.stderr.splitlines() if "hidden by the baseline" in l]
            self.assertEqual(hidden, ["lockgraph-analyze: 2 findings hidden by the baseline '%s'" % base], fmt)
        # the JSON output of a clean run (an empty file) is a valid, empty baseline
        empty = os.path.join(WORK, "bl-empty.jsonl")
        write(empty, "")
        p = run("-p", d, "--no-cache", "--format=json", "--baseline", empty)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stdout.splitlines()), 2)
        self.assertIn("0 findings hidden", p.stderr)

    def test_baseline_hides_known_reports_new(self):
        f = os.path.join(WORK, "bl-new.c")
        src = read(os.path.join(DATA, "ab_inversion.c"))
        write(f, src)
        d = make_db("bl-new", [f])
        base = os.path.join(WORK, "bl-new.jsonl")
        p = run("-p", d, "--no-cache", "--format=json", "-o", base)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(run("-p", d, "--no-cache", "--baseline", base).returncode, 0)
        write(f, src + self.NEW_INVERSION)
        p = run("-p", d, "--no-cache", "--format=json", "--baseline", base)
        self.assertEqual(p.returncode, 1)
        recs = [json.loads(l) for l in p.stdout.splitlines()]
        self.assertEqual([(r["kind"], sorted(r["cycle"])) for r in recs], [("lock-order-inversion", ["C", "D"])])
        self.assertIn("1 finding hidden by the baseline", p.stderr)

    def test_baseline_from_sarif(self):
        d, files = self.baseline_tree("bl-sarif")
        base = os.path.join(WORK, "bl.sarif")
        self.assertEqual(run("-p", d, "--no-cache", "--format=sarif", "-o", base).returncode, 1)
        p = run("-p", d, "--no-cache", "--baseline", base)
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertIn("2 findings hidden", p.stderr)
        # the same fingerprints as the JSON output's
        fps = sorted(r["partialFingerprints"]["lockgraphFingerprint/v1"] for r in json.loads(read(base))["runs"][0]["results"])
        js = sorted(json.loads(l)["fingerprint"] for l in run("-p", d, "--no-cache", "--format=json").stdout.splitlines())
        self.assertEqual(fps, js)
        with open(files[0], "a") as out:
            out.write(self.NEW_INVERSION)
        p = run("-p", d, "--no-cache", "--format=sarif", "--baseline", base)
        self.assertEqual(p.returncode, 1)
        self.assertEqual([r["ruleId"] for r in json.loads(p.stdout)["runs"][0]["results"]], ["lock-order-inversion"])

    def test_baseline_missing_or_malformed(self):
        d, _ = self.baseline_tree("bl-bad")
        missing = os.path.join(WORK, "no-such-baseline.json")
        p = run("-p", d, "--no-cache", "--format=json", "--baseline", missing)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stdout, "")
        self.assertIn("cannot read baseline file '%s'" % missing, p.stderr)
        bad = os.path.join(WORK, "bl-bad.txt")
        sarif = run("-p", d, "--no-cache", "--format=sarif").stdout
        for text in ("not a fingerprint\n", "0123\n", sarif[: len(sarif) // 2], '{"kind": "self-deadlock"}\n',
                     '{"fingerprint": "0123456789abcdef"}\n{"kind"\n'):
            write(bad, text)
            p = run("-p", d, "--no-cache", "--baseline", bad)
            self.assertEqual(p.returncode, 2, text)
            self.assertIn("bl-bad.txt", p.stderr)
            self.assertEqual(p.stdout, "")

    def test_baseline_survives_moved_lines(self):
        d, files = self.baseline_tree("bl-move")
        base = os.path.join(WORK, "bl-move.jsonl")
        before = run("-p", d, "--no-cache", "--format=json", "-o", base)
        self.assertEqual(before.returncode, 1)
        for f in files:  # lines added above the findings and inside the functions
            text = read(f).replace("#include <pthread.h>", "#include <pthread.h>\n\n/* moved */\n\n")
            write(f, text.replace("{\n", "{\n\n\n", 3))
        after = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(after.returncode, 1)
        old = {json.loads(l)["fingerprint"]: json.loads(l)["line"] for l in read(base).splitlines()}
        new = {json.loads(l)["fingerprint"]: json.loads(l)["line"] for l in after.stdout.splitlines()}
        self.assertEqual(sorted(old), sorted(new))
        self.assertTrue(all(new[k] > old[k] for k in old), (old, new))  # the lines did move
        p = run("-p", d, "--no-cache", "--baseline", base)
        self.assertEqual((p.returncode, p.stdout), (0, ""))

    def test_write_baseline(self):
        d, files = self.baseline_tree("bl-write")
        out = os.path.join(WORK, "bl-written.txt")
        cache = os.path.join(WORK, "bl-write-cache")
        shutil.rmtree(cache, ignore_errors=True)
        p = run("-p", d, "--facts-dir", cache, "--format=json", "--write-baseline", out)
        self.assertEqual(p.returncode, 1)  # the run still reports
        fps = sorted(json.loads(l)["fingerprint"] for l in p.stdout.splitlines())
        lines = read(out).splitlines()
        self.assertEqual(sorted(l for l in lines if not l.startswith("#")), fps)
        self.assertTrue(any(l.startswith("# lock-order-inversion A => B => A at ") for l in lines), lines)
        self.assertTrue(any(l.startswith("# unlocked-rmw counter at ") for l in lines), lines)
        # and --baseline reads it, also when the merged result is reused from the facts cache
        p = run("-p", d, "--facts-dir", cache, "-v", "--baseline", out)
        self.assertIn("merged result reused", p.stderr)
        self.assertEqual((p.returncode, p.stdout), (0, ""))
        self.assertIn("2 findings hidden", p.stderr)
        with open(files[0], "a") as f:
            f.write(self.NEW_INVERSION)
        self.assertEqual(run("-p", d, "--facts-dir", cache, "--baseline", out).returncode, 1)
        # refreshing the baseline with --baseline and --write-baseline together records every finding
        self.assertEqual(run("-p", d, "--facts-dir", cache, "--baseline", out, "--write-baseline", out).returncode, 1)
        self.assertEqual(len([l for l in read(out).splitlines() if not l.startswith("#")]), 3)
        self.assertEqual(run("-p", d, "--facts-dir", cache, "--baseline", out).returncode, 0)


def main():
    global ANALYZER, WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzer", required=True)
    ap.add_argument("--work")
    a, rest = ap.parse_known_args()
    ANALYZER = os.path.abspath(a.analyzer)
    WORK = os.path.abspath(a.work or tempfile.mkdtemp(prefix="lg-cli-"))
    os.makedirs(WORK, exist_ok=True)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
