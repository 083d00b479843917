// The twin of goto_restart_derived_guard.cc: the base scoped_lock's destructor does not
// unlock (only release() does), so the `goto restart` that leaves the accessor's scope
// without release() keeps the bucket locked, and the accessor made again at the top locks
// it a second time. A real self-deadlock: it stays reported.
// STATIC-RUN:
#include <mutex>

class MinimalMutex {
public:
  class scoped_lock {
  public:
    scoped_lock() : my_mutex_ptr(nullptr) {}
    ~scoped_lock() {}
    void acquire(MinimalMutex &m) {
      my_mutex_ptr = &m;
      my_mutex_ptr->my_mutex.lock();
    }
    void release() {
      my_mutex_ptr->my_mutex.unlock();
      my_mutex_ptr = nullptr;
    }

  private:
    MinimalMutex *my_mutex_ptr;
  };

private:
  std::mutex my_mutex;
};

struct Map {
  MinimalMutex buckets[4];
  unsigned mask = 3;
  int value[4] = {};

  class bucket_accessor : public MinimalMutex::scoped_lock {
  public:
    bucket_accessor(Map *base, unsigned h) { acquire(base->buckets[h]); }
  };

  bool mask_race(unsigned m) { return m != mask; }

  int lookup(unsigned h) {
    unsigned m = mask;
  restart:
  {
    bucket_accessor b(this, h & m);  // EXPECT-STATIC: self-deadlock
    if (value[h & m] == 0 && mask_race(m))
      goto restart;  // nothing unlocks the bucket
    int v = value[h & m];
    b.release();
    return v;
  }
  }
};

int main() {
  Map map;
  return map.lookup(1);
}
