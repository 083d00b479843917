// std_thread_join_latent.cc where the joins do not order the two lock orders: main takes B then
// A while each worker may still run. A local thread joined after main's opposite order, a global
// one started in a function and joined in another only after the opposite order, a vector's
// threads joined by a range-for over another vector, a thread detached. Each pair is a
// lock-order-inversion. (At run time main waits for each worker's work on an atomic flag, which
// orders nothing the analyzer models, so this program does not hang.)
// STATIC-RUN:
// TSAN: clean
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

std::mutex A1, B1, A2, B2, A3, B3, A4, B4;
long n1, n2, n3, n4;
std::atomic<int> done1, done2, done3, done4;

static void wait_for(std::atomic<int> &done, int n) {
  while (done.load() < n)
    std::this_thread::yield();
}

static void local_worker() {
  {
    std::lock_guard<std::mutex> a(A1);
    std::lock_guard<std::mutex> b(B1);  // EXPECT: lock-order-inversion A1 => B1 => A1
    n1++;
  }
  done1++;
}

static std::thread maint;

static void maint_worker() {
  {
    std::lock_guard<std::mutex> a(A2);
    std::lock_guard<std::mutex> b(B2);  // EXPECT: lock-order-inversion A2 => B2 => A2
    n2++;
  }
  done2++;
}

static void start_maint() { maint = std::thread(maint_worker); }
static void stop_maint() { maint.join(); }

static void pool_worker() {
  {
    std::lock_guard<std::mutex> a(A3);
    std::lock_guard<std::mutex> b(B3);  // EXPECT: lock-order-inversion A3 => B3 => A3
    n3++;
  }
  done3++;
}

static void detached_worker() {
  {
    std::lock_guard<std::mutex> a(A4);
    std::lock_guard<std::mutex> b(B4);  // EXPECT: lock-order-inversion A4 => B4 => A4
    n4++;
  }
  done4++;
}

static void idle() {}

int main() {
  std::thread t(local_worker);
  wait_for(done1, 1);
  {
    std::lock_guard<std::mutex> b(B1);
    std::lock_guard<std::mutex> a(A1);  // EXPECT: lock-order-inversion A1 => B1 => A1
    n1++;
  }
  t.join();

  start_maint();
  wait_for(done2, 1);
  {
    std::lock_guard<std::mutex> b(B2);
    std::lock_guard<std::mutex> a(A2);  // EXPECT: lock-order-inversion A2 => B2 => A2
    n2++;
  }
  stop_maint();

  std::vector<std::thread> pool, others;
  for (int i = 0; i < 4; i++)
    pool.emplace_back(pool_worker);
  for (int i = 0; i < 4; i++)
    others.emplace_back(idle);
  for (auto &th : others)
    th.join();
  wait_for(done3, 4);
  {
    std::lock_guard<std::mutex> b(B3);
    std::lock_guard<std::mutex> a(A3);  // EXPECT: lock-order-inversion A3 => B3 => A3
    n3++;
  }
  for (auto &th : pool)
    th.join();

  std::thread d(detached_worker);
  d.detach();
  wait_for(done4, 1);
  {
    std::lock_guard<std::mutex> b(B4);
    std::lock_guard<std::mutex> a(A4);  // EXPECT: lock-order-inversion A4 => B4 => A4
    n4++;
  }
  return 0;
}
