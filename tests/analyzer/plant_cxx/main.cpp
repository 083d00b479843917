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

// main's own lock calls run while the workers do (before the joins): after them, an order main
// takes could not meet one the workers take, and a plant there is latent, not an inversion.
int main() {
  std::thread a(work), b(work);
  player.reset();
  int seen = stream.frames() + reg::registered();
  a.join();
  b.join();
  return seen >= 0 ? 0 : 1;
}
