// A reverse guard: mpd's ScopeUnlock unlocks its mutex in the constructor and locks it again
// in the destructor, so the code in its scope runs without the mutex (Player::Run() calls
// into PlayerControl, which takes the same mutex). No self-deadlock and no order through the
// unlocked scope; the re-lock at its end is an acquisition like any other: Flush() takes
// it back while it holds output_mutex, against its own mutex => output_mutex.
// STATIC-RUN:
#include <mutex>
#include <thread>

using Mutex = std::mutex;

class ScopeUnlock {
  Mutex &mutex;

 public:
  explicit ScopeUnlock(Mutex &_mutex) noexcept : mutex(_mutex) { mutex.unlock(); }
  ~ScopeUnlock() noexcept { mutex.lock(); }
  ScopeUnlock(const ScopeUnlock &) = delete;
  ScopeUnlock &operator=(const ScopeUnlock &) = delete;
};

struct Control {
  Mutex mutex;
  Mutex output_mutex;
  int chunks = 0;
  void PlayChunk() {
    const std::scoped_lock lock(mutex);
    chunks++;
  }
  void RunThread();
  void Flush();
};

struct Player {
  Control &pc;
  int played = 0;
  explicit Player(Control &c) : pc(c) {}
  void Run() {
    std::unique_lock lock(pc.mutex);
    for (int i = 0; i < 3; i++) {
      const ScopeUnlock unlock(pc.mutex);
      pc.PlayChunk();
    }
    played++;
  }
};

void Control::RunThread() {
  std::unique_lock lock(mutex);
  Player p(*this);
  {
    ScopeUnlock unlock(mutex);
    p.Run();
  }
  chunks--;
}

void Control::Flush() {
  std::unique_lock lock(mutex);
  const std::lock_guard out(output_mutex);  // EXPECT-STATIC: lock-order-inversion Control::mutex => Control::output_mutex => Control::mutex
  {
    const ScopeUnlock unlock(mutex);
    chunks = 0;
  }  // EXPECT-STATIC: lock-order-inversion Control::mutex => Control::output_mutex => Control::mutex
}

int main() {
  Control c;
  std::thread a([&c] { c.RunThread(); });
  std::thread b([&c] { c.PlayChunk(); });
  std::thread f([&c] { c.Flush(); });
  std::thread g([&c] { c.Flush(); });
  a.join();
  b.join();
  f.join();
  g.join();
  return 0;
}
