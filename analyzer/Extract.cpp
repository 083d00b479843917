// Extract: the driver of the extractor (Extract.h). Collects the TU's function bodies and
// declarations, names functions (USRs) and sites, records thread spawns, and runs the
// per-function analysis (HeldFlow.cpp) over every body.
#include "ExtractInternal.h"

#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

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

// Mutexes initialised recursive (`pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
// pthread_mutex_init(&mu_, &a);`), found before any function is analyzed: a wrapper class's
// constructor makes its field recursive for every method that locks it, wherever the
// constructor is defined in the TU.
void Extractor::findRecursiveInits() {
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    std::set<const Decl *> Attrs;
    static const Decl *declOf(const Expr *E) {
      E = strip(E);
      if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
        E = strip(UO->getSubExpr());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        return DRE->getDecl();
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        return ME->getMemberDecl();
      return nullptr;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (!FD || !FD->getIdentifier() || CE->getNumArgs() < 2)
        return true;
      StringRef N = FD->getName();
      if (N == "pthread_mutexattr_settype") {
        StringRef T = Lexer::getSourceText(CharSourceRange::getTokenRange(CE->getArg(1)->getSourceRange()),
                                           X->SM, X->Ctx.getLangOpts());
        if (T.contains("RECURSIVE"))
          if (const Decl *D = declOf(CE->getArg(0)))
            Attrs.insert(D);
      } else if (N == "pthread_mutex_init") {
        const Decl *A = declOf(CE->getArg(1));
        if (!A || !Attrs.count(A))
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
  for (const FunctionDecl *FD : Fns)
    if (FD->getBody())
      F.TraverseStmt(FD->getBody());
}

// Which functions are stored into function-pointer members and variables: struct
// initializers (positional or designated: `{..., evthread_posix_lock, ...}`, `.xMutexEnter =
// pthreadMutexEnter`), assignments (`cb->lock = my_lock`), global initializers. A call
// through the member then calls them (HeldFlow.cpp: handleIndirectCall).
void Extractor::findFunctionPointerBindings() {
  struct Finder : RecursiveASTVisitor<Finder> {
    Extractor *X;
    bool shouldVisitTemplateInstantiations() const { return true; }
    static const FunctionDecl *funcOf(const Expr *E) {
      E = E ? strip(E) : nullptr;
      if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
        E = strip(UO->getSubExpr());
      const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
      const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
      return FD;
    }
    void bind(const std::string &Name, const FunctionDecl *FD, SourceLocation L) {
      if (!FD)
        return;
      if (const FunctionDecl *Def = FD->getDefinition())
        FD = Def;
      std::string Key = "fp:" + Name;
      auto &V = X->FpBindings[Key];
      if (std::find(V.begin(), V.end(), FD) == V.end() && V.size() < 8)
        V.push_back(FD);
      X->FpNames.try_emplace(Key, Name, L);
    }
    static bool isFnPtr(QualType T) { return T->isFunctionPointerType() || T->isMemberFunctionPointerType(); }
    bool VisitInitListExpr(InitListExpr *ILE) {
      if (ILE->isSyntacticForm() && ILE->getSemanticForm())
        ILE = ILE->getSemanticForm();  // initializers in field order, designators resolved
      const auto *RD = ILE->getType()->getAsRecordDecl();
      if (!RD || RD->isUnion())
        return true;
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        const Expr *E = ILE->getInit(I++);
        if (isFnPtr(F->getType()))
          bind(recordName(RD) + "::" + F->getNameAsString(), funcOf(E), E->getBeginLoc());
      }
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() != BO_Assign || !isFnPtr(BO->getLHS()->getType()))
        return true;
      const Expr *L = strip(BO->getLHS());
      if (const auto *ME = dyn_cast<MemberExpr>(L)) {
        if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          bind(recordName(F->getParent()) + "::" + F->getNameAsString(), funcOf(BO->getRHS()), BO->getBeginLoc());
      } else if (const auto *DRE = dyn_cast<DeclRefExpr>(L)) {
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasGlobalStorage())
          bind(X->globalKey(V, nullptr), funcOf(BO->getRHS()), BO->getBeginLoc());
      }
      return true;
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->hasGlobalStorage() && V->hasInit() && isFnPtr(V->getType()))
        bind(X->globalKey(V, nullptr), funcOf(V->getInit()), V->getLocation());
      return true;
    }
  } F;
  F.X = this;
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
}

// Each member with functions bound here becomes a pseudo-function "fp:Record::field" in the
// facts: it calls every bound function with its own arguments, and its net effect is theirs,
// so calls through the member in other TUs reach them (the runner's second pass, the merge).
void Extractor::emitFunctionPointerBindings() {
  for (const auto &[Key, Fns] : FpBindings) {
    Function F;
    F.id = Key;
    F.name = FpNames[Key].first;
    F.site = site(FpNames[Key].second);
    bool AnyBody = false;
    for (const FunctionDecl *FD : Fns) {
      if (!FD->hasBody() || !inUserCode(FD))
        continue;
      AnyBody = true;
      Call C;
      C.callee = fnId(FD);
      C.calleeName = fnName(FD);
      C.site = site(FD->getLocation());
      for (unsigned I = 0; I < FD->getNumParams(); ++I) {
        ObjRef R;
        R.root = ObjRef::Param;
        R.param = static_cast<int>(I);
        C.args.push_back({R, std::nullopt});
      }
      F.calls.push_back(std::move(C));
    }
    if (!AnyBody)
      continue;
    if (const Summary *S = boundSummary(Key)) {
      F.netAcquire = S->netAcquire;
      F.netRelease = S->netRelease;
    }
    Out.functions.push_back(std::move(F));
  }
}

void Extractor::run() {
  Collector Col(*this);
  Col.TraverseDecl(Ctx.getTranslationUnitDecl());
  findRecursiveInits();
  findFunctionPointerBindings();
  for (const FunctionDecl *FD : Fns)
    analyze(FD);
  emitFunctionPointerBindings();
  Out.recursiveLocks.assign(RecursiveKeys.begin(), RecursiveKeys.end());
}

}  // namespace extract

void extractFacts(clang::ASTContext &Ctx, const Config &Cfg, const SummaryTable *External, TUFacts &Out) {
  extract::Extractor X(Ctx, Cfg, External, Out);
  X.run();
}

}  // namespace lockgraph
