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

void Extractor::run() {
  Collector Col(*this);
  Col.TraverseDecl(Ctx.getTranslationUnitDecl());
  findRecursiveInits();
  for (const FunctionDecl *FD : Fns)
    analyze(FD);
  Out.recursiveLocks.assign(RecursiveKeys.begin(), RecursiveKeys.end());
}

}  // namespace extract

void extractFacts(clang::ASTContext &Ctx, const Config &Cfg, const SummaryTable *External, TUFacts &Out) {
  extract::Extractor X(Ctx, Cfg, External, Out);
  X.run();
}

}  // namespace lockgraph
