// The words that say a name is a lock's, shared by the extractor (a function's or class's
// name, LockApi.cpp) and the analysis (a member's name, Analysis.cpp). Free of Clang types.
#ifndef LOCKGRAPH_ANALYZER_LOCKWORDS_H
#define LOCKGRAPH_ANALYZER_LOCKWORDS_H

#include <string>

namespace lockgraph {

// Whether lower-case `N` says "lock" other than as in block or clock ("unlock", "rwlock",
// "lock_", "spinlock"), or mutex, spin or critical (section).
inline bool hasLockWord(const std::string &N) {
  if (N.find("mutex") != std::string::npos || N.find("spin") != std::string::npos ||
      N.find("critical") != std::string::npos)
    return true;
  for (size_t P = N.find("lock"); P != std::string::npos; P = N.find("lock", P + 1))
    if (P == 0 || (N[P - 1] != 'b' && N[P - 1] != 'c'))
      return true;
  return false;
}

}  // namespace lockgraph

#endif
