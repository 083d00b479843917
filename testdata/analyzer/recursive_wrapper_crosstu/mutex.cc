// STATIC-RUN:
// A mutex class made recursive by a constructor in another TU (Poco's Mutex: MutexImpl's
// constructors in Mutex_POSIX.cpp set PTHREAD_MUTEX_RECURSIVE). The pool's get() holds its
// Mutex and calls purge(), which takes it again: the same thread re-takes a recursive mutex, no
// self-deadlock, though pool.cc never sees the constructor. The twin, Cache with a PlainMutex
// whose constructor sets no attribute, does deadlock with itself: reported.
#include "mutex.h"

MutexImpl::MutexImpl() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mutex_, &attr);
  pthread_mutexattr_destroy(&attr);
}

MutexImpl::MutexImpl(bool fast) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, fast ? PTHREAD_MUTEX_NORMAL : PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mutex_, &attr);
  pthread_mutexattr_destroy(&attr);
}

MutexImpl::~MutexImpl() { pthread_mutex_destroy(&mutex_); }

Mutex::Mutex() {}

PlainMutex::PlainMutex() { pthread_mutex_init(&mu_, nullptr); }
