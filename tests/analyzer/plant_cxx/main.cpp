#include <thread>
#include "media.h"

static media::Stream stream;
static media::Player player;

static void work() {
  for (int i = 0; i < 100; i++) {
    stream.play();
    player.tick();
    reg::register_one();
  }
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  player.reset();
  return stream.frames() + reg::registered() > 0 ? 0 : 1;
}
