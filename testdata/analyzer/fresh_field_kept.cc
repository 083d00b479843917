// Twin of fresh_field_published.cc: the reporter is given a mixer of its own; update() reads a
// number from its fresh mixer (`spec->inner->done`) and hands nothing of it on, so no other
// thread can take that mixer's lock: taking the pool's lock under it makes no lock order.
// Clean.
// STATIC-RUN:
#include <mutex>
#include <thread>

struct Progress {
  std::mutex section;
  long done = 0;
};

struct Mixer {
  Mixer *self = nullptr;
  Progress *inner = nullptr;
  void create() {
    self = this;
    inner = new Progress;
  }
};

static std::mutex pool_mu;
static long queued;
static Progress reporter_progress;
static Mixer reporter_mixer = {&reporter_mixer, &reporter_progress};

static void reporter(Mixer *m) {
  std::lock_guard<std::mutex> p(pool_mu);
  std::lock_guard<std::mutex> g(m->inner->section);
  m->inner->done += queued;
}

static long update() {
  Mixer *spec = new Mixer;
  spec->create();
  std::thread t(reporter, &reporter_mixer);
  long seen;
  {
    std::lock_guard<std::mutex> g(spec->inner->section);
    std::lock_guard<std::mutex> p(pool_mu);
    queued += 2;
    seen = spec->inner->done;
  }
  t.join();
  delete spec->inner;
  delete spec;
  return seen;
}

int main() { return (int)update(); }
