// std::scoped_lock(A, B) is safe by itself, but a thread that holds both and then takes C records
// A -> C and B -> C; another thread that holds C and takes A (C -> A) closes a cycle A => C => A.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <semaphore.h>

#include <mutex>
#include <thread>

std::mutex A, B, C;
sem_t first_done, second_done;

static void first() {
  {
    std::scoped_lock ab(A, B);
    std::lock_guard<std::mutex> c(C);  // EXPECT: lock-order-inversion A => C => A
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::lock_guard<std::mutex> c(C);
    std::lock_guard<std::mutex> a(A);  // EXPECT: lock-order-inversion A => C => A
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
