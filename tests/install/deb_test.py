#!/usr/bin/env python3
"""The Debian package: `cpack -G DEB` from the build tree, its control data and contents as dpkg
reads them (dpkg-deb -I/-c), its dependencies resolvable by apt on this Debian 12 (apt-get -s
install ./lockgraph_*.deb: a simulation, nothing is installed), and the package unpacked into a
scratch root (dpkg -x) where the installed command runs a program under its hook and analyzes one.

usage: deb_test.py --build DIR --work DIR --cc CLANG --version V
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

A = None


class Deb(unittest.TestCase):
    deb = None

    @classmethod
    def setUpClass(cls):
        shutil.rmtree(A.work, ignore_errors=True)
        os.makedirs(A.work)
        r = subprocess.run(["cpack", "-G", "DEB", "-B", A.work, "--config", os.path.join(A.build, "CPackConfig.cmake")],
                           capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stdout + r.stderr
        debs = glob.glob(os.path.join(A.work, "lockgraph_*.deb"))
        assert len(debs) == 1, (debs, r.stdout)
        Deb.deb = debs[0]

    def test_name_and_control_data(self):
        self.assertEqual(os.path.basename(self.deb), "lockgraph_%s_amd64.deb" % A.version)
        info = subprocess.run(["dpkg-deb", "-I", self.deb], capture_output=True, text=True, check=True).stdout
        fields = dict(re.findall(r"^ (\w[\w-]*): (.*)$", info, re.M))
        self.assertEqual((fields["Package"], fields["Version"], fields["Architecture"]), ("lockgraph", A.version, "amd64"))
        depends = [d.strip().split(" ")[0] for d in fields["Depends"].split(",")]
        # the libraries (dpkg-shlibdeps) and what lockgraph runs or reads: llvm-symbolizer, clang's headers
        for pkg in ("libc6", "libstdc++6", "libclang-cpp19", "libllvm19", "llvm-19", "libclang-common-19-dev"):
            self.assertIn(pkg, depends, fields["Depends"])
        self.assertIn("graphviz", fields.get("Recommends", ""))

    def test_contents(self):
        listing = subprocess.run(["dpkg-deb", "-c", self.deb], capture_output=True, text=True, check=True).stdout
        files = {l.split()[-1] for l in listing.splitlines()}
        for f in ("./usr/bin/lockgraph", "./usr/bin/lockgraph-analyze", "./usr/lib/lockgraph/liblockgraph-hook.so",
                  "./usr/lib/cmake/lockgraph/lockgraphConfig.cmake", "./usr/lib/cmake/lockgraph/lockgraph-functions.cmake",
                  "./usr/share/man/man1/lockgraph.1", "./usr/share/man/man1/lockgraph-run.1",
                  "./usr/share/man/man1/lockgraph-report.1", "./usr/share/man/man1/lockgraph-analyze.1",
                  "./usr/share/doc/lockgraph/README.md", "./usr/share/doc/lockgraph/docs/report.schema.json",
                  "./usr/share/doc/lockgraph/docs/ci/github-actions.yml"):
            self.assertIn(f, files)
        self.assertFalse([f for f in files if "/work/" in f or "build" in f.split("/")], files)

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("apt-get"), "apt-get's simulation needs root")
    def test_apt_resolves_the_dependencies(self):
        r = subprocess.run(["apt-get", "install", "-s", "-y", self.deb], capture_output=True, text=True, timeout=300,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        self.assertEqual(r.returncode, 0, r.stdout[-2000:] + r.stderr[-2000:])
        self.assertRegex(r.stdout, r"Inst lockgraph ")

    def test_unpacked_it_runs(self):
        root = os.path.join(A.work, "root")
        subprocess.run(["dpkg", "-x", self.deb, root], check=True)
        lg = os.path.join(root, "usr", "bin", "lockgraph")
        src = os.path.join(A.work, "selfdeadlock.c")
        with open(src, "w") as f:
            f.write("#include <pthread.h>\npthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;\n"
                    "int main(void) { pthread_mutex_lock(&M); pthread_mutex_unlock(&M);\n"
                    "  pthread_mutex_t *p = &M; pthread_mutex_lock(p); pthread_mutex_lock(p); return 0; }\n")
        exe = os.path.join(A.work, "selfdeadlock")
        subprocess.run([A.cc, "-g", "-pthread", src, "-o", exe], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("LOCKGRAPH") and k != "LD_PRELOAD"}
        r = subprocess.run([lg, "run", "--", exe], capture_output=True, text=True, timeout=60, env=env)
        self.assertIn("self-deadlock", r.stderr)
        db = os.path.join(A.work, "db")
        os.makedirs(db, exist_ok=True)
        with open(os.path.join(db, "compile_commands.json"), "w") as f:
            json.dump([{"directory": db, "file": src, "arguments": ["clang-19", "-pthread", "-c", src]}], f)
        r = subprocess.run([lg, "analyze", "-p", db, "--no-cache", "--format=json"], capture_output=True, text=True,
                           timeout=300, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual([json.loads(l)["kind"] for l in r.stdout.splitlines()], ["self-deadlock"])
        man = subprocess.run(["man", "-l", os.path.join(root, "usr/share/man/man1/lockgraph-report.1")],
                             capture_output=True, text=True, env=dict(env, MANWIDTH="120")).stdout
        self.assertIn("--suppressions", man.replace("\u2010", "-"))


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
