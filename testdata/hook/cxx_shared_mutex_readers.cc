// std::shared_mutex (a pthread rwlock in libstdc++) held shared by two concurrent threads in
// opposite orders: readers do not block readers, no deadlock, no finding.
// HOOK-RUN:
// TSAN: clean
#include <semaphore.h>

#include <shared_mutex>
#include <thread>

std::shared_mutex S1, S2;
sem_t first_done, second_done;

static void first() {
  {
    std::shared_lock<std::shared_mutex> a(S1);
    std::shared_lock<std::shared_mutex> b(S2);
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::shared_lock<std::shared_mutex> b(S2);
    std::shared_lock<std::shared_mutex> a(S1);
  }
  sem_post(&second_done);
}

int main() {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  std::thread t1(first), t2(second);
  t1.join();
  t2.join();
  return 0;
}
