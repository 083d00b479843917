#include "Config.h"

#include <sstream>

namespace lockgraph {

bool parseConfig(const std::string &Text, Config &C, std::string &Err) {
  C.text = Text;
  std::istringstream In(Text);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    if (auto H = Line.find('#'); H != std::string::npos)
      Line.resize(H);
    std::istringstream LS(Line);
    std::vector<std::string> W;
    for (std::string T; LS >> T;)
      W.push_back(T);
    if (W.empty())
      continue;
    auto Bad = [&](const std::string &M) {
      Err = "line " + std::to_string(N) + ": " + M;
      return false;
    };
    const std::string &D = W[0];
    if (D == "lock-function" || D == "shared-lock-function" || D == "trylock-function" || D == "unlock-function") {
      if (W.size() != 3 || W[2].find_first_not_of("0123456789") != std::string::npos)
        return Bad("expected '" + D + " NAME ARG-INDEX'");
      LockFunction F;
      F.kind = D == "lock-function" ? LockFunction::Lock
               : D == "shared-lock-function" ? LockFunction::SharedLock
               : D == "trylock-function" ? LockFunction::TryLock
                                         : LockFunction::Unlock;
      F.name = W[1];
      F.arg = static_cast<unsigned>(std::stoul(W[2]));
      C.lockFunctions.push_back(F);
    } else if (D == "recursive-lock") {
      if (W.size() != 2)
        return Bad("expected 'recursive-lock NAME'");
      C.recursiveLocks.push_back(W[1]);
    } else if (D == "semaphore-lock") {
      if (W.size() != 2)
        return Bad("expected 'semaphore-lock NAME-GLOB'");
      C.semaphoreLocks.push_back(W[1]);
    } else if (D == "suppress") {  // the rule's format is common/suppressions.h's
      Suppression S;
      bool IsRule = false;
      std::string E;
      if (!parseSuppressionLine(Line, S, IsRule, E))
        return Bad(E);
      C.suppressions.push_back(S);
    } else {
      return Bad("unknown directive '" + D + "'");
    }
  }
  return true;
}

bool globMatch(const std::string &G, const std::string &S) { return suppressionGlob(G, S); }

}  // namespace lockgraph
