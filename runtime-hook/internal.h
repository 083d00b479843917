// Internal services of the runtime hook: memory, locks and text that never go through the
// functions the hook intercepts. Nothing here calls malloc, stdio or a pthread lock.
#ifndef LOCKGRAPH_RUNTIME_HOOK_INTERNAL_H_
#define LOCKGRAPH_RUNTIME_HOOK_INTERNAL_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace lg {

// Anonymous zero-filled pages from the kernel; nullptr on failure. Never freed.
void *MapZeroed(size_t bytes);

// A bump allocator over mmap'd chunks, for objects that live as long as the process.
// Thread-safe (a spin lock); returns zeroed memory; nullptr when `limit` bytes are used up.
void *ArenaAlloc(size_t bytes);
size_t ArenaBytesUsed();

// A futex-based mutex for the hook's own state; it is not a pthread mutex, so the hook never
// sees its own locking. Not recursive.
class InternalMutex {
 public:
  void Lock();
  void Unlock();
  bool TryLock() {
    int expected = 0;
    return state_.compare_exchange_strong(expected, 1, std::memory_order_acquire);
  }

 private:
  std::atomic<int> state_{0};  // 0 free, 1 locked, 2 locked with waiters
};

class InternalLockGuard {
 public:
  explicit InternalLockGuard(InternalMutex &mu) : mu_(mu) { mu_.Lock(); }
  ~InternalLockGuard() { mu_.Unlock(); }
  InternalLockGuard(const InternalLockGuard &) = delete;
  InternalLockGuard &operator=(const InternalLockGuard &) = delete;

 private:
  InternalMutex &mu_;
};

// A fixed-capacity text buffer; appends truncate silently.
class Buf {
 public:
  Buf(char *data, size_t cap) : data_(data), cap_(cap) { data_[0] = 0; }
  Buf &Str(const char *s);
  Buf &Str(const char *s, size_t n);
  Buf &Char(char c);
  Buf &Dec(int64_t v);
  Buf &UDec(uint64_t v);
  Buf &Hex(uint64_t v);  // 0x...
  Buf &Json(const char *s);  // a quoted, escaped JSON string
  const char *c_str() const { return data_; }
  size_t size() const { return len_; }
  void Clear() { len_ = 0; data_[0] = 0; }

 private:
  char *data_;
  size_t cap_;
  size_t len_ = 0;
};

// write(2) until done or a hard error.
void WriteAll(int fd, const char *s, size_t n);
size_t StrLen(const char *s);
bool StrEq(const char *a, const char *b);
bool StrStartsWith(const char *s, const char *prefix);
void StrCopy(char *dst, size_t cap, const char *src);
// glob-style match with '*' (suppressions).
bool WildcardMatch(const char *pattern, const char *text);

int GetTid();

}  // namespace lg

#endif  // LOCKGRAPH_RUNTIME_HOOK_INTERNAL_H_
