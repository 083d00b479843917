// Seed (threading-notes.md, 队列 --- 生产者消费者模型) in C++: a Queue like Python's queue.Queue
// (std::mutex, two std::condition_variables: not_empty for get(), all_done for join()). The
// producer puts 10 items, join()s until every task_done(), then puts a stop item per consumer.
// Every wait holds only the queue's mutex: nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kItems = 10, kConsumers = 3, kStop = -1;

class Queue {
 public:
  void put(int item) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(item);
    unfinished_++;
    not_empty_.notify_one();
  }
  int get() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    int item = items_.front();
    items_.pop_front();
    return item;
  }
  void task_done() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--unfinished_ == 0)
      all_done_.notify_all();
  }
  void join() {
    std::unique_lock<std::mutex> lock(mu_);
    all_done_.wait(lock, [this] { return unfinished_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, all_done_;
  std::deque<int> items_;
  int unfinished_ = 0;
};

static Queue q;

static void producer() {
  for (int i = 0; i < kItems; i++) {
    q.put(i);
    std::printf("produced bun %d\n", i);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  q.join();
  std::printf("every bun was eaten\n");
  for (int i = 0; i < kConsumers; i++)
    q.put(kStop);
}

static void consumer(int id) {
  for (;;) {
    int item = q.get();
    if (item == kStop) {
      q.task_done();
      return;
    }
    std::printf("consumer %d eats bun %d\n", id, item);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.task_done();
  }
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kConsumers; i++)
    threads.emplace_back(consumer, i);
  threads.emplace_back(producer);
  for (auto &t : threads)
    t.join();
  std::printf("end\n");
  return 0;
}
// STATIC-RUN:
