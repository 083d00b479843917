#!/usr/bin/env python3
"""The CI recipes of docs/ci/ run, not just written: the plain shell script, the GitHub Actions
workflow and the GitLab job, each on a copy of the sample project (tests/install/sample) with an
installed lockgraph. The YAML files are read and their steps run here in their order (a matrix job
once per shard, a `parallel:` job once per node, artifacts carried between jobs as the services do);
steps that only install lockgraph or talk to the service are stood in for. Each recipe must pass
while the baseline holds every finding, and fail once a new inversion is added. Also: a sharded
analysis merges to exactly the findings of one unsharded run, on a real tree (class Shards).

usage: ci_test.py --build DIR --work DIR --cc CLANG [unittest args]
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
SAMPLE = os.path.join(REPO, "tests", "install", "sample")
A = None
PREFIX = None


def install():
    global PREFIX
    if PREFIX:
        return
    PREFIX = os.path.join(A.work, "prefix")
    shutil.rmtree(A.work, ignore_errors=True)
    os.makedirs(A.work)
    subprocess.run(["cmake", "--install", A.build, "--prefix", PREFIX], check=True, capture_output=True)


def env(**extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith(("LOCKGRAPH", "LD_PRELOAD", "GITHUB", "GITLAB", "CI_"))}
    e["PATH"] = os.path.join(PREFIX, "bin") + ":" + e.get("PATH", "/usr/bin:/bin")
    e["CC"] = A.cc
    e.update(extra)
    return e


def sh(cmd, cwd, **extra):
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env(**extra), capture_output=True, text=True, timeout=900)


def checkout(dest, new_bug=False, baseline=None):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(SAMPLE, dest)
    if new_bug:  # a commit that adds the second inversion
        path = os.path.join(dest, "src", "ledger.c")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write("#define SAMPLE_NEW_BUG 1\n" + text)
    if baseline:
        shutil.copy(baseline, os.path.join(dest, "lockgraph.baseline"))
    return dest


class Recipes(unittest.TestCase):
    baseline = None

    @classmethod
    def setUpClass(cls):
        install()
        if Recipes.baseline:
            return
        # Adopting lockgraph: one run without a baseline finds the known inversion; its report's
        # fingerprints become the committed baseline.
        ws = checkout(os.path.join(A.work, "adopt"))
        r = sh("cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=$CC >/dev/null && ninja -C build >/dev/null && "
               "%s/docs/ci/lockgraph.sh build" % REPO, ws)
        assert r.returncode == 1, r.stdout + r.stderr
        Recipes.baseline = os.path.join(A.work, "lockgraph.baseline")
        r = sh("lockgraph report --write-baseline %s lockgraph-out/lockgraph.json" % Recipes.baseline, ws)
        assert r.returncode == 1, r.stderr
        with open(os.path.join(ws, "lockgraph-out", "lockgraph.json")) as f:
            titles = [x["title"] for x in json.load(f)["findings"]]
        assert titles == ["accounts_mu => ledger_mu => accounts_mu"], titles

    # ---- the plain shell script ---------------------------------------------------------------------

    def shell(self, name, new_bug):
        ws = checkout(os.path.join(A.work, name), new_bug, self.baseline)
        r = sh("cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=$CC -DLOCKGRAPH_BASELINE=$PWD/lockgraph.baseline "
               ">/dev/null && ninja -C build >/dev/null && %s/docs/ci/lockgraph.sh build" % REPO, ws)
        return ws, r

    def test_shell_script_passes_with_the_baseline_and_fails_on_a_new_finding(self):
        ws, r = self.shell("shell-ok", False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr[-3000:])
        out = os.path.join(ws, "lockgraph-out")
        with open(os.path.join(out, "lockgraph.sarif")) as f:
            sarif = json.load(f)
        self.assertEqual((sarif["version"], sarif["runs"][0]["results"]), ("2.1.0", []))
        self.assertIn("0 finding(s)", r.stdout)
        for f in ("lockgraph.html", "gl-code-quality.json", "lockgraph.json", "analyze.json"):
            self.assertTrue(os.path.exists(os.path.join(out, f)), f)
        ws, r = self.shell("shell-new", True)
        self.assertEqual(r.returncode, 1, r.stdout[-3000:])
        with open(os.path.join(ws, "lockgraph-out", "lockgraph.json")) as f:
            doc = json.load(f)
        (new,) = doc["findings"]
        self.assertEqual(sorted(new["cycle"]), ["audit_mu", "ledger_mu"])
        self.assertEqual(new["sources"], ["analyzer", "hook"])  # per-test logs and the analysis, merged
        self.assertTrue(new["confirmed"])
        with open(os.path.join(ws, "lockgraph-out", "lockgraph.sarif")) as f:
            self.assertEqual(len(json.load(f)["runs"][0]["results"]), 1)

    # ---- GitHub Actions ------------------------------------------------------------------------------

    def github(self, name, new_bug):
        import yaml
        with open(os.path.join(REPO, "docs", "ci", "github-actions.yml")) as f:
            wf = yaml.safe_load(f)
        root = os.path.join(A.work, name)
        shutil.rmtree(root, ignore_errors=True)
        artifacts = os.path.join(root, "artifacts")
        os.makedirs(artifacts)
        results = {}
        order = ["analyze", "tests", "report"]
        self.assertEqual(sorted(wf["jobs"]), sorted(order))
        self.assertEqual(wf["jobs"]["report"]["needs"], ["analyze", "tests"])
        for job_name in order:
            job = wf["jobs"][job_name]
            matrix = job.get("strategy", {}).get("matrix", {})
            runs = [{"shard": s} for s in matrix.get("shard", [])] or [{}]
            for m in runs:
                # every job checks out into the same folder, as on the service's runners
                ws = checkout(os.path.join(root, "workspace"), new_bug, self.baseline)
                failed = False
                for step in job["steps"]:
                    if failed and "always()" not in str(step.get("if", "")):
                        continue
                    uses = step.get("uses", "")
                    w = step.get("with", {})
                    sub = lambda s: str(s).replace("${{ matrix.shard }}", str(m.get("shard", "")))
                    if uses.startswith("actions/checkout") or step.get("id") == "install-lockgraph":
                        continue  # the copy above; lockgraph is on PATH
                    if uses.startswith("actions/upload-artifact"):
                        src = os.path.join(ws, w["path"])
                        dst = os.path.join(artifacts, sub(w["name"]))
                        if os.path.isdir(src):
                            shutil.copytree(src, dst, dirs_exist_ok=True)
                        elif os.path.exists(src):
                            os.makedirs(dst, exist_ok=True)
                            shutil.copy(src, dst)
                    elif uses.startswith("actions/download-artifact"):
                        names = sorted(glob.glob(os.path.join(artifacts, w["pattern"]))) if "pattern" in w \
                            else [os.path.join(artifacts, w["name"])]
                        self.assertTrue(names, w)
                        for n in names:
                            shutil.copytree(n, os.path.join(ws, w["path"]), dirs_exist_ok=True)
                    elif uses.startswith("github/codeql-action/upload-sarif"):
                        with open(os.path.join(ws, w["sarif_file"])) as f:
                            results["sarif"] = json.load(f)
                    elif "run" in step:
                        r = sh(sub(step["run"]), ws, **{k: str(v) for k, v in wf.get("env", {}).items()})
                        results[(job_name, step.get("name", ""), m.get("shard"))] = r
                        failed = r.returncode != 0
                    else:
                        self.fail("a step this test cannot stand in for: %s" % step)
        return results

    def test_github_workflow(self):
        res = self.github("github-ok", False)
        report = res[("report", "One report; fail on what is not in the baseline", None)]
        self.assertEqual(report.returncode, 0, report.stdout + report.stderr)
        self.assertEqual(res["sarif"]["runs"][0]["results"], [])
        for shard in range(4):
            self.assertEqual(res[("analyze", "Analyze one shard", shard)].returncode, 0)
        res = self.github("github-new", True)
        report = res[("report", "One report; fail on what is not in the baseline", None)]
        self.assertEqual(report.returncode, 1, report.stdout + report.stderr)
        self.assertEqual([x["ruleId"] for x in res["sarif"]["runs"][0]["results"]], ["lock-order-inversion"])
        self.assertIn("audit_mu", res["sarif"]["runs"][0]["results"][0]["message"]["text"])

    # ---- GitLab CI -----------------------------------------------------------------------------------

    def gitlab(self, name, new_bug):
        import yaml
        with open(os.path.join(REPO, "docs", "ci", "gitlab-ci.yml")) as f:
            ci = yaml.safe_load(f)
        root = os.path.join(A.work, name)
        shutil.rmtree(root, ignore_errors=True)
        artifacts = os.path.join(root, "artifacts")
        os.makedirs(artifacts)
        jobs = {k: v for k, v in ci.items() if isinstance(v, dict) and "script" in v and not k.startswith(".")}
        install = ci[".lockgraph-install"]
        status = {}
        for stage in ci["stages"]:
            for name_, job in jobs.items():
                if job["stage"] != stage:
                    continue
                nodes = job.get("parallel", 1)
                for node in range(1, nodes + 1):
                    ws = checkout(os.path.join(root, "workspace"), new_bug, self.baseline)
                    shutil.copytree(artifacts, ws, dirs_exist_ok=True)  # earlier stages' artifacts
                    lines = []
                    for l in job["script"]:
                        lines += l if isinstance(l, list) else [l]
                    script = "set -e\n" + "\n".join(l for l in lines if l not in install)
                    r = sh(script, ws, CI_NODE_INDEX=str(node), CI_NODE_TOTAL=str(nodes), CI="true")
                    status[(name_, node)] = r
                    arts = job.get("artifacts", {})
                    for p in arts.get("paths", []) + list(arts.get("reports", {}).values()):
                        src = os.path.join(ws, p)
                        if os.path.isdir(src):
                            shutil.copytree(src, os.path.join(artifacts, p), dirs_exist_ok=True)
                        elif os.path.exists(src):
                            os.makedirs(os.path.dirname(os.path.join(artifacts, p)) or artifacts, exist_ok=True)
                            shutil.copy(src, os.path.join(artifacts, p))
        return status, artifacts

    def test_gitlab_job(self):
        status, arts = self.gitlab("gitlab-ok", False)
        self.assertEqual([n for (j, n) in status if j == "lockgraph-analyze"], [1, 2, 3, 4])
        self.assertEqual(len(glob.glob(os.path.join(arts, "facts", "*.facts.json"))), 4)  # one per TU, from 4 nodes
        r = status[("lockgraph-report", 1)]
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(arts, "gl-code-quality.json")) as f:
            self.assertEqual(json.load(f), [])
        status, arts = self.gitlab("gitlab-new", True)
        r = status[("lockgraph-report", 1)]
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        with open(os.path.join(arts, "gl-code-quality.json")) as f:
            issues = json.load(f)
        self.assertEqual(len(issues), 1)
        self.assertEqual(issues[0]["location"]["path"], "src/ledger.c")


class Shards(unittest.TestCase):
    """A sharded analysis merges to exactly the findings of one unsharded run, on a real tree:
    lockgraph's own compile database, with the testdata programs that have cross-TU findings
    (an inversion across files, a lock wrapper called from another file) and bank.c added."""

    def test_merge_of_shards_is_the_unsharded_result(self):
        work = os.path.join(A.work, "shards")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        with open(os.path.join(A.build, "compile_commands.json")) as f:
            db = json.load(f)
        self.assertGreater(len(db), 20)
        for case in ("crosstu_inversion", "crosstu_wrapper"):
            for src in sorted(glob.glob(os.path.join(REPO, "testdata", "analyzer", case, "*.c"))):
                db.append({"directory": work, "file": src, "arguments": ["clang-19", "-pthread", "-c", src]})
        bank = os.path.join(REPO, "testdata", "report", "bank.c")
        db.append({"directory": work, "file": bank, "arguments": ["clang-19", "-pthread", "-c", bank]})
        with open(os.path.join(work, "compile_commands.json"), "w") as f:
            json.dump(db, f)
        lg = os.path.join(A.build, "bin", "lockgraph-analyze")
        run = lambda *a: subprocess.run([lg, "--no-progress", *a], capture_output=True, text=True, timeout=1800)
        single = run("-p", work, "--no-cache", "--format=json")
        self.assertEqual(single.returncode, 1, single.stderr)
        for i in range(3):
            r = run("-p", work, "--emit-facts", "--facts-dir", os.path.join(work, "facts-%d" % i), "--shard", "%d/3" % i)
            self.assertEqual(r.returncode, 0, r.stderr)
        shards = [os.path.join(work, "facts-%d" % i) for i in range(3)]
        self.assertEqual(sum(len(glob.glob(os.path.join(s, "*.facts.json"))) for s in shards), len(db))
        merged = run("--merge", *shards, "-p", work, "--no-cache", "--format=json")
        self.assertEqual(merged.returncode, 1, merged.stderr)
        self.assertEqual(merged.stdout, single.stdout)
        kinds = sorted(json.loads(l)["kind"] for l in single.stdout.splitlines())
        self.assertIn("lock-order-inversion", kinds)
        # without -p the merge cannot parse the wrapper's callers again: the wrapper's inversion is missed
        bare = run("--merge", *shards, "--format=json")
        self.assertNotEqual(bare.stdout, single.stdout)


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", required=True)
    A, rest = ap.parse_known_args()
    A.build, A.work = os.path.abspath(A.build), os.path.abspath(A.work)
    try:
        import yaml  # noqa: F401
    except ImportError:
        if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.exit("python3-yaml is missing: run scripts/setup.sh")
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
