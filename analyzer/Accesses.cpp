// Accesses: shared-data accesses (reads, writes, read-modify-writes, the split RMW through a
// local temporary) recorded with the locks held, for the race model of Analysis.cpp. Which
// expressions name shared data (globals, statics, members, by-reference captures) lives here.
#include "ExtractInternal.h"

#include "clang/AST/DeclTemplate.h"


namespace lockgraph {
namespace extract {

// The template arguments of a class template's specialization (`<netgen::Element, 0, unsigned
// long>`), printed canonically so every TU spells them alike; empty for any other record.
static std::string specializationArgs(const RecordDecl *RD) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!S)
    return {};
  PrintingPolicy P(RD->getASTContext().getLangOpts());
  P.PrintCanonicalTypes = true;
  P.SuppressTagKeyword = true;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  printTemplateArgumentList(OS, S->getTemplateArgs().asArray(), P);
  return OS.str();
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
    bool InGlobal = false;
    const VarDecl *Root = nullptr;
    {
      // a local struct object, or an element of a local array of structs (not through a
      // pointer: `vecs[i].iov_len -= r` on the writer's own stack), is not shared unless captured
      const Expr *B = ME->isArrow() ? nullptr : strip(ME->getBase());
      while (B) {
        if (const auto *M2 = dyn_cast<MemberExpr>(B)) {
          if (M2->isArrow())
            break;
          B = strip(M2->getBase());
        } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(B)) {
          const Expr *Arr = AS->getBase()->IgnoreParenImpCasts();
          if (!Arr->getType()->isArrayType())
            break;  // p[i] through a pointer
          B = strip(Arr);
        } else {
          break;
        }
      }
      if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(B))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
          // a member of a thread-local object (the_silver_searcher's `__thread struct
          // print_context {..} print_context;`), or of an element of a thread-local array, is the
          // thread's own
          if (VD->getTLSKind() != VarDecl::TLS_None)
            return std::nullopt;
          if ((R->root == ObjRef::Local || (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))) &&
              !VD->getType()->isPointerType() && !VD->getType()->isReferenceType() &&
              !(Cur && Cur->CapturedByRef.count(VD)))
            return std::nullopt;
          // a member of a global object or of an element of a global array (`slots[i].hits`)
          InGlobal = VD->hasGlobalStorage() && !VD->getType()->isPointerType();
          Root = InGlobal ? VD : nullptr;
        }
    }
    Datum D;
    D.key = R->classKey();  // members of a global struct are named Class::field
    D.name = D.key;
    // Objects of two specializations of one class template are never one object: their fields
    // are apart (netgen's `Array<T>::allocsize`, written under the mesh's lock in its
    // `Array<Element>` and without it in a table's `Array<linestruct>`). The arguments follow
    // the field, so the key's owner (`Array::`) stays the class as lock keys name it.
    D.key += specializationArgs(F->getParent());
    if (R->globalInstance() && R->rootName[0] != '*') {  // a global object, not through a pointer
      D.inst = R->key();
      D.unaliased = Root && !Root->isExternallyVisible() && !addressEscapes(Root);
      // An object no pointer reaches (a static local or a file static whose address is never
      // taken) is the only one its accesses can be of: named as the code names it (`val.f`),
      // not by its type. Ganglia's metric functions each keep a `static g_val_t val;`: by the
      // type, seven functions' statics were one datum (static_local_member.c).
      auto dotsOf = [&](const Expr *X) {  // `v.a.b`: members of v itself, no element, no pointer
        while (const auto *M = dyn_cast<MemberExpr>(X->IgnoreParens())) {
          if (M->isArrow())
            return false;
          X = M->getBase();
        }
        const auto *DR = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
        return DR && DR->getDecl() == Root;
      };
      if (D.unaliased && dotsOf(ME)) {
        std::string Path;
        for (const auto &P : R->path)
          Path += "." + P;
        D.key = globalKey(Root, &D.name) + Path;
        D.name += Path;
      }
    }
    D.sharedRoot = R->root == ObjRef::Global;
    D.globalObject = D.sharedRoot || InGlobal;
    if (R->root == ObjRef::Param)
      D.param = R->param;
    return D;
  }
  // `*p`, p a parameter pointing to a scalar: the datum is what the callers pass
  // (`bump(&hits)`); named by the analysis, or dropped when they pass nothing it can name
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref && Cur && Cur->Fn) {
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
    const auto *PV = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PV || !PV->getType()->isPointerType())
      return std::nullopt;
    QualType T = PV->getType()->getPointeeType();
    if (T.isConstQualified() || isAtomicLike(T) || isLockType(T) || !T->isScalarType() || T->isPointerType())
      return std::nullopt;
    Datum D;
    D.key = Cur->Fn->id + "#*" + std::to_string(PV->getFunctionScopeIndex());
    D.name = "*" + PV->getNameAsString();
    D.param = static_cast<int>(PV->getFunctionScopeIndex());
    return D;
  }
  return std::nullopt;
}

bool Extractor::Datum::sameId(const std::string &A, const std::string &B) {
  size_t I = A.find('\n'), J = B.find('\n');
  if (A.compare(0, I, B, 0, J) != 0)
    return false;
  if (I != std::string::npos && J != std::string::npos)
    return A == B;
  // one object known, the other reached through a pointer: the same unless no pointer
  // reaches the known one
  const std::string &Known = I != std::string::npos ? A : B;
  return Known.size() < 2 || Known.compare(Known.size() - 2, 2, "\n!") != 0;
}

// Does the TU take, pass or bind the address of the global VD anywhere? A use that only reads or
// writes a member in place (`target.type = x`, `y = target.file`, `slots[i].hits++`, a struct
// copy `x = target`) takes none; `&target`, `&target.list`, `f(target.buf)` (an array member
// decays), `target.method()`, a reference bound to it, `sizeof(target)` count as taken.
bool Extractor::addressEscapes(const VarDecl *VD) const {
  scanStatics();
  return !PlainOnlyStatics->count(VD->getCanonicalDecl());
}

// The TU's uses of its globals, once: a use in place (a member read or written, an element, the
// variable itself assigned or incremented) keeps the address from escaping; a use as a value
// (the operand of an lvalue-to-rvalue conversion) writes nothing (HeldFlow.cpp, fixedStatic()).
void Extractor::scanStatics() const {
  if (PlainOnlyStatics)
    return;
  struct Finder : RecursiveASTVisitor<Finder> {
    std::set<const DeclRefExpr *> Plain, Read;
    std::set<const VarDecl *> Escaped, Written, Seen;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool shouldVisitImplicitCode() const { return true; }
    // the variable at the root of a member/element chain used in place: `v.a.b`, `v[i].a`
    void plain(const Expr *E) {
      for (unsigned N = 0; E && N < 64; ++N) {
        E = E->IgnoreParens();
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
          Plain.insert(DRE);
          return;
        }
        if (const auto *ME = dyn_cast<MemberExpr>(E)) {
          if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
            return;
          E = ME->getBase();
        } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
          const auto *IC = dyn_cast<ImplicitCastExpr>(AS->getBase()->IgnoreParens());
          if (!IC || IC->getCastKind() != CK_ArrayToPointerDecay)
            return;
          E = IC->getSubExpr();
        } else {
          return;
        }
      }
    }
    bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
      if (IC->getCastKind() == CK_LValueToRValue) {
        plain(IC->getSubExpr());
        if (const auto *DRE = dyn_cast<DeclRefExpr>(IC->getSubExpr()->IgnoreParens()))
          Read.insert(DRE);
      }
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp())
        plain(B->getLHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp())
        plain(U->getSubExpr());
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->hasGlobalStorage())
        return true;
      V = V->getCanonicalDecl();
      Seen.insert(V);
      if (!Plain.count(DRE))
        Escaped.insert(V);
      if (!Read.count(DRE))
        Written.insert(V);
      return true;
    }
  } F;
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  PlainOnlyStatics.emplace();
  ReadOnlyStatics.emplace();
  for (const VarDecl *V : F.Seen) {
    if (!F.Escaped.count(V))
      PlainOnlyStatics->insert(V);
    if (!F.Written.count(V))
      ReadOnlyStatics->insert(V);
  }
}

// Does E read the datum D (or, ViaDerived, a local temporary copied from it)? Of a named
// global object only that object's member counts: `drv.rate = req.rate` copies between two
// objects, it is no read-modify-write (moc's audio_open()). An operand that is not evaluated
// reads nothing: `polls = calloc(n, sizeof(*polls))` is a plain store (multipath-tools).
bool Extractor::readsDatum(const Expr *E, const Datum &D, bool ViaDerived) const {
  struct Finder : RecursiveASTVisitor<Finder> {
    const Extractor *X;
    std::string Id;
    bool ViaDerived;
    bool Found = false;
    // sizeof, _Alignof, __alignof, vec_step: only the operand's type is used (unless it is a
    // variable-length array, whose size is computed at run time)
    bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *U, DataRecursionQueue *Q = nullptr) {
      if (U->getTypeOfArgument()->isVariablyModifiedType())
        return RecursiveASTVisitor::TraverseUnaryExprOrTypeTraitExpr(U, Q);
      return true;
    }
    bool TraverseCXXTypeidExpr(CXXTypeidExpr *T, DataRecursionQueue *Q = nullptr) {
      return T->isPotentiallyEvaluated() ? RecursiveASTVisitor::TraverseCXXTypeidExpr(T, Q) : true;
    }
    bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *, DataRecursionQueue * = nullptr) { return true; }
    bool VisitExpr(Expr *E) {
      if (Found)
        return false;
      if (!ViaDerived && (isa<DeclRefExpr>(E) || isa<MemberExpr>(E))) {
        if (auto D = X->datumOf(E); D && Datum::sameId(D->id(), Id))
          Found = true;
      }
      if (ViaDerived)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            auto It = X->Cur->Derived.find(VD);
            if (It != X->Cur->Derived.end() && Datum::sameId(It->second, Id))
              Found = true;
          }
      return !Found;
    }
  } F;
  F.X = this;
  F.Id = D.id();
  F.ViaDerived = ViaDerived;
  F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

// Is the pointer datum D, stored at L, freed earlier in this function (`free(g.p); g.p =
// strdup(s)`, pulseaudio's `pa_xfree(target.file); target.file = pa_xstrdup(t->file)`)? The
// store then replaces the value the function read and consumed: a read-modify-write (two
// threads free the same pointer, one new value is lost). Frees are calls of `free` or of a
// function whose name ends in "free" (`pa_xfree`, `g_free`) with the datum as an argument.
// Only a named global (`g.p`, `name`), and only a new value: `free(cl->buf); cl->buf = NULL` is
// the teardown of an object a pointer reaches (libvncserver's rfbFreeZrleData()).
bool Extractor::freedBefore(const Datum &D, const BinaryOperator *Store) const {
  const Expr *LHS = Store->getLHS();
  SourceLocation L = Store->getBeginLoc();
  if (!LHS->getType()->isPointerType() || !Cur || !Cur->Body || (!D.sharedRoot && D.inst.empty()) ||
      Store->getRHS()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return false;
  if (!Cur->Freed) {
    struct Finder : RecursiveASTVisitor<Finder> {
      const Extractor *X;
      std::map<std::string, std::vector<SourceLocation>> Out;
      bool VisitCallExpr(CallExpr *CE) {
        const FunctionDecl *FD = CE->getDirectCallee();
        if (!FD || !FD->getIdentifier() || !FD->getName().ends_with_insensitive("free"))
          return true;
        for (const Expr *A : CE->arguments()) {
          const Expr *E = A->IgnoreParenCasts();
          if ((isa<MemberExpr>(E) || isa<DeclRefExpr>(E)) && E->getType()->isPointerType())
            if (auto Dm = X->datumOf(E))
              Out[Dm->id()].push_back(CE->getBeginLoc());
        }
        return true;
      }
    } F;
    F.X = this;
    F.TraverseStmt(const_cast<Stmt *>(Cur->Body));
    Cur->Freed = std::move(F.Out);
  }
  std::string Id = D.id();
  for (const auto &[K, Locs] : *Cur->Freed)
    if (Datum::sameId(K, Id))
      for (SourceLocation C : Locs)
        if (SM.isBeforeInTranslationUnit(C, L))
          return true;
  return false;
}

// The local pointer variable whose object a member access is of (`q->flags`, `q->in.n`).
static const VarDecl *accessBase(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParens());
  while (ME && !ME->isArrow())
    ME = dyn_cast<MemberExpr>(ME->getBase()->IgnoreParens());
  const auto *DRE = ME ? dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts()) : nullptr;
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

// Does the branch `If` takes when its condition holds (true) or fails (false) run only when
// a blocking lock or an unlock call failed? `if (pthread_mutex_lock(m) != 0)`, `if ((r =
// pthread_mutex_lock(m)))`, and a result kept in a variable by the statement just before the
// test (`ret = pthread_mutex_lock(m); if (ret != 0) { complaints++; ... }`, xorriso).
static std::optional<bool> lockFailureBranch(const IfStmt *If, ParentMap &PM) {
  const Expr *C = If->getCond();
  bool Zero = false;  // the condition holds when the result is zero
  for (int Depth = 0; C && Depth < 4; ++Depth) {
    C = C->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_LNot) {
      Zero = !Zero;
      C = UO->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(C); BO && BO->isEqualityOp()) {
      const Expr *L = BO->getLHS()->IgnoreParenImpCasts(), *R = BO->getRHS()->IgnoreParenImpCasts();
      auto IsZero = [](const Expr *E) {
        const auto *IL = dyn_cast<IntegerLiteral>(E);
        return IL && IL->getValue() == 0;
      };
      if (!IsZero(R) && !IsZero(L))
        return std::nullopt;
      Zero = Zero != (BO->getOpcode() == BO_EQ);
      C = IsZero(R) ? L : R;
      continue;
    }
    break;
  }
  if (!C)
    return std::nullopt;
  if (const auto *BO = dyn_cast<BinaryOperator>(C); BO && BO->getOpcode() == BO_Assign)
    C = BO->getRHS();
  if (checkedLockCall(C))
    return !Zero;
  const auto *DRE = dyn_cast<DeclRefExpr>(C);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(const_cast<IfStmt *>(If)));
  if (!V || !V->isLocalVarDecl() || !Block)
    return std::nullopt;
  const Stmt *Prev = nullptr;
  for (const Stmt *X : Block->body()) {
    if (X == If)
      break;
    Prev = X;
  }
  if (const auto *E = dyn_cast_or_null<Expr>(Prev)) {
    const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
    const auto *To = BO && BO->getOpcode() == BO_Assign ? dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()) : nullptr;
    if (To && To->getDecl() == V && checkedLockCall(BO->getRHS()))
      return !Zero;
  } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(Prev); DS && DS->isSingleDecl() && DS->getSingleDecl() == V) {
    if (checkedLockCall(V->getInit()))
      return !Zero;
  }
  return std::nullopt;
}

// Is St on a way only a failed lock or unlock call takes (lockFailureBranch())? Such a way
// handles an error a correct program never sees (a default mutex's lock fails only when it
// was never initialised): the updates there are no lost updates to report.
bool Extractor::onLockFailure(const Stmt *St) {
  ParentMap *PM = parents();
  if (!PM)
    return false;
  const Stmt *Child = St;
  for (int Depth = 0; Depth < 64; ++Depth) {
    const Stmt *Par = PM->getParent(const_cast<Stmt *>(Child));
    if (!Par)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(Par); If && (Child == If->getThen() || Child == If->getElse()))
      if (auto Failed = lockFailureBranch(If, *PM); Failed && *Failed == (Child == If->getThen()))
        return true;
    Child = Par;
  }
  return false;
}

void Extractor::handleAccess(const Stmt *St, State &S) {
  auto record = [&](const Expr *Target, AccessKind K, bool Split, SourceLocation L) {
    if (!Cur->Emit)
      return;
    if (K != AccessKind::Read && onLockFailure(Target))
      return;
    auto D = datumOf(Target);
    if (!D)
      return;
    // an object this function allocated and has published nowhere yet (`q = calloc(..);
    // q->flags |= F`): no other thread sees it; under conditions the analysis decides when
    // it came from an allocation wrapper or went through calls that keep it
    std::optional<std::vector<std::string>> Unpub;
    if (const VarDecl *B = accessBase(Target))
      if (auto It = S.unpub.find(B); It != S.unpub.end()) {
        if (It->second.empty())
          return;
        Unpub = std::vector<std::string>(It->second.begin(), It->second.end());
      }
    if (K == AccessKind::Read && !Unpub && !Cur->ReadSeen.insert(D->key).second)
      return;
    Access A;
    A.unpub = std::move(Unpub);
    A.var = D->key;
    A.name = D->name;
    A.kind = K;
    A.sharedRoot = D->sharedRoot;
    A.globalObject = D->globalObject;
    A.param = D->param;
    A.split = Split;
    A.site = site(L);
    // Sure: held on every path, and taken here; a lock the function only assumes its caller
    // holds (it releases it without taking it) is sure where the callers really hold it
    // (Analysis: held at entry over the calls), not for a thread's start routine: istgt's
    // worker() gives back its connection's locks on error paths it never took them on.
    A.held = heldOf(S, true);
    for (size_t I = 0; I < A.held.size() && I < S.held.size(); ++I)
      A.held[I].some = S.held[I].entry || !S.must.count(A.held[I].ref.ident());
    A.unnamedLock = S.unnamed > 0;
    if (K != AccessKind::Read)
      for (const auto &F : S.flagsClear)
        if (F.rfind("G:", 0) == 0 && !S.flagsDirty.count(F) && A.unless.size() < 8)
          A.unless.push_back(F);
    A.when = whenOf(S, false);
    if (A.held.empty())
      for (const auto &[FK, CV] : S.assume)
        if (FK.wholeGlobal() && CV.exact() && CV.k == 0)
          A.offFlag = FK.V->getCanonicalDecl();
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
      if (readsDatum(BO->getRHS(), *D, false) || freedBefore(*D, BO))
        record(LHS, AccessKind::Rmw, false, BO->getBeginLoc());
      else if (readsDatum(BO->getRHS(), *D, true))
        record(LHS, AccessKind::Rmw, true, BO->getBeginLoc());
      else
        record(LHS, AccessKind::Write, false, BO->getBeginLoc());
      return;
    }
    // temp = shared
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && !VD->hasGlobalStorage())
        if (auto RD = datumOf(strip(BO->getRHS())))
          Cur->Derived[VD] = RD->id();
    return;
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(St)) {
    if (IC->getCastKind() == CK_LValueToRValue)
      record(IC->getSubExpr(), AccessKind::Read, false, IC->getBeginLoc());
    return;
  }
}

}  // namespace extract
}  // namespace lockgraph
