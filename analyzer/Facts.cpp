// JSON form of the per-TU facts (the facts cache and --emit-facts/--merge).
#include "Facts.h"

#include "FileIO.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <limits>
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
  if (globalInstance())
    return rootName + "." + joinPath(path);
  return classKey();
}

std::string ObjRef::classKey() const {
  if (!path.empty())
    return cls + "::" + joinPath(path);
  if (root == Global)
    return rootName;
  return {};
}

std::string ObjRef::tailKey() const {
  if (hopAt == 0 || hopAt >= path.size() || hopCls.empty())
    return classKey();
  return hopCls + "::" + joinPath(std::vector<std::string>(path.begin() + hopAt, path.end()));
}

std::string ObjRef::name() const {
  if (!path.empty()) {
    // the sole lock of a wrapper struct is shown as the struct: '_slave_mutex',
    // 'client_t::mutex' (not '...mutex.sys_mutex'); the class's own field stays 'mutex_t::sys_mutex'
    bool G = globalInstance();
    size_t Hidden = sole ? 1 + static_cast<size_t>(wrapped) : 0;
    size_t Keep = G ? 0 : 1;  // a class-wide name keeps one field: 'client_t::mutex'
    size_t Shown = path.size() > Hidden + Keep ? path.size() - Hidden : std::min(path.size(), Keep);
    std::string N = G ? (display.empty() ? rootName : display) : cls + "::";
    // below a global pointer ("*g"): 'g->mu', as the source writes it
    const char *First = G && !rootName.empty() && rootName[0] == '*' ? "->" : ".";
    // and the field the last pointer leads to after '->': 'pair.first->mtx'
    for (size_t I = 0; I < Shown; ++I)
      N += (I == 0 ? (G ? First : "") : (G && I == hopAt ? "->" : ".")) + path[I];
    return N;
  }
  switch (root) {
  case Global: return display.empty() ? rootName : display;
  case Param: return display.empty() ? "param#" + std::to_string(param) : display;
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

namespace {
// The pieces whose concatenation is R.ident() (key, '@', base; or the base alone), without
// building it: Buf holds a parameter's number.
void identPieces(const ObjRef &R, llvm::SmallVectorImpl<llvm::StringRef> &P, char (&Buf)[24]) {
  if (!R.path.empty()) {
    bool G = R.globalInstance();
    P.push_back(G ? llvm::StringRef(R.rootName) : llvm::StringRef(R.cls));
    P.push_back(G ? "." : "::");
    bool Any = false;  // joinPath: a '.' before each element once the path so far is not empty
    for (const auto &E : R.path) {
      if (Any)
        P.push_back(".");
      P.push_back(E);
      Any = Any || !E.empty();
    }
    P.push_back("@");
  }
  switch (R.root) {
  case ObjRef::Global: P.push_back("G:"), P.push_back(R.rootName); break;
  case ObjRef::Param: {
    int N = std::snprintf(Buf, sizeof Buf, "%d", R.param);
    P.push_back("P"), P.push_back(llvm::StringRef(Buf, N > 0 ? static_cast<size_t>(N) : 0));
    break;
  }
  case ObjRef::This: P.push_back("T"); break;
  case ObjRef::Local: P.push_back("L:"), P.push_back(R.rootName); break;
  case ObjRef::Unknown: break;
  }
}
}  // namespace

std::string ObjRef::ident() const {
  llvm::SmallVector<llvm::StringRef, 16> P;
  char Buf[24];
  identPieces(*this, P, Buf);
  size_t N = 0;
  for (auto S : P)
    N += S.size();
  std::string I;
  I.reserve(N);
  for (auto S : P)
    I.append(S.data(), S.size());
  return I;
}

bool ObjRef::sameIdent(const ObjRef &O) const {
  llvm::SmallVector<llvm::StringRef, 16> A, B;
  char BufA[24], BufB[24];
  identPieces(*this, A, BufA);
  identPieces(O, B, BufB);
  size_t I = 0, J = 0, Ia = 0, Jb = 0;  // piece and offset in it, on each side
  while (true) {
    while (I < A.size() && Ia == A[I].size())
      ++I, Ia = 0;
    while (J < B.size() && Jb == B[J].size())
      ++J, Jb = 0;
    if (I == A.size() || J == B.size())
      return I == A.size() && J == B.size();
    size_t N = std::min(A[I].size() - Ia, B[J].size() - Jb);
    if (A[I].substr(Ia, N) != B[J].substr(Jb, N))
      return false;
    Ia += N, Jb += N;
  }
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
  // a field of a struct passed by value that points to a known object (ArgRef::fields)
  if (A && R.root == ObjRef::Param && !R.path.empty())
    if (auto F = A->fields.find(R.path[0]); F != A->fields.end()) {
      ObjRef X = F->second;
      if (R.hopAt > 0) {  // the callee's hop below the field's referent
        X.hopAt = static_cast<uint8_t>(std::min<size_t>(X.path.size() + R.hopAt - 1, 255));
        X.hopCls = R.hopCls;
      }
      X.path.insert(X.path.end(), R.path.begin() + 1, R.path.end());
      X.recursive = X.recursive || R.recursive;
      if (!R.inner.empty())
        X.inner = R.inner;
      if (R.path.size() > 1)
        X.sole = R.sole, X.wrapped = R.wrapped;
      if ((X.root == ObjRef::Local || X.root == ObjRef::Unknown) && X.path.empty())
        return std::nullopt;
      return X;
    }
  if (!A || !A->obj)
    return std::nullopt;
  if (A->obj->root == ObjRef::Unknown && A->obj->path.empty() && !A->obj->cls.empty() && !R.path.empty()) {
    ObjRef X = R;  // an unnamed instance of a known class (a member's referent): its class's lock
    X.root = ObjRef::Unknown;
    X.param = -1;
    X.rootName.clear();
    return X;
  }
  ObjRef X = *A->obj;
  if (X.path.empty()) {
    X.cls = R.cls;
    for (size_t K = 2; K < X.embeds.size() && !R.path.empty(); K += 2)
      if (X.embeds[K] == R.cls) {  // the callee's lock of a first member's record
        X.cls = X.embeds[0];
        for (size_t I = 1; I < K; I += 2)
          X.path.push_back(X.embeds[I]);
        break;
      }
  }
  X.embeds.clear();
  // the argument's object holds the callee's fields; a hop of the callee's, or an argument
  // that is the referent of its last field (hopAt == its path's size), starts the tail anew
  if (!R.path.empty() && (R.hopAt > 0 || X.hopAt >= X.path.size())) {
    X.hopAt = static_cast<uint8_t>(std::min<size_t>(X.path.size() + R.hopAt, 255));
    X.hopCls = R.hopAt > 0 ? R.hopCls : R.cls;
  }
  X.path.insert(X.path.end(), R.path.begin(), R.path.end());
  X.recursive = X.recursive || R.recursive;
  if (!R.inner.empty())
    X.inner = R.inner;
  else if (R.path.empty() && X.inner.empty() && !X.path.empty())
    X.inner = X.classKey();  // the callee locks what it is given: the field the caller names it by
  if (!R.path.empty())
    X.sole = R.sole, X.wrapped = R.wrapped;
  if ((X.root == ObjRef::Local || X.root == ObjRef::Unknown) && X.path.empty())
    return std::nullopt;
  return X;
}

bool conditionsAtCall(const std::vector<ParamCond> &When, const std::vector<ArgRef> &Args,
                      std::vector<ParamCond> &Out, const ArgRef *This) {
  for (const auto &C : When) {
    if (C.param == ParamCond::ThisObject) {
      if (!This || C.path.empty())
        continue;
      for (const auto &F : This->fieldFacts)
        if (F.path == C.path) {
          ParamCond X = F;
          X.param = C.param;
          if (contradicts(X, C))
            return false;
        }
      // a method calling one of its own object's: the condition is on its own object too
      if (This->obj && This->obj->root == ObjRef::This && This->obj->path.empty() &&
          std::find(Out.begin(), Out.end(), C) == Out.end())
        Out.push_back(C);
      continue;
    }
    if (C.param < 0 || static_cast<size_t>(C.param) >= Args.size())
      continue;
    const ArgRef &A = Args[C.param];
    if (!C.path.empty()) {  // a field at the callee's entry: what the call's path knows of it
      for (const auto &F : A.fieldFacts)
        if (F.path == C.path) {
          ParamCond X = F;
          X.param = C.param;
          if (contradicts(X, C))
            return false;
        }
      continue;  // never passed up (conditionsAtCall's contract)
    }
    if (C.first) {  // the first character of a string: a literal decides it
      if (A.first) {
        if (!C.admits(*A.first))
          return false;
      } else if (A.obj && A.obj->root == ObjRef::Param && A.obj->path.empty()) {
        ParamCond Up = C;
        Up.param = A.obj->param;
        for (const auto &O : Out)
          if (O.param == Up.param && contradicts(O, Up))
            return false;
        Out.push_back(Up);
      }
      continue;
    }
    if (A.constant) {
      if (!C.admits(*A.constant))
        return false;
      continue;
    }
    if (A.bitsSet || A.bitsClear) {  // `flags | K`: the bits K decides, the others are the value's
      long long Forced = (A.bitsSet | A.bitsClear) & C.mask;
      if (C.mask && Forced == C.mask) {  // a test of decided bits only: bitsSet has them as they are
        if (!C.admits(A.bitsSet))
          return false;
        continue;
      }
      if (!C.mask && A.bitsSet && C.k == 0 && C.alt.empty()) {  // some bit set: not zero
        if (C.eq)
          return false;
        continue;
      }
      if (!C.mask || Forced)
        continue;  // the value the bits were applied to decides with them: may hold
    }
    if (A.nonNull && C.mask == 0 && C.k == 0 && C.alt.empty()) {  // p == NULL never, p != NULL always
      if (C.eq)
        return false;
      continue;
    }
    if (A.obj && A.obj->root == ObjRef::Param && A.obj->path.empty()) {
      ParamCond Up{A.obj->param, C.eq, C.k, C.mask};
      Up.alt = C.alt;
      // against what the call's own path knows of that parameter (`if (!dolock) lock(m);
      // bind_result(op, dolock)` with bind_result locking `if (dolock)`)
      for (const auto &O : Out)
        if (O.param == Up.param && contradicts(O, Up))
          return false;
      Out.push_back(Up);
    }
  }
  return true;
}

bool contradicts(const ParamCond &A, const ParamCond &B) {
  if (A.param != B.param || A.first != B.first || A.path != B.path)
    return false;
  if (!A.alt.empty() || !B.alt.empty()) {  // one of several values
    // every value one side allows (an `==` test of one value or several, known whole or with
    // the other's mask) fails the other
    auto none = [](const ParamCond &Set, const ParamCond &O) {
      if (!Set.eq || (Set.mask && Set.mask != O.mask) || O.admits(Set.k))
        return false;
      return std::none_of(Set.alt.begin(), Set.alt.end(), [&](long long V) { return O.admits(V); });
    };
    return none(A, B) || none(B, A);
  }
  if (A.mask == B.mask)
    return A.eq && B.eq ? A.k != B.k : (A.eq != B.eq && A.k == B.k);
  // a value known exactly (no mask) decides a test of some of its bits
  if (A.mask == 0 && A.eq)
    return ((A.k & B.mask) == B.k) != B.eq;
  if (B.mask == 0 && B.eq)
    return ((B.k & A.mask) == A.k) != A.eq;
  return false;
}

// ---- writing -------------------------------------------------------------
//
// Written directly as text (keys in sorted order, no spaces): building a
// json::Value tree first cost 3 s and 350 MB on sqlite3.c's 6 MB of facts (every
// array growth deep-copies its elements). Strings that are not UTF-8 (file names)
// keep their bytes as \udcXX escapes (appendJsonString), read back by the Reader.
namespace {
class Writer {
public:
  std::string Out;
  void str(llvm::StringRef S) { appendJsonString(Out, S.str()); }
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
  if (R.automatic)
    W.key("au"), W.valb(true);
  if (!R.embeds.empty()) {
    W.key("em"), W.open('[');
    for (const auto &E : R.embeds)
      W.val(E);
    W.close(']');
  }
  if (R.recursive)
    W.key("rec"), W.valb(true);
  if (R.sole)
    W.key("so"), W.valb(true);
  if (R.sole && R.wrapped)
    W.key("sw"), W.val(static_cast<int64_t>(R.wrapped));
  if (!R.inner.empty() && R.inner != R.classKey())
    W.key("ik"), W.val(R.inner);
  if (R.hopAt > 0)
    W.key("ha"), W.val(static_cast<int64_t>(R.hopAt)), W.key("hc"), W.val(R.hopCls);
  W.close('}');
}

// Locks a function (or a lock table's function) holds at exit that it did not hold at entry.
void when(Writer &W, const std::vector<ParamCond> &C);

void netEffects(Writer &W, const std::vector<NetEffect> &Ns) {
  W.open('[');
  for (const auto &N : Ns) {
    W.open('{');
    W.key("ref"), ref(W, N.ref);
    W.key("sh"), W.valb(N.shared);
    W.key("try"), W.valb(N.trylock);
    if (N.checked)
      W.key("ck"), W.valb(true);
    if (!N.when.empty())
      W.key("when"), when(W, N.when);
    W.close('}');
  }
  W.close(']');
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
    if (X.some)
      W.key("some"), W.valb(true);
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
    bool Alt = !X.alt.empty();
    if (X.mask || X.first || !X.path.empty() || Alt)
      W.val(static_cast<int64_t>(X.mask));
    if (X.first || !X.path.empty() || Alt)  // of the string's first character
      W.valb(X.first);
    if (!X.path.empty() || Alt) {  // of a field of the object (ParamCond::path)
      W.open('[');
      for (const auto &F : X.path)
        W.val(F);
      W.close(']');
    }
    if (Alt) {  // the other values of an `==` test of several (ParamCond::alt)
      W.open('[');
      for (long long V : X.alt)
        W.val(static_cast<int64_t>(V));
      W.close(']');
    }
    W.close(']');
  }
  W.close(']');
}

// What a path knows of a field (ArgRef::fieldFacts, TUFacts::memberModes): [field, ...],
// equal, constant, mask.
void fieldFact(Writer &W, const ParamCond &F) {
  W.open('[');
  for (const auto &N : F.path)
    W.val(N);
  W.close(']');
  W.valb(F.eq);
  W.val(static_cast<int64_t>(F.k));
  W.val(static_cast<int64_t>(F.mask));
}

void strs(Writer &W, const std::vector<std::string> &V) {
  W.open('[');
  for (const auto &X : V)
    W.val(X);
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
    if (A.globalObject)
      W.key("gob"), W.valb(true);
    W.key("held"), held(W, A.held);
    W.key("k"), W.val(static_cast<int64_t>(A.kind));
    W.key("name"), W.val(A.name);
    if (A.param >= 0)
      W.key("prm"), W.val(static_cast<int64_t>(A.param));
    W.key("s"), site(W, A.site);
    W.key("shr"), W.valb(A.sharedRoot);
    W.key("split"), W.valb(A.split);
    W.key("un"), W.valb(A.unnamedLock);
    if (A.modeOff)
      W.key("mo"), W.valb(true);
    if (!A.unless.empty()) {
      W.key("unl"), W.open('[');
      for (const auto &X : A.unless)
        W.val(X);
      W.close(']');
    }
    if (A.unpub) {
      W.key("up"), W.open('[');
      for (const auto &X : *A.unpub)
        W.val(X);
      W.close(']');
    }
    W.key("var"), W.val(A.var);
    if (!A.when.empty())
      W.key("when"), when(W, A.when);
    W.close('}');
  }
  W.close(']');
  W.key("acq"), W.open('[');
  for (const auto &A : Fn.acquires) {
    W.open('{');
    if (A.dying)
      W.key("dy"), W.valb(true);
    W.key("held"), held(W, A.held);
    W.key("notes"), notes(W, A.notes);
    if (A.reacquire)
      W.key("re"), W.valb(true);
    W.key("ref"), ref(W, A.ref);
    if (!A.released.empty())
      W.key("rel"), refs(W, A.released);
    W.key("sh"), W.valb(A.shared);
    if (A.teardown)
      W.key("td"), W.valb(true);
    W.key("try"), W.valb(A.trylock);
    if (!A.unless.empty())
      W.key("unl"), strs(W, A.unless);
    if (!A.when.empty())
      W.key("when"), when(W, A.when);
    W.close('}');
  }
  W.close(']');
  if (Fn.allocIf) {
    W.key("alloc"), W.open('[');
    for (const auto &X : *Fn.allocIf)
      W.val(X);
    W.close(']');
  }
  W.key("calls"), W.open('[');
  for (const auto &C : Fn.calls) {
    W.open('{');
    {
      bool Any = !C.thisArg.fieldFacts.empty();
      for (const auto &X : C.args)
        Any = Any || !X.fieldFacts.empty();
      if (Any) {  // [[argument index (-1: the object), [field, ...], equal, constant, mask], ...]
        W.key("af"), W.open('[');
        for (size_t I = 0; I <= C.args.size(); ++I)
          for (const auto &F : I == 0 ? C.thisArg.fieldFacts : C.args[I - 1].fieldFacts) {
            W.open('[');
            W.val(static_cast<int64_t>(I) - 1);
            fieldFact(W, F);
            W.close(']');
          }
        W.close(']');
      }
    }
    W.key("args"), W.open('[');
    for (const auto &X : C.args)
      arg(W, X);
    W.close(']');
    W.key("callee"), W.val(C.callee);
    if (C.dying)
      W.key("dy"), W.valb(true);
    if (!C.flagsDirty.empty())
      W.key("fdirty"), strs(W, C.flagsDirty);
    if (!C.flagsSet.empty())
      W.key("fset"), strs(W, C.flagsSet);
    W.key("held"), held(W, C.held);
    if (C.forkChild)
      W.key("fc"), W.valb(true);
    if (C.loop)
      W.key("loop"), W.valb(true);
    W.key("name"), W.val(C.calleeName);
    {
      bool Any = false;
      for (const auto &X : C.args)
        Any = Any || (X.nonNull && !X.constant);
      if (Any) {
        W.key("nn"), W.open('[');
        for (size_t I = 0; I < C.args.size(); ++I)
          if (C.args[I].nonNull && !C.args[I].constant)
            W.val(static_cast<int64_t>(I));
        W.close(']');
      }
    }
    if (!C.released.empty())
      W.key("rel"), refs(W, C.released);
    W.key("s"), site(W, C.site);
    {
      bool Any = false;
      for (const auto &X : C.args)
        Any = Any || X.bitsSet || X.bitsClear;
      if (Any) {  // [[argument index, bits set, bits clear], ...]
        W.key("bits"), W.open('[');
        for (size_t I = 0; I < C.args.size(); ++I)
          if (C.args[I].bitsSet || C.args[I].bitsClear) {
            W.open('[');
            W.val(static_cast<int64_t>(I));
            W.val(static_cast<int64_t>(C.args[I].bitsSet));
            W.val(static_cast<int64_t>(C.args[I].bitsClear));
            W.close(']');
          }
        W.close(']');
      }
    }
    {
      bool Any = false;
      for (const auto &X : C.args)
        Any = Any || X.first;
      if (Any) {  // [[argument index, first character], ...]
        W.key("s0"), W.open('[');
        for (size_t I = 0; I < C.args.size(); ++I)
          if (C.args[I].first) {
            W.open('[');
            W.val(static_cast<int64_t>(I));
            W.val(static_cast<int64_t>(*C.args[I].first));
            W.close(']');
          }
        W.close(']');
      }
    }
    W.key("this"), arg(W, C.thisArg);
    if (!C.unless.empty())
      W.key("unl"), strs(W, C.unless);
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
  if (!Fn.joinClasses.empty())  // "jk": handles behind pointers joined
    W.key("jk"), strs(W, Fn.joinClasses);
  W.key("joins"), W.open('[');
  for (const auto &J : Fn.joins)
    site(W, J);
  W.close(']');
  if (!Fn.keeps.empty()) {  // [[param, cond...], ...]
    W.key("keeps"), W.open('[');
    for (const auto &[P, Conds] : Fn.keeps) {
      W.open('[');
      W.val(static_cast<int64_t>(P));
      for (const auto &X : Conds)
        W.val(X);
      W.close(']');
    }
    W.close(']');
  }
  W.key("name"), W.val(Fn.name);
  W.key("netacq"), netEffects(W, Fn.netAcquire);
  W.key("netrel"), refs(W, Fn.netRelease);
  W.key("ordered"), W.open('[');
  for (const auto &P : Fn.orderedBases)
    pair(W, P.first, P.second);
  W.close(']');
  if (std::any_of(Fn.releaseWhen.begin(), Fn.releaseWhen.end(), [](const auto &X) { return !X.empty(); })) {
    W.key("relw"), W.open('[');  // "relw": parallel to "netrel" (absent: all unconditional)
    for (const auto &X : Fn.releaseWhen)
      when(W, X);
    W.close(']');
  }
  if (!Fn.apartBases.empty()) {
    W.key("apart"), W.open('[');
    for (const auto &P : Fn.apartBases)
      pair(W, P.first, P.second);
    W.close(']');
  }
  if (!Fn.overrides.empty()) {  // "ovr": the methods it overrides (absent in older facts)
    W.key("ovr"), W.open('[');
    for (const auto &O : Fn.overrides)
      W.val(O);
    W.close(']');
  }
  if (!Fn.tearsDown.empty()) {  // "td": parameters torn down (absent in older facts)
    W.key("td"), W.open('[');
    for (int P : Fn.tearsDown)
      W.val(static_cast<int64_t>(P));
    W.close(']');
  }
  if (!Fn.retFields.empty()) {  // [[field, ref], ...]
    W.key("rf"), W.open('[');
    for (const auto &[F, R] : Fn.retFields) {
      W.open('[');
      W.val(F);
      ref(W, R);
      W.close(']');
    }
    W.close(']');
  }
  W.key("s"), site(W, Fn.site);
  if (!Fn.selfHandles.empty()) {  // "self": handles given pthread_self() (absent in older facts)
    W.key("self"), W.open('[');
    for (const auto &H : Fn.selfHandles)
      W.val(H);
    W.close(']');
  }
  W.key("spawns"), W.open('[');
  for (const auto &S : Fn.spawns) {
    W.open('{');
    if (S.closed)
      W.key("cl"), W.valb(true);
    W.key("entry"), W.val(S.entry);
    if (S.forkChild)
      W.key("fc"), W.valb(true);
    if (!S.hands.empty())
      W.key("hands"), refs(W, S.hands);
    if (S.once)
      W.key("once"), W.valb(true);
    if (!S.handle.empty())
      W.key("h"), W.val(S.handle);
    if (!S.handleClass.empty())
      W.key("hk"), W.val(S.handleClass);
    W.key("multi"), W.valb(S.multi);
    W.key("name"), W.val(S.entryName);
    W.key("s"), site(W, S.site);
    if (!S.via.empty())
      W.key("via"), W.val(S.via);
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
  if (!F.indirectCalls.empty()) {
    W.key("fpcalls"), W.open('[');
    for (const auto &K : F.indirectCalls)
      W.val(K);
    W.close(']');
  }
  if (!F.lockTables.empty()) {
    W.key("fptables"), W.open('[');
    for (const auto &T : F.lockTables) {
      W.open('{');
      W.key("impl"), W.val(T.impl);
      W.key("key"), W.val(T.key);
      W.key("netacq"), netEffects(W, T.netAcquire);
      W.key("netrel"), refs(W, T.netRelease);
      if (T.method)
        W.key("method"), W.valb(true);
      W.close('}');
    }
    W.close(']');
  }
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
  if (!F.programs.empty()) {
    W.key("programs"), W.open('[');
    for (const auto &P : F.programs)
      W.val(P);
    W.close(']');
  }
  W.key("recursive"), W.open('[');
  for (const auto &R : F.recursiveLocks)
    W.val(R);
  W.close(']');
  if (!F.modeWritten.empty())
    W.key("mwritten"), strs(W, F.modeWritten);
  if (!F.memberModes.empty()) {  // [[member key, [[[field, ...], equal, constant, mask], ...]], ...]
    W.key("modes"), W.open('[');
    for (const auto &[K, M] : F.memberModes) {
      W.open('[');
      W.val(K);
      W.open('[');
      for (const auto &X : M) {
        W.open('[');
        fieldFact(W, X);
        W.close(']');
      }
      W.close(']');
      W.close(']');
    }
    W.close(']');
  }
  if (!F.recursiveAllocs.empty()) {
    W.key("recallocs"), W.open('[');
    for (const auto &A : F.recursiveAllocs) {
      W.open('{');
      W.key("key"), W.val(A.key);
      W.key("mask"), W.val(static_cast<int64_t>(A.mask));
      W.close('}');
    }
    W.close(']');
  }
  if (!F.lockPaths.empty()) {
    W.key("lockpaths"), W.open('[');
    for (const auto &[P, K] : F.lockPaths)
      pair(W, P, K);
    W.close(']');
  }
  if (!F.allocSites.empty()) {
    W.key("allocsites"), W.open('[');
    for (const auto &A : F.allocSites) {
      W.open('{');
      W.key("arg"), W.val(static_cast<int64_t>(A.arg));
      W.key("key"), W.val(A.key);
      W.key("lock"), W.val(A.lock);
      W.close('}');
    }
    W.close(']');
  }
  if (!F.fpStores.empty()) {
    W.key("fpstores"), W.open('[');
    for (const auto &[K, Fn] : F.fpStores)
      pair(W, K, Fn);
    W.close(']');
  }
  if (!F.fpFlows.empty()) {
    W.key("fpflows"), W.open('[');
    for (const auto &[From, To] : F.fpFlows)
      pair(W, From, To);
    W.close(']');
  }
  if (!F.fpCallSites.empty()) {
    W.key("fpcallsites"), W.open('[');
    for (const auto &C : F.fpCallSites) {
      W.open('{');
      W.key("f"), W.val(C.fn);
      W.key("k"), W.val(C.key);
      W.key("s"), site(W, C.site);
      W.close('}');
    }
    W.close(']');
  }
  for (const auto &[Name, List] : {std::pair<const char *, const std::vector<std::string> *>{"fnescapes", &F.fnEscapes},
                                   {"fpleaks", &F.fpLeaks},
                                   {"gdef", &F.globalsDefined},
                                   {"guse", &F.globalsUsed}}) {
    if (List->empty())
      continue;
    W.key(Name), W.open('[');
    for (const auto &X : *List)
      W.val(X);
    W.close(']');
  }
  if (F.variant)
    W.key("variant"), W.val(static_cast<int64_t>(F.variant));
  W.close('}');
  return std::move(W.Out);
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
        } else if (U >= 0xDC80 && U <= 0xDCFF) {
          // a byte that is not UTF-8 (appendJsonString): kept as U+10FF80..U+10FFFF while
          // it is in a json::Value (which holds only UTF-8), turned back by jsonStringBytes()
          U = 0x10FF00 + (U - 0xDC00);
        } else if (U >= 0xDC00 && U < 0xE000) {
          return false;
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

// ---- checking what was read --------------------------------------------------
//
// Facts files are input (a cache anyone with write access to the build tree can
// change, shards uploaded by other machines): a member may be missing (it takes its
// default; older facts lack newer members) but one that is present must have its
// type and range, else the whole file is rejected and its TU analyzed again.
namespace {
class Shape {
public:
  std::string err;  // the first mismatch, with the path to it
  bool ok() const { return err.empty(); }

  void fail(llvm::StringRef Where, llvm::StringRef What) {
    if (err.empty())
      err = (Where + ": " + What).str();
  }
  const json::Value *member(const json::Object *O, llvm::StringRef K) { return O ? O->get(K) : nullptr; }
  std::string str(const json::Object *O, llvm::StringRef K) {
    const json::Value *V = member(O, K);
    if (!V)
      return {};
    if (auto S = V->getAsString())
      return jsonStringBytes(*S);
    fail(K, "not a string");
    return {};
  }
  std::string str(const json::Value &V, llvm::StringRef Where) {
    if (auto S = V.getAsString())
      return jsonStringBytes(*S);
    fail(Where, "not a string");
    return {};
  }
  bool boolean(const json::Object *O, llvm::StringRef K) {
    const json::Value *V = member(O, K);
    if (!V)
      return false;
    if (auto B = V->getAsBoolean())
      return *B;
    fail(K, "not a boolean");
    return false;
  }
  int64_t integer(const json::Value *V, llvm::StringRef Where, int64_t Default, int64_t Lo, int64_t Hi) {
    if (!V)
      return Default;
    auto I = V->getAsInteger();
    if (!I || *I < Lo || *I > Hi) {
      fail(Where, "not an integer in [" + std::to_string(Lo) + ", " + std::to_string(Hi) + "]");
      return Default;
    }
    return *I;
  }
  const json::Array *arr(const json::Object *O, llvm::StringRef K) {
    const json::Value *V = member(O, K);
    if (!V)
      return nullptr;
    if (const auto *A = V->getAsArray())
      return A;
    fail(K, "not an array");
    return nullptr;
  }
  const json::Object *obj(const json::Value &V, llvm::StringRef Where) {
    if (const auto *O = V.getAsObject())
      return O;
    fail(Where, "not an object");
    return nullptr;
  }
  const json::Object *obj(const json::Object *O, llvm::StringRef K) {
    const json::Value *V = member(O, K);
    return V ? obj(*V, K) : nullptr;
  }

  Site site(const json::Value *V) {
    Site S;
    if (!V)
      return S;
    const json::Array *A = V->getAsArray();
    if (!A || A->size() != 4) {
      fail("site", "not [file, line, column, offset]");
      return S;
    }
    S.file = str((*A)[0], "site file");
    S.line = static_cast<unsigned>(integer(&(*A)[1], "site line", 0, 0, UINT32_MAX));
    S.col = static_cast<unsigned>(integer(&(*A)[2], "site column", 0, 0, UINT32_MAX));
    S.offset = static_cast<unsigned>(integer(&(*A)[3], "site offset", 0, 0, UINT32_MAX));
    return S;
  }
  std::vector<Note> notes(const json::Array *A) {
    std::vector<Note> N;
    if (A)
      for (const auto &V : *A) {
        const json::Object *O = obj(V, "note");
        N.push_back({site(member(O, "s")), str(O, "m")});
      }
    return N;
  }
  ObjRef ref(const json::Value *V) {
    ObjRef R;
    const json::Object *O = V ? obj(*V, "lock reference") : nullptr;
    if (!O)
      return R;
    R.root = static_cast<ObjRef::Root>(integer(O->get("r"), "r", ObjRef::Unknown, ObjRef::Global, ObjRef::Unknown));
    R.rootName = str(O, "n");
    R.display = str(O, "d");
    R.param = static_cast<int>(integer(O->get("i"), "i", -1, -1, 65535));
    R.cls = str(O, "c");
    if (const auto *P = arr(O, "p"))
      for (const auto &E : *P)
        R.path.push_back(str(E, "p"));
    R.recursive = boolean(O, "rec");
    R.fresh = boolean(O, "fr");
    R.sole = boolean(O, "so");
    R.wrapped = static_cast<uint8_t>(integer(O->get("sw"), "sw", 0, 0, 16));
    R.inner = str(O, "ik");
    R.hopAt = static_cast<uint8_t>(integer(O->get("ha"), "ha", 0, 0, 255));
    R.hopCls = str(O, "hc");
    if (R.inner.empty() && !R.path.empty())
      R.inner = R.classKey();
    R.automatic = boolean(O, "au");
    if (const auto *E = arr(O, "em"))
      for (const auto &X : *E)
        R.embeds.push_back(str(X, "em"));
    if (R.embeds.size() % 2 == 0)
      R.embeds.clear();  // record, member, record, ...: odd
    return R;
  }
  std::vector<ObjRef> refs(const json::Array *A) {
    std::vector<ObjRef> Rs;
    if (A)
      for (const auto &V : *A)
        Rs.push_back(ref(&V));
    return Rs;
  }
  std::vector<Held> held(const json::Array *A) {
    std::vector<Held> H;
    if (A)
      for (const auto &V : *A) {
        const json::Object *O = obj(V, "held");
        H.push_back({ref(member(O, "ref")), boolean(O, "sh"), boolean(O, "try"), notes(arr(O, "notes")), boolean(O, "some")});
      }
    return H;
  }
  // An argument: the object it points to, a constant (an integer), or nothing (null).
  ArgRef arg(const json::Value *V) {
    ArgRef A;
    if (!V || V->getAsNull())
      return A;
    if (auto K = V->getAsInteger())
      A.constant = *K;
    else
      A.obj = ref(V);
    return A;
  }
  // A field path (ParamCond::path): strings, not empty.
  std::vector<std::string> fieldPath(const json::Array *A, llvm::StringRef Where) {
    std::vector<std::string> P;
    if (A)
      for (const auto &V : *A) {
        auto S = V.getAsString();
        if (!S) {
          fail(Where, "a field path that is not strings");
          return {};
        }
        P.push_back(jsonStringBytes(*S));
      }
    if (P.empty())
      fail(Where, "an empty field path");
    return P;
  }
  // What a path knows of a field (the writer's fieldFact()): [field, ...], equal, constant,
  // mask, from A[First]; none (after a failure) when malformed or the path is empty.
  std::optional<ParamCond> fieldFact(const json::Array &A, size_t First, llvm::StringRef Where) {
    if (A.size() < First + 4 || !A[First].getAsArray() || !A[First + 1].getAsBoolean() ||
        !A[First + 2].getAsInteger() || !A[First + 3].getAsInteger()) {
      fail(Where, "not [[field, ...], equal, constant, mask]");
      return std::nullopt;
    }
    ParamCond F;
    F.path = fieldPath(A[First].getAsArray(), Where);
    F.eq = *A[First + 1].getAsBoolean();
    F.k = *A[First + 2].getAsInteger();
    F.mask = *A[First + 3].getAsInteger();
    if (F.path.empty())
      return std::nullopt;
    return F;
  }
  // Conditions on parameters: [param, equal, constant] triples.
  std::vector<ParamCond> when(const json::Array *A) {
    std::vector<ParamCond> C;
    if (A)
      for (const auto &V : *A) {
        const json::Array *X = V.getAsArray();
        if (!X || X->size() < 3 || X->size() > 7 || !(*X)[1].getAsBoolean() || !(*X)[2].getAsInteger() ||
            (X->size() >= 4 && !(*X)[3].getAsInteger()) || (X->size() >= 5 && !(*X)[4].getAsBoolean()) ||
            (X->size() >= 6 && !(*X)[5].getAsArray()) || (X->size() == 7 && !(*X)[6].getAsArray())) {
          fail("when", "not [param, equal, constant], [param, equal, constant, mask], [..., mask, first], "
                       "[..., first, [field, ...]] or [..., [field, ...], [constant, ...]]");
          continue;
        }
        C.push_back({static_cast<int>(integer(&(*X)[0], "when param", -1, ParamCond::ThisObject, 65535)), *(*X)[1].getAsBoolean(),
                     *(*X)[2].getAsInteger(), X->size() >= 4 ? *(*X)[3].getAsInteger() : 0,
                     X->size() >= 5 && *(*X)[4].getAsBoolean()});
        if (X->size() == 6 || (X->size() == 7 && !(*X)[5].getAsArray()->empty()))
          C.back().path = fieldPath((*X)[5].getAsArray(), "when");
        if (X->size() == 7) {  // ParamCond::alt: sorted, distinct, without the constant
          for (const auto &V : *(*X)[6].getAsArray()) {
            auto I = V.getAsInteger();
            if (!I || *I == C.back().k || (!C.back().alt.empty() && *I <= C.back().alt.back())) {
              fail("when", "other values that are not sorted distinct integers");
              C.back().alt.clear();
              break;
            }
            C.back().alt.push_back(*I);
          }
          if (C.back().alt.empty() || !C.back().eq) {
            if (!C.back().alt.empty() || (*X)[6].getAsArray()->empty())
              fail("when", "other values of a test that is not `==`, or none");
            C.pop_back();
          }
        }
      }
    return C;
  }
  std::pair<std::string, std::string> pair(const json::Value &V, llvm::StringRef Where) {
    const json::Array *P = V.getAsArray();
    if (!P || P->size() != 2) {
      fail(Where, "not a pair of strings");
      return {};
    }
    return {str((*P)[0], Where), str((*P)[1], Where)};
  }
  std::vector<std::string> strings(const json::Array *A, llvm::StringRef Where) {
    std::vector<std::string> V;
    if (A)
      for (const auto &E : *A)
        V.push_back(str(E, Where));
    return V;
  }
};
}  // namespace

bool parseJsonText(const std::string &Text, json::Value &Out, std::string &Err) {
  return Reader(Text).parse(Out, Err);
}

std::string jsonStringBytes(llvm::StringRef S) {
  if (S.find("\xF4\x8F") == llvm::StringRef::npos)
    return S.str();
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (I + 3 < S.size() && S[I] == '\xF4' && S[I + 1] == '\x8F' && (S[I + 2] == '\xBE' || S[I + 2] == '\xBF')) {
      Out += static_cast<char>(((static_cast<unsigned char>(S[I + 2]) - 0xBC) << 6) |
                               (static_cast<unsigned char>(S[I + 3]) & 0x3F));
      I += 3;
      continue;
    }
    Out += S[I];
  }
  return Out;
}

bool fromJSON(const std::string &Text, TUFacts &F, std::string &Err) {
  F = TUFacts{};
  json::Value Root(nullptr);
  if (!Reader(Text).parse(Root, Err))
    return false;
  const json::Object *Top = Root.getAsObject();
  if (!Top || !Top->getString("format") || *Top->getString("format") != "lockgraph-facts-1") {
    Err = "not a lockgraph facts file";
    return false;
  }
  Shape C;
  F.file = C.str(Top, "file");
  F.failed = C.boolean(Top, "failed");
  F.variant = static_cast<unsigned>(C.integer(Top->get("variant"), "variant", 0, 0, 65535));
  F.programs = C.strings(C.arr(Top, "programs"), "programs");
  F.indirectCalls = C.strings(C.arr(Top, "fpcalls"), "fpcalls");
  if (const auto *A = C.arr(Top, "fptables"))
    for (const auto &V : *A) {
      const json::Object *X = C.obj(V, "fptable");
      LockTable T;
      T.key = C.str(X, "key");
      T.impl = C.str(X, "impl");
      if (const auto *N = C.arr(X, "netacq"))
        for (const auto &NV : *N) {
          const json::Object *Y = C.obj(NV, "netacq");
          T.netAcquire.push_back({C.ref(C.member(Y, "ref")), C.boolean(Y, "sh"), C.boolean(Y, "try"), C.boolean(Y, "ck"),
                                  C.when(C.arr(Y, "when"))});
        }
      T.netRelease = C.refs(C.arr(X, "netrel"));
      T.method = C.boolean(X, "method");
      F.lockTables.push_back(std::move(T));
    }
  if (const auto *Fns = C.arr(Top, "functions"))
    for (const auto &FV : *Fns) {
      const json::Object *O = C.obj(FV, "function");
      Function Fn;
      Fn.id = C.str(O, "id");
      Fn.name = C.str(O, "name");
      Fn.site = C.site(C.member(O, "s"));
      Fn.isCtorOrDtor = C.boolean(O, "ctor");
      if (const auto *A = C.arr(O, "acq"))
        for (const auto &V : *A) {
          const json::Object *X = C.obj(V, "acq");
          Acquire A{C.ref(C.member(X, "ref")), C.boolean(X, "sh"), C.boolean(X, "try"), C.notes(C.arr(X, "notes")),
                    C.held(C.arr(X, "held")), C.refs(C.arr(X, "rel")), C.boolean(X, "re")};
          A.when = C.when(C.arr(X, "when"));
          A.teardown = C.boolean(X, "td");
          A.dying = C.boolean(X, "dy");
          if (X->get("unl"))
            A.unless = C.strings(C.arr(X, "unl"), "unl");
          Fn.acquires.push_back(std::move(A));
        }
      if (const auto *A = C.arr(O, "calls"))
        for (const auto &V : *A) {
          const json::Object *X = C.obj(V, "call");
          Call Cl;
          Cl.callee = C.str(X, "callee");
          Cl.calleeName = C.str(X, "name");
          Cl.site = C.site(C.member(X, "s"));
          Cl.held = C.held(C.arr(X, "held"));
          if (const auto *Args = C.arr(X, "args"))
            for (const auto &AV : *Args)
              Cl.args.push_back(C.arg(&AV));
          if (const auto *NN = C.arr(X, "nn"))
            for (const auto &NV : *NN) {
              auto I = NV.getAsInteger();
              if (!I || *I < 0 || static_cast<size_t>(*I) >= Cl.args.size())
                C.fail("nn", "not an argument index");
              else
                Cl.args[static_cast<size_t>(*I)].nonNull = true;
            }
          Cl.thisArg = C.arg(C.member(X, "this"));
          if (const auto *AF = C.arr(X, "af"))
            for (const auto &FV : *AF) {
              const json::Array *P = FV.getAsArray();
              auto I = P && P->size() == 5 ? (*P)[0].getAsInteger() : std::nullopt;
              if (!I || *I < -1 || *I >= static_cast<int64_t>(Cl.args.size())) {
                C.fail("af", "not [argument index, [field, ...], equal, constant, mask]");
                continue;
              }
              if (auto F = C.fieldFact(*P, 1, "af"))
                (*I < 0 ? Cl.thisArg : Cl.args[static_cast<size_t>(*I)]).fieldFacts.push_back(std::move(*F));
            }
          if (const auto *B = C.arr(X, "bits"))
            for (const auto &BV : *B) {
              const json::Array *P = BV.getAsArray();
              auto I = P && P->size() == 3 ? (*P)[0].getAsInteger() : std::nullopt;
              auto Set = P && P->size() == 3 ? (*P)[1].getAsInteger() : std::nullopt;
              auto Clear = P && P->size() == 3 ? (*P)[2].getAsInteger() : std::nullopt;
              if (!I || !Set || !Clear || *I < 0 || static_cast<size_t>(*I) >= Cl.args.size() || (*Set & *Clear))
                C.fail("bits", "not [argument index, bits set, bits clear]");
              else {
                Cl.args[static_cast<size_t>(*I)].bitsSet = *Set;
                Cl.args[static_cast<size_t>(*I)].bitsClear = *Clear;
              }
            }
          if (const auto *S0 = C.arr(X, "s0"))
            for (const auto &SV : *S0) {
              const json::Array *P = SV.getAsArray();
              auto I = P && P->size() == 2 ? (*P)[0].getAsInteger() : std::nullopt;
              auto K = P && P->size() == 2 ? (*P)[1].getAsInteger() : std::nullopt;
              if (!I || !K || *I < 0 || static_cast<size_t>(*I) >= Cl.args.size())
                C.fail("s0", "not [argument index, character]");
              else
                Cl.args[static_cast<size_t>(*I)].first = *K;
            }
          Cl.released = C.refs(C.arr(X, "rel"));
          Cl.when = C.when(C.arr(X, "when"));
          Cl.loop = C.boolean(X, "loop");
          Cl.forkChild = C.boolean(X, "fc");
          Cl.dying = C.boolean(X, "dy");
          if (X->get("unl"))
            Cl.unless = C.strings(C.arr(X, "unl"), "unl");
          if (X->get("fset"))
            Cl.flagsSet = C.strings(C.arr(X, "fset"), "fset");
          if (X->get("fdirty"))
            Cl.flagsDirty = C.strings(C.arr(X, "fdirty"), "fdirty");
          Fn.calls.push_back(std::move(Cl));
        }
      if (const auto *A = C.arr(O, "acc"))
        for (const auto &V : *A) {
          const json::Object *X = C.obj(V, "access");
          Access Ac;
          Ac.var = C.str(X, "var");
          Ac.name = C.str(X, "name");
          Ac.kind = static_cast<AccessKind>(C.integer(C.member(X, "k"), "k", 0, 0, static_cast<int64_t>(AccessKind::Rmw)));
          Ac.sharedRoot = C.boolean(X, "shr");
          Ac.globalObject = X->get("gob") && C.boolean(X, "gob");
          Ac.split = C.boolean(X, "split");
          Ac.unnamedLock = C.boolean(X, "un");
          Ac.modeOff = X->get("mo") && C.boolean(X, "mo");
          Ac.param = static_cast<int>(C.integer(X->get("prm"), "prm", -1, -1, 65535));
          Ac.site = C.site(C.member(X, "s"));
          Ac.held = C.held(C.arr(X, "held"));
          if (X->get("up"))
            Ac.unpub = C.strings(C.arr(X, "up"), "up");
          if (X->get("unl"))
            Ac.unless = C.strings(C.arr(X, "unl"), "unl");
          Ac.when = C.when(C.arr(X, "when"));
          Fn.accesses.push_back(std::move(Ac));
        }
      if (const auto *A = C.arr(O, "spawns"))
        for (const auto &V : *A) {
          const json::Object *X = C.obj(V, "spawn");
          Fn.spawns.push_back({C.str(X, "entry"), C.str(X, "name"), C.site(C.member(X, "s")), C.boolean(X, "multi"),
                               C.str(X, "h"), C.str(X, "via"), C.boolean(X, "cl"), C.boolean(X, "fc"),
                               C.boolean(X, "once"), C.str(X, "hk")});
          Fn.spawns.back().hands = C.refs(C.arr(X, "hands"));
        }
      if (const auto *A = C.arr(O, "joins"))
        for (const auto &V : *A)
          Fn.joins.push_back(C.site(&V));
      Fn.joinHandles = C.strings(C.arr(O, "jh"), "jh");
      Fn.joinClasses = C.strings(C.arr(O, "jk"), "jk");
      Fn.selfHandles = C.strings(C.arr(O, "self"), "self");
      Fn.overrides = C.strings(C.arr(O, "ovr"), "ovr");
      if (const auto *A = C.arr(O, "netacq"))
        for (const auto &V : *A) {
          const json::Object *X = C.obj(V, "netacq");
          Fn.netAcquire.push_back({C.ref(C.member(X, "ref")), C.boolean(X, "sh"), C.boolean(X, "try"), C.boolean(X, "ck"),
                                   C.when(C.arr(X, "when"))});
        }
      Fn.netRelease = C.refs(C.arr(O, "netrel"));
      if (const auto *A = C.arr(O, "relw")) {
        for (const auto &V : *A) {
          if (!V.getAsArray())
            C.fail("relw", "a release's conditions that are not a list");
          Fn.releaseWhen.push_back(C.when(V.getAsArray()));
        }
        if (Fn.releaseWhen.size() != Fn.netRelease.size())
          C.fail("relw", "not one condition list per released lock");
      }
      if (const auto *A = C.arr(O, "ordered"))
        for (const auto &V : *A)
          Fn.orderedBases.push_back(C.pair(V, "ordered"));
      if (const auto *A = C.arr(O, "apart"))
        for (const auto &V : *A)
          Fn.apartBases.push_back(C.pair(V, "apart"));
      if (O->get("alloc"))
        Fn.allocIf = C.strings(C.arr(O, "alloc"), "alloc");
      if (const auto *A = C.arr(O, "keeps"))
        for (const auto &V : *A) {
          const json::Array *K = V.getAsArray();
          if (!K || K->empty() || !(*K)[0].getAsInteger()) {
            C.fail("keeps", "not [param, condition...]");
            continue;
          }
          int P = static_cast<int>(C.integer(&(*K)[0], "keeps", 0, 0, 65535));
          std::vector<std::string> &Conds = Fn.keeps[P];
          for (size_t I = 1; I < K->size(); ++I)
            Conds.push_back(C.str((*K)[I], "keeps"));
        }
      if (const auto *A = C.arr(O, "td"))
        for (const auto &V : *A)
          Fn.tearsDown.push_back(static_cast<int>(C.integer(&V, "td", 0, 0, 65535)));
      if (const auto *A = C.arr(O, "rf"))
        for (const auto &V : *A) {
          const json::Array *K = V.getAsArray();
          if (!K || K->size() != 2) {
            C.fail("rf", "not [field, ref]");
            continue;
          }
          Fn.retFields[C.str((*K)[0], "rf")] = C.ref(&(*K)[1]);
        }
      F.functions.push_back(std::move(Fn));
    }
  F.recursiveLocks = C.strings(C.arr(Top, "recursive"), "recursive");
  F.modeWritten = C.strings(C.arr(Top, "mwritten"), "mwritten");
  if (const auto *A = C.arr(Top, "modes"))
    for (const auto &V : *A) {
      const json::Array *P = V.getAsArray();
      if (!P || P->size() != 2 || !(*P)[1].getAsArray()) {
        C.fail("modes", "not [member, [fact, ...]]");
        continue;
      }
      std::vector<ParamCond> M;
      for (const auto &FV : *(*P)[1].getAsArray()) {
        const json::Array *X = FV.getAsArray();
        if (!X || X->size() != 4) {
          C.fail("modes", "not [[field, ...], equal, constant, mask]");
          continue;
        }
        if (auto F = C.fieldFact(*X, 0, "modes"))
          M.push_back(std::move(*F));
      }
      F.memberModes.push_back({C.str((*P)[0], "modes"), std::move(M)});
    }
  constexpr int64_t Lo = std::numeric_limits<int64_t>::min(), Hi = std::numeric_limits<int64_t>::max();
  if (const auto *A = C.arr(Top, "recallocs"))
    for (const auto &V : *A) {
      const json::Object *X = C.obj(V, "recalloc");
      F.recursiveAllocs.push_back({C.str(X, "key"), static_cast<std::uint64_t>(C.integer(C.member(X, "mask"), "mask", 0, Lo, Hi))});
    }
  if (const auto *A = C.arr(Top, "lockpaths"))
    for (const auto &V : *A)
      F.lockPaths.push_back(C.pair(V, "lockpath"));
  if (const auto *A = C.arr(Top, "allocsites"))
    for (const auto &V : *A) {
      const json::Object *X = C.obj(V, "allocsite");
      F.allocSites.push_back({C.str(X, "key"), static_cast<std::uint64_t>(C.integer(C.member(X, "arg"), "arg", 0, Lo, Hi)),
                              C.str(X, "lock")});
    }
  if (const auto *A = C.arr(Top, "fpstores"))
    for (const auto &V : *A)
      F.fpStores.push_back(C.pair(V, "fpstore"));
  if (const auto *A = C.arr(Top, "fpflows"))
    for (const auto &V : *A)
      F.fpFlows.push_back(C.pair(V, "fpflow"));
  if (const auto *A = C.arr(Top, "fpcallsites"))
    for (const auto &V : *A) {
      const json::Object *X = C.obj(V, "fpcallsite");
      F.fpCallSites.push_back({C.str(X, "f"), C.str(X, "k"), C.site(C.member(X, "s"))});
    }
  F.fnEscapes = C.strings(C.arr(Top, "fnescapes"), "fnescapes");
  F.fpLeaks = C.strings(C.arr(Top, "fpleaks"), "fpleaks");
  F.globalsDefined = C.strings(C.arr(Top, "gdef"), "gdef");
  F.globalsUsed = C.strings(C.arr(Top, "guse"), "guse");
  if (const auto *A = C.arr(Top, "orders"))
    for (const auto &V : *A) {
      const json::Object *X = C.obj(V, "order");
      F.orders.push_back({C.str(X, "b"), C.str(X, "bn"), C.str(X, "a"), C.str(X, "an"), C.site(C.member(X, "s"))});
    }
  if (const auto *A = C.arr(Top, "guards"))
    for (const auto &V : *A) {
      auto [Var, Lock] = C.pair(V, "guards");
      F.guards.push_back({Var, Lock});
    }
  if (!C.ok()) {
    Err = "malformed facts: " + C.err;
    return false;
  }
  return true;
}

}  // namespace lockgraph
