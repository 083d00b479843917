#include "suppressions.h"

#include <sstream>

namespace lockgraph {
namespace {

const char *const kIds[] = {
#define LOCKGRAPH_FINDING(E, ID, DESC) ID,
#include "findings.inc"
};

std::string StripPrefix(const std::string &Id) { return Id.rfind("lockgraph-", 0) == 0 ? Id.substr(10) : Id; }

bool AnyGlob(const std::string &G, const std::vector<std::string> &V, bool File) {
  for (const auto &S : V)
    if (File ? suppressionFileGlob(G, S) : suppressionGlob(G, S)) return true;
  return false;
}

}  // namespace

bool isFindingIdOrStar(const std::string &Id) {
  if (Id == "*") return true;
  std::string K = StripPrefix(Id);
  for (const char *X : kIds)
    if (K == X) return true;
  return false;
}

bool suppressionGlob(const std::string &G, const std::string &S) {
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
  while (gi < G.size() && G[gi] == '*') ++gi;
  return gi == G.size();
}

bool suppressionFileGlob(const std::string &G, const std::string &Path) {
  if (suppressionGlob(G, Path)) return true;
  if (G.empty() || G[0] == '/' || G[0] == '*') return false;
  for (size_t I = 0; I < Path.size(); ++I)
    if (Path[I] == '/' && suppressionGlob(G, Path.substr(I + 1))) return true;
  return false;
}

bool parseSuppressionLine(const std::string &Line, SuppressionRule &R, bool &IsRule, std::string &Err) {
  std::string L = Line;
  for (size_t H = 0; H < L.size(); ++H)  // '#' starts a comment at the start or after a blank
    if (L[H] == '#' && (H == 0 || L[H - 1] == ' ' || L[H - 1] == '\t')) {
      L.resize(H);
      break;
    }
  std::istringstream In(L);
  std::vector<std::string> W;
  for (std::string T; In >> T;) W.push_back(T);
  IsRule = !W.empty();
  if (!IsRule) return true;
  R = SuppressionRule();
  R.text = L.substr(L.find_first_not_of(" \t"));
  while (!R.text.empty() && (R.text.back() == ' ' || R.text.back() == '\t' || R.text.back() == '\r')) R.text.pop_back();
  if (W[0] == "suppress") {  // the analyzer config's form: suppress KIND [NAME-GLOB [FILE-GLOB]], or fields
    W.erase(W.begin());
    if (W.empty()) {
      Err = "expected 'suppress KIND [NAME-GLOB [FILE-GLOB]]' or 'suppress KIND FIELD:GLOB...'";
      return false;
    }
    bool Positional = true;
    for (size_t I = 1; I < W.size(); ++I) {
      std::string F = W[I].substr(0, W[I].find(':'));
      if (W[I].find(':') != std::string::npos &&
          (F == "lock" || F == "function" || F == "file" || F == "fingerprint" || F == "any"))
        Positional = false;
    }
    if (Positional) {
      if (W.size() > 3) {
        Err = "expected 'suppress KIND [NAME-GLOB [FILE-GLOB]]'";
        return false;
      }
      if (!isFindingIdOrStar(W[0])) {
        Err = "unknown finding id '" + W[0] + "'";
        return false;
      }
      R.kind = StripPrefix(W[0]);
      if (W.size() > 1 && W[1] != "*") R.name = W[1];
      if (W.size() > 2 && W[2] != "*") R.file = W[2];
      return true;
    }
  } else if (W[0].find(':') != std::string::npos) {
    // The hook's form KIND:GLOB; the glob is the rest of the line.
    std::string K = W[0].substr(0, W[0].find(':'));
    if (isFindingIdOrStar(K)) {
      R.kind = StripPrefix(K);
      std::string T = L.substr(L.find(':') + 1);
      size_t A = T.find_first_not_of(" \t"), B = T.find_last_not_of(" \t\r");
      R.any = A == std::string::npos ? "" : T.substr(A, B - A + 1);
      if (R.any.empty()) {
        Err = "empty pattern after '" + K + ":'";
        return false;
      }
      return true;
    }
  }
  if (!isFindingIdOrStar(W[0])) {
    Err = "unknown finding id '" + W[0] + "' (a KIND of docs/findings.md, or *)";
    return false;
  }
  R.kind = StripPrefix(W[0]);
  for (size_t I = 1; I < W.size(); ++I) {
    size_t C = W[I].find(':');
    std::string F = C == std::string::npos ? "" : W[I].substr(0, C);
    std::string G = C == std::string::npos ? "" : W[I].substr(C + 1);
    std::string *Dst = F == "lock" ? &R.lock
                       : F == "function" ? &R.function
                       : F == "file" ? &R.file
                       : F == "fingerprint" ? &R.fingerprint
                       : F == "any" ? &R.any
                                    : nullptr;
    if (!Dst) {
      Err = "expected FIELD:GLOB with FIELD one of lock, function, file, fingerprint, any; got '" + W[I] + "'";
      return false;
    }
    if (G.empty()) {
      Err = "empty pattern in '" + W[I] + "'";
      return false;
    }
    if (!Dst->empty()) {
      Err = "field '" + F + "' given twice";
      return false;
    }
    *Dst = G;
  }
  return true;
}

bool parseSuppressions(const std::string &Text, std::vector<SuppressionRule> &Rules, std::string &Err) {
  std::istringstream In(Text);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N) {
    SuppressionRule R;
    bool IsRule = false;
    std::string E;
    if (!parseSuppressionLine(Line, R, IsRule, E)) {
      Err = "line " + std::to_string(N) + ": " + E;
      return false;
    }
    if (IsRule) Rules.push_back(R);
  }
  return true;
}

bool suppressionMatches(const SuppressionRule &R, const SuppressionSubject &S) {
  if (R.kind != "*" && R.kind != S.kind) return false;
  if (!R.lock.empty() && !AnyGlob(R.lock, S.locks, false)) return false;
  if (!R.function.empty() && !AnyGlob(R.function, S.functions, false)) return false;
  if (!R.file.empty() && !AnyGlob(R.file, S.files, true)) return false;
  if (!R.fingerprint.empty() && !AnyGlob(R.fingerprint, S.fingerprints, false)) return false;
  if (!R.name.empty() && !AnyGlob(R.name, S.locks, false) && !AnyGlob(R.name, S.functions, false)) return false;
  if (!R.any.empty() && !AnyGlob(R.any, S.locks, false) && !AnyGlob(R.any, S.functions, false) &&
      !AnyGlob(R.any, S.files, true))
    return false;
  return true;
}

int firstMatchingSuppression(const std::vector<SuppressionRule> &Rules, const SuppressionSubject &S) {
  for (size_t I = 0; I < Rules.size(); ++I)
    if (suppressionMatches(Rules[I], S)) return static_cast<int>(I);
  return -1;
}

}  // namespace lockgraph
