// A std::timed_mutex::try_lock_for that times out does not enter the held set: after it fails
// (the other thread holds TM), the first thread takes C. Had TM counted as held that would record
// TM -> C, and with the other thread's C -> TM make a false cycle. No finding.
// HOOK-RUN:
// TSAN: clean
#include <semaphore.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::timed_mutex TM;
std::mutex C;
sem_t tm_held, try_done, first_done, second_done;
bool void_test;

static void first() {
  sem_wait(&tm_held);
  if (TM.try_lock_for(std::chrono::milliseconds(50))) {
    void_test = true;  // read by main after join
    TM.unlock();
  }
  sem_post(&try_done);
  { std::lock_guard<std::mutex> c(C); }
  sem_post(&first_done);
  sem_wait(&second_done);
}

static void second() {
  TM.lock();
  sem_post(&tm_held);
  sem_wait(&try_done);
  TM.unlock();
  sem_wait(&first_done);
  {
    std::lock_guard<std::mutex> c(C);
    std::lock_guard<std::timed_mutex> tm(TM);
  }
  sem_post(&second_done);
}

int main() {
  sem_init(&tm_held, 0, 0);
  sem_init(&try_done, 0, 0);
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  std::thread t1(first), t2(second);
  t1.join();
  t2.join();
  if (void_test) {
    std::fprintf(stderr, "test is void: try_lock_for did not time out\n");
    return 3;
  }
  return 0;
}
