// cxxtools' RecursiveMutex in miniature: each mutex owns its own implementation object
// (`MutexImpl *_impl`, made recursive in its constructor), so `Sink::_mutex` and
// `Source::_mutex` are two locks whose tails are both `MutexImpl::m`. connect() holds the
// source's and takes the sink's (onConnect), detach() holds the sink's and takes the source's
// (disconnect): a real inversion between two recursive locks, reported (the one-lock-two-paths
// rule of recursive_lock_two_paths.c does not apply to a lock's own implementation object).
// STATIC-RUN:
#include <pthread.h>

class MutexImpl {
 public:
  MutexImpl() {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m, &a);
    pthread_mutexattr_destroy(&a);
  }
  void lock() { pthread_mutex_lock(&m); }
  void unlock() { pthread_mutex_unlock(&m); }

 private:
  pthread_mutex_t m;
};

class RecursiveMutex {
 public:
  RecursiveMutex() : _impl(new MutexImpl) {}
  ~RecursiveMutex() { delete _impl; }
  void lock() { _impl->lock(); }
  void unlock() { _impl->unlock(); }

 private:
  MutexImpl *_impl;
};

class Source;

class Sink {
 public:
  void onConnect() {
    _mutex.lock();
    ++connections;
    _mutex.unlock();
  }
  void detach();
  Source *source = nullptr;

 private:
  RecursiveMutex _mutex;
  int connections = 0;
};

class Source {
 public:
  void connect(Sink &s) {
    _mutex.lock();
    s.onConnect();  // EXPECT: lock-order-inversion Source::_mutex._impl => Sink::_mutex._impl => Source::_mutex._impl
    ++sinks;
    _mutex.unlock();
  }
  void disconnect(Sink &) {
    _mutex.lock();
    --sinks;
    _mutex.unlock();
  }

 private:
  RecursiveMutex _mutex;
  int sinks = 0;
};

void Sink::detach() {
  _mutex.lock();
  if (source)
    source->disconnect(*this);
  _mutex.unlock();
}

static Source g_source;
static Sink g_sink;

static void *connector(void *) {
  for (int i = 0; i < 1000; ++i)
    g_source.connect(g_sink);
  return nullptr;
}

static void *detacher(void *) {
  for (int i = 0; i < 1000; ++i)
    g_sink.detach();
  return nullptr;
}

int main() {
  g_sink.source = &g_source;
  pthread_t a, b;
  pthread_create(&a, nullptr, connector, nullptr);
  pthread_create(&b, nullptr, detacher, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return 0;
}
