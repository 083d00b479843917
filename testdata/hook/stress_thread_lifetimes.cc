// Thread state is released however a thread ends, and there is no fixed limit on live threads:
//  - 4200 threads alive at once, the last of which takes A then B;
//  - 2000 threads cancelled in a wait, 2000 ending by pthread_exit, 2000 whose thread_local
//    destructor takes a lock after the thread's own code is done, 500 started with thrd_create
//    (which the hook does not see start) - none of them leaves its state behind;
//  - then the main thread takes B then A while that last thread of the 4200 is still alive.
// The inversion is reported: every thread was tracked (before, states leaked and past 4096 of
// them new threads went unseen).
// HOOK-RUN: timeout=240
// (No TSan oracle: ThreadSanitizer 19 crashes in threads made by thrd_create.)
#include <pthread.h>
#include <semaphore.h>
#include <threads.h>

#include <cstdio>
#include <mutex>
#include <vector>

std::mutex A, B, L, T;
constexpr int kAlive = 4200, kEach = 2000, kC11 = 500;
pthread_barrier_t all_alive;
sem_t last_done, main_done, never;

static pthread_attr_t SmallStacks() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  return attr;
}

static void *alive(void *arg) {
  long i = reinterpret_cast<long>(arg);
  { std::lock_guard<std::mutex> g(L); }
  pthread_barrier_wait(&all_alive);
  if (i == kAlive - 1) {
    {
      std::lock_guard<std::mutex> a(A);
      std::lock_guard<std::mutex> b(B);  // EXPECT: lock-order-inversion A => B => A
    }
    sem_post(&last_done);
    sem_wait(&main_done);
  }
  return nullptr;
}

static void *cancelled(void *) {
  { std::lock_guard<std::mutex> g(L); }
  sem_wait(&never);  // a cancellation point
  return nullptr;
}

static void *exits(void *) {
  { std::lock_guard<std::mutex> g(L); }
  pthread_exit(nullptr);
}

struct LocksAtThreadEnd {
  ~LocksAtThreadEnd() { std::lock_guard<std::mutex> g(T); }
};
thread_local LocksAtThreadEnd at_end;

static void *with_thread_local(void *) {
  (void)&at_end;  // constructed: its destructor runs when the thread ends
  { std::lock_guard<std::mutex> g(L); }
  return nullptr;
}

static int c11_thread(void *) {
  std::lock_guard<std::mutex> g(L);
  return 0;
}

static void RunAll(void *(*fn)(void *), int n, bool cancel) {
  pthread_attr_t attr = SmallStacks();
  std::vector<pthread_t> t(n);
  for (int i = 0; i < n; i++) pthread_create(&t[i], &attr, fn, nullptr);
  for (int i = 0; i < n; i++) {
    if (cancel) pthread_cancel(t[i]);
    pthread_join(t[i], nullptr);
  }
}

int main() {
  sem_init(&last_done, 0, 0);
  sem_init(&main_done, 0, 0);
  sem_init(&never, 0, 0);
  RunAll(cancelled, kEach, true);
  RunAll(exits, kEach, false);
  RunAll(with_thread_local, kEach, false);
  for (int i = 0; i < kC11; i++) {
    thrd_t t;
    thrd_create(&t, c11_thread, nullptr);
    thrd_join(t, nullptr);
  }
  pthread_barrier_init(&all_alive, nullptr, kAlive);
  pthread_attr_t attr = SmallStacks();
  std::vector<pthread_t> t(kAlive);
  for (long i = 0; i < kAlive; i++)
    if (pthread_create(&t[i], &attr, alive, reinterpret_cast<void *>(i)) != 0) {
      std::fprintf(stderr, "cannot start thread %ld\n", i);
      return 2;
    }
  sem_wait(&last_done);
  {
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);  // EXPECT: lock-order-inversion A => B => A
  }
  sem_post(&main_done);
  for (long i = 0; i < kAlive; i++) pthread_join(t[i], nullptr);
  return 0;
}
