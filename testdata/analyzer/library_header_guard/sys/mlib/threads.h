// A lock library's installed header (as cwidget 0.5's cwidget/generic/threads/threads.h):
// included from a system include directory (-isystem), whose function bodies the analyzer
// skips, except those of lock wrappers (library_header_guard/main.cc).
#pragma once
#include <pthread.h>
namespace mlib {
namespace threads {
class DoubleLockException {};
class mutex {
 public:
  class lock;
 private:
  pthread_mutex_t m;
  friend class lock;
  mutex(const mutex &other);
 public:
  class attr {
    pthread_mutexattr_t attrs;
    friend class mutex;

   public:
    attr() { pthread_mutexattr_init(&attrs); }
    explicit attr(int kind) {
      pthread_mutexattr_init(&attrs);
      pthread_mutexattr_settype(&attrs, kind);
    }
    ~attr() { pthread_mutexattr_destroy(&attrs); }
  };
  mutex() { pthread_mutex_init(&m, nullptr); }
  explicit mutex(const attr &a) { pthread_mutex_init(&m, &a.attrs); }
  ~mutex() { pthread_mutex_destroy(&m); }
  class lock {
    mutex &parent;
    bool locked;
    lock(const lock &other);
   public:
    lock(mutex &_parent) : parent(_parent), locked(false) { acquire(); }
    void acquire() {
      if (locked)
        throw DoubleLockException();
      pthread_mutex_lock(&parent.m);
      locked = true;
    }
    void release() {
      pthread_mutex_unlock(&parent.m);
      locked = false;
    }
    ~lock() {
      if (locked)
        pthread_mutex_unlock(&parent.m);
    }
  };
};
}  // namespace threads
}  // namespace mlib
