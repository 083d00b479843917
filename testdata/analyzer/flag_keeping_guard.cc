// A guard class that keeps its own "locked" flag (cxxtools' MutexLock: the constructor locks
// `if (doLock)`, lock() takes the mutex `if (!_isLocked)` and sets the flag, unlock() and the
// destructor give it back `if (_isLocked)`). The flag says whether the guard holds its mutex, so
// lock() leaves it held on every path and `MutexLock lock(m)` holds `m` to the end of its scope:
// the counters below are updated under their locks (no race), and one() and two() take `a_mu`
// and `b_mu` in opposite orders through such guards (a real inversion). `MutexLock lock(m,
// false)` is made without the mutex: deferred() takes it with lock.lock() around its update and
// lets it go around the slow call. The twin: bump_unlocked() gives its guard's mutex back with
// unlock() before its update, which then races with the other thread's.
// STATIC-RUN:
#include <pthread.h>

#include <thread>

class Mutex {
 public:
  Mutex() { pthread_mutex_init(&m_, nullptr); }
  void lock() { pthread_mutex_lock(&m_); }
  void unlock() { pthread_mutex_unlock(&m_); }
  bool unlockNoThrow() { return pthread_mutex_unlock(&m_) == 0; }

 private:
  pthread_mutex_t m_;
};

class MutexLock {
 public:
  explicit MutexLock(Mutex &m, bool doLock = true, bool isLocked = false) : _mutex(m), _isLocked(isLocked) {
    if (doLock)
      this->lock();
  }
  MutexLock(const MutexLock &) = delete;
  ~MutexLock() {
    if (_isLocked)
      _mutex.unlockNoThrow();
  }
  void lock() {
    if (!_isLocked) {
      _mutex.lock();
      _isLocked = true;
    }
  }
  void unlock() {
    if (_isLocked) {
      _mutex.unlock();
      _isLocked = false;
    }
  }

 private:
  Mutex &_mutex;
  bool _isLocked;
};

static Mutex a_mu, b_mu, stats_mu, queue_mu, loose_mu;
static int transfers, stats, queued, loose;

static void slow_call() {}

static void one() {
  MutexLock la(a_mu);
  MutexLock lb(b_mu);  // EXPECT-STATIC: lock-order-inversion a_mu => b_mu => a_mu
  ++transfers;
}

static void two() {
  MutexLock lb(b_mu);
  MutexLock la(a_mu);
  ++transfers;
}

static void count() {
  MutexLock lock(stats_mu);
  stats += 2;
}

static void deferred() {
  MutexLock lock(queue_mu, false);
  slow_call();
  lock.lock();
  ++queued;
  lock.unlock();
  slow_call();
  lock.lock();
  lock.lock();  // held already: the guard's flag says so, and it takes nothing
  --queued;
}

static void bump_unlocked() {
  MutexLock lock(loose_mu);
  lock.unlock();
  ++loose;  // EXPECT-STATIC: unlocked-rmw loose
}

static void worker() {
  one();
  count();
  deferred();
  bump_unlocked();
}

static void other() {
  two();
  count();
  deferred();
  bump_unlocked();
}

int main() {
  std::thread t1(worker), t2(other);
  t1.join();
  t2.join();
}
