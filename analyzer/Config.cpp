#include "Config.h"

#include <sstream>

#define LOCKGRAPH_FINDING(E, ID, DESC) ID,
static const char *const KnownIds[] = {
#include "findings.inc"
};

namespace lockgraph {

static bool knownId(const std::string &Id) {
  if (Id == "*")
    return true;
  for (const char *K : KnownIds)
    if (Id == K || Id == std::string("lockgraph-") + K)
      return true;
  return false;
}

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
    } else if (D == "suppress") {
      if (W.size() < 2 || W.size() > 4)
        return Bad("expected 'suppress ID [NAME-GLOB [FILE-GLOB]]'");
      if (!knownId(W[1]))
        return Bad("unknown finding id '" + W[1] + "'");
      Suppression S;
      S.id = W[1].rfind("lockgraph-", 0) == 0 ? W[1].substr(10) : W[1];
      if (W.size() > 2)
        S.nameGlob = W[2];
      if (W.size() > 3)
        S.fileGlob = W[3];
      C.suppressions.push_back(S);
    } else {
      return Bad("unknown directive '" + D + "'");
    }
  }
  return true;
}

bool globMatch(const std::string &G, const std::string &S) {
  size_t gi = 0, si = 0, star = std::string::npos, mark = 0;
  while (si < S.size()) {
    if (gi < G.size() && (G[gi] == '?' || G[gi] == S[si])) {
      ++gi;
      ++si;
    } else if (gi < G.size() && G[gi] == '*') {
      star = gi++;
      mark = si;
    } else if (star != std::string::npos) {
      gi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (gi < G.size() && G[gi] == '*')
    ++gi;
  return gi == G.size();
}

}  // namespace lockgraph
