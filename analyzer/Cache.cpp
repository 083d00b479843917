#include "Cache.h"

#include "FileIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <chrono>
#include <sstream>

namespace lockgraph {

static const char *const DepsFormat = "lockgraph-deps-2";
static const char *const ResultFormat = "lockgraph-result-2";

std::string hashHex(const std::string &Text) {
  char B[17];
  snprintf(B, sizeof B, "%016llx", static_cast<unsigned long long>(llvm::xxh3_64bits(Text)));
  return B;
}

static std::string contentHash(const std::string &File) {
  std::string T, Err;
  if (!readInputFile(File, ReadLimits{1u << 30, true, true}, T, Err))
    return "missing";
  return hashHex(T);
}

static long long mtimeNs(const llvm::sys::fs::file_status &St) {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(St.getLastModificationTime().time_since_epoch()).count());
}

// Paths in .deps are the rest of a line: '%', CR and LF (and other control bytes) escaped.
static std::string escapePath(const std::string &P) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : P)
    if (C == '%' || C < 0x20) {
      Out += '%';
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    } else {
      Out += static_cast<char>(C);
    }
  return Out;
}

static bool unescapePath(const std::string &E, std::string &Out) {
  auto Digit = [](char C) -> int {
    return C >= '0' && C <= '9' ? C - '0' : C >= 'A' && C <= 'F' ? C - 'A' + 10 : -1;
  };
  Out.clear();
  for (size_t I = 0; I < E.size(); ++I) {
    if (E[I] != '%') {
      Out += E[I];
      continue;
    }
    if (I + 2 >= E.size() || Digit(E[I + 1]) < 0 || Digit(E[I + 2]) < 0)
      return false;
    Out += static_cast<char>(Digit(E[I + 1]) * 16 + Digit(E[I + 2]));
    I += 2;
  }
  return true;
}

static std::string factsPath(const std::string &Dir, const std::string &Key) { return Dir + "/" + Key + ".facts.json"; }

bool FactsCache::valid(const std::string &Key, const std::string &File, std::string &DepsText) const {
  std::string Err;
  if (!readInputFile(Dir + "/" + Key + ".deps", ReadLimits{64u << 20, true, false}, DepsText, Err))
    return false;
  std::istringstream In(DepsText);
  std::string Line;
  {
    std::string Tag, FactsHash;
    if (!std::getline(In, Line) || !(std::istringstream(Line) >> Tag >> FactsHash) || Tag != DepsFormat)
      return false;
  }
  if (!std::getline(In, Line))
    return false;
  {
    std::istringstream LS(Line);
    std::string Tag, Hash;
    long long M = -1, Sz = -1;
    if (!(LS >> Tag >> Hash >> M >> Sz) || Tag != "main")
      return false;
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(File, St))
      return false;
    if (mtimeNs(St) != M || static_cast<long long>(St.getSize()) != Sz)
      if (contentHash(File) != Hash)
        return false;
  }
  while (std::getline(In, Line)) {
    std::istringstream LS(Line);
    long long M = 0, Sz = 0;
    std::string Escaped, P;
    if (!(LS >> M >> Sz) || !std::getline(LS >> std::ws, Escaped) || !unescapePath(Escaped, P))
      return false;
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(P, St))
      return false;
    long long Mt = static_cast<long long>(llvm::sys::toTimeT(St.getLastModificationTime()));
    if (Mt != M || static_cast<long long>(St.getSize()) != Sz)
      return false;
  }
  return true;
}

static std::string recordedFactsHash(const std::string &DepsText) {
  std::string Tag, Recorded;
  std::istringstream(DepsText) >> Tag >> Recorded;
  return Recorded;
}

bool FactsCache::intact(const std::string &Key, const std::string &Deps) const {
  std::string Facts, Err;
  return readInputFile(factsPath(Dir, Key), cacheFileLimits(), Facts, Err) && recordedFactsHash(Deps) == hashHex(Facts);
}

bool FactsCache::load(const std::string &Key, const std::string &File, TUFacts &F, std::string &DepsText) const {
  std::string Facts, Err;
  if (!valid(Key, File, DepsText) || !readInputFile(factsPath(Dir, Key), cacheFileLimits(), Facts, Err))
    return false;
  return recordedFactsHash(DepsText) == hashHex(Facts) && fromJSON(Facts, F, Err);
}

std::string FactsCache::store(const std::string &Key, const std::string &File, const TUFacts &F,
                              const std::vector<Dependency> &Deps) const {
  llvm::sys::fs::file_status St;
  long long M = -1, Sz = -1;
  if (!llvm::sys::fs::status(File, St)) {  // before hashing: an edit racing with us is seen next time
    M = mtimeNs(St);
    Sz = static_cast<long long>(St.getSize());
  }
  std::string Facts = toJSON(F);
  std::string Text = std::string(DepsFormat) + " " + hashHex(Facts) + "\n";
  Text += "main " + contentHash(File) + " " + std::to_string(M) + " " + std::to_string(Sz) + "\n";
  for (const auto &D : Deps)
    if (D.path != File)  // the main file is checked above
      Text += std::to_string(D.mtime) + " " + std::to_string(D.size) + " " + escapePath(D.path) + "\n";
  std::string Err;
  // facts first: a .deps file never names facts that are not there yet
  if (!writeAtomically(factsPath(Dir, Key), Facts, Err) || !writeAtomically(Dir + "/" + Key + ".deps", Text, Err))
    return {};
  return Text;
}

void FactsCache::storeFactsOnly(const std::string &Key, const TUFacts &F) const {
  std::string Err;
  writeAtomically(factsPath(Dir, Key), toJSON(F), Err);
}

// ---- merged results -------------------------------------------------------------

std::string FactsCache::resultStamp(const std::vector<std::string> &Keys, const std::vector<std::string> &Deps) {
  std::vector<std::pair<std::string, std::string>> KD;
  for (size_t I = 0; I < Keys.size(); ++I)
    KD.emplace_back(Keys[I], Deps[I]);
  std::sort(KD.begin(), KD.end());
  std::string S;
  for (const auto &[K, D] : KD)
    S += K + '\0' + D + '\0';
  return hashHex(S);
}

namespace {
void siteJSON(std::string &O, const Site &S) {
  O += '[';
  appendJsonString(O, S.file);
  O += "," + std::to_string(S.line) + "," + std::to_string(S.col) + "," + std::to_string(S.offset) + "]";
}


bool siteOf(const llvm::json::Value *V, Site &S) {
  const auto *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 4 || !(*A)[0].getAsString())
    return false;
  S.file = jsonStringBytes(*(*A)[0].getAsString());
  auto Num = [&](size_t I, unsigned &Out) {
    auto N = (*A)[I].getAsInteger();
    if (!N || *N < 0 || *N > UINT32_MAX)
      return false;
    Out = static_cast<unsigned>(*N);
    return true;
  };
  return Num(1, S.line) && Num(2, S.col) && Num(3, S.offset);
}

bool stringOf(const llvm::json::Object &O, llvm::StringRef K, std::string &Out) {
  auto S = O.getString(K);
  if (!S)
    return false;
  Out = jsonStringBytes(*S);
  return true;
}

bool stringsOf(const llvm::json::Array *A, std::vector<std::string> &Out) {
  if (!A)
    return false;
  for (const auto &E : *A) {
    auto S = E.getAsString();
    if (!S)
      return false;
    Out.push_back(jsonStringBytes(*S));
  }
  return true;
}
}  // namespace

// Every member of Finding is stored: the structured binding stops compiling when one is
// added there (then add it here and in findingsFromJSON), and the cli test compares a
// reused result with a fresh one in every format.
std::string findingsToJSON(const std::vector<Finding> &Fs) {
  std::string O = "[";
  for (const auto &F : Fs) {
    const auto &[Kind, Message, At, Function, Notes, Cycle, Locks, Fingerprint, Paths, Also] = F;
    if (O.size() > 1)
      O += ',';
    O += "{\"kind\":";
    appendJsonString(O, Kind);
    O += ",\"message\":";
    appendJsonString(O, Message);
    O += ",\"site\":";
    siteJSON(O, At);
    O += ",\"function\":";
    appendJsonString(O, Function);
    O += ",\"notes\":[";
    for (size_t I = 0; I < Notes.size(); ++I) {
      O += I ? ",{\"s\":" : "{\"s\":";
      siteJSON(O, Notes[I].site);
      O += ",\"m\":";
      appendJsonString(O, Notes[I].message);
      O += '}';
    }
    O += "],\"cycle\":";
    appendJsonStrings(O, Cycle);
    O += ",\"locks\":";
    appendJsonStrings(O, Locks);
    O += ",\"fingerprint\":";
    appendJsonString(O, Fingerprint);
    O += ",\"paths\":" + std::to_string(Paths);
    O += ",\"also\":[";
    for (size_t I = 0; I < Also.size(); ++I) {
      if (I)
        O += ',';
      appendJsonStrings(O, Also[I]);
    }
    O += "]}";
  }
  return O + "]";
}

bool findingsFromJSON(const std::string &Text, std::vector<Finding> &Fs) {
  llvm::json::Value V(nullptr);
  std::string Err;
  if (!parseJsonText(Text, V, Err))
    return false;
  const auto *A = V.getAsArray();
  if (!A)
    return false;
  for (const auto &E : *A) {
    const auto *O = E.getAsObject();
    if (!O)
      return false;
    Finding F;
    const auto *Notes = O->getArray("notes");
    if (!stringOf(*O, "kind", F.kind) || !stringOf(*O, "message", F.message) || !siteOf(O->get("site"), F.site) ||
        !stringOf(*O, "function", F.function) || !Notes || !stringsOf(O->getArray("cycle"), F.cycle) ||
        !stringsOf(O->getArray("locks"), F.locks) || !stringOf(*O, "fingerprint", F.fingerprint))
      return false;
    for (const auto &N : *Notes) {
      const auto *NO = N.getAsObject();
      Note X;
      if (!NO || !siteOf(NO->get("s"), X.site) || !stringOf(*NO, "m", X.message))
        return false;
      F.notes.push_back(std::move(X));
    }
    auto P = O->getInteger("paths");
    if (!P || *P < 1)
      return false;
    F.paths = static_cast<size_t>(*P);
    const auto *Also = O->getArray("also");
    if (!Also)
      return false;
    for (const auto &C : *Also) {
      F.also.emplace_back();
      if (!stringsOf(C.getAsArray(), F.also.back()) || F.also.back().empty())
        return false;
    }
    Fs.push_back(std::move(F));
  }
  return true;
}

bool FactsCache::loadResult(const std::string &Name, const std::string &Stamp, std::vector<Finding> &Fs) const {
  std::string Text, Err;
  if (!readInputFile(Dir + "/" + Name + ".result.json", cacheFileLimits(), Text, Err))
    return false;
  size_t NL = Text.find('\n');
  if (NL == std::string::npos)
    return false;
  std::string Body = Text.substr(NL + 1);
  return Text.compare(0, NL, std::string(ResultFormat) + " " + Stamp + " " + hashHex(Body)) == 0 &&
         findingsFromJSON(Body, Fs);
}

void FactsCache::storeResult(const std::string &Name, const std::string &Stamp, const std::vector<Finding> &Fs) const {
  std::string Body = findingsToJSON(Fs) + "\n", Err;
  writeAtomically(Dir + "/" + Name + ".result.json", std::string(ResultFormat) + " " + Stamp + " " + hashHex(Body) + "\n" + Body,
                  Err);
}

}  // namespace lockgraph
