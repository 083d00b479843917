// std::recursive_mutex re-locked by its owner, also under another std::mutex: no self-deadlock and
// no edge (R -> A, then R again under A must not make A -> R). The other thread's R -> A agrees.
// No finding.
// HOOK-RUN:
// TSAN: clean
#include <semaphore.h>

#include <mutex>
#include <thread>

std::recursive_mutex R;
std::mutex A;
sem_t first_done, second_done;

static void first() {
  {
    std::lock_guard<std::recursive_mutex> r1(R);
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::recursive_mutex> r2(R);
    std::lock_guard<std::recursive_mutex> r3(R);
  }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  sem_wait(&first_done);
  {
    std::lock_guard<std::recursive_mutex> r(R);
    std::lock_guard<std::mutex> a(A);
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
