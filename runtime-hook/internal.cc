#include "internal.h"

#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace lg {

void *MapZeroed(size_t bytes) {
  void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

namespace {
InternalMutex g_arena_mu;
char *g_arena_cur = nullptr;
char *g_arena_end = nullptr;
size_t g_arena_used = 0;
constexpr size_t kArenaChunk = 1 << 20;
}  // namespace

void *ArenaAlloc(size_t bytes) {
  bytes = (bytes + 15) & ~size_t{15};
  InternalLockGuard guard(g_arena_mu);
  if (g_arena_cur == nullptr || static_cast<size_t>(g_arena_end - g_arena_cur) < bytes) {
    size_t chunk = bytes > kArenaChunk ? bytes : kArenaChunk;
    // Populated at once: arena memory is used soon and densely (edges, evidence), and one bulk
    // population costs far less than a page fault per 4 KiB on the slow path.
    void *m = mmap(nullptr, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    char *p = m == MAP_FAILED ? nullptr : static_cast<char *>(m);
    if (p == nullptr) return nullptr;
    g_arena_cur = p;
    g_arena_end = p + chunk;
  }
  void *out = g_arena_cur;
  g_arena_cur += bytes;
  g_arena_used += bytes;
  return out;
}

size_t ArenaBytesUsed() {
  InternalLockGuard guard(g_arena_mu);
  return g_arena_used;
}

static long Futex(std::atomic<int> *addr, int op, int val) {
  return syscall(SYS_futex, reinterpret_cast<int *>(addr), op | FUTEX_PRIVATE_FLAG, val, nullptr,
                 nullptr, 0);
}

// Drepper, "Futexes Are Tricky", mutex 2.
void InternalMutex::Lock() {
  int c = 0;
  if (state_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
  for (int spin = 0; spin < 100; ++spin) {
    c = 0;
    if (state_.compare_exchange_weak(c, 1, std::memory_order_acquire)) return;
  }
  if (c != 2) c = state_.exchange(2, std::memory_order_acquire);
  while (c != 0) {
    Futex(&state_, FUTEX_WAIT, 2);
    c = state_.exchange(2, std::memory_order_acquire);
  }
}

void InternalMutex::Unlock() {
  if (state_.exchange(0, std::memory_order_release) == 2) Futex(&state_, FUTEX_WAKE, 1);
}

Buf &Buf::Str(const char *s) { return s ? Str(s, StrLen(s)) : Str("(null)", 6); }

bool Buf::Room(size_t n) {
  if (len_ + n + 1 <= cap_) return true;
  if (!grow_ || failed_) return false;
  size_t want = cap_ < 65536 ? 65536 : cap_;
  while (want < len_ + n + 1) want *= 2;
  void *m;
  if (data_ == empty_) {
    m = mmap(nullptr, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  } else {
    m = mremap(data_, cap_, want, MREMAP_MAYMOVE);
  }
  if (m == MAP_FAILED) {
    failed_ = true;
    return false;
  }
  data_ = static_cast<char *>(m);
  cap_ = want;
  return true;
}

Buf &Buf::Str(const char *s, size_t n) {
  if (!Room(n)) n = cap_ > len_ + 1 ? cap_ - len_ - 1 : 0;
  for (size_t i = 0; i < n; ++i) data_[len_++] = s[i];
  data_[len_] = 0;
  return *this;
}

Buf &Buf::Char(char c) { return Str(&c, 1); }

Buf &Buf::UDec(uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) Char(tmp[--n]);
  return *this;
}

Buf &Buf::Dec(int64_t v) {
  if (v < 0) {
    Char('-');
    return UDec(static_cast<uint64_t>(-(v + 1)) + 1);
  }
  return UDec(static_cast<uint64_t>(v));
}

Buf &Buf::Hex(uint64_t v) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v != 0);
  Str("0x", 2);
  while (n > 0) Char(tmp[--n]);
  return *this;
}

// The length of the well-formed UTF-8 sequence at s (RFC 3629), or 0.
static size_t Utf8Length(const unsigned char *s) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  auto cont = [](unsigned b) { return (b & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(s[1]) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) return 0;
    return cont(s[1]) && cont(s[2]) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) return 0;
    return cont(s[1]) && cont(s[2]) && cont(s[3]) ? 4 : 0;
  }
  return 0;
}

Buf &Buf::Json(const char *s) {
  Char('"');
  const unsigned char *p = reinterpret_cast<const unsigned char *>(s);
  while (p && *p) {
    unsigned char c = *p;
    if (c >= 0x80) {  // only well-formed UTF-8 goes out (a file name may not be): else U+FFFD
      size_t n = Utf8Length(p);  // reads no further than the first byte that does not fit (NUL)
      if (n == 0) {
        Str("\\ufffd", 6);
        ++p;
      } else {
        Str(reinterpret_cast<const char *>(p), n);
        p += n;
      }
      continue;
    }
    ++p;
    if (c == '"' || c == '\\') {
      Char('\\').Char(static_cast<char>(c));
    } else if (c == '\n') {
      Str("\\n", 2);
    } else if (c < 0x20 || c == 0x7f) {
      Str("\\u00", 4).Char("0123456789abcdef"[c >> 4]).Char("0123456789abcdef"[c & 15]);
    } else {
      Char(static_cast<char>(c));
    }
  }
  return Char('"');
}

bool WriteAll(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return false;
    if (w == 0) {
      errno = EIO;
      return false;
    }
    s += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// --- the hook stack ------------------------------------------------------------------------------
// lg_call_on_stack(arg, fn, top) calls fn(arg) with the stack pointer at `top`. The caller's
// frame pointer stays the frame pointer (as the frame record of the call, on the caller's
// stack), and the CFA is computed from it, so frame-pointer walks and DWARF unwinding both lead
// back to the caller's frames (the technique of stacker/psm).
extern "C" void lg_call_on_stack(void *arg, void (*fn)(void *), void *top);
#if defined(__x86_64__)
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl lg_call_on_stack\n"
    ".hidden lg_call_on_stack\n"
    ".type lg_call_on_stack,@function\n"
    "lg_call_on_stack:\n"
    ".cfi_startproc\n"
    "pushq %rbp\n"
    ".cfi_def_cfa_offset 16\n"
    ".cfi_offset %rbp, -16\n"
    "movq %rsp, %rbp\n"
    ".cfi_def_cfa_register %rbp\n"
    "movq %rdx, %rsp\n"
    "callq *%rsi\n"
    "movq %rbp, %rsp\n"
    "popq %rbp\n"
    ".cfi_def_cfa %rsp, 8\n"
    "retq\n"
    ".cfi_endproc\n"
    ".size lg_call_on_stack, .-lg_call_on_stack\n");
#elif defined(__aarch64__)
__asm__(
    ".text\n"
    ".p2align 2\n"
    ".globl lg_call_on_stack\n"
    ".hidden lg_call_on_stack\n"
    ".type lg_call_on_stack,%function\n"
    "lg_call_on_stack:\n"
    ".cfi_startproc\n"
    "stp x29, x30, [sp, #-16]!\n"
    ".cfi_def_cfa_offset 16\n"
    ".cfi_offset x29, -16\n"
    ".cfi_offset x30, -8\n"
    "mov x29, sp\n"
    ".cfi_def_cfa_register x29\n"
    "mov sp, x2\n"
    "blr x1\n"
    "mov sp, x29\n"
    ".cfi_def_cfa sp, 16\n"
    "ldp x29, x30, [sp], #16\n"
    ".cfi_def_cfa_offset 0\n"
    ".cfi_restore x29\n"
    ".cfi_restore x30\n"
    "ret\n"
    ".cfi_endproc\n"
    ".size lg_call_on_stack, .-lg_call_on_stack\n");
#else
extern "C" void lg_call_on_stack(void *arg, void (*fn)(void *), void *) { fn(arg); }
#endif

namespace {
constexpr size_t kHookStack = size_t{2} << 20;
InternalMutex g_stack_mu;
char *g_stack_top = nullptr;
__thread int t_on_hook_stack __attribute__((tls_model("initial-exec")));
}  // namespace

void RunOnHookStack(void (*fn)(void *), void *arg) {
  if (t_on_hook_stack) {
    fn(arg);
    return;
  }
  InternalLockGuard guard(g_stack_mu);
  if (g_stack_top == nullptr) {
    char *base = static_cast<char *>(MapZeroed(kHookStack + 4096));
    if (base != nullptr) {
      mprotect(base, 4096, PROT_NONE);  // the guard page: an overflow faults, never corrupts
      g_stack_top = base + 4096 + kHookStack;
    }
  }
  t_on_hook_stack = 1;
  if (g_stack_top != nullptr)
    lg_call_on_stack(arg, fn, g_stack_top);
  else
    fn(arg);  // no memory for a stack of its own: the caller's
  t_on_hook_stack = 0;
}

void HookStackAtForkChild() {
  g_stack_mu.Reset();
  t_on_hook_stack = 0;
}

void ArenaAtForkChild() {
  if (g_arena_mu.IsLocked()) {  // another thread was allocating: start a fresh chunk
    g_arena_cur = nullptr;
    g_arena_end = nullptr;
  }
  g_arena_mu.Reset();
}

size_t StrLen(const char *s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

bool StrEq(const char *a, const char *b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

bool StrStartsWith(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return false;
  return true;
}

void StrCopy(char *dst, size_t cap, const char *src) {
  size_t i = 0;
  for (; src && src[i] && i + 1 < cap; ++i) dst[i] = src[i];
  dst[i] = 0;
}

bool WildcardMatch(const char *p, const char *t) {
  // Iterative '*' (any run) and '?' (one character) matching with one backtrack point (no recursion).
  const char *star = nullptr, *resume = nullptr;
  while (*t) {
    if (*p == '*') {
      star = p++;
      resume = t;
    } else if (*p == '?' || *p == *t) {
      ++p, ++t;
    } else if (star) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (*p == '*') ++p;
  return *p == 0;
}

int GetTid() { return static_cast<int>(syscall(SYS_gettid)); }

}  // namespace lg
