// (see audio.cpp) A C++ function of the same name in another namespace: not player.cpp's.
#include <mutex>

namespace tools {
std::mutex tools_mu;
int calls;

void player_notify() {
  std::lock_guard<std::mutex> g(tools_mu);
  calls++;
}
}  // namespace tools
