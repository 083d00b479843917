// A std::unique_lock handed to a function by reference: the function's unlock(), lock() and
// condition wait act on the caller's guard. drain() unlocks the caller's `queue_mu` before it
// takes `log_mu`, so the order queue_mu => log_mu is never taken and writer()'s log_mu =>
// queue_mu makes no cycle; wait_ready() waits on the guard. The twins: keep() takes `stats_mu`
// with the caller's guard still locked (a real inversion with reporter()), relock() unlocks and
// locks it again, so the caller still holds `cfg_mu` when it takes `audit_mu` (a real
// inversion with auditor()), and lock_later() locks a deferred guard the caller then holds.
// STATIC-RUN:
#include <condition_variable>
#include <mutex>
#include <thread>

static std::mutex queue_mu, log_mu, stats_mu, cfg_mu, audit_mu, pool_mu, slot_mu;
static std::condition_variable ready_cv;
static bool ready;
static int queued, logged, stats, cfg, audits, pools, slots;

static void drain(std::unique_lock<std::mutex> &lk) {
  queued--;
  lk.unlock();
  std::lock_guard<std::mutex> g(log_mu);
  logged++;
}

static void wait_ready(std::unique_lock<std::mutex> &lk) {
  ready_cv.wait(lk, [] { return ready; });
}

static void keep(std::unique_lock<std::mutex> &lk) {
  (void)lk;
  std::lock_guard<std::mutex> g(stats_mu);  // EXPECT-STATIC: lock-order-inversion queue_mu => stats_mu => queue_mu
  stats++;
}

static void relock(std::unique_lock<std::mutex> &lk) {
  lk.unlock();
  cfg++;
  lk.lock();
}

static void lock_later(std::unique_lock<std::mutex> *lk) { lk->lock(); }

static void consumer() {
  std::unique_lock<std::mutex> lk(queue_mu);
  wait_ready(lk);
  drain(lk);
}

static void counter() {
  std::unique_lock<std::mutex> lk(queue_mu);
  keep(lk);
}

static void configurer() {
  std::unique_lock<std::mutex> lk(cfg_mu);
  relock(lk);
  std::lock_guard<std::mutex> g(audit_mu);  // EXPECT-STATIC: lock-order-inversion cfg_mu => audit_mu => cfg_mu
  audits++;
}

static void pooler() {
  std::unique_lock<std::mutex> lk(pool_mu, std::defer_lock);
  lock_later(&lk);
  std::lock_guard<std::mutex> g(slot_mu);  // EXPECT-STATIC: lock-order-inversion pool_mu => slot_mu => pool_mu
  slots++;
}

static void writer() {
  std::lock_guard<std::mutex> g(log_mu);
  std::lock_guard<std::mutex> q(queue_mu);
  queued++;
  logged++;
}

static void reporter() {
  std::lock_guard<std::mutex> g(stats_mu);
  std::lock_guard<std::mutex> q(queue_mu);  // EXPECT-STATIC: lock-order-inversion queue_mu => stats_mu => queue_mu
  stats += queued;
}

static void auditor() {
  std::lock_guard<std::mutex> a(audit_mu);
  std::lock_guard<std::mutex> c(cfg_mu);  // EXPECT-STATIC: lock-order-inversion cfg_mu => audit_mu => cfg_mu
  audits += cfg;
}

static void slotter() {
  std::lock_guard<std::mutex> s(slot_mu);
  std::lock_guard<std::mutex> p(pool_mu);  // EXPECT-STATIC: lock-order-inversion pool_mu => slot_mu => pool_mu
  pools += slots;
}

int main() {
  std::thread t[] = {std::thread(consumer), std::thread(counter),  std::thread(configurer), std::thread(pooler),
                     std::thread(writer),   std::thread(reporter), std::thread(auditor),    std::thread(slotter)};
  {
    std::lock_guard<std::mutex> g(queue_mu);
    ready = true;
  }
  ready_cv.notify_all();
  for (auto &x : t)
    x.join();
  return 0;
}
