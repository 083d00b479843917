// Scoped guards that lock only when the mutex pointer is non-null: a default-constructed
// std::unique_lock move-assigned a lock when there is a mutex, and a guard class whose
// constructor tests the pointer. The store locks its own mutex, then the journal's through an
// optional guard; the journal's flush takes them in the other order: an inversion. A guard
// that was never given a mutex holds nothing, so two optional guards in a row on the same
// maybe-null pointer are no self-deadlock.
// STATIC-RUN:
#include <mutex>
#include <thread>

class MaybeLock {
public:
  explicit MaybeLock(std::mutex *m) : m_(m) {
    if (m_)
      m_->lock();
  }
  ~MaybeLock() {
    if (m_)
      m_->unlock();
  }

private:
  std::mutex *m_;
};

std::mutex store_mu;
std::mutex journal_mu;
int stored, journaled;

void store(std::mutex *journal) {
  std::lock_guard<std::mutex> s(store_mu);  // EXPECT-STATIC: lock-order-inversion store_mu => journal_mu => store_mu
  std::unique_lock<std::mutex> g;
  if (journal)
    g = std::unique_lock<std::mutex>(*journal);  // EXPECT-STATIC: lock-order-inversion store_mu => journal_mu => store_mu
  stored++;
}

void store_again(std::mutex *journal) {
  {
    MaybeLock a(journal);
    journaled++;
  }
  MaybeLock b(journal);
  journaled++;
}

void flush(std::mutex *journal) {
  MaybeLock j(journal);  // EXPECT-STATIC: lock-order-inversion store_mu => journal_mu => store_mu
  std::lock_guard<std::mutex> s(store_mu);  // EXPECT-STATIC: lock-order-inversion store_mu => journal_mu => store_mu
  stored = 0;
}

int main() {
  std::thread t1([] {
    for (int i = 0; i < 100; i++)
      store(&journal_mu);
  });
  std::thread t2([] {
    for (int i = 0; i < 100; i++) {
      flush(&journal_mu);
      store_again(&journal_mu);
    }
  });
  t1.join();
  t2.join();
  return 0;
}
