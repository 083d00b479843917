// ExtractInternal: the extractor's shared declarations, for the files that implement it
// (Extract.cpp: the driver; LockApi.cpp: recognising lock calls; LockIdentity.cpp: naming
// locks and objects; HeldFlow.cpp: the CFG dataflow over held sets and the summaries;
// Accesses.cpp: shared-data accesses). Private to analyzer/: includes Clang headers, so only
// those files include it.
#ifndef LOCKGRAPH_ANALYZER_EXTRACT_INTERNAL_H
#define LOCKGRAPH_ANALYZER_EXTRACT_INTERNAL_H

#include "Config.h"
#include "Extract.h"
#include "Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace lockgraph {
namespace extract {

using namespace clang;

// A member or variable that more functions than this are stored into is a callback slot,
// not a lock table (Extractor::tableSummary).
constexpr size_t MaxTableFunctions = 6;

// ---- small helpers (LockIdentity.cpp, LockApi.cpp) ------------------------------------------
// E without parentheses, implicit casts, temporaries and explicit casts.
const Expr *strip(const Expr *E);
// A std::thread or std::jthread; a container of them (`std::vector<std::thread>`).
bool isStdThread(QualType T);
const CXXMethodDecl *qthreadRun(QualType T, StringRef Base);  // a QThread/QRunnable subclass's run(), HeldFlow.cpp
bool threadContainer(QualType T);
// Name of a record for lock/datum keys: qualified, typedef name for anonymous C structs.
std::string recordName(const RecordDecl *RD);
// Is F the only lock-typed field of its record (ObjRef::sole)?
bool soleLockField(const FieldDecl *F);
// Qualified std name of a record type ("std::mutex"), or "".
std::string stdRecord(QualType T);
bool isStdMutex(const std::string &N);
bool guardClass(const std::string &Cls);         // std::lock_guard ... QMutexLocker
bool movableGuardClass(const std::string &Cls);  // std::unique_lock, shared_lock, Qt's lockers
bool recursiveLockClass(const std::string &Cls);  // std::recursive_mutex, QRecursiveMutex
bool isLockType(QualType T);
bool isAtomicLike(QualType T);
// A class declared a lock by Clang's thread-safety attributes (`capability`, `lockable`).
bool capabilityRecord(QualType T);
bool isFreeFunctionNamed(const FunctionDecl *FD);
// A blocking lock or an unlock of the C lock APIs, whose nonzero result is a failure
// (`pthread_mutex_lock(m)`, `pthread_rwlock_unlock(l)`); not a trylock, whose nonzero result is
// a busy lock.
bool checkedLockCall(const Expr *E);
bool isStdFunction(const FunctionDecl *FD, StringRef Name);
// What a library function does with a function the program hands it (Extractor::findCallbacks()):
// calls it before it returns (qsort's comparator, std::sort's), keeps it for its event loop
// (`group`: readline, libevent, GLib, libuv), or runs that loop (calls what was kept); None for
// anything else (a thread or a pool of them, a signal, exit: who runs it is not known; an
// init routine pthread_once() runs once in one of its callers' threads: as any thread's,
// pthread_once_init.c).
struct LibraryCallbackRole {
  enum Kind { None, CallsNow, Registers, RunsLoop } kind = None;
  const char *group = "";
};
LibraryCallbackRole libraryCallbackRole(const FunctionDecl *FD);
// The value of an integer constant expression or a null pointer constant.
std::optional<long long> constantOf(const Expr *E, ASTContext &Ctx);
// Which successor of a two-way branch on `Cond` gets a pending trylock keyed `Key` (the call
// or the variable its result was stored in): true = the true branch means success.
std::optional<bool> successWhenTrue(const Expr *Cond, const void *Key, bool PthreadStyle, ASTContext &Ctx);
// `c ? K1 : K2` with constant arms: a status mapped to a library's own codes, tested later.
bool mapsToConstants(const Stmt *S, ASTContext &Ctx);

// The lock as the class that declares it names it (ObjRef::inner, or its Class::field):
// `treenode::m_mutex` for what a caller names `locktree::m_rangetree.m_root.m_mutex`.
inline std::string innerKey(const ObjRef &R) { return R.inner.empty() ? R.classKey() : R.inner; }

struct HeldL {
  ObjRef ref;
  bool shared = false;
  bool trylock = false;
  std::vector<Note> notes;
  // Held by the caller by contract: this function releases it without taking it
  // (`extstore_write()` unlocks the page `extstore_write_request()` returned locked). It
  // protects the accesses before the release; the callers' own edges cover its order.
  bool entry = false;
  // Taken through a pointer that has moved on since (`ipt = &ctl.ipts[i]` in the next
  // iteration, `td++`, `n = n->next`): the base it was named by ("L:ipt", "P0"); the ref is
  // now of an unknown instance. A lock taken through that pointer again is another
  // instance of the same Class::field, not a re-acquisition, and no order edge either
  // (instances walked in one direction, item by item).
  std::string movedFrom;
  // The local pointer the lock was reached through (`lock(&e->mu)`, `e = lookup_locked(k)`):
  // where a test finds it null, the lock was not taken (`if (e) lock(&e->mu)`, `if (!e) continue`).
  std::string via;
  // Taken for a group (a lightswitch, lightswitchTaken()): the locks (idents) held when the first
  // member took it. Only a first member waits for it under them, and then no member holds it:
  // re-taking one of them while it is held is no order edge.
  std::vector<std::string> lightswitch;
};

struct GuardSt {
  std::vector<ObjRef> refs;
  bool shared = false;
  bool owns = false;
  // A reverse guard (mpd's ScopeUnlock): its constructor released refs, its destructor takes
  // them again.
  bool reverse = false;
  bool operator==(const GuardSt &O) const {
    return owns == O.owns && reverse == O.reverse && refs.size() == O.refs.size();
  }
};

struct PendingTry {
  std::vector<HeldL> locks;
  bool pthreadStyle = true;  // returns 0 on success
  // A blocking lock whose result is tested (`if ((r = pthread_mutex_lock(m)) != 0)`): held
  // already; the failure branch drops it.
  bool held = false;
  bool keyIsVar = false;  // keyed by the VarDecl the result was stored in, not the CallExpr
  bool mapped = false;    // its result went through `c ? K1 : K2`: decided where that code is tested
  // A callee's conditional release (Summary::condRelease): the failure branch is where it
  // released the locks; elsewhere they stay as they were (held or not).
  bool release = false;
};

// What the paths a state stands for know about a local variable or parameter that a branch
// tested or a constant was assigned to: V == k (eq) or V != k. Lets the dataflow drop
// infeasible paths: `if (c) lock(m); ... if (c) unlock(m);` (HeldFlow.cpp).
// A fact may name several values (`more`, sorted, each above k): `V is one of them` (eq) or
// `V is none of them`. A switch's case knows one value; its `default:` knows the value is
// none of the cases (lttng-tools' process_client_msg() takes the session list lock there, and
// a later switch on the same V handles only the listed commands); paths of two cases joined
// know it is one of the two.
struct CondVal {
  bool eq = true;
  long long k = 0;
  std::vector<long long> more;
  // V == X is impossible on the paths of this fact
  bool excludes(long long X) const {
    bool In = X == k || std::binary_search(more.begin(), more.end(), X);
    return eq ? !In : In;
  }
  // V == k on every path of this fact
  bool exact() const { return eq && more.empty(); }
  bool operator==(const CondVal &O) const { return eq == O.eq && k == O.k && more == O.more; }
  bool operator<(const CondVal &O) const { return std::tie(eq, k, more) < std::tie(O.eq, O.k, O.more); }
};

// What a fact is about: a local, parameter or global (non-volatile, non-atomic), or a field
// reached from one through members (`w->is_bg`, `s.a.b`): V with the fields in order.
struct FactKey {
  const VarDecl *V = nullptr;
  std::vector<const FieldDecl *> fields;
  // Non-zero: the fact is about these bits of the value (`flags & FS_LOCK`), not all of it.
  long long mask = 0;
  // The first character of the string a `const char *` parameter points to (`mode[0]`,
  // `*mode`), not the pointer (ParamCond::first).
  bool first = false;
  bool operator<(const FactKey &O) const {
    return V != O.V ? V < O.V : fields != O.fields ? fields < O.fields : mask != O.mask ? mask < O.mask : first < O.first;
  }
  bool operator==(const FactKey &O) const { return V == O.V && fields == O.fields && mask == O.mask && first == O.first; }
  // The whole value of a global, not a field, bits or a first character of it (a mode flag:
  // Access::modeOff)
  bool wholeGlobal() const { return V->hasGlobalStorage() && fields.empty() && !mask && !first; }
};

struct State {
  bool live = false;
  std::map<FactKey, CondVal> assume;
  // Local pointers to objects allocated here and not yet published (ObjRef::fresh).
  std::set<const VarDecl *> fresh;
  // Local pointers to objects allocated here and published nowhere yet, for the race model
  // (Access::unpub): each with the conditions under which that is so (the allocator it came
  // from is one, the calls it was handed to keep it). Stricter than `fresh`: an address inside
  // the object handed to a call that may store it publishes it too.
  std::map<const VarDecl *, std::set<std::string>> unpub;
  // Local pointers assigned after their declaration (`m = &a;`): the object each points to on
  // every path here (nullopt: something unnamed, or different objects on two paths).
  std::map<const VarDecl *, std::optional<ObjRef>> points;
  // Local structs (by value) whose pointer fields point to known objects on every path here,
  // by field name (ArgRef::fields): a lock handle a callee returned (`tdmod =
  // mc_tpld_modify_begin(t)`), or one initialised in place (`struct guard g = {&x->mu}`).
  std::map<const VarDecl *, std::map<std::string, ObjRef>> fieldPoints;
  // Locks held on every path to here (idents): a release of a lock not surely held is (also)
  // the release of a lock the caller holds.
  std::set<std::string> must;
  std::vector<HeldL> held;
  std::map<const VarDecl *, GuardSt> guards;
  std::map<const void *, PendingTry> pending;  // CallExpr* or VarDecl*
  std::vector<ObjRef> released;  // caller-held locks released here (may)
  // Cancellation cleanup frames (C++ and -fexceptions C pthread_cleanup_push) whose
  // pthread_cleanup_pop has run here (may): their end of scope runs no handler any more.
  std::set<const VarDecl *> popped;
  // Locks whose checked lock failed on this path (may): a release of one of them that is not
  // held is the unlock after it (`if (pthread_mutex_lock(&m)) log_err(...);` and on to the
  // unlock), not a lock the caller held by contract.
  std::set<std::string> tried;
  // Locks whose trylock failed on this path (may): nothing this function knows took them since
  // (the Boehm GC's `if (0 != pthread_mutex_trylock(&ml)) GC_lock();` with GC_lock() in
  // another file), so their unlock ahead is of that lock, not of one the caller holds.
  std::map<std::string, ObjRef> tryFailed;
  // Locks taken that cannot be named (item_locks[hv], f()->mu), counted up to a small
  // cap: no order edge, but an access made while one is held is not called unlocked.
  unsigned unnamed = 0;
  // Re-entry flags (Extractor::flagKey; Acquire::unless): set (nonzero, incremented) on every
  // path here, each with the local pointer it was set through (a path where that pointer is
  // null counts as setting it: the per-thread object is absent, and so is the callee's test
  // through it); tested zero by an early return on every path here, before anything wrote them
  // (a condition on their value at entry); changed from their value at entry on some path here
  // (dirty), and of those, by how much when every path agrees (a level counted up and down
  // again, `in_log = 1; ... in_log = 0;` after `if (in_log) return;`, is not dirty).
  std::map<std::string, const VarDecl *> flagsSet;
  std::set<std::string> flagsClear, flagsDirty;
  // Globals tested zero on every path here (the branch taken when `!initialized`, whether or
  // not the other side returns): a call made there is an initialisation's (Call::unless "I:").
  std::set<std::string> initGuards;
  std::map<std::string, long long> flagsDelta;
  // What may have changed the fields of the objects this function's parameters point to (or
  // are, passed by value) since its entry, on some path here (may: joined by union), so that a
  // test of such a field is no condition on its value at entry (ParamCond::path,
  // Extractor::whenOf()): the parameters whose object a call was given (the pointer, an
  // address inside it) when what that call writes is unknown, and the fields that calls with
  // bodies in this TU may write (of any object: Extractor::fieldWrites()).
  std::set<const VarDecl *> entryObjDirty;
  std::set<const FieldDecl *> entryFieldsDirty;
  // Facts about such fields learnt while nothing had changed them yet (a test before the
  // calls that may): about their values at entry, so no later write or call ends them
  // (consumer_stream_destroy() calls consumer_del_channel() inside `if (stream->monitor)`,
  // after calls given the stream). Must: joined by keeping the facts both paths have.
  std::map<FactKey, CondVal> entryFacts;
  // Parameters assigned on some path here (may: joined by union). What the paths knew of such
  // a parameter before its first assignment is about its value at entry and moves to
  // entryFacts (groonga's grn_hash_create(): `if (!ctx) { ... ctx = &tmp_ctx; ...
  // grn_ctx_fin(&tmp_ctx); }` happens only when the caller passed NULL); what they learn after
  // is about another value and no condition at entry (Extractor::whenOf()).
  std::set<const VarDecl *> paramsReassigned;
  // Locals and parameters (address never taken) read through (`p->f`, `*p`) since their last
  // assignment on every path here: not null (Extractor::knownNonNull()). Must: joined by
  // intersection. Kept apart from `assume`: no branch was taken on them, and a test of them
  // here is no condition the callers must meet.
  std::set<const VarDecl *> derefed;
  // Flag K changes by D (nullopt: to some unknown value).
  void changeFlag(const std::string &K, std::optional<long long> D) {
    initGuards.erase(K);
    if (!D) {
      flagsDirty.insert(K);
      flagsDelta.erase(K);
      return;
    }
    bool Dirty = flagsDirty.count(K) > 0;
    auto It = flagsDelta.find(K);
    if (Dirty && It == flagsDelta.end())
      return;  // already unknown
    long long N = (It == flagsDelta.end() ? 0 : It->second) + *D;
    if (N == 0) {
      flagsDirty.erase(K);
      flagsDelta.erase(K);
    } else {
      flagsDirty.insert(K);
      flagsDelta[K] = N;
    }
  }
  bool nullAt(const VarDecl *V) const {
    if (!V)
      return false;
    auto It = assume.find(FactKey{V, {}, 0});
    return It != assume.end() && It->second.exact() && It->second.k == 0;
  }

  std::set<std::string> heldIdents() const {
    std::set<std::string> H;
    for (const auto &L : held)
      H.insert(L.ref.ident());
    return H;
  }
  int find(const ObjRef &R) const {
    for (size_t i = 0; i < held.size(); ++i)
      if (held[i].ref.sameIdent(R))
        return static_cast<int>(i);
    return -1;
  }
  void add(const HeldL &H) {  // taken on this path (must too)
    must.insert(H.ref.ident());
    mayAdd(H);
  }
  void mayAdd(const HeldL &H) {
    for (auto &X : held)
      if (X.shared == H.shared && X.ref.sameIdent(H.ref)) {
        if (X.entry && !H.entry)
          X = H;  // taken here (again): from now on this function's own hold
        return;
      }
    held.push_back(H);
  }
  void remove(const ObjRef &R) {
    std::string I = R.ident();
    must.erase(I);
    held.erase(std::remove_if(held.begin(), held.end(), [&](const HeldL &H) { return H.ref.sameIdent(R); }), held.end());
  }
  // A lock released under another name than it was taken: the caller's copy of a pointer
  // that a callee returned or stored through an out-parameter (`s = get_locked(k); ...
  // unlock(&s->mu)`). A held lock of the same Class::field whose instance is unknown on
  // either side is that lock (the most recent one). True when one was released.
  // `LastField` names the field a ref ends in as the record that declares it does (a callee's
  // `rep->clp->out_mutex` and the caller's `clp->out_mutex` are both `coll::out_mutex`; empty
  // when unknown): a lock the function took under that name is the one released, as below.
  // `Released` gets the ident of the held lock released.
  bool releaseAlias(const ObjRef &R, const std::function<std::string(const ObjRef &)> &LastField = nullptr,
                    std::string *Released = nullptr) {
    auto drop = [&](size_t i) {
      if (Released)
        *Released = held[i].ref.ident();
      must.erase(held[i].ref.ident());
      held.erase(held.begin() + static_cast<long>(i));
      return true;
    };
    if (R.path.empty())
      return false;
    std::string K = R.classKey();  // a global instance is one instance of its class
    bool RUnknown = R.root == ObjRef::Unknown;
    for (size_t i = held.size(); i-- > 0;)
      if (held[i].ref.classKey() == K && (RUnknown || held[i].ref.root == ObjRef::Unknown))
        return drop(i);
    // Through a pointer field of another object (toku's locktree: prepare() locks the tree's
    // `m_root`, release() unlocks `m_subtree`, the node hand-over-hand locking left held): a
    // lock this function took whose declaring class names it as the release does
    // (`treenode::m_mutex`) is that lock, the most recent one. Not for a path of one field
    // below a parameter or `this`: that is a lock of the object itself, the caller's.
    if (R.path.size() < 2 && (R.root == ObjRef::Param || R.root == ObjRef::This))
      return false;
    std::string I = innerKey(R);
    if (I.empty())
      return false;
    for (size_t i = held.size(); i-- > 0;)
      if (!held[i].entry && held[i].ref.classKey() != K && innerKey(held[i].ref) == I)
        return drop(i);
    std::string L = LastField && R.path.size() > 1 ? LastField(R) : std::string();
    if (L.empty())
      return false;
    for (size_t i = held.size(); i-- > 0;)
      if (!held[i].entry && held[i].ref.classKey() != K && LastField(held[i].ref) == L)
        return drop(i);
    return false;
  }
  // A release of a lock that cannot be named (`unlock(l)` through a pointer a callee filled
  // in): the most recent held lock whose instance is unknown is the best candidate.
  void releaseUnnamed() {
    for (size_t i = held.size(); i-- > 0;)
      if (held[i].ref.root == ObjRef::Unknown) {
        must.erase(held[i].ref.ident());
        held.erase(held.begin() + static_cast<long>(i));
        return;
      }
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
    for (auto It = unpub.begin(); It != unpub.end();) {  // on every path, under all their conditions
      auto OIt = O.unpub.find(It->first);
      if (OIt == O.unpub.end()) {
        It = unpub.erase(It);
        Changed = true;
        continue;
      }
      for (const auto &C : OIt->second)
        Changed |= It->second.insert(C).second;
      ++It;
    }
    for (auto It = fresh.begin(); It != fresh.end();)  // fresh on every path only
      if (!O.fresh.count(*It)) {
        It = fresh.erase(It);
        Changed = true;
      } else {
        ++It;
      }
    for (auto &[V, R] : points) {  // the same object on both paths, else unknown
      auto It = O.points.find(V);
      if (R && (It == O.points.end() || !It->second || !It->second->sameIdent(*R))) {
        R.reset();
        Changed = true;
      }
    }
    for (const auto &[V, R] : O.points)
      if (!points.count(V)) {
        points[V] = std::nullopt;
        Changed = true;
      }
    for (auto It = fieldPoints.begin(); It != fieldPoints.end();) {  // the same object on every path
      auto OIt = O.fieldPoints.find(It->first);
      for (auto F = It->second.begin(); F != It->second.end();) {
        const ObjRef *Other = nullptr;
        if (OIt != O.fieldPoints.end())
          if (auto G = OIt->second.find(F->first); G != OIt->second.end())
            Other = &G->second;
        if (Other && Other->sameIdent(F->second)) {
          ++F;
        } else {
          F = It->second.erase(F);
          Changed = true;
        }
      }
      It = It->second.empty() ? fieldPoints.erase(It) : std::next(It);
    }
    if (O.unnamed > unnamed) {
      unnamed = O.unnamed;
      Changed = true;
    }
    for (const auto &H : O.held) {
      size_t N = held.size();
      mayAdd(H);
      Changed |= held.size() != N;
    }
    for (auto It = must.begin(); It != must.end();)
      if (!O.must.count(*It)) {
        It = must.erase(It);
        Changed = true;
      } else {
        ++It;
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
    for (auto It = flagsSet.begin(); It != flagsSet.end();)
      if (O.flagsSet.count(It->first) || O.nullAt(It->second)) {
        ++It;
      } else {
        It = flagsSet.erase(It);
        Changed = true;
      }
    for (const auto &[K, V] : O.flagsSet)
      if (!flagsSet.count(K) && nullAt(V)) {
        flagsSet.emplace(K, V);
        Changed = true;
      }
    for (auto [Mine, Theirs] : {std::pair{&flagsClear, &O.flagsClear}, std::pair{&initGuards, &O.initGuards}})
      for (auto It = Mine->begin(); It != Mine->end();)
        if (Theirs->count(*It)) {
          ++It;
        } else {
          It = Mine->erase(It);
          Changed = true;
        }
    for (auto It = flagsDelta.begin(); It != flagsDelta.end();) {  // the same change on both
      auto OIt = O.flagsDelta.find(It->first);
      if (OIt != O.flagsDelta.end() && OIt->second == It->second) {
        ++It;
      } else {
        It = flagsDelta.erase(It);
        Changed = true;
      }
    }
    for (const auto &K : O.flagsDirty)
      if (flagsDirty.insert(K).second) {
        flagsDelta.erase(K);
        Changed = true;
      }
    for (auto It = entryFacts.begin(); It != entryFacts.end();) {
      auto OIt = O.entryFacts.find(It->first);
      if (OIt != O.entryFacts.end() && OIt->second == It->second) {
        ++It;
      } else {
        It = entryFacts.erase(It);
        Changed = true;
      }
    }
    for (const auto *V : O.entryObjDirty)
      Changed |= entryObjDirty.insert(V).second;
    for (const auto *V : O.paramsReassigned)
      Changed |= paramsReassigned.insert(V).second;
    for (auto It = derefed.begin(); It != derefed.end();)
      if (!O.derefed.count(*It)) {
        It = derefed.erase(It);
        Changed = true;
      } else {
        ++It;
      }
    for (const auto *F : O.entryFieldsDirty)
      Changed |= entryFieldsDirty.insert(F).second;
    for (const auto &T : O.tried)
      Changed |= tried.insert(T).second;
    for (const auto &T : O.tryFailed)
      Changed |= tryFailed.insert(T).second;
    for (const auto *V : O.popped)
      Changed |= popped.insert(V).second;
    for (const auto &R : O.released) {
      bool Have = false;
      for (const auto &X : released)
        Have = Have || X.sameIdent(R);
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
  // Caller's locks released only on the paths that return 0 (second: true) or only on the
  // paths that return nonzero (false): `if (!try_ready(c)) return;` keeps the lock after the
  // call on the branch where it was not released. In-TU only; facts keep netRelease.
  std::vector<std::pair<ObjRef, bool>> condRelease;
  // Parallel to netRelease: conditions on the parameters every release of that lock had
  // (sgh_dd's sg_out_wr_cmd(rep, is_wr2) releases out2_mutex only where is_wr2 is set, and
  // out_mutex only where it is not): a call whose constant arguments contradict them does not
  // release it. In-TU only; facts keep netRelease (released whatever the arguments).
  std::vector<std::vector<ParamCond>> releaseWhen;
  // Parallel to netAcquire: the condition on a parameter under which the lock is taken, where
  // it is taken only under one (cxxtools' `MutexLock(Mutex &m, bool doLock = true, ...) { if
  // (doLock) lock(); }`): a call whose arguments contradict it does not take it. In-TU only;
  // facts keep only the unconditional acquisitions.
  std::vector<std::vector<ParamCond>> acquireWhen;
  std::map<std::string, ObjRef> retFields;  // Function::retFields
  bool isTryWrapper = false;
  // How the function locks (lock tables, Extractor::tableSummary): `anyLock` it takes or
  // releases some lock; `direct` only through lock API calls of its own (no wrapper, no
  // table); `fpKeys` the function-pointer tables it calls through.
  bool anyLock = false;
  bool direct = true;
  std::set<std::string> fpKeys;
  // Re-entry flags set on every path that returns (jemalloc's pre_reentrancy(), a
  // prof_enter() that sets `tdata->enq` and takes bt2gctx_mtx). In-TU only.
  std::set<std::string> flagsAtExit;
  // Flags a call may leave changed (Extractor::flagCall): by a known amount, or nullopt.
  std::map<std::string, std::optional<long long>> flagsChanged;
  bool flagsKnown = false;  // flagsChanged was worked out (not a recursion in progress)
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
  Extractor(ASTContext &C, const Config &Cfg, const SummaryTable *Ext, TUFacts &Out, std::string WorkDir = {})
      : Ctx(C), SM(C.getSourceManager()), Cfg(Cfg), External(Ext), Out(Out), WorkDir(std::move(WorkDir)) {}

  void run();

private:
  friend class Collector;
  ASTContext &Ctx;
  SourceManager &SM;
  const Config &Cfg;
  const SummaryTable *External;
  TUFacts &Out;
  // the compile command's directory: a file named relative to it (`../easel/easel.h`, as a
  // recursive make passes it) is reported by its absolute name, which means the same from anywhere
  std::string WorkDir;
  std::vector<const FunctionDecl *> Fns;
  std::vector<const FunctionDecl *> LibFns;  // a library's lock wrappers with bodies (libraryLockWrapper())
  std::set<const FunctionDecl *> Done, InProgress;
  // Analyzed inside a recursion, without the summary of a caller it calls back (czmq's
  // zsys_set_interface() called by zsys_init(), which it calls): analyzed once more at the
  // end (run()), with every summary there, and that result replaces the first.
  std::vector<const FunctionDecl *> Provisional;
  std::map<const FunctionDecl *, size_t> FnIndex;  // its entry in Out.functions
  bool FinalPass = false;
  std::map<const FunctionDecl *, Summary> Summaries;
  std::set<std::string> RecursiveKeys;
  std::set<std::string> RecursiveFields;  // Class::field initialised recursive (any instance)
  void findRecursiveInits();
  std::set<const Decl *> RecursiveAttrs;  // pthread_mutexattr_t set to recursive (any function)
  // Fields and variables some code of this TU takes as a spin lock (an exchange or
  // test-and-set of a nonzero value: spinPrimitive()), canonical: a store of zero into any
  // other std::atomic field is a flag being cleared, no release (spinStoreReleases()).
  std::set<const Decl *> SpinAcquired;
  void noteSpinAcquire(const CallExpr *CE);
  bool spinStoreReleases(const Expr *Obj) const;
  std::vector<ObjRef> heldAlternatives(const Expr *E, const State &S) const;
  // Allocators through lock tables (Extract.cpp): functions that return a mutex initialised
  // with a recursive attribute, always or when their first argument has a bit of the mask set,
  // and the locks this TU stores from a call through a table with a constant first argument.
  void findOwnerCheckedLocks();
  void findRecursiveAllocs();
  mutable std::set<std::pair<std::string, std::string>> LockPaths;  // TUFacts::lockPaths
  std::map<const FieldDecl *, int> NoAlias;
  unsigned Depth = 0;

  // per-function context
  struct FnCtx {
    const FunctionDecl *FD = nullptr;
    Function *Fn = nullptr;
    bool SawInProgress = false;  // called a function of its caller chain (no summary yet)
    std::map<const FieldDecl *, int> CtorAlias;  // field initialised from param i
    std::set<const VarDecl *> CapturedByRef;     // locals captured by reference by a lambda
    // A lambda inside captures `this` (`[this]`, `[&]` using a member): any call may run it and
    // change the object's members, so no fact about them is kept (factKey()).
    bool ThisCaptured = false;
    std::map<const VarDecl *, std::string> Derived;  // local temp = shared datum (Datum::id)
    const Stmt *Body = nullptr;
    std::unique_ptr<ParentMap> PM;  // built on first use: most functions never ask
    std::set<std::string> ReadSeen;
    // shared pointer data (Datum::id) this function frees, and where (freedBefore())
    std::optional<std::map<std::string, std::vector<SourceLocation>>> Freed;
    std::set<std::string> RecursiveAttrVars;  // pthread_mutexattr_t set to recursive
    std::set<const VarDecl *> AddrTaken;  // locals whose address escapes: no path facts
    std::set<const Stmt *> ForkChild;     // statements run only in a fork child (Call::forkChild)
    // Blocks of the CFG from which every way ends the process (dyingBlocks()), and whether the
    // block transfer() is in is one (Acquire::dying, Call::dying).
    std::set<const CFGBlock *> Dying;
    bool InDying = false;
    std::set<const FieldDecl *> FieldAddrTaken;  // fields whose address is taken: no path facts
    // Variables and fields this function assigns or increments anywhere: a local initialised
    // from a tracked value that neither it nor its source is ever written again is a copy of
    // that value (bind9's `unsigned flags = sdb->implementation->flags;` in each MAYBE_LOCK).
    std::set<const VarDecl *> Written;
    std::set<const FieldDecl *> WrittenFields;
    std::optional<std::set<FactKey>> LockGuards;  // lockGuardKeys(), on first use
    // Automatic objects whose address is only ever a direct argument of calls that start no
    // thread (`bump(&local_stats)`): what the callee does through that parameter is to this
    // frame's own data.
    std::set<const VarDecl *> OwnAddrArgs;
    // Pointers (locals and parameters) that move to another object in this function: assigned
    // an element, a pointer read from memory or a call's result, incremented. Not every
    // assignment: one that only ever points to one named object (`st = &stats`) stays put.
    std::set<const VarDecl *> Moving;
    std::set<const VarDecl *> Definite;  // every value it is given is one named object (`m = &a`)
    bool Emit = false;
    // Every return seen so far hands back fresh memory (Function::allocIf), under these
    // conditions; unset once one does not (or the function returns no pointer).
    std::optional<std::set<std::string>> AllocConds;
    bool RetSeen = false;
    // What every return seen so far agrees on of a struct returned by value (Function::retFields).
    std::optional<std::map<std::string, ObjRef>> RetFields;
    bool Reacquiring = false;  // inside a condition wait's re-acquisition
    std::set<std::string> EntryLocks;  // released somewhere without being held: the caller's
    std::vector<ObjRef> EntryRefs;     // the same, as refs
    // Of those, by ident: the conditions on this function's parameters every such release
    // had (`if (!dolock) unlock(&mi->mu)`: the caller holds mu only when it passes dolock 0).
    std::map<std::string, std::vector<ParamCond>> EntryWhen;
    bool ReleasingViaCallee = false;  // applySummary() is releasing the callee's net releases
    // The final pass records the calls of a block once per set of held locks its paths have
    // (CallsOnly: only the calls are kept), not once with their union (NoCalls).
    bool NoCalls = false;
    Summary Sum;
    std::set<std::string> NetRelSeen;
    bool AnyLock = false, UsedWrapper = false;
    std::set<std::string> FpKeys;
    // The locks each call acquired (a scoped lock's initializer: handleDecl()).
    std::map<const CallExpr *, std::vector<ObjRef>> CallAcquired;
    // Member locks of objects this function destroys (`pthread_mutex_destroy(&f->lock)`), by
    // ident: their acquisitions here are on the object's teardown path (Acquire::teardown).
    std::set<std::string> Destroyed;
    std::set<int> DestroyedParams;  // Function::tearsDown
    // Where the function first takes each lock while it is neither held nor released on the
    // path (by ident: file and offset). A later release on a path that skipped the
    // acquisition pairs with it (`if (rl->threadSafe) lock ... if (rl->threadSafe) unlock`
    // with the flag's facts lost in between): no lock of the caller's.
    std::map<std::string, std::pair<FileID, unsigned>> FirstTaken;
    // The same by the lock's innerKey() (its declaring class's name for it): a release through
    // a local's pointer field of a lock of a class the function took earlier
    // (`lkr.release()` after `lkr.prepare(&m_tree)`; acquire() in between gave the root
    // back and kept a node no one names) is the function's own, none of the caller's.
    std::map<std::string, std::pair<FileID, unsigned>> FirstTakenInner;
    // Of those, the locks taken on some path only under a condition on a parameter's value:
    // their releases are not paired that way (a lock handed over by the caller).
    std::set<std::string> ParamGatedTaken;
    // Global flags a lock is taken under (nonzero on the path: Access::modeOff)
    std::set<const void *> LockOnFlag;
    // Parameters whose fields' tests may be conditions on their values at entry
    // (Extractor::fieldCondParam()), worked out on first use.
    std::map<const ParmVarDecl *, bool> FieldCondParams;
    // Records this function assigns whole (`*q = *r`, `s->sub = x`): a field of one (or of a
    // record holding one) may change through any alias.
    std::optional<std::set<const RecordDecl *>> WholeWrites;
  };
  FnCtx *Cur = nullptr;
  const CallExpr *CurCall = nullptr;  // the call handleCall() is applying
  mutable const State *CurState = nullptr;  // the state transfer() is updating (fresh objects)
  ParentMap *parents() {
    if (!Cur->PM && Cur->Body)
      Cur->PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Cur->Body));
    return Cur->PM.get();
  }

public:
  void addFunction(const FunctionDecl *FD) {
    if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isDependentContext() || FD->isInvalidDecl())
      return;
    if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()))) {
      if (libraryLockWrapper(FD))  // how a library's lock class makes its mutex (findRecursiveInits())
        LibFns.push_back(FD);
      return;
    }
    if (closureSpecialMember(FD))
      return;
    Fns.push_back(FD);
  }
  void addDeclFacts(const Decl *D);

private:
  Site site(SourceLocation L) const;
  std::string fnId(const FunctionDecl *FD) const;
  // The id of FD's definition where this TU has one (a callback named by its declaration).
  std::string definitionId(const FunctionDecl *FD) const {
    const FunctionDecl *Def = FD->getDefinition();
    return fnId(Def ? Def : FD);
  }
  // The key of function-pointer parameter I of FD ("fp:param:<fn>#<i>"): what callers pass
  // there (findCallbacks()), and whether FD calls it with a lock held (LockedParamCalls).
  std::string paramKey(const FunctionDecl *FD, unsigned I) const {
    return "fp:param:" + fnId(FD) + "#" + std::to_string(I);
  }
  std::string fnName(const FunctionDecl *FD) const;
  std::string globalKey(const VarDecl *VD, std::string *Display) const;
  // A closure's copy/move constructors and destructor, defined when a lambda is copied: no
  // code of the program's, and they would take its call operator's id (fnId()).
  static bool closureSpecialMember(const FunctionDecl *FD) {
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    return MD && MD->getParent()->isLambda() && MD->isImplicit();
  }
  bool inUserCode(const Decl *D) const { return D && !SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())); }

  const Summary *summaryOf(const FunctionDecl *FD);
  void analyze(const FunctionDecl *FD);

  std::optional<ObjRef> resolveObj(const Expr *E, bool Pointee, int Depth = 0) const;
  // An element of an array at a constant index (`slurmctld_locks[JOB_LOCK]`, `s->locks[1]`):
  // the array's object with the index on its last name ("locks[1]"), shown with the index as
  // written (`slurmctld_locks[JOB_LOCK]`). Nullopt for another index or an unnamed array.
  std::optional<ObjRef> elementOf(const ArraySubscriptExpr *AS, int Depth) const;
  const RecordDecl *pointedRecord(const Expr *E, const std::optional<ObjRef> &Resolved) const;
  std::optional<ObjRef> resolveLock(const Expr *E) const;  // E is a pointer to, or an lvalue of, a lock
  std::optional<ObjRef> substitute(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This) const;
  ArgRef argOf(const Expr *E) const;

  void transfer(const CFGBlock *B, State &S);
  void handleStmt(const Stmt *St, State &S);
  void handleCall(const CallExpr *CE, State &S);
  bool applyLockOp(const LockOp &Op, const CallExpr *CE, State &S);
  void applySummary(const Summary &Sum, const Expr *CE, const std::vector<ArgRef> &AR, const ArgRef &TR,
                    const std::string &Name, State &S);
  void handleIndirectCall(const CallExpr *CE, State &S);
  // The one function a call through a local function pointer reaches: the pointer's
  // initialiser when it is never assigned again nor has its address taken (glibc's
  // `__cancel_routine(__cancel_arg)` of pthread_cleanup_push/pop in C), else null.
  const FunctionDecl *localCallee(const CallExpr *CE) const;
  // pthread_cleanup_push/pop where the handler runs from a frame object (C++'s
  // __pthread_cleanup_class, C's __pthread_cleanup_frame under -fexceptions): the handler
  // and its argument of frame VD, when VD is one.
  std::optional<std::pair<const FunctionDecl *, const Expr *>> cleanupFrame(const VarDecl *VD) const;
  // The pop of such a frame (`__clframe.__setdoit(execute)`, `__clframe.__do_it = execute`):
  // runs the handler when execute is not 0; true when St was one.
  bool handleCleanupPop(const Stmt *St, State &S);
  // Runs cleanup handler Routine with Arg at At (a pop, or the end of the frame's scope).
  void endCleanupFrame(const VarDecl *VD, State &S);
  void endGuard(std::map<const VarDecl *, GuardSt>::iterator It, State &S);
  void runCleanupHandler(const FunctionDecl *Routine, const Expr *Arg, const Expr *At, State &S);
  // The lock argument of an unlock function (lock API or config), else nullopt.
  std::optional<unsigned> unlockArgOf(const FunctionDecl *FD) const;
  // The local variable a call's result is stored in (`T *e = f()`, `e = f()`), or null.
  const VarDecl *resultVar(const Stmt *CE);
  const VarDecl *testedResultVar(const Stmt *CE, bool &Flip);
  bool lightswitchTaken(const Stmt *CE);
  // The field a lock ref ends in, named by the record that declares it ("coll::out_mutex" for
  // `rep->clp->out_mutex`), when this TU resolved that ref (LockPaths); else empty.
  std::string lastFieldKey(const ObjRef &R) const;
  const VarDecl *lockBaseVar(const CallExpr *CE) const;
  // Marks the held lock R as reached through local pointer V (HeldL::via).
  static void setVia(State &S, const ObjRef &R, const VarDecl *V);
  // Lock tables (Extract.cpp): the functions stored into each function-pointer member or
  // variable ("fp:Record::field", "fp:<global key>"), and the lock operation a call through
  // it is when they are lock functions.
  std::map<std::string, std::vector<const FunctionDecl *>> FpBindings;
  std::set<std::string> FpUnknown;  // something else stored there (a non-function, an unknown callee)
  std::set<std::pair<std::string, std::string>> FpAliases;  // (key, key of the variable copied there)
  std::map<std::string, std::optional<Summary>> FpTables;
  std::map<std::string, std::string> FpImpl;
  std::set<std::string> FpInProgress;
  std::set<std::string> FpCalled;
  // Function-pointer parameters called with a lock held ("fp:param:" keys): what the callers
  // pass runs under a lock the analysis does not carry into it (apply(q, cb) locking q
  // around `cb(q, o)`), so it stays a callback of no known thread (Extractor::run()).
  std::set<std::string> LockedParamCalls;
  void findFunctionPointerBindings();
  void findCallbacks();
  const Summary *tableSummary(const std::string &Key);
  void emitLockTables();
  void handleConstruct(const CXXConstructExpr *CE, const VarDecl *VD, State &S);
  // Does an object of RD release a lock when destroyed (its destructor's summary or
  // attributes, or a base class's)?
  bool dtorReleases(const CXXRecordDecl *RD, int Depth = 0);
  // A call returning a scoped guard by value (nzbget's `DownloadQueue::Guard()`): a temporary
  // nothing binds gives its locks back at once (handleStmt()).
  bool guardTemporary(const CallExpr *CE);
  void handleDecl(const DeclStmt *DS, State &S);
  void handleAccess(const Stmt *St, State &S);
  bool onLockFailure(const Stmt *St);
  void acquire(State &S, const std::vector<ObjRef> &Refs, bool Shared, bool Multi, const std::vector<Note> &Via,
               SourceLocation L, const std::string &How, const std::vector<Note> &Tail = {});
  void release(State &S, const ObjRef &R, SourceLocation At = {});
  // The slow path of a failed trylock: a lock function this TU does not know (HeldFlow.cpp).
  void takeAfterFailedTry(const FunctionDecl *Callee, llvm::ArrayRef<const Expr *> Args, const Expr *CE, State &S);
  void recordCall(const FunctionDecl *Callee, const Expr *E, llvm::ArrayRef<const Expr *> Args, const Expr *ThisE,
                  const State &S);
  void recordSpawn(const Expr *Callable, const Stmt *At, const Expr *Handle = nullptr);
  // Spawn::hands of the spawn just recorded at At: what the start routine (Callable, with its
  // body in this TU) releases without taking it, through Arg: the argument itself, a pointer
  // field of a local struct whose address is the argument, or an object the argument names.
  void recordHandedLocks(const Expr *Callable, const Expr *Arg, const Stmt *At, const State &S);
  std::vector<std::pair<const ParmVarDecl *, ParamCond>> passedConditions(const FunctionDecl *FD);
  // The one object of the frame that every store to the local struct Var's pointer field
  // Field in the function being analyzed points to (assignments and an initialiser list).
  std::optional<ObjRef> localFieldReferent(const std::string &Var, const std::string &Field);
  void recordSpawnNamed(const Expr *Callable, const Stmt *At, const std::string &Handle,
                        const std::string &HandleClass = "");
  // std::thread / std::jthread objects as handles (Spawn::handle), "" when unnamed: the one a
  // start at `At` (the thread's construction, an emplace into a container) writes, and the one
  // an object expression (`t`, `pool[i]`, a range-for's `t` over `pool`) names
  std::string stdThreadStartHandle(const Stmt *At);
  std::string stdThreadHandle(const Expr *Obj);
  // The handle of every thread a container (`pool`, `tids`) holds: "<pool's handle>[]"
  std::string threadGroupHandle(const Expr *Container) const;
  // Is `At` inside a loop of the function's text (for, while, do, range-for)?
  bool inLoop(const Stmt *At);
  bool joinedBeforeReturn(const Stmt *At, const std::string &Handle);
  void recordWrappedSpawns(const CallExpr *CE, const FunctionDecl *Callee);
  std::string handleOf(const Expr *E, bool Pointee) const;  // a pthread_t / thrd_t object: Spawn::handle
  std::string handleClassOf(const Expr *E, bool Pointee) const;  // one behind a pointer: Spawn::handleClass
  LockOp classify(const CallExpr *CE, State &S, const FunctionDecl *Callee);
  std::vector<ObjRef> capabilityRefs(const FunctionDecl *Callee, llvm::ArrayRef<Expr *> AttrArgs, bool ThisWhenNone,
                                     const std::vector<ArgRef> &Args, const ArgRef &This);
  bool refGuardClass(const CXXRecordDecl *RD, int D);
  bool guardMethod(const FunctionDecl *Callee, const Expr *ThisE, const CallExpr *CE, State &S);
  bool semaphoreIsLock(const CallExpr *CE, unsigned Arg) const;
  std::vector<Held> heldOf(const State &S, bool WithEntry = false) const;
  std::optional<std::pair<std::string, std::string>> callableOf(const Expr *E, int Depth = 0) const;
  struct Datum {
    std::string key, name;
    bool sharedRoot = false;
    bool globalObject = false;  // Access::globalObject
    int param = -1;  // Access::param
    // A member of a named global object: that object's key (`drv.rate` and `req.rate` are
    // both `params::rate`, of two objects). Empty: any instance.
    std::string inst;
    // The object `inst` is a file-static (internal linkage) this TU never takes the address
    // of: no pointer reaches it, so an access through a pointer is of another object.
    bool unaliased = false;
    // key and instance in one string (Derived), and whether two such name one datum: the same
    // key, and the same object when both objects are known; an object no pointer reaches is
    // not what an access through a pointer (no instance) reads
    std::string id() const { return inst.empty() ? key : key + "\n" + inst + (unaliased ? "\n!" : ""); }
    static bool sameId(const std::string &A, const std::string &B);
  };
  // Globals of internal linkage whose address the TU takes, passes or binds anywhere (any use
  // but a member read or written in place): computed once per TU (Accesses.cpp).
  bool addressEscapes(const VarDecl *VD) const;
  // One scan of the TU for both (scanStatics(), Accesses.cpp): the globals used only in place
  // (addressEscapes) and those only ever read as values (fixedStatic).
  void scanStatics() const;
  mutable std::optional<std::set<const VarDecl *>> PlainOnlyStatics, ReadOnlyStatics;
  std::optional<Datum> datumOf(const Expr *E) const;
  bool readsDatum(const Expr *E, const Datum &D, bool ViaDerived) const;
  bool freedBefore(const Datum &D, const BinaryOperator *Store) const;
  std::string baseOfExpr(const Expr *E) const;
  void settleTry(State &St, const void *K, const PendingTry &P, bool Success);
  std::optional<std::vector<bool>> switchSuccess(const CFGBlock *B, const SwitchStmt *SW, const void *K,
                                                 const VarDecl *V, bool VStyle, bool Style) const;
  void resolvePending(const CFGBlock *B, const State &S, std::vector<State> &SuccStates);
  // path conditions (HeldFlow.cpp)
  bool trackable(const VarDecl *V) const;
  // The facts of S about this function's parameters as conditions on their values at entry;
  // with `Fields`, about fields of their objects too (ParamCond::path).
  std::vector<ParamCond> whenOf(const State &S, bool Fields = true) const;
  // Conditions on fields of parameters (ParamCond::path; HeldFlow.cpp).
  bool fieldCondParam(const ParmVarDecl *PV) const;
  std::string fieldPathName(const FieldDecl *F) const;
  // The fields a call of FD may write, of any object: its body's and those of the functions
  // it calls with a body in this TU; nullopt when it may write anything (through a pointer
  // dereference, a cast to another record, a call of unknown code given a writable pointer).
  std::optional<std::set<const FieldDecl *>> fieldWrites(const FunctionDecl *FD) const;
  struct DirectWrites {
    bool any = false;
    std::set<const FieldDecl *> fields;
    std::vector<const FunctionDecl *> calls;
  };
  const DirectWrites &directWrites(const FunctionDecl *FD) const;
  mutable std::map<const FunctionDecl *, DirectWrites> DirectWritesCache;
  // The object a method runs on (`this`), as a variable of the method's, so that facts about
  // its fields (`if (two_write_queues_)`) are kept as a local's are (factKey(), forgetFacts()).
  const VarDecl *thisVar() const;
  bool modeFact(const FactKey &K) const;
  mutable std::map<const FunctionDecl *, const VarDecl *> ThisVars;
  // Mode fields (Extract.cpp): a class's private scalar fields that no method of it written in
  // this TU changes, only its constructors (xrootd's XrdSysCondVar::relMutex = relm). A test of
  // one in a method is a condition on the object (ParamCond::ThisObject), and a call on an
  // object whose every construction this TU shows knows their values (objectModeFacts()).
  const std::set<const FieldDecl *> &modeFields(const CXXRecordDecl *RD) const;
  std::vector<ParamCond> objectModeFacts(const Expr *Obj) const;
  std::vector<ParamCond> declModeFacts(const ValueDecl *VD) const;
  std::optional<std::map<const FieldDecl *, long long>> constructedModes(const CXXConstructExpr *CE) const;
  mutable std::map<const CXXRecordDecl *, std::set<const FieldDecl *>> ModeFieldsCache;
  mutable std::map<const Decl *, std::vector<ParamCond>> ObjectModeCache;
  mutable std::map<const FunctionDecl *, std::optional<std::set<const FieldDecl *>>> FieldWritesCache;
  void updateEntryDirty(const Stmt *St, State &S) const;
  // Is the fact K of S about a field of a parameter's object at entry (whenOf())? Its path.
  std::optional<std::vector<std::string>> entryFieldPath(const FactKey &K, const State &S) const;
  // The ParamCond::path facts of S about the object argument E passes (ArgRef::fieldFacts).
  std::vector<ParamCond> fieldFactsOf(const Expr *E, const State &S) const;
  void initListFacts(const VarDecl *V, const InitListExpr *IL, std::vector<const FieldDecl *> &Path, State &S,
                     size_t &Budget) const;
  std::vector<std::pair<const Expr *, std::vector<ParamCond>>> CallFieldFacts;  // of the call handleStmt() is at
  // CallFieldFacts of the argument A of that call (empty when it has none)
  std::vector<ParamCond> callFieldFacts(const Expr *A) const {
    for (const auto &[X, F] : CallFieldFacts)
      if (X == A)
        return F;
    return {};
  }
  // Own: a local copy of a field or global (`int para = targ->para;`) keyed as itself, not as
  // its source. A fact about the copy is kept under both keys: the source's key ties it to
  // other tests of the source (bind9's two MAYBE_LOCK copies of one flags field), its own
  // outlives a write that may change the source (`*pos += 100`), which the copy does not see.
  std::optional<FactKey> maskedKey(const Expr *E, bool Own = false) const;
  bool addrArgStruct(const VarDecl *V) const;
  std::optional<ObjRef> ctorAliased(std::optional<ObjRef> X) const;
  std::optional<std::pair<FactKey, CondVal>> condAtom(const Expr *Cond, bool Own = false) const;
  std::optional<FactKey> factKey(const Expr *E, int Depth = 0, bool Own = false) const;
  // The globals a call of FD may write (assigned, incremented, address taken) in its body and
  // in the bodies of the functions it calls directly in this TU (Extractor::forgetFacts).
  const std::set<const VarDecl *> &globalsWritten(const FunctionDecl *FD) const;
  std::set<const VarDecl *> globalsWrittenAt(const FunctionDecl *Callee, const CallExpr *CE) const;
  mutable std::map<const FunctionDecl *, std::set<const VarDecl *>> GlobalsWrittenCache;
  void forgetFacts(const Stmt *St, State &S) const;
  const std::set<FactKey> &lockGuardKeys() const;
  LockOp::Kind lockKindOf(const CallExpr *CE) const;
  void updateAssumptions(const Stmt *St, State &S) const;
  std::optional<long long> valueOf(const Expr *E, const State &S, int Depth = 0) const;
  bool returnsZero(const Expr *E) const;  // a call glibc never fails here
  // The value of a scalar static of this TU's own (internal linkage, or a function's static)
  // that the TU only ever reads: its initializer's, on every path (HeldFlow.cpp).
  std::optional<long long> fixedStatic(const VarDecl *V) const;
  std::optional<bool> truthOf(const Expr *E, const State &S, int Depth = 0) const;
  // Where a state leaving P by its successor Idx goes when that successor N only joins the ways
  // out of a `&&`/`||` chain (a do-while's condition) and P's way already decides the chain: N's
  // true or false successor (null: that side is unreachable); nullopt when N is no such join or
  // the way does not decide it (HeldFlow.cpp).
  std::optional<const CFGBlock *> decidedJoin(const CFGBlock *P, unsigned Idx, const CFGBlock *N,
                                              const State &S) const;
  bool stableCond(const Expr *E) const;
  bool knownNonNull(const Expr *E, const State &S) const;
  void updateFresh(const Stmt *St, State &S) const;
  void updateUnpub(const Stmt *St, State &S);
  // How a use of a pointer into an object (E: the pointer variable's reference) treats the
  // object: leaves it unpublished (true, adding to Conds what must hold for that), or may
  // publish it (false). A ReturnStmt use is `Returned`.
  bool keepsUse(const Expr *E, std::set<std::string> &Conds, bool &Returned);
  void summariseKeeps(const FunctionDecl *FD);
  void updateInstances(const Stmt *St, State &S) const;
  void updatePoints(const Stmt *St, State &S) const;
  // The objects the pointer fields of a struct value point to (State::fieldPoints): an
  // initialiser list, a call whose callee returns a handle (Summary::retFields), a copy of
  // another tracked local. Empty when none is known.
  std::map<std::string, ObjRef> fieldsOf(const Expr *E, const State &S);
  void updateFieldPoints(const Stmt *St, State &S);
  // Function::retFields of the function being analyzed: the pointer fields every return sets
  // to the same object of the parameters, this or a global.
  std::map<std::string, ObjRef> returnedFields(const FunctionDecl *FD);
  void findMoving(const Stmt *Body, const FunctionDecl *FD);
  void pruneBranches(const CFGBlock *B, std::vector<State> &Succ) const;
  // A counted loop whose condition is never false: the body leaves at the last index (HeldFlow.cpp).
  bool loopExitRuledOut(const ForStmt *FS) const;
  std::set<const Stmt *> forkChildStmts(const CFG &G) const;
  std::set<const CFGBlock *> dyingBlocks(const CFG &G, const FunctionDecl *FD, unsigned Depth = 0) const;
  // Does a call of FD end the process on every way through it (exit(1), abort(), a fatal-error
  // function of this TU that ends in one)? Memoised: EndsProcess.
  bool endsProcess(const CallExpr *CE, unsigned Depth = 0) const;
  mutable std::map<const FunctionDecl *, bool> EndsProcess;
  bool startedOnceByFlag(const Stmt *At);
  // An ownership test of a hand-made recursive lock: the lock and the successor where it holds.
  std::optional<std::pair<ObjRef, unsigned>> ownerTest(const Expr *C, const State *At) const;
  mutable std::map<const ForStmt *, bool> LoopExitCache;
  // Re-entry guards and deferral flags (HeldFlow.cpp; Acquire::unless).
  std::optional<std::string> flagKey(const Expr *E, int Depth = 0) const;
  std::optional<std::string> flagAccessor(const Expr *E, bool Addr, int Depth) const;
  mutable std::map<std::pair<const FunctionDecl *, bool>, std::optional<std::string>> FlagAccessorCache;
  const std::set<std::string> &flagsWritten(const FunctionDecl *FD) const;
  mutable std::map<const FunctionDecl *, std::set<std::string>> FlagsWrittenCache;
  void updateFlags(const Stmt *St, State &S) const;
  void flagCall(const FunctionDecl *Callee, const Summary *Sum, State &S) const;
  void flagBranches(const CFGBlock *B, std::vector<State> &Succ) const;
  // Global flags this TU only ever sets (a lazy-init flag: `initialized = 1`), but in its
  // exit handlers: once set, no call clears them.
  bool setOnlyFlag(const std::string &K) const;
  mutable std::optional<std::set<std::string>> SetOnlyFlags;
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
  bool VisitCallExpr(CallExpr *CE) {
    X.noteSpinAcquire(CE);
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

}  // namespace extract
}  // namespace lockgraph

#endif
