// Two classes, each with its own lock, that call each other's methods while holding it: the
// registry notifies its listener under the registry's lock, and the listener asks the registry
// for its count while flushing under the listener's lock. Each object is one instance shared
// by both threads: a cycle Registry::mu => Listener::mu => Registry::mu across the classes.
// STATIC-RUN:
#include <mutex>
#include <thread>

class Registry;

class Listener {
public:
  void on_event(int v) {
    std::lock_guard<std::mutex> g(mu);  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
    seen += v;
  }
  void flush(Registry &r);

private:
  std::mutex mu;
  int seen = 0;
  int flushed = 0;
};

class Registry {
public:
  explicit Registry(Listener &l) : listener(l) {}
  void notify(int v) {
    std::lock_guard<std::mutex> g(mu);  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
    events++;
    listener.on_event(v);  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
  }
  int count() {
    std::lock_guard<std::mutex> g(mu);  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
    return events;
  }

private:
  std::mutex mu;
  int events = 0;
  Listener &listener;
};

void Listener::flush(Registry &r) {
  std::lock_guard<std::mutex> g(mu);  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
  flushed = r.count();  // EXPECT: lock-order-inversion Registry::mu => Listener::mu => Registry::mu
}

int main() {
  Listener l;
  Registry r(l);
  std::thread t1([&] {
    for (int i = 0; i < 100; i++)
      r.notify(i);
  });
  std::thread t2([&] {
    for (int i = 0; i < 100; i++)
      l.flush(r);
  });
  t1.join();
  t2.join();
  return 0;
}
