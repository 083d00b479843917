#!/usr/bin/env python3
"""Recall harness: plants lock-order inversions into a copy of a real tree and checks that
lockgraph-analyze reports each one with notes at the planted lines.

For each tree the copy (bench/out/plant/<tree>, never committed) gets its compile database
rewritten to the copy. The analyzer's own facts of the unmodified copy (its facts cache) give
the lock acquisitions of functions reachable from a thread entry, main() or an API function
(nothing calls it), as the tree writes them (the call text at the site: pthread_mutex_lock(&m),
uv_mutex_lock(&l->mutex), sqlite3_mutex_enter(mem0.mutex), EVLOCK_LOCK(lock, 0), mu_.Lock()).
A lock rooted at a global (m, s.mu, &g->lock's g a global) is planted as the tree writes it: the
same text names the same lock in any function. A member lock of an object reached through a
parameter, `this` or a local (`&c->mu` of a `struct conn *c`, `mu_` in a method) is planted on the
object a new global pointer of the lock's class points to (`extern struct conn *lg_plant_obj_N_conn;
pthread_mutex_lock(&lg_plant_obj_N_conn->mu)`): the analyzer names both by the class (`conn::mu`),
as it does a lock of code that reaches a connection through a global. The column "member" says
whether the pair's locks are such member locks (yes / one / no).
A plant picks two distinct locks L1 (acquired at s1 in f1) and L2 (acquired at s2 in f2) and
inserts, on a new line right after each acquisition's statement, the other lock's acquisition
and release, so f1 takes L2 under L1 and f2 takes L1 under L2. Kinds of plants:
  plain     the tree's own lock call (for libevent and sqlite3 these are the tree's
            function-pointer lock tables: EVLOCK_LOCK -> evthread_lock_fns_, sqlite3_mutex_enter
            -> sqlite3GlobalConfig.mutex.xMutexEnter)
  returned  the inner lock is taken by a new lookup-style function in the lock's own file that
            returns the lock object locked (void *lg_plant_returned_N(void) { lock(arg); return
            arg; }); the caller releases the pointer it got (C files only)
  call      the inner lock is taken and released by a new function in the lock's own file, called
            from the other function (a static lock of another file is reachable only so)
  fnptr     as call, but the new function takes and releases the lock through a table of
            function pointers (struct lg_plant_fnptr_N_L_ops { void (*enter)(void *); void (*leave)(void *); },
            filled with two new functions that call the tree's lock API on their argument): the
            idiom of libevent's evthread_lock_fns_ and sqlite3's sqlite3GlobalConfig.mutex. Only
            where the tree's lock call is the lock API itself, not a wrapper of the tree's
            (uv_mutex_lock, memcached's mutex_lock): the analyzer follows a table only when its
            functions call the lock API themselves (Extract.cpp, tableSummary(): `direct`)
Each plant is meant to be plain, returned, call, fnptr in turn; when that kind does not compile
there (or does not apply), the next that does is used and the table says which. The column "fp"
says whether the tree's own lock call at the planted sites already goes through a function
pointer (the analyzer's notes of the acquisition name the table: "through evthread_lock_fns_.lock()").
A candidate whose planted files do not compile (the lock expression is not in scope there) is
skipped; a planted header is compiled through the TUs that include it (the sites' own and a few
more). Not candidates: acquisitions inside lock wrappers (functions that return with the lock
held: SFML's sf::Mutex::lock()) or constructors (a guard's: sf::Lock), and on a line that also closes the body (`{ Lock l(cs); return n; }`). Choices are seeded (--seed): the same seed plants the same inversions.
A plant is found when a lock-order-inversion finding has notes on both planted lines.

usage: plant.py [--tree NAME ...] [--db NAME=DIR ...] [--sources DIR] [--plants N] [--seed S] [--analyzer BIN]
                [--out DIR] [--jobs N] [--min-recall R] [--min-plants N] [--need KIND] [--keep-plant N] [--lock FILE]
  --tree NAME   a tree of bench/analyzer/run.sh (prepared by it: run.sh NAME first)
  --db NAME=DIR any tree whose compile database is in DIR (held-out trees prepared elsewhere)
  --sources DIR a directory of .c/.cc files with no database (one is written), e.g. testdata
Prints a per-plant table (markdown) and the recall; exit 1 when recall < --min-recall, or when
a tree gives fewer than --min-plants plants (its locks' acquisitions are missing from the facts:
libuv1's uv_mutex_lock(), a checked lock that aborts on failure, once made none).
"""
import argparse
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import syntax_only  # noqa: E402  (the same command without -c/-o)


_skip_names = shutil.ignore_patterns(".git", ".lockgraph-cache")


def copy_ignore(d, names):
    """What the tree's copy leaves out: version control, the facts cache, and files that are
    neither regular files, directories nor symlinks (gpgme's test runs leave gpg-agent's Unix
    sockets in its tests/, which copytree cannot copy)."""
    skip = set(_skip_names(d, names))
    for n in names:
        p = os.path.join(d, n)
        if n not in skip and not os.path.islink(p) and not os.path.isfile(p) and not os.path.isdir(p):
            skip.add(n)
    return skip

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

UNLOCK = {
    "pthread_mutex_lock": "pthread_mutex_unlock", "pthread_rwlock_wrlock": "pthread_rwlock_unlock",
    "pthread_rwlock_rdlock": "pthread_rwlock_unlock", "pthread_spin_lock": "pthread_spin_unlock",
    "uv_mutex_lock": "uv_mutex_unlock", "uv_rwlock_wrlock": "uv_rwlock_wrunlock", "uv_rwlock_rdlock": "uv_rwlock_rdunlock",
    "sqlite3_mutex_enter": "sqlite3_mutex_leave", "EVLOCK_LOCK": "EVLOCK_UNLOCK", "EVBASE_ACQUIRE_LOCK": "EVBASE_RELEASE_LOCK",
    "mtx_lock": "mtx_unlock", "Lock": "Unlock", "lock": "unlock", "mutex_lock": "mutex_unlock",
    # a tree's own wrappers of the above (libevent's signal.c, sqlite3's os_unix.c and pcache1.c)
    "EVSIGBASE_LOCK": "EVSIGBASE_UNLOCK", "unixEnterMutex": "unixLeaveMutex",
}
# GLib's, as GStreamer, libnice and many C trees lock
UNLOCK.update({"g_mutex_lock": "g_mutex_unlock", "g_rec_mutex_lock": "g_rec_mutex_unlock",
               "g_rw_lock_writer_lock": "g_rw_lock_writer_unlock", "g_rw_lock_reader_lock": "g_rw_lock_reader_unlock",
               "GST_OBJECT_LOCK": "GST_OBJECT_UNLOCK"})


def unlock_of(name):
    """The release that goes with a lock call: the table's, else the tree's own pair by name
    (agent_lock / agent_unlock, ms_mutex_lock / ms_mutex_unlock, LOCK_X... / UNLOCK): a name that
    does not exist in the tree does not compile, and the candidate is skipped."""
    if name in UNLOCK:
        return UNLOCK[name]
    m = re.match(r"^(.*?)(lock|Lock|LOCK)$", name)
    if m:
        return m.group(1) + {"lock": "unlock", "Lock": "Unlock", "LOCK": "UNLOCK"}[m.group(2)]
    return None


KINDS = ("plain", "returned", "call", "fnptr")
# a note of an acquisition made through a function-pointer table: "... through evthread_lock_fns_.lock()",
# "... through sqlite3Config.mutex.xMutexEnter() = pthreadMutexEnter()"
FP_NOTE = re.compile(r"through [A-Za-z_][\w]*(?:(?:\.|->)[A-Za-z_]\w*)+\(\)")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def call_at(line, col):
    """The call expression starting at 1-based `col` of `line`: (name, args text, full text, receiver) or None."""
    s = line[col - 1:]
    m = re.match(r"((?:[A-Za-z_][\w]*(?:\.|->))*)([A-Za-z_]\w*)\s*\(", s)
    if not m:
        return None
    depth, i = 0, m.end() - 1
    for j in range(i, len(s)):
        if s[j] == "(":
            depth += 1
        elif s[j] == ")":
            depth -= 1
            if depth == 0:
                return m.group(2), s[i + 1:j], s[:j + 1], m.group(1)
    return None


def split_args(a):
    out, depth, cur = [], 0, ""
    for ch in a:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


LOCK = None  # --lock: CPU-heavy commands (compile checks, analyzer runs) wait for this flock


def run(cmd, heavy=True, **kw):
    if heavy and LOCK:
        cmd = ["flock", LOCK] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, errors="surrogateescape", **kw)


VERBOSE = False
# before a helper's definition and declaration: one function of C linkage whatever namespace
# of a C++ file it is defined in, and plain C in a C file
CLINK = '#ifdef __cplusplus\nextern "C"\n#endif\n'

HEADER_CHECKS = 3  # includers of a planted header checked besides the sites' own TUs


class Tree:
    def __init__(self, name, db_dir, root, work):
        self.name, self.work = name, work
        self.copy = os.path.join(work, "tree")
        # real paths: a tree reached through a symlink must still map into the copy (else the
        # database rewritten below would be the original's)
        root, db_dir = os.path.realpath(root), os.path.realpath(db_dir)
        self.root = root
        if os.path.exists(self.copy):
            shutil.rmtree(self.copy)
        shutil.copytree(root, self.copy, symlinks=True, ignore=copy_ignore)
        self.db_dir = self.moved(db_dir)
        if not self.db_dir.startswith(self.copy + "/") and self.db_dir != self.copy:
            sys.exit("plant.py: the compile database %s is not inside the tree %s" % (db_dir, root))
        db = json.load(open(os.path.join(db_dir, "compile_commands.json")))
        # a database that names files of another tree (one rewritten by an earlier run) or only
        # bear's `clang -cc1` entries (which the analyzer skips) plants into nothing: say so
        outside = [e["file"] for e in db if not os.path.realpath(os.path.join(e["directory"], e["file"])).startswith(root + "/")]
        drivers = [e for e in db if (e.get("arguments") or shlex.split(e["command"]))[1:2] != ["-cc1"]]
        if outside or not drivers:
            sys.exit("plant.py: the compile database in %s %s: prepare the tree again (bench/analyzer/run.sh %s "
                     "checks its database and rebuilds it)" % (db_dir, "names %d files outside %s (%s)" % (len(outside), root, outside[0])
                                                               if outside else "has no compiler driver command", name))
        r = root.rstrip("/")
        # every mention of the root, also inside a command's flags (`-I/src/tree` ends at a space):
        # a header found through the original tree would hide what is planted in the copy's
        text = re.sub(re.escape(r) + r'(?![A-Za-z0-9_.+-])', lambda m: self.copy, json.dumps(db))
        self.db = json.loads(text)
        # C++ without access control (clang's -fno-access-control): a plant reaching a class's
        # private lock from outside the class (SFML's `sf::SoundStream::m_threadMutex`) compiles,
        # and the analyzer, which names the lock by its class either way, reads the same code
        for e in self.db:
            if os.path.splitext(e["file"])[1] in (".cc", ".cpp", ".cxx", ".C", ".c++"):
                if e.get("arguments"):
                    e["arguments"].append("-fno-access-control")
                else:
                    e["command"] += " -fno-access-control"
        with open(os.path.join(self.db_dir, "compile_commands.json"), "w") as f:
            json.dump(self.db, f)
        self.cache = os.path.join(work, "cache")
        shutil.rmtree(self.cache, ignore_errors=True)

    def absolute(self, f, tu=None):
        """A file name as the analyzer writes it (relative to the directory of the command of the
        TU it was read in: `../easel/easel.h` from src/) made absolute."""
        if os.path.isabs(f):
            return os.path.normpath(f)
        d = self.db[0]["directory"]
        if tu:
            tu = os.path.normpath(tu)
            for e in self.db:
                if os.path.normpath(os.path.join(e["directory"], e["file"])) == tu:
                    d = e["directory"]
                    break
        return os.path.normpath(os.path.join(d, f))

    def moved(self, p):
        return self.copy + p[len(self.root.rstrip("/")):] if p.startswith(self.root) else p

    def includers(self, header):
        """The TUs whose last analyzer run read `header` (its facts cache: <key>.deps lists the files a
        TU read, <key>.facts.json names the TU), those of the planted sites first."""
        out = []
        if not os.path.isdir(self.cache):
            return out
        for f in sorted(os.listdir(self.cache)):
            if not f.endswith(".deps") or "-x" in f:
                continue
            try:
                lines = open(os.path.join(self.cache, f), errors="surrogateescape").read().split("\n")[2:]
                if not any(l.split(" ", 2)[-1] == header for l in lines if l):
                    continue
                out.append(os.path.normpath(json.load(open(os.path.join(self.cache, f[:-5] + ".facts.json")))["file"]))
            except (OSError, ValueError, KeyError):
                continue
        return out

    def syntax_ok(self, path, first=()):
        """Does `path` still compile: the file itself when the database names it, else (a header)
        the TUs of the planted sites that include it (`first`) and HEADER_CHECKS other includers.
        A header plant that only some includer cannot compile (a class the header does not
        declare, a line after a one-line inline body that lands at class scope) is no plant."""
        entries = {}
        for e in self.db:
            args = e.get("arguments") or shlex.split(e["command"])
            if len(args) > 1 and args[1] == "-cc1":  # bear records clang's own -cc1
                continue
            entries.setdefault(os.path.normpath(os.path.join(e["directory"], e["file"])), e)
        if path in entries:
            tus = [path]
        else:
            inc = self.includers(path)
            # the sites' TUs (where the analyzer reads the planted functions) and a few more:
            # checking every includer of a common header costs minutes per candidate
            tus = [t for t in first if t in inc] + [t for t in inc if t not in first][:HEADER_CHECKS]
            if not tus:
                return False  # a header no analyzed TU reads: the plant would be invisible
        for tu in tus:
            e = entries.get(tu)
            if e is None:
                continue
            # one file's -fsyntax-only: light enough to run outside the lock (many candidates fail it)
            r = run(syntax_only.command(e), heavy=False, cwd=e["directory"])
            if r.returncode != 0:
                if VERBOSE:
                    errs = [l for l in r.stderr.splitlines() if ": error:" in l][:2]
                    log(f"    plant does not compile ({os.path.relpath(tu, self.copy)}): " + " | ".join(errs))
                return False
        return True


def sources_tree(src, work):
    """A tree from a directory of sources: copies it and writes a compile database."""
    os.makedirs(work, exist_ok=True)
    root = os.path.join(work, "orig")
    if os.path.exists(root):
        shutil.rmtree(root)
    shutil.copytree(src, root)
    db = []
    for f in sorted(os.listdir(root)):
        if f.endswith((".c", ".cc", ".cpp")):
            p = os.path.join(root, f)
            cc = ["clang-19", "-std=gnu11"] if f.endswith(".c") else ["clang++-19", "-std=c++17"]
            db.append({"directory": root, "file": p, "arguments": cc + ["-pthread", "-c", p, "-o", p + ".o"]})
    with open(os.path.join(root, "compile_commands.json"), "w") as out:
        json.dump(db, out)
    return Tree(os.path.basename(src.rstrip("/")), root, root, work)


def run_tree(name, work):
    """A tree prepared by bench/analyzer/run.sh: its database directory and source root."""
    r = run(heavy=False, cmd=["bash", "-c", 'source <(sed -n "/^fetch()/,/^timed()/p" "$0" | sed "/^timed()/d"); prep_$1', os.path.join(HERE, "run.sh"), name],
            env=dict(os.environ, src=os.path.join(REPO, "bench", "src"), jobs=str(os.cpu_count()),
                     lock="/tmp/lockgraph-build.lock"))
    if r.returncode != 0:
        sys.exit(f"plant.py: cannot prepare {name}: {r.stderr[-2000:]}")
    db_dir = r.stdout.strip().splitlines()[-1]
    root = os.path.realpath(db_dir)
    pkg_root = os.path.join(REPO, "bench", "src", name)
    while os.path.dirname(root) != os.path.realpath(pkg_root) and root != "/":
        root = os.path.dirname(root)
    return Tree(name, db_dir, root, work)


def db_tree(name, db_dir, work):
    """A tree given by its database: the root is the deepest directory holding the database and
    every file it names (a CMake build directory inside the tree, or the tree itself)."""
    try:
        db = json.load(open(os.path.join(db_dir, "compile_commands.json")))
    except (OSError, ValueError) as e:
        sys.exit(f"plant.py: {name}: no readable compile_commands.json in {db_dir}: {e}")
    paths = [os.path.realpath(db_dir)] + [os.path.realpath(os.path.join(e["directory"], e["file"])) for e in db]
    root = os.path.commonpath(paths)
    if root == "/":
        sys.exit(f"plant.py: {name}: the database's files share no directory but /")
    return Tree(name, db_dir, root, work)


def analyzer_facts(tree):
    """The facts of the last run over the tree (its --facts-dir): per TU the cross-TU pass's facts
    (<key>-x<hash>.facts.json, which apply wrappers of other TUs) where there are, else pass 1's."""
    best = {}
    for f in sorted(os.listdir(tree.cache)):
        if f.endswith(".facts.json"):
            key = f.split(".")[0].split("-x")[0]
            if key not in best or "-x" in f:
                best[key] = f
    return [json.load(open(os.path.join(tree.cache, f))) for f in best.values()]


def key_of(ref):
    return ref.get("n", "") + "." + ".".join(ref.get("p", []))


def shown_name(ref):
    """The lock as a finding's cycle names it: 'mem0.mutex' for what lock_name() calls 'Mem0Global::mutex'."""
    if ref.get("p") and ref.get("d"):  # below a global pointer ("n": "*g"): 'g->mu'
        return ref["d"] + ("->" if ref.get("n", "").startswith("*") else ".") + ".".join(ref["p"])
    return lock_name(ref)


def lock_name(ref):
    if ref.get("p"):
        return ref.get("c", "") + "::" + ".".join(ref["p"])
    return ref.get("d") or ref.get("n", "")


def candidates(tree, tus):
    """Acquisition sites of named locks in reachable functions: [(lock, file, line, col, call)]."""
    fns, callers, tu_of = {}, {}, {}
    spawn_sites = {}  # (entry, site) -> multi: one start site counts once, whichever facts file lists it
    for tu in tus:
        for fn in tu.get("functions", []):
            if fn["id"] in fns and tu_of[fn["id"]] != tu.get("file"):
                # one id defined in two files: the `main`s of two programs (rng-tools' rngd.c and
                # rngtest.c). Both bodies' calls count, or the second program's threads go unseen
                # and every function looks like an API ("*")
                first = fns[fn["id"]] = dict(fns[fn["id"]])
                first["calls"] = first.get("calls", []) + fn.get("calls", [])
            fns.setdefault(fn["id"], fn)
            tu_of.setdefault(fn["id"], tu.get("file"))
            for c in fn.get("calls", []):
                callers.setdefault(c["callee"], set()).add(fn["id"])
            for sp in fn.get("spawns", []):
                spawn_sites[(sp["entry"], json.dumps(sp.get("s")))] = sp.get("multi", False)
    # which roots reach each function: thread entries ("T:" + id, "*" when started more than
    # once), main ("main"), functions nothing calls ("*": any thread, at any time)
    spawned = {}
    for (entry, _), multi in spawn_sites.items():
        spawned[entry] = spawned.get(entry, 0) + (2 if multi else 1)
    roots = {}
    for i, fn in fns.items():
        if i in spawned:
            roots[i] = "*" if spawned[i] > 1 else "T:" + i
        elif fn["name"] == "main":
            roots[i] = "main"
        elif i not in callers:
            roots[i] = "*"
    reach = {}
    for r, tag in roots.items():
        seen, work = set(), [r]
        while work:
            i = work.pop()
            if i in seen or i not in fns:
                continue
            seen.add(i)
            reach.setdefault(i, set()).add(tag)
            work += [c["callee"] for c in fns[i].get("calls", [])]
    # gates: the locks (rooted at globals, held exclusively) every call of a function is made
    # under, through all its callers; an inversion whose two orders are both taken under one of
    # them cannot deadlock (memcached's pause_threads() holds lru_maintainer_lock, through
    # lru_maintainer_pause(), where it calls storage_write_pause(); the maintainer thread holds
    # it around lru_maintainer_bumps()): such pairs are not planted
    def held_keys(held):
        return {key_of(h["ref"]) for h in held if h["ref"].get("r") == 0 and not h.get("sh")}
    sites_of = {}
    for i, fn in fns.items():
        for c in fn.get("calls", []):
            sites_of.setdefault(c["callee"], []).append((i, held_keys(c.get("held", []))))
    gates = {i: set() if i in roots or i not in sites_of else None for i in fns}
    for _ in range(len(fns)):
        changed = False
        for i in fns:
            if i in roots or i not in sites_of:
                continue
            g = None
            for caller, held in sites_of[i]:
                if caller not in fns:
                    g = set()
                    break
                ctx = held | gates[caller] if gates[caller] is not None else None
                if ctx is not None:
                    g = set(ctx) if g is None else g & ctx
            if g is not None and g != gates[i]:
                gates[i], changed = g, True
        if not changed:
            break
    seen = set(reach)
    out, lines = [], {}
    for i in sorted(seen):
        fn = fns[i]
        tu = tu_of.get(i)
        if fn.get("netacq") or fn.get("ctor"):
            continue  # a lock wrapper (SFML's sf::Mutex::lock()) or a guard's constructor (sf::Lock): its acquisition is its callers'
        for a in fn.get("acq", []):
            ref = a["ref"]
            if a.get("try") or a.get("sh") or a.get("re") or not a.get("notes"):
                continue
            # a global or a member of one: the same text names the same lock in any function; a
            # member of an object reached through a parameter, `this` or a local (`&c->mu`, `mu_`)
            # is planted through a new global pointer to an object of its class (member_call())
            member = ref.get("r") in (1, 2, 3) and bool(ref.get("p")) and bool(ref.get("c"))
            if ref.get("r") != 0 and not member:
                continue
            site = a["notes"][0]["s"]
            f, line, col = tree.absolute(site[0], tu), site[1], site[2]
            if not f.startswith(tree.copy) or not os.path.exists(f):
                continue
            if f not in lines:
                lines[f] = open(f, errors="surrogateescape").read().split("\n")
            if line - 1 >= len(lines[f]):
                continue
            c = call_at(lines[f][line - 1], col)
            # a C++ guard declared on the lock (`std::unique_lock<std::mutex> lock(_mutex);`,
            # `MutexLock l(&mu_);`): the "call" is the guard's name; a plant declares a guard of
            # the same type in a block of its own (taken, then released at the block's end)
            g = GUARD.search(lines[f][line - 1][:col - 1])
            guard = g.group(1) if c and g and g.group(1) not in ("return", "else", "do", "case", "goto") and not c[3] else None
            if not c or (not guard and not unlock_of(c[0])):
                continue
            # the statement must end on this line (the insertion goes on the next line)
            rest = lines[f][line - 1][col - 1 + len(c[2]):].strip()
            after = line
            if not guard and IF_PREFIX.search(lines[f][line - 1][:col - 1]):
                # `if (pthread_mutex_lock(&m) != 0) break;` (arpon's every lock call): the lock
                # is held after the if statement, whose body is the failure branch
                after = failure_branch_end(lines[f], line, rest)
                if after is None:
                    continue
            elif not rest.startswith(";") or "}" in rest:
                continue  # (a one-line body, `{ Lock l(cs); return n; }`: the next line is outside it)
            if member and "<" in ref["c"]:
                continue  # a template's instance: no spelling of the class to declare a pointer with
            out.append({"guard": guard, "tu": tu, "lock": lock_name(ref), "shown": shown_name(ref), "key": lock_name(ref) if member else key_of(ref), "file": f,
                        "member": member, "cls": ref.get("c", ""), "root": ref.get("r"), "path": ref.get("p", []), "line": line, "after": after, "call": c, "fn": fn["name"], "threads": reach[i],
                        "ctx": (gates.get(i) or set()) | held_keys(a.get("held", [])),
                        "fp": any(FP_NOTE.search(n.get("m", "")) for n in a["notes"]),
                        # the lock call is the tree's own wrapper ("acquired here through mutex_lock()")
                        "wrapped": " through " in a["notes"][0].get("m", ""),
                        "fnline": fn["s"][1] if tree.absolute(fn["s"][0], tu) == f else None})
    # one site per (lock, function): enough variety, fewer near-duplicates
    uniq, keys = [], set()
    for c in out:
        k = (c["key"], c["fn"])
        if k not in keys:
            keys.add(k)
            uniq.append(c)
    return uniq


def analyzer_programs(tree, analyzer, jobs):
    """Which programs each file of the tree is linked into, as the analyzer groups them
    (--list-programs, over the facts of the run before): {file: {program index}}."""
    r = run([analyzer, "--no-progress", "-p", tree.db_dir, "-j", str(jobs), "--facts-dir", tree.cache, "--list-programs"])
    if not r.stdout.strip():  # (exit 2 with a list: some file did not compile, as in the run before)
        sys.exit(f"plant.py: {tree.name}: lockgraph-analyze --list-programs failed:\n{r.stderr}")
    out = {}
    for i, line in enumerate(r.stdout.splitlines()):
        for f in json.loads(line)["files"]:
            out.setdefault(f, set()).add(i)
    return out


def lock_text(call):
    name, args, full, recv = call
    return full


# the type of a guard declaration before its name: `std::lock_guard<std::mutex> `, `MutexLock `
IF_PREFIX = re.compile(r"(?:^|[;{}])\s*(?:else\s+)?if\s*\(\s*$")


def failure_branch_end(lines, line, rest):
    """The last line of `if (lock(...) != 0) BODY` whose condition is the lock call on 1-based
    `line` (`rest`: the text after the call): BODY the failure branch, a statement or a block
    ending a line, with no `else` after it (the lock is held after the if). None for any other
    shape (`== 0`: the body is where the lock is held)."""
    m = re.match(r"^(?:!=\s*0\s*)?\)\s*(.*)$", rest)
    if not m:
        return None
    text, i = m.group(1), line  # the body's text so far; i: the 1-based line it ends on
    while not text.strip() and i < len(lines):
        text, i = lines[i], i + 1
    body = text.strip()
    if body.startswith("{"):
        depth = 0
        while True:
            for k, ch in enumerate(text):
                depth += {"{": 1, "}": -1}.get(ch, 0)
                if depth == 0 and ch == "}":
                    if text[k + 1:].strip():
                        return None
                    break
            else:
                if i >= len(lines):
                    return None
                text, i = lines[i], i + 1
                continue
            break
    elif not re.match(r"^(?:break|continue|return\b[^;{}]*|goto\s+\w+)\s*;\s*(?://.*|/\*.*\*/)?$", body):
        return None  # (a statement that is no jump: the lock may be held in its body's way out)
    nxt = next((l.strip() for l in lines[i:] if l.strip()), "")
    return None if nxt.startswith("else") else i


GUARD = re.compile(r"(?:^|[;{}]\s*|^\s*(?:const\s+)?)((?:[A-Za-z_]\w*::)*[A-Za-z_]\w*(?:<[^;{}()=]*>)?)\s+$")
ROOT = re.compile(r"^([\s&*(]*)([A-Za-z_]\w*)")


def member_call(c, ptr):
    """c's lock call with the object its lock belongs to replaced by *ptr, a new global pointer to
    an object of the lock's class: `pthread_mutex_lock(&conn->mu)` -> `pthread_mutex_lock(&ptr->mu)`,
    `mu_.lock()` (a member of this) -> `ptr->mu_.lock()`, `s.mu` (a reference) -> `(*ptr).mu`.
    None when the text does not start at the object (a cast, a call, a macro of the tree's)."""
    name, args, full, recv = c["call"]
    a = split_args(args)
    text = recv if recv else (a[0] if a else "")
    m = ROOT.match(text)
    if not m:
        return None
    lead, root, rest = m.group(1), m.group(2), text[m.end():]
    if root == "this":
        new = lead + ptr + rest
    elif c["root"] == 2 and root == c["path"][0]:  # a member of this named without it
        new = lead + ptr + "->" + root + rest
    elif rest.startswith("->"):
        new = lead + ptr + rest
    elif rest.startswith("."):
        new = lead + "(*" + ptr + ")" + rest
    else:
        return None
    if recv:
        return name, args, new + name + "(" + args + ")", new
    a = [new] + a[1:]
    return name, ", ".join(a), recv + name + "(" + ", ".join(a) + ")", recv


def pointer_decl(c, ptr, struct):
    """A block-scope declaration of the global pointer member_call() locks through."""
    return f"extern {'struct ' if struct else ''}{c['cls']} *{ptr};"


def unlock_text(call, arg=None):
    name, args, full, recv = call
    a = split_args(args)
    if arg is not None:
        a = [arg] + a[1:]
    return recv + unlock_of(name) + "(" + ", ".join(a) + ")"


def decl_start(lines, fnline):
    """Index of the first line of the function definition whose name is on `fnline`."""
    i = fnline - 1
    while i > 0:
        prev = lines[i - 1].strip()
        if not prev or prev.endswith((";", "}", "{", "*/")) or prev.startswith(("#", "//")):
            break
        i -= 1
    return i


def plant_one(tree, a, b, kind, idx, struct=True):
    """Edits the copy: under a's lock take b's lock, and under b's lock take a's lock (a member
    lock's class named `struct C` when `struct`, else `C`). Returns {file: original text} to restore and the planted sites [(file, line)], or None."""
    originals, edits = {}, {}  # file -> list of (after_line_index, text) / (before_index, text)

    def under(held, inner):
        """Takes `inner`'s lock right after `held`'s acquisition; helpers go into inner's file,
        before inner's function, where the lock's expression is in scope."""
        name, args, full, recv = inner["call"]
        g = inner.get("guard")
        if g and kind in ("returned", "fnptr"):
            return None

        def take(c):
            """The statements that take and release c's lock (a guard of the tree's type in its own block)."""
            return f"{{ {g} lg_plant_guard_{idx}({c[1]}); }}" if g else f"{c[2]}; {unlock_text(c)};"
        helper = f"lg_plant_{kind}_{idx}_{re.sub(r'[^A-Za-z0-9_]', '_', inner['lock'])}"

        def declare(ret):
            """The helper's declaration, at the top of held's file (file scope, C linkage): a
            declaration in the calling block would, inside a C++ namespace, name another function
            (`sf::lg_plant_...`) than the one defined in inner's file, in its own namespace."""
            edits.setdefault(held["file"], []).append(("top", 0, CLINK + f"{ret}{helper}(void);  /* lockgraph plant {idx} decl */"))
            return ""
        if inner["member"]:
            # a member lock: taken on the object a new global pointer of the lock's class points
            # to (the analyzer names both by the class: `conn::mu`), as code that reaches a
            # connection through a global (`server.current->mu`) does
            ptr = f"lg_plant_obj_{idx}_{re.sub(r'[^A-Za-z0-9_]', '_', inner['cls'])}"
            call = member_call(inner, ptr)
            if call is None or kind in ("fnptr",):
                return None
            decl = pointer_decl(inner, ptr, struct)
            if kind == "plain":
                text = f"{{ {decl} {take(call)} }}"
            elif inner["fnline"] is None:
                return None
            elif kind == "call":
                edits.setdefault(inner["file"], []).append(
                    ("before_fn", inner["fnline"],
                     CLINK + f"void {helper}(void) {{ {decl} {take(call)} }}  /* lockgraph plant {idx} */"))
                text = f"{{ {declare('void ')}{helper}(); }}"
            else:  # returned
                a = split_args(call[1])
                if call[3] or not a or not inner["file"].endswith(".c") or not held["file"].endswith(".c"):
                    return None
                edits.setdefault(inner["file"], []).append(
                    ("before_fn", inner["fnline"],
                     CLINK + f"void *{helper}(void) {{ {decl} {call[2]}; return (void *)({a[0]}); }}  /* lockgraph plant {idx} */"))
                text = f"{{ {declare('void *')}void *lg_m = {helper}(); {unlock_text(call, 'lg_m')}; }}"
        elif kind == "plain":
            text = f"{{ {take(inner['call'])} }}"
        elif inner["fnline"] is None:
            return None
        elif kind == "fnptr":  # a table of lock functions (libevent's, sqlite3's idiom) in the lock's file
            a = split_args(args)
            if recv or not a or inner["wrapped"]:
                return None  # the analyzer follows tables of functions that call the lock API themselves
            rest = "".join(", " + x for x in a[1:])
            cast = f"(__typeof__({a[0]}))p"
            ops = f"{helper}_ops"
            edits.setdefault(inner["file"], []).append(
                ("before_fn", inner["fnline"],
                 f"struct {ops} {{ void (*enter)(void *); void (*leave)(void *); }}; "
                 f"static void {ops}_enter(void *p) {{ {recv}{name}({cast}{rest}); }} "
                 f"static void {ops}_leave(void *p) {{ {recv}{unlock_of(name)}({cast}{rest}); }} "
                 f"static struct {ops} {ops} = {{ {ops}_enter, {ops}_leave }};\n"
                 + CLINK + f"void {helper}(void) {{ {ops}.enter((void *)({a[0]})); {ops}.leave((void *)({a[0]})); }}  /* lockgraph plant {idx} */"))
            text = f"{{ {declare('void ')}{helper}(); }}"
        elif kind == "call":
            edits.setdefault(inner["file"], []).append(
                ("before_fn", inner["fnline"],
                 CLINK + f"void {helper}(void) {{ {take(inner['call'])} }}  /* lockgraph plant {idx} */"))
            text = f"{{ {declare('void ')}{helper}(); }}"
        else:  # returned: a lookup that returns the lock object locked; the caller unlocks what it got
            a = split_args(args)
            if recv or not a or not inner["file"].endswith(".c") or not held["file"].endswith(".c"):
                return None
            edits.setdefault(inner["file"], []).append(
                ("before_fn", inner["fnline"],
                 CLINK + f"void *{helper}(void) {{ {full}; return (void *)({a[0]}); }}  /* lockgraph plant {idx} */"))
            text = f"{{ {declare('void *')}void *lg_m = {helper}(); {unlock_text(inner['call'], 'lg_m')}; }}"
        edits.setdefault(held["file"], []).append(("after", held["after"], text + f"  /* lockgraph plant {idx} */"))
        return True

    if under(a, b) is None or under(b, a) is None:
        return None
    sites = []
    for f, ins in edits.items():
        text = open(f, errors="surrogateescape").read()
        originals[f] = text
        lines = text.split("\n")
        # apply bottom-up so that earlier line numbers stay valid
        ops = []
        for what, line, t in ins:
            pos = line if what == "after" else 0 if what == "top" else decl_start(lines, line)
            ops.append((pos, what, t))
        for pos, what, t in sorted(ops, key=lambda x: -x[0]):
            lines.insert(pos, t)
        lines = "\n".join(lines).split("\n")  # (insertions of several lines: CLINK)
        with open(f, "w", errors="surrogateescape") as out:
            out.write("\n".join(lines))
        for i, l in enumerate(lines):
            if f"lockgraph plant {idx} */" in l and "lg_plant_" not in l.split("{")[0]:
                sites.append((f, i + 1))
    return originals, sites


def restore(originals):
    for f, t in originals.items():
        with open(f, "w", errors="surrogateescape") as out:
            out.write(t)


def found(tree, analyzer, jobs, sites, locks):
    """Is the plant reported: a lock-order-inversion of the two locks with notes on the planted
    lines. When the tree already takes one of the two orders, the analyzer may show that edge with
    the tree's own evidence: notes on one planted line then count, and the result says so."""
    r = run([analyzer, "--no-progress", "-p", tree.db_dir, "-j", str(jobs), "--facts-dir", tree.cache, "--format=json"])
    if r.returncode not in (0, 1, 2):
        return False, f"analyzer exit {r.returncode}"
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    partial, latent = None, False
    for rec in recs:
        at = {(tree.absolute(s["file"]), s["line"]) for s in rec["sites"]}
        hit = [s for s in sites if s in at]
        if rec["kind"] == "latent-lock-order" and len(hit) == len(sites):
            latent = True
        if rec["kind"] != "lock-order-inversion" or not hit:
            continue
        if len(hit) == len(sites):
            return True, " => ".join(rec.get("cycle", []))
        # the cycle's names, as the report shows them (or one of the cycles reported with it)
        for cyc in [rec.get("cycle", [])] + rec.get("also_cycles", []):
            if set(cyc) == set(locks):
                partial = " => ".join(cyc) + " (one order already in the tree)"
    if partial:
        return True, partial
    return False, "reported as latent-lock-order" if latent else "not reported"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("--sources")
    ap.add_argument("--db", action="append", default=[], metavar="NAME=DIR",
                    help="any tree with a compile database in DIR (a held-out tree prepared elsewhere); the tree "
                         "copied is the deepest directory holding DIR and every file of the database")
    ap.add_argument("--plants", type=int, default=6, help="plants per tree")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--analyzer", default=os.path.join(REPO, "build", "bin", "lockgraph-analyze"))
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "plant"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-plants", type=int, default=0, help="plants each tree must give")
    ap.add_argument("--need", action="append", default=[], choices=KINDS + ("fp", "member"),
                    help="a kind of plant (or fp: the tree's own lock call through a function pointer) "
                    "the run must make at least once")
    ap.add_argument("--keep-plant", type=int, metavar="N",
                    help="leave plant N in the tree's copy and stop after it (to read a miss: the copy and its "
                    "compile database are in OUT/TREE/tree, and lockgraph-analyze -p there reports it again)")
    ap.add_argument("--lock", help="run compile checks and the analyzer under flock(1) of this file "
                    "(bench runs on a shared machine: /tmp/lockgraph-build.lock); never wrap plant.py itself in it")
    ap.add_argument("-v", "--verbose", action="store_true", help="say why each try did not compile")
    a = ap.parse_args()
    global LOCK, VERBOSE
    LOCK, VERBOSE = a.lock, a.verbose
    trees = []
    if a.sources:
        trees.append(lambda: sources_tree(os.path.abspath(a.sources), os.path.join(a.out, os.path.basename(a.sources.rstrip("/")))))
    for t in a.tree:
        trees.append(lambda t=t: run_tree(t, os.path.join(a.out, t)))
    for d in a.db:
        name, _, path = d.partition("=")
        if not name or not path:
            ap.error("--db takes NAME=DIR")
        trees.append(lambda name=name, path=path: db_tree(name, os.path.abspath(path), os.path.join(a.out, name)))
    if not trees:
        ap.error("give --tree NAME, --db NAME=DIR or --sources DIR")
    rows, total, hits, short = [], 0, 0, []
    for make in trees:
        tree = make()
        rng = random.Random(f"{a.seed}/{tree.name}")
        # pairs the tree already takes in both orders would be reported without the plant
        before = run([a.analyzer, "--no-progress", "-p", tree.db_dir, "-j", str(a.jobs), "--facts-dir", tree.cache,
                      "--format=json"]).stdout.splitlines()
        tus = analyzer_facts(tree)
        programs = analyzer_programs(tree, a.analyzer, a.jobs)
        cands = candidates(tree, tus)
        log(f"plant.py: {tree.name}: {len(cands)} acquisition sites in reachable code "
            f"({sum(c['member'] for c in cands)} of them of member locks)")
        if not cands:
            acqs = sum(len(fn.get("acq", [])) for tu in tus for fn in tu.get("functions", []))
            log(f"plant.py: {tree.name}: the analyzer's facts hold {acqs} acquisitions in {len(tus)} TUs in all "
                "(few: are the tree's lock wrappers seen as acquires? see their netacq in the facts)")
        inverted = [set(json.loads(l).get("cycle", [])) for l in before]
        # two functions that can run at the same time: two threads, a thread started twice, or an API
        concurrent = lambda x, y: "*" in x["threads"] | y["threads"] or len(x["threads"] | y["threads"]) > 1
        pairs = [(x, y) for i, x in enumerate(cands) for y in cands[i + 1:]
                 if x["key"] != y["key"] and x["lock"] != y["lock"] and x["fn"] != y["fn"] and concurrent(x, y)
                 and not any({x["lock"], y["lock"]} <= c for c in inverted)]
        # two files no program links together (sg3-utils' sgp_dd.c and sgh_dd.cpp, each with a
        # main(); SFML's window module and its VoIP example): an order taken in each is no
        # inversion, whatever the lock names share. The programs are the analyzer's own.
        apart = [(x, y) for x, y in pairs if not programs.get(x["tu"], set()) & programs.get(y["tu"], set())]
        if apart:
            log(f"plant.py: {tree.name}: {len(apart)} pairs not planted: their sites are in two programs (no program links both files)")
        pairs = [p for p in pairs if p not in apart]
        gated = [(x, y) for x, y in pairs if (x["ctx"] & y["ctx"]) - {x["key"], y["key"]}]
        if gated:
            log(f"plant.py: {tree.name}: {len(gated)} pairs not planted: both sites are reached only with a common lock held (a gate)")
        pairs = [p for p in pairs if p not in gated]
        rng.shuffle(pairs)
        used, n = set(), 0
        for x, y in pairs:
            if n >= a.plants:
                break
            if (x["key"], y["key"]) in used or (y["key"], x["key"]) in used:
                continue
            # the kind this plant is meant to be, then the others: a plain call does not compile
            # where the other lock is a static of another file; a helper in that file does
            first = KINDS[n % len(KINDS)]
            planted = None
            tries = [(k, st) for k in (first,) + tuple(k for k in ("plain", "call", "returned", "fnptr") if k != first)
                     for st in ((True, False) if x["member"] or y["member"] else (True,))]
            for kind, struct in tries:
                p = plant_one(tree, x, y, kind, n, struct)
                if p is None:
                    continue
                originals, sites = p
                if len(sites) == 2 and all(tree.syntax_ok(f, (x["tu"], y["tu"])) for f in originals):
                    planted = p
                    break
                restore(originals)
            if planted is None:
                continue
            originals, sites = planted
            used.add((x["key"], y["key"]))
            ok, why = found(tree, a.analyzer, a.jobs, sites, (x["shown"], y["shown"]))
            n += 1
            if a.keep_plant != n:
                restore(originals)
            total += 1
            hits += ok
            rel = lambda s: f"{os.path.relpath(s[0], tree.copy)}:{s[1]}"
            fp = "yes" if x["fp"] and y["fp"] else "one" if x["fp"] or y["fp"] else "no"
            mb = "yes" if x["member"] and y["member"] else "one" if x["member"] or y["member"] else "no"
            rows.append((tree.name, n, kind, fp, mb, x["lock"], y["lock"], rel(sites[0]), rel(sites[1]), "found" if ok else "MISSED", why))
            log(f"  plant {n} ({kind}) {x['lock']} / {y['lock']}: {'found' if ok else 'missed: ' + why}")
            if a.keep_plant == n:
                log(f"plant.py: plant {n} left in {tree.copy} (" + ", ".join(rel(s) for s in sites) + ")")
                break
        if a.keep_plant and n >= a.keep_plant:
            break
        if n < a.plants:
            log(f"plant.py: {tree.name}: only {n} plants compiled")
        if n < a.min_plants:
            short.append(f"{tree.name}: {n} plants, fewer than --min-plants {a.min_plants}")
    print("| tree | # | kind | fp | member | L1 | L2 | planted under L1 | planted under L2 | result | reported as |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")
    # found / plants per tree, per kind, and for the trees' own function-pointer lock calls
    groups = {}
    for r in rows:
        for g in ("tree " + r[0], "kind " + r[2], "fp " + r[3], "member " + r[4]):
            got = groups.setdefault(g, [0, 0])
            got[0] += r[9] == "found"
            got[1] += 1
    print()
    for g, (f, t) in groups.items():
        print(f"{g}: {f}/{t}")
    recall = hits / total if total else 0.0
    print(f"\nrecall: {hits}/{total} = {recall:.0%} (seed {a.seed})")
    for s in short:
        log("plant.py: " + s)
    for k in a.need:
        if not any(r[2] == k or (k == "fp" and r[3] != "no") or (k == "member" and r[4] != "no") for r in rows):
            short.append(f"no plant of kind {k} (--need)")
            log(f"plant.py: no plant of kind {k} (--need)")
    return 0 if total and recall >= a.min_recall and not short else 1


if __name__ == "__main__":
    sys.exit(main())
