#!/usr/bin/env python3
"""lockgraph installed like any tool, then moved: `cmake --install` into one prefix, the tree copied
to another and the first removed. From there: the commands find their hook and analyzer relative to
themselves; the man pages say what --help says; and the sample project (tests/install/sample)
adopts lockgraph with find_package(lockgraph CONFIG): its tests run under the hook (per-test logs
merged into one report), its compile database is analyzed by a target, and by one build step per
translation unit that the build system re-runs only when a source or a header it read changes.

usage: install_test.py --build DIR --work DIR --cc CLANG [unittest args]
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
A = None


def run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 600)
    return subprocess.run(cmd, **kw)


class Prefix(unittest.TestCase):
    """Installs into one prefix, copies the tree to another, removes the first."""
    prefix = None

    @classmethod
    def setUpClass(cls):
        if Prefix.prefix:
            return
        first = os.path.join(A.work, "first-prefix")
        Prefix.prefix = os.path.join(A.work, "moved", "lockgraph")
        shutil.rmtree(A.work, ignore_errors=True)
        os.makedirs(os.path.dirname(Prefix.prefix))
        r = run(["cmake", "--install", A.build, "--prefix", first])
        assert r.returncode == 0, r.stdout + r.stderr
        shutil.copytree(first, Prefix.prefix, symlinks=True)
        shutil.rmtree(first)

    def env(self):
        e = dict(os.environ)
        for k in ("LOCKGRAPH_HOOK", "LOCKGRAPH_ANALYZER", "LOCKGRAPH_OPTIONS", "LD_PRELOAD"):
            e.pop(k, None)
        return e

    def bin(self, name="lockgraph"):
        return os.path.join(self.prefix, "bin", name)


class Installed(Prefix):

    def test_the_tree_names_no_build_folder(self):
        # text files (the CMake package, docs) hold no build or first-prefix path; the programs
        # have no RPATH/RUNPATH into them (their debug info may name the sources: that is fine)
        for root, _, files in os.walk(self.prefix):
            for f in files:
                path = os.path.join(root, f)
                with open(path, "rb") as fh:
                    data = fh.read()
                if data[:4] == b"\x7fELF":
                    dyn = run(["readelf", "-d", path]).stdout
                    self.assertNotIn(A.build, dyn, path)
                    self.assertNotIn("first-prefix", dyn, path)
                    continue
                self.assertFalse(os.path.abspath(A.build).encode() in data or b"first-prefix" in data, path)

    def test_commands_find_their_hook_and_analyzer(self):
        src = os.path.join(A.work, "inv.c")
        with open(src, "w") as f:
            f.write("#include <pthread.h>\n"
                    "pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;\n"
                    "static void *ba(void *p) { pthread_mutex_lock(&B); pthread_mutex_lock(&A);\n"
                    "  pthread_mutex_unlock(&A); pthread_mutex_unlock(&B); return p; }\n"
                    "int main(void) { pthread_mutex_lock(&A); pthread_mutex_lock(&B); pthread_mutex_unlock(&B);\n"
                    "  pthread_mutex_unlock(&A); pthread_t t; pthread_create(&t, 0, ba, 0); pthread_join(t, 0); return 0; }\n")
        exe = os.path.join(A.work, "inv")
        run([A.cc, "-g", "-pthread", src, "-o", exe], check=True)
        r = run([self.bin(), "run", "--", exe], env=self.env())
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("WARNING: lockgraph: latent-lock-order", r.stderr)
        self.assertIn("A => B => A", r.stderr)
        db = os.path.join(A.work, "db")
        os.makedirs(db, exist_ok=True)
        with open(os.path.join(db, "compile_commands.json"), "w") as f:
            json.dump([{"directory": db, "file": src, "arguments": ["clang-19", "-pthread", "-c", src]}], f)
        r = run([self.bin(), "analyze", "-p", db, "--no-cache"], env=self.env())
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("[lockgraph-", r.stdout)
        self.assertEqual(run([self.bin(), "--version"]).stdout.strip(), "lockgraph " + A.version)

    def test_man_pages_say_what_help_says(self):
        man = os.path.join(self.prefix, "share", "man", "man1")
        pages = sorted(os.listdir(man))
        self.assertEqual(pages, ["lockgraph-analyze.1", "lockgraph-report.1", "lockgraph-run.1", "lockgraph.1"])
        for page, cmd in (("lockgraph.1", ["--help"]), ("lockgraph-run.1", ["run", "--help"]),
                          ("lockgraph-report.1", ["report", "--help"]), ("lockgraph-analyze.1", ["analyze", "--help"])):
            helptext = run([self.bin()] + cmd).stdout
            rendered = run(["man", "-l", "-E", "UTF-8", os.path.join(man, page)], env=dict(self.env(), MANWIDTH="200",
                           MAN_KEEP_FORMATTING="0")).stdout
            rendered = re.sub(r".\x08", "", rendered)
            flat = " ".join(rendered.replace("\u2010", "-").replace("\u2212", "-").split())
            # every option the command lists is in its page, with its description
            opts = re.findall(r"^  (-[-\w]+(?:[ =][A-Z<][\w>.]*)?)", helptext, re.M)
            self.assertGreater(len(opts), 3, (page, helptext[:300]))
            for o in opts:
                self.assertIn(o.split("=")[0].split(" ")[0], flat, page)
            first_para = helptext.split("\n\n")[1] if page != "lockgraph-analyze.1" else ""
            if first_para and not first_para.startswith(("OVERVIEW", "USAGE")):
                self.assertIn(" ".join(first_para.split()[:12]), flat, page)

    def test_docs_and_schema_are_installed(self):
        doc = os.path.join(self.prefix, "share", "doc", "lockgraph")
        for f in ("README.md", "docs/ci.md", "docs/suppressions.md", "docs/report.schema.json", "docs/ci/lockgraph.sh",
                  "docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml"):
            self.assertTrue(os.path.exists(os.path.join(doc, f)), f)


class SampleProject(Prefix):
    """tests/install/sample configured against the moved prefix."""

    def configure(self, name, *defs):
        src = os.path.join(A.work, name)
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(os.path.join(HERE, "sample"), src)
        build = os.path.join(src, "build")
        r = run(["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_C_COMPILER=" + A.cc,
                 "-DCMAKE_PREFIX_PATH=" + self.prefix, *defs], env=self.env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = run(["ninja", "-C", build], env=self.env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return src, build

    def test_tests_run_under_the_hook_and_merge(self):
        src, build = self.configure("sample")
        r = run(["ctest", "--test-dir", build, "--output-on-failure"], env=self.env())
        self.assertNotEqual(r.returncode, 0)  # the known inversion fails the run ...
        failed = re.findall(r"\d+ - (\S+) \(Failed\)", r.stdout)
        self.assertEqual(sorted(failed), ["lockgraph/report", "transfer"], r.stdout)
        logs = sorted(os.path.basename(p).split(".")[0] for p in glob.glob(os.path.join(build, "lockgraph/logs/*.jsonl")))
        self.assertEqual(logs, ["transfer"])  # one log per test that found something
        with open(os.path.join(build, "lockgraph", "lockgraph.json")) as f:
            doc = json.load(f)
        self.assertEqual([f["title"] for f in doc["findings"]], ["accounts_mu => ledger_mu => accounts_mu"])
        for ext in ("txt", "sarif", "html"):
            self.assertTrue(os.path.getsize(os.path.join(build, "lockgraph", "lockgraph." + ext)) > 0)
        # ... and a baseline of it makes the same run pass
        base = os.path.join(src, "lockgraph.baseline")
        r = run([self.bin(), "report", "--write-baseline", base, os.path.join(build, "lockgraph", "lockgraph.json")],
                env=self.env())
        src2, build2 = self.configure("sample-baselined", "-DLOCKGRAPH_BASELINE=" + base)
        r = run(["ctest", "--test-dir", build2, "--output-on-failure"], env=self.env())
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_analysis_target_and_per_tu_build_steps(self):
        src, build = self.configure("sample-analysis")
        r = run(["ninja", "-C", build, "lockgraph-analysis"], env=self.env())
        self.assertNotEqual(r.returncode, 0)  # findings fail the target
        self.assertIn("accounts_mu => ledger_mu => accounts_mu", r.stdout + r.stderr)
        with open(os.path.join(build, "lockgraph", "lockgraph-analysis", "analysis.sarif")) as f:
            self.assertEqual(len(json.load(f)["runs"][0]["results"]), 1)
        base = os.path.join(A.work, "analysis.baseline")
        with open(os.path.join(build, "lockgraph", "lockgraph-analysis", "analysis.json")) as f:
            with open(base, "w") as out:
                out.write("".join(json.loads(l)["fingerprint"] + "\n" for l in f if l.strip()))
        src, build = self.configure("sample-per-tu", "-DLOCKGRAPH_BASELINE=" + base)
        r = run(["ninja", "-C", build, "lockgraph-facts"], env=self.env())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        steps = re.findall(r"lockgraph: facts of (\S+)", r.stdout)
        self.assertEqual(sorted(steps), ["src/accounts.c", "src/ledger.c", "tests/test_ledger.c", "tests/test_transfer.c"])
        self.assertIn("merging the facts of lockgraph-facts", r.stdout)
        # the same finding as the whole-database target (hidden by the same baseline)
        with open(os.path.join(build, "lockgraph", "lockgraph-facts", "analysis.json")) as f:
            self.assertEqual(f.read(), "")
        # nothing changed: nothing runs again
        r = run(["ninja", "-C", build, "lockgraph-facts"], env=self.env())
        self.assertIn("no work to do", r.stdout)
        # an edited source: its step only, then the merge; a touched header: every TU that read it
        with open(os.path.join(src, "src", "ledger.c"), "a") as f:
            f.write("\n/* edited */\n")
        r = run(["ninja", "-C", build, "lockgraph-facts"], env=self.env())
        self.assertEqual(re.findall(r"lockgraph: facts of (\S+)", r.stdout), ["src/ledger.c"], r.stdout)
        os.utime(os.path.join(src, "src", "bank.h"))
        r = run(["ninja", "-C", build, "lockgraph-facts"], env=self.env())
        self.assertEqual(len(re.findall(r"lockgraph: facts of (\S+)", r.stdout)), 4, r.stdout)
        # a new inversion fails the build step's merge
        src, build = self.configure("sample-new-bug", "-DLOCKGRAPH_BASELINE=" + base, "-DSAMPLE_NEW_BUG=ON")
        r = run(["ninja", "-C", build, "lockgraph-facts"], env=self.env())
        self.assertNotEqual(r.returncode, 0)
        out = r.stdout + r.stderr
        self.assertTrue("audit_mu => ledger_mu => audit_mu" in out or "ledger_mu => audit_mu => ledger_mu" in out, out)


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", required=True)
    ap.add_argument("--version", required=True)
    A, rest = ap.parse_known_args()
    A.build, A.work = os.path.abspath(A.build), os.path.abspath(A.work)
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
