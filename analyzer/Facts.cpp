// JSON form of the per-TU facts (the facts cache and --emit-facts/--merge).
#include "Facts.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"

#include <cstdlib>
#include <deque>
#include <tuple>

namespace lockgraph {

namespace json = llvm::json;

bool Site::operator<(const Site &O) const {
  return std::tie(file, line, col) < std::tie(O.file, O.line, O.col);
}

static std::string joinPath(const std::vector<std::string> &P) {
  std::string S;
  for (const auto &E : P) {
    if (!S.empty())
      S += '.';
    S += E;
  }
  return S;
}

std::string ObjRef::key() const {
  if (!path.empty())
    return cls + "::" + joinPath(path);
  if (root == Global)
    return rootName;
  return {};
}

std::string ObjRef::name() const {
  if (!path.empty())
    return key();
  switch (root) {
  case Global: return display.empty() ? rootName : display;
  case Param: return "param#" + std::to_string(param);
  case This: return "*this";
  case Local: return rootName;
  case Unknown: return "?";
  }
  return {};
}

std::string ObjRef::base() const {
  switch (root) {
  case Global: return "G:" + rootName;
  case Param: return "P" + std::to_string(param);
  case This: return "T";
  case Local: return "L:" + rootName;
  case Unknown: return {};
  }
  return {};
}

std::string ObjRef::ident() const {
  if (path.empty())
    return base();
  return key() + "@" + base();
}

std::optional<ObjRef> substituteRef(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This) {
  const ArgRef *A = nullptr;
  if (R.root == ObjRef::Param) {
    A = R.param >= 0 && static_cast<size_t>(R.param) < Args.size() ? &Args[R.param] : nullptr;
  } else if (R.root == ObjRef::This) {
    A = &This;
  } else if (R.root == ObjRef::Global) {
    return R;
  } else {
    if (R.path.empty())
      return std::nullopt;
    ObjRef X = R;  // a callee-local instance: the class is still known
    X.root = ObjRef::Unknown;
    X.rootName.clear();
    return X;
  }
  if (!A || !A->obj)
    return std::nullopt;
  ObjRef X = *A->obj;
  if (X.path.empty())
    X.cls = R.cls;
  X.path.insert(X.path.end(), R.path.begin(), R.path.end());
  X.recursive = X.recursive || R.recursive;
  if ((X.root == ObjRef::Local || X.root == ObjRef::Unknown) && X.path.empty())
    return std::nullopt;
  return X;
}

// ---- writing -------------------------------------------------------------

static json::Value site(const Site &S) {
  return json::Array{S.file, S.line, S.col, S.offset};
}

static json::Value notes(const std::vector<Note> &N) {
  json::Array A;
  for (const auto &X : N)
    A.push_back(json::Object{{"s", site(X.site)}, {"m", X.message}});
  return A;
}

static json::Value ref(const ObjRef &R) {
  json::Object O{{"r", static_cast<int>(R.root)}};
  if (!R.rootName.empty())
    O["n"] = R.rootName;
  if (!R.display.empty())
    O["d"] = R.display;
  if (R.param >= 0)
    O["i"] = R.param;
  if (!R.cls.empty())
    O["c"] = R.cls;
  if (!R.path.empty())
    O["p"] = json::Array(R.path);
  if (R.recursive)
    O["rec"] = true;
  return O;
}

static json::Value held(const std::vector<Held> &H) {
  json::Array A;
  for (const auto &X : H)
    A.push_back(json::Object{{"ref", ref(X.ref)}, {"sh", X.shared}, {"try", X.trylock}, {"notes", notes(X.notes)}});
  return A;
}

static json::Value arg(const ArgRef &A) { return A.obj ? ref(*A.obj) : json::Value(nullptr); }

std::string toJSON(const TUFacts &F) {
  json::Array Fns;
  for (const auto &Fn : F.functions) {
    json::Array Acq, Calls, Acc, Sp, Jn, NA, NR, OB;
    for (const auto &A : Fn.acquires) {
      json::Object O{{"ref", ref(A.ref)}, {"sh", A.shared}, {"try", A.trylock}, {"notes", notes(A.notes)}, {"held", held(A.held)}};
      if (!A.released.empty()) {
        json::Array R;
        for (const auto &X : A.released)
          R.push_back(ref(X));
        O["rel"] = std::move(R);
      }
      if (A.reacquire)
        O["re"] = true;
      Acq.push_back(std::move(O));
    }
    for (const auto &C : Fn.calls) {
      json::Array Args;
      for (const auto &X : C.args)
        Args.push_back(arg(X));
      json::Object CO{{"callee", C.callee}, {"name", C.calleeName}, {"s", site(C.site)}, {"held", held(C.held)}, {"args", std::move(Args)}, {"this", arg(C.thisArg)}};
      if (!C.released.empty()) {
        json::Array R;
        for (const auto &X : C.released)
          R.push_back(ref(X));
        CO["rel"] = std::move(R);
      }
      Calls.push_back(std::move(CO));
    }
    for (const auto &A : Fn.accesses)
      Acc.push_back(json::Object{{"var", A.var}, {"name", A.name}, {"k", static_cast<int>(A.kind)}, {"shr", A.sharedRoot}, {"split", A.split}, {"un", A.unnamedLock}, {"s", site(A.site)}, {"held", held(A.held)}});
    for (const auto &S : Fn.spawns)
      Sp.push_back(json::Object{{"entry", S.entry}, {"name", S.entryName}, {"s", site(S.site)}, {"multi", S.multi}});
    for (const auto &J : Fn.joins)
      Jn.push_back(site(J));
    for (const auto &N : Fn.netAcquire)
      NA.push_back(json::Object{{"ref", ref(N.ref)}, {"sh", N.shared}, {"try", N.trylock}});
    for (const auto &N : Fn.netRelease)
      NR.push_back(ref(N));
    for (const auto &P : Fn.orderedBases)
      OB.push_back(json::Array{P.first, P.second});
    Fns.push_back(json::Object{{"id", Fn.id}, {"name", Fn.name}, {"s", site(Fn.site)}, {"ctor", Fn.isCtorOrDtor},
                               {"acq", std::move(Acq)}, {"calls", std::move(Calls)}, {"acc", std::move(Acc)},
                               {"spawns", std::move(Sp)}, {"joins", std::move(Jn)}, {"netacq", std::move(NA)},
                               {"netrel", std::move(NR)}, {"ordered", std::move(OB)}});
  }
  json::Array Ord, Gd;
  for (const auto &O : F.orders)
    Ord.push_back(json::Object{{"b", O.before}, {"bn", O.beforeName}, {"a", O.after}, {"an", O.afterName}, {"s", site(O.site)}});
  for (const auto &G : F.guards)
    Gd.push_back(json::Array{G.var, G.lock});
  json::Object Top{{"format", "lockgraph-facts-1"}, {"file", F.file}, {"failed", F.failed}, {"functions", std::move(Fns)},
                   {"recursive", json::Array(F.recursiveLocks)},
                   {"orders", std::move(Ord)}, {"guards", std::move(Gd)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << json::Value(std::move(Top));
  OS.flush();
  return Out;
}

// ---- reading (lenient: missing members take defaults) ---------------------

static std::string str(const json::Object *O, llvm::StringRef K) {
  if (O)
    if (auto S = O->getString(K))
      return S->str();
  return {};
}
static bool boolean(const json::Object *O, llvm::StringRef K) {
  if (O)
    if (auto B = O->getBoolean(K))
      return *B;
  return false;
}
static const json::Array *arr(const json::Object *O, llvm::StringRef K) { return O ? O->getArray(K) : nullptr; }

static Site readSite(const json::Value *V) {
  Site S;
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() < 4)
    return S;
  if (auto F = (*A)[0].getAsString())
    S.file = F->str();
  S.line = static_cast<unsigned>((*A)[1].getAsInteger().value_or(0));
  S.col = static_cast<unsigned>((*A)[2].getAsInteger().value_or(0));
  S.offset = static_cast<unsigned>((*A)[3].getAsInteger().value_or(0));
  return S;
}

static std::vector<Note> readNotes(const json::Array *A) {
  std::vector<Note> N;
  if (A)
    for (const auto &V : *A) {
      const json::Object *O = V.getAsObject();
      N.push_back({readSite(O ? O->get("s") : nullptr), str(O, "m")});
    }
  return N;
}

static ObjRef readRef(const json::Value *V) {
  ObjRef R;
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return R;
  R.root = static_cast<ObjRef::Root>(O->getInteger("r").value_or(ObjRef::Unknown));
  R.rootName = str(O, "n");
  R.display = str(O, "d");
  R.param = static_cast<int>(O->getInteger("i").value_or(-1));
  R.cls = str(O, "c");
  if (const auto *P = O->getArray("p"))
    for (const auto &E : *P)
      if (auto S = E.getAsString())
        R.path.push_back(S->str());
  R.recursive = boolean(O, "rec");
  return R;
}

static std::vector<Held> readHeld(const json::Array *A) {
  std::vector<Held> H;
  if (A)
    for (const auto &V : *A) {
      const json::Object *O = V.getAsObject();
      H.push_back({readRef(O ? O->get("ref") : nullptr), boolean(O, "sh"), boolean(O, "try"), readNotes(arr(O, "notes"))});
    }
  return H;
}

static ArgRef readArg(const json::Value *V) {
  ArgRef A;
  if (V && V->getAsObject())
    A.obj = readRef(V);
  return A;
}

// ---- reading ---------------------------------------------------------------
//
// A JSON reader building llvm::json values in linear time. llvm::json::parse
// grows its arrays in a std::vector<json::Value>, and json::Value's move
// constructor is not noexcept, so every reallocation deep-copies the elements
// already read: on a 6 MB facts file (sqlite3.c) that was 90% of a warm run.
// Here elements wait in a deque and are moved once into a reserved array.
namespace {
class Reader {
public:
  explicit Reader(llvm::StringRef T) : S(T) {}
  bool parse(json::Value &Out, std::string &Err) {
    if (!value(Out, 0) || (ws(), P != S.size())) {
      Err = "malformed JSON at offset " + std::to_string(P);
      return false;
    }
    return true;
  }

private:
  llvm::StringRef S;
  size_t P = 0;
  void ws() {
    while (P < S.size() && (S[P] == ' ' || S[P] == '\n' || S[P] == '\t' || S[P] == '\r'))
      ++P;
  }
  bool lit(llvm::StringRef L) {
    if (!S.substr(P).starts_with(L))
      return false;
    P += L.size();
    return true;
  }
  bool hex4(unsigned &U) {
    if (P + 4 > S.size())
      return false;
    U = 0;
    for (int I = 0; I < 4; ++I) {
      char C = S[P++];
      U <<= 4;
      if (C >= '0' && C <= '9')
        U |= C - '0';
      else if (C >= 'a' && C <= 'f')
        U |= C - 'a' + 10;
      else if (C >= 'A' && C <= 'F')
        U |= C - 'A' + 10;
      else
        return false;
    }
    return true;
  }
  bool string(std::string &Out) {
    if (P >= S.size() || S[P] != '"')
      return false;
    ++P;
    while (P < S.size()) {
      size_t Q = S.find_first_of("\"\\", P);
      if (Q == llvm::StringRef::npos)
        return false;
      Out.append(S.data() + P, Q - P);
      P = Q + 1;
      if (S[Q] == '"')
        return true;
      if (P >= S.size())
        return false;
      char E = S[P++];
      switch (E) {
      case '"': Out += '"'; break;
      case '\\': Out += '\\'; break;
      case '/': Out += '/'; break;
      case 'b': Out += '\b'; break;
      case 'f': Out += '\f'; break;
      case 'n': Out += '\n'; break;
      case 'r': Out += '\r'; break;
      case 't': Out += '\t'; break;
      case 'u': {
        unsigned U;
        if (!hex4(U))
          return false;
        if (U >= 0xD800 && U < 0xDC00) {  // surrogate pair
          unsigned L;
          if (!lit("\\u") || !hex4(L) || L < 0xDC00 || L >= 0xE000)
            return false;
          U = 0x10000 + ((U - 0xD800) << 10) + (L - 0xDC00);
        }
        char Buf[8];
        char *Ptr = Buf;
        if (!llvm::ConvertCodePointToUTF8(U, Ptr))
          return false;
        Out.append(Buf, Ptr - Buf);
        break;
      }
      default: return false;
      }
    }
    return false;
  }
  bool value(json::Value &Out, int Depth) {
    if (Depth > 64)
      return false;
    ws();
    if (P >= S.size())
      return false;
    char C = S[P];
    if (C == '{') {
      ++P;
      json::Object O;
      ws();
      if (P < S.size() && S[P] == '}') {
        ++P;
        Out = std::move(O);
        return true;
      }
      while (true) {
        ws();
        std::string K;
        if (!string(K))
          return false;
        ws();
        if (P >= S.size() || S[P++] != ':')
          return false;
        json::Value V(nullptr);
        if (!value(V, Depth + 1))
          return false;
        O.try_emplace(std::move(K), std::move(V));
        ws();
        if (P < S.size() && S[P] == ',') {
          ++P;
          continue;
        }
        if (P < S.size() && S[P] == '}') {
          ++P;
          Out = std::move(O);
          return true;
        }
        return false;
      }
    }
    if (C == '[') {
      ++P;
      std::deque<json::Value> Items;
      ws();
      if (P < S.size() && S[P] == ']') {
        ++P;
        Out = json::Array();
        return true;
      }
      while (true) {
        Items.emplace_back(nullptr);
        if (!value(Items.back(), Depth + 1))
          return false;
        ws();
        if (P < S.size() && S[P] == ',') {
          ++P;
          continue;
        }
        if (P < S.size() && S[P] == ']') {
          ++P;
          break;
        }
        return false;
      }
      json::Array A;
      A.reserve(Items.size());
      for (auto &I : Items)
        A.push_back(std::move(I));
      Out = std::move(A);
      return true;
    }
    if (C == '"') {
      std::string Str;
      if (!string(Str))
        return false;
      Out = std::move(Str);
      return true;
    }
    if (lit("true")) {
      Out = true;
      return true;
    }
    if (lit("false")) {
      Out = false;
      return true;
    }
    if (lit("null")) {
      Out = nullptr;
      return true;
    }
    size_t B = P;
    if (P < S.size() && S[P] == '-')
      ++P;
    bool Frac = false;
    while (P < S.size() && (isdigit(static_cast<unsigned char>(S[P])) || S[P] == '.' || S[P] == 'e' || S[P] == 'E' ||
                            S[P] == '+' || S[P] == '-')) {
      Frac = Frac || !isdigit(static_cast<unsigned char>(S[P]));
      ++P;
    }
    if (P == B)
      return false;
    std::string N(S.substr(B, P - B));
    if (Frac)
      Out = std::strtod(N.c_str(), nullptr);
    else
      Out = static_cast<int64_t>(std::strtoll(N.c_str(), nullptr, 10));
    return true;
  }
};
}  // namespace

bool fromJSON(const std::string &Text, TUFacts &F, std::string &Err) {
  json::Value Root(nullptr);
  if (!Reader(Text).parse(Root, Err))
    return false;
  const json::Value *Parsed = &Root;
  const json::Object *Top = Parsed->getAsObject();
  if (!Top || str(Top, "format") != "lockgraph-facts-1") {
    Err = "not a lockgraph facts file";
    return false;
  }
  F.file = str(Top, "file");
  F.failed = boolean(Top, "failed");
  if (const auto *Fns = arr(Top, "functions"))
    for (const auto &FV : *Fns) {
      const json::Object *O = FV.getAsObject();
      Function Fn;
      Fn.id = str(O, "id");
      Fn.name = str(O, "name");
      Fn.site = readSite(O ? O->get("s") : nullptr);
      Fn.isCtorOrDtor = boolean(O, "ctor");
      if (const auto *A = arr(O, "acq"))
        for (const auto &V : *A) {
          const json::Object *X = V.getAsObject();
          Acquire A{readRef(X ? X->get("ref") : nullptr), boolean(X, "sh"), boolean(X, "try"), readNotes(arr(X, "notes")), readHeld(arr(X, "held")), {}, boolean(X, "re")};
          if (const auto *R = arr(X, "rel"))
            for (const auto &RV : *R)
              A.released.push_back(readRef(&RV));
          Fn.acquires.push_back(std::move(A));
        }
      if (const auto *A = arr(O, "calls"))
        for (const auto &V : *A) {
          const json::Object *X = V.getAsObject();
          Call C;
          C.callee = str(X, "callee");
          C.calleeName = str(X, "name");
          C.site = readSite(X ? X->get("s") : nullptr);
          C.held = readHeld(arr(X, "held"));
          if (const auto *Args = arr(X, "args"))
            for (const auto &AV : *Args)
              C.args.push_back(readArg(&AV));
          C.thisArg = readArg(X ? X->get("this") : nullptr);
          if (const auto *R = arr(X, "rel"))
            for (const auto &RV : *R)
              C.released.push_back(readRef(&RV));
          Fn.calls.push_back(std::move(C));
        }
      if (const auto *A = arr(O, "acc"))
        for (const auto &V : *A) {
          const json::Object *X = V.getAsObject();
          Access Ac;
          Ac.var = str(X, "var");
          Ac.name = str(X, "name");
          Ac.kind = static_cast<AccessKind>(X ? X->getInteger("k").value_or(0) : 0);
          Ac.sharedRoot = boolean(X, "shr");
          Ac.split = boolean(X, "split");
          Ac.unnamedLock = boolean(X, "un");
          Ac.site = readSite(X ? X->get("s") : nullptr);
          Ac.held = readHeld(arr(X, "held"));
          Fn.accesses.push_back(std::move(Ac));
        }
      if (const auto *A = arr(O, "spawns"))
        for (const auto &V : *A) {
          const json::Object *X = V.getAsObject();
          Fn.spawns.push_back({str(X, "entry"), str(X, "name"), readSite(X ? X->get("s") : nullptr), boolean(X, "multi")});
        }
      if (const auto *A = arr(O, "joins"))
        for (const auto &V : *A)
          Fn.joins.push_back(readSite(&V));
      if (const auto *A = arr(O, "netacq"))
        for (const auto &V : *A) {
          const json::Object *X = V.getAsObject();
          Fn.netAcquire.push_back({readRef(X ? X->get("ref") : nullptr), boolean(X, "sh"), boolean(X, "try")});
        }
      if (const auto *A = arr(O, "netrel"))
        for (const auto &V : *A)
          Fn.netRelease.push_back(readRef(&V));
      if (const auto *A = arr(O, "ordered"))
        for (const auto &V : *A)
          if (const auto *P = V.getAsArray(); P && P->size() == 2)
            Fn.orderedBases.emplace_back((*P)[0].getAsString().value_or("").str(), (*P)[1].getAsString().value_or("").str());
      F.functions.push_back(std::move(Fn));
    }
  if (const auto *A = arr(Top, "recursive"))
    for (const auto &V : *A)
      if (auto S = V.getAsString())
        F.recursiveLocks.push_back(S->str());
  if (const auto *A = arr(Top, "orders"))
    for (const auto &V : *A) {
      const json::Object *X = V.getAsObject();
      F.orders.push_back({str(X, "b"), str(X, "bn"), str(X, "a"), str(X, "an"), readSite(X ? X->get("s") : nullptr)});
    }
  if (const auto *A = arr(Top, "guards"))
    for (const auto &V : *A)
      if (const auto *P = V.getAsArray(); P && P->size() == 2)
        F.guards.push_back({(*P)[0].getAsString().value_or("").str(), (*P)[1].getAsString().value_or("").str()});
  return true;
}

}  // namespace lockgraph
