// Atomics, __atomic/__sync builtins and thread_local data are never unlocked RMWs. Clean.
// STATIC-RUN:
// TSAN: clean
#include <atomic>
#include <thread>

std::atomic<int> hits{0};
_Atomic int c11_hits;
int builtin_hits;
int sync_hits;
thread_local int per_thread;
static __thread int per_thread_gnu;
struct Stats {
  long calls;
  long bytes[2];
};
thread_local Stats tl_stats;  // a thread-local object: its members are the thread's own too

static void work() {
  for (int i = 0; i < 1000; i++) {
    hits++;
    hits += 2;
    c11_hits++;
    __atomic_fetch_add(&builtin_hits, 1, __ATOMIC_RELAXED);
    __sync_fetch_and_add(&sync_hits, 1);
    per_thread++;
    per_thread_gnu += 1;
    tl_stats.calls++;
    tl_stats.bytes[i % 2] += 8;
  }
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  return hits.load() == 6000 ? 0 : 1;
}
