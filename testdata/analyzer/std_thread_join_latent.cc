// thread_join_latent.c with std::thread: each worker takes A then B, and main takes B then A
// only after it has joined the worker, so the two orders are never taken at the same time: a
// latent-lock-order (threads ordered by create/join), not a lock-order-inversion. Four ways to
// keep the thread object: a local (`std::thread t(f); t.join();`), a global assigned a
// temporary and joined in another function, a vector filled by emplace_back and joined by a
// range-for, one filled by push_back and joined by index. The twin without the joins is
// std_thread_join_missing.cc.
// STATIC-RUN:
// TSAN: clean
#include <mutex>
#include <thread>
#include <vector>

std::mutex A1, B1, A2, B2, A3, B3, A4, B4;
long n1, n2, n3, n4;

static void local_worker() {
  std::lock_guard<std::mutex> a(A1);
  std::lock_guard<std::mutex> b(B1);  // EXPECT: latent-lock-order A1 => B1 => A1
  n1++;
}

static std::thread maint;

static void maint_worker() {
  std::lock_guard<std::mutex> a(A2);
  std::lock_guard<std::mutex> b(B2);  // EXPECT: latent-lock-order A2 => B2 => A2
  n2++;
}

static void start_maint() { maint = std::thread(maint_worker); }
static void stop_maint() { maint.join(); }

static void pool_worker() {
  std::lock_guard<std::mutex> a(A3);
  std::lock_guard<std::mutex> b(B3);  // EXPECT: latent-lock-order A3 => B3 => A3
  n3++;
}

static void indexed_worker() {
  std::lock_guard<std::mutex> a(A4);
  std::lock_guard<std::mutex> b(B4);  // EXPECT: latent-lock-order A4 => B4 => A4
  n4++;
}

int main() {
  std::thread t(local_worker);
  t.join();
  {
    std::lock_guard<std::mutex> b(B1);
    std::lock_guard<std::mutex> a(A1);  // EXPECT: latent-lock-order A1 => B1 => A1
    n1++;
  }

  start_maint();
  stop_maint();
  {
    std::lock_guard<std::mutex> b(B2);
    std::lock_guard<std::mutex> a(A2);  // EXPECT: latent-lock-order A2 => B2 => A2
    n2++;
  }

  std::vector<std::thread> pool;
  for (int i = 0; i < 4; i++)
    pool.emplace_back(pool_worker);
  for (auto &th : pool)
    th.join();
  {
    std::lock_guard<std::mutex> b(B3);
    std::lock_guard<std::mutex> a(A3);  // EXPECT: latent-lock-order A3 => B3 => A3
    n3++;
  }

  std::vector<std::thread> workers;
  for (int i = 0; i < 4; i++)
    workers.push_back(std::thread(indexed_worker));
  for (size_t i = 0; i < workers.size(); i++)
    workers[i].join();
  {
    std::lock_guard<std::mutex> b(B4);
    std::lock_guard<std::mutex> a(A4);  // EXPECT: latent-lock-order A4 => B4 => A4
    n4++;
  }
  return 0;
}
