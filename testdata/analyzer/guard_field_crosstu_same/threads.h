// clucene-core's mutex wrapper and scoped guard (src/shared/CLucene/LuceneThreads.h): the
// guard stores the address of the mutex it is given in a field and locks through that field;
// its constructor and destructor are defined in another TU (threads.cpp).
#include <pthread.h>

namespace lucene {
namespace util {

struct internal_mutex {
  pthread_mutex_t mtx;
};

class mutex_thread {
  internal_mutex *_internal;

 public:
  mutex_thread();
  void lock();
  void unlock();
};

class mutexGuard {
  mutex_thread *mrMutex;

 public:
  explicit mutexGuard(mutex_thread &rMutex);
  ~mutexGuard();
};

// the same guard, its field assigned in the constructor's body
class bodyGuard {
  mutex_thread *mp;

 public:
  explicit bodyGuard(mutex_thread &m);
  ~bodyGuard();
};

// a guard that may lock another mutex than the one it is given (its field assigned twice)
class pickGuard {
  mutex_thread *mp;

 public:
  explicit pickGuard(mutex_thread &m);
  ~pickGuard();
};

}  // namespace util
}  // namespace lucene

#define SCOPED_LOCK_MUTEX(theMutex) lucene::util::mutexGuard theMutexGuard(theMutex);
