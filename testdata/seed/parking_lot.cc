// Seed (threading-notes.md, 信号量) in C++17 (std::counting_semaphore is C++20): a counting
// semaphore made of std::mutex + std::condition_variable guards a parking lot with 5 places; 10
// cars. The statistics lock is taken with no other lock held. Nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kPlaces = 5, kCars = 10;

class Semaphore {
 public:
  explicit Semaphore(int count) : count_(count) {}
  void acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cond_.wait(lock, [this] { return count_ > 0; });
    count_--;
  }
  void release() {
    std::lock_guard<std::mutex> lock(mu_);
    count_++;
    cond_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cond_;
  int count_;
};

static Semaphore places(kPlaces);
static std::mutex stats;
static int inside, most_inside;

static void car(int id) {
  places.acquire();
  {
    std::lock_guard<std::mutex> lock(stats);
    inside++;
    if (inside > most_inside)
      most_inside = inside;
  }
  std::printf("car %d parked\n", id);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::printf("car %d leaves\n", id);
  {
    std::lock_guard<std::mutex> lock(stats);
    inside--;
  }
  places.release();
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::thread> cars;
  for (int i = 0; i < kCars; i++)
    cars.emplace_back(car, i);
  for (auto &t : cars)
    t.join();
  std::printf("at most %d cars were inside\n", most_inside);
  return most_inside <= kPlaces ? 0 : 1;
}
// STATIC-RUN:
