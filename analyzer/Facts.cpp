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

bool conditionsAtCall(const std::vector<ParamCond> &When, const std::vector<ArgRef> &Args,
                      std::vector<ParamCond> &Out) {
  for (const auto &C : When) {
    if (C.param < 0 || static_cast<size_t>(C.param) >= Args.size())
      continue;
    const ArgRef &A = Args[C.param];
    if (A.constant) {
      if ((*A.constant == C.k) != C.eq)
        return false;
      continue;
    }
    if (A.obj && A.obj->root == ObjRef::Param && A.obj->path.empty())
      Out.push_back({A.obj->param, C.eq, C.k});
  }
  return true;
}

// ---- writing -------------------------------------------------------------
//
// Written directly as text, the bytes llvm::json would print for the same
// values (keys in sorted order, no spaces, its escapes; invalid UTF-8 repaired
// as json::Value would): building a json::Value tree first cost 3 s and 350 MB
// on sqlite3.c's 6 MB of facts (every array growth deep-copies its elements).
namespace {
class Writer {
public:
  std::string Out;
  void str(llvm::StringRef S) {
    if (LLVM_UNLIKELY(!json::isUTF8(S))) {
      std::string Fixed = json::fixUTF8(S);
      return quote(Fixed);
    }
    quote(S);
  }
  void num(int64_t V) { Out += std::to_string(V); }
  void boolean(bool B) { Out += B ? "true" : "false"; }
  void key(llvm::StringRef K) {  // `K` is a sorted literal: no escapes needed
    sep();
    Out += '"';
    Out.append(K.data(), K.size());
    Out += "\":";
    First = true;  // the value follows without a comma
  }
  void open(char C) {
    sep();
    Out += C;
    First = true;
  }
  void close(char C) {
    Out += C;
    First = false;
  }
  // before every value and key: a comma unless first in its container
  void sep() {
    if (!First)
      Out += ',';
    First = false;
  }
  void val(llvm::StringRef S) {
    sep();
    str(S);
  }
  void val(int64_t V) {
    sep();
    num(V);
  }
  void valb(bool B) {
    sep();
    boolean(B);
  }
  void null() {
    sep();
    Out += "null";
  }

private:
  bool First = true;
  void quote(llvm::StringRef S) {
    Out += '"';
    for (unsigned char C : S) {
      if (C == 0x22 || C == 0x5C)
        Out += '\\';
      if (C >= 0x20) {
        Out += static_cast<char>(C);
        continue;
      }
      Out += '\\';
      switch (C) {
      case '\t': Out += 't'; break;
      case '\n': Out += 'n'; break;
      case '\r': Out += 'r'; break;
      default: {
        static const char Hex[] = "0123456789abcdef";
        Out += "u00";
        Out += Hex[C >> 4];
        Out += Hex[C & 15];
      }
      }
    }
    Out += '"';
  }
};

void site(Writer &W, const Site &S) {
  W.open('[');
  W.val(S.file);
  W.val(static_cast<int64_t>(S.line));
  W.val(static_cast<int64_t>(S.col));
  W.val(static_cast<int64_t>(S.offset));
  W.close(']');
}

void notes(Writer &W, const std::vector<Note> &N) {
  W.open('[');
  for (const auto &X : N) {
    W.open('{');
    W.key("m"), W.val(X.message);
    W.key("s"), site(W, X.site);
    W.close('}');
  }
  W.close(']');
}

void ref(Writer &W, const ObjRef &R) {
  W.open('{');
  if (!R.cls.empty())
    W.key("c"), W.val(R.cls);
  if (!R.display.empty())
    W.key("d"), W.val(R.display);
  if (R.fresh)
    W.key("fr"), W.valb(true);
  if (R.param >= 0)
    W.key("i"), W.val(static_cast<int64_t>(R.param));
  if (!R.rootName.empty())
    W.key("n"), W.val(R.rootName);
  if (!R.path.empty()) {
    W.key("p"), W.open('[');
    for (const auto &E : R.path)
      W.val(E);
    W.close(']');
  }
  W.key("r"), W.val(static_cast<int64_t>(R.root));
  if (R.recursive)
    W.key("rec"), W.valb(true);
  W.close('}');
}

void refs(Writer &W, const std::vector<ObjRef> &Rs) {
  W.open('[');
  for (const auto &R : Rs)
    ref(W, R);
  W.close(']');
}

void held(Writer &W, const std::vector<Held> &H) {
  W.open('[');
  for (const auto &X : H) {
    W.open('{');
    W.key("notes"), notes(W, X.notes);
    W.key("ref"), ref(W, X.ref);
    W.key("sh"), W.valb(X.shared);
    W.key("try"), W.valb(X.trylock);
    W.close('}');
  }
  W.close(']');
}

void arg(Writer &W, const ArgRef &A) {
  if (A.obj)
    ref(W, *A.obj);
  else if (A.constant)
    W.val(static_cast<int64_t>(*A.constant));
  else
    W.null();
}

void when(Writer &W, const std::vector<ParamCond> &C) {
  W.open('[');
  for (const auto &X : C) {
    W.open('[');
    W.val(static_cast<int64_t>(X.param));
    W.valb(X.eq);
    W.val(static_cast<int64_t>(X.k));
    W.close(']');
  }
  W.close(']');
}

void pair(Writer &W, const std::string &A, const std::string &B) {
  W.open('[');
  W.val(A);
  W.val(B);
  W.close(']');
}

void function(Writer &W, const Function &Fn) {
  W.open('{');
  W.key("acc"), W.open('[');
  for (const auto &A : Fn.accesses) {
    W.open('{');
    W.key("held"), held(W, A.held);
    W.key("k"), W.val(static_cast<int64_t>(A.kind));
    W.key("name"), W.val(A.name);
    W.key("s"), site(W, A.site);
    W.key("shr"), W.valb(A.sharedRoot);
    W.key("split"), W.valb(A.split);
    W.key("un"), W.valb(A.unnamedLock);
    W.key("var"), W.val(A.var);
    W.close('}');
  }
  W.close(']');
  W.key("acq"), W.open('[');
  for (const auto &A : Fn.acquires) {
    W.open('{');
    W.key("held"), held(W, A.held);
    W.key("notes"), notes(W, A.notes);
    if (A.reacquire)
      W.key("re"), W.valb(true);
    W.key("ref"), ref(W, A.ref);
    if (!A.released.empty())
      W.key("rel"), refs(W, A.released);
    W.key("sh"), W.valb(A.shared);
    W.key("try"), W.valb(A.trylock);
    if (!A.when.empty())
      W.key("when"), when(W, A.when);
    W.close('}');
  }
  W.close(']');
  W.key("calls"), W.open('[');
  for (const auto &C : Fn.calls) {
    W.open('{');
    W.key("args"), W.open('[');
    for (const auto &X : C.args)
      arg(W, X);
    W.close(']');
    W.key("callee"), W.val(C.callee);
    W.key("held"), held(W, C.held);
    W.key("name"), W.val(C.calleeName);
    if (!C.released.empty())
      W.key("rel"), refs(W, C.released);
    W.key("s"), site(W, C.site);
    W.key("this"), arg(W, C.thisArg);
    if (!C.when.empty())
      W.key("when"), when(W, C.when);
    W.close('}');
  }
  W.close(']');
  W.key("ctor"), W.valb(Fn.isCtorOrDtor);
  W.key("id"), W.val(Fn.id);
  bool AnyJoinHandle = false;
  for (const auto &H : Fn.joinHandles)
    AnyJoinHandle = AnyJoinHandle || !H.empty();
  if (AnyJoinHandle) {  // "jh": the handle of each join (absent in older facts)
    W.key("jh"), W.open('[');
    for (const auto &H : Fn.joinHandles)
      W.val(H);
    W.close(']');
  }
  W.key("joins"), W.open('[');
  for (const auto &J : Fn.joins)
    site(W, J);
  W.close(']');
  W.key("name"), W.val(Fn.name);
  W.key("netacq"), W.open('[');
  for (const auto &N : Fn.netAcquire) {
    W.open('{');
    W.key("ref"), ref(W, N.ref);
    W.key("sh"), W.valb(N.shared);
    W.key("try"), W.valb(N.trylock);
    W.close('}');
  }
  W.close(']');
  W.key("netrel"), refs(W, Fn.netRelease);
  W.key("ordered"), W.open('[');
  for (const auto &P : Fn.orderedBases)
    pair(W, P.first, P.second);
  W.close(']');
  W.key("s"), site(W, Fn.site);
  W.key("spawns"), W.open('[');
  for (const auto &S : Fn.spawns) {
    W.open('{');
    W.key("entry"), W.val(S.entry);
    if (!S.handle.empty())
      W.key("h"), W.val(S.handle);
    W.key("multi"), W.valb(S.multi);
    W.key("name"), W.val(S.entryName);
    W.key("s"), site(W, S.site);
    W.close('}');
  }
  W.close(']');
  W.close('}');
}
}  // namespace

std::string toJSON(const TUFacts &F) {
  Writer W;
  W.open('{');
  W.key("failed"), W.valb(F.failed);
  W.key("file"), W.val(F.file);
  W.key("format"), W.val("lockgraph-facts-1");
  W.key("functions"), W.open('[');
  for (const auto &Fn : F.functions)
    function(W, Fn);
  W.close(']');
  W.key("guards"), W.open('[');
  for (const auto &G : F.guards)
    pair(W, G.var, G.lock);
  W.close(']');
  W.key("orders"), W.open('[');
  for (const auto &O : F.orders) {
    W.open('{');
    W.key("a"), W.val(O.after);
    W.key("an"), W.val(O.afterName);
    W.key("b"), W.val(O.before);
    W.key("bn"), W.val(O.beforeName);
    W.key("s"), site(W, O.site);
    W.close('}');
  }
  W.close(']');
  W.key("recursive"), W.open('[');
  for (const auto &R : F.recursiveLocks)
    W.val(R);
  W.close(']');
  W.close('}');
  return std::move(W.Out);
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
  R.fresh = boolean(O, "fr");
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
  else if (V)
    if (auto K = V->getAsInteger())
      A.constant = *K;
  return A;
}

static std::vector<ParamCond> readWhen(const json::Array *A) {
  std::vector<ParamCond> C;
  if (A)
    for (const auto &V : *A)
      if (const json::Array *X = V.getAsArray(); X && X->size() == 3)
        C.push_back({static_cast<int>((*X)[0].getAsInteger().value_or(-1)), (*X)[1].getAsBoolean().value_or(true),
                     (*X)[2].getAsInteger().value_or(0)});
  return C;
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
          A.when = readWhen(arr(X, "when"));
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
          C.when = readWhen(arr(X, "when"));
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
          Fn.spawns.push_back({str(X, "entry"), str(X, "name"), readSite(X ? X->get("s") : nullptr), boolean(X, "multi"), str(X, "h")});
        }
      if (const auto *A = arr(O, "joins"))
        for (const auto &V : *A)
          Fn.joins.push_back(readSite(&V));
      if (const auto *A = arr(O, "jh"))
        for (const auto &V : *A)
          Fn.joinHandles.push_back(V.getAsString() ? V.getAsString()->str() : std::string());
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
