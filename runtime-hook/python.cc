// CPython programs: their frames in reports. The interpreter's locks are semaphores
// (semaphores.cc); where a Python program takes or makes one, the C stack is the interpreter's
// (useless to the user), so the hook reads the Python frames instead - file, function, line - and
// carries them as tagged "pcs" (kPyPcTag | index into an interned table) wherever a stack goes:
// held records, edges, waits, lock names. Symbolize (report.cc) turns them back into frames.
//
// The C API is found with dlsym when the hook starts (the python3 executable exports it; a
// program that embeds libpython after start-up is not looked at). It is only called while the
// calling thread holds the GIL (checked: the interpreter's current thread state is this thread's),
// from a semaphore call the interpreter itself makes (CPython's first, non-blocking try of an
// acquire and its lock allocation hold the GIL), inside the hook's guard (a re-entered lock call
// just forwards), keeping any pending Python exception. Without the symbols, nothing happens.
//
// Must not: call into Python without the GIL, allocate with malloc (Python allocates for itself),
// run on the mutex lock path.
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <unistd.h>

#include <cstring>

#include "hook_state.h"
#include "lock_path.h"

namespace lg {

namespace {

struct PyObj;  // PyObject, opaque

struct PyApi {
  void *(*UncheckedGet)();         // _PyThreadState_UncheckedGet: the GIL holder's thread state
  void *(*ThisThreadState)();      // PyGILState_GetThisThreadState
  PyObj *(*GetFrame)();            // PyEval_GetFrame (borrowed)
  PyObj *(*FrameGetBack)(PyObj *);  // new reference
  PyObj *(*FrameGetCode)(PyObj *);  // new reference
  int (*FrameGetLineNumber)(PyObj *);
  PyObj *(*GetAttrString)(PyObj *, const char *);  // new reference
  const char *(*AsUTF8)(PyObj *);
  void (*DecRef)(PyObj *);
  void (*IncRef)(PyObj *);
  void (*Fetch)(PyObj **, PyObj **, PyObj **);
  void (*Restore)(PyObj *, PyObj *, PyObj *);
};
PyApi g_py;
bool g_py_ok = false;
uintptr_t g_py_lo = 0, g_py_hi = 0;            // the interpreter's executable segment
uintptr_t g_py_image_lo = 0, g_py_image_hi = 0;  // all of its module (code and data)

int FindModule(struct dl_phdr_info *info, size_t, void *data) {
  uintptr_t sym = *static_cast<uintptr_t *>(data);
  bool mine = false;
  uintptr_t lo_all = ~uintptr_t{0}, hi_all = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    uintptr_t lo = info->dlpi_addr + ph.p_vaddr, hi = lo + ph.p_memsz;
    if (lo < lo_all) lo_all = lo;
    if (hi > hi_all) hi_all = hi;
    if (sym >= lo && sym < hi) {
      g_py_lo = lo;
      g_py_hi = hi;
      mine = true;
    }
  }
  if (mine) {
    g_py_image_lo = lo_all;
    g_py_image_hi = hi_all;
  }
  return mine ? 1 : 0;
}

// The interned Python frames: (code object, line) -> file, function. A code object named here is
// kept alive (a reference is taken), so its address never comes back as another's.
struct PyLoc {
  uintptr_t code;
  int line;
  uint8_t blocking;  // 0 unknown, 1 no, 2 yes (the source line acquires a lock blocking)
  const char *file;
  const char *function;
};
constexpr uint32_t kPyLocBits = 15;
constexpr uint32_t kPyLocMask = (1u << kPyLocBits) - 1;
PyLoc *g_locs;
std::atomic<uint32_t> *g_loc_index;  // hash of (code, line) -> entry + 1
uint32_t g_nlocs = 1;                // entry 0 is never used
InternalMutex g_loc_mu;

const char *CopyString(const char *s) {
  if (s == nullptr) return "";
  size_t n = StrLen(s);
  char *out = static_cast<char *>(ArenaAlloc(n + 1));
  if (out == nullptr) return "";
  memcpy(out, s, n + 1);
  return out;
}

const char *StringAttr(PyObj *obj, const char *name) {
  PyObj *v = g_py.GetAttrString(obj, name);
  if (v == nullptr) return "";
  const char *s = CopyString(g_py.AsUTF8(v));
  g_py.DecRef(v);
  return s;
}

// The entry for (code, line): found or made (with the GIL held). 0 when the table is full.
uint32_t Intern(PyObj *code, int line) {
  uint64_t key = Mix(reinterpret_cast<uintptr_t>(code) ^ (static_cast<uint64_t>(line) << 48));
  InternalLockGuard guard(g_loc_mu);
  for (uint32_t i = static_cast<uint32_t>(key) & kPyLocMask, n = 0; n <= kPyLocMask; i = (i + 1) & kPyLocMask, ++n) {
    uint32_t e = g_loc_index[i].load(std::memory_order_relaxed);
    if (e == 0) {
      if (g_nlocs > kPyLocMask) return 0;
      uint32_t idx = g_nlocs++;
      PyLoc &l = g_locs[idx];
      l.code = reinterpret_cast<uintptr_t>(code);
      l.line = line;
      l.file = StringAttr(code, "co_filename");
      l.function = StringAttr(code, "co_name");
      g_py.IncRef(code);
      g_loc_index[i].store(idx + 1, std::memory_order_release);
      return idx;
    }
    const PyLoc &l = g_locs[e - 1];
    if (l.code == reinterpret_cast<uintptr_t>(code) && l.line == line) return e - 1;
  }
  return 0;
}

bool HaveGil() {
  void *cur = g_py.UncheckedGet();
  return cur != nullptr && cur == g_py.ThisThreadState();
}

}  // namespace

void PythonInit() {
  void *anchor = dlsym(RTLD_DEFAULT, "PyThread_allocate_lock");
  if (anchor == nullptr) return;
#define LG_PY(field, name) g_py.field = reinterpret_cast<decltype(g_py.field)>(dlsym(RTLD_DEFAULT, name))
  LG_PY(UncheckedGet, "_PyThreadState_UncheckedGet");
  LG_PY(ThisThreadState, "PyGILState_GetThisThreadState");
  LG_PY(GetFrame, "PyEval_GetFrame");
  LG_PY(FrameGetBack, "PyFrame_GetBack");
  LG_PY(FrameGetCode, "PyFrame_GetCode");
  LG_PY(FrameGetLineNumber, "PyFrame_GetLineNumber");
  LG_PY(GetAttrString, "PyObject_GetAttrString");
  LG_PY(AsUTF8, "PyUnicode_AsUTF8");
  LG_PY(DecRef, "Py_DecRef");
  LG_PY(IncRef, "Py_IncRef");
  LG_PY(Fetch, "PyErr_Fetch");
  LG_PY(Restore, "PyErr_Restore");
#undef LG_PY
  uintptr_t a = reinterpret_cast<uintptr_t>(anchor);
  dl_iterate_phdr(FindModule, &a);
  g_locs = static_cast<PyLoc *>(MapZeroed(sizeof(PyLoc) * (kPyLocMask + 1)));
  g_loc_index = static_cast<std::atomic<uint32_t> *>(MapZeroed(sizeof(uint32_t) * (kPyLocMask + 1)));
  g_py_ok = g_py.UncheckedGet && g_py.ThisThreadState && g_py.GetFrame && g_py.FrameGetBack &&
            g_py.FrameGetCode && g_py.FrameGetLineNumber && g_py.GetAttrString && g_py.AsUTF8 &&
            g_py.DecRef && g_py.IncRef && g_py.Fetch && g_py.Restore && g_locs && g_loc_index &&
            g_py_lo != 0;
}

bool FromPython(uintptr_t pc) { return pc >= g_py_lo && pc < g_py_hi; }

bool InPythonRuntime(uintptr_t addr) { return addr >= g_py_image_lo && addr < g_py_image_hi; }

int PythonStack(uintptr_t *out, int max) {
  if (!g_py_ok || !HaveGil()) return 0;
  PyObj *et, *ev, *etb;
  g_py.Fetch(&et, &ev, &etb);
  int n = 0;
  PyObj *f = g_py.GetFrame();
  PyObj *owned = nullptr;  // outer frames come as new references
  while (f != nullptr && n < max) {
    PyObj *code = g_py.FrameGetCode(f);
    int line = g_py.FrameGetLineNumber(f);
    if (code != nullptr) {
      uint32_t idx = Intern(code, line);
      g_py.DecRef(code);
      if (idx != 0) out[n++] = kPyPcTag | idx;
    }
    PyObj *back = g_py.FrameGetBack(f);
    if (owned != nullptr) g_py.DecRef(owned);
    owned = back;
    f = back;
  }
  if (owned != nullptr) g_py.DecRef(owned);
  g_py.Restore(et, ev, etb);
  return n;
}

bool PythonFrame(uintptr_t pc, const char **file, const char **function, int *line) {
  if (!IsPyPc(pc)) return false;
  uint32_t idx = static_cast<uint32_t>(pc & 0xffffffffu);
  if (idx == 0 || idx >= g_nlocs) return false;
  const PyLoc &l = g_locs[idx];
  *file = l.file;
  *function = l.function;
  *line = l.line;
  return true;
}

namespace {

// Does the source line `text` acquire a lock blocking: `with x:`, `x.__enter__()`, `acquire()`,
// `acquire(True)`, `acquire(blocking=True)`, or with a timeout (`acquire(timeout=...)`,
// `acquire(True, 5)`: a bounded wait orders locks like a blocking one)? Anything else -
// `acquire(False)`, `acquire(blocking=False)`, `acquire(0)`, or arguments only known at run time
// (`lock.acquire(block, timeout)`, as Thread.is_alive() does on the thread's lock) - is taken for a
// try: no edge into the lock.
bool BlockingCall(const char *text) {
  const char *a = text;
  while (*a == ' ' || *a == '\t') ++a;
  if (StrStartsWith(a, "with ") || StrStartsWith(a, "async with ") || strstr(a, "__enter__(") != nullptr) return true;
  const char *p = strstr(a, "acquire(");
  if (p == nullptr) return false;
  p += 8;
  while (*p == ' ') ++p;
  if (*p == ')') return true;
  if (StrStartsWith(p, "timeout")) return true;
  if (StrStartsWith(p, "blocking")) {
    p += 8;
    while (*p == ' ' || *p == '=') ++p;
  }
  if (StrStartsWith(p, "True") || (p[0] == '1' && (p[1] == ')' || p[1] == ','))) return true;
  return false;
}

}  // namespace

bool PythonBlockingAcquire(uintptr_t pc) {
  if (!IsPyPc(pc)) return false;
  uint32_t idx = static_cast<uint32_t>(pc & 0xffffffffu);
  if (idx == 0 || idx >= g_nlocs) return false;
  PyLoc &l = g_locs[idx];
  if (l.blocking == 0) {  // read the source line once
    bool blocking = false;
    int fd = open(l.file, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      static char buf[1 << 16];
      static InternalMutex mu;
      InternalLockGuard guard(mu);
      char text[512];
      size_t k = 0;
      int at = 1;
      bool done = false;
      for (ssize_t got; !done && (got = read(fd, buf, sizeof(buf))) > 0;) {
        for (ssize_t i = 0; i < got; ++i) {
          if (at == l.line) {
            if (buf[i] == '\n') {
              done = true;
              break;
            }
            if (k + 1 < sizeof(text)) text[k++] = buf[i];
          } else if (buf[i] == '\n' && ++at > l.line) {
            done = true;
            break;
          }
        }
      }
      close(fd);
      text[k] = 0;
      blocking = BlockingCall(text);
    }
    l.blocking = blocking ? 2 : 1;
  }
  return l.blocking == 2;
}

int StackHere(ThreadState *ts, uintptr_t *out, int max) {
  if (ts != nullptr && ts->py_for != 0 && ts->py_npcs != 0) {
    int n = ts->py_npcs < max ? ts->py_npcs : max;
    for (int i = 0; i < n; ++i) out[i] = ts->py_pcs[i];
    return n;
  }
  return FullStack(out, max);
}

}  // namespace lg
