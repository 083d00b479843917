// omniORB's omni_mutex (TANGO's attribute mutexes): `int trylock() { return
// !pthread_mutex_trylock(&posix_mutex); }` returns 1 when it took the lock. TANGO's reader tries
// the attribute's mutex and, when that fails, waits for it: `if (attr_mut->trylock() == 0)
// attr_mut->lock();`. The wrapper was read as returning 0 on success, like the pthread call it
// wraps, so the wait looked like a second lock on the way that already held it: a false
// self-deadlock. The twin, try_wrapper_negated_relock.cc, locks again where the try succeeded.
// STATIC-RUN:
#include <pthread.h>
#include <thread>

class omni_mutex {
 public:
  omni_mutex() { pthread_mutex_init(&posix_mutex, nullptr); }
  ~omni_mutex() { pthread_mutex_destroy(&posix_mutex); }
  void lock() { pthread_mutex_lock(&posix_mutex); }
  void unlock() { pthread_mutex_unlock(&posix_mutex); }
  int trylock() { return !pthread_mutex_trylock(&posix_mutex); }

 private:
  pthread_mutex_t posix_mutex;
};

struct Attribute {
  omni_mutex mut;
  long value = 0;
  omni_mutex *get_attr_mutex() { return &mut; }
};

static long read_attribute(Attribute &att) {
  omni_mutex *attr_mut = att.get_attr_mutex();
  if (attr_mut->trylock() == 0) {
    // already taken: wait for it
    attr_mut->lock();
  }
  long v = att.value++;
  attr_mut->unlock();
  return v;
}

int main() {
  Attribute att;
  std::thread a([&] { read_attribute(att); });
  std::thread b([&] { read_attribute(att); });
  a.join();
  b.join();
  return 0;
}
