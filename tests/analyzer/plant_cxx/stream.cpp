#include "media.h"

namespace media {
void Stream::play() {
  std::lock_guard<std::mutex> g(mu_);
  frames_++;
}

int Stream::frames() {
  std::lock_guard<std::mutex> g(mu_);
  return frames_;
}
}  // namespace media
