// Whole-program analysis over merged facts (see Analysis.h).
#include "Analysis.h"
#include "LockWords.h"

#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace lockgraph {
namespace {

using KeySet = std::set<std::string>;

constexpr size_t MaxChain = 12;
constexpr size_t MaxAcqPerFunction = 256;
constexpr size_t MaxRelEdgesPerFunction = 256;
// A lock reached through calls that pass members of parameters (`f(p->parent)`) has a path of
// the members passed; paths longer than this come from recursion and are not followed.
constexpr size_t MaxSummaryPath = 8;
// A relock on a way that can only end the process for an error (Acquire::dying) is reported
// when the caller's call reaches it through at most this many calls: `fatal()` -> `log_msg()`
// taking the log lock the caller holds. Deeper, the way runs through the program's crash report
// (ruby's rb_bug() -> rb_vm_bugreport() -> ... -> a float conversion its formats never ask for ->
// an allocation -> a GC hook, ten calls and more), whose conditions the analyzer does not see,
// and only after a failure that is itself a bug.
constexpr size_t MaxDyingRelockCalls = 6;
// The cycle search's budget of BFS steps: this many per node and edge of the lock graph, plus
// the base (linear in the graph; far above what real trees need).
constexpr size_t CycleBudgetPerElement = 2000;
constexpr size_t CycleBudgetBase = 1000000;
constexpr size_t MaxNamedInLimit = 3;  // functions named in a limit's message
// An unlocked RMW with no lock evidence (no lock protects the datum anywhere) is reported
// only in code within this many calls of a thread entry (and in the main thread's
// concurrent window). Deeper, reachability alone is weak evidence: servers reach most of
// their code from a worker's entry through dispatch functions whose run-time guards (an
// "am I the I/O thread" flag, a request type) keep the thread out of main-thread state.
constexpr unsigned MaxNearDepth = 3;

// An acquisition's evidence ("call to f()", ..., "'m' acquired here"), shared: each caller's
// acquisition puts its call in front of the callee's chain, a list node, not a copy (ruby's
// two programs of 353 TUs made 24 GiB of copied chains). Read through notes(), which stops at
// MaxChain as the copies did.
class Chain {
  struct Node {
    Note note;
    mutable std::shared_ptr<const Node> next;
    Node(Note N, std::shared_ptr<const Node> X) : note(std::move(N)), next(std::move(X)) {}
    ~Node() {  // unlink what only this node holds one by one: a long list does not recurse
      std::shared_ptr<const Node> N = std::move(next);
      while (N && N.use_count() == 1)
        N = std::move(N->next);
    }
  };
  std::shared_ptr<const Node> head;

 public:
  Chain() = default;
  explicit Chain(const std::vector<Note> &Ns) {
    for (auto It = Ns.rbegin(); It != Ns.rend(); ++It)
      head = std::make_shared<const Node>(*It, std::move(head));
  }
  Chain with(Note Head) const {
    Chain C;
    C.head = std::make_shared<const Node>(std::move(Head), head);
    return C;
  }
  // How many calls the chain goes through ("call to f()" notes), counted up to Limit.
  size_t calls(size_t Limit) const {
    size_t K = 0;
    for (const Node *N = head.get(); N && K < Limit; N = N->next.get())
      K += N->note.message.rfind("call to ", 0) == 0;
    return K;
  }
  std::vector<Note> notes() const {
    std::vector<Note> V;
    for (const Node *N = head.get(); N && V.size() < MaxChain; N = N->next.get())
      V.push_back(N->note);
    return V;
  }
};

struct AcqInfo {
  ObjRef ref;
  bool shared = false;
  Chain chain;
  std::vector<ObjRef> released;  // caller-held locks released on the way (no edge from them)
  // Named locks the callees surely hold at the acquisition, on every call path below this
  // function (intersection): part of the gate of the edges made from a caller's locks.
  KeySet inner;
  // Conditions on this function's parameters under which the acquisition happens (on every
  // path to it): a call passing a contradicting constant does not make it.
  std::vector<ParamCond> when;
  // Taken only on teardown paths of its object (Acquire::teardown): no order edge into it.
  bool teardown = false;
  // Taken only on ways that end the process for an error (Acquire::dying, Call::dying): no order
  // edge into it from the other locks held.
  bool dying = false;
  // Re-entry guards (Acquire::unless): flags that were zero at this function's entry on every
  // way to the acquisition; a call made with one of them set does not make it. "!K": flag K
  // was set at entry (`if (!initialized) return;`); a call made with it clear does not.
  std::set<std::string> unless;
};

// The flag a guard tests: "K" (needed zero) and "!K" (needed set) are both about K.
std::string flagOf(const std::string &Guard) {
  return Guard.size() > 1 && Guard[0] == '!' ? Guard.substr(1) : Guard;
}

// Is flag K as it was at the caller's entry when the call is made (not written before it)?
bool flagUnwritten(const Call &C, const std::string &K) {
  for (const auto &D : C.flagsDirty)
    if (D == "*" || D == K)
      return false;
  return true;
}

// Re-entry guards and deferral flags (`static __thread int in_log; if (in_log) return;
// in_log = 1; lock(&log_mu); ...`, jemalloc's pre_reentrancy() before prof_dump_mtx and
// prof_gdump()'s `if (tsd_reentrancy_level_get(tsd) > 0) return;`, `tdata->enq = true` under
// bt2gctx_mtx and `if (tdata->enq) { tdata->enq_gdump = true; return; }`): the callee's way
// to the acquisition returns early when a flag the call set is set. True when it does.
bool flagRulesOut(const std::set<std::string> &Unless, const Call &C) {
  for (const auto &K : C.flagsSet)
    if (Unless.count(K))
      return true;
  // a flag clear at the caller's entry and not written before the call, where the way needs
  // it set (czmq's zsys_shutdown() called by zsys_init() when it fails: `if (!s_initialized)
  // return;`); or set there where the way needs it clear
  for (const auto &K : C.unless) {
    std::string Base = flagOf(K);
    if (flagUnwritten(C, Base) && Unless.count(Base == K ? "!" + Base : Base))
      return true;
  }
  return false;
}

// The flags a callee's way needs zero, seen from the caller's entry: those the caller did not
// write before the call, and the caller's own guards of the call.
std::set<std::string> unlessAtCall(const std::set<std::string> &Unless, const Call &C) {
  std::set<std::string> U;
  for (const auto &K : Unless)
    if (flagUnwritten(C, flagOf(K)))
      U.insert(K);
  U.insert(C.unless.begin(), C.unless.end());
  return U;
}

std::set<std::string> intersectFlags(const std::set<std::string> &A, const std::set<std::string> &B) {
  std::set<std::string> C;
  for (const auto &X : A)
    if (B.count(X))
      C.insert(X);
  return C;
}

// The conditions both of two ways to the same acquisition have.
std::vector<ParamCond> commonConds(const std::vector<ParamCond> &A, const std::vector<ParamCond> &B) {
  std::vector<ParamCond> C;
  for (const auto &X : A)
    if (std::find(B.begin(), B.end(), X) != B.end())
      C.push_back(X);
  return C;
}

struct EdgeOcc {
  ObjRef from, to;
  bool fromShared = false, toShared = false;
  std::vector<Note> fromNotes, toNotes;
  KeySet gate;
  // The locks of one object each (a global, a lock inside a global object) held exclusively
  // at the acquisition: two threads cannot both be there (the gate of an
  // instance-order-inversion, icecast2's move_clients_mutex).
  KeySet soleGate;
  std::string func;
  // Conditions on the function's parameters under which the edge is made (`if (do_locks)`):
  // callers whose arguments contradict them do not make it.
  std::vector<ParamCond> when;
};

// Where an edge is made: the function and the site in it (an acquisition, or the call below
// which the lock is acquired). Decides which threads can make the edge (cycle classes).
struct OccAt {
  const Function *fn = nullptr;
  Site at;
};
constexpr size_t MaxOccsPerEdge = 32;

struct EdgeData {
  std::string fromName, toName;
  std::map<std::pair<bool, bool>, EdgeOcc> byMode;  // first occurrence per (fromShared, toShared)
  std::optional<KeySet> gate;                       // intersection over all occurrences
  bool declaredOnly = true;
  bool declared = false;     // an ACQUIRED_BEFORE/AFTER edge: made by no known thread
  bool fromShared = false;   // some occurrence holds `from` shared
  std::vector<OccAt> occs;   // every occurrence's place (deduplicated, up to MaxOccsPerEdge)
  bool manyOccs = false;     // more than MaxOccsPerEdge: treated as made by any thread
  // An end that is a lock inside a global object (ObjRef::globalInstance): its Class::path key,
  // for when the same class's lock of an unknown instance is in the graph too
  // (Program::joinInstances).
  std::string fromClass, toClass;
  // Where the edge goes from one object to another (Program::oneObjectCrossing()): each
  // occurrence is either within one object (the same base and path to the object:
  // `full_lock(s)` takes s->video_mutex, then s->audio_mutex) or from the object of one base
  // to that of another (`full_lock(scene); full_lock(sub_scene)`), kept as (function, base,
  // base); any other occurrence (a lock of no known base) sets objectsUnknown.
  std::set<std::tuple<const Function *, std::string, std::string>> crossings;
  bool objectsUnknown = false;
};

enum PhaseBit : unsigned { Before = 1, Window = 2, After = 4 };

std::string fingerprintOf(const std::string &Kind, std::vector<std::string> Parts) {
  std::sort(Parts.begin(), Parts.end());
  std::string S = Kind;
  for (const auto &P : Parts)
    S += "\x1f" + P;
  char Buf[17];
  snprintf(Buf, sizeof Buf, "%016llx", static_cast<unsigned long long>(llvm::xxh3_64bits(S)));
  return Buf;
}

std::string quote(const std::string &S) { return "'" + S + "'"; }

// The TUs of one program, by reference: the facts are the run's, read and never copied (a
// program's analysis used to copy every TU it links: gecode's 875 MB of facts, analysed two
// programs at a time, peaked at 8.7 GB).
class TUView {
public:
  explicit TUView(const std::vector<const TUFacts *> &V) : V(V) {}
  struct Iter {
    std::vector<const TUFacts *>::const_iterator I;
    const TUFacts &operator*() const { return **I; }
    Iter &operator++() {
      ++I;
      return *this;
    }
    bool operator!=(const Iter &O) const { return I != O.I; }
  };
  Iter begin() const { return {V.begin()}; }
  Iter end() const { return {V.end()}; }

private:
  const std::vector<const TUFacts *> &V;
};

class Program {
public:
  Program(const TUView &TUs, const AnalysisOptions &O) : Opts(O) {
    // One node per distinct definition: an inline function seen by many TUs is one
    // node, but two programs' `main` (or two static helpers of the same USR) are two.
    std::map<std::string, std::vector<const Function *>> Defs;
    for (const auto &TU : TUs)
      for (const auto &F : TU.functions) {
        if (F.id.empty())
          continue;
        auto &D = Defs[F.id];
        bool Dup = false;
        for (const auto *X : D)
          Dup = Dup || (X->site.file == F.site.file && X->site.line == F.site.line);
        if (!Dup)
          D.push_back(&F);
      }
    auto keysOf = [&](const std::string &Usr) {
      std::vector<std::string> K;
      auto It = Defs.find(Usr);
      if (It == Defs.end())
        return std::vector<std::string>{Usr};
      for (const auto *F : It->second)
        K.push_back(It->second.size() == 1 ? Usr : Usr + "#" + F->site.file + ":" + std::to_string(F->site.line));
      return K;
    };
    for (const auto &[Usr, D] : Defs) {
      std::vector<std::string> Keys = keysOf(Usr);
      for (size_t I = 0; I < D.size(); ++I) {
        Function F = *D[I];
        F.id = Keys[I];
        std::vector<Call> Calls;
        for (const auto &C : F.calls)
          for (const auto &K : keysOf(C.callee)) {
            Calls.push_back(C);
            Calls.back().callee = K;
          }
        F.calls = std::move(Calls);
        std::vector<Spawn> Sp;
        for (const auto &S : F.spawns)
          for (const auto &K : keysOf(S.entry)) {
            Sp.push_back(S);
            Sp.back().entry = K;
          }
        F.spawns = std::move(Sp);
        Owned.push_back(std::move(F));
      }
    }
    // What other TUs know of member objects' mode fields (TUFacts::memberModes): a call on one
    // in a method written in a header, whose TU does not see the owner's constructors. Facts
    // two TUs disagree on are dropped.
    std::map<std::string, std::vector<ParamCond>> Modes;
    for (const auto &TU : TUs)
      for (const auto &[K, M] : TU.memberModes) {
        auto [It, New] = Modes.emplace(K, M);
        if (!New)
          It->second.erase(std::remove_if(It->second.begin(), It->second.end(),
                                          [&](const ParamCond &X) { return std::find(M.begin(), M.end(), X) == M.end(); }),
                           It->second.end());
      }
    if (!Modes.empty())
      for (auto &F : Owned)
        for (auto &C : F.calls)
          if (C.thisArg.fieldFacts.empty() && C.thisArg.obj && C.thisArg.obj->path.size() == 1)
            if (auto It = Modes.find(C.thisArg.obj->classKey()); It != Modes.end())
              C.thisArg.fieldFacts = It->second;
    // A field a method of some TU changes is fixed by no constructor (TUFacts::modeWritten): the
    // TUs that did not see that method keep no condition nor fact on it.
    std::set<std::string> Written;
    for (const auto &TU : TUs)
      Written.insert(TU.modeWritten.begin(), TU.modeWritten.end());
    if (!Written.empty()) {
      auto written = [&](const ParamCond &X) { return X.path.size() == 1 && Written.count(X.path[0]) > 0; };
      auto dropThis = [&](std::vector<ParamCond> &W) {
        W.erase(std::remove_if(W.begin(), W.end(),
                               [&](const ParamCond &X) { return X.param == ParamCond::ThisObject && written(X); }),
                W.end());
      };
      for (auto &F : Owned) {
        for (auto &A : F.acquires)
          dropThis(A.when);
        for (auto &C : F.calls) {
          dropThis(C.when);
          auto &FF = C.thisArg.fieldFacts;
          FF.erase(std::remove_if(FF.begin(), FF.end(), written), FF.end());
        }
      }
    }
    pruneCallsOnlyNullReaches(Owned, TUs, keysOf);
    dropUncalledFileFunctions(Owned, TUs, keysOf);
    // A spawn through a wrapper is a thread when the wrapper starts one itself.
    std::set<std::string> Starters;
    for (const auto &F : Owned)
      for (const auto &S : F.spawns)
        if (S.via.empty())
          Starters.insert(F.id);
    for (auto &F : Owned)
      F.spawns.erase(std::remove_if(F.spawns.begin(), F.spawns.end(),
                                    [&](const Spawn &S) {
                                      if (S.entry == Spawn::ParamEntry)
                                        return true;  // (only marks a starter)
                                      if (S.via.empty())
                                        return false;
                                      for (const auto &K : keysOf(S.via))
                                        if (Starters.count(K))
                                          return false;
                                      return true;
                                    }),
                     F.spawns.end());
    for (const auto &F : Owned)
      Fns[F.id] = &F;
    for (const auto &TU : TUs) {
      for (const auto &R : TU.recursiveLocks)
        Recursive.insert(R);
      for (const auto &G : TU.guards)
        Guards[G.var].insert(G.lock);
      for (const auto &Ord : TU.orders)
        Orders.push_back(&Ord);
    }
    for (const auto &R : O.recursiveLocks)
      RecursiveNames.insert(R);
    for (const auto &[Id, F] : Fns) {
      for (const auto &C : F->calls)
        if (Fns.count(C.callee))
          Callers[C.callee].push_back({F, &C});
      for (const auto &S : F->spawns) {
        auto &E = Entries[S.entry];
        E.count++;
        E.multi = E.multi || S.multi;
        E.sites.push_back(S.site);
        E.name = S.entryName;
      }
    }
    // Callbacks (TUFacts::fpStores): a function nothing calls directly whose address the
    // program only ever stores into function-pointer members of its own records (or its own
    // function-pointer variables), members read only to be called or tested, runs in the
    // threads of the functions that call through them: minidlna's Process_upnphttp(), stored
    // in `event::process` and called by select_process(), which main() calls through
    // `event_module::process`, is the main thread's. A function whose address goes anywhere
    // else (an argument, a local, a library's record) or a member copied out keeps "any
    // thread" (callback_main_loop.c, twins callback_worker_loop.c, callback_escapes.c). A
    // function handed to a library that calls it back comes as a store into a "lib:" key and
    // calls through it (Extractor::findCallbacks(): qsort's comparator at the qsort() call,
    // readline's line handler where rl_callback_read_char() runs; callback_library_loop/).
    std::map<std::string, std::set<std::string>> Bound;  // function -> members it is stored in
    std::set<std::string> Escaped, Leaky;
    std::map<std::string, std::vector<std::pair<const Function *, Site>>> Through;
    for (const auto &TU : TUs) {
      for (const auto &[K, Fn] : TU.fpStores)
        for (const auto &Id : keysOf(Fn))
          Bound[Id].insert(K);
      for (const auto &E : TU.fnEscapes)
        for (const auto &Id : keysOf(E))
          Escaped.insert(Id);
      Leaky.insert(TU.fpLeaks.begin(), TU.fpLeaks.end());
      for (const auto &C : TU.fpCallSites)
        for (const auto &Id : keysOf(C.fn))
          if (auto It = Fns.find(Id); It != Fns.end())
            Through[C.key].push_back({It->second, C.site});
    }
    for (const auto &[Id, Keys] : Bound)
      AddressTaken.insert(Id);
    AddressTaken.insert(Escaped.begin(), Escaped.end());
    // a function-pointer parameter passed on: what its callers pass is stored there too
    std::map<std::string, std::set<std::string>> Flows;
    for (const auto &TU : TUs)
      for (const auto &[From, To] : TU.fpFlows)
        Flows[From].insert(To);
    for (auto &[Id, Keys] : Bound) {
      std::deque<std::string> Work(Keys.begin(), Keys.end());
      while (!Work.empty()) {
        std::string K = std::move(Work.front());
        Work.pop_front();
        if (auto It = Flows.find(K); It != Flows.end())
          for (const auto &To : It->second)
            if (Keys.insert(To).second)
              Work.push_back(To);
      }
    }
    for (const auto &[Id, Keys] : Bound) {
      auto F = Fns.find(Id);
      if (F == Fns.end() || Escaped.count(Id) || Entries.count(Id) || hasCallers(Id) || F->second->name == "main")
        continue;
      std::vector<std::pair<const Function *, Site>> Via;
      bool Closed = true;
      for (const auto &K : Keys) {
        // kept for a library's event loop the program never runs: called by the library
        Closed = Closed && !Leaky.count(K) && (K.rfind("lib:", 0) != 0 || Through.count(K));
        // a function-pointer parameter's calls: at the calls that pass it, when the function
        // calls it ("<param key>|<site>", Extractor::findCallbacks())
        if (K.rfind("fp:param:", 0) == 0) {
          size_t Bar = K.find('|');
          if (Bar == std::string::npos || !Through.count(K.substr(0, Bar)))
            continue;
        }
        if (auto It = Through.find(K); It != Through.end())
          for (const auto &[G, S] : It->second)
            if (G->id != Id)
              Via.push_back({G, S});
      }
      if (!Closed || Via.empty())
        continue;
      for (const auto &[G, S] : Via)
        IndCallees[G->id].push_back({Id, S});
      IndCallers[Id] = std::move(Via);
    }
  }

  // ---- functions nothing can run ---------------------------------------------------------
  // A free function of one file's own (a C `static`: its USR is "c:<file>@F@<name>", other
  // files cannot name it) that no function of the program calls, whose address goes nowhere
  // (no store, no escape) and that starts as no thread is dead code here: galera's
  // test_log_msg(), called only under `if (!throughput)` of a static that stays true (the
  // flow drops that call). Left in, it would be an entry any thread may run, and its locks
  // would make findings of code that never runs (static_flag_never_set.c). Run at load or
  // exit (`__attribute__((constructor))`: Function::isCtorOrDtor) is kept.
  template <typename KeysOf>
  static void dropUncalledFileFunctions(std::deque<Function> &Owned, const TUView &TUs, const KeysOf &keysOf) {
    std::set<std::string> Live;
    for (const auto &F : Owned) {
      for (const auto &C : F.calls)
        Live.insert(C.callee);
      for (const auto &S : F.spawns)
        Live.insert(S.entry);
    }
    for (const auto &TU : TUs) {
      for (const auto &[K, Fn] : TU.fpStores)
        for (const auto &Id : keysOf(Fn))
          Live.insert(Id);
      for (const auto &E : TU.fnEscapes)
        for (const auto &Id : keysOf(E))
          Live.insert(Id);
    }
    auto fileLocal = [](const std::string &Id) {
      size_t At = Id.find('@');
      return Id.rfind("c:", 0) == 0 && At != std::string::npos && At > 2 && Id.compare(At, 3, "@F@") == 0;
    };
    Owned.erase(std::remove_if(Owned.begin(), Owned.end(),
                               [&](const Function &F) {
                                 return fileLocal(F.id) && !Live.count(F.id) && !F.isCtorOrDtor && F.name != "main";
                               }),
                Owned.end());
  }

  // ---- calls no caller can reach ---------------------------------------------------------
  // A call made only when a parameter is zero (Call::when `p == 0`: groonga's grn_hash_create()
  // finalises a temporary context under `if (!ctx)`, and grn_ctx_fin() takes grn_glock) is
  // dead when no call in the program can pass zero there: every caller passes a pointer it
  // has dereferenced or otherwise knows is not null (ArgRef::nonNull), a nonzero constant,
  // or its own parameter that in turn cannot be zero. Such calls are dropped before anything
  // is built on the call graph: thread contexts, held-at-entry sets, lock edges
  // (null_only_branch_thread.c). The least fixpoint: only the calls live so far pass
  // values, from the functions called from outside what the facts show (no direct caller, a
  // thread's entry, an address stored or escaping), whose parameters may be anything.
  template <typename KeysOf>
  static void pruneCallsOnlyNullReaches(std::deque<Function> &Owned, const TUView &TUs, const KeysOf &keysOf) {
    std::map<std::string, Function *> ById;
    for (auto &F : Owned)
      ById.emplace(F.id, &F);
    std::set<std::string> Called;  // directly, by a function of the program
    for (auto &F : Owned)
      for (const auto &C : F.calls)
        Called.insert(C.callee);
    auto zeroTest = [](const ParamCond &W) {
      return W.param >= 0 && W.eq && W.k == 0 && W.mask == 0 && !W.first && W.path.empty() && W.alt.empty();
    };
    // functions with a call made only when a parameter is zero
    std::set<std::string> Conditioned;
    for (auto &F : Owned)
      for (const auto &C : F.calls)
        if (std::any_of(C.when.begin(), C.when.end(), zeroTest))
          Conditioned.insert(F.id);
    if (Conditioned.empty())
      return;
    std::set<std::string> Open;  // parameters may be anything
    for (auto &F : Owned)
      if (!Called.count(F.id))
        Open.insert(F.id);
    for (auto &F : Owned)
      for (const auto &S : F.spawns)
        Open.insert(S.entry);
    for (const auto &TU : TUs) {
      for (const auto &[K, Fn] : TU.fpStores)
        for (const auto &Id : keysOf(Fn))
          Open.insert(Id);
      for (const auto &E : TU.fnEscapes)
        for (const auto &Id : keysOf(E))
          Open.insert(Id);
    }
    std::set<std::pair<std::string, int>> Zero;  // (function, parameter) may be zero at entry
    auto mayZero = [&](const std::string &Id, int P) { return Open.count(Id) || Zero.count({Id, P}); };
    auto live = [&](const Function &F, const Call &C) {
      for (const auto &W : C.when)
        if (zeroTest(W) && !mayZero(F.id, W.param))
          return false;
      return true;
    };
    std::deque<Function *> Work;
    std::set<std::string> InWork;
    for (auto &F : Owned) {
      Work.push_back(&F);
      InWork.insert(F.id);
    }
    size_t Budget = 20 * Owned.size() + 1000;
    while (!Work.empty()) {
      if (Budget-- == 0)
        return;  // not at the fixpoint: prune nothing
      Function *F = Work.front();
      Work.pop_front();
      InWork.erase(F->id);
      for (const auto &C : F->calls) {
        auto G = ById.find(C.callee);
        if (G == ById.end() || Open.count(C.callee) || !live(*F, C))
          continue;
        for (size_t I = 0; I < C.args.size(); ++I) {
          const ArgRef &A = C.args[I];
          bool Z;
          if (A.constant)
            Z = *A.constant == 0;
          else if (A.nonNull)
            Z = false;
          else if (A.obj && A.obj->root == ObjRef::Param && A.obj->path.empty() && A.obj->param >= 0)
            Z = mayZero(F->id, A.obj->param);
          else
            Z = true;
          if (Z && Zero.insert({C.callee, static_cast<int>(I)}).second && InWork.insert(C.callee).second)
            Work.push_back(G->second);
        }
      }
    }
    for (auto &F : Owned) {
      if (!Conditioned.count(F.id))
        continue;
      F.calls.erase(std::remove_if(F.calls.begin(), F.calls.end(), [&](const Call &C) { return !live(F, C); }),
                    F.calls.end());
    }
  }

  // ---- initialisations ------------------------------------------------------------------
  // A call made only while a global flag is clear, of a function that sets the flag (NSPR's
  // `if (!_pr_initialized) _PR_ImplicitInitialization();` in PR_Malloc(), PR_GetCurrentThread()
  // and the rest): the initialisation, run once. The globals it writes (on the way below that
  // call) are made by it: a lock reached through one of them (`_pr_envLock = PR_NewLock()`)
  // exists only after the flag was set, so a thread holding that lock does not make the call,
  // and the initialisation's acquisitions take no edge from it (init_once_lock.c).
  std::map<std::string, std::set<std::string>> InitMade;  // flag ("G:<key>") -> globals
  const std::set<std::string> &initMade(const std::string &Flag) {
    auto [It, New] = InitMade.try_emplace(Flag);
    if (!New)
      return It->second;
    const std::string Tag = "I:" + Flag, Var = Flag.substr(2);
    std::set<std::string> Inits;
    for (const auto &[Id, F] : Fns)
      for (const auto &C : F->calls)
        if (Fns.count(C.callee) && std::find(C.unless.begin(), C.unless.end(), Tag) != C.unless.end())
          Inits.insert(C.callee);
    constexpr size_t MaxReach = 20000;
    for (const auto &Init : Inits) {
      std::set<std::string> Seen{Init};
      std::deque<std::string> Work{Init};
      std::set<std::string> Written;
      bool SetsFlag = false;
      size_t FlagWrites = 0;
      while (!Work.empty() && Seen.size() < MaxReach) {
        const Function *F = Fns.at(Work.front());
        Work.pop_front();
        for (const auto &A : F->accesses)
          if (A.kind != AccessKind::Read) {
            Written.insert(A.var);
            SetsFlag = SetsFlag || A.var == Var;
            FlagWrites += A.var == Var;
          }
        for (const auto &C : F->calls)
          if (Fns.count(C.callee) && Seen.insert(C.callee).second)
            Work.push_back(C.callee);
      }
      if (SetsFlag && Seen.size() < MaxReach) {
        It->second.insert(Written.begin(), Written.end());
        if (FlagWrites == 1)  // (set and cleared again, `busy = 1; ...; busy = 0;`: no once)
          InitSetters[Flag].insert(Init);
      }
    }
    return It->second;
  }
  std::map<std::string, std::set<std::string>> InitSetters;  // flag -> initialisations that set it once

  // A call made once per process: after `if (G) return;` in a caller that sets G (`G = 1;`
  // before or after the call: the call's `unless` names G), or, made only while G is clear, of
  // a function that sets G (an initialisation, initMade()); G written once there (a busy flag
  // cleared again after the call, `if (busy) return; busy = 1; work(); busy = 0;`, runs the
  // call many times; a thread-local flag, once per thread, has no access recorded). A function
  // whose every direct call is such a call or is made by such a function, and that nothing
  // calls another way (not a thread's entry, no address stored or escaping), runs only in the
  // initialisation: NSPR's _PR_InitThreads(),
  // called by _PR_InitStuff() after `if (_pr_initialized) return; _pr_initialized = PR_TRUE;`,
  // counts its primordial thread (`pt_book.user += 1`) before `pt_book.ml` exists and before
  // any other thread of NSPR's can run (init_once_body.c). (A least fixpoint: recursion in
  // there is not initialisation-only.)
  static size_t writesOf(const Function &F, const std::string &Var) {
    return std::count_if(F.accesses.begin(), F.accesses.end(),
                         [&](const Access &A) { return A.kind != AccessKind::Read && A.var == Var; });
  }
  // An access of the initialisation's own body: made only while flag G was clear at entry,
  // in a function that writes G once (`if (GC_is_initialized) return; ...
  // GC_requested_heapsize += initial_heap_sz; ... GC_is_initialized = TRUE;`).
  // (flag K of a guard: a global, clear at entry, that F writes once)
  static bool onceFlag(const Function &F, const std::string &K) {
    return K.rfind("G:", 0) == 0 && writesOf(F, K.substr(2)) == 1;
  }
  static bool onceBody(const Function &F, const Access &A) {
    return std::any_of(A.unless.begin(), A.unless.end(), [&](const std::string &K) { return onceFlag(F, K); });
  }
  std::optional<std::set<std::string>> InitOnlyMemo;
  const std::set<std::string> &initOnly() {
    if (InitOnlyMemo)
      return *InitOnlyMemo;
    auto onceCall = [&](const Function &F, const Call &C) {
      for (const auto &K : C.unless) {
        if (onceFlag(F, K))
          return true;
        if (K.rfind("I:", 0) == 0) {
          const std::string Flag = K.substr(2);
          initMade(Flag);
          if (auto It = InitSetters.find(Flag); It != InitSetters.end() && It->second.count(C.callee))
            return true;
        }
      }
      return false;
    };
    std::set<std::string> Only;
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (const auto &[Id, List] : Callers) {
        if (Only.count(Id) || List.empty() || Entries.count(Id) || AddressTaken.count(Id) || IndCallers.count(Id))
          continue;
        bool All = true;
        for (const auto &[G, C] : List)
          All = All && G->id != Id && (Only.count(G->id) || onceCall(*G, *C));
        if (All) {
          Only.insert(Id);
          Changed = true;
        }
      }
    }
    InitOnlyMemo = std::move(Only);
    return *InitOnlyMemo;
  }
  // Is lock H one an initialisation guarded by a flag of `Unless` makes ("I:" flags)?
  bool initRulesOut(const std::set<std::string> &Unless, const ObjRef &H) {
    if (H.root != ObjRef::Global)
      return false;
    // "*<key>": the lock a global points to; `pt_book.ml`: the lock a global's pointer member
    // points to (written "_PT_Bookeeping::ml"). A global's own lock (a static mutex) is there
    // before anything runs, and an assignment never makes it.
    // (written as the object's own datum, `book.ml`, when no pointer reaches the object)
    std::string Var, Own;
    size_t Stars = H.rootName.find_first_not_of('*');
    if (Stars == std::string::npos)
      return false;
    if (Stars != 0) {  // (`*_pr_envLock` with path `mutex`: PR_Lock() takes `&lock->mutex`)
      Var = H.rootName.substr(Stars);
    } else if (!H.path.empty() && !H.cls.empty()) {
      Var = H.cls + "::" + H.path[0];
      Own = H.rootName + "." + H.path[0];
    }
    if (Var.empty())
      return false;
    for (const auto &K : Unless)
      if (K.rfind("I:", 0) == 0) {
        const auto &Made = initMade(K.substr(2));
        if (Made.count(Var) || (!Own.empty() && Made.count(Own)))
          return true;
      }
    return false;
  }

  // What the analysis did not search (bounds met): reported with the findings.
  struct Cuts {
    size_t deepPaths = 0;               // acquisitions whose substituted path was too long
    std::set<std::string> deepPathFns;  // the functions where they were cut
    std::set<std::string> acqFull, relFull;
    bool acqBudget = false, acqTotal = false, entryBudget = false, relBudget = false, orderBudget = false;
    size_t cycleEdges = 0;  // lock-graph edges whose cycle search was cut
  };

  std::vector<std::string> limits() const {
    std::vector<std::string> L;
    auto names = [](const std::set<std::string> &S) {
      std::string T;
      size_t N = 0;
      for (auto It = S.begin(); It != S.end() && N < MaxNamedInLimit; ++It, ++N)
        T += (T.empty() ? "" : ", ") + *It + "()";
      return S.size() > N ? T + ", ..." : T;
    };
    if (Cut.deepPaths)
      L.push_back("locks more than " + std::to_string(MaxSummaryPath) +
                  " members below a parameter (a recursion passing a member of its parameter on) were not followed: " +
                  std::to_string(Cut.deepPaths) + (Cut.deepPaths == 1 ? " acquisition" : " acquisitions") + " through calls in " + names(Cut.deepPathFns) +
                  "; they take part in no lock-order edge");
    if (!Cut.acqFull.empty())
      L.push_back(std::to_string(Cut.acqFull.size()) + " functions reach more than " + std::to_string(MaxAcqPerFunction) +
                  " distinct locks through their calls (" + names(Cut.acqFull) +
                  "): the locks beyond are not followed to their callers");
    if (Cut.acqTotal)
      L.push_back("the program's functions reach more than " + std::to_string(Opts.maxAcquisitions) +
                  " locks through their calls in all: the acquisitions beyond are not followed to their callers");
    if (!Cut.relFull.empty())
      L.push_back(std::to_string(Cut.relFull.size()) + " functions make more than " + std::to_string(MaxRelEdgesPerFunction) +
                  " lock-order edges between parameters (" + names(Cut.relFull) +
                  "): the edges beyond are not instantiated at their callers");
    if (Cut.acqBudget)
      L.push_back("the transitive acquisitions did not converge within their budget: some locks taken below calls are not followed");
    if (Cut.entryBudget)
      L.push_back("the locks held at function entry did not converge within their budget: some gates may be missing");
    if (Cut.relBudget)
      L.push_back("the lock-order edges between parameters did not converge within their budget: some are not instantiated at their callers");
    if (Cut.orderBudget)
      L.push_back("the thread start/join order did not converge within its budget: some cycles may be called concurrent that are not");
    if (Cut.cycleEdges)
      L.push_back("the cycle search ran out of its budget: " + std::to_string(Cut.cycleEdges) +
                  " lock-order edges were not searched for a cycle");
    return L;
  }

  std::vector<Finding> run() {
    computeAcquisitions();
    if (Entries.empty()) {
      computeMustEntry();
      HeldAtEveryCall = MustEntry;
    } else {
      // a gate held by every caller that can run beside a thread: single-threaded callers
      // (main before the first thread starts, after the last join) do not dilute it
      computePhases();
      computeMustEntry();
      HeldAtEveryCall = MustEntry;
      for (auto &[Id, K] : MustEntry)  // (a function only single-threaded callers call: all of them)
        if (auto It = MustConc.find(Id); It != MustConc.end())
          K.insert(It->second.begin(), It->second.end());
    }
    collectEdges();
    joinInstances();
    decideInstanceInversions();
    decideSelfDeadlocks();
    findCycles();
    if (!Entries.empty()) {
      findAllocators();
      findRaces();
    }
    std::sort(Out.begin(), Out.end(), [](const Finding &A, const Finding &B) {
      return std::tie(A.site.file, A.site.line, A.site.col, A.kind, A.message) <
             std::tie(B.site.file, B.site.line, B.site.col, B.kind, B.message);
    });
    return std::move(Out);
  }

private:
  const AnalysisOptions &Opts;
  Cuts Cut;
  std::deque<Function> Owned;  // stable addresses
  std::map<std::string, const Function *> Fns;
  std::map<std::string, std::vector<std::pair<const Function *, const Call *>>> Callers;
  // Callbacks called through the program's own function-pointer members and variables (see
  // the constructor): callee -> (caller, call site), caller -> (callee, call site). Only
  // where threads run code: tokens(), orderOf(), computePhases(), reachedFromMain().
  std::map<std::string, std::vector<std::pair<const Function *, Site>>> IndCallers;
  std::map<std::string, std::vector<std::pair<std::string, Site>>> IndCallees;
  // The calls of F by callee and site: its direct calls, then its calls through members.
  template <class Visit> void forEachCall(const Function *F, Visit &&V) const {
    for (const auto &C : F->calls)
      V(C.callee, C.site);
    if (auto It = IndCallees.find(F->id); It != IndCallees.end())
      for (const auto &[Callee, S] : It->second)
        V(Callee, S);
  }
  struct EntryInfo {
    unsigned count = 0;
    bool multi = false;
    std::vector<Site> sites;
    std::string name;
  };
  std::map<std::string, EntryInfo> Entries;
  std::set<std::string> AddressTaken;  // functions whose address is stored or escapes
  KeySet Recursive, RecursiveNames;
  std::map<std::string, KeySet> Guards;
  std::vector<const DeclaredOrder *> Orders;
  std::map<std::string, KeySet> MustEntry;
  // The locks every call of a function is made with (MustEntry before the gates of
  // concurrent callers are added to it).
  std::map<std::string, KeySet> HeldAtEveryCall;
  std::map<std::string, std::vector<AcqInfo>> Acq;
  std::map<std::string, std::vector<EdgeOcc>> RelEdges;
  std::map<std::pair<std::string, std::string>, EdgeData> Graph;
  std::set<std::string> ClassNodes;  // Class::path nodes of locks whose instance is not known
  // After joinInstances(): each global instance that got copies of its class's unknown lock's
  // edges, with that class key; and those class keys.
  std::map<std::string, std::string> InstanceOf;
  std::set<std::string> InstanceClasses;
  std::set<std::string> Reported;
  std::vector<Finding> Out;
  std::map<std::string, std::set<std::string>> Tok;  // function -> the threads it runs in (tokens())
  bool TokDone = false;

  static KeySet intersect(const KeySet &A, const KeySet &B) {
    KeySet I;
    std::set_intersection(A.begin(), A.end(), B.begin(), B.end(), std::inserter(I, I.begin()));
    return I;
  }

  // The exclusively held locks of H that name one object, not a class of instances.
  static KeySet soleExclusiveKeys(const std::vector<Held> &H) {
    KeySet K;
    for (const auto &X : H)
      if (!X.shared && !X.trylock && ((X.ref.root == ObjRef::Global && X.ref.path.empty()) || X.ref.globalInstance()))
        K.insert(X.ref.key());
    return K;
  }

  static KeySet absKeys(const std::vector<Held> &H) {
    KeySet K;
    for (const auto &X : H)
      if (X.ref.isAbsolute())
        K.insert(X.ref.key());
    return K;
  }

  bool isRecursive(const ObjRef &R) const {
    if (R.recursive)
      return true;
    if (R.isAbsolute() && (Recursive.count(R.key()) || RecursiveNames.count(R.name()) || RecursiveNames.count(R.key()) ||
                           Recursive.count(R.classKey()) || RecursiveNames.count(R.classKey())))
      return true;
    if (!R.inner.empty() && (Recursive.count(R.inner) || RecursiveNames.count(R.inner)))  // by its own class
      return true;
    return false;
  }

  // ---- must-held locks at entry -------------------------------------------
  // Locks surely held at each function's entry: the intersection over its call sites.
  // `Counts(caller, call)` false: that call site is ignored (the race model passes
  // call sites that cannot run concurrently with a thread).
  using CallFilter = std::function<bool(const Function *, const Call *)>;
  void computeMustEntry() { MustEntry = mustEntry(nullptr); }
  // The locks held at entry of `Id` on the call paths on which `Conds` (conditions on its
  // parameters) may hold: a call whose constant argument contradicts them is no such path
  // (release_to_inflight(c, DIR_IN) never reaches the DIR_OUT branch's callee). Conditions
  // passed on to a caller's own parameters are followed MaxCondDepth calls up, then dropped
  // (they may hold). nullopt: no such path known yet (top).
  static constexpr unsigned MaxCondDepth = 3;
  static constexpr size_t MaxCondCallers = 64;  // bounds the look-up's cost on a function called everywhere
  // condCtx()'s walk up the callers (memoized and budgeted: CondSteps) goes deeper than mayHold()'s
  static constexpr unsigned MaxCondCtxDepth = 6;
  // The call graph by index for these fixpoints (built once; by USR, the maps' string compares
  // were half of each of libvirt's 174 programs).
  struct EntryGraph {
    std::vector<const Function *> fn;                              // in Fns' order (keyed by id)
    std::vector<std::vector<std::pair<size_t, const Call *>>> callers;  // caller index, call
    std::vector<std::vector<size_t>> callees;                      // in Fns, with repeats
    std::vector<char> root;                                        // an entry, or no caller
  };
  std::optional<EntryGraph> EG;
  const EntryGraph &entryGraph() {
    if (EG)
      return *EG;
    EntryGraph &G = EG.emplace();
    std::map<std::string_view, size_t> Index;
    for (const auto &[Id, F] : Fns) {
      Index.emplace(Id, G.fn.size());
      G.fn.push_back(F);
    }
    G.callers.resize(G.fn.size());
    G.callees.resize(G.fn.size());
    G.root.resize(G.fn.size());
    for (size_t I = 0; I < G.fn.size(); ++I) {
      const std::string &Id = G.fn[I]->id;
      G.root[I] = Entries.count(Id) || !hasCallers(Id);
      if (auto It = Callers.find(Id); It != Callers.end())
        for (const auto &[Caller, C] : It->second)
          if (auto J = Index.find(Caller->id); J != Index.end())
            G.callers[I].push_back({J->second, C});
      for (const auto &C : G.fn[I]->calls)
        if (auto J = Index.find(C.callee); J != Index.end())
          G.callees[I].push_back(J->second);
    }
    return G;
  }
  using EntrySets = std::vector<std::optional<KeySet>>;  // by EntryGraph index; nullopt: top
  // `Counted[I][K]`: Counts' answer for the K-th caller of I (-1: not asked yet).
  std::optional<KeySet> entryUnder(size_t Id, const std::vector<ParamCond> &Conds, unsigned Depth, EntrySets &ME,
                                   const CallFilter &Counts, std::vector<std::vector<signed char>> &Counted) {
    const EntryGraph &EGr = entryGraph();
    if (Depth > 0 && (Conds.empty() || Depth > MaxCondDepth || EGr.root[Id] || EGr.callers[Id].size() > MaxCondCallers))
      return ME[Id];
    std::optional<KeySet> New;
    for (size_t K = 0; K < EGr.callers[Id].size(); ++K) {
      const auto &[GI, C] = EGr.callers[Id][K];
      if (Counts) {
        signed char &Ok = Counted[Id][K];
        if (Ok < 0)
          Ok = Counts(EGr.fn[GI], C) ? 1 : 0;
        if (!Ok)
          continue;
      }
      std::vector<ParamCond> Up;
      if (!conditionsAtCall(Conds, C->args, Up, &C->thisArg))
        continue;  // this call cannot reach the conditioned code
      std::optional<KeySet> MG;
      if (!C->when.empty() || !Up.empty()) {
        // the call itself happens only under C->when (on G's parameters), and the conditions
        // passed up: both constrain G's callers
        std::vector<ParamCond> All = Up;
        All.insert(All.end(), C->when.begin(), C->when.end());
        MG = entryUnder(GI, All, Depth + 1, ME, Counts, Counted);
      } else {
        MG = ME[GI];
      }
      if (!MG)
        continue;  // top contributes nothing to the intersection
      KeySet S = absKeys(C->held);
      S.insert(MG->begin(), MG->end());
      for (const auto &R : C->released)  // the caller's lock, dropped around this call
        if (R.isAbsolute())
          S.erase(R.key());
      if (!New) {
        New = std::move(S);
      } else {
        KeySet I;
        std::set_intersection(New->begin(), New->end(), S.begin(), S.end(), std::inserter(I, I.begin()));
        *New = std::move(I);
      }
    }
    return New;
  }
  std::map<std::string, KeySet> mustEntry(const CallFilter &Counts) {
    const EntryGraph &G = entryGraph();
    const size_t N = G.fn.size();
    EntrySets ME(N);
    std::vector<std::vector<signed char>> Counted(N);
    if (Counts)
      for (size_t I = 0; I < N; ++I)
        Counted[I].assign(G.callers[I].size(), -1);
    std::deque<size_t> Work;
    std::vector<char> InWork(N, 1);
    for (size_t I = 0; I < N; ++I) {
      if (G.root[I])
        ME[I] = KeySet{};
      Work.push_back(I);
    }
    size_t Budget = 50 * N + 1000;
    std::vector<size_t> Stamp(N, 0);  // which expansion below reached a function last
    size_t Epoch = 0;
    while (!Work.empty()) {
      if (Budget-- == 0) {
        Cut.entryBudget = true;
        break;
      }
      size_t Id = Work.front();
      Work.pop_front();
      InWork[Id] = 0;
      if (G.root[Id])
        continue;
      std::optional<KeySet> New = entryUnder(Id, {}, 0, ME, Counts, Counted);
      if (!New || New == ME[Id])
        continue;
      ME[Id] = std::move(New);
      // callees, and theirs up to the depth entryUnder() looks up through conditions; each
      // once (a level of every path's callees grew as the fan-out to that power: ruby 3.1's
      // out of memory)
      std::vector<size_t> Level{Id};
      Stamp[Id] = ++Epoch;
      for (unsigned D = 0; D <= MaxCondDepth && !Level.empty(); ++D) {
        std::vector<size_t> Next;
        for (size_t X : Level)
          for (size_t C : G.callees[X]) {
            if (Stamp[C] == Epoch)
              continue;
            Stamp[C] = Epoch;
            Next.push_back(C);
            if (!InWork[C]) {
              InWork[C] = 1;
              Work.push_back(C);
            }
          }
        Level = std::move(Next);
      }
    }
    std::map<std::string, KeySet> Res;
    for (size_t I = 0; I < N; ++I)
      Res.emplace_hint(Res.end(), G.fn[I]->id, ME[I] ? std::move(*ME[I]) : KeySet{});
    return Res;
  }

  // ---- transitive acquisitions ------------------------------------------------
  static std::vector<Note> chainWith(const Note &Head, const std::vector<Note> &Tail) {
    std::vector<Note> C{Head};
    for (const auto &N : Tail) {
      if (C.size() >= MaxChain)
        break;
      C.push_back(N);
    }
    return C;
  }

  // What a summary's acquisition of X is at call C: X's lock seen from the caller, or nullopt
  // (not nameable there, or cut). A call through a member of a parameter prepends that member to
  // the path (`f(p->parent)` taking `q->mu` takes `p->parent.mu`); a recursion that passes a
  // member of its own parameter on (free_owner(o) -> drop_ref(o->related) -> free_owner(...))
  // would make ever longer paths, a new lock at each round, and the fixpoint would not end. A
  // path longer than MaxSummaryPath fields is not followed further, and the run says so.
  std::optional<ObjRef> substituteAtCall(const ObjRef &X, const Function *F, const Call &C) {
    auto R = substituteRef(X, C.args, C.thisArg);
    if (R && R->path.size() > MaxSummaryPath && R->path.size() > X.path.size()) {
      ++Cut.deepPaths;
      Cut.deepPathFns.insert(F->name);
      return std::nullopt;
    }
    return R;
  }

  static std::string acqKey(const ObjRef &R, bool Shared) { return R.ident() + (Shared ? "/r" : "/w"); }

  // The entry of A that an acquisition of R under the conditions `When` joins: the one under
  // the same conditions. Ways to one lock under different conditions stay apart (up to
  // MaxCondWays of them), so a call whose constant argument rules out one of them still sees
  // the other: back-ldap's ldap_back_dobind_int() takes lai_mutex `if (dolock)` and, through
  // ldap_back_op_result(), on a bind timeout whatever dolock is. Past that, the way sharing
  // most of the conditions (an unconditional one first: joining it changes nothing) keeps
  // the conditions they share.
  static constexpr size_t MaxCondWays = 8;
  // `Ways`: the indices in A of the entries of one lock and mode (one acqKey).
  // Ways behind different re-entry guards (AcqInfo::unless) stay apart too, so an unguarded
  // way does not take the guard off a guarded one.
  static AcqInfo *sameAcquisition(std::vector<AcqInfo> &A, const std::vector<size_t> &Ways,
                                  const std::vector<ParamCond> &When, const std::set<std::string> &Unless) {
    AcqInfo *Best = nullptr;
    size_t BestN = 0;
    for (size_t I : Ways) {
      AcqInfo &M = A[I];
      if (M.when.size() == When.size() && std::is_permutation(M.when.begin(), M.when.end(), When.begin()) &&
          M.unless == Unless)
        return &M;
      size_t N = M.when.empty() ? When.size() + 1 : commonConds(M.when, When).size();
      if (!Best || N > BestN) {
        Best = &M;
        BestN = N;
      }
    }
    return Ways.size() >= MaxCondWays ? Best : nullptr;
  }

  void computeAcquisitions() {
    // per function: its acquisitions' keys (acqKey) -> their indices in Acq[Id] (one per set of conditions, MaxCondWays)
    std::map<std::string, std::unordered_map<std::string, std::vector<size_t>>> Index;
    for (const auto &[Id, F] : Fns) {
      auto &A = Acq[Id];
      auto &Ix = Index[Id];
      for (const auto &X : F->acquires) {
        if (X.trylock || X.reacquire)
          continue;
        auto &Ways = Ix[acqKey(X.ref, X.shared)];
        if (AcqInfo *M = sameAcquisition(A, Ways, X.when, std::set<std::string>(X.unless.begin(), X.unless.end()))) {
          M->inner = intersect(M->inner, absKeys(X.held));
          M->when = commonConds(M->when, X.when);
          M->teardown = M->teardown && X.teardown;
          if (M->dying && !X.dying) {
            M->dying = false;  // also taken on a way that goes on: shown by that way
            M->chain = Chain(X.notes);
          }
          M->unless = intersectFlags(M->unless, std::set<std::string>(X.unless.begin(), X.unless.end()));
        } else {
          Ways.push_back(A.size());
          A.push_back({X.ref, X.shared, Chain(X.notes), X.released, absKeys(X.held), X.when, X.teardown, X.dying,
                       std::set<std::string>(X.unless.begin(), X.unless.end())});
        }
      }
    }
    // Monotone: an acquisition is added once (at most MaxAcqPerFunction per function), then its
    // `inner` and `when` only shrink and `teardown` and `dying` only go false, so each function
    // changes a bounded number of times and each change re-examines its callers once: linear in
    // the calls times that bound. The budget is a second guard; the run says when it ends the search.
    std::deque<std::string> Work;
    std::set<std::string> InWork;
    for (const auto &[Id, F] : Fns) {
      Work.push_back(Id);
      InWork.insert(Id);
    }
    size_t Budget = 200 * Fns.size() + 1000;
    size_t AcqCount = 0;  // through calls (AnalysisOptions::maxAcquisitions)
    while (!Work.empty()) {
      if (Budget-- == 0) {
        Cut.acqBudget = true;
        break;
      }
      std::string Id = Work.front();
      Work.pop_front();
      InWork.erase(Id);
      const Function *F = Fns.at(Id);
      auto &Mine = Acq[Id];
      auto &Ix = Index[Id];
      bool Changed = false;
      for (const auto &C : F->calls) {
        auto It = Acq.find(C.callee);
        if (It == Acq.end() || C.callee == Id || It->second.empty())
          continue;
        const std::vector<AcqInfo> &Theirs = It->second;  // another function's: Mine may grow, it does not
        const KeySet CallHeld = absKeys(C.held);           // (per call: the same for every acquisition)
        const std::set<std::string> CallUnless(C.unless.begin(), C.unless.end());
        for (const auto &X : Theirs) {
          // the tests that copy nothing first
          if (flagRulesOut(X.unless, C))
            continue;  // a re-entry guard the call set returns before it
          std::vector<ParamCond> When = C.when;
          if (!conditionsAtCall(X.when, C.args, When, &C.thisArg))
            continue;  // a constant argument takes the callee's way without this lock
          std::optional<ObjRef> Subst;  // a global's lock is itself in every caller: no copy
          if (X.ref.root != ObjRef::Global && !(Subst = substituteAtCall(X.ref, F, C)))
            continue;
          const ObjRef &R = Subst ? *Subst : X.ref;
          std::set<std::string> Unless = X.unless.empty() ? CallUnless : unlessAtCall(X.unless, C);
          // locks held at the acquisition, seen from here: the callee's (keys of named locks:
          // the same in every function), then this call's
          auto inner = [&] {
            KeySet Inner = CallHeld;
            Inner.insert(X.inner.begin(), X.inner.end());
            return Inner;
          };
          auto &Ways = Ix[acqKey(R, X.shared)];
          if (AcqInfo *M = sameAcquisition(Mine, Ways, When, Unless)) {
            KeySet I;
            for (const auto &K : M->inner)
              if (CallHeld.count(K) || X.inner.count(K))
                I.insert(I.end(), K);
            if (I != M->inner) {
              M->inner = std::move(I);
              Changed = true;
            }
            std::vector<ParamCond> W = commonConds(M->when, When);
            if (W.size() != M->when.size()) {
              M->when = std::move(W);
              Changed = true;
            }
            if (M->teardown && !X.teardown) {
              M->teardown = false;  // also taken on a path that does not destroy it
              Changed = true;
            }
            if (M->dying && !X.dying && !C.dying) {
              M->dying = false;  // also taken on a way that goes on: shown by that way
              M->chain = X.chain.with({C.site, "call to " + C.calleeName + "()"});
              Changed = true;
            }
            std::set<std::string> U = intersectFlags(M->unless, Unless);
            if (U.size() != M->unless.size()) {
              M->unless = std::move(U);
              Changed = true;
            }
            continue;
          }
          if (Mine.size() >= MaxAcqPerFunction) {
            Cut.acqFull.insert(F->name);
            continue;
          }
          // (AnalysisOptions::maxAcquisitions: each costs about a kilobyte; ruby 3.1, whose
          // functions nearly all reach a few hundred locks through the allocator's GC and VM
          // locks, filled 24 GiB with two programs analysed at once)
          if (AcqCount >= Opts.maxAcquisitions) {
            Cut.acqTotal = true;
            continue;
          }
          ++AcqCount;
          std::vector<ObjRef> Rel = C.released;
          for (const auto &Y : X.released)
            if (auto M = substituteRef(Y, C.args, C.thisArg))
              if (std::none_of(Rel.begin(), Rel.end(), [&](const ObjRef &Z) { return Z.sameIdent(*M); }))
                Rel.push_back(std::move(*M));
          Ways.push_back(Mine.size());
          Mine.push_back({Subst ? std::move(*Subst) : X.ref, X.shared, X.chain.with({C.site, "call to " + C.calleeName + "()"}), std::move(Rel),
                          inner(), std::move(When), X.teardown, X.dying || C.dying, std::move(Unless)});
          Changed = true;
        }
      }
      if (Changed)
        for (const auto &[G, C] : Callers[Id])
          if (InWork.insert(G->id).second)
            Work.push_back(G->id);
    }
  }

  // ---- edges ---------------------------------------------------------------------
  static std::vector<Note> withSuffix(std::vector<Note> N, const std::string &S) {
    if (!N.empty())
      N.back().message += S;
    return N;
  }

  static bool inPairs(const std::vector<std::pair<std::string, std::string>> &Ps, const std::string &A,
                      const std::string &B) {
    for (const auto &[X, Y] : Ps)
      if ((X == A && Y == B) || (X == B && Y == A))
        return true;
    return false;
  }
  // F compares A and B (by address or key) and takes them in that order either way.
  bool ordered(const Function *F, const std::string &A, const std::string &B) const {
    return inPairs(F->orderedBases, A, B);
  }
  // No object is passed to F as both A and B (distinct structs, roles checked on entry).
  bool apart(const Function *F, const std::string &A, const std::string &B) const {
    return inPairs(F->apartBases, A, B);
  }

  // The notes of one path of a self-deadlock: where the lock was taken, then the way to its
  // second acquisition ("... again while it is held").
  static std::vector<Note> selfDeadlockNotes(const EdgeOcc &E) {
    std::string N = E.to.name();
    std::vector<Note> Notes = E.fromNotes;
    std::vector<Note> To = E.toNotes;
    if (!To.empty()) {  // "... while 'X' is held" of the edge: said once, as "again"
      std::string Suffix = " while " + quote(N) + " is held";
      std::string &M = To.back().message;
      if (M.size() >= Suffix.size() && M.compare(M.size() - Suffix.size(), Suffix.size(), Suffix) == 0)
        M.erase(M.size() - Suffix.size());
    }
    for (const auto &X : withSuffix(To, " again while it is held"))
      Notes.push_back(X);
    return Notes;
  }

  struct SelfCand {
    const Function *F;
    EdgeOcc E;
    bool propagated;  // found through a callee's edge of parameter locks: the lock was taken below F
  };
  std::vector<SelfCand> SelfCands;
  static constexpr size_t MaxSelfDeadlockExamples = 3;

  // One finding per defect: the paths that end at the same second acquisition of the same lock
  // (dig's force_next() taking lookup_lock, reached with it held from ~50 call sites) are one
  // self-deadlock, reported at the most direct of them (the fewest calls; then by function
  // name and site, which keeps the choice, and the fingerprint, stable) with the number of paths
  // and the shortest few as examples. A function F whose every call is made with the lock held
  // never gets past its first acquisition of it, which its callers' finding reports: F's later
  // re-acquisitions of the lock it took itself are not reported apart.
  static Site selfDeadlockEnd(const SelfCand &C) { return C.E.toNotes.empty() ? C.F->site : C.E.toNotes.back().site; }
  // Where the path's second acquisition is reported: the first step from F toward it.
  static Site selfDeadlockStart(const SelfCand &C) { return C.E.toNotes.empty() ? C.F->site : C.E.toNotes.front().site; }

  // Does O's path report F's defect: it goes through a call of F (the caller holding the lock
  // at that call), or its second acquisition is one of F's own?
  static bool coversFunction(const SelfCand &O, const Function *F) {
    std::string Call = "call to " + F->name + "()";
    auto Names = [&](const std::vector<Note> &Ns) {
      return std::any_of(Ns.begin(), Ns.end(), [&](const Note &X) { return X.message == Call; });
    };
    if (Names(O.E.fromNotes) || Names(O.E.toNotes))
      return true;
    Site End = selfDeadlockEnd(O);
    return std::any_of(F->acquires.begin(), F->acquires.end(), [&](const Acquire &A) {
      return std::any_of(A.notes.begin(), A.notes.end(), [&](const Note &X) { return X.site == End; });
    });
  }

  // Locks handed from thread to thread (a mutex used as a binary semaphore: xfsprogs' xfs_copy
  // locks `mainwait` again to wait until the last worker unlocks it): the functions that release
  // the lock without having taken it while not every call of them holds it - an unlock that is
  // not the holder's own - with the threads they run in (tokens()). A second acquisition of such a
  // lock in a function whose threads are none of a releaser's waits for that release: not a
  // self-deadlock. (Undefined for a POSIX mutex, but glibc's default mutex does not check the
  // owner.) A releaser in the same thread, or in unknown ones, hands nothing over.
  std::map<std::string, std::vector<const std::set<std::string> *>> handoffReleasers() {
    std::map<std::string, std::vector<const std::set<std::string> *>> H;
    for (const auto &[Id, F] : Fns) {
      if (F->netRelease.empty() || !(Entries.count(Id) || hasCallers(Id)))
        continue;
      auto Every = HeldAtEveryCall.find(Id);
      for (const ObjRef &R : F->netRelease)
        if (R.isAbsolute() && (Every == HeldAtEveryCall.end() || !Every->second.count(R.key())))
          H[R.key()].push_back(&tokens(Id));
    }
    // a thread started with the lock in its argument, whose start routine releases it
    // (Spawn::hands: liburing's test hands its stack mutex to the receiver thread it starts)
    for (const auto &[Id, F] : Fns)
      for (const Spawn &S : F->spawns)
        if (S.entry != Spawn::ParamEntry && Fns.count(S.entry))
          for (const ObjRef &R : S.hands)
            if (R.isAbsolute())
              H[R.key()].push_back(&tokens(S.entry));
    return H;
  }

  bool handedOff(const SelfCand &C, const std::map<std::string, std::vector<const std::set<std::string> *>> &H) {
    auto It = H.find(C.E.to.key());
    if (It == H.end())
      return false;
    const std::set<std::string> &Mine = tokens(C.F->id);
    if (Mine.count("<other>"))
      return false;
    for (const auto *Theirs : It->second) {
      if (Theirs->count("<other>"))
        continue;
      if (std::none_of(Theirs->begin(), Theirs->end(), [&](const std::string &T) { return Mine.count(T) > 0; }))
        return true;
    }
    return false;
  }

  void decideSelfDeadlocks() {
    // A function's own re-lock of a lock every call of it holds is not reported when a finding
    // that covers the function reports that lock: one of another function whose path calls it
    // (or ends at its acquisition). That finding must itself be reported: the covered ones grow
    // from the others, so two functions that only cover each other are both reported.
    std::vector<bool> Hideable(SelfCands.size(), false), Hidden(SelfCands.size(), false);
    for (size_t I = 0; I < SelfCands.size(); ++I) {
      const auto &C = SelfCands[I];
      if (!C.propagated && C.E.from.isAbsolute() && hasCallers(C.F->id) && !Entries.count(C.F->id))
        if (auto It = HeldAtEveryCall.find(C.F->id); It != HeldAtEveryCall.end() && It->second.count(C.E.from.key()))
          Hideable[I] = true;
    }
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (size_t I = 0; I < SelfCands.size(); ++I) {
        if (!Hideable[I] || Hidden[I])
          continue;
        const auto &C = SelfCands[I];
        std::string N = C.E.to.name();
        for (size_t J = 0; J < SelfCands.size() && !Hidden[I]; ++J) {
          const auto &O = SelfCands[J];
          if (O.F != C.F && (!Hideable[J] || Hidden[J]) && O.E.to.name() == N && coversFunction(O, C.F))
            Hidden[I] = Changed = true;
        }
      }
    }
    auto Handoff = handoffReleasers();
    std::map<std::pair<std::string, std::string>, std::vector<const SelfCand *>> Groups;
    for (size_t I = 0; I < SelfCands.size(); ++I) {
      const auto &C = SelfCands[I];
      if (Hidden[I] || handedOff(C, Handoff))
        continue;
      std::string N = C.E.to.name();
      Site End = selfDeadlockEnd(C);
      std::pair<std::string, std::string> K{N, End.file + ":" + std::to_string(End.line) + ":" + std::to_string(End.col)};
      Groups[K].push_back(&C);
    }
    auto Len = [](const SelfCand *C) { return C->E.fromNotes.size() + C->E.toNotes.size(); };
    std::vector<std::vector<const SelfCand *>> Found;
    for (auto &[K, G] : Groups) {
      std::vector<const SelfCand *> Paths;  // one per site where a path starts (add() would drop the others)
      for (const auto *C : G) {
        Site At = selfDeadlockStart(*C);
        if (std::none_of(Paths.begin(), Paths.end(), [&](const SelfCand *O) {
              return selfDeadlockStart(*O) == At;
            }))
          Paths.push_back(C);
      }
      std::stable_sort(Paths.begin(), Paths.end(), [&](const SelfCand *A, const SelfCand *B) {
        Site SA = selfDeadlockStart(*A), SB = selfDeadlockStart(*B);
        size_t LA = Len(A), LB = Len(B);
        return std::tie(LA, A->F->name, SA) < std::tie(LB, B->F->name, SB);
      });
      Found.push_back(std::move(Paths));
    }
    // Two second acquisitions reached from one call site are one finding there (add() keeps
    // the first): the nearer one, the defect a reader sees at once. vips_thread_profile_save()
    // holds vips__global_lock around a call that fails into vips_verror(), which locks it
    // itself, and, only when vips__fatal is set, goes on through vips_error_exit() eight calls
    // deeper to vips_error_buffer(), which locks it too (self_deadlock_nearest.c). (Groups by
    // their second acquisition's site, the map's order, are stable; the sort keeps it.)
    std::stable_sort(Found.begin(), Found.end(), [&](const auto &A, const auto &B) {
      return Len(A.front()) < Len(B.front());
    });
    for (const auto &Paths : Found)
      selfDeadlock(Paths);
  }

  void selfDeadlock(const std::vector<const SelfCand *> &Paths) {
    const Function *F = Paths.front()->F;
    const EdgeOcc &E = Paths.front()->E;
    Finding Fd;
    Fd.kind = "self-deadlock";
    std::string N = E.to.name();
    Fd.message = "self-deadlock: " + quote(N) + " is acquired while it is already held by the same thread and it is not recursive";
    Fd.site = E.toNotes.empty() ? F->site : E.toNotes.front().site;
    Fd.function = F->name;
    Fd.notes = selfDeadlockNotes(E);
    Fd.paths = Paths.size();
    if (Paths.size() > 1) {
      size_t Shown = std::min(Paths.size(), MaxSelfDeadlockExamples);
      Fd.message += "; " + std::to_string(Paths.size()) + " call paths reach this acquisition with the lock held (" +
                    (Shown == Paths.size() ? "all" : "the shortest " + std::to_string(Shown)) + " shown)";
      for (size_t I = 1; I < Shown; ++I) {
        std::vector<Note> More = selfDeadlockNotes(Paths[I]->E);
        if (More.empty())
          continue;
        More.front().message = "path " + std::to_string(I + 1) + " of " + std::to_string(Paths.size()) + ", in " +
                               Paths[I]->F->name + "(): " + More.front().message;
        Fd.notes.insert(Fd.notes.end(), More.begin(), More.end());
      }
    }
    Fd.locks = {N};
    Fd.fingerprint = fingerprintOf(Fd.kind, {N, F->name});
    add(std::move(Fd));
  }

  void instanceInversion(const Function *F, const EdgeOcc &E) {
    Finding Fd;
    Fd.kind = "instance-order-inversion";
    std::string N = E.to.key();
    Fd.message = "lock order set by the arguments: " + quote(N) + " of one instance (" + E.from.base() +
                 ") is held while " + quote(N) + " of another instance (" + E.to.base() + ") is acquired in " + F->name +
                 "(); two calls with the arguments swapped can deadlock";
    Fd.site = E.toNotes.empty() ? F->site : E.toNotes.front().site;
    Fd.function = F->name;
    Fd.notes = E.fromNotes;
    for (const auto &X : withSuffix(E.toNotes, " on a second instance while the first is held"))
      Fd.notes.push_back(X);
    Fd.locks = {N};
    Fd.fingerprint = fingerprintOf(Fd.kind, {N, F->name});
    add(std::move(Fd));
  }

  static bool isInstanceBase(const std::string &B) { return B == "T" || (B.size() > 1 && B[0] == 'P'); }

  std::vector<std::pair<const Function *, EdgeOcc>> InstanceCands;

  // The argument of a call standing for instance base B ("P<i>" or "T") of the callee.
  static const std::optional<ObjRef> *argFor(const Call &C, const std::string &B) {
    if (B == "T")
      return &C.thisArg.obj;
    size_t I = std::stoul(B.substr(1));
    return I < C.args.size() ? &C.args[I].obj : nullptr;
  }

  // The pairs of objects the callers of F pass for its instances A and B, followed up
  // through callers that pass their own parameters on. False when some caller's pair cannot
  // be named (it may be either order) or F is an entry nothing here calls with arguments.
  // A caller that cannot make the edge (made only under `Conds`, on F's parameters) passes
  // no pair: one whose constant argument contradicts them, or whose own callers all do.
  bool instancePairs(const Function *F, const std::string &A, const std::string &B, unsigned Depth,
                     std::set<std::pair<std::string, std::string>> &Out, const std::vector<ParamCond> &Conds = {}) {
    auto It = Callers.find(F->id);
    if (It == Callers.end() || It->second.empty() || Depth > 4)
      return false;
    for (const auto &[G, C] : It->second) {
      std::vector<ParamCond> Up;
      if (!Conds.empty()) {
        std::set<std::string> Visiting;
        if (!conditionsAtCall(Conds, C->args, Up, &C->thisArg) || !mayHold(G->id, withConds(Up, C->when), 0, Visiting))
          continue;
        Up = withConds(Up, C->when);
      }
      const auto *X = argFor(*C, A), *Y = argFor(*C, B);
      if (!X || !Y || !*X || !*Y)
        return false;
      const ObjRef &RX = **X, &RY = **Y;
      bool PX = RX.path.empty() && isInstanceBase(RX.base()), PY = RY.path.empty() && isInstanceBase(RY.base());
      if (PX && PY) {
        // a caller that compares its own two by address passes them in that order, whichever
        // it calls first
        if (RX.base() != RY.base() && ordered(G, RX.base(), RY.base()))
          continue;
        // two that no object is both of (types, checked roles) are this caller's own pair: it
        // swaps them only if it passes them both ways
        if (RX.base() != RY.base() && apart(G, RX.base(), RY.base())) {
          Out.insert({G->id + "#" + RX.base(), G->id + "#" + RY.base()});
          continue;
        }
        if (!instancePairs(G, RX.base(), RY.base(), Depth + 1, Out, Up))
          return false;
        continue;
      }
      if ((RX.root == ObjRef::Unknown && RX.path.empty()) || (RY.root == ObjRef::Unknown && RY.path.empty()))
        return false;
      Out.insert({RX.ident(), RY.ident()});
    }
    return true;
  }

  // The memo and cycle key of function Id with its parameters meeting Conds (in any order).
  static std::string condsKey(const std::string &Id, const std::vector<ParamCond> &Conds) {
    std::vector<const ParamCond *> Sorted;
    for (const auto &C : Conds)
      Sorted.push_back(&C);
    std::sort(Sorted.begin(), Sorted.end(), [](const ParamCond *X, const ParamCond *Y) {
      return std::tie(X->param, X->first, X->path, X->eq, X->k, X->mask, X->alt) <
             std::tie(Y->param, Y->first, Y->path, Y->eq, Y->k, Y->mask, Y->alt);
    });
    std::string Key = Id;
    for (const ParamCond *C : Sorted) {
      Key += "|" + std::to_string(C->param) + (C->first ? "[0]" : "");
      for (const auto &F : C->path)
        Key += "->" + F;
      Key += (C->eq ? "=" : "!") + std::to_string(C->k) + "&" + std::to_string(C->mask);
      for (long long V : C->alt)
        Key += "," + std::to_string(V);
    }
    return Key;
  }

  // A and B's conditions together, each once.
  static std::vector<ParamCond> withConds(std::vector<ParamCond> A, const std::vector<ParamCond> &B) {
    for (const auto &X : B)
      if (std::find(A.begin(), A.end(), X) == A.end())
        A.push_back(X);
    return A;
  }
  // May some call path enter `Id` with `Conds` (on its parameters) true? Not when each of its
  // callers passes a constant that contradicts them, or passes its own parameter on to the
  // same question for itself and no caller there can. A path that only goes round a
  // recursion (move_cnt(.., do_locks) calling itself with its own `do_locks`) brings no value
  // of its own: the recursion answers no. Past MaxCondDepth calls, or at a function called
  // from where the analysis cannot see, the conditions may hold.
  bool mayHold(const std::string &Id, const std::vector<ParamCond> &Conds, unsigned Depth,
               std::set<std::string> &Visiting) {
    for (size_t I = 0; I < Conds.size(); ++I)
      for (size_t J = I + 1; J < Conds.size(); ++J)
        if (contradicts(Conds[I], Conds[J]))
          return false;
    if (Conds.empty() || Depth > MaxCondDepth || Entries.count(Id) || !hasCallers(Id) ||
        Callers[Id].size() > MaxCondCallers)
      return true;
    std::string Key = condsKey(Id, Conds);
    if (!Visiting.insert(Key).second)
      return false;
    bool Any = false;
    for (const auto &[G, C] : Callers[Id]) {
      std::vector<ParamCond> Up;
      if (conditionsAtCall(Conds, C->args, Up, &C->thisArg) && mayHold(G->id, withConds(Up, C->when), Depth + 1, Visiting)) {
        Any = true;
        break;
      }
    }
    Visiting.erase(Key);
    return Any;
  }

  // instance-order-inversion needs two calls that can pass the instances in opposite orders:
  // not when F is never called, nor when every caller passes them in the same order.
  void decideInstanceInversions() {
    for (auto &[F, E] : InstanceCands) {
      if (!hasCallers(F->id))
        continue;
      // a lock of one object held exclusively there: two calls cannot both hold an instance
      if (std::any_of(E.soleGate.begin(), E.soleGate.end(), [&, &E = E](const std::string &K) { return K != E.to.key(); }))
        continue;
      // parameters no object is both of: only F taking them both ways makes an inversion
      if (apart(F, E.from.base(), E.to.base())) {
        // both orders, each on a path some caller can take (`lock_pair(src, sink, sink_first)`
        // with every caller passing 0 takes one)
        auto canHold = [&](const std::vector<ParamCond> &When) {
          std::set<std::string> Visiting;
          return When.empty() || mayHold(F->id, When, 0, Visiting);
        };
        bool BothWays = canHold(E.when) && std::any_of(InstanceCands.begin(), InstanceCands.end(), [&, &E = E](const auto &O) {
          return O.first == F && O.second.from.base() == E.to.base() && O.second.to.base() == E.from.base() &&
                 O.second.to.key() == E.to.key() && canHold(O.second.when);
        });
        if (BothWays)
          instanceInversion(F, E);
        continue;
      }
      std::set<std::pair<std::string, std::string>> Pairs;
      if (instancePairs(F, E.from.base(), E.to.base(), 0, Pairs, E.when)) {
        bool Swapped = false;
        for (const auto &[X, Y] : Pairs)
          Swapped = Swapped || (X != Y && Pairs.count({Y, X}));
        if (!Swapped)
          continue;
      }
      instanceInversion(F, E);
    }
  }

  // Classifies one edge occurrence found in function F.
  void occurrence(const Function *F, EdgeOcc E, bool Propagated) {
    if (E.from.fresh || E.to.fresh)
      return;  // an object no other thread can see yet
    if (E.from.ident() == E.to.ident()) {
      // two locks of unknown instances (a[i]->mu, a[j]->mu) are not known to be one
      if (isRecursive(E.to) || (E.fromShared && E.toShared) || E.to.root == ObjRef::Unknown)
        return;
      SelfCands.push_back({F, std::move(E), Propagated});  // decideSelfDeadlocks()
      return;
    }
    if (E.from.isAbsolute() && E.to.isAbsolute()) {
      std::string KF = E.from.key(), KT = E.to.key();
      if (KF == KT) {
        std::string BF = E.from.base(), BT = E.to.base();
        if (isInstanceBase(BF) && isInstanceBase(BT) && BF != BT && !ordered(F, BF, BT) && !isRecursive(E.to))
          InstanceCands.push_back({F, std::move(E)});  // decided once the callers are known
        return;
      }
      // one recursive lock reached two ways (ucx's `worker->async` and `ep->worker->async`, the
      // same field of the object the last pointer reaches): most likely the object itself taken
      // again, as two instances of one key above. Not when that object is the lock's own
      // implementation (cxxtools' `RecursiveMutex::_impl` -> `MutexImpl::m`: every mutex has
      // its own), only when it holds the lock inside something of its own.
      if (isRecursive(E.from) && isRecursive(E.to) && (E.from.hopAt > 0 || E.to.hopAt > 0) &&
          E.from.tailKey() == E.to.tailKey()) {
        const ObjRef &H = E.from.hopAt > 0 ? E.from : E.to;
        size_t Tail = H.hopAt < H.path.size() ? H.path.size() - H.hopAt : 0;
        if (Tail >= 2 && !(H.sole && H.wrapped + 1u >= Tail))
          return;
      }
      auto &D = Graph[{KF, KT}];
      D.fromName = E.from.name();
      D.toName = E.to.name();
      auto classOf = [&](const ObjRef &R, std::string &Key) {
        if (R.globalInstance()) {
          ObjRef C = R;  // the same field of an unknown instance
          C.root = ObjRef::Unknown;
          C.rootName.clear();
          C.display.clear();
          Key = C.classKey();
        } else if (!R.path.empty()) {
          ClassNodes.insert(R.key());
        }
      };
      classOf(E.from, D.fromClass);
      classOf(E.to, D.toClass);
      {
        constexpr size_t MaxCrossings = 8;
        std::string BF = E.from.base(), BT = E.to.base();
        bool Members = !BF.empty() && !BT.empty() && !E.from.path.empty() && !E.to.path.empty() && E.from.cls == E.to.cls;
        bool SamePrefix = Members && E.from.path.size() == E.to.path.size() &&
                          std::equal(E.from.path.begin(), E.from.path.end() - 1, E.to.path.begin());
        if (Members && BF != BT && D.crossings.size() < MaxCrossings)
          D.crossings.insert({F, BF, BT});
        else if (!(Members && BF == BT && SamePrefix))
          D.objectsUnknown = true;
      }
      D.declaredOnly = false;
      D.fromShared = D.fromShared || E.fromShared;
      {
        Site At = E.toNotes.empty() ? F->site : E.toNotes.front().site;
        bool Have = false;
        for (const auto &O : D.occs)
          Have = Have || (O.fn == F && O.at.offset == At.offset && O.at.file == At.file);
        if (!Have) {
          if (D.occs.size() < MaxOccsPerEdge)
            D.occs.push_back({F, At});
          else
            D.manyOccs = true;
        }
      }
      KeySet G = E.gate;
      G.erase(KF);
      G.erase(KT);
      if (!D.gate) {
        D.gate = G;
      } else {
        KeySet I;
        std::set_intersection(D.gate->begin(), D.gate->end(), G.begin(), G.end(), std::inserter(I, I.begin()));
        *D.gate = I;
      }
      D.byMode.emplace(std::make_pair(E.fromShared, E.toShared), std::move(E));
      return;
    }
    auto &R = RelEdges[F->id];
    for (const auto &X : R)
      if (X.from.sameIdent(E.from) && X.to.sameIdent(E.to))
        return;
    if (R.size() >= MaxRelEdgesPerFunction) {
      Cut.relFull.insert(F->name);
      return;
    }
    R.push_back(std::move(E));
  }

  // Re-acquiring a lock already held adds no order edge (it either succeeds at
  // once, recursive, or is a self-deadlock reported on its own).
  static bool reentry(const std::vector<Held> &H, const ObjRef &R) {
    for (const auto &X : H)
      if (X.ref.ident() == R.ident())
        return true;
    return false;
  }

  void collectEdges() {
    for (const auto &[Id, F] : Fns) {
      const KeySet &ME = MustEntry[Id];
      // Locks of objects this function destroys (Acquire::teardown): held while it tears the
      // object down, no other thread may take them (it would take a destroyed lock), so what
      // it takes meanwhile makes no cycle with them: freeDiameter's fd_dict_fini() holds the
      // dictionary's dict_lock while destroy_object() takes fd_disp_lock, and then destroys
      // dict_lock (teardown_held_lock.c).
      std::set<std::string> TornDown;
      for (const auto &A : F->acquires)
        if (A.teardown)
          TornDown.insert(A.ref.ident());
      for (const auto &A : F->acquires) {
        if (A.trylock)
          continue;
        KeySet HeldKeys = absKeys(A.held);
        bool Reentry = reentry(A.held, A.ref);
        for (const auto &H : A.held) {
          if (Reentry && H.ref.ident() != A.ref.ident())
            continue;
          if ((A.teardown || TornDown.count(H.ref.ident())) && H.ref.ident() != A.ref.ident())
            continue;  // the object is being destroyed: no other thread can hold its lock
          // on the way out of a fatal error (`if (!p) { log_fatal(...); _exit(1); }`): what the
          // thread takes there is no order of the running program; a relock is still a hang
          if (A.dying && H.ref.ident() != A.ref.ident())
            continue;
          EdgeOcc E;
          E.from = H.ref;
          E.to = A.ref;
          E.fromShared = H.shared;
          E.toShared = A.shared;
          E.fromNotes = H.notes;
          E.toNotes = withSuffix(A.notes, " while " + quote(H.ref.name()) + " is held");
          E.gate = HeldKeys;
          E.gate.insert(ME.begin(), ME.end());
          E.soleGate = soleExclusiveKeys(A.held);
          for (const auto &R : A.released)
            if (R.isAbsolute())
              E.gate.erase(R.key());
          E.func = F->name;
          E.when = A.when;
          occurrence(F, std::move(E), false);
        }
      }
      for (const auto &C : F->calls) {
        auto It = Acq.find(C.callee);
        if (It == Acq.end() || C.held.empty())
          continue;
        KeySet HeldKeys = absKeys(C.held);
        for (const auto &X : It->second) {
          auto R = substituteRef(X.ref, C.args, C.thisArg);
          if (!R)
            continue;
          std::vector<ParamCond> Unused = C.when;  // with the call's own: `if (!dolock) lock; f(dolock)`
          if (!conditionsAtCall(X.when, C.args, Unused, &C.thisArg))
            continue;
          if (flagRulesOut(X.unless, C))
            continue;
          bool Reentry = reentry(C.held, *R);
          std::set<std::string> Released;
          for (const auto &Y : X.released)
            if (auto M = substituteRef(Y, C.args, C.thisArg))
              Released.insert(M->ident());
          if (Released.count(R->ident()))
            continue;  // the callee released the caller's lock and takes it back
          for (const auto &H : C.held) {
            if (Reentry && H.ref.ident() != R->ident())
              continue;
            if (Released.count(H.ref.ident()))
              continue;
            if (initRulesOut(X.unless, H.ref) || initRulesOut({C.unless.begin(), C.unless.end()}, H.ref))
              continue;
            // a lock the callee takes only while it destroys the object (the last reference
            // dropped, attr_cache__free() -> git_attr_file__free() -> attr_file_free()): no
            // other thread holds it, so it closes no cycle with the caller's locks
            if ((X.teardown || TornDown.count(H.ref.ident())) && H.ref.ident() != R->ident())
              continue;
            // on the way out of a fatal error (Acquire::dying): no order edge, and a relock
            // only near the failure (MaxDyingRelockCalls)
            if ((X.dying || C.dying) &&
                (H.ref.ident() != R->ident() || 1 + X.chain.calls(MaxDyingRelockCalls) > MaxDyingRelockCalls))
              continue;
            EdgeOcc E;
            E.from = H.ref;
            E.to = *R;
            E.fromShared = H.shared;
            E.toShared = X.shared;
            E.fromNotes = H.notes;
            E.toNotes = withSuffix(X.chain.with({C.site, "call to " + C.calleeName + "()"}).notes(),
                                   " while " + quote(H.ref.name()) + " is held");
            E.gate = HeldKeys;
            E.gate.insert(ME.begin(), ME.end());
            E.soleGate = soleExclusiveKeys(C.held);
            for (const auto &Y : C.released)
              if (Y.isAbsolute())
                E.gate.erase(Y.key());
            for (const auto &Y : X.released)  // released below the call: not held at the acquisition
              if (auto M = substituteRef(Y, C.args, C.thisArg); M && M->isAbsolute())
                E.gate.erase(M->key());
            E.gate.insert(X.inner.begin(), X.inner.end());
            E.func = F->name;
            E.when = Unused;
            occurrence(F, std::move(E), false);
          }
        }
      }
    }
    // edges with parameter ends: instantiate at every caller, to a fixpoint
    std::deque<std::string> Work;
    for (const auto &[Id, R] : RelEdges)
      Work.push_back(Id);
    size_t Budget = 50 * Fns.size() + 1000;
    while (!Work.empty()) {
      if (Budget-- == 0) {
        Cut.relBudget = true;
        break;
      }
      std::string Id = Work.front();
      Work.pop_front();
      std::vector<EdgeOcc> Mine = RelEdges[Id];
      for (const auto &[G, C] : Callers[Id]) {
        size_t Before = RelEdges[G->id].size();
        for (const auto &E : Mine) {
          auto F2 = substituteRef(E.from, C->args, C->thisArg);
          auto T2 = substituteRef(E.to, C->args, C->thisArg);
          if (!F2 || !T2)
            continue;
          EdgeOcc N = E;
          N.from = *F2;
          N.to = *T2;
          N.fromNotes = chainWith({C->site, "call to " + C->calleeName + "()"}, E.fromNotes);
          N.toNotes = chainWith({C->site, "call to " + C->calleeName + "()"}, E.toNotes);
          KeySet HK = absKeys(C->held);
          N.gate.insert(HK.begin(), HK.end());
          KeySet SG = soleExclusiveKeys(C->held);
          N.soleGate.insert(SG.begin(), SG.end());
          const KeySet &MG = MustEntry[G->id];
          N.gate.insert(MG.begin(), MG.end());
          occurrence(G, std::move(N), true);
        }
        if (RelEdges[G->id].size() != Before)
          Work.push_back(G->id);
      }
    }
    for (const auto *O : Orders) {
      auto &D = Graph[{O->before, O->after}];
      D.fromName = O->beforeName;
      D.toName = O->afterName;
      D.gate = KeySet{};
      D.declared = true;
      D.objectsUnknown = true;  // an annotation names no objects
      EdgeOcc E;
      E.toNotes = {{O->site, "declared order: " + quote(O->beforeName) + " is acquired before " + quote(O->afterName)}};
      D.byMode.emplace(std::make_pair(false, false), std::move(E));
    }
  }

  // A lock inside a global object is its own node (`_slave_mutex` and `_global_event_mutex`,
  // two mutex_t globals, are two locks). When the graph also has the same Class::path lock of
  // an unknown instance (`p->sys_mutex` ordered against something; a lock wrapper that logs
  // while it holds `m->mutex`), that one may be any of them: each instance gets a copy of the
  // unknown one's edges, so no cycle through the unknown lock is lost, while two instances stay
  // two nodes (kannel: smsc_list_lock => port_mutex and status_mutex => smsc_list_lock, two
  // global `Mutex *`, are no cycle; joined into one Class::path node they were one).
  void joinInstances() {
    std::map<std::string, std::string> To;    // instance key -> class key
    std::map<std::string, std::string> Shown;  // instance key -> its name
    for (const auto &[K, D] : Graph) {
      if (!D.fromClass.empty() && ClassNodes.count(D.fromClass))
        To[K.first] = D.fromClass, Shown[K.first] = D.fromName;
      if (!D.toClass.empty() && ClassNodes.count(D.toClass))
        To[K.second] = D.toClass, Shown[K.second] = D.toName;
    }
    if (To.empty())
      return;
    std::map<std::string, std::vector<std::string>> Instances;  // class key -> instance keys
    for (const auto &[I, C] : To) {
      Instances[C].push_back(I);
      InstanceClasses.insert(C);
    }
    InstanceOf = To;
    // a class's unknown lock and one of its instances may be one lock: no edge between them
    auto oneLock = [&](const std::string &A, const std::string &B) {
      auto IA = To.find(A), IB = To.find(B);
      return A == B || (IA != To.end() && IA->second == B) || (IB != To.end() && IB->second == A);
    };
    std::map<std::pair<std::string, std::string>, EdgeData> Joined;
    auto addEdge = [&](std::pair<std::string, std::string> NK, EdgeData D) {
      auto It = Joined.find(NK);
      if (It == Joined.end()) {
        Joined.emplace(std::move(NK), std::move(D));
        return;
      }
      EdgeData &J = It->second;
      for (auto &[M, E] : D.byMode)
        J.byMode.emplace(M, std::move(E));
      if (D.gate && J.gate)
        *J.gate = intersect(*J.gate, *D.gate);
      else if (D.gate)
        J.gate = D.gate;
      J.declaredOnly = J.declaredOnly && D.declaredOnly;
      J.declared = J.declared || D.declared;
      J.fromShared = J.fromShared || D.fromShared;
      for (const auto &O : D.occs)
        if (J.occs.size() < MaxOccsPerEdge)
          J.occs.push_back(O);
        else
          J.manyOccs = true;
      J.manyOccs = J.manyOccs || D.manyOccs;
      J.crossings.insert(D.crossings.begin(), D.crossings.end());
      J.objectsUnknown = J.objectsUnknown || D.objectsUnknown;
    };
    auto ends = [&](const std::string &K) {
      std::vector<std::string> E{K};
      if (auto It = Instances.find(K); It != Instances.end())
        E.insert(E.end(), It->second.begin(), It->second.end());
      return E;
    };
    for (auto &[K, D] : Graph) {
      if (oneLock(K.first, K.second))
        continue;  // as for two locks of unknown instances: no edge
      for (const auto &F : ends(K.first))
        for (const auto &T : ends(K.second)) {
          if (oneLock(F, T))
            continue;
          EdgeData C = D;
          if (F != K.first)
            C.fromName = Shown[F];
          if (T != K.second)
            C.toName = Shown[T];
          addEdge({F, T}, std::move(C));
        }
    }
    Graph = std::move(Joined);
  }

  // ---- cycles -------------------------------------------------------------------------
  // For each edge U -> V inside a strongly connected component, the shortest cycle through it:
  // a BFS from V back to U, no deeper than the longest cycle reported (a longer shortest cycle
  // is no finding anyway). O(E * (V + E)) in the worst case: the searches share a budget
  // proportional to the graph, and the edges left unsearched when it runs out are reported
  // as a limit of the run.
  void findCycles() {
    std::vector<const std::string *> Name;
    std::map<std::string, unsigned> Id;
    auto idOf = [&](const std::string &S) {
      auto [It, New] = Id.try_emplace(S, Name.size());
      if (New)
        Name.push_back(&It->first);
      return It->second;
    };
    std::vector<std::pair<unsigned, unsigned>> Edges;
    for (const auto &[K, D] : Graph)
      Edges.push_back({idOf(K.first), idOf(K.second)});
    const unsigned NV = Name.size();
    std::vector<std::vector<unsigned>> Adj(NV);
    for (const auto &[U, V] : Edges)
      Adj[U].push_back(V);  // in Graph's order: the BFS below finds the same path every run
    // Tarjan's SCC (iterative)
    std::vector<int> Index(NV, -1), Low(NV, 0), Comp(NV, -1);
    std::vector<char> OnStack(NV, 0);
    std::vector<unsigned> Stack;
    int Next = 0, NComp = 0;
    for (unsigned Root = 0; Root < NV; ++Root) {
      if (Index[Root] >= 0)
        continue;
      std::vector<std::pair<unsigned, size_t>> Call{{Root, 0}};
      Index[Root] = Low[Root] = Next++;
      Stack.push_back(Root);
      OnStack[Root] = 1;
      while (!Call.empty()) {
        auto &[V, I] = Call.back();
        const auto &Succ = Adj[V];
        if (I < Succ.size()) {
          unsigned W = Succ[I++];
          if (Index[W] < 0) {
            Index[W] = Low[W] = Next++;
            Stack.push_back(W);
            OnStack[W] = 1;
            Call.push_back({W, 0});
          } else if (OnStack[W]) {
            Low[V] = std::min(Low[V], Index[W]);
          }
          continue;
        }
        if (Low[V] == Index[V]) {
          while (true) {
            unsigned W = Stack.back();
            Stack.pop_back();
            OnStack[W] = 0;
            Comp[W] = NComp;
            if (W == V)
              break;
          }
          ++NComp;
        }
        unsigned Done = V;
        Call.pop_back();
        if (!Call.empty())
          Low[Call.back().first] = std::min(Low[Call.back().first], Low[Done]);
      }
    }
    const size_t MaxLen = Opts.maxCycleLength;
    size_t Budget = CycleBudgetPerElement * (NV + Edges.size()) + CycleBudgetBase;
    std::vector<unsigned> Prev(NV), Dist(NV), Seen(NV, 0);  // Seen: the search that reached it
    unsigned Search = 0;
    std::set<std::vector<std::string>> Done;
    std::vector<std::vector<std::string>> Cycles;
    for (size_t EI = 0; EI < Edges.size(); ++EI) {
      const auto [U, V] = Edges[EI];
      if (Comp[U] != Comp[V] || MaxLen < 2)
        continue;
      if (Budget == 0) {
        ++Cut.cycleEdges;
        continue;
      }
      // BFS from V back to U inside the component, at most MaxLen - 1 edges
      ++Search;
      std::deque<unsigned> Q{V};
      Seen[V] = Search;
      Prev[V] = V;
      Dist[V] = 0;
      bool Found = false;
      while (!Q.empty() && !Found && Budget > 0) {
        unsigned X = Q.front();
        Q.pop_front();
        if (Dist[X] + 1 > MaxLen - 1)
          continue;
        for (unsigned Y : Adj[X]) {
          if (Budget > 0)
            --Budget;
          if (Comp[Y] != Comp[U] || Seen[Y] == Search)
            continue;
          Seen[Y] = Search;
          Prev[Y] = X;
          Dist[Y] = Dist[X] + 1;
          if (Y == U) {
            Found = true;
            break;
          }
          Q.push_back(Y);
        }
      }
      if (!Found) {
        if (Budget == 0)
          ++Cut.cycleEdges;  // the search ran out before it ended
        continue;
      }
      std::vector<std::string> Cyc;  // U, V, ..., (before U)
      std::vector<unsigned> Path;     // V ... U
      for (unsigned X = U; X != V; X = Prev[X])
        Path.push_back(X);
      Path.push_back(V);
      std::reverse(Path.begin(), Path.end());
      Cyc.push_back(*Name[U]);
      for (size_t I = 0; I + 1 < Path.size(); ++I)
        Cyc.push_back(*Name[Path[I]]);
      auto MinIt = std::min_element(Cyc.begin(), Cyc.end());
      std::rotate(Cyc.begin(), MinIt, Cyc.end());
      if (!Done.insert(Cyc).second)
        continue;
      Cycles.push_back(std::move(Cyc));
    }
    // One cycle through a lock of an unknown instance and the same through one of its class's
    // global instances (joinInstances()) are one finding: the one that names the most locks
    // as the source does.
    auto unknowns = [&](const std::vector<std::string> &C) {
      return std::count_if(C.begin(), C.end(), [&](const std::string &K) { return InstanceClasses.count(K) > 0; });
    };
    std::stable_sort(Cycles.begin(), Cycles.end(),
                     [&](const auto &A, const auto &B) { return unknowns(A) < unknowns(B); });
    std::set<std::vector<std::string>> AsClasses;
    std::vector<CycleItem> Items;
    for (const auto &Cyc : Cycles) {
      std::vector<std::string> C;
      for (const auto &K : Cyc) {
        auto It = InstanceOf.find(K);
        C.push_back(It == InstanceOf.end() ? K : It->second);
      }
      std::rotate(C.begin(), std::min_element(C.begin(), C.end()), C.end());
      if (AsClasses.insert(C).second)
        if (auto F = cycleFinding(Cyc))
          Items.push_back({Cyc, std::move(*F)});
    }
    reportCycles(Items);
  }

  // ---- one finding per edge that closes several cycles ----------------------------------
  // Each edge's shortest cycle is a finding of its own, so one edge that closes cycles with
  // several others (slurmctld's federation lock taken, through a chain of calls, under the
  // job write lock that six other paths take the other way round) made as many findings,
  // each needing that edge: right or wrong, it is one thing to look at and one order to
  // change. Greedily, the edge shared by the most cycles of one kind groups them into one
  // finding: the shortest of them, with the others' notes after its own, each introduced by
  // the cycle it belongs to. Its fingerprint stays the shortest cycle's (a baseline made
  // before keeps it).
  struct CycleItem {
    std::vector<std::string> keys;  // the cycle's lock keys, in order
    Finding finding;
  };

  void reportCycles(std::vector<CycleItem> &Items) {
    std::vector<char> Grouped(Items.size(), 0), Dropped(Items.size(), 0);
    // each cycle's edges as numbers (an edge per kind: the cycles of two kinds never group)
    std::map<std::pair<std::string, std::pair<std::string, std::string>>, size_t> EdgeId;
    std::vector<std::pair<std::string, std::string>> EdgeOf;
    std::vector<std::vector<size_t>> Edges;
    for (const auto &It : Items) {
      std::set<size_t> E;
      const auto &C = It.keys;
      for (size_t I = 0; I < C.size(); ++I) {
        auto [P, New] = EdgeId.try_emplace({It.finding.kind, {C[I], C[(I + 1) % C.size()]}}, EdgeOf.size());
        if (New)
          EdgeOf.push_back(P->first.second);
        E.insert(P->second);
      }
      Edges.emplace_back(E.begin(), E.end());
    }
    std::vector<size_t> Count(EdgeOf.size());
    while (true) {
      // the edge in the most ungrouped cycles (ties: the first such edge seen)
      std::fill(Count.begin(), Count.end(), 0);
      size_t Best = 0, BestN = 1;
      for (size_t I = 0; I < Items.size(); ++I) {
        if (Grouped[I])
          continue;
        for (size_t E : Edges[I])
          if (++Count[E] > BestN) {
            BestN = Count[E];
            Best = E;
          }
      }
      if (BestN < 2)
        break;
      std::vector<size_t> Members;
      for (size_t I = 0; I < Items.size(); ++I)
        if (!Grouped[I] && std::binary_search(Edges[I].begin(), Edges[I].end(), Best))
          Members.push_back(I);
      size_t Primary = Members.front();
      for (size_t I : Members)
        if (Items[I].keys.size() < Items[Primary].keys.size())
          Primary = I;
      Finding &Fd = Items[Primary].finding;
      const EdgeData &Shared = Graph.at(EdgeOf[Best]);
      const size_t More = Members.size() - 1;
      Fd.message += "; the same order " + quote(Shared.fromName) + " => " + quote(Shared.toName) + " closes " +
                    std::to_string(More) + " more cycle" + (More > 1 ? "s" : "") + " (in the notes): not acquiring " +
                    quote(Shared.toName) + " while holding " + quote(Shared.fromName) + " breaks " +
                    (More > 1 ? "them all" : "both");
      for (size_t I : Members) {
        Grouped[I] = 1;
        if (I == Primary)
          continue;
        Dropped[I] = 1;
        const Finding &O = Items[I].finding;
        Fd.also.push_back(O.cycle);
        std::string Text;
        for (const auto &Nm : O.cycle)
          Text += Nm + " => ";
        Text += O.cycle.empty() ? std::string() : O.cycle.front();
        // its own edges' notes (the shared edge's are there already)
        bool First = true;
        for (const auto &Nt : O.notes) {
          auto Same = [&](const Note &X) { return X.site == Nt.site && X.message == Nt.message; };
          if (std::any_of(Fd.notes.begin(), Fd.notes.end(), Same))
            continue;
          Note N = Nt;
          if (First)
            N.message = "also the cycle " + Text + ": " + N.message;
          First = false;
          Fd.notes.push_back(std::move(N));
        }
      }
    }
    for (size_t I = 0; I < Items.size(); ++I)
      if (!Dropped[I])
        add(std::move(Items[I].finding));
  }

  // A cycle among the member locks of one class (one object key: `obs_scene::video_mutex`,
  // `obs_scene::audio_mutex`) whose edges stay within one object except where one function
  // goes from the object of one base to that of another, always the same two (OBS's
  // `full_lock(scene); full_lock(sub_scene)`, each taking video then audio: parent's audio ->
  // child's video, child's video -> child's audio). Threads deadlocking on it would each leave
  // an object only through that function, from its first object to its second: two runs of it
  // with the objects swapped, which is the order of instances its callers choose, not this
  // cycle of the class. When the two are the function's parameters (or `this`) and it has
  // callers, they must be seen passing every pair one way (instancePairs(), as for
  // instance-order-inversion); a function nothing here calls (a library's API) is taken as
  // instance-order-inversion takes it: no evidence of both orders.
  bool oneObjectCrossing(const std::vector<std::string> &Cyc, const std::vector<const EdgeData *> &Es) {
    auto objectKey = [](const std::string &K) {  // (`ns::Conn` of `ns::Conn::mu`)
      size_t Colons = K.rfind("::");
      size_t Dot = K.rfind('.');
      if (Colons == std::string::npos)
        return std::string();
      return Dot == std::string::npos || Dot < Colons ? K.substr(0, Colons) : K.substr(0, Dot);
    };
    std::string Obj = objectKey(Cyc.front());
    if (Obj.empty())
      return false;
    for (const auto &K : Cyc)
      if (objectKey(K) != Obj)
        return false;
    std::set<std::tuple<const Function *, std::string, std::string>> Crossings;
    for (const EdgeData *E : Es) {
      if (E->objectsUnknown || E->manyOccs)
        return false;
      Crossings.insert(E->crossings.begin(), E->crossings.end());
    }
    if (Crossings.size() != 1)
      return false;
    const auto &[F, A, B] = *Crossings.begin();
    if (!isInstanceBase(A) || !isInstanceBase(B) || !hasCallers(F->id))
      return true;
    std::set<std::pair<std::string, std::string>> Pairs;
    if (!instancePairs(F, A, B, 0, Pairs))
      return false;
    for (const auto &[X, Y] : Pairs)
      if (X != Y && Pairs.count({Y, X}))
        return false;
    return true;
  }

  std::optional<Finding> cycleFinding(const std::vector<std::string> &Cyc) {
    size_t N = Cyc.size();
    std::vector<const EdgeData *> Es;
    for (size_t I = 0; I < N; ++I)
      Es.push_back(&Graph.at({Cyc[I], Cyc[(I + 1) % N]}));
    // a lock held around every edge (not one of the cycle's own) removes the cycle
    std::optional<KeySet> Gate;
    bool AllDeclared = true;
    for (const auto *E : Es) {
      AllDeclared = AllDeclared && E->declaredOnly;
      KeySet G = E->gate ? *E->gate : KeySet{};
      if (!Gate) {
        Gate = G;
      } else {
        KeySet I;
        std::set_intersection(Gate->begin(), Gate->end(), G.begin(), G.end(), std::inserter(I, I.begin()));
        *Gate = I;
      }
    }
    if (AllDeclared)
      return std::nullopt;
    for (const auto &C : Cyc)
      Gate->erase(C);
    if (!Gate->empty())
      return std::nullopt;
    // Each thread of a deadlock on this cycle holds one of its locks. If every occurrence of
    // edge I holds another lock Lj of the cycle, and Lj is only ever held exclusively as the
    // start of edge J, the thread at edge I and the thread at edge J would hold Lj at once:
    // this cycle cannot happen as such. It is a shorter cycle (through the chord Lj -> L(I+1),
    // which that held lock makes) seen through a longer path, and that one is reported.
    for (size_t I = 0; I < N; ++I) {
      if (!Es[I]->gate)
        continue;
      for (size_t J = 0; J < N; ++J)
        if (J != I && J != (I + 1) % N && Es[I]->gate->count(Cyc[J]) && !Es[J]->fromShared)
          return std::nullopt;
    }
    // choose one occurrence per edge such that every lock is contended in a conflicting mode
    std::vector<std::vector<const EdgeOcc *>> Choices;
    for (const auto *E : Es) {
      std::vector<const EdgeOcc *> C;
      for (const auto &[M, O] : E->byMode)
        C.push_back(&O);
      Choices.push_back(C);
    }
    std::vector<const EdgeOcc *> Pick(N);
    std::function<bool(size_t)> Search = [&](size_t I) -> bool {
      if (I == N) {
        for (size_t J = 0; J < N; ++J) {  // lock Cyc[(J+1)%N]: wanted by edge J, held by edge J+1
          const EdgeOcc *In = Pick[J], *OutE = Pick[(J + 1) % N];
          bool InShared = In->toShared, OutShared = OutE->fromShared;
          if (InShared && OutShared)
            return false;
        }
        return true;
      }
      for (const auto *O : Choices[I]) {
        Pick[I] = O;
        if (Search(I + 1))
          return true;
      }
      return false;
    };
    if (N <= 8 && !Search(0))
      return std::nullopt;
    if (oneObjectCrossing(Cyc, Es))
      return std::nullopt;
    if (N > 8)
      for (size_t I = 0; I < N; ++I)
        Pick[I] = Choices[I].front();
    // rotate so the first edge is the one whose acquisition site comes first
    size_t Start = 0;
    for (size_t I = 1; I < N; ++I) {
      const auto *A = Pick[I], *B = Pick[Start];
      if (!A->toNotes.empty() && (B->toNotes.empty() || A->toNotes.front().site < B->toNotes.front().site))
        Start = I;
    }
    // A deadlock on this cycle needs a thread per edge, all running at once: when some two
    // of its edges cannot be made by two threads at the same time (one thread started once
    // makes both: icecast2's slave thread re-reading the config and checking relays), it
    // cannot happen as such. Latent when no two edges can; else it is no finding (a thread
    // that holds the first lock of its two edges when it takes the last makes a chord, and
    // the shorter cycle through it is reported on its own).
    bool Latent = !anyConcurrentPair(Es);
    if (!Latent && !allConcurrentPairs(Es))
      return std::nullopt;
    Finding Fd;
    Fd.kind = Latent ? "latent-lock-order" : "lock-order-inversion";
    std::vector<std::string> Names;
    for (size_t K = 0; K < N; ++K)
      Names.push_back(Es[(Start + K) % N]->fromName);
    std::string CycleText;
    for (const auto &Nm : Names)
      CycleText += Nm + " => ";
    CycleText += Names.front();
    const EdgeOcc *First = Pick[Start];
    Fd.message = "lock order inversion (potential deadlock): " + CycleText + "; " + quote(Es[Start]->toName) +
                 " is acquired while holding " + quote(Es[Start]->fromName) + " here, and the opposite order is taken elsewhere";
    if (Latent)
      Fd.message = "latent lock-order inconsistency (cannot deadlock as analyzed: its edges are made by one thread, "
                   "or by threads ordered by create/join): " + CycleText + "; " + quote(Es[Start]->toName) +
                   " is acquired while holding " + quote(Es[Start]->fromName) +
                   " here, and the opposite order is taken elsewhere; pick one order";
    Fd.site = First->toNotes.empty() ? Site{} : First->toNotes.front().site;
    Fd.function = First->func;
    for (size_t K = 0; K < N; ++K) {
      const EdgeOcc *E = Pick[(Start + K) % N];
      const EdgeData *D = Es[(Start + K) % N];
      bool FirstNote = true;
      for (auto Nt : E->fromNotes) {
        if (FirstNote)
          Nt.message += " (edge " + D->fromName + " => " + D->toName + (E->func.empty() ? "" : ", in " + E->func + "()") + ")";
        FirstNote = false;
        Fd.notes.push_back(Nt);
      }
      for (const auto &Nt : E->toNotes)
        Fd.notes.push_back(Nt);
    }
    Fd.cycle = Names;
    Fd.locks = Names;
    std::vector<std::string> Parts = Names;
    Fd.fingerprint = fingerprintOf(Fd.kind, Parts);
    return Fd;
  }

  // ---- which threads make an edge (cycle classes) --------------------------------------------
  // As the runtime hook: a cycle is a lock-order-inversion when two of its edges can be made
  // by threads running at the same time, else a latent-lock-order. A function runs in the
  // threads whose roots reach it over the call graph: "T:<entry>" (a thread entry), "<main>"
  // (the program's main()) or "<other>" (a function nothing calls: a library API, a callback
  // whose callers are not known; any thread, at any time). A callback called through the
  // program's own function-pointer members runs in its callers' threads (IndCallers). Two edges in the main thread are one thread; two in one
  // entry are one thread unless it is started more than once (as for races). An edge in the
  // main thread and one in entry T are ordered when the main thread's edge runs, on every
  // call path from main(), before T is created or after T is joined (the pthread_t the
  // spawn wrote, joined directly or in a called function, source order within a function).
  // (Callers gains empty entries from operator[] as the analysis runs.)
  bool hasCallers(const std::string &Id) const {
    auto It = Callers.find(Id);
    return It != Callers.end() && !It->second.empty();
  }

  const std::set<std::string> &tokens(const std::string &Id) {
    if (!TokDone) {
      TokDone = true;
      std::deque<std::string> Work;
      for (const auto &[Fid, F] : Fns) {
        auto &T = Tok[Fid];
        if (Entries.count(Fid))
          T.insert("T:" + Fid);
        if (!hasCallers(Fid) && !IndCallers.count(Fid) && !Entries.count(Fid))
          T.insert(F->name == "main" ? "<main>" : "<other>");
        if (!T.empty())
          Work.push_back(Fid);
      }
      while (!Work.empty()) {
        std::string X = Work.front();
        Work.pop_front();
        forEachCall(Fns.at(X), [&](const std::string &Callee, const Site &) {
          if (!Fns.count(Callee) || Callee == X)
            return;
          auto &D = Tok[Callee];
          size_t Before = D.size();
          D.insert(Tok[X].begin(), Tok[X].end());
          if (D.size() != Before)
            Work.push_back(Callee);
        });
      }
      for (auto &[Fid, T] : Tok)
        if (T.empty())
          T.insert("<other>");  // only reached from a call cycle nothing enters
    }
    static const std::set<std::string> Other{"<other>"};
    auto It = Tok.find(Id);
    return It == Tok.end() ? Other : It->second;
  }

  struct EntryOrder {
    bool usable = false;
    std::string handle;                         // joined handle, when the entry is started once
    std::set<std::string> spawners, joiners;    // functions that (transitively) start / join it
    std::map<std::string, bool> notRunning;     // main-thread functions: entry not running at entry
    // Handles of starts by functions that join them before they return (closesFn());
    // and the entries whose threads make such starts: the entry runs when one of them may.
    std::set<std::string> closedHandles, via;
    bool joinedBy(const std::string &H) const { return !H.empty() && (H == handle || closedHandles.count(H)); }
  };
  std::map<std::string, EntryOrder> Ord;        // thread entry -> orderOf()
  std::optional<bool> HasMain;                  // a function named main() (orderOf())

  // Does every thread of T that a call of F starts (itself or through its callees) end before
  // F returns (Spawn::closed)? mafft's calcnearest_para() starts its workers and joins them all.
  std::map<std::string, std::map<std::string, bool>> ClosesMemo;  // T -> function -> closes
  std::map<std::string, std::set<std::string>> StartersMemo;      // T -> functions reaching a start of T
  bool closesFn(const std::string &T, const std::string &Fid) {
    auto [SIt, SNew] = StartersMemo.try_emplace(T);
    std::set<std::string> &Starters = SIt->second;
    if (SNew) {
      std::deque<std::string> Work;
      for (const auto &[Id, F] : Fns)
        for (const auto &S : F->spawns)
          if (S.entry == T && Starters.insert(Id).second)
            Work.push_back(Id);
      while (!Work.empty()) {
        std::string X = Work.front();
        Work.pop_front();
        if (auto C = Callers.find(X); C != Callers.end())
          for (const auto &[G, Call] : C->second)
            if (Starters.insert(G->id).second)
              Work.push_back(G->id);
      }
    }
    auto &Memo = ClosesMemo[T];
    if (auto It = Memo.find(Fid); It != Memo.end())
      return It->second;
    Memo[Fid] = false;  // a call cycle closes nothing
    auto FIt = Fns.find(Fid);
    if (FIt == Fns.end() || !Starters.count(Fid))
      return false;
    const Function *F = FIt->second;
    bool Ok = true;
    for (const auto &S : F->spawns)
      Ok = Ok && (S.entry != T || S.closed);
    for (const auto &C : F->calls)
      Ok = Ok && (!Starters.count(C.callee) || closesFn(T, C.callee));
    return Memo[Fid] = Ok;
  }

  // Is T surely not running at `S` in F (main thread), given its state at F's entry? A call
  // of a function that starts T and joins it before it returns (closesFn()) changes nothing.
  bool notRunningAt(const EntryOrder &O, const std::string &T, const Function *F, const Site &S, bool AtEntry) {
    unsigned LastSpawn = 0, LastJoin = 0;
    bool HasSpawn = false, HasJoin = false;
    auto see = [&](const Site &X, bool Spawn) {
      if (X.file != S.file || X.offset >= S.offset)
        return;
      unsigned &L = Spawn ? LastSpawn : LastJoin;
      bool &H = Spawn ? HasSpawn : HasJoin;
      if (!H || X.offset > L)
        L = X.offset;
      H = true;
    };
    for (const auto &Sp : F->spawns)
      if (Sp.entry == T)
        see(Sp.site, true);
    for (size_t K = 0; K < F->joins.size() && K < F->joinHandles.size(); ++K)
      if (O.joinedBy(F->joinHandles[K]))
        see(F->joins[K], false);
    for (const auto &C : F->calls) {
      bool Sp = O.spawners.count(C.callee), Jn = O.joiners.count(C.callee);
      if (Sp && closesFn(T, C.callee))
        continue;  // T runs only inside the call
      if (Sp)
        see(C.site, true);
      if (Jn)
        see(C.site, false);
    }
    if (HasJoin && (!HasSpawn || LastSpawn < LastJoin))
      return true;
    if (HasSpawn)
      return false;
    return AtEntry;
  }

  const EntryOrder &orderOf(const std::string &T) {
    auto [It, New] = Ord.try_emplace(T);
    EntryOrder &O = It->second;
    if (!New)
      return O;
    unsigned N = 0;
    bool Once = true, AnyGroup = false;
    std::string H;
    // A start joined before its function returns (Spawn::closed: mafft's calcnearest_para(),
    // fillimp_file()): T runs only during that function's calls. Started so by other threads,
    // T runs when one of those may (EntryOrder::via); in a function nothing in a program with a
    // main() calls, directly or through a pointer (code of a file several programs link), never.
    if (!HasMain)
      HasMain = std::any_of(Fns.begin(), Fns.end(), [](const auto &X) { return X.second->name == "main"; });
    for (const auto &[Id, F] : Fns)
      for (const auto &S : F->spawns) {
        if (S.entry != T)
          continue;
        const auto &Tk = tokens(Id);
        bool Closed = closesFn(T, Id);
        if (Closed)
          O.closedHandles.insert(S.handle);
        if (Tk.size() != 1 || !Tk.count("<main>")) {
          if (!Closed)
            return O;  // started by another thread (or any): its creation is not ordered with main
          for (const auto &X : Tk)
            if (X == "<other>" && (!*HasMain || IndCallers.count(Id) || Entries.count(Id)))
              return O;
            else if (X.rfind("T:", 0) == 0)
              O.via.insert(X.substr(2));
          if (!Tk.count("<main>"))
            continue;
        }
        ++N;
        // a group of handles (an array filled in a loop, "tids[]") is joined as a whole when
        // its elements are joined (in a loop): the threads of every spawn into it
        bool Group = S.handle.size() > 2 && S.handle.compare(S.handle.size() - 2, 2, "[]") == 0;
        Once = Once && (!S.multi || Group) && !S.handle.empty() && (H.empty() || H == S.handle);
        AnyGroup = Group;
        H = S.handle;
        O.spawners.insert(Id);
      }
    if (N == 0 && O.closedHandles.empty())
      return O;
    if ((N == 1 || AnyGroup) && Once)
      O.handle = H;
    for (const auto &[Id, F] : Fns)
      for (size_t K = 0; K < F->joins.size() && K < F->joinHandles.size(); ++K)
        if (O.joinedBy(F->joinHandles[K]))
          O.joiners.insert(Id);
    for (auto *Set : {&O.spawners, &O.joiners}) {
      std::deque<std::string> Work(Set->begin(), Set->end());
      while (!Work.empty()) {
        std::string X = Work.front();
        Work.pop_front();
        if (auto C = Callers.find(X); C != Callers.end())
          for (const auto &[G, Call] : C->second)
            if (Set->insert(G->id).second)
              Work.push_back(G->id);
        if (auto C = IndCallers.find(X); C != IndCallers.end())
          for (const auto &[G, S] : C->second)
            if (Set->insert(G->id).second)
              Work.push_back(G->id);
      }
    }
    // must-analysis over main-thread call sites: not running at entry on every path from main()
    std::map<std::string, std::optional<bool>> NR;
    std::deque<std::string> Work;
    for (const auto &[Id, F] : Fns)
      if (tokens(Id).count("<main>") && !hasCallers(Id) && !IndCallers.count(Id) && !Entries.count(Id)) {
        NR[Id] = true;
        Work.push_back(Id);
      }
    size_t Budget = 50 * Fns.size() + 1000;
    while (!Work.empty()) {
      if (Budget-- == 0) {
        Cut.orderBudget = true;
        break;
      }
      std::string X = Work.front();
      Work.pop_front();
      const Function *F = Fns.at(X);
      bool AtEntry = *NR[X];
      forEachCall(F, [&](const std::string &Callee, const Site &At) {
        if (!Fns.count(Callee) || Callee == X || Entries.count(Callee))
          return;
        bool V = notRunningAt(O, T, F, At, AtEntry);
        // meet: a callee's value is the AND over every main-thread call site seen so far
        auto &D = NR[Callee];
        std::optional<bool> NewV = D ? std::optional<bool>(*D && V) : std::optional<bool>(V);
        if (NewV != D) {
          D = NewV;
          Work.push_back(Callee);
        }
      });
    }
    for (const auto &[Id, V] : NR)
      O.notRunning[Id] = V.value_or(false);
    O.usable = true;
    return O;
  }

  // The thread entries that may be running at site S of main-thread function F: not those
  // started after S or joined before it on every path from main() (orderOf()).
  std::map<std::tuple<std::string, std::string, unsigned>, std::set<std::string>> RunningMemo;
  std::set<std::string> runningAt(const Function *F, const Site &S, int Depth = 0) {
    std::tuple<std::string, std::string, unsigned> MemoKey{F->id, S.file, S.offset};
    if (Depth == 0)
      if (auto It = RunningMemo.find(MemoKey); It != RunningMemo.end())
        return It->second;
    std::set<std::string> R;
    std::optional<std::set<std::string>> Others;  // for EntryOrder::via
    for (const auto &[T, Info] : Entries) {
      const EntryOrder &O = orderOf(T);
      if (O.usable && !O.via.empty()) {
        if (Depth >= 3) {
          R.insert(T);
          continue;
        }
        if (!Others)
          Others = runningAt(F, S, Depth + 1);
        if (std::any_of(O.via.begin(), O.via.end(), [&](const std::string &V) { return Others->count(V) > 0; })) {
          R.insert(T);
          continue;
        }
      }
      if (O.usable)
        if (auto It = O.notRunning.find(F->id); It != O.notRunning.end() && notRunningAt(O, T, F, S, It->second))
          continue;
      R.insert(T);
    }
    if (Depth == 0)
      RunningMemo[MemoKey] = R;
    return R;
  }

  // ---- code a thread runs after it has joined another --------------------------------------
  // A thread that joins thread U (pthread_join on U's handle, cancelled first or not) runs
  // what follows only after U has ended, so nothing U runs is concurrent with it: mksquashfs'
  // restore thread cancels and joins every worker and the main thread (whose id main() stored,
  // `main_thread = pthread_self()`), then runs restorefs() -> write_filesystem_tables(), which
  // main() also runs (testdata/analyzer/join_then_run.c). A handle names the threads that all
  // end when it is joined: "T:<entry>" for an entry whose only spawn writes it (or a group of
  // handles, "tids[]", every spawn of the entry writing into it), started by the main thread
  // only (as orderOf()), "<main>" or
  // "T:<entry>" for the one thread that stores pthread_self() in it. Joins count in source
  // order within a function, and at a function's entry what every call path from the thread's
  // entry has joined (a must-analysis per entry, as orderOf()).
  std::map<std::string, std::set<std::string>> HandleThreads;
  bool HandlesDone = false;

  const std::set<std::string> &threadsOfHandle(const std::string &H) {
    if (!HandlesDone) {
      HandlesDone = true;
      std::map<std::string, unsigned> Writers;  // spawn sites and self-stores per handle
      for (const auto &[Id, F] : Fns) {
        for (const auto &S : F->spawns)
          ++Writers[S.handle];
        for (const auto &H2 : F->selfHandles)
          ++Writers[H2];
      }
      auto group = [](const std::string &X) { return X.size() > 2 && X.compare(X.size() - 2, 2, "[]") == 0; };
      for (const auto &[E, Info] : Entries) {
        std::string Hd;
        bool Ok = true;
        for (const auto &[Id, F] : Fns)
          for (const auto &S : F->spawns)
            if (S.entry == E) {
              const auto &Tk = tokens(Id);  // started by the main thread only, as orderOf()
              Ok = Ok && !S.handle.empty() && (Hd.empty() || Hd == S.handle) && Tk.size() == 1 && Tk.count("<main>");
              Hd = S.handle;
            }
        if (Ok && !Hd.empty() && (group(Hd) || (Writers[Hd] == 1 && Info.count == 1 && !Info.multi)))
          HandleThreads[Hd].insert("T:" + E);
      }
      for (const auto &[Id, F] : Fns)
        for (const auto &H2 : F->selfHandles) {
          const auto &Tk = tokens(Id);
          if (Writers[H2] != 1 || Tk.size() != 1)
            continue;
          const std::string &T = *Tk.begin();
          if (T == "<main>" || (T.rfind("T:", 0) == 0 && oneInstance(T.substr(2))))
            HandleThreads[H2].insert(T);
        }
    }
    static const std::set<std::string> None;
    auto It = HandleThreads.find(H);
    return It == HandleThreads.end() ? None : It->second;
  }

  // The threads F has surely joined before site S, by its own joins.
  std::set<std::string> joinedIn(const Function *F, const Site &S) {
    std::set<std::string> R;
    for (size_t K = 0; K < F->joins.size() && K < F->joinHandles.size(); ++K)
      if (F->joins[K].file == S.file && F->joins[K].offset < S.offset) {
        const auto &T = threadsOfHandle(F->joinHandles[K]);
        R.insert(T.begin(), T.end());
      }
    return R;
  }

  std::map<std::string, std::map<std::string, std::set<std::string>>> JoinedEntry;  // entry -> fn -> joined

  // The threads that have surely ended when thread entry E's thread runs site S of F.
  std::set<std::string> joinedAt(const std::string &E, const Function *F, const Site &S) {
    auto [It, New] = JoinedEntry.try_emplace(E);
    auto &JE = It->second;
    if (New && Fns.count(E)) {
      std::map<std::string, std::optional<std::set<std::string>>> V;  // nullopt: not reached yet
      V[E] = std::set<std::string>{};
      std::deque<std::string> Work{E};
      size_t Budget = 50 * Fns.size() + 1000;
      while (!Work.empty() && Budget-- > 0) {
        std::string X = Work.front();
        Work.pop_front();
        const Function *G = Fns.at(X);
        for (const auto &C : G->calls) {
          if (!Fns.count(C.callee) || C.callee == E)
            continue;
          std::set<std::string> At = *V[X];
          auto Own = joinedIn(G, C.site);
          At.insert(Own.begin(), Own.end());
          auto &D = V[C.callee];
          std::set<std::string> NewV;
          if (D)
            std::set_intersection(D->begin(), D->end(), At.begin(), At.end(), std::inserter(NewV, NewV.begin()));
          else
            NewV = std::move(At);
          if (!D || *D != NewV) {
            D = std::move(NewV);
            Work.push_back(C.callee);
          }
        }
      }
      if (!Work.empty())
        V.clear();  // did not converge: nothing is known joined
      for (auto &[Id, X] : V)
        if (X)
          JE[Id] = std::move(*X);
    }
    std::set<std::string> R = joinedIn(F, S);
    if (auto J = JE.find(F->id); J != JE.end())
      R.insert(J->second.begin(), J->second.end());
    return R;
  }

  // Has thread X ("T:<entry>"), running site S of F, joined thread Y ("<main>", "T:<entry>")?
  bool joinedBy(const std::string &X, const Function *F, const Site &S, const std::string &Y) {
    return X.rfind("T:", 0) == 0 && X != Y && joinedAt(X.substr(2), F, S).count(Y);
  }

  // ---- how many threads run a function (one writer) --------------------------------------
  // Does function Id run at most once, in one thread: main(), a function with one call site
  // (not in a loop) in a function that runs once, or a thread entry nothing calls that is
  // started once? A callback or API (nothing calls it) and anything recursive may run any
  // number of times.
  std::map<std::string, bool> OnceMemo;
  bool runsOnce(const std::string &Id) {
    if (auto It = OnceMemo.find(Id); It != OnceMemo.end())
      return It->second;
    OnceMemo[Id] = false;  // reached again while deciding: a call cycle, many times
    bool R = false;
    auto C = Callers.find(Id);
    if (C == Callers.end() || C->second.empty()) {
      if (Entries.count(Id))
        R = oneInstance(Id);
      else
        R = Fns.at(Id)->name == "main";
    } else if (!Entries.count(Id)) {  // (an entry also called directly runs more than once)
      std::set<std::pair<std::string, Site>> Sites;  // one call site may be recorded per held set
      bool Loop = false, ForkChild = true;
      for (const auto &[G, Cl] : C->second) {
        Sites.insert({G->id, Cl->site});
        Loop = Loop || Cl->loop;
        ForkChild = ForkChild && Cl->forkChild;
      }
      // a call made only in a fork child runs once in each process it runs in, however often
      // its caller runs (Call::forkChild)
      R = Sites.size() == 1 && !Loop && (ForkChild || runsOnce(Sites.begin()->first));
    }
    OnceMemo[Id] = R;
    return R;
  }

  // Is thread entry E one thread: started at one site, not in a loop, by a function that runs
  // once (not per device from a loop, not from two places, not from a callback)?
  bool oneInstance(const std::string &E) {
    auto It = Entries.find(E);
    if (It == Entries.end() || It->second.multi || It->second.count != 1)
      return false;
    for (const auto &[Id, F] : Fns)
      for (const auto &S : F->spawns)
        if (S.entry == E) {
          if (S.forkChild || runsOnce(Id))  // a fork child's one thread: one per process
            return true;
          // started under an init-once flag by a function only the main thread runs
          const auto &T = tokens(Id);
          return S.once && T.size() == 1 && *T.begin() == "<main>";
        }
    return false;
  }

  bool multiEntry(const std::string &E) const {
    auto It = Entries.find(E);
    return It != Entries.end() && (It->second.multi || It->second.count > 1);
  }

  // ---- threads not started yet ------------------------------------------------------------
  // Code that runs before the one start of a thread, in the function that starts it, is
  // ordered before everything that thread does: rtkrcv's console thread calls
  // rtksvrstart(), which opens the streams (setting the clock offset the server thread then
  // adjusts) and only then creates the server thread. Entry E qualifies when it is started at
  // one site, not in a loop, by P; a thread an earlier call of P started has ended when P runs
  // again: P runs once, or E's handle is joined somewhere (rtksvrstop() before the next
  // start). Such an entry is also one thread at a time (one writer, findRaces()).
  struct PreSpawn {
    const Function *P = nullptr;
    Site at;
    bool before(const Site &S) const { return S.file == at.file && S.offset < at.offset; }
  };
  std::map<std::string, std::optional<PreSpawn>> PreSpawnMemo;
  const PreSpawn *preSpawn(const std::string &E) {
    auto [MIt, New] = PreSpawnMemo.try_emplace(E);
    if (!New)
      return MIt->second ? &*MIt->second : nullptr;
    auto EIt = Entries.find(E);
    if (EIt == Entries.end() || EIt->second.multi || EIt->second.count != 1 || hasCallers(E))
      return nullptr;
    const Function *P = nullptr;
    const Spawn *Sp = nullptr;
    for (const auto &[Id, F] : Fns)
      for (const auto &S : F->spawns)
        if (S.entry == E) {
          if (P)
            return nullptr;
          P = F;
          Sp = &S;
        }
    if (!P || Sp->forkChild || Entries.count(P->id))
      return nullptr;
    bool Ended = runsOnce(P->id);
    for (const auto &[Id, F] : Fns) {
      if (Ended)
        break;
      for (const auto &H : F->joinHandles)
        Ended = Ended || (!Sp->handle.empty() && H == Sp->handle);
      for (const auto &H : F->joinClasses)  // (a handle behind a pointer: of its class)
        Ended = Ended || (!Sp->handleClass.empty() && H == Sp->handleClass);
    }
    if (!Ended)
      return nullptr;
    MIt->second = PreSpawn{P, Sp->site};
    return &*MIt->second;
  }

  // The thread entries that can run function Id with its parameters meeting `Conds` (an
  // access's Access::when): Ctx[Id] less the entries whose every path to Id passes a constant
  // that contradicts them (libgcrypt's threads call `gcry_control(PRIV_CTL_EXTERNAL_LOCK_TEST,
  // ...)`, which `_gcry_vcontrol()` hands to `case PRIV_CTL_EXTERNAL_LOCK_TEST:`, never to `case
  // GCRYCTL_SET_DEBUG_FLAGS:`). Followed up the callers as mayHold() does; a function called
  // through a pointer, or one too far up, keeps all of its entries.
  std::map<std::string, std::set<std::string>> CondCtxMemo;
  size_t CondSteps = 0;
  unsigned CondCuts = 0;
  std::set<std::string> condCtx(const std::string &Id, const std::vector<ParamCond> &Conds, unsigned Depth,
                                std::set<std::string> &Visiting) {
    static const std::set<std::string> None;
    auto CIt = Ctx.find(Id);
    const std::set<std::string> &All = CIt == Ctx.end() ? None : CIt->second;
    if (Conds.empty() || Depth > MaxCondCtxDepth || IndCallers.count(Id) || AddressTaken.count(Id))
      return All;
    std::string Key = condsKey(Id, Conds);
    if (auto M = CondCtxMemo.find(Key); M != CondCtxMemo.end())
      return M->second;
    if (CondSteps > 200000)
      return All;  // (the analysis' budget for this: as before the rule)
    ++CondSteps;
    if (!Visiting.insert(Key).second) {
      ++CondCuts;
      return {};  // (a call cycle: its entries come in by the other paths)
    }
    unsigned Cuts = CondCuts;
    std::set<std::string> R;
    if (Entries.count(Id))
      R.insert(Id);  // its own thread: the start's argument may meet them
    for (const auto &[G, C] : Callers[Id]) {
      std::vector<ParamCond> Up;
      if (!conditionsAtCall(Conds, C->args, Up, &C->thisArg))
        continue;
      std::set<std::string> Up2 = condCtx(G->id, withConds(Up, C->when), Depth + 1, Visiting);
      R.insert(Up2.begin(), Up2.end());
    }
    Visiting.erase(Key);
    std::set<std::string> Out;
    std::set_intersection(R.begin(), R.end(), All.begin(), All.end(), std::inserter(Out, Out.begin()));
    if (Cuts == CondCuts)  // (not what a cycle cut short: that is only part of the answer)
      CondCtxMemo[Key] = Out;
    return Out;
  }

  // Has no thread of entry E started yet where thread X ("<main>" or an entry) runs site S of
  // F? At P's own sites before the start; elsewhere, when X reaches F only through P's calls
  // before the start (the functions X reaches without them, memoized per (E, X), miss F):
  // rtksvrstart() opens the streams through stropen() -> openfile_() -> timeset(), which the
  // server thread's reads reach too, but the console thread only before the start.
  std::map<std::pair<std::string, std::string>, std::unordered_set<std::string>> PreSpawnReach;
  bool notStartedAt(const std::string &E, const std::string &X, const Function *F, const Site &S) {
    const PreSpawn *I = preSpawn(E);
    if (!I || X == E)
      return false;
    if (F == I->P)
      return I->before(S);
    auto [It, New] = PreSpawnReach.try_emplace({E, X});
    std::unordered_set<std::string> &R = It->second;
    if (New) {
      std::deque<std::string> Q;
      if (X == "<main>") {
        for (const auto &[Id, G] : Fns)
          if (!Entries.count(Id) && !hasCallers(Id) && !IndCallers.count(Id))
            Q.push_back(Id);
      } else if (Fns.count(X)) {
        Q.push_back(X);
      }
      R.insert(Q.begin(), Q.end());
      while (!Q.empty()) {
        std::string Y = std::move(Q.front());
        Q.pop_front();
        const Function *G = Fns.at(Y);
        forEachCall(G, [&](const std::string &Callee, const Site &At) {
          if ((G == I->P && I->before(At)) || !Fns.count(Callee))
            return;
          if (R.insert(Callee).second)
            Q.push_back(Callee);
        });
      }
    }
    return !R.count(F->id);
  }

  bool concurrentOccs(const OccAt &A, const OccAt &B) {
    for (const auto &X : tokens(A.fn->id))
      for (const auto &Y : tokens(B.fn->id)) {
        if (X == "<other>" || Y == "<other>")
          return true;
        if (joinedBy(X, A.fn, A.at, Y) || joinedBy(Y, B.fn, B.at, X))
          continue;  // one thread runs this only after the other has ended
        bool XM = X == "<main>", YM = Y == "<main>";
        if ((!YM && notStartedAt(Y.substr(2), XM ? X : X.substr(2), A.fn, A.at)) ||
            (!XM && notStartedAt(X.substr(2), YM ? Y : Y.substr(2), B.fn, B.at)))
          continue;  // one thread runs this before the other is started
        if (XM && YM)
          continue;  // the main thread: one thread
        if (!XM && !YM) {
          if (X != Y || multiEntry(X.substr(2)))
            return true;
          continue;
        }
        const OccAt &M = XM ? A : B;
        std::string T = (XM ? Y : X).substr(2);
        const EntryOrder &O = orderOf(T);
        if (!O.usable || !O.via.empty())
          return true;
        auto It = O.notRunning.find(M.fn->id);
        if (It == O.notRunning.end() || !notRunningAt(O, T, M.fn, M.at, It->second))
          return true;
      }
    return false;
  }

  bool concurrentEdges(const EdgeData &A, const EdgeData &B) {
    if (A.declared || B.declared || A.manyOccs || B.manyOccs || A.occs.empty() || B.occs.empty())
      return true;
    for (const auto &X : A.occs)
      for (const auto &Y : B.occs)
        if (concurrentOccs(X, Y))
          return true;
    return false;
  }

  bool allConcurrentPairs(const std::vector<const EdgeData *> &Es) {
    for (size_t I = 0; I < Es.size(); ++I)
      for (size_t J = I + 1; J < Es.size(); ++J)
        if (!concurrentEdges(*Es[I], *Es[J]))
          return false;
    return true;
  }

  bool anyConcurrentPair(const std::vector<const EdgeData *> &Es) {
    for (size_t I = 0; I < Es.size(); ++I)
      for (size_t J = I + 1; J < Es.size(); ++J)
        if (concurrentEdges(*Es[I], *Es[J]))
          return true;
    return false;
  }

  // ---- races ------------------------------------------------------------------------------
  // ---- phases of the main thread, thread contexts -----------------------------------------
  std::map<std::string, std::set<std::string>> Ctx;  // function -> entries reaching it
  // function -> entries reaching it within MaxNearDepth calls: an RMW with no lock
  // evidence at all is only reported there (see MaxNearDepth).
  std::map<std::string, std::set<std::string>> NearCtx;
  std::set<std::string> Spawns, Joins;  // functions that (transitively) start / join threads
  std::map<std::string, unsigned> MainPh;  // phases of the main thread a function may run in
  std::function<unsigned(const Function *, const Site &)> PhaseAt;  // 0: inherit the caller's
  struct PhaseMark {
    std::string file;
    bool anySp = false, anyJn = false;
    unsigned firstSp = 0, lastSp = 0, lastJn = 0;
  };
  std::unordered_map<const Function *, std::vector<PhaseMark>> PhaseMarks;  // PhaseAt()'s memo
  // Locks held at entry on every call path that can run concurrently with a thread:
  // single-threaded callers (main before the first spawn or after the last join, not
  // reachable from a thread entry) do not dilute the intersection.
  std::map<std::string, KeySet> MustConc;

  unsigned phaseOf(const Function *F, const Site &S) {
    unsigned P = PhaseAt(F, S);
    return P ? P : (MainPh.count(F->id) ? MainPh[F->id] : 0u);
  }

  void computePhases() {
    // functions reachable from each thread entry
    for (const auto &[E, Info] : Entries) {
      if (!Fns.count(E))
        continue;
      std::deque<std::pair<std::string, unsigned>> Q{{E, 0}};
      std::set<std::string> Seen{E};
      while (!Q.empty()) {
        auto [X, Depth] = Q.front();
        Q.pop_front();
        Ctx[X].insert(E);
        if (Depth <= MaxNearDepth)
          NearCtx[X].insert(E);
        unsigned Next = Depth + 1;
        forEachCall(Fns.at(X), [&](const std::string &Callee, const Site &) {
          if (Fns.count(Callee) && Seen.insert(Callee).second)
            Q.push_back({Callee, Next});
        });
      }
    }
    // functions that (transitively) start or join threads
    for (const auto &[Id, F] : Fns) {
      if (!F->spawns.empty())
        Spawns.insert(Id);
      if (!F->joins.empty())
        Joins.insert(Id);
    }
    {  // (up the calls, once: a round over every function per level of calls was slow on libvirt)
      std::map<std::string_view, std::vector<const std::string *>> Up;
      for (const auto &[Id, F] : Fns)
        forEachCall(F, [&](const std::string &Callee, const Site &) { Up[Callee].push_back(&Id); });
      for (std::set<std::string> *S : {&Spawns, &Joins}) {
        std::deque<std::string> Work(S->begin(), S->end());
        while (!Work.empty()) {
          std::string X = std::move(Work.front());
          Work.pop_front();
          if (auto It = Up.find(X); It != Up.end())
            for (const std::string *Caller : It->second)
              if (S->insert(*Caller).second)
                Work.push_back(*Caller);
        }
      }
    }
    // Per function and file, its first and last thread start and its last join (direct, or
    // a call of a function that starts or joins threads): worked out once per function, as
    // every call site of the function asks (libvirt's and gdal's large programs spent most of
    // their time redoing it at each call).
    PhaseAt = [this](const Function *F, const Site &S) -> unsigned {
      auto [It, New] = PhaseMarks.try_emplace(F);
      std::vector<PhaseMark> &Marks = It->second;
      if (New) {
        auto mark = [&](const std::string &File) -> PhaseMark & {
          for (auto &M : Marks)
            if (M.file == File)
              return M;
          Marks.push_back(PhaseMark{File});
          return Marks.back();
        };
        auto spawnAt = [&](const std::string &File, unsigned Off) {
          PhaseMark &M = mark(File);
          M.firstSp = M.anySp ? std::min(M.firstSp, Off) : Off;
          M.lastSp = M.anySp ? std::max(M.lastSp, Off) : Off;
          M.anySp = true;
        };
        auto joinAt = [&](const std::string &File, unsigned Off) {
          PhaseMark &M = mark(File);
          M.lastJn = M.anyJn ? std::max(M.lastJn, Off) : Off;
          M.anyJn = true;
        };
        for (const auto &X : F->spawns)
          spawnAt(X.site.file, X.site.offset);
        for (const auto &X : F->joins)
          joinAt(X.file, X.offset);
        forEachCall(F, [&](const std::string &Callee, const Site &At) {
          if (Spawns.count(Callee))
            spawnAt(At.file, At.offset);
          if (Joins.count(Callee))
            joinAt(At.file, At.offset);
        });
      }
      const PhaseMark *M = nullptr;
      for (const auto &X : Marks)
        if (X.file == S.file)
          M = &X;
      if (!M || !M->anySp)
        return 0;  // inherit
      if (S.offset < M->firstSp)
        return Before;
      if (M->anyJn && M->lastJn > M->lastSp && S.offset > M->lastJn)
        return After;
      return Window;
    };
    // phases of the main thread in which each function may run
    // FIXME: Callers.count() is also true for a function whose callers' list computeAcquisitions()
    // created empty, so a main() that calls a lock-taking function is no root here and its
    // callees get no phase. hasCallers() would be right, but it adds 15 memcached and 8 redis
    // reports from main()'s init after its first (unrelated) thread start: the window needs
    // to be per thread entry first (as orderOf() does for cycles). Kept as it was.
    std::deque<std::string> Work;
    for (const auto &[Id, F] : Fns)
      if (!Entries.count(Id) && !Callers.count(Id) && !IndCallers.count(Id)) {
        MainPh[Id] = Before;
        Work.push_back(Id);
      }
    while (!Work.empty()) {
      std::string Id = Work.front();
      Work.pop_front();
      const Function *F = Fns.at(Id);
      forEachCall(F, [&](const std::string &Callee, const Site &At) {
        if (!Fns.count(Callee) || Entries.count(Callee))
          return;
        unsigned P = PhaseAt(F, At);
        unsigned Add = P ? P : MainPh[Id];
        unsigned &Dst = MainPh[Callee];
        if ((Dst | Add) != Dst) {
          Dst |= Add;
          Work.push_back(Callee);
        }
      });
    }
    // Locks held at entry on every call path that can run concurrently with a thread:
    // single-threaded callers (main before the first spawn or after the last join, not
    // reachable from a thread entry) do not dilute the intersection.
    auto Concurrent = [&](const Function *G, const Call *C) {
      return Ctx.count(G->id) || (phaseOf(G, C->site) & Window);
    };
    MustConc = mustEntry(Concurrent);
    computeParamEntry(Concurrent);
  }

  // ---- locks of the parameters' objects held at entry ---------------------------------
  // A function that updates its parameter's object "with toppar_lock() held" by contract
  // (librdkafka's rd_kafka_toppar_desired_del()) leaves the locking to its callers: the lock
  // is held at its entry when every call holds the lock of the very object it passes there,
  // however the caller reached that object (a loop's local, `rktpar->_private`, its own
  // parameter held by its own callers in turn). (param, member path of the lock below it):
  // `(0, "rktp_lock")` is `p0->rktp_lock`. A call that passes an automatic object of its own
  // frame (a stack-local queue no other thread can reach) constrains nothing on that
  // parameter. Over the call sites `Counts` passes (those that can run concurrently with a
  // thread), a fixpoint from top as mustEntry().
  using ParamLock = std::pair<int, std::vector<std::string>>;
  using ParamLocks = std::set<ParamLock>;
  std::map<std::string, ParamLocks> ParamEntry;

  // The rest of `Path` below `Prefix`, when it is a longer path that starts with it.
  static std::optional<std::vector<std::string>> below(const std::vector<std::string> &Path,
                                                       const std::vector<std::string> &Prefix) {
    if (Path.size() <= Prefix.size() || !std::equal(Prefix.begin(), Prefix.end(), Path.begin()))
      return std::nullopt;
    return std::vector<std::string>(Path.begin() + Prefix.size(), Path.end());
  }

  void computeParamEntry(const CallFilter &Counts) {
    std::map<std::string, std::optional<ParamLocks>> PE;  // nullopt = top
    std::deque<std::string> Work;
    for (const auto &[Id, F] : Fns) {
      bool Root = Entries.count(Id) || !hasCallers(Id);
      PE[Id] = Root ? std::optional<ParamLocks>(ParamLocks{}) : std::nullopt;
      if (!Root)
        Work.push_back(Id);
    }
    std::set<std::string> InWork(Work.begin(), Work.end());
    size_t Budget = 50 * Fns.size() + 1000;
    while (!Work.empty() && Budget-- > 0) {
      std::string Id = Work.front();
      Work.pop_front();
      InWork.erase(Id);
      // per counted call: the parameter locks it holds, and the parameters it constrains not
      std::vector<std::pair<ParamLocks, std::set<int>>> Per;
      for (const auto &[G, C] : Callers[Id]) {
        if (Counts && !Counts(G, C))
          continue;
        const std::optional<ParamLocks> &MG = PE[G->id];
        if (!MG)
          continue;  // top contributes nothing to the intersection
        ParamLocks S;
        std::set<int> Wild;
        for (size_t I = 0; I < C->args.size(); ++I) {
          const auto &A = C->args[I].obj;
          if (!A || A->root == ObjRef::Unknown)
            continue;
          // an automatic object of the caller's frame, or one the caller tears down (ucx's
          // rcache cleanup purges the regions, then destroys pgt_lock): nobody else's
          if ((A->root == ObjRef::Local && A->automatic) ||
              (A->root == ObjRef::Param && A->path.empty() &&
               (std::find(G->tearsDown.begin(), G->tearsDown.end(), A->param) != G->tearsDown.end() ||
                MG->count({A->param, {"*"}})))) {
            Wild.insert(static_cast<int>(I));
            continue;
          }
          for (const auto &H : C->held) {
            if (H.shared || H.ref.root != A->root || H.ref.base() != A->base())
              continue;
            if (auto Q = below(H.ref.path, A->path))
              S.insert({static_cast<int>(I), std::move(*Q)});
          }
          if (A->root != ObjRef::Param)
            continue;
          for (const auto &[J, P] : *MG) {
            if (J != A->param)
              continue;
            bool Released = false;
            for (const auto &R : C->released)
              Released = Released || (R.root == ObjRef::Param && R.param == J && R.path == P);
            if (!Released)
              if (auto Q = below(P, A->path))
                S.insert({static_cast<int>(I), std::move(*Q)});
          }
        }
        Per.emplace_back(std::move(S), std::move(Wild));
      }
      if (Per.empty())
        continue;
      ParamLocks New;
      for (const auto &[S, W] : Per)
        for (const auto &X : S) {
          bool All = true;
          for (const auto &[S2, W2] : Per)
            All = All && (S2.count(X) || W2.count(X.first));
          if (All)
            New.insert(X);
        }
      // a parameter no counted call constrains (each passes an object of its own frame or
      // one it tears down): `(J, {"*"})`, its object nobody else's (findRaces skips it)
      for (const auto &[S, W] : Per)
        for (int J : W) {
          ParamLock Mine{J, {"*"}};
          bool All = true;
          for (const auto &[S2, W2] : Per)
            All = All && W2.count(J);
          if (All)
            New.insert(std::move(Mine));
        }
      if (PE[Id] && *PE[Id] == New)
        continue;
      PE[Id] = std::move(New);
      for (const auto &C : Fns.at(Id)->calls)
        if (Fns.count(C.callee) && InWork.insert(C.callee).second)
          Work.push_back(C.callee);
    }
    if (!Work.empty()) {
      Cut.entryBudget = true;  // the values are not down to the fixpoint yet: too large to use
      return;
    }
    for (auto &[Id, S] : PE)
      if (S && !S->empty())
        ParamEntry[Id] = std::move(*S);
  }

  // "Class::" of a member datum "Class::field" (the object's own locks are "Class::lock").
  static std::string ownerPrefix(const std::string &Var) {
    size_t P = Var.rfind("::");
    return P == std::string::npos ? std::string() : Var.substr(0, P + 2);
  }

  // What parameter `K` of `Id` points to at every call, through callers that pass their own
  // parameter on (MaxOriginDepth calls up): objects with a name (`&hits`, `&mosq->in_packet`).
  // nullopt when some call passes something else (a local pointer, a packet just allocated:
  // the extractor's freshness ends at the first call it is passed to), or `Id` may be called
  // from where the analysis cannot see (a thread entry, a function without callers).
  static constexpr unsigned MaxOriginDepth = 4;
  std::map<std::pair<std::string, int>, std::optional<std::vector<ObjRef>>> Origins;
  std::optional<std::vector<ObjRef>> originsOf(const std::string &Id, int K, unsigned Depth = 0) {
    if (Depth > MaxOriginDepth || Entries.count(Id) || !hasCallers(Id))
      return std::nullopt;
    auto Key = std::make_pair(Id, K);
    if (auto It = Origins.find(Key); It != Origins.end())
      return It->second;
    Origins[Key] = std::nullopt;  // a recursive call names nothing new
    std::optional<std::vector<ObjRef>> Out = std::vector<ObjRef>{};
    auto It = Callers.find(Id);
    if (It == Callers.end() || It->second.size() > MaxCondCallers)
      Out.reset();
    else
      for (const auto &[G, C] : It->second) {
        const ArgRef *A = static_cast<size_t>(K) < C->args.size() ? &C->args[K] : nullptr;
        if (!A || !A->obj) {
          Out.reset();
          break;
        }
        const ObjRef &O = *A->obj;
        if (O.root == ObjRef::Param && O.path.empty()) {
          auto Up = originsOf(G->id, O.param, Depth + 1);
          if (!Up) {
            Out.reset();
            break;
          }
          Out->insert(Out->end(), Up->begin(), Up->end());
        } else if ((O.isAbsolute() && O.root != ObjRef::Unknown) || (O.root == ObjRef::Local && O.automatic)) {
          Out->push_back(O);  // (an automatic object of the caller's: unshared, findRaces drops it)
        } else {
          Out.reset();
          break;
        }
      }
    if (Depth == 0)
      Origins[Key] = Out;
    else
      Origins.erase(Key);
    return Out;
  }

  // Functions main() reaches by calls (direct, or through members: callbacks; empty in a
  // library: no main).
  std::set<std::string> reachedFromMain() const {
    std::set<std::string> R;
    std::deque<std::string> Q;
    for (const auto &[Id, F] : Fns)
      if (F->name == "main" && R.insert(Id).second)
        Q.push_back(Id);
    while (!Q.empty()) {
      const Function *F = Fns.at(Q.front());
      Q.pop_front();
      forEachCall(F, [&](const std::string &Callee, const Site &) {
        if (Fns.count(Callee) && !Entries.count(Callee) && R.insert(Callee).second)
          Q.push_back(Callee);
      });
    }
    return R;
  }

  // Whether lock `LockKey` is a member of the object that holds datum `Var` (both
  // `Class::path`), or of an object enclosing it: `S::mu` for `S::count`, `S::in.mu` for
  // `S::in.quota`, `S::mu` for `S::stats.n`. A global instance's lock (`g.mu`) is compared by
  // its class key.
  // A member's name that says it is a lock: mutex, mtx, lock (not block or clock), spin,
  // critical section, or `mu`.
  static bool namesLock(const std::string &Name) {
    std::string N = Name;
    std::transform(N.begin(), N.end(), N.begin(), [](unsigned char C) { return std::tolower(C); });
    while (!N.empty() && N.back() == '_')
      N.pop_back();
    while (!N.empty() && N.front() == '_')
      N.erase(0, 1);
    return N == "mu" || N == "m_mu" || N.find("mtx") != std::string::npos || hasLockWord(N);
  }
  bool guardsOwnObject(const std::string &LockKey, const std::string &Var) const {
    std::string L = LockKey;
    if (auto It = LockClassKeys.find(LockKey); It != LockClassKeys.end())
      L = It->second;
    // the class is all before the last "::" (`ns::Arena` of `ns::Arena::mu`): two classes of
    // one namespace are two classes (abseil's `AllocList::header.size` is no member of an
    // `Arena`, whose `mu` protects it only where its allocator holds that lock)
    size_t LC = L.rfind("::"), VC = Var.rfind("::");
    if (LC == std::string::npos || VC == std::string::npos || L.compare(0, LC, Var, 0, VC) != 0 || LC != VC)
      return false;
    auto owner = [](const std::string &K, size_t C) {
      size_t D = K.rfind('.');
      return D == std::string::npos || D < C ? std::string() : K.substr(C + 2, D - C - 2);
    };
    std::string LO = owner(L, LC), VO = owner(Var, VC);
    // the lock inside a member that is a lock itself (a wrapper class: `Node::mutex.m` of a
    // `struct PMutex { pthread_mutex_t m; }`, leela-zero's spin lock `SMP::Mutex mutex` whose
    // `m_lock` is an atomic) is that member's: it guards the object holding the member
    std::string Last = LO.substr(LO.rfind('.') == std::string::npos ? 0 : LO.rfind('.') + 1);
    if (!Last.empty() && namesLock(Last))
      LO.erase(LO.size() - Last.size() - (LO.size() > Last.size() ? 1 : 0));
    return VO.compare(0, LO.size(), LO) == 0 && (VO.size() == LO.size() || LO.empty() || VO[LO.size()] == '.');
  }
  std::map<std::string, std::string> LockClassKeys;  // a global instance's lock key -> class key
  std::map<std::string, std::string> KeyNames;       // a lock key -> its name as the source writes it
  // A lock key as a reader knows it: the name of a lock seen held at an access
  // (`*static:/path/intrupt.c:ml` is `ml`), else the key without its file-static prefix.
  std::string keyName(const std::string &K) const {
    if (auto It = KeyNames.find(K); It != KeyNames.end() && !It->second.empty())
      return It->second;
    size_t Stars = K.find_first_not_of('*');
    if (Stars != std::string::npos && K.compare(Stars, 7, "static:") == 0)
      return K.substr(0, Stars) + K.substr(K.rfind(':') + 1);
    return K;
  }

  // Allocation wrappers (Function::allocIf) and the parameters functions keep
  // (Function::keeps), across TUs: the least fixpoint, so a wrapper is one when the functions
  // it returns the results of are (rd_calloc -> calloc; pa_xnew -> pa_xmalloc_n -> pa_xmalloc
  // -> malloc), and recursion proves nothing.
  std::set<std::string> Allocators, Kept;  // ids; "K<i>:<id>"
  bool unpubHolds(const std::vector<std::string> &Conds) const {
    for (const auto &C : Conds)
      if (C.compare(0, 2, "A:") == 0 ? !Allocators.count(C.substr(2)) : !Kept.count(C))
        return false;
    return true;
  }
  void findAllocators() {
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const auto &[Id, F] : Fns) {
        if (F->allocIf && !Allocators.count(Id) && unpubHolds(*F->allocIf))
          Changed |= Allocators.insert(Id).second;
        for (const auto &[P, Conds] : F->keeps) {
          std::string K = "K" + std::to_string(P) + ":" + Id;
          if (!Kept.count(K) && unpubHolds(Conds))
            Changed |= Kept.insert(K).second;
        }
      }
    }
  }

  void findRaces() {
    const std::set<std::string> FromMain = reachedFromMain();
    struct Acc {
      const Function *F;
      const Access *A;
      std::set<std::string> ctx;   // entry ids, "<main>" for the main thread's concurrent window
      std::set<std::string> near;  // the same, entries within MaxNearDepth calls only
      KeySet held;
      KeySet sure;  // of `held`, those held on every path to the access (Held::some)
      std::set<std::string> running;  // main thread's window: the entries that may run then
      std::string name;               // the datum's name (A->name, or what the callers pass)
      bool sharedRoot = false;
      bool globalObject = false;      // Access::globalObject, or a global the callers pass
    };
    std::map<std::string, std::vector<Acc>> ByVar;
    for (const auto &[Id, F] : Fns) {
      if (F->isCtorOrDtor)
        continue;
      for (const auto &A : F->accesses) {
        if (A.unpub && unpubHolds(*A.unpub))
          continue;  // an object its function allocated and has not published yet
        // An access through a parameter is of what the callers pass: `p->pos` of
        // read_byte(&mosq->in_packet) is `mosquitto::in_packet.pos`, the same datum as an
        // access written `mosq->in_packet.pos`, not every packet's `pos`; `(*p)++` of
        // bump(&hits) is `hits`. When some caller passes what cannot be named, a member
        // access stays `Class::field` (and `*p` is dropped).
        // var, name, shared root, global object, and the key prefix of a lock of the same
        // object ("Class::", "Class::member."): where a lock the callers hold on it is named
        std::vector<std::tuple<std::string, std::string, bool, bool, std::string>> Data;
        std::optional<std::vector<ObjRef>> O;
        if (A.param >= 0)
          O = originsOf(Id, A.param);
        bool OwnFrame = false;  // every call passes an automatic object of its caller's frame
        if (O) {
          size_t Own = 0;
          for (const auto &R : *O)
            Own += R.root == ObjRef::Local;
          OwnFrame = Own != 0 && Own == O->size();
          if (Own != 0 && !OwnFrame)
            O.reset();  // some callers pass their own object, some shared data: as unknown
        }
        if (OwnFrame)  // `count_answer(&local_stats)` at every call: the callers' own data
          continue;
        if (A.param >= 0)  // an object of the callers' frames, or torn down (computeParamEntry)
          if (auto It = ParamEntry.find(Id); It != ParamEntry.end() && It->second.count({A.param, {"*"}}))
            continue;
        bool Deref = A.var.find("#*") != std::string::npos;
        if (!O) {
          if (!Deref)
            Data.emplace_back(A.var, A.name, A.sharedRoot, A.globalObject, ownerPrefix(A.var));
        } else {
          std::string Field, FieldName;  // the access's member path below the parameter
          if (!Deref) {
            if (size_t P = A.var.rfind("::"); P != std::string::npos)
              Field = A.var.substr(P + 2);  // with a class template's arguments (datumOf())
            size_t P = A.name.rfind("::");
            FieldName = P != std::string::npos ? A.name.substr(P + 2) : Field;
          }
          std::set<std::string> Seen;
          for (const auto &R : *O) {
            // a member access keeps its own "shared root" (false through a parameter): the
            // lock-free rule wants a global the thread code names itself; `*p` of a global
            // scalar is that global
            std::string V, N, Own;
            bool Shared = Deref ? R.root == ObjRef::Global : A.sharedRoot;
            if (R.path.empty()) {  // a global itself: `&hits`, `&pool`
              if (Deref) {
                V = R.rootName;
                N = R.display.empty() ? R.rootName : R.display;
              } else {
                V = N = A.var;  // members of a global struct are named Class::field anyway
                Own = ownerPrefix(A.var);
              }
            } else {
              V = R.classKey() + (Field.empty() ? "" : "." + Field);
              N = R.classKey() + (FieldName.empty() ? "" : "." + FieldName);
              if (!Deref)
                Own = R.classKey() + ".";
            }
            if (Seen.insert(V).second)
              Data.emplace_back(V, N, Shared, R.root == ObjRef::Global, Own);
          }
        }
        for (const auto &H : A.held) {
          if (H.ref.globalInstance())
            LockClassKeys.emplace(H.ref.key(), H.ref.classKey());
          if (H.ref.isAbsolute())
            KeyNames.emplace(H.ref.key(), H.ref.name());
        }
        const ParamLocks *PL = nullptr;  // locks of the accessed object the callers hold
        if (A.param >= 0 && !Deref)
          if (auto It = ParamEntry.find(Id); It != ParamEntry.end())
            PL = &It->second;
        for (const auto &[Var, Name, Shared, GlobalObj, OwnPrefix] : Data) {
        Acc X{F, &A, {}, {}, absKeys(A.held), {}, {}, Name, Shared, GlobalObj};
        for (const auto &H : A.held)
          if (!H.some && H.ref.isAbsolute())
            X.sure.insert(H.ref.key());
        const KeySet &ME = MustConc[Id];
        X.held.insert(ME.begin(), ME.end());
        X.sure.insert(ME.begin(), ME.end());
        if (PL && !OwnPrefix.empty())
          for (const auto &[I, Path] : *PL)
            if (I == A.param) {
              std::string K = OwnPrefix;
              for (size_t J = 0; J < Path.size(); ++J)
                K += (J ? "." : "") + Path[J];
              X.held.insert(K);
              X.sure.insert(K);
            }
        if (auto It = Ctx.find(Id); It != Ctx.end())
          X.ctx = It->second;
        if (auto It = NearCtx.find(Id); It != NearCtx.end())
          X.near = It->second;
        if (!A.when.empty() && !X.ctx.empty()) {  // only where the callers can meet its conditions
          std::set<std::string> Visiting;
          std::set<std::string> Can = condCtx(Id, A.when, 0, Visiting);
          for (std::set<std::string> *S : {&X.ctx, &X.near})
            for (auto It = S->begin(); It != S->end();)
              It = Can.count(*It) ? std::next(It) : S->erase(It);
        }
        if (phaseOf(F, A.site) & Window) {
          X.running = runningAt(F, A.site);
          if (!X.running.empty()) {
            X.ctx.insert("<main>");
            X.near.insert("<main>");
          }
        }
        ByVar[Var].push_back(std::move(X));
        }
      }
    }
    auto multi = [&](const std::string &E) {
      auto It = Entries.find(E);
      return It != Entries.end() && (It->second.multi || It->second.count > 1);
    };
    // A thread that runs both: an entry started more than once, two entries, or the main
    // thread's window and an entry that may run at that point of main.
    auto concurrentIn = [&](const Acc &A, const Acc &B, std::set<std::string> Acc::*Ctxs) -> std::string {
      auto tok = [](const std::string &T) { return T == "<main>" ? T : "T:" + T; };
      for (const auto &X : A.*Ctxs)
        for (const auto &Y : B.*Ctxs) {
          if (X == Y) {
            if (X != "<main>" && multi(X))
              return X;
            continue;
          }
          if (joinedBy(tok(X), A.F, A.A->site, tok(Y)) || joinedBy(tok(Y), B.F, B.A->site, tok(X)))
            continue;  // one thread runs this only after the other has ended
          if ((Y != "<main>" && notStartedAt(Y, X, A.F, A.A->site)) ||
              (X != "<main>" && notStartedAt(X, Y, B.F, B.A->site)))
            continue;  // one thread runs this before the other is started
          if (X == "<main>") {
            if (A.running.count(Y))
              return Y;
            continue;
          }
          if (Y == "<main>") {
            if (B.running.count(X))
              return X;
            continue;
          }
          return X;
        }
      return {};
    };
    auto concurrent = [&](const Acc &A, const Acc &B) { return concurrentIn(A, B, &Acc::near); };
    for (const auto &[Var, List] : ByVar) {
      // The locks that protect the datum: those held at every locked write in thread
      // context (Eraser's candidate set). Writes under different locks name no protector:
      // the union would make any lock held at one write evidence against all others. Only
      // locks held on every path to a write count (Held::some): istgt's worker() reaches a
      // connection's counter with the connection's other locks held on some error paths.
      std::optional<KeySet> Common;
      const Acc *LockedWrite = nullptr;
      for (const auto &X : List)
        if (X.A->kind != AccessKind::Read && !X.sure.empty() && !X.ctx.empty()) {
          if (!Common) {
            Common = X.sure;
          } else {
            KeySet I;
            std::set_intersection(Common->begin(), Common->end(), X.sure.begin(), X.sure.end(),
                                  std::inserter(I, I.begin()));
            *Common = std::move(I);
          }
        }
      KeySet Protect = Common ? *Common : KeySet{};
      // A lock is evidence only when a write takes it itself (or a wrapper does), or it is
      // held around writes in two functions: one write that happens to run under a caller's
      // unrelated lock (bipbuf_offer() under logger_stack_lock) protects nothing.
      // Nor is a lock held at fewer of the datum's writes than the writes without it: one
      // write of a session's parser state (written at four places) that happens to run
      // while the listener's rate limiter is locked says that lock is not how the datum is
      // kept consistent (incidental_lock_minority.c). A forgotten lock is one
      // write among writes that take it.
      for (auto It = Protect.begin(); It != Protect.end();) {
        bool Own = false;
        std::set<std::string> Writers;
        std::set<Site> With, Without;
        for (const auto &X : List)
          if (X.A->kind != AccessKind::Read && !X.ctx.empty()) {
            if (!X.held.count(*It)) {
              Without.insert(X.A->site);
              continue;
            }
            Own = Own || absKeys(X.A->held).count(*It);
            Writers.insert(X.F->id);
            With.insert(X.A->site);
          }
        for (const auto &W : With)
          Without.erase(W);  // a site reached both ways counts as locked
        if ((Own || Writers.size() >= 2) && With.size() >= Without.size())
          ++It;
        else
          It = Protect.erase(It);
      }
      // A member reached through pointers is named by its class, so "held at the writes of
      // `Class::field`" says the lock was held at writes of *some* objects of that class. A lock
      // of the same object (`s->mu` for `s->count`, or of an object that contains it) makes
      // that one object's discipline; any other lock (a global, a lock of another object) held
      // there is no evidence it guards every object of the class: a packet being built before it
      // is queued, a worker's own I/O unit written while a zone is locked, a session's state
      // written while the listener's rate limiter is locked (unrelated_object_lock.c). An
      // access rooted at a global names one instance and keeps any lock.
      KeySet Foreign;
      if (Var.find("::") != std::string::npos && Var.find("#*") == std::string::npos)
        for (const auto &P : Protect)
          if (!guardsOwnObject(P, Var))
            Foreign.insert(P);
      if (auto G = Guards.find(Var); G != Guards.end())
        Protect.insert(G->second.begin(), G->second.end());
      for (const auto &X : List)
        if (!LockedWrite && X.A->kind != AccessKind::Read && !X.ctx.empty())
          for (const auto &H : X.held)
            if (Protect.count(H) && !Foreign.count(H))
              LockedWrite = &X;
      for (const auto &X : List)  // (a global's datum may show only another object's lock)
        if (!LockedWrite && X.A->kind != AccessKind::Read && !X.ctx.empty())
          for (const auto &H : X.held)
            if (Protect.count(H))
              LockedWrite = &X;
      // Without any lock evidence, a lost update needs the threads' own code to touch the
      // datum: some access in a function only threads run (not reached from main() or an
      // API). Data that only code shared with the main thread reaches from a thread is the
      // main thread's, reached by a path a run-time guard keeps threads off (redis'
      // io_threads_op, the replica clients that never go to an I/O thread).
      bool ThreadTouched = false;
      for (const auto &X : List)
        ThreadTouched = ThreadTouched || (Ctx.count(X.F->id) && !MainPh.count(X.F->id));
      // Data of one thread: when every write that runs concurrently with anything runs in
      // the same single thread (the main thread's window, or an entry started once), no
      // update of it can be lost, whatever locks one of its writes happens to run under
      // (zstd's FIO_ctx_s::currFileIdx, advanced by the main thread, once while it holds
      // the I/O pool's mutex). Writes without a thread context must be main()'s, before
      // the first thread starts or after the last join: in a function main() does not
      // reach (a callback) any thread may run them, and in a library (no main) any of the
      // application's threads may call in, and start the library's threads more than once.
      std::set<std::string> Threads;
      bool Unplaced = false;
      for (const auto &X : List) {
        if (X.A->kind == AccessKind::Read)
          continue;  // a read loses no update: the writers are what must be one thread
        Threads.insert(X.ctx.begin(), X.ctx.end());
        Unplaced = Unplaced || (X.ctx.empty() && !FromMain.count(X.F->id));
      }
      bool OneThread = !FromMain.empty() && !Unplaced && Threads.size() == 1 &&
                       (*Threads.begin() == "<main>" || !multi(*Threads.begin()));
      // One writer (rule (b)): a lost update needs two writes of the datum (the same site
      // included) that can run in two threads at once. Writes only in one thread started
      // once (and main's writes while that thread is not running) are one writer: a reader
      // elsewhere sees a stale value at most (direwolf's stats_downlink_packets, counted by
      // the one igate_recv_thread and read by getters from other threads). Writes whose
      // threads cannot be counted (a callback, an API; no main()) are many writers.
      bool ManyWriters = FromMain.empty();
      std::set<std::string> WriterEntries;
      std::vector<const Acc *> MainWrites;  // in the main thread while threads run
      for (const auto &X : List) {
        if (X.A->kind == AccessKind::Read)
          continue;
        for (const auto &T : tokens(X.F->id)) {
          if (T == "<other>") {
            ManyWriters = true;
          } else if (T.rfind("T:", 0) == 0) {
            WriterEntries.insert(T.substr(2));
            // one thread at a time is one writer too: rtkrcv's server thread, started by each
            // rtksvrstart() after rtksvrstop() joined the last one (preSpawn())
            ManyWriters = ManyWriters || (!oneInstance(T.substr(2)) && !preSpawn(T.substr(2)));
          }
        }
        if (X.ctx.count("<main>"))
          MainWrites.push_back(&X);
      }
      if (!ManyWriters && WriterEntries.size() >= 2) {
        // writes in two threads are two writers where two of them can run at once: not the
        // console thread's writes before it starts the server thread or after it joined it
        // (rtklib's timeoffset_, set as rtksvrstart() opens the streams, reset as rtksvrstop()
        // closes them, adjusted by the one server thread in between)
        std::vector<const Acc *> W;
        for (const auto &X : List)
          if (X.A->kind != AccessKind::Read && !X.ctx.empty())
            W.push_back(&X);
        ManyWriters = W.size() > 64;  // (pairs beyond that: as many writers)
        for (size_t I = 0; I < W.size() && !ManyWriters; ++I)
          for (size_t J = I; J < W.size() && !ManyWriters; ++J)
            ManyWriters = !concurrentIn(*W[I], *W[J], &Acc::ctx).empty();
      }
      for (const Acc *M : MainWrites)
        for (const auto &E : WriterEntries)
          ManyWriters = ManyWriters || M->running.count(E);
      for (const auto &X : List) {
        // a lock the function was given, held on every path here (`bump(pthread_mutex_t *m) {
        // lock(m); counter++; ... }`, a thread's `pthread_mutex_lock(arg)`): named by what the
        // callers pass, which this rule does not follow; like an unnamed lock, it may be the one
        auto givenLock = [](const Access &A) {
          return std::any_of(A.held.begin(), A.held.end(),
                             [](const Held &H) { return !H.some && !H.ref.isAbsolute() && H.ref.root == ObjRef::Param; });
        };
        if (X.A->kind != AccessKind::Rmw || X.ctx.empty() || X.A->unnamedLock || X.A->modeOff || givenLock(*X.A))
          continue;  // under a lock that cannot be named: whether it protects the datum is unknown;
                     // in the single-threaded mode of code that locks when threads run (modeOff)
        if (initOnly().count(X.F->id) || onceBody(*X.F, *X.A))
          continue;  // the run-once initialisation, before the threads that use what it made
        bool Inconsistent = false;
        if (!Protect.empty() && !OneThread) {
          Inconsistent = X.globalObject || Foreign.size() < Protect.size();
          for (const auto &H : X.held)
            if (Protect.count(H))
              Inconsistent = false;
          // held there: the lock keyed by the very object written (NSPR's cached monitor,
          // `PR_CEnterMonitor(contention); contention->contender += 1;`): that object's own
          // discipline, another than the member lock other code uses, not "unlocked"
          for (const auto &H : X.A->held)
            if (X.A->param >= 0 && H.ref.root == ObjRef::Param && H.ref.path.empty() &&
                H.ref.param == X.A->param && !H.shared)
              Inconsistent = false;
        }
        const Acc *Other = nullptr;
        std::string Thread;
        if (X.held.empty() && X.sharedRoot && ThreadTouched)
          for (const auto &Y : List) {
            std::string T = concurrent(X, Y);
            if (!T.empty()) {
              Other = &Y;
              Thread = T;
              break;
            }
          }
        if (!Inconsistent && (!Other || !ManyWriters))
          continue;  // (rule (b) needs two writers; Other still names the thread of rule (a)'s note)
        Finding Fd;
        Fd.kind = "unlocked-rmw";
        const std::string &N = X.name;
        std::string What = X.A->split ? "read-modify-write (read into a temporary, then written back)" : "read-modify-write";
        if (Inconsistent) {
          std::string L;
          for (const auto &P : Protect)
            if (X.globalObject || !Foreign.count(P))
              L += (L.empty() ? "" : ", ") + quote(keyName(P));
          Fd.message = "unlocked " + What + " of " + quote(N) + ": it is protected by " + L +
                       " elsewhere; concurrent updates can be lost";
          if (LockedWrite)
            Fd.notes.push_back({LockedWrite->A->site, quote(N) + " is written here with the lock held (in " + LockedWrite->F->name + ")"});
        } else {
          Fd.message = "unlocked " + What + " of shared " + quote(N) + " in code run by several threads; concurrent updates can be lost";
          if (Other && Other->A != X.A)
            Fd.notes.push_back({Other->A->site, quote(N) + " is also accessed here (in " + Other->F->name + ")"});
        }
        if (!Thread.empty() && Thread != "<main>")
          if (auto It = Entries.find(Thread); It != Entries.end() && !It->second.sites.empty())
            Fd.notes.push_back({It->second.sites.front(), "thread running " + It->second.name + "() started here"});
        Fd.site = X.A->site;
        Fd.function = X.F->name;
        Fd.locks = {N};
        Fd.fingerprint = fingerprintOf(Fd.kind, {N, X.F->name});
        add(std::move(Fd));
      }
    }
  }

  void add(Finding F) {
    std::string K = F.kind + "|" + F.site.file + ":" + std::to_string(F.site.line) + ":" + std::to_string(F.site.col) + "|";
    for (const auto &L : F.locks)
      K += L + ",";
    if (!Reported.insert(K).second)
      return;
    Out.push_back(std::move(F));
  }
};

}  // namespace

std::vector<Finding> analyzeProgram(const std::vector<TUFacts> &TUs, const AnalysisOptions &Opts,
                                    std::vector<std::string> *Limits) {
  std::vector<const TUFacts *> Ptrs;
  Ptrs.reserve(TUs.size());
  for (const auto &TU : TUs)
    Ptrs.push_back(&TU);
  return analyzeProgram(Ptrs, Opts, Limits);
}

std::vector<Finding> analyzeProgram(const std::vector<const TUFacts *> &TUs, const AnalysisOptions &Opts,
                                    std::vector<std::string> *Limits) {
  Program P(TUView(TUs), Opts);
  std::vector<Finding> Fs = P.run();
  if (Limits)
    *Limits = P.limits();
  return Fs;
}

}  // namespace lockgraph
