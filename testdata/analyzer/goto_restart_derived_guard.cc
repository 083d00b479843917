// A retry written with `goto restart` out of the scope of a scoped guard whose destructor is
// the implicit one of a class derived from the mutex's scoped_lock (oneTBB's
// concurrent_hash_map::bucket_accessor, lookup() and internal_erase()): ~scoped_lock()
// unlocks, so leaving the block (the goto, a return, the end of the block) unlocks and the
// accessor made again at the top locks a free mutex. The accessor is a guard because a base
// class's destructor releases, though its own (implicit) body is empty. No finding.
// STATIC-RUN:
#include <mutex>

class MinimalMutex {
public:
  class scoped_lock {
  public:
    scoped_lock() : my_mutex_ptr(nullptr) {}
    ~scoped_lock() {
      if (my_mutex_ptr)
        release();
    }
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
    bucket_accessor b(this, h & m);
    if (value[h & m] == 0) {
      if (mask_race(m))
        goto restart;  // b.release() is done in ~b()
      return 0;
    }
    if (value[h & m] < 0) {
      b.release();
      m = mask;
      goto restart;
    }
    return value[h & m];
  }
  }

  bool erase(unsigned h) {
    unsigned m = mask;
  restart:
  {
    bucket_accessor b(this, h & m);
    if (value[h & m] == 0) {
      if (mask_race(m))
        goto restart;
      return false;
    }
    value[h & m] = 0;
  }
    return true;
  }
};

int main() {
  Map map;
  map.lookup(1);
  map.erase(2);
  return 0;
}
