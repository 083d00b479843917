// (see audio.cpp)
#include <mutex>
#include <thread>

namespace media {
extern std::mutex stream_mu;
extern int frames;
void stream_play();
std::mutex player_mu;
int notified;

extern "C" void player_notify(void) {
  std::lock_guard<std::mutex> g(player_mu);  // EXPECT-STATIC: lock-order-inversion stream_mu => player_mu => stream_mu
  notified++;
}

void player_tick() {
  std::lock_guard<std::mutex> g(player_mu);  // EXPECT-STATIC: lock-order-inversion stream_mu => player_mu => stream_mu
  std::lock_guard<std::mutex> h(stream_mu);  // EXPECT-STATIC: lock-order-inversion stream_mu => player_mu => stream_mu
  frames = 0;
}
}  // namespace media

int main() {
  std::thread a(media::stream_play), b(media::player_tick);
  a.join();
  b.join();
  return 0;
}
