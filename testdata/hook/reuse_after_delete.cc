// Lock lifetime in C++: on Linux std::mutex has a trivial destructor (it never calls
// pthread_mutex_destroy), so only the freeing of its memory ends it. A heap std::mutex is taken
// after A, deleted; a new one is allocated at the same address (checked) and taken before A.
// Two different locks: no cycle, no finding.
// HOOK-RUN:
// TSAN: clean
#include <semaphore.h>

#include <cstdio>
#include <mutex>
#include <thread>

std::mutex A;
std::mutex *m;
sem_t go1, done1, go2, done2;

static void first() {
  sem_wait(&go1);
  {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(*m);
  }
  sem_post(&done1);
  sem_wait(&go1);
}

static void second() {
  sem_wait(&go2);
  {
    std::lock_guard<std::mutex> b(*m);
    std::lock_guard<std::mutex> a(A);
  }
  sem_post(&done2);
}

int main() {
  sem_init(&go1, 0, 0);
  sem_init(&done1, 0, 0);
  sem_init(&go2, 0, 0);
  sem_init(&done2, 0, 0);
  std::thread t1(first), t2(second);

  std::mutex *m1 = new std::mutex;
  m = m1;
  sem_post(&go1);
  sem_wait(&done1);
  void *old = m1;
  delete m1;

  std::mutex *m2 = new std::mutex;
  if (static_cast<void *>(m2) != old) {
    std::fprintf(stderr, "test is void: new did not reuse the address\n");
    return 3;
  }
  m = m2;
  sem_post(&go2);
  sem_wait(&done2);
  sem_post(&go1);
  t1.join();
  t2.join();
  delete m2;
  return 0;
}
