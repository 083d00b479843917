// Clang capability annotations: a Mutex class with ACQUIRE/RELEASE, a scoped_lockable
// guard, and a declared order (ACQUIRED_AFTER) that one function violates.
// STATIC-RUN:
#include <mutex>
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define ACQUIRED_AFTER(...) __attribute__((acquired_after(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE() { impl_.lock(); }
  void Unlock() RELEASE() { impl_.unlock(); }

private:
  std::mutex impl_;
};

class SCOPED_CAPABILITY MutexLocker {
public:
  explicit MutexLocker(Mutex *m) ACQUIRE(m) : m_(m) { m_->Lock(); }
  ~MutexLocker() RELEASE() { m_->Unlock(); }

private:
  Mutex *m_;
};

Mutex sessions_mu;
Mutex cache_mu ACQUIRED_AFTER(sessions_mu);  // EXPECT-STATIC: lock-order-inversion sessions_mu => cache_mu => sessions_mu
int sessions, cached;

static void expire() {
  MutexLocker c(&cache_mu);     // EXPECT-STATIC: lock-order-inversion sessions_mu => cache_mu => sessions_mu
  MutexLocker s(&sessions_mu);  // EXPECT-STATIC: lock-order-inversion sessions_mu => cache_mu => sessions_mu
  sessions--;
  cached--;
}

static void login() {
  sessions_mu.Lock();
  sessions++;
  sessions_mu.Unlock();
}

int main() {
  std::thread a(expire), b(login);
  a.join();
  b.join();
  return 0;
}
