// std::shared_mutex: each thread holds one shared_mutex shared and takes the other exclusively,
// in opposite orders. Each writer waits for the other's reader: a lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <semaphore.h>

#include <mutex>
#include <shared_mutex>
#include <thread>

std::shared_mutex S1, S2;
sem_t first_done, second_done;

static void first() {
  {
    std::shared_lock<std::shared_mutex> a(S1);
    std::unique_lock<std::shared_mutex> b(S2);  // EXPECT: lock-order-inversion S1 => S2 => S1
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::shared_lock<std::shared_mutex> b(S2);
    std::unique_lock<std::shared_mutex> a(S1);  // EXPECT: lock-order-inversion S1 => S2 => S1
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
