// rocksdb's DBImpl::SwitchMemtable(): `if (two_write_queues_) log_write_mutex_.Lock(); ... if
// (two_write_queues_) log_write_mutex_.Unlock();`, then a scoped lock of the same mutex. The two
// tests of the member through `this` agree (nothing between them is given the object), so the
// mutex is free at the scoped lock: no self-deadlock (one was reported: member facts were kept
// only for chains rooted at a variable). Twin: member_flag_correlated_call.cc.
// STATIC-RUN:
#include <mutex>
#include <thread>

class Db {
 public:
  explicit Db(bool two) : two_queues_(two) {}
  void Switch();

 private:
  const bool two_queues_;
  bool log_empty_ = true;
  std::mutex log_write_mu_;
  long switches_ = 0;
};

void Db::Switch() {
  if (two_queues_) {
    log_write_mu_.lock();
  }
  bool creating = !log_empty_;
  if (two_queues_) {
    log_write_mu_.unlock();
  }
  std::lock_guard<std::mutex> g(log_write_mu_);
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
