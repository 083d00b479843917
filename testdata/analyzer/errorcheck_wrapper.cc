// A mutex class made recursive by hand (vdr's cMutex): its constructor makes the pthread mutex
// error-checking, so the owner's second pthread_mutex_lock() returns EDEADLK at once, and
// Lock() counts levels that Unlock() takes off, releasing at the last. Relocking it from the
// same thread (cPixmap::DrawEllipse() holding the class's mutex calls DrawRectangle(), which
// locks it again) never waits: no self-deadlock. A global initialised with
// PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP neither. The twin, PlainMutex, has a default mutex:
// its relock waits for itself forever (shown by the name code outside the class uses for the
// static member, `cOsd::plain_mu`). Two error-checking mutexes taken in both orders by two
// threads still deadlock (each waits for the other's), and that is reported.
// STATIC-RUN:
#include <pthread.h>

#include <thread>

class cMutex {
 public:
  cMutex() {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK_NP);
    pthread_mutex_init(&mutex_, &attr);
  }
  void Lock() {
    pthread_mutex_lock(&mutex_);
    locked_++;
  }
  void Unlock() {
    if (!--locked_)
      pthread_mutex_unlock(&mutex_);
  }

 private:
  pthread_mutex_t mutex_;
  int locked_ = 0;
};

class PlainMutex {
 public:
  PlainMutex() { pthread_mutex_init(&mutex_, nullptr); }
  void Lock() { pthread_mutex_lock(&mutex_); }
  void Unlock() { pthread_mutex_unlock(&mutex_); }

 private:
  pthread_mutex_t mutex_;
};

class cPixmap {
 public:
  static void Lock() { mutex.Lock(); }
  static void Unlock() { mutex.Unlock(); }
  void DrawRectangle() {
    Lock();
    pixels++;
    Unlock();
  }
  void DrawEllipse() {
    Lock();
    DrawRectangle();
    Unlock();
  }

 private:
  static cMutex mutex;
  int pixels = 0;
};
cMutex cPixmap::mutex;

static pthread_mutex_t table_mu = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
static cMutex channels_mu, timers_mu;
struct cOsd {
  static PlainMutex plain_mu;
};
PlainMutex cOsd::plain_mu;
static int tables, channels, timers, plain;

static void table_touch() {
  pthread_mutex_lock(&table_mu);
  tables++;
  pthread_mutex_unlock(&table_mu);
}

static void plain_touch() {
  cOsd::plain_mu.Lock();  // EXPECT-STATIC: self-deadlock cOsd::plain_mu
  plain++;
  cOsd::plain_mu.Unlock();
}

static void osd_thread() {
  cPixmap p;
  p.DrawEllipse();
  pthread_mutex_lock(&table_mu);
  table_touch();
  pthread_mutex_unlock(&table_mu);
  cOsd::plain_mu.Lock();
  plain_touch();
  cOsd::plain_mu.Unlock();
  channels_mu.Lock();
  timers_mu.Lock();  // EXPECT-STATIC: lock-order-inversion channels_mu => timers_mu => channels_mu
  channels += timers;
  timers_mu.Unlock();
  channels_mu.Unlock();
}

static void timer_thread() {
  timers_mu.Lock();
  channels_mu.Lock();  // EXPECT-STATIC: lock-order-inversion channels_mu => timers_mu => channels_mu
  timers += channels;
  channels_mu.Unlock();
  timers_mu.Unlock();
  table_touch();
}

int main() {
  std::thread a(osd_thread), b(timer_thread);
  a.join();
  b.join();
  return 0;
}
