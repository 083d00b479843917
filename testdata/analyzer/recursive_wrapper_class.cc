// A mutex class whose constructor makes its pthread mutex recursive: a Registry method that
// holds it may call another one that takes it again. No self-deadlock. The plain Mutex's
// re-entry is one.
// STATIC-RUN:
#include <pthread.h>

class RecursiveMutex {
 public:
  RecursiveMutex();
  void Lock() { pthread_mutex_lock(&mu_); }
  void Unlock() { pthread_mutex_unlock(&mu_); }

 private:
  pthread_mutex_t mu_;
};

class Mutex {
 public:
  Mutex() { pthread_mutex_init(&mu_, nullptr); }
  void Lock() { pthread_mutex_lock(&mu_); }
  void Unlock() { pthread_mutex_unlock(&mu_); }

 private:
  pthread_mutex_t mu_;
};

class Registry {
 public:
  void Add(int v) {
    mu_.Lock();
    total_ += v;
    Count();  // re-takes mu_: fine, it is recursive
    mu_.Unlock();
  }
  int Count() {
    mu_.Lock();
    int n = ++count_;
    mu_.Unlock();
    return n;
  }
  void Reset() {
    plain_.Lock();
    Clear();
    plain_.Unlock();
  }
  void Clear() {
    plain_.Lock();  // EXPECT-STATIC: self-deadlock Registry::plain_
    total_ = 0;
    plain_.Unlock();
  }

 private:
  RecursiveMutex mu_;
  Mutex plain_;
  long total_ = 0;
  int count_ = 0;
};

RecursiveMutex::RecursiveMutex() {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mu_, &a);
  pthread_mutexattr_destroy(&a);
}

static Registry registry;

static void *worker(void *) {
  for (int i = 0; i < 100; i++)
    registry.Add(i);
  registry.Reset();
  return nullptr;
}

int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, worker, nullptr);
  pthread_create(&b, nullptr, worker, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return 0;
}
