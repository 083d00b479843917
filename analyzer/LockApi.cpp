// LockApi: recognising lock calls. Which C function or std:: member takes, tries, releases or
// waits on a lock (the table common/lock_api.inc, shared with the runtime hook; the config
// file's lock functions; Clang capability attributes), and which branch of a test on a
// trylock's result is its success. Returns LockOps; applying them is HeldFlow.cpp's job.
#include "ExtractInternal.h"
#include "LockWords.h"
#include "clang/AST/ParentMap.h"


namespace lockgraph {
namespace extract {

// Qt's lock classes, in the global namespace: read as their std counterparts are (the table's
// LOCKGRAPH_LOCK_METHOD rows; the lockers as guards, guardClass()).
static bool qtLockClass(StringRef N) {
  return N == "QMutex" || N == "QBasicMutex" || N == "QRecursiveMutex" || N == "QReadWriteLock" ||
         N == "QMutexLocker" || N == "QReadLocker" || N == "QWriteLocker";
}

bool guardClass(const std::string &Cls) {
  return Cls == "std::lock_guard" || Cls == "std::scoped_lock" || Cls == "std::unique_lock" ||
         Cls == "std::shared_lock" || Cls == "QMutexLocker" || Cls == "QReadLocker" || Cls == "QWriteLocker";
}

bool movableGuardClass(const std::string &Cls) {  // unlock() and lock() again: unique_lock's kind
  return Cls == "std::unique_lock" || Cls == "std::shared_lock" || Cls == "QMutexLocker" || Cls == "QReadLocker" ||
         Cls == "QWriteLocker";
}

bool recursiveLockClass(const std::string &Cls) {
  return Cls.find("recursive") != std::string::npos || Cls == "QRecursiveMutex";
}

// Qualified std name of a record type ("std::mutex"), or Qt's name of one of its lock classes
// ("QMutex"), or "".
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
  if (DC && DC->isTranslationUnit() && qtLockClass(RD->getName()))
    return RD->getName().str();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  if (!NS || NS->getName() != "std")
    return {};
  return "std::" + RD->getName().str();
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

bool capabilityRecord(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->hasAttr<CapabilityAttr>();
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

// ---- library functions that call back ----------------------------------------------------------

LibraryCallbackRole libraryCallbackRole(const FunctionDecl *FD) {
  using K = LibraryCallbackRole;
  if (!FD || !FD->getIdentifier())
    return {};
  StringRef N = FD->getName();
  // the C library and GLib: the callback runs in the caller's thread, before the call returns
  static const char *const Now[] = {
      "qsort", "qsort_r", "bsearch", "lfind", "lsearch", "tsearch", "tfind", "tdelete", "twalk", "twalk_r",
      "tdestroy", "scandir", "scandirat", "ftw", "nftw", "glob", "dl_iterate_phdr", "uv_walk",
      "g_hash_table_foreach", "g_hash_table_foreach_remove", "g_hash_table_foreach_steal", "g_hash_table_find",
      "g_list_foreach", "g_slist_foreach", "g_ptr_array_foreach", "g_tree_foreach", "g_list_sort",
      "g_list_sort_with_data", "g_slist_sort", "g_slist_sort_with_data", "g_ptr_array_sort",
      "g_ptr_array_sort_with_data", "g_array_sort", "g_array_sort_with_data", "g_qsort_with_data"};
  // the standard algorithms (not std::thread, std::async, std::function: kept or run elsewhere)
  static const char *const StdNow[] = {
      "sort", "stable_sort", "partial_sort", "nth_element", "for_each", "for_each_n", "find_if", "find_if_not",
      "count_if", "remove_if", "remove_copy_if", "replace_if", "copy_if", "transform", "accumulate", "reduce",
      "any_of", "all_of", "none_of", "lower_bound", "upper_bound", "equal_range", "binary_search", "max_element",
      "min_element", "minmax_element", "make_heap", "push_heap", "pop_heap", "sort_heap", "unique",
      "adjacent_find", "generate", "partition", "stable_partition", "is_sorted", "merge", "invoke"};
  struct Loop {
    const char *group;
    std::vector<const char *> registers, runs;
  };
  static const Loop Loops[] = {
      {"readline", {"rl_callback_handler_install"}, {"rl_callback_read_char"}},
      {"libevent",
       {"event_set", "event_assign", "event_new", "event_base_once", "bufferevent_setcb", "evconnlistener_new",
        "evconnlistener_new_bind", "evconnlistener_set_cb", "evhttp_set_cb", "evhttp_set_gencb", "evtimer_set"},
       {"event_base_dispatch", "event_base_loop", "event_dispatch", "event_loop"}},
      {"glib",
       {"g_idle_add", "g_idle_add_full", "g_timeout_add", "g_timeout_add_full", "g_timeout_add_seconds",
        "g_timeout_add_seconds_full", "g_io_add_watch", "g_io_add_watch_full", "g_source_set_callback",
        "g_child_watch_add", "g_child_watch_add_full", "g_unix_fd_add", "g_unix_signal_add"},
       {"g_main_loop_run", "g_main_context_iteration", "g_main_context_dispatch", "gtk_main"}},
      {"lua", {"lua_pushcclosure"}, {"lua_call", "lua_callk", "lua_pcall", "lua_pcallk", "lua_resume", "lua_cpcall"}},
      {"libuv",
       {"uv_timer_start", "uv_read_start", "uv_listen", "uv_idle_start", "uv_check_start", "uv_prepare_start",
        "uv_poll_start", "uv_signal_start", "uv_fs_event_start", "uv_fs_poll_start", "uv_close", "uv_write",
        "uv_write2", "uv_tcp_connect", "uv_pipe_connect", "uv_shutdown", "uv_udp_recv_start", "uv_udp_send",
        "uv_async_init", "uv_getaddrinfo"},
       {"uv_run"}},
  };
  if (isFreeFunctionNamed(FD)) {
    for (const char *X : Now)
      if (N == X)
        return {K::CallsNow, ""};
    for (const auto &L : Loops) {
      for (const char *X : L.registers)
        if (N == X)
          return {K::Registers, L.group};
      for (const char *X : L.runs)
        if (N == X)
          return {K::RunsLoop, L.group};
    }
    return {};
  }
  for (const char *X : StdNow)
    if (isStdFunction(FD, X))
      return {K::CallsNow, ""};
  return {};
}

// ---- the lock API table (common/lock_api.inc) -----------------------------------------------

namespace {

enum class LockFamily { Mutex, Rwlock, Spin, Sem, C11Mutex, Cond, C11Cond, Barrier };
enum class LockOpCode { Init, Destroy, Lock, TryLock, TimedLock, Unlock, Wait, TimedWait, Signal, Arrive };
enum class LockMode { Exclusive, Shared };

struct LockFnInfo {
  const char *name;
  LockFamily family;
  LockOpCode op;
  LockMode mode;
  unsigned lockArg;
  bool trueOnSuccess = false;  // its trylock returns TRUE (nonzero) on success (GLib)
  bool recursive = false;  // the owner may take it again (GRecMutex)
};

struct LockMethodInfo {
  const char *cls;  // "std::mutex"
  const char *method;
  LockOpCode op;
  LockMode mode;
};

const LockFnInfo LockFns[] = {
#define LOCKGRAPH_LOCK_FN(NAME, FAMILY, OP, MODE, ARG, RET, PARAMS, ARGS) \
  {#NAME, LockFamily::FAMILY, LockOpCode::OP, LockMode::MODE, ARG},
#define LOCKGRAPH_LOCK_LIBFN(NAME, FAMILY, OP, MODE, ARG, RECURSIVE, SUCCESS) \
  {#NAME, LockFamily::FAMILY, LockOpCode::OP, LockMode::MODE, ARG, #SUCCESS[0] == 'T', RECURSIVE != 0},
#include "lock_api.inc"
};

const LockMethodInfo LockMethods[] = {
#define LOCKGRAPH_LOCK_METHOD(CLS, METHOD, OP, MODE) {#CLS, #METHOD, LockOpCode::OP, LockMode::MODE},
#include "lock_api.inc"
};

// Runs whenever the function gets this far: no branch or loop between the statement and the
// function's body (`pthread_rwlock_destroy(&self->pgt_lock);` at the top of a cleanup, not
// `if (last) pthread_mutex_destroy(&o->mu);`); `do { ... } while (0)` of a macro counts as none.
// PM: the function's own parent map (Extractor::parents()).
static bool unconditional(const Stmt *S, const ParentMap *PM, ASTContext &Ctx) {
  if (!PM)
    return false;
  for (const Stmt *P = PM->getParent(S); P; S = P, P = PM->getParent(P)) {
    if (const auto *D = dyn_cast<DoStmt>(P)) {
      auto K = constantOf(D->getCond(), Ctx);
      if (!K || *K != 0)
        return false;
    } else if (!isa<CompoundStmt, Expr, DeclStmt, LabelStmt, AttributedStmt>(P) ||
               isa<ConditionalOperator, BinaryConditionalOperator, StmtExpr>(P)) {
      return false;
    } else if (const auto *B = dyn_cast<BinaryOperator>(P); B && B->isLogicalOp()) {
      return false;
    }
  }
  return true;
}

const LockFnInfo *lockFunction(StringRef Name) {
  for (const auto &F : LockFns)
    if (Name == F.name)
      return &F;
  return nullptr;
}

const LockMethodInfo *lockMethod(StringRef Cls, StringRef Method) {
  for (const auto &M : LockMethods)
    if (Cls == M.cls && Method == M.method)
      return &M;
  return nullptr;
}

// Init and Destroy change no held set, nor do a condition's signal and a barrier's wait (the
// hook's waits-for graph reads them). A timed lock waits like a lock (an order edge) but
// may fail: it is held only on success, as a trylock.
LockOp::Kind kindOf(LockOpCode Op, bool *Timed) {
  switch (Op) {
  case LockOpCode::Lock: return LockOp::Acquire;
  case LockOpCode::TryLock: return LockOp::Try;
  case LockOpCode::TimedLock:
    if (Timed)
      *Timed = true;
    return LockOp::Try;
  case LockOpCode::Unlock: return LockOp::Release;
  case LockOpCode::Wait:
  case LockOpCode::TimedWait: return LockOp::CondWait;
  case LockOpCode::Init:
  case LockOpCode::Destroy:
  case LockOpCode::Signal:
  case LockOpCode::Arrive: return LockOp::None;
  }
  return LockOp::None;
}

}  // namespace

bool checkedLockCall(const Expr *E) {
  const auto *CE = E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!isFreeFunctionNamed(FD))
    return false;
  const LockFnInfo *F = lockFunction(FD->getName());
  return F && !F->trueOnSuccess && F->family != LockFamily::Sem && (F->op == LockOpCode::Lock || F->op == LockOpCode::Unlock);
}

bool isStdMutex(const std::string &N) {
  for (const auto &M : LockMethods)
    if (N == M.cls)
      return true;
  return false;
}

// A semaphore is a lock only when the config says so (`semaphore-lock NAME-GLOB`): most
// semaphores count events between threads, and a count is not a lock.
bool Extractor::semaphoreIsLock(const CallExpr *CE, unsigned Arg) const {
  if (Cfg.semaphoreLocks.empty() || Arg >= CE->getNumArgs())
    return false;
  auto R = resolveLock(CE->getArg(Arg));
  if (!R)
    return false;
  for (const auto &G : Cfg.semaphoreLocks)
    if (globMatch(G, R->name()) || (R->isAbsolute() && (globMatch(G, R->key()) || globMatch(G, R->classKey()))))
      return true;
  return false;
}

// ---- lock operations ----------------------------------------------------------

std::optional<unsigned> Extractor::unlockArgOf(const FunctionDecl *FD) const {
  if (!isFreeFunctionNamed(FD))
    return std::nullopt;
  StringRef N = FD->getName();
  if (const LockFnInfo *F = lockFunction(N))
    return kindOf(F->op, nullptr) == LockOp::Release ? std::optional<unsigned>(F->lockArg) : std::nullopt;
  for (const auto &LF : Cfg.lockFunctions)
    if (LF.name == N)
      return LF.kind == LockFunction::Unlock ? std::optional<unsigned>(LF.arg) : std::nullopt;
  return std::nullopt;
}

// What a call does to a lock, by its callee's name alone (no lock resolved): the lock API's
// functions and methods, the config's lock functions, and wrappers of this TU already
// summarised. For scans of a whole body (Extractor::lockGuardKeys()).
LockOp::Kind Extractor::lockKindOf(const CallExpr *CE) const {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return LockOp::None;
  if (isFreeFunctionNamed(Callee)) {
    StringRef N = Callee->getName();
    if (const LockFnInfo *F = lockFunction(N))
      return F->family == LockFamily::Sem ? LockOp::None : kindOf(F->op, nullptr);
    for (const auto &LF : Cfg.lockFunctions)
      if (LF.name == N)
        return LF.kind == LockFunction::Unlock ? LockOp::Release : LockOp::Acquire;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    if (const CXXMethodDecl *MD = MC->getMethodDecl(); MD && MD->getIdentifier())
      if (const Expr *Obj = MC->getImplicitObjectArgument()) {
        std::string Cls = stdRecord(Obj->getType());
        if (isStdMutex(Cls))
          if (const LockMethodInfo *M = lockMethod(Cls, MD->getName()))
            return kindOf(M->op, nullptr);
      }
  const FunctionDecl *Def = Callee->getDefinition();
  if (auto It = Summaries.find(Def ? Def : Callee); It != Summaries.end()) {
    if (!It->second.netAcquire.empty())
      return LockOp::Acquire;
    if (!It->second.netRelease.empty())
      return LockOp::Release;
  }
  return LockOp::None;
}

// The locks a capability attribute of Callee names (`ACQUIRE(m)`, `RELEASE(m_mtx)`; none: the
// object itself, when ThisWhenNone), read in Callee's frame and named as the call site names them.
std::vector<ObjRef> Extractor::capabilityRefs(const FunctionDecl *Callee, llvm::ArrayRef<Expr *> AttrArgs,
                                              bool ThisWhenNone, const std::vector<ArgRef> &Args, const ArgRef &This) {
  FnCtx Tmp;
  Tmp.FD = Callee;
  FnCtx *Saved = Cur;
  Cur = &Tmp;
  std::vector<ObjRef> Rel, Out;
  if (AttrArgs.empty() && ThisWhenNone) {
    ObjRef R;
    R.root = ObjRef::This;
    Rel.push_back(R);
  }
  for (const Expr *E : AttrArgs)
    if (auto R = resolveLock(E))
      Rel.push_back(*R);
  Cur = Saved;
  for (const auto &R : Rel)
    if (auto X = substitute(R, Args, This))
      Out.push_back(*X);
  return Out;
}

// A spin lock made of atomics: a test-and-set, exchange or compare-and-swap of a nonzero
// constant into an object, whose result says whether it was free, is a trylock of that object
// (`while (__sync_lock_test_and_set(&l, 1)) ;`, leela-zero's `while
// (m_mutex->m_lock.exchange(true, std::memory_order_acquire)) ;`): where the loop ends it is
// held, and, as every trylock, it adds no edge to the lock graph (its order is not checked: a
// spinning thread is not told apart from a blocked one). A release, a clear, a store or an
// exchange of zero (or `flag = false`) gives it back. The other `__atomic_*` builtins are no
// calls (AtomicExpr): Extractor::handleStmt() reads them.
// `Store`: the release is a store of zero into a std::atomic (`= 0`, `store(0)`, `exchange(0)`),
// which is also how any atomic flag is cleared (spinStoreReleases()).
static std::optional<LockOp> spinPrimitive(const CallExpr *CE, const FunctionDecl *Callee, ASTContext &Ctx,
                                           bool *Store = nullptr) {
  auto Const = [&](unsigned I) -> std::optional<long long> {
    return I < CE->getNumArgs() ? constantOf(CE->getArg(I)->IgnoreParenImpCasts(), Ctx) : std::nullopt;
  };
  LockOp Op;
  // `flag = false` on a std::atomic: a store of zero
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE); OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
    auto V = Const(1);
    if (stdRecord(OC->getArg(0)->getType()) != "std::atomic" || !V || *V != 0)
      return std::nullopt;
    Op.kind = LockOp::Release;
    if (Store)
      *Store = true;
    return Op;
  }
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  if (Callee->getBuiltinID()) {
    StringRef N = Callee->getName();
    if (N == "__atomic_test_and_set" || N == "__atomic_clear") {  // true when it was set already
      Op.kind = N == "__atomic_clear" ? LockOp::Release : LockOp::Try;
      return Op;
    }
    if (!N.consume_front("__sync_"))
      return std::nullopt;
    N = N.rtrim("0123456789").rtrim('_');  // Sema names the sized builtin: __sync_lock_test_and_set_4
    auto Arg1 = Const(1), Arg2 = Const(2);  // the value stored; or the old value expected, the new
    if (N == "lock_test_and_set" && Arg1 && *Arg1 != 0) {
      Op.kind = LockOp::Try;  // returns the old value: 0 when it took the lock
    } else if (N == "lock_release") {
      Op.kind = LockOp::Release;
    } else if ((N == "val_compare_and_swap" || N == "bool_compare_and_swap") && Arg1 && *Arg1 == 0 && Arg2 && *Arg2 != 0) {
      Op.kind = LockOp::Try;
      Op.pthreadStyle = N == "val_compare_and_swap";  // the old value, or true on success
    } else {
      return std::nullopt;
    }
    return Op;
  }
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  const Expr *Obj = MC ? MC->getImplicitObjectArgument() : nullptr;
  if (!Obj)
    return std::nullopt;
  std::string Cls = stdRecord(Obj->getType());
  StringRef N = Callee->getName();
  if (Cls == "std::atomic_flag" && N == "test_and_set") {
    Op.kind = LockOp::Try;  // true when it was set already
  } else if (Cls == "std::atomic_flag" && N == "clear") {
    Op.kind = LockOp::Release;
  } else if (Cls == "std::atomic" && (N == "exchange" || N == "store")) {
    auto V = Const(0);
    if (!V || (N == "store" && *V != 0))
      return std::nullopt;
    Op.kind = *V != 0 ? LockOp::Try : LockOp::Release;  // exchange returns the old value
    if (Store)
      *Store = Op.kind == LockOp::Release;
  } else {
    return std::nullopt;
  }
  return Op;
}

// The object of a spin primitive: the method's, or the first operand (a builtin's pointer,
// `flag = false`'s flag).
static const Expr *spinObject(const CallExpr *CE) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    return MC->getImplicitObjectArgument();
  return CE->getNumArgs() ? CE->getArg(0) : nullptr;
}

// The declaration that object is reached by: a field (`n->lock`, `locks[i].f`), a variable
// (`&busy`); null for anything else.
static const ValueDecl *spinTarget(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return ME->getMemberDecl();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      E = AS->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
      E = UO->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

void Extractor::noteSpinAcquire(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return;
  StringRef N = Callee->getName();
  if (N != "exchange" && N != "test_and_set" && N != "__atomic_test_and_set" && !N.starts_with("__sync_"))
    return;
  if (auto Op = spinPrimitive(CE, Callee, Ctx); Op && Op->kind == LockOp::Try)
    if (const ValueDecl *D = spinTarget(spinObject(CE)))
      SpinAcquired.insert(D->getCanonicalDecl());
}

// A store of zero into a std::atomic gives a spin lock back, and clears a flag just as well
// (SuperTuxKart's `m_is_server = false` in NetworkConfig's constructor, `m_running = false`): a
// field or variable that nothing in this TU takes as a spin lock is a flag, unless the store
// is in a function named as an unlock or a release (a spin lock class whose lock() is in
// another file).
// Read as releases, flag stores made every function clearing one a lock wrapper, which the
// cross-TU pass analyzed every caller of again (SuperTuxKart: 1179 TUs analyzed again).
bool Extractor::spinStoreReleases(const Expr *Obj) const {
  const ValueDecl *D = spinTarget(Obj);
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!D || !(isa<FieldDecl>(D) || (VD && VD->hasGlobalStorage())) || SpinAcquired.count(D->getCanonicalDecl()))
    return true;  // (a parameter or a local: where it points is not known here)
  const FunctionDecl *FD = Cur ? Cur->FD : nullptr;
  std::string Fn = FD && FD->getIdentifier() ? FD->getName().lower() : std::string();
  return Fn.find("unlock") != std::string::npos || Fn.find("release") != std::string::npos;
}

// A release of `c ? &a : &b`, directly or through a local pointer initialised with it and never
// moved (sgh_dd's `mutexp = is_wr2 ? &clp->out2_mutex : &clp->out_mutex; lock(mutexp); ...
// unlock(mutexp)`), where the state does not decide c: the alternatives the state holds. Each
// path decides c (resolveObj()), but the events of a block are recorded once, with the paths'
// states merged; there the lock taken through the `?:` is each alternative on some path, and a
// release that named neither left both held: any lock after it was a false self-deadlock or
// order. Only locks taken in the function: the caller's are released as each path names them.
std::vector<ObjRef> Extractor::heldAlternatives(const Expr *E, const State &S) const {
  const Expr *X = strip(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && V->isLocalVarDecl() && !isa<ParmVarDecl>(V) && V->getType()->isPointerType() && V->hasInit() &&
        !V->getType().isVolatileQualified() && !(Cur && Cur->Moving.count(V)) && !S.points.count(V))
      X = strip(V->getInit());
  const auto *CO = dyn_cast<ConditionalOperator>(X);
  if (!CO)
    return {};
  std::vector<ObjRef> Out;
  for (const Expr *Alt : {CO->getTrueExpr(), CO->getFalseExpr()})
    if (auto R = resolveLock(Alt)) {
      // not a lock the caller may hold: a release of that one is the function's summary, which
      // stays conditional on what picks it (lock_chosen_by_param.c)
      if (Cur && Cur->EntryLocks.count(R->ident()))
        return {};
      if (S.find(*R) >= 0)
        Out.push_back(*R);
    }
  return Out;
}

LockOp Extractor::classify(const CallExpr *CE, State &S, const FunctionDecl *Callee) {
  LockOp Op;
  auto argLock = [&](unsigned I) {
    if (I < CE->getNumArgs())
      if (auto R = resolveLock(CE->getArg(I)))
        Op.refs.push_back(*R);
  };
  bool Store = false;
  if (auto Spin = spinPrimitive(CE, Callee, Ctx, &Store)) {
    const Expr *L = spinObject(CE);
    if (Store && !spinStoreReleases(L))
      return Op;
    if (auto R = L ? resolveLock(L) : std::nullopt) {
      Spin->refs.push_back(*R);
      return *Spin;
    }
    return Op;
  }
  if (isFreeFunctionNamed(Callee)) {
    StringRef N = Callee->getName();
    if (const LockFnInfo *F = lockFunction(N)) {
      if (F->family == LockFamily::Sem && !semaphoreIsLock(CE, F->lockArg))
        return Op;
      Op.kind = kindOf(F->op, &Op.timed);
      Op.shared = F->mode == LockMode::Shared;
      Op.pthreadStyle = !F->trueOnSuccess;
      if (Op.kind != LockOp::None)
        argLock(F->lockArg);
      if (Op.kind == LockOp::Release && Op.refs.empty() && F->lockArg < CE->getNumArgs())
        for (auto &R : heldAlternatives(CE->getArg(F->lockArg), S))
          Op.refs.push_back(std::move(R));
      if (F->recursive)
        for (auto &R : Op.refs)
          R.recursive = true;
      if (F->op == LockOpCode::Destroy && Cur && F->lockArg < CE->getNumArgs())
        if (auto R = resolveLock(CE->getArg(F->lockArg)))
          // a member of an object the function reaches through a pointer: that object is
          // being torn down (a global's lock destroyed at shutdown says nothing of the threads);
          // `(*dict)->dict_lock`, through a parameter's pointer, has no named root
          if (!R->path.empty() && (R->root == ObjRef::Param || R->root == ObjRef::This || R->root == ObjRef::Local ||
                                   R->root == ObjRef::Unknown)) {
            Cur->Destroyed.insert(R->ident());
            if (R->root == ObjRef::Param && R->param >= 0 && unconditional(CE, parents(), Ctx))
              Cur->DestroyedParams.insert(R->param);
          }
      return Op;
    }
    for (const auto &LF : Cfg.lockFunctions)
      if (LF.name == N) {
        Op.kind = LF.kind == LockFunction::Unlock ? LockOp::Release
                  : LF.kind == LockFunction::TryLock ? LockOp::Try
                                                      : LockOp::Acquire;
        Op.shared = LF.kind == LockFunction::SharedLock;
        argLock(LF.arg);
        return Op;
      }
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
      if (const LockMethodInfo *M = lockMethod(Cls, N)) {
        Op.kind = kindOf(M->op, nullptr);
        Op.shared = M->mode == LockMode::Shared;
        Op.pthreadStyle = false;  // try_lock*() return true on success
      }
      if (Op.kind != LockOp::None)
        if (auto R = resolveLock(Obj->getType()->isPointerType() ? Obj : Obj)) {
          ObjRef X = *R;
          if (recursiveLockClass(Cls))
            X.recursive = true;
          Op.refs.push_back(X);
        }
      return Op;
    }
    if (movableGuardClass(Cls)) {
      const bool Shared = Cls == "std::shared_lock" || Cls == "QReadLocker";
      const bool Relock = N == "lock" || (Cls[0] == 'Q' && N == "relock");
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(Obj));
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      auto It = VD ? S.guards.find(VD) : S.guards.end();
      if (It == S.guards.end()) {
        // a guard the caller made, given by reference (`void drain(std::unique_lock<std::mutex>
        // &lk) { lk.unlock(); ... }`): its mutex is the parameter's lock, which the call site
        // names by the caller's guard (argOf())
        const auto *PV = dyn_cast_or_null<ParmVarDecl>(VD);
        if (!PV || !Cur || PV->getDeclContext() != Cur->FD ||
            !(PV->getType()->isReferenceType() || PV->getType()->isPointerType()))
          return Op;
        auto R = resolveLock(Obj);
        if (!R || R->root != ObjRef::Param || !R->path.empty())
          return Op;
        Op.refs = {*R};
        Op.shared = Shared;
        if (Relock) {
          Op.kind = LockOp::Acquire;
        } else if (N == "unlock") {
          Op.kind = LockOp::Release;
        } else if (N.starts_with("try_lock")) {
          Op.kind = LockOp::Try;
          Op.pthreadStyle = false;
        }
        return Op;
      }
      Op.refs = It->second.refs;
      Op.shared = It->second.shared;
      if (Relock) {
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
    for (auto &X : capabilityRefs(Callee, {A->args_begin(), A->args_size()}, /*ThisWhenNone=*/true, Args, This))
      Refs.push_back(std::move(X));
  };
  // a scoped guard's own lock()/unlock() annotated without arguments (SRT's UniqueLock): the
  // guard's mutex, which guardMethod() knows from the guard's construction
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(CE); MC && Callee)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(MC->getImplicitObjectArgument())))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && S.guards.count(VD)) {
        const auto *RA = Callee->getAttr<ReleaseCapabilityAttr>();
        const auto *AA = Callee->getAttr<AcquireCapabilityAttr>();
        if ((RA && RA->args_size() == 0) || (AA && AA->args_size() == 0))
          return Op;
      }
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

bool mapsToConstants(const Stmt *S, ASTContext &Ctx) {
  const auto *CO = dyn_cast_or_null<ConditionalOperator>(S);
  return CO && constantOf(CO->getTrueExpr(), Ctx) && constantOf(CO->getFalseExpr(), Ctx);
}

// Which successor gets the trylock: Cond true means success?
std::optional<bool> successWhenTrue(const Expr *Cond, const void *Key, bool PthreadStyle, ASTContext &Ctx) {
  if (!Cond)
    return std::nullopt;
  Cond = strip(Cond);
  if (Cond == Key)
    return !PthreadStyle;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    if (DRE->getDecl() == Key)
      return !PthreadStyle;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond); UO && UO->getOpcode() == UO_LNot) {
    auto R = successWhenTrue(UO->getSubExpr(), Key, PthreadStyle, Ctx);
    if (R)
      return !*R;
    return std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->getOpcode() == BO_Assign)
      return successWhenTrue(BO->getRHS(), Key, PthreadStyle, Ctx);
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      const Expr *L = strip(BO->getLHS()), *R = strip(BO->getRHS());
      // a result mapped to the library's own codes, then compared with one of them:
      // `((trylock(m) == 0) ? OK : BUSY) != OK` (bind9's isc_mutex_trylock())
      for (auto [Side, Other] : {std::pair{L, R}, std::pair{R, L}})
        if (const auto *CO = dyn_cast<ConditionalOperator>(Side))
          if (auto K = constantOf(Other, Ctx)) {
            auto A = constantOf(CO->getTrueExpr(), Ctx), B = constantOf(CO->getFalseExpr(), Ctx);
            auto P = successWhenTrue(CO->getCond(), Key, PthreadStyle, Ctx);
            if (!A || !B || !P)
              return std::nullopt;
            bool Eq = BO->getOpcode() == BO_EQ;
            bool OnSuccess = ((*P ? *A : *B) == *K) == Eq;
            bool OnFailure = ((*P ? *B : *A) == *K) == Eq;
            if (OnSuccess == OnFailure)
              return std::nullopt;  // the comparison does not tell them apart
            return OnSuccess;
          }
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
      auto P = successWhenTrue(Other, Key, PthreadStyle, Ctx);
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

}  // namespace extract
}  // namespace lockgraph

namespace lockgraph {

namespace {
bool saysLock(llvm::StringRef Name) {
  std::string N = Name.lower();
  return hasLockWord(N) || N.find("guard") != std::string::npos;
}
}  // namespace

bool libraryLockWrapper(const clang::FunctionDecl *FD) {
  using namespace clang;
  if (!FD || FD->isInStdNamespace())
    return false;
  bool Says = FD->getIdentifier() && saysLock(FD->getName());
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      StringRef N = NS->getName();
      if (N == "std" || N == "boost" || N.starts_with("__gnu") || N.starts_with("__cxx"))
        return false;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC); RD && RD->getIdentifier()) {
      Says = Says || saysLock(RD->getName());
    }
  }
  return Says;
}

}  // namespace lockgraph
