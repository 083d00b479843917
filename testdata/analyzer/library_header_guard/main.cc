// Locks taken with a guard class of a library's installed header (aptitude 0.8.13 locks with
// cwidget's `cwidget::threads::mutex::lock l(m);`, defined inline in
// /usr/include/cwidget/generic/threads/threads.h, a system header): the bodies of a system
// header's functions are not parsed in C++ TUs (the standard library's are most of a TU's
// time), so before, no lock taken this way was seen at all (aptitude: 2 acquisitions in 135
// TUs). A system header's functions and classes whose names say lock, mutex, guard, critical
// or spin (outside std and Boost) are parsed and summarised as wrappers: Store::put() and
// Store::flush() take 'Store::data_mu' and 'Store::log_mu' in opposite orders. Twin: Index
// takes its two locks in one order everywhere (no finding).
// A mutex of such a class made recursive by the attribute object its constructor is given
// (aptitude's `cw::threads::mutex download_thread::state_mutex((cw::threads::mutex::attr(
// PTHREAD_MUTEX_RECURSIVE)));` and `mutex(cwidget::threads::mutex::attr(PTHREAD_MUTEX_RECURSIVE))`
// in resolver_manager's constructor) may be re-taken by its owner: Queue and Resolver re-take
// theirs (no finding); Plain's mutex is made without one and hangs (reported).
// STATIC-RUN:
// STATIC-COMPILE: -isystem %S/sys
#include <mlib/threads.h>

#include <thread>

struct Store {
  mlib::threads::mutex data_mu;
  mlib::threads::mutex log_mu;
  int n = 0;
  void put() {
    mlib::threads::mutex::lock a(data_mu);
    mlib::threads::mutex::lock b(log_mu);  // EXPECT-STATIC: lock-order-inversion Store::data_mu => Store::log_mu => Store::data_mu
    n++;
  }
  void flush() {
    mlib::threads::mutex::lock b(log_mu);
    mlib::threads::mutex::lock a(data_mu);
    n--;
  }
};

struct Index {
  mlib::threads::mutex map_mu;
  mlib::threads::mutex stats_mu;
  int n = 0;
  void insert() {
    mlib::threads::mutex::lock a(map_mu);
    mlib::threads::mutex::lock b(stats_mu);
    n++;
  }
  void erase() {
    mlib::threads::mutex::lock a(map_mu);
    mlib::threads::mutex::lock b(stats_mu);
    n--;
  }
};

struct Queue {
  static mlib::threads::mutex state_mutex;
  int jobs = 0;
  void add() {
    mlib::threads::mutex::lock l(state_mutex);
    jobs++;
  }
  void add_two() {
    mlib::threads::mutex::lock l(state_mutex);
    add();
    add();
  }
};
mlib::threads::mutex Queue::state_mutex((mlib::threads::mutex::attr(PTHREAD_MUTEX_RECURSIVE)));

struct Resolver {
  mlib::threads::mutex mutex;
  int n = 0;
  Resolver() : mutex(mlib::threads::mutex::attr(PTHREAD_MUTEX_RECURSIVE)) {}
  int get() {
    mlib::threads::mutex::lock l(mutex);
    return n;
  }
  int dump() {
    mlib::threads::mutex::lock l(mutex);
    return get() + n;
  }
};

struct Plain {
  mlib::threads::mutex mutex;
  int n = 0;
  int get() {
    mlib::threads::mutex::lock l(mutex);  // EXPECT-STATIC: self-deadlock Plain::mutex
    return n;
  }
  int dump() {
    mlib::threads::mutex::lock l(mutex);
    return get() + n;
  }
};

int main() {
  Store s;
  Index x;
  Queue q;
  Resolver r;
  Plain p;
  std::thread t1([&] {
    s.put();
    x.insert();
    q.add_two();
    r.dump();
    p.dump();
  });
  std::thread t2([&] {
    s.flush();
    x.erase();
  });
  t1.join();
  t2.join();
}
