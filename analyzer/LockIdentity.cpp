// LockIdentity: how the extractor names locks and the objects they belong to (ObjRef, Facts.h):
// globals by qualified key, members as Class::field relative to a parameter, `this` or a
// local, pointers followed through their initialisers; thread handles; declaration facts
// (GUARDED_BY, ACQUIRED_BEFORE/AFTER, recursive initialisers and config names).
// It never changes a held set (HeldFlow.cpp) and never recognises a lock call (LockApi.cpp).
#include "ExtractInternal.h"

#include "clang/Lex/Lexer.h"

#include <functional>

namespace lockgraph {
namespace extract {

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
    else if (const auto *N = dyn_cast<CXXNamedCastExpr>(E);
             N && (isa<CXXStaticCastExpr>(N) || isa<CXXReinterpretCastExpr>(N)) &&
             N->getSubExpr()->getType()->isVoidPointerType())
      E = N->getSubExpr();  // a void * given its type back (a callback's argument), as a C cast
    else
      break;
  }
  return E;
}

// Name of a record for lock/datum keys: qualified, typedef name for anonymous C structs.
// The record a field belongs to as the source names it: a member of an anonymous struct or
// union (jemalloc's `struct malloc_mutex_s { union { struct { ...; pthread_mutex_t lock; };
// witness_t witness; }; ... }`) is a member of the enclosing named record.
static const RecordDecl *namedRecord(const RecordDecl *RD) {
  while (RD && RD->isAnonymousStructOrUnion())
    if (const auto *P = dyn_cast<RecordDecl>(RD->getParent()))
      RD = P;
    else
      break;
  return RD;
}

std::string recordName(const RecordDecl *RD) {
  if (!RD)
    return "?";
  RD = namedRecord(RD);
  if (RD->getIdentifier())
    return RD->getQualifiedNameAsString();
  if (const auto *TD = RD->getTypedefNameForAnonDecl())
    return TD->getQualifiedNameAsString();
  // The unnamed type of a member (`struct ai_type { struct { ... } funcs; }`) by the member:
  // "ai_type::funcs". Clang's own name spells the header's path as each TU included it
  // (`../common/ai.h` here, `../../common/ai.h` there), so one member would be two.
  if (const auto *P = dyn_cast<RecordDecl>(RD->getDeclContext()))
    for (const FieldDecl *F : P->fields())
      if (F->getType()->getBaseElementTypeUnsafe()->getAsRecordDecl() == RD)
        return recordName(P) + "::" + F->getNameAsString();
  // any other: by its file's name and line, the same from every TU
  const SourceManager &SM = RD->getASTContext().getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(RD->getLocation()));
  if (PL.isInvalid())
    return RD->getQualifiedNameAsString();
  return "(unnamed " + std::string(RD->getKindName()) + " at " + llvm::sys::path::filename(PL.getFilename()).str() +
         ":" + std::to_string(PL.getLine()) + ")";
}

namespace {
// Does a member of F's named record other than F (members of anonymous structs and unions
// included) satisfy Pred?
bool anyOtherMember(const FieldDecl *F, llvm::function_ref<bool(const FieldDecl *)> Pred) {
  std::function<bool(const RecordDecl *)> Other = [&](const RecordDecl *RD) {
    for (const FieldDecl *X : RD->fields()) {
      if (X->isAnonymousStructOrUnion()) {
        if (const auto *In = X->getType()->getAsRecordDecl(); In && Other(In))
          return true;
      } else if (X != F && Pred(X)) {
        return true;
      }
    }
    return false;
  };
  return Other(namedRecord(F->getParent()));
}

// Does an object of type T hold a lock, in itself, a member, or behind a pointer member
// (a pimpl: clucene's `mutex_thread { Internal *_internal; }`)?
bool holdsLock(QualType T, int D) {
  if (D > 3)
    return false;
  if (T->isPointerType() || T->isReferenceType())
    T = T->getPointeeType();
  if (isLockType(T))
    return true;
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  for (const FieldDecl *X : RD->fields())
    if (holdsLock(X->getType(), D + 1))
      return true;
  return false;
}

// G is the only member of its record that holds a lock: a wrapper's way to its one lock, hidden
// in the lock's name with the lock's own field (ObjRef::wrapped).
bool soleWayToLock(const FieldDecl *G) {
  return holdsLock(G->getType(), 1) &&
         !anyOtherMember(G, [](const FieldDecl *X) { return holdsLock(X->getType(), 1); });
}
}  // namespace

// Is F the only lock of its record (a struct that wraps one mutex, as icecast's mutex_t)?
bool soleLockField(const FieldDecl *F) {
  return !anyOtherMember(F, [](const FieldDecl *X) { return isLockType(X->getType()); });
}

std::string Extractor::globalKey(const VarDecl *VD, std::string *Display) const {
  std::string Q = VD->getQualifiedNameAsString();
  if (Display) {
    *Display = VD->getNameAsString();
    // a static member as code outside its class names it: `cPixmap::mutex`, not `mutex`
    if (const auto *RD = dyn_cast<CXXRecordDecl>(VD->getDeclContext()); RD && VD->isStaticDataMember() &&
                                                                      RD->getIdentifier())
      *Display = RD->getName().str() + "::" + *Display;
  }
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
  // PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP and friends; an error-checking mutex too: its owner's
  // relock returns EDEADLK at once, it never waits (Extractor::findRecursiveInits())
  if (VD && VD->hasInit() && isLockType(VD->getType())) {
    CharSourceRange R = CharSourceRange::getTokenRange(VD->getInit()->getSourceRange());
    StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
    if (Text.contains("RECURSIVE") || Text.contains("ERRORCHECK"))
      RecursiveKeys.insert(SelfKey);
  }
  for (const auto &N : Cfg.recursiveLocks)
    if (N == SelfName || N == SelfKey)
      RecursiveKeys.insert(SelfKey);
}

// The object E denotes (Pointee: E is a pointer/reference to it).
// C's inheritance (GObject: every object starts with its parent class's struct): the record a
// pointer expression pointed to before its explicit casts (also through GLib's checked cast,
// `(GstObject *) g_type_check_instance_cast ((GTypeInstance *) (x), type)`), and that record's
// first member, its record, and so on: {name, record} from the record itself ({"", R}) down.
static const RecordDecl *staticRecord(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  for (int Depth = 0; Depth < 6; ++Depth) {
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr()->IgnoreParenImpCasts();
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E); CE && CE->getNumArgs() >= 1)
      if (const FunctionDecl *FD = CE->getDirectCallee(); FD && FD->getIdentifier() && FD->getName() == "g_type_check_instance_cast") {
        E = CE->getArg(0)->IgnoreParenImpCasts();
        continue;
      }
    break;
  }
  if (!E->getType()->isPointerType())
    return nullptr;
  const auto *RT = E->getType()->getPointeeType().getCanonicalType()->getAs<RecordType>();
  return RT ? RT->getDecl()->getDefinition() : nullptr;
}

static std::vector<std::pair<std::string, const RecordDecl *>> firstMembers(const RecordDecl *R) {
  std::vector<std::pair<std::string, const RecordDecl *>> Chain;
  auto plain = [](const RecordDecl *X) {
    const auto *C = dyn_cast<CXXRecordDecl>(X);
    return !X->isUnion() && (!C || (C->getNumBases() == 0 && !C->isDynamicClass()));
  };
  if (!R || !plain(R))
    return Chain;
  Chain.push_back({"", R});
  while (Chain.size() < 9) {
    if (R->field_empty())
      break;
    const FieldDecl *First = *R->field_begin();
    const auto *FT = First->getType().getCanonicalType()->getAs<RecordType>();
    if (!FT || !First->getIdentifier() || First->isAnonymousStructOrUnion())
      break;
    R = FT->getDecl()->getDefinition();
    if (!R || !plain(R))
      break;
    Chain.push_back({First->getNameAsString(), R});
  }
  return Chain;
}

// `((GstObject *) (registry))->lock`: the registry's lock, `_GstRegistry::object.lock`, not the
// `_GstObject::lock` of every object of the program (a registry's lock and a pad's are not one
// lock). The record the base points to (pointedRecord()), when F's record is one of its first
// members; Path gets the members' names.
static const RecordDecl *embeddingRecord(const RecordDecl *From, const RecordDecl *Target, std::vector<std::string> &Path) {
  const RecordDecl *To = Target->getDefinition();
  if (!From || !To || From == To)
    return nullptr;
  auto Chain = firstMembers(From);
  std::vector<std::string> Names;
  for (size_t I = 1; I < Chain.size(); ++I) {
    Names.push_back(Chain[I].first);
    if (Chain[I].second == To) {
      Path = std::move(Names);
      return From;
    }
  }
  return nullptr;
}

// Of two records, the one whose first members (down) include the other: what the object is at
// least. A, when neither embeds the other.
static const RecordDecl *outerRecord(const RecordDecl *A, const RecordDecl *B) {
  if (!A || !B || A == B)
    return A ? A : B;
  for (const auto &[Name, R] : firstMembers(B))
    if (R == A)
      return B;
  return A;
}

// The record a pointer expression points to: the one spelled (before casts), or the record of
// what it resolved to (a parameter `GstPad *pad` behind `GstObject *o = GST_OBJECT_CAST (pad)`),
// whichever embeds the other. One object, one name, through whichever alias it is locked.
const RecordDecl *Extractor::pointedRecord(const Expr *E, const std::optional<ObjRef> &Resolved) const {
  const RecordDecl *Spelled = staticRecord(E);
  const RecordDecl *Root = nullptr;
  if (Resolved && Resolved->path.empty() && Resolved->root == ObjRef::Param && Cur && Cur->FD &&
      Resolved->param >= 0 && static_cast<unsigned>(Resolved->param) < Cur->FD->getNumParams()) {
    QualType T = Cur->FD->getParamDecl(static_cast<unsigned>(Resolved->param))->getType();
    if (T->isPointerType())
      if (const auto *RT = T->getPointeeType().getCanonicalType()->getAs<RecordType>())
        Root = RT->getDecl()->getDefinition();
  }
  return outerRecord(Spelled, Root);
}

// An argument's ObjRef::embeds: its record, then each first member and its record.
static std::vector<std::string> embedsOf(const RecordDecl *R) {
  std::vector<std::string> Out;
  auto Chain = firstMembers(R);
  if (Chain.size() < 2)
    return Out;
  for (size_t I = 0; I < Chain.size(); ++I) {
    if (I)
      Out.push_back(Chain[I].first);
    Out.push_back(recordName(Chain[I].second));
  }
  return Out;
}

// A condition of locals and parameters of the current function only, none of them ever
// assigned or given away by address: its value is the same wherever the function's paths test it.
bool Extractor::stableCond(const Expr *E) const {
  bool Ok = true, Any = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !Ok)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (isa<EnumConstantDecl>(DRE->getDecl()))
        return;
      Ok = V && !V->hasGlobalStorage() && V->getDeclContext() == Cur->FD && !V->getType().isVolatileQualified() &&
           !Cur->Written.count(V->getCanonicalDecl()) && !Cur->AddrTaken.count(V) &&
           !Cur->AddrTaken.count(V->getCanonicalDecl());
      Any = true;
      return;
    }
    if (isa<CallExpr, MemberExpr, ArraySubscriptExpr>(S) ||
        (isa<UnaryOperator>(S) && cast<UnaryOperator>(S)->getOpcode() == UO_Deref)) {
      Ok = false;
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(E);
  return Ok && Any;
}

std::optional<ObjRef> Extractor::elementOf(const ArraySubscriptExpr *AS, int D) const {
  const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
  auto K = constantOf(AS->getIdx()->IgnoreParenImpCasts(), Ctx);
  // a real array (not `p[k]` through a pointer, whose object is whatever p points into)
  if (!K || *K < 0 || !Base->getType()->isConstantArrayType())
    return std::nullopt;
  auto R = resolveObj(Base, false, D + 1);
  if (!R || !R->isAbsolute() || R->rootName.rfind('*', 0) == 0)
    return std::nullopt;
  std::string Index = "[" + std::to_string(*K) + "]";
  std::string Shown = Index;
  if (const auto *IR = dyn_cast<DeclRefExpr>(AS->getIdx()->IgnoreParenImpCasts()); IR && isa<EnumConstantDecl>(IR->getDecl()))
    Shown = "[" + IR->getDecl()->getNameAsString() + "]";
  if (!R->path.empty()) {
    R->path.back() += Index;
    R->sole = false;
    R->wrapped = 0;
    return R;
  }
  if (R->display.empty())
    R->display = R->rootName;
  R->rootName += Index;
  R->display += Shown;
  return R;
}

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
  // A constant condition picks its branch: GLib's g_steal_pointer(pp) below GLib 2.58 (libvirt
  // sets GLIB_VERSION_MAX_ALLOWED to 2.56) is `(0 ? (*(pp)) : (g_steal_pointer) (pp))`.
  // So does one the path decides (on locals and parameters the function never writes, so the
  // value the path knows is the one the `?:` saw): sgh_dd's sg_out_wr_cmd(rep, is_wr2) releases
  // `mutexp = is_wr2 ? &clp->out2_mutex : &clp->out_mutex`, and the flow went down the `?:`
  // with is_wr2 known on each path (a caller's constant argument then picks the release).
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    if (auto C = constantOf(CO->getCond(), Ctx))
      return resolveObj(*C ? CO->getTrueExpr() : CO->getFalseExpr(), Pointee, D + 1);
    if (CurState && Cur && stableCond(CO->getCond()))
      if (auto T = truthOf(CO->getCond(), *CurState))
        return resolveObj(*T ? CO->getTrueExpr() : CO->getFalseExpr(), Pointee, D + 1);
  }
  // GLib's g_steal_pointer(&p) gives p's value and clears p: libvirt's lock guard gives its
  // mutex back with virMutexUnlock(g_steal_pointer(&l->mutex)) (testdata/analyzer/glib_lock_guard).
  if (const auto *CE = dyn_cast<CallExpr>(E); CE && Pointee && CE->getNumArgs() == 1)
    if (const FunctionDecl *FD = CE->getDirectCallee(); FD && FD->getIdentifier() && FD->getName() == "g_steal_pointer")
      if (const auto *A = dyn_cast<UnaryOperator>(strip(CE->getArg(0))); A && A->getOpcode() == UO_AddrOf)
        return resolveObj(A->getSubExpr(), true, D + 1);
  // a function that returns a pointer to an object it names by its arguments or a global
  // (Function::retFields["*"]: `pthread_mutex_t *lock_dir(void) { lock(&dir_lock); return
  // &dir_lock; }`): its call points there. Only a summary already made (the call was reached
  // before whatever names its result).
  // A method's is named through the object it is called on (`a.get_attr_mutex()`: `a`'s mutex),
  // and names nothing when that object has no name: not its class's lock of any instance.
  if (const auto *CE = dyn_cast<CallExpr>(E); CE && Pointee && !isa<CXXOperatorCallExpr>(CE))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (auto SIt = Summaries.find(Callee->getDefinition() ? Callee->getDefinition() : Callee); SIt != Summaries.end())
        if (auto It = SIt->second.retFields.find("*"); It != SIt->second.retFields.end()) {
          const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
          const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
          if (MD && (!MC || !MD->isInstance()) && It->second.root == ObjRef::This)
            return std::nullopt;
          std::vector<ArgRef> AR;
          for (const Expr *A : CE->arguments())
            AR.push_back(argOf(A));
          ArgRef TR;
          if (const Expr *ThisE = MC && MD->isInstance() ? MC->getImplicitObjectArgument() : nullptr) {
            if (ThisE->getType()->isPointerType())
              TR = argOf(ThisE);
            else
              TR.obj = resolveObj(ThisE, false, D + 1);
          }
          if (auto R = substitute(It->second, AR, TR))
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
      // shown as the source names it where nothing else names it (a lock wrapper's own
      // finding: `*mp`, not `param#0`)
      if (PV->getIdentifier())
        R.display = (IsPtr ? "*" : "") + PV->getNameAsString();
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
      // local: what it was last assigned on every path here (`m = &a;`), else its
      // initialiser (not a pointer that moves on: its initialiser names only the first object)
      auto Pt = CurState && IsPtr ? CurState->points.find(V) : decltype(CurState->points)::const_iterator{};
      bool Assigned = CurState && IsPtr && Pt != CurState->points.end();
      if (Assigned && Pt->second && !CurState->fresh.count(V))
        return Pt->second;
      if ((IsPtr || IsRef) && !Assigned && V->hasInit() && !V->getType().isVolatileQualified() &&
          !(CurState && CurState->fresh.count(V)) && !(Cur && Cur->Moving.count(V))) {
        const Expr *Init = V->getInit();
        if (auto R = resolveObj(Init, IsPtr, D + 1))
          return R;
      }
      ObjRef R;
      R.root = ObjRef::Local;
      R.rootName = V->getNameAsString();
      R.fresh = IsPtr && CurState && CurState->fresh.count(V);
      // a local lock: named by its function; so is a local object of a class Clang's
      // thread-safety attributes declare a lock (`class ABSL_LOCKABLE Mutex`: abseil's tests
      // lock a local `absl::Mutex` captured by their threads' lambdas)
      if (!IsPtr && !IsRef && (isLockType(V->getType()) || capabilityRecord(V->getType()))) {
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
    // the unnamed member holding an anonymous struct or union: no component of the name
    // (`arenas_lock`, `malloc_mutex_s::lock`, not `arenas_lock..`)
    if (F->isAnonymousStructOrUnion() && !Pointee) {
      if (auto B = resolveObj(ME->getBase(), ME->isArrow(), D + 1))
        return B;
      ObjRef R;
      R.root = ObjRef::Unknown;
      return R;
    }
    bool FieldIsPtr = F->getType()->isPointerType() || F->getType()->isReferenceType();
    // a pointer field of a local lock handle whose object is known (State::fieldPoints)
    if (Pointee && FieldIsPtr && !ME->isArrow() && CurState)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(ME->getBase())))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->hasLocalStorage() && !isa<ParmVarDecl>(V))
          if (auto It = CurState->fieldPoints.find(V); It != CurState->fieldPoints.end())
            if (auto FIt = It->second.find(F->getNameAsString()); FIt != It->second.end())
              return FIt->second;
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
      if (R.root == ObjRef::Param)
        R.display.clear();  // a field of it is named by its record
    } else {
      R.root = ObjRef::Unknown;
    }
    std::vector<std::string> Embedded;  // C's inheritance: the first members down to F's record
    const RecordDecl *Static =
        R.path.empty() ? embeddingRecord(pointedRecord(ME->getBase(), B), F->getParent(), Embedded) : nullptr;
    if (Static) {
      R.cls = recordName(Static);
      R.path = Embedded;
    } else if (R.path.empty()) {
      R.cls = recordName(F->getParent());
      // a global of an anonymous struct type (`static struct { ... } server;`): named by the
      // variable, `server::field`, not by "(unnamed struct at file:line)"
      const RecordDecl *P = namedRecord(F->getParent());
      if (!P->getIdentifier() && !P->getTypedefNameForAnonDecl() && R.root == ObjRef::Global && !R.display.empty())
        R.cls = R.display;
    }
    R.path.push_back(F->getNameAsString());
    if (R.path.size() < 256) {
      if (Pointee && FieldIsPtr) {
        R.hopAt = static_cast<uint8_t>(R.path.size());  // the object F points to (ObjRef::hopAt)
        R.hopCls.clear();
      } else if (ME->isArrow() && !Static && R.path.size() > 1) {
        R.hopAt = static_cast<uint8_t>(R.path.size() - 1);  // F lies in another object
        R.hopCls = recordName(F->getParent());
      }
    }
    // (a global's field the source names itself stays in the name: 'main_state.interrupt_lock';
    // a wrapper's field reached through its parameter is hidden when the caller's object is mapped
    // in: '_slave_mutex', Facts.cpp)
    R.sole = isLockType(F->getType()) && soleLockField(F) && R.root != ObjRef::Global;
    R.wrapped = 0;
    for (const Expr *B = strip(ME->getBase()); R.sole && R.wrapped + 1u < R.path.size();) {
      const auto *BM = dyn_cast<MemberExpr>(B);
      const auto *G = BM ? dyn_cast<FieldDecl>(BM->getMemberDecl()) : nullptr;
      if (!G || G->isAnonymousStructOrUnion() || !soleWayToLock(G))
        break;
      ++R.wrapped;
      B = strip(BM->getBase());
    }
    if (isStdMutex(stdRecord(F->getType())) && recursiveLockClass(stdRecord(F->getType())))
      R.recursive = true;
    if (RecursiveFields.count(recordName(F->getParent()) + "::" + F->getNameAsString()))
      R.recursive = true;
    // a lock-like field reached through another (`req->base->lock`, "request::base.lock"): which
    // field it is, for recursion known only after every TU is read (Facts.h, lockPaths)
    if (R.path.size() > 1 && (F->getType()->isVoidPointerType() || isLockType(F->getType()) ||
                              (F->getType()->isPointerType() && isLockType(F->getType()->getPointeeType()))))
      LockPaths.insert({R.key(), recordName(F->getParent()) + "::" + F->getNameAsString()});
    return R;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    if (auto R = elementOf(AS, D))
      return R;
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
  if (recursiveLockClass(N))
    R->recursive = true;
  if (!R->path.empty())
    R->inner = R->classKey();  // the lock as its own class names it (ObjRef::inner)
  if (R->isAbsolute() && (RecursiveKeys.count(R->key()) || RecursiveKeys.count(R->classKey())))
    R->recursive = true;
  return R;
}

std::optional<long long> constantOf(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return 0;
  Expr::EvalResult R;
  if (!E->getType()->isIntegralOrEnumerationType() || !E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  // as C converts it to a 64-bit long long: ULONG_MAX (`(size_t)-1`) is -1; a wider value
  // (__int128) is no constant here
  const llvm::APSInt &V = R.Val.getInt();
  if (V.getBitWidth() > 64)
    return V.isRepresentableByInt64() ? std::optional<long long>(V.getExtValue()) : std::nullopt;
  return V.isSigned() ? V.getSExtValue() : static_cast<long long>(V.getZExtValue());
}

ArgRef Extractor::argOf(const Expr *E) const {
  ArgRef A;
  if (!E)
    return A;
  A.constant = constantOf(E->IgnoreParenImpCasts(), Ctx);
  if (A.constant)
    return A;
  const Expr *S = strip(E);
  if (const auto *SL = dyn_cast<StringLiteral>(S)) {  // a mode string (ParamCond::first)
    A.first = SL->getLength() ? static_cast<long long>(SL->getCodeUnit(0)) : 0;
    return A;
  }
  // `flags | K`, `flags & ~K`: the bits the constant decides, and the value they were applied to
  while (S->getType()->isIntegralOrEnumerationType()) {
    const auto *BO = dyn_cast<BinaryOperator>(S);
    if (!BO || (BO->getOpcode() != BO_Or && BO->getOpcode() != BO_And))
      break;
    const Expr *X = BO->getLHS();
    auto K = constantOf(BO->getRHS()->IgnoreParenImpCasts(), Ctx);
    if (!K) {
      X = BO->getRHS();
      K = constantOf(BO->getLHS()->IgnoreParenImpCasts(), Ctx);
    }
    if (!K)
      break;
    // peeled from the outside in: an outer operation's bits stay as it leaves them
    long long Decided = A.bitsSet | A.bitsClear;
    if (BO->getOpcode() == BO_Or)
      A.bitsSet |= *K & ~Decided;
    else
      A.bitsClear |= ~*K & ~Decided;
    S = strip(X);
  }
  bool Ptr = S->getType()->isPointerType();
  A.obj = resolveObj(S, Ptr);
  if (A.obj && A.obj->root == ObjRef::Unknown && A.obj->path.empty())
    A.obj.reset();
  if (A.obj && Ptr && A.obj->path.empty() && A.obj->root != ObjRef::Unknown)
    A.obj->embeds = embedsOf(pointedRecord(E, A.obj));
  // a guard of this function (std::unique_lock, a guard class) given by reference or its
  // address: the callee's lock through it is the guard's mutex (a callee that unlocks the guard
  // releases it)
  if (CurState) {
    const Expr *G = S;
    if (const auto *U = dyn_cast<UnaryOperator>(G); U && U->getOpcode() == UO_AddrOf)
      G = strip(U->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(G))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (auto It = CurState->guards.find(V); It != CurState->guards.end() && It->second.refs.size() == 1 &&
                                                !It->second.reverse)
          A.obj = It->second.refs[0];
  }
  if (!Ptr && CurState && S->getType()->isRecordType())  // a lock handle passed by value
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (auto It = CurState->fieldPoints.find(V); It != CurState->fieldPoints.end())
          A.fields = It->second;
  if (A.obj && A.obj->root == ObjRef::Local && A.obj->path.empty() && Cur)
    if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->getOpcode() == UO_AddrOf)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && Cur->OwnAddrArgs.count(V))
          A.obj->automatic = true;
  return A;
}

std::optional<ObjRef> Extractor::substitute(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This) const {
  return substituteRef(R, Args, This);
}


// The handle object itself: `&h` given to a start (Pointee) is `h`.
static const Expr *handleObject(const Expr *E, bool Pointee) {
  const Expr *X = strip(E);
  if (Pointee)
    if (const auto *UO = dyn_cast<UnaryOperator>(X); UO && UO->getOpcode() == UO_AddrOf)
      X = strip(UO->getSubExpr());
  return X;
}

// Only exactly named objects: a global or static (with its field path), or a local of this
// function. Array elements and objects behind pointers are not named (no create/join order).
std::string Extractor::handleOf(const Expr *E, bool Pointee) const {
  if (!E || !Cur)
    return "";
  // an element of a named array of handles (`pthread_create(&tids[i], ...)` in a loop, joined
  // as `pthread_join(tids[i], ...)` in a loop): the group is named by the array, "<array>[]"
  const Expr *X = handleObject(E, Pointee);
  // the array may be a block from calloc, held by a pointer variable (mafft's `pthread_t
  // *handle`, filled as `pthread_create(handle + j, ...)` and joined as `handle[j]`)
  auto group = [&](const Expr *Base) -> std::string {
    Base = Base->IgnoreParenImpCasts();
    std::string B = handleOf(Base, false);
    if (B.empty())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Base)))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->getType()->isPointerType())
          B = V->hasGlobalStorage()
                  ? "G:" + globalKey(V, nullptr)
                  // two `pthread_t *handle` of one function's blocks are two groups
                  : (V->isLocalVarDecl() ? "L:" + Cur->Fn->id + ":" + V->getNameAsString() + "@" +
                                               std::to_string(SM.getExpansionLineNumber(V->getLocation()))
                                         : "");
    return B.empty() ? "" : B + "[]";
  };
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(X); AS && (Pointee ? X != strip(E) : true))
    return group(AS->getBase());
  if (const auto *BO = dyn_cast<BinaryOperator>(X); Pointee && BO && BO->getOpcode() == BO_Add)
    return group(BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS());
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

// A handle behind a pointer (`&svr->thread` of a parameter `svr`): no one object, but its
// class's field, "C:rtksvr_t::thread". An element of an array is not named.
std::string Extractor::handleClassOf(const Expr *E, bool Pointee) const {
  if (!E || !Cur || !isa<MemberExpr>(handleObject(E, Pointee)))
    return "";
  auto R = resolveObj(strip(E), Pointee);
  if (!R || R->path.empty() || R->cls.empty())
    return "";
  return "C:" + R->classKey();
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

}  // namespace extract
}  // namespace lockgraph
