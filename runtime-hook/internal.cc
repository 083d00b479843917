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

Buf &Buf::Str(const char *s, size_t n) {
  for (size_t i = 0; i < n && len_ + 1 < cap_; ++i) data_[len_++] = s[i];
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

Buf &Buf::Json(const char *s) {
  Char('"');
  for (; s && *s; ++s) {
    unsigned char c = static_cast<unsigned char>(*s);
    if (c == '"' || c == '\\') {
      Char('\\').Char(static_cast<char>(c));
    } else if (c == '\n') {
      Str("\\n", 2);
    } else if (c < 0x20) {
      Str("\\u00", 4).Char("0123456789abcdef"[c >> 4]).Char("0123456789abcdef"[c & 15]);
    } else {
      Char(static_cast<char>(c));
    }
  }
  return Char('"');
}

void WriteAll(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s += w;
    n -= static_cast<size_t>(w);
  }
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
