// Extract: the driver of the extractor (Extract.h). Collects the TU's function bodies and
// declarations, names functions (USRs) and sites, records thread spawns, and runs the
// per-function analysis (HeldFlow.cpp) over every body.
#include "ExtractInternal.h"

#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <functional>
#include <tuple>

namespace lockgraph {
namespace extract {

Site Extractor::site(SourceLocation L) const {
  Site S;
  L = SM.getExpansionLoc(L);
  if (L.isInvalid())
    return S;
  PresumedLoc P = SM.getPresumedLoc(L);
  if (P.isInvalid())
    return S;
  llvm::SmallString<256> Path;
  if (!WorkDir.empty() && llvm::sys::path::is_relative(P.getFilename()))
    Path = WorkDir;
  llvm::sys::path::append(Path, P.getFilename());
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
    std::string Id = "lambda:" + S.file + ":" + std::to_string(S.line) + ":" + std::to_string(S.col);
    // one lambda per instantiation of the template around it (kmc's CKMC<1> and CKMC<8>
    // each start their own thread on their own frame's locals): not one entry started twice
    const DeclContext *DC = MD->getParent()->getDeclContext();
    while (DC && !isa<FunctionDecl>(DC))
      DC = DC->getParent();
    if (const auto *Enc = dyn_cast_or_null<FunctionDecl>(DC)) {
      const auto *RD = dyn_cast<CXXRecordDecl>(Enc->getDeclContext());
      std::string EncId = fnId(Enc);
      if (Enc->isTemplateInstantiation() || (RD && isa<ClassTemplateSpecializationDecl>(RD)) ||
          (RD && RD->isLambda() && EncId.find("@c:") != std::string::npos))
        Id += "@" + EncId;
    }
    return Id;
  }
  // A function of C language linkage is one function whatever namespace declares it: the
  // USR of `namespace sf { extern "C" void f(); }` names the namespace (c:@N@sf@F@f), that of
  // the same f declared outside it (or in a C file) does not, and the linker joins the two.
  if (FD->isExternC() && FD->getIdentifier())
    return "c:@F@" + FD->getName().str();
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
  std::string H = Handle ? handleOf(Handle, true) : "";
  recordSpawnNamed(Callable, At, H, Handle && H.empty() ? handleClassOf(Handle, true) : "");
}

void Extractor::recordSpawnNamed(const Expr *Callable, const Stmt *At, const std::string &H,
                                 const std::string &HandleClass) {
  if (!Cur->Emit)
    return;
  auto C = callableOf(Callable);
  if (!C) {
    // the function's own parameter (gpgme's run-threaded.c: `create_thread(func, arg)` calls
    // `pthread_create(&handle, NULL, func, arg)`): it starts whatever its callers pass, so it
    // is a starter for their spawns through it (Spawn::via; Analysis drops this marker)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Callable->IgnoreParenImpCasts()); DRE && isa<ParmVarDecl>(DRE->getDecl()))
      Cur->Fn->spawns.push_back({Spawn::ParamEntry, "", site(At->getBeginLoc()), inLoop(At), H, "", false, false, false, HandleClass});
    return;
  }
  Cur->Fn->spawns.push_back(
      {C->first, C->second, site(At->getBeginLoc()), inLoop(At), H, "", joinedBeforeReturn(At, H), Cur->ForkChild.count(At) > 0,
       startedOnceByFlag(At), HandleClass});
}

bool isStdThread(QualType T) {
  std::string Cls = stdRecord(T);
  return Cls == "std::thread" || Cls == "std::jthread";
}

// A container of threads (`std::vector<std::thread> pool`): its emplace starts one.
bool threadContainer(QualType T) {
  std::string N = T.getNonReferenceType().getAsString();
  return N.find("std::thread") != std::string::npos || N.find("std::jthread") != std::string::npos ||
         N.find("thread>") != std::string::npos;
}

std::string Extractor::threadGroupHandle(const Expr *Container) const {
  std::string B = Container ? handleOf(Container, false) : "";
  return B.empty() ? B : B + "[]";
}

std::string Extractor::stdThreadHandle(const Expr *E) {
  const Expr *X = strip(E);
  // `pool[i]` of a std::vector: the group of `pool`, as `tids[i]` of an array
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(X); OC && OC->getOperator() == OO_Subscript &&
                                                                   OC->getNumArgs() == 2)
    return threadGroupHandle(OC->getArg(0));
  // `for (auto &t : pool) t.join();`
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(X))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (ParentMap *PM = parents())
        for (const Stmt *P = PM->getParent(DRE); P; P = PM->getParent(P))
          if (const auto *FR = dyn_cast<CXXForRangeStmt>(P); FR && FR->getLoopVariable() == V)
            return threadGroupHandle(FR->getRangeInit());
  return handleOf(X, false);
}

std::string Extractor::stdThreadStartHandle(const Stmt *At) {
  ParentMap *PM = parents();
  if (!PM || !Cur)
    return "";
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(At))  // pool.emplace_back(f)
    return threadGroupHandle(MC->getImplicitObjectArgument());
  // the construction's way up: through temporaries and moves to what keeps the thread
  const Stmt *Below = At;
  const Stmt *P = PM->getParent(At);
  while (P && (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr, ExprWithCleanups, ParenExpr,
                   CXXFunctionalCastExpr>(P) ||
               (isa<CXXConstructExpr>(P) && cast<CXXConstructExpr>(P)->getConstructor()->isCopyOrMoveConstructor()))) {
    Below = P;
    P = PM->getParent(P);
  }
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {  // std::thread t(f); std::thread t = std::thread(f);
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() == Below) {
        auto *Ref = DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), const_cast<VarDecl *>(V), false,
                                        V->getLocation(), V->getType(), VK_LValue);
        return handleOf(Ref, false);
      }
    return "";
  }
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P); OC && OC->getOperator() == OO_Equal &&
                                                                   OC->getNumArgs() == 2 && OC->getArg(1) == Below)
    return stdThreadHandle(OC->getArg(0));  // t = std::thread(f); pool[i] = std::thread(f);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(P); MC && MC->getMethodDecl() &&
                                                                MC->getMethodDecl()->getIdentifier()) {
    StringRef N = MC->getMethodDecl()->getName();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if ((N == "push_back" || N == "emplace_back" || N == "emplace" || N == "insert") && Obj &&
        threadContainer(Obj->getType()))
      return threadGroupHandle(Obj);
  }
  return "";
}

namespace {
// The flag a condition tests for zero: `!f`, `f == 0`, `0 == f`, `f == false`, `p == NULL` of a
// scalar or pointer variable of static storage (a global, a file or function static).
const VarDecl *zeroTestedFlag(const Expr *C) {
  C = C->IgnoreParenImpCasts();
  const Expr *X = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_LNot) {
    X = UO->getSubExpr();
  } else if (const auto *BO = dyn_cast<BinaryOperator>(C); BO && BO->getOpcode() == BO_EQ) {
    auto Zero = [](const Expr *E) {
      E = E->IgnoreParenCasts();
      if (const auto *IL = dyn_cast<IntegerLiteral>(E))
        return IL->getValue() == 0;
      if (const auto *BL = dyn_cast<CXXBoolLiteralExpr>(E))
        return !BL->getValue();
      return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E);
    };
    X = Zero(BO->getRHS()) ? BO->getLHS() : Zero(BO->getLHS()) ? BO->getRHS() : nullptr;
  }
  const auto *DRE = X ? dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts()) : nullptr;
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasGlobalStorage() || V->getType().isVolatileQualified() ||
      !(V->getType()->isIntegerType() || V->getType()->isBooleanType() || V->getType()->isPointerType()))
    return nullptr;
  return V;
}

// A value that is not null: a nonzero integer constant, the address of an object, or a fresh
// allocation (`sniffer = malloc(sizeof(pthread_t))`: mdk4 starts its sniffer under `if
// (!sniffer)`; a failed allocation is not a case the program handles either).
bool nonzeroValue(const Expr *RHS, ASTContext &Ctx) {
  RHS = RHS->IgnoreParenCasts();
  Expr::EvalResult R;
  if (RHS->EvaluateAsInt(R, Ctx))
    return R.Val.getInt() != 0;
  if (const auto *U = dyn_cast<UnaryOperator>(RHS); U && U->getOpcode() == UO_AddrOf)
    return true;
  if (isa<CXXNewExpr>(RHS))
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(RHS))
    if (const FunctionDecl *FD = CE->getDirectCallee(); FD && FD->getIdentifier()) {
      StringRef N = FD->getName();
      return N == "malloc" || N == "calloc" || N == "xmalloc" || N == "xcalloc";
    }
  return false;
}

// Writes of V in a subtree: Set counts those of a nonzero constant (`f = 1`, `f = true`, `++f`),
// Other every other write (`f = 0`, `f = x`, `f--`, `&f` handed out).
struct FlagWrites : RecursiveASTVisitor<FlagWrites> {
  const VarDecl *V;
  const Stmt *Skip = nullptr;
  int Set = 0, Other = 0;
  explicit FlagWrites(const VarDecl *V) : V(V) {}
  bool refersTo(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == V;
  }
  bool TraverseStmt(Stmt *S) {
    if (S && S == Skip)
      return true;
    return RecursiveASTVisitor::TraverseStmt(S);
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!B->isAssignmentOp() || !refersTo(B->getLHS()))
      return true;
    bool NonZero = B->getOpcode() == BO_Assign && nonzeroValue(B->getRHS(), V->getASTContext());
    (NonZero ? Set : Other)++;
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf && refersTo(U->getSubExpr()))
      Other++;
    else if (U->isIncrementOp() && refersTo(U->getSubExpr()))
      Set++;
    else if (U->isDecrementOp() && refersTo(U->getSubExpr()))
      Other++;
    return true;
  }
};

// Does the branch leave the flag nonzero however it used it on the way: its last top-level
// statement writing the flag is `flag = nonzero`, and nothing leaves the branch before it (no
// return or goto in it)? mdk4's wids_getpacket() counts its ten seconds of start-up in the flag
// itself (`for (wids_init = 0; wids_init < 10; wids_init++) sleep(1); ... wids_init = 1;`).
bool endsSettingFlag(const Stmt *Then, const VarDecl *Flag) {
  const auto *CS = dyn_cast<CompoundStmt>(Then);
  if (!CS)
    return false;
  struct Jumps : RecursiveASTVisitor<Jumps> {
    bool Any = false;
    bool VisitReturnStmt(ReturnStmt *) { return !(Any = true); }
    bool VisitGotoStmt(GotoStmt *) { return !(Any = true); }
    bool VisitIndirectGotoStmt(IndirectGotoStmt *) { return !(Any = true); }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool TraverseBlockExpr(BlockExpr *) { return true; }
  } J;
  J.TraverseStmt(const_cast<Stmt *>(Then));
  if (J.Any)
    return false;
  for (const Stmt *S : llvm::reverse(CS->body())) {
    FlagWrites W(Flag);
    W.TraverseStmt(const_cast<Stmt *>(S));
    if (W.Set == 0 && W.Other == 0)
      continue;
    const auto *BO = dyn_cast<BinaryOperator>(S);
    return BO && BO->getOpcode() == BO_Assign && W.Set == 1 && W.Other == 0;
  }
  return false;
}
}  // namespace

// A start under `if (!flag)` whose branch sets the flag to a nonzero constant, with no other
// write of the flag in the TU, or whose other writes in the branch come before its last, a
// nonzero store (endsSettingFlag()) (Spawn::once). A flag of external linkage that another TU resets
// is not seen (docs/analyzer.md).
bool Extractor::startedOnceByFlag(const Stmt *At) {
  ParentMap *PM = parents();
  if (!PM)
    return false;
  for (const Stmt *P = At, *Up = PM->getParent(At); Up; P = Up, Up = PM->getParent(Up)) {
    const auto *If = dyn_cast<IfStmt>(Up);
    if (!If || If->getThen() != P || If->getConditionVariable())
      continue;
    const VarDecl *Flag = zeroTestedFlag(If->getCond());
    if (!Flag)
      continue;
    FlagWrites InBranch(Flag);
    InBranch.TraverseStmt(const_cast<Stmt *>(If->getThen()));
    if (InBranch.Set == 0 || (InBranch.Other != 0 && !endsSettingFlag(If->getThen(), Flag)))
      continue;
    FlagWrites Elsewhere(Flag);
    Elsewhere.Skip = If->getThen();
    Elsewhere.TraverseDecl(Ctx.getTranslationUnitDecl());
    if (Elsewhere.Other == 0)
      return true;
  }
  return false;
}

// Is the thread started at At (its handle H) joined before the function returns, on every
// path? A pthread_join/thrd_join of H after At whose enclosing conditions (if, switch, ?:,
// &&, ||) and loops all enclose At too, with no return or goto between them and no other start
// writing H; a group (`tids[]`, `handle[]`) started in a loop is joined in a loop of its own
// (a join of one element joins one thread). mafft's calcnearest_para() and fillimp_file(): start
// N workers, join them all, return.
bool Extractor::joinedBeforeReturn(const Stmt *At, const std::string &H) {
  ParentMap *PM = parents();
  if (H.empty() || !Cur || !Cur->Body || !PM)
    return false;
  bool Group = H.size() > 2 && H.compare(H.size() - 2, 2, "[]") == 0;
  auto isLoop = [](const Stmt *S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); };
  auto isCond = [](const Stmt *S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      return BO->isLogicalOp();
    return isa<IfStmt, SwitchStmt, AbstractConditionalOperator>(S);
  };
  std::set<const Stmt *> AtAnc;
  const Stmt *AtLoop = nullptr;
  for (const Stmt *P = PM->getParent(At); P && P != Cur->Body; P = PM->getParent(P)) {
    AtAnc.insert(P);
    if (!AtLoop && isLoop(P))
      AtLoop = P;
  }
  auto offsetOf = [&](const Stmt *S) -> std::optional<std::pair<FileID, unsigned>> {
    SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
    if (L.isInvalid())
      return std::nullopt;
    return std::make_pair(SM.getFileID(L), SM.getFileOffset(L));
  };
  auto AtOff = offsetOf(At);
  if (!AtOff)
    return false;
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    std::vector<std::pair<const Stmt *, std::string>> Joins, Starts;  // with the handle each names
    std::vector<const Stmt *> Exits;
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (FD && FD->getIdentifier() && CE->getNumArgs() >= 1) {
        StringRef N = FD->getName();
        if (N == "pthread_join" || N == "thrd_join")
          Joins.push_back({CE, X->handleOf(CE->getArg(0), false)});
        else if (N == "pthread_create" || N == "thrd_create")
          Starts.push_back({CE, X->handleOf(CE->getArg(0), true)});
      }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE); MC && FD && FD->getIdentifier())
        if (const Expr *Obj = MC->getImplicitObjectArgument()) {
          if (FD->getName() == "join" && isStdThread(Obj->getType()))
            Joins.push_back({CE, X->stdThreadHandle(Obj)});
          else if ((FD->getName() == "emplace_back" || FD->getName() == "emplace") && CE->getNumArgs() >= 1 &&
                   threadContainer(Obj->getType()))
            Starts.push_back({CE, X->stdThreadStartHandle(CE)});
        }
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
      if (isStdThread(CE->getType()) && CE->getNumArgs() >= 1 && !CE->getConstructor()->isCopyOrMoveConstructor())
        Starts.push_back({CE, X->stdThreadStartHandle(CE)});
      return true;
    }
    bool VisitReturnStmt(ReturnStmt *R) {
      Exits.push_back(R);
      return true;
    }
    bool VisitGotoStmt(GotoStmt *G) {
      Exits.push_back(G);
      return true;
    }
    // writes of variables (for conditions tested again: `if (nth > 1)` around the starts and
    // again around the joins)
    std::vector<std::pair<const VarDecl *, const Stmt *>> Writes;
    void wrote(const Expr *E, const Stmt *At) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Writes.push_back({V->getCanonicalDecl(), At});
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp())
        wrote(BO->getLHS(), BO);
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        wrote(UO->getSubExpr(), UO);
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool TraverseBlockExpr(BlockExpr *) { return true; }
  } F;
  F.X = this;
  F.TraverseStmt(const_cast<Stmt *>(Cur->Body));
  // An `if` around the join is one around the start too when both test the same condition
  // (same text) of variables nothing writes between the two tests (a global's may be written
  // by other threads; a flag set once at start-up is taken not to be).
  auto sameTest = [&](const IfStmt *P, const Stmt *JoinSide) {
    const Expr *PC = P->getCond();
    if (!PC || P->getConditionVariable() || P->getInit())
      return false;
    auto Text = [&](const Expr *E) {
      std::string T = Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()), SM, Ctx.getLangOpts()).str();
      T.erase(std::remove_if(T.begin(), T.end(), [](char C) { return std::isspace(static_cast<unsigned char>(C)); }), T.end());
      return T;
    };
    std::string PT = Text(PC);
    if (PT.empty() || PC->HasSideEffects(Ctx))
      return false;
    bool JoinInThen = false;
    for (const Stmt *X = JoinSide; X && X != P; X = PM->getParent(X))
      JoinInThen = X == P->getThen();
    std::set<const VarDecl *> Vars;
    struct Refs : RecursiveASTVisitor<Refs> {
      std::set<const VarDecl *> *Vars;
      bool Calls = false;
      bool VisitDeclRefExpr(DeclRefExpr *D) {
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
          Vars->insert(V->getCanonicalDecl());
        return true;
      }
      bool VisitCallExpr(CallExpr *) { return !(Calls = true); }
    } R;
    R.Vars = &Vars;
    R.TraverseStmt(const_cast<Expr *>(PC));
    if (R.Calls)
      return false;
    for (const Stmt *A : AtAnc) {
      const auto *Q = dyn_cast<IfStmt>(A);
      if (!Q || !Q->getCond() || Q->getConditionVariable() || Q->getInit() || Text(Q->getCond()) != PT)
        continue;
      bool AtInThen = false;
      for (const Stmt *X = At; X && X != Q; X = PM->getParent(X))
        AtInThen = X == Q->getThen();
      if (AtInThen != JoinInThen)
        continue;
      auto QO = offsetOf(Q), PO = offsetOf(P);
      if (!QO || !PO || QO->first != PO->first)
        continue;
      bool Written = false;
      for (const auto &[V, W] : F.Writes)
        if (Vars.count(V))
          if (auto WO = offsetOf(W); !WO || (WO->first == QO->first && WO->second > QO->second && WO->second < PO->second))
            Written = true;
      if (!Written)
        return true;
    }
    return false;
  };
  auto between = [&](const Stmt *S, unsigned Hi) {
    auto O = offsetOf(S);
    return !O || (O->first == AtOff->first && O->second > AtOff->second && O->second < Hi);
  };
  for (const auto &[J, JH] : F.Joins) {
    auto JO = offsetOf(J);
    if (!JO || JO->first != AtOff->first || JO->second <= AtOff->second || JH != H)
      continue;
    bool Ok = true, JoinLoop = false;
    const Stmt *Below = J;
    for (const Stmt *P = PM->getParent(J); Ok && P && P != Cur->Body; Below = P, P = PM->getParent(P)) {
      if (AtAnc.count(P))
        continue;
      if (isLoop(P))
        JoinLoop = true;
      const auto *If = dyn_cast<IfStmt>(P);
      Ok = (!isCond(P) || (If && Below != If->getCond() && sameTest(If, J))) && !(isLoop(P) && !Group);
    }
    // a single handle started in a loop is joined inside that loop; a group's starts in a loop,
    // by a loop of joins (or in the same loop)
    if (AtLoop) {
      bool InAtLoop = false;
      for (const Stmt *P = PM->getParent(J); P && !InAtLoop; P = PM->getParent(P))
        InAtLoop = P == AtLoop;
      if (Group ? !(JoinLoop || InAtLoop) : !InAtLoop)
        Ok = false;
    }
    for (const Stmt *X : F.Exits)
      Ok = Ok && !between(X, JO->second);
    for (const auto &[S, SH] : F.Starts)
      if (!Group && S != At && SH == H && between(S, JO->second))
        Ok = false;
    if (Ok)
      return true;
  }
  return false;
}

namespace {
// A `for` whose text says it runs its body once at most: a counter from a constant to a constant
// one past it, `for (i = 0; i < 1; i++)` (yaz's test_icu.c starts NO_THREADS threads in such a
// loop, NO_THREADS defined 1, and joins them in another), which the body does not change.
bool runsAtMostOnce(const ForStmt *F, ASTContext &Ctx) {
  const VarDecl *V = nullptr;
  const Expr *Init = nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(F->getInit()); DS && DS->isSingleDecl()) {
    V = dyn_cast<VarDecl>(DS->getSingleDecl());
    Init = V ? V->getInit() : nullptr;
  } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(F->getInit()); BO && BO->getOpcode() == BO_Assign) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      V = dyn_cast<VarDecl>(DRE->getDecl());
    Init = BO->getRHS();
  }
  auto isV = [&](const Expr *E) {
    const auto *DRE = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    return V && DRE && DRE->getDecl() == V;
  };
  Expr::EvalResult From, To;
  if (!V || !Init || !Init->EvaluateAsInt(From, Ctx))
    return false;
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(F->getCond() ? F->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !isV(Cond->getLHS()) || !Cond->getRHS()->EvaluateAsInt(To, Ctx))
    return false;
  const auto *Inc = dyn_cast_or_null<UnaryOperator>(F->getInc());
  if (!Inc || !Inc->isIncrementOp() || !isV(Inc->getSubExpr()))
    return false;
  FlagWrites W(V);
  W.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  if (W.Set || W.Other)
    return false;
  const int64_t A = From.Val.getInt().getExtValue(), B = To.Val.getInt().getExtValue();
  switch (Cond->getOpcode()) {
  case BO_LT:
    return B - A <= 1;
  case BO_NE:
    return B - A == 0 || B - A == 1;
  case BO_LE:
    return B - A <= 0;
  default:
    return false;
  }
}
}  // namespace

bool Extractor::inLoop(const Stmt *At) {
  ParentMap *PM = parents();
  for (const Stmt *P = PM ? PM->getParent(At) : nullptr; P; P = PM->getParent(P))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P)) {
      if (const auto *F = dyn_cast<ForStmt>(P); F && runsAtMostOnce(F, Ctx))
        continue;
      // `do { ... } while (0)`, a macro's statement or a block to break out of (clamav's
      // onas_enable_inotif_ddd() starts its one thread in one): its body runs once
      bool Again = true;
      if (const auto *D = dyn_cast<DoStmt>(P); D && D->getCond() && !D->getCond()->isValueDependent() &&
                                              D->getCond()->EvaluateAsBooleanCondition(Again, Ctx) && !Again)
        continue;
      return true;
    }
  return false;
}

// A function of the program passed as a thread-routine-shaped argument (one pointer
// parameter: `void *(*)(void *)`, `void (*)(void *)`, `int (*)(void *)`) to a function of
// the program: a spawn through a wrapper (icecast2's thread_create(), tor's spawn_func()),
// kept by the analysis only if that callee starts a thread itself (Spawn::via).
void Extractor::recordWrappedSpawns(const CallExpr *CE, const FunctionDecl *Callee) {
  if (!Cur->Emit || !inUserCode(Callee))
    return;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I) {
    const auto *PT = Callee->getParamDecl(I)->getType()->getAs<PointerType>();
    const auto *FT = PT ? PT->getPointeeType()->getAs<FunctionProtoType>() : nullptr;
    if (!FT || FT->getNumParams() != 1 || !FT->getParamType(0)->isPointerType())
      continue;
    const Expr *A = strip(CE->getArg(I));
    if (const auto *UO = dyn_cast<UnaryOperator>(A); UO && UO->getOpcode() == UO_AddrOf)
      A = strip(UO->getSubExpr());
    const auto *DRE = dyn_cast<DeclRefExpr>(A);
    const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
    if (!FD || !inUserCode(FD))
      continue;
    size_t Before = Cur->Fn->spawns.size();
    recordSpawn(DRE, CE);
    if (Cur->Fn->spawns.size() > Before)
      Cur->Fn->spawns.back().via = fnId(Callee);
  }
}

// Mutexes initialised recursive (`pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
// pthread_mutex_init(&mu_, &a);`), or error-checking (PTHREAD_MUTEX_ERRORCHECK: the owner's
// relock returns EDEADLK at once instead of waiting, and vdr's cMutex counts it as one more
// level, a recursive mutex made by hand; either way no self-deadlock), found before any
// function is analyzed: a wrapper class's
// constructor makes its field recursive for every method that locks it, wherever the
// constructor is defined in the TU. A function that initialises its parameter (mpv's
// `mpthread_mutex_init_recursive(pthread_mutex_t *mutex)`) makes recursive the locks its
// callers pass to it, in any TU: both halves are facts joined by the runner
// (applyRecursiveAllocs) under the key "init:<function id>#<parameter>", the initialiser as a
// RecursiveAlloc (mask ~0 when every init of the parameter is recursive, 0 when not) and each
// call passing `&s->field` or `&global` as that parameter as an AllocSite.
// The variable or field a lock operand names: `m`, `&m`, `&s->mu`, `obj.mu` (or null).
static const Decl *lockOperandDecl(const Expr *E) {
  E = E ? strip(E) : nullptr;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = strip(UO->getSubExpr());
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

void Extractor::findRecursiveInits() {
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    const FunctionDecl *Cur = nullptr;
    std::set<const Decl *> Attrs;
    std::map<std::string, bool> Inits;  // "init:<fn>#<param>" -> every init of it recursive
    std::set<std::pair<std::string, std::string>> Sites;  // ("init:<fn>#<param>", lock key)
    static std::string initKey(const std::string &Fn, unsigned I) { return "init:" + Fn + "#" + std::to_string(I); }
    // the caller half: `f(..., &s->field, ...)` or `f(..., &global, ...)` with a lock-typed operand
    void callSites(const CallExpr *CE, const FunctionDecl *FD) {
      if (!X->inUserCode(FD))
        return;
      for (unsigned I = 0; I < CE->getNumArgs() && I < FD->getNumParams(); ++I) {
        // a lock kept behind a pointer field (libbluray's `bd_mutex { void *impl; }`, initialised
        // by `_mutex_init((MUTEX_IMPL *)p->impl)`): the field stands for the lock it points to
        if (const auto *ME = dyn_cast<MemberExpr>(CE->getArg(I)->IgnoreParenCasts()))
          if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
              F && (F->getType()->isVoidPointerType() ||
                    (F->getType()->isPointerType() && isLockType(F->getType()->getPointeeType())))) {
            Sites.insert({initKey(X->fnId(FD), I), recordName(F->getParent()) + "::" + F->getNameAsString()});
            continue;
          }
        const auto *UO = dyn_cast<UnaryOperator>(strip(CE->getArg(I)));
        if (!UO || UO->getOpcode() != UO_AddrOf || !isLockType(UO->getSubExpr()->getType()))
          continue;
        const Decl *M = declOf(UO);
        std::string K;
        if (const auto *F = dyn_cast_or_null<FieldDecl>(M))
          K = recordName(F->getParent()) + "::" + F->getNameAsString();
        else if (const auto *V = dyn_cast_or_null<VarDecl>(M); V && V->hasGlobalStorage())
          K = X->globalKey(V, nullptr);
        if (!K.empty())
          Sites.insert({initKey(X->fnId(FD), I), K});
      }
    }
    static const Decl *declOf(const Expr *E) { return lockOperandDecl(E); }
    // The parameter an attribute operand is of: `attr`, `&a.attrs`, `&a->attrs` (or null).
    static const ParmVarDecl *paramOf(const Expr *E) {
      for (int I = 0; E && I < 8; ++I) {
        E = strip(E);
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
          return dyn_cast<ParmVarDecl>(DRE->getDecl());
        if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
          E = UO->getSubExpr();
        else if (const auto *ME = dyn_cast<MemberExpr>(E))
          E = ME->getBase();
        else
          return nullptr;
      }
      return nullptr;
    }
    bool isRecursiveType(const Expr *Type) const {
      StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(Type->getSourceRange()), X->SM,
                                         X->Ctx.getLangOpts());
      return T.contains("RECURSIVE") || T.contains("ERRORCHECK");
    }
    // A wrapper whose constructor takes the type (jellyfish's `mutex(int type)`: settype(&attr,
    // type), then pthread_mutex_init(&_mutex, &attr)): the attribute's parameter, and the
    // constructor's parameter index with the field it initialises.
    std::map<std::pair<const FunctionDecl *, const Decl *>, unsigned> ParamAttrs;  // (constructor, attr)
    std::map<const CXXConstructorDecl *, std::pair<unsigned, std::string>> TypeParams;
    // An attribute handed out through an out-parameter (SWI-Prolog's `recursive_attr(&attr)`:
    // a static attribute set PTHREAD_MUTEX_RECURSIVE once, `*ap = &attr;`, then
    // `pthread_mutex_init(&m->lock, attr)` in recursiveMutexInit()): (function, parameter) ->
    // the attribute it stores there (null when it stores more than one).
    std::map<std::pair<const FunctionDecl *, unsigned>, const Decl *> OutAttrs;
    // The first of two passes only gathers the attributes set recursive and those handed out
    // through out-parameters, so that a call reads its callee's `*ap = &attr` wherever the
    // callee is defined in the TU; the second does the rest.
    bool Gather = true;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (!Gather || !Cur || BO->getOpcode() != BO_Assign)
        return true;
      const auto *L = dyn_cast<UnaryOperator>(strip(BO->getLHS()));
      const auto *R = dyn_cast<UnaryOperator>(strip(BO->getRHS()));
      if (!L || L->getOpcode() != UO_Deref || !R || R->getOpcode() != UO_AddrOf)
        return true;
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(L->getSubExpr()));
      const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
      const auto *A = dyn_cast_or_null<VarDecl>(declOf(R));
      if (!P || P->getDeclContext() != Cur || !A || !A->hasGlobalStorage())
        return true;
      auto [It, New] = OutAttrs.try_emplace({Cur->getCanonicalDecl(), P->getFunctionScopeIndex()}, A);
      if (!New && It->second != A)
        It->second = nullptr;
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (Gather) {
        if (FD && FD->getIdentifier() && FD->getName() == "pthread_mutexattr_settype" && CE->getNumArgs() >= 2)
          if (isRecursiveType(CE->getArg(1)))
            if (const Decl *D = declOf(CE->getArg(0)))
              Attrs.insert(D);
        return true;
      }
      if (FD) {
        callSites(CE, FD);
        // `recursive_attr(&attr)`: the local pointer now points to that function's attribute
        for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
          auto It = OutAttrs.find({FD->getCanonicalDecl(), I});
          if (It == OutAttrs.end() || !It->second || !Attrs.count(It->second))
            continue;
          if (const auto *UO = dyn_cast<UnaryOperator>(strip(CE->getArg(I))); UO && UO->getOpcode() == UO_AddrOf)
            if (const auto *V = dyn_cast_or_null<VarDecl>(declOf(UO)); V && V->hasLocalStorage())
              Attrs.insert(V);
        }
      }
      if (!FD || !FD->getIdentifier() || CE->getNumArgs() < 2)
        return true;
      StringRef N = FD->getName();
      if (N == "pthread_mutexattr_settype") {
        if (isRecursiveType(CE->getArg(1)))
          if (const Decl *D = declOf(CE->getArg(0)))
            Attrs.insert(D);
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(1))); DRE && isa_and_nonnull<CXXConstructorDecl>(Cur))
          if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()); P && P->getDeclContext() == Cur)
            if (const Decl *D = declOf(CE->getArg(0)))
              ParamAttrs[{Cur, D}] = P->getFunctionScopeIndex();
      } else if (N == "pthread_mutex_init") {
        const Decl *A = declOf(CE->getArg(1));
        if (const auto *CD = dyn_cast_or_null<CXXConstructorDecl>(Cur); CD && A)
          if (auto It = ParamAttrs.find({Cur, A}); It != ParamAttrs.end())
            if (const auto *F = dyn_cast_or_null<FieldDecl>(declOf(CE->getArg(0))))
              TypeParams[CD->getCanonicalDecl()] = {It->second, F->getNameAsString()};
        // an attribute object the constructor is given (cwidget's `mutex(const attr &a) {
        // pthread_mutex_init(&m, &a.attrs); }`, made as `mutex(mutex::attr(PTHREAD_MUTEX_RECURSIVE))`)
        if (const auto *CD = dyn_cast_or_null<CXXConstructorDecl>(Cur))
          if (const ParmVarDecl *P = paramOf(CE->getArg(1)); P && P->getDeclContext() == Cur)
            if (const auto *F = dyn_cast_or_null<FieldDecl>(declOf(CE->getArg(0))))
              TypeParams.emplace(CD->getCanonicalDecl(), std::make_pair(P->getFunctionScopeIndex(), F->getNameAsString()));
        bool Rec = A && Attrs.count(A);
        // the initialiser half: `pthread_mutex_init(param, attr)`
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(0))); DRE && Cur)
          if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()); P && P->getDeclContext() == Cur) {
            auto It = Inits.insert({initKey(X->fnId(Cur), P->getFunctionScopeIndex()), true}).first;
            It->second = It->second && Rec;
          }
        if (!Rec)
          return true;
        const Decl *M = declOf(CE->getArg(0));
        if (const auto *F = dyn_cast_or_null<FieldDecl>(M)) {
          std::string K = recordName(F->getParent()) + "::" + F->getNameAsString();
          X->RecursiveFields.insert(K);
          X->RecursiveKeys.insert(K);
        } else if (const auto *V = dyn_cast_or_null<VarDecl>(M); V && V->hasGlobalStorage()) {
          X->RecursiveKeys.insert(X->globalKey(V, nullptr));
        }
      }
      return true;
    }
  } F;
  F.X = this;
  for (bool Gather : {true, false}) {
    F.Gather = Gather;
    for (const auto *List : {&LibFns, &Fns})
      for (const FunctionDecl *FD : *List)
        if (FD->getBody()) {
          F.Cur = FD;
          F.TraverseStmt(FD->getBody());
        }
  }
  RecursiveAttrs = std::move(F.Attrs);
  findOwnerCheckedLocks();
  // Classes built on such a wrapper with a recursive type (`mutex_recursive() :
  // mutex(PTHREAD_MUTEX_RECURSIVE) {}`): every object of theirs is recursive, so is every field
  // of that type (`mutex_recursive mutex_;`, the lock "stream_manager::mutex_._mutex"); and a
  // member constructed so (`mu_(PTHREAD_MUTEX_RECURSIVE)`).
  if (!F.TypeParams.empty()) {
    auto recursiveArg = [&](const CXXConstructExpr *CE) -> const std::string * {
      if (!CE)
        return nullptr;
      auto It = F.TypeParams.find(CE->getConstructor()->getCanonicalDecl());
      if (It == F.TypeParams.end() || It->second.first >= CE->getNumArgs())
        return nullptr;
      StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(CE->getArg(It->second.first)->getSourceRange()),
                                         SM, Ctx.getLangOpts());
      return T.contains("RECURSIVE") || T.contains("ERRORCHECK") ? &It->second.second : nullptr;
    };
    std::map<const CXXRecordDecl *, std::string> Types;  // class -> its lock field
    std::set<const CXXRecordDecl *> Plain;  // a constructor of the class builds its base plain
    for (const FunctionDecl *FD : Fns)
      if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD)) {
        bool RecBase = false;
        for (const CXXCtorInitializer *I : CD->inits()) {
          const auto *CE = dyn_cast_or_null<CXXConstructExpr>(I->getInit() ? I->getInit()->IgnoreImplicit() : nullptr);
          const std::string *Field = recursiveArg(CE);
          if (!Field)
            continue;
          if (I->isBaseInitializer()) {
            Types[CD->getParent()->getCanonicalDecl()] = *Field;
            RecBase = true;
          } else if (const FieldDecl *M = I->getMember()) {
            RecursiveKeys.insert(recordName(CD->getParent()) + "::" + M->getNameAsString() + "." + *Field);
          }
        }
        if (!RecBase && !CD->isCopyOrMoveConstructor())
          Plain.insert(CD->getParent()->getCanonicalDecl());
      }
    for (const CXXRecordDecl *RD : Plain)
      Types.erase(RD);
    {
      struct Fields : RecursiveASTVisitor<Fields> {
        std::map<const CXXRecordDecl *, std::string> *Types;
        std::set<std::string> *Keys;
        bool VisitFieldDecl(FieldDecl *FD) {
          const auto *RD = FD->getType()->getAsCXXRecordDecl();
          if (auto It = RD ? Types->find(RD->getCanonicalDecl()) : Types->end(); It != Types->end())
            Keys->insert(recordName(FD->getParent()) + "::" + FD->getNameAsString() + "." + It->second);
          return true;
        }
        Extractor *X;
        std::function<const std::string *(const CXXConstructExpr *)> RecursiveArg;
        bool VisitVarDecl(VarDecl *VD) {  // a global of that type (`static mutex_recursive mu;`)
          const auto *RD = VD->hasGlobalStorage() ? VD->getType()->getAsCXXRecordDecl() : nullptr;
          if (auto It = RD ? Types->find(RD->getCanonicalDecl()) : Types->end(); It != Types->end())
            Keys->insert(X->globalKey(VD, nullptr) + "." + It->second);
          // one made so (aptitude's `cw::threads::mutex download_thread::state_mutex((
          // cw::threads::mutex::attr(PTHREAD_MUTEX_RECURSIVE)));`)
          if (RD && VD->getInit() && X->inUserCode(VD))
            if (const std::string *Field = RecursiveArg(dyn_cast<CXXConstructExpr>(VD->getInit()->IgnoreImplicit())))
              Keys->insert(X->globalKey(VD, nullptr) + "." + *Field);
          return true;
        }
      } V;
      V.X = this;
      V.Types = &Types;
      V.Keys = &RecursiveKeys;
      V.RecursiveArg = recursiveArg;
      V.TraverseDecl(Ctx.getTranslationUnitDecl());
    }
  }
  // Qt 5's `QMutex m(QMutex::Recursive)`: a member made so by a constructor's initialiser or its
  // own initialiser in the class, or a global or static member defined so, is recursive
  // (qt_recursive_mutex.cc).
  {
    struct QtRecursive : RecursiveASTVisitor<QtRecursive> {
      Extractor *X;
      static bool made(const Expr *E) {
        const auto *CE = E ? dyn_cast<CXXConstructExpr>(E->IgnoreImplicit()) : nullptr;
        if (!CE || stdRecord(CE->getType()) != "QMutex")
          return false;
        for (const Expr *A : CE->arguments())
          if (const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
            if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()); EC && EC->getName() == "Recursive")
              return true;
        return false;
      }
      void field(const FieldDecl *F) {
        std::string K = recordName(F->getParent()) + "::" + F->getNameAsString();
        X->RecursiveFields.insert(K);
        X->RecursiveKeys.insert(K);
      }
      bool VisitFieldDecl(FieldDecl *FD) {
        if (FD->hasInClassInitializer() && made(FD->getInClassInitializer()))
          field(FD);
        return true;
      }
      bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
        if (CD->doesThisDeclarationHaveABody())
          for (const CXXCtorInitializer *I : CD->inits())
            if (const FieldDecl *M = I->getMember(); M && made(I->getInit()))
              field(M);
        return true;
      }
      bool VisitVarDecl(VarDecl *VD) {
        if (VD->hasGlobalStorage() && VD->hasInit() && made(VD->getInit()))
          X->RecursiveKeys.insert(X->globalKey(VD, nullptr));
        return true;
      }
    } Q;
    Q.X = this;
    if (Ctx.Idents.find("QMutex") != Ctx.Idents.end() && Ctx.Idents.find("Recursive") != Ctx.Idents.end())
      Q.TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  for (const auto &[Key, Rec] : F.Inits)
    Out.recursiveAllocs.push_back({Key, Rec ? ~std::uint64_t(0) : 0});
  for (const auto &[Key, Lock] : F.Sites)
    Out.allocSites.push_back({Key, 1, Lock});
}

// Lock tables whose alloc takes a type flag (libevent: `EVTHREAD_ALLOC_LOCK(buf->lock,
// EVTHREAD_LOCKTYPE_RECURSIVE)` calls `evthread_lock_fns_.alloc(locktype)`, which
// evthread_use_pthreads() fills with a function that initialises the mutex with a recursive
// attribute when `locktype & EVTHREAD_LOCKTYPE_RECURSIVE`). Both halves are facts, joined by
// the runner across TUs (applyRecursiveAllocs): the allocators this TU stores into a table,
// with the flag bits that make them recursive, and the locks it stores from a call through a
// table with a constant flag.
// A lock function that makes its lock recursive by hand (gperftools' MemoryRegionMap::Lock():
// `if (recursion_count_ > 0 && current_thread_is(lock_owner_tid_)) { recursion_count_++;
// return; }`, then `lock_.Lock()`): a test of the calling thread's identity whose branch
// returns without taking a lock. Its owner may call it again: the lock it takes (its lock
// attribute's, or its lock calls outside that branch) is recursive (owner_checked_lock.cc).
void Extractor::findOwnerCheckedLocks() {
  auto isThreadId = [](const FunctionDecl *FD) {
    if (!FD || !FD->getIdentifier())
      return false;
    std::string N = FD->getName().lower();
    for (const char *P : {"pthread_self", "pthread_equal", "gettid", "thrd_current", "getcurrentthreadid",
                          "current_thread", "currentthread", "get_id", "thread_self", "threadself"})
      if (N.find(P) != std::string::npos)
        return true;
    return false;
  };
  struct Scan : RecursiveASTVisitor<Scan> {
    const Extractor *X = nullptr;
    std::function<bool(const FunctionDecl *)> IsThreadId;
    bool ThreadTest = false, Returns = false, Locks = false;
    bool VisitCallExpr(CallExpr *CE) {
      ThreadTest = ThreadTest || IsThreadId(CE->getDirectCallee());
      LockOp::Kind K = X->lockKindOf(CE);
      Locks = Locks || K == LockOp::Acquire || K == LockOp::Try;
      return true;
    }
    bool VisitReturnStmt(ReturnStmt *) {
      Returns = true;
      return true;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  };
  // the key of the lock object an expression names: a field of its class, or a global
  auto keyOf = [&](const Expr *E) -> std::string {
    const Decl *D = lockOperandDecl(E);
    if (const auto *F = dyn_cast_or_null<FieldDecl>(D))
      return recordName(F->getParent()) + "::" + F->getNameAsString();
    if (const auto *V = dyn_cast_or_null<VarDecl>(D); V && V->hasGlobalStorage())
      return globalKey(V, nullptr);
    return "";
  };
  for (const FunctionDecl *FD : Fns) {
    const Stmt *Body = FD->getBody();
    if (!Body)
      continue;
    // the owner's way out: `if (<thread identity test>) { ...; return; }` taking no lock
    std::vector<const Stmt *> Skip;
    std::function<void(const Stmt *)> Find = [&](const Stmt *St) {
      if (!St || isa<LambdaExpr>(St))
        return;
      if (const auto *If = dyn_cast<IfStmt>(St)) {
        Scan C, T;
        C.X = T.X = this;
        C.IsThreadId = T.IsThreadId = isThreadId;
        C.TraverseStmt(const_cast<Expr *>(If->getCond()));
        T.TraverseStmt(const_cast<Stmt *>(If->getThen()));
        if (C.ThreadTest && !C.Locks && T.Returns && !T.Locks) {
          Skip.push_back(If);
          return;
        }
      }
      for (const Stmt *Ch : St->children())
        Find(Ch);
    };
    Find(Body);
    if (Skip.empty())
      continue;
    std::set<std::string> Keys;
    if (const auto *A = FD->getAttr<AcquireCapabilityAttr>())
      for (const Expr *E : A->args())
        if (std::string K = keyOf(E); !K.empty())
          Keys.insert(K);
    std::function<void(const Stmt *)> Calls = [&](const Stmt *St) {
      if (!St || isa<LambdaExpr>(St) || std::find(Skip.begin(), Skip.end(), St) != Skip.end())
        return;
      if (const auto *CE = dyn_cast<CallExpr>(St)) {
        if (lockKindOf(CE) == LockOp::Acquire) {
          const Expr *Obj = nullptr;
          if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
            Obj = MC->getImplicitObjectArgument();
          else if (CE->getNumArgs() >= 1)
            Obj = CE->getArg(0);
          if (std::string K = keyOf(Obj); !K.empty())
            Keys.insert(K);
        }
      }
      for (const Stmt *Ch : St->children())
        Calls(Ch);
    };
    Calls(Body);
    RecursiveKeys.insert(Keys.begin(), Keys.end());
  }
}

void Extractor::findRecursiveAllocs() {
  auto constantOf = [&](const Expr *E) -> std::optional<std::uint64_t> {
    Expr::EvalResult R;
    if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, Ctx) || R.Val.getInt().getActiveBits() > 64)
      return std::nullopt;
    return R.Val.getInt().getZExtValue();
  };
  // The allocator half: pthread_mutex_init(m, attr) with attr a recursive attribute (`&a`, or
  // a local pointer given `&a`), under `if (param0 & FLAG)` (mask FLAG) or not (mask ~0).
  struct AllocFinder : RecursiveASTVisitor<AllocFinder> {
    Extractor *X;
    const ParmVarDecl *P0 = nullptr;
    std::function<std::optional<std::uint64_t>(const Expr *)> Constant;
    std::vector<std::uint64_t> Masks{~std::uint64_t(0)};  // the flag tests around here
    std::map<const Decl *, std::uint64_t> AttrPtrs;        // local = &recursive_attr
    std::uint64_t Result = 0;
    bool isRecAttr(const Expr *E) const {
      E = strip(E);
      const auto *UO = dyn_cast<UnaryOperator>(E);
      if (!UO || UO->getOpcode() != UO_AddrOf)
        return false;
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()));
      return DRE && X->RecursiveAttrs.count(DRE->getDecl());
    }
    // `param0 & FLAG` (either order): FLAG
    std::optional<std::uint64_t> flagTest(const Expr *C) const {
      const auto *BO = dyn_cast<BinaryOperator>(strip(C));
      if (!BO || BO->getOpcode() != BO_And)
        return std::nullopt;
      for (auto [A, B] : {std::pair{BO->getLHS(), BO->getRHS()}, std::pair{BO->getRHS(), BO->getLHS()}})
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(A)); DRE && DRE->getDecl() == P0)
          if (auto K = Constant(B); K && *K)
            return K;
      return std::nullopt;
    }
    bool TraverseIfStmt(IfStmt *S) {
      auto K = flagTest(S->getCond());
      if (!K)
        return RecursiveASTVisitor::TraverseIfStmt(S);
      TraverseStmt(S->getCond());
      Masks.push_back(Masks.back() & *K);
      TraverseStmt(S->getThen());
      Masks.pop_back();
      return TraverseStmt(S->getElse());
    }
    void assign(const Decl *D, const Expr *E) {
      if (D && E && isRecAttr(E))
        AttrPtrs[D] |= Masks.back();
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->hasLocalStorage())
        assign(V, V->getInit());
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
          assign(DRE->getDecl(), BO->getRHS());
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (!FD || !FD->getIdentifier() || FD->getName() != "pthread_mutex_init" || CE->getNumArgs() < 2)
        return true;
      if (isRecAttr(CE->getArg(1)))
        Result |= Masks.back();
      else if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(CE->getArg(1))))
        if (auto It = AttrPtrs.find(DRE->getDecl()); It != AttrPtrs.end())
          Result |= It->second;
      return true;
    }
  };
  std::map<const FunctionDecl *, std::uint64_t> Allocs;
  if (!RecursiveAttrs.empty())
    for (const FunctionDecl *FD : Fns)
      if (FD->getBody() && FD->getNumParams() >= 1 && FD->getReturnType()->isPointerType()) {
        AllocFinder F;
        F.X = this;
        F.P0 = FD->getParamDecl(0);
        F.Constant = constantOf;
        F.TraverseStmt(FD->getBody());
        if (F.Result)
          Allocs[FD] = F.Result;
      }
  for (const auto &[Key, Bound] : FpBindings)
    for (const FunctionDecl *FD : Bound)
      if (auto It = Allocs.find(FD); It != Allocs.end())
        Out.recursiveAllocs.push_back({Key, It->second});

  // The caller half: `L = table.alloc(K)` (also `L = table.alloc ? table.alloc(K) : NULL`),
  // L a field or a global, or a local later stored into one (`lock = ...; buf->lock = lock;`).
  struct SiteFinder : RecursiveASTVisitor<SiteFinder> {
    Extractor *X;
    std::function<std::optional<std::uint64_t>(const Expr *)> Constant;
    std::map<const Decl *, std::vector<std::pair<std::string, std::uint64_t>>> Locals;
    std::set<std::tuple<std::string, std::uint64_t, std::string>> Sites;
    std::string tableKey(const CallExpr *CE) const {
      if (CE->getDirectCallee() || CE->getNumArgs() < 1)
        return "";
      const Expr *C = strip(CE->getCallee());
      if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_Deref)
        C = strip(UO->getSubExpr());
      if (const auto *ME = dyn_cast<MemberExpr>(C))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          return "fp:" + recordName(F->getParent()) + "::" + F->getNameAsString();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
          return "fp:" + X->globalKey(V, nullptr);
      return "";
    }
    std::vector<std::pair<std::string, std::uint64_t>> allocs(const Expr *E) const {
      E = strip(E);
      if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
        auto A = allocs(CO->getTrueExpr()), B = allocs(CO->getFalseExpr());
        A.insert(A.end(), B.begin(), B.end());
        return A;
      }
      if (const auto *CE = dyn_cast<CallExpr>(E))
        if (std::string K = tableKey(CE); !K.empty())
          if (auto V = Constant(CE->getArg(0)))
            return {{K, *V}};
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (auto It = Locals.find(DRE->getDecl()); It != Locals.end())
          return It->second;
      return {};
    }
    std::string lockKey(const Expr *E) const {
      E = strip(E);
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          return recordName(F->getParent()) + "::" + F->getNameAsString();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
          return X->globalKey(V, nullptr);
      return "";
    }
    void store(const Expr *L, const Expr *R) {
      auto A = allocs(R);
      if (A.empty())
        return;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(L)); DRE && isa<VarDecl>(DRE->getDecl()) &&
                                                            cast<VarDecl>(DRE->getDecl())->hasLocalStorage()) {
        Locals[DRE->getDecl()] = A;
        return;
      }
      if (std::string K = lockKey(L); !K.empty())
        for (const auto &[T, V] : A)
          Sites.insert({T, V, K});
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign)
        store(BO->getLHS(), BO->getRHS());
      return true;
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->hasLocalStorage() && V->getInit())
        if (auto A = allocs(V->getInit()); !A.empty())
          Locals[V] = A;
      return true;
    }
  };
  SiteFinder S;
  S.X = this;
  S.Constant = constantOf;
  for (const FunctionDecl *FD : Fns)
    if (FD->getBody()) {
      S.Locals.clear();
      S.TraverseStmt(FD->getBody());
    }
  for (const auto &[T, V, K] : S.Sites)
    Out.allocSites.push_back({T, V, K});
}

// Which functions are stored into function-pointer members and variables: struct
// initializers (positional or designated: `{..., evthread_posix_lock, ...}`, `.xMutexEnter =
// pthreadMutexEnter`), assignments (`cb->lock = my_lock`), global initializers. Only what
// makes a lock table is used (tableSummary); no call edge is ever made through them.
void Extractor::findFunctionPointerBindings() {
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    static bool isFnPtr(QualType T) { return T->isFunctionPointerType(); }
    void bind(const std::string &Key, const Expr *E) {
      if (!E)
        return;
      E = strip(E);
      if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
        E = strip(UO->getSubExpr());
      if (E->isNullPointerConstant(X->Ctx, Expr::NPC_ValueDependentIsNotNull))
        return;
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
      if (!FD) {
        // copied from another table of the same kind (`to->lock = from->lock`): nothing new
        if (const auto *ME = dyn_cast<MemberExpr>(E))
          if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
            if ("fp:" + recordName(F->getParent()) + "::" + F->getNameAsString() == Key)
              return;
        // a function-pointer variable of the program's own: what is stored there (strongswan's
        // METHOD() gives each method `static typeof(name) *_name = name;`, and its objects
        // are filled from those: `.lock = _lock`)
        if (DRE)
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
              V && V->hasGlobalStorage() && isFnPtr(V->getType()) && X->inUserCode(V)) {
            X->FpAliases.insert({Key, "fp:" + X->globalKey(V, nullptr)});
            return;
          }
        X->FpUnknown.insert(Key);
        return;
      }
      if (const FunctionDecl *Def = FD->getDefinition())
        FD = Def;
      auto &V = X->FpBindings[Key];
      if (std::find(V.begin(), V.end(), FD) == V.end() && V.size() <= MaxTableFunctions)
        V.push_back(FD);
    }
    bool VisitInitListExpr(InitListExpr *ILE) {
      if (ILE->isSyntacticForm() && ILE->getSemanticForm())
        ILE = ILE->getSemanticForm();  // initializers in field order, designators resolved
      const auto *RD = ILE->getType()->getAsRecordDecl();
      if (!RD || RD->isUnion() || !X->inUserCode(RD))
        return true;
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        const Expr *E = ILE->getInit(I++);
        if (isFnPtr(F->getType()) && !isa<ImplicitValueInitExpr>(E))
          bind("fp:" + recordName(RD) + "::" + F->getNameAsString(), E);
      }
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() != BO_Assign || !isFnPtr(BO->getLHS()->getType()))
        return true;
      const Expr *L = strip(BO->getLHS());
      if (const auto *ME = dyn_cast<MemberExpr>(L)) {
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          bind("fp:" + recordName(F->getParent()) + "::" + F->getNameAsString(), BO->getRHS());
      } else if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
          bind("fp:" + X->globalKey(V, nullptr), BO->getRHS());
      }
      return true;
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->hasGlobalStorage() && V->hasInit() && isFnPtr(V->getType()) && X->inUserCode(V))
        bind("fp:" + X->globalKey(V, nullptr), V->getInit());
      return true;
    }
  } F;
  F.X = this;
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  // filled from variables: theirs (chains too), unknown when nothing here fills the variable
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Key, From] : FpAliases) {
      if (FpUnknown.count(From) && FpUnknown.insert(Key).second)
        Changed = true;
      auto It = FpBindings.find(From);
      if (It == FpBindings.end())
        continue;
      std::vector<const FunctionDecl *> Src = It->second;
      auto &V = FpBindings[Key];
      for (const FunctionDecl *FD : Src)
        if (std::find(V.begin(), V.end(), FD) == V.end() && V.size() <= MaxTableFunctions) {
          V.push_back(FD);
          Changed = true;
        }
    }
  }
  for (const auto &[Key, From] : FpAliases)
    if (!FpBindings.count(From))
      FpUnknown.insert(Key);
}

// Callbacks, for the analysis' thread attribution (Facts.h, TUFacts::fpStores): the functions
// this TU stores into function-pointer members of its own records and into its own
// function-pointer variables (as findFunctionPointerBindings(), but only where the record or
// variable is the program's: a `struct sigaction` or a library's ops table is the library's
// to call), the calls through those members and variables by each function, the functions
// whose address goes anywhere else (an argument, a local, a return, a library's record: who
// calls them is not known), and the members read for anything but a call, a store or a null
// test (copied out, their address taken: a call through the copy is not seen).
void Extractor::findCallbacks() {
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    const FunctionDecl *Cur = nullptr;
    std::vector<const DeclRefExpr *> FnRefs;
    std::set<const Expr *> Consumed;  // function references that are calls, stores or tests
    std::vector<std::pair<const Expr *, std::string>> FpUses;
    std::set<const Expr *> FpOk;  // member reads that are calls, stores or tests
    std::set<std::pair<std::string, std::string>> Stores;
    std::set<std::tuple<std::string, std::string, Site>> Calls;
    std::set<std::pair<std::string, std::string>> Flows;  // parameter key -> where it is passed
    // a template's calls through members are seen in its instantiations (the pattern's are
    // dependent: no member known)
    bool shouldVisitTemplateInstantiations() const { return true; }

    // The key of a function-pointer member of a record of the program's own or of such a
    // global variable, or of a function-pointer parameter of the program's functions
    // (paramKey()); empty for anything else.
    std::string keyOf(const Expr *E) const {
      E = strip(E);
      if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          if (F->getType()->isFunctionPointerType() && X->inUserCode(F->getParent()))
            return "fp:" + recordName(F->getParent()) + "::" + F->getNameAsString();
      } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
        if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
          const auto *Owner = dyn_cast<FunctionDecl>(P->getDeclContext());
          if (P->getType()->isFunctionPointerType() && Owner && X->inUserCode(Owner))
            return X->paramKey(Owner, P->getFunctionScopeIndex());
        } else if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
          if (V->hasGlobalStorage() && V->getType()->isFunctionPointerType() && X->inUserCode(V))
            return "fp:" + X->globalKey(V, nullptr);
        }
      }
      return "";
    }
    // Arguments of a call of the program's function FD: a function passed to a
    // function-pointer parameter, or a parameter passed on, goes into a key of the call
    // ("<param key>|<site>") that flows into the parameter's, and the caller calls through
    // it: when FD calls its parameter, what this call passes runs in this caller's threads,
    // not in those of every caller of FD (Analysis; callback_param_table/).
    void userCall(const CallExpr *CE, const FunctionDecl *FD) {
      for (unsigned I = 0; I < CE->getNumArgs() && I < FD->getNumParams(); ++I) {
        if (!FD->getParamDecl(I)->getType()->isFunctionPointerType())
          continue;
        const Expr *A = CE->getArg(I);
        std::string From;
        if (const DeclRefExpr *D = fnRef(A); D && X->inUserCode(D->getDecl())) {
          From = X->definitionId(cast<FunctionDecl>(D->getDecl()));
          Consumed.insert(D);
        } else if (std::string K = keyOf(A); K.rfind("fp:param:", 0) == 0) {
          From = K;
          FpOk.insert(strip(A));
        } else {
          continue;
        }
        Site At = X->site(CE->getBeginLoc());
        std::string Base = X->paramKey(FD, I), Key = Base + "|" + At.file + ":" + std::to_string(At.offset);
        if (From.rfind("fp:param:", 0) == 0)
          Flows.insert({From, Key});
        else
          Stores.insert({Key, From});
        Flows.insert({Key, Base});
        Calls.insert({X->fnId(Cur), Key, At});
      }
    }
    // The keys a store into member F fills: a union's function-pointer members share their
    // storage (minidlna's `event::process` in an anonymous union), so a call through any of
    // them may call what was stored into one.
    std::vector<std::string> storeKeys(const RecordDecl *RD, const FieldDecl *F) const {
      if (!RD->isUnion())
        return {"fp:" + recordName(RD) + "::" + F->getNameAsString()};
      std::vector<std::string> K;
      for (const FieldDecl *G : RD->fields())
        if (G->getType()->isFunctionPointerType())
          K.push_back("fp:" + recordName(RD) + "::" + G->getNameAsString());
      return K;
    }
    static const DeclRefExpr *fnRef(const Expr *E) {
      E = strip(E);
      if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
        E = strip(UO->getSubExpr());
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      return DRE && isa<FunctionDecl>(DRE->getDecl()) ? DRE : nullptr;
    }
    // Something only tested or called: a function named there, a member read there.
    void harmless(const Expr *E) {
      if (!E)
        return;
      if (const DeclRefExpr *D = fnRef(E))
        Consumed.insert(D);
      else if (!keyOf(E).empty())
        FpOk.insert(strip(E));
    }
    void store(const std::string &Key, const Expr *E) {
      if (Key.empty() || !E)
        return;
      if (const DeclRefExpr *D = fnRef(E)) {
        Stores.insert({Key, X->definitionId(cast<FunctionDecl>(D->getDecl()))});
        Consumed.insert(D);
      } else if (std::string From = keyOf(E); From == Key) {
        FpOk.insert(strip(E));  // `to->cb = from->cb`: the same member
      } else if (From.rfind("fp:param:", 0) == 0) {
        Flows.insert({From, Key});  // `ev->process = cb`: what the callers pass goes there
        FpOk.insert(strip(E));
      }
    }
    bool TraverseDecl(Decl *D) {
      const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
      if (!FD || !FD->doesThisDeclarationHaveABody())
        return RecursiveASTVisitor::TraverseDecl(D);
      const FunctionDecl *Saved = Cur;
      Cur = FD;
      bool R = RecursiveASTVisitor::TraverseDecl(D);
      Cur = Saved;
      return R;
    }
    bool TraverseLambdaExpr(LambdaExpr *LE) {
      const FunctionDecl *Saved = Cur;
      Cur = LE->getCallOperator();
      bool R = RecursiveASTVisitor::TraverseLambdaExpr(LE);
      Cur = Saved;
      return R;
    }
    // Operands that are never evaluated name a function without taking its address:
    // libgcrypt's `extern __typeof__ (gcry_control) gcry_control __attribute__((visibility
    // ("default")))`, `sizeof (&f)`, `decltype(f)` (typeof_visibility_mark.c).
    bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc) { return true; }
    bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }
    bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *, DataRecursionQueue * = nullptr) {
      return true;
    }
    std::set<std::string> GlobalsDefined, GlobalsUsed;
    // An external variable of the program's own code, by USR; empty for anything else.
    std::string externalVar(const VarDecl *V) const {
      if (!V || !V->hasGlobalStorage() || V->isStaticLocal() || !V->hasExternalFormalLinkage() || !X->inUserCode(V))
        return "";
      llvm::SmallString<128> Buf;
      return index::generateUSRForDecl(V, Buf) ? "" : std::string(Buf);
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (std::string U = externalVar(dyn_cast<VarDecl>(DRE->getDecl())); !U.empty())
        GlobalsUsed.insert(U);
      if (isa<FunctionDecl>(DRE->getDecl()))
        FnRefs.push_back(DRE);
      else if (std::string K = keyOf(DRE); !K.empty())
        FpUses.push_back({DRE, K});
      return true;
    }
    bool VisitMemberExpr(MemberExpr *ME) {
      if (std::string K = keyOf(ME); !K.empty())
        FpUses.push_back({ME, K});
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const Expr *C = strip(CE->getCallee());
      if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_Deref)
        C = strip(UO->getSubExpr());
      if (const DeclRefExpr *D = fnRef(C)) {
        Consumed.insert(D);
      } else if (std::string K = keyOf(C); !K.empty()) {
        FpOk.insert(C);
        if (Cur && Cur->doesThisDeclarationHaveABody())
          Calls.insert({X->fnId(Cur), K, X->site(CE->getBeginLoc())});
      }
      if (const FunctionDecl *Callee = CE->getDirectCallee()) {
        if (!X->inUserCode(Callee))
          libraryCall(CE, libraryCallbackRole(Callee));
        else if (Cur && Cur->doesThisDeclarationHaveABody())
          userCall(CE, Callee);
      }
      return true;
    }
    // A function handed to a library that calls it before returning (qsort's comparator) is
    // called at that call; one kept for the library's event loop (readline's line handler,
    // libevent's event callbacks) is called where the program runs that loop. Both as a
    // store into a key of their own ("lib:...") and calls through it, so the analysis
    // attributes them to the threads that make those calls (Analysis, IndCallers).
    void libraryCall(const CallExpr *CE, LibraryCallbackRole Role) {
      using K = LibraryCallbackRole;
      if (Role.kind == K::None || !Cur || !Cur->doesThisDeclarationHaveABody())
        return;
      Site At = X->site(CE->getBeginLoc());
      std::string Key = Role.kind == K::CallsNow ? "lib:call@" + At.file + ":" + std::to_string(At.offset)
                                                 : std::string("lib:") + Role.group;
      if (Role.kind == K::RunsLoop) {
        Calls.insert({X->fnId(Cur), Key, At});
        return;
      }
      bool Any = false;
      for (const Expr *A : CE->arguments())
        if (const DeclRefExpr *D = fnRef(A); D && X->inUserCode(D->getDecl())) {
          Stores.insert({Key, X->definitionId(cast<FunctionDecl>(D->getDecl()))});
          Consumed.insert(D);
          Any = true;
        } else if (std::string PK = keyOf(A); PK.rfind("fp:param:", 0) == 0) {
          Flows.insert({PK, Key});  // tolua_function(L, name, func) -> lua_pushcclosure(L, func, 0)
          FpOk.insert(strip(A));
          Any = true;
        }
      if (Any && Role.kind == K::CallsNow)
        Calls.insert({X->fnId(Cur), Key, At});
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      switch (BO->getOpcode()) {
      case BO_Assign:
        if (std::string K = keyOf(BO->getLHS()); !K.empty()) {
          FpOk.insert(strip(BO->getLHS()));
          const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS()));
          const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
          for (const auto &Key : F ? storeKeys(F->getParent(), F) : std::vector<std::string>{K})
            store(Key, BO->getRHS());
        }
        break;
      case BO_EQ:
      case BO_NE:
      case BO_LAnd:
      case BO_LOr:
        harmless(BO->getLHS());
        harmless(BO->getRHS());
        break;
      default:
        break;
      }
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->getOpcode() == UO_LNot)
        harmless(UO->getSubExpr());
      return true;
    }
    bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
      if (ICE->getCastKind() == CK_PointerToBoolean)
        harmless(ICE->getSubExpr());
      return true;
    }
    // C tests a pointer without a conversion: `if (ev->process)`, `cb && cb(x)`
    bool VisitIfStmt(IfStmt *S) {
      harmless(S->getCond());
      return true;
    }
    bool VisitWhileStmt(WhileStmt *S) {
      harmless(S->getCond());
      return true;
    }
    bool VisitDoStmt(DoStmt *S) {
      harmless(S->getCond());
      return true;
    }
    bool VisitForStmt(ForStmt *S) {
      if (S->getCond())
        harmless(S->getCond());
      return true;
    }
    bool VisitConditionalOperator(ConditionalOperator *CO) {
      harmless(CO->getCond());
      return true;
    }
    bool VisitInitListExpr(InitListExpr *ILE) {
      if (ILE->isSyntacticForm() && ILE->getSemanticForm())
        ILE = ILE->getSemanticForm();
      initialize(ILE);
      return true;
    }
    // A record's initializer in its semantic form (designators resolved, braces elided into
    // nested records and anonymous unions: only there, so the visitor never sees them).
    void initialize(const InitListExpr *ILE) {
      const auto *RD = ILE->getType()->getAsRecordDecl();
      if (!RD || !X->inUserCode(RD))
        return;
      if (RD->isUnion()) {
        const FieldDecl *F = ILE->getInitializedFieldInUnion();
        if (!F || ILE->getNumInits() != 1)
          return;
        if (F->getType()->isFunctionPointerType())
          for (const auto &Key : storeKeys(RD, F))
            store(Key, ILE->getInit(0));
        else if (const auto *In = dyn_cast<InitListExpr>(strip(ILE->getInit(0))))
          initialize(In);
        return;
      }
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        const Expr *E = ILE->getInit(I++);
        if (F->getType()->isFunctionPointerType() && !isa<ImplicitValueInitExpr>(E))
          store("fp:" + recordName(RD) + "::" + F->getNameAsString(), E);
        else if (const auto *In = dyn_cast<InitListExpr>(strip(E)))
          initialize(In);
      }
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->hasGlobalStorage() && V->hasInit() && V->getType()->isFunctionPointerType() && X->inUserCode(V))
        store("fp:" + X->globalKey(V, nullptr), V->getInit());
      // a definition (not a tentative one: `int x;` may be a common symbol of many files)
      if (V->isFileVarDecl() && V->isThisDeclarationADefinition() == VarDecl::Definition &&
          X->SM.isInMainFile(X->SM.getExpansionLoc(V->getLocation())))
        if (std::string U = externalVar(V); !U.empty())
          GlobalsDefined.insert(U);
      return true;
    }
  } F;
  F.X = this;
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const auto &[Key, Fn] : F.Stores)
    Out.fpStores.push_back({Key, Fn});
  for (const auto &[Fn, Key, S] : F.Calls)
    Out.fpCallSites.push_back({Fn, Key, S});
  Out.fpFlows.assign(F.Flows.begin(), F.Flows.end());
  std::set<std::string> Esc, Leaks;
  for (const DeclRefExpr *D : F.FnRefs)
    if (!F.Consumed.count(D) && inUserCode(D->getDecl())) {
      const auto *FD = cast<FunctionDecl>(D->getDecl());
      Esc.insert(fnId(FD->getDefinition() ? FD->getDefinition() : FD));
    }
  for (const auto &[E, K] : F.FpUses)
    if (!F.FpOk.count(E))
      Leaks.insert(K);
  Out.fnEscapes.assign(Esc.begin(), Esc.end());
  Out.fpLeaks.assign(Leaks.begin(), Leaks.end());
  Out.globalsDefined.assign(F.GlobalsDefined.begin(), F.GlobalsDefined.end());
  for (const auto &U : F.GlobalsUsed)
    if (!F.GlobalsDefined.count(U))
      Out.globalsUsed.push_back(U);
}

// The lock operation a call through table `Key` is, or null. Every function stored there
// must be either a lock function — its net effect is one acquire, trylock or release of a
// lock reached from a parameter, made by a lock API call of its own (no wrapper, no other
// table) — or take no lock at all (a no-op back end) or lock only through this same table (a
// debugging decorator); the lock functions must agree. Anything else stored there (a
// callback that locks inside, a function defined elsewhere) makes it no lock table. The cost
// is the summaries of at most MaxTableFunctions stored functions; no call edge is added.
namespace {
// Every MemberExpr of F in S is a read of its value (under an lvalue-to-rvalue conversion).
bool onlyReads(const Stmt *S, const FieldDecl *F) {
  if (!S)
    return true;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S); ICE && ICE->getCastKind() == CK_LValueToRValue)
    if (const auto *ME = dyn_cast<MemberExpr>(ICE->getSubExpr()->IgnoreParens()); ME && ME->getMemberDecl() == F)
      return onlyReads(ME->getBase(), F);
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->getMemberDecl() == F)
    return false;
  for (const Stmt *C : S->children())
    if (!onlyReads(C, F))
      return false;
  return true;
}

// An initialiser as what it constructs or computes: strip(), and a braced list of one
// (`m_cond{0}`), a default member initialiser.
const Expr *stripInit(const Expr *E) {
  while ((E = strip(E))) {
    if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() == 1)
      E = IL->getInit(0);
    else if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
      E = DI->getExpr();
    else
      return E;
  }
  return E;
}
}  // namespace

// A field that may be a mode field: private, scalar, not mutable, volatile or atomic.
static bool modeCandidate(const FieldDecl *F) {
  QualType T = F->getType();
  return F->getAccess() == AS_private && !F->isMutable() && !F->isBitField() && !T.isVolatileQualified() &&
         !isAtomicLike(T) && (T->isIntegralOrEnumerationType() || T->isBooleanType());
}

const std::set<const FieldDecl *> &Extractor::modeFields(const CXXRecordDecl *RD) const {
  RD = RD ? RD->getDefinition() : nullptr;
  auto [It, New] = ModeFieldsCache.emplace(RD, std::set<const FieldDecl *>{});
  if (!New || !RD || RD->isUnion())
    return It->second;
  std::set<const FieldDecl *> Cands;
  for (const FieldDecl *F : RD->fields())
    if (modeCandidate(F))
      Cands.insert(F);
  // the class's methods written here (in the class or out of it) only read them; the
  // constructors are what fixes them, each construction on its own (constructedModes())
  for (const CXXMethodDecl *MD : RD->methods()) {
    if (Cands.empty())
      break;
    if (isa<CXXConstructorDecl>(MD))
      continue;
    const FunctionDecl *Def = nullptr;
    if (!MD->hasBody(Def))
      continue;
    for (auto FI = Cands.begin(); FI != Cands.end();)
      FI = onlyReads(Def->getBody(), *FI) ? std::next(FI) : Cands.erase(FI);
  }
  for (const Decl *D : RD->decls())  // a friend may write them: none is a mode field
    if (isa<FriendDecl>(D))
      Cands.clear();
  It->second = std::move(Cands);
  return It->second;
}

// The values a construction gives the class's mode fields: set from a constant, or from a
// constructor parameter the construction passes a constant (its default argument included), by
// the constructor's initialiser list or by an assignment at the top level of its body.
std::optional<std::map<const FieldDecl *, long long>> Extractor::constructedModes(const CXXConstructExpr *CE) const {
  const CXXConstructorDecl *K = CE ? CE->getConstructor() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!K || !K->hasBody(Def) || !isa<CXXConstructorDecl>(Def))
    return std::nullopt;
  const auto *KD = cast<CXXConstructorDecl>(Def);
  if (KD->isDelegatingConstructor() || KD->isCopyOrMoveConstructor())
    return std::nullopt;
  const std::set<const FieldDecl *> &Modes = modeFields(KD->getParent());
  if (Modes.empty())
    return std::nullopt;
  auto valueOfInit = [&](const Expr *E) -> std::optional<long long> {
    E = stripInit(E);
    if (!E)
      return std::nullopt;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *PV = dyn_cast<ParmVarDecl>(DRE->getDecl()); PV && PV->getDeclContext() == KD) {
        unsigned I = PV->getFunctionScopeIndex();
        if (I >= CE->getNumArgs())
          return std::nullopt;
        const Expr *A = CE->getArg(I);
        if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(A->IgnoreParenImpCasts()))
          A = DA->getExpr();
        return constantOf(A->IgnoreParenImpCasts(), Ctx);
      }
    return constantOf(E, Ctx);
  };
  std::map<const FieldDecl *, long long> R;
  std::set<const FieldDecl *> Unknown;
  for (const CXXCtorInitializer *I : KD->inits())
    if (const FieldDecl *F = I->getMember(); F && Modes.count(F)) {
      if (auto V = valueOfInit(I->getInit()))
        R[F] = *V;
      else
        Unknown.insert(F);
    }
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(KD->getBody()))
    for (const Stmt *St : Body->body()) {
      const auto *BO = dyn_cast<BinaryOperator>(St);
      const auto *ME = BO && BO->getOpcode() == BO_Assign ? dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParens()) : nullptr;
      const auto *F = ME && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())
                          ? dyn_cast<FieldDecl>(ME->getMemberDecl())
                          : nullptr;
      if (F && Modes.count(F) && onlyReads(BO->getRHS(), F)) {
        if (auto V = valueOfInit(BO->getRHS())) {
          R[F] = *V;
          Unknown.erase(F);
        } else {
          Unknown.insert(F);
        }
        continue;
      }
      for (const FieldDecl *M : Modes)  // written anywhere else in the body: not known
        if (!onlyReads(St, M))
          Unknown.insert(M);
    }
  for (const FieldDecl *F : Unknown)
    R.erase(F);
  return R;
}

// What the calls on this object know of its mode fields: a variable (local, static, global)
// of the class, from its initialiser; a member object of another class (`cv` in `Owner`), from
// every constructor of the owner (each must be written in this TU, or be implicit and take the
// member's default member initialiser). The values every construction agrees on.
std::vector<ParamCond> Extractor::objectModeFacts(const Expr *Obj) const {
  Obj = Obj ? Obj->IgnoreParenImpCasts() : nullptr;
  const Decl *D = nullptr;
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Obj))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast_or_null<MemberExpr>(Obj))
    D = ME->getMemberDecl();
  return declModeFacts(dyn_cast_or_null<ValueDecl>(D));
}

std::vector<ParamCond> Extractor::declModeFacts(const ValueDecl *VD) const {
  if (!VD || VD->getType()->isReferenceType() || VD->getType()->isPointerType())
    return {};
  const auto *RD = VD->getType()->getAsCXXRecordDecl();
  if (!RD || modeFields(RD).empty())
    return {};
  auto [It, New] = ObjectModeCache.emplace(VD, std::vector<ParamCond>{});
  if (!New)
    return It->second;
  std::vector<const CXXConstructExpr *> Constructions;
  bool Known = true;
  auto add = [&](const Expr *Init) {
    const auto *CE = dyn_cast_or_null<CXXConstructExpr>(stripInit(Init));
    if (CE)
      Constructions.push_back(CE);
    else
      Known = false;
  };
  if (const auto *V = dyn_cast<VarDecl>(VD)) {
    const VarDecl *Def = V->getDefinition(Ctx);
    if (Def && !isa<ParmVarDecl>(Def))
      add(Def->getInit());
    else
      Known = false;
  } else if (const auto *F = dyn_cast<FieldDecl>(VD)) {
    const auto *Owner = dyn_cast<CXXRecordDecl>(F->getParent());
    if (!Owner)
      return {};
    for (const CXXConstructorDecl *K : Owner->ctors()) {
      if (K->isDeleted() || K->isCopyOrMoveConstructor())
        continue;
      const FunctionDecl *Def = nullptr;
      if (!K->hasBody(Def)) {
        if (K->isImplicit() && F->hasInClassInitializer())
          add(F->getInClassInitializer());
        else if (!K->isImplicit())
          Known = false;
        continue;
      }
      const auto *KD = cast<CXXConstructorDecl>(Def);
      if (KD->isDelegatingConstructor())
        continue;
      bool Found = false;
      for (const CXXCtorInitializer *I : KD->inits())
        if (I->getMember() == F) {
          add(I->getInit());
          Found = true;
        }
      Known = Known && Found;
    }
    if (Constructions.empty() && F->hasInClassInitializer())
      add(F->getInClassInitializer());
  } else {
    Known = false;
  }
  if (!Known || Constructions.empty())
    return {};
  std::optional<std::map<const FieldDecl *, long long>> All;
  for (const CXXConstructExpr *CE : Constructions) {
    auto M = constructedModes(CE);
    if (!M)
      return {};
    if (!All) {
      All = std::move(*M);
      continue;
    }
    for (auto FI = All->begin(); FI != All->end();) {
      auto MI = M->find(FI->first);
      FI = MI != M->end() && MI->second == FI->second ? std::next(FI) : All->erase(FI);
    }
  }
  for (const auto &[F, V] : *All) {
    std::string N = fieldPathName(F);
    if (!N.empty())
      It->second.push_back({-1, true, V, 0, false, {N}});
  }
  return It->second;
}

const Summary *Extractor::tableSummary(const std::string &Key) {
  auto Known = FpTables.find(Key);
  if (Known != FpTables.end())
    return Known->second ? &*Known->second : nullptr;
  if (FpInProgress.count(Key))
    return nullptr;
  auto ext = [&]() -> std::optional<Summary> {
    if (!External)
      return std::nullopt;
    auto E = External->find(Key);
    if (E == External->end())
      return std::nullopt;
    Summary S;
    for (const auto &N : E->second.netAcquire)
      if (N.when.empty())  // a table's function takes what it is given, unconditionally
        S.netAcquire.push_back(N);
    S.acquireNotes.resize(S.netAcquire.size());
    S.netRelease = E->second.netRelease;
    S.anyLock = true;
    S.direct = !E->second.method;
    return S;
  };
  auto B = FpBindings.find(Key);
  if (B == FpBindings.end()) {
    if (FpUnknown.count(Key))
      return nullptr;  // filled here with something we cannot see: not cached, not used
    auto &Slot = FpTables[Key] = ext();
    return Slot ? &*Slot : nullptr;
  }
  FpInProgress.insert(Key);
  std::optional<Summary> Res;
  bool Bad = FpUnknown.count(Key) || B->second.size() > MaxTableFunctions;
  auto sameEffect = [](const Summary &A, const Summary &X) {
    if (A.netAcquire.size() != X.netAcquire.size() || A.netRelease.size() != X.netRelease.size())
      return false;
    for (size_t I = 0; I < A.netAcquire.size(); ++I)
      if (A.netAcquire[I].ref.ident() != X.netAcquire[I].ref.ident() || A.netAcquire[I].shared != X.netAcquire[I].shared ||
          A.netAcquire[I].trylock != X.netAcquire[I].trylock)
        return false;
    for (size_t I = 0; I < A.netRelease.size(); ++I)
      if (A.netRelease[I].ident() != X.netRelease[I].ident())
        return false;
    return true;
  };
  for (const FunctionDecl *FD : Bad ? std::vector<const FunctionDecl *>{} : B->second) {
    if (!FD->doesThisDeclarationHaveABody() || !inUserCode(FD)) {
      Bad = true;
      break;
    }
    const Summary *S = InProgress.count(FD) ? nullptr : summaryOf(FD);
    if (!S || !S->anyLock || (S->fpKeys.count(Key) && !S->direct))
      continue;  // takes no lock, or only through this table
    size_t Effects = S->netAcquire.size() + S->netRelease.size();
    const ObjRef *R = !S->netAcquire.empty() ? &S->netAcquire[0].ref : !S->netRelease.empty() ? &S->netRelease[0] : nullptr;
    // one lock effect on the object it is given: a lock function (libevent's callbacks), or a
    // method that gives the lock back through a wrapper of its own (zbar's v4l2_nq())
    if (Effects != 1 || !R || R->root != ObjRef::Param || (Res && !sameEffect(*Res, *S))) {
      Bad = true;
      break;
    }
    if (!Res) {
      Res = *S;
      FpImpl[Key] = fnName(FD);
    }
  }
  FpInProgress.erase(Key);
  if (Bad) {
    FpTables[Key] = std::nullopt;
    FpImpl[Key].clear();
    return nullptr;
  }
  if (!Res)
    Res = ext();  // only no-op or decorating functions here: the table another TU fills
  auto &Slot = FpTables[Key] = Res;
  return Slot ? &*Slot : nullptr;
}

// The lock tables this TU fills, for calls through them in other TUs (the runner's second
// pass); a table this TU fills with something else is written without effect, so that no
// other TU's entry is trusted for it.
void Extractor::emitLockTables() {
  for (const auto &[Key, Fns] : FpBindings) {
    const Summary *S = tableSummary(Key);
    auto Impl = FpImpl.find(Key);
    if (S && (Impl == FpImpl.end() || Impl->second.empty()))
      continue;  // another TU's table, reached through this one's decorators
    LockTable T;
    T.key = Key;
    if (S) {
      T.impl = Impl->second;
      T.netAcquire = S->netAcquire;
      T.netRelease = S->netRelease;
      T.method = !S->direct;
    } else {
      bool AnyLock = false;  // only tables holding some locking function say "not a lock table"
      for (const FunctionDecl *FD : Fns)
        if (const Summary *X = Summaries.count(FD) ? &Summaries[FD] : nullptr)
          AnyLock = AnyLock || X->anyLock;
      if (!AnyLock)
        continue;
    }
    Out.lockTables.push_back(std::move(T));
  }
  Out.indirectCalls.assign(FpCalled.begin(), FpCalled.end());
}

void Extractor::run() {
  Collector Col(*this);
  Col.TraverseDecl(Ctx.getTranslationUnitDecl());
  findRecursiveInits();
  findFunctionPointerBindings();
  findRecursiveAllocs();
  findCallbacks();
  for (const FunctionDecl *FD : Fns)
    analyze(FD);
  FinalPass = true;
  for (const FunctionDecl *FD : Provisional) {
    Done.erase(FD);
    analyze(FD);
  }
  // a parameter called under a lock: no call through it (LockedParamCalls)
  Out.fpCallSites.erase(std::remove_if(Out.fpCallSites.begin(), Out.fpCallSites.end(),
                                       [&](const FpCall &C) { return LockedParamCalls.count(C.key) > 0; }),
                        Out.fpCallSites.end());
  emitLockTables();
  // the mode fields of the member objects of the classes whose constructors are here
  // (TUFacts::memberModes): a method written in a header that another TU compiles sees none
  std::set<const CXXRecordDecl *> Owners;
  for (const FunctionDecl *FD : Fns)
    if (const auto *K = dyn_cast<CXXConstructorDecl>(FD))
      if (const CXXRecordDecl *O = K->getParent()->getDefinition(); O && !O->isLambda())
        Owners.insert(O);
  for (const CXXRecordDecl *O : Owners)
    for (const FieldDecl *F : O->fields())
      if (F->getType()->getAsCXXRecordDecl() && F->getIdentifier())
        if (auto M = declModeFacts(F); !M.empty())
          Out.memberModes.push_back({recordName(O) + "::" + F->getNameAsString(), std::move(M)});
  // the fields a method written here changes: no mode field in any TU (TUFacts::modeWritten)
  std::set<const CXXRecordDecl *> Classes;
  for (const FunctionDecl *FD : Fns)
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && !isa<CXXConstructorDecl>(MD))
      if (const CXXRecordDecl *RD = MD->getParent()->getDefinition(); RD && !RD->isLambda())
        Classes.insert(RD);
  std::set<std::string> Written;
  for (const CXXRecordDecl *RD : Classes) {
    const auto &Modes = modeFields(RD);
    for (const FieldDecl *F : RD->fields())
      if (modeCandidate(F) && !Modes.count(F))
        if (std::string N = fieldPathName(F); !N.empty())
          Written.insert(N);
  }
  Out.modeWritten.assign(Written.begin(), Written.end());
  Out.recursiveLocks.assign(RecursiveKeys.begin(), RecursiveKeys.end());
  // (every TU: another TU may initialise the field recursive, Runner applyRecursiveAllocs())
  Out.lockPaths.assign(LockPaths.begin(), LockPaths.end());
}

}  // namespace extract

void extractFacts(clang::ASTContext &Ctx, const Config &Cfg, const SummaryTable *External, TUFacts &Out,
                  const std::string &WorkDir) {
  extract::Extractor X(Ctx, Cfg, External, Out, WorkDir);
  X.run();
}

}  // namespace lockgraph
