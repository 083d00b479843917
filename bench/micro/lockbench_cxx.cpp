// lockbench_cxx: benchmark (4) of bench/run.sh: two threads nesting A -> B
// with std::lock_guard<std::mutex> (shared A and B), i.e. the C++ spelling of
// `lockbench nest`. std::mutex::lock() is libstdc++'s inline wrapper around
// pthread_mutex_lock, so an LD_PRELOAD hook sees the same calls.
//
// Usage: lockbench_cxx [-n ITERS] [-w WARMUP]
// Output and timing rules are those of lockbench.c:
//   RESULT mode=cxx-nest threads=2 iters=N locks=0 ops_per_thread=2N elapsed_ns=E ns_per_op=X
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

alignas(64) static std::mutex A;
alignas(64) static std::mutex B;
static volatile long counter;
static pthread_barrier_t bar;

static unsigned long long now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (unsigned long long)t.tv_sec * 1000000000ull + (unsigned long long)t.tv_nsec;
}

static void work(long n) {
  for (long i = 0; i < n; i++) {
    std::lock_guard<std::mutex> ga(A);
    std::lock_guard<std::mutex> gb(B);
    counter = counter + 1;
  }
}

int main(int argc, char **argv) {
  long iters = 5000000, warm = -1;
  int opt;
  while ((opt = getopt(argc, argv, "n:w:")) != -1) {
    switch (opt) {
    case 'n': iters = atol(optarg); break;
    case 'w': warm = atol(optarg); break;
    default:
      fprintf(stderr, "usage: lockbench_cxx [-n ITERS] [-w WARMUP]\n");
      return 1;
    }
  }
  if (warm < 0) warm = iters / 20;
  pthread_barrier_init(&bar, nullptr, 2);
  unsigned long long t0[2], t1[2];
  auto body = [&](int id) {
    work(warm);
    pthread_barrier_wait(&bar);
    t0[id] = now_ns();
    work(iters);
    t1[id] = now_ns();
  };
  std::thread th0(body, 0), th1(body, 1);
  th0.join();
  th1.join();
  unsigned long long s = t0[0] < t0[1] ? t0[0] : t0[1];
  unsigned long long e = t1[0] > t1[1] ? t1[0] : t1[1];
  long expect = 2 * (iters + warm);
  if (counter != expect) {
    fprintf(stderr, "lockbench_cxx: counter mismatch: expected %ld, got %ld (mutual exclusion broken?)\n",
            expect, (long)counter);
    return 3;
  }
  printf("RESULT mode=cxx-nest threads=2 iters=%ld locks=0 ops_per_thread=%ld elapsed_ns=%llu ns_per_op=%.3f\n",
         iters, 2 * iters, e - s, (double)(e - s) / (double)(2 * iters));
  return 0;
}
