// Twin of member_flag_correlated.cc: between the two tests a method of the object runs
// (Reconfigure(), which may change the member), so the tests may disagree: the path that
// locks and does not unlock reaches the scoped lock, a self-deadlock.
// STATIC-RUN:
#include <mutex>
#include <thread>

class Db {
 public:
  explicit Db(bool two) : two_queues_(two) {}
  void Switch();
  void Reconfigure();

 private:
  bool two_queues_;
  bool log_empty_ = true;
  std::mutex log_write_mu_;
  long switches_ = 0;
};

void Db::Switch() {
  if (two_queues_) {
    log_write_mu_.lock();
  }
  bool creating = !log_empty_;
  Reconfigure();
  if (two_queues_) {
    log_write_mu_.unlock();
  }
  std::lock_guard<std::mutex> g(log_write_mu_);  // EXPECT-STATIC: self-deadlock Db::log_write_mu_
  if (creating)
    switches_++;
}

void Db::Reconfigure() { two_queues_ = !log_empty_; }

int main() {
  Db db(true);
  std::thread a([&] { db.Switch(); });
  std::thread b([&] { db.Switch(); });
  a.join();
  b.join();
  return 0;
}
