// An object allocated here is private to the thread until it is published, and its locks take
// no part in lock order (fresh_object.c). Handing on a pointer read from one of its fields
// publishes the object too: 7-Zip's Update2() makes `spec = new CMtProgressMixer` and hands
// `spec->RatioProgress` (a smart pointer to what spec made for itself) to the compress
// threads' progress mixer. Here update() starts the reporter with `spec->self`: from then on
// the reporter takes spec's 'Mixer::inner' (its section) under the pool's lock, while update()
// takes the pool's lock under it. An inversion between two threads.
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

static void reporter(Mixer *m) {
  std::lock_guard<std::mutex> p(pool_mu);
  std::lock_guard<std::mutex> g(m->inner->section);  // EXPECT-STATIC: lock-order-inversion pool_mu => Mixer::inner => pool_mu
  m->inner->done += queued;
}

static void update() {
  Mixer *spec = new Mixer;
  spec->create();
  std::thread t(reporter, spec->self);
  {
    std::lock_guard<std::mutex> g(spec->inner->section);
    std::lock_guard<std::mutex> p(pool_mu);
    queued += 2;
  }
  t.join();
  delete spec->inner;
  delete spec;
}

int main() {
  update();
  return 0;
}
