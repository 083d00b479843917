// Member locks always taken in the same order (Queue::outer_mu before Queue::inner_mu). Clean.
// STATIC-RUN:
// TSAN: clean
#include <mutex>
#include <thread>

class Queue {
public:
  void push() {
    std::lock_guard<std::mutex> o(outer_mu);
    std::lock_guard<std::mutex> i(inner_mu);
    size++;
  }
  void pop() {
    std::unique_lock<std::mutex> o(outer_mu);
    drain();
  }

private:
  void drain() {
    std::lock_guard<std::mutex> i(inner_mu);
    if (size > 0)
      size--;
  }
  std::mutex outer_mu, inner_mu;
  int size = 0;
};

int main() {
  Queue q;
  std::thread t1([&] { for (int i = 0; i < 1000; i++) q.push(); });
  std::thread t2([&] { for (int i = 0; i < 1000; i++) q.pop(); });
  t1.join();
  t2.join();
  return 0;
}
