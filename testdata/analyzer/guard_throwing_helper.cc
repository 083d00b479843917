// A scoped guard whose constructor locks through a helper method that throws when the guard
// already holds the lock (cwidget 0.5's cwidget::threads::mutex::lock, used by aptitude:
// `lock(mutex &_parent) : parent(_parent), locked(false) { acquire(); }`, where acquire() is
// `if (locked) throw DoubleLockException(); pthread_mutex_lock(&parent.m); locked = true;`).
// Two things hid every lock taken with it: the throwing path counted as a return without the
// lock, so acquire() was no acquire; and the lock acquire() takes through the member
// `parent` was the guard's own (`a.parent.m`), not the mutex the constructor was given.
// Now Store::put() and Store::flush() take 'Store::data_mu' and 'Store::log_mu' in opposite
// orders: an inversion. A wrapper that throws when pthread_mutex_lock fails is an acquire too
// (Journal). Twin: Index takes its two locks in one order everywhere (no finding).
// STATIC-RUN:
#include <pthread.h>

#include <stdexcept>
#include <thread>

namespace threads {
class DoubleLockException {};
class mutex {
 public:
  class lock;

 private:
  pthread_mutex_t m;
  friend class lock;

 public:
  mutex() { pthread_mutex_init(&m, nullptr); }
  ~mutex() { pthread_mutex_destroy(&m); }
  mutex(const mutex &) = delete;
  class lock {
    mutex &parent;
    bool locked;

   public:
    explicit lock(mutex &_parent) : parent(_parent), locked(false) { acquire(); }
    lock(const lock &) = delete;
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

struct Store {
  threads::mutex data_mu;
  threads::mutex log_mu;
  int n = 0;
  void put() {
    threads::mutex::lock a(data_mu);
    threads::mutex::lock b(log_mu);  // EXPECT-STATIC: lock-order-inversion Store::data_mu => Store::log_mu => Store::data_mu
    n++;
  }
  void flush() {
    threads::mutex::lock b(log_mu);
    threads::mutex::lock a(data_mu);
    n--;
  }
};

class Mutex {
  pthread_mutex_t m_ = PTHREAD_MUTEX_INITIALIZER;

 public:
  void lock() {
    if (pthread_mutex_lock(&m_) != 0)
      throw std::runtime_error("pthread_mutex_lock");
  }
  void unlock() { pthread_mutex_unlock(&m_); }
};

struct Journal {
  Mutex head;
  Mutex tail;
  int n = 0;
  void append() {
    head.lock();
    tail.lock();  // EXPECT-STATIC: lock-order-inversion Journal::head => Journal::tail => Journal::head
    n++;
    tail.unlock();
    head.unlock();
  }
  void trim() {
    tail.lock();
    head.lock();
    n--;
    head.unlock();
    tail.unlock();
  }
};

struct Index {
  threads::mutex map_mu;
  threads::mutex stats_mu;
  int n = 0;
  void insert() {
    threads::mutex::lock a(map_mu);
    threads::mutex::lock b(stats_mu);
    n++;
  }
  void erase() {
    threads::mutex::lock a(map_mu);
    threads::mutex::lock b(stats_mu);
    n--;
  }
};

int main() {
  Store s;
  Journal j;
  Index x;
  std::thread t1([&] {
    s.put();
    j.append();
    x.insert();
  });
  std::thread t2([&] {
    s.flush();
    j.trim();
    x.erase();
  });
  t1.join();
  t2.join();
}
