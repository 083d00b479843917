#include "media.h"

namespace reg {
static std::mutex registry_mu;
static int count;

void register_one() {
  std::lock_guard<std::mutex> g(registry_mu);
  count++;
}

int registered() {
  std::lock_guard<std::mutex> g(registry_mu);
  return count;
}
}  // namespace reg
