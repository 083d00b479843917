// Unit tests of the analyzer library: lock identity, function summaries (through
// the real extractor on in-memory code), the facts round trip, and the
// whole-program merge (cycles, gates, read-only cycles, parameter mapping).
#include "Analysis.h"
#include "Config.h"
#include "Driver.h"
#include "Facts.h"
#include "FileIO.h"
#include "Programs.h"
#include "Report.h"
#include "Runner.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lockgraph {
namespace {

ObjRef global(const std::string &N) {
  ObjRef R;
  R.root = ObjRef::Global;
  R.rootName = N;
  R.display = N;
  return R;
}

ObjRef param(int I) {
  ObjRef R;
  R.root = ObjRef::Param;
  R.param = I;
  return R;
}

ObjRef member(ObjRef Root, const std::string &Cls, const std::string &Field) {
  Root.cls = Cls;
  Root.path = {Field};
  return Root;
}

Site at(unsigned Line) { return Site{"/src/t.c", Line, 3, Line * 10}; }

Held held(const ObjRef &R, unsigned Line, bool Shared = false) {
  return Held{R, Shared, false, {{at(Line), "'" + R.name() + "' acquired here"}}};
}

Acquire acq(const ObjRef &R, unsigned Line, std::vector<Held> H, bool Shared = false) {
  Acquire A;
  A.ref = R;
  A.shared = Shared;
  A.notes = {{at(Line), "'" + R.name() + "' acquired here"}};
  A.held = std::move(H);
  return A;
}

Function fn(const std::string &Id) {
  Function F;
  F.id = Id;
  F.name = Id;
  F.site = at(1);
  return F;
}

std::vector<Finding> run(std::vector<TUFacts> TUs) { return analyzeProgram(TUs, AnalysisOptions{}); }

size_t count(const std::vector<Finding> &Fs, const std::string &Kind) {
  return std::count_if(Fs.begin(), Fs.end(), [&](const Finding &F) { return F.kind == Kind; });
}

// ---- lock identity --------------------------------------------------------

TEST(LockIdentity, GlobalsAreNamedByKey) {
  ObjRef G = global("A");
  EXPECT_TRUE(G.isAbsolute());
  EXPECT_EQ(G.key(), "A");
  EXPECT_EQ(G.name(), "A");
  EXPECT_EQ(G.ident(), "G:A");
}

TEST(LockIdentity, MembersAreClassAndFieldWhateverTheInstance) {
  ObjRef ViaThis = member(ObjRef{ObjRef::This}, "Bank", "mu");
  ObjRef ViaParam = member(param(1), "Bank", "mu");
  EXPECT_EQ(ViaThis.key(), "Bank::mu");
  EXPECT_EQ(ViaParam.key(), "Bank::mu");
  EXPECT_NE(ViaThis.ident(), ViaParam.ident());  // different instances
  EXPECT_EQ(ViaParam.base(), "P1");
}

TEST(LockIdentity, ParametersAreRelative) {
  EXPECT_FALSE(param(0).isAbsolute());
  EXPECT_EQ(param(0).ident(), "P0");
}

TEST(LockIdentity, SubstituteMapsParametersToArguments) {
  std::vector<ArgRef> Args(2);
  Args[1].obj = global("inbox");
  auto R = substituteRef(param(1), Args, ArgRef{});
  ASSERT_TRUE(R);
  EXPECT_EQ(R->key(), "inbox");
  EXPECT_FALSE(substituteRef(param(0), Args, ArgRef{}));  // unnamed argument: dropped
}

TEST(LockIdentity, SubstituteComposesMemberPaths) {
  // port::Mutex::Lock() locks this->mu_; called as this->mutex_.Lock() in DBImpl
  ObjRef Inner = member(ObjRef{ObjRef::This}, "port::Mutex", "mu_");
  ArgRef This;
  This.obj = member(ObjRef{ObjRef::This}, "DBImpl", "mutex_");
  auto R = substituteRef(Inner, {}, This);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->key(), "DBImpl::mutex_.mu_");
  EXPECT_EQ(R->base(), "T");
}

TEST(LockIdentity, WrappedSoleLockIsShownByItsObject) {
  // clucene's mutex_thread::lock() locks this->_internal->mtx; the guard's caller passes the
  // global Comparators_LOCK: shown as the caller's object, the class-wide name keeps one field
  ObjRef Inner = member(ObjRef{ObjRef::This}, "lucene::util::mutex_thread", "_internal");
  Inner.path.push_back("mtx");
  Inner.sole = true;
  Inner.wrapped = 1;
  EXPECT_EQ(Inner.name(), "lucene::util::mutex_thread::_internal");
  ArgRef This;
  This.obj = global("Comparators_LOCK");
  auto R = substituteRef(Inner, {}, This);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->name(), "Comparators_LOCK");
  EXPECT_EQ(R->key(), "Comparators_LOCK._internal.mtx");  // identity keeps the whole path
  TUFacts T;
  T.file = "/src/w.cc";
  Function F = fn("c:@F@f");
  Acquire A;
  A.ref = *R;
  A.notes = {{at(2), "acquired here"}};
  F.acquires.push_back(A);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  EXPECT_EQ(Back.functions[0].acquires[0].ref.name(), "Comparators_LOCK");
  EXPECT_FALSE(fromJSON(std::string(J).replace(J.find("\"sw\":1"), 6, "\"sw\":99"), Back, Err));
}

TEST(LockIdentity, CalleeLocalsLoseTheirInstance) {
  ObjRef L;
  L.root = ObjRef::Local;
  L.rootName = "a";
  EXPECT_FALSE(substituteRef(L, {}, ArgRef{}));
  auto M = substituteRef(member(L, "account", "mu"), {}, ArgRef{});
  ASSERT_TRUE(M);
  EXPECT_EQ(M->key(), "account::mu");
  EXPECT_EQ(M->base(), "");
}

// ---- summaries (through the extractor) -------------------------------------------

const Function *find(const TUFacts &F, const std::string &Name) {
  for (const auto &X : F.functions)
    if (X.name == Name)
      return &X;
  return nullptr;
}

TEST(Summaries, WrapperAcquiringItsParameter) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <pthread.h>
    struct obj { pthread_mutex_t mu; };
    void lock_obj(struct obj *o) { pthread_mutex_lock(&o->mu); }
    void unlock_obj(struct obj *o) { pthread_mutex_unlock(&o->mu); }
    void lock_ptr(pthread_mutex_t *m) { pthread_mutex_lock(m); }
    int maybe(pthread_mutex_t *m, int c) { pthread_mutex_lock(m); if (c) { pthread_mutex_unlock(m); return 1; } pthread_mutex_unlock(m); return 0; }
  )", "w.c", {"-pthread"}, Cfg, F));
  const Function *L = find(F, "lock_obj");
  ASSERT_NE(L, nullptr);
  ASSERT_EQ(L->netAcquire.size(), 1u);
  EXPECT_EQ(L->netAcquire[0].ref.root, ObjRef::Param);
  EXPECT_EQ(L->netAcquire[0].ref.key(), "obj::mu");
  const Function *U = find(F, "unlock_obj");
  ASSERT_NE(U, nullptr);
  ASSERT_EQ(U->netRelease.size(), 1u);
  EXPECT_EQ(U->netRelease[0].key(), "obj::mu");
  const Function *P = find(F, "lock_ptr");
  ASSERT_NE(P, nullptr);
  ASSERT_EQ(P->netAcquire.size(), 1u);
  EXPECT_EQ(P->netAcquire[0].ref.ident(), "P0");
  const Function *M = find(F, "maybe");
  ASSERT_NE(M, nullptr);
  EXPECT_TRUE(M->netAcquire.empty());  // balanced on every path
}

TEST(Summaries, WrapperAppliedAtCallSite) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <pthread.h>
    pthread_mutex_t A, B;
    static void my_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
    void f(void) { my_lock(&A); pthread_mutex_lock(&B); }
  )", "w.c", {"-pthread"}, Cfg, F));
  const Function *Fn = find(F, "f");
  ASSERT_NE(Fn, nullptr);
  ASSERT_EQ(Fn->acquires.size(), 2u);
  EXPECT_EQ(Fn->acquires[1].ref.key(), "B");
  ASSERT_EQ(Fn->acquires[1].held.size(), 1u);
  EXPECT_EQ(Fn->acquires[1].held[0].ref.key(), "A");
}

TEST(Summaries, RaiiGuardsAndEarlyUnlock) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <mutex>
    std::mutex a, b;
    int x;
    void f() {
      std::unique_lock<std::mutex> l(a);
      l.unlock();
      x++;
      { std::lock_guard<std::mutex> g(b); }
      x++;
    }
  )", "g.cc", {"-std=c++17"}, Cfg, F));
  const Function *Fn = find(F, "f");
  ASSERT_NE(Fn, nullptr);
  ASSERT_EQ(Fn->acquires.size(), 2u);
  EXPECT_TRUE(Fn->acquires[1].held.empty());  // a was released by unlock()
  ASSERT_EQ(Fn->accesses.size(), 2u);
  for (const auto &A : Fn->accesses)
    EXPECT_TRUE(A.held.empty());
  EXPECT_TRUE(Fn->netAcquire.empty());
}

// A store of zero into a std::atomic releases a spin lock only where it can be one: a field the
// TU takes as a spin lock, an object behind a parameter, a function named as an unlock or
// release. Elsewhere it clears a flag (SuperTuxKart's `m_is_server = false`).
TEST(Summaries, AtomicZeroStoresReleaseOnlySpinLocks) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <atomic>
    struct Config { std::atomic<bool> running; std::atomic<bool> busy; Config(); void stop(); void give_back(); void release_busy(); };
    Config::Config() { running = false; }
    void Config::stop() { running.exchange(false); }
    void Config::give_back() { busy = false; }
    void Config::release_busy() { running.store(false); }
    void take(Config *c) { while (c->busy.exchange(true)) {} }
    void unlock_any(std::atomic<bool> *l) { l->store(false); }
  )", "a.cc", {"-std=c++17"}, Cfg, F));
  for (const char *Name : {"Config::Config", "Config::stop"}) {
    const Function *Fn = find(F, Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_TRUE(Fn->netRelease.empty()) << Name;
  }
  const Function *G = find(F, "Config::give_back");  // `busy` is taken by take()
  ASSERT_NE(G, nullptr);
  ASSERT_EQ(G->netRelease.size(), 1u);
  EXPECT_EQ(G->netRelease[0].key(), "Config::busy");
  for (const char *Name : {"Config::release_busy", "unlock_any"}) {
    const Function *Fn = find(F, Name);
    ASSERT_NE(Fn, nullptr) << Name;
    EXPECT_EQ(Fn->netRelease.size(), 1u) << Name;
  }
}

TEST(Summaries, TrylockOnlyOnTheSuccessBranch) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <pthread.h>
    pthread_mutex_t A, B;
    void f(void) {
      if (pthread_mutex_trylock(&A) != 0) { pthread_mutex_lock(&B); pthread_mutex_unlock(&B); return; }
      pthread_mutex_lock(&B);
    }
  )", "t.c", {"-pthread"}, Cfg, F));
  const Function *Fn = find(F, "f");
  ASSERT_NE(Fn, nullptr);
  ASSERT_EQ(Fn->acquires.size(), 2u);
  size_t WithA = 0;
  for (const auto &A : Fn->acquires)
    WithA += A.held.size();
  EXPECT_EQ(WithA, 1u);  // only the second lock(B) holds A
}

// A hand-made recursive lock: in the branch where the owner test holds, the lock held is the one
// the function tried (b_lock), not the first lock of the object it took (io_lock), and the
// pointer is read as assigned before the test.
TEST(OwnerTest, HoldsTheTriedLockNotTheFirstTaken) {
  TUFacts F;
  Config Cfg;
  ASSERT_TRUE(extractFromCode(R"(
    #include <pthread.h>
    struct obj { pthread_mutex_t io_lock, b_lock; pthread_t holder; unsigned recur; int io; };
    struct obj objs[8];
    struct obj *pick(int i) { return &objs[i & 7]; }
    void get(int i) {
      struct obj *o;
      o = pick(i);
      pthread_mutex_lock(&o->io_lock);
      o->io++;
      pthread_mutex_unlock(&o->io_lock);
      if (pthread_mutex_trylock(&o->b_lock)) {
        if (pthread_equal(o->holder, pthread_self())) { o->recur++; return; }
        pthread_mutex_lock(&o->b_lock);
      }
      o->holder = pthread_self();
    }
    void both(struct obj *o) {
      if (pthread_equal(o->holder, pthread_self())) { o->recur++; return; }
      pthread_mutex_lock(&o->io_lock);
      pthread_mutex_lock(&o->b_lock);
      o->recur++;
      pthread_mutex_unlock(&o->b_lock);
      pthread_mutex_unlock(&o->io_lock);
    }
  )", "o.c", {"-pthread"}, Cfg, F));
  const Function *G = find(F, "get");
  ASSERT_NE(G, nullptr);
  const Access *Recur = nullptr;
  for (const auto &A : G->accesses)
    if (A.name == "obj::recur")
      Recur = &A;
  ASSERT_NE(Recur, nullptr);
  ASSERT_EQ(Recur->held.size(), 1u);
  ASSERT_FALSE(Recur->held[0].ref.path.empty());
  EXPECT_EQ(Recur->held[0].ref.path.back(), "b_lock");
  // two locks of the object taken, none tried: which one the owner holds is not known
  const Function *B = find(F, "both");
  ASSERT_NE(B, nullptr);
  size_t Unheld = 0;
  for (const auto &A : B->accesses)
    Unheld += A.name == "obj::recur" && A.held.empty();
  EXPECT_EQ(Unheld, 1u);
}

// ---- facts round trip --------------------------------------------------------

TEST(Facts, JsonRoundTrip) {
  TUFacts T;
  T.file = "/src/t.c";
  Function F = fn("c:@F@f");
  F.acquires.push_back(acq(member(param(0), "account", "mu"), 5, {held(global("A"), 4)}, true));
  F.acquires.push_back(acq(member(param(0), "account", "mu"), 6, {}));
  F.acquires.back().teardown = true;
  F.acquires.back().dying = true;
  Call C;
  C.callee = "c:@F@g";
  C.calleeName = "g";
  C.site = at(6);
  C.args.resize(2);
  C.args[1].obj = global("B");
  C.loop = true;
  C.dying = true;
  F.calls.push_back(C);
  F.accesses.push_back(Access{"x", "x", AccessKind::Rmw, true, true, at(7), {}});
  F.spawns.push_back(Spawn{"c:@F@w", "w", at(8), true});
  F.joins.push_back(at(9));
  T.functions.push_back(F);
  T.recursiveLocks = {"R"};
  T.recursiveAllocs.push_back({"fp:lock_callbacks::alloc", ~std::uint64_t(0)});
  T.allocSites.push_back({"fp:lock_callbacks::alloc", 1, "buffer::lock"});
  T.lockPaths.push_back({"conn::input.lock", "buffer::lock"});
  T.guards.push_back({"x", "A"});
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  ASSERT_EQ(Back.functions.size(), 1u);
  EXPECT_EQ(Back.functions[0].acquires[0].ref.ident(), "account::mu@P0");
  EXPECT_FALSE(Back.functions[0].acquires[0].teardown);
  EXPECT_TRUE(Back.functions[0].acquires[1].teardown);
  EXPECT_FALSE(Back.functions[0].calls[0].args[0].obj);
  EXPECT_EQ(Back.functions[0].calls[0].args[1].obj->key(), "B");
  EXPECT_TRUE(Back.functions[0].calls[0].loop);
  EXPECT_FALSE(Back.functions[0].acquires[0].dying);
  EXPECT_TRUE(Back.functions[0].acquires[1].dying);
  EXPECT_TRUE(Back.functions[0].calls[0].dying);
  ASSERT_EQ(Back.recursiveAllocs.size(), 1u);
  EXPECT_EQ(Back.recursiveAllocs[0].mask, ~std::uint64_t(0));
  ASSERT_EQ(Back.allocSites.size(), 1u);
  EXPECT_EQ(Back.allocSites[0].lock, "buffer::lock");
  EXPECT_EQ(Back.lockPaths, T.lockPaths);
  EXPECT_FALSE(fromJSON("{\"format\":\"other\"}", Back, Err));
}

// A conditional net acquisition keeps its condition, and a spawn the locks it hands to its
// thread, through the facts other TUs read.
TEST(Facts, ConditionalAcquireAndHandsRoundTrip) {
  TUFacts T;
  T.file = "/src/pcb.c";
  Function F = fn("c:@F@find_assoc");
  NetEffect N;
  N.ref = member(param(0), "tcb", "tcb_mtx");
  ParamCond W;
  W.param = 2;
  W.eq = false;  // want_lock != 0
  N.when.push_back(W);
  F.netAcquire.push_back(N);
  F.netAcquire.push_back(NetEffect{global("inp_mtx")});
  Spawn S{"c:@F@recv_fn", "recv_fn", at(8), false};
  S.hands.push_back(global("start_mu"));
  F.spawns.push_back(S);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  ASSERT_EQ(Back.functions.size(), 1u);
  const Function &B = Back.functions[0];
  ASSERT_EQ(B.netAcquire.size(), 2u);
  ASSERT_EQ(B.netAcquire[0].when.size(), 1u);
  EXPECT_EQ(B.netAcquire[0].when[0], W);
  EXPECT_TRUE(B.netAcquire[1].when.empty());
  ASSERT_EQ(B.spawns.size(), 1u);
  ASSERT_EQ(B.spawns[0].hands.size(), 1u);
  EXPECT_EQ(B.spawns[0].hands[0].key(), "start_mu");
}

TEST(Facts, CallbacksRoundTrip) {
  TUFacts T;
  T.file = "/src/t.c";
  T.fpStores = {{"fp:event::process", "c:t.c@F@on_http"}};
  T.fpCallSites.push_back({"c:@F@main", "fp:event::process", at(12)});
  T.fnEscapes = {"c:t.c@F@on_signal"};
  T.fpLeaks = {"fp:event::add"};
  T.globalsDefined = {"c:@event_module"};
  T.globalsUsed = {"c:@runtime_flags"};
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  EXPECT_EQ(Back.fpStores, T.fpStores);
  ASSERT_EQ(Back.fpCallSites.size(), 1u);
  EXPECT_EQ(Back.fpCallSites[0].fn, "c:@F@main");
  EXPECT_EQ(Back.fpCallSites[0].key, "fp:event::process");
  EXPECT_EQ(Back.fpCallSites[0].site, at(12));
  EXPECT_EQ(Back.fnEscapes, T.fnEscapes);
  EXPECT_EQ(Back.fpLeaks, T.fpLeaks);
  EXPECT_EQ(Back.globalsDefined, T.globalsDefined);
  EXPECT_EQ(Back.globalsUsed, T.globalsUsed);
}

// ---- merge -----------------------------------------------------------------------

TUFacts tu(std::vector<Function> Fs) {
  TUFacts T;
  T.file = "/src/t.c";
  T.functions = std::move(Fs);
  return T;
}

TEST(Merge, TwoLockCycleAcrossTUs) {
  Function F1 = fn("one"), F2 = fn("two");
  F1.acquires.push_back(acq(global("B"), 11, {held(global("A"), 10)}));
  F2.acquires.push_back(acq(global("A"), 21, {held(global("B"), 20)}));
  auto Fs = run({tu({F1}), tu({F2})});
  ASSERT_EQ(count(Fs, "lock-order-inversion"), 1u);
  EXPECT_EQ(Fs[0].cycle, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(Fs[0].notes.size(), 4u);
}

TEST(Merge, ConsistentOrderIsClean) {
  Function F1 = fn("one"), F2 = fn("two");
  F1.acquires.push_back(acq(global("B"), 11, {held(global("A"), 10)}));
  F2.acquires.push_back(acq(global("B"), 21, {held(global("A"), 20)}));
  EXPECT_TRUE(run({tu({F1, F2})}).empty());
}

TEST(Merge, GateLockRemovesCycle) {
  Function F1 = fn("one"), F2 = fn("two");
  F1.acquires.push_back(acq(global("B"), 11, {held(global("G"), 9), held(global("A"), 10)}));
  F2.acquires.push_back(acq(global("A"), 21, {held(global("G"), 19), held(global("B"), 20)}));
  auto Fs = run({tu({F1, F2})});
  // G => A, G => B edges exist but no cycle through G; A <-> B is gated by G
  EXPECT_EQ(count(Fs, "lock-order-inversion"), 0u);
}

TEST(Merge, ReadOnlyCycleIsNotADeadlock) {
  Function F1 = fn("one"), F2 = fn("two");
  F1.acquires.push_back(acq(global("B"), 11, {held(global("A"), 10, true)}, true));
  F2.acquires.push_back(acq(global("A"), 21, {held(global("B"), 20, true)}, true));
  EXPECT_TRUE(run({tu({F1, F2})}).empty());
  F2.acquires[0].shared = false;  // a writer wants A while it is read-held...
  EXPECT_TRUE(run({tu({F1, F2})}).empty());  // ...but B is only ever read: one side gets through
  F2.acquires[0].held[0].shared = false;  // B write-held while A is wanted: both locks contended
  EXPECT_EQ(count(run({tu({F1, F2})}), "lock-order-inversion"), 1u);
}

TEST(Merge, EdgeThroughCallWithParameterMapping) {
  // helper(m) locks *m; one() holds A and calls helper(&B); two() holds B and locks A
  Function H = fn("helper"), F1 = fn("one"), F2 = fn("two");
  H.acquires.push_back(acq(param(0), 3, {}));
  Call C;
  C.callee = "helper";
  C.calleeName = "helper";
  C.site = at(12);
  C.held = {held(global("A"), 11)};
  C.args.resize(1);
  C.args[0].obj = global("B");
  F1.calls.push_back(C);
  F2.acquires.push_back(acq(global("A"), 21, {held(global("B"), 20)}));
  auto Fs = run({tu({H, F1}), tu({F2})});
  ASSERT_EQ(count(Fs, "lock-order-inversion"), 1u);
  bool InHelper = false;
  for (const auto &N : Fs[0].notes)
    InHelper = InHelper || N.site.line == 3;
  EXPECT_TRUE(InHelper);
}

TEST(Merge, ParameterEdgesInstantiatedPerCaller) {
  // pair(a, b) locks a then b; callers pass (X, Y) and (Y, X)
  Function P = fn("pair"), F1 = fn("one"), F2 = fn("two");
  P.acquires.push_back(acq(param(1), 4, {held(param(0), 3)}));
  auto call = [](const std::string &A, const std::string &B, unsigned Line) {
    Call C;
    C.callee = "pair";
    C.calleeName = "pair";
    C.site = at(Line);
    C.args.resize(2);
    C.args[0].obj = global(A);
    C.args[1].obj = global(B);
    return C;
  };
  F1.calls.push_back(call("X", "Y", 10));
  F2.calls.push_back(call("Y", "X", 20));
  EXPECT_EQ(count(run({tu({P, F1, F2})}), "lock-order-inversion"), 1u);
}

// A call of Callee at Line with these locks held.
Call callWithHeld(const std::string &Callee, unsigned Line, std::vector<Held> H) {
  Call C;
  C.callee = Callee;
  C.calleeName = Callee;
  C.site = at(Line);
  C.held = std::move(H);
  return C;
}

TEST(Merge, SelfDeadlockThroughCallUnlessRecursive) {
  Function H = fn("inner"), F = fn("outer");
  H.acquires.push_back(acq(global("M"), 3, {}));
  F.calls.push_back(callWithHeld("inner", 11, {held(global("M"), 10)}));
  TUFacts T = tu({H, F});
  EXPECT_EQ(count(run({T}), "self-deadlock"), 1u);
  T.recursiveLocks = {"M"};
  EXPECT_TRUE(run({T}).empty());
}

TEST(Merge, SelfDeadlockUnlessItsOwnClassMadeItRecursive) {
  // Pool::get() holds its Mutex (MutexImpl::mutex_ inside) and calls purge(), which takes it
  // again; MutexImpl's constructor, in another TU, made that field recursive
  ObjRef Inner = member(ObjRef{ObjRef::This}, "MutexImpl", "mutex_");
  Inner.inner = Inner.classKey();
  ArgRef This;
  This.obj = member(global("pool"), "Pool", "mutex_");  // `static Pool pool;`
  auto R = substituteRef(Inner, {}, This);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->key(), "pool.mutex_.mutex_");
  EXPECT_EQ(R->inner, "MutexImpl::mutex_");  // kept through the call
  Function H = fn("purge"), F = fn("get");
  H.acquires.push_back(acq(*R, 3, {}));
  F.calls.push_back(callWithHeld("purge", 11, {held(*R, 10)}));
  TUFacts T = tu({H, F});
  EXPECT_EQ(count(run({T}), "self-deadlock"), 1u);
  TUFacts Ctor;  // the constructor's TU
  Ctor.file = "/src/mutex.cc";
  Ctor.recursiveLocks = {"MutexImpl::mutex_"};
  EXPECT_TRUE(run({T, Ctor}).empty());
  // and through the facts' JSON
  TUFacts Back;
  std::string J = toJSON(T), Err;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  EXPECT_EQ(Back.functions[0].acquires[0].ref.inner, "MutexImpl::mutex_");
}

TEST(Merge, SelfDeadlockNotesSayItOnce) {
  // direct, and through a call whose callee's note ends the chain
  Function F = fn("twice"), H = fn("inner"), G = fn("outer");
  F.acquires.push_back(acq(global("M"), 4, {held(global("M"), 3)}));
  H.acquires.push_back(acq(global("Q"), 7, {}));
  G.calls.push_back(callWithHeld("inner", 12, {held(global("Q"), 11)}));
  auto Fs = run({tu({F, H, G})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 2u);
  for (const auto &Fd : Fs) {
    ASSERT_FALSE(Fd.notes.empty());
    const std::string &Last = Fd.notes.back().message;
    std::string N = Fd.locks.at(0);
    EXPECT_EQ(Last, "'" + N + "' acquired here again while it is held") << Last;
  }
}

// dig's force_next(): one second acquisition reached with the lock held from several callers,
// directly and through another function, is one self-deadlock, at the most direct call (the
// fewest calls; equal ones by function name), with the number of paths and the shortest as
// examples; its fingerprint is that of the finding the most direct path alone gives.
TEST(Merge, SelfDeadlockPathsToOneAcquisitionAreOneFinding) {
  Function Inner = fn("force_next"), A = fn("recv_done"), B = fn("send_done"), Mid = fn("start_udp"), Top = fn("cancel_all");
  Inner.acquires.push_back(acq(global("lookup_lock"), 3, {}));
  B.calls.push_back(callWithHeld("force_next", 21, {held(global("lookup_lock"), 20)}));
  A.calls.push_back(callWithHeld("force_next", 11, {held(global("lookup_lock"), 10)}));
  Mid.calls.push_back(callWithHeld("force_next", 31, {}));
  Top.calls.push_back(callWithHeld("start_udp", 41, {held(global("lookup_lock"), 40)}));
  auto Fs = run({tu({Inner, A, B, Mid, Top})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 1u);
  const Finding &F = Fs.at(0);
  EXPECT_EQ(F.paths, 3u);
  EXPECT_EQ(F.function, "recv_done");
  EXPECT_EQ(F.site.line, 11u);
  EXPECT_NE(F.message.find("3 call paths reach this acquisition with the lock held (all shown)"), std::string::npos) << F.message;
  std::vector<std::string> Starts;  // the first note of each path shown
  for (const auto &N : F.notes)
    if (N.message.rfind("path ", 0) == 0)
      Starts.push_back(N.message);
  ASSERT_EQ(Starts.size(), 2u);
  EXPECT_EQ(Starts[0], "path 2 of 3, in send_done(): 'lookup_lock' acquired here");
  EXPECT_EQ(Starts[1], "path 3 of 3, in cancel_all(): 'lookup_lock' acquired here");
  EXPECT_EQ(F.notes.back().message, "'lookup_lock' acquired here again while it is held");
  auto Alone = run({tu({Inner, A})});
  ASSERT_EQ(Alone.size(), 1u);
  EXPECT_EQ(Alone[0].paths, 1u);
  EXPECT_EQ(Alone[0].fingerprint, F.fingerprint);
  EXPECT_EQ(Alone[0].message.find("call paths"), std::string::npos);
}

// A function that takes the lock itself and, every call of it being made with the lock held,
// never gets past that acquisition: its own later re-acquisition (through try_next() here) is
// not reported apart from its callers' finding; called once without the lock, it is.
TEST(Merge, SelfDeadlockAfterAnAcquisitionEveryCallerBlocksOn) {
  Function F = fn("force_next"), G = fn("try_next"), A = fn("recv_done"), B = fn("dig_query_start");
  F.acquires.push_back(acq(global("lookup_lock"), 3, {}));
  F.calls.push_back(callWithHeld("try_next", 4, {held(global("lookup_lock"), 3)}));
  G.acquires.push_back(acq(global("lookup_lock"), 7, {}));
  A.calls.push_back(callWithHeld("force_next", 11, {held(global("lookup_lock"), 10)}));
  auto Fs = run({tu({F, G, A})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 1u);
  EXPECT_EQ(Fs[0].function, "recv_done");
  B.calls.push_back(callWithHeld("force_next", 21, {}));
  Fs = run({tu({F, G, A, B})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 2u);
  EXPECT_TRUE(std::any_of(Fs.begin(), Fs.end(), [](const Finding &X) { return X.function == "force_next"; }));
}

TEST(Merge, SelfDeadlockOfAFunctionEveryCallerBlocksOnIsHiddenOnlyByAFindingThroughIt) {
  // reclaim() is called with gc_lock held, drops it and takes it again, then calls flush(),
  // which takes it once more: a self-deadlock of reclaim()'s own (the callers' lock was
  // released, so no caller's path reports it). scan() re-locks gc_lock too, but its finding
  // goes nowhere near reclaim(): it must not hide reclaim()'s.
  Function R = fn("reclaim"), Fl = fn("flush"), C = fn("collect"), S = fn("scan");
  Acquire Again = acq(global("gc_lock"), 4, {});
  Again.released = {global("gc_lock")};
  Again.reacquire = true;
  R.acquires.push_back(Again);
  R.calls.push_back(callWithHeld("flush", 5, {held(global("gc_lock"), 4)}));
  R.calls.back().released = {global("gc_lock")};
  Fl.acquires.push_back(acq(global("gc_lock"), 8, {}));
  C.calls.push_back(callWithHeld("reclaim", 12, {held(global("gc_lock"), 11)}));
  auto IsReclaim = [](const Finding &X) { return X.function == "reclaim"; };
  auto Fs = run({tu({R, Fl, C})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 1u);
  EXPECT_TRUE(std::any_of(Fs.begin(), Fs.end(), IsReclaim));
  S.acquires.push_back(acq(global("gc_lock"), 21, {}));
  S.acquires.push_back(acq(global("gc_lock"), 22, {held(global("gc_lock"), 21)}));
  Fs = run({tu({R, Fl, C, S})});
  ASSERT_EQ(count(Fs, "self-deadlock"), 2u);
  EXPECT_TRUE(std::any_of(Fs.begin(), Fs.end(), IsReclaim));
  EXPECT_TRUE(std::any_of(Fs.begin(), Fs.end(), [](const Finding &X) { return X.function == "scan"; }));
}

TEST(Merge, InstanceInversionOnTwoParameters) {
  Function F = fn("transfer");
  F.acquires.push_back(acq(member(param(1), "account", "mu"), 4, {held(member(param(0), "account", "mu"), 3)}));
  auto callWith = [](const std::string &A, const std::string &B, unsigned Line) {
    Call C;
    C.callee = "transfer";
    C.calleeName = "transfer";
    C.site = at(Line);
    C.args = {ArgRef{global(A), std::nullopt}, ArgRef{global(B), std::nullopt}};
    return C;
  };
  Function Pay = fn("pay"), Refund = fn("refund");
  Pay.calls.push_back(callWith("alice", "bob", 20));
  Refund.calls.push_back(callWith("bob", "alice", 30));
  EXPECT_TRUE(run({tu({F})}).empty());  // never called: no order is set by any caller
  EXPECT_TRUE(run({tu({F, Pay})}).empty());  // every caller passes them in one order
  TUFacts T = tu({F, Pay, Refund});
  auto Fs = run({T});
  ASSERT_EQ(count(Fs, "instance-order-inversion"), 1u);
  EXPECT_EQ(Fs[0].locks, (std::vector<std::string>{"account::mu"}));
  T.functions[0].orderedBases = {{"P0", "P1"}};  // if (from < to) ...
  EXPECT_TRUE(run({T}).empty());
}

TEST(Merge, UnlockedRmwNeedsThreads) {
  Function W = fn("worker"), M = fn("main");
  W.accesses.push_back(Access{"counter", "counter", AccessKind::Rmw, true, false, at(5), {}});
  M.spawns.push_back(Spawn{"worker", "worker", at(20), true});
  EXPECT_EQ(count(run({tu({W, M})}), "unlocked-rmw"), 1u);
  M.spawns.clear();
  EXPECT_TRUE(run({tu({W, M})}).empty());  // never starts a thread
}

TEST(Merge, CallbackRunsInTheThreadsThatCallThroughItsMember) {
  // main() starts worker w (which reads counter), then increments counter itself and calls
  // through `event::process`, where the callback cb (incrementing counter) is stored.
  Function W = fn("w"), Cb = fn("cb"), M = fn("main");
  W.accesses.push_back(Access{"counter", "counter", AccessKind::Read, true, false, at(5), {}});
  Cb.accesses.push_back(Access{"counter", "counter", AccessKind::Rmw, true, false, at(8), {}});
  M.spawns.push_back(Spawn{"w", "w", at(20), false});
  M.accesses.push_back(Access{"counter", "counter", AccessKind::Rmw, true, false, at(21), {}});
  TUFacts T = tu({W, Cb, M});
  T.fpStores = {{"fp:event::process", "cb"}};
  T.fpCallSites.push_back({"main", "fp:event::process", at(22)});
  EXPECT_TRUE(run({T}).empty());  // every write is the main thread's
  TUFacts Leak = T;  // the member is also copied out: who calls the copy is not known
  Leak.fpLeaks = {"fp:event::process"};
  EXPECT_EQ(count(run({Leak}), "unlocked-rmw"), 1u);
  TUFacts Esc = T;  // the callback's address also goes elsewhere
  Esc.fnEscapes = {"cb"};
  EXPECT_EQ(count(run({Esc}), "unlocked-rmw"), 1u);
  TUFacts Uncalled = T;  // nobody calls through the member: as before, any thread
  Uncalled.fpCallSites.clear();
  EXPECT_EQ(count(run({Uncalled}), "unlocked-rmw"), 1u);
  TUFacts Worker = T;  // the worker calls through it too: two writers
  Worker.fpCallSites.push_back({"w", "fp:event::process", at(6)});
  EXPECT_EQ(count(run({Worker}), "unlocked-rmw"), 2u);
}

TEST(Merge, CallersLockCountsAsHeld) {
  // worker() locks L and calls bump(), which increments counter
  Function W = fn("worker"), B = fn("bump"), M = fn("main");
  B.accesses.push_back(Access{"counter", "counter", AccessKind::Rmw, true, false, at(5), {}});
  Call C;
  C.callee = "bump";
  C.calleeName = "bump";
  C.site = at(11);
  C.held = {held(global("L"), 10)};
  W.calls.push_back(C);
  M.spawns.push_back(Spawn{"worker", "worker", at(20), true});
  EXPECT_TRUE(run({tu({W, B, M})}).empty());
}

TEST(Merge, CycleThroughAHeldLockIsReportedOnce) {
  // one() holds A while it takes B, then C: edges A->B, B->C, A->C; two() takes A under C.
  Function F1 = fn("one"), F2 = fn("two");
  F1.acquires.push_back(acq(global("B"), 11, {held(global("A"), 10)}));
  F1.acquires.push_back(acq(global("C"), 12, {held(global("A"), 10), held(global("B"), 11)}));
  F2.acquires.push_back(acq(global("A"), 21, {held(global("C"), 20)}));
  auto Fs = run({tu({F1, F2})});
  ASSERT_EQ(count(Fs, "lock-order-inversion"), 1u);  // A => C => A; not A => B => C => A
  EXPECT_EQ(Fs[0].cycle, (std::vector<std::string>{"A", "C"}));
}

TEST(Merge, JoinedThreadMakesTheCycleLatent) {
  // thread w: A then B. main: create w (handle tid), stop() joins tid, then B then A.
  Function W = fn("w"), S = fn("stop"), M = fn("main");
  W.acquires.push_back(acq(global("B"), 5, {held(global("A"), 4)}));
  S.joins.push_back(at(8));
  S.joinHandles.push_back("G:tid");
  Spawn Sp{"w", "w", at(20), false};
  Sp.handle = "G:tid";
  M.spawns.push_back(Sp);
  Call C;
  C.callee = "stop";
  C.calleeName = "stop";
  C.site = at(21);
  M.calls.push_back(C);
  M.acquires.push_back(acq(global("A"), 23, {held(global("B"), 22)}));
  auto Fs = run({tu({W, S, M})});
  EXPECT_EQ(count(Fs, "lock-order-inversion"), 0u);
  EXPECT_EQ(count(Fs, "latent-lock-order"), 1u);
  S.joinHandles[0] = "G:other";  // joins another thread: w may still run
  Fs = run({tu({W, S, M})});
  EXPECT_EQ(count(Fs, "lock-order-inversion"), 1u);
  EXPECT_EQ(count(Fs, "latent-lock-order"), 0u);
  M.acquires[0] = acq(global("A"), 13, {held(global("B"), 12)});  // before w is created
  Fs = run({tu({W, S, M})});
  EXPECT_EQ(count(Fs, "latent-lock-order"), 1u);
}

TEST(Facts, ThreadHandlesRoundTrip) {
  TUFacts T;
  T.file = "/src/t.c";
  Function F = fn("main");
  Spawn Sp{"w", "w", at(3), false};
  Sp.handle = "G:tid";
  F.spawns.push_back(Sp);
  F.joins.push_back(at(4));
  F.joinHandles.push_back("L:main:t");
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  EXPECT_EQ(Back.functions[0].spawns[0].handle, "G:tid");
  EXPECT_EQ(Back.functions[0].joinHandles, (std::vector<std::string>{"L:main:t"}));
}

TEST(Facts, UnpublishedObjectsRoundTrip) {
  TUFacts T;
  T.file = "/src/q.c";
  Function F = fn("q_new");
  F.allocIf = std::vector<std::string>{"A:c:@F@x_malloc", "K0:c:@F@q_init"};
  F.keeps[1] = {};
  F.keeps[2] = {"K0:c:@F@q_reset"};
  Access A;
  A.var = "q::flags";
  A.name = "q::flags";
  A.kind = AccessKind::Rmw;
  A.site = at(5);
  A.unpub = std::vector<std::string>{"A:c:@F@x_malloc"};
  F.accesses.push_back(A);
  A.unpub.reset();
  F.accesses.push_back(A);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  EXPECT_EQ(Back.functions[0].allocIf, F.allocIf);
  EXPECT_EQ(Back.functions[0].keeps, F.keeps);
  EXPECT_EQ(Back.functions[0].accesses[0].unpub, F.accesses[0].unpub);
  EXPECT_FALSE(Back.functions[0].accesses[1].unpub.has_value());
  EXPECT_FALSE(fromJSON(std::string(J).replace(J.find("\"keeps\":[[1]"), 12, "\"keeps\":[[\"x\"]"), Back, Err));
}

TEST(Facts, NonNullArgumentsRoundTripAndDecide) {
  TUFacts T;
  T.file = "/src/u.c";
  Function F = fn("c:@F@init");
  Call C;
  C.callee = "c:@F@set_option";
  C.calleeName = "set_option";
  C.site = at(3);
  C.args.resize(3);
  C.args[0].obj = global("static_ctx");
  C.args[0].nonNull = true;
  C.args[1].nonNull = true;  // a checked allocation: no object named
  C.args[2].constant = 0;
  F.calls.push_back(C);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  EXPECT_NE(J.find("\"nn\":[0,1]"), std::string::npos) << J;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  const auto &A = Back.functions[0].calls[0].args;
  EXPECT_TRUE(A[0].nonNull && A[1].nonNull);
  EXPECT_FALSE(A[2].nonNull);
  EXPECT_EQ(A[0].obj->key(), "static_ctx");
  // `if (NULL == ctx) lock(...)`: not at a call passing a pointer known not null
  std::vector<ParamCond> Out;
  EXPECT_FALSE(conditionsAtCall({ParamCond{1, true, 0, 0}}, A, Out));
  EXPECT_TRUE(conditionsAtCall({ParamCond{1, false, 0, 0}}, A, Out));
  EXPECT_TRUE(conditionsAtCall({ParamCond{2, true, 0, 0}}, A, Out));   // NULL passed
  EXPECT_TRUE(conditionsAtCall({ParamCond{1, true, 4, 0}}, A, Out));   // == 4: undecided
  EXPECT_TRUE(conditionsAtCall({ParamCond{1, true, 0, 1}}, A, Out));   // a bit: undecided
  ArgRef Maybe;
  EXPECT_TRUE(conditionsAtCall({ParamCond{0, true, 0, 0}}, {Maybe}, Out));  // may be null
  EXPECT_FALSE(fromJSON(std::string(J).replace(J.find("\"nn\":[0,1]"), 10, "\"nn\":[0,7]"), Back, Err));
}

// groonga's grn_obj_close(): `switch (obj->header.type) { case GRN_JA: case GRN_TABLE_HASH_KEY:
// ... grn_io_close(); }` reaches the lock only for one of several types; a caller passing a
// local bulk (`message.header.type == GRN_BULK`) does not get there, one passing a journal does.
TEST(Facts, SeveralValueConditionsRoundTripAndDecide) {
  TUFacts T;
  T.file = "/src/obj.c";
  Function F = fn("c:@F@grn_obj_close");
  Call C;
  C.callee = "c:@F@grn_io_close";
  C.calleeName = "grn_io_close";
  C.site = at(7);
  ParamCond Type{0, true, 2, 0, false, {"_grn_obj::header", "_grn_obj_header::type"}};
  Type.alt = {3, 4};
  ParamCond Code{1, true, 5, 0};
  Code.alt = {9};
  C.when = {Type, Code};
  F.calls.push_back(C);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  ASSERT_EQ(Back.functions[0].calls[0].when.size(), 2u) << J;
  EXPECT_EQ(Back.functions[0].calls[0].when[0], Type);
  EXPECT_EQ(Back.functions[0].calls[0].when[1], Code);
  auto known = [](long long K) {
    ArgRef A;
    A.fieldFacts.push_back(ParamCond{-1, true, K, 0, false, {"_grn_obj::header", "_grn_obj_header::type"}});
    return A;
  };
  std::vector<ParamCond> Out;
  EXPECT_FALSE(conditionsAtCall({Type}, {known(1)}, Out));  // a bulk
  EXPECT_TRUE(conditionsAtCall({Type}, {known(3)}, Out));   // a hash table
  EXPECT_TRUE(conditionsAtCall({Type}, {ArgRef{}}, Out));   // unknown
  ArgRef Five, Seven;
  Five.constant = 5;
  Seven.constant = 7;
  EXPECT_TRUE(conditionsAtCall({Code}, {ArgRef{}, Five}, Out));
  EXPECT_FALSE(conditionsAtCall({Code}, {ArgRef{}, Seven}, Out));
  // against single values and bits
  EXPECT_FALSE(contradicts(Code, ParamCond{1, false, 5, 0}));  // 9 is left
  ParamCond Five1{1, true, 5, 0}, Seven1{1, true, 7, 0}, Odd{1, true, 1, 1}, Even{1, true, 0, 1};
  EXPECT_FALSE(contradicts(Code, Five1));
  EXPECT_TRUE(contradicts(Code, Seven1));
  EXPECT_TRUE(contradicts(Seven1, Code));
  EXPECT_FALSE(contradicts(Code, Odd));  // 5 and 9 are odd
  EXPECT_TRUE(contradicts(Code, Even));
  // malformed: other values unsorted, equal to the constant, or of a `!=` test
  std::string W = J.substr(0, J.find("[3,4]")) + "[4,3]" + J.substr(J.find("[3,4]") + 5);
  EXPECT_FALSE(fromJSON(W, Back, Err));
  W = J.substr(0, J.find("[3,4]")) + "[2,3]" + J.substr(J.find("[3,4]") + 5);
  EXPECT_FALSE(fromJSON(W, Back, Err));
}

// cups' cupsFileOpen(filename, "r"): the socket branch (`case 's'` of `switch (mode[0])`) is
// not taken; a NULL mode or a string the caller got from its own parameter is undecided.
TEST(Facts, ModeStringArgumentsRoundTripAndDecide) {
  TUFacts T;
  T.file = "/src/lang.c";
  Function F = fn("c:@F@message_load");
  Call C;
  C.callee = "c:@F@file_open";
  C.calleeName = "file_open";
  C.site = at(3);
  C.args.resize(3);
  C.args[1].first = 'r';
  C.args[2].constant = 0;
  C.when = {ParamCond{0, true, 's', 0, true}};
  F.calls.push_back(C);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  EXPECT_NE(J.find("\"s0\":[[1,114]]"), std::string::npos) << J;
  EXPECT_NE(J.find("[0,true,115,0,true]"), std::string::npos) << J;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  const auto &Cl = Back.functions[0].calls[0];
  ASSERT_EQ(Cl.when.size(), 1u);
  EXPECT_TRUE(Cl.when[0].first);
  const auto &A = Cl.args;
  EXPECT_EQ(A[1].first, std::optional<long long>('r'));
  std::vector<ParamCond> Out;
  EXPECT_FALSE(conditionsAtCall({ParamCond{1, true, 's', 0, true}}, A, Out));   // "r" is not 's'
  EXPECT_TRUE(conditionsAtCall({ParamCond{1, false, 's', 0, true}}, A, Out));
  EXPECT_TRUE(conditionsAtCall({ParamCond{1, true, 'r', 0, true}}, A, Out));
  EXPECT_TRUE(conditionsAtCall({ParamCond{2, true, 's', 0, true}}, A, Out));    // NULL: undecided
  EXPECT_FALSE(contradicts(ParamCond{0, true, 's', 0, true}, ParamCond{0, true, 0, 0}));  // the pointer, not its string
  ArgRef Passed;  // the caller's own parameter 3: the condition moves up to it
  Passed.obj.emplace();
  Passed.obj->root = ObjRef::Param;
  Passed.obj->param = 3;
  Out.clear();
  EXPECT_TRUE(conditionsAtCall({ParamCond{0, true, 's', 0, true}}, {Passed}, Out));
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_TRUE(Out[0].first && Out[0].param == 3 && Out[0].k == 's');
  EXPECT_FALSE(fromJSON(std::string(J).replace(J.find("\"s0\":[[1,114]]"), 14, "\"s0\":[[7,114]]"), Back, Err));
}

// lttng's consumer_stream_destroy(stream, ht) locks only `if (stream->monitor)` (a condition on
// the field at entry, ParamCond::path); clean_channel_stream_list() passes a stream whose
// `monitor` it has set to 0 (ArgRef::fieldFacts): the call cannot reach the lock.
TEST(Facts, FieldConditionsRoundTripAndDecide) {
  TUFacts T;
  T.file = "/src/consumer.c";
  Function F = fn("c:@F@clean_channel_stream_list");
  Call C;
  C.callee = "c:@F@consumer_stream_destroy";
  C.calleeName = "consumer_stream_destroy";
  C.site = at(3);
  C.args.resize(2);
  ParamCond Zero{-1, true, 0, 0, false, {"lttng_consumer_stream::monitor"}};
  C.args[0].fieldFacts = {Zero};
  C.when = {ParamCond{1, false, 0, 0, false, {"s::sub", "sub::flags"}}};
  F.calls.push_back(C);
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  EXPECT_NE(J.find("\"af\":[[0,[\"lttng_consumer_stream::monitor\"],true,0,0]]"), std::string::npos) << J;
  EXPECT_NE(J.find("[1,false,0,0,false,[\"s::sub\",\"sub::flags\"]]"), std::string::npos) << J;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  const auto &Cl = Back.functions[0].calls[0];
  ASSERT_EQ(Cl.when.size(), 1u);
  EXPECT_EQ(Cl.when[0].path, (std::vector<std::string>{"s::sub", "sub::flags"}));
  const auto &A = Cl.args;
  ASSERT_EQ(A[0].fieldFacts.size(), 1u);
  std::vector<ParamCond> Out;
  ParamCond Monitored{0, false, 0, 0, false, {"lttng_consumer_stream::monitor"}};
  EXPECT_FALSE(conditionsAtCall({Monitored}, A, Out));  // monitor == 0 passed
  ParamCond Unmonitored = Monitored;
  Unmonitored.eq = true;
  EXPECT_TRUE(conditionsAtCall({Unmonitored}, A, Out));
  ParamCond Other = Monitored;
  Other.path = {"lttng_consumer_stream::globally_visible"};
  EXPECT_TRUE(conditionsAtCall({Other}, A, Out));  // a field the caller knows nothing of
  Monitored.param = 1;
  EXPECT_TRUE(conditionsAtCall({Monitored}, A, Out));  // of the other argument
  EXPECT_TRUE(Out.empty());
  // not the parameter's own value, and never passed up to a caller's parameter
  EXPECT_FALSE(contradicts(ParamCond{0, true, 0, 0}, ParamCond{0, false, 0, 0, false, {"a::b"}}));
  ArgRef Passed;
  Passed.obj.emplace();
  Passed.obj->root = ObjRef::Param;
  Passed.obj->param = 2;
  EXPECT_TRUE(conditionsAtCall({ParamCond{0, false, 0, 0, false, {"a::b"}}}, {Passed}, Out));
  EXPECT_TRUE(Out.empty());
  auto edited = [&](const std::string &From, const std::string &To) {
    std::string X = J;
    size_t At = X.find(From);
    EXPECT_NE(At, std::string::npos) << From;
    return At == std::string::npos ? X : X.replace(At, From.size(), To);
  };
  EXPECT_FALSE(fromJSON(edited("\"af\":[[0,", "\"af\":[[5,"), Back, Err));  // no argument 5
  EXPECT_FALSE(fromJSON(edited("[\"s::sub\",\"sub::flags\"]", "[]"), Back, Err));  // an empty path
}

// slurm's unlock_slurmctld(lock_levels) gives back each entity's lock only `if (lock_levels.x)`:
// the facts keep each release's conditions ("relw", parallel to "netrel") for other TUs' calls.
TEST(Facts, ReleaseConditionsRoundTrip) {
  TUFacts T;
  T.file = "/src/locks.c";
  Function F = fn("c:@F@unlock_slurmctld");
  ObjRef Job, Conf;
  Job.root = Conf.root = ObjRef::Global;
  Job.rootName = "static:/src/locks.c:slurmctld_locks[1]";
  Conf.rootName = "static:/src/locks.c:slurmctld_locks[0]";
  F.netRelease = {Job, Conf};
  F.releaseWhen = {{ParamCond{0, false, 0, 0, false, {"slurmctld_lock_t::job"}}}, {}};
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  EXPECT_NE(J.find("\"relw\":[[[0,false,0,0,false,[\"slurmctld_lock_t::job\"]]],[]]"), std::string::npos) << J;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  ASSERT_EQ(Back.functions[0].releaseWhen.size(), 2u);
  EXPECT_EQ(Back.functions[0].releaseWhen[0], F.releaseWhen[0]);
  EXPECT_TRUE(Back.functions[0].releaseWhen[1].empty());
  // a struct whose `.job` is 0 (`{ .conf = READ_LOCK }`) does not release the job lock
  ArgRef Levels;
  Levels.fieldFacts = {ParamCond{-1, true, 0, 0, false, {"slurmctld_lock_t::job"}}};
  std::vector<ParamCond> Out;
  EXPECT_FALSE(conditionsAtCall(Back.functions[0].releaseWhen[0], {Levels}, Out));
  Levels.fieldFacts[0].k = 2;  // WRITE_LOCK
  EXPECT_TRUE(conditionsAtCall(Back.functions[0].releaseWhen[0], {Levels}, Out));
  // unconditional releases write no "relw"
  F.releaseWhen = {{}, {}};
  T.functions[0] = F;
  EXPECT_EQ(toJSON(T).find("relw"), std::string::npos);
  // one list per released lock, each a list
  auto edited = [&](const std::string &From, const std::string &To) {
    std::string X = J;
    size_t At = X.find(From);
    EXPECT_NE(At, std::string::npos) << From;
    return At == std::string::npos ? X : X.replace(At, From.size(), To);
  };
  EXPECT_FALSE(fromJSON(edited("job\"]]],[]]", "job\"]]]]"), Back, Err));
  EXPECT_NE(Err.find("relw"), std::string::npos) << Err;
  EXPECT_FALSE(fromJSON(edited("job\"]]],[]]", "job\"]]],7]"), Back, Err));
}

// mongo-c-driver's mc_tpld_modify_begin(t) returns {.topology = t}: the commit's release of
// `mod.topology->mtx` (param 0, path topology.mtx) is of t's mutex at a call given that copy.
TEST(Facts, ReturnedHandleFieldsRoundTripAndSubstitute) {
  TUFacts T;
  T.file = "/src/topology.c";
  Function F = fn("c:@F@modify_begin");
  ObjRef Topo;
  Topo.root = ObjRef::Param;
  Topo.param = 0;
  Topo.cls = "topology";
  F.retFields["topology"] = Topo;
  T.functions.push_back(F);
  std::string J = toJSON(T), Err;
  EXPECT_NE(J.find("\"rf\":[[\"topology\""), std::string::npos) << J;
  TUFacts Back;
  ASSERT_TRUE(fromJSON(J, Back, Err)) << Err;
  EXPECT_EQ(toJSON(Back), J);
  ASSERT_EQ(Back.functions[0].retFields.count("topology"), 1u);
  ObjRef Rel;  // modify_commit's `&mod.topology->mtx`
  Rel.root = ObjRef::Param;
  Rel.param = 0;
  Rel.cls = "tpld_modification";
  Rel.path = {"topology", "mtx"};
  ObjRef CallerTopo = global("topo");  // the caller's copy: .topology = &topo
  CallerTopo.cls = "topology";
  ArgRef Mod;
  Mod.fields["topology"] = CallerTopo;
  auto X = substituteRef(Rel, {Mod}, ArgRef{});
  ASSERT_TRUE(X.has_value());
  EXPECT_EQ(X->name(), "topo.mtx");
  EXPECT_EQ(X->key(), "topo.mtx");
  ArgRef Unknown;  // a copy whose fields are not known: named through the copy, as before
  Unknown.obj.emplace();
  Unknown.obj->root = ObjRef::Local;
  Unknown.obj->rootName = "m";
  auto Y = substituteRef(Rel, {Unknown}, ArgRef{});
  ASSERT_TRUE(Y.has_value());
  EXPECT_EQ(Y->classKey(), "tpld_modification::topology.mtx");
}

// ---- config, suppressions ------------------------------------------------------

TEST(Config, ParsesDirectivesAndRejectsUnknown) {
  Config C;
  std::string Err;
  ASSERT_TRUE(parseConfig("# c\nlock-function os_lock 0\ntrylock-function os_try 1\nsuppress unlocked-rmw stats_*\n"
                          "recursive-lock big\n",
                          C, Err))
      << Err;
  ASSERT_EQ(C.lockFunctions.size(), 2u);
  EXPECT_EQ(C.lockFunctions[1].kind, LockFunction::TryLock);
  EXPECT_EQ(C.lockFunctions[1].arg, 1u);
  ASSERT_EQ(C.suppressions.size(), 1u);
  EXPECT_EQ(C.suppressions[0].name, "stats_*");
  Config D;
  EXPECT_FALSE(parseConfig("frobnicate x\n", D, Err));
  EXPECT_NE(Err.find("line 1"), std::string::npos);
  EXPECT_FALSE(parseConfig("suppress no-such-id\n", D, Err));
}

TEST(Config, Glob) {
  EXPECT_TRUE(globMatch("stats_*", "stats_hits"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("a?c", "abc"));
  EXPECT_FALSE(globMatch("stats_*", "hits"));
}

TEST(Suppressions, Nolint) {
  EXPECT_TRUE(nolintSuppresses("x++; // NOLINT", "", "unlocked-rmw"));
  EXPECT_TRUE(nolintSuppresses("x++; // NOLINT(lockgraph-unlocked-rmw)", "", "unlocked-rmw"));
  EXPECT_TRUE(nolintSuppresses("x++; // NOLINT(bugprone-foo, lockgraph-*)", "", "unlocked-rmw"));
  EXPECT_FALSE(nolintSuppresses("x++; // NOLINT(lockgraph-self-deadlock)", "", "unlocked-rmw"));
  EXPECT_FALSE(nolintSuppresses("x++; // NOLINTNEXTLINE(lockgraph-unlocked-rmw)", "", "unlocked-rmw"));
  EXPECT_TRUE(nolintSuppresses("x++;", "// NOLINTNEXTLINE(lockgraph-unlocked-rmw)", "unlocked-rmw"));
  EXPECT_FALSE(nolintSuppresses("x++;", "// NOLINT(lockgraph-unlocked-rmw)", "unlocked-rmw"));
}

TEST(Cache, KeyDependsOnCommandAndConfig) {
  EXPECT_EQ(cacheKey("/a.c", {"cc", "-c"}, ""), cacheKey("/a.c", {"cc", "-c"}, ""));
  EXPECT_NE(cacheKey("/a.c", {"cc", "-c"}, ""), cacheKey("/a.c", {"cc", "-c", "-DX"}, ""));
  EXPECT_NE(cacheKey("/a.c", {"cc", "-c"}, ""), cacheKey("/a.c", {"cc", "-c"}, "lock-function f 0"));
}


// ---- programs ------------------------------------------------------------------------

// A TU of file `F` defining `Defs` (the first named main when `Main`) and calling `Calls`.
TUFacts tu(const std::string &F, std::vector<std::string> Defs, std::vector<std::string> Calls, unsigned Variant = 0) {
  TUFacts T;
  T.file = F;
  T.variant = Variant;
  for (const auto &D : Defs) {
    Function Fn;
    Fn.id = D == "main" ? "c:@F@main" : "c:@F@" + D;
    Fn.name = D;
    Fn.site = {F, 1, 1, 0};
    T.functions.push_back(Fn);
  }
  if (T.functions.empty())
    T.functions.push_back(Function{});
  for (const auto &C : Calls) {
    Call Cl;
    Cl.callee = "c:@F@" + C;
    T.functions.front().calls.push_back(Cl);
  }
  return T;
}

std::vector<std::vector<size_t>> groups(const std::vector<TUFacts> &TUs) {
  std::vector<std::vector<size_t>> G;
  for (const auto &P : groupPrograms(TUs))
    G.push_back(P.tus);
  std::sort(G.begin(), G.end());
  return G;
}

TEST(Programs, TwoMainsShareALibrary) {
  std::vector<TUFacts> T{tu("server.c", {"main"}, {"log", "net"}), tu("client.c", {"main"}, {"net"}),
                         tu("log.c", {"log"}, {}), tu("net.c", {"net"}, {"log"})};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0, 2, 3}, {1, 2, 3}}));
}

TEST(Programs, AVariableUsedPullsInItsDefiner) {
  // main.c calls nothing of select.c, but uses `event_module`, which select.c defines (filled
  // with its functions): linked; test.c's main uses neither
  std::vector<TUFacts> T{tu("main.c", {"main"}, {}), tu("select.c", {"select_process"}, {}), tu("test.c", {"main"}, {})};
  T[0].globalsUsed = {"c:@event_module"};
  T[1].globalsDefined = {"c:@event_module"};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0, 1}, {2}}));
  T[0].globalsUsed.clear();  // without the use: select.c is a library of its own
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0}, {1}, {2}}));
  // a variable two files define (each daemon its own `zclient`) links neither
  T[0].globalsUsed = {"c:@event_module"};
  T.push_back(tu("kqueue.c", {"kqueue_process"}, {}));
  T[3].globalsDefined = {"c:@event_module"};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0}, {1, 3}, {2}}));
}

TEST(CrossTu, LayersFollowWrapperChainsAcrossFiles) {
  // a.c: the wrapper a_lock (pass 1 saw it take a lock); b.c: b_lock calls it; c.c calls
  // b_lock; e.c and f.c call each other's functions, one of which calls a_lock; d.c calls only
  // a function of b.c that reaches no wrapper
  auto fn = [](const std::string &Id, std::vector<std::string> Calls) {
    Function F;
    F.id = "c:@F@" + Id;
    F.name = Id;
    for (const auto &C : Calls) {
      Call Cl;
      Cl.callee = "c:@F@" + C;
      F.calls.push_back(Cl);
    }
    return F;
  };
  auto file = [](const std::string &Name, std::vector<Function> Fns) {
    TUFacts T;
    T.file = Name;
    T.functions = std::move(Fns);
    return T;
  };
  std::vector<TUFacts> T{file("a.c", {fn("a_lock", {"pthread_mutex_lock"})}),
                         file("b.c", {fn("b_lock", {"a_lock"}), fn("b_size", {})}),
                         file("c.c", {fn("main", {"b_lock", "e1"})}),
                         file("d.c", {fn("d", {"b_size"})}),
                         file("e.c", {fn("e1", {"f1"}), fn("e2", {"a_lock"})}),
                         file("f.c", {fn("f1", {"e2"})})};
  EXPECT_EQ(crossTuLayers(T, {"c:@F@a_lock"}), (std::vector<unsigned>{0, 1, 2, 0, 1, 1}));
  // nothing pass 1 took as a wrapper: every TU's first facts are its last
  EXPECT_EQ(crossTuLayers(T, {}), (std::vector<unsigned>{0, 0, 0, 0, 0, 0}));
  // zbar: drv.c stores drv_release (which calls b_lock) into `ops::release`; cam.c calls
  // through it: after drv.c, although pass 1 saw no lock table there yet
  T.push_back(file("drv.c", {fn("drv_release", {"b_lock"})}));
  T.back().fpStores = {{"fp:ops::release", "c:@F@drv_release"}};
  T.push_back(file("cam.c", {fn("cam_next", {})}));
  T.back().indirectCalls = {"fp:ops::release"};
  T.back().fpCallSites = {FpCall{"c:@F@cam_next", "fp:ops::release", {}}};
  EXPECT_EQ(crossTuLayers(T, {"c:@F@a_lock"}), (std::vector<unsigned>{0, 1, 2, 0, 1, 1, 2, 3}));
}

TEST(CrossTu, PureVirtualTakesWhatEveryOverrideShares) {
  // Identity::dispatch is pure virtual; remote.cc and shutdown.cc override it. Both give back
  // internalLock; only Remote also gives back its own `m`, so the base releases internalLock only
  ObjRef Internal;
  Internal.root = ObjRef::Global;
  Internal.rootName = Internal.display = "internalLock";
  ObjRef Own;
  Own.root = ObjRef::This;
  Own.cls = "Remote";
  Own.path = {"m"};
  auto method = [](const std::string &Cls, std::vector<ObjRef> Rel) {
    Function F;
    F.id = "c:@S@" + Cls + "@F@dispatch#";
    F.name = Cls + "::dispatch";
    F.netRelease = std::move(Rel);
    F.overrides = {"c:@S@Identity@F@dispatch#"};
    return F;
  };
  TUFacts Remote, Shutdown, Caller;
  Remote.file = "remote.cc";
  Remote.functions = {method("Remote", {Own, Internal})};
  Shutdown.file = "shutdown.cc";
  Shutdown.functions = {method("Shutdown", {Internal})};
  Caller.file = "objref.cc";
  Function Invoke;
  Invoke.id = "c:@F@invoke#";
  Call C;
  C.callee = "c:@S@Identity@F@dispatch#";
  Invoke.calls = {C};
  Caller.functions = {Invoke};
  std::vector<TUFacts> T{Remote, Shutdown, Caller};
  auto V = virtualSummaries(T);
  ASSERT_EQ(V.size(), 1u);
  const FunctionSummary &S = V.at("c:@S@Identity@F@dispatch#");
  ASSERT_EQ(S.netRelease.size(), 1u);
  EXPECT_EQ(S.netRelease[0].name(), "internalLock");
  EXPECT_TRUE(S.netAcquire.empty());
  // the caller is parsed again after the TUs defining the overrides, even when pass 1 saw no
  // wrapper but one override may become one (it calls a seed)
  EXPECT_EQ(crossTuLayers(T, {"c:@S@Identity@F@dispatch#"}), (std::vector<unsigned>{0, 0, 1}));
  T[1].functions[0].calls = {C};
  T[1].functions[0].calls[0].callee = "c:@F@unlock_all#";
  EXPECT_EQ(crossTuLayers(T, {"c:@F@unlock_all#"}), (std::vector<unsigned>{0, 0, 1}));
  // an override that gives back nothing: the base has no summary
  T[1].functions[0].netRelease.clear();
  EXPECT_TRUE(virtualSummaries(T).empty());
  // a base some TU defines keeps its own summary (none here)
  Function Base;
  Base.id = "c:@S@Identity@F@dispatch#";
  T[0].functions[0].netRelease = {Internal};
  T[1].functions[0].netRelease = {Internal};
  EXPECT_EQ(virtualSummaries(T).size(), 1u);
  T[2].functions.push_back(Base);
  EXPECT_TRUE(virtualSummaries(T).empty());
}

TEST(Programs, NoMainIsOneProgram) {
  std::vector<TUFacts> T{tu("a.c", {"a"}, {"b"}), tu("b.c", {"b"}, {}), tu("c.c", {"c"}, {})};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0, 1, 2}}));
}

TEST(Programs, TwoDefinitionsOfOneFunctionFork) {
  // runner.c's main calls run_test(), defined by two test files: two programs
  std::vector<TUFacts> T{tu("runner.c", {"main"}, {"run_test"}), tu("t1.c", {"run_test"}, {}),
                         tu("t2.c", {"run_test"}, {})};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0, 1}, {0, 2}}));
}

TEST(Programs, VariantsOfAFileAreNotLinkedTogether) {
  // main.c and lib.c each built twice (-DX and without): variant i of main takes variant i of lib
  std::vector<TUFacts> T{tu("main.c", {"main"}, {"f"}, 0), tu("main.c", {"main"}, {"f"}, 1), tu("lib.c", {"f"}, {}, 0),
                         tu("lib.c", {"f"}, {}, 1)};
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0, 2}, {1, 3}}));
}

TEST(Programs, VariantsAreMatchedByDefines) {
  // lib.c built for the library (first) and for the broker (-DWITH_BROKER): each main takes the
  // build nearest to its own defines, whatever the order of the commands
  std::vector<TUFacts> T{tu("client.c", {"main"}, {"f"}), tu("broker.c", {"main"}, {"f"}), tu("lib.c", {"f"}, {}, 0),
                         tu("lib.c", {"f"}, {}, 1)};
  std::vector<std::vector<std::string>> D{
      compileDefines({"cc", "-DVERSION=2", "-c", "client.c"}),
      compileDefines({"cc", "-D", "WITH_BROKER", "-DVERSION=2", "-DWITH_BRIDGE", "-c", "broker.c"}),
      compileDefines({"cc", "-DVERSION=2", "-Dlib_EXPORTS", "-c", "lib.c"}),
      compileDefines({"cc", "-DWITH_BRIDGE", "-DVERSION=2", "-DWITH_BROKER", "-c", "lib.c"})};
  std::vector<std::vector<size_t>> G;
  for (const auto &P : groupPrograms(T, D))
    G.push_back(P.tus);
  std::sort(G.begin(), G.end());
  EXPECT_EQ(G, (std::vector<std::vector<size_t>>{{0, 2}, {1, 3}}));
  EXPECT_EQ(compileDefines({"cc", "-UNDEBUG", "-include", "cfg.h", "--include=pre.h", "-DA", "-DA", "-O2", "-Iinc"}),
            (std::vector<std::string>{"-DA", "-UNDEBUG", "-include cfg.h", "-include pre.h"}));
}

TEST(Programs, LinkInformationWins) {
  std::vector<TUFacts> T{tu("runner.c", {"main"}, {}), tu("t1.c", {"t1"}, {}), tu("t2.c", {"t2"}, {}),
                         tu("gen.c", {"g"}, {})};
  T[0].programs = {"test1", "test2"};
  T[1].programs = {"test1"};
  T[2].programs = {"test2"};
  auto P = groupPrograms(T);  // gen.c has no link information: a program of its own
  ASSERT_EQ(P.size(), 3u);
  EXPECT_EQ(P[0].name, "test1");
  EXPECT_EQ(P[0].tus, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(P[1].tus, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(P[2].tus, (std::vector<size_t>{3}));
}

TEST(Programs, FailedTUsAreInNoProgram) {
  std::vector<TUFacts> T{tu("a.c", {"main"}, {}), tu("b.c", {}, {})};
  T[1].failed = true;
  EXPECT_EQ(groups(T), (std::vector<std::vector<size_t>>{{0}}));
}

// ---- input and output ------------------------------------------------------------------

TEST(Shard, OnlyIOfN) {
  unsigned I = 9, N = 9;
  EXPECT_TRUE(parseShard("0/1", I, N));
  EXPECT_EQ(std::make_pair(I, N), std::make_pair(0u, 1u));
  EXPECT_TRUE(parseShard("3/4", I, N));
  for (const char *Bad : {"4/4", "-1/4", "1/0", "1", "/4", "1/", "a/b", "1/2/3", "1/2x", "+1/2", " 1/2", "1/99999999999"})
    EXPECT_FALSE(parseShard(Bad, I, N)) << Bad;
}

TEST(FileIO, NamesThatAreNotUtf8) {
  std::string Name = "/t/we\nird \xff\xc3\xa9%\\.c";
  EXPECT_EQ(printableName(Name), "/t/we\\nird \\xff\xc3\xa9%\\\\.c");
  EXPECT_EQ(fileUri(Name), "file:///t/we%0Aird%20%FF%C3%A9%25%5C.c");
  std::string J;
  appendJsonString(J, Name);
  EXPECT_EQ(J, "\"/t/we\\nird \\udcff\xc3\xa9%\\\\.c\"");
  // facts keep such names through a round trip
  TUFacts F;
  F.file = Name;
  TUFacts Back;
  std::string Err;
  ASSERT_TRUE(fromJSON(toJSON(F), Back, Err)) << Err;
  EXPECT_EQ(Back.file, Name);
}

TEST(FileIO, JsonNesting) {
  EXPECT_TRUE(jsonNestingWithin("[[[]]]", 3));
  EXPECT_FALSE(jsonNestingWithin("[[[[]]]]", 3));
  EXPECT_TRUE(jsonNestingWithin("[\"[[[[[[\"]", 1));
  TUFacts F;
  std::string Err;
  EXPECT_FALSE(fromJSON(std::string(100000, '['), F, Err));
  EXPECT_FALSE(fromJSON("{\"format\":\"lockgraph-facts-1\",\"functions\":[{\"acc\":[{\"k\":7}]}]}", F, Err));
  EXPECT_NE(Err.find("k"), std::string::npos) << Err;
}

// ---- a program's bound on acquisitions through calls -------------------------

// Ten leaves take a lock each; a hub calls them all and twenty callers call the hub: 210
// acquisitions through calls. Under a bound of 50 the rest are not followed, and the run is
// told so; under the default everything is followed and nothing is said.
std::vector<TUFacts> hubProgram() {
  TUFacts T;
  T.file = "/src/t.c";
  Function Hub = fn("hub");
  for (int I = 0; I < 10; ++I) {
    Function L = fn("leaf" + std::to_string(I));
    L.acquires.push_back(acq(global("G" + std::to_string(I)), 2, {}));
    T.functions.push_back(L);
    Call C;
    C.callee = L.id;
    C.calleeName = L.name;
    C.site = at(3);
    Hub.calls.push_back(C);
  }
  T.functions.push_back(Hub);
  for (int I = 0; I < 20; ++I) {
    Function F = fn("caller" + std::to_string(I));
    Call C;
    C.callee = "hub";
    C.calleeName = "hub";
    C.site = at(4);
    F.calls.push_back(C);
    T.functions.push_back(F);
  }
  return {T};
}

TEST(Merge, AcquisitionsThroughCallsAreBoundedPerProgram) {
  std::vector<std::string> Limits;
  AnalysisOptions Small;
  Small.maxAcquisitions = 50;
  analyzeProgram(hubProgram(), Small, &Limits);
  ASSERT_EQ(Limits.size(), 1u);
  EXPECT_NE(Limits[0].find("more than 50 locks through their calls"), std::string::npos) << Limits[0];
  Limits.clear();
  analyzeProgram(hubProgram(), AnalysisOptions{}, &Limits);
  EXPECT_TRUE(Limits.empty());
}

}  // namespace
}  // namespace lockgraph

// ruby 3.1's database holds many programs named `library` and `main.c` that hit the same bound:
// one line for each distinct text, saying how many programs; a program's own lines keep their order.
TEST(Runner, ProgramLimitLinesSayEachTextOnce) {
  std::vector<std::string> Names = {"library", "main.c", "library", "library", "server"};
  std::vector<std::vector<std::string>> Lines = {
      {"the program's functions reach more than 1500000 locks", "199 functions reach more than 256"},
      {"the program's functions reach more than 1500000 locks"},
      {"the program's functions reach more than 1500000 locks", "201 functions reach more than 256"},
      {"the program's functions reach more than 1500000 locks"},
      {}};
  std::vector<std::string> Out = lockgraph::programLimitLines(Names, Lines);
  ASSERT_EQ(Out.size(), 4u);
  EXPECT_EQ(Out[0], "program library (3 programs): the program's functions reach more than 1500000 locks");
  EXPECT_EQ(Out[1], "program library: 199 functions reach more than 256");
  EXPECT_EQ(Out[2], "program main.c: the program's functions reach more than 1500000 locks");
  EXPECT_EQ(Out[3], "program library: 201 functions reach more than 256");
}
