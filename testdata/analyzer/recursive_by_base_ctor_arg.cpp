// jellyfish's lock wrappers: `mutex(int type)` hands its argument to
// pthread_mutexattr_settype() before pthread_mutex_init(), and `mutex_recursive` is the same
// class built with `mutex(PTHREAD_MUTEX_RECURSIVE)` in its constructor's initialiser list.
// A field (`manager::mutex_`) or a global (`gmu`) of that type is recursive: taking it again
// in `take()` or `bump()` while the caller holds it is legal. The plain `mutex` field is not:
// `next_plain()` -> `take_plain()` is a self-deadlock, reported. A member built recursive in
// its class's constructor (`holder() : mu_(PTHREAD_MUTEX_RECURSIVE)`) is recursive too.
// (Before, all four were reported.)
// STATIC-RUN:
#include <pthread.h>

namespace locks {
class mutex {
  pthread_mutex_t _mutex;

public:
  mutex(int type = PTHREAD_MUTEX_DEFAULT) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, type);
    pthread_mutex_init(&_mutex, &attr);
  }
  ~mutex() { pthread_mutex_destroy(&_mutex); }
  inline void lock() { pthread_mutex_lock(&_mutex); }
  inline void unlock() { pthread_mutex_unlock(&_mutex); }
};

class mutex_recursive : public mutex {
public:
  mutex_recursive() : mutex(PTHREAD_MUTEX_RECURSIVE) {}
};

class mutex_lock {
  mutex &m_;

public:
  explicit mutex_lock(mutex &m) : m_(m) { m_.lock(); }
  ~mutex_lock() { m_.unlock(); }
};
}  // namespace locks

class manager {
  locks::mutex_recursive mutex_;
  locks::mutex plain_;
  int files_ = 0, n_ = 0;
  int take() {
    locks::mutex_lock l(mutex_);
    return files_--;
  }
  int take_plain() {
    locks::mutex_lock l(plain_);  // EXPECT: self-deadlock manager::plain_
    return n_--;
  }

public:
  int next() {
    locks::mutex_lock l(mutex_);
    return take();
  }
  int next_plain() {
    locks::mutex_lock l(plain_);
    return take_plain();
  }
};

class holder {
  locks::mutex mu_;
  int n_ = 0;

public:
  holder() : mu_(PTHREAD_MUTEX_RECURSIVE) {}
  void inner() {
    locks::mutex_lock l(mu_);
    n_++;
  }
  void outer() {
    locks::mutex_lock l(mu_);
    inner();
  }
};

static manager g;
static holder hd;
static locks::mutex_recursive gmu;
static int gcount;

static void bump() {
  locks::mutex_lock l(gmu);
  gcount++;
}

static void *worker(void *) {
  g.next();
  g.next_plain();
  hd.outer();
  locks::mutex_lock l(gmu);
  bump();
  return nullptr;
}

int main() {
  pthread_t t[2];
  for (auto &x : t)
    pthread_create(&x, nullptr, worker, nullptr);
  for (auto &x : t)
    pthread_join(x, nullptr);
}
