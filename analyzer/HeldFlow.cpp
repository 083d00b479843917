// HeldFlow: the forward may-held dataflow over each function's Clang CFG (lock sets, RAII
// guards, pending trylocks, locks released that the caller held), the recording of
// acquisitions and calls with the locks held there, and the per-function summaries (net
// acquire / net release) that apply lock wrappers at their call sites.
#include "ExtractInternal.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <tuple>


namespace lockgraph {
namespace extract {

// Leaves out of H (heldOf(S), in order) the locks taken through a pointer that has moved on
// since and that these bases name again: the previous iterations' instances of a walk
// (ipt = &ctl.ipts[i]; lock(&ipt->init_lock)) are other instances, taken item by item.
static void dropMovedFrom(std::vector<Held> &H, const State &S, const std::set<std::string> &Bases) {
  if (Bases.empty())
    return;
  std::set<std::string> Drop;
  for (const auto &X : S.held)
    if (!X.movedFrom.empty() && Bases.count(X.movedFrom))
      Drop.insert(X.ref.ident());
  if (!Drop.empty())
    H.erase(std::remove_if(H.begin(), H.end(), [&](const Held &X) { return Drop.count(X.ref.ident()) > 0; }), H.end());
}

std::vector<Held> Extractor::heldOf(const State &S, bool WithEntry) const {
  std::vector<Held> H;
  for (const auto &X : S.held)
    if (WithEntry || !X.entry)
      H.push_back({X.ref, X.shared, X.trylock, X.notes});
  return H;
}

void Extractor::acquire(State &S, const std::vector<ObjRef> &Refs, bool Shared, bool Multi, const std::vector<Note> &Via,
                        SourceLocation L, const std::string &How, const std::vector<Note> &Tail) {
  Cur->AnyLock = true;
  if (CurCall) {  // (what a scoped lock's initializer took: handleDecl())
    auto &Took = Cur->CallAcquired[CurCall];
    for (const auto &R : Refs)
      if (std::none_of(Took.begin(), Took.end(), [&](const ObjRef &X) { return X.sameIdent(R); }))
        Took.push_back(R);
  }
  std::vector<Held> Before = Cur->Emit ? heldOf(S) : std::vector<Held>{};
  // a lock a group holds, re-taking one it was taken under (lightswitchTaken()): no order
  for (const auto &H : S.held)
    if (!H.lightswitch.empty())
      for (const auto &R : Refs)
        if (std::find(H.lightswitch.begin(), H.lightswitch.end(), R.ident()) != H.lightswitch.end())
          Before.erase(std::remove_if(Before.begin(), Before.end(), [&](const Held &X) { return X.ref.sameIdent(H.ref); }),
                       Before.end());
  std::vector<HeldL> Added;
  for (const auto &R : Refs) {
    std::vector<Note> Notes = Via;
    Notes.push_back({site(L), "'" + R.name() + "' acquired here" + How});
    Notes.insert(Notes.end(), Tail.begin(), Tail.end());
    bool Re = false;
    for (auto It = S.released.begin(); It != S.released.end(); ++It)
      if (It->sameIdent(R)) {
        Re = true;
        S.released.erase(It);
        break;
      }
    if (!Re && !Cur->Reacquiring && L.isValid() && S.find(R) < 0) {
      // taken only when a parameter has some value (knot's reschedule(events, mx_handover):
      // the caller hands over its lock when it passes true): a path that skipped it may hold
      // the caller's lock by contract, the release is theirs
      if (!whenOf(S, false).empty())
        Cur->ParamGatedTaken.insert(R.ident());
      auto At = SM.getDecomposedExpansionLoc(L);
      for (auto *M : {&Cur->FirstTaken, &Cur->FirstTakenInner}) {
        auto [It, New] = M->emplace(M == &Cur->FirstTaken ? R.ident() : innerKey(R), At);
        if (!New && It->second.first == At.first && At.second < It->second.second)
          It->second = At;
      }
    }
    if (Cur->Emit) {
      for (const auto &[K, CV] : S.assume)
        if (K.wholeGlobal() && !CV.eq && CV.k == 0 && CV.more.empty())
          Cur->LockOnFlag.insert(K.V->getCanonicalDecl());
      Acquire A;
      A.ref = R;
      A.shared = Shared;
      A.notes = Notes;
      A.held = Before;
      dropMovedFrom(A.held, S, {R.base()});
      A.released = S.released;
      A.reacquire = Re || Cur->Reacquiring;
      A.dying = Cur->InDying;
      A.when = whenOf(S);
      A.unless.assign(S.flagsClear.begin(), S.flagsClear.end());
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

std::string Extractor::lastFieldKey(const ObjRef &R) const {
  if (R.path.size() == 1)
    return R.classKey();
  if (R.path.empty())
    return {};
  std::string K = R.key();
  auto It = LockPaths.lower_bound({K, std::string()});
  return It != LockPaths.end() && It->first == K ? It->second : std::string();
}

void Extractor::release(State &S, const ObjRef &R, SourceLocation At) {
  Cur->AnyLock = true;
  auto givenBack = [&S](const std::string &I) {  // a checked lock given back: its test is moot
    for (auto It = S.pending.begin(); It != S.pending.end();)
      if (It->second.held && std::any_of(It->second.locks.begin(), It->second.locks.end(),
                                         [&](const HeldL &H) { return H.ref.ident() == I; }))
        It = S.pending.erase(It);
      else
        ++It;
  };
  givenBack(R.ident());
  bool Entry = Cur->EntryLocks.count(R.ident()) > 0;
  bool Sure = S.must.count(R.ident()) > 0;
  // Taken by this function earlier in its text: a path that does not hold it here skipped
  // that acquisition under a condition the analysis lost, it is no lock the caller holds.
  bool Paired = false;
  if (At.isValid() && !Entry && !Cur->ParamGatedTaken.count(R.ident())) {
    auto Here = SM.getDecomposedExpansionLoc(At);
    auto Before = [&](const std::pair<FileID, unsigned> &T) {
      return T.first == Here.first && T.second < Here.second;
    };
    if (auto T = Cur->FirstTaken.find(R.ident()); T != Cur->FirstTaken.end())
      Paired = Before(T->second);
    bool Alias = (R.root == ObjRef::Local || R.root == ObjRef::Unknown) && R.path.size() > 1;
    if (auto T = Cur->FirstTakenInner.find(innerKey(R)); !Paired && Alias && T != Cur->FirstTakenInner.end())
      Paired = Before(T->second);
  }
  if (S.find(R) >= 0) {
    S.remove(R);
    if (!Entry && (Sure || Cur->Emit || S.tried.count(R.ident()) || S.tryFailed.count(R.ident()) || Paired))
      return;
  } else if (std::string Alias; S.releaseAlias(R, [this](const ObjRef &X) { return lastFieldKey(X); }, &Alias)) {
    givenBack(Alias);  // under the name it was taken by (else its test would add it back)
    return;
  } else if (S.tried.count(R.ident()) || S.tryFailed.count(R.ident()) || Paired) {
    return;
  }
  if (R.root == ObjRef::Param || R.root == ObjRef::This || R.isAbsolute()) {
    if (Cur->EntryLocks.insert(R.ident()).second)
      Cur->EntryRefs.push_back(R);
    // the conditions every such release of its own had (one through a callee's summary may
    // be conditional inside it: meta_back_proxy_authz_bind(..., dolock) gives the lock
    // back only `if (!dolock)` too)
    std::vector<ParamCond> W = whenOf(S);
    auto [It, New] = Cur->ReleasingViaCallee ? std::make_pair(Cur->EntryWhen.end(), false)
                                             : Cur->EntryWhen.emplace(R.ident(), W);
    if (!New && It != Cur->EntryWhen.end()) {
      std::vector<ParamCond> Both;
      for (const auto &X : It->second)
        if (std::find(W.begin(), W.end(), X) != W.end())
          Both.push_back(X);
      It->second = std::move(Both);
    }
    bool Have = false;
    for (const auto &X : S.released)
      Have = Have || X.sameIdent(R);
    if (!Have)
      S.released.push_back(R);
  }
  if (Cur->Emit && (R.root == ObjRef::Param || R.root == ObjRef::This || R.isAbsolute()))
    if (Cur->NetRelSeen.insert(R.ident()).second)
      Cur->Sum.netRelease.push_back(R);
}

void Extractor::recordCall(const FunctionDecl *Callee, const Expr *E, llvm::ArrayRef<const Expr *> Args,
                           const Expr *ThisE, const State &S) {
  if (!Cur->Emit || Cur->NoCalls || !Callee || !inUserCode(Callee))
    return;
  Call C;
  C.callee = fnId(Callee);
  C.calleeName = fnName(Callee);
  C.site = site(E->getBeginLoc());
  C.held = heldOf(S);
  C.released = S.released;
  C.when = whenOf(S);
  C.loop = inLoop(E);
  C.forkChild = Cur->ForkChild.count(E) > 0;
  C.dying = Cur->InDying;
  C.unless.assign(S.flagsClear.begin(), S.flagsClear.end());
  for (const auto &K : S.initGuards)  // made only while the flag is clear (the analysis: "I:")
    if (!S.flagsDirty.count(K))
      C.unless.push_back("I:" + K);
  constexpr size_t MaxFlags = 32;  // past that, dirty is "any" and set is cut (both sound)
  for (const auto &[K, V] : S.flagsSet)
    if (C.flagsSet.size() < MaxFlags)
      C.flagsSet.push_back(K);
  if (S.flagsDirty.size() > MaxFlags)
    C.flagsDirty = {"*"};
  else
    C.flagsDirty.assign(S.flagsDirty.begin(), S.flagsDirty.end());
  for (const Expr *A : Args) {
    ArgRef R = argOf(A);
    // a local or parameter whose value the path knows (`locked = true; ... f(v, locked)`)
    // decides the callee's lock-if as a constant argument does
    if (!R.constant && A && (A->getType()->isIntegralOrEnumerationType() || A->getType()->isPointerType()))
      if (auto K = valueOf(A, S)) {
        R.constant = K;
        R.obj.reset();  // an integer, or a null pointer: no object
      }
    if (!R.constant && A && A->getType()->isPointerType())
      R.nonNull = knownNonNull(A, S);
    if (!R.constant && A)
      R.fieldFacts = callFieldFacts(A);
    C.args.push_back(std::move(R));
  }
  if (ThisE) {
    if (ThisE->getType()->isPointerType())
      C.thisArg = argOf(ThisE);
    else
      C.thisArg.obj = resolveObj(ThisE, false);
    C.thisArg.fieldFacts = objectModeFacts(ThisE);
    // A method called on an object that a pointer or reference member refers to
    // (`listener.on_event()`, `listener_->on_event()`): that object is not part of this one,
    // and its locks are its class's (`Listener::mu`, an unnamed instance), the same locks its
    // own methods take, so an order through the call meets theirs (a cross-class cycle).
    if (const auto *ME = dyn_cast<MemberExpr>(strip(ThisE)); ME && C.thisArg.obj && !C.thisArg.obj->path.empty())
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
          F && (F->getType()->isReferenceType() || F->getType()->isPointerType()))
        if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee)) {
          ObjRef R;
          R.root = ObjRef::Unknown;
          R.cls = recordName(MD->getParent());
          C.thisArg.obj = R;
        }
  }
  std::set<std::string> Bases;  // the objects passed: locks of their walk's earlier items are not ordered before
  for (const auto &A : C.args)
    if (A.obj)
      Bases.insert(A.obj->base());
  if (C.thisArg.obj)
    Bases.insert(C.thisArg.obj->base());
  dropMovedFrom(C.held, S, Bases);
  Cur->Fn->calls.push_back(std::move(C));
}

// A guard class that reaches its lock through a pointer or reference member (oneTBB's
// `unique_scoped_lock { Mutex *m_mutex; }`, whose release() unlocks `m_mutex` and whose
// destructor releases): its methods that release or take `*this`'s lock act on the guard's mutex.
bool Extractor::refGuardClass(const CXXRecordDecl *RD, int D) {
  if (!RD || !RD->hasDefinition() || D > 8)
    return false;
  if (const CXXDestructorDecl *DD = RD->getDestructor())
    if (const Summary *DS = summaryOf(DD))
      for (const auto &R : DS->netRelease)
        if (R.root == ObjRef::This && R.path.size() >= 2)
          for (const FieldDecl *F : RD->fields())
            if (F->getName() == R.path[0] && (F->getType()->isPointerType() || F->getType()->isReferenceType()))
              return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (refGuardClass(B.getType()->getAsCXXRecordDecl(), D + 1))
      return true;
  return false;
}

// A method of a guard called on the guard: `lock.release()` on a guard of this function (the
// guard's mutex is released and the guard owns nothing), or on a guard the caller gave by
// reference (`add_ref_unsafe(scoped_lock &lock) { ...; lock.release(); }`: the parameter's
// lock, which the call site names by the caller's guard, argOf()). Methods that take the lock
// again (`acquire()`) likewise.
//
// The guard's destructor called explicitly (`lock.~Lock(); return unmountFS(this);`, encfs) ends
// the guard there: what it owns is released, and its end of scope does nothing more.
bool Extractor::guardMethod(const FunctionDecl *Callee, const Expr *ThisE, const CallExpr *CE, State &S) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (MD && ThisE && isa<CXXDestructorDecl>(MD)) {
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(ThisE));
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto G = V ? S.guards.find(V) : S.guards.end();
    if (G == S.guards.end() || G->second.reverse)
      return false;
    Cur->AnyLock = true;
    endGuard(G, S);
    return true;
  }
  if (!MD || !ThisE || isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD))
    return false;
  const Expr *O = strip(ThisE);
  if (const auto *U = dyn_cast<UnaryOperator>(O); U && U->getOpcode() == UO_Deref)
    O = strip(U->getSubExpr());
  const auto *DRE = dyn_cast<DeclRefExpr>(O);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return false;
  bool Rel = false, Acq = false;
  // a scoped capability's own method, by its attribute without arguments (SRT's UniqueLock:
  // `SRT_ATTR_RELEASE() void unlock();`): the guard's lock
  const auto *RA = Callee->getAttr<ReleaseCapabilityAttr>();
  const auto *AA = Callee->getAttr<AcquireCapabilityAttr>();
  if ((RA && RA->args_size() == 0) || (AA && AA->args_size() == 0)) {
    Rel = RA != nullptr;
    Acq = AA != nullptr;
  } else {
    const Summary *Sum = summaryOf(Callee);
    if (!Sum)
      return false;
    auto ofThis = [](const ObjRef &R) { return R.root == ObjRef::This && !R.path.empty(); };
    Rel = std::any_of(Sum->netRelease.begin(), Sum->netRelease.end(), ofThis);
    Acq = std::any_of(Sum->netAcquire.begin(), Sum->netAcquire.end(), [&](const NetEffect &H) { return ofThis(H.ref); });
  }
  if (Rel == Acq)
    return false;
  auto G = S.guards.find(V);
  if (G != S.guards.end()) {
    if (G->second.reverse || guardClass(stdRecord(V->getType())))
      return false;
    Cur->AnyLock = true;
    if (Rel) {
      if (G->second.owns)
        for (const auto &R : G->second.refs)
          release(S, R, CE->getBeginLoc());
      G->second.owns = false;
    } else if (!G->second.owns) {
      acquire(S, G->second.refs, G->second.shared, G->second.refs.size() > 1, {}, CE->getBeginLoc(),
              " by " + fnName(Callee) + "()");
      G->second.owns = true;
    }
    return true;
  }
  const auto *PV = dyn_cast<ParmVarDecl>(V);
  QualType T = V->getType();
  if (!PV || PV->getDeclContext() != Cur->FD || !(T->isReferenceType() || T->isPointerType()) ||
      !refGuardClass(T->getPointeeType()->getAsCXXRecordDecl(), 0))
    return false;
  auto R = resolveLock(DRE);
  if (!R || R->root != ObjRef::Param || !R->path.empty())
    return false;
  Cur->AnyLock = true;
  if (Rel)
    release(S, *R, CE->getBeginLoc());
  else
    acquire(S, {*R}, false, false, {}, CE->getBeginLoc(), " by " + fnName(Callee) + "()");
  return true;
}

std::vector<ParamCond> Extractor::fieldFactsOf(const Expr *E, const State &S) const {
  std::vector<ParamCond> R;
  if (S.assume.empty())
    return R;
  E = E->IgnoreParenImpCasts();
  bool Addr = false;
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf) {
    E = U->getSubExpr()->IgnoreParenImpCasts();
    Addr = true;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V)
    return R;
  QualType T = V->getType();
  // a pointer to a struct passed, a struct's address, a struct by value
  if (!(Addr ? T->isRecordType() : (T->isRecordType() || (T->isPointerType() && T->getPointeeType()->isRecordType()))))
    return R;
  constexpr size_t MaxFieldFacts = 16;
  V = V->getCanonicalDecl();
  for (auto It = S.assume.lower_bound(FactKey{V, {}, 0, false}); It != S.assume.end() && It->first.V == V; ++It) {
    const FactKey &K = It->first;
    const CondVal &C = It->second;
    if (K.fields.empty() || K.first || (C.eq && !C.more.empty()))
      continue;
    std::vector<std::string> Path;
    for (const FieldDecl *F : K.fields) {
      std::string N = fieldPathName(F);
      if (N.empty()) {
        Path.clear();
        break;
      }
      Path.push_back(std::move(N));
    }
    if (Path.empty())
      continue;
    for (size_t I = 0; I <= C.more.size() && R.size() < MaxFieldFacts; ++I)
      R.push_back({-1, I == 0 ? C.eq : false, I == 0 ? C.k : C.more[I - 1], K.mask, false, Path});
  }
  return R;
}

void Extractor::recordHandedLocks(const Expr *Callable, const Expr *Arg, const Stmt *At, const State &S) {
  if (!Cur->Emit || !Arg || Cur->Fn->spawns.empty())
    return;
  Spawn &Sp = Cur->Fn->spawns.back();
  if (Sp.entry == Spawn::ParamEntry || !(Sp.site == site(At->getBeginLoc())))
    return;
  const Expr *C = strip(Callable);
  if (const auto *U = dyn_cast<UnaryOperator>(C); U && U->getOpcode() == UO_AddrOf)
    C = strip(U->getSubExpr());
  const auto *DRE = dyn_cast<DeclRefExpr>(C);
  const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  const Summary *Sum = FD ? summaryOf(FD) : nullptr;
  if (!Sum || Sum->netRelease.empty())
    return;
  ArgRef A = argOf(Arg);
  const Expr *P = strip(Arg);
  if (const auto *U = dyn_cast<UnaryOperator>(P); U && U->getOpcode() == UO_AddrOf)
    if (const auto *V = dyn_cast<DeclRefExpr>(strip(U->getSubExpr())))
      if (const auto *VD = dyn_cast<VarDecl>(V->getDecl()))
        if (auto It = S.fieldPoints.find(VD); It != S.fieldPoints.end())
          A.fields = It->second;  // `rd.mutex = &mutex; pthread_create(..., &rd)`
  for (const ObjRef &R : Sum->netRelease) {
    if (R.root != ObjRef::Param || R.param != 0)
      continue;
    std::optional<ObjRef> X;
    if (R.path.empty())
      X = A.obj;  // the argument is the lock (`pthread_create(..., &mutex)`)
    else if (auto F = A.fields.find(R.path[0]); R.path.size() == 1 && F != A.fields.end())
      X = F->second;  // a local lock the argument's struct points to (substituteRef drops locals)
    else
      X = substituteRef(R, {A}, ArgRef{});
    // the referent of a pointer field of a local struct (`rd.mutex = &mutex; ... &rd`), which
    // State::fieldPoints does not follow for a struct whose address is taken: what every
    // store to that field in the function points to, when that is one lock
    if (X && X->root == ObjRef::Local && X->path.size() == 1 && X->hopAt == 1)
      X = localFieldReferent(X->rootName, X->path[0]);
    if (X && X->root != ObjRef::Unknown)
      Sp.hands.push_back(*X);
  }
}

std::optional<ObjRef> Extractor::localFieldReferent(const std::string &Var, const std::string &Field) {
  auto Named = [](const NamedDecl *D, const std::string &N) {
    const IdentifierInfo *I = D ? D->getIdentifier() : nullptr;
    return I && I->getName() == N;
  };
  std::optional<ObjRef> Found;
  bool Clash = false;
  auto Store = [&](const Expr *RHS) {
    auto R = resolveObj(strip(RHS), true);
    if (!R || !R->isAbsolute() || (Found && !Found->sameIdent(*R)))  // a local lock is named absolutely
      Clash = true;
    else
      Found = R;
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *St) {
    if (!St || Clash)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp())
      if (const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS())); ME && Named(ME->getMemberDecl(), Field))
        if (const auto *B = dyn_cast<DeclRefExpr>(strip(ME->getBase())); B && Named(B->getDecl(), Var)) {
          if (BO->getOpcode() == BO_Assign)
            Store(BO->getRHS());
          else
            Clash = true;
        }
    if (const auto *DS = dyn_cast<DeclStmt>(St))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && Named(V, Var) && V->hasInit())
          if (const auto *IL = dyn_cast<InitListExpr>(strip(V->getInit())))
            if (const RecordDecl *RD = V->getType()->getAsRecordDecl())
              for (const FieldDecl *FDl : RD->fields())
                if (Named(FDl, Field) && FDl->getFieldIndex() < IL->getNumInits())
                  Store(IL->getInit(FDl->getFieldIndex()));
    for (const Stmt *Ch : St->children())
      Walk(Ch);
  };
  Walk(Cur->FD->getBody());
  return Clash ? std::nullopt : Found;
}

void Extractor::handleCall(const CallExpr *CE, State &S) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    Callee = localCallee(CE);
  if (!Callee) {
    handleIndirectCall(CE, S);
    return;
  }
  if (handleCleanupPop(CE, S))
    return;
  // threads
  if (isFreeFunctionNamed(Callee)) {
    StringRef N = Callee->getName();
    if (N == "pthread_create" && CE->getNumArgs() >= 3) {
      recordSpawn(CE->getArg(2), CE, CE->getArg(0));
      recordHandedLocks(CE->getArg(2), CE->getNumArgs() >= 4 ? CE->getArg(3) : nullptr, CE, S);
      return;
    }
    if (N == "thrd_create" && CE->getNumArgs() >= 2) {
      recordSpawn(CE->getArg(1), CE, CE->getArg(0));
      recordHandedLocks(CE->getArg(1), CE->getNumArgs() >= 3 ? CE->getArg(2) : nullptr, CE, S);
      return;
    }
    if ((N == "pthread_self" || N == "thrd_current") && Cur->Emit) {
      // `main_thread = pthread_self();`: the handle names this function's thread
      ParentMap *PM = parents();
      const Stmt *Par = PM ? PM->getParentIgnoreParenImpCasts(const_cast<CallExpr *>(CE)) : nullptr;
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Par); BO && BO->getOpcode() == BO_Assign)
        if (std::string H = handleOf(BO->getLHS(), false); !H.empty() && H.back() != ']' &&
                                                           !llvm::is_contained(Cur->Fn->selfHandles, H))
          Cur->Fn->selfHandles.push_back(H);
    }
    if ((N == "pthread_join" || N == "thrd_join") && Cur->Emit) {
      Cur->Fn->joins.push_back(site(CE->getBeginLoc()));
      Cur->Fn->joinHandles.resize(Cur->Fn->joins.size() - 1);
      Cur->Fn->joinHandles.push_back(CE->getNumArgs() >= 1 ? handleOf(CE->getArg(0), false) : "");
      if (Cur->Fn->joinHandles.back().empty() && CE->getNumArgs() >= 1)
        if (std::string K = handleClassOf(CE->getArg(0), false);
            !K.empty() && !llvm::is_contained(Cur->Fn->joinClasses, K))
          Cur->Fn->joinClasses.push_back(K);
      return;
    }
    if (N == "pthread_mutexattr_settype" && CE->getNumArgs() >= 2) {
      StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(CE->getArg(1)->getSourceRange()), SM, Ctx.getLangOpts());
      if (T.contains("RECURSIVE") || T.contains("ERRORCHECK"))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(0))->IgnoreParenImpCasts()))
          Cur->RecursiveAttrVars.insert(DRE->getDecl()->getNameAsString());
      if (const auto *UO = dyn_cast<UnaryOperator>(strip(CE->getArg(0))))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())))
          if (T.contains("RECURSIVE") || T.contains("ERRORCHECK"))
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
  recordWrappedSpawns(CE, Callee);
  // QtConcurrent::run([pool,] f, args...) and QtConcurrent::run([pool,] &obj, &C::f, args...):
  // f runs on a thread of the pool (qt_thread/); QThreadPool::start(runnable) runs the
  // runnable's run() there. The futures are not followed: the task is never joined.
  if (const auto *NS = dyn_cast<NamespaceDecl>(Callee->getDeclContext()->getRedeclContext());
      NS && NS->getName() == "QtConcurrent" && Callee->getIdentifier() && Callee->getName() == "run" &&
      NS->getDeclContext()->getRedeclContext()->isTranslationUnit()) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (callableOf(CE->getArg(I))) {
        recordSpawn(CE->getArg(I), CE);
        break;
      }
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE); MC && Callee->getIdentifier() && Callee->getName() == "start" &&
                                                        MC->getMethodDecl() && CE->getNumArgs() >= 1 &&
                                                        MC->getMethodDecl()->getParent()->getIdentifier() &&
                                                        MC->getMethodDecl()->getParent()->getName() == "QThreadPool")
    if (const CXXMethodDecl *Run = qthreadRun(CE->getArg(0)->IgnoreParenImpCasts()->getType(), "QRunnable")) {
      if (Cur->Emit)
        Cur->Fn->spawns.push_back({fnId(Run), fnName(Run), site(CE->getBeginLoc()), inLoop(CE), "", "", false,
                                   Cur->ForkChild.count(CE) > 0, startedOnceByFlag(CE), ""});
      return;
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
        if (Cur->Emit) {
          Cur->Fn->joins.push_back(site(CE->getBeginLoc()));
          Cur->Fn->joinHandles.resize(Cur->Fn->joins.size() - 1);
          Cur->Fn->joinHandles.push_back(stdThreadHandle(Obj));
        }
        return;
      }
      // A QThread subclass's start() runs its run() in a new thread; wait() without a timeout
      // joins it (qt_thread.cc). Started through a QThread * of the base class, the override
      // run() is not known: no spawn.
      if ((MD->getName() == "start" || MD->getName() == "wait") && Obj)
        if (const CXXMethodDecl *Run = qthreadRun(Obj->IgnoreParenImpCasts()->getType(), "QThread")) {
          if (Cur->Emit) {
            std::string H = stdThreadHandle(Obj);
            if (MD->getName() == "start") {
              Cur->Fn->spawns.push_back({fnId(Run), fnName(Run), site(CE->getBeginLoc()), inLoop(CE), H, "",
                                         joinedBeforeReturn(CE, H), Cur->ForkChild.count(CE) > 0, startedOnceByFlag(CE),
                                         ""});
            } else if (CE->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(CE->getArg(0))) {
              Cur->Fn->joins.push_back(site(CE->getBeginLoc()));
              Cur->Fn->joinHandles.resize(Cur->Fn->joins.size() - 1);
              Cur->Fn->joinHandles.push_back(H);
            }
          }
          return;
        }
      if ((MD->getName() == "emplace_back" || MD->getName() == "emplace") && CE->getNumArgs() >= 1 && Obj &&
          threadContainer(Obj->getType())) {
        if (Cur->Emit)
          recordSpawnNamed(CE->getArg(0), CE, stdThreadStartHandle(CE));
        return;
      }
    }
  }

  if (applyLockOp(classify(CE, S, Callee), CE, S))
    return;

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
  if (guardMethod(Callee, ThisE, CE, S))
    return;
  if (const Summary *Sum = summaryOf(Callee)) {
    std::vector<ArgRef> AR;
    for (const Expr *A : Args) {
      AR.push_back(argOf(A));
      if (!AR.back().constant)  // `lock_slurmctld(job_write_lock)`: its fields
        AR.back().fieldFacts = callFieldFacts(A);
    }
    ArgRef TR;
    if (ThisE) {
      if (ThisE->getType()->isPointerType())
        TR = argOf(ThisE);
      else
        TR.obj = resolveObj(ThisE, false);
      TR.fieldFacts = objectModeFacts(ThisE);
    }
    applySummary(*Sum, CE, AR, TR, fnName(Callee), S);
    // a guard given to the callee owns its mutex after the call when the mutex is held then
    // (the callee unlocked it, or locked a deferred one)
    for (const Expr *A : Args) {
      const Expr *G = strip(A);
      if (const auto *U = dyn_cast<UnaryOperator>(G); U && U->getOpcode() == UO_AddrOf)
        G = strip(U->getSubExpr());
      const auto *DRE = dyn_cast<DeclRefExpr>(G);
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      auto It = V ? S.guards.find(V) : S.guards.end();
      if (It == S.guards.end() || It->second.refs.size() != 1 || It->second.reverse)
        continue;
      It->second.owns = S.find(It->second.refs[0]) >= 0;
    }
  } else if (!S.tryFailed.empty()) {
    takeAfterFailedTry(Callee, Args, CE, S);
  }
  flagCall(Callee, summaryOf(Callee), S);
}

// A name that says it locks: its words (split at `_` and at a lower-to-upper case change) end
// with one ending in "lock", or with that and a slow path's words (`GC_lock`, `os_lock_slow`,
// `spinLockContended`); not a helper named after locks (tbox's spin loop calls
// `tb_lock_profiler_occupied(tb_lock_profiler(), lock)` between its tries).
static bool namedAsLock(StringRef Id) {
  std::vector<std::string> Words(1);
  for (size_t I = 0; I < Id.size(); ++I) {
    char C = Id[I];
    if (C == '_' || (I > 0 && llvm::isUpper(C) && llvm::isLower(Id[I - 1]))) {
      if (!Words.back().empty())
        Words.emplace_back();
      if (C == '_')
        continue;
    }
    Words.back() += llvm::toLower(C);
  }
  static const char *const SlowPath[] = {"", "slow", "slowpath", "wait", "contended", "blocking", "full", "impl", "internal"};
  while (!Words.empty() && llvm::is_contained(SlowPath, Words.back()))
    Words.pop_back();
  return !Words.empty() && StringRef(Words.back()).ends_with("lock");
}

// The slow path of a failed trylock (the Boehm GC's UNCOND_LOCK(): `if (0 !=
// pthread_mutex_trylock(&GC_allocate_ml)) GC_lock();`, GC_lock() in another file): a function
// named as a lock (namedAsLock()) that returns no pointer and that this TU has no summary of
// (defined in another file, or outside the database), given no argument or that lock, takes it. The code after it goes on as the trylock's success path
// does, and unlocks the lock on both ways; without this, the first pass read that unlock as a
// release of the caller's lock.
void Extractor::takeAfterFailedTry(const FunctionDecl *Callee, llvm::ArrayRef<const Expr *> Args, const Expr *CE,
                                   State &S) {
  if (!Callee || !Callee->getIdentifier() || Callee->getReturnType()->isPointerType())
    return;
  std::string N = Callee->getName().lower();  // (namedAsLock(): its words end in "lock")
  if (N.find("unlock") != std::string::npos || N.find("try") != std::string::npos || !namedAsLock(Callee->getName()))
    return;
  std::vector<ObjRef> Take;
  for (const auto &[K, R] : S.tryFailed) {
    if (S.find(R) >= 0)
      continue;
    bool Named = Args.empty();
    for (const Expr *A : Args)
      if (ArgRef X = argOf(A); X.obj && X.obj->sameIdent(R))
        Named = true;
    if (Named)
      Take.push_back(R);
  }
  if (Take.empty())
    return;
  for (const auto &R : Take)
    S.tryFailed.erase(R.ident());
  acquire(S, Take, false, Take.size() > 1, {}, CE->getBeginLoc(), " through " + fnName(Callee) + " after the failed trylock");
}

bool Extractor::applyLockOp(const LockOp &Op, const CallExpr *CE, State &S) {
  if (Op.kind != LockOp::None)
    Cur->AnyLock = true;
  switch (Op.kind) {
  case LockOp::Acquire: {
    if (Op.refs.empty() && S.unnamed < 3)
      ++S.unnamed;
    bool Group = Op.refs.size() == 1 && lightswitchTaken(CE);
    // the group's lock, held here on a path that left the group without counting itself out
    // (ompl's `continue` between the two halves): it is taken only when the count is zero, so
    // never by a member of the group, and not by this thread again (lightswitch_relock.cc)
    if (Group)
      if (int I = S.find(Op.refs[0]); I >= 0 && !S.held[static_cast<size_t>(I)].lightswitch.empty())
        S.remove(Op.refs[0]);
    acquire(S, Op.refs, Op.shared, Op.multi, {}, CE->getBeginLoc(), "");
    if (Op.refs.size() == 1)  // `lock(&e->mu)`: through local e
      setVia(S, Op.refs[0], lockBaseVar(CE));
    if (Group && !S.held.empty())
      if (int I = S.find(Op.refs[0]); I >= 0) {
        std::vector<std::string> Under;
        for (const auto &H : S.held)
          if (!H.ref.sameIdent(Op.refs[0]))
            Under.push_back(H.ref.ident());
        S.held[static_cast<size_t>(I)].lightswitch = std::move(Under);
      }
    if (Op.pthreadStyle && !Op.refs.empty() && CE->getType()->isIntegerType()) {
      // the result may be tested: on the branch where it failed the lock is not held
      PendingTry P;
      P.held = true;
      for (const auto &R : Op.refs)
        P.locks.push_back({R, Op.shared, false, {}});
      S.pending[CE] = P;
    }
    return true;
  }
  case LockOp::Release:
    if (Op.refs.empty() && S.unnamed > 0)
      --S.unnamed;
    else if (Op.refs.empty())
      S.releaseUnnamed();
    for (const auto &R : Op.refs)
      release(S, R, CE->getBeginLoc());
    return true;
  case LockOp::Try: {
    if (Op.timed && Cur->Emit)
      for (const auto &R : Op.refs) {
        Acquire A;
        A.ref = R;
        A.shared = Op.shared;
        A.notes = {{site(CE->getBeginLoc()), "'" + R.name() + "' acquired here (timed lock)"}};
        A.held = heldOf(S);
        A.dying = Cur->InDying;
        Cur->Fn->acquires.push_back(std::move(A));
      }
    PendingTry P;
    P.pthreadStyle = Op.pthreadStyle;
    for (const auto &R : Op.refs)
      P.locks.push_back({R, Op.shared, true, {{site(CE->getBeginLoc()), "'" + R.name() + "' acquired here (trylock)"}}});
    S.pending[CE] = P;
    return true;
  }
  case LockOp::CondWait:
    for (const auto &R : Op.refs) {
      // A wait on a lock reached through a pointer the function fetched itself, which this path
      // does not hold, is made under a hold it cannot see: a lock wrapper defined in another
      // file (StarPU's `worker = _starpu_get_worker_struct(id); STARPU_PTHREAD_MUTEX_LOCK_SCHED(
      // &worker->sched_mutex); while (...) STARPU_PTHREAD_COND_WAIT(..., &worker->sched_mutex);`
      // in the first pass). The lock is held before and after it: the wait is no release of a
      // lock of the caller's (the locks of parameters, `this` and globals still are, by contract).
      bool Unseen = S.find(R) < 0 && (R.root == ObjRef::Local || R.root == ObjRef::Unknown);
      if (!Unseen)
        release(S, R);
      Cur->Reacquiring = true;
      acquire(S, {R}, false, false, {}, CE->getBeginLoc(), " (re-acquired by the condition wait)");
      Cur->Reacquiring = false;
      if (Unseen)
        S.remove(R);
    }
    return true;
  case LockOp::None:
    break;
  }
  return false;

}

// The local pointer a lock call's lock is reached through (`lock(&e->mu)`, `lock(m)`), or null.
const VarDecl *Extractor::lockBaseVar(const CallExpr *CE) const {
  if (CE->getNumArgs() == 0)
    return nullptr;
  const Expr *B = strip(CE->getArg(0));
  while (true) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(B))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *UO = dyn_cast<UnaryOperator>(B); UO && UO->getOpcode() == UO_AddrOf)
      B = strip(UO->getSubExpr());
    else if (const auto *ME = dyn_cast<MemberExpr>(B))
      B = strip(ME->getBase());
    else
      return nullptr;
  }
}

const VarDecl *Extractor::resultVar(const Stmt *CE) {
  ParentMap *PM = parents();
  const Stmt *Par = PM ? PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(CE)) : nullptr;
  if (!Par)
    return nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(Par); DS && DS->isSingleDecl())
    return dyn_cast<VarDecl>(DS->getSingleDecl());
  if (const auto *BO = dyn_cast<BinaryOperator>(Par); BO && BO->getOpcode() == BO_Assign)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
      return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

namespace {
// The counter a statement adds one to (`n++`, `++n`, `n += 1`, `n = n + 1`): a field or a
// variable, by its declaration; or null.
const ValueDecl *incremented(const Stmt *St) {
  const auto *E = dyn_cast_or_null<Expr>(St);
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  auto declOf = [](const Expr *X) -> const ValueDecl * {
    X = X->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(X))
      return ME->getMemberDecl();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
      return DRE->getDecl();
    return nullptr;
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->isIncrementOp())
    return declOf(UO->getSubExpr());
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(E); CA && CA->getOpcode() == BO_AddAssign)
    if (const auto *L = dyn_cast<IntegerLiteral>(CA->getRHS()->IgnoreParenImpCasts()); L && L->getValue() == 1)
      return declOf(CA->getLHS());
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_Assign)
    if (const auto *Add = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts()); Add && Add->getOpcode() == BO_Add)
      if (const auto *L = dyn_cast<IntegerLiteral>(Add->getRHS()->IgnoreParenImpCasts()); L && L->getValue() == 1) {
        const ValueDecl *D = declOf(BO->getLHS());
        return D && D == declOf(Add->getLHS()) ? D : nullptr;
      }
  return nullptr;
}
}  // namespace

// A lock taken by the first member of a group (a lightswitch, as a readers-writer lock made of
// two mutexes: hashcat's brain server does `lock(mux_hr); hb++; if (hb == 1) lock(mux_hg);
// unlock(mux_hr);` and gives mux_hg back under `if (hb == 0)` after `hb--`): the lock call is
// the body of an `if` that tests a shared counter (a field, a global or a static) for 1 right
// after adding one to it (`n++; if (n == 1)`, `if (++n == 1)`, `if (n++ == 0)`), or for 0 right
// before (`if (n == 0) lock(l); n++;`: ompl's pSBL::threadSolve()).
bool Extractor::lightswitchTaken(const Stmt *CE) {
  ParentMap *PM = parents();
  if (!PM)
    return false;
  const Stmt *At = CE, *If = nullptr;
  for (int Depth = 0; Depth < 3 && !If; ++Depth) {
    const Stmt *Par = PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(At));
    if (!Par)
      return false;
    if (const auto *IS = dyn_cast<IfStmt>(Par)) {
      if (IS->getThen() != At || IS->getElse())
        return false;
      If = IS;
    } else if (const auto *CS = dyn_cast<CompoundStmt>(Par)) {
      if (CS->size() != 1)
        return false;
    } else if (!isa<ExprWithCleanups>(Par)) {
      return false;
    }
    At = Par;
  }
  if (!If)
    return false;
  const auto *Test = dyn_cast<BinaryOperator>(cast<IfStmt>(If)->getCond()->IgnoreParenImpCasts());
  if (!Test || Test->getOpcode() != BO_EQ)
    return false;
  const Expr *L = Test->getLHS()->IgnoreParenImpCasts(), *R = Test->getRHS()->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(L))
    std::swap(L, R);
  const auto *K = dyn_cast<IntegerLiteral>(R);
  if (!K || K->getValue().ugt(1))
    return false;
  const ValueDecl *Counter = nullptr;
  bool Post = false;  // `n++ == 0`
  if (const auto *UO = dyn_cast<UnaryOperator>(L); UO && UO->isIncrementOp()) {
    Counter = incremented(UO);
    Post = UO->isPostfix();
  } else if (const auto *ME = dyn_cast<MemberExpr>(L)) {
    Counter = ME->getMemberDecl();
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
    Counter = DRE->getDecl();
  }
  const auto *V = dyn_cast_or_null<VarDecl>(Counter);
  if (!Counter || (V && !V->hasGlobalStorage()) || (!V && !isa<FieldDecl>(Counter)))
    return false;
  if (isa<UnaryOperator>(L))  // counted in the test itself
    return K->getValue() == (Post ? 0 : 1);
  // counted by the statement right before the `if` (tested for 1), or right after it (for 0)
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM->getParent(const_cast<Stmt *>(If)));
  if (!Block)
    return false;
  const Stmt *Prev = nullptr;
  bool After = false;
  for (const Stmt *X : Block->body()) {
    if (After)
      return incremented(X) == Counter;
    if (X == If) {
      if (K->getValue() == 1)
        return Prev && incremented(Prev) == Counter;
      After = true;
    }
    Prev = X;
  }
  return false;
}

// The local variable that keeps a test of a call's result: `locked = (trylock(m) == 0)`,
// `busy = trylock(m) != 0`, `ok = !try_lock(m)` (qpid-proton's suspend()); `Flip` says whether
// the variable is nonzero where the result is zero. Null when the result is stored as it is
// (resultVar()) or not at all.
const VarDecl *Extractor::testedResultVar(const Stmt *CE, bool &Flip) {
  ParentMap *PM = parents();
  if (!PM)
    return nullptr;
  Flip = false;
  const Stmt *At = CE;
  bool Tested = false;
  for (int Depth = 0; Depth < 4; ++Depth) {
    const Stmt *Par = PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(At));
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Par); UO && UO->getOpcode() == UO_LNot) {
      Flip = !Flip;
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Par); BO && BO->isEqualityOp()) {
      const Expr *Other = BO->getLHS()->IgnoreParenImpCasts() == At ? BO->getRHS() : BO->getLHS();
      auto K = constantOf(Other, Ctx);
      if (!K || *K != 0)
        return nullptr;
      Flip = Flip != (BO->getOpcode() == BO_EQ);
    } else {
      break;
    }
    Tested = true;
    At = Par;
  }
  return Tested ? resultVar(At) : nullptr;
}

void Extractor::setVia(State &S, const ObjRef &R, const VarDecl *V) {
  if (!V || !V->isLocalVarDecl() || !V->getType()->isPointerType())
    return;
  int I = S.find(R);
  if (I >= 0)
    S.held[static_cast<size_t>(I)].via = V->getNameAsString();
}

// In a constructor, a lock a method of the object takes through a member the constructor
// binds to its parameter (`lock(mutex &p) : parent(p), locked(false) { acquire(); }`, whose
// acquire() locks `parent.m`) is the parameter's: the guard's constructor takes the lock of the
// mutex it is given (cwidget's `threads::mutex::lock`), as a member used in the constructor's
// own body is (resolveObj()).
std::optional<ObjRef> Extractor::ctorAliased(std::optional<ObjRef> X) const {
  const auto *CD = Cur ? dyn_cast_or_null<CXXConstructorDecl>(Cur->FD) : nullptr;
  if (!X || !CD || X->root != ObjRef::This || X->path.size() < 2 || Cur->CtorAlias.empty())
    return X;
  for (const auto &[F, P] : Cur->CtorAlias) {
    if (F->getName() != X->path[0] || F->getParent() != CD->getParent())
      continue;
    QualType T = F->getType();
    QualType Pointee = T->isPointerType() ? T->getPointeeType() : T->isReferenceType() ? T.getNonReferenceType() : QualType();
    const RecordDecl *RD = Pointee.isNull() ? nullptr : Pointee->getAsRecordDecl();
    if (!RD)
      return X;
    X->root = ObjRef::Param;
    X->param = P;
    X->rootName.clear();
    X->display.clear();
    X->path.erase(X->path.begin());
    X->cls = recordName(RD);
    if (X->hopAt > 0)
      --X->hopAt;
    if (X->wrapped > 0)
      --X->wrapped;
    return X;
  }
  return X;
}

namespace {
// The parameter of Caller that a call passes on unchanged as its argument I (`find_locked(inp,
// id, want_lock)` in `find(inp, id, want_lock)`), if it is one.
const ParmVarDecl *passedParam(const CallExpr *Call, unsigned I, const FunctionDecl *Caller) {
  if (!Call || !Caller || isa<CXXOperatorCallExpr>(Call) || I >= Call->getNumArgs())
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(Call->getArg(I)->IgnoreParenImpCasts());
  const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return PV && PV->getDeclContext() == Caller ? PV : nullptr;
}

// Do the constant arguments of a call (a default argument's included) meet every condition of a
// conditional net acquisition (Summary::acquireWhen)? So does the caller's own parameter passed
// on, where the path knows its value (the caller's paths start apart on it: passedConditions()).
// Any other argument the call does not know leaves it untaken.
bool takenAtCall(const std::vector<ParamCond> &When, const std::vector<ArgRef> &Args, const CallExpr *Call = nullptr,
                 const State *S = nullptr, const FunctionDecl *Caller = nullptr) {
  return std::all_of(When.begin(), When.end(), [&](const ParamCond &C) {
    if (C.param < 0 || static_cast<size_t>(C.param) >= Args.size() || C.first)
      return false;
    if (!C.path.empty()) {  // a field of the object or struct given: the value the call's path knows
      for (const ParamCond &F : Args[C.param].fieldFacts)
        if (F.path == C.path && F.eq && F.alt.empty() && !F.first && (!F.mask || F.mask == C.mask))
          return C.admits(F.k);
      return false;
    }
    if (Args[C.param].constant)
      return C.admits(*Args[C.param].constant);
    // the caller's own parameter passed on, on a path that knows its value (passedConditions())
    const ParmVarDecl *PV = S ? passedParam(Call, static_cast<unsigned>(C.param), Caller) : nullptr;
    if (!PV)
      return false;
    auto It = S->assume.find(FactKey{PV, {}, C.mask, false});
    if (It == S->assume.end())
      return false;
    const CondVal &F = It->second;
    if (F.exact())
      return C.admits(F.k);
    return !F.eq && F.more.empty() && !C.eq && C.alt.empty() && F.k == C.k;  // both "is not k"
  });
}
}  // namespace

// Conditions on FD's own parameters under which a callee it passes them to takes a lock
// (Summary::acquireWhen; `if (want_lock) lock(&stcb->mtx); return stcb;` reached through a
// wrapper that passes its own `want_lock` on): the paths start apart on each (up to two), so
// that each knows whether the callee takes it and FD's summary gets the same condition.
std::vector<std::pair<const ParmVarDecl *, ParamCond>> Extractor::passedConditions(const FunctionDecl *FD) {
  std::vector<std::pair<const ParmVarDecl *, ParamCond>> R;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *St) {
    if (!St || R.size() >= 2)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(St))
      if (const FunctionDecl *Callee = CE->getDirectCallee(); Callee && Callee != FD)
        if (const Summary *Sum = InProgress.count(Callee->getDefinition() ? Callee->getDefinition() : Callee)
                                     ? nullptr
                                     : summaryOf(Callee))
          for (const auto &W : Sum->acquireWhen)
            for (const ParamCond &C : W)
              if (C.param >= 0 && C.path.empty() && !C.first)
                if (const ParmVarDecl *PV = passedParam(CE, static_cast<unsigned>(C.param), FD))
                  if (PV->getType()->isIntegralOrEnumerationType() &&
                      std::none_of(R.begin(), R.end(), [&](const auto &X) { return X.first == PV; }) && R.size() < 2)
                    R.push_back({PV, C});
    for (const Stmt *Ch : St->children())
      Walk(Ch);
  };
  Walk(FD->getBody());
  return R;
}

// Applies a callee's net lock effect (a lock wrapper's) at a call with these arguments.
void Extractor::applySummary(const Summary &Sum, const Expr *CE, const std::vector<ArgRef> &AR, const ArgRef &TR,
                             const std::string &Name, State &S) {
  if (!Sum.netRelease.empty() || !Sum.netAcquire.empty())
    Cur->UsedWrapper = true;
  for (size_t I = 0; I < Sum.netRelease.size(); ++I) {
    const ObjRef &R = Sum.netRelease[I];
    std::vector<ParamCond> Up;
    if (I < Sum.releaseWhen.size() && !conditionsAtCall(Sum.releaseWhen[I], AR, Up, &TR))
      continue;  // the arguments pick a path that does not release it
    auto X = ctorAliased(substitute(R, AR, TR));
    // a method called on an object no name reaches (a chain's result: xrootd's SYSTRACE,
    // `T->Beg(..) << x << T->End()`, unlocks in `operator<<(XrdSysTrace *)` called on what
    // `Beg(..) << x` returned): some instance of the class, so the one of that class held
    if (!X && R.root == ObjRef::This && !R.path.empty() && !TR.obj) {
      X = R;
      X->root = ObjRef::Unknown;
    }
    if (X) {
      // a lock wrapper is given the lock itself (`unlock(&ld->req)`); a callee that reaches
      // the lock inside an object it is given releases it under conditions of its own
      Cur->ReleasingViaCallee = !R.path.empty();
      release(S, *X, CE->getBeginLoc());
      Cur->ReleasingViaCallee = false;
    }
  }
  if (!Sum.condRelease.empty() && CE->getType()->isScalarType()) {
    PendingTry P;
    P.held = true;
    P.release = true;
    for (const auto &[R, OnZero] : Sum.condRelease)
      if (auto X = substitute(R, AR, TR)) {
        P.pthreadStyle = !OnZero;  // pthread style: "success" (kept) when the result is 0
        P.locks.push_back({*X, false, false, {}});
      }
    if (!P.locks.empty())
      S.pending[CE] = P;
  }
  // the callee's own order among these locks was recorded inside it: no edges among them here
  std::vector<ObjRef> Multi;
  bool MultiShared = false;
  std::vector<Note> MultiTail;
  for (size_t I = 0; I < Sum.netAcquire.size(); ++I) {
    const auto &NA = Sum.netAcquire[I];
    if (I < Sum.acquireWhen.size() && !takenAtCall(Sum.acquireWhen[I], AR, dyn_cast<CallExpr>(CE), &S, Cur->FD))
      continue;  // the arguments pick a path that does not take it, or may
    auto X = ctorAliased(substitute(NA.ref, AR, TR));
    if (!X)
      continue;
    if (Sum.netAcquire.size() > 1 && !NA.trylock) {
      Multi.push_back(*X);
      MultiShared = MultiShared || NA.shared;
      continue;
    }
    std::vector<Note> Via{{site(CE->getBeginLoc()), "call to " + Name + "()"}};
    if (NA.trylock) {
      PendingTry P;
      P.pthreadStyle = !Sum.isTryWrapper;
      P.locks.push_back({*X, NA.shared, true, Via});
      S.pending[CE] = P;
      continue;
    }
    std::vector<Note> Tail;
    if (I < Sum.acquireNotes.size())
      for (const auto &N : Sum.acquireNotes[I])
        if (Tail.size() < 6)
          Tail.push_back(N);
    // one name for the lock in every note: the caller's (`'param#0' acquired here` inside
    // the wrapper is the caller's 'db->mutex')
    for (auto &N : Tail)
      if (!N.message.empty() && N.message[0] == '\'') {
        size_t End = N.message.find("' acquired here");
        if (End != std::string::npos)
          N.message = "'" + X->name() + N.message.substr(End);
      }
    if (!Tail.empty() && Tail.back().message.find(", in ") == std::string::npos) {
      size_t Eq = Name.find("() = ");  // a lock table: in the function stored there
      Tail.back().message += ", in " + (Eq == std::string::npos ? Name : Name.substr(Eq + 5)) + "()";
    }
    acquire(S, {*X}, NA.shared, false, {}, CE->getBeginLoc(), " through " + Name + "()", Tail);
    if (NA.checked && CE->getType()->isIntegerType() && !S.pending.count(CE)) {
      PendingTry P;  // the result may be tested: where the call failed the lock is not held
      P.held = true;
      P.locks.push_back({*X, NA.shared, false, {}});
      S.pending[CE] = P;
    }
    if (X->root == ObjRef::Unknown)  // `e = lookup_locked(k)`: the entry's lock, through e
      if (const VarDecl *V = resultVar(CE))
        setVia(S, *X, V);
  }
  if (!Multi.empty())
    acquire(S, Multi, MultiShared, true, {}, CE->getBeginLoc(), " through " + Name + "()", MultiTail);
}

const FunctionDecl *Extractor::localCallee(const CallExpr *CE) const {
  const Expr *E = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->isLocalVarDecl() || V->hasGlobalStorage() || !V->hasInit() || !V->getType()->isFunctionPointerType() ||
      V->getType().isVolatileQualified() || Cur->Moving.count(V) || Cur->AddrTaken.count(V))
    return nullptr;
  const Expr *Init = strip(V->getInit());
  if (const auto *UO = dyn_cast<UnaryOperator>(Init); UO && UO->getOpcode() == UO_AddrOf)
    Init = strip(UO->getSubExpr());
  const auto *F = dyn_cast<DeclRefExpr>(Init);
  return F ? dyn_cast<FunctionDecl>(F->getDecl()) : nullptr;
}

std::optional<std::pair<const FunctionDecl *, const Expr *>> Extractor::cleanupFrame(const VarDecl *VD) const {
  if (!VD || !VD->hasInit())
    return std::nullopt;
  const auto *RD = VD->getType()->getAsRecordDecl();
  if (!RD || !RD->getIdentifier())
    return std::nullopt;
  const Expr *Routine = nullptr, *Arg = nullptr;
  const Expr *Init = VD->getInit()->IgnoreImplicit();
  if (RD->getName() == "__pthread_cleanup_class") {
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init); CE && CE->getNumArgs() == 2) {
      Routine = CE->getArg(0);
      Arg = CE->getArg(1);
    }
  } else if (RD->getName() == "__pthread_cleanup_frame") {
    if (const auto *IL = dyn_cast<InitListExpr>(Init); IL && IL->getNumInits() >= 2) {
      Routine = IL->getInit(0);
      Arg = IL->getInit(1);
    }
  }
  if (!Routine)
    return std::nullopt;
  const Expr *R = strip(Routine);
  if (const auto *UO = dyn_cast<UnaryOperator>(R); UO && UO->getOpcode() == UO_AddrOf)
    R = strip(UO->getSubExpr());
  const auto *DRE = dyn_cast<DeclRefExpr>(R);
  const auto *F = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  if (!F)
    return std::nullopt;
  return std::make_pair(F, Arg);
}

bool Extractor::handleCleanupPop(const Stmt *St, State &S) {
  const Expr *Obj = nullptr, *Execute = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(St)) {  // __clframe.__setdoit(execute)
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier() || MD->getName() != "__setdoit" || MC->getNumArgs() != 1)
      return false;
    Obj = MC->getImplicitObjectArgument();
    Execute = MC->getArg(0);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->getOpcode() == BO_Assign) {  // __clframe.__do_it = (execute)
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts());
    if (!ME || !ME->getMemberDecl()->getIdentifier() || ME->getMemberDecl()->getName() != "__do_it" || ME->isArrow())
      return false;
    Obj = ME->getBase();
    Execute = BO->getRHS();
  } else {
    return false;
  }
  const auto *DRE = Obj ? dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()) : nullptr;
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  auto Frame = cleanupFrame(VD);
  if (!Frame)
    return false;
  S.popped.insert(VD);
  // a non-constant execute (rare) runs it: a handler is there to undo the push's lock
  if (constantOf(Execute->IgnoreParenImpCasts(), Ctx).value_or(1) != 0)
    runCleanupHandler(Frame->first, Frame->second, cast<Expr>(St), S);
  return true;
}

void Extractor::runCleanupHandler(const FunctionDecl *Routine, const Expr *Arg, const Expr *At, State &S) {
  if (auto A = unlockArgOf(Routine)) {  // pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &m)
    Cur->AnyLock = true;
    if (*A == 0)
      if (auto R = resolveLock(Arg))
        release(S, *R);
    return;
  }
  recordCall(Routine, At, {Arg}, nullptr, S);
  if (const Summary *Sum = summaryOf(Routine))
    applySummary(*Sum, At, {argOf(Arg)}, ArgRef{}, fnName(Routine), S);
}

// A call through a function pointer: a struct member (`lock_fns.lock(mode, m)`,
// `cfg.mutex.xMutexEnter(p)`) or a variable. The config may name it as a lock function
// (`Record::field`, `var.field`, `var->field`, or the variable); otherwise, when the
// functions stored there are lock functions (a lock table: tableSummary), the call is their
// lock operation. Any other indirect call is no call at all for the analysis.
void Extractor::handleIndirectCall(const CallExpr *CE, State &S) {
  const Expr *E = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  std::string Name, Key, Shown;
  std::vector<std::string> Names;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return;
    Name = recordName(F->getParent()) + "::" + F->getNameAsString();
    Key = "fp:" + Name;
    Shown = Name;
    Names.push_back(Name);
    const Expr *Base = strip(ME->getBase());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
      Shown = DRE->getDecl()->getNameAsString() + (ME->isArrow() ? "->" : ".") + F->getNameAsString();
      Names.push_back(Shown);
    } else if (const auto *Inner = dyn_cast<MemberExpr>(Base)) {  // sqlite3Config.mutex.xMutexEnter
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Inner->getBase())))
        Shown = DRE->getDecl()->getNameAsString() + (Inner->isArrow() ? "->" : ".") +
                Inner->getMemberDecl()->getNameAsString() + (ME->isArrow() ? "->" : ".") + F->getNameAsString();
    }
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return;
    if (const auto *P = dyn_cast<ParmVarDecl>(V); P && !S.held.empty())
      if (const auto *Owner = dyn_cast<FunctionDecl>(P->getDeclContext()))
        LockedParamCalls.insert(paramKey(Owner, P->getFunctionScopeIndex()));
    Name = V->getNameAsString();
    Shown = Name;
    Names.push_back(Name);
    if (V->hasGlobalStorage())
      Key = "fp:" + globalKey(V, nullptr);
  } else {
    return;
  }
  for (const auto &LF : Cfg.lockFunctions)
    if (std::find(Names.begin(), Names.end(), LF.name) != Names.end()) {
      LockOp Op;
      Op.kind = LF.kind == LockFunction::Unlock ? LockOp::Release
                : LF.kind == LockFunction::TryLock ? LockOp::Try
                                                    : LockOp::Acquire;
      Op.shared = LF.kind == LockFunction::SharedLock;
      if (LF.arg < CE->getNumArgs())
        if (auto R = resolveLock(CE->getArg(LF.arg)))
          Op.refs.push_back(*R);
      applyLockOp(Op, CE, S);
      return;
    }
  if (Key.empty())
    return;
  FpCalled.insert(Key);
  Cur->FpKeys.insert(Key);
  const Summary *Sum = tableSummary(Key);
  if (!Sum)
    return;
  std::vector<ArgRef> AR;
  for (const Expr *A : CE->arguments())
    AR.push_back(argOf(A));
  auto Impl = FpImpl.find(Key);
  std::string Via = Shown;
  if (Impl != FpImpl.end() && !Impl->second.empty())
    Via += "() = " + Impl->second;  // "through cfg.mutex.xMutexEnter() = pthread_enter()"
  // the object the argument points to is the lock, whatever field of it the back end locks
  // (`xMutexEnter(db->mutex)` takes 'sqlite3::mutex', not 'sqlite3::mutex.mutex'); a method
  // that reaches the lock through a wrapper of its own (zbar's `vdo->nq(vdo, img)`) is given
  // the object that holds it: its field stays ('zbar_video_s::qlock')
  if (!Sum->direct) {
    applySummary(*Sum, CE, AR, ArgRef{}, Via, S);
    return;
  }
  Summary Obj = *Sum;
  for (auto &N : Obj.netAcquire)
    if (N.ref.root == ObjRef::Param) {
      N.ref.path.clear();
      N.ref.cls.clear();
    }
  for (auto &R : Obj.netRelease)
    if (R.root == ObjRef::Param) {
      R.path.clear();
      R.cls.clear();
    }
  applySummary(Obj, CE, AR, ArgRef{}, Via, S);
}

// The run() a subclass of Qt's QThread (or QRunnable: Base) overrides, or null: T is not such a
// class (or a pointer or reference to one), or the override is not in its hierarchy below Base.
const CXXMethodDecl *qthreadRun(QualType T, StringRef Base) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return nullptr;
  auto isQThread = [Base](const CXXRecordDecl *B) {
    return B && B->getIdentifier() && B->getName() == Base && B->getDeclContext()->isTranslationUnit();
  };
  if (isQThread(RD))
    return nullptr;
  const CXXRecordDecl *Def = RD->getDefinition();
  bool Derived = false;
  Def->forallBases([&](const CXXRecordDecl *B) {
    Derived = Derived || isQThread(B);
    return true;
  });
  if (!Derived)
    return nullptr;
  for (const CXXRecordDecl *C = Def; C && !isQThread(C);) {
    for (const CXXMethodDecl *M : C->methods())
      if (M->getIdentifier() && M->getName() == "run" && M->getNumParams() == 0 && !M->isStatic())
        return M;
    const CXXRecordDecl *Next = nullptr;  // the base on the way to QThread
    for (const CXXBaseSpecifier &B : C->bases()) {
      const auto *BR = B.getType()->getAsCXXRecordDecl();
      if (!BR || !BR->hasDefinition())
        continue;
      BR = BR->getDefinition();
      bool Up = isQThread(BR);
      BR->forallBases([&](const CXXRecordDecl *X) {
        Up = Up || isQThread(X);
        return true;
      });
      if (Up) {
        Next = BR;
        break;
      }
    }
    C = Next;
  }
  return nullptr;
}

void Extractor::handleConstruct(const CXXConstructExpr *CE, const VarDecl *VD, State &S) {
  std::string Cls = stdRecord(CE->getType());
  if ((Cls == "std::thread" || Cls == "std::jthread") && CE->getNumArgs() >= 1 &&
      !CE->getConstructor()->isCopyOrMoveConstructor()) {
    if (Cur->Emit)
      recordSpawnNamed(CE->getArg(0), CE, stdThreadStartHandle(CE));
    return;
  }
  if (guardClass(Cls)) {
    if (!VD) {
      // `g = std::unique_lock<std::mutex>(*m);` (an optional guard given its mutex later): the
      // temporary's lock moves into g, which gives back what it owned before
      const VarDecl *Target = nullptr;
      if (ParentMap *PM = parents()) {
        const Stmt *P = PM->getParentIgnoreParenImpCasts(const_cast<CXXConstructExpr *>(CE));
        while (P && (isa<ExprWithCleanups>(P) || isa<CXXBindTemporaryExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
                     isa<CXXFunctionalCastExpr>(P)))
          P = PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(P));
        if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P);
            OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
          if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(OC->getArg(0))))
            if (const auto *G = dyn_cast<VarDecl>(DRE->getDecl()); G && stdRecord(G->getType()) == Cls)
              Target = G;
      }
      if (!Target)
        return;  // a temporary guard is destroyed at once
      if (auto It = S.guards.find(Target); It != S.guards.end() && It->second.owns)
        for (const auto &R : It->second.refs)
          release(S, R);
      handleConstruct(CE, Target, S);
      return;
    }
    GuardSt G;
    G.shared = Cls == "std::shared_lock" || Cls == "QReadLocker";
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
  if (!Ctor || (!inUserCode(Ctor) && !libraryLockWrapper(Ctor)))
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
  std::vector<ObjRef> Acq, Deferred;
  bool Shared = false;
  // a constructor whose every lock is a trylock it kept (it returns nothing to test): a guard
  // of a spin lock (spinPrimitive()), held in its scope and, as any trylock, no edge
  bool Spin = true;
  // the locks an attribute of the constructor names (`SRT_ATTR_ACQUIRE(m)`, `RELEASE(m)`), as
  // the call site names them
  auto attrLocks = [&](auto *A) {
    return capabilityRefs(Ctor, {A->args_begin(), A->args_size()}, /*ThisWhenNone=*/false, AR, TR);
  };
  // A reverse guard by its attributes (SRT's InvertedLock: `RELEASE(m)` on the constructor,
  // `ACQUIRE(m_mtx)` on the destructor): its scope runs without the lock.
  if (const auto *A = Ctor->getAttr<ReleaseCapabilityAttr>(); A && A->args_size() && VD) {
    const CXXRecordDecl *RD = Ctor->getParent();
    const CXXDestructorDecl *DD = RD ? RD->getDestructor() : nullptr;
    if (DD && DD->hasAttr<AcquireCapabilityAttr>()) {
      GuardSt G;
      for (const auto &X : attrLocks(A)) {
        release(S, X, CE->getBeginLoc());
        G.refs.push_back(X);
      }
      if (!G.refs.empty()) {
        G.owns = true;
        G.reverse = true;
        S.guards[VD] = G;
      }
      return;
    }
  }
  if (const auto *A = Ctor->getAttr<AcquireCapabilityAttr>()) {
    Shared = A->isShared();
    Acq = attrLocks(A);
  } else if (const Summary *Sum = summaryOf(Ctor)) {
    for (size_t I = 0; I < Sum->netAcquire.size(); ++I) {
      const auto &NA = Sum->netAcquire[I];
      auto X = substitute(NA.ref, AR, TR);
      if (!X)
        continue;
      Shared = NA.shared;
      // `MutexLock lock(m, false)`: built without taking it (its lock() takes it later)
      if (I < Sum->acquireWhen.size() && !takenAtCall(Sum->acquireWhen[I], AR)) {
        Deferred.push_back(*X);
        continue;
      }
      Acq.push_back(*X);
      Spin = Spin && NA.trylock;
    }
    // A reverse guard: the constructor releases a lock it is given, the destructor takes a
    // lock again (mpd's `ScopeUnlock unlock(mutex)`): the code in its scope runs without it.
    if (Acq.empty() && !Sum->netRelease.empty() && VD)
      if (const CXXRecordDecl *RD = Ctor->getParent(); RD && RD->getDestructor())
        if (const Summary *DS = summaryOf(RD->getDestructor()); DS && !DS->netAcquire.empty()) {
          GuardSt G;
          for (const auto &R : Sum->netRelease)
            if (auto X = substitute(R, AR, TR)) {
              release(S, *X, CE->getBeginLoc());
              G.refs.push_back(*X);
            }
          G.owns = !G.refs.empty();
          G.reverse = true;
          S.guards[VD] = G;
          return;
        }
    // A constructor that gives back a lock its caller holds, whose destructor does not take
    // it back for the rest of the caller (omniORB's omniRemoteIdentity_RefHolder counts a
    // reference, then unlocks internalLock; its destructor locks and unlocks it again): the
    // caller holds it no more.
    const CXXDestructorDecl *DD = Ctor->getParent() ? Ctor->getParent()->getDestructor() : nullptr;
    const Summary *DS = DD ? summaryOf(DD) : nullptr;
    if (Sum->netAcquire.empty() && !Sum->netRelease.empty() && (!DS || DS->netAcquire.empty())) {
      applySummary(*Sum, CE, AR, TR, fnName(Ctor), S);
      return;
    }
  }
  if (Acq.empty()) {
    if (!Deferred.empty() && VD && dtorReleases(Ctor->getParent())) {  // a guard that owns nothing yet
      GuardSt G;
      G.refs = std::move(Deferred);
      G.shared = Shared;
      S.guards[VD] = G;
    }
    return;
  }
  bool Releases = dtorReleases(Ctor->getParent());
  std::string How = " by " + recordName(Ctor->getParent()) + "'s constructor";
  if (Spin && !Ctor->hasAttr<AcquireCapabilityAttr>()) {
    Cur->AnyLock = true;
    for (const auto &X : Acq)
      S.add({X, Shared, true, {{site(CE->getBeginLoc()), "'" + X.name() + "' acquired here" + How + " (spin lock)"}}});
  } else {
    acquire(S, Acq, Shared, Acq.size() > 1, {}, CE->getBeginLoc(), How);
  }
  if (Releases && VD) {
    GuardSt G;
    G.refs = Acq;
    G.shared = Shared;
    G.owns = true;
    S.guards[VD] = G;
  }
}

// The destructor releases: its own body, or that of a base class (oneTBB's bucket_accessor
// derives from the mutex's scoped_lock and has an implicit destructor: ~scoped_lock() unlocks)
bool Extractor::dtorReleases(const CXXRecordDecl *RD, int Depth) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return false;
  if (RD->hasAttr<ScopedLockableAttr>())
    return true;
  if (const CXXDestructorDecl *DD = RD->getDestructor()) {
    if (DD->hasAttr<ReleaseCapabilityAttr>())
      return true;
    // its definition here, or its summary from another TU (clucene's ~mutexGuard() in
    // threads.cpp): without it a guard's lock would stay held to the caller's end
    if (const Summary *DS = summaryOf(DD); DS && !DS->netRelease.empty())
      return true;
  }
  for (const CXXBaseSpecifier &B : RD->bases())
    if (dtorReleases(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

bool Extractor::guardTemporary(const CallExpr *CE) {
  const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
  if (!RD || CE->getType()->isReferenceType() || !dtorReleases(RD))
    return false;
  ParentMap *PM = parents();
  const Stmt *P = PM ? PM->getParentIgnoreParenImpCasts(const_cast<CallExpr *>(CE)) : nullptr;
  while (P && (isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr, CXXFunctionalCastExpr>(P) ||
               (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->getConstructor()->isCopyOrMoveConstructor())))
    P = PM->getParentIgnoreParenImpCasts(const_cast<Stmt *>(P));
  // bound to a variable (handleDecl()), returned (the caller's), or given to a constructor
  return P && !isa<DeclStmt, ReturnStmt, CXXConstructExpr, InitListExpr>(P);
}

void Extractor::handleDecl(const DeclStmt *DS, State &S) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasInit())
      continue;
    const Expr *Init = strip(VD->getInit());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Init))
      handleConstruct(CE, VD, S);
    // a scoped guard a call returned by value (nzbget's `GuardedDownloadQueue q =
    // DownloadQueue::Guard();`, a range-for over `g_Options->GuardOptEntries()`): the variable
    // owns what the call took, given back when it goes out of scope (guard_returned.cc)
    const Expr *From = Init;  // (before C++17: the move of the returned temporary)
    if (const auto *MC = dyn_cast<CXXConstructExpr>(Init);
        MC && MC->getNumArgs() == 1 && MC->getConstructor()->isCopyOrMoveConstructor())
      From = strip(MC->getArg(0));
    if (const auto *CE = dyn_cast<CallExpr>(From))
      if (const auto *RD = VD->getType().getNonReferenceType()->getAsCXXRecordDecl(); RD && dtorReleases(RD))
        if (auto It = Cur->CallAcquired.find(CE); It != Cur->CallAcquired.end() && !It->second.empty()) {
          GuardSt G;
          G.refs = It->second;
          G.owns = true;
          S.guards[VD] = G;
        }
    // A scoped lock in C: a local whose cleanup function (`__attribute__((cleanup(f)))`, run
    // when it goes out of scope) unlocks what its initializer locked (frr's `frr_with_mutex(m)`:
    // `pthread_mutex_t *_mtx __attribute__((cleanup(_frr_mtx_unlock))) = _frr_mtx_lock(m)`):
    // a guard owning those locks, released at the cleanup (transfer(), CFGCleanupFunction).
    if (const auto *CA = VD->getAttr<CleanupAttr>(); CA && !cleanupFrame(VD))
      if (const auto *CE = dyn_cast<CallExpr>(Init))
        if (auto It = Cur->CallAcquired.find(CE); It != Cur->CallAcquired.end() && !It->second.empty())
          if (const Summary *F = summaryOf(CA->getFunctionDecl()); F && F->anyLock) {
            GuardSt G;
            G.refs = It->second;
            G.owns = true;
            S.guards[VD] = G;
          }
    // temp = shared datum (the split read-modify-write)
    if (!VD->hasGlobalStorage() && !VD->getType()->isRecordType())
      if (auto Dm = datumOf(Init); Dm && !VD->getType()->isPointerType())
        Cur->Derived[VD] = Dm->id();
    if (!VD->hasGlobalStorage() && !VD->getType()->isRecordType()) {
      // int temp = num + 0; etc.
      struct Finder : RecursiveASTVisitor<Finder> {
        Extractor *X;
        std::string Key;
        bool VisitExpr(Expr *E) {
          if (Key.empty() && (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)))
            if (auto D = X->datumOf(E))
              Key = D->id();
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

// ---- path conditions ------------------------------------------------------------------------
// A state carries facts about locals and parameters (CondVal) learnt from the branches taken
// and constants assigned; a branch that contradicts them is not taken. In[] of each block is
// a short list of states with different facts (disjuncts), so `if (c) lock(m); ...
// if (c) unlock(m);` keeps "c, m held" apart from "!c, m not held" and never joins them.

namespace {
constexpr size_t MaxDisjuncts = 4;
constexpr size_t MaxHeldSets = 4;

constexpr size_t MaxValues = 64;  // values a fact names (the cases of a switch)

std::vector<long long> valuesOf(const CondVal &C) {
  std::vector<long long> Ks{C.k};
  Ks.insert(Ks.end(), C.more.begin(), C.more.end());
  return Ks;
}

// `V is one of Ks` (eq) or `none of Ks` (sorted, unique, not empty)
CondVal factOf(bool Eq, const std::vector<long long> &Ks) {
  CondVal C;
  C.eq = Eq;
  C.k = Ks.front();
  C.more.assign(Ks.begin() + 1, Ks.end());
  return C;
}

std::vector<long long> meet(const std::vector<long long> &A, const std::vector<long long> &B) {
  std::vector<long long> R;
  std::set_intersection(A.begin(), A.end(), B.begin(), B.end(), std::back_inserter(R));
  return R;
}

std::vector<long long> unite(const std::vector<long long> &A, const std::vector<long long> &B) {
  std::vector<long long> R;
  std::set_union(A.begin(), A.end(), B.begin(), B.end(), std::back_inserter(R));
  return R;
}

std::vector<long long> minus(const std::vector<long long> &A, const std::vector<long long> &B) {
  std::vector<long long> R;
  std::set_difference(A.begin(), A.end(), B.begin(), B.end(), std::back_inserter(R));
  return R;
}

// What the paths satisfying both A and B know (nullopt: no path does).
std::optional<CondVal> both(const CondVal &A, const CondVal &B) {
  std::vector<long long> KA = valuesOf(A), KB = valuesOf(B), R;
  if (A.eq && B.eq)
    R = meet(KA, KB);
  else if (A.eq || B.eq)
    R = A.eq ? minus(KA, KB) : minus(KB, KA);
  else {
    R = unite(KA, KB);
    if (R.size() > MaxValues)  // the one known, short of some of the values
      return KA.size() >= KB.size() ? A : B;
    return factOf(false, R);
  }
  if (R.empty())
    return std::nullopt;
  return factOf(true, R);
}

bool compatible(const CondVal &Have, const CondVal &New) { return both(Have, New).has_value(); }

CondVal negate(CondVal V) {
  V.eq = !V.eq;
  return V;
}

// The fact that holds on the paths of A and on those of B, if any: `V == 1` and `V == 2`
// give `V is 1 or 2`, `V == 1` and `V != 1, 2` give `V != 2`.
std::optional<CondVal> weaker(const CondVal &A, const CondVal &B) {
  if (A == B)
    return A;
  std::vector<long long> KA = valuesOf(A), KB = valuesOf(B), R;
  bool Eq = false;
  if (A.eq && B.eq) {
    R = unite(KA, KB);
    Eq = true;
    if (R.size() > MaxValues)
      return std::nullopt;
  } else if (!A.eq && !B.eq) {
    R = meet(KA, KB);
  } else {
    R = A.eq ? minus(KB, KA) : minus(KA, KB);
  }
  if (R.empty())
    return std::nullopt;
  return factOf(Eq, R);
}

// Adds `New` about V to S; false when the paths of S cannot satisfy it.
bool assumeOn(State &S, const FactKey &V, const CondVal &New) {
  auto It = S.assume.find(V);
  if (It == S.assume.end()) {
    S.assume[V] = New;
    return true;
  }
  auto B = both(It->second, New);
  if (!B)
    return false;
  It->second = std::move(*B);
  return true;
}

// Keeps in X the facts S has too, each weakened to what holds on both; true when X changed.
bool keepCommonFacts(State &X, const State &S) {
  bool Changed = false;
  for (auto It = X.assume.begin(); It != X.assume.end();) {
    auto O = S.assume.find(It->first);
    std::optional<CondVal> W;
    if (O != S.assume.end())
      W = weaker(It->second, O->second);
    if (!W) {
      It = X.assume.erase(It);
      Changed = true;
      continue;
    }
    if (!(*W == It->second)) {
      It->second = std::move(*W);
      Changed = true;
    }
    ++It;
  }
  return Changed;
}

// The facts of S about the conditions its function takes and gives back a lock under
// (lockGuardKeys()).
std::vector<std::pair<FactKey, CondVal>> guardFacts(const State &S, const std::set<FactKey> &Guards) {
  std::vector<std::pair<FactKey, CondVal>> R;
  for (const auto &K : Guards)
    if (auto It = S.assume.find(K); It != S.assume.end())
      R.push_back(*It);
  return R;
}

// Joins S into the disjuncts D: into the one with the same facts, else as a new one, else
// (too many) into the one sharing most facts, keeping only the facts both have. Merging a
// path that holds a lock into one that does not loses what told them apart (the counter of a
// scoped-lock macro: its next test would then both lock and unlock), so each set of held
// locks has its own MaxDisjuncts, and a merge only joins paths holding the same locks (up
// to MaxHeldSets of them; past that, any two). So do the paths that do not hold a lock for
// different reasons: NSPR's PR_OpenFile() locks under `if (flags & PR_CREATE_FILE) { if
// (NULL != _pr_rename_lock) PR_Lock(...); }` and unlocks under both tests; a path that skipped
// the lock because the flag is clear, merged with one that skipped it because the lock is
// null, knows neither and would unlock what it never took. The facts about the tests a
// function locks and unlocks under (Guards) are part of what keeps paths apart.
bool joinInto(std::vector<State> &D, const State &S, const std::set<FactKey> &Guards) {
  for (auto &X : D)
    if (X.assume == S.assume)
      return X.join(S);
  // the held idents of each state, built once
  std::set<std::string> SH = S.heldIdents();
  auto SG = guardFacts(S, Guards);
  std::vector<std::set<std::string>> DH;
  std::vector<std::vector<std::pair<FactKey, CondVal>>> DG;
  DH.reserve(D.size());
  DG.reserve(D.size());
  for (const auto &X : D) {
    DH.push_back(X.heldIdents());
    DG.push_back(guardFacts(X, Guards));
  }
  auto sameHeld = [&](size_t I) { return D[I].must == S.must && DH[I] == SH; };
  auto sameLocks = [&](size_t I) { return sameHeld(I) && DG[I] == SG; };
  size_t Same = 0, SameHeld = 0;
  using LockSets = std::pair<const std::set<std::string> *, const std::set<std::string> *>;  // must, held
  auto Less = [](const LockSets &A, const LockSets &B) {
    return std::tie(*A.first, *A.second) < std::tie(*B.first, *B.second);
  };
  std::set<LockSets, decltype(Less)> Sets(Less);
  for (size_t I = 0; I < D.size(); ++I) {
    Same += sameLocks(I);
    SameHeld += sameHeld(I);
    Sets.insert({&D[I].must, &DH[I]});
  }
  // room: MaxDisjuncts per set of held locks and guard facts, twice that per set of held locks,
  // MaxHeldSets sets of held locks
  bool Room = Same < MaxDisjuncts && (SameHeld > 0 ? SameHeld < 2 * MaxDisjuncts : Sets.size() < MaxHeldSets);
  if (Room) {
    D.push_back(S);
    return true;
  }
  size_t Best = 0, BestN = 0;
  for (size_t I = 0; I < D.size(); ++I) {
    if ((Same > 0 && !sameLocks(I)) || (SameHeld > 0 && !sameHeld(I)))
      continue;
    size_t N = 1;
    for (const auto &[V, C] : D[I].assume) {
      auto It = S.assume.find(V);
      N += It != S.assume.end() && It->second == C;
    }
    if (N >= BestN) {
      Best = I;
      BestN = N;
    }
  }
  State &X = D[Best];
  bool Changed = X.join(S);
  Changed = keepCommonFacts(X, S) || Changed;
  for (size_t I = 0; I < D.size(); ++I)  // facts dropped: it may now equal another disjunct
    if (I != Best && D[I].assume == X.assume) {
      X.join(D[I]);
      D.erase(D.begin() + static_cast<long>(I));
      break;
    }
  return Changed;
}

// One state for the disjuncts (the events of a block are recorded once): the facts all share.
State mergeAll(const std::vector<State> &D) {
  State M;
  for (const auto &X : D) {
    if (!X.live)
      continue;
    if (!M.live) {
      M = X;
      continue;
    }
    M.join(X);
    keepCommonFacts(M, X);
  }
  return M;
}

// The condition a two-way block branches on: for `if (a && b)` the block evaluating `b` has
// the whole condition as its terminator's; what it branches on is `b`, its last element.
// A block that ends in a test with a true and a false side. A switch with one case and a
// default has two successors too, but they are cases, not the truth of its value.
bool twoWay(const CFGBlock *B) {
  return B->succ_size() == 2 && !isa_and_nonnull<SwitchStmt>(B->getTerminatorStmt());
}

// GLib's G_LIKELY (E) and G_UNLIKELY (E), `__builtin_expect (({ int v; if (E) v = 1; else v = 0;
// v; }), 1)`, and any `__builtin_expect (E, c)`: a branch on E (`if (G_LIKELY (it->lock))
// g_mutex_unlock (it->lock);` in GStreamer's iterators is the null test of the lock pointer).
const Expr *expectedCondition(const Expr *C) {
  for (int Depth = 0; C && Depth < 4; ++Depth) {
    const auto *CE = dyn_cast<CallExpr>(C->IgnoreParenImpCasts());
    if (!CE || CE->getBuiltinCallee() != Builtin::BI__builtin_expect || CE->getNumArgs() != 2)
      return C;
    const Expr *X = CE->getArg(0)->IgnoreParenImpCasts();
    const auto *SE = dyn_cast<StmtExpr>(X);
    if (!SE) {
      C = X;
      continue;
    }
    const CompoundStmt *CS = SE->getSubStmt();
    const auto *IS = CS->size() == 3 ? dyn_cast<IfStmt>(CS->body_begin()[1]) : nullptr;
    auto setsTo = [](const Stmt *S, long long K) {
      const auto *BO = dyn_cast_or_null<BinaryOperator>(S);
      const auto *L = BO && BO->getOpcode() == BO_Assign ? dyn_cast<IntegerLiteral>(BO->getRHS()->IgnoreParenImpCasts()) : nullptr;
      return L && L->getValue() == static_cast<uint64_t>(K);
    };
    if (!IS || !setsTo(IS->getThen(), 1) || !setsTo(IS->getElse(), 0))
      return C;
    C = IS->getCond();
  }
  return C;
}

const Expr *branchCondition(const CFGBlock *B) {
  const auto *C = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
  if (!C)
    return nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(C->IgnoreParens()); BO && BO->isLogicalOp()) {
    for (auto I = B->rbegin(); I != B->rend(); ++I)
      if (auto CS = I->getAs<CFGStmt>()) {
        const auto *E = dyn_cast<Expr>(CS->getStmt());
        return E ? expectedCondition(E) : nullptr;
      }
    return nullptr;
  }
  return expectedCondition(C);
}
}  // namespace

// The facts of S about this function's parameters (every path here satisfies them).
// A pointer value this path knows is not null: the address of an object (`&x`, `&p->mu`),
// an array, a string, `this`, `new T`, or a tracked pointer a test found not null on every
// path here (`if (!p) return;`, `c = calloc(...); if (!c) goto fail;`). Anything else may be
// null (a pointer tested on one branch only, a call's result).
bool Extractor::knownNonNull(const Expr *E, const State &S) const {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParens();
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      if (CE->getCastKind() == CK_ArrayToPointerDecay || CE->getCastKind() == CK_FunctionToPointerDecay)
        return true;
      if (CE->getCastKind() == CK_NullToPointer)
        return false;
      E = CE->getSubExpr();
      continue;
    }
    if (isa<CXXThisExpr>(E) || isa<StringLiteral>(E))
      return true;
    if (const auto *NE = dyn_cast<CXXNewExpr>(E))
      return !NE->shouldNullCheckAllocation();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_AddrOf;
    if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && S.derefed.count(V->getCanonicalDecl()))
          return true;  // read through since its last assignment
      if (auto K = factKey(E))
        if (auto It = S.assume.find(*K); It != S.assume.end())
          return It->second.excludes(0);
      return false;
    }
    return false;
  }
  return false;
}

namespace {
const RecordDecl *canonRecord(const RecordDecl *R) { return cast<RecordDecl>(R->getCanonicalDecl()); }
}  // namespace

// A fact about a field of a parameter's object (`if (stream->monitor)`, FactKey fields) is a
// condition on the field's value at entry (ParamCond::path) only when nothing on the way from
// the entry to the test may have changed it:
// - the function never writes that field (of any object: WrittenFields), nor assigns whole a
//   record along the path (`*q = *r`), and the parameter is never reassigned nor used but
//   through its fields, passed to calls, or tested (fieldCondParam(): a copy `q = p`, a cast,
//   `&p->sub` kept in a local would let writes through another name);
// - on this path, no call was given the pointer or an address inside the object unless what
//   that call writes is known, and no call may have written a field of the path
//   (State::entryObjDirty / entryFieldsDirty, updateEntryDirty()). Known writes are by field
//   (fieldWrites(): a write to `prev` of a list node is not one to `monitor`), which a
//   container_of does not escape: the field it writes is still named.
// Decided per path, not per function: consumer_stream_destroy() gives `stream` to calls after
// its `if (stream->monitor)`, and those calls do not make the test any less an entry test.
// Calls not given the object (it reached through a global or another pointer) whose writes
// are unknown are taken not to change it, as the caller's facts are (forgetFacts()); so is
// another thread. The path field is of the object itself: every field but the last is a
// struct member (no pointer followed), and none is of a union.
std::optional<std::vector<std::string>> Extractor::entryFieldPath(const FactKey &K, const State &S) const {
  const auto *PV = dyn_cast<ParmVarDecl>(K.V);
  if (!PV || PV->getDeclContext() != Cur->FD || K.fields.empty() || K.first || S.entryObjDirty.count(PV) ||
      !fieldCondParam(PV))
    return std::nullopt;
  std::vector<std::string> Path;
  for (size_t I = 0; I < K.fields.size(); ++I) {
    const FieldDecl *F = K.fields[I];
    if (F->getParent()->isUnion() || Cur->WrittenFields.count(F) || S.entryFieldsDirty.count(F) ||
        Cur->WholeWrites->count(canonRecord(F->getParent())) ||
        (I + 1 < K.fields.size() && (!F->getType()->isRecordType() || F->getType()->isUnionType())))
      return std::nullopt;
    std::string N = fieldPathName(F);
    if (N.empty())
      return std::nullopt;
    Path.push_back(std::move(N));
  }
  return Path;
}

std::vector<ParamCond> Extractor::whenOf(const State &S, bool Fields) const {
  std::vector<ParamCond> W;
  auto add = [&](const FactKey &K, const CondVal &C, const std::vector<std::string> &Path) {
    constexpr size_t MaxAlt = 64;  // the cases of one switch: a bound on the facts' size
    if (C.eq && C.more.size() >= MaxAlt)
      return;
    int P = static_cast<int>(cast<ParmVarDecl>(K.V)->getFunctionScopeIndex());
    auto push = [&](ParamCond X) {
      if (std::find(W.begin(), W.end(), X) == W.end())
        W.push_back(std::move(X));
    };
    if (C.eq && !C.more.empty()) {  // one of several values (ParamCond::alt)
      ParamCond X{P, true, C.k, K.mask, K.first, Path};
      for (long long V : C.more)
        if (V != C.k)
          X.alt.push_back(V);
      push(std::move(X));
      return;
    }
    push({P, C.eq, C.k, K.mask, K.first, Path});
    for (long long X : C.more)  // none of several values: `!=` each of them
      push({P, false, X, K.mask, K.first, Path});
  };
  for (const auto &[K, C] : S.assume) {
    if (Fields && modeFact(K)) {  // a field of the object only constructors set
      ParamCond X{ParamCond::ThisObject, C.eq, C.k, K.mask, false, {fieldPathName(K.fields[0])}};
      if (!(C.eq && !C.more.empty()) && !X.path[0].empty() && std::find(W.begin(), W.end(), X) == W.end())
        W.push_back(std::move(X));
      continue;
    }
    const auto *PV = dyn_cast<ParmVarDecl>(K.V);
    if (!PV || PV->getDeclContext() != Cur->FD || S.paramsReassigned.count(K.V))
      continue;  // (a reassigned parameter's facts are of another value: entryFacts has its own)
    if (K.fields.empty()) {
      add(K, C, {});
    } else if (Fields) {
      if (auto Path = entryFieldPath(K, S))
        add(K, C, *Path);
    }
  }
  for (const auto &[K, C] : S.entryFacts) {  // tested before anything could change them
    if (Fields || K.fields.empty()) {
      std::vector<std::string> Path;
      for (const FieldDecl *F : K.fields)
        Path.push_back(fieldPathName(F));
      add(K, C, Path);
    }
  }
  return W;
}

std::string Extractor::fieldPathName(const FieldDecl *F) const {
  const RecordDecl *RD = F->getParent();
  if (!F->getIdentifier() || (!RD->getIdentifier() && !RD->getTypedefNameForAnonDecl()))
    return "";
  return recordName(RD) + "::" + F->getNameAsString();
}

namespace {
// The pthread lock calls: they write only the lock object they are given.
bool onlyWritesLock(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  return N.starts_with("pthread_mutex_") || N.starts_with("pthread_rwlock_") || N.starts_with("pthread_spin_");
}
}  // namespace

// A pointer-to-struct parameter (or a struct by value) whose fields' tests may be conditions
// at entry (whenOf()): never reassigned nor its address taken, and every use of it reads or
// writes its fields in place, passes it (or the address of one of its fields) straight to a
// call, or tests it (`if (!p)`, `assert(p)`, `p == q`). Any other use (a copy, a cast, a
// return, `&p->sub` kept) could let the object change under another name.
bool Extractor::fieldCondParam(const ParmVarDecl *PV) const {
  auto [It, New] = Cur->FieldCondParams.emplace(PV, false);
  if (!New)
    return It->second;
  QualType T = PV->getType();
  bool Ptr = T->isPointerType();
  const RecordDecl *RD = Ptr ? T->getPointeeType()->getAsRecordDecl() : T->getAsRecordDecl();
  if (!RD || RD->isUnion() || T->isReferenceType() || !Cur->Body || Cur->Written.count(PV) || Cur->AddrTaken.count(PV))
    return false;
  if (!Ptr && (Ctx.getLangOpts().CPlusPlus && !T.isTriviallyCopyableType(Ctx)))
    return false;
  if (!Cur->PM)
    Cur->PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Cur->Body));
  const ParentMap &PM = *Cur->PM;
  // what a use is the child of, past parentheses and implicit conversions
  auto up = [&](const Stmt *X) {
    const Stmt *P = PM.getParent(X);
    while (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
      X = P;
      P = PM.getParent(P);
    }
    return std::make_pair(X, P);
  };
  auto callArg = [](const Stmt *X, const Stmt *P) {
    const auto *CE = dyn_cast_or_null<CallExpr>(P);
    return CE && std::find(CE->arg_begin(), CE->arg_end(), X) != CE->arg_end();
  };
  auto unevaluated = [&](const Stmt *X) {
    for (int I = 0; X && I < 24 && isa<Expr>(X); ++I, X = PM.getParent(X))
      if (isa<UnaryExprOrTypeTraitExpr>(X))
        return true;
    return false;
  };
  auto useOk = [&](const DeclRefExpr *D) {
    if (unevaluated(D))
      return true;
    auto [C, P] = up(D);
    if (!P)
      return false;
    if (const auto *ME = dyn_cast<MemberExpr>(P); ME && ME->getBase() == C && ME->isArrow() == Ptr) {
      // p->a.b...: the field's own use
      const MemberExpr *Top = ME;
      while (true) {
        if (!isa<FieldDecl>(Top->getMemberDecl()))
          return false;  // a method of the object
        const Stmt *Q = PM.getParent(Top);
        while (Q && isa<ParenExpr>(Q))
          Q = PM.getParent(Q);
        const auto *Next = dyn_cast_or_null<MemberExpr>(Q);
        if (!Next || Next->isArrow() || strip(Next->getBase()) != strip(Top))
          break;
        Top = Next;
      }
      auto [C2, P2] = up(Top);
      if (Top->getType()->isArrayType()) {  // decays: an address inside the object
        if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(P2); AS && AS->getBase() == C2)
          return true;
        return callArg(C2, P2);
      }
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(P2); U && U->getOpcode() == UO_AddrOf) {
        auto [C3, P3] = up(U);
        return callArg(C3, P3) || unevaluated(U);
      }
      if (const auto *M2 = dyn_cast_or_null<MemberExpr>(P2); M2 && M2->getBase() == C2 && !M2->isArrow())
        return false;
      return true;  // read, written (WrittenFields), a pointer field followed
    }
    if (callArg(C, P))
      return true;  // the pointer passed (updateEntryDirty), or a copy of the struct
    if (!Ptr) {
      if (const auto *U = dyn_cast<UnaryOperator>(P); U && U->getOpcode() == UO_AddrOf) {
        auto [C3, P3] = up(U);
        return callArg(C3, P3);
      }
      if (isa<DeclStmt>(P))
        return true;  // a copy
      if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign && BO->getRHS() == C)
        return true;
      return false;
    }
    // a test of the pointer
    if (const auto *IS = dyn_cast<IfStmt>(P))
      return IS->getCond() == C;
    if (const auto *WS = dyn_cast<WhileStmt>(P))
      return WS->getCond() == C;
    if (const auto *DS = dyn_cast<DoStmt>(P))
      return DS->getCond() == C;
    if (const auto *FS = dyn_cast<ForStmt>(P))
      return FS->getCond() == C;
    if (const auto *CO = dyn_cast<ConditionalOperator>(P))
      return CO->getCond() == C;
    if (const auto *U = dyn_cast<UnaryOperator>(P))
      return U->getOpcode() == UO_LNot;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isComparisonOp() || BO->isLogicalOp();
    if (const auto *CE = dyn_cast<CStyleCastExpr>(P))
      return CE->getType()->isVoidType();
    return false;
  };
  struct Uses : RecursiveASTVisitor<Uses> {
    const ParmVarDecl *PV;
    std::vector<const DeclRefExpr *> Refs;
    std::set<const RecordDecl *> Whole;
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (D->getDecl() == PV)
        Refs.push_back(D);
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp())
        if (const RecordDecl *R = B->getLHS()->getType()->getAsRecordDecl())
          Whole.insert(canonRecord(R));
      return true;
    }
  } U;
  U.PV = PV;
  U.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  if (!Cur->WholeWrites) {  // the records a record assigned whole holds are written too
    std::set<const RecordDecl *> W;
    for (const RecordDecl *R : U.Whole) {
      W.insert(R);
      std::function<void(const RecordDecl *, int)> Add = [&](const RecordDecl *X, int Depth) {
        const RecordDecl *Def = X->getDefinition();
        if (!Def || Depth > 8)
          return;
        for (const FieldDecl *F : Def->fields()) {
          QualType FT = F->getType();
          while (const auto *AT = FT->getAsArrayTypeUnsafe())
            FT = AT->getElementType();
          if (const RecordDecl *In = FT->getAsRecordDecl(); In && W.insert(canonRecord(In)).second)
            Add(In, Depth + 1);
        }
      };
      Add(R, 0);
    }
    Cur->WholeWrites = std::move(W);
  }
  if (Cur->WholeWrites->count(canonRecord(RD)))
    return false;
  for (const DeclRefExpr *D : U.Refs)
    if (!useOk(D))
      return false;
  return It->second = true;
}

namespace {
// A visitor whose D::write(lvalue) sees what each assignment and `++`/`--` writes, and with
// AddrOf, what `&` is taken of (a write through the pointer may follow).
template <class D, bool AddrOf = false>
struct WritesVisitor : RecursiveASTVisitor<D> {
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      static_cast<D *>(this)->write(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || (AddrOf && U->getOpcode() == UO_AddrOf))
      static_cast<D *>(this)->write(U->getSubExpr());
    return true;
  }
};
}  // namespace

const Extractor::DirectWrites &Extractor::directWrites(const FunctionDecl *FD) const {
  if (auto It = DirectWritesCache.find(FD); It != DirectWritesCache.end())
    return It->second;
  struct Finder : WritesVisitor<Finder> {
    bool CXX = false;
    DirectWrites D;
    void write(const Expr *L) {
      L = L->IgnoreParenImpCasts();
      if (const auto *ME = dyn_cast<MemberExpr>(L)) {
        const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
        if (!F || F->getParent()->isUnion() || F->getType()->isRecordType() || F->getType()->isArrayType())
          D.any = true;
        else
          D.fields.insert(F);
        return;
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(L)) {
        const Expr *B = AS->getBase()->IgnoreParenImpCasts();
        if (B->getType()->isArrayType() && !AS->getType()->isRecordType()) {
          if (const auto *ME = dyn_cast<MemberExpr>(B))
            if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()); F && !F->getParent()->isUnion()) {
              D.fields.insert(F);
              return;
            }
          if (const auto *DRE = dyn_cast<DeclRefExpr>(B))
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage())
              return;
        }
        D.any = true;
        return;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(L))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && !V->getType()->isReferenceType() && (V->hasLocalStorage() || !V->getType()->isRecordType()))
          return;  // a variable of its own, or a global scalar (no field of an object)
      D.any = true;  // through a pointer (`*q = v`), a global struct
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *C = CE->getDirectCallee();
      if (!C || CXX) {
        D.any = true;
        return true;
      }
      const FunctionDecl *Def = nullptr;
      if (C->getBody(Def) && Def) {
        D.calls.push_back(Def);
        return true;
      }
      if (onlyWritesLock(C))
        return true;
      for (const Expr *A : CE->arguments()) {  // code not seen: it may write what it is given
        QualType T = A->getType();
        if ((T->isPointerType() && !T->getPointeeType().isConstQualified()) || T->isReferenceType())
          D.any = true;
      }
      return true;
    }
    bool VisitCastExpr(CastExpr *CE) {  // another record's fields over this memory
      switch (CE->getCastKind()) {
      case CK_BitCast:
      case CK_IntegralToPointer:
      case CK_BaseToDerived:
      case CK_Dynamic:
      case CK_LValueBitCast:
      case CK_AddressSpaceConversion: {
        QualType T = CE->getType();
        if (T->isPointerType())
          T = T->getPointeeType();
        if (T->isRecordType())
          D.any = true;
        break;
      }
      default:
        break;
      }
      return true;
    }
    bool VisitAtomicExpr(AtomicExpr *) {
      D.any = true;
      return true;
    }
    bool VisitGCCAsmStmt(GCCAsmStmt *A) {
      if (A->getNumOutputs() > 0)
        D.any = true;
      return true;
    }
    bool VisitMSAsmStmt(MSAsmStmt *) {
      D.any = true;
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *) {
      D.any = true;
      return true;
    }
    bool VisitCXXNewExpr(CXXNewExpr *) {
      D.any = true;
      return true;
    }
    bool VisitCXXDeleteExpr(CXXDeleteExpr *) {
      D.any = true;
      return true;
    }
  } Fi;
  Fi.CXX = Ctx.getLangOpts().CPlusPlus;
  const FunctionDecl *Def = nullptr;
  if (FD->getBody(Def) && Def)
    Fi.TraverseStmt(Def->getBody());
  else
    Fi.D.any = true;
  return DirectWritesCache[FD] = std::move(Fi.D);
}

std::optional<std::set<const FieldDecl *>> Extractor::fieldWrites(const FunctionDecl *FD) const {
  const FunctionDecl *Def = nullptr;
  if (!FD->getBody(Def) || !Def) {
    if (onlyWritesLock(FD))
      return std::set<const FieldDecl *>{};
    return std::nullopt;
  }
  if (auto It = FieldWritesCache.find(Def); It != FieldWritesCache.end())
    return It->second;
  constexpr size_t MaxFunctions = 64;
  std::set<const FieldDecl *> All;
  std::set<const FunctionDecl *> Seen{Def};
  std::vector<const FunctionDecl *> Work{Def};
  bool Any = false;
  while (!Work.empty() && !Any) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    const DirectWrites &D = directWrites(F);
    Any = D.any;
    All.insert(D.fields.begin(), D.fields.end());
    for (const auto *C : D.calls)
      if (Seen.insert(C).second) {
        if (Seen.size() > MaxFunctions) {
          Any = true;
          break;
        }
        Work.push_back(C);
      }
  }
  std::optional<std::set<const FieldDecl *>> R;
  if (!Any)
    R = std::move(All);
  return FieldWritesCache[Def] = R;
}

// At a call: the fields it may write are no longer at their entry values (known writes, of
// any object), and a parameter's object it is given (the pointer, `&p->f`, `p->arr`, `&s`)
// may change anywhere when its writes are not known (whenOf()).
void Extractor::updateEntryDirty(const Stmt *St, State &S) const {
  if (!isa<CallExpr>(St) && !isa<CXXConstructExpr>(St))
    return;
  bool AnyRecordParam = false;  // none: no condition on fields to keep track of
  for (const ParmVarDecl *P : Cur->FD->parameters()) {
    QualType T = P->getType();
    AnyRecordParam = AnyRecordParam || T->isRecordType() || (T->isPointerType() && T->getPointeeType()->isRecordType());
  }
  if (!AnyRecordParam)
    return;
  // the facts about the entry values known so far: the call may change the fields, not them
  for (const auto &[K, C] : S.assume) {
    if (K.fields.empty() || !isa<ParmVarDecl>(K.V) || !entryFieldPath(K, S))
      continue;
    auto [It, New] = S.entryFacts.emplace(K, C);
    if (!New)
      if (auto B = both(It->second, C))
        It->second = std::move(*B);
  }
  std::vector<const Expr *> Args;
  std::optional<std::set<const FieldDecl *>> W;
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    Args.assign(CE->arg_begin(), CE->arg_end());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const Expr *O = MC->getImplicitObjectArgument())
        Args.push_back(O);
    if (const FunctionDecl *Callee = CE->getDirectCallee(); Callee && !Ctx.getLangOpts().CPlusPlus)
      W = fieldWrites(Callee);
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
    Args.assign(CC->arg_begin(), CC->arg_end());
  } else {
    return;
  }
  if (W) {
    S.entryFieldsDirty.insert(W->begin(), W->end());
    return;
  }
  for (const Expr *A : Args) {
    if (!A)
      continue;
    const Expr *E = A->IgnoreParenImpCasts();
    bool Addr = false;
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf) {
      E = U->getSubExpr()->IgnoreParenImpCasts();
      Addr = true;
    }
    const MemberExpr *Top = dyn_cast<MemberExpr>(E);
    while (const auto *ME = dyn_cast<MemberExpr>(E)) {  // &p->a.b, p->arr: the root's object
      bool Arrow = ME->isArrow();
      E = ME->getBase()->IgnoreParenImpCasts();
      if (Arrow)
        break;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PV || PV->getDeclContext() != Cur->FD)
      continue;
    // given an address inside the object; not a field's value (`p->n`, `p->next`, `s.x`), nor
    // a copy of the struct (`s`)
    bool Ptr = PV->getType()->isPointerType();
    bool Inside = Top ? (Addr || Top->getType()->isArrayType()) : (Ptr || Addr);
    if (Inside || PV->getType()->isReferenceType())
      S.entryObjDirty.insert(PV);
  }
}

// A local struct whose address is only given to calls (`grn_obj message; GRN_TEXT_INIT(&message,
// 0); ... grn_obj_close(ctx, &message);`, ExtractInternal.h OwnAddrArgs): what the path knows
// of its fields holds until a call that may write them (forgetFacts()), so a call given
// `&message` knows the fields just set (ArgRef::fieldFacts: the type a close function switches
// on).
bool Extractor::addrArgStruct(const VarDecl *V) const {
  return V && V->getType()->isRecordType() && Cur->OwnAddrArgs.count(V) > 0;
}

// Locals, parameters and globals (file-static, extern, static locals) of a scalar type, not
// volatile, not atomic, whose address this function does not take. A fact about a global
// holds until this function writes it or calls a function that may (globalsWritten(): the
// direct callees with a body in this TU, and theirs); a call through a pointer keeps it, as
// does another thread (a mode flag set once at start-up: freeradius' spawn_flag).
bool Extractor::trackable(const VarDecl *V) const {
  if (!V || V->getType().isVolatileQualified() || Cur->AddrTaken.count(V) ||
      Cur->AddrTaken.count(V->getCanonicalDecl()) || Cur->CapturedByRef.count(V))
    return false;
  QualType T = V->getType();
  if (V->hasGlobalStorage() && isAtomicLike(T))
    return false;
  return T->isIntegralOrEnumerationType() || T->isPointerType() || T->isBooleanType();
}

// A fact about a mode field of the object the method runs on (modeFields()): no call nor
// other thread changes it once the object is made (outside its constructors).
bool Extractor::modeFact(const FactKey &K) const {
  if (K.fields.size() != 1 || K.first || !K.V || !isa<ImplicitParamDecl>(K.V) || isa<CXXConstructorDecl>(Cur->FD))
    return false;
  const auto *RD = dyn_cast<CXXRecordDecl>(K.fields[0]->getParent());
  return RD && K.V == thisVar() && modeFields(RD).count(K.fields[0]) > 0;
}

const VarDecl *Extractor::thisVar() const {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Cur->FD);
  if (!MD || MD->isStatic())
    return nullptr;
  auto [It, New] = ThisVars.emplace(MD, nullptr);
  if (New)
    It->second = ImplicitParamDecl::Create(Ctx, const_cast<CXXMethodDecl *>(MD), MD->getLocation(), nullptr,
                                           MD->getThisType(), ImplicitParamKind::CXXThis);
  return It->second;
}

namespace {
// A local with an initialiser, not static: it may be a copy (Extractor::factKey).
bool copyCandidate(const VarDecl *V) {
  return V && V->isLocalVarDecl() && !V->isStaticLocal() && V->hasInit() && !isa<ParmVarDecl>(V);
}
}  // namespace

// The key of a tracked variable (`c`, `spawn_flag`) or of a scalar field reached from one
// through members (`w->is_bg`, `s.a.b`, a repeated flag test); a local copy of a global or
// of a field (`flags = imp->flags`) has its source's key when it has the source's type and
// neither it nor the source is written anywhere in this function. None for anything else.
std::optional<FactKey> Extractor::factKey(const Expr *E, int Depth, bool Own) const {
  E = strip(E);
  FactKey K;
  auto copyOf = [&](const VarDecl *V) -> std::optional<FactKey> {
    if (Depth > 3 || !copyCandidate(V) || Cur->Written.count(V) || Cur->AddrTaken.count(V))
      return std::nullopt;
    const Expr *Init = strip(V->getInit());
    if (Init->getType().getCanonicalType().getUnqualifiedType() != V->getType().getCanonicalType().getUnqualifiedType())
      return std::nullopt;
    auto Src = factKey(Init, Depth + 1);
    // of a global or a field (a local or parameter copied keeps its own key: the facts about
    // parameters are the callers' conditions, whenOf())
    if (!Src || Src->mask || Cur->Written.count(Src->V) || (Src->fields.empty() && !Src->V->hasGlobalStorage()))
      return std::nullopt;
    for (const auto *F : Src->fields)
      if (Cur->WrittenFields.count(F))
        return std::nullopt;
    return Src;
  };
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!trackable(V))
      return std::nullopt;
    std::optional<FactKey> Src;
    if (!Own)
      Src = copyOf(V);
    if (Src)
      return Src;
    K.V = V->getCanonicalDecl();  // a global's declarations: one variable
    return K;
  }
  // a mode string's first character (`switch (mode[0])`, `*mode == 'r'`): of a parameter that
  // points to const characters and is never made to point elsewhere here
  const Expr *Str = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    Str = UO->getSubExpr();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    if (auto I = constantOf(AS->getIdx()->IgnoreParenImpCasts(), Ctx); I && *I == 0)
      Str = AS->getBase();
  if (Str) {
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(Str));
    const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PV || !PV->getType()->isPointerType() || !PV->getType()->getPointeeType().isConstQualified() ||
        !PV->getType()->getPointeeType()->isAnyCharacterType() || !trackable(PV) ||
        Cur->Written.count(PV->getCanonicalDecl()))
      return std::nullopt;
    K.V = PV;
    K.first = true;
    return K;
  }
  const auto *ME = dyn_cast<MemberExpr>(E);
  if (!ME)
    return std::nullopt;
  QualType T = ME->getType();
  if (T.isVolatileQualified() || isAtomicLike(T) ||
      !(T->isIntegralOrEnumerationType() || T->isPointerType() || T->isBooleanType()))
    return std::nullopt;
  // in a constructor, a member initialised from a parameter (`m_(m)`) is that parameter: a
  // guard whose constructor locks `if (m_)` takes no lock when it is given null
  if (isa<CXXThisExpr>(strip(ME->getBase())))
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (auto It = Cur->CtorAlias.find(F); It != Cur->CtorAlias.end())
        if (const auto *FD = Cur->FD; FD && static_cast<unsigned>(It->second) < FD->getNumParams()) {
          K.V = FD->getParamDecl(static_cast<unsigned>(It->second));
          return trackable(K.V) ? std::optional<FactKey>(K) : std::nullopt;
        }
  while (ME) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F || Cur->FieldAddrTaken.count(F) || ME->getType().isVolatileQualified())
      return std::nullopt;
    K.fields.insert(K.fields.begin(), F);
    const Expr *Base = strip(ME->getBase());
    if (isa<CXXThisExpr>(Base)) {  // a member of the object the method runs on
      if (Cur->ThisCaptured || !(K.V = thisVar()))
        return std::nullopt;
      return K;
    }
    // `(&v)->f` is `v.f`
    if (const auto *U = dyn_cast<UnaryOperator>(Base); U && U->getOpcode() == UO_AddrOf && ME->isArrow())
      if (const auto *D = dyn_cast<DeclRefExpr>(strip(U->getSubExpr())))
        Base = D;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || (Cur->AddrTaken.count(V) && !addrArgStruct(V)) || Cur->CapturedByRef.count(V) ||
          V->getType().isVolatileQualified() ||
          (V->hasGlobalStorage() && isAtomicLike(V->getType())))
        return std::nullopt;
      if (auto Src = copyOf(V)) {  // `imp = sdb->implementation; ... imp->flags`
        Src->fields.insert(Src->fields.end(), K.fields.begin(), K.fields.end());
        if (Src->fields.size() > 6)
          return std::nullopt;
        return Src;
      }
      K.V = V->getCanonicalDecl();
      return K;
    }
    ME = dyn_cast<MemberExpr>(Base);
    if (ME && ME->isArrow() && K.fields.size() > 3)
      return std::nullopt;
  }
  return std::nullopt;
}

// `x & C` with C a non-zero constant and x trackable (a variable or a field chain,
// `imp->flags & DNS_SDBFLAG_THREADSAFE`): the key of those bits of x.
std::optional<FactKey> Extractor::maskedKey(const Expr *E, bool Own) const {
  const auto *BO = dyn_cast<BinaryOperator>(strip(E));
  if (!BO || BO->getOpcode() != BO_And)
    return std::nullopt;
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  for (int Swap = 0; Swap < 2; ++Swap, std::swap(L, R)) {
    auto M = constantOf(R->IgnoreParenImpCasts(), Ctx);
    if (!M || *M == 0)
      continue;
    auto K = factKey(L, 0, Own);
    if (!K)
      continue;
    K->mask = *M;
    return K;
  }
  return std::nullopt;
}

std::optional<std::pair<FactKey, CondVal>> Extractor::condAtom(const Expr *Cond, bool Own) const {
  if (!Cond)
    return std::nullopt;
  // a test of an assignment is one of the variable assigned, after it: `(err = trylock(m)) ==
  // EBUSY` (ecasound's spin lock leaves its loop with `err` known)
  auto assigned = [](const Expr *E) {
    E = strip(E);
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_Assign)
      return strip(BO->getLHS());
    return E;
  };
  Cond = assigned(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot) {
    auto A = condAtom(UO->getSubExpr(), Own);
    if (A)
      A->second = negate(A->second);
    return A;
  }
  if (isa<DeclRefExpr>(Cond) || isa<MemberExpr>(Cond)) {
    auto K = factKey(Cond, 0, Own);
    if (!K)
      return std::nullopt;
    return std::make_pair(*K, CondVal{false, 0});
  }
  if (auto K = maskedKey(Cond, Own))  // `if (flags & FS_LOCK)`
    return std::make_pair(*K, CondVal{false, 0});
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond); BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    const Expr *L = assigned(BO->getLHS()), *R = BO->getRHS();
    for (int Swap = 0; Swap < 2; ++Swap, std::swap(L, R)) {
      auto FK = factKey(L, 0, Own);
      if (!FK)
        FK = maskedKey(L, Own);
      if (!FK)
        continue;
      auto K = constantOf(R->IgnoreParenImpCasts(), Ctx);
      if (!K)
        continue;
      return std::make_pair(*FK, CondVal{BO->getOpcode() == BO_EQ, *K});
    }
  }
  return std::nullopt;
}

// Whether E is nonzero on the paths of S: its value (valueOf), or a fact that it is not 0.
std::optional<bool> Extractor::truthOf(const Expr *X, const State &S, int Depth) const {
  if (auto K = valueOf(X, S, Depth))
    return *K != 0;
  for (bool Own : {false, true}) {
    auto K = factKey(X, 0, Own);
    if (!K)
      K = maskedKey(X, Own);
    if (K)
      if (auto It = S.assume.find(*K); It != S.assume.end() && It->second.excludes(0))
        return true;
  }
  return std::nullopt;
}

// galera's gcs_test.cpp: `static bool throughput = true;`, never assigned, guards the only call
// of a function that takes its lock twice. A static the TU only reads (every use an rvalue: no
// assignment, increment, address or reference anywhere, in any function or initializer) keeps
// the value it starts with; a volatile or atomic one, or one of another TU's, may not.
std::optional<long long> Extractor::fixedStatic(const VarDecl *V) const {
  if (!V || !V->hasGlobalStorage() || (V->getFormalLinkage() != Linkage::Internal && !V->isStaticLocal()))
    return std::nullopt;
  QualType T = V->getType();
  if (!T->isIntegralOrEnumerationType() || T.isVolatileQualified() || T->isAtomicType())
    return std::nullopt;
  scanStatics();
  if (!ReadOnlyStatics->count(V->getCanonicalDecl()))
    return std::nullopt;
  const VarDecl *Def = V->getDefinition();
  if (!Def)
    Def = V->getActingDefinition();  // C's tentative `static int x;`
  const Expr *Init = Def ? Def->getInit() : V->getInit();
  if (!Init)
    return Def ? std::optional<long long>(0) : std::nullopt;  // zero-initialized
  return constantOf(Init, Ctx);
}

// A call of a C library function glibc returns 0 from every time (the error returns their
// manuals list are other systems' or for arguments glibc does not check): the branch taken on
// its failure never runs. gold's Once::run_once() holds a lock across `err = pthread_once(...);
// if (err != 0) gold_fatal(...)`, and gold_fatal() reaches that lock again (never_failing_once.c).
// A call glibc returns 0 from every time it can be made here, so that the branch on its failure
// never runs: pthread_once, the condition variable's signal, broadcast, init and destroy, the
// attribute objects' init and destroy, pthread_attr_init, the rwlock's and the spin lock's init
// and destroy; pthread_mutexattr_settype given one of the four kinds as a constant; and
// pthread_mutex_init, whose only failure is ENOTSUP for a priority protocol, given no attribute
// or a local attribute object this function gives to no call but pthread_mutexattr_init,
// _settype, _setpshared, _destroy and pthread_mutex_init (cfitsio's fitsio_init_lock() logs each
// failure under its init lock, and the logger takes the main lock: never_failing_mutex_init.c).
bool Extractor::returnsZero(const Expr *E) const {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !FD->isExternC() || FD->hasBody())
    return false;
  StringRef N = FD->getName();
  if (N == "pthread_once" || N == "pthread_cond_signal" || N == "pthread_cond_broadcast" ||
      N == "pthread_cond_init" || N == "pthread_cond_destroy" || N == "pthread_mutexattr_init" ||
      N == "pthread_mutexattr_destroy" || N == "pthread_condattr_init" || N == "pthread_condattr_destroy" ||
      N == "pthread_rwlockattr_init" || N == "pthread_rwlockattr_destroy" || N == "pthread_attr_init" ||
      N == "pthread_attr_destroy" || N == "pthread_rwlock_init" || N == "pthread_rwlock_destroy" ||
      N == "pthread_spin_init" || N == "pthread_spin_destroy")
    return true;
  if (N == "pthread_mutexattr_settype" && CE->getNumArgs() == 2) {
    auto K = constantOf(CE->getArg(1)->IgnoreParenImpCasts(), Ctx);
    return K && *K >= 0 && *K <= 3;  // NORMAL, RECURSIVE, ERRORCHECK, ADAPTIVE_NP
  }
  if (N != "pthread_mutex_init" || CE->getNumArgs() != 2)
    return false;
  const Expr *A = CE->getArg(1)->IgnoreParenImpCasts();
  if (A->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  const auto *UO = dyn_cast<UnaryOperator>(A);
  const auto *DRE = UO && UO->getOpcode() == UO_AddrOf ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens()) : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || V->hasGlobalStorage() || !V->isLocalVarDecl() || !Cur || !Cur->Body)
    return false;
  // every use of V: `&V` given to one of the calls that cannot set a protocol
  struct Uses : RecursiveASTVisitor<Uses> {
    const VarDecl *V;
    unsigned Ok = 0, All = 0;
    bool VisitCallExpr(CallExpr *C) {
      const FunctionDecl *F = C->getDirectCallee();
      StringRef Name = F && F->getIdentifier() ? F->getName() : "";
      bool Plain = Name == "pthread_mutexattr_init" || Name == "pthread_mutexattr_settype" ||
                   Name == "pthread_mutexattr_setpshared" || Name == "pthread_mutexattr_destroy" ||
                   Name == "pthread_mutex_init";
      if (Plain)
        for (const Expr *Arg : C->arguments())
          if (const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts()); U && U->getOpcode() == UO_AddrOf)
            if (const auto *D = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens()); D && D->getDecl() == V)
              ++Ok;
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      All += D->getDecl() == V;
      return true;
    }
  } U;
  U.V = V;
  U.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  return U.All > 0 && U.Ok == U.All;
}

// The value of E on the paths of S, when the facts of S decide it: constants, tracked locals
// and fields known equal to a constant, and what `!`, `==`, `!=`, `&&`, `||`, `,` and `?:`
// make of them. A truth value is 0 or 1.
std::optional<long long> Extractor::valueOf(const Expr *E, const State &S, int Depth) const {
  if (!E || Depth > 16)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) {
    if (auto K = factKey(E)) {
      for (const auto &Key : {std::optional<FactKey>(K), factKey(E, 0, true)})
        if (auto It = Key ? S.assume.find(*Key) : S.assume.end(); It != S.assume.end() && It->second.exact())
          return It->second.k;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (auto V = fixedStatic(dyn_cast<VarDecl>(DRE->getDecl())))
          return V;
      return std::nullopt;  // known to differ from a constant: only its truth may be known (below)
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E); DRE && isa<EnumConstantDecl>(DRE->getDecl()))
      return constantOf(E, Ctx);
    return std::nullopt;
  }
  auto truth = [&](const Expr *X) { return truthOf(X, S, Depth + 1); };
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    if (auto T = truth(UO->getSubExpr()))
      return *T ? 0 : 1;
    return std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    switch (BO->getOpcode()) {
    case BO_Comma:
      return valueOf(BO->getRHS(), S, Depth + 1);
    case BO_LAnd:
    case BO_LOr: {
      bool And = BO->getOpcode() == BO_LAnd;
      auto L = truth(BO->getLHS());
      if (L && *L != And)
        return And ? 0 : 1;  // short-circuited
      auto R = truth(BO->getRHS());
      if (L && R)
        return (And ? (*L && *R) : (*L || *R)) ? 1 : 0;
      if (R && *R != And)
        return And ? 0 : 1;
      return std::nullopt;
    }
    case BO_And: {
      auto L = valueOf(BO->getLHS(), S, Depth + 1), R = valueOf(BO->getRHS(), S, Depth + 1);
      if (L && R)
        return *L & *R;
      if (auto K = maskedKey(E))  // the bits a branch taken tested
        if (auto It = S.assume.find(*K); It != S.assume.end() && It->second.exact())
          return It->second.k;
      return std::nullopt;
    }
    case BO_EQ:
    case BO_NE: {
      auto L = valueOf(BO->getLHS(), S, Depth + 1), R = valueOf(BO->getRHS(), S, Depth + 1);
      if (L && R)
        return ((*L == *R) == (BO->getOpcode() == BO_EQ)) ? 1 : 0;
      // a variable known to differ from the constant it is compared with
      for (bool Own : {false, true})
        if (auto A = condAtom(E, Own)) {
          auto It = S.assume.find(A->first);
          if (It != S.assume.end() && !compatible(It->second, A->second))
            return 0;
          if (It != S.assume.end() && !compatible(It->second, negate(A->second)))
            return 1;
        }
      return std::nullopt;
    }
    default:
      break;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    auto C = truth(CO->getCond());
    if (!C)
      return std::nullopt;
    return valueOf(*C ? CO->getTrueExpr() : CO->getFalseExpr(), S, Depth + 1);
  }
  if (returnsZero(E))
    return 0;
  if (E->getType()->isIntegralOrEnumerationType() || E->getType()->isPointerType())
    if (!E->HasSideEffects(Ctx))
      return constantOf(E, Ctx);
  return std::nullopt;
}

// Ends the facts a statement may falsify: every fact about a variable written (and about the
// fields reached from it), every fact about a field of that name written through any object,
// and the facts about fields of an object a call receives (`f(w)`, `f(&w->x)`, `w->m()`).
// A call that receives no pointer into the object (`hints_delete(w->env->hints)`) keeps them.
void Extractor::forgetFacts(const Stmt *St, State &S) const {
  // A parameter's first assignment on the path: what the path knew of it is of its entry value
  // (State::paramsReassigned). Noted even when nothing is known yet.
  auto reassigned = [&](const VarDecl *V) {
    const auto *PV = dyn_cast<ParmVarDecl>(V);
    if (!PV || PV->getDeclContext() != Cur->FD || !S.paramsReassigned.insert(V).second)
      return;
    for (const auto &[K, C] : S.assume) {
      if (K.V != V || !K.fields.empty() || modeFact(K))
        continue;
      auto [It, New] = S.entryFacts.emplace(K, C);
      if (!New)
        if (auto B = both(It->second, C))
          It->second = std::move(*B);
    }
  };
  {
    const Expr *L = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp())
      L = BO->getLHS();
    else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->isIncrementDecrementOp())
      L = UO->getSubExpr();
    if (const auto *DRE = L ? dyn_cast<DeclRefExpr>(strip(L)) : nullptr)
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        reassigned(V->getCanonicalDecl());
        S.derefed.erase(V->getCanonicalDecl());
      }
    if (const auto *DS = dyn_cast<DeclStmt>(St))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          S.derefed.erase(V->getCanonicalDecl());
  }
  if (S.assume.empty())
    return;
  auto forgetVar = [&](const VarDecl *V) {
    V = V->getCanonicalDecl();
    for (auto It = S.assume.begin(); It != S.assume.end();)
      It = It->first.V == V && !modeFact(It->first) ? S.assume.erase(It) : std::next(It);
  };
  auto forgetField = [&](const FieldDecl *F) {
    for (auto It = S.assume.begin(); It != S.assume.end();)
      It = std::find(It->first.fields.begin(), It->first.fields.end(), F) != It->first.fields.end()
               ? S.assume.erase(It)
               : std::next(It);
  };
  auto written = [&](const Expr *L) {
    L = strip(L);
    // `*&x` is x: liburcu's uatomic_set(&x, v), `*(volatile T *)&(*(&x)) = v`
    while (const auto *U = dyn_cast<UnaryOperator>(L)) {
      const auto *A = U->getOpcode() == UO_Deref ? dyn_cast<UnaryOperator>(strip(U->getSubExpr())) : nullptr;
      if (!A || A->getOpcode() != UO_AddrOf)
        break;
      L = strip(A->getSubExpr());
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        forgetVar(V);
    } else if (const auto *ME = dyn_cast<MemberExpr>(L)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        forgetField(F);
    } else {
      // through a pointer or an element (`*p = 0`, `a[i] = 0`): it may be any field
      for (auto It = S.assume.begin(); It != S.assume.end();)
        It = It->first.fields.empty() || modeFact(It->first) ? std::next(It) : S.assume.erase(It);
    }
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp())
    written(BO->getLHS());
  else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->isIncrementDecrementOp())
    written(UO->getSubExpr());
  else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        forgetVar(V);
  } else if (const auto *CE = dyn_cast<CallExpr>(St)) {
    // A local struct whose address calls are given (addrArgStruct()): any call may write it
    // through an address an earlier one kept.
    // A builtin (`va_start`) writes none; a C function whose writes are known (fieldWrites())
    // only the fields it names.
    if (!Cur->OwnAddrArgs.empty()) {
      const FunctionDecl *FD = CE->getDirectCallee();
      std::optional<std::set<const FieldDecl *>> W;
      if (FD && !FD->getBuiltinID() && !Ctx.getLangOpts().CPlusPlus)
        W = fieldWrites(FD);
      if (!FD || !FD->getBuiltinID())
        for (auto It = S.assume.begin(); It != S.assume.end();) {
          const FactKey &K = It->first;
          bool Drop = !K.fields.empty() && addrArgStruct(K.V) &&
                      (!W || std::any_of(K.fields.begin(), K.fields.end(), [&](const FieldDecl *F) { return W->count(F) > 0; }));
          It = Drop ? S.assume.erase(It) : std::next(It);
        }
    }
    // the variable an argument points into: `w`, `&w->x`, `&s.x`, `&s`
    auto rootOf = [&](const Expr *A) -> const VarDecl * {
      A = strip(A);
      bool Addr = false;
      if (const auto *U = dyn_cast<UnaryOperator>(A); U && U->getOpcode() == UO_AddrOf) {
        A = strip(U->getSubExpr());
        Addr = true;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(A); U && U->getOpcode() == UO_Deref && isa<CXXThisExpr>(strip(U->getSubExpr())))
        return thisVar();  // `*this` given by reference
      while (true) {
        if (isa<CXXThisExpr>(A))  // `this`, `this->m()`, `&this->x`
          return thisVar();
        if (const auto *DRE = dyn_cast<DeclRefExpr>(A)) {
          const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          return V && (Addr || V->getType()->isPointerType() || V->getType()->isReferenceType()) ? V : nullptr;
        }
        const auto *ME = dyn_cast<MemberExpr>(A);
        if (!ME || !Addr)
          return nullptr;
        if (ME->isArrow()) {  // &w->x: into *w
          if (isa<CXXThisExpr>(strip(ME->getBase())))
            return thisVar();
          const auto *DRE = dyn_cast<DeclRefExpr>(strip(ME->getBase()));
          return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
        }
        A = strip(ME->getBase());
      }
    };
    std::vector<const Expr *> Args(CE->arg_begin(), CE->arg_end());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const Expr *O = MC->getImplicitObjectArgument())
        Args.push_back(O);
    // What the callee may write to the object. For the condition of a lock taken and given
    // back under one test (`if (c->r->crc) lock(...); f(c); if (c->r->crc) unlock(...);`,
    // lockGuardKeys()): only a field the callee's own body assigns. That code assumes f leaves
    // the test as it was, and a finding that rests on code deeper down (or unseen) changing
    // it would be a guess (libmicrohttpd's try_ready_chunked_body(), whose error paths give
    // the lock back and then close the connection). Other facts: the fields the callee and
    // what it calls write when they are all known (C, bodies in this TU: fieldWrites()),
    // else any.
    const FunctionDecl *Callee = CE->getDirectCallee();
    std::optional<std::set<const FieldDecl *>> Writes;
    bool WritesDone = false;
    auto writesAny = [](const std::set<const FieldDecl *> &W, const FactKey &K) {
      return std::any_of(K.fields.begin(), K.fields.end(), [&](const FieldDecl *F) { return W.count(F) > 0; });
    };
    auto mayChange = [&](const FactKey &K) {
      if (modeFact(K))
        return false;  // only a constructor writes it
      if (lockGuardKeys().count(K))
        return Callee && writesAny(directWrites(Callee).fields, K);
      if (!WritesDone && Callee && !Ctx.getLangOpts().CPlusPlus)
        Writes = fieldWrites(Callee);
      WritesDone = true;
      return !Writes || writesAny(*Writes, K);
    };
    for (size_t AI = 0; AI < Args.size(); ++AI) {
      const Expr *A = Args[AI];
      const VarDecl *V = A ? rootOf(A) : nullptr;
      // an object passed by reference (not a struct passed by value to a parameter that is no
      // reference: the callee has its own copy, slurm's unlock_slurmctld(job_write_lock))
      const ParmVarDecl *P = Callee && !(isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee)) &&
                                     AI < CE->getNumArgs() && AI < Callee->getNumParams()
                                 ? Callee->getParamDecl(AI)
                                 : nullptr;
      bool Copy = P && P->getType()->isRecordType();
      if (!V && A && !Copy)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(A)))  // an object passed by reference
          V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V)
        continue;
      V = V->getCanonicalDecl();
      // `&w->refcount` of an integer field (lttng's `uatomic_sub_return(&channel->refcount, 1)`,
      // an atomic builtin or any callee): the call may write that field, not the others of *w
      const FieldDecl *Only = nullptr;
      if (const auto *U = dyn_cast<UnaryOperator>(strip(A)); U && U->getOpcode() == UO_AddrOf)
        if (const auto *ME = dyn_cast<MemberExpr>(strip(U->getSubExpr())))
          if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
            if (F->getType()->isIntegralOrEnumerationType() && !F->isBitField())
              Only = F;
      for (auto It = S.assume.begin(); It != S.assume.end();)
        It = It->first.V == V && !It->first.fields.empty() &&
                     (!Only || std::find(It->first.fields.begin(), It->first.fields.end(), Only) != It->first.fields.end()) &&
                     mayChange(It->first)
                 ? S.assume.erase(It)
                 : std::next(It);
    }
    // the globals the callee may write
    if (!Callee)
      Callee = localCallee(CE);
    if (Callee) {
      bool AnyGlobal = false;
      for (const auto &[K, C] : S.assume)
        AnyGlobal = AnyGlobal || K.V->hasGlobalStorage();
      if (AnyGlobal) {
        const auto W = globalsWrittenAt(Callee, CE);
        for (auto It = S.assume.begin(); It != S.assume.end();)
          It = W.count(It->first.V) ? S.assume.erase(It) : std::next(It);
      }
    }
  }
}

// The conditions this function both takes a lock under and gives one back under (`if
// (NULL != c->response->crc) lock(&c->response->mutex);` ... the same test before the
// unlock): the facts forgetFacts() keeps across calls whose writes are unknown.
const std::set<FactKey> &Extractor::lockGuardKeys() const {
  static const std::set<FactKey> None;
  if (!Cur || !Cur->Body)
    return None;
  if (Cur->LockGuards)
    return *Cur->LockGuards;
  struct Finder : RecursiveASTVisitor<Finder> {
    const Extractor &X;
    std::map<FactKey, std::pair<bool, bool>> Seen;  // acquired, released under the key
    explicit Finder(const Extractor &X) : X(X) {}
    static void kinds(const Extractor &X, Stmt *St, bool &Acq, bool &Rel) {
      struct Calls : RecursiveASTVisitor<Calls> {
        const Extractor &X;
        bool Acq = false, Rel = false;
        explicit Calls(const Extractor &X) : X(X) {}
        bool VisitCallExpr(CallExpr *CE) {
          switch (X.lockKindOf(CE)) {
          case LockOp::Acquire:
          case LockOp::Try: Acq = true; break;
          case LockOp::Release: Rel = true; break;
          default: break;
          }
          return true;
        }
        bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      } C(X);
      C.TraverseStmt(St);
      Acq = Acq || C.Acq;
      Rel = Rel || C.Rel;
    }
    bool VisitIfStmt(IfStmt *If) {
      if (auto A = X.condAtom(If->getCond())) {
        auto &[Acq, Rel] = Seen[A->first];
        kinds(X, If->getThen(), Acq, Rel);
        if (If->getElse())
          kinds(X, If->getElse(), Acq, Rel);
        return true;
      }
      // `if ((flags & PR_CREATE_FILE) && (NULL != _pr_rename_lock)) unlock(...)`: each test
      // of a conjunction holds in its then-branch
      std::vector<const Expr *> Work{If->getCond()};
      while (!Work.empty()) {
        const Expr *E = Work.back()->IgnoreParenImpCasts();
        Work.pop_back();
        if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_LAnd) {
          Work.push_back(BO->getLHS());
          Work.push_back(BO->getRHS());
        } else if (auto A = X.condAtom(E)) {
          auto &[Acq, Rel] = Seen[A->first];
          kinds(X, If->getThen(), Acq, Rel);
        }
      }
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } Fi(*this);
  Fi.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  Cur->LockGuards.emplace();
  for (const auto &[K, AR] : Fi.Seen)
    if (AR.first && AR.second)
      Cur->LockGuards->insert(K);
  return *Cur->LockGuards;
}

namespace {
// The globals a body writes (or takes the address of) and the functions it calls directly.
template <class D>
struct GlobalWritesFinder : WritesVisitor<D, true> {
  std::set<const VarDecl *> W;
  std::vector<const FunctionDecl *> Calls;
  void write(const Expr *E) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
        W.insert(V->getCanonicalDecl());
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const FunctionDecl *C = CE->getDirectCallee())
      Calls.push_back(C);
    return true;
  }
};
}  // namespace

const std::set<const VarDecl *> &Extractor::globalsWritten(const FunctionDecl *FD) const {
  FD = FD->getCanonicalDecl();
  if (auto It = GlobalsWrittenCache.find(FD); It != GlobalsWrittenCache.end())
    return It->second;
  // the functions reached through direct calls with a body in this TU, up to a bound
  constexpr size_t MaxFunctions = 256;
  struct Finder : GlobalWritesFinder<Finder> {};
  std::set<const VarDecl *> All;
  std::set<const FunctionDecl *> Seen{FD};
  std::vector<const FunctionDecl *> Work{FD};
  while (!Work.empty() && Seen.size() <= MaxFunctions) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    const FunctionDecl *Def = nullptr;
    if (!F->getBody(Def) || !Def)
      continue;
    Finder Fi;
    Fi.TraverseStmt(Def->getBody());
    All.insert(Fi.W.begin(), Fi.W.end());
    for (const auto *C : Fi.Calls)
      if (Seen.insert(C->getCanonicalDecl()).second)
        Work.push_back(C->getCanonicalDecl());
  }
  return GlobalsWrittenCache[FD] = std::move(All);
}

// The globals a call may write: those of globalsWritten(), but a branch of the callee's own body
// under a test of a parameter that the call's constant argument decides one way is not taken
// (hercules' `ptt_trace_init(n, 0)` resets `pttnolock` only `if (init)`, and its caller's
// `if (!pttnolock) unlock(&pttlock)` after the call tests what it tested before the lock).
std::set<const VarDecl *> Extractor::globalsWrittenAt(const FunctionDecl *Callee, const CallExpr *CE) const {
  const FunctionDecl *Def = nullptr;
  if (!Callee->getBody(Def) || !Def)
    return globalsWritten(Callee);
  std::map<const ParmVarDecl *, long long> Known;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Def->getNumParams(); ++I) {
    Expr::EvalResult R;
    if (!CE->getArg(I)->isValueDependent() && CE->getArg(I)->EvaluateAsInt(R, Ctx))
      Known[Def->getParamDecl(I)] = R.Val.getInt().getExtValue();
  }
  if (Known.empty())
    return globalsWritten(Callee);
  struct Finder : GlobalWritesFinder<Finder> {
    const std::map<const ParmVarDecl *, long long> *Known;
    // the value of `p`, `!p`, `p == k`, `p != k` for a parameter the call gives a constant
    std::optional<bool> decided(const Expr *E) const {
      E = E->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_LNot) {
        auto V = decided(U->getSubExpr());
        return V ? std::optional<bool>(!*V) : std::nullopt;
      }
      auto value = [&](const Expr *X) -> std::optional<long long> {
        const auto *DRE = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
        const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
        auto It = P ? Known->find(P) : Known->end();
        return It == Known->end() ? std::nullopt : std::optional<long long>(It->second);
      };
      if (auto V = value(E))
        return *V != 0;
      if (const auto *B = dyn_cast<BinaryOperator>(E); B && (B->getOpcode() == BO_EQ || B->getOpcode() == BO_NE)) {
        Expr::EvalResult R;
        const Expr *Other = B->getRHS();
        auto V = value(B->getLHS());
        if (!V) {
          V = value(B->getRHS());
          Other = B->getLHS();
        }
        if (!V || Other->isValueDependent() || !Other->EvaluateAsInt(R, P->getASTContext()))
          return std::nullopt;
        bool Eq = *V == R.Val.getInt().getExtValue();
        return B->getOpcode() == BO_EQ ? Eq : !Eq;
      }
      return std::nullopt;
    }
    const ParmVarDecl *P = nullptr;  // (any parameter: its ASTContext)
    bool TraverseIfStmt(IfStmt *If) {
      std::optional<bool> D = If->getCond() && !If->getConditionVariable() && !If->getInit() ? decided(If->getCond()) : std::nullopt;
      if (!D)
        return GlobalWritesFinder<Finder>::TraverseIfStmt(If);
      return TraverseStmt(*D ? If->getThen() : If->getElse());
    }
  } Fi;
  Fi.Known = &Known;
  Fi.P = Known.begin()->first;
  Fi.TraverseStmt(Def->getBody());
  std::set<const VarDecl *> All = std::move(Fi.W);
  for (const FunctionDecl *C : Fi.Calls) {
    const auto &W = globalsWritten(C);
    All.insert(W.begin(), W.end());
  }
  return All;
}

// Writes end what the paths knew about a variable; a constant written is known from then on.
void Extractor::updateAssumptions(const Stmt *St, State &S) const {
  forgetFacts(St, S);
  // A pointer read through (`p->f`, `*p`) is not null from then on: C gives a null one no
  // meaning, and a later test of it (a callee's `if (!ctx)` given that pointer) does not
  // pass. Groonga walks `while (target_ctx->impl->parent) target_ctx = ...;` and passes
  // target_ctx to grn_hash_create(), whose `if (!ctx)` branch finalises a temporary context
  // under grn_glock (deref_nonnull_entry_test.c). An address computed (`&p->f`, an array
  // member decaying) reads nothing.
  const Expr *Ptr = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(St); ME && ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()))
    Ptr = ME->getBase();
  else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->getOpcode() == UO_Deref)
    Ptr = UO->getSubExpr();
  const auto *PD = Ptr ? dyn_cast<DeclRefExpr>(strip(Ptr)) : nullptr;
  const auto *PV = PD ? dyn_cast<VarDecl>(PD->getDecl()) : nullptr;
  if (PV && PV->getType()->isPointerType() && !PV->hasGlobalStorage() && !PV->getType().isVolatileQualified() &&
      !Cur->AddrTaken.count(PV->getCanonicalDecl()) && Cur->Body) {
    if (!Cur->PM)
      Cur->PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Cur->Body));
    const Stmt *X = St, *P = Cur->PM->getParent(X);
    for (int I = 0; P && I < 16; ++I, X = P, P = Cur->PM->getParent(P)) {
      const auto *M = dyn_cast<MemberExpr>(P);
      if (!isa<ParenExpr>(P) && !(M && !M->isArrow() && M->getBase() == X))
        break;
    }
    const auto *U = dyn_cast_or_null<UnaryOperator>(P);
    const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P);
    if (!(U && U->getOpcode() == UO_AddrOf) && !(IC && IC->getCastKind() == CK_ArrayToPointerDecay)) {
      S.derefed.insert(PV->getCanonicalDecl());
      // and a path on which it is null goes no further: usrsctp's timer handler takes the
      // association's lock under `if (stcb)` (the endpoint's when there is none) and then, in
      // the timer types that have an association, reads through `stcb` and calls what needs
      // that lock; the paths without one do not get there (deref_after_null_test_lock.c)
      if (S.nullAt(PV) || S.nullAt(PV->getCanonicalDecl()))
        S.live = false;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp()) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (!isa<CallExpr>(strip(BO->getRHS())))  // another object now (a call's result: set at the call)
          for (auto &H : S.held)
            if (H.via == V->getName())
              H.via.clear();
    if (BO->getOpcode() == BO_Assign)
      if (auto FK = factKey(BO->getLHS()))
        if (auto K = returnsZero(BO->getRHS()) ? 0 : constantOf(BO->getRHS()->IgnoreParenImpCasts(), Ctx))
          S.assume[*FK] = CondVal{true, *K};
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(St))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasInit() && !V->hasGlobalStorage()) {  // a static local is initialised once
        if (trackable(V)) {
          if (auto K = returnsZero(V->getInit()) ? 0 : constantOf(V->getInit()->IgnoreParenImpCasts(), Ctx))
            S.assume[FactKey{V, {}}] = CondVal{true, *K};
        } else if (const auto *IL = dyn_cast<InitListExpr>(V->getInit()->IgnoreParenImpCasts())) {
          std::vector<const FieldDecl *> Path;
          size_t Budget = 32;
          initListFacts(V, IL, Path, S, Budget);
        }
      }
}

// A local struct initialised by a list (`slurmctld_lock_t job_write_lock = { .job = WRITE_LOCK
// };`): each scalar field given a constant, or left out (zero), is known (FactKey with the
// fields), so a call given the struct, or its address, decides its callee's tests of those fields
// (ArgRef::fieldFacts): slurm's lock_slurmctld(job_write_lock) takes the job lock alone.
void Extractor::initListFacts(const VarDecl *V, const InitListExpr *IL, std::vector<const FieldDecl *> &Path, State &S,
                              size_t &Budget) const {
  if (Path.empty() && (V->getType().isVolatileQualified() || (Cur->AddrTaken.count(V) && !addrArgStruct(V)) ||
                       Cur->CapturedByRef.count(V)))
    return;
  const RecordDecl *RD = IL->getType()->getAsRecordDecl();
  const auto *CRD = dyn_cast_or_null<CXXRecordDecl>(RD);
  if (!RD || RD->isUnion() || Path.size() >= 3 || (CRD && CRD->getNumBases() > 0) || IL->getNumInits() == 0)
    return;
  unsigned I = 0;
  for (const FieldDecl *F : RD->fields()) {
    if (F->isUnnamedBitField())
      continue;
    if (I >= IL->getNumInits() || !Budget)
      return;
    const Expr *E = IL->getInit(I++)->IgnoreParenImpCasts();
    QualType T = F->getType();
    if (Cur->FieldAddrTaken.count(F) || T.isVolatileQualified() || isAtomicLike(T))
      continue;
    Path.push_back(F);
    if (const auto *Sub = dyn_cast<InitListExpr>(E); Sub && T->isRecordType()) {
      initListFacts(V, Sub, Path, S, Budget);
    } else if (T->isIntegralOrEnumerationType() || T->isPointerType() || T->isBooleanType()) {
      std::optional<long long> K = isa<ImplicitValueInitExpr>(E) ? 0 : constantOf(E, Ctx);
      if (K) {
        S.assume[FactKey{V->getCanonicalDecl(), Path}] = CondVal{true, *K};
        --Budget;
      }
    }
    Path.pop_back();
  }
}

// ---- parameters that cannot name one object ---------------------------------------------------
// Two pointer (or reference) parameters to distinct structs, neither a base of the other nor
// its first member (C's inheritance: a GstPad starts with its GstObject, so a pad may be passed
// as a GstObject *), none polymorphic (a class deriving from both could be passed as either):
// no object is passed as both.
static bool startsWith(const RecordDecl *R, const RecordDecl *Base) {
  for (int Depth = 0; R && Depth < 16; ++Depth) {
    if (R == Base)
      return true;
    const RecordDecl *Def = R->getDefinition();
    if (!Def || Def->field_empty())
      return false;
    const auto *RT = Def->field_begin()->getType().getCanonicalType()->getAs<RecordType>();
    R = RT ? cast<RecordDecl>(RT->getDecl()->getCanonicalDecl()) : nullptr;
  }
  return false;
}

static bool disjointObjects(QualType A, QualType B) {
  auto recordOf = [](QualType T) -> const RecordDecl * {
    if (!T->isPointerType() && !T->isReferenceType())
      return nullptr;
    const auto *RT = T->getPointeeType().getCanonicalType()->getAs<RecordType>();
    return RT ? cast<RecordDecl>(RT->getDecl()->getCanonicalDecl()) : nullptr;
  };
  const RecordDecl *RA = recordOf(A), *RB = recordOf(B);
  if (!RA || !RB || RA == RB)
    return false;
  // an opaque handle (a struct never defined here) may be a cast of anything
  if (!RA->getDefinition() || !RB->getDefinition())
    return false;
  const auto *CA = dyn_cast<CXXRecordDecl>(RA), *CB = dyn_cast<CXXRecordDecl>(RB);
  for (const CXXRecordDecl *C : {CA, CB})
    if (C && C->isDynamicClass())  // virtual functions or virtual bases
      return false;
  if (CA && CB && (CA->isDerivedFrom(CB) || CB->isDerivedFrom(CA)))
    return false;
  return !startsWith(RA, RB) && !startsWith(RB, RA);
}

// ---- loops whose own exit cannot be taken ---------------------------------------------------
// A search that runs one index past the end and leaves there through the body (zpaq's
// decompressThread(): `for (unsigned i = 0; i <= job.jd.block.size(); ++i) { ...; if (i ==
// job.jd.block.size()) { release(job.mutex); return 0; } ... release(job.mutex); break; }`):
// the loop's condition is never false. The first test is true (`0 <= E` compared unsigned, or a
// constant E at least the start), and every later test follows a false `i == E` at the top of
// the body and `++i`, with nothing in the body writing `i` or what E reads (LoopWrites: also
// through calls and lambdas), no `continue` or label that skips the test, no lock released or
// condition waited on in the body but right before leaving (other threads could change E), and
// the test's branch never falling through. Without this, the lock released on both ways out of
// the body counts as held after the loop.
namespace {

// The declarations a value is read through, from its root: `job.jd.block.size()` (a const
// method without arguments of the object) -> job, jd, block; `this->n` -> n; `n` -> n.
std::vector<const Decl *> valueChain(const Expr *E) {
  std::vector<const Decl *> C;
  E = E->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || MC->getNumArgs() != 0 || !MD->isConst())
      return {};
    E = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
  }
  for (int Depth = 0; Depth < 8; ++Depth) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      C.push_back(ME->getMemberDecl()->getCanonicalDecl());
      E = ME->getBase()->IgnoreParenImpCasts();
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      C.push_back(DRE->getDecl()->getCanonicalDecl());
      std::reverse(C.begin(), C.end());
      return C;
    } else if (isa<CXXThisExpr>(E)) {
      std::reverse(C.begin(), C.end());
      return C;
    } else {
      return {};
    }
  }
  return {};
}

// Does a statement end every way through it without falling through (return, break, goto,
// throw, a call that does not return)?
bool neverFallsThrough(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(S))
    S = EWC->getSubExpr();
  if (isa<ReturnStmt, BreakStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return llvm::any_of(CS->body(), neverFallsThrough);
  if (const auto *IS = dyn_cast<IfStmt>(S))
    return IS->getElse() && neverFallsThrough(IS->getThen()) && neverFallsThrough(IS->getElse());
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return FD->isNoReturn();
  return false;
}

// What the body of the loop may change: the chains of what it assigns, increments, takes the
// address of, hands to a call by non-const reference or pointer (not to a lock operation), or
// calls a non-const method on (but a container's element access: `v[k]`, `v.at(k)`, which
// changes no size; not of a map, whose `m[k]` inserts). A method of the implicit `this`, or a
// lambda capturing by reference, may change any member or anything reached through a pointer
// (ThisWritten), not a local object. A `continue` of this loop or a label: Skips. A lock
// released or a condition waited on (LetsGo) other than right before leaving the loop:
// Unguarded (other threads may change E meanwhile).
struct LoopWrites : WritesVisitor<LoopWrites, true> {
  std::vector<std::vector<const Decl *>> W;
  bool Skips = false;
  bool Unguarded = false;
  bool ThisWritten = false;
  int Loops = 0;     // loops inside the body: a `continue` there is theirs
  int Switches = 0;  // and switches: a `break` inside either leaves only them
  int LambdaDepth = 0;
  std::function<bool(const CallExpr *)> LetsGo;
  std::function<bool(const CallExpr *)> LockCall;
  // May a call of this function change what E reads through an argument? (C: the fields all
  // its bodies in this TU write are known: only when one of E's)
  std::function<bool(const FunctionDecl *)> MayChangeE;
  std::set<const CallExpr *> Excused;  // release statements followed by a way out of the loop
  void write(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(E)) {
      ThisWritten = true;
      return;
    }
    // `b.state = 2` through `Block &b = v[k]` writes an element, named by b's chain
    if (auto C = valueChain(E); !C.empty())
      W.push_back(std::move(C));
    else if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
      write(ASE->getBase());
    else if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf))
      write(UO->getSubExpr());
  }
  static bool elementAccess(const FunctionDecl *FD) {
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!MD)
      return false;
    std::string Cls = MD->getParent()->getNameAsString();
    std::transform(Cls.begin(), Cls.end(), Cls.begin(), [](unsigned char C) { return std::tolower(C); });
    bool Keyed = llvm::any_of(std::initializer_list<const char *>{"map", "hash", "dict", "cache", "table"},
                              [&](const char *K) { return Cls.find(K) != std::string::npos; });
    if (Keyed)
      return false;
    if (FD->getOverloadedOperator() == OO_Subscript || FD->getOverloadedOperator() == OO_Star ||
        FD->getOverloadedOperator() == OO_Arrow)
      return true;
    const IdentifierInfo *II = FD->getIdentifier();
    if (!II)
      return false;
    if (llvm::is_contained({"at", "front", "back", "data", "begin", "end"}, II->getName()))
      return true;
    // std's lookups change nothing; a project's own get() or find() may evict or insert
    return MD->getParent()->isInStdNamespace() && llvm::is_contained({"find", "get"}, II->getName());
  }
  static bool mutablePointee(QualType T) {
    return (T->isPointerType() || T->isReferenceType()) && !T->getPointeeType().isConstQualified();
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (LetsGo && !Excused.count(CE) && LetsGo(CE))
      Unguarded = true;
    // a lock operation writes the lock, nothing E reads
    if (LockCall && LockCall(CE))
      return true;
    const FunctionDecl *FD = CE->getDirectCallee();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      if (const CXXMethodDecl *MD = MC->getMethodDecl(); !MD || (!MD->isConst() && !elementAccess(MD)))
        write(MC->getImplicitObjectArgument());
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && OC->getNumArgs() > 0) {
      if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD); !MD || (!MD->isConst() && !elementAccess(MD)))
        write(OC->getArg(0));
    }
    // a lambda that captures by reference may change anything it captured (`drop()` with
    // `auto drop = [&] { v.pop_back(); };`), and its body what it writes (globals are not
    // captured)
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
      for (const LambdaCapture &C : MD->getParent()->captures())
        if (C.getCaptureKind() == LCK_ByRef || C.getCaptureKind() == LCK_This)
          ThisWritten = true;
      if (MD->hasBody() && LambdaDepth < 2) {
        ++LambdaDepth;
        int SavedLoops = Loops;
        Loops = 1;  // a break or continue in its body is its own loop's
        TraverseStmt(MD->getBody());
        Loops = SavedLoops;
        --LambdaDepth;
      }
    }
    // an argument the callee may write through: by non-const reference or pointer (what its
    // parameter says; the argument's own type past the parameters or without a callee). A
    // member operator's first argument is its object (`in >> n`: n is the parameter).
    unsigned Skip = isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = isa<CXXOperatorCallExpr>(CE) ? 1 : 0; I < CE->getNumArgs(); ++I) {
      const Expr *A = CE->getArg(I);
      unsigned P = I - Skip;
      QualType T = FD && P < FD->getNumParams() ? FD->getParamDecl(P)->getType() : A->IgnoreParenImpCasts()->getType();
      if (mutablePointee(T) && (!FD || !MayChangeE || MayChangeE(FD)))
        write(A);
    }
    return true;
  }
  // The release calls a statement is: `unlock(m);`, `(void) unlock(m);`, `UNLOCK(m);` as
  // `do { unlock(m); } while (0)`.
  static void releasesOf(const Stmt *S, std::vector<const CallExpr *> &Out, int Depth = 0) {
    if (!S || Depth > 3)
      return;
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(S))
      S = EWC->getSubExpr();
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
        Out.push_back(CE);
      return;
    }
    if (const auto *DS = dyn_cast<DoStmt>(S)) {
      const auto *C = dyn_cast_or_null<IntegerLiteral>(DS->getCond() ? DS->getCond()->IgnoreParenImpCasts() : nullptr);
      if (C && C->getValue() == 0)
        releasesOf(DS->getBody(), Out, Depth + 1);
      return;
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      for (const Stmt *X : CS->body())
        releasesOf(X, Out, Depth + 1);
  }
  // Does S leave the analysed loop on every way through it? A `break` does only at its level.
  bool leaves(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(S))
      S = EWC->getSubExpr();
    if (isa<BreakStmt>(S))
      return Loops == 0 && Switches == 0;
    if (isa<ReturnStmt, GotoStmt, CXXThrowExpr>(S))
      return true;
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return llvm::any_of(CS->body(), [&](const Stmt *X) { return leaves(X); });
    if (const auto *IS = dyn_cast<IfStmt>(S))
      return IS->getElse() && leaves(IS->getThen()) && leaves(IS->getElse());
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *FD = CE->getDirectCallee())
        return FD->isNoReturn();
    return false;
  }
  bool VisitCompoundStmt(CompoundStmt *CS) {
    if (!LetsGo)
      return true;
    // `unlock(m); ...; break;`: the release leaves with the loop
    auto Body = CS->body();
    for (auto It = Body.begin(); It != Body.end(); ++It) {
      std::vector<const CallExpr *> Rel;
      releasesOf(*It, Rel);
      if (Rel.empty() || !std::any_of(std::next(It), Body.end(), [&](const Stmt *X) { return leaves(X); }))
        continue;
      for (const CallExpr *CE : Rel)
        if (LetsGo(CE))
          Excused.insert(CE);
    }
    return true;
  }
  bool VisitDeclStmt(DeclStmt *DS) {
    // `T &r = x;` lets later writes through r change x
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getType()->isReferenceType() &&
                                                 !V->getType()->getPointeeType().isConstQualified() && V->getInit())
        if (!V->getType()->getPointeeType()->isRecordType() || !isa<CallExpr>(V->getInit()->IgnoreParenImpCasts()))
          write(V->getInit());
    return true;
  }
  bool VisitLabelStmt(LabelStmt *) {
    Skips = true;
    return true;
  }
  bool VisitContinueStmt(ContinueStmt *) {
    if (Loops == 0)
      Skips = true;
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
#define NEST(T, N)                                                                                             \
  bool Traverse##T(T *S) {                                                                                     \
    ++N;                                                                                                       \
    bool R = RecursiveASTVisitor::Traverse##T(S);                                                              \
    --N;                                                                                                       \
    return R;                                                                                                  \
  }
  NEST(ForStmt, Loops)
  NEST(WhileStmt, Loops)
  NEST(DoStmt, Loops)
  NEST(CXXForRangeStmt, Loops)
  NEST(SwitchStmt, Switches)
#undef NEST
};

bool prefixOf(const std::vector<const Decl *> &A, const std::vector<const Decl *> &B) {
  return A.size() <= B.size() && std::equal(A.begin(), A.end(), B.begin());
}

}  // namespace

// The checks a function starts with, each an early exit unless the condition holds (`if (C) {}
// else { warn; return v; }`, GLib's g_return_val_if_fail, whose C is `__builtin_expect (({ int v;
// if (X) v = 1; else v = 0; v; }), 1)`; `if (!C) return;`): the `param->field == constant` they
// require, up to the first statement that is neither such a check nor a declaration without calls.
struct RoleCheck {
  unsigned Param;
  const FieldDecl *Field;
  long long Value;
};

static const Expr *checkedCondition(const Expr *C) {
  C = expectedCondition(C);
  return C ? C->IgnoreParenCasts() : nullptr;
}

static void collectRoleFacts(const Expr *C, bool Holds, ASTContext &Ctx, std::vector<RoleCheck> &Out) {
  C = checkedCondition(C);
  if (!C)
    return;
  if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_LNot)
    return collectRoleFacts(UO->getSubExpr(), !Holds, Ctx, Out);
  const auto *BO = dyn_cast<BinaryOperator>(C);
  if (!BO)
    return;
  if ((BO->getOpcode() == BO_LAnd && Holds) || (BO->getOpcode() == BO_LOr && !Holds)) {
    collectRoleFacts(BO->getLHS(), Holds, Ctx, Out);
    collectRoleFacts(BO->getRHS(), Holds, Ctx, Out);
    return;
  }
  if ((BO->getOpcode() != BO_EQ || !Holds) && (BO->getOpcode() != BO_NE || Holds))
    return;
  for (auto [L, R] : {std::pair{BO->getLHS(), BO->getRHS()}, std::pair{BO->getRHS(), BO->getLHS()}}) {
    const auto *ME = dyn_cast<MemberExpr>(L->IgnoreParenCasts());
    auto K = constantOf(R->IgnoreParenCasts(), Ctx);
    const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!F || !K)
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenCasts());
    if (const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr; PV && ME->isArrow())
      Out.push_back({PV->getFunctionScopeIndex(), F->getCanonicalDecl(), *K});
    return;
  }
}

static std::vector<RoleCheck> roleChecks(const Stmt *Body, ASTContext &Ctx) {
  std::vector<RoleCheck> Out;
  const auto *CS = dyn_cast<CompoundStmt>(Body);
  if (!CS)
    return Out;
  for (const Stmt *S : CS->body()) {
    if (const auto *DS = dyn_cast<DoStmt>(S))  // G_STMT_START { ... } G_STMT_END
      if (const auto *Inner = dyn_cast<CompoundStmt>(DS->getBody()); Inner && Inner->size() == 1)
        S = Inner->body_front();
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      bool Plain = llvm::all_of(DS->decls(), [](const Decl *D) {
        const auto *V = dyn_cast<VarDecl>(D);
        return V && (!V->getInit() || !isa<CallExpr>(V->getInit()->IgnoreParenCasts()));
      });
      if (!Plain)
        break;
      continue;
    }
    const auto *IS = dyn_cast<IfStmt>(S);
    if (!IS || IS->getInit() || IS->getConditionVariable())
      break;
    auto empty = [](const Stmt *X) {
      const auto *C = dyn_cast_or_null<CompoundStmt>(X);
      return isa_and_nonnull<NullStmt>(X) || (C && C->body_empty());
    };
    bool Holds;
    if (empty(IS->getThen()) && IS->getElse() && neverFallsThrough(IS->getElse()))
      Holds = true;  // if (C) {} else { return; }: C holds after
    else if (!IS->getElse() && neverFallsThrough(IS->getThen()))
      Holds = false;  // if (C) return;: C does not
    else
      break;
    collectRoleFacts(IS->getCond(), Holds, Ctx, Out);
  }
  return Out;
}

bool Extractor::loopExitRuledOut(const ForStmt *FS) const {
  if (auto It = LoopExitCache.find(FS); It != LoopExitCache.end())
    return It->second;
  bool &Out = LoopExitCache[FS];
  Out = false;
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(FS->getCond() ? FS->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || (Cond->getOpcode() != BO_LE && Cond->getOpcode() != BO_GE))
    return false;
  const Expr *VE = Cond->getOpcode() == BO_LE ? Cond->getLHS() : Cond->getRHS();
  const Expr *E = Cond->getOpcode() == BO_LE ? Cond->getRHS() : Cond->getLHS();
  const auto *VRef = dyn_cast<DeclRefExpr>(VE->IgnoreParenImpCasts());
  const auto *V = VRef ? dyn_cast<VarDecl>(VRef->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || !V->getType()->isIntegerType())
    return false;
  // the start: `unsigned i = c` or `i = c`
  std::optional<long long> Start;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(FS->getInit()); DS && DS->isSingleDecl() && DS->getSingleDecl() == V &&
                                                                     V->getInit())
    Start = constantOf(V->getInit()->IgnoreParenImpCasts(), Ctx);
  else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(FS->getInit()); BO && BO->getOpcode() == BO_Assign)
    if (const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()); L && L->getDecl() == V)
      Start = constantOf(BO->getRHS()->IgnoreParenImpCasts(), Ctx);
  if (!Start)
    return false;
  std::optional<long long> EConst = constantOf(E->IgnoreParenImpCasts(), Ctx);
  bool FirstTrue = (*Start <= 0 && *Start >= 0 && Cond->getLHS()->getType()->isUnsignedIntegerType()) ||
                   (EConst && *EConst >= *Start);
  if (!FirstTrue)
    return false;
  // the step: ++i, i++, i += 1
  const Expr *Inc = FS->getInc() ? FS->getInc()->IgnoreParenImpCasts() : nullptr;
  const Expr *Stepped = nullptr;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Inc); UO && UO->isIncrementOp())
    Stepped = UO->getSubExpr();
  else if (const auto *CA = dyn_cast_or_null<CompoundAssignOperator>(Inc);
           CA && CA->getOpcode() == BO_AddAssign && constantOf(CA->getRHS()->IgnoreParenImpCasts(), Ctx) == 1)
    Stepped = CA->getLHS();
  const auto *SRef = Stepped ? dyn_cast<DeclRefExpr>(Stepped->IgnoreParenImpCasts()) : nullptr;
  if (!SRef || SRef->getDecl() != V)
    return false;
  std::vector<const Decl *> EChain = valueChain(E);
  if (EChain.empty() && !EConst)
    return false;
  // the test at the top of the body: `if (i == E) <never falls through>`
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FS->getBody());
  if (!Body)
    return false;
  llvm::FoldingSetNodeID EId;
  E->IgnoreParenImpCasts()->Profile(EId, Ctx, true);
  auto isExitTest = [&](const Stmt *S) {
    const auto *IS = dyn_cast<IfStmt>(S);
    if (!IS || IS->getInit() || IS->getConditionVariable() || !neverFallsThrough(IS->getThen()))
      return false;
    const auto *C = dyn_cast<BinaryOperator>(IS->getCond()->IgnoreParenImpCasts());
    if (!C || C->getOpcode() != BO_EQ)
      return false;
    for (auto [A, B] : {std::pair{C->getLHS(), C->getRHS()}, std::pair{C->getRHS(), C->getLHS()}}) {
      const auto *AR = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
      if (!AR || AR->getDecl() != V)
        continue;
      llvm::FoldingSetNodeID BId;
      B->IgnoreParenImpCasts()->Profile(BId, Ctx, true);
      if (BId == EId || (EConst && constantOf(B->IgnoreParenImpCasts(), Ctx) == EConst))
        return true;
    }
    return false;
  };
  if (!llvm::any_of(Body->body(), isExitTest))
    return false;
  LoopWrites LW;
  LW.LockCall = [this](const CallExpr *CE) { return lockKindOf(CE) != LockOp::None; };
  LW.MayChangeE = [&](const FunctionDecl *FD) {
    auto Fields = fieldWrites(FD);
    if (!Fields)
      return true;
    return llvm::any_of(EChain, [&](const Decl *D) {
      const auto *F = dyn_cast<FieldDecl>(D);
      return F && Fields->count(F);
    });
  };
  LW.LetsGo = [this](const CallExpr *CE) {
    LockOp::Kind K = lockKindOf(CE);
    if (K == LockOp::Release || K == LockOp::CondWait)
      return true;
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return false;
    if (FD->hasAttr<ReleaseCapabilityAttr>())
      return true;
    // a guard's or a condition variable's own (std::unique_lock::unlock, cv.wait(lk))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getIdentifier()) {
      StringRef N = MD->getName();
      return N == "unlock" || N == "Unlock" || N.starts_with("wait") || N.starts_with("Wait");
    }
    return false;
  };
  LW.TraverseStmt(const_cast<CompoundStmt *>(Body));
  // what only this thread reaches: a constant, or a local object (not through a pointer or
  // reference, no member of it a pointer or reference on the way)
  bool OwnE = EConst.has_value();
  if (!EChain.empty()) {
    const auto *Root = dyn_cast<VarDecl>(EChain.front());
    OwnE = Root && Root->hasLocalStorage() && !Root->getType()->isPointerType() && !Root->getType()->isReferenceType();
    for (size_t I = 1; OwnE && I + 1 < EChain.size(); ++I)
      if (const auto *F = dyn_cast<ValueDecl>(EChain[I]); !F || F->getType()->isPointerType() || F->getType()->isReferenceType())
        OwnE = false;
  }
  if (LW.Skips || (LW.Unguarded && !OwnE) || (LW.ThisWritten && !OwnE))
    return false;
  const std::vector<const Decl *> VChain{V->getCanonicalDecl()};
  for (const auto &W : LW.W)
    if (prefixOf(W, VChain) || (!EChain.empty() && (prefixOf(W, EChain) || prefixOf(EChain, W))))
      return false;
  return Out = true;
}

// ---- ownership tests of hand-made recursive locks -------------------------------------------
// `if (pthread_equal(bp->b_holder, tid))` with `tid = pthread_self()` (xfsprogs' xfs_buf: a mutex,
// the thread holding it and a nesting count), `owner_ == std::this_thread::get_id()`: where the
// test holds, this thread holds the lock of that object it takes elsewhere in this function
// (the trylock that just failed, the lock of the other branch), taken earlier and kept. It is
// held there as a caller's lock is (HeldL::entry): it protects the accesses, and the order of
// its real acquisition is that acquisition's. Which successor: Succ index where the test holds.
std::optional<std::pair<ObjRef, unsigned>> Extractor::ownerTest(const Expr *C, const State *At) const {
  unsigned Holds = 0;
  C = strip(C);
  if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_LNot) {
    Holds = 1;
    C = strip(UO->getSubExpr());
  }
  const Expr *A = nullptr, *B = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(C); BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    A = BO->getLHS();
    B = BO->getRHS();
    Holds ^= BO->getOpcode() == BO_NE;
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C);
             OC && OC->getNumArgs() == 2 &&
             (OC->getOperator() == OO_EqualEqual || OC->getOperator() == OO_ExclaimEqual)) {
    A = OC->getArg(0);
    B = OC->getArg(1);
    Holds ^= OC->getOperator() == OO_ExclaimEqual;
  } else if (const auto *CE = dyn_cast<CallExpr>(C); CE && CE->getNumArgs() == 2) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !isFreeFunctionNamed(FD) || FD->getName() != "pthread_equal")
      return std::nullopt;
    A = CE->getArg(0);
    B = CE->getArg(1);
  } else {
    return std::nullopt;
  }
  auto isSelfCall = [](const Expr *E) {
    const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
    const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
    if (!FD || CE->getNumArgs() != 0)
      return false;
    if (isFreeFunctionNamed(FD))
      return FD->getName() == "pthread_self" || FD->getName() == "thrd_current";
    return FD->getQualifiedNameAsString() == "std::this_thread::get_id";
  };
  auto isSelf = [&](const Expr *E) {
    E = strip(E);
    if (isSelfCall(E))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->isLocalVarDecl() && V->getInit())
        return isSelfCall(V->getInit()) && !Cur->Written.count(V);
    return false;
  };
  if (isSelf(A))
    std::swap(A, B);
  if (!isSelf(B))
    return std::nullopt;
  // the holder: a field of an object named by a local, a parameter or this
  const auto *HM = dyn_cast<MemberExpr>(strip(A));
  if (!HM)
    return std::nullopt;
  auto baseOf = [&](const Expr *E) -> const Decl * {
    E = strip(E);
    if (isa<CXXThisExpr>(E))
      return Cur->FD;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl();
    return nullptr;
  };
  const Decl *Base = baseOf(HM->getBase());
  if (!Base)
    return std::nullopt;
  // the lock of that object this function takes or tries
  struct Finder : RecursiveASTVisitor<Finder> {
    const Extractor &X;
    std::function<const Decl *(const Expr *)> BaseOf;
    const Decl *Base;
    // by member: the first expression taking it, and where some call tries it (invalid: none)
    std::map<const ValueDecl *, std::pair<const Expr *, SourceLocation>> Locks;
    Finder(const Extractor &X, std::function<const Decl *(const Expr *)> B, const Decl *D) : X(X), BaseOf(std::move(B)), Base(D) {}
    bool VisitCallExpr(CallExpr *CE) {
      LockOp::Kind K = X.lockKindOf(CE);
      if (K != LockOp::Acquire && K != LockOp::Try)
        return true;
      std::vector<const Expr *> Cands(CE->arg_begin(), CE->arg_end());
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
        Cands.push_back(MC->getImplicitObjectArgument());
      for (const Expr *E : Cands) {
        const Expr *L = strip(E);
        if (const auto *UO = dyn_cast<UnaryOperator>(L); UO && UO->getOpcode() == UO_AddrOf)
          L = strip(UO->getSubExpr());
        if (const auto *ME = dyn_cast<MemberExpr>(L); ME && BaseOf(ME->getBase()) == Base) {
          auto &[First, TriedAt] = Locks.try_emplace(ME->getMemberDecl(), E, SourceLocation()).first->second;
          if (K == LockOp::Try && TriedAt.isInvalid())
            TriedAt = CE->getBeginLoc();
          break;
        }
      }
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } Fi(*this, baseOf, Base);
  Fi.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  // the lock the owner holds: the one lock of the object the function takes, or the one it
  // tries before the test (the trylock that failed); two candidates: not known
  const Expr *Lock = nullptr;
  unsigned Tried = 0;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Member, Use] : Fi.Locks)
    if (Use.second.isValid() && SM.isBeforeInTranslationUnit(Use.second, C->getBeginLoc())) {
      Lock = Use.first;
      ++Tried;
    }
  if (Tried != 1) {
    if (Tried > 1 || Fi.Locks.size() != 1)
      return std::nullopt;
    Lock = Fi.Locks.begin()->second.first;
  }
  // read as the function's state at the test reads it (`o = pick(i)` assigned earlier)
  const State *Saved = CurState;
  CurState = At;
  auto R = resolveLock(Lock);
  CurState = Saved;
  if (R)
    return std::pair{*R, Holds};
  return std::nullopt;
}

namespace {
// The value of the `&&`/`||` chain C when its operand Sub has the value V and the chain's
// evaluation stops at Sub or has Sub's value decide it: `a && b` is false when `a` is, whatever
// `b` is; reached through the right operand, a chain has that operand's value (the left one let
// it through). Nullopt when C still depends on an operand after Sub.
std::optional<bool> chainValue(const Expr *C, const Expr *Sub, bool V) {
  C = C->IgnoreParens();
  if (C == Sub->IgnoreParens())
    return V;
  const auto *BO = dyn_cast<BinaryOperator>(C);
  if (!BO || !BO->isLogicalOp())
    return std::nullopt;
  auto within = [&](const Expr *Side) {  // Sub is Side or one of its logical operators' operands
    std::vector<const Expr *> Work{Side};
    while (!Work.empty()) {
      const Expr *E = Work.back()->IgnoreParens();
      Work.pop_back();
      if (E == Sub->IgnoreParens())
        return true;
      if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isLogicalOp()) {
        Work.push_back(B->getLHS());
        Work.push_back(B->getRHS());
      }
    }
    return false;
  };
  if (within(BO->getRHS()))
    return chainValue(BO->getRHS(), Sub, V);
  if (!within(BO->getLHS()))
    return std::nullopt;
  auto L = chainValue(BO->getLHS(), Sub, V);
  bool And = BO->getOpcode() == BO_LAnd;
  if (L && *L != And)
    return *L;  // short-circuited
  return std::nullopt;
}

// The last operand a chain evaluates when every earlier one let it through: the right operand
// of the right operand, and so on.
const Expr *lastOperand(const Expr *C) {
  C = C->IgnoreParens();
  while (const auto *BO = dyn_cast<BinaryOperator>(C)) {
    if (!BO->isLogicalOp())
      break;
    C = BO->getRHS()->IgnoreParens();
  }
  return C;
}
}  // namespace

// Clang gives a do-while's `while (!raised && interrupted && (unlock(m), TRUE))` one block that
// only joins the chain's ways out and then branches on the whole: the ways that stop early
// (still holding `m`) and the way through the unlock meet there, and the loop's back edge would
// take both (ruby's unblock_function_set(): a relock of `interrupt_lock` at the loop's top).
// Each way into that block knows the chain's value, so it goes on to the side that value takes.
std::optional<const CFGBlock *> Extractor::decidedJoin(const CFGBlock *P, unsigned Idx, const CFGBlock *N,
                                                      const State &S) const {
  if (!N || !twoWay(N) || !S.pending.empty())
    return std::nullopt;
  const auto *C = dyn_cast_or_null<Expr>(N->getTerminatorCondition());
  const auto *Chain = C ? dyn_cast<BinaryOperator>(C->IgnoreParens()) : nullptr;
  if (!Chain || !Chain->isLogicalOp())
    return std::nullopt;
  // the join only evaluates the chain (no statement of its own)
  bool Only = true;
  for (const CFGElement &El : *N)
    if (auto CS = El.getAs<CFGStmt>()) {
      const auto *E = dyn_cast<Expr>(CS->getStmt());
      Only = Only && E && E->IgnoreParens() == Chain;
    }
  if (!Only)
    return std::nullopt;
  std::optional<bool> V;
  if (twoWay(P)) {
    // P branches on an operand at a `&&`/`||` of the chain: its way here is the short cut
    const auto *PT = dyn_cast_or_null<BinaryOperator>(P->getTerminatorStmt());
    if (!PT || !PT->isLogicalOp() || Idx > 1)
      return std::nullopt;
    bool And = PT->getOpcode() == BO_LAnd;
    if (Idx != (And ? 1u : 0u))
      return std::nullopt;
    V = chainValue(Chain, PT, !And);
  } else if (P->succ_size() == 1) {
    // P evaluates the last operand and falls into the join: the chain has that operand's value
    const Expr *Last = lastOperand(Chain);
    const Expr *E = nullptr;
    for (auto I = P->rbegin(); I != P->rend() && !E; ++I)
      if (auto CS = I->getAs<CFGStmt>())
        E = dyn_cast<Expr>(CS->getStmt());
    if (!E || E->IgnoreParens() != Last)
      return std::nullopt;
    if (auto T = truthOf(Last, S))
      V = chainValue(Chain, Last, *T);
  }
  if (!V)
    return std::nullopt;
  return (N->succ_begin() + (*V ? 0 : 1))->getReachableBlock();
}

// The return statements of a function body (those of lambdas and local classes in it too).
static std::vector<const ReturnStmt *> returnsOf(const Stmt *Body) {
  struct Returns : RecursiveASTVisitor<Returns> {
    std::vector<const ReturnStmt *> R;
    bool VisitReturnStmt(ReturnStmt *RS) {
      R.push_back(RS);
      return true;
    }
  } V;
  V.TraverseStmt(const_cast<Stmt *>(Body));
  return V.R;
}

// A branch condition that tests a value against null (`p`, `!p`, `p == NULL`, `p != NULL`):
// the value tested, with NullIdx the successor taken where it is null; else `p` itself with
// NullIdx 1 (a bare test), or nullptr for a comparison with something else.
static const Expr *nullTested(const Expr *C, ASTContext &Ctx, unsigned &NullIdx) {
  const Expr *P = strip(C);
  NullIdx = 1;
  if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_LNot) {
    NullIdx = 0;
    return strip(UO->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    NullIdx = BO->getOpcode() == BO_EQ ? 0 : 1;
    const Expr *L = strip(BO->getLHS()), *R = strip(BO->getRHS());
    if (R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return L;
    if (L->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return R;
    return nullptr;
  }
  return P;
}

// A try-lock wrapper whose returns negate a pthread-style try-lock's result (omniORB's
// `int omni_mutex::trylock() { return !pthread_mutex_trylock(&posix_mutex); }`, or compare it
// with 0): it returns non-zero on success, as a wrapper returning bool does, and a caller's
// `if (m->trylock() == 0) m->lock();` locks on the way where the try failed
// (`try_wrapper_negated.cc`).
static bool returnsNegatedTry(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->getBody(Def) || !Def)
    return false;
  std::vector<const ReturnStmt *> Rets = returnsOf(Def->getBody());
  auto pthreadTry = [](const Expr *E) {
    const auto *CE = dyn_cast_or_null<CallExpr>(strip(E));
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee || !Callee->getIdentifier())
      return false;
    llvm::StringRef N = Callee->getName();
    return N == "pthread_mutex_trylock" || N == "pthread_rwlock_tryrdlock" || N == "pthread_rwlock_trywrlock" ||
           N == "pthread_spin_trylock" || N == "mtx_trylock";
  };
  bool Any = false;
  for (const ReturnStmt *RS : Rets) {
    const Expr *E = RS->getRetValue() ? strip(RS->getRetValue()) : nullptr;
    if (!E)
      return false;
    bool Negated = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot)
      Negated = pthreadTry(UO->getSubExpr());
    else if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_EQ) {
      const auto *L = dyn_cast<IntegerLiteral>(strip(BO->getLHS()));
      const auto *R = dyn_cast<IntegerLiteral>(strip(BO->getRHS()));
      Negated = (R && R->getValue() == 0 && pthreadTry(BO->getLHS())) ||
                (L && L->getValue() == 0 && pthreadTry(BO->getRHS()));
    }
    if (Negated) {
      Any = true;
      continue;
    }
    // a failure returned before the try (`tb_check_return_val(mutex, tb_false)`: 0 when given
    // no lock)
    Expr::EvalResult Zero;
    if (!E->getType()->isIntegralOrEnumerationType() || E->isValueDependent() ||
        !E->EvaluateAsInt(Zero, Def->getASTContext()) || Zero.Val.getInt() != 0)
      return false;  // every return, or the style is not known to be the other one
  }
  return Any;
}

// Drops the successors of a two-way branch that the state's facts rule out, and adds the
// branch's fact to the ones taken.
void Extractor::pruneBranches(const CFGBlock *B, std::vector<State> &Succ) const {
  if (!twoWay(B) || Succ.size() != 2)
    return;
  if (const auto *FS = dyn_cast_or_null<ForStmt>(B->getTerminatorStmt()); FS && loopExitRuledOut(FS))
    Succ[1].live = false;
  // A function's address tested against null: gnulib's `pthread_in_use()`, which wraps every
  // lock and unlock of its glthread layer (`pthread_mutexattr_gettype != NULL || thrd_exit !=
  // NULL`, weak symbols that tell whether libpthread is linked in). The program with threads,
  // the one that can deadlock, has them: the null way is not taken. Left open, each lock and
  // unlock would be decided on its own, and paths joined past the disjunct cap locked where
  // the next test skipped the unlock (gnutls' priority.c, `weak_symbol_thread_test.c`).
  if (const Expr *C = branchCondition(B)) {
    unsigned NullIdx = 1;  // the successor taken where the address is null
    const Expr *P = nullTested(C, Ctx, NullIdx);
    if (const auto *AO = dyn_cast_or_null<UnaryOperator>(P); AO && AO->getOpcode() == UO_AddrOf)
      P = strip(AO->getSubExpr());
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(P); DRE && isa<FunctionDecl>(DRE->getDecl())) {
      Succ[NullIdx].live = false;
      return;
    }
  }
  if (const Expr *C = branchCondition(B))
    if (auto O = ownerTest(C, &Succ[0]); O && Succ[O->second].find(O->first) < 0) {
      HeldL H;
      H.ref = O->first;
      H.entry = true;
      H.notes = {{site(C->getBeginLoc()), "'" + O->first.name() + "' held by this thread: its owner test"}};
      Succ[O->second].add(H);
    }
  // `if (lock.owns_lock())`, `if (lock)` of a std::unique_lock or std::shared_lock: the guard
  // owns its mutex on this state or not, so one way only is taken (gringo's clasp: a guard
  // locked under one condition and given back `if (lock.owns_lock()) lock.unlock();`)
  if (const Expr *C = branchCondition(B)) {
    const Expr *P = strip(C);
    bool Neg = false;
    while (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      if (UO->getOpcode() != UO_LNot)
        break;
      Neg = !Neg;
      P = strip(UO->getSubExpr());
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(MC->getImplicitObjectArgument()));
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      std::string Cls = V ? stdRecord(V->getType()) : std::string();
      if (MD && V && movableGuardClass(Cls) && Cls[0] == 's' &&
          ((MD->getIdentifier() && MD->getName() == "owns_lock") || isa<CXXConversionDecl>(MD)))
        if (auto G = Succ[0].guards.find(V); G != Succ[0].guards.end() && !G->second.reverse)
          Succ[G->second.owns != Neg ? 1 : 0].live = false;
    }
  }
  // `if (lockvar) lock(lockvar); ... if (lockvar) unlock(lockvar);` (libevent's EVLOCK_*):
  // where the lock pointer tested is null, that lock is not held
  if (const Expr *C = branchCondition(B)) {
    unsigned NullIdx = 1;
    const Expr *P = nullTested(C, Ctx, NullIdx);
    if (P && P->getType()->isPointerType() && !Succ[NullIdx].held.empty()) {
      if (auto R = resolveLock(P); R && Succ[NullIdx].find(*R) >= 0)
        Succ[NullIdx].remove(*R);
      // `e = lookup_locked(k); if (!e) ...`: where e is null, e's lock was not taken
      if (const auto *DRE = dyn_cast<DeclRefExpr>(P))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->isLocalVarDecl()) {
          std::vector<ObjRef> Gone;
          for (const auto &H : Succ[NullIdx].held)
            if (H.via == V->getName())
              Gone.push_back(H.ref);
          for (const auto &R : Gone)
            Succ[NullIdx].remove(R);
        }
    }
  }
  // A condition whose value the facts decide (`i ? (unlock(m), 0) : (lock(m), 1)` with i == 0,
  // the for loops of a scoped-lock macro): only one successor is feasible.
  if (auto V = valueOf(branchCondition(B), Succ[0])) {
    Succ[*V != 0 ? 1 : 0].live = false;
    return;
  }
  auto A = condAtom(branchCondition(B));
  if (!A)
    return;
  if (!assumeOn(Succ[0], A->first, A->second))
    Succ[0].live = false;
  if (!assumeOn(Succ[1], A->first, negate(A->second)))
    Succ[1].live = false;
  // a local copy's own fact too (Extractor::factKey(), Own)
  if (auto O = condAtom(branchCondition(B), true); O && !(O->first == A->first)) {
    if (!assumeOn(Succ[0], O->first, O->second))
      Succ[0].live = false;
    if (!assumeOn(Succ[1], O->first, negate(O->second)))
      Succ[1].live = false;
  }
}

// ---- re-entry guards and deferral flags ----------------------------------------------------
// A chain of calls made under lock L that reaches code taking L again is stopped, in real
// code, by a flag: logging's `static __thread int in_log; if (in_log) return; in_log = 1;
// lock(&log_mu);`, jemalloc's prof_dump() calling pre_reentrancy(tsd) (`++level`) before
// taking prof_dump_mtx while prof_gdump() starts with `if (tsd_reentrancy_level_get(tsd) > 0)
// return;`, or prof_enter() setting `tdata->enq = true` with bt2gctx_mtx, and prof_gdump()'s
// `if (tdata->enq) { tdata->enq_gdump = true; return; }` deferring the dump. The callee's
// events after such an early return happen only when the flag was zero at its entry
// (Acquire::unless); a call made where the flag is set on every path (and not reset since)
// does not reach them (Analysis.cpp, flagRulesOut()).

// A flag: a scalar global, static or thread-local ("G:<key>"), or a scalar field ("F:Class::
// field", of any instance: the per-thread state object a path passes down or looks up again),
// read directly or through an accessor of this TU (flagAccessor()).
std::optional<std::string> Extractor::flagKey(const Expr *E, int Depth) const {
  if (!E || Depth > 6)
    return std::nullopt;
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    return flagAccessor(UO->getSubExpr(), true, Depth);
  if (isa<CallExpr>(E))
    return flagAccessor(E, false, Depth);
  QualType T = E->getType();
  if (!T->isIntegerType() || T.isVolatileQualified() || isAtomicLike(T))
    return std::nullopt;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
      return "G:" + globalKey(V, nullptr);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()); F && !F->isBitField()) {
      // a field of an automatic object of this frame (`struct req r; r.busy = 1;`) is no
      // other frame's flag
      const MemberExpr *Top = ME;
      while (!Top->isArrow())
        if (const auto *Inner = dyn_cast<MemberExpr>(strip(Top->getBase())))
          Top = Inner;
        else
          break;
      if (!Top->isArrow())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Top->getBase())))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage() && !V->getType()->isReferenceType())
            return std::nullopt;
      return "F:" + recordName(F->getParent()) + "::" + F->getNameAsString();
    }
  return std::nullopt;
}

// The flag a call of an accessor reads (Addr: whose address it returns): a function of this
// TU whose one return hands back the flag (`return *tsd_levelp_get(tsd);`), its address
// (`return &tsd->level;`) or another accessor's result (jemalloc's tsd_##n##_get(),
// tsd_##n##p_get(), tsd_##n##p_get_unsafe()).
std::optional<std::string> Extractor::flagAccessor(const Expr *E, bool Addr, int Depth) const {
  const auto *CE = dyn_cast<CallExpr>(strip(E));
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->getBody(Def) || !Def || Depth > 6)
    return std::nullopt;
  auto Key = std::make_pair(Def, Addr);
  if (auto It = FlagAccessorCache.find(Key); It != FlagAccessorCache.end())
    return It->second;
  FlagAccessorCache[Key] = std::nullopt;  // while it is worked out (recursion)
  std::vector<const ReturnStmt *> Rets = returnsOf(Def->getBody());
  std::optional<std::string> K;
  if (Rets.size() == 1 && Rets[0]->getRetValue()) {
    const Expr *R = strip(Rets[0]->getRetValue());
    if (!Addr)
      K = flagKey(R, Depth + 1);
    else if (const auto *UO = dyn_cast<UnaryOperator>(R); UO && UO->getOpcode() == UO_AddrOf)
      K = flagKey(UO->getSubExpr(), Depth + 1);
    else if (isa<CallExpr>(R))
      K = flagAccessor(R, true, Depth + 1);
  }
  return FlagAccessorCache[Key] = K;
}

// The flags a call of FD may write (assigned, incremented, decremented), in its body and in
// those of the functions it calls directly in this TU (as globalsWritten()). A callee in
// another TU keeps them, as it keeps a global's facts.
const std::set<std::string> &Extractor::flagsWritten(const FunctionDecl *FD) const {
  FD = FD->getCanonicalDecl();
  if (auto It = FlagsWrittenCache.find(FD); It != FlagsWrittenCache.end())
    return It->second;
  constexpr size_t MaxFunctions = 256;
  struct Finder : WritesVisitor<Finder> {
    const Extractor *X;
    std::set<std::string> W;
    std::vector<const FunctionDecl *> Calls;
    void write(const Expr *E) {
      if (auto K = X->flagKey(E))
        W.insert(*K);
    }
    bool VisitCallExpr(CallExpr *CE) {
      if (const FunctionDecl *C = CE->getDirectCallee())
        Calls.push_back(C);
      return true;
    }
  };
  std::set<std::string> All;
  std::set<const FunctionDecl *> Seen{FD};
  std::vector<const FunctionDecl *> Work{FD};
  while (!Work.empty() && Seen.size() <= MaxFunctions) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    const FunctionDecl *Def = nullptr;
    if (!F->getBody(Def) || !Def)
      continue;
    Finder Fi;
    Fi.X = this;
    Fi.TraverseStmt(Def->getBody());
    All.insert(Fi.W.begin(), Fi.W.end());
    for (const auto *C : Fi.Calls)
      if (Seen.insert(C->getCanonicalDecl()).second)
        Work.push_back(C->getCanonicalDecl());
  }
  return FlagsWrittenCache[FD] = std::move(All);
}

// A global flag that every write in this TU sets (`initialized = 1`, `= true`, `++`, `|= 4`),
// whose address is never taken, and that only handlers clear: exit handlers (functions given
// to atexit(), on_exit() or at_quick_exit(): czmq's zsys_shutdown()), fork handlers (given to
// pthread_atfork(): they reset the child's state before any thread of it runs) and functions
// only they call. A lazy-init flag: once it is set, a call does not clear it again
// (flagCall()), even through a recursion in progress.
bool Extractor::setOnlyFlag(const std::string &K) const {
  if (K.rfind("G:", 0) != 0)
    return false;
  if (!SetOnlyFlags) {
    struct Finder : WritesVisitor<Finder> {
      const Extractor *X;
      const FunctionDecl *In = nullptr;
      std::set<const FunctionDecl *> Handlers;
      std::map<std::string, std::set<const FunctionDecl *>> Clears;  // by whom, maybe
      std::set<std::string> Sets;
      bool sets(const Expr *W) const {
        if (const auto *BO = dyn_cast<BinaryOperator>(W)) {
          auto C = constantOf(BO->getRHS()->IgnoreParenImpCasts(), X->Ctx);
          auto Op = BO->getOpcode();
          return C && *C > 0 && (Op == BO_Assign || Op == BO_AddAssign || Op == BO_OrAssign);
        }
        const auto *UO = dyn_cast<UnaryOperator>(W);
        return UO && UO->isIncrementOp();
      }
      const Expr *Cur = nullptr;
      void write(const Expr *E) {
        if (auto Key = X->flagKey(E)) {
          if (sets(Cur))
            Sets.insert(*Key);
          else
            Clears[*Key].insert(In);
        }
      }
      bool VisitBinaryOperator(BinaryOperator *B) {
        Cur = B;
        return WritesVisitor<Finder>::VisitBinaryOperator(B);
      }
      bool VisitUnaryOperator(UnaryOperator *U) {
        Cur = U;
        if (U->getOpcode() == UO_AddrOf)  // written through the address, maybe
          if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
              if (auto Key = X->flagKey(DRE))
                Clears[*Key].insert(nullptr);
        return WritesVisitor<Finder>::VisitUnaryOperator(U);
      }
      bool inside(const FunctionDecl *FD, llvm::function_ref<bool()> Traverse) {  // writes by FD
        const FunctionDecl *Outer = In;
        In = FD->getCanonicalDecl();
        bool R = Traverse();
        In = Outer;
        return R;
      }
      bool TraverseFunctionDecl(FunctionDecl *FD) {
        return inside(FD, [&] { return WritesVisitor<Finder>::TraverseFunctionDecl(FD); });
      }
      bool TraverseCXXMethodDecl(CXXMethodDecl *MD) {
        return inside(MD, [&] { return WritesVisitor<Finder>::TraverseCXXMethodDecl(MD); });
      }
      // functions named other than as a direct callee (a handler given to atexit(), a
      // pointer kept anywhere) and by whom each is called directly
      std::map<const FunctionDecl *, unsigned> Refs, CalleeRefs;
      std::map<const FunctionDecl *, std::set<const FunctionDecl *>> CalledBy;
      bool VisitDeclRefExpr(DeclRefExpr *DRE) {
        if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
          ++Refs[FD->getCanonicalDecl()];
        return true;
      }
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *C = CE->getDirectCallee();
        if (!C)
          return true;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()); DRE && DRE->getDecl() == C) {
          ++CalleeRefs[C->getCanonicalDecl()];
          CalledBy[C->getCanonicalDecl()].insert(In);
        }
        if (!C->getIdentifier())
          return true;
        // exit handlers, and fork handlers (pthread_atfork()'s child handler resets the state
        // in the child, before any thread of it runs)
        StringRef N = C->getName();
        if (N != "atexit" && N != "on_exit" && N != "at_quick_exit" && N != "pthread_atfork")
          return true;
        for (const Expr *A : CE->arguments()) {
          const Expr *E = A->IgnoreParenImpCasts();
          if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
            E = U->getSubExpr()->IgnoreParenImpCasts();
          if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
            if (const auto *H = dyn_cast<FunctionDecl>(DRE->getDecl()))
              Handlers.insert(H->getCanonicalDecl());
        }
        return true;
      }
    } F;
    F.X = this;
    F.TraverseDecl(Ctx.getTranslationUnitDecl());
    // and the functions called only from handlers (czmq's zsys_cleanup(), called by its
    // fork handler), never named otherwise
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (const auto &[Fn, By] : F.CalledBy) {
        if (F.Handlers.count(Fn) || F.Refs[Fn] != F.CalleeRefs[Fn])
          continue;
        bool Only = !By.empty();
        for (const auto *C : By)
          Only = Only && C && F.Handlers.count(C);
        if (Only)
          Grew = F.Handlers.insert(Fn).second || Grew;
      }
    }
    SetOnlyFlags.emplace();
    for (const auto &Key : F.Sets) {
      bool Only = true;
      if (auto It = F.Clears.find(Key); It != F.Clears.end())
        for (const auto *By : It->second)
          Only = Only && By && F.Handlers.count(By);
      if (Only)
        SetOnlyFlags->insert(Key);
    }
  }
  return SetOnlyFlags->count(K) > 0;
}

// A write of a flag: a positive constant or an increment sets it (a level counted up from
// zero), anything else may reset it. An increment and a decrement, or a constant stored after
// an early return found the flag zero, change it by a known amount (back to its value at entry
// when they add up to nothing).
void Extractor::updateFlags(const Stmt *St, State &S) const {
  const Expr *LHS = nullptr;
  bool Sets = false;
  std::optional<long long> Delta, Stored;
  if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp()) {
    LHS = BO->getLHS();
    auto K = constantOf(BO->getRHS()->IgnoreParenImpCasts(), Ctx);
    Sets = K && *K > 0 && (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_AddAssign);
    if (K && BO->getOpcode() == BO_Assign)
      Stored = K;
    else if (K && BO->getOpcode() == BO_AddAssign)
      Delta = *K;
    else if (K && BO->getOpcode() == BO_SubAssign)
      Delta = -*K;
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->isIncrementDecrementOp()) {
    LHS = UO->getSubExpr();
    Sets = UO->isIncrementOp();
    Delta = Sets ? 1 : -1;
  }
  if (!LHS)
    return;
  auto K = flagKey(LHS);
  if (!K)
    return;
  if (Stored) {  // known only from a value known at entry (0, tested by an early return)
    if (S.flagsClear.count(*K) && (!S.flagsDirty.count(*K) || S.flagsDelta.count(*K))) {
      auto It = S.flagsDelta.find(*K);
      Delta = *Stored - (It == S.flagsDelta.end() ? 0 : It->second);
    }
  }
  S.changeFlag(*K, Delta);
  if (!Sets) {
    S.flagsSet.erase(*K);
    return;
  }
  const VarDecl *Via = nullptr;  // `tdata->enq = true`: set through local pointer tdata
  if (const auto *ME = dyn_cast<MemberExpr>(strip(LHS)); ME && ME->isArrow())
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(ME->getBase())))
      Via = dyn_cast<VarDecl>(DRE->getDecl());
  S.flagsSet[*K] = Via;
}

// A direct call: the flags its callee may write are written; those it sets on every path
// that returns are set.
void Extractor::flagCall(const FunctionDecl *Callee, const Summary *Sum, State &S) const {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->getBody(Def) || !Def)
    return;
  if (Sum && Sum->flagsKnown) {
    for (const auto &[K, D] : Sum->flagsChanged) {
      S.changeFlag(K, D);
      if ((!D || *D < 0) && !setOnlyFlag(K))
        S.flagsSet.erase(K);
    }
  } else {  // a recursion in progress: whatever it may write
    for (const auto &K : flagsWritten(Def)) {
      S.changeFlag(K, std::nullopt);
      if (!setOnlyFlag(K))
        S.flagsSet.erase(K);
    }
  }
  if (Sum)
    for (const auto &K : Sum->flagsAtExit)
      S.flagsSet[K] = nullptr;
}

// A two-way branch on a flag whose nonzero side returns at once (`if (in_log) return;`,
// `if (unlikely(tsd_reentrancy_level_get(tsd) > 0)) return;`, `if (tdata->enq) {
// tdata->enq_gdump = true; return; }`): the other side goes on only when the flag is zero,
// which was its value at entry when nothing wrote it before.
void Extractor::flagBranches(const CFGBlock *B, std::vector<State> &Succ) const {
  if (!twoWay(B) || Succ.size() != 2)
    return;
  const Expr *C = branchCondition(B);
  bool NonzeroWhenTrue = true;
  for (int I = 0; C && I < 8; ++I) {
    C = strip(C);
    if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_LNot) {
      NonzeroWhenTrue = !NonzeroWhenTrue;
      C = UO->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(C); CE && CE->getBuiltinCallee() == Builtin::BI__builtin_expect &&
                                                CE->getNumArgs() == 2) {
      C = CE->getArg(0);
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
      auto L = constantOf(strip(BO->getLHS()), Ctx), R = constantOf(strip(BO->getRHS()), Ctx);
      BinaryOperatorKind Op = BO->getOpcode();
      const Expr *X = R ? BO->getLHS() : BO->getRHS();
      std::optional<long long> K = R ? R : L;
      if (!K || (L && R))
        return;
      if (!R)  // `0 < x`: as `x > 0`
        Op = Op == BO_LT ? BO_GT : Op == BO_GT ? BO_LT : Op == BO_LE ? BO_GE : Op == BO_GE ? BO_LE : Op;
      if ((Op == BO_NE || Op == BO_EQ || Op == BO_GT) && *K == 0) {
        NonzeroWhenTrue = Op == BO_EQ ? !NonzeroWhenTrue : NonzeroWhenTrue;
        C = X;
        break;
      }
      if (Op == BO_GE && *K == 1) {
        C = X;
        break;
      }
      return;
    }
    break;
  }
  auto K = C ? flagKey(C) : std::nullopt;
  if (!K)
    return;
  unsigned NonzeroIdx = NonzeroWhenTrue ? 0 : 1;
  // the nonzero side returns: a chain of blocks with one successor each, to the exit (an
  // assert() on the way: its failing side does not return)
  const CFGBlock *N = *(B->succ_begin() + NonzeroIdx);
  const CFGBlock *Exit = &B->getParent()->getExit();
  auto next = [](const CFGBlock *X) -> const CFGBlock * {
    if (X->succ_size() == 1)
      return X->succ_begin()->getReachableBlock();
    if (X->succ_size() != 2)
      return nullptr;
    const CFGBlock *A = X->succ_begin()->getReachableBlock(), *C = (X->succ_begin() + 1)->getReachableBlock();
    if (A && A->hasNoReturnElement())
      return C;
    if (C && C->hasNoReturnElement())
      return A;
    return nullptr;
  };
  auto returns = [&](const CFGBlock *X) {
    for (int I = 0; X && X != Exit && I < 12; ++I)
      X = next(X);
    return X == Exit;
  };
  State &Z = Succ[1 - NonzeroIdx], &NZ = Succ[NonzeroIdx];
  if (K->rfind("G:", 0) == 0 && !Z.flagsDirty.count(*K))
    Z.initGuards.insert(*K);
  if (returns(N)) {
    Z.flagsSet.erase(*K);
    if (!Z.flagsDirty.count(*K))
      Z.flagsClear.insert(*K);
    // and the side that returns found it set (`if (initialized) return ctx;`)
    NZ.flagsSet.emplace(*K, nullptr);
  } else if (returns(*(B->succ_begin() + (1 - NonzeroIdx)))) {
    // the zero side returns (czmq's zsys_shutdown(): `if (!s_initialized) return;`): the
    // other goes on only when the flag is set, which it was at entry when nothing wrote it
    // before ("!K": a call made with the flag clear does not get there)
    NZ.flagsSet.emplace(*K, nullptr);
    if (!NZ.flagsDirty.count(*K))
      NZ.flagsClear.insert("!" + *K);
  }
}

namespace {
bool isAllocation(const Expr *E) {
  E = E ? strip(E) : nullptr;
  if (!E)
    return false;
  if (isa<CXXNewExpr>(E))
    return true;
  const auto *CE = dyn_cast<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  return N == "malloc" || N == "calloc" || N == "aligned_alloc" || N == "zmalloc" || N == "xmalloc" ||
         N == "xcalloc" || N == "xzalloc" || N == "g_malloc" || N == "g_malloc0" || N == "g_malloc_n" ||
         N == "g_malloc0_n" || N == "g_try_malloc" || N == "g_try_malloc0" || N == "g_slice_alloc" ||
         N == "g_slice_alloc0";
}

// A class that points like a pointer: it has an `operator->` (std::shared_ptr, std::unique_ptr,
// a COM smart pointer such as 7-Zip's CMyComPtr). A lock or a guard has none.
bool isSmartPointer(QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto Arrow = RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Arrow);
  return !RD->lookup(Arrow).empty();
}

// Calls that may see a fresh object without publishing it.
bool keepsFresh(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  return N.starts_with("pthread_") || N.starts_with("mtx_") || N.starts_with("cnd_") || N == "memset" ||
         N == "sem_init" || N.starts_with("g_mutex_") || N.starts_with("g_rec_mutex_") ||
         N.starts_with("g_rw_lock_") || N.starts_with("g_cond_");
}

// Calls that may see an unpublished object (or an address inside it) and store it nowhere:
// those of keepsFresh() but the ones that hand it to another thread or keep it for later.
bool keepsUnpublished(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  if (N == "pthread_create" || N == "pthread_setspecific" || N == "pthread_once" || N == "pthread_key_create" ||
      N == "thrd_create" || N == "tss_set" || N == "call_once")
    return false;
  return keepsFresh(FD) || N == "free" || N == "memcpy" || N == "memmove" || N == "memcmp" || N == "bzero" ||
         N == "explicit_bzero" || N == "strcpy" || N == "strncpy" || N == "strlen" || N == "strcmp" ||
         N == "snprintf" || N == "sprintf";
}

// Is V (the object the access or store goes through) the root of E: `v->a.b`, `v->arr[i]`?
bool rootedAt(const Expr *E, const VarDecl *V) {
  for (unsigned I = 0; E && I < 32; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl() == V;
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      E = AS->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf))
      E = UO->getSubExpr();
    else
      return false;
  }
  return false;
}
}  // namespace

// A use of pointer variable V (its reference E) that leaves the object V points to
// unpublished: it is dereferenced (`v->n = 0`, `v->n++`, reading a field), tested, compared,
// stored into the object itself (`v->q.last = &v->q.first`), or handed (it, or an address
// inside the object) to a call that keeps it: one of keepsUnpublished(), or a function of the
// program that keeps that parameter (condition "K<i>:<id>", decided by the analysis).
// Anything else may publish it: stored elsewhere, copied to another variable, its address
// taken, a method called on it, handed to a call through a pointer.
bool Extractor::keepsUse(const Expr *E, std::set<std::string> &Conds, bool &Returned) {
  ParentMap *PM = parents();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!PM || !V)
    return false;
  auto callKeeps = [&](const CallExpr *CE, const Expr *Arg) {
    if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
      return false;
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || CE->getCallee()->IgnoreParenImpCasts() == Arg)
      return false;
    if (keepsUnpublished(FD))
      return true;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I) == Arg) {
        if (I >= FD->getNumParams() || FD->getBuiltinID())
          return false;
        Conds.insert("K" + std::to_string(I) + ":" + fnId(FD));
        return true;
      }
    return false;
  };
  bool Ptr = false;  // X is a pointer into the object (else an lvalue inside it, or V itself)
  const Stmt *X = E;
  const Stmt *P = PM->getParent(X);
  if (const auto *IC = dyn_cast_or_null<ImplicitCastExpr>(P); IC && IC->getCastKind() == CK_LValueToRValue) {
    Ptr = true;
    X = P;
  } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P); BO && BO->isAssignmentOp() && BO->getLHS() == X) {
    return true;  // V is given another value (updateUnpub)
  } else {
    return false;
  }
  for (unsigned Step = 0; Step < 32; ++Step) {
    P = PM->getParent(X);
    if (!P)
      return false;
    if (isa<ParenExpr>(P)) {
      X = P;
      continue;
    }
    if (Ptr) {
      if (const auto *CE = dyn_cast<CastExpr>(P)) {
        if (CE->getCastKind() == CK_PointerToBoolean)
          return true;
        if (!CE->getType()->isPointerType())
          return false;
        X = P;
        continue;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(P); ME && ME->isArrow() && ME->getBase() == X) {
        Ptr = false;
        X = P;
        continue;
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P); AS && AS->getBase() == X) {
        Ptr = false;
        X = P;
        continue;
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
        if (UO->getOpcode() == UO_Deref) {
          Ptr = false;
          X = P;
          continue;
        }
        return UO->getOpcode() == UO_LNot;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
        if (BO->isComparisonOp() || BO->isLogicalOp() || (BO->getOpcode() == BO_Comma && BO->getLHS() == X))
          return true;
        if (BO->isAdditiveOp() && BO->getType()->isPointerType()) {
          X = P;
          continue;
        }
        if (BO->getOpcode() == BO_Sub)
          return true;  // a distance between pointers
        if (BO->getOpcode() == BO_Assign && BO->getRHS() == X)
          return rootedAt(BO->getLHS(), V);  // stored into the object itself, or elsewhere
        return false;
      }
      if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
        if (CO->getCond() == X)
          return true;
        X = P;
        continue;
      }
      if (isa<ReturnStmt>(P)) {
        Returned = true;
        return true;
      }
      if (const auto *CE = dyn_cast<CallExpr>(P))
        return callKeeps(CE, cast<Expr>(X));
      if (const auto *IS = dyn_cast<IfStmt>(P))
        return IS->getCond() == X;
      if (const auto *WS = dyn_cast<WhileStmt>(P))
        return WS->getCond() == X;
      return false;
    }
    // an lvalue inside the object
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        return true;  // its value read
      if (IC->getCastKind() == CK_ArrayToPointerDecay)
        Ptr = true;
      X = P;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P); ME && !ME->isArrow() && ME->getBase() == X) {
      X = P;
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      if (UO->getOpcode() == UO_AddrOf) {
        Ptr = true;
        X = P;
        continue;
      }
      return true;  // ++, --
    }
    if (isa<CompoundAssignOperator>(P))
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->getLHS() == X || !BO->isAssignmentOp() || BO->getType()->isRecordType();
    if (isa<CXXMemberCallExpr>(P) || isa<CXXOperatorCallExpr>(P))
      return false;  // a method of the object inside: `this` may be kept
    if (const auto *CE = dyn_cast<CallExpr>(P))
      return callKeeps(CE, cast<Expr>(X));  // by reference
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getType()->isReferenceType())
          return false;
      return true;
    }
    return !isa<MaterializeTemporaryExpr>(P) && !isa<InitListExpr>(P);
  }
  return false;
}

// What makes a local pointer unpublished (State::unpub): an allocation, or a call that returns
// fresh memory when the analysis finds its function to be an allocator (condition "A:<id>").
// It stays so while every use of it keeps it (keepsUse()); it ends when one may publish it or
// the variable is given another value. Returns record Function::allocIf.
void Extractor::updateUnpub(const Stmt *St, State &S) {
  auto allocConds = [&](const Expr *E) -> std::optional<std::set<std::string>> {
    E = E ? strip(E) : nullptr;
    if (!E)
      return std::nullopt;
    if (isAllocation(E))
      return std::set<std::string>{};
    const auto *CE = dyn_cast<CallExpr>(E);
    const FunctionDecl *FD = CE && !isa<CXXMemberCallExpr>(CE) ? CE->getDirectCallee() : nullptr;
    if (!FD || FD->getBuiltinID() || !FD->getReturnType()->isPointerType() || !inUserCode(FD))
      return std::nullopt;
    return std::set<std::string>{"A:" + fnId(FD)};
  };
  auto localPtr = [&](const Expr *E) -> const VarDecl * {
    const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParens()) : nullptr;
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getType()->isPointerType() &&
                   !Cur->AddrTaken.count(V) && !Cur->CapturedByRef.count(V)
               ? V
               : nullptr;
  };
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D)) {
        S.unpub.erase(V);
        if (V->hasInit() && V->hasLocalStorage() && V->getType()->isPointerType() && !Cur->AddrTaken.count(V) &&
            !Cur->CapturedByRef.count(V))
          if (auto C = allocConds(V->getInit()))
            S.unpub[V] = std::move(*C);
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp()) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        S.unpub.erase(V);
        if (BO->getOpcode() == BO_Assign && localPtr(BO->getLHS()))
          if (auto C = allocConds(BO->getRHS()))
            S.unpub[V] = std::move(*C);
      }
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    const Expr *R = RS->getRetValue();
    const auto *DRE = R ? dyn_cast<DeclRefExpr>(strip(R)) : nullptr;
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (Cur->Emit && Cur->AllocConds) {
      auto It = V ? S.unpub.find(V) : S.unpub.end();
      std::optional<std::set<std::string>> C;
      if (It != S.unpub.end())
        C = It->second;
      else
        C = allocConds(R);
      if (C) {
        Cur->RetSeen = true;  // (a function that only returns null allocates nothing)
        Cur->AllocConds->insert(C->begin(), C->end());
      } else if (!R || !R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
        Cur->AllocConds.reset();
      }
    }
    if (V)
      S.unpub.erase(V);  // handed to the caller
    return;
  }
  if (S.unpub.empty())
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(St))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (auto It = S.unpub.find(V); It != S.unpub.end()) {
        bool Returned = false;
        std::set<std::string> Conds;
        if (keepsUse(DRE, Conds, Returned))
          It->second.insert(Conds.begin(), Conds.end());
        else
          S.unpub.erase(It);
      }
}

// Function::keeps: the pointer parameters every use of which keeps the object (keepsUse()),
// wherever it is in the function, with the conditions of those uses.
void Extractor::summariseKeeps(const FunctionDecl *FD) {
  if (!Cur->Body || isa<CXXMethodDecl>(FD))
    return;
  std::map<const ParmVarDecl *, std::set<std::string>> Keep;
  for (const ParmVarDecl *PV : FD->parameters())
    if (PV->getType()->isPointerType() && !PV->getType()->getPointeeType()->isFunctionType())
      Keep[PV];
  if (Keep.empty())
    return;
  struct Uses : RecursiveASTVisitor<Uses> {
    std::vector<const DeclRefExpr *> Refs;
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (isa<ParmVarDecl>(E->getDecl()))
        Refs.push_back(E);
      return true;
    }
  } U;
  U.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  for (const DeclRefExpr *E : U.Refs) {
    auto It = Keep.find(cast<ParmVarDecl>(E->getDecl()));
    if (It == Keep.end())
      continue;
    bool Returned = false;
    std::set<std::string> Conds;
    if (keepsUse(E, Conds, Returned) && !Returned)
      It->second.insert(Conds.begin(), Conds.end());
    else
      Keep.erase(It);
  }
  for (const auto &[PV, Conds] : Keep)
    Cur->Fn->keeps[static_cast<int>(PV->getFunctionScopeIndex())] = {Conds.begin(), Conds.end()};
}

// A local pointer assigned an allocation is fresh until it is stored somewhere, passed to a
// function, returned, or reassigned.
void Extractor::updateFresh(const Stmt *St, State &S) const {
  auto varOf = [](const Expr *E) -> const VarDecl * {
    const auto *DRE = E ? dyn_cast<DeclRefExpr>(strip(E)) : nullptr;
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && !V->hasGlobalStorage() && V->getType()->isPointerType() ? V : nullptr;
  };
  if (S.fresh.empty() && !isa<DeclStmt>(St) && !isa<BinaryOperator>(St))
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D)) {
        if (V->hasInit() && varOf(V->getInit()))
          S.fresh.erase(varOf(V->getInit()));  // an alias: no longer tracked
        if (V->hasInit() && isAllocation(V->getInit()) && V->getType()->isPointerType() && !Cur->AddrTaken.count(V))
          S.fresh.insert(V);
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp()) {
    if (const VarDecl *R = varOf(BO->getRHS()))
      S.fresh.erase(R);  // stored: published (or aliased)
    if (const VarDecl *L = varOf(BO->getLHS())) {
      S.fresh.erase(L);
      if (BO->getOpcode() == BO_Assign && isAllocation(BO->getRHS()) && !Cur->AddrTaken.count(L))
        S.fresh.insert(L);
    }
    return;
  }
  // A pointer or smart pointer read from a field of a fresh object and handed on carries out
  // what the object made for itself (7-Zip's `mixer.Init(n, spec->RatioProgress)`, the
  // `Mixer2` that `spec->Create()` allocated): the object is published with it.
  auto carriedFrom = [&](const Expr *A) {
    for (int I = 0; (A = strip(A)) && I < 4; ++I) {
      if (const auto *CC = dyn_cast<CXXConstructExpr>(A); CC && CC->getNumArgs() == 1)
        A = CC->getArg(0);  // a copy of the smart pointer
      else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(A); MC && isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()))
        A = MC->getImplicitObjectArgument();  // its conversion to the raw pointer
      else
        break;
    }
    const auto *ME = dyn_cast_or_null<MemberExpr>(A);
    if (!ME || !(ME->getType()->isPointerType() ? !ME->getType()->getPointeeType()->isFunctionType()
                                                 : isSmartPointer(ME->getType())))
      return;
    for (auto It = S.fresh.begin(); It != S.fresh.end();)
      It = rootedAt(ME, *It) ? S.fresh.erase(It) : std::next(It);
  };
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    if (keepsFresh(CE->getDirectCallee()))
      return;
    for (const Expr *A : CE->arguments()) {
      if (const VarDecl *V = varOf(A))
        S.fresh.erase(V);
      carriedFrom(A);
    }
    return;
  }
  // a smart pointer made from it (`CMyComPtr<ICompressProgressInfo> progress = spec;`) is an
  // alias the function may hand on; a field's pointer given to a constructor goes with it too
  if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
    for (const Expr *A : CC->arguments()) {
      if (const VarDecl *V = varOf(A); V && isSmartPointer(CC->getType()))
        S.fresh.erase(V);
      carriedFrom(A);
    }
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St))
    if (const VarDecl *V = varOf(RS->getRetValue()))
      S.fresh.erase(V);
}

// ---- pointers that move ---------------------------------------------------------------------
// A pointer that a function moves from object to object (a loop's `ipt = &ctl.ipts[i]`,
// for_each_td's `td++`, `n = n->next`) names another object after each move: the locks held
// through it are then of an instance that has no name here (ObjRef::Unknown, still
// Class::field), so the next iteration's lock through it is not the same lock taken twice.
// A pointer only ever set to one named object (`st = &stats` in every iteration) does not
// move: a lock through it taken again in the next iteration is still a self-deadlock.

namespace {
const VarDecl *pointerVar(const Expr *E) {
  const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && !V->hasGlobalStorage() && V->getType()->isPointerType() ? V : nullptr;
}

bool refersTo(const Expr *E, const VarDecl *V) {
  const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return DRE && DRE->getDecl() == V;
}

// `!V`, `V == NULL`, `NULL == V` (Null: true), or `V`, `V != NULL` (Null: false).
bool testsNull(const Expr *Cond, const VarDecl *V, bool Null, ASTContext &Ctx) {
  Cond = Cond ? Cond->IgnoreParenImpCasts() : nullptr;
  if (!Cond)
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot)
    return testsNull(UO->getSubExpr(), V, !Null, Ctx);
  if (refersTo(Cond, V))
    return !Null;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond); BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    auto isNull = [&](const Expr *X) {
      return X->IgnoreParenCasts()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
    };
    bool Eq = BO->getOpcode() == BO_EQ;
    if ((refersTo(BO->getLHS(), V) && isNull(BO->getRHS())) || (refersTo(BO->getRHS(), V) && isNull(BO->getLHS())))
      return Eq == Null;
  }
  return false;
}

bool returnsParamWhenNonNull(const FunctionDecl *FD, unsigned I, ASTContext &Ctx, int Depth);

// An assignment `V = E` (At: the assignment) that leaves a V that is not null as it is: a
// default put in for a null pointer (`if (!ctx) ctx = default_ctx;`, `ctx = ctx ? ctx :
// default_ctx`, `ctx ?: dflt`, `ctx = get_context(ctx)` where get_context returns its
// argument whenever that is not null). Where V is not null it is the same object after.
bool keepsNonNull(const VarDecl *V, const Expr *E, const Stmt *At, ParentMap *PM, ASTContext &Ctx, int Depth) {
  if (!V || !E || Depth > 2)
    return false;
  const Expr *R = E->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(R))
    return (testsNull(CO->getCond(), V, false, Ctx) && refersTo(CO->getTrueExpr(), V)) ||
           (testsNull(CO->getCond(), V, true, Ctx) && refersTo(CO->getFalseExpr(), V));
  if (const auto *BC = dyn_cast<BinaryConditionalOperator>(R))
    return refersTo(BC->getCommon(), V);
  if (const auto *CE = dyn_cast<CallExpr>(R))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      for (unsigned I = 0; I < CE->getNumArgs() && I < FD->getNumParams(); ++I)
        if (refersTo(CE->getArg(I), V) && returnsParamWhenNonNull(FD, I, Ctx, Depth + 1))
          return true;
  // inside the then-branch of `if (!V)`: V is null there, nothing is reached through it
  if (PM && At)
    for (const Stmt *Child = At, *P = PM->getParent(At); P; Child = P, P = PM->getParent(P))
      if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == Child && testsNull(If->getCond(), V, true, Ctx))
        return true;
  return false;
}

// Every return of FD hands back its parameter I, and every assignment to it keeps it where it
// is not null (libusb's usbi_get_context(ctx): `if (!ctx) ctx = usbi_default_context; ...
// return ctx;`).
bool returnsParamWhenNonNull(const FunctionDecl *FD, unsigned I, ASTContext &Ctx, int Depth) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || I >= Def->getNumParams() || Depth > 2)
    return false;
  const ParmVarDecl *P = Def->getParamDecl(I);
  if (!P->getType()->isPointerType() || !FD->getReturnType()->isPointerType())
    return false;
  struct Check : RecursiveASTVisitor<Check> {
    const VarDecl *P;
    ASTContext &Ctx;
    ParentMap PM;
    int Depth;
    bool Ok = true, Returns = false;
    Check(const VarDecl *P, ASTContext &C, Stmt *Body, int D) : P(P), Ctx(C), PM(Body), Depth(D) {}
    bool VisitReturnStmt(ReturnStmt *R) {
      Returns = true;
      const Expr *E = R->getRetValue();
      Ok = Ok && E && (refersTo(E, P) || keepsNonNull(P, E, nullptr, nullptr, Ctx, Depth));
      return Ok;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp() && refersTo(B->getLHS(), P))
        Ok = Ok && B->getOpcode() == BO_Assign && keepsNonNull(P, B->getRHS(), B, &PM, Ctx, Depth);
      return Ok;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->getOpcode() == UO_AddrOf && refersTo(U->getSubExpr(), P))
        Ok = false;  // may be written through its address
      if (U->isIncrementDecrementOp() && refersTo(U->getSubExpr(), P))
        Ok = false;
      return Ok;
    }
    bool VisitLambdaExpr(LambdaExpr *) {
      Ok = false;
      return false;
    }
  } C(P, Ctx, Def->getBody(), Depth);
  C.TraverseStmt(Def->getBody());
  return C.Ok && C.Returns;
}
}  // namespace

void Extractor::findMoving(const Stmt *Body, const FunctionDecl *FD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::map<const VarDecl *, std::vector<const Expr *>> Sets;  // null: moved by arithmetic
    ParentMap *PM = nullptr;
    ASTContext *Ctx = nullptr;
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp())
        if (const VarDecl *V = pointerVar(B->getLHS())) {
          // a parameter given a default where it is null (`ctx = get_context(ctx)`): a lock
          // held through it where it is not null is still reached through it after (a local
          // keeps moving: it is named by its initialiser only while it never moves)
          if (B->getOpcode() == BO_Assign && isa<ParmVarDecl>(V) && keepsNonNull(V, B->getRHS(), B, PM, *Ctx, 0))
            return true;
          Sets[V].push_back(B->getOpcode() == BO_Assign ? B->getRHS() : nullptr);
        }
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp())
        if (const VarDecl *V = pointerVar(U->getSubExpr()))
          Sets[V].push_back(nullptr);
      return true;
    }
  } F;
  if (!Body)
    return;
  F.PM = parents();
  F.Ctx = &Ctx;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  // the one named object a value points to: the address of a named global or of a
  // parameter's/this' member, or a parameter passed on; "" for anything else
  auto target = [&](const Expr *E) -> std::string {
    if (!E)
      return "";
    E = strip(E);
    if (const auto *PV = dyn_cast_or_null<ParmVarDecl>(pointerVar(E)))
      if (PV->getDeclContext() == FD && !F.Sets.count(PV))
        return "P" + std::to_string(PV->getFunctionScopeIndex());
    // a pointer member of a parameter or of `this` (`response = connection->response;`, an
    // alias assigned after its declaration as libmicrohttpd's try_ready_normal_body() makes
    // it): the object it points to, as an initialiser would name it
    const auto *ME = dyn_cast<MemberExpr>(E);
    bool FieldCopy = false;
    if (ME && ME->isArrow() && ME->getType()->isPointerType()) {
      const Expr *B = strip(ME->getBase());
      const auto *PV = dyn_cast_or_null<ParmVarDecl>(pointerVar(B));
      FieldCopy = isa<CXXThisExpr>(B) || (PV && PV->getDeclContext() == FD && !F.Sets.count(PV));
    }
    // a call of a function that may return a pointer to an object it names (Function::
    // retFields["*"], known only when the flow reaches the call): one target per call site,
    // so the pointer is followed along the flow (updatePoints()), never by its initialiser alone
    if (const auto *CE = dyn_cast<CallExpr>(E); CE && !isa<CXXOperatorCallExpr>(CE))
      if (const FunctionDecl *Callee = CE->getDirectCallee();
          Callee && !isa<CXXMethodDecl>(Callee) && Callee->getReturnType()->isPointerType())
        return "C:" + std::to_string(reinterpret_cast<uintptr_t>(CE));
    // another local pointer that keeps the value of its initialiser (trafficserver's AIO
    // thread: `current_req = my_aio_req;` then `ink_mutex_release(&current_req->aio_mutex)`,
    // `my_aio_req` being `thr_info->req` from the thread's argument): the object it names
    bool LocalCopy = false;
    if (const auto *LV = dyn_cast_or_null<VarDecl>(pointerVar(E)))
      LocalCopy = !isa<ParmVarDecl>(LV) && LV->isLocalVarDecl() && LV->hasInit() && !F.Sets.count(LV) &&
                  !LV->getType().isVolatileQualified();
    const auto *UO = dyn_cast<UnaryOperator>(E);
    if (!FieldCopy && !LocalCopy && (!UO || UO->getOpcode() != UO_AddrOf))
      return "";
    auto R = resolveObj(E, true);
    if (!R || R->root == ObjRef::Unknown || R->root == ObjRef::Local || R->rootName.rfind('*', 0) == 0)
      return "";
    if (R->root == ObjRef::Param && F.Sets.count(FD->getParamDecl(static_cast<unsigned>(R->param))))
      return "";
    return R->ident();
  };
  // a null pointer names no object (`Reqs *current_req = nullptr;`, a reset): no target
  auto isNull = [&](const Expr *E) {
    return E && E->IgnoreParenCasts()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
  };
  for (const auto &[V, Values] : F.Sets) {
    std::set<std::string> Targets;
    if (const auto *PV = dyn_cast<ParmVarDecl>(V))
      Targets.insert("P" + std::to_string(PV->getFunctionScopeIndex()));
    else if (V->hasInit() && !isNull(V->getInit()))
      Targets.insert(target(V->getInit()));
    for (const Expr *E : Values)
      if (!isNull(E))
        Targets.insert(target(E));
    if (Targets.size() > 1 || Targets.count(""))
      Cur->Moving.insert(V);
    if (!Targets.count("") && !isa<ParmVarDecl>(V))
      Cur->Definite.insert(V);
  }
}

void Extractor::updateInstances(const Stmt *St, State &S) const {
  if (S.held.empty())
    return;
  std::vector<const VarDecl *> Moved;
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    // declared again (a loop body's `struct x *p = next_item(q);`, or a reference: tango's
    // `Attribute &att = dev_attr->get_attr_by_ind(idx);`, whose mutex `att.get_attr_mutex()`
    // names): another object, unless the initialiser names it (then no held ref has this local
    // as its base)
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D);
          V && !V->hasGlobalStorage() && (V->getType()->isPointerType() || V->getType()->isReferenceType()))
        Moved.push_back(V);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp()) {
    if (const VarDecl *V = pointerVar(BO->getLHS()); V && Cur->Moving.count(V))
      Moved.push_back(V);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->isIncrementDecrementOp()) {
    if (const VarDecl *V = pointerVar(UO->getSubExpr()); V && Cur->Moving.count(V))
      Moved.push_back(V);
  }
  for (const VarDecl *V : Moved) {
    const auto *PV = dyn_cast<ParmVarDecl>(V);
    std::string Base = PV ? "P" + std::to_string(PV->getFunctionScopeIndex()) : "L:" + V->getNameAsString();
    auto moveRef = [&](ObjRef &R) {
      if (R.path.empty() || R.base() != Base)
        return false;
      R.root = ObjRef::Unknown;
      R.rootName.clear();
      R.param = -1;
      return true;
    };
    std::vector<HeldL> Held;
    for (HeldL H : S.held) {
      std::string Old = H.ref.ident();
      if (moveRef(H.ref)) {
        H.movedFrom = Base;
        if (S.must.erase(Old))
          S.must.insert(H.ref.ident());
      }
      bool Have = false;
      for (const auto &X : Held)
        Have = Have || (X.shared == H.shared && X.ref.sameIdent(H.ref));
      if (!Have)
        Held.push_back(std::move(H));
    }
    S.held = std::move(Held);
    for (auto &[K, P] : S.pending)
      for (auto &L : P.locks)
        if (moveRef(L.ref))
          L.movedFrom = Base;
    for (auto &[G, GS] : S.guards)
      for (auto &R : GS.refs)
        moveRef(R);
  }
}

// `m = &a;` to a local pointer that is only ever given named objects (Definite): resolveObj
// names what m points to from here on; a declaration names it again by its initialiser.
void Extractor::updatePoints(const Stmt *St, State &S) const {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D)) {
        S.points.erase(V);
        // `l = lock_dir()` as an initialiser: what the call returns (findMoving(): a call's
        // result is followed along the flow, as an assignment's)
        const auto *CE = V->hasInit() ? dyn_cast<CallExpr>(strip(V->getInit())) : nullptr;
        if (CE && Cur->Definite.count(V) && !Cur->AddrTaken.count(V) && !V->getType().isVolatileQualified()) {
          auto R = resolveObj(CE, true, 1);
          if (R && (R->fresh || R->root == ObjRef::Local || R->root == ObjRef::Unknown))
            R.reset();
          S.points[V] = R;
        }
      }
    return;
  }
  const auto *BO = dyn_cast<BinaryOperator>(St);
  if (!BO || !BO->isAssignmentOp())
    return;
  const VarDecl *V = pointerVar(BO->getLHS());
  if (!V || !Cur->Definite.count(V) || V->getType().isVolatileQualified())
    return;
  std::optional<ObjRef> R;
  if (BO->getOpcode() == BO_Assign && !Cur->AddrTaken.count(V))
    R = resolveObj(strip(BO->getRHS()), true, 1);
  if (R && (R->fresh || R->root == ObjRef::Local || R->root == ObjRef::Unknown))
    R.reset();
  S.points[V] = R;
}

// A lock handle returned by value (mongo-c-driver's `mc_tpld_modification
// mc_tpld_modify_begin(t)`, which locks t's mutex and returns `{.new_td = ..., .topology = t}`,
// released by `mc_tpld_modify_commit(mod)` / `mc_tpld_modify_drop(mod)` unlocking
// `mod.topology->mtx`): the caller's copy of the struct remembers which object each pointer
// field points to, so an unlock through the copy, or through a callee given the copy by value
// (ArgRef::fields, substituteRef), names the lock the call took.
static const VarDecl *handleVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? strip(E) : nullptr);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || V->getType().isVolatileQualified() ||
      !V->getType()->isRecordType())
    return nullptr;
  return V;
}

std::map<std::string, ObjRef> Extractor::fieldsOf(const Expr *E, const State &S) {
  std::map<std::string, ObjRef> Out;
  if (!E)
    return Out;
  E = strip(E);
  if (const auto *CL = dyn_cast<CompoundLiteralExpr>(E))
    E = strip(CL->getInitializer());
  // a named object: not a local struct, a moving pointer or memory of this frame
  auto Keep = [&](std::optional<ObjRef> R) -> std::optional<ObjRef> {
    if (!R || R->fresh || R->automatic || R->root == ObjRef::Local || R->root == ObjRef::Unknown)
      return std::nullopt;
    return R;
  };
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    if (IL->isSyntacticForm() && IL->getSemanticForm())
      IL = IL->getSemanticForm();
    const RecordDecl *RD = IL->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return Out;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= IL->getNumInits())
        break;
      const Expr *Init = IL->getInit(I++);
      if (!F->getType()->isPointerType() || !F->getIdentifier())
        continue;
      if (const VarDecl *V = pointerVar(Init); V && Cur->Moving.count(V))
        continue;
      if (auto R = Keep(resolveObj(strip(Init), true))) {
        if (R->path.empty())  // the record it points to, for the fields a callee reaches through it
          if (const RecordDecl *P = F->getType()->getPointeeType()->getAsRecordDecl())
            R->cls = recordName(P);
        Out[F->getNameAsString()] = *R;
      }
    }
    return Out;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const Summary *Sum = Callee && !isa<CXXMethodDecl>(Callee) ? summaryOf(Callee) : nullptr;
    if (!Sum || Sum->retFields.empty())
      return Out;
    std::vector<ArgRef> AR;
    for (const Expr *A : CE->arguments())
      AR.push_back(argOf(A));
    for (const auto &[F, R] : Sum->retFields) {
      auto X = substitute(R, AR, ArgRef{});
      // an object reached through a local pointer (mongo-c-driver's `client =
      // mongoc_client_pool_pop(pool)`, then `tdmod = mc_tpld_modify_begin(client->topology)`):
      // the lock the call takes there is named through that local, and so is its handle's field
      if (X && X->root == ObjRef::Local && !X->path.empty() && !X->fresh && !X->automatic) {
        Out[F] = *X;
        continue;
      }
      if (auto K = Keep(X))
        Out[F] = *K;
    }
    return Out;
  }
  if (const VarDecl *V = handleVar(E))  // a copy of another handle
    if (auto It = S.fieldPoints.find(V); It != S.fieldPoints.end())
      Out = It->second;
  return Out;
}

void Extractor::updateFieldPoints(const Stmt *St, State &S) {
  auto Track = [&](const VarDecl *V) {
    return V && !Cur->AddrTaken.count(V) && !Cur->CapturedByRef.count(V) &&
           (!Ctx.getLangOpts().CPlusPlus || V->getType().isTriviallyCopyableType(Ctx));
  };
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D)) {
        S.fieldPoints.erase(V);
        if (V->hasInit() && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
            V->getType()->isRecordType() && !V->getType().isVolatileQualified() && Track(V)) {
          auto F = fieldsOf(V->getInit(), S);
          if (!F.empty())
            S.fieldPoints[V] = std::move(F);
        }
      }
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St); U && U->isIncrementDecrementOp())
    if (const auto *ME = dyn_cast<MemberExpr>(strip(U->getSubExpr())); ME && !ME->isArrow())
      if (const VarDecl *V = handleVar(ME->getBase()))
        if (auto It = S.fieldPoints.find(V); It != S.fieldPoints.end())
          It->second.erase(ME->getMemberDecl()->getNameAsString());
  const auto *BO = dyn_cast<BinaryOperator>(St);
  if (!BO || !BO->isAssignmentOp())
    return;
  if (const VarDecl *V = handleVar(BO->getLHS())) {  // `tdmod = mc_tpld_modify_begin(t)`
    S.fieldPoints.erase(V);
    if (BO->getOpcode() == BO_Assign && Track(V)) {
      auto F = fieldsOf(BO->getRHS(), S);
      if (!F.empty())
        S.fieldPoints[V] = std::move(F);
    }
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS())); ME && !ME->isArrow())  // `g.m = &x->mu`
    if (const VarDecl *V = handleVar(ME->getBase())) {
      std::string F = ME->getMemberDecl()->getNameAsString();
      if (auto It = S.fieldPoints.find(V); It != S.fieldPoints.end())
        It->second.erase(F);
      if (BO->getOpcode() != BO_Assign || !Track(V) || !ME->getType()->isPointerType())
        return;
      const VarDecl *P = pointerVar(BO->getRHS());
      auto R = P && Cur->Moving.count(P) ? std::nullopt : resolveObj(strip(BO->getRHS()), true);
      if (!R || R->fresh || R->automatic || R->root == ObjRef::Local || R->root == ObjRef::Unknown)
        return;
      if (R->path.empty())
        if (const RecordDecl *PR = ME->getType()->getPointeeType()->getAsRecordDecl())
          R->cls = recordName(PR);
      S.fieldPoints[V][F] = *R;
    }
}

void Extractor::handleStmt(const Stmt *St, State &S) {
  // what the path knows of the arguments' fields at the call (ArgRef::fieldFacts): before
  // forgetFacts() drops the facts about the objects the call is given
  CallFieldFacts.clear();
  if (!S.assume.empty())
    if (const auto *CE = dyn_cast<CallExpr>(St))
      for (const Expr *A : CE->arguments())
        if (auto F = fieldFactsOf(A, S); !F.empty())
          CallFieldFacts.emplace_back(A, std::move(F));
  updateEntryDirty(St, S);  // before forgetFacts() drops the facts about what the call is given
  updateAssumptions(St, S);
  updateFlags(St, S);
  updateFresh(St, S);
  updateUnpub(St, S);
  updateInstances(St, S);
  updatePoints(St, S);
  updateFieldPoints(St, S);
  if (const auto *RS = dyn_cast<ReturnStmt>(St); RS && Cur->FD->getReturnType()->isRecordType()) {
    // Function::retFields: what every return agrees on
    auto F = fieldsOf(RS->getRetValue(), S);
    if (!Cur->RetFields) {
      Cur->RetFields = std::move(F);
    } else {
      for (auto It = Cur->RetFields->begin(); It != Cur->RetFields->end();) {
        auto O = F.find(It->first);
        It = O != F.end() && O->second.sameIdent(It->second) ? std::next(It) : Cur->RetFields->erase(It);
      }
    }
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St); RS && RS->getRetValue() && Cur->FD->getReturnType()->isPointerType()) {
    // Function::retFields["*"]: the object every non-null return points to, named by the
    // parameters or a global (`return &dir_lock;`, `return (void *)m;` after `m = &stripes[k]`):
    // a caller's `l = lock_dir(); ... unlock(l)` releases what the call took. A method's may be
    // named by its object: a getter `omni_mutex *get_attr_mutex() { return &(ext->attr_mutex); }`
    // (tango's attributes), whose caller locks `attr_mut = att.get_attr_mutex()`, the mutex of
    // that attribute (resolveObj() of a member call).
    const Expr *V = RS->getRetValue()->IgnoreParenCasts();
    const auto *MD = dyn_cast<CXXMethodDecl>(Cur->FD);
    if (!V->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
      std::map<std::string, ObjRef> F;
      if (auto R = resolveObj(V, true);
          R && (R->root == ObjRef::Global || R->root == ObjRef::Param || (R->root == ObjRef::This && MD && MD->isInstance())) &&
          !R->fresh && !R->automatic)
        F["*"] = *R;
      if (!Cur->RetFields) {
        Cur->RetFields = std::move(F);
      } else if (auto It = Cur->RetFields->find("*"); It != Cur->RetFields->end()) {
        auto O = F.find("*");
        if (O == F.end() || !O->second.sameIdent(It->second))
          Cur->RetFields->erase(It);
      }
    }
  }
  if (const auto *AE = dyn_cast<AtomicExpr>(St)) {
    // GCC's `__atomic_exchange_n`/`__atomic_store_n` and C11's `__c11_atomic_*` builtins
    // (`atomic_flag_test_and_set()`, `atomic_exchange()`, `atomic_store()` of <stdatomic.h>): a
    // spin lock's try and release, as the `__sync_*` calls and `__atomic_test_and_set()`
    // (spinPrimitive())
    std::optional<LockOp::Kind> K;
    // the value stored (getVal1() is there only for the operations that take one: a load has
    // none, and asking is out of bounds)
    auto Stored = [&]() -> std::optional<long long> {
      const Expr *X = AE->getNumSubExprs() >= 3 ? AE->getVal1() : nullptr;
      return X ? constantOf(X->IgnoreParenImpCasts(), Ctx) : std::nullopt;
    };
    std::optional<long long> V;
    switch (AE->getOp()) {
    case AtomicExpr::AO__atomic_exchange_n:
    case AtomicExpr::AO__c11_atomic_exchange:
    case AtomicExpr::AO__atomic_store_n:
    case AtomicExpr::AO__c11_atomic_store:
      V = Stored();
      break;
    default:
      break;
    }
    switch (AE->getOp()) {
    case AtomicExpr::AO__atomic_exchange_n:
    case AtomicExpr::AO__c11_atomic_exchange:
      if (V)
        K = *V != 0 ? LockOp::Try : LockOp::Release;
      break;
    case AtomicExpr::AO__atomic_store_n:
    case AtomicExpr::AO__c11_atomic_store:
      if (V && *V == 0)
        K = LockOp::Release;
      break;
    default:
      break;
    }
    if (K)
      if (auto R = resolveLock(AE->getPtr())) {
        Cur->AnyLock = true;
        if (*K == LockOp::Release) {
          release(S, *R, AE->getBeginLoc());
        } else {
          PendingTry P;
          P.locks.push_back({*R, false, true, {{site(AE->getBeginLoc()), "'" + R->name() + "' acquired here (trylock)"}}});
          S.pending[AE] = P;
        }
      }
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    const CallExpr *Saved = CurCall;
    CurCall = CE;
    handleCall(CE, S);
    CurCall = Saved;
    if (auto It = Cur->CallAcquired.find(CE); It != Cur->CallAcquired.end() && !It->second.empty() && guardTemporary(CE))
      for (const auto &R : It->second)
        release(S, R, CE->getEndLoc());
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(St)) {
    // guards are handled with their DeclStmt (or the assignment they are moved into); everything else here
    std::string Cls = stdRecord(CE->getType());
    if (guardClass(Cls)) {
      handleConstruct(CE, nullptr, S);
      return;
    }
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
  if (isa<BinaryOperator>(St) && handleCleanupPop(St, S))
    return;
  if (Cur->Emit)
    handleAccess(St, S);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->getOpcode() == BO_Assign)
    handleAccess(St, S);  // keeps Derived up to date
}

// A successor of the test of a pending trylock (or checked lock, or conditional release):
// on success the lock is held from here on (a successful trylock adds no edge); on failure
// a conditional release has released it, a checked lock that failed is not held.
void Extractor::settleTry(State &St, const void *K, const PendingTry &P, bool Success) {
  St.pending.erase(K);
  for (const auto &H : P.locks)
    if (Success && !P.release) {
      St.add(H);
      llvm::erase_if(St.released, [&](const ObjRef &R) { return R.sameIdent(H.ref); });  // taken back
    }
    else if (!Success && P.release)
      release(St, H.ref);
    else if (!Success && P.held) {
      St.remove(H.ref);
      St.tried.insert(H.ref.ident());  // a checked lock that failed
    } else if (!Success) {
      St.tryFailed.emplace(H.ref.ident(), H.ref);
    }
}

// `switch (pthread_mutex_trylock(lock)) { case 0: ...; case EBUSY: ...; default: ... }`
// (the Boehm GC's GC_generic_lock()): per successor of the switch block, in order, whether the
// call succeeded there. The switch is on the call itself or on the variable its result is
// kept in (`V`; `VStyle`: its pthread style, flipped when it keeps a test of the result).
// A pthread-style call succeeds in `case 0`, a boolean one in any nonzero case; `default`
// fails when a case names the success value (and is unknown otherwise, as is a case range).
std::optional<std::vector<bool>> Extractor::switchSuccess(const CFGBlock *B, const SwitchStmt *SW, const void *K,
                                                          const VarDecl *V, bool VStyle, bool Style) const {
  const Expr *C = SW->getCond() ? strip(SW->getCond()) : nullptr;
  if (!C)
    return std::nullopt;
  bool Pthread = Style;
  if (C != K) {
    const auto *DRE = dyn_cast<DeclRefExpr>(C);
    if (!V || !DRE || DRE->getDecl() != V)
      return std::nullopt;
    Pthread = VStyle;
  }
  auto Wins = [&](const llvm::APSInt &X) { return Pthread ? X == 0 : X != 0; };
  bool NamesSuccess = false;
  for (const SwitchCase *SC = SW->getSwitchCaseList(); SC; SC = SC->getNextSwitchCase())
    if (const auto *CS = dyn_cast<CaseStmt>(SC)) {
      Expr::EvalResult R;
      if (CS->caseStmtIsGNURange() || !CS->getLHS()->EvaluateAsInt(R, Ctx))
        return std::nullopt;
      NamesSuccess = NamesSuccess || Wins(R.Val.getInt());
    }
  std::vector<bool> Out;
  for (const auto &Adj : B->succs()) {
    const CFGBlock *T = Adj.getReachableBlock() ? Adj.getReachableBlock() : Adj.getPossiblyUnreachableBlock();
    const Stmt *L = T ? T->getLabel() : nullptr;
    if (const auto *CS = dyn_cast_or_null<CaseStmt>(L)) {
      Expr::EvalResult R;
      if (!CS->getLHS()->EvaluateAsInt(R, Ctx))
        return std::nullopt;
      Out.push_back(Wins(R.Val.getInt()));
    } else if (!NamesSuccess) {
      return std::nullopt;  // default (or the switch's end) may be the success
    } else {
      Out.push_back(false);
    }
  }
  return Out;
}

void Extractor::resolvePending(const CFGBlock *B, const State &S, std::vector<State> &Succ) {
  const Stmt *T = B->getTerminatorCondition();
  const auto *Cond = dyn_cast_or_null<Expr>(T);
  // the last test of `if (q->head && pthread_mutex_trylock(m) == 0)` (squid's aiops.cc): this
  // block evaluates the right operand, and the branch follows its value
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Cond ? Cond->IgnoreParenImpCasts() : nullptr);
      BO && BO->isLogicalOp() && B->getTerminatorStmt() != BO)
    Cond = B->getLastCondition();
  // the variable a call's result is stored in (`rc = pthread_mutex_trylock(m)`), or a test of
  // it (`locked = (pthread_mutex_trylock(m) == 0)`: Flip, the variable is nonzero on success
  // of a pthread-style call), or null
  auto into = [&](const void *K, const PendingTry &P, bool &Flip) -> const VarDecl * {
    Flip = false;
    if (P.keyIsVar)
      return nullptr;
    if (const VarDecl *V = resultVar(static_cast<const Stmt *>(K)))
      return V;
    return testedResultVar(static_cast<const Stmt *>(K), Flip);
  };
  // `(trylock(m) == 0) ? OK : BUSY`: a branch that only maps the trylock's result to the
  // library's codes; the test of that code decides (successWhenTrue()), so it stays pending
  const Stmt *Term = B->getTerminatorStmt();
  const auto *Map = mapsToConstants(Term, Ctx) ? cast<ConditionalOperator>(Term) : nullptr;
  for (const auto &[K, P] : S.pending) {
    if (Map && successWhenTrue(Map->getCond(), K, P.pthreadStyle, Ctx)) {
      for (auto &St : Succ)
        if (auto It = St.pending.find(K); It != St.pending.end())
          It->second.mapped = true;
      continue;
    }
    if (const auto *SW = dyn_cast_or_null<SwitchStmt>(Term)) {
      bool Flip = false;
      const VarDecl *V = into(K, P, Flip);
      std::optional<std::vector<bool>> Won = switchSuccess(B, SW, K, V, P.pthreadStyle != Flip, P.pthreadStyle);
      if (!Won || Won->size() != Succ.size())
        continue;
      for (size_t I = 0; I < Succ.size(); ++I)
        settleTry(Succ[I], K, P, (*Won)[I]);
      continue;
    }
    auto W = successWhenTrue(Cond, K, P.pthreadStyle, Ctx);
    bool Flip = false;
    if (!W)
      if (const VarDecl *V = into(K, P, Flip))
        W = successWhenTrue(Cond, V, P.pthreadStyle != Flip, Ctx);
    if (!W || !twoWay(B))
      continue;
    size_t SuccessIdx = *W ? 0 : 1;
    for (size_t I = 0; I < Succ.size(); ++I)
      settleTry(Succ[I], K, P, I == SuccessIdx);
  }
  // unconsumed: a result stored in a variable stays pending under the variable; any other
  // trylock is assumed held (no edges were added for it)
  for (auto &St : Succ)
    for (auto It = St.pending.begin(); It != St.pending.end();) {
      if (It->second.keyIsVar || It->second.mapped) {
        ++It;
        continue;
      }
      bool Flip = false;
      if (const VarDecl *V = into(It->first, It->second, Flip)) {
        PendingTry PT = It->second;
        PT.keyIsVar = true;
        PT.pthreadStyle = PT.pthreadStyle != Flip;
        It = St.pending.erase(It);
        St.pending[V] = PT;
        continue;
      }
      if (!It->second.release)  // a conditional release not tested: left as it was
        for (const auto &H : It->second.locks)
          St.add(H);
      It = St.pending.erase(It);
    }
}

// The end of a cleanup frame's scope: a frame left without its pop (a return or break
// inside the push/pop block) runs the handler, as its destructor or cleanup function does.
void Extractor::endCleanupFrame(const VarDecl *VD, State &S) {
  auto Frame = cleanupFrame(VD);
  if (!Frame)
    return;
  if (!S.popped.erase(VD))
    runCleanupHandler(Frame->first, Frame->second, VD->getInit(), S);
}

void Extractor::transfer(const CFGBlock *B, State &S) {
  bool ToExit = B->succ_size() == 1 && B->succ_begin()->getReachableBlock() &&
                B->succ_begin()->getReachableBlock()->succ_empty();
  const State *Saved = CurState;
  CurState = &S;
  Cur->InDying = Cur->Dying.count(B) > 0;
  for (const CFGElement &E : *B) {
    if (!S.live)
      break;  // a path that ends here (a read through a pointer it knows null: updateAssumptions())
    if (auto CS = E.getAs<CFGStmt>()) {
      handleStmt(CS->getStmt(), S);
    } else if (auto LE = E.getAs<CFGLifetimeEnds>()) {
      // out of scope: what the paths knew about it no longer tells them apart (the loop
      // counters of a scoped-lock macro would otherwise fill the disjuncts); at a return the
      // facts stay for the function's net effect (a local returned null locked nothing)
      if (ToExit)
        continue;
      for (auto It = S.assume.begin(); It != S.assume.end();)
        It = It->first.V == LE->getVarDecl() ? S.assume.erase(It) : std::next(It);
      S.fresh.erase(LE->getVarDecl());
      S.unpub.erase(LE->getVarDecl());
    } else if (auto CF = E.getAs<CFGCleanupFunction>()) {
      endCleanupFrame(CF->getVarDecl(), S);
      if (auto It = S.guards.find(CF->getVarDecl()); It != S.guards.end())
        endGuard(It, S);
    } else if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
      const VarDecl *VD = D->getVarDecl();
      endCleanupFrame(VD, S);
      auto It = S.guards.find(VD);
      if (It != S.guards.end()) {
        if (It->second.owns && It->second.reverse) {
          const Stmt *End = D->getTriggerStmt();
          GuardSt G = It->second;
          S.guards.erase(It);
          // the caller's lock (released here without being held) is the caller's again: no
          // acquisition of this function's own (no net acquire of its summary)
          std::vector<ObjRef> Own;
          for (const auto &R : G.refs) {
            auto Rel = std::find_if(S.released.begin(), S.released.end(), [&](const ObjRef &X) { return X.sameIdent(R); });
            if (Rel == S.released.end()) {
              Own.push_back(R);
              continue;
            }
            S.released.erase(Rel);
            HeldL H;
            H.ref = R;
            H.entry = true;
            H.notes = {{site(Cur->FD->getLocation()), "'" + R.name() + "' held by the caller of " + fnName(Cur->FD) + "()"}};
            S.add(H);
          }
          const auto *RD = VD->getType()->getAsCXXRecordDecl();
          if (!Own.empty())
            acquire(S, Own, false, Own.size() > 1, {}, End ? End->getEndLoc() : VD->getLocation(),
                    " again by " + (RD ? recordName(RD) + "'s destructor" : std::string("a destructor")));
          continue;
        }
        endGuard(It, S);
      }
    }
  }
  CurState = Saved;
}

// A guard's scope ends (a destructor, a C cleanup function): it releases what it owns.
void Extractor::endGuard(std::map<const VarDecl *, GuardSt>::iterator It, State &S) {
  if (It->second.owns)
    for (const auto &R : It->second.refs)
      release(S, R);
  S.guards.erase(It);
}

const Summary *Extractor::summaryOf(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Def = FD->getDefinition())
    FD = Def;
  if (InProgress.count(FD)) {  // a recursion: no summary (also in the final pass, run())
    if (Cur && Cur->FD != FD)
      Cur->SawInProgress = true;
    return nullptr;
  }
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
    for (const auto &N : S.netAcquire)
      S.acquireWhen.push_back(N.when);
    S.netRelease = E->second.netRelease;
    if (E->second.releaseWhen.size() == S.netRelease.size())
      S.releaseWhen = E->second.releaseWhen;
    S.retFields = E->second.retFields;
    return &(Summaries[FD] = std::move(S));
  }
  if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() || (!inUserCode(FD) && !libraryLockWrapper(FD)) ||
      closureSpecialMember(FD) || Depth > 48)
    return nullptr;
  analyze(FD);
  It = Summaries.find(FD);
  return It == Summaries.end() ? nullptr : &It->second;
}

namespace {
// The condition on a parameter's value (or on a field of the object it points to or is,
// ParamCond::path) that every exit holding a lock knows and that every exit without it
// contradicts (`if (doLock) lock();`): the lock is taken under it (W: what each exit knows,
// Extractor::whenOf()). Exits that know different values of one parameter or field hold it
// when it has one of those values (slurm's lock_slurmctld(): `if (lock_levels.job == READ_LOCK)
// rdlock(..); else if (lock_levels.job == WRITE_LOCK) wrlock(..);` after the same test's
// READ_LOCK exits: the job lock is held when `.job` is READ_LOCK or WRITE_LOCK).
std::optional<ParamCond> takenWhen(const std::vector<const std::vector<ParamCond> *> &With,
                                   const std::vector<const std::vector<ParamCond> *> &Without) {
  if (With.empty() || Without.empty())
    return std::nullopt;
  auto same = [](const ParamCond &A, const ParamCond &B) {
    return A.param == B.param && A.path == B.path && A.first == B.first && A.mask == B.mask;
  };
  // every value C allows fails some condition W knows of the same value
  auto excludes = [&](const ParamCond &C, const std::vector<ParamCond> *W) {
    if (std::any_of(W->begin(), W->end(), [&](const ParamCond &O) { return O.param == C.param && O.path == C.path && contradicts(O, C); }))
      return true;
    if (!C.eq)
      return false;
    std::vector<long long> Vs{C.k};
    Vs.insert(Vs.end(), C.alt.begin(), C.alt.end());
    return std::all_of(Vs.begin(), Vs.end(), [&](long long V) {
      return std::any_of(W->begin(), W->end(), [&](const ParamCond &O) { return same(O, C) && !O.admits(V); });
    });
  };
  for (const ParamCond &C0 : *With.front()) {
    if (C0.param < 0)
      continue;
    std::optional<ParamCond> C;
    if (std::all_of(With.begin(), With.end(), [&](const auto *W) { return std::find(W->begin(), W->end(), C0) != W->end(); })) {
      C = C0;
    } else if (C0.eq) {  // the values the exits know, together
      std::set<long long> Vs;
      for (const auto *W : With) {
        auto It = std::find_if(W->begin(), W->end(), [&](const ParamCond &O) { return same(O, C0) && O.eq; });
        if (It == W->end()) {
          Vs.clear();
          break;
        }
        Vs.insert(It->k);
        Vs.insert(It->alt.begin(), It->alt.end());
      }
      constexpr size_t MaxValues = 64;
      if (Vs.empty() || Vs.size() > MaxValues)
        continue;
      C = C0;
      C->k = *Vs.begin();
      C->alt.assign(std::next(Vs.begin()), Vs.end());
    }
    if (C && std::all_of(Without.begin(), Without.end(), [&](const auto *W) { return excludes(*C, W); }))
      return C;
  }
  return std::nullopt;
}

// Does the block end by throwing (its last statement a `throw`)? As an edge to the exit, the
// exception leaves the function (a throw inside a `try` goes to its handlers instead).
bool throwsOut(const CFGBlock &B) {
  for (auto E = B.rbegin(); E != B.rend(); ++E)
    if (auto CS = E->getAs<CFGStmt>())
      return isa<CXXThrowExpr>(CS->getStmt());
  return false;
}

// Is E a call of fork()?
bool isForkCall(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() && FD->getName() == "fork" && CE->getNumArgs() == 0;
}

// For a branch on fork()'s result: 1 if the condition is true in the child (fork() == 0), 0 if
// false there and true in every parent (`pid`, `pid != 0`, `fork()`; `pid > 0` leaves the
// failed fork on the child's side, a process that did not fork: it still runs once), -1 if
// the condition does not say. `Pid`: the local the result was stored in, if any.
int childValue(const Expr *Cond, const VarDecl *Pid) {
  auto IsFork = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isForkCall(E))
      return true;
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    return Pid && DRE && DRE->getDecl() == Pid;
  };
  auto IsZero = [](const Expr *E) {
    const auto *IL = dyn_cast<IntegerLiteral>(E->IgnoreParenImpCasts());
    return IL && IL->getValue() == 0;
  };
  Cond = Cond->IgnoreParenImpCasts();
  if (IsFork(Cond))
    return 0;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot && IsFork(UO->getSubExpr()))
    return 1;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    if (IsZero(L) && IsFork(R))
      std::swap(L, R);
    if (!IsFork(L) || !IsZero(R))
      return -1;
    switch (BO->getOpcode()) {
    case BO_EQ: return 1;
    case BO_NE:
    case BO_GT: return 0;
    default: return -1;
    }
  }
  return -1;
}
}  // namespace

// Statements of a function that run only in the child of one of its fork()s: those reachable
// from the branch the child takes (`case 0:` of `switch (fork())`, the false side of `if (pid
// > 0)`) and from no branch a parent takes. A parent that leaves the function (returns,
// exits) reaches none of them (Call::forkChild).
std::set<const Stmt *> Extractor::forkChildStmts(const CFG &G) const {
  std::set<const Stmt *> Out;
  // locals assigned fork()'s result (`pid = fork()`, `pid_t pid = fork();`)
  std::set<const VarDecl *> Pids;
  bool AnyFork = false;
  for (const CFGBlock *B : G)
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>()) {
        const Stmt *St = CS->getStmt();
        if (const auto *DS = dyn_cast<DeclStmt>(St)) {
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasInit() && isForkCall(V->getInit()))
              Pids.insert(V), AnyFork = true;
        } else if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->getOpcode() == BO_Assign &&
                                                                   isForkCall(BO->getRHS())) {
          if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
              Pids.insert(V);
          AnyFork = true;
        } else if (isa<CallExpr>(St) && isForkCall(cast<CallExpr>(St))) {
          AnyFork = true;
        }
      }
  if (!AnyFork)
    return Out;
  auto Reach = [&](const std::vector<const CFGBlock *> &From) {
    std::set<const CFGBlock *> Seen;
    std::vector<const CFGBlock *> Work = From;
    while (!Work.empty()) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      if (!B || !Seen.insert(B).second)
        continue;
      for (const auto &S : B->succs())
        Work.push_back(S.getReachableBlock());
    }
    return Seen;
  };
  for (const CFGBlock *T : G) {
    const Stmt *Term = T->getTerminatorStmt();
    if (!Term)
      continue;
    std::vector<const CFGBlock *> Child, Parent;
    if (const auto *SS = dyn_cast<SwitchStmt>(Term)) {
      const Expr *C = SS->getCond()->IgnoreParenImpCasts();
      const auto *DRE = dyn_cast<DeclRefExpr>(C);
      if (!isForkCall(C) && !(DRE && Pids.count(dyn_cast<VarDecl>(DRE->getDecl()))))
        continue;
      for (const auto &S : T->succs()) {
        const CFGBlock *B = S.getReachableBlock();
        if (!B)
          continue;
        const auto *CS = dyn_cast_or_null<CaseStmt>(B->getLabel());
        const auto *IL = CS ? dyn_cast<IntegerLiteral>(CS->getLHS()->IgnoreParenImpCasts()) : nullptr;
        (IL && IL->getValue() == 0 && !CS->getRHS() ? Child : Parent).push_back(B);
      }
    } else if (const auto *IS = dyn_cast<IfStmt>(Term); IS && T->succ_size() == 2) {
      const VarDecl *Pid = nullptr;
      for (const VarDecl *V : Pids)
        if (childValue(IS->getCond(), V) >= 0)
          Pid = V;
      int V = childValue(IS->getCond(), Pid);
      if (V < 0)
        continue;
      auto It = T->succ_begin();
      const CFGBlock *TrueB = It->getReachableBlock(), *FalseB = (It + 1)->getReachableBlock();
      Child.push_back(V ? TrueB : FalseB);
      Parent.push_back(V ? FalseB : TrueB);
    } else {
      continue;
    }
    if (Child.empty())
      continue;
    std::set<const CFGBlock *> ByParent = Reach(Parent);
    for (const CFGBlock *B : Reach(Child))
      if (!ByParent.count(B) && B != T)
        for (const CFGElement &El : *B)
          if (auto CS = El.getAs<CFGStmt>())
            Out.insert(CS->getStmt());
  }
  return Out;
}

// Is the call the thread's way out for an error (Call::dying)? The C library's ways out,
// declared in a system header: abort(), a failed assert() (__assert_fail), err() and errx(),
// std::terminate(), and exit(), _exit(), _Exit() and quick_exit() with a status that is not the
// constant 0 (`exit(0)` is how a run ends, not a fatal error). And a function of the program
// declared noreturn (below), and longjmp() (to an error handler: a raise). Not pthread_exit() (one
// thread ends) or a throw expression.
bool Extractor::endsProcess(const CallExpr *CE, unsigned Depth) const {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()))) {
    if (N == "terminate")
      return FD->isInStdNamespace();
    if (N == "abort" || N == "__assert_fail" || N == "__assert_perror_fail" || N == "__assert" || N == "err" ||
        N == "errx" || N == "verr" || N == "verrx")
      return true;
    if (N == "longjmp" || N == "_longjmp" || N == "siglongjmp" || N == "__longjmp_chk")
      return true;  // to an error handler (a raise)
    if (N == "exit" || N == "_exit" || N == "_Exit" || N == "quick_exit") {
      if (CE->getNumArgs() != 1)
        return false;
      auto K = constantOf(CE->getArg(0), Ctx);
      return !K || *K != 0;
    }
    return false;
  }
  // A function of the program declared noreturn is its error way out: a fatal error, or a raise
  // that longjmps to a handler (ruby's rb_raise(), rb_sys_fail(), rb_bug()) or throws. Its body,
  // when this TU has it, says otherwise when some way through it ends the run normally
  // (`exit(0)`, pthread_exit()) or goes round for ever (a server's loop).
  if (!FD->isNoReturn())
    return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || !Def->getBody() || Depth >= 2)
    return true;  // (as declared)
  auto [It, New] = EndsProcess.try_emplace(Def, false);  // (false while it is worked out: recursion)
  if (!New)
    return It->second;
  CFG::BuildOptions Opts;
  std::unique_ptr<CFG> G = CFG::buildCFG(Def, Def->getBody(), &Ctx, Opts);
  bool Ends = G && dyingBlocks(*G, Def, Depth + 1).count(&G->getEntry()) > 0;
  EndsProcess[Def] = Ends;
  return Ends;
}

// The blocks from which every way ends the process for an error (endsProcess()): a block with
// such a call, and a block all of whose successors are such blocks (least fixpoint: a loop
// that may go round forever does not die). A lock taken there, or a call made there, is the
// thread's way out: what it takes while it holds other locks makes no lock order of the
// running program (Acquire::dying). In main(), an exit at the end of every way is how the
// program finishes: only a branch to one counts there.
std::set<const CFGBlock *> Extractor::dyingBlocks(const CFG &G, const FunctionDecl *FD, unsigned Depth) const {
  std::set<const CFGBlock *> Out;
  for (const CFGBlock *B : G) {
    if (!B->hasNoReturnElement())
      continue;  // (the call ends its block)
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>())
        if (const auto *CE = dyn_cast<CallExpr>(CS->getStmt()); CE && endsProcess(CE, Depth)) {
          Out.insert(B);
          break;
        }
  }
  if (Out.empty())
    return Out;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *B : G) {
      if (Out.count(B) || B == &G.getExit())
        continue;
      bool Any = false, All = true;
      for (const auto &S : B->succs())
        if (const CFGBlock *X = S.getReachableBlock()) {
          Any = true;
          All = All && Out.count(X) > 0;
        }
      if (Any && All)
        Changed = Out.insert(B).second || Changed;
    }
  }
  if (FD && FD->isMain() && Out.count(&G.getEntry()))
    Out.clear();
  return Out;
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
  Opts.AddLifetime = true;  // path facts about a local end with its scope
  Opts.AddInitializers = false;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = Body ? CFG::buildCFG(FD, Body, &Ctx, Opts) : nullptr;

  Function Fn;
  Fn.id = fnId(FD);
  Fn.name = fnName(FD);
  Fn.site = site(FD->getLocation());
  // (or run by the loader before main / at exit: single-threaded, and called by nothing)
  Fn.isCtorOrDtor = isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD) || FD->hasAttr<ConstructorAttr>() ||
                    FD->hasAttr<DestructorAttr>();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual() && !isa<CXXDestructorDecl>(MD)) {
    std::vector<const CXXMethodDecl *> Up(MD->begin_overridden_methods(), MD->end_overridden_methods());
    std::set<const CXXMethodDecl *> Seen;
    while (!Up.empty() && Seen.size() < 64) {
      const CXXMethodDecl *B = Up.back();
      Up.pop_back();
      if (!Seen.insert(B->getCanonicalDecl()).second)
        continue;
      Fn.overrides.push_back(fnId(B));
      Up.insert(Up.end(), B->begin_overridden_methods(), B->end_overridden_methods());
    }
    std::sort(Fn.overrides.begin(), Fn.overrides.end());
  }

  FnCtx C;
  C.FD = FD;
  C.Fn = &Fn;
  C.Body = Body;
  if (G)
    C.ForkChild = forkChildStmts(*G);
  if (G)
    C.Dying = dyingBlocks(*G, FD);
  if (FD->getReturnType()->isPointerType())
    C.AllocConds.emplace();
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD)) {
    // `mu_(mu)`, or the address of a reference parameter (clucene's mutexGuard:
    // `mrMutex(&rMutex)`): the field names the object the caller passes
    auto paramOf = [](const Expr *E) -> const ParmVarDecl * {
      E = strip(E);
      bool Addr = false;
      if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
        E = strip(UO->getSubExpr());
        Addr = true;
      }
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
      if (PV && Addr && !PV->getType()->isReferenceType())
        return nullptr;  // the address of the parameter's own copy
      return PV;
    };
    for (const auto *Init : Ctor->inits())
      if (Init->isMemberInitializer() && Init->getInit())
        if (const ParmVarDecl *PV = paramOf(Init->getInit()))
          C.CtorAlias[Init->getMember()] = static_cast<int>(PV->getFunctionScopeIndex());
    // `mp = &m;` among the first statements of the body, before anything else assigns it
    if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Body)) {
      std::set<const FieldDecl *> Assigned;
      for (const Stmt *St : CS->body()) {
        const auto *BO = dyn_cast<BinaryOperator>(St);
        if (!BO || BO->getOpcode() != BO_Assign)
          continue;
        const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS()));
        const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
        if (!F || !isa<CXXThisExpr>(strip(ME->getBase())) || !F->getType()->isPointerType())
          continue;
        const ParmVarDecl *PV = paramOf(BO->getRHS());
        if (PV && !Assigned.count(F) && !C.CtorAlias.count(F))
          C.CtorAlias[F] = static_cast<int>(PV->getFunctionScopeIndex());
        else
          C.CtorAlias.erase(F);
        Assigned.insert(F);
      }
      // a field assigned again anywhere else in the body (`if (x) mp = other;`) names no parameter
      struct AssignCounter : RecursiveASTVisitor<AssignCounter> {
        std::map<const FieldDecl *, int> N;
        bool VisitBinaryOperator(BinaryOperator *BO) {
          if (BO->getOpcode() == BO_Assign)
            if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
              if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
                ++N[F];
          return true;
        }
      } AC;
      AC.TraverseStmt(const_cast<CompoundStmt *>(CS));
      for (auto It = C.CtorAlias.begin(); It != C.CtorAlias.end();)
        if (AC.N[It->first] > (Assigned.count(It->first) ? 1 : 0))
          It = C.CtorAlias.erase(It);
        else
          ++It;
    }
  }
  // by-reference captures: in lambdas inside this function, and in this lambda itself
  auto addCaptures = [&](const LambdaExpr *LE) {
    for (const LambdaCapture &Cap : LE->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef) {
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          C.CapturedByRef.insert(VD);
      } else if (Cap.getCaptureKind() == LCK_This) {
        C.ThisCaptured = true;
      }
  };
  struct LambdaFinder : RecursiveASTVisitor<LambdaFinder> {
    std::vector<const LambdaExpr *> L;
    std::vector<const BinaryOperator *> Rel;
    std::vector<const IfStmt *> Ifs;
    bool VisitIfStmt(IfStmt *S) {
      Ifs.push_back(S);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *E) {
      L.push_back(E);
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isRelationalOp())
        Rel.push_back(B);
      if (B->isAssignmentOp())
        write(B->getLHS());
      return true;
    }
    std::set<const VarDecl *> Written;
    std::set<const FieldDecl *> WrittenFields;
    void write(const Expr *E) {
      E = E->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Written.insert(V->getCanonicalDecl());
      } else if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          WrittenFields.insert(F);
      }
    }
    std::set<const VarDecl *> AddrTaken;
    std::set<const FieldDecl *> FieldAddrTaken;
    std::map<const VarDecl *, unsigned> AddrUses, AddrArgUses;  // all `&v`; those a call's argument or `(&v)->f`
    std::set<const VarDecl *> SpawnArg;
    static const VarDecl *addrOfVar(const Expr *E) {
      if (const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts()); U && U->getOpcode() == UO_AddrOf)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
          return dyn_cast<VarDecl>(DRE->getDecl());
      return nullptr;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      bool Spawn = !FD || FD->isInStdNamespace() ||  // std::async, std::thread's relatives
                   (FD->getIdentifier() && (FD->getName() == "pthread_create" || FD->getName() == "thrd_create"));
      for (const Expr *A : CE->arguments())
        if (const VarDecl *V = addrOfVar(A)) {
          ++AddrArgUses[V];
          if (Spawn)  // started threads share it (a call through a pointer may be anything)
            SpawnArg.insert(V);
        }
      return true;
    }
    bool VisitMemberExpr(MemberExpr *ME) {  // `(&v)->f` is `v.f`: no address kept
      if (ME->isArrow())
        if (const VarDecl *V = addrOfVar(ME->getBase()))
          ++AddrArgUses[V];
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp())
        write(U->getSubExpr());
      if (U->getOpcode() == UO_AddrOf) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
            AddrTaken.insert(V);
            AddrTaken.insert(V->getCanonicalDecl());  // a global: any of its declarations
            ++AddrUses[V];
          }
        if (const auto *ME = dyn_cast<MemberExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
          if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
            FieldAddrTaken.insert(F);
      }
      return true;
    }
  } LF;
  if (Body)
    LF.TraverseStmt(Body);
  for (const auto *LE : LF.L)
    addCaptures(LE);
  for (const auto &[V, N] : LF.AddrUses)
    if (V->hasLocalStorage() && !isa<ParmVarDecl>(V) && !V->getType()->isPointerType() &&
        !V->getType()->isReferenceType() && !LF.SpawnArg.count(V) && !C.CapturedByRef.count(V) &&
        LF.AddrArgUses[V] == N)
      C.OwnAddrArgs.insert(V);
  C.AddrTaken = std::move(LF.AddrTaken);
  C.FieldAddrTaken = std::move(LF.FieldAddrTaken);
  C.Written = std::move(LF.Written);
  C.WrittenFields = std::move(LF.WrittenFields);
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->getParent()->isLambda()) {
    // find our LambdaExpr through the enclosing function's body: captures are on the class
    for (const auto &Cap : MD->getParent()->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          C.CapturedByRef.insert(VD);
  }
  FnCtx *Saved = Cur;
  Cur = &C;
  findMoving(Body, FD);
  // `if (a->id < b->id) {...} else {...}` whose branches make the same calls on the same
  // objects (lock a, lock b in both) orders nothing
  std::set<const Expr *> NotGuards;
  for (const auto *IS : LF.Ifs) {
    if (!IS->getElse())
      continue;
    auto calls = [&](const Stmt *St) {
      struct CallSeq : RecursiveASTVisitor<CallSeq> {
        const Extractor *X;
        std::vector<std::string> Seq;
        bool VisitCallExpr(CallExpr *CE) {
          const FunctionDecl *FD = CE->getDirectCallee();
          std::string S = FD ? FD->getNameAsString() : "?";
          for (const Expr *A : CE->arguments())
            S += "," + X->baseOfExpr(A);
          Seq.push_back(S);
          return true;
        }
      } V;
      V.X = this;
      V.TraverseStmt(const_cast<Stmt *>(St));
      return V.Seq;
    };
    auto T = calls(IS->getThen());
    if (!T.empty() && T == calls(IS->getElse()))
      NotGuards.insert(IS->getCond()->IgnoreParenImpCasts());
  }
  for (const auto *B : LF.Rel) {
    if (NotGuards.count(B))
      continue;
    std::string L = baseOfExpr(B->getLHS()), R = baseOfExpr(B->getRHS());
    if (!L.empty() && !R.empty() && L != R)
      Fn.orderedBases.emplace_back(L, R);
  }
  // Parameters no object can be passed as both (a GstElement * and a GstPad *, in GStreamer's
  // gst_element_add_pad(element, pad), whose locks are one GstObject field): no two calls take
  // their locks in opposite orders (unless one call takes them both ways).
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    for (unsigned J = I + 1; J < FD->getNumParams(); ++J)
      if (disjointObjects(FD->getParamDecl(I)->getType(), FD->getParamDecl(J)->getType()))
        Fn.apartBases.emplace_back("P" + std::to_string(I), "P" + std::to_string(J));
  // Parameters whose roles the function's checks at its start tell apart (GStreamer's
  // gst_pad_link_full(srcpad, sinkpad): `g_return_val_if_fail (GST_PAD_IS_SRC (srcpad), ...)`,
  // `... GST_PAD_IS_SINK (sinkpad) ...`): one field of each, tested against different constants.
  // No object passes both checks in both places, so two calls never swap them.
  if (Body) {
    auto Roles = roleChecks(Body, Ctx);
    for (size_t I = 0; I < Roles.size(); ++I)
      for (size_t J = 0; J < Roles.size(); ++J)
        if (Roles[I].Param < Roles[J].Param && Roles[I].Field == Roles[J].Field && Roles[I].Value != Roles[J].Value)
          Fn.apartBases.emplace_back("P" + std::to_string(Roles[I].Param), "P" + std::to_string(Roles[J].Param));
  }

  std::set<std::string> TakenBack;  // caller locks no exit leaves released (below)
  if (G) {
    std::vector<std::vector<State>> In;
    // One block's states through the block and out along its edges (pruned by what the
    // states know); Out(N, S) receives each successor's state.
    auto step = [&](const CFGBlock *B, const std::function<void(const CFGBlock *, const State &)> &Out) {
      // In[B] changes while B's states flow on only when B is its own successor: copied then
      bool SelfLoop = false;
      for (const auto &SB : B->succs())
        SelfLoop = SelfLoop || SB.getReachableBlock() == B;
      std::vector<State> Copy;
      if (SelfLoop)
        Copy = In[B->getBlockID()];
      const std::vector<State> &Ins = SelfLoop ? Copy : In[B->getBlockID()];
      for (const State &S0 : Ins) {
        State S = S0;
        transfer(B, S);
        if (!twoWay(B)) {
          // every successor gets the same state (resolvePending treats them alike, only a
          // two-way branch is pruned): one state joined into each, not one copy per case of
          // a switch
          std::vector<State> One, Per;
          if (!S.pending.empty() && isa_and_nonnull<SwitchStmt>(B->getTerminatorStmt())) {
            // a switch on a trylock's result: each case knows whether it succeeded
            Per.assign(B->succ_size(), S);
            resolvePending(B, S, Per);
          } else if (!S.pending.empty()) {
            One.push_back(S);
            resolvePending(B, S, One);
          }
          const State &T0 = One.empty() ? S : One[0];
          size_t SuccIdx = 0;
          // a switch on a tracked value (`switch (mode[0])`, `switch (ctx->lsm.cmd_type)`):
          // each case's block knows its value, and the `default:` (or the way past the switch
          // when it has none) knows the value is none of them. A later test or switch of the
          // same value follows (lttng's two switches on one command code), and the events of
          // a case on a parameter happen only when the callers pass it (ParamCond).
          std::optional<FactKey> Sw;
          std::vector<long long> Listed;  // every case's value, when each is a constant
          const auto *SS = dyn_cast_or_null<SwitchStmt>(B->getTerminatorStmt());
          if (SS && (Sw = factKey(SS->getCond())) && Sw->mask)
            Sw.reset();
          if (Sw) {
            bool All = true;
            for (const SwitchCase *SC = SS->getSwitchCaseList(); SC && All; SC = SC->getNextSwitchCase())
              if (const auto *CS = dyn_cast<CaseStmt>(SC)) {
                std::optional<long long> V;
                if (!CS->getRHS())
                  V = constantOf(CS->getLHS()->IgnoreParenImpCasts(), Ctx);
                All = V.has_value();
                if (V)
                  Listed.push_back(*V);
              }
            std::sort(Listed.begin(), Listed.end());
            Listed.erase(std::unique(Listed.begin(), Listed.end()), Listed.end());
            if (!All || Listed.size() > MaxValues)
              Listed.clear();
          }
          for (const auto &SB : B->succs()) {
            const CFGBlock *N = SB.getReachableBlock();
            const State &T = Per.empty() ? T0 : Per[SuccIdx];
            ++SuccIdx;
            if (!N || !T.live)
              continue;
            const auto *Case = Sw ? dyn_cast_or_null<CaseStmt>(N->getLabel()) : nullptr;
            std::optional<long long> K;
            if (Case && !Case->getRHS())
              K = constantOf(Case->getLHS()->IgnoreParenImpCasts(), Ctx);
            if (K) {
              State C = T;
              if (assumeOn(C, *Sw, CondVal{true, *K}))
                Out(N, C);
              continue;
            }
            // the default: the switch's last successor, labelled `default:` or past the switch
            if (Sw && !Listed.empty() && !Case && &SB == &*(B->succs().end() - 1) &&
                (!N->getLabel() || isa<DefaultStmt>(N->getLabel()))) {
              State C = T;
              if (assumeOn(C, *Sw, factOf(false, Listed)))
                Out(N, C);
              continue;
            }
            if (auto D = decidedJoin(B, SuccIdx - 1, N, T)) {
              if (*D)
                Out(*D, T);
              continue;
            }
            Out(N, T);
          }
          continue;
        }
        std::vector<State> Succ;
        if (S.pending.empty()) {  // resolvePending has nothing to do
          Succ.reserve(2);
          Succ.push_back(S);
          Succ.push_back(std::move(S));
        } else {
          Succ.assign(2, S);
          resolvePending(B, S, Succ);
        }
        pruneBranches(B, Succ);
        flagBranches(B, Succ);
        unsigned I = 0;
        for (const auto &SB : B->succs()) {
          const CFGBlock *N = SB.getReachableBlock();
          if (N && Succ[I].live) {
            if (auto D = decidedJoin(B, I, N, Succ[I])) {
              if (*D)
                Out(*D, Succ[I]);
            } else {
              Out(N, Succ[I]);
            }
          }
          ++I;
        }
      }
    };
    // A block visited too often (a loop whose passes keep bringing new facts: mdk3's
    // mdk_parser(), 370 lines, an option loop per mode and then `while (1) switch (mode)`) is
    // dropped, and when that leaves blocks past it unreached, the flow runs again with such
    // blocks widened rather than dropped: its states become one per set of held locks, with only the
    // facts all of them share, and what reaches it later joins those (held locks only grow,
    // facts only go), so it settles. Dropping it left every block past it without a state, and
    // the final pass recorded none of their calls, locks or accesses: the functions they call
    // looked like callbacks any thread may run (flow_cut_blocks_kept.c).
    const std::set<FactKey> &Guards = lockGuardKeys();  // kept apart when paths join (joinInto())
    auto Fixpoint = [&](const std::vector<State> &Inits) {
    for (bool Widen : {false, true}) {
    In.assign(G->getNumBlockIDs(), {});
    const CFGBlock &Entry = G->getEntry();
    In[Entry.getBlockID()] = Inits;
    std::vector<const CFGBlock *> Work{&Entry};
    std::vector<unsigned> Visits(G->getNumBlockIDs(), 0);
    std::vector<char> Wide(G->getNumBlockIDs(), 0);
    size_t Budget = 2 * (20 * G->getNumBlockIDs() + 100);
    auto Join = [&](const CFGBlock *N, const State &X) {
      std::vector<State> &D = In[N->getBlockID()];
      if (!Wide[N->getBlockID()]) {
        if (joinInto(D, X, Guards))
          Work.push_back(N);
        return;
      }
      std::set<std::string> XH = X.heldIdents();
      for (State &Y : D)
        if (Y.live && Y.heldIdents() == XH) {
          bool Changed = Y.join(X);
          Changed = keepCommonFacts(Y, X) || Changed;
          if (Changed)
            Work.push_back(N);
          return;
        }
      D.push_back(X);
      Work.push_back(N);
    };
    constexpr unsigned Cap = 8 + 2 * MaxDisjuncts;
    while (!Work.empty() && Budget-- > 0) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      unsigned &V = Visits[B->getBlockID()];
      if (++V > Cap && !Widen)
        continue;
      if (V > Cap && !Wide[B->getBlockID()]) {
        Wide[B->getBlockID()] = 1;
        std::map<std::set<std::string>, State> ByHeld;
        for (const State &X : In[B->getBlockID()])
          if (X.live) {
            auto [It, New] = ByHeld.try_emplace(X.heldIdents(), X);
            if (!New) {
              It->second.join(X);
              keepCommonFacts(It->second, X);
            }
          }
        In[B->getBlockID()].clear();
        for (auto &[H, X] : ByHeld)
          In[B->getBlockID()].push_back(std::move(X));
      }
      if (V > 3 * Cap)
        continue;  // a last bound: held sets and facts can only change so often
      step(B, Join);
    }
    // Widened only when the plain flow was cut (a block dropped, the budget spent) and left
    // some block of the graph without a state: where it reached everything, its states are
    // the more precise.
    bool Capped = !Work.empty();
    for (const CFGBlock *B : *G)
      Capped = Capped || Visits[B->getBlockID()] > Cap;
    if (!Capped)
      break;
    bool Lost = false;
    std::vector<char> Seen(G->getNumBlockIDs(), 0);
    std::vector<const CFGBlock *> Walk{&Entry};
    Seen[Entry.getBlockID()] = 1;
    while (!Walk.empty() && !Lost) {
      const CFGBlock *B = Walk.back();
      Walk.pop_back();
      Lost = std::none_of(In[B->getBlockID()].begin(), In[B->getBlockID()].end(), [](const State &X) { return X.live; });
      for (const auto &SB : B->succs())
        if (const CFGBlock *N = SB.getReachableBlock(); N && !Seen[N->getBlockID()]) {
          Seen[N->getBlockID()] = 1;
          Walk.push_back(N);
        }
    }
    if (!Lost)
      break;
    }
    };
    State Init;
    Init.live = true;
    std::vector<State> Starts{Init};
    for (const auto &[PV, Cond] : passedConditions(FD)) {
      FactKey K{PV, {}, Cond.mask, false};
      std::vector<State> Next;
      for (State X : Starts) {
        State Without = X;
        if (assumeOn(Without, K, negate(CondVal{Cond.eq, Cond.k, Cond.alt})))
          Next.push_back(std::move(Without));
        if (assumeOn(X, K, CondVal{Cond.eq, Cond.k, Cond.alt}))
          Next.push_back(std::move(X));
      }
      Starts = std::move(Next);
    }
    Fixpoint(Starts);
    // Which locks are released without being held, on the converged states only (a state
    // seen on the way to the fixpoint may lack a lock that every real path holds).
    C.EntryLocks.clear();
    C.EntryRefs.clear();
    for (const CFGBlock *B : *G)
      for (State S : In[B->getBlockID()])
        if (S.live)
          transfer(B, S);
    std::set<std::string> Entry = C.EntryLocks;
    if (!C.EntryRefs.empty()) {  // again, with the locks the caller holds by contract
      // A lock released without being held only under a condition on a parameter (`if
      // (!dolock) unlock(&mi->mu)`, libldap's LDAP_REQ_UNLOCK_IF(m_req)) is the caller's only
      // under it: the paths start in two states, the condition with the lock held and its
      // negation without it (up to MaxEntrySplits such locks; past that, held unconditionally).
      constexpr size_t MaxEntrySplits = 2;
      std::vector<State> Inits = Starts;
      size_t Splits = 0;
      for (const auto &R : C.EntryRefs) {
        HeldL H;
        H.ref = R;
        H.entry = true;
        H.notes = {{site(FD->getLocation()), "'" + R.name() + "' held by the caller of " + fnName(FD) + "()"}};
        std::optional<ParamCond> Cond;
        if (auto W = C.EntryWhen.find(R.ident()); W != C.EntryWhen.end() && Splits < MaxEntrySplits)
          for (const auto &X : W->second)
            if (X.path.empty()) {  // on the parameter's value (a field's would need its key here)
              Cond = X;
              break;
            }
        std::vector<State> Next;
        for (State X : Inits) {
          if (!Cond) {
            X.held.push_back(H);
            X.must.insert(R.ident());
            Next.push_back(std::move(X));
            continue;
          }
          FactKey K{FD->getParamDecl(static_cast<unsigned>(Cond->param)), {}, Cond->mask, Cond->first};
          State Without = X;
          if (assumeOn(Without, K, negate(CondVal{Cond->eq, Cond->k})))
            Next.push_back(std::move(Without));
          if (assumeOn(X, K, CondVal{Cond->eq, Cond->k})) {
            X.held.push_back(H);
            X.must.insert(R.ident());
            Next.push_back(std::move(X));
          }
        }
        Splits += Cond.has_value();
        Inits = std::move(Next);
      }
      Fixpoint(Inits);
      C.EntryLocks = Entry;
    }
    // final pass: record events
    C.Emit = true;
    for (const CFGBlock *B : *G) {
      const std::vector<State> &Ins = In[B->getBlockID()];
      State S = mergeAll(Ins);
      if (!S.live)
        continue;
      // paths holding different locks: the calls once per set of held locks, each with the
      // facts of its paths (`if (!dolock) lock(m); bind_result(op, dolock);` holds m only
      // where dolock is 0, and the callee locks m only where it is not)
      // Paths that differ only in what they know about globals count as one: where a lock is
      // taken only when a global mode flag is set (`if (spawn_flag) lock(m)`), the path on
      // which it is not is the single-threaded mode, not an unlocked call.
      std::map<std::map<FactKey, CondVal>, std::pair<std::set<std::string>, std::vector<const State *>>> Modes;
      for (const auto &X : Ins)
        if (X.live) {
          std::map<FactKey, CondVal> Local;
          for (const auto &[K, CV] : X.assume)
            if (!K.V->hasGlobalStorage())
              Local.emplace(K, CV);
          auto &M = Modes[Local];
          for (auto &I : X.heldIdents())
            M.first.insert(I);
          M.second.push_back(&X);
        }
      std::map<std::set<std::string>, std::vector<State>> ByHeld;
      for (const auto &[Local, M] : Modes)
        for (const State *X : M.second)
          ByHeld[M.first].push_back(*X);
      C.NoCalls = ByHeld.size() > 1;
      transfer(B, S);
      C.NoCalls = false;
      if (ByHeld.size() > 1) {
        Function Real;
        std::swap(Real, *C.Fn);
        Summary SavedSum = C.Sum;
        std::set<std::string> SavedRel = C.NetRelSeen, SavedEntry = C.EntryLocks;
        std::vector<ObjRef> SavedEntryRefs = C.EntryRefs;
        std::vector<Call> Calls;
        for (const auto &[H, Group] : ByHeld) {
          State GS = mergeAll(Group);
          transfer(B, GS);
          for (auto &X : C.Fn->calls)
            Calls.push_back(std::move(X));
          *C.Fn = Function{};
        }
        std::swap(Real, *C.Fn);
        // a release the merged state could not name is one the groups' paths name (sgh_dd's
        // `unlock(mutexp)` of `is_wr2 ? &out2_mutex : &out_mutex`, each group knowing is_wr2)
        std::vector<ObjRef> GroupRel = std::move(C.Sum.netRelease);
        C.Sum = std::move(SavedSum);
        C.NetRelSeen = std::move(SavedRel);
        for (auto &R : GroupRel)
          if (C.NetRelSeen.insert(R.ident()).second)
            C.Sum.netRelease.push_back(std::move(R));
        C.EntryLocks = std::move(SavedEntry);
        C.EntryRefs = std::move(SavedEntryRefs);
        for (auto &X : Calls)
          C.Fn->calls.push_back(std::move(X));
      }
    }
    // net effect: locks held on every feasible path to the exit. A path on which the lock's
    // own pointer parameter is null counts as holding it (`if (p) lock(p)`: no lock, no
    // effect), and so does one on which the local pointer it is a field of is null (a lookup
    // that returns the entry locked when it found one: `if (e) lock(&e->mu); return e;`); a
    // lock tried on one path and taken on another is taken (it may wait).
    const CFGBlock &Exit = G->getExit();
    struct NullAt {
      std::set<int> params;
      std::set<std::string> locals;
      std::set<std::string> failed;  // checked lock calls that failed on this path
      std::optional<long long> ret;  // the constant this path returns, if one
      // locks whose lock call's own result this path returns (`return
      // pthread_rwlock_wrlock(&h->global_rwlock);`, kronosnet's get_global_wrlock())
      std::set<std::string> retLock;
      // pointer fields of parameters null on this path ("0:impl"): a lock that is the object
      // one points to is not there to take (`if (!p->impl) return -1; lock(p->impl)`)
      std::set<std::string> paramFields;
      // Flags of `this`'s class (Extractor::flagKey "F:Class::field") that record whether its
      // lock is held (cxxtools' MutexLock: `lock() { if (!_isLocked) { _mutex.lock();
      // _isLocked = true; } }`): found set at entry and left alone on this path (the object held
      // its lock already), or found clear at entry and set on it (taken here).
      std::set<std::string> flagFound, flagTaken;
      // what this path knows of the parameters' values (a lock taken only `if (doLock)`)
      std::vector<ParamCond> when;
    };
    std::vector<std::pair<std::vector<HeldL>, NullAt>> Paths;
    std::string OwnFlags;  // the prefix of the flags of a method's own class
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isInstance())
      OwnFlags = "F:" + recordName(MD->getParent()) + "::";
    // the locals the function hands back (`return e;`, `*out = e;`): only their null paths
    // count (a search loop's cursor that ran off the end is no "found nothing, locked nothing")
    std::set<const VarDecl *> Handed;
    {
      struct HandedBack : RecursiveASTVisitor<HandedBack> {
        std::set<const VarDecl *> *Out;
        void add(const Expr *E) {
          if (const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr)
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
              Out->insert(V);
        }
        bool VisitReturnStmt(ReturnStmt *R) {
          add(R->getRetValue());
          return true;
        }
        bool VisitBinaryOperator(BinaryOperator *B) {
          if (B->getOpcode() == BO_Assign)
            if (const auto *U = dyn_cast<UnaryOperator>(B->getLHS()->IgnoreParenImpCasts()); U && U->getOpcode() == UO_Deref)
              add(B->getRHS());
          return true;
        }
      } HB;
      HB.Out = &Handed;
      if (Body)
        HB.TraverseStmt(Body);
    }
    std::vector<std::pair<std::optional<long long>, std::set<std::string>>> Exits;
    std::optional<State> ExitFlags;  // the re-entry flags set on every path that returns
    std::map<std::string, std::optional<long long>> FlagsChanged;
    std::vector<std::set<std::string>> FlagsPaths;  // each returning path's changed flags
    C.Emit = false;
    if (C.AllocConds && C.RetSeen)
      Fn.allocIf = std::vector<std::string>(C.AllocConds->begin(), C.AllocConds->end());
    summariseKeeps(FD);
    for (const auto &P : Exit.preds()) {
      // a block that ends in a call that never returns (abort(), exit(), the
      // __pthread_unwind_next() of a cancellation cleanup, any noreturn function) is the
      // CFG's edge to the exit, but no path through it returns to the caller; nor does one
      // that throws out of the function (`if (locked) throw DoubleLockException();` before a
      // lock wrapper's pthread_mutex_lock, `if (rc) throw std::system_error(...)` after it):
      // the caller's code after the call does not run, its unwinding does
      const CFGBlock *PB = P.getReachableBlock();
      if (!PB || PB->hasNoReturnElement() || throwsOut(*PB))
        continue;
      for (const State &S0 : In[PB->getBlockID()]) {
        if (!S0.live)
          continue;
        State S = S0;
        transfer(PB, S);
        std::vector<State> Succ(PB->succ_size(), S);
        resolvePending(PB, S, Succ);
        pruneBranches(PB, Succ);
        flagBranches(PB, Succ);
        unsigned I = 0, ExitIdx = 0;
        for (const auto &SB : PB->succs()) {
          if (SB.getReachableBlock() == &Exit)
            ExitIdx = I;
          ++I;
        }
        if (!Succ.empty() && !Succ[ExitIdx].live)
          continue;
        const State &At = Succ.empty() ? S : Succ[ExitIdx];
        for (const auto &K : At.flagsDirty) {  // changed on some path that returns
          auto D = At.flagsDelta.find(K);
          std::optional<long long> V = D == At.flagsDelta.end() ? std::nullopt : std::optional<long long>(D->second);
          auto [It, New] = FlagsChanged.emplace(K, V);
          if (!New && It->second != V)
            It->second = std::nullopt;
        }
        FlagsPaths.push_back(At.flagsDirty);
        // a failure return (`return NULL;` of a pointer, `return -1;`: czmq's zsys_init() when
        // it cannot allocate) does not count against the flags the others all set
        bool Failure = false;
        for (auto E = PB->rbegin(); E != PB->rend(); ++E)
          if (auto CS = E->getAs<CFGStmt>()) {
            if (const auto *RS = dyn_cast<ReturnStmt>(CS->getStmt()); RS && RS->getRetValue()) {
              const Expr *RV = RS->getRetValue()->IgnoreParenImpCasts();
              QualType RT = FD->getReturnType();
              if (RT->isPointerType())
                Failure = RV->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
              else if (RT->isSignedIntegerType())
                if (auto K = constantOf(RV, Ctx))
                  Failure = *K < 0;
            }
            break;
          }
        if (!Failure && !ExitFlags) {
          ExitFlags.emplace();
          ExitFlags->live = true;
          ExitFlags->flagsSet = At.flagsSet;
          ExitFlags->assume = At.assume;
        } else if (!Failure) {
          for (auto It = ExitFlags->flagsSet.begin(); It != ExitFlags->flagsSet.end();)
            It = At.flagsSet.count(It->first) || At.nullAt(It->second) ? std::next(It) : ExitFlags->flagsSet.erase(It);
          for (const auto &[K, V] : At.flagsSet)
            if (!ExitFlags->flagsSet.count(K) && ExitFlags->nullAt(V))
              ExitFlags->flagsSet.emplace(K, V);
        }
        {  // which caller locks this exit released, and what it returns
          std::optional<long long> Ret;
          for (auto E = PB->rbegin(); E != PB->rend(); ++E)
            if (auto CS = E->getAs<CFGStmt>()) {
              if (const auto *RS = dyn_cast<ReturnStmt>(CS->getStmt()); RS && RS->getRetValue())
                Ret = valueOf(RS->getRetValue(), S0);
              break;
            }
          std::set<std::string> Rel;
          for (const auto &R : At.released)
            Rel.insert(R.ident());
          Exits.push_back({Ret, Rel});
        }
        // held on this exit: surely (a state that joined paths, `lock(wr); if (++n == 1)
        // lock(wg); unlock(wr);`, may hold wg, which is no net acquisition)
        std::vector<HeldL> H;
        for (const auto &X : At.held)
          if (!X.entry && At.must.count(X.ref.ident()))
            H.push_back(X);
        for (const auto &[K, PT] : S.pending)
          if (!PT.held)
            for (const auto &L : PT.locks)
              H.push_back(L);
        NullAt Null;
        for (const auto &[FK, CV] : At.assume) {
          const VarDecl *V = FK.V;
          if (!FK.fields.empty() && !FK.mask && !FK.first && CV.exact() && CV.k == 0)
            if (const auto *PV = dyn_cast<ParmVarDecl>(V); PV && PV->getDeclContext() == FD) {
              std::string K = std::to_string(PV->getFunctionScopeIndex()) + ":";
              for (size_t I = 0; I < FK.fields.size(); ++I)
                K += (I ? "." : "") + FK.fields[I]->getNameAsString();
              Null.paramFields.insert(K);
            }
          if (!FK.fields.empty() || !CV.exact() || CV.k != 0 || !V->getType()->isPointerType())
            continue;
          if (const auto *PV = dyn_cast<ParmVarDecl>(V)) {
            if (PV->getDeclContext() == FD)
              Null.params.insert(static_cast<int>(PV->getFunctionScopeIndex()));
          } else if (V->isLocalVarDecl() && Handed.count(V)) {
            Null.locals.insert(V->getNameAsString());
          }
        }
        // A function that returns nothing tells its callers nothing of a failed lock call it
        // only logged (gpsd's `thread_lock()`: `if (pthread_mutex_lock(m) != 0) log(...)`):
        // they go on as if they held it, so that path counts as holding it. A function that
        // returns a value may report the failure; a trylock's failure is never counted.
        // A function that returns an error code for it (`if (pthread_mutex_lock(p)) return -1;
        // return 0;`, libbluray's bd_mutex_lock()) is a checked lock itself: its callers hold
        // the lock after the call, and those that test the result not where it failed
        // (NetEffect::checked, decided below from every path's constant).
        if (FD->getReturnType()->isVoidType() || FD->getReturnType()->isIntegerType())
          Null.failed = At.tried;
        Null.when = whenOf(At);
        if (!OwnFlags.empty())
          for (const auto &[K, Via] : At.flagsSet)
            if (K.rfind(OwnFlags, 0) == 0 && !Via) {
              if (At.flagsClear.count(K))
                Null.flagTaken.insert(K);
              else if (!At.flagsDirty.count(K))
                Null.flagFound.insert(K);
            }
        for (auto E = PB->rbegin(); E != PB->rend(); ++E)
          if (auto CS = E->getAs<CFGStmt>()) {
            if (const auto *RS = dyn_cast<ReturnStmt>(CS->getStmt()); RS && RS->getRetValue()) {
              Null.ret = valueOf(RS->getRetValue(), S0);
              const Expr *RV = strip(RS->getRetValue());
              const void *Key = RV;
              if (const auto *DRE = dyn_cast<DeclRefExpr>(RV))
                Key = DRE->getDecl();
              if (auto It = S.pending.find(Key);
                  It != S.pending.end() && It->second.held && It->second.pthreadStyle && !It->second.release)
                for (const auto &L : It->second.locks)
                  Null.retLock.insert(L.ref.ident());
            }
            break;
          }
        Paths.emplace_back(std::move(H), std::move(Null));
      }
    }
    if (ExitFlags)
      for (const auto &[K, V] : ExitFlags->flagsSet)
        C.Sum.flagsAtExit.insert(K);
    for (auto &[K, D] : FlagsChanged)  // unchanged on one path, changed by D on another
      for (const auto &P : FlagsPaths)
        if (!P.count(K))
          D = std::nullopt;
    C.Sum.flagsChanged = std::move(FlagsChanged);
    C.Sum.flagsKnown = true;
    // a caller lock that no exit leaves released, taken back on every path that gave it up
    // (the Boehm GC's GC_alloc_large(): `if (!GC_is_initialized) { UNLOCK(); GC_init(); LOCK();
    // }`), is no release
    if (!Exits.empty())
      for (const auto &R : C.Sum.netRelease)
        if (std::none_of(Exits.begin(), Exits.end(), [&](const auto &E) { return E.second.count(R.ident()) > 0; }))
          TakenBack.insert(R.ident());
    // a caller lock released only on the exits that return 0, or only on those that do not
    // (when the function has exits of both kinds: xrootd's `char traceEnd() {
    // Logger_Mutex.UnLock(); return '\n'; }` always releases)
    bool ZeroExit = false, OtherExit = false;
    for (const auto &[Ret, Rel] : Exits) {
      ZeroExit = ZeroExit || (Ret && *Ret == 0);
      OtherExit = OtherExit || !Ret || *Ret != 0;
    }
    if (FD->getReturnType()->isScalarType() && ZeroExit && OtherExit) {
      std::vector<ObjRef> Keep;
      for (const auto &R : C.Sum.netRelease) {
        std::optional<bool> OnZero;
        bool Ok = true;
        for (const auto &[Ret, Rel] : Exits) {
          if (!Ret) {
            Ok = false;
            break;
          }
          bool Released = Rel.count(R.ident()) > 0;
          bool Zero = *Ret == 0;
          bool ThisOnZero = Released == Zero;
          if (OnZero && *OnZero != ThisOnZero) {
            Ok = false;
            break;
          }
          OnZero = ThisOnZero;
        }
        if (Ok && OnZero)
          C.Sum.condRelease.push_back({R, *OnZero});
        else
          Keep.push_back(R);
      }
      if (!C.Sum.condRelease.empty()) {
        C.Sum.netRelease = Keep;
        // the facts keep the plain release (other TUs apply it unconditionally)
      }
    }
    std::optional<std::vector<HeldL>> Must;
    std::vector<std::pair<HeldL, ParamCond>> CondMust;  // held on the paths where a parameter says so
    std::set<std::string> CheckedKeys;
    bool TryByCode = false;  // a try wrapper known by the constants it returns
    if (!Paths.empty()) {
      Must.emplace();
      std::set<std::string> Seen;
      for (const auto &[H, N0] : Paths)
        for (const auto &X : H) {
          if (!Seen.insert(X.ref.ident()).second)
            continue;
          // a path that found the object's "locked" flag set had its lock already, where this
          // path found it clear, took the lock and set it
          auto flagHeld = [&, &N0 = N0](const NullAt &Null) {
            if (X.ref.root != ObjRef::This)
              return false;
            for (const auto &K : N0.flagTaken)
              if (Null.flagFound.count(K))
                return true;
            return false;
          };
          HeldL Keep = X;
          bool All = true, Somewhere = false, Failed = false;
          std::vector<const std::vector<ParamCond> *> With, Without;  // the paths that hold it, that do not
          std::vector<const std::vector<ParamCond> *> WithShared, WithExcl;  // With, by how they hold it
          for (const auto &[H2, Null] : Paths) {
            Failed = Failed || Null.failed.count(X.ref.ident());
            const HeldL *Y = nullptr;
            for (const auto &Z : H2)
              if (Z.ref.sameIdent(X.ref))
                Y = &Z;
            if (Y) {
              Somewhere = true;
              With.push_back(&Null.when);
              (Y->shared ? WithShared : WithExcl).push_back(&Null.when);
              if (Keep.trylock && !Y->trylock)
                Keep = *Y;
            } else if (!(X.ref.root == ObjRef::Param && Null.params.count(X.ref.param)) &&
                       !(X.ref.root == ObjRef::Param && !X.ref.path.empty() &&
                         Null.paramFields.count(std::to_string(X.ref.param) + ":" + llvm::join(X.ref.path, "."))) &&
                       !(!X.via.empty() && Null.locals.count(X.via)) && !Null.failed.count(X.ref.ident()) &&
                       !flagHeld(Null)) {
              All = false;
              Without.push_back(&Null.when);
            }
          }
          // a try wrapper that returns a constant: non-zero on the paths its try took the lock,
          // zero on the others (tbox's `if (!tb_mutex_entry_try_without_profiler(m)) { ...;
          // return tb_false; } return tb_true;`): true on success, whatever its type
          if (!All && Somewhere && X.trylock && FD->getReturnType()->isIntegralOrEnumerationType()) {
            bool Codes = true;
            for (const auto &[H2, Null] : Paths) {
              bool Has = std::any_of(H2.begin(), H2.end(), [&](const HeldL &Z) { return Z.ref.sameIdent(X.ref); });
              Codes = Codes && Null.ret && (Has ? *Null.ret != 0 : *Null.ret == 0);
            }
            if (Codes) {
              Must->push_back(Keep);
              TryByCode = true;
            }
          }
          if (!All && Somewhere && !X.trylock) {
            // read-locked under one condition, write-locked under another (slurm's lock
            // levels): two conditional acquisitions, each as it holds the lock
            std::optional<ParamCond> WS, WE;
            if (!WithShared.empty() && !WithExcl.empty()) {
              auto Not = [&](const auto &Other) {
                auto N = Without;
                N.insert(N.end(), Other.begin(), Other.end());
                return N;
              };
              WS = takenWhen(WithShared, Not(WithExcl));
              WE = WS ? takenWhen(WithExcl, Not(WithShared)) : std::nullopt;
            }
            if (WS && WE) {
              HeldL R = X, W = X;
              R.shared = true;
              W.shared = false;
              CondMust.push_back({R, *WS});
              CondMust.push_back({W, *WE});
            } else if (auto W = takenWhen(With, Without)) {
              CondMust.push_back({X, *W});
            }
          }
          if (All && Somewhere) {
            if (Failed && !FD->getReturnType()->isVoidType()) {
              // taken on every path but those where its lock call failed: a checked lock, if
              // every success returns 0 and every failure a nonzero constant (else the caller
              // cannot tell, and holds it)
              bool Codes = true;
              for (const auto &[H2, Null] : Paths) {
                bool F = Null.failed.count(X.ref.ident()) > 0;
                Codes = Codes && Null.ret && (F ? *Null.ret != 0 : *Null.ret == 0);
              }
              if (Codes)
                CheckedKeys.insert(X.ref.ident());
            }
            // every path returns the lock call's own result: the caller tests what it would
            // have tested of the lock call
            if (!FD->getReturnType()->isVoidType() && FD->getReturnType()->isIntegerType()) {
              bool Returned = true;
              for (const auto &[H2, Null] : Paths)
                Returned = Returned && Null.retLock.count(X.ref.ident());
              if (Returned)
                CheckedKeys.insert(X.ref.ident());
            }
            Must->push_back(Keep);
          }
        }
    }
    // a lock of a local or of an unknown object, itself: nothing a caller can name
    auto Unnamed = [](const ObjRef &R) {
      return (R.root == ObjRef::Local || R.root == ObjRef::Unknown) && R.path.empty();
    };
    if (Must)
      for (const auto &H : *Must) {
        const ObjRef &R = H.ref;
        if (Unnamed(R))
          continue;
        C.Sum.netAcquire.push_back({R, H.shared, H.trylock, !H.trylock && CheckedKeys.count(R.ident()) > 0});
        C.Sum.acquireNotes.push_back(H.notes);
        C.Sum.acquireWhen.emplace_back();
        if (H.trylock)
          C.Sum.isTryWrapper = FD->getReturnType()->isBooleanType() || TryByCode || returnsNegatedTry(FD);
      }
    for (const auto &[H, W] : CondMust) {
      const ObjRef &R = H.ref;
      if (Unnamed(R))
        continue;
      C.Sum.netAcquire.push_back({R, H.shared, false, false});
      C.Sum.acquireNotes.push_back(H.notes);
      C.Sum.acquireWhen.push_back({W});
    }
  }
  // released then re-taken (unlock ... lock, a condition wait): no net effect for callers
  {
    std::vector<NetEffect> NA;
    std::vector<std::vector<Note>> NN;
    std::vector<std::vector<ParamCond>> NW;
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
        NW.push_back(I < C.Sum.acquireWhen.size() ? C.Sum.acquireWhen[I] : std::vector<ParamCond>{});
      }
    for (const auto &R : C.Sum.netRelease)
      if (!In(R.ident(), C.Sum.netAcquire, [](const NetEffect &N) -> const ObjRef & { return N.ref; }))
        NR.push_back(R);
    C.Sum.netAcquire = std::move(NA);
    C.Sum.acquireNotes = std::move(NN);
    C.Sum.acquireWhen = std::move(NW);
    C.Sum.netRelease = std::move(NR);
    // (not when the function takes another lock for good: bind9's violate_locking_hierarchy()
    // gives the caller's lock back only where its trylock of the other failed, and the release
    // is what keeps the caller's order out of the one it takes there)
    if (C.Sum.netAcquire.empty())
      llvm::erase_if(C.Sum.netRelease, [&](const ObjRef &R) { return TakenBack.count(R.ident()) > 0; });
  }
  // capability attributes override the inferred summary
  if (FD->hasAttr<AcquireCapabilityAttr>() || FD->hasAttr<ReleaseCapabilityAttr>())
    C.Sum = Summary{};
  for (const auto &R : C.Sum.netRelease) {
    auto W = C.EntryWhen.find(R.ident());
    C.Sum.releaseWhen.push_back(W == C.EntryWhen.end() ? std::vector<ParamCond>{} : W->second);
  }
  if (C.RetFields)
    C.Sum.retFields = *C.RetFields;
  Fn.retFields = C.Sum.retFields;
  C.Sum.anyLock = C.AnyLock;
  C.Sum.direct = !C.UsedWrapper;
  C.Sum.fpKeys = C.FpKeys;
  for (auto &A : Fn.acquires)
    A.teardown = C.Destroyed.count(A.ref.ident()) > 0;
  Fn.tearsDown.assign(C.DestroyedParams.begin(), C.DestroyedParams.end());
  for (auto &A : Fn.accesses) {
    A.modeOff = A.offFlag && C.LockOnFlag.count(A.offFlag);
    A.offFlag = nullptr;
  }
  for (size_t I = 0; I < C.Sum.netAcquire.size(); ++I) {
    Fn.netAcquire.push_back(C.Sum.netAcquire[I]);
    if (I < C.Sum.acquireWhen.size())
      Fn.netAcquire.back().when = C.Sum.acquireWhen[I];  // kept for other TUs' calls
  }
  Fn.netRelease = C.Sum.netRelease;
  Fn.releaseWhen = C.Sum.releaseWhen;
  Fn.releaseWhen.resize(Fn.netRelease.size());
  for (const auto &[R, OnZero] : C.Sum.condRelease) {
    Fn.netRelease.push_back(R);
    Fn.releaseWhen.emplace_back();
  }
  Cur = Saved;
  Summaries[FD] = C.Sum;
  if (!inUserCode(FD)) {
    // a library's lock wrapper (summaryOf()): its summary only
  } else if (auto It = FnIndex.find(FD); It != FnIndex.end()) {
    Out.functions[It->second] = std::move(Fn);  // the final pass's
  } else {
    FnIndex[FD] = Out.functions.size();
    Out.functions.push_back(std::move(Fn));
  }
  if (C.SawInProgress && !FinalPass)
    Provisional.push_back(FD);
  InProgress.erase(FD);
  Done.insert(FD);
  --Depth;
}

}  // namespace extract
}  // namespace lockgraph
