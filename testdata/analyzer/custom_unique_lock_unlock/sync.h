// A pthread synchronisation layer of its own (SRT 1.5.1's srtcore/sync.h, without
// ENABLE_STDCXX_SYNC): a Mutex class, a ScopedLock, a UniqueLock whose lock()/unlock() are
// defined in another file and track their state in m_iLocked, and an InvertedLock that releases
// a held mutex for its scope and takes it back at its end. Annotated for Clang's thread-safety
// analysis as SRT does (srt_attr_defs.h): the annotations name what each call takes and releases.
#pragma once
#include <pthread.h>

#define ATTR(x) __attribute__((x))
#define SRT_ATTR_CAPABILITY(x) ATTR(capability(x))
#define SRT_ATTR_SCOPED_CAPABILITY ATTR(scoped_lockable)
#define SRT_ATTR_ACQUIRE(...) ATTR(acquire_capability(__VA_ARGS__))
#define SRT_ATTR_RELEASE(...) ATTR(release_capability(__VA_ARGS__))
#define SRT_ATTR_REQUIRES(...) ATTR(requires_capability(__VA_ARGS__))

namespace sync {

class SRT_ATTR_CAPABILITY("mutex") Mutex {
 public:
  Mutex() { pthread_mutex_init(&m_mutex, 0); }
  int lock() SRT_ATTR_ACQUIRE();
  int unlock() SRT_ATTR_RELEASE();

 private:
  pthread_mutex_t m_mutex;
};

class SRT_ATTR_SCOPED_CAPABILITY ScopedLock {
 public:
  SRT_ATTR_ACQUIRE(m) explicit ScopedLock(Mutex &m);
  SRT_ATTR_RELEASE() ~ScopedLock();

 private:
  Mutex &m_mutex;
};

class SRT_ATTR_SCOPED_CAPABILITY UniqueLock {
  int m_iLocked;
  Mutex &m_Mutex;

 public:
  SRT_ATTR_ACQUIRE(m) explicit UniqueLock(Mutex &m);
  SRT_ATTR_RELEASE() ~UniqueLock();
  SRT_ATTR_ACQUIRE() void lock();
  SRT_ATTR_RELEASE() void unlock();
};

inline void enterCS(Mutex &m) SRT_ATTR_ACQUIRE(m) { m.lock(); }
inline void leaveCS(Mutex &m) SRT_ATTR_RELEASE(m) { m.unlock(); }

class InvertedLock {
  Mutex &m_mtx;

 public:
  SRT_ATTR_REQUIRES(m) SRT_ATTR_RELEASE(m) InvertedLock(Mutex &m) : m_mtx(m) { m_mtx.unlock(); }
  SRT_ATTR_ACQUIRE(m_mtx) ~InvertedLock() { m_mtx.lock(); }
};

}  // namespace sync
