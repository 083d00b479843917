// The guard's constructor stores &rMutex in mrMutex and locks through it (clucene's
// src/shared/CLucene/util/threads.cpp): the lock a guard takes is the mutex its caller passes.
#include "threads.h"

namespace lucene {
namespace util {

mutex_thread::mutex_thread() : _internal(new internal_mutex) { pthread_mutex_init(&_internal->mtx, nullptr); }
void mutex_thread::lock() { pthread_mutex_lock(&_internal->mtx); }
void mutex_thread::unlock() { pthread_mutex_unlock(&_internal->mtx); }

mutexGuard::mutexGuard(mutex_thread &rMutex) : mrMutex(&rMutex) { mrMutex->lock(); }
mutexGuard::~mutexGuard() { mrMutex->unlock(); }

bodyGuard::bodyGuard(mutex_thread &m) {
  mp = &m;
  mp->lock();
}
bodyGuard::~bodyGuard() { mp->unlock(); }

}  // namespace util
}  // namespace lucene
