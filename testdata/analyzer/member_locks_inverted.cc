// Member locks: Bank::audit_mu and Bank::ledger_mu taken in both orders by two methods.
// STATIC-RUN:
#include <mutex>
#include <thread>

class Bank {
public:
  void post() {
    std::lock_guard<std::mutex> a(audit_mu);  // EXPECT: lock-order-inversion Bank::audit_mu => Bank::ledger_mu => Bank::audit_mu
    std::lock_guard<std::mutex> l(ledger_mu);  // EXPECT: lock-order-inversion Bank::audit_mu => Bank::ledger_mu => Bank::audit_mu
    entries++;
  }
  void reconcile() {
    std::lock_guard<std::mutex> l(ledger_mu);  // EXPECT: lock-order-inversion Bank::audit_mu => Bank::ledger_mu => Bank::audit_mu
    check();
  }

private:
  void check() {
    audit_mu.lock();  // EXPECT: lock-order-inversion Bank::audit_mu => Bank::ledger_mu => Bank::audit_mu
    checked++;
    audit_mu.unlock();
  }
  std::mutex audit_mu, ledger_mu;
  int entries = 0, checked = 0;
};

int main() {
  Bank b;
  std::thread t1([&] { b.post(); });
  std::thread t2([&] { b.reconcile(); });
  t1.join();
  t2.join();
  return 0;
}
