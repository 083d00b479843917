#!/usr/bin/env python3
"""`lockgraph run` as a user drives it: what it exits with, what it refuses, what it writes.

Usage: run_cli_test.py --lockgraph BIN --cc CLANG [unittest args, e.g. a class name]
"""
import argparse
import json
import os
import pty
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
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


LIMITS = r"""
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
static pthread_mutex_t m[200];
static void *body(void *arg) { pthread_mutex_lock(&m[0]); pthread_mutex_unlock(&m[0]); return arg; }
int main(int argc, char **argv) {
  for (int i = 0; i < 200; i++) pthread_mutex_init(&m[i], NULL);
  if (strcmp(argv[1], "locks") == 0)  /* 200 locks alive at once */
    for (int i = 0; i < 200; i++) { pthread_mutex_lock(&m[i]); pthread_mutex_unlock(&m[i]); }
  if (strcmp(argv[1], "edges") == 0)  /* 199 lock orders, all in one direction */
    for (int i = 0; i + 1 < 200; i++) {
      pthread_mutex_lock(&m[i]); pthread_mutex_lock(&m[i + 1]);
      pthread_mutex_unlock(&m[i + 1]); pthread_mutex_unlock(&m[i]);
    }
  if (strcmp(argv[1], "threads") == 0)  /* 60 threads, one after another */
    for (int i = 0; i < 60; i++) {
      pthread_t t;
      if (pthread_create(&t, NULL, body, NULL) != 0 || pthread_join(t, NULL) != 0) return 2;
    }
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
    def test_help_is_printed_by_a_program_that_takes_no_lock(self):
        r = self.run_lg("run", "--", "/bin/true", env={"LOCKGRAPH_OPTIONS": "help=1"})
        self.assertEqual(r.returncode, 0)
        for name in ("log_path", "json_path", "max_locks", "symbolizer_timeout_ms"):
            self.assertIn(name, r.stderr)

    def test_out_of_range_values_are_refused_or_clamped_with_a_message(self):
        exe = self.build("inv", INVERSION)
        r = self.run_lg("run", "--options", "max_locks=2000000000:exitcode=300:deadlock_exitcode=-1:"
                        "watchdog_ms=abc", "--", exe, timeout=60)
        self.assertEqual(r.returncode, 66, r.stderr)  # exitcode=300 was refused: the default stays
        self.assertIn("max_locks=2000000000 (16..67108864)", r.stderr)
        self.assertIn("using 67108864", r.stderr)
        self.assertIn("exitcode=300 (0..255)", r.stderr)
        self.assertIn("deadlock_exitcode=-1 (0..255)", r.stderr)
        self.assertIn("option watchdog_ms: 'abc' is not a number", r.stderr)
        self.assertIn("lock-order-inversion", r.stderr)

    def test_each_limit_reached_is_said_once(self):
        exe = self.build("limits", LIMITS)
        for what, options, message in (
                ("locks", "max_locks=16", "max_locks reached"),
                ("edges", "max_edges=16", "max_edges reached"),
                ("threads", "max_threads=8", "max_threads threads seen")):
            r = self.run_lg("run", "--options", options, "--", exe, what)
            self.assertEqual(r.returncode, 0, r.stderr)  # the program is not disturbed
            self.assertEqual(r.stderr.count(message), 1, r.stderr)

    def test_long_options_are_not_cut(self):
        exe = self.build("inv", INVERSION)
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe, env={"LOCKGRAPH_OPTIONS": "verbosity=0:" * 700})
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertEqual([x["kind"] for x in read_records(out)], ["lock-order-inversion"])

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


# Waits for SIGUSR1 (or SIGUSR2, SIGWINCH) after making an inversion; counts what arrived.
SIGNALLED = r"""
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
volatile sig_atomic_t usr1, usr2, winch;
static void on(int s) { if (s == SIGUSR1) usr1++; else if (s == SIGUSR2) usr2++; else winch++; }
int main(void) {
  signal(SIGUSR1, on); signal(SIGUSR2, on); signal(SIGWINCH, on);
  pthread_mutex_lock(&A); pthread_mutex_lock(&B); pthread_mutex_unlock(&B); pthread_mutex_unlock(&A);
  pthread_mutex_lock(&B); pthread_mutex_lock(&A); pthread_mutex_unlock(&A); pthread_mutex_unlock(&B);
  const char *o = getenv("LOCKGRAPH_OPTIONS");
  printf("options %s\nready\n", o ? o : ""); fflush(stdout);
  for (int i = 0; i < 3000 && !usr1; i++) usleep(10000);
  printf("usr1 %d usr2 %d winch %d\n", usr1, usr2, winch);
  return 0;
}
"""

# Counts SIGINTs for a second after the first.
COUNT_SIGINT = r"""
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
volatile sig_atomic_t n;
static void on(int s) { (void)s; n++; }
int main(void) {
  signal(SIGINT, on);
  printf("ready\n"); fflush(stdout);
  for (int i = 0; i < 3000 && !n; i++) usleep(10000);
  usleep(500000);
  printf("sigint %d\n", n); fflush(stdout);
  return 0;
}
"""

# An inversion in one thread (latent), then _exit(0): the latent finding is made at exit.
LATENT_THEN_EXIT = r"""
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
int main(void) {
  pthread_mutex_lock(&A); pthread_mutex_lock(&B); pthread_mutex_unlock(&B); pthread_mutex_unlock(&A);
  pthread_mutex_lock(&B); pthread_mutex_lock(&A); pthread_mutex_unlock(&A); pthread_mutex_unlock(&B);
  _exit(0);
}
"""

# Heap locks, made where first taken, in an inversion between two threads.
HEAP_INVERSION = r"""
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
pthread_mutex_t *a, *b;
sem_t s1, s2;
static void *ab(void *p) { (void)p; pthread_mutex_lock(a); pthread_mutex_lock(b);
  pthread_mutex_unlock(b); pthread_mutex_unlock(a); sem_post(&s1); sem_wait(&s2); return 0; }
static void *ba(void *p) { (void)p; sem_wait(&s1); pthread_mutex_lock(b); pthread_mutex_lock(a);
  pthread_mutex_unlock(a); pthread_mutex_unlock(b); sem_post(&s2); return 0; }
int main(void) {
  a = malloc(sizeof *a); b = malloc(sizeof *b);
  pthread_mutex_init(a, 0); pthread_mutex_init(b, 0);
  sem_init(&s1, 0, 0); sem_init(&s2, 0, 0);
  pthread_t t1, t2; pthread_create(&t1, 0, ab, 0); pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0); pthread_join(t2, 0);
  return 0;
}
"""


def read_records(path):
    with open(path, "rb") as f:
        data = f.read()
    data.decode("utf-8")  # strict: invalid UTF-8 fails the test
    return [json.loads(l, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            for l in data.decode().splitlines() if l.strip()]


class Signals(Case):
    def start(self, exe, *args, **kw):
        e = dict(os.environ)
        e.pop("LOCKGRAPH_OPTIONS", None)
        e["TMPDIR"] = self.dir
        return subprocess.Popen([LOCKGRAPH, "run", *args, "--", exe], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=self.dir, env=e, **kw)

    def test_usr1_usr2_winch_are_forwarded_and_the_json_kept(self):
        exe = self.build("sig", SIGNALLED)
        out = os.path.join(self.dir, "out.jsonl")
        p = self.start(exe, "--json", out)
        options = p.stdout.readline()
        self.assertEqual(p.stdout.readline(), "ready\n")
        for sig in (signal.SIGUSR2, signal.SIGWINCH, signal.SIGUSR1):
            p.send_signal(sig)
            time.sleep(0.2)
        stdout, stderr = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 66, stderr)  # the program's findings, not death by SIGUSR1
        self.assertIn("usr1 1 usr2 1 winch 1", stdout)
        self.assertEqual([r["kind"] for r in read_records(out)], ["latent-lock-order"])
        # The launcher's temporary folder (the hook's json_path) is gone.
        folder = re.search(r'json_path=("?)(.*?)/report\1(:|$)', options).group(2)
        self.assertFalse(os.path.exists(folder), folder)
        self.assertEqual([f for f in os.listdir(self.dir) if f.startswith("lockgraph.")], [])

    def test_ctrl_c_reaches_the_program_once(self):
        # A real terminal: ^C makes the kernel signal the foreground process group, which holds the
        # launcher and the program; the launcher must not send it again.
        exe = self.build("count", COUNT_SIGINT)
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.pop("LOCKGRAPH_OPTIONS", None)
            os.execv(LOCKGRAPH, [LOCKGRAPH, "run", "--", exe])
        text = b""
        deadline = time.time() + 30
        while b"ready" not in text and time.time() < deadline:
            text += os.read(fd, 1024)
        os.write(fd, b"\x03")
        while b"sigint" not in text and time.time() < deadline:
            try:
                text += os.read(fd, 1024)
            except OSError:
                break
        os.waitpid(pid, 0)
        self.assertIn(b"sigint 1", text, text.decode(errors="replace"))


class Outputs(Case):
    def test_findings_of_a_child_process_fail_the_run(self):
        exe = self.build("spawns", SPAWNS)  # the parent exits 0; its child reported a finding
        self.assertEqual(self.run_lg("run", "--", exe).returncode, 66)

    def test_findings_at_exit_survive_exit_underscore(self):
        exe = self.build("latent", LATENT_THEN_EXIT)
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("latent-lock-order", r.stderr)
        self.assertEqual([x["kind"] for x in read_records(out)], ["latent-lock-order"])

    def test_write_failures_are_errors(self):
        exe = self.build("inv", INVERSION)
        clean = self.build("clean", CLEAN)
        for opt in ("--json", "--sarif"):
            r = self.run_lg("run", opt, "/dev/full", "--", exe, "0")
            self.assertEqual(r.returncode, 66, opt)
            self.assertIn("cannot write /dev/full", r.stderr)
        r = self.run_lg("run", "--sarif", "/dev/full", "--", clean)  # nothing found, nothing written
        self.assertEqual(r.returncode, 125, r.stderr)
        self.assertIn("cannot write /dev/full", r.stderr)
        log = os.path.join(self.dir, "run.jsonl")
        self.run_lg("run", "--json", log, "--", exe)
        r = self.run_lg("report", "-o", "/dev/full", log)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("cannot write /dev/full", r.stderr)

    def test_a_full_json_log_is_said(self):
        # The hook's own JSON log cannot be written (a file size limit stands for a full disk).
        exe = self.build("inv", INVERSION)
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))
        e = dict(os.environ)
        e.pop("LOCKGRAPH_OPTIONS", None)
        r = subprocess.run([LOCKGRAPH, "run", "--", exe], capture_output=True, text=True, timeout=60,
                           cwd=self.dir, env=e, preexec_fn=limit)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("cannot write the JSON log", r.stderr)

    def test_report_of_a_directory_is_an_error(self):
        r = self.run_lg("report", self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("is a directory", r.stderr)

    def test_report_never_writes_invalid_json(self):
        log = os.path.join(self.dir, "odd.jsonl")
        with open(log, "wb") as f:
            f.write(b'{"tool":"lockgraph-hook","kind":"unlock-unheld","pid":1e999,"message":"\\ud800 lone",'
                    b'"fingerprint":"00000000000000aa","sites":[{"file":"/src/a\xff\xfeb.c","line":1e999,'
                    b'"function":"f\\udc00"}],"x":[1.5e308,-0,2E-400]}\n')
        for fmt in ("json", "sarif", "codequality"):
            out = os.path.join(self.dir, "out." + fmt)
            r = self.run_lg("report", "--format=" + fmt, "-o", out, log)
            self.assertEqual(r.returncode, 1, r.stderr)
            with open(out, "rb") as f:
                text = f.read().decode("utf-8")  # strict: invalid UTF-8 fails the test
            doc = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            self.assertTrue(doc)
            self.assertNotIn("\\ud800", text.lower())  # no lone surrogate is written back

    def test_text_report_keeps_each_edges_frames(self):
        exe = self.build("inv", INVERSION)
        log = os.path.join(self.dir, "run.jsonl")
        self.run_lg("run", "--json", log, "--", exe)
        r = self.run_lg("report", "--format=text", log)
        self.assertEqual(r.returncode, 1, r.stderr)
        # Each edge with its own acquisitions, at their own lines of inv.c (ab takes A and B on
        # line 7; ba takes B on line 9, A on line 10).
        self.assertRegex(r.stdout, r"inv\.c:7:\d+: note: 'B' acquired here while 'A' is held \(edge A => B, in ab\(\)")
        self.assertRegex(r.stdout, r"inv\.c:7:\d+: note: 'A' acquired here")
        self.assertRegex(r.stdout, r"inv\.c:10:\d+: note: 'A' acquired here while 'B' is held \(edge B => A, in ba\(\)")
        self.assertRegex(r.stdout, r"inv\.c:9:\d+: note: 'B' acquired here")

    def test_no_size_limits_on_baselines_and_suppressions(self):
        exe = self.build("inv", INVERSION)
        log = os.path.join(self.dir, "run.jsonl")
        self.run_lg("run", "--json", log, "--", exe)
        real = [x for x in read_records(log) if x["kind"] == "lock-order-inversion"][0]
        base = os.path.join(self.dir, "base.txt")
        with open(base, "w") as f:
            for i in range(20000):
                f.write("%016x\n" % (i + 1))
            f.write(json.dumps({"pad": "x" * 100000, "fingerprint": real["fingerprint"]}, separators=(",", ":")) + "\n")
        r = self.run_lg("run", "--baseline", base, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)
        supp = os.path.join(self.dir, "supp.txt")
        with open(supp, "w") as f:
            for i in range(5000):
                f.write("lock-order-inversion:no_such_function_%d\n" % i)
            f.write("lock-order-inversion:B\n")
        r = self.run_lg("run", "--suppressions", supp, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_paths_with_spaces_commas_and_colons(self):
        exe = self.build("inv", INVERSION)
        odd = os.path.join(self.dir, "a dir, with: odd \"chars\"")
        os.mkdir(odd)
        out = os.path.join(odd, "out put.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        rec = [x for x in read_records(out) if x["kind"] == "lock-order-inversion"][0]
        base = os.path.join(odd, "base, line.jsonl")
        shutil.copy(out, base)
        r = self.run_lg("run", "--baseline", base, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)
        supp = os.path.join(odd, "supp: rules.txt")
        with open(supp, "w") as f:
            f.write("lock-order-inversion:B\n")
        r = self.run_lg("run", "--suppressions", supp, "--", exe)
        self.assertEqual(r.returncode, 0, r.stderr)
        prefix = os.path.join(odd, "text log")
        r = self.run_lg("run", "--options", 'log_path="%s"' % prefix.replace("\\", "\\\\").replace('"', '\\"'), "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        logs = [f for f in os.listdir(odd) if f.startswith("text log.")]
        self.assertEqual(len(logs), 1, os.listdir(odd))
        self.assertTrue(rec["fingerprint"])

    def test_each_report_names_its_process(self):
        exe = self.build("inv", INVERSION)
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe, "7")
        self.assertRegex(r.stderr, r"\(pid=\d+: \S*inv 7\)")
        self.assertTrue(all(x["command"].endswith("inv 7") for x in read_records(out)))

    def test_heap_locks_of_a_stripped_binary_are_named_by_module_and_offset(self):
        exe = self.build("heap_stripped", HEAP_INVERSION, "-s")
        out = os.path.join(self.dir, "out.jsonl")
        r = self.run_lg("run", "--json", out, "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        inv = [x for x in read_records(out) if x["kind"] == "lock-order-inversion"][0]
        for name in inv["cycle"]:
            self.assertRegex(name, r"^lock@heap_stripped\+0x[0-9a-f]+#\d+$")

    def test_a_report_of_a_program_without_stderr_still_reaches_the_user(self):
        # The program closes its stderr, then opens a data file (which gets descriptor 2).
        src = INVERSION.replace("int main(int argc, char **argv) {",
                                "#include <fcntl.h>\n#include <unistd.h>\nint main(int argc, char **argv) {\n"
                                "  close(2); open(\"data.txt\", O_WRONLY | O_CREAT | O_TRUNC, 0644);")
        exe = self.build("closed", src)
        r = self.run_lg("run", "--", exe)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertIn("closed or replaced its stderr", r.stderr)
        self.assertIn("A => B => A", r.stderr)
        with open(os.path.join(self.dir, "data.txt")) as f:
            self.assertEqual(f.read(), "")

    def test_a_long_report_is_whole_in_json_and_sarif(self):
        # 60 heap locks in a cycle, deep stacks, and a source file under a very long path.
        deep = os.path.join(self.dir, *(["d" * 200] * 12))
        os.makedirs(deep)
        src = os.path.join(deep, "ring.c")
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata", "hook",
                               "cycle100_heap.c")) as f:
            text = f.read().replace("kLocks = 100", "kLocks = 60")
        with open(src, "w") as f:
            f.write(text)
        exe = os.path.join(self.dir, "ring")
        subprocess.run([CC, "-g", "-pthread", "-o", exe, src], check=True)
        out, sarif = os.path.join(self.dir, "out.jsonl"), os.path.join(self.dir, "out.sarif")
        r = self.run_lg("run", "--json", out, "--sarif", sarif, "--", exe, timeout=120)
        self.assertEqual(r.returncode, 66, r.stderr[-2000:])
        self.assertNotIn("dropped", r.stderr)
        inv = [x for x in read_records(out) if x["kind"] == "lock-order-inversion"]
        self.assertEqual(len(inv), 1)
        self.assertEqual(len(inv[0]["cycle"]), 60)
        self.assertTrue(any(s["file"] == src for s in inv[0]["sites"]))
        with open(sarif) as f:
            self.assertEqual(json.load(f)["runs"][0]["results"][0]["ruleId"], "lock-order-inversion")


# A malloc replacement: its own blocks (a header before each), never glibc's.
MYMALLOC = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#define MAGIC 0x6d796d616c6c6f63ULL
struct hdr { uint64_t magic; size_t size; };
static _Atomic(char *) cur, end;
static void *raw(size_t size, size_t align) {
  if (align < 16) align = 16;
  for (;;) {
    char *c = atomic_load(&cur);
    if (c == NULL) {
      char *m = mmap(NULL, (size_t)1 << 34, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      char *expected = NULL;
      if (atomic_compare_exchange_strong(&cur, &expected, m)) atomic_store(&end, m + ((size_t)1 << 34));
      else munmap(m, (size_t)1 << 34);
      continue;
    }
    uintptr_t p = ((uintptr_t)c + sizeof(struct hdr) + align - 1) & ~(uintptr_t)(align - 1);
    char *next = (char *)p + size;
    if (atomic_compare_exchange_weak(&cur, &c, next)) {
      struct hdr *h = (struct hdr *)p - 1;
      h->magic = MAGIC; h->size = size;
      return (void *)p;
    }
  }
}
static struct hdr *own(void *p) {
  struct hdr *h = (struct hdr *)p - 1;
  if (h->magic != MAGIC) { static const char m[] = "mymalloc: a block that is not mine\n"; write(2, m, sizeof m - 1); abort(); }
  return h;
}
void *malloc(size_t n) { return raw(n, 16); }
void free(void *p) { if (p) own(p)->magic = ~MAGIC + 1; }
void *calloc(size_t a, size_t b) { void *p = raw(a * b, 16); memset(p, 0, a * b); return p; }
void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  void *q = malloc(n);
  size_t old = own(p)->size;
  memcpy(q, p, old < n ? old : n);
  free(p);
  return q;
}
void *memalign(size_t a, size_t n) { return raw(n, a); }
void *aligned_alloc(size_t a, size_t n) { return raw(n, a); }
int posix_memalign(void **r, size_t a, size_t n) { *r = raw(n, a); return 0; }
void *valloc(size_t n) { return raw(n, 4096); }
void *pvalloc(size_t n) { return raw((n + 4095) & ~(size_t)4095, 4096); }
size_t malloc_usable_size(void *p) { return p ? own(p)->size : 0; }
"""

# Heap mutexes freed and their memory reused, while another lock is held.
HEAP_CHURN = r"""
#include <pthread.h>
#include <stdlib.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
int main(void) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_t *m = malloc(sizeof *m);
    pthread_mutex_init(m, 0);
    pthread_mutex_lock(&A); pthread_mutex_lock(m); pthread_mutex_unlock(m); pthread_mutex_unlock(&A);
    free(m);
  }
  return 0;
}
"""

# A library with a static rwlock L (never destroyed): lib_first takes L then the caller's lock,
# lib_second the caller's lock then L.
RELOADED_LIB = r"""
#include <pthread.h>
pthread_rwlock_t L = PTHREAD_RWLOCK_INITIALIZER;
void *lib_lock_address(void) { return &L; }
void lib_first(pthread_mutex_t *a) { pthread_rwlock_wrlock(&L); pthread_mutex_lock(a);
  pthread_mutex_unlock(a); pthread_rwlock_unlock(&L); }
void lib_second(pthread_mutex_t *a) { pthread_mutex_lock(a); pthread_rwlock_wrlock(&L);
  pthread_rwlock_unlock(&L); pthread_mutex_unlock(a); }
"""

RELOADER = r"""
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;
void (*first_fn)(pthread_mutex_t *), (*second_fn)(pthread_mutex_t *);
static void *first(void *p) { (void)p; first_fn(&A); sem_post(&first_done); sem_wait(&second_done); return 0; }
static void *second(void *p) { (void)p; second_fn(&A); sem_post(&second_done); return 0; }
int main(int argc, char **argv) {
  (void)argc;
  sem_init(&first_done, 0, 0); sem_init(&second_done, 0, 0);
  void *one = dlopen(argv[1], RTLD_NOW);
  if (!one) return 2;
  first_fn = (void (*)(pthread_mutex_t *))dlsym(one, "lib_first");
  void *l1 = ((void *(*)(void))dlsym(one, "lib_lock_address"))();
  pthread_t t1, t2;
  pthread_create(&t1, 0, first, 0);
  sem_wait(&first_done);
  dlclose(one);
  void *two = dlopen(argv[2], RTLD_NOW);
  if (!two) return 2;
  second_fn = (void (*)(pthread_mutex_t *))dlsym(two, "lib_second");
  void *l2 = ((void *(*)(void))dlsym(two, "lib_lock_address"))();
  printf("%s\n", l1 == l2 ? "same address" : "other address");
  pthread_create(&t2, 0, second, 0);
  pthread_join(t2, 0); pthread_join(t1, 0);
  return 0;
}
"""


class Host(Case):
    """The hook never breaks the host: allocators, symbolizers, unloaded libraries."""

    def build_lib(self, name, source):
        src = os.path.join(self.dir, name + ".c")
        with open(src, "w") as f:
            f.write(source)
        lib = os.path.join(self.dir, "lib%s.so" % name)
        subprocess.run([CC, "-O1", "-fPIC", "-shared", "-pthread", "-o", lib, src], check=True)
        return lib

    def test_a_malloc_replacement_gets_its_own_blocks_back(self):
        lib = self.build_lib("mymalloc", MYMALLOC)
        r = self.run_lg("run", "--", "ls", "/", env={"LD_PRELOAD": lib})  # preloaded after the hook
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("usr", r.stdout)
        exe = self.build("churn", HEAP_CHURN, "-L" + self.dir, "-Wl,-rpath," + self.dir, "-lmymalloc")
        r = self.run_lg("run", "--", exe)  # linked
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("mymalloc", r.stderr)

    def test_a_symbolizer_that_never_answers_does_not_hang_the_program(self):
        script = os.path.join(self.dir, "hung-symbolizer")
        with open(script, "w") as f:
            f.write("#!/bin/sh\nexec sleep 1000.25\n")
        os.chmod(script, 0o755)
        exe = self.build("inv", INVERSION)
        start = time.time()
        r = self.run_lg("run", "--options", "external_symbolizer_path=%s:symbolizer_timeout_ms=1000" % script,
                        "--", exe, timeout=60)
        self.assertEqual(r.returncode, 66, r.stderr)
        self.assertLess(time.time() - start, 30)
        self.assertIn("did not answer within 1000 ms", r.stderr)
        self.assertIn("SUMMARY: lockgraph: lock-order-inversion", r.stderr)
        def left():  # the symbolizer was killed with what it started (a dying one may linger a moment)
            found = []
            for p in os.listdir("/proc"):
                try:
                    with open("/proc/%s/cmdline" % p, "rb") as f:
                        if f.read().startswith(b"sleep\x001000.25"):
                            found.append(p)
                except OSError:
                    pass
            return found
        deadline = time.time() + 10
        while left() and time.time() < deadline:
            time.sleep(0.1)
        self.assertEqual(left(), [])

    def test_a_library_loaded_where_an_unloaded_one_was_starts_with_new_locks(self):
        one = self.build_lib("one", RELOADED_LIB)
        two = self.build_lib("two", RELOADED_LIB)
        exe = self.build("reload", RELOADER, "-ldl")
        r = self.run_lg("run", "--", exe, one, two)
        if "other address" in r.stdout:
            self.skipTest("the second library was not loaded where the first one was")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("WARNING", r.stderr)


PERL_TEST = r"""use strict; use warnings; use Test::More tests => 3;
for my $i (1 .. 3) {
  my $pid = fork; die "fork: $!" unless defined $pid;
  if ($pid == 0) { exit 0 }
  is(waitpid($pid, 0), $pid, "child $i reaped");
}
"""


class Perl(Case):
    """Real Perl (threaded, its fork takes nested locks in atfork handlers) under the hook."""

    def test_perl_fork(self):
        r = self.run_lg("run", "--", "perl", "-e",
                        'for (1..5) { my $p = fork; if (!$p) { exit 0 } waitpid($p, 0) } print "ok\\n"',
                        timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "ok\n")

    def test_prove_and_make_test_of_a_perl_distribution(self):
        dist = os.path.join(self.dir, "Dist")
        os.makedirs(os.path.join(dist, "lib"))
        os.makedirs(os.path.join(dist, "t"))
        with open(os.path.join(dist, "Makefile.PL"), "w") as f:
            f.write("use ExtUtils::MakeMaker;\nWriteMakefile(NAME => 'Dist', VERSION => '0.01');\n")
        with open(os.path.join(dist, "lib", "Dist.pm"), "w") as f:
            f.write("package Dist; sub answer { 42 } 1;\n")
        for i in range(1, 5):
            with open(os.path.join(dist, "t", "%02d-fork.t" % i), "w") as f:
                f.write(PERL_TEST)
        def run(*cmd):
            return subprocess.run(cmd, cwd=dist, capture_output=True, text=True, timeout=600,
                                  env={k: v for k, v in os.environ.items() if k != "LOCKGRAPH_OPTIONS"})
        self.assertEqual(run("perl", "Makefile.PL").returncode, 0)
        self.assertEqual(run("make").returncode, 0)
        r = run(LOCKGRAPH, "run", "--", "prove", "-j2", "-b", "t")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Result: PASS", r.stdout)
        r = run(LOCKGRAPH, "run", "--", "make", "test")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Result: PASS", r.stdout)


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
