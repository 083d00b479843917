// The twin of try_wrapper_negated.cc: the same omniORB-style wrapper, which returns 1 when it
// took the lock, but the reader locks again when the try succeeded (`if (attr_mut->trylock())`):
// it waits for the lock it holds, a real self-deadlock, reported.
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
  if (attr_mut->trylock()) {
    attr_mut->lock();  // EXPECT: self-deadlock Attribute::mut
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
