// Extract: AST + CFG of one TU -> Facts (see Extract.h for the model).
#include "Extract.h"

#include "Config.h"
#include "Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <map>
#include <memory>
#include <optional>
#include <set>

using namespace clang;

namespace lockgraph {
namespace {

// ---- small helpers ----------------------------------------------------------

const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *C = dyn_cast<CStyleCastExpr>(E))
      E = C->getSubExpr();
    else
      break;
  }
  return E;
}

// Name of a record for lock/datum keys: qualified, typedef name for anonymous C structs.
std::string recordName(const RecordDecl *RD) {
  if (!RD)
    return "?";
  if (!RD->getIdentifier())
    if (const auto *TD = RD->getTypedefNameForAnonDecl())
      return TD->getQualifiedNameAsString();
  return RD->getQualifiedNameAsString();
}

// Qualified std name of a record type ("std::mutex"), or "".
std::string stdRecord(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return {};
  const DeclContext *DC = RD->getDeclContext();
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  if (!NS || NS->getName() != "std")
    return {};
  return "std::" + RD->getName().str();
}

bool isStdMutex(const std::string &N) {
  return N == "std::mutex" || N == "std::timed_mutex" || N == "std::recursive_mutex" ||
         N == "std::recursive_timed_mutex" || N == "std::shared_mutex" || N == "std::shared_timed_mutex";
}

bool isLockType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isArrayType())
    return false;
  if (isStdMutex(stdRecord(T)))
    return true;
  if (const auto *TT = T->getAs<TypedefType>()) {
    StringRef N = TT->getDecl()->getName();
    return N == "pthread_mutex_t" || N == "pthread_rwlock_t" || N == "pthread_spinlock_t" || N == "mtx_t";
  }
  return false;
}

bool isAtomicLike(QualType T) {
  T = T.getNonReferenceType();
  if (T->isAtomicType())
    return true;
  std::string N = stdRecord(T);
  return N == "std::atomic" || N == "std::atomic_flag" || N == "std::atomic_ref";
}

bool isFreeFunctionNamed(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || isa<CXXMethodDecl>(FD))
    return false;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  return DC->isTranslationUnit() || DC->isExternCContext();
}

bool isStdFunction(const FunctionDecl *FD, StringRef Name) {
  if (!FD || !FD->getIdentifier() || FD->getName() != Name)
    return false;
  const DeclContext *DC = FD->getDeclContext();
  while (DC && (DC->isInlineNamespace() || isa<LinkageSpecDecl>(DC)))
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return NS && NS->getName() == "std";
}

struct HeldL {
  ObjRef ref;
  bool shared = false;
  bool trylock = false;
  std::vector<Note> notes;
};

struct GuardSt {
  std::vector<ObjRef> refs;
  bool shared = false;
  bool owns = false;
  bool operator==(const GuardSt &O) const { return owns == O.owns && refs.size() == O.refs.size(); }
};

struct PendingTry {
  std::vector<HeldL> locks;
  bool pthreadStyle = true;  // returns 0 on success
};

struct State {
  bool live = false;
  std::vector<HeldL> held;
  std::map<const VarDecl *, GuardSt> guards;
  std::map<const void *, PendingTry> pending;  // CallExpr* or VarDecl*
  std::vector<ObjRef> released;  // caller-held locks released here (may)
  // Locks taken that cannot be named (item_locks[hv], f()->mu), counted up to a small
  // cap: no order edge, but an access made while one is held is not called unlocked.
  unsigned unnamed = 0;

  int find(const ObjRef &R) const {
    std::string I = R.ident();
    for (size_t i = 0; i < held.size(); ++i)
      if (held[i].ref.ident() == I)
        return static_cast<int>(i);
    return -1;
  }
  void add(const HeldL &H) {
    for (const auto &X : held)
      if (X.ref.ident() == H.ref.ident() && X.shared == H.shared)
        return;
    held.push_back(H);
  }
  void remove(const ObjRef &R) {
    std::string I = R.ident();
    held.erase(std::remove_if(held.begin(), held.end(), [&](const HeldL &H) { return H.ref.ident() == I; }), held.end());
  }
  // may-join; returns true when this changed
  bool join(const State &O) {
    if (!O.live)
      return false;
    if (!live) {
      *this = O;
      return true;
    }
    bool Changed = false;
    if (O.unnamed > unnamed) {
      unnamed = O.unnamed;
      Changed = true;
    }
    for (const auto &H : O.held) {
      size_t N = held.size();
      add(H);
      Changed |= held.size() != N;
    }
    for (const auto &[V, G] : O.guards) {
      auto It = guards.find(V);
      if (It == guards.end()) {
        guards[V] = G;
        Changed = true;
      } else if (G.owns && !It->second.owns) {
        It->second.owns = true;
        Changed = true;
      }
    }
    for (const auto &[K, P] : O.pending)
      if (!pending.count(K)) {
        pending[K] = P;
        Changed = true;
      }
    for (const auto &R : O.released) {
      bool Have = false;
      for (const auto &X : released)
        Have = Have || X.ident() == R.ident();
      if (!Have) {
        released.push_back(R);
        Changed = true;
      }
    }
    return Changed;
  }
};

struct Summary {
  std::vector<NetEffect> netAcquire;
  std::vector<std::vector<Note>> acquireNotes;  // parallel to netAcquire
  std::vector<ObjRef> netRelease;
  bool isTryWrapper = false;
};

struct LockOp {
  enum Kind { None, Acquire, Release, Try, CondWait } kind = None;
  std::vector<ObjRef> refs;
  bool shared = false;
  bool pthreadStyle = true;
  bool multi = false;  // std::lock / scoped_lock: no edges among the refs
  bool timed = false;  // timed lock: waits like a lock (edges), held only on success
};

// ---- the extractor ------------------------------------------------------------

class Extractor {
public:
  Extractor(ASTContext &C, const Config &Cfg, const SummaryTable *Ext, TUFacts &Out)
      : Ctx(C), SM(C.getSourceManager()), Cfg(Cfg), External(Ext), Out(Out) {}

  void run();

private:
  friend class Collector;
  ASTContext &Ctx;
  SourceManager &SM;
  const Config &Cfg;
  const SummaryTable *External;
  TUFacts &Out;
  std::vector<const FunctionDecl *> Fns;
  std::set<const FunctionDecl *> Done, InProgress;
  std::map<const FunctionDecl *, Summary> Summaries;
  std::set<std::string> RecursiveKeys;
  std::map<const FieldDecl *, int> NoAlias;
  unsigned Depth = 0;

  // per-function context
  struct FnCtx {
    const FunctionDecl *FD = nullptr;
    Function *Fn = nullptr;
    std::map<const FieldDecl *, int> CtorAlias;  // field initialised from param i
    std::set<const VarDecl *> CapturedByRef;     // locals captured by reference by a lambda
    std::map<const VarDecl *, std::string> Derived;  // local temp = shared datum
    const Stmt *Body = nullptr;
    std::unique_ptr<ParentMap> PM;  // built on first use: most functions never ask
    std::set<std::string> ReadSeen;
    std::set<std::string> RecursiveAttrVars;  // pthread_mutexattr_t set to recursive
    bool Emit = false;
    bool Reacquiring = false;  // inside a condition wait's re-acquisition
    std::set<std::string> EntryLocks;  // released somewhere without being held: the caller's
    Summary Sum;
    std::set<std::string> NetRelSeen;
  };
  FnCtx *Cur = nullptr;
  ParentMap *parents() {
    if (!Cur->PM && Cur->Body)
      Cur->PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Cur->Body));
    return Cur->PM.get();
  }

public:
  void addFunction(const FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() || FD->isInvalidDecl())
      return;
    if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
      return;
    Fns.push_back(FD);
  }
  void addDeclFacts(const Decl *D);

private:
  Site site(SourceLocation L) const;
  std::string fnId(const FunctionDecl *FD) const;
  std::string fnName(const FunctionDecl *FD) const;
  std::string globalKey(const VarDecl *VD, std::string *Display) const;
  bool inUserCode(const Decl *D) const { return D && !SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())); }

  const Summary *summaryOf(const FunctionDecl *FD);
  void analyze(const FunctionDecl *FD);

  std::optional<ObjRef> resolveObj(const Expr *E, bool Pointee, int Depth = 0) const;
  std::optional<ObjRef> resolveLock(const Expr *E) const;  // E is a pointer to, or an lvalue of, a lock
  std::optional<ObjRef> substitute(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This) const;
  ArgRef argOf(const Expr *E) const;

  void transfer(const CFGBlock *B, State &S);
  void handleStmt(const Stmt *St, State &S);
  void handleCall(const CallExpr *CE, State &S);
  void handleConstruct(const CXXConstructExpr *CE, const VarDecl *VD, State &S);
  void handleDecl(const DeclStmt *DS, State &S);
  void handleAccess(const Stmt *St, State &S);
  void acquire(State &S, const std::vector<ObjRef> &Refs, bool Shared, bool Multi, const std::vector<Note> &Via,
               SourceLocation L, const std::string &How, const std::vector<Note> &Tail = {});
  void release(State &S, const ObjRef &R);
  void recordCall(const FunctionDecl *Callee, const Expr *E, llvm::ArrayRef<const Expr *> Args, const Expr *ThisE,
                  const State &S);
  void recordSpawn(const Expr *Callable, const Stmt *At, const Expr *Handle = nullptr);
  std::string handleOf(const Expr *E, bool Pointee) const;  // a pthread_t / thrd_t object: Spawn::handle
  LockOp classify(const CallExpr *CE, State &S, const FunctionDecl *Callee);
  std::vector<Held> heldOf(const State &S) const;
  std::optional<std::pair<std::string, std::string>> callableOf(const Expr *E, int Depth = 0) const;
  struct Datum {
    std::string key, name;
    bool sharedRoot = false;
  };
  std::optional<Datum> datumOf(const Expr *E) const;
  bool readsDatum(const Expr *E, const std::string &Key, bool ViaDerived) const;
  std::string baseOfExpr(const Expr *E) const;
  void resolvePending(const CFGBlock *B, const State &S, std::vector<State> &SuccStates);
};

// RecursiveASTVisitor collecting function bodies (incl. template instantiations and lambdas).
class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(Extractor &X) : X(X) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    X.addFunction(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    X.addFunction(LE->getCallOperator());
    return true;
  }
  bool VisitFieldDecl(FieldDecl *D) {
    X.addDeclFacts(D);
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    X.addDeclFacts(D);
    return true;
  }

private:
  Extractor &X;
};

Site Extractor::site(SourceLocation L) const {
  Site S;
  L = SM.getExpansionLoc(L);
  if (L.isInvalid())
    return S;
  PresumedLoc P = SM.getPresumedLoc(L);
  if (P.isInvalid())
    return S;
  llvm::SmallString<256> Path(P.getFilename());
  llvm::sys::path::remove_dots(Path, true);
  S.file = std::string(Path);
  S.line = P.getLine();
  S.col = P.getColumn();
  S.offset = SM.getFileOffset(L);
  return S;
}

std::string Extractor::fnId(const FunctionDecl *FD) const {
  llvm::SmallString<128> Buf;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
    Site S = site(MD->getParent()->getLocation());
    return "lambda:" + S.file + ":" + std::to_string(S.line) + ":" + std::to_string(S.col);
  }
  if (!index::generateUSRForDecl(FD, Buf))
    return std::string(Buf);
  Site S = site(FD->getLocation());
  return "loc:" + S.file + ":" + std::to_string(S.line) + ":" + FD->getNameAsString();
}

std::string Extractor::fnName(const FunctionDecl *FD) const {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
    const DeclContext *DC = MD->getParent()->getDeclContext();
    while (DC && !isa<FunctionDecl>(DC))
      DC = DC->getParent();
    if (const auto *Enc = dyn_cast_or_null<FunctionDecl>(DC))
      return "lambda in " + fnName(Enc);
    return "lambda";
  }
  return FD->getQualifiedNameAsString();
}

std::string Extractor::globalKey(const VarDecl *VD, std::string *Display) const {
  std::string Q = VD->getQualifiedNameAsString();
  if (Display)
    *Display = VD->getNameAsString();
  if (VD->isStaticLocal()) {
    const DeclContext *DC = VD->getDeclContext();
    std::string F = "?";
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      F = fnId(FD);
    return "static:" + F + ":" + VD->getNameAsString();
  }
  if (VD->hasGlobalStorage() && !VD->isExternallyVisible())
    return "static:" + site(VD->getLocation()).file + ":" + Q;
  if (!VD->hasGlobalStorage()) {
    // a local lock captured by reference into lambdas: named by its function
    const DeclContext *DC = VD->getDeclContext();
    std::string F = "?";
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      F = fnId(FD);
    return "local:" + F + ":" + VD->getNameAsString();
  }
  return Q;
}

void Extractor::addDeclFacts(const Decl *D) {
  if (!inUserCode(D))
    return;
  const auto *VD = dyn_cast<VarDecl>(D);
  const auto *FD = dyn_cast<FieldDecl>(D);
  if (!VD && !FD)
    return;
  const ValueDecl *Val = cast<ValueDecl>(D);
  auto lockKeyOf = [&](const Expr *A) -> std::optional<ObjRef> {
    A = strip(A);
    if (const auto *ME = dyn_cast<MemberExpr>(A)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
        ObjRef R;
        R.root = ObjRef::This;
        R.cls = recordName(F->getParent());
        R.path = {F->getNameAsString()};
        return R;
      }
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(A)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage()) {
        ObjRef R;
        R.root = ObjRef::Global;
        R.rootName = globalKey(V, &R.display);
        return R;
      }
      if (const auto *F = dyn_cast<FieldDecl>(DRE->getDecl())) {
        ObjRef R;
        R.root = ObjRef::This;
        R.cls = recordName(F->getParent());
        R.path = {F->getNameAsString()};
        return R;
      }
    }
    return std::nullopt;
  };
  std::string SelfKey, SelfName;
  if (FD) {
    SelfKey = recordName(FD->getParent()) + "::" + FD->getNameAsString();
    SelfName = SelfKey;
  } else if (VD->hasGlobalStorage()) {
    SelfKey = globalKey(VD, &SelfName);
  } else {
    return;
  }
  for (const auto *A : Val->specific_attrs<GuardedByAttr>())
    if (auto R = lockKeyOf(A->getArg()))
      Out.guards.push_back({SelfKey, R->key()});
  for (const auto *A : Val->specific_attrs<AcquiredAfterAttr>())
    for (const Expr *E : A->args())
      if (auto R = lockKeyOf(E))
        Out.orders.push_back({R->key(), R->name(), SelfKey, SelfName, site(A->getLocation())});
  for (const auto *A : Val->specific_attrs<AcquiredBeforeAttr>())
    for (const Expr *E : A->args())
      if (auto R = lockKeyOf(E))
        Out.orders.push_back({SelfKey, SelfName, R->key(), R->name(), site(A->getLocation())});
  // PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP and friends
  if (VD && VD->hasInit() && isLockType(VD->getType())) {
    CharSourceRange R = CharSourceRange::getTokenRange(VD->getInit()->getSourceRange());
    StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
    if (Text.contains("RECURSIVE"))
      RecursiveKeys.insert(SelfKey);
  }
  for (const auto &N : Cfg.recursiveLocks)
    if (N == SelfName || N == SelfKey)
      RecursiveKeys.insert(SelfKey);
}

// The object E denotes (Pointee: E is a pointer/reference to it).
std::optional<ObjRef> Extractor::resolveObj(const Expr *E, bool Pointee, int D) const {
  if (!E || D > 12)
    return std::nullopt;
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf && Pointee)
      return resolveObj(UO->getSubExpr(), false, D + 1);
    if (UO->getOpcode() == UO_Deref && !Pointee)
      return resolveObj(UO->getSubExpr(), true, D + 1);
    return std::nullopt;
  }
  if (isa<CXXThisExpr>(E)) {
    if (!Pointee)
      return std::nullopt;
    ObjRef R;
    R.root = ObjRef::This;
    return R;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {  // smart pointers: p->x, *p
    if ((OC->getOperator() == OO_Arrow && Pointee) || (OC->getOperator() == OO_Star && !Pointee))
      if (OC->getNumArgs() >= 1) {
        auto R = resolveObj(OC->getArg(0), false, D + 1);
        if (R && R->path.empty() && R->root != ObjRef::Global)
          return R;
        if (R) {  // unique_ptr member: the pointee is named by the member
          return R;
        }
      }
    return std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *VD0 = DRE->getDecl();
    bool IsRef = VD0->getType()->isReferenceType();
    bool IsPtr = VD0->getType()->isPointerType() || (stdRecord(VD0->getType()).find("_ptr") != std::string::npos);
    if (Pointee && !IsPtr && !IsRef)
      return std::nullopt;
    if (!Pointee && IsPtr)
      return std::nullopt;  // the pointer variable itself is not a lock
    if (const auto *PV = dyn_cast<ParmVarDecl>(VD0)) {
      const auto *FD = dyn_cast<FunctionDecl>(PV->getDeclContext());
      if (!Cur || FD != Cur->FD)
        return std::nullopt;
      ObjRef R;
      R.root = ObjRef::Param;
      R.param = static_cast<int>(PV->getFunctionScopeIndex());
      return R;
    }
    if (const auto *V = dyn_cast<VarDecl>(VD0)) {
      if (V->hasGlobalStorage()) {
        ObjRef R;
        R.root = ObjRef::Global;
        R.rootName = globalKey(V, &R.display);
        if (IsPtr || IsRef)
          R.rootName = "*" + R.rootName;
        return R;
      }
      // local
      if ((IsPtr || IsRef) && V->hasInit() && !V->getType().isVolatileQualified()) {
        const Expr *Init = V->getInit();
        if (auto R = resolveObj(Init, IsPtr, D + 1))
          return R;
      }
      ObjRef R;
      R.root = ObjRef::Local;
      R.rootName = V->getNameAsString();
      if (!IsPtr && !IsRef && isLockType(V->getType())) {  // a local lock: named by its function
        R.root = ObjRef::Global;
        R.rootName = globalKey(V, &R.display);
      }
      return R;
    }
    if (const auto *F = dyn_cast<FieldDecl>(VD0)) {  // inside attributes
      ObjRef R;
      R.root = ObjRef::This;
      R.cls = recordName(F->getParent());
      R.path = {F->getNameAsString()};
      return R;
    }
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F) {
      if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl()); V && V->hasGlobalStorage()) {  // static member
        ObjRef R;
        R.root = ObjRef::Global;
        R.rootName = globalKey(V, &R.display);
        return R;
      }
      return std::nullopt;
    }
    bool FieldIsPtr = F->getType()->isPointerType() || F->getType()->isReferenceType();
    if (Pointee && !FieldIsPtr && !F->getType()->isReferenceType())
      return std::nullopt;
    // constructor alias: mu_(mu) then mu_->Lock()
    if (Cur && isa<CXXThisExpr>(strip(ME->getBase()))) {
      auto It = Cur->CtorAlias.find(F);
      if (It != Cur->CtorAlias.end() && FieldIsPtr) {
        ObjRef R;
        R.root = ObjRef::Param;
        R.param = It->second;
        return R;
      }
    }
    std::optional<ObjRef> B = resolveObj(ME->getBase(), ME->isArrow(), D + 1);
    ObjRef R;
    if (B) {
      R = *B;
      if (R.root == ObjRef::Global && R.path.empty())
        R.display = R.display;  // keep
    } else {
      R.root = ObjRef::Unknown;
    }
    if (R.path.empty())
      R.cls = recordName(F->getParent());
    R.path.push_back(F->getNameAsString());
    if (isStdMutex(stdRecord(F->getType())) && stdRecord(F->getType()).find("recursive") != std::string::npos)
      R.recursive = true;
    return R;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    (void)AS;
    ObjRef R;
    R.root = ObjRef::Unknown;
    return R;
  }
  return std::nullopt;
}

std::optional<ObjRef> Extractor::resolveLock(const Expr *E) const {
  if (!E)
    return std::nullopt;
  const Expr *S = strip(E);
  bool Ptr = S->getType()->isPointerType();
  auto R = resolveObj(S, Ptr);
  if (!R)
    return std::nullopt;
  if (R->root == ObjRef::Local && R->path.empty())
    return std::nullopt;
  if (R->root == ObjRef::Unknown && R->path.empty())
    return std::nullopt;
  QualType T = S->getType();
  if (Ptr)
    T = T->getPointeeType();
  std::string N = stdRecord(T);
  if (N.find("recursive") != std::string::npos)
    R->recursive = true;
  if (R->isAbsolute() && RecursiveKeys.count(R->key()))
    R->recursive = true;
  return R;
}

ArgRef Extractor::argOf(const Expr *E) const {
  ArgRef A;
  if (!E)
    return A;
  const Expr *S = strip(E);
  bool Ptr = S->getType()->isPointerType();
  A.obj = resolveObj(S, Ptr);
  if (A.obj && A.obj->root == ObjRef::Unknown && A.obj->path.empty())
    A.obj.reset();
  return A;
}

std::optional<ObjRef> Extractor::substitute(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This) const {
  return substituteRef(R, Args, This);
}

std::vector<Held> Extractor::heldOf(const State &S) const {
  std::vector<Held> H;
  for (const auto &X : S.held)
    H.push_back({X.ref, X.shared, X.trylock, X.notes});
  return H;
}

std::optional<std::pair<std::string, std::string>> Extractor::callableOf(const Expr *E, int D) const {
  if (!E || D > 6)
    return std::nullopt;
  E = strip(E);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() >= 1 && (CE->getConstructor()->isCopyOrMoveConstructor()))
      return callableOf(CE->getArg(0), D + 1);
    if (const auto *RD = CE->getType()->getAsCXXRecordDecl())
      for (const auto *M : RD->methods())
        if (M->getOverloadedOperator() == OO_Call && M->hasBody())
          return std::make_pair(fnId(M), fnName(M));
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    return callableOf(UO->getSubExpr(), D + 1);
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return std::make_pair(fnId(LE->getCallOperator()), fnName(LE->getCallOperator()));
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return std::make_pair(fnId(FD), fnName(FD));
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (VD->hasInit() && !VD->hasGlobalStorage())
        return callableOf(VD->getInit(), D + 1);
      if (const auto *RD = VD->getType().getNonReferenceType()->getAsCXXRecordDecl())
        for (const auto *M : RD->methods())
          if (M->getOverloadedOperator() == OO_Call)
            return std::make_pair(fnId(M), fnName(M));
    }
  }
  return std::nullopt;
}

void Extractor::recordSpawn(const Expr *Callable, const Stmt *At, const Expr *Handle) {
  if (!Cur->Emit)
    return;
  auto C = callableOf(Callable);
  if (!C)
    return;
  bool Multi = false;
  for (const Stmt *P = parents()->getParent(At); P; P = parents()->getParent(P))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
      Multi = true;
  Cur->Fn->spawns.push_back({C->first, C->second, site(At->getBeginLoc()), Multi, Handle ? handleOf(Handle, true) : ""});
}

// Only exactly named objects: a global or static (with its field path), or a local of this
// function. Array elements and objects behind pointers are not named (no create/join order).
std::string Extractor::handleOf(const Expr *E, bool Pointee) const {
  if (!E || !Cur)
    return "";
  auto R = resolveObj(strip(E), Pointee);
  if (!R || R->rootName.empty() || R->rootName[0] == '*')
    return "";
  std::string Path;
  for (const auto &P : R->path)
    Path += "." + P;
  if (R->root == ObjRef::Global)
    return "G:" + R->rootName + Path;
  if (R->root == ObjRef::Local)
    return "L:" + Cur->Fn->id + ":" + R->rootName + Path;
  return "";
}

// ---- lock operations ----------------------------------------------------------

LockOp Extractor::classify(const CallExpr *CE, State &S, const FunctionDecl *Callee) {
  LockOp Op;
  auto argLock = [&](unsigned I) {
    if (I < CE->getNumArgs())
      if (auto R = resolveLock(CE->getArg(I)))
        Op.refs.push_back(*R);
  };
  if (isFreeFunctionNamed(Callee)) {
    StringRef N = Callee->getName();
    if (N == "pthread_mutex_lock" || N == "pthread_spin_lock" || N == "pthread_rwlock_wrlock" || N == "mtx_lock") {
      Op.kind = LockOp::Acquire;
    } else if (N == "pthread_rwlock_rdlock") {
      Op.kind = LockOp::Acquire;
      Op.shared = true;
    } else if (N == "pthread_mutex_trylock" || N == "pthread_spin_trylock" || N == "pthread_rwlock_trywrlock" ||
               N == "mtx_trylock") {
      Op.kind = LockOp::Try;
    } else if (N == "pthread_mutex_timedlock" || N == "mtx_timedlock" || N == "pthread_rwlock_timedwrlock" ||
               N == "pthread_mutex_clocklock" || N == "pthread_rwlock_clockwrlock") {
      Op.kind = LockOp::Try;  // blocks (an order edge) but may fail: held only on success
      Op.timed = true;
    } else if (N == "pthread_rwlock_tryrdlock") {
      Op.kind = LockOp::Try;
      Op.shared = true;
    } else if (N == "pthread_rwlock_timedrdlock" || N == "pthread_rwlock_clockrdlock") {
      Op.kind = LockOp::Try;
      Op.shared = true;
      Op.timed = true;
    } else if (N == "pthread_mutex_unlock" || N == "pthread_spin_unlock" || N == "pthread_rwlock_unlock" ||
               N == "mtx_unlock") {
      Op.kind = LockOp::Release;
    } else if (N == "pthread_cond_wait" || N == "pthread_cond_timedwait" || N == "cnd_wait" || N == "cnd_timedwait" ||
               N == "pthread_cond_clockwait") {
      Op.kind = LockOp::CondWait;
      argLock(1);
      return Op;
    } else {
      for (const auto &LF : Cfg.lockFunctions)
        if (LF.name == N) {
          Op.kind = LF.kind == LockFunction::Unlock ? LockOp::Release
                    : LF.kind == LockFunction::TryLock ? LockOp::Try
                                                        : LockOp::Acquire;
          Op.shared = LF.kind == LockFunction::SharedLock;
          argLock(LF.arg);
          return Op;
        }
    }
    if (Op.kind != LockOp::None)
      argLock(0);
    return Op;
  }
  if (isStdFunction(Callee, "lock") || isStdFunction(Callee, "try_lock")) {
    Op.kind = Callee->getName() == "lock" ? LockOp::Acquire : LockOp::Try;
    Op.multi = true;
    Op.pthreadStyle = false;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      // std::lock(unique_lock, unique_lock): the guards' mutexes
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(I))))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
          auto It = S.guards.find(VD);
          if (It != S.guards.end()) {
            Op.refs.insert(Op.refs.end(), It->second.refs.begin(), It->second.refs.end());
            It->second.owns = true;
            continue;
          }
        }
      argLock(I);
    }
    return Op;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier())
      return Op;
    StringRef N = MD->getName();
    const Expr *Obj = MC->getImplicitObjectArgument();
    std::string Cls = Obj ? stdRecord(Obj->getType()) : "";
    if (isStdMutex(Cls)) {
      if (N == "lock" || N == "lock_shared") {
        Op.kind = LockOp::Acquire;
      } else if (N == "unlock" || N == "unlock_shared") {
        Op.kind = LockOp::Release;
      } else if (N.starts_with("try_lock")) {
        Op.kind = LockOp::Try;
        Op.pthreadStyle = false;
      }
      Op.shared = N.contains("shared");
      if (Op.kind != LockOp::None)
        if (auto R = resolveLock(Obj->getType()->isPointerType() ? Obj : Obj)) {
          ObjRef X = *R;
          if (Cls.find("recursive") != std::string::npos)
            X.recursive = true;
          Op.refs.push_back(X);
        }
      return Op;
    }
    if (Cls == "std::unique_lock" || Cls == "std::shared_lock") {
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(Obj));
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      auto It = VD ? S.guards.find(VD) : S.guards.end();
      if (It == S.guards.end())
        return Op;
      Op.refs = It->second.refs;
      Op.shared = It->second.shared;
      if (N == "lock") {
        Op.kind = LockOp::Acquire;
        It->second.owns = true;
      } else if (N == "unlock") {
        Op.kind = LockOp::Release;
        It->second.owns = false;
      } else if (N.starts_with("try_lock")) {
        Op.kind = LockOp::Try;
        Op.pthreadStyle = false;
        It->second.owns = true;
      } else if (N == "release") {
        It->second.owns = false;
        It->second.refs.clear();
      }
      return Op;
    }
    if (Cls == "std::condition_variable" || Cls == "std::condition_variable_any") {
      if (N.starts_with("wait") && CE->getNumArgs() >= 1) {
        const Expr *L = strip(CE->getArg(0));
        if (const auto *DRE = dyn_cast<DeclRefExpr>(L))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            auto It = S.guards.find(VD);
            if (It != S.guards.end()) {
              Op.kind = LockOp::CondWait;
              Op.refs = It->second.refs;
              return Op;
            }
          }
        if (auto R = resolveLock(L)) {
          Op.kind = LockOp::CondWait;
          Op.refs.push_back(*R);
        }
      }
      return Op;
    }
  }
  // Clang capability attributes on the callee.
  auto attrRefs = [&](auto *A, std::vector<ObjRef> &Refs, const std::vector<ArgRef> &Args, const ArgRef &This) {
    FnCtx Tmp;
    Tmp.FD = Callee;
    FnCtx *Saved = Cur;
    Cur = &Tmp;
    std::vector<ObjRef> Rel;
    if (A->args_size() == 0) {
      ObjRef R;
      R.root = ObjRef::This;
      Rel.push_back(R);
    }
    for (const Expr *E : A->args())
      if (auto R = resolveLock(E))
        Rel.push_back(*R);
    Cur = Saved;
    for (const auto &R : Rel)
      if (auto X = substitute(R, Args, This))
        Refs.push_back(*X);
  };
  if (Callee && (Callee->hasAttr<AcquireCapabilityAttr>() || Callee->hasAttr<ReleaseCapabilityAttr>() ||
                 Callee->hasAttr<TryAcquireCapabilityAttr>())) {
    std::vector<ArgRef> Args;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      Args.push_back(argOf(CE->getArg(I)));
    ArgRef This;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      This = argOf(MC->getImplicitObjectArgument());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE); MC && !MC->getImplicitObjectArgument()->getType()->isPointerType()) {
      This.obj = resolveObj(MC->getImplicitObjectArgument(), false);
    }
    if (const auto *A = Callee->getAttr<AcquireCapabilityAttr>()) {
      Op.kind = LockOp::Acquire;
      Op.shared = A->isShared();
      attrRefs(A, Op.refs, Args, This);
    } else if (const auto *A = Callee->getAttr<TryAcquireCapabilityAttr>()) {
      Op.kind = LockOp::Try;
      Op.shared = A->isShared();
      Expr::EvalResult R;
      bool SuccessTrue = true;
      if (A->getSuccessValue() && A->getSuccessValue()->EvaluateAsInt(R, Ctx))
        SuccessTrue = R.Val.getInt().getBoolValue();
      Op.pthreadStyle = !SuccessTrue;
      attrRefs(A, Op.refs, Args, This);
    } else if (const auto *A = Callee->getAttr<ReleaseCapabilityAttr>()) {
      Op.kind = LockOp::Release;
      attrRefs(A, Op.refs, Args, This);
    }
    return Op;
  }
  return Op;
}

void Extractor::acquire(State &S, const std::vector<ObjRef> &Refs, bool Shared, bool Multi, const std::vector<Note> &Via,
                        SourceLocation L, const std::string &How, const std::vector<Note> &Tail) {
  std::vector<Held> Before = Cur->Emit ? heldOf(S) : std::vector<Held>{};
  std::vector<HeldL> Added;
  for (const auto &R : Refs) {
    std::vector<Note> Notes = Via;
    Notes.push_back({site(L), "'" + R.name() + "' acquired here" + How});
    Notes.insert(Notes.end(), Tail.begin(), Tail.end());
    bool Re = false;
    for (auto It = S.released.begin(); It != S.released.end(); ++It)
      if (It->ident() == R.ident()) {
        Re = true;
        S.released.erase(It);
        break;
      }
    if (Cur->Emit) {
      Acquire A;
      A.ref = R;
      A.shared = Shared;
      A.notes = Notes;
      A.held = Before;
      A.released = S.released;
      A.reacquire = Re || Cur->Reacquiring;
      if (!Multi)
        for (const auto &X : Added)
          A.held.push_back({X.ref, X.shared, X.trylock, X.notes});
      Cur->Fn->acquires.push_back(std::move(A));
    }
    Added.push_back({R, Shared, false, Notes});
  }
  for (auto &H : Added)
    S.add(H);
}

void Extractor::release(State &S, const ObjRef &R) {
  bool Entry = Cur->EntryLocks.count(R.ident()) > 0;
  if (S.find(R) >= 0) {
    S.remove(R);
    if (!Entry)
      return;
  }
  if (R.root == ObjRef::Param || R.root == ObjRef::This || R.isAbsolute()) {
    Cur->EntryLocks.insert(R.ident());
    bool Have = false;
    for (const auto &X : S.released)
      Have = Have || X.ident() == R.ident();
    if (!Have)
      S.released.push_back(R);
  }
  if (Cur->Emit && (R.root == ObjRef::Param || R.root == ObjRef::This || R.isAbsolute()))
    if (Cur->NetRelSeen.insert(R.ident()).second)
      Cur->Sum.netRelease.push_back(R);
}

void Extractor::recordCall(const FunctionDecl *Callee, const Expr *E, llvm::ArrayRef<const Expr *> Args,
                           const Expr *ThisE, const State &S) {
  if (!Cur->Emit || !Callee || !inUserCode(Callee))
    return;
  Call C;
  C.callee = fnId(Callee);
  C.calleeName = fnName(Callee);
  C.site = site(E->getBeginLoc());
  C.held = heldOf(S);
  C.released = S.released;
  for (const Expr *A : Args)
    C.args.push_back(argOf(A));
  if (ThisE) {
    if (ThisE->getType()->isPointerType())
      C.thisArg = argOf(ThisE);
    else
      C.thisArg.obj = resolveObj(ThisE, false);
  }
  Cur->Fn->calls.push_back(std::move(C));
}

void Extractor::handleCall(const CallExpr *CE, State &S) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return;
  // threads
  if (isFreeFunctionNamed(Callee)) {
    StringRef N = Callee->getName();
    if (N == "pthread_create" && CE->getNumArgs() >= 3) {
      recordSpawn(CE->getArg(2), CE, CE->getArg(0));
      return;
    }
    if (N == "thrd_create" && CE->getNumArgs() >= 2) {
      recordSpawn(CE->getArg(1), CE, CE->getArg(0));
      return;
    }
    if ((N == "pthread_join" || N == "thrd_join") && Cur->Emit) {
      Cur->Fn->joins.push_back(site(CE->getBeginLoc()));
      Cur->Fn->joinHandles.resize(Cur->Fn->joins.size() - 1);
      Cur->Fn->joinHandles.push_back(CE->getNumArgs() >= 1 ? handleOf(CE->getArg(0), false) : "");
      return;
    }
    if (N == "pthread_mutexattr_settype" && CE->getNumArgs() >= 2) {
      StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(CE->getArg(1)->getSourceRange()), SM, Ctx.getLangOpts());
      if (T.contains("RECURSIVE"))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(0))->IgnoreParenImpCasts()))
          Cur->RecursiveAttrVars.insert(DRE->getDecl()->getNameAsString());
      if (const auto *UO = dyn_cast<UnaryOperator>(strip(CE->getArg(0))))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())))
          if (T.contains("RECURSIVE"))
            Cur->RecursiveAttrVars.insert(DRE->getDecl()->getNameAsString());
      return;
    }
    if (N == "pthread_mutex_init" && CE->getNumArgs() >= 2) {
      const Expr *A = strip(CE->getArg(1));
      if (const auto *UO = dyn_cast<UnaryOperator>(A))
        A = strip(UO->getSubExpr());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(A))
        if (Cur->RecursiveAttrVars.count(DRE->getDecl()->getNameAsString()))
          if (auto R = resolveLock(CE->getArg(0)); R && R->isAbsolute())
            RecursiveKeys.insert(R->key());
      return;
    }
  }
  if (isStdFunction(Callee, "async")) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const Expr *A = strip(CE->getArg(I));
      if (A->getType()->isEnumeralType())
        continue;
      recordSpawn(A, CE);
      break;
    }
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    std::string Cls = Obj ? stdRecord(Obj->getType()) : "";
    if (MD && MD->getIdentifier()) {
      if ((Cls == "std::thread" || Cls == "std::jthread") && MD->getName() == "join") {
        if (Cur->Emit)
          Cur->Fn->joins.push_back(site(CE->getBeginLoc()));
        return;
      }
      if ((MD->getName() == "emplace_back" || MD->getName() == "emplace") && CE->getNumArgs() >= 1 && Obj) {
        std::string T = Obj->getType().getNonReferenceType().getAsString();
        if (T.find("std::thread") != std::string::npos || T.find("std::jthread") != std::string::npos ||
            T.find("thread>") != std::string::npos) {
          recordSpawn(CE->getArg(0), CE);
          return;
        }
      }
    }
  }

  LockOp Op = classify(CE, S, Callee);
  switch (Op.kind) {
  case LockOp::Acquire:
    if (Op.refs.empty() && S.unnamed < 3)
      ++S.unnamed;
    acquire(S, Op.refs, Op.shared, Op.multi, {}, CE->getBeginLoc(), "");
    return;
  case LockOp::Release:
    if (Op.refs.empty() && S.unnamed > 0)
      --S.unnamed;
    for (const auto &R : Op.refs)
      release(S, R);
    return;
  case LockOp::Try: {
    if (Op.timed && Cur->Emit)
      for (const auto &R : Op.refs) {
        Acquire A;
        A.ref = R;
        A.shared = Op.shared;
        A.notes = {{site(CE->getBeginLoc()), "'" + R.name() + "' acquired here (timed lock)"}};
        A.held = heldOf(S);
        Cur->Fn->acquires.push_back(std::move(A));
      }
    PendingTry P;
    P.pthreadStyle = Op.pthreadStyle;
    for (const auto &R : Op.refs)
      P.locks.push_back({R, Op.shared, true, {{site(CE->getBeginLoc()), "'" + R.name() + "' acquired here (trylock)"}}});
    S.pending[CE] = P;
    return;
  }
  case LockOp::CondWait:
    for (const auto &R : Op.refs) {
      release(S, R);
      Cur->Reacquiring = true;
      acquire(S, {R}, false, false, {}, CE->getBeginLoc(), " (re-acquired by the condition wait)");
      Cur->Reacquiring = false;
    }
    return;
  case LockOp::None:
    break;
  }

  // An ordinary call: apply the callee's summary (lock wrappers), record the call.
  std::vector<const Expr *> Args;
  unsigned First = 0;
  const Expr *ThisE = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    ThisE = MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && isa<CXXMethodDecl>(Callee) && OC->getNumArgs() >= 1) {
    ThisE = OC->getArg(0);
    First = 1;
  }
  for (unsigned I = First; I < CE->getNumArgs(); ++I)
    Args.push_back(CE->getArg(I));
  recordCall(Callee, CE, Args, ThisE, S);
  if (const Summary *Sum = summaryOf(Callee)) {
    std::vector<ArgRef> AR;
    for (const Expr *A : Args)
      AR.push_back(argOf(A));
    ArgRef TR;
    if (ThisE) {
      if (ThisE->getType()->isPointerType())
        TR = argOf(ThisE);
      else
        TR.obj = resolveObj(ThisE, false);
    }
    for (const auto &R : Sum->netRelease)
      if (auto X = substitute(R, AR, TR))
        release(S, *X);
    // the callee's own order among these locks was recorded inside it: no edges among them here
    std::vector<ObjRef> Multi;
    bool MultiShared = false;
    std::vector<Note> MultiTail;
    for (size_t I = 0; I < Sum->netAcquire.size(); ++I) {
      const auto &NA = Sum->netAcquire[I];
      auto X = substitute(NA.ref, AR, TR);
      if (!X)
        continue;
      if (Sum->netAcquire.size() > 1 && !NA.trylock) {
        Multi.push_back(*X);
        MultiShared = MultiShared || NA.shared;
        continue;
      }
      std::vector<Note> Via{{site(CE->getBeginLoc()), "call to " + fnName(Callee) + "()"}};
      if (NA.trylock) {
        PendingTry P;
        P.pthreadStyle = !Sum->isTryWrapper;
        P.locks.push_back({*X, NA.shared, true, Via});
        S.pending[CE] = P;
        continue;
      }
      std::vector<Note> Tail;
      if (I < Sum->acquireNotes.size())
        for (const auto &N : Sum->acquireNotes[I])
          if (Tail.size() < 6)
            Tail.push_back(N);
      if (!Tail.empty())
        Tail.back().message = "'" + X->name() + "' acquired here, in " + fnName(Callee) + "()";
      acquire(S, {*X}, NA.shared, false, {}, CE->getBeginLoc(), " through " + fnName(Callee) + "()", Tail);
    }
    if (!Multi.empty())
      acquire(S, Multi, MultiShared, true, {}, CE->getBeginLoc(), " through " + fnName(Callee) + "()", MultiTail);
  }
}

void Extractor::handleConstruct(const CXXConstructExpr *CE, const VarDecl *VD, State &S) {
  std::string Cls = stdRecord(CE->getType());
  if ((Cls == "std::thread" || Cls == "std::jthread") && CE->getNumArgs() >= 1 &&
      !CE->getConstructor()->isCopyOrMoveConstructor()) {
    recordSpawn(CE->getArg(0), CE);
    return;
  }
  if (Cls == "std::lock_guard" || Cls == "std::scoped_lock" || Cls == "std::unique_lock" || Cls == "std::shared_lock") {
    if (!VD)
      return;  // a temporary guard is destroyed at once
    GuardSt G;
    G.shared = Cls == "std::shared_lock";
    bool Defer = false, Adopt = false, Try = false;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const Expr *A = CE->getArg(I);
      std::string T = stdRecord(A->getType());
      if (T == "std::defer_lock_t")
        Defer = true;
      else if (T == "std::adopt_lock_t")
        Adopt = true;
      else if (T == "std::try_to_lock_t")
        Try = true;
      else if (isStdMutex(T) || isLockType(A->getType()))
        if (auto R = resolveLock(A))
          G.refs.push_back(*R);
    }
    if (CE->getConstructor()->isMoveConstructor() && CE->getNumArgs() == 1) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(0))))
        if (const auto *Other = dyn_cast<VarDecl>(DRE->getDecl())) {
          auto It = S.guards.find(Other);
          if (It != S.guards.end()) {
            S.guards[VD] = It->second;
            It->second.owns = false;
          }
        }
      return;
    }
    G.owns = !Defer;
    S.guards[VD] = G;
    if (Defer || Adopt)
      return;
    if (Try) {
      for (const auto &R : G.refs)
        S.add({R, G.shared, true, {{site(CE->getBeginLoc()), "'" + R.name() + "' acquired here (try_to_lock)"}}});
      return;
    }
    acquire(S, G.refs, G.shared, G.refs.size() > 1, {}, CE->getBeginLoc(), "");
    return;
  }
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor || !inUserCode(Ctor))
    return;
  std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
  std::vector<ArgRef> AR;
  for (const Expr *A : Args)
    AR.push_back(argOf(A));
  ArgRef TR;
  if (VD) {
    ObjRef R;
    if (VD->hasGlobalStorage()) {
      R.root = ObjRef::Global;
      R.rootName = globalKey(VD, &R.display);
    } else {
      R.root = ObjRef::Local;
      R.rootName = VD->getNameAsString();
    }
    TR.obj = R;
  }
  recordCall(Ctor, CE, Args, nullptr, S);
  // user scoped guards: annotated (ACQUIRE on the ctor) or inferred (ctor acquires, dtor releases)
  std::vector<ObjRef> Acq;
  bool Shared = false;
  if (const auto *A = Ctor->getAttr<AcquireCapabilityAttr>()) {
    Shared = A->isShared();
    FnCtx Tmp;
    Tmp.FD = Ctor;
    FnCtx *Saved = Cur;
    Cur = &Tmp;
    std::vector<ObjRef> Rel;
    for (const Expr *E : A->args())
      if (auto R = resolveLock(E))
        Rel.push_back(*R);
    Cur = Saved;
    for (const auto &R : Rel)
      if (auto X = substitute(R, AR, TR))
        Acq.push_back(*X);
  } else if (const Summary *Sum = summaryOf(Ctor)) {
    for (const auto &NA : Sum->netAcquire)
      if (auto X = substitute(NA.ref, AR, TR)) {
        Acq.push_back(*X);
        Shared = NA.shared;
      }
  }
  if (Acq.empty())
    return;
  bool Releases = false;
  if (const auto *RD = Ctor->getParent()) {
    if (RD->hasAttr<ScopedLockableAttr>())
      Releases = true;
    if (const CXXDestructorDecl *DD = RD->getDestructor()) {
      if (DD->hasAttr<ReleaseCapabilityAttr>())
        Releases = true;
      else if (const FunctionDecl *Def = DD->getDefinition())
        if (const Summary *DS = summaryOf(Def); DS && !DS->netRelease.empty())
          Releases = true;
    }
  }
  acquire(S, Acq, Shared, Acq.size() > 1, {}, CE->getBeginLoc(), " by " + recordName(Ctor->getParent()) + "'s constructor");
  if (Releases && VD) {
    GuardSt G;
    G.refs = Acq;
    G.shared = Shared;
    G.owns = true;
    S.guards[VD] = G;
  }
}

void Extractor::handleDecl(const DeclStmt *DS, State &S) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasInit())
      continue;
    const Expr *Init = strip(VD->getInit());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init))
      handleConstruct(CE, VD, S);
    // temp = shared datum (the split read-modify-write)
    if (!VD->hasGlobalStorage() && !VD->getType()->isRecordType())
      if (auto Dm = datumOf(Init); Dm && !VD->getType()->isPointerType())
        Cur->Derived[VD] = Dm->key;
    if (!VD->hasGlobalStorage() && !VD->getType()->isRecordType()) {
      // int temp = num + 0; etc.
      struct Finder : RecursiveASTVisitor<Finder> {
        Extractor *X;
        std::string Key;
        bool VisitExpr(Expr *E) {
          if (Key.empty() && (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)))
            if (auto D = X->datumOf(E))
              Key = D->key;
          return true;
        }
      } F;
      F.X = this;
      F.TraverseStmt(const_cast<Expr *>(Init));
      if (!F.Key.empty() && !VD->getType()->isPointerType())
        Cur->Derived[VD] = F.Key;
    }
  }
}

std::optional<Extractor::Datum> Extractor::datumOf(const Expr *E) const {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || isa<ParmVarDecl>(VD))
      return std::nullopt;
    QualType T = VD->getType();
    if (T.isConstQualified() || isAtomicLike(T) || isLockType(T) || VD->getTLSKind() != VarDecl::TLS_None ||
        T->isRecordType() || T->isArrayType() || T->isReferenceType() || VD->isConstexpr())
      return std::nullopt;
    if (VD->hasGlobalStorage()) {
      Datum D;
      D.key = globalKey(VD, &D.name);
      D.sharedRoot = true;
      return D;
    }
    bool Captured = DRE->refersToEnclosingVariableOrCapture() || (Cur && Cur->CapturedByRef.count(VD));
    if (!Captured)
      return std::nullopt;
    if (DRE->refersToEnclosingVariableOrCapture() && Cur) {
      // only by-reference captures are shared
      if (!Cur->CapturedByRef.count(VD))
        return std::nullopt;
    }
    Datum D;
    D.key = globalKey(VD, &D.name);
    D.sharedRoot = true;
    return D;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F) {
      if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
        if (VD->hasGlobalStorage() && !isAtomicLike(VD->getType()) && !VD->getType().isConstQualified() &&
            !isLockType(VD->getType()) && VD->getTLSKind() == VarDecl::TLS_None && !VD->getType()->isRecordType()) {
          Datum D;
          D.key = globalKey(VD, &D.name);
          D.sharedRoot = true;
          return D;
        }
      return std::nullopt;
    }
    QualType T = F->getType();
    if (T.isConstQualified() || isAtomicLike(T) || isLockType(T) || T->isRecordType() || T->isArrayType() ||
        T->isReferenceType())
      return std::nullopt;
    auto R = resolveObj(ME, false);
    if (!R || R->path.empty())
      return std::nullopt;
    if (R->root == ObjRef::Local) {
      // a local struct object (not through a pointer) is not shared unless captured
      const Expr *B = strip(ME->getBase());
      while (const auto *M2 = dyn_cast<MemberExpr>(B)) {
        if (M2->isArrow())
          break;
        B = strip(M2->getBase());
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(B))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && !VD->getType()->isPointerType() &&
                                                                 !VD->getType()->isReferenceType() &&
                                                                 !(Cur && Cur->CapturedByRef.count(VD)))
          return std::nullopt;
    }
    Datum D;
    D.key = R->key();
    D.name = D.key;
    D.sharedRoot = R->root == ObjRef::Global;
    return D;
  }
  return std::nullopt;
}

bool Extractor::readsDatum(const Expr *E, const std::string &Key, bool ViaDerived) const {
  struct Finder : RecursiveASTVisitor<Finder> {
    const Extractor *X;
    const std::string *Key;
    bool ViaDerived;
    bool Found = false;
    bool VisitExpr(Expr *E) {
      if (Found)
        return false;
      if (!ViaDerived && (isa<DeclRefExpr>(E) || isa<MemberExpr>(E))) {
        if (auto D = X->datumOf(E); D && D->key == *Key)
          Found = true;
      }
      if (ViaDerived)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            auto It = X->Cur->Derived.find(VD);
            if (It != X->Cur->Derived.end() && It->second == *Key)
              Found = true;
          }
      return !Found;
    }
  } F;
  F.X = this;
  F.Key = &Key;
  F.ViaDerived = ViaDerived;
  F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

void Extractor::handleAccess(const Stmt *St, State &S) {
  auto record = [&](const Expr *Target, AccessKind K, bool Split, SourceLocation L) {
    if (!Cur->Emit)
      return;
    auto D = datumOf(Target);
    if (!D)
      return;
    if (K == AccessKind::Read && !Cur->ReadSeen.insert(D->key).second)
      return;
    Access A;
    A.var = D->key;
    A.name = D->name;
    A.kind = K;
    A.sharedRoot = D->sharedRoot;
    A.split = Split;
    A.site = site(L);
    A.held = heldOf(S);
    A.unnamedLock = S.unnamed > 0;
    Cur->Fn->accesses.push_back(std::move(A));
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp())
      record(UO->getSubExpr(), AccessKind::Rmw, false, UO->getBeginLoc());
    return;
  }
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(St)) {
    record(CA->getLHS(), AccessKind::Rmw, false, CA->getBeginLoc());
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() != BO_Assign)
      return;
    const Expr *LHS = BO->getLHS()->IgnoreParens();
    if (auto D = datumOf(LHS)) {
      if (readsDatum(BO->getRHS(), D->key, false))
        record(LHS, AccessKind::Rmw, false, BO->getBeginLoc());
      else if (readsDatum(BO->getRHS(), D->key, true))
        record(LHS, AccessKind::Rmw, true, BO->getBeginLoc());
      else
        record(LHS, AccessKind::Write, false, BO->getBeginLoc());
      return;
    }
    // temp = shared
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && !VD->hasGlobalStorage())
        if (auto RD = datumOf(strip(BO->getRHS())))
          Cur->Derived[VD] = RD->key;
    return;
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(St)) {
    if (IC->getCastKind() == CK_LValueToRValue)
      record(IC->getSubExpr(), AccessKind::Read, false, IC->getBeginLoc());
    return;
  }
}

void Extractor::handleStmt(const Stmt *St, State &S) {
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    handleCall(CE, S);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(St)) {
    // guards are handled with their DeclStmt; everything else here
    std::string Cls = stdRecord(CE->getType());
    if (Cls == "std::lock_guard" || Cls == "std::scoped_lock" || Cls == "std::unique_lock" || Cls == "std::shared_lock")
      return;
    // user guard objects too (their DeclStmt follows); plain temporaries here
    if (ParentMap *PM = parents()) {
      const Stmt *P = PM->getParentIgnoreParenImpCasts(const_cast<CXXConstructExpr *>(CE));
      while (P && (isa<ExprWithCleanups>(P) || isa<CXXBindTemporaryExpr>(P) || isa<MaterializeTemporaryExpr>(P)))
        P = PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(P));
      if (P && isa<DeclStmt>(P))
        return;
    }
    handleConstruct(CE, nullptr, S);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    handleDecl(DS, S);
    return;
  }
  if (Cur->Emit)
    handleAccess(St, S);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->getOpcode() == BO_Assign)
    handleAccess(St, S);  // keeps Derived up to date
}

// Which successor gets the trylock: Cond true means success?
static std::optional<bool> successWhenTrue(const Expr *Cond, const void *Key, bool PthreadStyle) {
  if (!Cond)
    return std::nullopt;
  Cond = strip(Cond);
  if (Cond == Key)
    return !PthreadStyle;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    if (DRE->getDecl() == Key)
      return !PthreadStyle;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot) {
    auto R = successWhenTrue(UO->getSubExpr(), Key, PthreadStyle);
    if (R)
      return !*R;
    return std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->getOpcode() == BO_Assign)
      return successWhenTrue(BO->getRHS(), Key, PthreadStyle);
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      const Expr *L = strip(BO->getLHS()), *R = strip(BO->getRHS());
      const Expr *Other = nullptr;
      const IntegerLiteral *Lit = dyn_cast<IntegerLiteral>(R);
      if (Lit)
        Other = L;
      else if ((Lit = dyn_cast<IntegerLiteral>(L)))
        Other = R;
      if (!Lit) {
        if (isa<CXXBoolLiteralExpr>(R))
          Other = L;
        else
          return std::nullopt;
      }
      auto P = successWhenTrue(Other, Key, PthreadStyle);
      if (!P)
        return std::nullopt;
      bool Zero = Lit ? Lit->getValue() == 0 : !cast<CXXBoolLiteralExpr>(R)->getValue();
      if (Zero)
        return BO->getOpcode() == BO_EQ ? !*P : *P;
      // rc == EBUSY: true means failure for pthread-style
      return BO->getOpcode() == BO_EQ ? (PthreadStyle ? false : *P) : (PthreadStyle ? true : !*P);
    }
  }
  return std::nullopt;
}

void Extractor::resolvePending(const CFGBlock *B, const State &S, std::vector<State> &Succ) {
  const Stmt *T = B->getTerminatorCondition();
  const auto *Cond = dyn_cast_or_null<Expr>(T);
  std::vector<const void *> Consumed;
  for (const auto &[K, P] : S.pending) {
    auto W = successWhenTrue(Cond, K, P.pthreadStyle);
    if (!W || B->succ_size() != 2)
      continue;
    Consumed.push_back(K);
    size_t SuccessIdx = *W ? 0 : 1;
    for (size_t I = 0; I < Succ.size(); ++I) {
      Succ[I].pending.erase(K);
      if (I == SuccessIdx)
        for (const auto &H : P.locks) {
          if (Cur->Emit) {
            // a successful trylock adds no edge, but is held from here on
          }
          Succ[I].add(H);
        }
    }
  }
  // unconsumed call-keyed trylocks: assume held (no edges were added for them)
  for (auto &St : Succ)
    for (auto It = St.pending.begin(); It != St.pending.end();) {
      bool IsVar = false;
      for (const auto *C : Consumed)
        (void)C;
      // a trylock whose result was stored in a variable stays pending
      if (const auto *CE = static_cast<const Stmt *>(It->first); CE && isa<CallExpr>(CE)) {
        ParentMap *PM = parents();
        const Stmt *P = PM ? PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(CE)) : nullptr;
        const VarDecl *Into = nullptr;
        if (P)
          if (const auto *DS = dyn_cast<DeclStmt>(P); DS && DS->isSingleDecl())
            Into = dyn_cast<VarDecl>(DS->getSingleDecl());
        if (P)
          if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign)
            if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
              Into = dyn_cast<VarDecl>(DRE->getDecl());
        if (Into) {
          PendingTry PT = It->second;
          It = St.pending.erase(It);
          St.pending[Into] = PT;
          IsVar = true;
          continue;
        }
        for (const auto &H : It->second.locks)
          St.add(H);
        It = St.pending.erase(It);
        continue;
      }
      (void)IsVar;
      ++It;
    }
}

void Extractor::transfer(const CFGBlock *B, State &S) {
  for (const CFGElement &E : *B) {
    if (auto CS = E.getAs<CFGStmt>()) {
      handleStmt(CS->getStmt(), S);
    } else if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
      const VarDecl *VD = D->getVarDecl();
      auto It = S.guards.find(VD);
      if (It != S.guards.end()) {
        if (It->second.owns)
          for (const auto &R : It->second.refs)
            release(S, R);
        S.guards.erase(It);
      }
    }
  }
}

const Summary *Extractor::summaryOf(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Def = FD->getDefinition())
    FD = Def;
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return &It->second;
  if (!FD->doesThisDeclarationHaveABody() && External) {  // defined in another TU
    auto E = External->find(fnId(FD));
    if (E == External->end())
      return nullptr;
    Summary S;
    S.netAcquire = E->second.netAcquire;
    S.acquireNotes.resize(S.netAcquire.size());
    S.netRelease = E->second.netRelease;
    return &(Summaries[FD] = std::move(S));
  }
  if (InProgress.count(FD) || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() || !inUserCode(FD) ||
      Depth > 48)
    return nullptr;
  analyze(FD);
  It = Summaries.find(FD);
  return It == Summaries.end() ? nullptr : &It->second;
}

void Extractor::analyze(const FunctionDecl *FD) {
  if (Done.count(FD) || InProgress.count(FD))
    return;
  InProgress.insert(FD);
  ++Depth;
  Stmt *Body = FD->getBody();
  CFG::BuildOptions Opts;
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = true;
  Opts.AddInitializers = false;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = Body ? CFG::buildCFG(FD, Body, &Ctx, Opts) : nullptr;

  Function Fn;
  Fn.id = fnId(FD);
  Fn.name = fnName(FD);
  Fn.site = site(FD->getLocation());
  Fn.isCtorOrDtor = isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD);

  FnCtx C;
  C.FD = FD;
  C.Fn = &Fn;
  C.Body = Body;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const auto *Init : Ctor->inits())
      if (Init->isMemberInitializer() && Init->getInit())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Init->getInit())))
          if (const auto *PV = dyn_cast<ParmVarDecl>(DRE->getDecl()))
            C.CtorAlias[Init->getMember()] = static_cast<int>(PV->getFunctionScopeIndex());
  // by-reference captures: in lambdas inside this function, and in this lambda itself
  auto addCaptures = [&](const LambdaExpr *LE) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          C.CapturedByRef.insert(VD);
  };
  struct LambdaFinder : RecursiveASTVisitor<LambdaFinder> {
    std::vector<const LambdaExpr *> L;
    std::vector<const BinaryOperator *> Rel;
    bool VisitLambdaExpr(LambdaExpr *E) {
      L.push_back(E);
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isRelationalOp())
        Rel.push_back(B);
      return true;
    }
  } LF;
  if (Body)
    LF.TraverseStmt(Body);
  for (const auto *LE : LF.L)
    addCaptures(LE);
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
    // find our LambdaExpr through the enclosing function's body: captures are on the class
    for (const auto &Cap : MD->getParent()->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          C.CapturedByRef.insert(VD);
  }
  FnCtx *Saved = Cur;
  Cur = &C;
  for (const auto *B : LF.Rel) {
    std::string L = baseOfExpr(B->getLHS()), R = baseOfExpr(B->getRHS());
    if (!L.empty() && !R.empty() && L != R)
      Fn.orderedBases.emplace_back(L, R);
  }

  if (G) {
    std::vector<State> In(G->getNumBlockIDs());
    const CFGBlock &Entry = G->getEntry();
    In[Entry.getBlockID()].live = true;
    std::vector<const CFGBlock *> Work{&Entry};
    std::vector<unsigned> Visits(G->getNumBlockIDs(), 0);
    size_t Budget = 20 * G->getNumBlockIDs() + 100;
    while (!Work.empty() && Budget-- > 0) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      if (++Visits[B->getBlockID()] > 8)
        continue;
      State S = In[B->getBlockID()];
      transfer(B, S);
      std::vector<State> Succ(B->succ_size(), S);
      resolvePending(B, S, Succ);
      unsigned I = 0;
      for (const auto &SB : B->succs()) {
        const CFGBlock *N = SB.getReachableBlock();
        if (N && In[N->getBlockID()].join(Succ[I]))
          Work.push_back(N);
        ++I;
      }
    }
    // final pass: record events
    C.Emit = true;
    for (const CFGBlock *B : *G) {
      State S = In[B->getBlockID()];
      if (!S.live)
        continue;
      transfer(B, S);
    }
    // net effect: locks held on every path to the exit
    const CFGBlock &Exit = G->getExit();
    std::optional<std::vector<HeldL>> Must;
    for (const auto &P : Exit.preds()) {
      const CFGBlock *PB = P.getReachableBlock();
      if (!PB || !In[PB->getBlockID()].live)
        continue;
      C.Emit = false;
      State S = In[PB->getBlockID()];
      transfer(PB, S);
      std::vector<State> Succ(PB->succ_size(), S);
      resolvePending(PB, S, Succ);
      std::vector<HeldL> H = Succ.empty() ? S.held : Succ[0].held;
      for (const auto &[K, PT] : S.pending)
        for (const auto &L : PT.locks)
          H.push_back(L);
      if (!Must) {
        Must = H;
      } else {
        std::vector<HeldL> Keep;
        for (const auto &X : *Must)
          for (const auto &Y : H)
            if (X.ref.ident() == Y.ref.ident()) {
              Keep.push_back(X);
              break;
            }
        *Must = Keep;
      }
    }
    if (Must)
      for (const auto &H : *Must) {
        const ObjRef &R = H.ref;
        if ((R.root == ObjRef::Local && R.path.empty()) || (R.root == ObjRef::Unknown && R.path.empty()))
          continue;
        C.Sum.netAcquire.push_back({R, H.shared, H.trylock});
        C.Sum.acquireNotes.push_back(H.notes);
        if (H.trylock)
          C.Sum.isTryWrapper = FD->getReturnType()->isBooleanType();
      }
  }
  // released then re-taken (unlock ... lock, a condition wait): no net effect for callers
  {
    std::vector<NetEffect> NA;
    std::vector<std::vector<Note>> NN;
    std::vector<ObjRef> NR;
    auto In = [](const std::string &I, const auto &V, auto Get) {
      for (const auto &X : V)
        if (Get(X).ident() == I)
          return true;
      return false;
    };
    for (size_t I = 0; I < C.Sum.netAcquire.size(); ++I)
      if (!In(C.Sum.netAcquire[I].ref.ident(), C.Sum.netRelease, [](const ObjRef &R) -> const ObjRef & { return R; })) {
        NA.push_back(C.Sum.netAcquire[I]);
        NN.push_back(I < C.Sum.acquireNotes.size() ? C.Sum.acquireNotes[I] : std::vector<Note>{});
      }
    for (const auto &R : C.Sum.netRelease)
      if (!In(R.ident(), C.Sum.netAcquire, [](const NetEffect &N) -> const ObjRef & { return N.ref; }))
        NR.push_back(R);
    C.Sum.netAcquire = std::move(NA);
    C.Sum.acquireNotes = std::move(NN);
    C.Sum.netRelease = std::move(NR);
  }
  // capability attributes override the inferred summary
  if (FD->hasAttr<AcquireCapabilityAttr>() || FD->hasAttr<ReleaseCapabilityAttr>())
    C.Sum = Summary{};
  for (const auto &N : C.Sum.netAcquire)
    Fn.netAcquire.push_back(N);
  Fn.netRelease = C.Sum.netRelease;
  Cur = Saved;
  Summaries[FD] = C.Sum;
  Out.functions.push_back(std::move(Fn));
  InProgress.erase(FD);
  Done.insert(FD);
  --Depth;
}

std::string Extractor::baseOfExpr(const Expr *E) const {
  E = strip(E);
  while (true) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      E = strip(ME->getBase());
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      E = strip(UO->getSubExpr());
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E); OC && OC->getNumArgs() >= 1) {
      E = strip(OC->getArg(0));
      continue;
    }
    break;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *PV = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      return "P" + std::to_string(PV->getFunctionScopeIndex());
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return (VD->hasGlobalStorage() ? "G:" + globalKey(VD, nullptr) : "L:" + VD->getNameAsString());
  }
  return {};
}

void Extractor::run() {
  Collector Col(*this);
  Col.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *FD : Fns)
    analyze(FD);
  Out.recursiveLocks.assign(RecursiveKeys.begin(), RecursiveKeys.end());
}

}  // namespace

void extractFacts(ASTContext &Ctx, const Config &Cfg, const SummaryTable *External, TUFacts &Out) {
  Extractor X(Ctx, Cfg, External, Out);
  X.run();
}

}  // namespace lockgraph
