// The out-of-line half of sync.h (SRT's sync_posix.cpp).
#include "sync.h"

#include <stdexcept>

int sync::Mutex::lock() { return pthread_mutex_lock(&m_mutex); }
int sync::Mutex::unlock() { return pthread_mutex_unlock(&m_mutex); }

sync::ScopedLock::ScopedLock(Mutex &m) : m_mutex(m) { m_mutex.lock(); }
sync::ScopedLock::~ScopedLock() { m_mutex.unlock(); }

sync::UniqueLock::UniqueLock(Mutex &m) : m_Mutex(m) { m_iLocked = m_Mutex.lock(); }

sync::UniqueLock::~UniqueLock() {
  if (m_iLocked == 0)
    unlock();
}

void sync::UniqueLock::lock() {
  if (m_iLocked != -1)
    throw std::runtime_error("lock");
  m_iLocked = m_Mutex.lock();
}

void sync::UniqueLock::unlock() {
  if (m_iLocked != 0)
    throw std::runtime_error("unlock");
  m_Mutex.unlock();
  m_iLocked = -1;
}
