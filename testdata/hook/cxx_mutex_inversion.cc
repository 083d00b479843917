// std::mutex taken through std::lock_guard and std::unique_lock in opposite orders by two
// concurrent std::threads: a lock-order-inversion, whose sites are the guard declarations (the
// user's frames under std::mutex::lock). Sequenced by POSIX semaphores, so no real deadlock.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <semaphore.h>

#include <mutex>
#include <thread>

std::mutex A, B;
sem_t first_done, second_done;

static void first() {
  {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);  // EXPECT: lock-order-inversion A => B => A
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::unique_lock<std::mutex> b(B);
    std::unique_lock<std::mutex> a(A);  // EXPECT: lock-order-inversion A => B => A
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
