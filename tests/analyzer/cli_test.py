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

    def test_summary_after_the_report_on_one_stream(self):
        # stdout and stderr to one pipe, and to one terminal: the summary is a line of its
        # own after the last warning, never inside one
        d = make_db("onestream", [os.path.join(DATA, "ab_inversion.c"), os.path.join(DATA, "three_cycle.c"),
                                  os.path.join(DATA, "plain_reentry.c")])
        p = subprocess.run([ANALYZER, "--no-progress", "-p", d, "--no-cache"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        import pty
        master, slave = pty.openpty()
        q = subprocess.Popen([ANALYZER, "-p", d, "--no-cache"], stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        chunks = []
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:
                break
            if not b:
                break
            chunks.append(b)
        q.wait(timeout=300)
        os.close(master)
        tty = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", b"".join(chunks).decode(errors="replace")).replace("\r\n", "\n")
        for out in (p.stdout, tty):
            lines = [l.split("\r")[-1] for l in out.split("\n") if l.split("\r")[-1]]
            self.assertRegex(lines[-1], r"^\d+ findings? in 3 translation units$", out)
            for l in lines[:-1]:
                self.assertRegex(l, r"^/.*:\d+:\d+: (warning|note): ", out)
                if ": warning: " in l:
                    self.assertTrue(l.endswith("]"), l)

    def test_self_deadlock_and_wrapper_notes_say_it_once(self):
        d = make_db("notes", [os.path.join(DATA, "plain_reentry.c"), os.path.join(DATA, "mutex_method_table.c")])
        p = run("-p", d, "--no-cache", "--format=json")
        for line in p.stdout.splitlines():
            f = json.loads(line)
            for n in f["notes"]:
                self.assertNotRegex(n["message"], r"is held again while it is held")
                self.assertNotIn("param#", n["message"])
                # one name per lock in a finding: every quoted lock is one the finding names
                for q in re.findall(r"'([^']+)' (?:acquired|held)", n["message"]):
                    self.assertIn(q, f["locks"], n["message"])

    def test_protecting_lock_named_as_the_source_names_it(self):
        # a file-static lock pointer (`static pthread_mutex_t *ml`) is `ml`, not its internal key
        d = make_db("protect", [os.path.join(DATA, "init_once_body.c")])
        p = run("-p", d, "--no-cache", "--format=json")
        msgs = {json.loads(l)["locks"][0]: json.loads(l)["message"] for l in p.stdout.splitlines()}
        self.assertIn("passes", msgs, p.stdout)
        self.assertIn("it is protected by 'ml' elsewhere", msgs["passes"])
        for m in msgs.values():
            self.assertNotIn("static:", m)

    def test_missing_compile_database(self):
        empty = tempfile.mkdtemp(prefix="lg-nodb-")  # outside any build tree
        self.addCleanup(shutil.rmtree, empty, True)
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

    def test_relative_names_are_reported_absolute(self):
        # a recursive make: each directory compiles its files by relative name, and headers are
        # found as ../inc/x.h; the report must name files that exist from wherever it is read
        d = os.path.join(WORK, "relnames")
        shutil.rmtree(d, ignore_errors=True)
        for sub in ("src", "lib", "inc"):
            os.makedirs(os.path.join(d, sub))
        write(os.path.join(d, "inc", "locks.h"),
              "#include <pthread.h>\nextern pthread_mutex_t a, b;\n"
              "static inline void take_b_under_a(void) { pthread_mutex_lock(&a); pthread_mutex_lock(&b);"
              " pthread_mutex_unlock(&b); pthread_mutex_unlock(&a); }\n")
        write(os.path.join(d, "lib", "b.c"),
              '#include "../inc/locks.h"\npthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;\n'
              "void *other(void *p) {\n  pthread_mutex_lock(&b);\n  pthread_mutex_lock(&a);\n"
              "  pthread_mutex_unlock(&a);\n  pthread_mutex_unlock(&b);\n  return p;\n}\n")
        write(os.path.join(d, "src", "main.c"),
              '#include "../inc/locks.h"\nvoid *other(void *);\nstatic void *one(void *p) { take_b_under_a(); return p; }\n'
              "int main(void) {\n  pthread_t t, u;\n  pthread_create(&t, 0, one, 0);\n  pthread_create(&u, 0, other, 0);\n"
              "  pthread_join(t, 0);\n  pthread_join(u, 0);\n  return 0;\n}\n")
        db = [{"directory": os.path.join(d, sub), "file": f, "arguments": ["clang-19", "-pthread", "-c", f]}
              for sub, f in (("src", "main.c"), ("lib", "b.c"))]
        write(os.path.join(d, "compile_commands.json"), json.dumps(db))
        p = run("-p", d, "--no-cache", "--format=json", cwd=WORK)
        self.assertEqual(p.returncode, 1, p.stderr)
        recs = [json.loads(l) for l in p.stdout.splitlines()]
        self.assertEqual([r["kind"] for r in recs], ["lock-order-inversion"])
        files = {recs[0]["file"]} | {n["file"] for n in recs[0]["notes"]}
        self.assertEqual(files, {os.path.join(d, "inc", "locks.h"), os.path.join(d, "lib", "b.c")})
        t = run("-p", d, "--no-cache", cwd=WORK)
        for line in t.stdout.splitlines():
            path = line.split(":")[0]
            self.assertTrue(os.path.isabs(path) and os.path.exists(path), line)
        s = json.loads(run("-p", d, "--no-cache", "--format=sarif", cwd=WORK).stdout)
        uri = s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertTrue(uri.startswith("file://" + d + "/"), uri)

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

    def test_cycles_sharing_an_edge_are_one_finding(self):
        # one finding for the two cycles through fed_lock => job_lock, the other cycles apart; the
        # grouped cycle is in JSON, SARIF and the text notes, and survives the cached result
        d = make_db("shared-edge", [os.path.join(DATA, "cycles_share_edge.c")])
        cache = os.path.join(WORK, "shared-edge-cache")
        shutil.rmtree(cache, ignore_errors=True)
        p = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(p.returncode, 1, p.stderr)
        recs = [json.loads(x) for x in p.stdout.splitlines()]
        self.assertEqual(len(recs), 3)
        grouped = [r for r in recs if "also_cycles" in r]
        self.assertEqual(len(grouped), 1)
        self.assertEqual(grouped[0]["cycle"], ["fed_lock", "job_lock", "node_lock"])
        self.assertEqual(grouped[0]["also_cycles"], [["fed_lock", "job_lock", "part_lock"]])
        self.assertIn("the same order 'fed_lock' => 'job_lock' closes 1 more cycle", grouped[0]["message"])
        self.assertIn(58, [s["line"] for s in grouped[0]["sites"]])  # the other cycle's edges
        s = json.loads(run("-p", d, "--no-cache", "--format=sarif").stdout)
        props = [r.get("properties", {}) for r in s["runs"][0]["results"]]
        self.assertEqual([x["alsoCycles"] for x in props if x], [[["fed_lock", "job_lock", "part_lock"]]])
        text = run("-p", d, "--no-cache", "--format=text").stdout
        self.assertIn("also the cycle fed_lock => job_lock => part_lock => fed_lock", text)
        for _ in range(2):  # written to the cache, then reused from it
            c = run("-p", d, "--facts-dir", cache, "-v", "--format=json")
            self.assertEqual((c.returncode, c.stdout), (1, p.stdout))
        self.assertIn("merged result reused", c.stderr)

    def test_atomic_flag_stores_make_no_lock_wrappers(self):
        # `m_is_server = false` clears a flag: with no exchange or test-and-set of that field
        # anywhere, the store releases nothing, so NetworkConfig's methods are no lock wrappers
        # and game.cc, which calls them, is not analyzed a second time (SuperTuxKart: 1179
        # second analyses of 782 TUs). The spin lock's unlock(), in its own file, stays one.
        d = os.path.join(WORK, "flagstores")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        write(os.path.join(d, "net.h"), """#include <atomic>
struct NetworkConfig {
  std::atomic<bool> m_is_server;
  std::atomic<int> m_type;
  NetworkConfig();
  void unsetNetworking();
};
class SpinLock {
  std::atomic<bool> busy_{false};
 public:
  void lock();
  void unlock();
};
""")
        write(os.path.join(d, "net.cc"), """#include "net.h"
NetworkConfig::NetworkConfig() { m_is_server = false; m_type = 0; }
void NetworkConfig::unsetNetworking() { m_type.store(0); }
void SpinLock::lock() { while (busy_.exchange(true)) {} }
void SpinLock::unlock() { busy_.store(false); }
""")
        write(os.path.join(d, "game.cc"), """#include "net.h"
NetworkConfig *config() { static NetworkConfig c; c.unsetNetworking(); return &c; }
""")
        write(os.path.join(d, "pool.cc"), """#include "net.h"
#include <thread>
static SpinLock lk;
static long n;
static void work() {
  for (int i = 0; i < 1000; i++) {
    lk.lock();
    n++;
    lk.unlock();
    n--;
  }
}
int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  return n == 0 ? 0 : 1;
}
""")
        cmds = [{"directory": d, "file": os.path.join(d, f), "arguments": ["clang++-19", "-std=c++17", "-pthread", "-c", f]}
                for f in ("net.cc", "game.cc", "pool.cc")]
        write(os.path.join(d, "compile_commands.json"), json.dumps(cmds))
        p = run("-p", d, "--no-cache", "--format=json", "-v")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("1 analyzed again with the summaries of 2 lock wrappers", p.stderr)
        found = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
        self.assertEqual([(f["kind"], f["line"]) for f in found], [("unlocked-rmw", 10)], p.stdout)

    def test_cut_search_is_reported(self):
        # a recursion passing a member of its parameter on: the lock paths it makes are cut at
        # 8 members, and the run says so on stderr, in SARIF's notifications, and every time
        # (a cut result is not reused from the cache); a run that cut nothing says nothing
        d = make_db("cut", [os.path.join(DATA, "recursive_member_paths.c")])
        cache = os.path.join(WORK, "cut-cache")
        shutil.rmtree(cache, ignore_errors=True)
        CUT = "not searched: locks more than 8 members below a parameter"
        for args in (["--no-cache"], ["--facts-dir", cache], ["--facts-dir", cache]):
            p = run("-p", d, *args)
            self.assertEqual(p.returncode, 1)
            self.assertIn("warning: " + CUT, p.stderr)
            self.assertIn("in free_owner()", p.stderr)
        p = run("-p", d, "--no-cache", "--format=sarif")
        notes = json.loads(p.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        self.assertEqual([n["level"] for n in notes], ["warning"])
        self.assertIn(CUT, notes[0]["message"]["text"])
        clean = run("-p", make_db("cut-none", [os.path.join(DATA, "ab_inversion.c")]), "--no-cache", "--format=sarif")
        self.assertNotIn("not searched", clean.stderr)
        self.assertEqual(json.loads(clean.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"], [])

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

    def test_dependency_file_flags_write_nothing(self):
        # kbuild's commands (swupdate, busybox) pass the dependency file through the
        # preprocessor: `-Wp,-MD,ipc/.x.o.d`; others `-MD -MF dir/x.d`. The analyzer writes no
        # dependency file into the tree, and a directory that does not exist for one is no
        # failure (it was: "error opening 'ipc/.network_ipc.o.d'", every file of swupdate).
        d = make_db("depfiles", [os.path.join(DATA, "ab_inversion.c"), os.path.join(DATA, "ab_inversion.c")])
        db = os.path.join(d, "compile_commands.json")
        cmds = json.loads(read(db))
        src = cmds[0]["file"]
        cmds[0]["arguments"] = ["clang-19", "-Wp,-MD,missing/.ab.o.d", "-pthread", "-c", src, "-o", "ab.o"]
        cmds[1]["arguments"] = ["clang-19", "-Wp,-MMD,.ab2.o.d,-DUNUSED_BY_TEST=1", "-MD", "-MF", "missing2/ab2.d",
                                "-pthread", "-c", src, "-o", "ab2.o"]
        write(db, json.dumps(cmds))
        # (run from the database's directory: a dependency file the parse wrote would land
        # there or under the commands' directory, which is the same)
        p = run("-p", d, "--no-cache", "--format=json", cwd=d)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertNotIn("could not analyze", p.stderr)
        self.assertEqual([json.loads(l)["kind"] for l in p.stdout.splitlines()], ["lock-order-inversion"])
        self.assertEqual(sorted(f for f in os.listdir(d) if f.endswith(".d")), [])
        self.assertFalse(os.path.exists(os.path.join(d, "missing")) or os.path.exists(os.path.join(d, "missing2")))

    def test_assembly_entries_are_skipped(self):
        # zstd's database lists its .S files: they are neither analyzed nor "could not analyze"
        d = make_db("asm", [os.path.join(DATA, "ab_inversion.c")])
        asm = os.path.join(d, "huf_decompress_amd64.S")
        write(asm, ".text\n.globl f\nf:\n  movq %rdi, %rax\n  ret\n")
        db = os.path.join(d, "compile_commands.json")
        cmds = json.loads(read(db))
        cmds.append({"directory": d, "file": asm, "arguments": ["clang-19", "-c", asm]})
        write(db, json.dumps(cmds))
        p = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(p.returncode, 1, p.stderr)  # the C file's finding, nothing else
        self.assertNotIn("could not analyze", p.stderr)
        kinds = [json.loads(l)["kind"] for l in p.stdout.splitlines()]
        self.assertEqual(kinds, ["lock-order-inversion"])
        self.assertIn("not analyzed: 1 file of the compile database that is not C or C++ (assembly: ", p.stderr)

    def test_other_languages_are_skipped_and_said(self):
        # scotch's CMake database lists its Fortran tests, built by gfortran with its own flags
        # (`-J`): before, each was "could not analyze ... it does not compile" and the run exited 2
        d = make_db("fortran", [os.path.join(DATA, "ab_inversion.c")])
        db = os.path.join(d, "compile_commands.json")
        cmds = json.loads(read(db))
        for name in ("test_dual_f.f90", "test_graph_f.F90", "kernel.cu"):
            write(os.path.join(d, name), "program t\nend program t\n")
            cmds.append({"directory": d, "file": name,
                         "command": "/usr/bin/gfortran -Jsrc/check -o %s.o -c %s" % (name, name)})
        # a language named by `-x`, whatever the extension
        write(os.path.join(d, "table.inc"), "program u\nend program u\n")
        cmds.append({"directory": d, "file": "table.inc", "arguments": ["gfortran", "-x", "f95", "-c", "table.inc"]})
        # and a C file with `-x c` and an extension the driver does not know: still analyzed
        c_src = os.path.join(d, "copy.cpy")
        write(c_src, read(os.path.join(DATA, "ab_inversion.c")))
        cmds.append({"directory": d, "file": c_src, "arguments": ["clang-19", "-x", "c", "-pthread", "-c", c_src]})
        write(db, json.dumps(cmds))
        p = run("-p", d, "--no-cache", "--format=json", "-v")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertNotIn("could not analyze", p.stderr)
        self.assertIn("2 translation units", p.stderr)
        self.assertEqual({json.loads(l)["kind"] for l in p.stdout.splitlines()}, {"lock-order-inversion"})
        said = [l for l in p.stderr.splitlines() if "not analyzed:" in l]
        self.assertEqual(len(said), 1, p.stderr)
        self.assertIn("4 files of the compile database that are not C or C++ (CUDA: ", said[0])
        self.assertIn("; Fortran: ", said[0])
        self.assertIn("and 1 more)", said[0])  # three Fortran files: two named
        # naming one on the command line is a usage error that says why
        p = run("-p", d, "--no-cache", "test_dual_f.f90")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("'test_dual_f.f90' is Fortran in the compile database", p.stderr)
        self.assertIn("reads C and C++ only", p.stderr)

    def test_files_and_flags_without_a_database(self):
        # `FILES... -- FLAGS`, as clang-tidy: no compile_commands.json, the flags are the compiler's
        d = os.path.join(WORK, "fixed")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        src = os.path.join(d, "maybe.c")
        write(src, read(os.path.join(DATA, "ab_inversion.c")).replace(
            "pthread_mutex_lock(&A);", "LOCK_A();", 1).replace("#include <pthread.h>",
            "#include <pthread.h>\n#ifdef INVERT\n#define LOCK_A() pthread_mutex_lock(&A)\n"
            "#else\n#define LOCK_A() ((void)0)\n#endif", 1))
        p = run("maybe.c", "--", "-pthread", "-DINVERT", cwd=d)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("lockgraph-lock-order-inversion", p.stdout)
        p = run("maybe.c", "--", "-pthread", cwd=d)  # the flags are used: without INVERT no cycle
        self.assertEqual((p.returncode, p.stdout), (0, ""), p.stderr)
        self.assertEqual(os.listdir(d), ["maybe.c"])  # no cache left in the current directory
        p = run(os.path.join(REPO, "testdata", "seed", "counter_racy.cc"), "--format=json", "--", "-std=c++17",
                "-pthread", cwd=d)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual({json.loads(l)["kind"] for l in p.stdout.splitlines()}, {"unlocked-rmw"})
        for args, msg in ((["--", "-pthread"], "no source file before '--'"),
                          (["missing.c", "--"], "'missing.c': no such source file"),
                          (["-p", d, "maybe.c", "--", "-pthread"], "not with -p or --merge")):
            p = run(*args, cwd=d)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(msg, p.stderr)
        # the launcher passes what follows "--" as it is, and its CI option before it
        launcher = os.path.join(os.path.dirname(ANALYZER), "lockgraph")
        if os.path.exists(launcher):
            p = subprocess.run([launcher, "analyze", "-f", "json", "maybe.c", "--", "-pthread", "-DINVERT"], cwd=d,
                               capture_output=True, text=True, env=dict(os.environ, CI="true"), timeout=300)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertEqual([json.loads(l)["kind"] for l in p.stdout.splitlines()], ["lock-order-inversion"])

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

    def test_self_deadlock_paths_are_one_finding(self):
        # testdata/analyzer/self_deadlock_paths.c: four callers reach force_next()'s LOCK with
        # lookup_lock held; force_next()'s own re-lock is not reported apart
        src = read(os.path.join(DATA, "self_deadlock_paths.c"))
        f = os.path.join(WORK, "sdpaths.c")
        write(f, src)
        d = make_db("sdpaths", [f])
        p = run("-p", d, "--no-cache", "--format=json")
        recs = [json.loads(l) for l in p.stdout.splitlines()]
        self.assertEqual([(r["kind"], r["function"], r.get("paths")) for r in recs], [("self-deadlock", "recv_done", 4)])
        self.assertIn("4 call paths reach this acquisition with the lock held (the shortest 3 shown)", recs[0]["message"])
        text = run("-p", d, "--no-cache").stdout
        self.assertIn("note: path 2 of 4, in send_done(): 'lookup_lock' acquired here", text)
        # a baseline written when only the most direct path existed hides the group
        alone = src[: src.index("void send_done")]
        write(f, alone)
        base = os.path.join(WORK, "sdpaths.baseline")
        self.assertEqual(run("-p", d, "--no-cache", "--write-baseline", base).returncode, 1)
        write(f, src)
        p = run("-p", d, "--no-cache", "--baseline", base)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertIn("1 finding hidden by the baseline", p.stderr)
        # suppressions: a function of a path shown, NOLINT on a line of a path shown
        supp = os.path.join(WORK, "sdpaths.supp")
        write(supp, "self-deadlock function:send_done\n")
        self.assertEqual(run("-p", d, "--no-cache", "--suppressions", supp).returncode, 0)
        write(supp, "self-deadlock function:no_such_function\n")
        self.assertEqual(run("-p", d, "--no-cache", "--suppressions", supp).returncode, 1)
        write(f, src.replace("  sent++;\n  start_udp(q);", "  sent++;\n  start_udp(q);  // NOLINT(lockgraph-self-deadlock)"))
        self.assertEqual(run("-p", d, "--no-cache").returncode, 0)

    def test_repeats_of_one_fingerprint_are_one_finding(self):
        # testdata/analyzer/rmw_macro_repeats.c: a counting logging macro expanded twice in
        # log_status() is one finding listing both sites; worker()'s own update is another
        d = make_db("repeats", [os.path.join(DATA, "rmw_macro_repeats.c")])
        p = run("-p", d, "--no-cache", "--format=json")
        self.assertEqual(p.returncode, 1, p.stderr)
        recs = [json.loads(l) for l in p.stdout.splitlines()]
        self.assertEqual([(r["kind"], r["function"], r["line"]) for r in recs],
                         [("unlocked-rmw", "log_status", 25), ("unlocked-rmw", "worker", 33)])
        self.assertEqual(len({r["fingerprint"] for r in recs}), 2)
        self.assertTrue(recs[0]["message"].endswith("concurrent updates can be lost (2 sites)"), recs[0]["message"])
        self.assertFalse(recs[1]["message"].endswith("sites)"), recs[1]["message"])
        self.assertIn({"column": 5, "file": os.path.join(DATA, "rmw_macro_repeats.c"), "line": 27,
                       "message": "another unlocked read-modify-write of 'log_depth' (in log_status)"}, recs[0]["notes"])
        self.assertEqual(sum(1 for n in recs[0]["notes"] if n["line"] == 27), 1)
        sarif = json.loads(run("-p", d, "--no-cache", "--format=sarif").stdout)
        self.assertEqual(len(sarif["runs"][0]["results"]), 2)

    def programs_tree(self):
        # three programs: a threaded server (two TUs, an A/B inversion), a threaded client and a
        # tool without threads (a self-deadlock)
        d = os.path.join(WORK, "budget")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        write(os.path.join(d, "srv.c"), "#include <pthread.h>\n"
              "pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;\n"
              "void srv_other(void);\n"
              "static void *one(void *p) { pthread_mutex_lock(&A); pthread_mutex_lock(&B);\n"
              "  pthread_mutex_unlock(&B); pthread_mutex_unlock(&A); return p; }\n"
              "int main(void) { pthread_t t; pthread_create(&t, 0, one, 0); srv_other(); pthread_join(t, 0); return 0; }\n")
        write(os.path.join(d, "srv_other.c"), "#include <pthread.h>\n"
              "extern pthread_mutex_t A, B;\n"
              "void srv_other(void) { pthread_mutex_lock(&B); pthread_mutex_lock(&A);\n"
              "  pthread_mutex_unlock(&A); pthread_mutex_unlock(&B); }\n")
        write(os.path.join(d, "cli.c"), "#include <pthread.h>\n"
              "static long n;\n"
              "static void *bump(void *p) { n++; return p; }\n"
              "int main(void) { pthread_t t, u; pthread_create(&t, 0, bump, 0); pthread_create(&u, 0, bump, 0);\n"
              "  pthread_join(t, 0); pthread_join(u, 0); return 0; }\n")
        write(os.path.join(d, "tool.c"), "#include <pthread.h>\n"
              "static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;\n"
              "int main(void) { pthread_mutex_lock(&M); pthread_mutex_lock(&M); return 0; }\n")
        cmds = [{"directory": d, "file": f, "arguments": ["clang-19", "-pthread", "-c", f]}
                for f in ("srv.c", "srv_other.c", "cli.c", "tool.c")]
        write(os.path.join(d, "compile_commands.json"), json.dumps(cmds))
        return d

    def test_program_budget(self):
        # the budget takes the threaded, larger programs first
        d = self.programs_tree()
        p = run("-p", d, "--no-cache", "--format=json", "-v")
        self.assertEqual(sorted(json.loads(l)["kind"] for l in p.stdout.splitlines()),
                         ["lock-order-inversion", "self-deadlock", "unlocked-rmw"], p.stderr)
        self.assertIn("] program srv.c: 2 translation units, 1 finding, ", p.stderr)
        self.assertNotIn("not analyzed", p.stderr)
        p = run("-p", d, "--no-cache", "--format=json", "--program-budget", "3")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(sorted(json.loads(l)["kind"] for l in p.stdout.splitlines()),
                         ["lock-order-inversion", "unlocked-rmw"], p.stderr)
        self.assertIn("1 of 3 programs not analyzed: the budget of 3 translation units", p.stderr)
        self.assertIn("(those that start threads first, then the larger): tool.c", p.stderr)
        # the first program always runs, whatever the budget; SARIF says what was left out
        p = run("-p", d, "--no-cache", "--format=sarif", "--program-budget", "1")
        log = json.loads(p.stdout)
        self.assertEqual([r["ruleId"] for r in log["runs"][0]["results"]], ["lock-order-inversion"])
        notes = [n["message"]["text"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
        self.assertTrue(any("2 of 3 programs not analyzed" in n and "cli.c, tool.c" in n for n in notes), notes)

    def test_list_programs(self):
        # which files each program links, as the analysis groups them: the server's two files
        # are one program, the others one each; JSON lines in the findings' key order
        d = self.programs_tree()
        p = run("-p", d, "--no-cache", "--list-programs")
        self.assertEqual(p.returncode, 0, p.stderr)
        got = [json.loads(l) for l in p.stdout.splitlines()]
        self.assertEqual([(g["program"], [os.path.basename(f) for f in g["files"]], g["threads"]) for g in got],
                         [("cli.c", ["cli.c"], True), ("srv.c", ["srv.c", "srv_other.c"], True),
                          ("tool.c", ["tool.c"], False)])
        self.assertTrue(all(list(json.loads(l).keys()) == ["files", "program", "threads"] for l in p.stdout.splitlines()))
        # from the facts cache of an earlier run (the recall harness's use), the same list,
        # never the cached findings
        cache = os.path.join(WORK, "programs-cache")
        shutil.rmtree(cache, ignore_errors=True)
        self.assertEqual(run("-p", d, "--facts-dir", cache).returncode, 1)
        again = run("-p", d, "--facts-dir", cache, "--list-programs")
        self.assertEqual((again.returncode, again.stdout), (0, p.stdout), again.stderr)
        # from merged shards too
        for i in range(2):
            self.assertEqual(run("-p", d, "--facts-dir", cache, "--emit-facts", f"--shard={i}/2").returncode, 0)
        merged = run("--merge", cache, "--list-programs")
        self.assertEqual((merged.returncode, merged.stdout), (0, p.stdout), merged.stderr)
        bad = run("-p", d, "--no-cache", "--list-programs", "--emit-facts")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--list-programs", bad.stderr)

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


    # ---- several programs, several commands per file -----------------------------------

    def test_every_compile_command_of_a_file(self):
        # variant.c built twice: without and with -DREVERSED; each build has its own inversion
        src = os.path.join(WORK, "variant.c")
        write(src, VARIANT_C)
        d = os.path.join(WORK, "variants")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        base = ["clang-19", "-pthread", "-c", src]
        write(os.path.join(d, "compile_commands.json"), json.dumps([
            {"directory": d, "file": src, "arguments": base + ["-o", "plain.o"]},
            {"directory": d, "file": src, "arguments": base + ["-DREVERSED", "-o", "reversed.o"]},
            {"directory": d, "file": src, "arguments": base + ["-o", "plain.o"]},  # an exact repeat: once
        ]))
        p = run("-p", d, "--no-cache", "--format=json", "-v")
        self.assertEqual(p.returncode, 1, p.stderr)
        cycles = sorted(tuple(sorted(json.loads(l)["cycle"])) for l in p.stdout.splitlines())
        # each variant's own inversion; not one made of the two builds' opposite orders of X and Y
        self.assertEqual(cycles, [("A", "B"), ("C", "D")])
        self.assertIn("2 translation units", p.stderr)
        # naming the file selects every command of it
        self.assertEqual(run("-p", d, "--no-cache", "--format=json", src).stdout, p.stdout)

    def test_cmake_file_api(self):
        if not shutil.which("cmake"):
            self.skipTest("no cmake")
        srcdir = os.path.join(DATA, "cmake_programs")
        b = os.path.join(WORK, "cmake-build")
        shutil.rmtree(b, ignore_errors=True)
        os.makedirs(os.path.join(b, ".cmake", "api", "v1", "query"))
        write(os.path.join(b, ".cmake", "api", "v1", "query", "codemodel-v2"), "")
        c = subprocess.run(["cmake", "-S", srcdir, "-B", b, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
                            "-DCMAKE_C_COMPILER=clang-19"], capture_output=True, text=True)
        self.assertEqual(c.returncode, 0, c.stderr)
        p = run("-p", b, "--no-cache", "-v")
        self.assertEqual((p.returncode, p.stdout), (0, ""), p.stderr)
        self.assertIn("link information of 2 programs from CMake's file API", p.stderr)
        # the cached result depends on the link information too
        cache = os.path.join(WORK, "cmake-cache")
        shutil.rmtree(cache, ignore_errors=True)
        self.assertEqual(run("-p", b, "--facts-dir", cache).returncode, 0)
        # without the reply the two tests are one program: the false inversion this avoids
        shutil.rmtree(os.path.join(b, ".cmake", "api", "v1", "reply"))
        p = run("-p", b, "--facts-dir", cache, "--format=json")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual([sorted(json.loads(l)["cycle"]) for l in p.stdout.splitlines()], [["lock_a", "lock_b"]])
        # a reply that cannot be read is an error, not a silent fallback
        reply = os.path.join(b, ".cmake", "api", "v1", "reply")
        os.makedirs(reply)
        write(os.path.join(reply, "index-2099-01-01T00-00-00-0000.json"), '{"objects": [')
        p = run("-p", b, "--no-cache")
        self.assertEqual(p.returncode, 2)
        self.assertIn("CMake file API reply", p.stderr)

    # ---- bad input: a clear error and exit 2, never a crash or a false "clean" -----------

    def test_unusable_directory_is_one_file_not_the_run(self):
        good = os.path.join(DATA, "ab_inversion.c")
        d = os.path.join(WORK, "baddir")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        afile = os.path.join(d, "a-file")
        write(afile, "")
        entries = [
            {"directory": d, "file": good, "arguments": ["clang-19", "-pthread", "-c", good]},
            {"directory": os.path.join(d, "missing"), "file": os.path.join(DATA, "counter_race.c"),
             "arguments": ["clang-19", "-c", "counter_race.c"]},
            {"directory": "relative/dir", "file": os.path.join(DATA, "counter_locked.c"),
             "arguments": ["clang-19", "-c", "counter_locked.c"]},
            {"directory": afile, "file": os.path.join(DATA, "split_rmw.c"), "arguments": ["clang-19", "-c", "split_rmw.c"]},
        ]
        write(os.path.join(d, "compile_commands.json"), json.dumps(entries))
        for fmt in ("json", "sarif"):
            p = run("-p", d, "--no-cache", "--format=" + fmt)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn("counter_race.c: its compile command's \"directory\" '%s' does not exist" % os.path.join(d, "missing"), p.stderr)
            self.assertIn("is not an absolute path", p.stderr)
            self.assertIn("'%s' is not a directory" % afile, p.stderr)
            if fmt == "json":  # the good file's findings are still reported
                self.assertEqual([json.loads(l)["kind"] for l in p.stdout.splitlines()], ["lock-order-inversion"])
            else:
                inv = json.loads(p.stdout)["runs"][0]["invocations"][0]
                self.assertFalse(inv["executionSuccessful"])
                self.assertEqual(len(inv["toolExecutionNotifications"]), 3)

    def test_crash_in_one_file_is_that_file_not_the_run(self):
        # A crash while parsing or extracting one TU (clang's own `#pragma clang __debug crash`
        # traps in the front end, as a bug of clang or of the extractor would; a stack overflow)
        # ends that TU only:
        # the others' findings stand, the file is named, exit 2, and nothing of it is cached.
        d = os.path.join(WORK, "crashing")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        files = [os.path.join(DATA, "ab_inversion.c")]
        for name in ("crash.c", "crash.cc"):
            files.append(os.path.join(d, name))
            write(files[-1], "#include <pthread.h>\nstatic pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
                  "static int n;\nvoid bump(void) { pthread_mutex_lock(&m); n++; pthread_mutex_unlock(&m); }\n"
                  "#pragma clang __debug crash\n")
        # a stack overflow (clang's parser on a sum of 400000 terms, which crashes clang too)
        files.append(os.path.join(d, "deep.c"))
        write(files[-1], "int g;\nvoid f(int x) { g = " + " + ".join(["x"] * 400000) + "; }\n")
        files.append(os.path.join(DATA, "counter_locked.c"))
        db = make_db("crashing-db", files)
        cache = os.path.join(WORK, "crash-cache")
        shutil.rmtree(cache, ignore_errors=True)
        for attempt in range(2):  # the second run reuses the good TUs' facts, never the crashed ones
            p = run("-p", db, "-j", "2", "--cache-dir", cache, "--format=json")
            self.assertEqual(p.returncode, 2, p.stderr)
            for name in ("crash.c", "crash.cc"):
                self.assertIn("could not analyze %s: the analyzer crashed on it (SIGILL)" % os.path.join(d, name), p.stderr)
            self.assertIn("could not analyze %s: the analyzer crashed on it (SIGSEGV)" % os.path.join(d, "deep.c"), p.stderr)
            self.assertNotIn("Timer", p.stderr)  # nothing the crashed TU left behind runs at exit
            self.assertEqual([json.loads(l)["kind"] for l in p.stdout.splitlines()], ["lock-order-inversion"])
        p = run("-p", db, "--no-cache", "--format=sarif")
        inv = json.loads(p.stdout)["runs"][0]["invocations"][0]
        self.assertFalse(inv["executionSuccessful"])
        self.assertEqual(len(inv["toolExecutionNotifications"]), 3)
        # in a shard: its facts say the file failed, and the merge says so too
        facts = os.path.join(WORK, "crash-facts")
        shutil.rmtree(facts, ignore_errors=True)
        rcs = [run("-p", db, "--emit-facts", "--facts-dir", facts, f"--shard={i}/2").returncode for i in range(2)]
        self.assertIn(2, rcs)
        merged = run("--merge", facts, "--format=json")
        self.assertEqual(merged.returncode, 2, merged.stderr)
        self.assertIn("crash.c", merged.stderr, (rcs, merged.stdout))
        self.assertIn("crash.cc", merged.stderr)
        self.assertIn("deep.c", merged.stderr)
        self.assertEqual([json.loads(l)["kind"] for l in merged.stdout.splitlines()], ["lock-order-inversion"])

    def test_source_that_is_not_a_regular_file(self):
        # a FIFO as a database's source would block the parse for ever (clang waits for a writer)
        d = os.path.join(WORK, "fifo-src")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        fifo = os.path.join(d, "pipe.c")
        os.mkfifo(fifo)
        dirsrc = os.path.join(d, "dir.c")
        os.makedirs(dirsrc)
        db = make_db("fifo-db", [fifo, dirsrc, os.path.join(DATA, "ab_inversion.c")])
        p = run("-p", db, "--no-cache", "--format=json")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("could not analyze %s: it is not a regular file (a FIFO)" % fifo, p.stderr)
        self.assertIn("could not analyze %s: it is not a regular file (a directory)" % dirsrc, p.stderr)
        self.assertEqual([json.loads(l)["kind"] for l in p.stdout.splitlines()], ["lock-order-inversion"])

    def test_deeply_nested_baseline(self):
        d = make_db("deep-bl", [os.path.join(DATA, "ab_inversion.c")])
        bad = os.path.join(WORK, "deep-baseline.json")
        for text in ("[" * 200000, '{"a":' * 200000, '{"fingerprint": "0123456789abcdef", "x": ' + "[" * 100000 + "]" * 100000 + "}"):
            write(bad, text)
            p = run("-p", d, "--no-cache", "--baseline", bad)
            self.assertEqual(p.returncode, 2, p.stderr[-300:])
            self.assertIn("deep-baseline.json", p.stderr)
            self.assertEqual(p.stdout, "")

    def cached_tree(self, name):
        files = [os.path.join(WORK, name + n) for n in ("1.c", "2.c")]
        shutil.copy(os.path.join(DATA, "ab_inversion.c"), files[0])
        shutil.copy(os.path.join(DATA, "counter_race.c"), files[1])
        d = make_db(name, files)
        cache = os.path.join(WORK, name + "-cache")
        shutil.rmtree(cache, ignore_errors=True)
        first = run("-p", d, "--facts-dir", cache, "--format=json")
        self.assertEqual(first.returncode, 1)
        return d, cache, first.stdout

    def test_cache_files_are_input(self):
        d, cache, want = self.cached_tree("evil")

        def again(what):
            p = run("-p", d, "--facts-dir", cache, "--format=json", "-v")
            self.assertEqual((p.returncode, p.stdout), (1, want), what + ": " + p.stderr)
            self.assertNotIn("merged result reused", p.stderr, what)
            return p

        def each(suffix):
            return sorted(os.path.join(cache, f) for f in os.listdir(cache) if f.endswith(suffix))

        def replace(path, make):
            os.unlink(path)
            make(path)

        attacks = [
            ("corrupt", lambda p: write(p, '{"format":"lockgraph-facts-1","functions":[{"acq":[{"ref":{"r":99}}]}]}')),
            ("garbage", lambda p: write(p, "\x00\xff not json")),
            ("nested", lambda p: write(p, '{"format":"lockgraph-facts-1","functions":' + "[" * 100000)),
            ("wrong shape", lambda p: write(p, '{"format":"lockgraph-facts-1","functions":5}')),
            ("fifo", lambda p: os.mkfifo(p)),
            ("/dev/zero", lambda p: os.symlink("/dev/zero", p)),
        ]
        for what, make in attacks:
            for suffix in (".facts.json", ".deps", ".result.json"):
                for f in each(suffix):
                    replace(f, make)
                again(what + " " + suffix)
        # facts that are valid but not the ones the .deps file recorded (no findings at all)
        for f in each(".facts.json"):
            text = json.loads(read(f))
            text["functions"] = []
            write(f, json.dumps(text))
        again("forged facts")
        # a forged result: the findings dropped, the first line kept
        run("-p", d, "--facts-dir", cache, "--format=json")
        for f in each(".result.json"):
            head = read(f).split("\n", 1)[0]
            write(f, head + "\n[]\n")
        again("forged result")
        p = run("-p", d, "--facts-dir", cache, "--format=json", "-v")
        self.assertIn("merged result reused", p.stderr)  # and the cache works again

    def test_merge_without_facts_is_an_error(self):
        empty = os.path.join(WORK, "merge-empty")
        shutil.rmtree(empty, ignore_errors=True)
        os.makedirs(empty)
        p = run("--merge", empty)
        self.assertEqual(p.returncode, 2)
        self.assertIn("no facts files", p.stderr)
        p = run("--merge", os.path.join(WORK, "merge-nonexistent"))
        self.assertEqual(p.returncode, 2)
        bad = os.path.join(empty, "x.facts.json")
        for text in ('{"format":"lockgraph-facts-1","functions":5}', '{"format":"lockgraph-facts-1","file":1}',
                     '{"format":"lockgraph-facts-1","functions":[{"s":["f",-1,0,0]}]}', "[" * 100000, "{}"):
            write(bad, text)
            p = run("--merge", empty)
            self.assertEqual(p.returncode, 2, text[:80])
            self.assertIn("x.facts.json", p.stderr)

    def test_bad_shard(self):
        d = make_db("shard-bad", [os.path.join(DATA, "ab_inversion.c")])
        for s in ("2/2", "-1/2", "1/0", "a/b", "1/2/3", "1/2x", "1", "/2", "+1/2", " 1/2"):
            p = run("-p", d, "--no-cache", "--shard=" + s)
            self.assertEqual(p.returncode, 2, s)
            self.assertIn("--shard", p.stderr)
        self.assertEqual(run("-p", d, "--no-cache", "--shard=0/1").returncode, 1)

    def test_usage_errors_exit_2(self):
        d = make_db("usage", [os.path.join(DATA, "ab_inversion.c")])
        for args in (["--bogus"], ["--format=xml"], ["-j1"], ["-j", "x"], ["--max-cycle-length=-3"],
                     ["--baseline"], ["--suppressions"]):
            p = run("-p", d, "--no-cache", *args)
            self.assertEqual(p.returncode, 2, args)
            self.assertNotEqual(p.stderr, "")

    def test_write_failures(self):
        d = make_db("full", [os.path.join(DATA, "ab_inversion.c")])
        if os.path.exists("/dev/full"):
            p = run("-p", d, "--no-cache", "-o", "/dev/full")
            self.assertEqual(p.returncode, 2)
            self.assertIn("/dev/full", p.stderr)
            with open("/dev/full", "w") as full:
                p = subprocess.run([ANALYZER, "--no-progress", "-p", d, "--no-cache"], stdout=full,
                                   stderr=subprocess.PIPE, text=True, timeout=300)
            self.assertEqual(p.returncode, 2)
            self.assertIn("standard output", p.stderr)
            p = run("-p", d, "--no-cache", "--write-baseline", "/dev/full")
            self.assertEqual(p.returncode, 2)
        p = run("-p", d, "--no-cache", "-o", os.path.join(WORK, "no-such-dir", "out.txt"))
        self.assertEqual(p.returncode, 2)

    def test_write_baseline_keeps_links_fifos_and_devices(self):
        import stat
        import threading
        d = make_db("wbl", [os.path.join(DATA, "ab_inversion.c")])
        target = os.path.join(WORK, "wbl-target.txt")
        link = os.path.join(WORK, "wbl-link.txt")
        for f in (target, link):
            if os.path.lexists(f):
                os.unlink(f)
        write(target, "")
        os.symlink(target, link)
        self.assertEqual(run("-p", d, "--no-cache", "--write-baseline", link).returncode, 1)
        self.assertTrue(os.path.islink(link))
        self.assertIn("lock-order-inversion", read(target))
        fifo = os.path.join(WORK, "wbl-fifo")
        if os.path.lexists(fifo):
            os.unlink(fifo)
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(read(fifo)))
        reader.start()
        self.assertEqual(run("-p", d, "--no-cache", "--write-baseline", fifo).returncode, 1)
        reader.join(60)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertIn("lock-order-inversion", got[0])
        if os.geteuid() == 0:  # a device node of our own (/dev/null's numbers)
            dev = os.path.join(WORK, "wbl-null")
            if os.path.lexists(dev):
                os.unlink(dev)
            os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            self.assertEqual(run("-p", d, "--no-cache", "--write-baseline", dev).returncode, 1)
            self.assertTrue(stat.S_ISCHR(os.lstat(dev).st_mode))
            self.assertEqual(run("-p", d, "--no-cache", "-o", dev).returncode, 1)
            self.assertTrue(stat.S_ISCHR(os.lstat(dev).st_mode))

    def test_file_names_that_are_not_utf8(self):
        wd = os.path.join(WORK, "names")
        shutil.rmtree(wd, ignore_errors=True)
        os.makedirs(wd)
        name = os.path.join(wd, "we\nird \xff%#\\.c").encode("utf-8", "surrogateescape")
        name = name.replace("\xff".encode(), b"\xff")  # a byte that is not UTF-8
        with open(name, "wb") as f:
            f.write(read(os.path.join(DATA, "ab_inversion.c")).encode())
        db = [{"directory": wd, "file": name.decode("utf-8", "surrogateescape"),
               "arguments": ["clang-19", "-pthread", "-c", name.decode("utf-8", "surrogateescape")]}]
        with open(os.path.join(wd, "compile_commands.json"), "wb") as f:
            f.write(json.dumps(db, ensure_ascii=False).encode("utf-8", "surrogateescape"))

        def runb(*args):
            return subprocess.run([ANALYZER, "--no-progress", "-p", wd] + list(args), capture_output=True, timeout=300)

        js = runb("--no-cache", "--format=json")
        self.assertEqual(js.returncode, 1, js.stderr)
        rec = json.loads(js.stdout.decode("utf-8", "surrogateescape").splitlines()[0])
        self.assertEqual(os.fsencode(rec["file"]), name)
        self.assertTrue(all(os.fsencode(n["file"]) == name for n in rec["notes"]))
        txt = runb("--no-cache").stdout
        self.assertTrue(all(l.startswith(b"/") for l in txt.splitlines()), txt)  # one line per warning/note
        self.assertIn(b"we\\nird \\xff%#\\\\.c:", txt)
        sarif = json.loads(runb("--no-cache", "--format=sarif").stdout)
        from urllib.parse import unquote_to_bytes
        uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertTrue(uri.startswith("file:///"))
        self.assertEqual(unquote_to_bytes(uri[len("file://"):]), name)
        # baselines of each kind, read back by the analyzer
        for fmt in ("json", "sarif"):
            base = os.path.join(WORK, "names-baseline." + fmt)
            self.assertEqual(runb("--no-cache", "--format=" + fmt, "-o", base).returncode, 1)
            self.assertEqual(runb("--no-cache", "--baseline", base).returncode, 0, fmt)
        base = os.path.join(WORK, "names-baseline.txt")
        self.assertEqual(runb("--no-cache", "--write-baseline", base).returncode, 1)
        self.assertEqual(runb("--no-cache", "--baseline", base).returncode, 0)
        # the facts cache, its merged result, and --emit-facts/--merge keep the name
        cache = os.path.join(WORK, "names-cache")
        shutil.rmtree(cache, ignore_errors=True)
        self.assertEqual(runb("--facts-dir", cache, "--format=json").stdout, js.stdout)
        self.assertEqual(runb("--facts-dir", cache, "--format=json").stdout, js.stdout)
        facts = os.path.join(WORK, "names-facts")
        shutil.rmtree(facts, ignore_errors=True)
        self.assertEqual(runb("--emit-facts", "--facts-dir", facts).returncode, 0)
        m = subprocess.run([ANALYZER, "--merge", facts, "--format=json"], capture_output=True, timeout=300)
        self.assertEqual(m.stdout, js.stdout)


VARIANT_C = """#include <pthread.h>
pthread_mutex_t X = PTHREAD_MUTEX_INITIALIZER, Y = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER, D = PTHREAD_MUTEX_INITIALIZER;
static void *one(void *p) {
#ifndef REVERSED
  pthread_mutex_lock(&X); pthread_mutex_lock(&Y); pthread_mutex_unlock(&Y); pthread_mutex_unlock(&X);
  pthread_mutex_lock(&A); pthread_mutex_lock(&B); pthread_mutex_unlock(&B); pthread_mutex_unlock(&A);
#else
  pthread_mutex_lock(&Y); pthread_mutex_lock(&X); pthread_mutex_unlock(&X); pthread_mutex_unlock(&Y);
  pthread_mutex_lock(&C); pthread_mutex_lock(&D); pthread_mutex_unlock(&D); pthread_mutex_unlock(&C);
#endif
  return p;
}
static void *two(void *p) {
#ifndef REVERSED
  pthread_mutex_lock(&B); pthread_mutex_lock(&A); pthread_mutex_unlock(&A); pthread_mutex_unlock(&B);
#else
  pthread_mutex_lock(&D); pthread_mutex_lock(&C); pthread_mutex_unlock(&C); pthread_mutex_unlock(&D);
#endif
  return p;
}
int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], 0, one, 0);
  pthread_create(&t[1], 0, two, 0);
  pthread_join(t[0], 0);
  pthread_join(t[1], 0);
  return 0;
}
"""


class WrapperNames(unittest.TestCase):
    def test_struct_wrapper_globals_named_as_written(self):
        # `thread_mutex_lock(&stats_mutex)` through a mutex_t wrapper: the text and the JSON
        # name the globals, never the wrapper struct's field
        case = os.path.join(DATA, "wrapper_struct_globals.c")
        db = make_db("wrapper_names", [case])
        p = run("-p", db, "--no-cache", "--format=text", "--json=" + os.path.join(db, "out.json"))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("move_clients_mutex => stats_mutex => move_clients_mutex", p.stdout)
        self.assertIn("'stats_mutex' acquired here through thread_mutex_lock_c()", p.stdout)
        self.assertNotIn("sys_mutex", p.stdout)
        found = [json.loads(l) for l in read(os.path.join(db, "out.json")).splitlines()]
        self.assertEqual(sorted(sorted(f["locks"]) for f in found),
                         [["_global_event_mutex", "client_t::mutex"], ["move_clients_mutex", "stats_mutex"]])


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
