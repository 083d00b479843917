// An object pool reuses its memory with placement new, without any destroy the hook could see:
// std::mutex's constructor and destructor make no call. The first object's mutex X is taken
// before A by one thread; the second object, built in the same slot, has its mutex Y taken after
// A by another thread alive at the same time. X and Y are different locks: no cycle. (The hook
// sees that the slot holds a new mutex: the old one's tag in it is gone.)
// HOOK-RUN:
// TSAN: clean
#include <mutex>
#include <new>
#include <semaphore.h>
#include <thread>

struct Session {
  std::mutex mu;
  int id;
};

alignas(Session) static unsigned char slot[sizeof(Session)];
std::mutex A;
sem_t first_done, second_done;

int main() {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  Session *s = new (slot) Session();
  std::thread first([&] {
    {
      std::lock_guard<std::mutex> x(s->mu);
      std::lock_guard<std::mutex> a(A);
    }
    sem_post(&first_done);
    sem_wait(&second_done);  // alive while the second thread runs
  });
  sem_wait(&first_done);
  s->~Session();
  Session *t = new (slot) Session();  // the pool hands out the slot again
  std::thread second([&] {
    {
      std::lock_guard<std::mutex> a(A);
      std::lock_guard<std::mutex> y(t->mu);
    }
    sem_post(&second_done);
  });
  second.join();
  first.join();
  t->~Session();
  return 0;
}
