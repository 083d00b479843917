// Condition waits release and re-take their mutex; producer/consumer with a
// pthread condition and a std::condition_variable, consistent lock use. Clean.
// STATIC-RUN:
// TSAN: clean
#include <condition_variable>
#include <mutex>
#include <pthread.h>
#include <thread>

pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t qc = PTHREAD_COND_INITIALIZER;
int queued;

std::mutex sm;
std::condition_variable sc;
int signals;

static void *producer(void *) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&qm);
    queued++;
    pthread_cond_signal(&qc);
    pthread_mutex_unlock(&qm);
  }
  return nullptr;
}

static void *consumer(void *) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&qm);
    while (queued == 0)
      pthread_cond_wait(&qc, &qm);
    queued--;
    pthread_mutex_unlock(&qm);
  }
  return nullptr;
}

int main() {
  pthread_t p, c;
  pthread_create(&c, nullptr, consumer, nullptr);
  pthread_create(&p, nullptr, producer, nullptr);
  std::thread waiter([] {
    std::unique_lock<std::mutex> lk(sm);
    sc.wait(lk, [] { return signals > 0; });
    signals--;
  });
  {
    std::lock_guard<std::mutex> g(sm);
    signals++;
  }
  sc.notify_one();
  waiter.join();
  pthread_join(p, nullptr);
  pthread_join(c, nullptr);
  return 0;
}
