// A function of C language linkage defined inside a namespace (player.cpp: `namespace media {
// extern "C" void player_notify() ... }`) and declared outside it here is one function: the
// linker joins them, so the analyzer must too (their USRs differ: c:@N@media@F@player_notify
// and c:@F@player_notify). stream_play() holds stream_mu and calls it, which takes player_mu;
// player_tick() takes player_mu, then stream_mu: an inversion, missed while the two were two
// functions. Twin: tools::player_notify() (C++ linkage, tools.cpp) is another function, and
// its lock (tools_mu) makes no cycle.
// STATIC-RUN:
#include <mutex>

extern "C" void player_notify(void);
namespace tools {
void player_notify();
}

namespace media {
std::mutex stream_mu;
int frames;

void stream_play() {
  std::lock_guard<std::mutex> g(stream_mu);  // EXPECT-STATIC: lock-order-inversion stream_mu => player_mu => stream_mu
  frames++;
  player_notify();
  tools::player_notify();
}
}  // namespace media
