#include "media.h"

namespace media {
void Player::tick() {
  std::lock_guard<std::mutex> g(mu_);
  ticks_++;
}

void Player::reset() {
  std::lock_guard<std::mutex> g(mu_);
  ticks_ = 0;
}
}  // namespace media
