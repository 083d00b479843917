// The analyzer's run, step by step (Run::main):
//   1. inputs: config, baseline; then either facts files (--merge) or the compile
//      database (selected files, every distinct command of each, this shard) with the
//      build system's link information;
//   2. parse: every TU in a thread pool, facts reused from the cache when unchanged, then
//      the cross-TU wrapper pass;
//   3. analyze: one whole-program analysis per program (Programs.h), findings merged;
//   4. report: suppressions, baseline, output, exit status.
// Anything that cannot be read or written is an error (exit 2) naming what; a TU that
// cannot be analyzed is reported as such and the others still are.
#include "Runner.h"

#include "Analysis.h"
#include "Cache.h"
#include "Config.h"
#include "Driver.h"
#include "Facts.h"
#include "FileIO.h"
#include "Programs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

namespace lockgraph {

static const char *const FactsVersion = "lockgraph-facts-1/analyzer-0.3.111";

// The analyzer binary itself (its size and modification time): cached facts and merged results
// come from its code, so a rebuilt or upgraded analyzer never reuses an older one's.
static const std::string &binaryIdentity() {
  static const std::string Id = [] {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status("/proc/self/exe", St))
      return std::string("unknown-binary");
    return std::to_string(St.getSize()) + "@" +
           std::to_string(St.getLastModificationTime().time_since_epoch().count());
  }();
  return Id;
}

std::string cacheKey(const std::string &File, const std::vector<std::string> &Command, const std::string &ConfigText) {
  std::string S = std::string(FactsVersion) + '\0' + binaryIdentity();
  S += '\0' + File + '\0' + ConfigText;
  for (const auto &A : Command)
    S += '\0' + A;
  return hashHex(S);
}

bool parseShard(const std::string &Text, unsigned &I, unsigned &N) {
  llvm::StringRef S(Text), A, B;
  std::tie(A, B) = S.split('/');
  unsigned long long X, Y;
  if (A.empty() || B.empty() || S.count('/') != 1 || A.getAsInteger(10, X) || B.getAsInteger(10, Y) ||
      A.front() == '+' || B.front() == '+' || Y == 0 || X >= Y || Y > 1000000)
    return false;
  I = static_cast<unsigned>(X);
  N = static_cast<unsigned>(Y);
  return true;
}

// The functions and lock tables ("fp:...") TU `F` calls, directly or through a
// function-pointer member, that it does not define itself and `Want` accepts.
template <typename Pred> static std::set<std::string> externalUses(const TUFacts &F, Pred Want) {
  std::set<std::string> Mine, Used;
  for (const auto &Fn : F.functions)
    Mine.insert(Fn.id);
  for (const auto &T : F.lockTables)
    Mine.insert(T.key);
  auto use = [&](const std::string &K) {
    if (!Mine.count(K) && Want(K))
      Used.insert(K);
  };
  for (const auto &Fn : F.functions)
    for (const auto &C : Fn.calls)
      use(C.callee);
  for (const auto &K : F.indirectCalls)
    use(K);
  return Used;
}

// Methods no TU of the program defines (pure virtual ones) that other methods override: a
// call of one runs some override, so it has the net effect every override shares (omniORB's
// `_identity()->dispatch(call_desc)`, called with internalLock held: each of the four
// identities' dispatch() gives it back). Nothing when an override does without it.
std::map<std::string, FunctionSummary> virtualSummaries(const std::vector<TUFacts> &Facts) {
  std::set<std::string> Defined;
  std::map<std::string, std::vector<const Function *>> Overriders;
  for (const auto &F : Facts)
    for (const auto &Fn : F.functions) {
      Defined.insert(Fn.id);
      for (const auto &B : Fn.overrides)
        Overriders[B].push_back(&Fn);
    }
  std::map<std::string, FunctionSummary> Out;
  for (const auto &[Base, Os] : Overriders) {
    if (Defined.count(Base))
      continue;
    FunctionSummary S{Os[0]->netAcquire, Os[0]->netRelease, {}};
    for (const Function *O : Os) {
      llvm::erase_if(S.netAcquire, [&](const NetEffect &N) {
        return std::none_of(O->netAcquire.begin(), O->netAcquire.end(), [&](const NetEffect &M) {
          return M.ref.ident() == N.ref.ident() && M.shared == N.shared && M.trylock == N.trylock && M.checked == N.checked &&
                 M.when == N.when;
        });
      });
      llvm::erase_if(S.netRelease, [&](const ObjRef &R) {
        return std::none_of(O->netRelease.begin(), O->netRelease.end(),
                            [&](const ObjRef &X) { return X.ident() == R.ident(); });
      });
    }
    if (!S.netAcquire.empty() || !S.netRelease.empty())
      Out.emplace(Base, std::move(S));
  }
  return Out;
}

// The order of the cross-TU pass. TU I's layer is 0 when it calls no function of another TU
// (directly or through a function-pointer member another TU fills) that is a lock wrapper or
// calls one through any chain of calls (`Seeds`: the wrappers and lock tables pass 1 found;
// their callers may become wrappers in the pass), else one more than
// the highest layer of the other TUs defining such functions it calls; TUs calling each
// other's (a cycle) share a layer, and the rounds settle what they see of each other.
std::vector<unsigned> crossTuLayers(const std::vector<TUFacts> &Facts, const std::set<std::string> &Seeds) {
  size_t N = Facts.size();
  std::map<std::string, std::vector<size_t>> Definers;
  std::map<std::string, std::vector<const std::string *>> Callers;
  for (size_t I = 0; I < N; ++I) {
    for (const auto &Fn : Facts[I].functions) {
      Definers[Fn.id].push_back(I);
      for (const auto &C : Fn.calls)
        Callers[C.callee].push_back(&Fn.id);
      // a method it overrides is one more function calling it (virtualSummaries())
      for (const auto &B : Fn.overrides) {
        Definers[B].push_back(I);
        Callers[Fn.id].push_back(&B);
      }
    }
    for (const auto &T : Facts[I].lockTables)
      Definers[T.key].push_back(I);
    // a function stored into a function-pointer member or variable fills its table (which
    // pass 1 records only when the function took a lock then), and a call through one is a
    // call of the functions stored there
    for (const auto &[Key, Fn] : Facts[I].fpStores) {
      Definers[Key].push_back(I);
      Callers[Fn].push_back(&Key);
    }
    for (const auto &C : Facts[I].fpCallSites)
      Callers[C.key].push_back(&C.fn);
  }
  std::set<std::string> MayChange(Seeds.begin(), Seeds.end());
  std::vector<std::string> Work(Seeds.begin(), Seeds.end());
  while (!Work.empty()) {
    std::string F = std::move(Work.back());
    Work.pop_back();
    if (auto It = Callers.find(F); It != Callers.end())
      for (const std::string *C : It->second)
        if (MayChange.insert(*C).second)
          Work.push_back(*C);
  }
  std::vector<std::vector<size_t>> Deps(N);
  for (size_t I = 0; I < N; ++I) {
    std::set<size_t> D;
    for (const auto &K : externalUses(Facts[I], [&](const std::string &K) { return MayChange.count(K) > 0; }))
      for (size_t J : Definers[K])
        if (J != I)
          D.insert(J);
    Deps[I].assign(D.begin(), D.end());
  }
  // Tarjan's strongly connected components, iterative; a component is complete after every
  // component it depends on, so numbering them in that order puts dependencies first
  std::vector<int> Index(N, -1), Low(N, 0), Comp(N, -1);
  std::vector<bool> OnStack(N, false);
  std::vector<size_t> Stack;
  std::vector<std::pair<size_t, size_t>> Frames;  // TU, next dependency to visit
  int Next = 0, Comps = 0;
  for (size_t Root = 0; Root < N; ++Root) {
    if (Index[Root] >= 0)
      continue;
    Frames.push_back({Root, 0});
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Frames.empty()) {
      size_t V = Frames.back().first;
      if (Frames.back().second < Deps[V].size()) {
        size_t W = Deps[V][Frames.back().second++];
        if (Index[W] < 0) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          OnStack[W] = true;
          Frames.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Index[W]);
        }
        continue;
      }
      if (Low[V] == Index[V]) {
        size_t W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = false;
          Comp[W] = Comps;
        } while (W != V);
        ++Comps;
      }
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().first] = std::min(Low[Frames.back().first], Low[V]);
    }
  }
  std::vector<std::vector<size_t>> Members(Comps);
  for (size_t I = 0; I < N; ++I)
    Members[Comp[I]].push_back(I);
  std::vector<unsigned> CompLayer(Comps, 0), Layer(N, 0);
  for (int C = 0; C < Comps; ++C) {
    for (size_t V : Members[C])
      for (size_t W : Deps[V])
        CompLayer[C] = std::max(CompLayer[C], Comp[W] == C ? 1u : CompLayer[Comp[W]] + 1);
    for (size_t V : Members[C])
      Layer[V] = CompLayer[C];
  }
  return Layer;
}

namespace {

// Locks allocated through a lock table whose allocator makes them recursive for the flag they
// are given (Extract.cpp, findRecursiveAllocs): the allocator is stored in one TU
// (evthread_pthread.c), the lock allocated in another (buffer.c). A lock is recursive when
// every such allocation of it is: one allocated without the flag anywhere stays plain.
void applyRecursiveAllocs(std::vector<TUFacts> &Facts) {
  std::map<std::string, std::uint64_t> Mask;  // table key -> flag bits that make it recursive
  for (const auto &F : Facts)
    for (const auto &A : F.recursiveAllocs)
      Mask[A.key] |= A.mask;
  // fields some TU initialises recursive, any instance (`recursiveMutex::lock`, made so by
  // SWI-Prolog's recursiveMutexInit() in pl-thread.c): a lock reached through another field
  // in another TU (pl-stream.c's `s->mutex->lock`, "io_stream::mutex.lock") is one of them
  std::set<std::string> Fields;
  for (const auto &F : Facts)
    for (const auto &K : F.recursiveLocks)
      if (K.find("::") != std::string::npos)
        Fields.insert(K);
  if (Mask.empty() && Fields.empty())
    return;
  std::map<std::string, bool> Recursive;  // lock key -> every known allocation recursive
  for (const auto &F : Facts)
    for (const auto &S : F.allocSites)
      if (auto M = Mask.find(S.key); M != Mask.end()) {
        auto It = Recursive.insert({S.lock, true}).first;
        It->second = It->second && (S.arg & M->second) != 0;
      }
  auto recursive = [&](const std::string &K) {
    auto It = Recursive.find(K);
    return It != Recursive.end() && It->second;
  };
  for (auto &F : Facts) {
    std::set<std::string> Add;
    for (const auto &S : F.allocSites)
      if (recursive(S.lock))
        Add.insert(S.lock);
    for (const auto &[Path, Field] : F.lockPaths)  // "request::base.lock" is evdns_base::lock
      if (recursive(Field) || Fields.count(Field))
        Add.insert(Path);
    for (const auto &K : Add)
      if (std::find(F.recursiveLocks.begin(), F.recursiveLocks.end(), K) == F.recursiveLocks.end())
        F.recursiveLocks.push_back(K);
  }
}

void error(const std::string &M) { llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << M << "\n"; }

double secondsSince(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T).count();
}

std::string plural(size_t N, const char *Word) { return std::to_string(N) + " " + Word + (N == 1 ? "" : "s"); }

// What a repeat of a finding at another site says in the first one's notes.
std::string repeatNote(const Finding &F) {
  std::string N = F.locks.empty() ? std::string() : "'" + F.locks.front() + "'";
  std::string In = F.function.empty() ? "" : " (in " + F.function + ")";
  if (F.kind == "unlocked-rmw")
    return "another unlocked read-modify-write of " + N + In;
  if (F.kind == "self-deadlock")
    return N + " is acquired again here while it is held" + In;
  if (F.kind == "lock-order-inversion" || F.kind == "latent-lock-order")
    return "the same locks are taken in this order here too" + In;
  if (F.kind == "instance-order-inversion")
    return "two instances of " + N + " are locked in this order here too" + In;
  return "the same finding here too" + In;
}

// Findings with one fingerprint are one finding (a suppression or a baseline entry names
// them all at once): kamailio's logging macros expand a counter's `++` at 24 lines of one
// function, libmicrohttpd re-takes one lock at three sites of one function. The first
// site in report order stands for the rest, listed in its notes with their own evidence
// (at most MaxRepeatNotes repeats; the message counts them all). After the suppressions,
// before the baseline (which names fingerprints anyway).
std::vector<Finding> foldRepeats(std::vector<Finding> Fs) {
  constexpr size_t MaxRepeatNotes = 16;
  std::map<std::string, size_t> First;
  std::vector<size_t> Repeats(Fs.size(), 0);
  std::vector<Finding> Out;
  for (size_t I = 0; I < Fs.size(); ++I) {
    auto [It, New] = First.emplace(Fs[I].kind + '\0' + Fs[I].fingerprint, Out.size());
    if (New) {
      Out.push_back(std::move(Fs[I]));
      continue;
    }
    Finding &K = Out[It->second];
    size_t &R = Repeats[It->second];
    if (++R > MaxRepeatNotes)
      continue;
    // the repeat's site, then its own evidence where it points elsewhere (an inversion's
    // other held lock; not the datum's other access every repeat names)
    auto Same = std::find_if(K.notes.begin(), K.notes.end(), [&](const Note &X) { return X.site == Fs[I].site; });
    if (Same != K.notes.end())
      Same->message = repeatNote(Fs[I]);  // ("'x' is also accessed here": the repeat says more)
    else
      K.notes.push_back({Fs[I].site, repeatNote(Fs[I])});
    for (auto &N : Fs[I].notes)
      if (std::none_of(K.notes.begin(), K.notes.end(), [&](const Note &X) { return X.site == N.site; }))
        K.notes.push_back(std::move(N));
  }
  for (size_t I = 0; I < Out.size(); ++I)
    if (Repeats[I])
      Out[I].message += " (" + std::to_string(Repeats[I] + 1) + " sites" +
                        (Repeats[I] > MaxRepeatNotes ? ", the first " + std::to_string(MaxRepeatNotes + 1) + " shown" : "") + ")";
  return Out;
}

// Findings of several programs: a finding seen in two programs (a library linked into both)
// is reported once; a cycle that is latent in one program and a real inversion in another
// is reported as the inversion.
std::vector<Finding> mergeFindings(std::vector<std::vector<Finding>> PerProgram) {
  auto SiteKey = [](const Finding &F) {
    return F.site.file + '\0' + std::to_string(F.site.line) + ':' + std::to_string(F.site.col);
  };
  auto CycleKey = [&](const Finding &F) {
    std::vector<std::string> L = F.cycle;
    std::sort(L.begin(), L.end());
    std::string K = SiteKey(F);
    for (const auto &X : L)
      K += '\0' + X;
    return K;
  };
  std::set<std::string> Inversions;
  for (const auto &Fs : PerProgram)
    for (const auto &F : Fs)
      if (F.kind == "lock-order-inversion")
        Inversions.insert(CycleKey(F));
  std::set<std::string> Seen;
  std::vector<Finding> Out;
  for (auto &Fs : PerProgram)
    for (auto &F : Fs) {
      if (F.kind == "latent-lock-order" && Inversions.count(CycleKey(F)))
        continue;
      if (Seen.insert(F.fingerprint + '\0' + SiteKey(F)).second)
        Out.push_back(std::move(F));
    }
  std::stable_sort(Out.begin(), Out.end(), [](const Finding &A, const Finding &B) {  // as analyzeProgram's
    return std::tie(A.site.file, A.site.line, A.site.col, A.kind, A.message) <
           std::tie(B.site.file, B.site.line, B.site.col, B.kind, B.message);
  });
  // one code, compiled twice with its names renamed by macros (jemalloc builds each file
  // plain and with the `je_` private-namespace prefix): two findings of one kind at the same
  // places, warning and every note, are one; the first in the order above is kept
  std::set<std::string> Shapes;
  std::vector<Finding> Kept;
  for (auto &F : Out) {
    std::string K = F.kind + '\0' + SiteKey(F);
    for (const auto &N : F.notes)
      K += '\0' + N.site.file + ':' + std::to_string(N.site.line) + ':' + std::to_string(N.site.col);
    if (Shapes.insert(K).second)
      Kept.push_back(std::move(F));
  }
  return Kept;
}

class Run {
public:
  explicit Run(const RunOptions &O) : O(O) {}
  int main();

private:
  const RunOptions &O;
  Config Cfg;
  std::set<std::string> Baseline;
  // the compile database's TUs (or --merge's facts)
  std::vector<TUJob> Jobs;
  std::string DbPath;
  LinkInfo Links;
  std::vector<TUFacts> Facts;
  std::vector<Unanalyzed> Failed;
  std::vector<std::string> Limits;  // what the whole-program analysis did not search (analyzeProgram)
  std::vector<std::string> FailReason;  // per job, when it could not be analyzed
  // pass 1's parses (while memory allows) and dependencies, for the cross-TU pass
  std::vector<ParsedTUPtr> Parsed;
  std::vector<std::vector<Dependency>> FirstDeps;
  // the facts cache
  std::unique_ptr<FactsCache> Cache;
  // writes facts to the cache off the parsing threads; Facts[I] stays unchanged until it is
  // waited for (before the cross-TU pass replaces facts, before the result is stored)
  std::unique_ptr<llvm::DefaultThreadPool> Writer;
  std::vector<std::string> Keys, DepsText;
  size_t ReusedFirst = 0, ReusedSecond = 0, Again = 0, Wrappers = 0, Programs = 0;
  double ParseSeconds = 0, SecondSeconds = 0, AnalyzeSeconds = 0;  // -v
  bool Progress = false;

  bool readInputs();
  bool loadFactsFiles();
  bool loadJobs();
  bool openCache();
  std::string resultName() const;
  void parse(const std::vector<size_t> &Which, const SummaryTable *Ext, const std::vector<std::string> &Suffix,
             const char *Label);
  void parseAll();
  std::vector<ProgramGroup> programs() const;
  int listPrograms();
  std::vector<Finding> analyze();
  int report(std::vector<Finding> Fs);
  bool emit(const std::string &Text, const char *What);
};

bool Run::readInputs() {
  if (!O.configFile.empty()) {
    std::string Text, Err;
    if (!readInputFile(O.configFile, userFileLimits(), Text, Err)) {
      error("cannot read config file '" + O.configFile + "': " + Err);
      return false;
    }
    if (!parseConfig(Text, Cfg, Err)) {
      error(O.configFile + ": " + Err);
      return false;
    }
  }
  if (!O.suppressionsFile.empty()) {
    std::string Text, Err;
    if (!readInputFile(O.suppressionsFile, userFileLimits(), Text, Err)) {
      error("cannot read suppressions file '" + O.suppressionsFile + "': " + Err);
      return false;
    }
    if (!parseSuppressions(Text, Cfg.suppressions, Err)) {
      error(O.suppressionsFile + ": " + Err);
      return false;
    }
  }
  if (!O.baseline.empty()) {
    std::string Err;
    if (!loadBaseline(O.baseline, Baseline, Err)) {
      error(Err);
      return false;
    }
  }
  return true;
}

// --merge: facts files and directories of facts (shards of --emit-facts runs). No facts
// at all, or a file that is not facts, is an error: a shard that failed to upload must
// not read as a clean tree.
bool Run::loadFactsFiles() {
  if (O.inputs.empty()) {
    error("--merge needs facts files or directories");
    return false;
  }
  bool Ok = true;
  auto LoadOne = [&](const std::string &P) {
    std::string Text, Err;
    TUFacts F;
    if (!readInputFile(P, userFileLimits(), Text, Err) || !fromJSON(Text, F, Err)) {
      error("cannot read facts file '" + P + "': " + Err);
      Ok = false;
      return;
    }
    if (F.failed) {  // said here too: text and JSON have no other place for it
      Failed.push_back({F.file, "it could not be analyzed when its facts were made (its shard's log says why)"});
      error("could not analyze " + printableName(F.file) + ": " + Failed.back().reason);
    }
    Facts.push_back(std::move(F));
  };
  for (const auto &In : O.inputs) {
    if (!llvm::sys::fs::is_directory(In)) {
      LoadOne(In);
      continue;
    }
    std::error_code EC;
    std::vector<std::string> Files;
    for (llvm::sys::fs::directory_iterator It(In, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::StringRef(It->path()).ends_with(".facts.json"))
        Files.push_back(It->path());
    if (EC) {
      error("cannot list facts directory '" + In + "': " + EC.message());
      Ok = false;
      continue;
    }
    if (Files.empty()) {
      error("no facts files (*.facts.json) in '" + In + "'");
      Ok = false;
    }
    std::sort(Files.begin(), Files.end());
    for (const auto &F : Files)
      LoadOne(F);
  }
  return Ok;
}

bool Run::loadJobs() {
  std::string Err;
  if (O.fixedFlags) {  // `FILES... -- FLAGS`
    if (O.inputs.empty()) {
      error("no source file before '--' (usage: lockgraph-analyze FILE... -- COMPILER FLAGS)");
      return false;
    }
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    std::set<std::string> Named;
    for (const auto &In : O.inputs) {
      llvm::SmallString<256> Abs(In);
      llvm::sys::fs::make_absolute(Abs);
      llvm::sys::path::remove_dots(Abs, true);
      if (!Named.insert(std::string(Abs)).second)
        continue;
      if (!llvm::sys::fs::is_regular_file(Abs)) {
        error("'" + In + "': no such source file");
        return false;
      }
      TUJob J;
      J.file = std::string(Abs);
      J.directory = std::string(Cwd);
      llvm::StringRef Ext = llvm::sys::path::extension(Abs);
      bool Cxx = Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" || Ext == ".C" || Ext == ".c++" || Ext == ".hpp";
      J.command.push_back(Cxx ? "clang++" : "clang");
      J.command.insert(J.command.end(), O.flags.begin(), O.flags.end());
      J.command.push_back("-c");
      J.command.push_back(J.file);
      Jobs.push_back(std::move(J));
    }
    DbPath = "the command line";
    return true;  // one program: no link information
  }
  std::vector<SkippedEntry> Skipped;
  if (!loadCompileDatabase(O.buildPath, Jobs, DbPath, Err, Skipped)) {
    error(Err);
    return false;
  }
  // restrict to the files named on the command line (every command of each)
  if (!O.inputs.empty() && !O.merge) {
    std::vector<TUJob> Sel;
    for (const auto &In : O.inputs) {
      llvm::SmallString<256> Abs(In);
      llvm::sys::fs::make_absolute(Abs);
      llvm::sys::path::remove_dots(Abs, true);
      bool Found = false;
      for (const auto &J : Jobs)
        if (J.file == Abs.str() || llvm::StringRef(J.file).ends_with("/" + In)) {
          Sel.push_back(J);
          Found = true;
        }
      if (!Found) {
        auto Other = std::find_if(Skipped.begin(), Skipped.end(), [&](const SkippedEntry &E) {
          return E.file == Abs.str() || llvm::StringRef(E.file).ends_with("/" + In);
        });
        if (Other != Skipped.end())
          error("'" + In + "' is " + Other->language + " in the compile database " + DbPath +
                ": lockgraph-analyze reads C and C++ only");
        else
          error("'" + In + "' is not in the compile database " + DbPath);
        return false;
      }
    }
    Jobs = std::move(Sel);
  } else if (!Skipped.empty() && !O.merge) {
    // said once, so that a mixed-language tree's other sources are not taken for lost
    std::map<std::string, std::set<std::string>> ByLanguage;
    for (const auto &E : Skipped)
      ByLanguage[E.language].insert(E.file);
    std::string Said;
    for (const auto &[Language, Files] : ByLanguage) {
      Said += (Said.empty() ? "" : "; ") + Language + ": ";
      unsigned Shown = 0;
      for (const auto &F : Files) {
        if (Shown == 2) {
          Said += ", and " + std::to_string(Files.size() - Shown) + " more";
          break;
        }
        Said += (Shown++ ? ", " : "") + printableName(F);
      }
    }
    std::set<std::string> Distinct;
    for (const auto &E : Skipped)
      Distinct.insert(E.file);
    llvm::errs() << "lockgraph-analyze: not analyzed: " << plural(Distinct.size(), "file")
                 << " of the compile database that " << (Distinct.size() == 1 ? "is" : "are")
                 << " not C or C++ (" << Said << ")\n";
  }
  // every distinct command of a file is analyzed (a file built twice with other -D flags);
  // an exact repeat is not
  {
    std::set<std::pair<std::string, std::vector<std::string>>> Seen;
    std::map<std::string, unsigned> Variants;
    std::vector<TUJob> Uniq;
    for (auto &J : Jobs)
      if (Seen.insert({J.file, J.command}).second) {
        J.variant = Variants[J.file]++;
        Uniq.push_back(std::move(J));
      }
    Jobs = std::move(Uniq);
  }
  if (O.merge) {  // the merged facts' TUs, in their order
    std::vector<TUJob> Sel;
    for (const auto &F : Facts) {
      auto It = std::find_if(Jobs.begin(), Jobs.end(),
                             [&](const TUJob &J) { return J.file == F.file && J.variant == F.variant; });
      if (It == Jobs.end()) {
        error("the facts of '" + F.file + "' are of a file that is not in the compile database " + DbPath);
        return false;
      }
      Sel.push_back(*It);
    }
    Jobs = std::move(Sel);
  } else if (O.shards > 1) {
    std::vector<TUJob> Mine;
    for (size_t I = 0; I < Jobs.size(); ++I)
      if (I % O.shards == O.shard)
        Mine.push_back(Jobs[I]);
    Jobs = std::move(Mine);
  }
  std::string BuildDir = llvm::sys::path::parent_path(DbPath).str();
  if (!readCMakeLinkInfo(BuildDir.empty() ? "." : BuildDir, Links, Err) && !Err.empty()) {
    error(Err + " (delete the reply directory or configure again)");
    return false;
  }
  for (auto &J : Jobs)
    J.programs = Links.programsOf(J.file, J.output);
  return true;
}

bool Run::openCache() {
  std::string Dir = O.cacheDir;
  if (Dir.empty() && !O.noCache && !O.fixedFlags)  // `-- FLAGS`: a cache only where --facts-dir says
    Dir = llvm::sys::path::parent_path(DbPath).str() + "/.lockgraph-cache";
  if (O.emitFacts && Dir.empty()) {
    error("--emit-facts needs --facts-dir DIR");
    return false;
  }
  if (!Dir.empty() && (!O.noCache || O.emitFacts)) {
    if (auto EC = llvm::sys::fs::create_directories(Dir)) {
      error("cannot create facts directory '" + Dir + "': " + EC.message());
      return false;
    }
    Cache = std::make_unique<FactsCache>(Dir);
  }
  Keys.resize(Jobs.size());
  DepsText.resize(Jobs.size());
  for (size_t I = 0; I < Jobs.size(); ++I)
    Keys[I] = cacheKey(Jobs[I].file, Jobs[I].command, Cfg.text);
  return true;
}

// The merged result's name: the TUs (keys), where each is linked, the config and options.
std::string Run::resultName() const {
  std::vector<std::string> K;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    std::string E = Keys[I];
    for (const auto &P : Jobs[I].programs)
      E += '\x1f' + P;
    K.push_back(E);
  }
  std::sort(K.begin(), K.end());
  std::string S = std::string(FactsVersion) + '\0' + binaryIdentity() + '\0' + Cfg.text + '\0' +
                  std::to_string(O.maxCycleLength) + (O.noSecondPass ? "/no-second-pass" : "") + "/budget" +
                  std::to_string(O.programBudget);
  for (const auto &X : K)
    S += '\0' + X;
  return hashHex(S);
}

// One pass over the TUs in `Which`; pass 2 gives the extractor the summaries of wrappers
// defined in other TUs (`Ext`, keyed into the cache by `Suffix`).
void Run::parse(const std::vector<size_t> &Which, const SummaryTable *Ext, const std::vector<std::string> &Suffix,
                const char *Label) {
  auto Start = std::chrono::steady_clock::now();
  std::atomic<unsigned> Done{0}, Reused{0};
  std::mutex ErrMutex;
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(O.jobs));
  for (size_t I : Which)
    Pool.async([&, I] {
      const TUJob &J = Jobs[I];
      std::string Key = Keys[I] + Suffix[I];
      TUFacts F;
      std::string Deps;
      TUResult R;
      if (Cache && Cache->load(Key, J.file, F, Deps)) {
        ++Reused;
      } else if (Ext && Parsed[I]) {
        reanalyzeTU(*Parsed[I], Cfg, Ext, R);
        if (R.ok)
          Parsed[I].reset();
        else
          (void)Parsed[I].release();  // what crashed: never used or freed
        R.deps = std::move(FirstDeps[I]);
        F = std::move(R.facts);
      } else {
        bool KeepParse = !Ext && !O.emitFacts && !O.noSecondPass;
        analyzeTU(J, Cfg, Ext, R, KeepParse ? &Parsed[I] : nullptr);
        if (KeepParse && Parsed[I])
          FirstDeps[I] = R.deps;
        F = std::move(R.facts);
        F.programs = J.programs;
        F.variant = J.variant;
        if (Cache && !R.ok && O.emitFacts)  // the merge step must know this TU failed
          Cache->storeFactsOnly(Key, F);
      }
      F.programs = J.programs;  // link information may be newer than the cached facts
      F.variant = J.variant;
      // A TU that pass 1 analyzed and the cross-TU pass could not (the analyzer crashed on it)
      // keeps its first facts; the run still says it could not analyze the file.
      bool KeepFirst = Ext && F.failed && !Facts[I].failed;
      if (!KeepFirst)
        Facts[I] = std::move(F);
      if (!Ext)
        DepsText[I] = std::move(Deps);
      if (Cache && R.ok)  // written while other TUs are parsed and the program analyzed
        Writer->async([this, I, Key, File = J.file, D = std::move(R.deps), Pass1 = !Ext] {
          std::string T = Cache->store(Key, File, Facts[I], D);
          if (Pass1)
            DepsText[I] = std::move(T);
        });
      unsigned N = ++Done;
      std::lock_guard<std::mutex> G(ErrMutex);
      if (!R.failure.empty() && (!Ext || KeepFirst)) {
        FailReason[I] = KeepFirst ? R.failure + " (in the cross-TU pass: its first pass's facts are used)" : R.failure;
        if (Progress)
          llvm::errs() << "\r\x1b[K";
        error("could not analyze " + printableName(J.file) + ": " + R.failure);
        llvm::errs() << R.diagnostics;
      }
      if (Progress) {
        llvm::errs() << "\r\x1b[K" << Label << "[" << N << "/" << Which.size() << "] "
                     << printableName(llvm::sys::path::filename(J.file).str());
        llvm::errs().flush();
      }
    });
  Pool.wait();
  (Ext ? ReusedSecond : ReusedFirst) += Reused;
  (Ext ? SecondSeconds : ParseSeconds) += secondsSince(Start);
}

void Run::parseAll() {
  if (Cache)
    Writer = std::make_unique<llvm::DefaultThreadPool>(llvm::hardware_concurrency(1));
  FailReason.assign(Jobs.size(), std::string());
  Parsed.resize(Jobs.size());
  FirstDeps.resize(Jobs.size());
  // --merge -p: the merged facts stand for the first pass; the second, which a shard cannot
  // make alone, runs below, so a sharded run merges to the unsharded result
  if (!O.merge) {
    Facts.assign(Jobs.size(), TUFacts{});
    std::vector<size_t> Every(Jobs.size());
    for (size_t I = 0; I < Jobs.size(); ++I)
      Every[I] = I;
    parse(Every, nullptr, std::vector<std::string>(Jobs.size()), "");
  }

  // Pass 2: TUs calling lock wrappers defined in other TUs are parsed again with
  // those wrappers' summaries, so the locks they take are held after the call. A summary that
  // pass changes (a function that takes a lock and calls another TU's function to release it,
  // as a cancellation handler does; a wrapper of a wrapper) changes what its callers in other
  // TUs see: the pass repeats for the TUs whose wrappers' summaries changed, until none did
  // (at most kWrapperRounds rounds: each adds a level of cross-TU wrappers).
  constexpr int kWrapperRounds = 4;
  auto buildTable = [this] {
    SummaryTable Table;
    for (const auto &F : Facts)
      for (const auto &Fn : F.functions)
        if ((!Fn.netAcquire.empty() || !Fn.netRelease.empty()) && !Table.count(Fn.id))
          Table[Fn.id] = FunctionSummary{Fn.netAcquire, Fn.netRelease, Fn.retFields, false, Fn.releaseWhen};
    for (auto &[Base, Sum] : virtualSummaries(Facts))
      Table.emplace(Base, std::move(Sum));
    // lock tables ("fp:Record::field"): a table two TUs fill differently, or one TU with
    // something that is no lock function, is none
    {
      std::map<std::string, std::optional<FunctionSummary>> Tables;
      auto same = [](const FunctionSummary &A, const LockTable &T) {
        if (A.netAcquire.size() != T.netAcquire.size() || A.netRelease.size() != T.netRelease.size() ||
            A.method != T.method)
          return false;
        for (size_t I = 0; I < A.netAcquire.size(); ++I)
          if (A.netAcquire[I].ref.ident() != T.netAcquire[I].ref.ident() || A.netAcquire[I].trylock != T.netAcquire[I].trylock ||
              A.netAcquire[I].shared != T.netAcquire[I].shared)
            return false;
        for (size_t I = 0; I < A.netRelease.size(); ++I)
          if (A.netRelease[I].ident() != T.netRelease[I].ident())
            return false;
        return true;
      };
      for (const auto &F : Facts)
        for (const auto &T : F.lockTables) {
          auto It = Tables.find(T.key);
          bool Empty = T.netAcquire.empty() && T.netRelease.empty();
          if (It == Tables.end())
            Tables[T.key] = Empty ? std::nullopt : std::optional<FunctionSummary>(FunctionSummary{T.netAcquire, T.netRelease, {}, T.method});
          else if (It->second && (Empty || !same(*It->second, T)))
            It->second.reset();
        }
      for (auto &[K, T] : Tables)
        if (T)
          Table[K] = *T;
    }
    return Table;
  };
  std::vector<std::string> Suffix(Jobs.size());
  // Each round goes through the TUs in layers (crossTuLayers()): a TU after those defining the
  // wrappers it calls, with their summaries of this round, so a chain of wrappers across TUs
  // (rocksdb: port::Mutex::Lock, InstrumentedMutex::Lock, VersionSet::LogAndApply, DBImpl)
  // is followed in one round, not one level a round with every TU parsed again each time.
  std::vector<unsigned> Layer;
  unsigned Layers = 0;
  auto dropParse = [this](size_t I) {  // pass 1's AST is of no more use
    Parsed[I].reset();
    FirstDeps[I].clear();
  };
  if (!O.emitFacts && !O.noSecondPass) {
    SummaryTable Table = buildTable();
    Wrappers = Table.size();
    std::set<std::string> Seeds;
    for (const auto &[K, S] : Table)
      Seeds.insert(K);
    for (const auto &F : Facts)  // a table filled with another TU's wrapper is one after the pass
      for (const auto &T : F.lockTables)
        Seeds.insert(T.key);
    Layer = crossTuLayers(Facts, Seeds);
    for (unsigned L : Layer)
      Layers = std::max(Layers, L + 1);
    for (size_t I = 0; I < Jobs.size(); ++I)
      if (Layer[I] == 0)  // depends on no other TU's wrappers: pass 1 was the last word
        dropParse(I);
  }
  for (int Round = 0; Round < kWrapperRounds; ++Round) {
    bool Any = false;
    for (unsigned L = 1; L < Layers; ++L) {
      SummaryTable Table = buildTable();
      std::vector<size_t> Which;
      if (!Table.empty())
        for (size_t I = 0; I < Jobs.size(); ++I) {
          if (Facts[I].failed || Layer[I] != L)
            continue;
          std::set<std::string> Used = externalUses(Facts[I], [&](const std::string &K) { return Table.count(K) > 0; });
          std::string H;
          auto conds = [&H](const std::vector<ParamCond> &W) {  // what the effect is conditional on
            for (const ParamCond &C : W) {
              H += "?" + std::to_string(C.param) + (C.eq ? "=" : "!") + std::to_string(C.k) + "&" + std::to_string(C.mask) +
                   (C.first ? "^" : "") + llvm::join(C.path, ".");
              for (long long V : C.alt)
                H += "/" + std::to_string(V);
            }
          };
          for (const auto &U : Used) {
            H += U + "\x1f";
            for (const auto &N : Table[U].netAcquire) {
              H += N.ref.ident() + (N.shared ? "/r" : "/w") + (N.trylock ? "/t" : "") + (N.checked ? "/c" : "") + "|" +
                   N.ref.cls;
              conds(N.when);
              H += ",";
            }
            for (size_t R = 0; R < Table[U].netRelease.size(); ++R) {
              H += Table[U].netRelease[R].ident() + "|" + Table[U].netRelease[R].cls;
              if (R < Table[U].releaseWhen.size())
                conds(Table[U].releaseWhen[R]);
              H += ",";
            }
            for (const auto &[F, R] : Table[U].retFields)
              H += F + "=" + R.ident() + "|" + R.cls + ",";
            if (Table[U].method)
              H += "/m";
          }
          // (a TU that no longer uses any, its wrapper having turned out to take nothing, goes
          // back to its pass-1 facts: the empty suffix)
          std::string X = Used.empty() ? std::string() : "-x" + hashHex(H);
          if (X == Suffix[I]) {  // the summaries it uses are those it was analyzed with
            dropParse(I);
            continue;
          }
          Suffix[I] = X;
          Which.push_back(I);
        }
      Again += Which.size();
      if (Which.empty())
        continue;
      Any = true;
      if (Writer)
        Writer->wait();
      parse(Which, &Table, Suffix, "(cross-TU wrappers) ");
    }
    if (!Any)
      break;
  }
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  for (size_t I = 0; I < Jobs.size() && !O.merge; ++I)  // --merge: known from the facts
    if (Facts[I].failed || !FailReason[I].empty())
      Failed.push_back({Jobs[I].file, FailReason[I].empty() ? "it does not compile" : FailReason[I]});
}

// The programs of the database (Programs.h), in an order that does not depend on the TUs'
// (a --merge of shards lists them otherwise): which program's evidence a finding seen in two
// programs shows must not change.
std::vector<ProgramGroup> Run::programs() const {
  std::vector<std::vector<std::string>> Defines;
  for (const auto &J : Jobs)
    Defines.push_back(compileDefines(J.command));
  std::vector<ProgramGroup> Groups = groupPrograms(Facts, Defines);
  auto Members = [&](const ProgramGroup &G) {
    std::vector<std::pair<std::string, unsigned>> M;
    for (size_t I : G.tus)
      M.push_back({Facts[I].file, Facts[I].variant});
    std::sort(M.begin(), M.end());
    return M;
  };
  std::sort(Groups.begin(), Groups.end(), [&](const ProgramGroup &A, const ProgramGroup &B) {
    return std::make_pair(A.name, Members(A)) < std::make_pair(B.name, Members(B));
  });
  return Groups;
}

// --list-programs: one JSON object per line, {"files":[...],"program":NAME,"threads":BOOL}
// (keys sorted, as the findings'), the files sorted. Why two locks of a tree
// never meet in one lock graph: no program holds both their files.
int Run::listPrograms() {
  std::string Text;
  for (const auto &G : programs()) {
    bool Threads = false;
    std::vector<std::string> Files;
    for (size_t I : G.tus) {
      Files.push_back(Facts[I].file);
      for (const auto &Fn : Facts[I].functions)
        Threads = Threads || !Fn.spawns.empty();
    }
    std::sort(Files.begin(), Files.end());
    Files.erase(std::unique(Files.begin(), Files.end()), Files.end());  // (a file built twice: two TUs)
    Text += "{\"files\":";
    appendJsonStrings(Text, Files);
    Text += ",\"program\":";
    appendJsonString(Text, G.name);
    Text += Threads ? ",\"threads\":true}\n" : ",\"threads\":false}\n";
  }
  if (!emit(Text, "program list"))
    return ExitFailure;
  return Failed.empty() ? ExitClean : ExitFailure;
}

std::vector<Finding> Run::analyze() {
  auto Start = std::chrono::steady_clock::now();
  struct Timer {
    double &Out;
    std::chrono::steady_clock::time_point T;
    ~Timer() { Out = secondsSince(T); }
  } Time{AnalyzeSeconds, Start};
  AnalysisOptions AO;
  AO.maxCycleLength = O.maxCycleLength;
  AO.recursiveLocks = Cfg.recursiveLocks;
  // A class's field made recursive by the class's constructor (`Cls::field`) is recursive in
  // every program that uses the class, also one that does not link the constructor's TU in
  // this database (Poco's Mutex, made recursive in Foundation's Mutex_POSIX.cpp, locked in
  // every library); globals stay their program's own.
  for (const auto &F : Facts)
    for (const auto &K : F.recursiveLocks)
      if (K.find("::") != std::string::npos && K.rfind("static:", 0) != 0)
        AO.recursiveLocks.push_back(K);
  applyRecursiveAllocs(Facts);
  std::vector<ProgramGroup> Groups = programs();
  Programs = Groups.size();
  if (O.verbose && Groups.size() > 1)
    llvm::errs() << "lockgraph-analyze: " << plural(Groups.size(), "program") << " in the compile database, each analyzed on its own\n";
  if (Groups.size() <= 1)
    return analyzeProgram(Facts, AO, &Limits);
  // the programs are analyzed in parallel (-j; analyzeProgram() shares nothing), reported in
  // the order above: rocksdb's 10 programs share ~320 TUs, each analysed on its own. A tree
  // whose many programs each link most of one library (libvirt's 174 tests and daemons, gdal's
  // 101 tools) costs that library once per program: the work is bounded by --program-budget
  // (translation units summed over the programs analyzed; deterministic, unlike a timer).
  // Programs that start threads go first (a program without threads can show self-deadlocks
  // only), larger first; what the budget leaves out is reported, never dropped silently.
  std::vector<size_t> Order(Groups.size());
  std::vector<bool> Threaded(Groups.size(), false);
  for (size_t GI = 0; GI < Groups.size(); ++GI) {
    Order[GI] = GI;
    for (size_t I : Groups[GI].tus)
      for (const auto &Fn : Facts[I].functions)
        Threaded[GI] = Threaded[GI] || !Fn.spawns.empty();
  }
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::make_pair(!Threaded[A], Groups[B].tus.size()) < std::make_pair(!Threaded[B], Groups[A].tus.size());
  });
  std::vector<bool> Skipped(Groups.size(), false);
  size_t Spent = 0, NumSkipped = 0;
  for (size_t GI : Order) {
    size_t Cost = Groups[GI].tus.size();
    if (O.programBudget && Spent > 0 && Spent + Cost > O.programBudget) {
      Skipped[GI] = true;
      ++NumSkipped;
    } else {
      Spent += Cost;
    }
  }
  std::vector<std::vector<Finding>> PerProgram(Groups.size());
  std::vector<std::vector<std::string>> ProgramLimits(Groups.size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(O.jobs));
    std::mutex Mu;
    size_t Done = 0, ToDo = Groups.size() - NumSkipped;
    for (size_t GI : Order)
      if (!Skipped[GI])
        Pool.async([&, GI] {
          auto T0 = std::chrono::steady_clock::now();
          std::vector<const TUFacts *> Sub;
          Sub.reserve(Groups[GI].tus.size());
          for (size_t I : Groups[GI].tus)
            Sub.push_back(&Facts[I]);
          PerProgram[GI] = analyzeProgram(Sub, AO, &ProgramLimits[GI]);
          double Seconds = secondsSince(T0);
          std::lock_guard<std::mutex> G(Mu);
          ++Done;
          if (O.verbose) {
            if (Progress)
              llvm::errs() << "\r\x1b[K";
            char B[32];
            snprintf(B, sizeof B, "%.1f s", Seconds);
            llvm::errs() << "lockgraph-analyze: [" << Done << "/" << ToDo << "] program "
                         << printableName(Groups[GI].name) << ": " << plural(Groups[GI].tus.size(), "translation unit")
                         << ", " << plural(PerProgram[GI].size(), "finding") << ", " << B << "\n";
          }
          if (Progress) {
            llvm::errs() << "\r\x1b[K[programs " << Done << "/" << ToDo << "] " << printableName(Groups[GI].name);
            llvm::errs().flush();
          }
        });
    Pool.wait();
    if (Progress)
      llvm::errs() << "\r\x1b[K";
  }
  {
    std::vector<std::string> Names;
    for (const auto &G : Groups)
      Names.push_back(printableName(G.name));
    for (auto &L : programLimitLines(Names, ProgramLimits))
      Limits.push_back(std::move(L));
  }
  if (NumSkipped) {
    std::string Names;
    size_t Listed = 0;
    for (size_t GI : Order)
      if (Skipped[GI] && Listed++ < 8)
        Names += (Names.empty() ? "" : ", ") + printableName(Groups[GI].name);
    Limits.push_back(std::to_string(NumSkipped) + " of " + plural(Groups.size(), "program") +
                     " not analyzed: the budget of " + std::to_string(O.programBudget) +
                     " translation units summed over the programs (--program-budget; 0: no limit) was spent on " +
                     plural(Groups.size() - NumSkipped, "program") +
                     " (those that start threads first, then the larger): " + Names +
                     (NumSkipped > Listed ? ", ..." : ""));
  }
  return mergeFindings(std::move(PerProgram));
}

// Writes `Text` to -o or stdout; false (after a message) when it cannot be written.
bool Run::emit(const std::string &Text, const char *What) {
  if (!O.output.empty() && O.output != "-") {
    std::string Err;
    if (!writeUserFile(O.output, Text, Err)) {
      error(std::string(What) + ": " + Err);
      return false;
    }
    return true;
  }
  llvm::outs() << Text;
  llvm::outs().flush();
  if (llvm::outs().has_error()) {
    error(std::string(What) + ": cannot write to standard output: " + llvm::outs().error().message());
    llvm::outs().clear_error();
    return false;
  }
  return true;
}

// Suppressions, output, exit status. `Fs`: the findings of the merge, before suppressions.
int Run::report(std::vector<Finding> Fs) {
  applySuppressions(Fs, Cfg);  // site by site: a NOLINT at one repeat hides that one
  Fs = foldRepeats(std::move(Fs));
  if (!O.writeBaseline.empty()) {
    std::string Err;
    if (!writeUserFile(O.writeBaseline, baselineText(Fs), Err)) {
      error("baseline: " + Err);
      return ExitFailure;
    }
  }
  size_t Hidden = applyBaseline(Fs, Baseline);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  bool ToTerminal = (O.output.empty() || O.output == "-") && llvm::outs().has_colors();
  switch (O.format) {
  case Format::Text:
    OS.enable_colors(ToTerminal);
    printText(OS, Fs, ToTerminal);
    break;
  case Format::Json:
    printJson(OS, Fs);
    break;
  case Format::Sarif:
    printSarif(OS, Fs, Failed, Limits);
    break;
  }
  OS.flush();
  if (!emit(Text, "report"))
    return ExitFailure;
  for (const auto &[Fmt, Path] : O.alsoWrite) {  // --json FILE, --sarif FILE
    std::string Also, Err;
    llvm::raw_string_ostream AOS(Also);
    if (Fmt == Format::Json)
      printJson(AOS, Fs);
    else
      printSarif(AOS, Fs, Failed, Limits);
    AOS.flush();
    if (!writeUserFile(Path, Also, Err)) {
      error(Err);
      return ExitFailure;
    }
  }
  for (const auto &L : Limits)
    llvm::WithColor::warning(llvm::errs(), "lockgraph-analyze") << "not searched: " << L << "\n";
  size_t NumTUs = Facts.size();
  if (O.format == Format::Text && (!Fs.empty() || !Failed.empty()))
    llvm::errs() << plural(Fs.size(), "finding") << " in " << plural(NumTUs, "translation unit")
                 << (Failed.empty() ? "" : ", " + std::to_string(Failed.size()) + " could not be analyzed") << "\n";
  if (!O.baseline.empty())
    llvm::errs() << "lockgraph-analyze: " << plural(Hidden, "finding") << " hidden by the baseline '" << O.baseline
                 << "'\n";
  if (!O.writeBaseline.empty())
    llvm::errs() << "lockgraph-analyze: wrote the fingerprints of this run's findings to '" << O.writeBaseline << "'\n";
  if (!Failed.empty())
    return ExitFailure;
  return Fs.empty() ? ExitClean : ExitFindings;
}

int Run::main() {
  if (!readInputs())
    return ExitFailure;
  if (O.merge) {
    if (!loadFactsFiles())
      return ExitFailure;
    if (O.buildPath.empty() || O.noSecondPass)
      return O.listPrograms ? listPrograms() : report(analyze());
  }
  if (!loadJobs() || !openCache())
    return ExitFailure;
  Progress = O.progress < 0 ? llvm::sys::Process::StandardErrIsDisplayed() : O.progress > 0;

  std::string Name;
  if (Cache && !O.emitFacts && !O.merge && !O.listPrograms) {
    // nothing changed since the last run over these TUs: its merged result
    Name = resultName();
    bool AllValid = !Jobs.empty();
    for (size_t I = 0; I < Jobs.size() && AllValid; ++I)
      AllValid = Cache->valid(Keys[I], Jobs[I].file, DepsText[I]) && Cache->intact(Keys[I], DepsText[I]);
    std::vector<Finding> Fs;
    if (AllValid && Cache->loadResult(Name, FactsCache::resultStamp(Keys, DepsText), Fs)) {
      if (O.verbose)
        llvm::errs() << "lockgraph-analyze: " << Jobs.size() << " translation units, " << Jobs.size()
                     << " reused from the facts cache " << Cache->dir()
                     << "; none changed since the last run: merged result reused\n";
      Facts.resize(Jobs.size());
      return report(std::move(Fs));
    }
  }
  parseAll();
  if (O.verbose)
    llvm::errs() << "lockgraph-analyze: " << Jobs.size() << " translation units, " << ReusedFirst
                 << " reused from the facts cache " << (Cache ? Cache->dir() : std::string()) << "; " << Again
                 << " analyzed again with the summaries of " << Wrappers << " lock wrappers (" << ReusedSecond
                 << " reused)" << (Links.empty() ? "" : "; link information of " + plural(Links.programCount(), "program") +
                                                         " from CMake's file API") << "\n";
  if (O.emitFacts) {
    if (Writer)
      Writer->wait();
    return Failed.empty() ? ExitClean : ExitFailure;
  }
  if (O.listPrograms) {
    if (Writer)
      Writer->wait();
    return listPrograms();
  }
  std::vector<Finding> Fs = analyze();
  if (Writer)
    Writer->wait();
  if (O.verbose) {
    char B[160];
    snprintf(B, sizeof B, "lockgraph-analyze: %.2f s parsing and extracting, %.2f s in the cross-TU pass, %.2f s analyzing\n",
             ParseSeconds, SecondSeconds, AnalyzeSeconds);
    llvm::errs() << B;
  }
  if (!Name.empty() && Failed.empty() && Limits.empty())  // (a reused result would not say what was cut)
    Cache->storeResult(Name, FactsCache::resultStamp(Keys, DepsText), Fs);
  return report(std::move(Fs));
}

}  // namespace

std::vector<std::string> programLimitLines(const std::vector<std::string> &Names,
                                           const std::vector<std::vector<std::string>> &Lines) {
  using Line = std::pair<std::string, std::string>;  // (program name, text)
  std::vector<std::pair<Line, size_t>> Seen;           // with its number of programs, first seen first
  std::map<Line, size_t> Index;
  for (size_t I = 0; I < Names.size() && I < Lines.size(); ++I)
    for (const auto &M : Lines[I]) {
      auto [It, New] = Index.try_emplace(Line(Names[I], M), Seen.size());
      if (New)
        Seen.push_back({Line(Names[I], M), 0});
      ++Seen[It->second].second;
    }
  std::vector<std::string> Out;
  for (const auto &[L, N] : Seen)
    Out.push_back("program " + L.first + (N > 1 ? " (" + plural(N, "program") + ")" : "") + ": " + L.second);
  return Out;
}

int runAnalyzer(const RunOptions &O) { return Run(O).main(); }

}  // namespace lockgraph
