// guard_explicit_destructor: a scoped guard ended early by an explicit call of its destructor
// (encfs 1.9.5's EncFS_Context::usageAndUnmount(): `lock.~Lock(); return unmountFS(this);`, where
// unmountFS(), in another file, takes the same mutex again through setRoot()).
#pragma once
#include <pthread.h>

class Lock {
 public:
  Lock(pthread_mutex_t &mutex);
  ~Lock();
  // the guard forgets its mutex, which stays locked
  void leave();

 private:
  Lock(const Lock &src);
  Lock &operator=(const Lock &src);
  pthread_mutex_t *mutex_;
};

inline Lock::Lock(pthread_mutex_t &mutex) : mutex_(&mutex) { pthread_mutex_lock(mutex_); }
inline Lock::~Lock() {
  if (mutex_) pthread_mutex_unlock(mutex_);
}
inline void Lock::leave() { mutex_ = nullptr; }

// The mutex is free from the explicit destructor call on: no self-deadlock.
class Context {
 public:
  Context();
  void setRoot(int r);
  bool usageAndUnmount(int timeout);

 private:
  mutable pthread_mutex_t contextMutex;
  int root = 1, idle = 0;
};
bool unmountFS(Context *ctx);

// The twin without the explicit call: the relock is real (another mutex, so that the two are
// not one finding).
class Holder {
 public:
  Holder();
  void setRoot(int r);
  bool keepHolding(int timeout);

 private:
  mutable pthread_mutex_t holderMutex;
  int root = 1, idle = 0;
};
bool unmountHolder(Holder *h);
