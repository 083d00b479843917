// Locks that are members of heap objects have no symbol: the hook names them as the source does
// where each was first taken (`s->index_mu_`, read from the line and column of that call), plus
// the place (`@file:line#N`). Two threads take the two members in opposite orders, at the same
// time: an inversion whose report says which member is which.
// HOOK-RUN: exit=66
// CONFIRM: confirmed
// TSAN: clean
#include <mutex>
#include <thread>

struct Store {
  std::mutex data_mu_, index_mu_;
  int items = 0;
};

int main() {
  Store *s = new Store;
  std::thread first([s] {
    std::lock_guard<std::mutex> a(s->index_mu_);
    std::lock_guard<std::mutex> b(s->data_mu_);  // EXPECT-HOOK: lock-order-inversion s->index_mu_ => s->data_mu_ => s->index_mu_
    s->items++;
  });
  std::thread second([s] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard<std::mutex> a(s->data_mu_);
    std::lock_guard<std::mutex> b(s->index_mu_);  // EXPECT-HOOK: lock-order-inversion s->index_mu_ => s->data_mu_ => s->index_mu_
    s->items++;
  });
  first.join();
  second.join();
  delete s;
  return 0;
}
