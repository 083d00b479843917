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
  // In a child after fork: was it held (by a thread the child does not have)?
  bool IsLocked() const { return state_.load(std::memory_order_relaxed) != 0; }
  // In a child after fork: free again.
  void Reset() { state_.store(0, std::memory_order_relaxed); }

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

// A text buffer: either over caller memory of a fixed capacity (appends past it are cut: for
// short messages), or growable (mmap'd, grown with mremap: for reports, which are never cut).
class Buf {
 public:
  Buf(char *data, size_t cap) : data_(data), cap_(cap) { data_[0] = 0; }
  // A growable buffer; it starts empty and maps memory on the first append.
  Buf() : data_(empty_), cap_(1), grow_(true) {}
  Buf(const Buf &) = delete;
  Buf &operator=(const Buf &) = delete;
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
  // False once a growable buffer could not grow (out of memory): its text was cut.
  bool ok() const { return !failed_; }

 private:
  bool Room(size_t n);  // room for n more bytes (and the NUL)

  char *data_;
  size_t cap_;
  size_t len_ = 0;
  bool grow_ = false;
  bool failed_ = false;
  char empty_[1] = {0};
};

// Runs fn(arg) on the hook's own stack (2 MiB of address space, a guard page below), so that the
// heavy work of the slow path and of reports (stack walks, symbolization, rendering) takes almost
// nothing of the host thread's stack, which may be 16 KiB. One thread at a time; a call made on
// the hook stack runs in place. The frame chain and the unwind information lead from the hook
// stack back to the caller's, so backtraces taken there show the host's frames. Must not be
// called holding another internal lock (it takes its own first).
void RunOnHookStack(void (*fn)(void *), void *arg);
// In a child after fork: the hook stack is free again (its user, another thread, is not there).
void HookStackAtForkChild();
// In a child after fork: the arena's lock is free again (a half-made allocation is abandoned).
void ArenaAtForkChild();

// write(2) until done or a hard error; false (errno set) when not all of it was written.
bool WriteAll(int fd, const char *s, size_t n);
size_t StrLen(const char *s);
bool StrEq(const char *a, const char *b);
bool StrStartsWith(const char *s, const char *prefix);
void StrCopy(char *dst, size_t cap, const char *src);
// glob-style match with '*' (suppressions).
bool WildcardMatch(const char *pattern, const char *text);

int GetTid();

}  // namespace lg

#endif  // LOCKGRAPH_RUNTIME_HOOK_INTERNAL_H_
