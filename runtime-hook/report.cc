// Reports of the runtime hook: symbolization (an llvm-symbolizer process), lock names,
// suppressions, baselines, and the text and JSON renderings. Runs off the lock path, under one
// report mutex, on the hook's own stack (or the watchdog's) with the calling thread's hook guard
// set and cancellation disabled; still no malloc or stdio, since the host may be stopped anywhere
// (the watchdog reports while the host's threads are deadlocked). Nothing is cut: the text and
// JSON of a finding grow with it (mmap'd buffers), names and paths have room for PATH_MAX.
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstring>
#include <new>

#include "hook_state.h"
#include "rules.h"
#include "waits.h"

extern char **environ;

namespace lg {

std::atomic<int> g_findings{0};

namespace {

InternalMutex g_report_mu;
char g_exe[4096];
int g_text_fd = 2;
int g_json_fd = -1;
pid_t g_files_pid = 0;
std::atomic<int> g_suppressed{0};
char g_json_file[4096];      // the JSON log this process writes
bool g_json_failed_said = false;
// What stderr was when the hook started: a report does not go to a stderr the program closed or
// replaced (the descriptor may now be one of its data files); it goes next to the JSON log.
bool g_stderr_known = false;
dev_t g_stderr_dev;
ino_t g_stderr_ino;
int g_fallback_fd = -1;      // PREFIX.<pid>.txt beside the JSON log
bool g_nowhere_said = false;

// The whole of a file, in a growable buffer (a suppressions file or a baseline: no size limit).
bool ReadWholeFile(const char *path, Buf *out) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char chunk[4096];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out->Str(chunk, static_cast<size_t>(n));
  }
  close(fd);
  return out->ok();
}

// --- suppressions ----------------------------------------------------------------------------
// The format of common/suppressions.h (docs/suppressions.md), read by rules.cc without
// allocation. While a finding is rendered, each rule records which of its fields some lock,
// function or file matched; the finding is dropped when one rule of its kind has all its fields
// matched.
// One per line of the file at most (mmap'd, sized from the file: no limit on the rules).
Suppression *g_supp;
uint8_t *g_supp_hit;  // the current finding: bit f set when field f matched
int g_nsupp = 0;
Buf g_supp_text;

// A relative file pattern also matches the path's tail after any '/'.
bool SuppFileGlob(const char *p, const char *path) {
  if (WildcardMatch(p, path)) return true;
  if (*p == '/' || *p == '*') return false;
  for (const char *c = path; *c; ++c)
    if (*c == '/' && WildcardMatch(p, c + 1)) return true;
  return false;
}

void SuppWarn(int line, const char *what) {
  char msg[800];
  Buf b(msg, sizeof(msg));
  b.Str("lockgraph: ").Str(g_opt.suppressions).Char(':').Dec(line).Str(": ").Str(what)
      .Str(" (docs/suppressions.md); the line is ignored\n");
  WriteAll(2, b.c_str(), b.size());
}

void LoadSuppressions() {
  if (!g_opt.suppressions || !*g_opt.suppressions) return;
  if (!ReadWholeFile(g_opt.suppressions, &g_supp_text)) {
    char msg[600];
    Buf b(msg, sizeof(msg));
    b.Str("lockgraph: cannot read suppressions file '").Str(g_opt.suppressions).Str("'\n");
    WriteAll(2, b.c_str(), b.size());
    return;
  }
  if (g_supp_text.size() == 0) return;
  size_t lines = CountLines(g_supp_text.c_str(), g_supp_text.size());
  g_supp = static_cast<Suppression *>(MapZeroed(lines * sizeof(Suppression)));
  g_supp_hit = static_cast<uint8_t *>(MapZeroed(lines));
  if (g_supp == nullptr || g_supp_hit == nullptr) return;
  char *p = const_cast<char *>(g_supp_text.c_str());
  for (int lineno = 1; *p; ++lineno) {
    char *line = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    bool rule = false;
    if (const char *why = ParseSuppressionLine(line, &g_supp[g_nsupp], &rule)) SuppWarn(lineno, why);
    g_nsupp += rule;
  }
}

// --- symbolization ---------------------------------------------------------------------------
// The symbolizer runs as a process the host never sees as its child: a program that reaps all its
// children with wait() must neither hang on it nor reap it from under the hook. An intermediate
// process made with clone() and no exit signal (invisible to wait() without __WCLONE, and no
// SIGCHLD) starts it and exits at once, so init adopts it. It leads its own process group: a
// symbolizer that does not answer within symbolizer_timeout_ms is killed with all it started,
// and reports go on with addresses.
pid_t g_sym_pid = 0;
int g_sym_in = -1, g_sym_out = -1;
bool g_sym_failed = false;
bool g_sym_timeout_note = false;  // said in the report being written
char g_sym_path[4096];

bool FindSymbolizer() {
  if (g_opt.external_symbolizer_path && *g_opt.external_symbolizer_path) {
    StrCopy(g_sym_path, sizeof(g_sym_path), g_opt.external_symbolizer_path);
    return access(g_sym_path, X_OK) == 0;
  }
  const char *path = getenv("PATH");
  static const char *const kNames[] = {"llvm-symbolizer", "llvm-symbolizer-19", "llvm-symbolizer-18",
                                       "llvm-symbolizer-17", "llvm-symbolizer-16", "llvm-symbolizer-15",
                                       "llvm-symbolizer-14"};
  for (const char *name : kNames) {
    const char *p = path ? path : "/usr/bin";
    while (*p) {
      const char *e = p;
      while (*e && *e != ':') ++e;
      Buf b(g_sym_path, sizeof(g_sym_path));
      b.Str(p, static_cast<size_t>(e - p)).Char('/').Str(name);
      if (access(g_sym_path, X_OK) == 0) return true;
      p = *e ? e + 1 : e;
    }
  }
  for (int v = 20; v >= 14; --v) {
    Buf b(g_sym_path, sizeof(g_sym_path));
    b.Str("/usr/lib/llvm-").Dec(v).Str("/bin/llvm-symbolizer");
    if (access(g_sym_path, X_OK) == 0) return true;
  }
  return false;
}

void CloseSymbolizer(bool kill_it) {
  if (g_sym_pid > 0) {
    close(g_sym_in);
    close(g_sym_out);
    if (kill_it) kill(-g_sym_pid, SIGKILL);
  }
  g_sym_pid = 0;
  g_sym_in = g_sym_out = -1;
}

bool StartSymbolizer() {
  if (g_sym_pid > 0) return true;
  if (g_sym_failed || !g_opt.symbolize) return false;
  g_sym_failed = true;
  if (!FindSymbolizer()) return false;
  // The symbolizer must not load this hook again. Its environment: the host's, without those.
  static char **env = nullptr;
  if (env == nullptr) {
    size_t n = 0;
    for (char **e = environ; e && *e; ++e) ++n;
    env = static_cast<char **>(MapZeroed((n + 1) * sizeof(char *)));
    if (env == nullptr) return false;
    size_t k = 0;
    for (char **e = environ; e && *e && k < n; ++e)
      if (!StrStartsWith(*e, "LD_PRELOAD=") && !StrStartsWith(*e, "LOCKGRAPH_OPTIONS=")) env[k++] = *e;
  }
  static char a0[] = "llvm-symbolizer", a1[] = "--inlining", a2[] = "--demangle",
              a3[] = "--functions=linkage";
  static char *argv[] = {a0, a1, a2, a3, nullptr};
  int to_child[2], from_child[2], pid_pipe[2];
  if (pipe2(to_child, O_CLOEXEC) != 0) return false;
  if (pipe2(from_child, O_CLOEXEC) != 0) {
    close(to_child[0]);
    close(to_child[1]);
    return false;
  }
  if (pipe2(pid_pipe, O_CLOEXEC) != 0) {
    close(to_child[0]), close(to_child[1]), close(from_child[0]), close(from_child[1]);
    return false;
  }
  // Only system calls between the clones and the exec: the copies of this process have one
  // thread, and the C library's state there is the parent's.
  long mid = syscall(SYS_clone, 0L, 0L, 0L, 0L, 0L);
  if (mid == 0) {
    long sym = syscall(SYS_clone, static_cast<long>(SIGCHLD), 0L, 0L, 0L, 0L);
    if (sym == 0) {
      setpgid(0, 0);
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      execve(g_sym_path, argv, env);
      syscall(SYS_exit_group, 127);
    }
    pid_t p = static_cast<pid_t>(sym);
    ssize_t w = write(pid_pipe[1], &p, sizeof(p));
    (void)w;
    syscall(SYS_exit_group, 0);
  }
  close(to_child[0]);
  close(from_child[1]);
  close(pid_pipe[1]);
  pid_t sym = -1;
  if (mid > 0) {
    ssize_t r;
    do r = read(pid_pipe[0], &sym, sizeof(sym));
    while (r < 0 && errno == EINTR);
    if (r != sizeof(sym)) sym = -1;
    while (waitpid(static_cast<pid_t>(mid), nullptr, __WCLONE) < 0 && errno == EINTR) {
    }
  }
  close(pid_pipe[0]);
  if (sym <= 0) {
    close(to_child[1]);
    close(from_child[0]);
    return false;
  }
  g_sym_pid = sym;
  g_sym_in = to_child[1];
  g_sym_out = from_child[0];
  g_sym_failed = false;
  return true;
}

int64_t NowMs() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

// A write to the symbolizer's pipe: a symbolizer that died must not raise SIGPIPE in the host.
// SIGPIPE is blocked in this thread around the write and a SIGPIPE it raised is taken back.
bool WriteToSymbolizer(const char *s, size_t n) {
  sigset_t pipe_set, old, pending;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  sigpending(&pending);
  bool was_pending = sigismember(&pending, SIGPIPE);
  bool ok = WriteAll(g_sym_in, s, n);
  if (!ok && errno == EPIPE && !was_pending) {
    struct timespec zero = {0, 0};
    sigtimedwait(&pipe_set, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return ok;
}

// Sends one query and reads the answer up to its blank line into `out` (it grows as needed).
bool SymbolizerQuery(const char *query, Buf *out) {
  out->Clear();
  if (!StartSymbolizer()) return false;
  bool ok = false;
  if (WriteToSymbolizer(query, StrLen(query))) {
    int64_t deadline = NowMs() + g_opt.symbolizer_timeout_ms;
    char chunk[4096];
    for (;;) {
      int64_t left = deadline - NowMs();
      if (left <= 0) {
        g_sym_timeout_note = true;
        break;
      }
      struct pollfd pfd = {g_sym_out, POLLIN, 0};
      int r = poll(&pfd, 1, left > 1000000 ? 1000000 : static_cast<int>(left));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) continue;  // the deadline is checked above
      ssize_t n = read(g_sym_out, chunk, sizeof(chunk));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      out->Str(chunk, static_cast<size_t>(n));
      size_t len = out->size();
      const char *t = out->c_str();
      if (len >= 2 && t[len - 1] == '\n' && t[len - 2] == '\n') {
        ok = out->ok();
        break;
      }
    }
  }
  if (!ok) {
    CloseSymbolizer(/*kill_it=*/true);
    g_sym_failed = true;
  }
  return ok;
}

constexpr size_t kPathCap = 4096;
struct Frame {
  uintptr_t pc;
  char module[kPathCap];
  uintptr_t offset;
  char function[kPathCap];
  char file[kPathCap];
  int line;
  int column;
};

bool ModuleOf(uintptr_t addr, char *module, size_t cap, uintptr_t *offset) {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(addr), &info) || info.dli_fbase == nullptr) return false;
  const char *name = info.dli_fname;
  if (name == nullptr || name[0] != '/') name = g_exe;
  StrCopy(module, cap, name);
  const ElfW(Ehdr) *eh = static_cast<const ElfW(Ehdr) *>(info.dli_fbase);
  *offset = eh->e_type == ET_EXEC ? addr : addr - reinterpret_cast<uintptr_t>(info.dli_fbase);
  return true;
}

Buf g_answer;  // the symbolizer's last answer

// Symbolizes a return address (the call is the instruction before it). Inlined frames expand
// into several; returns how many were written (0 if the address is in no module).
int Symbolize(uintptr_t pc, Frame *out, int max) {
  if (IsPyPc(pc)) {  // a Python frame (python.cc)
    const char *file, *function;
    int line;
    if (max < 1 || !PythonFrame(pc, &file, &function, &line)) return 0;
    Frame &f = out[0];
    memset(&f, 0, sizeof(f));
    f.pc = pc;
    StrCopy(f.module, sizeof(f.module), "python");
    StrCopy(f.function, sizeof(f.function), function);
    StrCopy(f.file, sizeof(f.file), file);
    f.line = line;
    return 1;
  }
  static Dl_info self;
  static bool self_known = dladdr(reinterpret_cast<void *>(&Symbolize), &self) != 0;
  Dl_info where;
  if (self_known && dladdr(reinterpret_cast<void *>(pc - 1), &where) && where.dli_fbase == self.dli_fbase)
    return 0;  // the hook's own frames (the thread trampoline) are noise
  Frame &base = out[0];
  memset(&base, 0, sizeof(base));
  base.pc = pc;
  // The offset is that of the call instruction's last byte (pc - 1), as the symbolizer wants
  // it; confirm mode adds 1 to find the return address again.
  if (!ModuleOf(pc - 1, base.module, sizeof(base.module), &base.offset)) return 0;
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(pc - 1), &info) && info.dli_sname)
    StrCopy(base.function, sizeof(base.function), info.dli_sname);
  Buf q;
  q.Str("CODE \"").Str(base.module).Str("\" ").Hex(base.offset).Char('\n');
  if (!SymbolizerQuery(q.c_str(), &g_answer)) return 1;
  int n = 0;
  char *p = const_cast<char *>(g_answer.c_str());
  while (*p && *p != '\n' && n < max) {
    char *fn = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    char *loc = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    Frame &f = out[n];
    if (n > 0) memcpy(&f, &out[0], sizeof(Frame));
    ++n;
    f.function[0] = 0;
    if (!StrEq(fn, "??")) StrCopy(f.function, sizeof(f.function), fn);
    else if (info.dli_sname) StrCopy(f.function, sizeof(f.function), info.dli_sname);
    f.file[0] = 0;
    f.line = f.column = 0;
    // loc is file:line:column, or ??:0:0
    char *c2 = strrchr(loc, ':');
    if (c2) {
      *c2 = 0;
      char *c1 = strrchr(loc, ':');
      if (c1) {
        *c1 = 0;
        f.line = atoi(c1 + 1);
        f.column = atoi(c2 + 1);
      } else {
        f.line = atoi(c2 + 1);
      }
    }
    if (!StrEq(loc, "??")) StrCopy(f.file, sizeof(f.file), loc);
  }
  return n == 0 ? 1 : n;
}

bool SystemModule(const char *module) {
  return StrStartsWith(module, "/usr/lib") || StrStartsWith(module, "/lib");
}

bool SystemFrame(const Frame &f) {
  if (f.file[0] == 0) return true;
  if (f.file[0] == '<') return true;  // Python's frozen modules, <string>
  return StrStartsWith(f.file, "/usr/include/") || StrStartsWith(f.file, "/usr/lib/") ||
         strstr(f.file, "/bits/") != nullptr || (f.module[0] && SystemModule(f.module));
}

// --- lock names ------------------------------------------------------------------------------
// Reads line `line` of `path` into `out` (without the newline); false if there is none.
bool ReadSourceLine(const char *path, int line, char *out, size_t cap) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  static char buf[1 << 16];
  int at = 1;
  size_t n = 0;
  bool found = false;
  for (;;) {
    ssize_t got = read(fd, buf, sizeof(buf));
    if (got <= 0) break;
    for (ssize_t i = 0; i < got; ++i) {
      if (at == line) {
        if (buf[i] == '\n') {
          found = true;
          break;
        }
        if (n + 1 < cap) out[n++] = buf[i];
      } else if (buf[i] == '\n') {
        ++at;
      }
    }
    if (found || at > line) break;
  }
  close(fd);
  out[n] = 0;
  return found || (at == line && n > 0);
}

bool IsIdent(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The lock expression of the call at `col` (1-based) of a source line, as the source names it:
// `pthread_mutex_lock(&s->mu)` and `std::lock_guard<std::mutex> g(s->mu)` give "s->mu". Only
// a plain object expression counts; a call with several arguments only for the pthread/C11
// functions (the lock is the first). False when in doubt.
bool LockExpression(const char *text, int col, char *out, size_t cap) {
  size_t len = StrLen(text);
  if (col <= 0 || static_cast<size_t>(col) > len) return false;
  const char *p = text + col - 1;
  while (*p && *p != '(' && *p != ';' && *p != '{') ++p;
  if (*p != '(') return false;
  const char *name_end = p;  // the callee (or the guard variable) before '('
  const char *name = name_end;
  while (name > text && (IsIdent(name[-1]) || name[-1] == ':')) --name;
  bool c_api = (name_end - name > 8 && strncmp(name, "pthread_", 8) == 0) ||
               (name_end - name > 4 && strncmp(name, "mtx_", 4) == 0);
  const char *a = p + 1, *q = a, *first_end = nullptr;
  int depth = 0, nargs = 1;
  for (; *q; ++q) {
    if (*q == '(' || *q == '[') ++depth;
    if (*q == ')' || *q == ']') {
      if (depth == 0) break;
      --depth;
    }
    if (*q == ',' && depth == 0) {
      if (!first_end) first_end = q;
      ++nargs;
    }
  }
  if (*q != ')') return false;
  if (nargs > 1 && !c_api) return false;
  const char *e = first_end ? first_end : q;
  while (a < e && (*a == ' ' || *a == '&')) ++a;
  while (e > a && e[-1] == ' ') --e;
  if (e - a <= 0 || static_cast<size_t>(e - a) >= cap || e - a > 64) return false;
  for (const char *c = a; c < e; ++c)
    if (!IsIdent(*c) && *c != '.' && *c != '-' && *c != '>' && *c != ':' && *c != '[' && *c != ']' &&
        *c != '*')
      return false;
  if (!IsIdent(a[0]) && a[0] != '*' && a[0] != ':') return false;
  memcpy(out, a, static_cast<size_t>(e - a));
  out[e - a] = 0;
  return true;
}

constexpr size_t kNameCap = 1024;  // a lock's name (a C++ member of a template may be long)

// The target of a Python assignment that makes the lock: `A = threading.Lock()` gives "A",
// `self._cond = Condition(Lock())` gives "self._cond". False when the line is no such assignment.
bool PyAssignTarget(const char *text, char *out, size_t cap) {
  const char *a = text;
  while (*a == ' ' || *a == '\t') ++a;
  const char *e = a;
  while (IsIdent(*e) || *e == '.' || *e == '[' || *e == ']') ++e;
  const char *eq = e;
  while (*eq == ' ') ++eq;
  if (e == a || *eq != '=' || eq[1] == '=' || strchr(eq, '(') == nullptr) return false;
  if (static_cast<size_t>(e - a) >= cap || e - a > 64) return false;
  memcpy(out, a, static_cast<size_t>(e - a));
  out[e - a] = 0;
  return true;
}

// Names a lock or another object at `addr` (uid: this life's number): a global's or static's
// symbol, else where it was initialised or first taken (`site`), as the source names it there.
void NameAt(uintptr_t addr, const uintptr_t *site, int site_len, uint32_t uid, const char *word, Buf &b) {
  static char module[kPathCap];
  uintptr_t off;
  if (addr && ModuleOf(addr, module, sizeof(module), &off)) {
    Buf q;
    q.Str("DATA \"").Str(module).Str("\" ").Hex(off).Char('\n');
    if (SymbolizerQuery(q.c_str(), &g_answer)) {
      char *answer = const_cast<char *>(g_answer.c_str());
      char *nl = strchr(answer, '\n');
      if (nl) *nl = 0;
      if (!StrEq(answer, "??") && answer[0]) {
        uintptr_t start = nl ? strtoull(nl + 1, nullptr, 10) : 0;
        b.Str(answer);
        if (start != 0 && off > start) b.Char('+').UDec(off - start);
        return;
      }
    }
    Dl_info info;
    if (dladdr(reinterpret_cast<void *>(addr), &info) && info.dli_sname &&
        reinterpret_cast<uintptr_t>(info.dli_saddr) == addr) {
      b.Str(info.dli_sname);
      return;
    }
  }
  // Not a global: name it by where it was initialised or first taken - as the source names it
  // there, or by file:line; in a binary without debug information, by module+offset of the call.
  // For a Python lock: the first frame outside the Python library, else the innermost one.
  Frame frames[8];
  static Frame py_inner;
  py_inner.file[0] = 0;
  char where[kPathCap + 32];
  where[0] = 0;
  for (int i = 0; i < site_len; ++i) {
    int k = Symbolize(site[i], frames, 8);
    for (int j = 0; j < k; ++j) {
      bool py = IsPyPc(site[i]);
      if (py && py_inner.file[0] == 0) py_inner = frames[j];
      if (where[0] == 0 && frames[j].file[0] == 0 && frames[j].module[0] && !SystemModule(frames[j].module)) {
        const char *mod = strrchr(frames[j].module, '/');
        Buf w(where, sizeof(where));
        w.Str(mod ? mod + 1 : frames[j].module).Char('+').Hex(frames[j].offset);
      }
      if (SystemFrame(frames[j])) continue;
      const char *base = strrchr(frames[j].file, '/');
      static char text[4096];
      char expr[80];
      bool named = ReadSourceLine(frames[j].file, frames[j].line, text, sizeof(text)) &&
                   (py ? PyAssignTarget(text, expr, sizeof(expr))
                       : LockExpression(text, frames[j].column, expr, sizeof(expr)));
      if (named)
        b.Str(expr).Char('@');  // as the source names it where it was made or first taken
      else
        b.Str(word).Char('@');
      b.Str(base ? base + 1 : frames[j].file).Char(':').Dec(frames[j].line);
      b.Char('#').UDec(uid);
      return;
    }
  }
  if (py_inner.file[0]) {
    const char *base = strrchr(py_inner.file, '/');
    static char text[4096];
    char expr[80];
    if (ReadSourceLine(py_inner.file, py_inner.line, text, sizeof(text)) && PyAssignTarget(text, expr, sizeof(expr)))
      b.Str(expr).Char('@');
    else
      b.Str(word).Char('@');
    b.Str(base ? base + 1 : py_inner.file).Char(':').Dec(py_inner.line).Char('#').UDec(uid);
    return;
  }
  if (where[0]) {
    b.Str(word).Char('@').Str(where).Char('#').UDec(uid);
    return;
  }
  b.Str(word).Char('#').UDec(uid);
}

void LockName(uint32_t slot, uint32_t uid, char *out, size_t cap) {
  LockNode &n = g_nodes[slot];
  bool alive = n.uid == uid;
  uintptr_t addr = alive ? n.addr.load() : 0;
  const uintptr_t *site = n.site;
  int site_len = alive ? n.site_len : 0;
  if (!alive) {  // died since: what was recorded when a pending report took it in
    if (const LockRecord *r = FindLockRecord(uid)) {
      addr = r->addr;
      site = r->site;
      site_len = r->site_len;
    }
  }
  // A semaphore used as a lock is named where it was made (sem_init), when that is known.
  const SyncObj *o = addr ? SyncFind(addr) : nullptr;
  if (o != nullptr && o->type == kSyncSem && o->site_len > 0) {
    site = o->site;
    site_len = o->site_len;
  }
  Buf b(out, cap);
  NameAt(addr, site, site_len, uid, "lock", b);
}

}  // namespace

void SyncObjectName(uintptr_t addr, uint8_t kind, char *out, size_t cap) {
  const SyncObj *o = SyncFind(addr);
  Buf b(out, cap);
  const char *word = kind == kWaitCond ? "cond" : kind == kWaitSem ? "sem" : kind == kWaitBarrier ? "barrier" : "object";
  NameAt(addr, o ? o->site : nullptr, o ? o->site_len : 0, o ? o->uid : 0, word, b);
}

namespace {

// --- output ------------------------------------------------------------------------------------
// Creates PREFIX.<pid>SUFFIX exclusively (never through a planted symlink); -1 on failure, said.
int OpenLog(const char *prefix, const char *suffix, char *path_out, size_t cap) {
  static char path[kPathCap + 64];
  for (int attempt = 0; attempt < 10; ++attempt) {
    Buf b(path, sizeof(path));
    b.Str(prefix).Char('.').Dec(getpid());
    if (attempt) b.Char('.').Dec(attempt);
    b.Str(suffix);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0644);
    if (fd >= 0) {
      if (path_out) StrCopy(path_out, cap, path);
      return fd;
    }
    if (errno != EEXIST) break;
  }
  Buf m;
  m.Str("lockgraph: cannot create log file '").Str(path).Str("': ").Str(strerrordesc_np(errno))
      .Str("; writing to stderr\n");
  WriteAll(2, m.c_str(), m.size());
  return -1;
}

void EnsureFiles() {
  if (g_files_pid == getpid()) return;
  g_files_pid = getpid();
  const char *lp = g_opt.log_path;
  if (lp == nullptr || !*lp || StrEq(lp, "stderr")) {
    g_text_fd = 2;
  } else if (StrEq(lp, "stdout")) {
    g_text_fd = 1;
  } else {
    int fd = OpenLog(lp, "", nullptr, 0);
    g_text_fd = fd >= 0 ? fd : 2;
  }
  g_json_fd = -1;
  g_json_failed_said = false;
  g_fallback_fd = -1;
  g_nowhere_said = false;
  if (g_opt.json_path && *g_opt.json_path)
    g_json_fd = OpenLog(g_opt.json_path, ".jsonl", g_json_file, sizeof(g_json_file));
}

// Is fd 2 still the stderr the process started with?
bool StderrIntact() {
  struct stat st;
  if (fstat(2, &st) != 0) return false;
  return g_stderr_known && st.st_dev == g_stderr_dev && st.st_ino == g_stderr_ino;
}

// Writes report text: to the text log, unless that is a stderr the program closed or replaced;
// then to PREFIX.<pid>.txt beside the JSON log (lockgraph run prints it), or, without a JSON log,
// nowhere - said once on stderr if it can still take it.
void WriteText(const char *s, size_t n) {
  if (g_text_fd != 2 || StderrIntact()) {
    if (!WriteAll(g_text_fd, s, n) && g_text_fd != 2) {
      Buf m;
      m.Str("lockgraph: cannot write the text log: ").Str(strerrordesc_np(errno)).Char('\n');
      WriteAll(2, m.c_str(), m.size());
    }
    return;
  }
  if (g_fallback_fd < 0 && g_opt.json_path && *g_opt.json_path)
    g_fallback_fd = OpenLog(g_opt.json_path, ".txt", nullptr, 0);
  if (g_fallback_fd >= 0) {
    WriteAll(g_fallback_fd, s, n);
  } else if (!g_nowhere_said) {
    g_nowhere_said = true;  // the exit status still says that findings were reported
  }
}

// A rendering in progress: text and JSON side by side, plus what suppressions match against.
Buf g_t, g_j, g_s, g_msg;
const char *g_match_kind;
bool g_suppressed_now;

bool SuppKindMatches(const Suppression &r) { return StrEq(r.kind, "*") || StrEq(r.kind, g_match_kind); }

// Records what `text`, a lock name, a function or a file of the finding being rendered, matches.
void MatchSuppression(SuppField what, const char *text) {
  if (!text || !*text) return;
  for (int i = 0; i < g_nsupp; ++i) {
    const Suppression &r = g_supp[i];
    if (!SuppKindMatches(r)) continue;
    auto hit = [&](int f, bool file) {
      if (r.pattern[f] && (file ? SuppFileGlob(r.pattern[f], text) : WildcardMatch(r.pattern[f], text)))
        g_supp_hit[i] = static_cast<uint8_t>(g_supp_hit[i] | 1u << f);
    };
    hit(what, what == kSuppFile);
    if (what == kSuppLock || what == kSuppFunction) hit(kSuppName, false);
    hit(kSuppAny, what == kSuppFile);
  }
}

void ResetSuppressionMatch() {
  g_suppressed_now = false;
  if (g_nsupp > 0) memset(g_supp_hit, 0, static_cast<size_t>(g_nsupp));
}

// After the finding was rendered: does a rule of its kind have every field it names matched?
bool SuppressedByRule(const char *fingerprint) {
  for (int i = 0; i < g_nsupp; ++i) {
    const Suppression &r = g_supp[i];
    if (!SuppKindMatches(r)) continue;
    bool all = true;
    for (int f = 0; f < kSuppFields && all; ++f) {
      if (!r.pattern[f]) continue;
      all = f == kSuppFingerprint ? WildcardMatch(r.pattern[f], fingerprint) : (g_supp_hit[i] >> f & 1) != 0;
    }
    if (all) return true;
  }
  return false;
}

// The fingerprint of a finding: its kind and what identifies it across runs (lock names, the
// function it happened in), never addresses, pids or thread numbers, hashed as it is made
// (FNV-1a). A baseline file lists the fingerprints of known findings; they are not reported again.
uint64_t g_fp;
char g_first_function[kPathCap];  // the first frame with source of the current finding's stacks

void FpStart() { g_fp = 0xcbf29ce484222325ULL; }
void FpAdd(const char *s, size_t n) {
  for (size_t i = 0; i < n; ++i) g_fp = (g_fp ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ULL;
}
void FpAdd(const char *s) { FpAdd(s, StrLen(s)); }

uint64_t *g_baseline;  // sorted; mmap'd
size_t g_nbaseline = 0;
std::atomic<int> g_baselined{0};

// A baseline is the JSON-lines file of an earlier run (lockgraph run --json), or any file whose
// lines start with a fingerprint (16 hex digits); '#' lines are comments. Read whole: no limit
// on its size or the length of its records.
void LoadBaseline() {
  if (!g_opt.baseline || !*g_opt.baseline) return;
  Buf text;
  if (!ReadWholeFile(g_opt.baseline, &text)) {
    char msg[600];
    Buf b(msg, sizeof(msg));
    b.Str("lockgraph: cannot read baseline file '").Str(g_opt.baseline).Str("'\n");
    WriteAll(2, b.c_str(), b.size());
    return;
  }
  g_baseline = static_cast<uint64_t *>(MapZeroed(CountLines(text.c_str(), text.size()) * sizeof(uint64_t)));
  if (g_baseline == nullptr) return;
  g_nbaseline = ParseBaseline(text.c_str(), text.size(), g_baseline);
  // Sorted (heapsort: no recursion, no allocation), for a binary search per finding.
  uint64_t *a = g_baseline;
  size_t n = g_nbaseline;
  auto sift = [a](size_t root, size_t end) {
    for (size_t child; (child = 2 * root + 1) < end; root = child) {
      if (child + 1 < end && a[child] < a[child + 1]) ++child;
      if (a[root] >= a[child]) return;
      uint64_t t = a[root];
      a[root] = a[child];
      a[child] = t;
    }
  };
  for (size_t i = n / 2; i-- > 0;) sift(i, n);
  for (size_t end = n; end > 1; --end) {
    uint64_t t = a[0];
    a[0] = a[end - 1];
    a[end - 1] = t;
    sift(0, end - 1);
  }
}

bool InBaseline(uint64_t fp) {
  size_t lo = 0, hi = g_nbaseline;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (g_baseline[mid] == fp) return true;
    if (g_baseline[mid] < fp) lo = mid + 1; else hi = mid;
  }
  return false;
}

// A lock name without the "#<uid>" that tells apart locks made at one site: uids depend on the
// run, fingerprints must not.
void FingerprintName(const char *name) {
  size_t n = StrLen(name);
  size_t k = n;
  while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9') --k;
  if (k > 0 && k < n && name[k - 1] == '#') n = k - 1;
  FpAdd("|", 1);
  FpAdd(name, n);
}

int CompareStripped(const char *a, const char *b) {
  for (;; ++a, ++b) {
    char x = *a == '#' ? 0 : *a, y = *b == '#' ? 0 : *b;
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
    if (x == 0) return 0;
  }
}

void ThreadLabel(Buf &b, uint32_t uid, int tid) {
  if (tid == getpid())
    b.Str("main thread");
  else
    // T1 is the first thread other than main's, whichever took its first lock first.
    b.Str("thread T").UDec(uid > 0 && g_main_uid != 0 && g_main_uid < uid ? uid - 1 : uid);
  b.Str(" (tid ").Dec(tid).Char(')');
}

// Renders a stack in both forms; the JSON form is an array.
void RenderStack(const char *title, const uintptr_t *pcs, int n) {
  g_t.Str("    ").Str(title).Str(":\n");
  g_j.Char('[');
  int shown = 0;
  bool first = true;
  for (int i = 0; i < n; ++i) {
    Frame frames[8];
    int k = Symbolize(pcs[i], frames, 8);
    for (int j = 0; j < k; ++j) {
      const Frame &f = frames[j];
      g_t.Str("      #").Dec(shown++).Char(' ').Hex(f.pc).Str(" in ").Str(f.function[0] ? f.function : "??");
      if (f.file[0]) g_t.Char(' ').Str(f.file).Char(':').Dec(f.line);
      if (IsPyPc(f.pc))
        g_t.Str(" (python)\n");
      else
        g_t.Str(" (").Str(strrchr(f.module, '/') ? strrchr(f.module, '/') + 1 : f.module).Char('+')
            .Hex(f.offset).Str(")\n");
      if (!first) g_j.Char(',');
      first = false;
      g_j.Str("{\"pc\":\"").Hex(f.pc).Str("\",\"module\":").Json(f.module).Str(",\"offset\":\"")
          .Hex(f.offset).Str("\",\"function\":").Json(f.function).Str(",\"file\":").Json(f.file)
          .Str(",\"line\":").Dec(f.line).Char('}');
      if (f.file[0] && !SystemFrame(f) && g_first_function[0] == 0 && f.function[0])
        StrCopy(g_first_function, sizeof(g_first_function), f.function);
      if (f.file[0]) {
        if (g_s.size() > 0) g_s.Char(',');
        g_s.Str("{\"file\":").Json(f.file).Str(",\"line\":").Dec(f.line).Str(",\"function\":")
            .Json(f.function).Char('}');
      }
      MatchSuppression(kSuppFunction, f.function);
      MatchSuppression(kSuppFile, f.file);
    }
  }
  if (shown == 0) g_t.Str("      <no frames>\n");
  g_j.Char(']');
}

// The process a report comes from: its command line (as it is now), so that reports from a
// harness that runs many processes can be told apart.
void CommandLine(Buf &b) {
  static char text[512];
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? read(fd, text, sizeof(text)) : -1;
  if (fd >= 0) close(fd);
  if (n <= 0) {
    const char *base = strrchr(g_exe, '/');
    b.Str(base ? base + 1 : g_exe);
    return;
  }
  size_t len = static_cast<size_t>(n);
  while (len > 0 && text[len - 1] == 0) --len;
  for (size_t i = 0; i < len; ++i) b.Char(text[i] ? text[i] : ' ');
  if (static_cast<size_t>(n) == sizeof(text)) b.Str("...");
}

void Header(const char *what) {
  Buf cmd;
  CommandLine(cmd);
  g_t.Str("==================\nWARNING: lockgraph: ").Str(g_match_kind).Str(" (").Str(what).Str(") (pid=")
      .Dec(getpid()).Str(": ").Str(cmd.c_str()).Str(")\n");
  g_j.Str("{\"tool\":\"lockgraph-hook\",\"kind\":\"").Str(g_match_kind).Str("\",\"pid\":").Dec(getpid())
      .Str(",\"command\":").Json(cmd.c_str());
}

void Advice(const char *text) { g_t.Str("  What to do: ").Str(text).Char('\n'); }

void JsonNames(const char *key, const char *const *names, int n) {
  g_j.Str(",\"").Str(key).Str("\":[");
  for (int i = 0; i < n; ++i) {
    if (i) g_j.Char(',');
    g_j.Json(names[i]);
  }
  g_j.Char(']');
}

const char *KindWhat(int kind) {
  switch (kind) {
    case kLockOrderInversion: return "potential deadlock";
    case kLatentLockOrder: return "latent lock-order inconsistency; cannot deadlock as observed";
    case kSelfDeadlock: return "a thread re-locks a lock it holds";
    case kActualDeadlock: return "the program is deadlocked";
    case kWaitHolding: return "condition wait while holding another lock";
    case kUnlockUnheld: return "unlock of a lock this thread does not hold";
    case kDestroyLocked: return "destroy of a held lock";
    case kExitHolding: return "thread exit while holding locks";
    default: return "finding";
  }
}

// The names of a finding's locks: room for every edge of the longest cycle.
char g_name_text[kMaxCycle][kNameCap];
const char *g_names[kMaxCycle];

void NameLocks(const uint32_t *slots, const uint32_t *uids, int n) {
  for (int i = 0; i < n && i < kMaxCycle; ++i) {
    LockName(slots[i], uids[i], g_name_text[i], kNameCap);
    g_names[i] = g_name_text[i];
  }
}

void CycleText(Buf &b, int n) {
  for (int i = 0; i < n; ++i) b.Str(g_names[i]).Str(" => ");
  b.Str(g_names[0]);
}

void RenderCycle(const Finding &f) {
  uint32_t slots[kMaxCycle], uids[kMaxCycle];
  for (int i = 0; i < f.nedges; ++i) {
    slots[i] = f.edges[i]->from;
    uids[i] = f.edges[i]->from_uid;
  }
  NameLocks(slots, uids, f.nedges);
  Header(KindWhat(f.kind));
  g_t.Str("  Cycle in lock order graph: ");
  CycleText(g_t, f.nedges);
  g_t.Char('\n');
  for (int i = 0; i < f.nedges; ++i) MatchSuppression(kSuppLock, g_names[i]);
  int first = 0;  // the cycle read from its smallest name: the same cycle, the same fingerprint
  for (int i = 1; i < f.nedges; ++i)
    if (CompareStripped(g_names[i], g_names[first]) < 0) first = i;
  for (int i = 0; i < f.nedges; ++i) FingerprintName(g_names[(first + i) % f.nedges]);
  JsonNames("cycle", g_names, f.nedges);
  JsonNames("locks", g_names, f.nedges);
  g_j.Str(",\"edges\":[");
  for (int i = 0; i < f.nedges; ++i) {
    const Edge *e = f.edges[i];
    const Evidence *ev = f.evidence[i];  // another thread's acquisition than the first, if set
    uint32_t thread = ev ? ev->thread : e->thread;
    int tid = ev ? ev->tid : e->tid;
    const char *from = g_names[i], *to = g_names[(i + 1) % f.nedges];
    g_t.Str("\n  Edge ").Str(from).Str(" => ").Str(to).Str(": ");
    ThreadLabel(g_t, thread, tid);
    g_t.Str(" acquired ").Str(to).Str(" while holding ").Str(from);
    if (e->nwitness > 1 || e->many_threads) {
      g_t.Str(" (also seen in ").Dec(e->many_threads ? e->nwitness : e->nwitness - 1)
          .Str(e->many_threads ? "+" : "").Str(" other thread(s))");
    }
    g_t.Char('\n');
    if (i) g_j.Char(',');
    g_j.Str("{\"from\":").Json(from).Str(",\"to\":").Json(to).Str(",\"thread\":\"");
    ThreadLabel(g_j, thread, tid);
    g_j.Str("\",\"stack\":");
    Buf title;
    title.Str(to).Str(" acquired at");
    RenderStack(title.c_str(), ev ? ev->stack : e->stack, ev ? ev->stack_len : e->stack_len);
    g_j.Str(",\"held_stack\":");
    title.Clear();
    title.Str(from).Str(" acquired earlier at");
    RenderStack(title.c_str(), ev ? ev->held_pcs : e->held_pcs, ev ? ev->held_len : e->held_len);
    g_j.Char('}');
  }
  g_j.Char(']');
  g_t.Char('\n');
  if (f.kind == kLockOrderInversion) {
    Advice("take these locks in one global order everywhere (e.g. always the first one named in "
           "the cycle first), or take them together with std::scoped_lock / std::lock; if one "
           "order can never run concurrently with the other, suppress this finding.");
  } else {
    Advice("no deadlock can happen as the program ran (the edges come from one thread, or from "
           "threads ordered by create/join), but the orders disagree: a change in threading "
           "would make it a deadlock. Pick one order. Hide this class with report_latent=0.");
  }
  g_t.Str("SUMMARY: lockgraph: ").Str(g_match_kind).Char(' ');
  CycleText(g_t, f.nedges);
  g_t.Char('\n');
  g_msg.Clear();
  CycleText(g_msg, f.nedges);
  g_j.Str(",\"message\":").Json(g_msg.c_str());
}

void RenderHeldList(const Held *held, int n) {
  for (int i = 0; i < n; ++i) {
    static char name[kNameCap];
    LockName(held[i].slot, held[i].uid, name, sizeof(name));
    Buf title;
    title.Str("holds ").Str(name).Str(", acquired at");
    if (i) g_j.Char(',');
    RenderStack(title.c_str(), held[i].pcs, held[i].npcs);
  }
}

// The names of the locks RenderHeldList showed, in its order: `,"held_locks":[...]` (JSON only).
void RenderHeldNames(const Held *held, int n) {
  g_j.Str(",\"held_locks\":[");
  for (int i = 0; i < n; ++i) {
    static char name[kNameCap];
    LockName(held[i].slot, held[i].uid, name, sizeof(name));
    if (i) g_j.Char(',');
    g_j.Json(name);
  }
  g_j.Char(']');
}

void RenderSimple(const Finding &f) {
  NameLocks(f.lock_slots, f.lock_uids, f.nlocks);
  Header(KindWhat(f.kind));
  g_t.Str("  Lock: ").Str(g_names[0]);
  for (int i = 1; i < f.nlocks; ++i) g_t.Str(i == 1 ? " (also: " : ", ").Str(g_names[i]);
  if (f.nlocks > 1) g_t.Char(')');
  g_t.Str(", in ");
  ThreadLabel(g_t, f.thread_uid, f.tid);
  g_t.Char('\n');
  for (int i = 0; i < f.nlocks; ++i) MatchSuppression(kSuppLock, g_names[i]);
  for (int i = 0; i < f.nlocks; ++i) FingerprintName(g_names[i]);
  JsonNames("locks", g_names, f.nlocks);
  g_j.Str(",\"thread\":\"");
  ThreadLabel(g_j, f.thread_uid, f.tid);
  g_j.Str("\",\"stack\":");
  RenderStack(f.kind == kExitHolding ? "thread ends at" : "at", f.stack, f.stack_len);
  g_j.Str(",\"held\":[");
  bool shows_held = f.kind == kExitHolding || f.kind == kWaitHolding || f.kind == kSelfDeadlock;
  if (shows_held) RenderHeldList(f.held, f.nheld);
  g_j.Char(']');
  if (shows_held) RenderHeldNames(f.held, f.nheld);
  if (f.kind == kWaitHolding && f.sig_tid != 0) {
    g_t.Str("  The condition is signalled by ");
    ThreadLabel(g_t, f.sig_thread_uid, f.sig_tid);
    g_j.Str(",\"signaller\":{\"thread\":\"");
    ThreadLabel(g_j, f.sig_thread_uid, f.sig_tid);
    g_j.Str("\",\"stack\":");
    if (f.sig_stack_len > 0) {
      g_t.Str(", which needs ").Str(g_names[0]).Str(": it held it when it signalled:\n");
      RenderStack("signalled at", f.sig_stack, f.sig_stack_len);
    } else {
      g_t.Str(", which needs ").Str(g_names[0]).Str(": it holds or waits for it now\n");
      g_j.Str("[]");
    }
    g_j.Char('}');
  }
  switch (f.kind) {
    case kSelfDeadlock:
      Advice("this thread already holds the lock and the lock is not recursive: the call never "
             "returns. Release it first, restructure so the inner code does not lock again, or "
             "use a recursive mutex if re-entry is intended.");
      break;
    case kWaitHolding:
      Advice("the wait releases only the condition's mutex; the other lock stays held while this "
             "thread sleeps, and a thread that signals the condition needs it: the signaller blocks "
             "on it and nobody wakes this thread. Release it before waiting, or signal without it.");
      break;
    case kUnlockUnheld:
      Advice("unlock only a lock the calling thread holds (for a normal mutex this is undefined "
             "behaviour); use a semaphore or condition to hand work across threads.");
      break;
    case kDestroyLocked:
      Advice("unlock the lock (and make sure no thread can take it again) before destroying it or "
             "freeing its memory.");
      break;
    case kExitHolding:
      Advice("every path out of the thread must release its locks (RAII guards do this); any "
             "thread that takes them later blocks forever.");
      break;
    default: break;
  }
  g_t.Str("SUMMARY: lockgraph: ").Str(g_match_kind).Char(' ').Str(g_names[0]).Char('\n');
  g_j.Str(",\"message\":").Json(g_names[0]);
}

// The name of what a blocked thread waits for: a lock, a condition, a semaphore, a barrier, or
// the thread it joins.
void WaitName(const BlockedThread &b, char *out, size_t cap) {
  if (b.kind == kWaitNone) {
    LockName(b.wait_slot, b.wait_uid, out, cap);
  } else if (b.kind == kWaitJoin) {
    Buf n(out, cap);
    n.Str("join");
  } else {
    SyncObjectName(b.obj, b.kind, out, cap);
  }
}

void WaitersList(Buf &t, const BlockedThread &b) {
  for (int k = 0; k < b.nwaits_for; ++k) {
    if (k) t.Str(", ");
    ThreadLabel(t, b.waits_for_uid[k], b.waits_for_tid[k]);
  }
}

void RenderDeadlock(const Finding &f) {
  for (int i = 0; i < f.nblocked; ++i) {
    WaitName(f.blocked[i], g_name_text[i], kNameCap);
    g_names[i] = g_name_text[i];
  }
  Header(KindWhat(f.kind));
  g_t.Str("  ").Dec(f.nblocked_total).Str(" thread(s) are blocked forever, each waiting for something only another "
                                          "of them can give:\n");
  {
    const char *sorted[16];
    for (int i = 0; i < f.nblocked; ++i) {
      int j = i;
      for (; j > 0 && CompareStripped(sorted[j - 1], g_names[i]) > 0; --j) sorted[j] = sorted[j - 1];
      sorted[j] = g_names[i];
    }
    for (int i = 0; i < f.nblocked; ++i) FingerprintName(sorted[i]);
  }
  for (int i = 0; i < f.nblocked; ++i) MatchSuppression(kSuppLock, g_names[i]);
  // "locks": what the threads wait for, by name (locks, conditions, semaphores, barriers); a
  // thread joined is no object and is named in "threads" (waits_for).
  const char *waited[sizeof(f.blocked) / sizeof(f.blocked[0])];
  int nwaited = 0;
  for (int i = 0; i < f.nblocked; ++i)
    if (f.blocked[i].kind != kWaitJoin) waited[nwaited++] = g_names[i];
  JsonNames("locks", waited, nwaited);
  g_j.Str(",\"threads\":[");
  for (int i = 0; i < f.nblocked; ++i) {
    const BlockedThread &b = f.blocked[i];
    g_t.Str("\n  ");
    ThreadLabel(g_t, b.thread_uid, b.tid);
    const char *kind = "lock";
    switch (b.kind) {
      case kWaitNone:
        g_t.Str(" waits for ").Str(g_names[i]);
        if (b.nwaits_for > 0) {
          g_t.Str(", held by ");
          WaitersList(g_t, b);
        } else {
          g_t.Str(", held by no thread that can still release it (its holder ended holding it, or it "
                  "was unlocked while not locked)");
        }
        break;
      case kWaitJoin:
        kind = "join";
        g_t.Str(" waits to join ");
        if (b.nwaits_for > 0) WaitersList(g_t, b); else g_t.Str("a thread");
        break;
      case kWaitCond:
        kind = "condition";
        g_t.Str(" waits on condition ").Str(g_names[i]);
        if (b.any) g_t.Str("; no thread was seen signalling it, and every thread that could is blocked");
        else { g_t.Str("; the threads that signal it are blocked: "); WaitersList(g_t, b); }
        break;
      case kWaitSem:
        kind = "semaphore";
        g_t.Str(" waits on semaphore ").Str(g_names[i]);
        if (b.any) g_t.Str("; no thread was seen posting it, and every thread that could is blocked");
        else { g_t.Str("; the threads that post it are blocked: "); WaitersList(g_t, b); }
        break;
      case kWaitBarrier:
        kind = "barrier";
        g_t.Str(" waits at barrier ").Str(g_names[i]).Str("; the threads that have not arrived are blocked");
        break;
      default:
        break;
    }
    g_t.Char('\n');
    if (i) g_j.Char(',');
    g_j.Str("{\"thread\":\"");
    ThreadLabel(g_j, b.thread_uid, b.tid);
    g_j.Str("\",\"wait\":\"").Str(kind).Str("\",\"waits_for\":").Json(g_names[i]).Str(",\"blocked_on\":[");
    for (int k = 0; k < b.nwaits_for; ++k) {
      if (k) g_j.Char(',');
      g_j.Char('"');
      ThreadLabel(g_j, b.waits_for_uid[k], b.waits_for_tid[k]);
      g_j.Char('"');
    }
    g_j.Str("],\"stack\":");
    RenderStack("waiting at", b.wait_pcs, b.wait_npcs);
    g_j.Str(",\"held\":[");
    RenderHeldList(b.held, static_cast<int>(b.nheld));
    g_j.Char(']');
    RenderHeldNames(b.held, static_cast<int>(b.nheld));
    g_j.Char('}');
  }
  g_j.Char(']');
  if (f.nblocked_total > f.nblocked) g_t.Str("\n  ... and ").Dec(f.nblocked_total - f.nblocked).Str(" more blocked thread(s)\n");
  g_t.Char('\n');
  if (StrEq(g_opt.on_deadlock, "report")) {
    g_t.Str("  lockgraph leaves the process waiting (on_deadlock=report).\n");
  } else {
    g_t.Str("  lockgraph ends the process: ").Str(StrEq(g_opt.on_deadlock, "abort") ? "abort()" : "exit status ");
    if (!StrEq(g_opt.on_deadlock, "abort")) g_t.Dec(g_opt.deadlock_exitcode);
    g_t.Str(" (option on_deadlock).\n");
  }
  if (const char *fp = ConfirmedFingerprint(f, g_names)) {  // confirm mode (confirm.cc)
    g_t.Str("  This confirms the potential deadlock ").Str(ConfirmCycleText()).Str(" (fingerprint ")
        .Str(fp).Str("): its threads were steered to the inversion's sites and deadlocked there.\n");
    g_j.Str(",\"confirms\":").Json(fp);
  }
  Advice("see the lock-order-inversion, self-deadlock or misuse report above for the orders that "
         "allowed this; take the locks in one global order, never hold a lock that a thread you "
         "join or wait for needs, and make sure someone can still signal what you wait on.");
  g_t.Str("SUMMARY: lockgraph: actual-deadlock ").Dec(f.nblocked_total).Str(" threads\n");
  g_j.Str(",\"message\":\"").Dec(f.nblocked_total).Str(" threads blocked\"");
}

// Says, once per process, that the JSON log could not be written (a full disk): findings from
// then on may be missing from it, and the text report is where they are.
void JsonWriteFailed(int err) {
  if (g_json_failed_said) return;
  g_json_failed_said = true;
  Buf m;
  m.Str("lockgraph: cannot write the JSON log '").Str(g_json_file).Str("': ").Str(strerrordesc_np(err))
      .Str("; findings may be missing from it (they are in this text report)\n");
  WriteText(m.c_str(), m.size());
}

}  // namespace

void ReportFinding(const Finding &f) {
  int cancel;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);
  {
    InternalLockGuard guard(g_report_mu);
    EnsureFiles();
    g_t.Clear();
    g_j.Clear();
    g_s.Clear();
    g_match_kind = FindingId(f.kind);
    ResetSuppressionMatch();
    FpStart();
    FpAdd(g_match_kind);
    g_first_function[0] = 0;
    g_sym_timeout_note = false;
    bool cycle = f.kind == kLockOrderInversion || f.kind == kLatentLockOrder;
    if (cycle)
      RenderCycle(f);
    else if (f.kind == kActualDeadlock)
      RenderDeadlock(f);
    else
      RenderSimple(f);
    if (!cycle && f.kind != kActualDeadlock) {
      FpAdd("|", 1);
      FpAdd(g_first_function);
    }
    uint64_t fp = g_fp;
    if (g_sym_timeout_note) {
      g_t.Str("  Note: the symbolizer (").Str(g_sym_path).Str(") did not answer within ")
          .Dec(g_opt.symbolizer_timeout_ms).Str(" ms and was stopped: frames from now on show "
                                                "addresses (option symbolizer_timeout_ms).\n");
    }
    g_t.Str("==================\n");
    g_j.Str(",\"fingerprint\":\"");
    for (int shift = 60; shift >= 0; shift -= 4) g_j.Char("0123456789abcdef"[(fp >> shift) & 15]);
    g_j.Str("\",\"class\":\"").Str(f.kind == kLatentLockOrder ? "latent" : "error").Str("\",\"sites\":[")
        .Str(g_s.c_str(), g_s.size()).Str("]}\n");
    {
      char hex[17];
      for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(fp >> (60 - 4 * i)) & 15];
      hex[16] = 0;
      g_suppressed_now = SuppressedByRule(hex);
    }
    if (g_suppressed_now) {
      g_suppressed.fetch_add(1);
    } else if (InBaseline(fp)) {
      g_baselined.fetch_add(1);
    } else {
      g_findings.fetch_add(1);
      WriteText(g_t.c_str(), g_t.size());
      if (g_json_fd >= 0) {
        if (!g_j.ok() || !g_s.ok()) {  // out of memory: a valid record without stacks, never a cut line
          g_j.Clear();
          g_j.Str("{\"tool\":\"lockgraph-hook\",\"kind\":\"").Str(g_match_kind).Str("\",\"pid\":")
              .Dec(getpid()).Str(",\"truncated\":true,\"message\":\"out of memory for the JSON record; see the text report\"}\n");
        }
        if (!WriteAll(g_json_fd, g_j.c_str(), g_j.size())) JsonWriteFailed(errno);
      }
    }
  }
  pthread_setcancelstate(cancel, nullptr);
}

void ReportMessage(const char *text) {
  int cancel;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);
  {
    InternalLockGuard guard(g_report_mu);
    EnsureFiles();
    Buf line;
    line.Str(text).Char('\n');
    WriteText(line.c_str(), line.size());
  }
  pthread_setcancelstate(cancel, nullptr);
}

void ReportInit() {
  ssize_t n = readlink("/proc/self/exe", g_exe, sizeof(g_exe) - 1);
  g_exe[n > 0 ? n : 0] = 0;
  LoadSuppressions();
  LoadBaseline();
  if (g_opt.verbosity > 0) {
    char msg[128];
    Buf b(msg, sizeof(msg));
    b.Str("lockgraph: hook active in pid ").Dec(getpid());
    ReportMessage(b.c_str());
  }
}

// What stderr is when the library is loaded, before the program can close or replace it.
__attribute__((constructor)) static void NoteStderrAtLoad() {
  struct stat st;
  if (fstat(2, &st) == 0) {
    g_stderr_known = true;
    g_stderr_dev = st.st_dev;
    g_stderr_ino = st.st_ino;
  }
}

void ReportExitNotes() {
  int n = g_baselined.load();
  if (n == 0) return;
  Buf b;
  b.Str("lockgraph: ").Dec(n).Str(" finding(s) matched the baseline '").Str(g_opt.baseline)
      .Str("' and were not reported");
  ReportMessage(b.c_str());
}

void ReportAtForkChild() {
  // Another thread of the parent may have been writing a report: the child's report lock is free.
  g_report_mu.Reset();
  // The parent's symbolizer pipes belong to the parent.
  CloseSymbolizer(/*kill_it=*/false);
  g_sym_failed = false;
  g_files_pid = 0;
  g_findings.store(0);
  g_baselined.store(0);
}

void FlushUserStdio() {
  FILE *files[] = {stdout, stderr};
  for (FILE *f : files) {
    if (ftrylockfile(f) == 0) {
      fflush_unlocked(f);
      funlockfile(f);
    }
  }
}

}  // namespace lg
