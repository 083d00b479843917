// A small C++ tree for tests/analyzer/plant_cxx.py: classes with private mutex members in
// namespace media, a global mutex in namespace reg, each taken by a std::lock_guard.
#pragma once
#include <mutex>

namespace media {
class Stream {
 public:
  void play();
  int frames();

 private:
  std::mutex mu_;
  int frames_ = 0;
};

class Player {
 public:
  void tick();
  void reset();

 private:
  std::mutex mu_;
  int ticks_ = 0;
};
}  // namespace media

namespace reg {
void register_one();
int registered();
}  // namespace reg
