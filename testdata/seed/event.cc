// Seed (threading-notes.md, 同步对象) in C++: an Event class (std::mutex +
// std::condition_variable + flag, like Python's threading.Event) orders a boss and five workers.
// Every wait holds only the event's own mutex: nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

class Event {
 public:
  void set() {
    std::lock_guard<std::mutex> lock(mu_);
    flag_ = true;
    generation_++;
    cond_.notify_all();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    flag_ = false;
  }
  bool is_set() {
    std::lock_guard<std::mutex> lock(mu_);
    return flag_;
  }
  // Returns once the event is set; a set() that happened while waiting wakes the waiter even if
  // the flag was cleared again before it ran (as in Python).
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    unsigned long generation = generation_;
    cond_.wait(lock, [&] { return flag_ || generation_ != generation; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cond_;
  bool flag_ = false;
  unsigned long generation_ = 0;
};

static Event event;

static void boss() {
  std::printf("Boss: overtime tonight\n");
  std::printf("Boss: event is %s\n", event.is_set() ? "set" : "clear");
  event.set();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  std::printf("Boss: time to go home\n");
  std::printf("Boss: event is %s\n", event.is_set() ? "set" : "clear");
  event.set();
}

static void worker() {
  event.wait();
  std::printf("Worker: start working\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  event.clear();
  event.wait();
  std::printf("Worker: done\n");
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; i++)
    threads.emplace_back(worker);
  threads.emplace_back(boss);
  for (auto &t : threads)
    t.join();
  std::printf("end\n");
  return 0;
}
// STATIC-RUN:
