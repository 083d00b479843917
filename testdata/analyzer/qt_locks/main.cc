// Qt's locks (qsstv's QMutex members and `QMutexLocker locker(&mutex)`): QMutex::lock() is out
// of line in libQt5Core and takes its futex itself, so no pthread call shows the lock and,
// before, a Qt program had no acquisition at all (qsstv: 0 in 231 TUs). QMutex, QBasicMutex,
// QRecursiveMutex and QReadWriteLock are locks of the table (common/lock_api.inc) and
// QMutexLocker, QReadLocker and QWriteLocker are scoped guards with unlock() and relock():
//   Bank takes its two mutexes in both orders, through lockers and through lock() (reported);
//   Cache's mutex is made with QMutex::Recursive in its constructor and re-taken (no finding),
//   Journal's is a QRecursiveMutex (no finding), Plain's is a plain QMutex re-taken (reported);
//   Table gives its read lock back with unlock() before it takes the write lock and takes it
//   again with relock() (no finding); Stats counts under a locker in one thread and without it
//   in another (reported).
// STATIC-RUN:
// STATIC-COMPILE: -isystem %S/sys -std=c++17
#include <QMutex>

#include <thread>

struct Bank {
  QMutex accounts_mu;
  QMutex ledger_mu;
  int balance = 0, entries = 0;
  void deposit(int n) {
    QMutexLocker a(&accounts_mu);
    QMutexLocker l(&ledger_mu);  // EXPECT-STATIC: lock-order-inversion Bank::accounts_mu => Bank::ledger_mu => Bank::accounts_mu
    balance += n;
    entries++;
  }
  void audit() {
    ledger_mu.lock();
    accounts_mu.lock();
    entries += balance > 0;
    accounts_mu.unlock();
    ledger_mu.unlock();
  }
};

struct Cache {
  QMutex mu_;
  int hits = 0;
  Cache() : mu_(QMutex::Recursive) {}
  int get() {
    QMutexLocker l(&mu_);
    return ++hits;
  }
  int get_twice() {
    QMutexLocker l(&mu_);
    return get() + get();
  }
};

struct Journal {
  QRecursiveMutex mu_;
  int lines = 0;
  void write() {
    QMutexLocker l(&mu_);
    lines++;
  }
  void write_two() {
    QMutexLocker l(&mu_);
    write();
    write();
  }
};

struct Plain {
  QMutex mu_;
  int n = 0;
  void add() {
    QMutexLocker l(&mu_);  // EXPECT-STATIC: self-deadlock Plain::mu_
    n++;
  }
  void add_two() {
    QMutexLocker l(&mu_);
    add();
  }
};

struct Table {
  QReadWriteLock lock_;
  int rows = 0, misses = 0;
  void grow() {
    QWriteLocker w(&lock_);
    rows++;
  }
  int find(int k) {
    QReadLocker r(&lock_);
    if (k < rows)
      return k;
    r.unlock();
    grow();
    r.relock();
    return rows - 1;
  }
};

struct Stats {
  QMutex mu;
  long served = 0;
  void serve() {
    QMutexLocker l(&mu);
    served++;
  }
  void serve_fast() {
    served++;  // EXPECT-STATIC: unlocked-rmw Stats::served
  }
};

Bank bank;
Cache cache;
Journal journal;
Plain plain;
Table table;
Stats stats;

int main() {
  std::thread t1([] {
    bank.deposit(1);
    cache.get_twice();
    journal.write_two();
    plain.add_two();
    table.find(3);
    stats.serve();
  });
  std::thread t2([] {
    bank.audit();
    cache.get();
    journal.write();
    plain.add();
    table.grow();
    stats.serve_fast();
  });
  t1.join();
  t2.join();
  return 0;
}
