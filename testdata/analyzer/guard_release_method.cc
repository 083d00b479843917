// A scoped-lock class that keeps a pointer to its mutex and can let it go early (oneTBB's
// `unique_scoped_lock`: acquire(m) stores `&m` and locks, release() unlocks `*m_mutex`, the
// destructor releases what is still held). market_thread() releases its guard before it takes
// `arena_mu`, and add_ref_unsafe() releases the guard its caller gives it by reference before
// it takes `stats_mu` (oneTBB's market::add_ref_unsafe(lock, ...)): neither order is taken
// under `market_mu`, so arena_thread() and stats_thread() make no cycle. The twins:
// keep_ref() takes `list_mu` with the caller's guard still holding `market_mu` (a real
// inversion with list_thread()), and retake() releases and acquires the guard again, so its
// caller still holds `market_mu` when it takes `cfg_mu` (a real inversion with cfg_thread()).
// STATIC-RUN:
#include <pthread.h>

#include <thread>

class Mutex {
 public:
  void lock() { pthread_mutex_lock(&m_); }
  void unlock() { pthread_mutex_unlock(&m_); }

 private:
  pthread_mutex_t m_ = PTHREAD_MUTEX_INITIALIZER;
};

template <typename M>
class ScopedLock {
 public:
  explicit ScopedLock(M &m) { acquire(m); }
  ScopedLock(const ScopedLock &) = delete;
  ~ScopedLock() {
    if (m_mutex)
      release();
  }
  void acquire(M &m) {
    m_mutex = &m;
    m.lock();
  }
  void release() {
    m_mutex->unlock();
    m_mutex = nullptr;
  }

 private:
  M *m_mutex = nullptr;
};

static Mutex market_mu, arena_mu, stats_mu, list_mu, cfg_mu;
static int markets, arenas, stats, lists, cfgs, refs;

static bool add_ref_unsafe(ScopedLock<Mutex> &lock) {
  refs++;
  lock.release();
  ScopedLock<Mutex> s(stats_mu);
  stats++;
  return true;
}

static void keep_ref(ScopedLock<Mutex> &lock) {
  (void)lock;
  ScopedLock<Mutex> l(list_mu);  // EXPECT-STATIC: lock-order-inversion market_mu => list_mu => market_mu
  lists++;
}

static void retake(ScopedLock<Mutex> &lock) {
  lock.release();
  refs--;
  lock.acquire(market_mu);
}

static void market_thread() {
  {
    ScopedLock<Mutex> a(market_mu);
    markets++;
    a.release();
    ScopedLock<Mutex> b(arena_mu);
    arenas++;
  }
  {
    ScopedLock<Mutex> lock(market_mu);
    add_ref_unsafe(lock);
  }
  {
    ScopedLock<Mutex> lock(market_mu);
    keep_ref(lock);
  }
  ScopedLock<Mutex> lock(market_mu);
  retake(lock);
  ScopedLock<Mutex> c(cfg_mu);  // EXPECT-STATIC: lock-order-inversion market_mu => cfg_mu => market_mu
  cfgs++;
}

static void arena_thread() {
  ScopedLock<Mutex> b(arena_mu);
  ScopedLock<Mutex> a(market_mu);
  arenas += markets;
}

static void stats_thread() {
  ScopedLock<Mutex> s(stats_mu);
  ScopedLock<Mutex> a(market_mu);
  stats += markets;
}

static void list_thread() {
  ScopedLock<Mutex> l(list_mu);
  ScopedLock<Mutex> a(market_mu);  // EXPECT-STATIC: lock-order-inversion market_mu => list_mu => market_mu
  lists += markets;
}

static void cfg_thread() {
  ScopedLock<Mutex> c(cfg_mu);
  ScopedLock<Mutex> a(market_mu);  // EXPECT-STATIC: lock-order-inversion market_mu => cfg_mu => market_mu
  cfgs += markets;
}

int main() {
  std::thread t[] = {std::thread(market_thread), std::thread(arena_thread), std::thread(stats_thread),
                     std::thread(list_thread), std::thread(cfg_thread)};
  for (auto &x : t)
    x.join();
  return 0;
}
