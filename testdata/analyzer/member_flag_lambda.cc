// Twin of member_flag_correlated.cc: between the two tests of the member a lambda that captured
// `this` runs (`flip()`), and it changes the member, so the tests may disagree: the path that
// locks and does not unlock reaches the scoped lock, a self-deadlock. A call of a closure that
// captured `this` (or a local by reference) may change what it captured.
// STATIC-RUN:
#include <mutex>
#include <thread>

class Db {
 public:
  explicit Db(bool two) : two_queues_(two) {}
  void Switch();

 private:
  bool two_queues_;
  bool log_empty_ = true;
  std::mutex log_write_mu_;
  long switches_ = 0;
};

void Db::Switch() {
  auto flip = [this] { two_queues_ = !two_queues_; };
  if (two_queues_) {
    log_write_mu_.lock();
  }
  bool creating = !log_empty_;
  flip();
  if (two_queues_) {
    log_write_mu_.unlock();
  }
  std::lock_guard<std::mutex> g(log_write_mu_);  // EXPECT-STATIC: self-deadlock Db::log_write_mu_
  if (creating)
    switches_++;
}

int main() {
  Db db(true);
  std::thread a([&] { db.Switch(); });
  std::thread b([&] { db.Switch(); });
  a.join();
  b.join();
  return 0;
}
