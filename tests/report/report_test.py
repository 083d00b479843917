#!/usr/bin/env python3
"""`lockgraph report` as a team uses it: real findings of testdata/report/bank.c from the three
sources (the runtime hook's JSON lines, the analyzer's JSON and SARIF, ThreadSanitizer's text
log), merged into one report, in every format, each checked the way its consumer reads it: the
JSON against docs/report.schema.json, the SARIF against the official SARIF 2.1.0 schema and with
Microsoft's SARIF validator, the dot by Graphviz, the HTML page in headless Chromium (what its
DOM holds, and a screenshot that is not blank and shows the red cycle).

usage: report_test.py --lockgraph BIN --cc CLANG --work DIR [--chromium BIN] [--multitool BIN]
                      [unittest args]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
BANK = os.path.join(REPO, "testdata", "report", "bank.c")
sys.path.insert(0, HERE)
import pngcheck  # noqa: E402

A = None  # the arguments


def jsonschema_module():
    try:
        import jsonschema
        return jsonschema
    except ImportError:
        raise unittest.SkipTest("never reached: main() re-runs under a python3 that has jsonschema")


def line_of(text):
    """The line number of `text` in bank.c."""
    with open(BANK) as f:
        for n, line in enumerate(f, 1):
            if text in line:
                return n
    raise AssertionError(text + " not in bank.c")


class Inputs:
    """Runs the three sources once over bank.c; each test reads what they wrote."""
    done = False

    @classmethod
    def make(cls):
        if cls.done:
            return
        w = A.work
        shutil.rmtree(w, ignore_errors=True)
        os.makedirs(w)
        cls.exe = os.path.join(w, "bank")
        subprocess.run([A.cc, "-g", "-O0", "-pthread", BANK, "-o", cls.exe], check=True)
        cls.hook = os.path.join(w, "hook.jsonl")
        r = subprocess.run([A.lockgraph, "run", "--json", cls.hook, "--", cls.exe], capture_output=True, text=True,
                           timeout=120)
        assert r.returncode == 66, r.stderr
        db = os.path.join(w, "db")
        os.makedirs(db)
        with open(os.path.join(db, "compile_commands.json"), "w") as f:
            json.dump([{"directory": db, "file": BANK, "arguments": ["clang-19", "-pthread", "-c", BANK]}], f)
        cls.an_json = os.path.join(w, "analyze.json")
        cls.an_sarif = os.path.join(w, "analyze.sarif")
        for fmt, out in (("json", cls.an_json), ("sarif", cls.an_sarif)):
            # the option spelling shared by every command: -f FORMAT, --output FILE
            r = subprocess.run([A.lockgraph, "analyze", "-p", db, "--no-cache", "-f", fmt, "--output", out],
                               capture_output=True, text=True, timeout=300)
            assert r.returncode == 1, r.stderr
        tsan = os.path.join(w, "bank-tsan")
        subprocess.run([A.cc, "-g", "-O1", "-fsanitize=thread", "-pthread", BANK, "-o", tsan], check=True)
        env = dict(os.environ, TSAN_OPTIONS="log_path=%s/tsan:second_deadlock_stack=1" % w)
        subprocess.run([tsan], env=env, capture_output=True, timeout=120)
        cls.tsan = sorted(glob.glob(os.path.join(w, "tsan.*")))
        assert len(cls.tsan) == 1, cls.tsan
        cls.done = True


def report(*args, cwd=None):
    return subprocess.run([A.lockgraph, "report", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd or A.work)


class Case(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        Inputs.make()
        cls.I = Inputs

    def all_inputs(self):
        return [self.I.hook, self.I.an_json, self.I.tsan[0]]

    def json_report(self, *inputs, extra=()):
        out = os.path.join(A.work, "r-%d.json" % len(os.listdir(A.work)))
        r = report("--format=json", "-o", out, *extra, *inputs)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        with open(out) as f:
            return json.load(f)


class Merge(Case):
    def test_one_finding_per_problem_with_all_its_evidence(self):
        doc = self.json_report(*self.all_inputs())
        by_title = {f["title"]: f for f in doc["findings"]}
        inv = by_title["accounts_lock => journal_lock => accounts_lock"]
        self.assertEqual(inv["sources"], ["analyzer", "hook", "tsan"])
        self.assertTrue(inv["confirmed"])
        # TSan's M0/M1 are shown under the program's names, matched by where they were taken
        tsan = [e for e in inv["evidence"] if e["source"] == "tsan"][0]
        self.assertEqual(sorted(tsan["locks"]), ["accounts_lock", "journal_lock"])
        sites = {(e["from"], e["to"]): e["acquired"]["line"] for e in inv["edges"]}
        self.assertEqual(sites[("accounts_lock", "journal_lock")], line_of("pthread_mutex_lock(&journal_lock);  //"))
        self.assertEqual(sites[("journal_lock", "accounts_lock")], line_of("pthread_mutex_lock(&accounts_lock);  //"))
        # the inversion print_stats() never ran: the analyzer's alone, not confirmed
        static = by_title["audit_lock => stats_lock => audit_lock"]
        self.assertEqual((static["sources"], static["confirmed"]), (["analyzer"], False))
        # the analyzer's two unlocked-rmw of `transfers` and TSan's data race: one finding
        race = [f for f in doc["findings"] if f["kind"] == "unlocked-rmw"]
        self.assertEqual(len(race), 1, [f["title"] for f in doc["findings"]])
        self.assertEqual((race[0]["title"], race[0]["sources"], race[0]["confirmed"]),
                         ("transfers", ["analyzer", "tsan"], True))
        self.assertEqual(len(doc["findings"]), 3)
        self.assertEqual(doc["summary"]["confirmed"], 2)

    def test_the_analyzers_sarif_reads_as_its_json(self):
        a = self.json_report(self.I.hook, self.I.an_json, self.I.tsan[0])
        b = self.json_report(self.I.hook, self.I.an_sarif, self.I.tsan[0])
        key = lambda d: sorted((f["kind"], f["title"], f["confirmed"], tuple(f["fingerprints"])) for f in d["findings"])
        self.assertEqual(key(a), key(b))

    def test_a_static_inversion_confirmed_by_the_hook_alone(self):
        doc = self.json_report(self.I.an_json, self.I.hook)
        inv = [f for f in doc["findings"] if f["title"].startswith("accounts_lock")][0]
        self.assertEqual((inv["sources"], inv["confirmed"]), (["analyzer", "hook"], True))

    def test_tsan_alone_names_its_mutexes_by_where_they_were_taken(self):
        doc = self.json_report(self.I.tsan[0])
        inv = [f for f in doc["findings"] if f["kind"] == "lock-order-inversion"][0]
        self.assertFalse(inv["confirmed"])
        for name in inv["cycle"]:
            self.assertRegex(name, r"^M\d+@bank\.c:\d+$")
        race = [f for f in doc["findings"] if f["kind"] == "data-race"][0]
        self.assertEqual(race["title"], "transfers")
        lines = sorted(a["line"] for e in race["evidence"] for a in e["accesses"])
        with open(BANK) as f:
            self.assertEqual(lines, [n for n, l in enumerate(f, 1) if "transfers++;" in l])

    def test_text_names_what_confirmed_it(self):
        r = report(*self.all_inputs())
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stdout, r"bank\.c:\d+:3: warning: lock-order-inversion: accounts_lock => journal_lock => "
                                   r"accounts_lock \[lockgraph-lock-order-inversion\] \(confirmed: analyzer \+ hook \+ tsan")
        self.assertIn("3 finding(s), 2 confirmed at run time", r.stdout)


class Deadlock(unittest.TestCase):
    """An actual deadlock is linked to the lock cycle its blocked threads formed, both ways."""

    @classmethod
    def setUpClass(cls):
        w = cls.w = os.path.join(A.work, "deadlock")
        shutil.rmtree(w, ignore_errors=True)
        os.makedirs(w)
        seed = os.path.join(REPO, "testdata", "seed", "ab_deadlock.c")
        exe = os.path.join(w, "ab")
        subprocess.run([A.cc, "-g", "-O0", "-pthread", seed, "-o", exe], check=True)
        cls.hook = os.path.join(w, "hook.jsonl")
        r = subprocess.run([A.lockgraph, "run", "--json", cls.hook, "--", exe], capture_output=True, text=True,
                           timeout=120)
        assert r.returncode == 67, r.stderr  # reported, then ended
        db = os.path.join(w, "db")
        os.makedirs(db)
        with open(os.path.join(db, "compile_commands.json"), "w") as f:
            json.dump([{"directory": db, "file": seed, "arguments": ["clang-19", "-pthread", "-c", seed]}], f)
        cls.static = os.path.join(w, "analyze.json")
        r = subprocess.run([A.lockgraph, "analyze", "-p", db, "--no-cache", "-f", "json", "-o", cls.static],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 1, r.stderr

    def json_report(self, *inputs):
        out = os.path.join(self.w, "r-%d.json" % len(os.listdir(self.w)))
        r = report("--format=json", "-o", out, *inputs)
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(out) as f:
            doc = json.load(f)
        with open(os.path.join(REPO, "docs", "report.schema.json")) as f:
            jsonschema_module().validate(doc, json.load(f))
        return doc

    def pair(self, doc):
        inv = [f for f in doc["findings"] if f["kind"] == "lock-order-inversion"]
        dl = [f for f in doc["findings"] if f["kind"] == "actual-deadlock"]
        self.assertEqual((len(inv), len(dl)), (1, 1), [f["title"] for f in doc["findings"]])
        return inv[0], dl[0]

    def test_the_static_inversion_that_deadlocked(self):
        inv, dl = self.pair(self.json_report(self.static, self.hook))
        self.assertEqual(inv["title"], "A => B => A")
        self.assertEqual((inv["sources"], inv["confirmed"]), (["analyzer", "hook"], True))
        self.assertEqual(inv["deadlocked_in"], [dl["id"]])
        self.assertEqual(dl["realises"], [inv["id"]])
        # each lock once, although 4 threads wait for A (in the order the hook listed the threads)
        self.assertEqual(sorted(dl["title"].split(", ")), ["A", "B"])

    def test_the_analyzer_alone_and_the_deadlock(self):
        # without the hook's own inversion record: the deadlock alone confirms the static cycle
        alone = os.path.join(self.w, "deadlock-only.jsonl")
        with open(self.hook) as f, open(alone, "w") as g:
            g.writelines(l for l in f if json.loads(l)["kind"] == "actual-deadlock")
        inv, dl = self.pair(self.json_report(self.static, alone))
        self.assertEqual((inv["sources"], inv["confirmed"], inv["deadlocked_in"]), (["analyzer", "hook"], True, [dl["id"]]))

    def test_text_says_what_each_thread_holds_and_what_it_formed(self):
        r = report(self.static, self.hook)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertRegex(r.stdout, r"it deadlocked at run time: actual-deadlock (A, B|B, A)\)")
        self.assertIn("the threads formed the lock-order-inversion A => B => A", r.stdout)
        self.assertRegex(r.stdout, r"ab_deadlock\.c:\d+:1: note: hook: thread T\d \(tid \d+\) holds B, acquired here "
                                   r"\(in actionB\)")
        self.assertRegex(r.stdout, r"note: hook: main thread \(tid \d+\) waits to join thread T\d \(tid \d+\) here")

    def test_a_confirm_run_links_by_the_fingerprint_it_confirms(self):
        exe = os.path.join(self.w, "two_locks")
        subprocess.run([A.cc, "-g", "-O0", "-pthread", os.path.join(REPO, "testdata", "confirm", "two_locks.c"), "-o",
                        exe], check=True)
        log = os.path.join(self.w, "confirm.jsonl")
        r = subprocess.run([A.lockgraph, "run", "--confirm", "all", "--json", log, "--", exe], capture_output=True,
                           text=True, timeout=300)
        self.assertEqual(r.returncode, 67, r.stderr)
        # an older hook wrote no held_locks: only "confirms" can link them
        old = os.path.join(self.w, "confirm-old.jsonl")
        with open(log) as f, open(old, "w") as g:
            for line in f:
                rec = json.loads(line)
                for t in rec.get("threads", []):
                    t.pop("held_locks", None)
                g.write(json.dumps(rec) + "\n")
        for inp in (log, old):
            inv, dl = self.pair(self.json_report(inp))
            self.assertEqual((inv["deadlocked_in"], dl["realises"]), ([dl["id"]], [inv["id"]]), inp)
            self.assertEqual(inv["sources"], ["hook"])


class Formats(Case):
    def test_json_follows_its_schema(self):
        jsonschema = jsonschema_module()
        with open(os.path.join(REPO, "docs", "report.schema.json")) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        doc = self.json_report(*self.all_inputs())
        errors = list(validator.iter_errors(doc))
        self.assertEqual(errors, [], [e.message for e in errors[:5]])
        self.assertEqual((doc["format"], doc["version"]), ("lockgraph-report", 1))
        broken = dict(doc, version=2)  # the schema does reject what it should
        self.assertTrue(list(validator.iter_errors(broken)))

    def sarif(self):
        out = os.path.join(A.work, "report.sarif")
        r = report("--sarif", out, "--source-root", REPO, *self.all_inputs())
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(out) as f:
            return out, json.load(f)

    def test_sarif_follows_the_official_schema(self):
        jsonschema = jsonschema_module()
        path, doc = self.sarif()
        schema_file = os.path.join(os.path.dirname(A.multitool), "sarif-2.1.0.json")
        with open(schema_file) as f:
            schema = json.load(f)
        self.assertIn("2.1.0", schema["title"])
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        self.assertEqual(errors, [], [e.message for e in errors[:5]])
        run = doc["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        inv_rule = [x for x in rules if x["id"] == "lock-order-inversion"][0]
        self.assertIn("What to do", inv_rule["help"]["markdown"])  # from docs/findings.md
        self.assertTrue(inv_rule["help"]["text"])
        res = [x for x in run["results"] if x["properties"]["confirmed"] and x["ruleId"] == "lock-order-inversion"][0]
        pf = res["partialFingerprints"]
        for key in ("lockgraph/v1", "lockgraphFingerprint/v1", "lockgraphRuntimeFingerprint/v1", "lockgraphTSanFingerprint/v1"):
            self.assertRegex(pf[key], r"^[0-9a-f]{16}$")
        loc = res["locations"][0]["physicalLocation"]
        self.assertEqual(loc["artifactLocation"], {"uri": "testdata/report/bank.c", "uriBaseId": "SRCROOT"})
        self.assertEqual(len(res["codeFlows"]), 2)  # one per edge
        self.assertEqual(res["level"], "error")

    def test_sarif_passes_microsofts_validator(self):
        path, doc = self.sarif()
        log = os.path.join(A.work, "validation.sarif")

        def validate(p):
            r = subprocess.run([A.multitool, "validate", p, "-o", log, "--log", "ForceOverwrite"],
                               capture_output=True, text=True, timeout=300)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(log) as f:
                return [(x.get("level", "warning"), x["ruleId"]) for x in json.load(f)["runs"][0].get("results", [])]

        self.assertEqual(validate(path), [])
        # the validator does catch a broken log: a result without its message
        del doc["runs"][0]["results"][0]["message"]
        broken = os.path.join(A.work, "broken.sarif")
        with open(broken, "w") as f:
            json.dump(doc, f)
        self.assertIn(("error", "JSON1002"), validate(broken))

    def test_gitlab_code_quality(self):
        out = os.path.join(A.work, "gl-code-quality.json")
        r = report("--format", "codequality", "-o", out, "--source-root", REPO, *self.all_inputs())
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(out) as f:
            issues = json.load(f)
        self.assertEqual(len(issues), 3)
        for i in issues:
            self.assertEqual(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}, True, i)
            self.assertIn(i["severity"], ("info", "minor", "major", "critical", "blocker"))
            self.assertEqual(i["location"]["path"], "testdata/report/bank.c")
            self.assertGreater(i["location"]["lines"]["begin"], 0)
        self.assertEqual(len({i["fingerprint"] for i in issues}), 3)
        self.assertEqual(sorted(i["severity"] for i in issues), ["critical", "critical", "minor"])

    def test_dot_draws_with_graphviz(self):
        out = os.path.join(A.work, "graph.dot")
        self.assertEqual(report("--format=dot", "-o", out, *self.all_inputs()).returncode, 1)
        svg = subprocess.run(["dot", "-Tsvg", out], capture_output=True, text=True, check=True).stdout
        for name in ("accounts_lock", "journal_lock", "audit_lock", "stats_lock"):
            self.assertIn(">%s</text>" % name, svg)
        self.assertEqual(svg.count('class="edge"'), 4)

    def test_baseline_hides_everything_known(self):
        base = os.path.join(A.work, "known.baseline")
        r = report("--write-baseline", base, *self.all_inputs())
        self.assertEqual(r.returncode, 1)
        r = report("--baseline", base, *self.all_inputs())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("0 finding(s), 3 in the baseline", r.stdout)
        # the analyzer and the hook read the same file
        db = os.path.join(A.work, "db")
        r = subprocess.run([A.lockgraph, "analyze", "-p", db, "--no-cache", "--baseline", base], capture_output=True,
                           text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([A.lockgraph, "run", "--baseline", base, "--", self.I.exe], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_bad_input_is_2_and_named(self):
        junk = os.path.join(A.work, "junk.txt")
        with open(junk, "w") as f:
            f.write("hello\n")
        r = report(junk, self.I.hook)
        self.assertEqual(r.returncode, 2)
        self.assertIn("junk.txt: not a lockgraph log", r.stderr)
        self.assertIn("accounts_lock", r.stdout)  # the good input is still reported
        r = report("--format=pdf", self.I.hook)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown format 'pdf'", r.stderr)


class Suppressions(Case):
    """One suppressions file (docs/suppressions.md) read alike by `run`, `analyze` and `report`."""

    def write(self, name, text):
        path = os.path.join(A.work, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def kinds_and_titles(self, supp):
        hook = os.path.join(A.work, "supp-hook.jsonl")
        r = subprocess.run([A.lockgraph, "run", "--suppressions", supp, "--json", hook, "--", self.I.exe],
                           capture_output=True, text=True, timeout=120)
        self.assertIn(r.returncode, (0, 66), r.stderr)
        an = os.path.join(A.work, "supp-analyze.json")
        r = subprocess.run([A.lockgraph, "analyze", "-p", os.path.join(A.work, "db"), "--no-cache", "--suppressions",
                            supp, "--json", an, "-o", "/dev/null"], capture_output=True, text=True, timeout=300)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        with open(hook) as f:
            hook_titles = sorted(" => ".join(json.loads(l)["cycle"]) for l in f if l.strip())
        with open(an) as f:
            an_titles = sorted((json.loads(l)["kind"], json.loads(l)["locks"][0]) for l in f if l.strip())
        doc = self.json_report(*self.all_inputs(), extra=("--suppressions", supp))
        return hook_titles, an_titles, sorted(f["title"] for f in doc["findings"]), doc["summary"]["suppressed"]

    def test_one_file_for_the_three_commands(self):
        supp = self.write("team.supp", "# known, ticket 42\n"
                                       "lock-order-inversion lock:journal_lock file:report/bank.c   # both fields\n"
                                       "unlocked-rmw lock:transfer?\n"
                                       "lock-order-inversion function:no_such_function* lock:audit_lock\n")
        hook, an, merged, suppressed = self.kinds_and_titles(supp)
        self.assertEqual(hook, [])
        self.assertEqual(an, [("lock-order-inversion", "audit_lock")])
        self.assertEqual(merged, ["audit_lock => stats_lock => audit_lock"])
        self.assertEqual(suppressed, 2)

    def test_older_forms_are_read_too(self):
        # the hook's KIND:GLOB and the analyzer config's `suppress KIND NAME FILE`
        supp = self.write("old.supp", "lock-order-inversion:rotate_*\nsuppress unlocked-rmw transfers *bank.c\n")
        hook, an, merged, _ = self.kinds_and_titles(supp)
        self.assertEqual(hook, [])
        self.assertEqual(an, [("lock-order-inversion", "audit_lock")])
        self.assertEqual(merged, ["audit_lock => stats_lock => audit_lock"])

    def test_by_fingerprint_and_kind_wildcard(self):
        with open(self.I.hook) as f:
            fp = json.loads(f.readline())["fingerprint"]
        supp = self.write("fp.supp", "* fingerprint:%s\n" % fp)
        hook, an, merged, _ = self.kinds_and_titles(supp)
        self.assertEqual(hook, [])
        self.assertEqual(len(an), 4)  # the analyzer's fingerprints differ
        self.assertEqual(len(merged), 2)  # the merged finding has the hook's fingerprint among its own

    def test_a_bad_rule_is_refused_by_each_command(self):
        supp = self.write("bad.supp", "lock-order-inversion lock:A\nlock-order-inversion color:red\n")
        r = subprocess.run([A.lockgraph, "run", "--suppressions", supp, "--", self.I.exe], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 125)
        self.assertIn("bad.supp: line 2: expected FIELD:GLOB", r.stderr)
        r = subprocess.run([A.lockgraph, "analyze", "-p", os.path.join(A.work, "db"), "--suppressions", supp],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn("line 2", r.stderr)
        r = report("--suppressions", supp, self.I.hook)
        self.assertEqual(r.returncode, 2)
        self.assertIn("line 2", r.stderr)
        supp = self.write("bad2.supp", "no-such-kind lock:A\n")
        r = report("--suppressions", supp, self.I.hook)
        self.assertIn("unknown finding id 'no-such-kind'", r.stderr)


class DayOne(Case):
    """What a user meets first: --help everywhere, the same option spellings, progress only on a
    terminal and never in CI."""

    def test_every_command_has_help(self):
        for args in (["--help"], ["run", "--help"], ["report", "--help"], ["analyze", "--help"], ["help", "report"]):
            r = subprocess.run([A.lockgraph, *args], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
            self.assertRegex(r.stdout, r"(?i)usage:", args)
        for cmd in ("run", "report"):
            out = subprocess.run([A.lockgraph, cmd, "--help"], capture_output=True, text=True).stdout
            for opt in ("-o, --output FILE", "-f, --format FORMAT", "--baseline FILE", "--suppressions FILE", "--json FILE",
                        "--sarif FILE"):
                self.assertIn(opt, out, cmd)
        out = subprocess.run([A.lockgraph, "analyze", "--help"], capture_output=True, text=True).stdout
        for opt in ("--baseline=", "--suppressions=", "--json=", "--sarif=", "--format=", "-o <file>"):
            self.assertIn(opt, out)

    def test_same_spellings(self):
        a = os.path.join(A.work, "spell-a.json")
        b = os.path.join(A.work, "spell-b.json")
        self.assertEqual(report("--format=json", "--output=" + a, self.I.hook).returncode, 1)
        self.assertEqual(report("-f", "json", "-o", b, self.I.hook).returncode, 1)
        with open(a) as fa, open(b) as fb:
            self.assertEqual(fa.read(), fb.read())
        c = os.path.join(A.work, "spell-c.json")
        r = subprocess.run([A.lockgraph, "run", "-f", "json", "-o", c, "--", self.I.exe], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 66, r.stderr)
        with open(c) as f:
            self.assertEqual(json.load(f)["findings"][0]["title"], "accounts_lock => journal_lock => accounts_lock")

    def analyze_on_a_terminal(self, **env):
        import pty
        db = os.path.join(A.work, "db")
        pid, fd = pty.fork()
        if pid == 0:
            e = {k: v for k, v in os.environ.items() if k != "CI"}
            e.update(env)
            os.execve(A.lockgraph, [A.lockgraph, "analyze", "-p", db, "--no-cache", "-o", os.devnull], e)
        out = b""
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        return out.decode(errors="replace")

    def test_progress_on_a_terminal_but_not_in_ci(self):
        self.assertIn("[1/1] bank.c", self.analyze_on_a_terminal())
        self.assertNotIn("[1/1]", self.analyze_on_a_terminal(CI="true"))
        # and never in a log (not a terminal)
        r = subprocess.run([A.lockgraph, "analyze", "-p", os.path.join(A.work, "db"), "--no-cache", "-o", os.devnull],
                           capture_output=True, text=True, timeout=300)
        self.assertNotIn("[1/1]", r.stderr)


class Html(Case):
    def page(self):
        out = os.path.join(A.work, "report.html")
        r = report("--html", out, "--source-root", REPO, *self.all_inputs())
        self.assertEqual(r.returncode, 1, r.stderr)
        return out

    def chromium(self, *args):
        profile = os.path.join(A.work, "chromium-profile-%d" % os.getpid())
        shutil.rmtree(profile, ignore_errors=True)
        cmd = [A.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", "--user-data-dir=" + profile, *args]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        shutil.rmtree(profile, ignore_errors=True)
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        return r.stdout

    def test_page_is_self_contained(self):
        with open(self.page()) as f:
            html = f.read()
        self.assertNotRegex(html, r'<(script|link|img)\b')
        self.assertNotRegex(html, r'(src|href)="(https?:|file:)')

    def test_what_a_person_sees(self):
        page = self.page()
        dom = self.chromium("--dump-dom", "file://" + page)
        # the graph: drawn (an SVG by Graphviz), with both cycles and the locks named
        svg = dom[dom.index("<svg"):dom.index("</svg>")]
        for name in ("accounts_lock", "journal_lock", "audit_lock", "stats_lock"):
            self.assertIn(">%s</text>" % name, svg)
        edges = re.findall(r'<g id="(edge-\d+)" class="edge">(.*?)</g>\s*</g>', svg, re.S)
        self.assertEqual(len(edges), 4, svg[:2000])
        for anchor, body in edges:
            self.assertIn('stroke="#cf222e"', body)  # each cycle in red
            self.assertIn('href="#%s"' % anchor, body)  # each edge linked to its code
            self.assertIn('id="%s"' % anchor, dom[dom.index("</svg>"):])
        # the code of an edge: the line where journal_lock was taken while accounts_lock was held
        n = line_of("pthread_mutex_lock(&journal_lock);  //")
        self.assertRegex(dom, r'<span class="l hit"><span class="n">%d</span>\s*pthread_mutex_lock\(&amp;journal_lock\);' % n)
        # findings grouped by kind, the confirmed one marked
        f1 = dom[dom.index('<article class="finding confirmed" id="F1">'):]
        f1 = f1[:f1.index("</article>")]
        self.assertIn("accounts_lock =&gt; journal_lock =&gt; accounts_lock", f1)
        self.assertIn("confirmed at run time", f1)
        for src in ("static analyzer", "runtime hook", "ThreadSanitizer"):
            self.assertIn(src, f1)
        self.assertIn('id="kind-lock-order-inversion"', dom)
        self.assertIn('id="kind-unlocked-rmw"', dom)
        f2 = re.search(r'<article class="finding (\w+)" id="F2">', dom)
        self.assertNotEqual(f2.group(1), "confirmed")
        # the screenshot: not blank, and the red of the cycles is on it
        shot = os.path.join(A.work, "report.png")
        self.chromium("--window-size=1280,1100", "--screenshot=" + shot, "file://" + page)
        colours, red = pngcheck.colour_stats(shot, (0xCF, 0x22, 0x2E))
        self.assertGreater(colours, 100)
        self.assertGreater(red, 500)

    def test_without_graphviz_the_page_still_lists_the_edges(self):
        out = os.path.join(A.work, "nodot.html")
        r = report("--html", out, "--graphviz", "/nonexistent/dot", *self.all_inputs())
        self.assertEqual(r.returncode, 1)
        self.assertIn("dot was not found", r.stderr)
        with open(out) as f:
            html = f.read()
        self.assertNotIn("<svg", html)
        self.assertIn('id="edge-1"', html)


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--lockgraph", required=True)
    ap.add_argument("--cc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--multitool", required=True)
    A, rest = ap.parse_known_args()
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        # Debian's python3-jsonschema is for /usr/bin/python3; another python3 may come first on PATH
        if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.exit("python3-jsonschema is missing: run scripts/setup.sh")
    for tool, what in ((A.chromium, "chromium"), (A.multitool, "the SARIF validator (npm @microsoft/sarif-multitool-linux)")):
        if not os.access(tool, os.X_OK):
            sys.exit("%s is missing (%s): run scripts/setup.sh" % (what, tool))
    A.lockgraph = os.path.abspath(A.lockgraph)
    A.work = os.path.abspath(A.work)
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
