// Reports of the runtime hook: symbolization (an llvm-symbolizer child process), lock names,
// suppressions, and the text and JSON renderings. Runs off the lock path, under one report
// mutex, with the calling thread's hook guard set; still no malloc or stdio, since the host may be
// stopped anywhere (the watchdog reports while the host's threads are deadlocked).
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <new>

#include "hook_state.h"
#include "waits.h"

extern char **environ;

namespace lg {

std::atomic<int> g_findings{0};

namespace {

InternalMutex g_report_mu;
char g_exe[512];
int g_text_fd = 2;
int g_json_fd = -1;
pid_t g_files_pid = 0;
std::atomic<int> g_suppressed{0};

// --- suppressions ----------------------------------------------------------------------------
// The format of common/suppressions.h (docs/suppressions.md), read here without allocation:
//   KIND [lock:GLOB] [function:GLOB] [file:GLOB] [fingerprint:HEX] [any:GLOB]
// and the older forms `KIND:GLOB` (= any:GLOB) and `suppress KIND [NAME [FILE]]`. While a finding
// is rendered, each rule records which of its fields some lock, function or file matched; the
// finding is dropped when one rule of its kind has all its fields matched.
enum SuppField { kSuppLock, kSuppFunction, kSuppFile, kSuppFingerprint, kSuppName, kSuppAny, kSuppFields };
struct Suppression {
  const char *kind;                  // a finding id or "*"
  const char *pattern[kSuppFields];  // nullptr: the rule does not name the field
};
Suppression g_supp[256];
uint8_t g_supp_hit[256];  // the current finding: bit f set when field f matched
int g_nsupp = 0;
char g_supp_text[65536];

// A relative file pattern also matches the path's tail after any '/'.
bool SuppFileGlob(const char *p, const char *path) {
  if (WildcardMatch(p, path)) return true;
  if (*p == '/' || *p == '*') return false;
  for (const char *c = path; *c; ++c)
    if (*c == '/' && WildcardMatch(p, c + 1)) return true;
  return false;
}

const char *SuppKind(const char *k) {  // the id without "lockgraph-", or nullptr if unknown
  if (StrStartsWith(k, "lockgraph-")) k += 10;
  if (StrEq(k, "*")) return k;
  for (int i = 0; i < kNumFindingKinds; ++i)
    if (StrEq(k, FindingId(i))) return k;
  return nullptr;
}

void SuppWarn(int line, const char *what) {
  char msg[800];
  Buf b(msg, sizeof(msg));
  b.Str("lockgraph: ").Str(g_opt.suppressions).Char(':').Dec(line).Str(": ").Str(what)
      .Str(" (docs/suppressions.md); the line is ignored\n");
  WriteAll(2, b.c_str(), b.size());
}

bool SuppBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

void ParseSuppression(char *line, int lineno) {
  for (char *c = line; *c; ++c)  // '#' starts a comment at the start or after a blank
    if (*c == '#' && (c == line || SuppBlank(c[-1]))) {
      *c = 0;
      break;
    }
  while (SuppBlank(*line)) ++line;
  char *end = line + StrLen(line);
  while (end > line && SuppBlank(end[-1])) *--end = 0;
  if (*line == 0) return;
  if (g_nsupp >= 256) {
    SuppWarn(lineno, "more than 256 rules");
    return;
  }
  Suppression r = {};
  char *first_end = line;
  while (*first_end && !SuppBlank(*first_end)) ++first_end;
  char *colon = strchr(line, ':');
  if (colon && colon < first_end) {  // the hook's older form KIND:GLOB
    *colon = 0;
    r.kind = SuppKind(line);
    r.pattern[kSuppAny] = colon + 1;
    if (!r.kind || !colon[1]) {
      SuppWarn(lineno, r.kind ? "an empty pattern" : "an unknown finding id");
      return;
    }
    g_supp[g_nsupp++] = r;
    return;
  }
  char *words[8];
  int n = 0;
  for (char *c = line; *c && n < 8;) {
    while (SuppBlank(*c)) *c++ = 0;
    if (!*c) break;
    words[n++] = c;
    while (*c && !SuppBlank(*c)) ++c;
  }
  int w = 0;
  bool legacy = StrEq(words[0], "suppress");  // the analyzer config's form
  if (legacy) ++w;
  if (w >= n || !(r.kind = SuppKind(words[w]))) {
    SuppWarn(lineno, "expected a finding id or * first");
    return;
  }
  ++w;
  for (int positional = 0; w < n; ++w) {
    char *c = strchr(words[w], ':');
    int field = -1;
    if (c) {
      *c = 0;
      static const char *const kNames[] = {"lock", "function", "file", "fingerprint", "name", "any"};
      for (int f = 0; f < kSuppFields; ++f)
        if (f != kSuppName && StrEq(words[w], kNames[f])) field = f;
      if (field < 0) *c = ':';
    }
    if (field >= 0) {
      r.pattern[field] = c + 1;
    } else if (legacy && positional < 2) {  // suppress KIND NAME-GLOB FILE-GLOB
      if (!StrEq(words[w], "*")) r.pattern[positional == 0 ? kSuppName : kSuppFile] = words[w];
      ++positional;
    } else {
      SuppWarn(lineno, "expected FIELD:GLOB (lock, function, file, fingerprint, any)");
      return;
    }
  }
  g_supp[g_nsupp++] = r;
}

void LoadSuppressions() {
  if (!g_opt.suppressions || !*g_opt.suppressions) return;
  int fd = open(g_opt.suppressions, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    char msg[600];
    Buf b(msg, sizeof(msg));
    b.Str("lockgraph: cannot read suppressions file '").Str(g_opt.suppressions).Str("'\n");
    WriteAll(2, b.c_str(), b.size());
    return;
  }
  ssize_t n = read(fd, g_supp_text, sizeof(g_supp_text) - 1);
  close(fd);
  if (n <= 0) return;
  g_supp_text[n] = 0;
  char *p = g_supp_text;
  for (int lineno = 1; *p; ++lineno) {
    char *line = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    ParseSuppression(line, lineno);
  }
}

// --- symbolization ---------------------------------------------------------------------------
pid_t g_sym_pid = 0;
int g_sym_in = -1, g_sym_out = -1;
bool g_sym_failed = false;
char g_sym_path[512];

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

bool StartSymbolizer() {
  if (g_sym_pid > 0) return true;
  if (g_sym_failed || !g_opt.symbolize) return false;
  g_sym_failed = true;
  if (!FindSymbolizer()) return false;
  int to_child[2], from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0) return false;
  if (pipe2(from_child, O_CLOEXEC) != 0) return false;
  // The symbolizer must not load this hook again.
  static char *env[512];
  int ne = 0;
  for (char **e = environ; e && *e && ne < 510; ++e)
    if (!StrStartsWith(*e, "LD_PRELOAD=") && !StrStartsWith(*e, "LOCKGRAPH_OPTIONS=")) env[ne++] = *e;
  env[ne] = nullptr;
  static char a0[] = "llvm-symbolizer", a1[] = "--inlining", a2[] = "--demangle",
              a3[] = "--functions=linkage";
  char *argv[] = {a0, a1, a2, a3, nullptr};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from_child[1], 1);
  pid_t pid;
  int rc = posix_spawn(&pid, g_sym_path, &fa, nullptr, argv, env);
  posix_spawn_file_actions_destroy(&fa);
  close(to_child[0]);
  close(from_child[1]);
  if (rc != 0) {
    close(to_child[1]);
    close(from_child[0]);
    return false;
  }
  g_sym_pid = pid;
  g_sym_in = to_child[1];
  g_sym_out = from_child[0];
  g_sym_failed = false;
  return true;
}

// Sends one query and reads the answer up to its blank line into `out`.
bool SymbolizerQuery(const char *query, char *out, size_t cap) {
  if (!StartSymbolizer()) return false;
  struct sigaction ign = {}, old = {};
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &old);
  WriteAll(g_sym_in, query, StrLen(query));
  size_t len = 0;
  bool ok = false;
  while (len + 1 < cap) {
    ssize_t n = read(g_sym_out, out + len, cap - 1 - len);
    if (n <= 0) break;
    len += static_cast<size_t>(n);
    out[len] = 0;
    if (len >= 2 && out[len - 1] == '\n' && out[len - 2] == '\n') {
      ok = true;
      break;
    }
  }
  sigaction(SIGPIPE, &old, nullptr);
  if (!ok) {
    close(g_sym_in);
    close(g_sym_out);
    g_sym_pid = 0;
    g_sym_failed = true;
  }
  out[len] = 0;
  return ok;
}

struct Frame {
  uintptr_t pc;
  char module[256];
  uintptr_t offset;
  char function[256];
  char file[384];
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
  Frame base;
  memset(&base, 0, sizeof(base));
  base.pc = pc;
  if (!ModuleOf(pc - 1, base.module, sizeof(base.module), &base.offset)) return 0;
  base.offset -= 1;
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(pc - 1), &info) && info.dli_sname)
    StrCopy(base.function, sizeof(base.function), info.dli_sname);
  char query[512], answer[4096];
  Buf q(query, sizeof(query));
  q.Str("CODE \"").Str(base.module).Str("\" ").Hex(base.offset).Char('\n');
  if (!SymbolizerQuery(query, answer, sizeof(answer))) {
    out[0] = base;
    return 1;
  }
  int n = 0;
  char *p = answer;
  while (*p && *p != '\n' && n < max) {
    char *fn = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    char *loc = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    Frame &f = out[n++];
    f = base;
    if (!StrEq(fn, "??")) StrCopy(f.function, sizeof(f.function), fn);
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
  if (n == 0) {
    out[0] = base;
    n = 1;
  }
  return n;
}

bool SystemFrame(const Frame &f) {
  if (f.file[0] == 0) return true;
  if (f.file[0] == '<') return true;  // Python's frozen modules, <string>
  return StrStartsWith(f.file, "/usr/include/") || StrStartsWith(f.file, "/usr/lib/") ||
         strstr(f.file, "/bits/") != nullptr;
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
  char module[256];
  uintptr_t off;
  if (addr && ModuleOf(addr, module, sizeof(module), &off)) {
    char query[512], answer[1024];
    Buf q(query, sizeof(query));
    q.Str("DATA \"").Str(module).Str("\" ").Hex(off).Char('\n');
    if (SymbolizerQuery(query, answer, sizeof(answer))) {
      char *nl = strchr(answer, '\n');
      if (nl) *nl = 0;
      if (!StrEq(answer, "??") && answer[0]) {
        uintptr_t start = strtoull(nl + 1, nullptr, 10);
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
  // Not a global: name it by where it was initialised or first taken (for a Python lock, the
  // first frame outside the Python library, else the innermost one).
  Frame frames[8];
  Frame py_inner;
  py_inner.file[0] = 0;
  for (int i = 0; i < site_len; ++i) {
    int k = Symbolize(site[i], frames, 8);
    for (int j = 0; j < k; ++j) {
      bool py = IsPyPc(site[i]);
      if (py && py_inner.file[0] == 0) py_inner = frames[j];
      if (SystemFrame(frames[j])) continue;
      const char *base = strrchr(frames[j].file, '/');
      char text[512], expr[80];
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
    char text[512], expr[80];
    if (ReadSourceLine(py_inner.file, py_inner.line, text, sizeof(text)) && PyAssignTarget(text, expr, sizeof(expr)))
      b.Str(expr).Char('@');
    else
      b.Str(word).Char('@');
    b.Str(base ? base + 1 : py_inner.file).Char(':').Dec(py_inner.line).Char('#').UDec(uid);
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
int OpenLog(const char *prefix, const char *suffix) {
  char path[1024];
  for (int attempt = 0; attempt < 10; ++attempt) {
    Buf b(path, sizeof(path));
    b.Str(prefix).Char('.').Dec(getpid());
    if (attempt) b.Char('.').Dec(attempt);
    b.Str(suffix);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0644);
    if (fd >= 0) return fd;
    if (errno != EEXIST) break;
  }
  char msg[1200];
  Buf m(msg, sizeof(msg));
  m.Str("lockgraph: cannot create log file '").Str(path).Str("'; writing to stderr\n");
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
    int fd = OpenLog(lp, "");
    g_text_fd = fd >= 0 ? fd : 2;
  }
  g_json_fd = -1;
  if (g_opt.json_path && *g_opt.json_path) g_json_fd = OpenLog(g_opt.json_path, ".jsonl");
}

// A rendering in progress: text and JSON side by side, plus what suppressions match against.
char g_text[1 << 20], g_json[1 << 20];
Buf g_t(g_text, sizeof(g_text)), g_j(g_json, sizeof(g_json));
char g_sites[1 << 18];
Buf g_s(g_sites, sizeof(g_sites));
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
  memset(g_supp_hit, 0, sizeof(g_supp_hit));
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
// function it happened in), never addresses, pids or thread numbers. A baseline file lists the
// fingerprints of known findings; they are not reported again.
char g_fp_text[4096];
Buf g_fp(g_fp_text, sizeof(g_fp_text));
char g_first_function[256];  // the first frame with source of the current finding's stacks

uint64_t Fnv1a(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ULL;
  return h;
}

constexpr int kMaxBaseline = 8192;
uint64_t g_baseline[kMaxBaseline];
int g_nbaseline = 0;
std::atomic<int> g_baselined{0};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads 16 hex digits at p; false if they are not there.
bool ParseFingerprint(const char *p, const char *end, uint64_t *out) {
  if (end - p < 16) return false;
  uint64_t v = 0;
  for (int i = 0; i < 16; ++i) {
    int d = HexDigit(p[i]);
    if (d < 0) return false;
    v = v << 4 | static_cast<uint64_t>(d);
  }
  if (end - p > 16 && HexDigit(p[16]) >= 0) return false;
  *out = v;
  return true;
}

// A baseline is the JSON-lines file of an earlier run (lockgraph run --json), or any file whose
// lines start with a fingerprint (16 hex digits); '#' lines are comments.
void LoadBaseline() {
  if (!g_opt.baseline || !*g_opt.baseline) return;
  int fd = open(g_opt.baseline, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    char msg[600];
    Buf b(msg, sizeof(msg));
    b.Str("lockgraph: cannot read baseline file '").Str(g_opt.baseline).Str("'\n");
    WriteAll(2, b.c_str(), b.size());
    return;
  }
  static char buf[1 << 16];
  size_t have = 0;
  bool eof = false;
  while (!eof || have > 0) {
    if (!eof) {
      ssize_t n = read(fd, buf + have, sizeof(buf) - have);
      if (n <= 0) eof = true; else have += static_cast<size_t>(n);
    }
    // Complete lines only (or the rest at the end; an over-long line is dropped).
    size_t line_end = 0;
    for (size_t i = have; i > 0; --i)
      if (buf[i - 1] == '\n') { line_end = i; break; }
    if (line_end == 0) {
      if (eof || have == sizeof(buf)) line_end = have; else continue;
    }
    const char *p = buf, *end = buf + line_end;
    while (p < end) {
      const char *nl = p;
      while (nl < end && *nl != '\n') ++nl;
      uint64_t v;
      static const char key[] = "\"fingerprint\":\"";
      const char *k = nullptr;
      for (const char *q = p; q + sizeof(key) - 1 <= nl && !k; ++q)
        if (memcmp(q, key, sizeof(key) - 1) == 0) k = q + sizeof(key) - 1;
      if (k ? ParseFingerprint(k, nl, &v) : ParseFingerprint(p, nl, &v))
        if (g_nbaseline < kMaxBaseline) g_baseline[g_nbaseline++] = v;
      p = nl + 1;
    }
    memmove(buf, buf + line_end, have - line_end);
    have -= line_end;
  }
  close(fd);
}

// A lock name without the "#<uid>" that tells apart locks made at one site: uids depend on the
// run, fingerprints must not.
void FingerprintName(const char *name) {
  size_t n = StrLen(name);
  size_t k = n;
  while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9') --k;
  if (k > 0 && k < n && name[k - 1] == '#') n = k - 1;
  g_fp.Char('|');
  for (size_t i = 0; i < n; ++i) g_fp.Char(name[i]);
}

int CompareStripped(const char *a, const char *b) {
  char x[160], y[160];
  Buf bx(x, sizeof(x)), by(y, sizeof(y));
  for (const char *p = a; *p && *p != '#'; ++p) bx.Char(*p);
  for (const char *p = b; *p && *p != '#'; ++p) by.Char(*p);
  return strcmp(bx.c_str(), by.c_str());
}

bool InBaseline(uint64_t fp) {
  for (int i = 0; i < g_nbaseline; ++i)
    if (g_baseline[i] == fp) return true;
  return false;
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
      if (f.file[0] && !SystemFrame(f) && g_first_function[0] == 0 && f.function[0]) {
        size_t n = StrLen(f.function);
        if (n >= sizeof(g_first_function)) n = sizeof(g_first_function) - 1;
        memcpy(g_first_function, f.function, n);
        g_first_function[n] = 0;
      }
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

void Header(const char *what, const char *extra) {
  g_t.Str("==================\nWARNING: lockgraph: ").Str(g_match_kind).Str(" (").Str(what).Str(") (pid=")
      .Dec(getpid()).Str(")\n");
  if (extra) g_t.Str(extra);
  g_j.Str("{\"tool\":\"lockgraph-hook\",\"kind\":\"").Str(g_match_kind).Str("\",\"pid\":").Dec(getpid());
}

void Advice(const char *text) { g_t.Str("  What to do: ").Str(text).Char('\n'); }

void JsonNames(const char *key, char names[][160], int n) {
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

void RenderCycle(const Finding &f) {
  static char names[kMaxCycle][160];  // one per edge
  for (int i = 0; i < f.nedges; ++i) LockName(f.edges[i]->from, f.edges[i]->from_uid, names[i], 160);
  char line[2048];
  Buf c(line, sizeof(line));
  c.Str("  Cycle in lock order graph: ");
  for (int i = 0; i < f.nedges; ++i) c.Str(names[i]).Str(" => ");
  c.Str(names[0]).Char('\n');
  Header(KindWhat(f.kind), line);
  for (int i = 0; i < f.nedges; ++i) MatchSuppression(kSuppLock, names[i]);
  int first = 0;  // the cycle read from its smallest name: the same cycle, the same fingerprint
  for (int i = 1; i < f.nedges; ++i)
    if (CompareStripped(names[i], names[first]) < 0) first = i;
  for (int i = 0; i < f.nedges; ++i) FingerprintName(names[(first + i) % f.nedges]);
  JsonNames("cycle", names, f.nedges);
  JsonNames("locks", names, f.nedges);
  g_j.Str(",\"edges\":[");
  for (int i = 0; i < f.nedges; ++i) {
    const Edge *e = f.edges[i];
    const Evidence *ev = f.evidence[i];  // another thread's acquisition than the first, if set
    uint32_t thread = ev ? ev->thread : e->thread;
    int tid = ev ? ev->tid : e->tid;
    const char *to = names[(i + 1) % f.nedges];
    g_t.Str("\n  Edge ").Str(names[i]).Str(" => ").Str(to).Str(": ");
    ThreadLabel(g_t, thread, tid);
    g_t.Str(" acquired ").Str(to).Str(" while holding ").Str(names[i]);
    if (e->nwitness > 1 || e->many_threads) {
      g_t.Str(" (also seen in ").Dec(e->many_threads ? e->nwitness : e->nwitness - 1)
          .Str(e->many_threads ? "+" : "").Str(" other thread(s))");
    }
    g_t.Char('\n');
    if (i) g_j.Char(',');
    g_j.Str("{\"from\":").Json(names[i]).Str(",\"to\":").Json(to).Str(",\"thread\":\"");
    ThreadLabel(g_j, thread, tid);
    g_j.Str("\",\"stack\":");
    char title[400];
    Buf tb(title, sizeof(title));
    tb.Str(to).Str(" acquired at");
    RenderStack(title, ev ? ev->stack : e->stack, ev ? ev->stack_len : e->stack_len);
    g_j.Str(",\"held_stack\":");
    Buf tb2(title, sizeof(title));
    tb2.Str(names[i]).Str(" acquired earlier at");
    RenderStack(title, ev ? ev->held_pcs : e->held_pcs, ev ? ev->held_len : e->held_len);
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
  char summary[2048];
  Buf s(summary, sizeof(summary));
  for (int i = 0; i < f.nedges; ++i) s.Str(names[i]).Str(" => ");
  s.Str(names[0]);
  g_t.Str("SUMMARY: lockgraph: ").Str(g_match_kind).Char(' ').Str(summary).Char('\n');
  g_j.Str(",\"message\":").Json(summary);
}

void RenderHeldList(const Held *held, int n) {
  for (int i = 0; i < n; ++i) {
    char name[160], title[300];
    LockName(held[i].slot, held[i].uid, name, sizeof(name));
    Buf tb(title, sizeof(title));
    tb.Str("holds ").Str(name).Str(", acquired at");
    if (i) g_j.Char(',');
    RenderStack(title, held[i].pcs, held[i].npcs);
  }
}

void RenderSimple(const Finding &f) {
  static char names[8][160];
  for (int i = 0; i < f.nlocks; ++i) LockName(f.lock_slots[i], f.lock_uids[i], names[i], 160);
  char line[1024];
  Buf c(line, sizeof(line));
  c.Str("  Lock: ").Str(names[0]);
  for (int i = 1; i < f.nlocks; ++i) c.Str(i == 1 ? " (also: " : ", ").Str(names[i]);
  if (f.nlocks > 1) c.Char(')');
  c.Str(", in ");
  ThreadLabel(c, f.thread_uid, f.tid);
  c.Char('\n');
  Header(KindWhat(f.kind), line);
  for (int i = 0; i < f.nlocks; ++i) MatchSuppression(kSuppLock, names[i]);
  for (int i = 0; i < f.nlocks; ++i) FingerprintName(names[i]);
  JsonNames("locks", names, f.nlocks);
  g_j.Str(",\"thread\":\"");
  ThreadLabel(g_j, f.thread_uid, f.tid);
  g_j.Str("\",\"stack\":");
  RenderStack(f.kind == kExitHolding ? "thread ends at" : "at", f.stack, f.stack_len);
  g_j.Str(",\"held\":[");
  if (f.kind == kExitHolding || f.kind == kWaitHolding || f.kind == kSelfDeadlock) RenderHeldList(f.held, f.nheld);
  g_j.Char(']');
  if (f.kind == kWaitHolding && f.sig_tid != 0) {
    g_t.Str("  The condition is signalled by ");
    ThreadLabel(g_t, f.sig_thread_uid, f.sig_tid);
    g_j.Str(",\"signaller\":{\"thread\":\"");
    ThreadLabel(g_j, f.sig_thread_uid, f.sig_tid);
    g_j.Str("\",\"stack\":");
    if (f.sig_stack_len > 0) {
      g_t.Str(", which needs ").Str(names[0]).Str(": it held it when it signalled:\n");
      RenderStack("signalled at", f.sig_stack, f.sig_stack_len);
    } else {
      g_t.Str(", which needs ").Str(names[0]).Str(": it holds or waits for it now\n");
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
  g_t.Str("SUMMARY: lockgraph: ").Str(g_match_kind).Char(' ').Str(names[0]).Char('\n');
  g_j.Str(",\"message\":").Json(names[0]);
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
  char line[200];
  Buf c(line, sizeof(line));
  c.Str("  ").Dec(f.nblocked_total).Str(" thread(s) are blocked forever, each waiting for something only another "
                                          "of them can give:\n");
  Header(KindWhat(f.kind), line);
  static char names[16][160];
  for (int i = 0; i < f.nblocked; ++i) WaitName(f.blocked[i], names[i], 160);
  for (int i = 0; i < f.nblocked; ++i) MatchSuppression(kSuppLock, names[i]);
  {
    const char *sorted[16];
    for (int i = 0; i < f.nblocked; ++i) {
      int j = i;
      for (; j > 0 && CompareStripped(sorted[j - 1], names[i]) > 0; --j) sorted[j] = sorted[j - 1];
      sorted[j] = names[i];
    }
    for (int i = 0; i < f.nblocked; ++i) FingerprintName(sorted[i]);
  }
  JsonNames("locks", names, f.nblocked);
  g_j.Str(",\"threads\":[");
  for (int i = 0; i < f.nblocked; ++i) {
    const BlockedThread &b = f.blocked[i];
    g_t.Str("\n  ");
    ThreadLabel(g_t, b.thread_uid, b.tid);
    const char *kind = "lock";
    switch (b.kind) {
      case kWaitNone:
        g_t.Str(" waits for ").Str(names[i]);
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
        g_t.Str(" waits on condition ").Str(names[i]);
        if (b.any) g_t.Str("; no thread was seen signalling it, and every thread that could is blocked");
        else { g_t.Str("; the threads that signal it are blocked: "); WaitersList(g_t, b); }
        break;
      case kWaitSem:
        kind = "semaphore";
        g_t.Str(" waits on semaphore ").Str(names[i]);
        if (b.any) g_t.Str("; no thread was seen posting it, and every thread that could is blocked");
        else { g_t.Str("; the threads that post it are blocked: "); WaitersList(g_t, b); }
        break;
      case kWaitBarrier:
        kind = "barrier";
        g_t.Str(" waits at barrier ").Str(names[i]).Str("; the threads that have not arrived are blocked");
        break;
      default:
        break;
    }
    g_t.Char('\n');
    if (i) g_j.Char(',');
    g_j.Str("{\"thread\":\"");
    ThreadLabel(g_j, b.thread_uid, b.tid);
    g_j.Str("\",\"wait\":\"").Str(kind).Str("\",\"waits_for\":").Json(names[i]).Str(",\"blocked_on\":[");
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
    g_j.Str("]}");
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
  Advice("see the lock-order-inversion, self-deadlock or misuse report above for the orders that "
         "allowed this; take the locks in one global order, never hold a lock that a thread you "
         "join or wait for needs, and make sure someone can still signal what you wait on.");
  g_t.Str("SUMMARY: lockgraph: actual-deadlock ").Dec(f.nblocked_total).Str(" threads\n");
  g_j.Str(",\"message\":\"").Dec(f.nblocked_total).Str(" threads blocked\"");
}

}  // namespace

void ReportFinding(const Finding &f) {
  InternalLockGuard guard(g_report_mu);
  EnsureFiles();
  g_t.Clear();
  g_j.Clear();
  g_s.Clear();
  g_match_kind = FindingId(f.kind);
  ResetSuppressionMatch();
  g_fp.Clear();
  g_fp.Str(g_match_kind);
  g_first_function[0] = 0;
  bool cycle = f.kind == kLockOrderInversion || f.kind == kLatentLockOrder;
  if (cycle)
    RenderCycle(f);
  else if (f.kind == kActualDeadlock)
    RenderDeadlock(f);
  else
    RenderSimple(f);
  if (!cycle && f.kind != kActualDeadlock) g_fp.Char('|').Str(g_first_function);
  uint64_t fp = Fnv1a(g_fp.c_str(), g_fp.size());
  g_t.Str("==================\n");
  g_j.Str(",\"fingerprint\":\"");
  for (int shift = 60; shift >= 0; shift -= 4) g_j.Char("0123456789abcdef"[(fp >> shift) & 15]);
  g_j.Str("\",\"class\":\"").Str(f.kind == kLatentLockOrder ? "latent" : "error").Str("\",\"sites\":[")
      .Str(g_sites).Str("]}\n");
  {
    char hex[17];
    for (int i = 0; i < 16; ++i) hex[i] = "0123456789abcdef"[(fp >> (60 - 4 * i)) & 15];
    hex[16] = 0;
    g_suppressed_now = SuppressedByRule(hex);
  }
  if (g_suppressed_now) {
    g_suppressed.fetch_add(1);
    return;
  }
  if (InBaseline(fp)) {
    g_baselined.fetch_add(1);
    return;
  }
  g_findings.fetch_add(1);
  WriteAll(g_text_fd, g_t.c_str(), g_t.size());
  if (g_json_fd >= 0) {
    if (g_j.size() + 1 >= sizeof(g_json)) {  // never a cut line: a valid record without stacks
      g_j.Clear();
      g_j.Str("{\"tool\":\"lockgraph-hook\",\"kind\":\"").Str(g_match_kind).Str("\",\"pid\":")
          .Dec(getpid()).Str(",\"truncated\":true,\"message\":\"report too large for JSON; see the text log\"}\n");
    }
    WriteAll(g_json_fd, g_j.c_str(), g_j.size());
  }
}

void ReportMessage(const char *text) {
  InternalLockGuard guard(g_report_mu);
  EnsureFiles();
  WriteAll(g_text_fd, text, StrLen(text));
  WriteAll(g_text_fd, "\n", 1);
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

void ReportExitNotes() {
  int n = g_baselined.load();
  if (n == 0) return;
  char msg[700];
  Buf b(msg, sizeof(msg));
  b.Str("lockgraph: ").Dec(n).Str(" finding(s) matched the baseline '").Str(g_opt.baseline)
      .Str("' and were not reported");
  ReportMessage(b.c_str());
}

void ReportAtForkChild() {
  new (&g_report_mu) InternalMutex();
  // The parent's symbolizer pipes belong to the parent.
  if (g_sym_pid > 0) {
    close(g_sym_in);
    close(g_sym_out);
  }
  g_sym_pid = 0;
  g_sym_failed = false;
  g_files_pid = 0;
  g_findings.store(0);
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
