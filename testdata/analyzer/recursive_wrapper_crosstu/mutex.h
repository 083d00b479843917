// Poco's layout: MutexImpl holds the pthread mutex; its default constructor (mutex.cc, another
// TU) makes it recursive, MutexImpl(bool fast) makes it recursive unless `fast`. Mutex uses the
// default one; the users' TUs see only the declarations.
#include <pthread.h>

class MutexImpl {
 protected:
  MutexImpl();
  explicit MutexImpl(bool fast);
  ~MutexImpl();
  void lockImpl() { pthread_mutex_lock(&mutex_); }
  void unlockImpl() { pthread_mutex_unlock(&mutex_); }

 private:
  pthread_mutex_t mutex_;
};

class Mutex : private MutexImpl {
 public:
  Mutex();
  void lock() { lockImpl(); }
  void unlock() { unlockImpl(); }
};

template <class M>
class ScopedLock {
 public:
  explicit ScopedLock(M &m) : m_(m) { m_.lock(); }
  ~ScopedLock() { m_.unlock(); }

 private:
  M &m_;
};

// A plain wrapper: its constructor (mutex.cc) sets no attribute.
class PlainMutex {
 public:
  PlainMutex();
  void lock() { pthread_mutex_lock(&mu_); }
  void unlock() { pthread_mutex_unlock(&mu_); }

 private:
  pthread_mutex_t mu_;
};
