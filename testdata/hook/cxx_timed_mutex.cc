// std::timed_mutex::try_lock_for is a timed, blocking acquisition (libstdc++ calls
// pthread_mutex_clocklock): taking TM with it while holding A records A -> TM. With the other
// thread's TM -> A, a lock-order-inversion. A plain try_lock() of TM would add no edge.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <semaphore.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex A;
std::timed_mutex TM;
sem_t first_done, second_done;

static void first() {
  {
    std::lock_guard<std::mutex> a(A);
    if (TM.try_lock_for(std::chrono::seconds(10)))  // EXPECT: lock-order-inversion A => TM => A
      TM.unlock();
    else
      std::fprintf(stderr, "test is void: try_lock_for failed\n");
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::lock_guard<std::timed_mutex> tm(TM);
    std::lock_guard<std::mutex> a(A);  // EXPECT: lock-order-inversion A => TM => A
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
