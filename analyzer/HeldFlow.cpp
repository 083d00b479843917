// HeldFlow: the forward may-held dataflow over each function's Clang CFG (lock sets, RAII
// guards, pending trylocks, locks released that the caller held), the recording of
// acquisitions and calls with the locks held there, and the per-function summaries (net
// acquire / net release) that apply lock wrappers at their call sites.
#include "ExtractInternal.h"

#include "clang/Lex/Lexer.h"


namespace lockgraph {
namespace extract {

std::vector<Held> Extractor::heldOf(const State &S) const {
  std::vector<Held> H;
  for (const auto &X : S.held)
    H.push_back({X.ref, X.shared, X.trylock, X.notes});
  return H;
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
  } else if (S.releaseAlias(R)) {
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
    else if (Op.refs.empty())
      S.releaseUnnamed();
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

}  // namespace extract
}  // namespace lockgraph
