#include "Runner.h"

#include "Analysis.h"
#include "Config.h"
#include "Driver.h"
#include "Facts.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <sstream>

namespace lockgraph {

static const char *const FactsVersion = "lockgraph-facts-1/analyzer-0.1.2";

static std::string hex(uint64_t V) {
  char B[17];
  snprintf(B, sizeof B, "%016llx", static_cast<unsigned long long>(V));
  return B;
}

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
  return hex(llvm::xxh3_64bits(S));
}

static bool readFile(const std::string &P, std::string &Out) {
  auto B = llvm::MemoryBuffer::getFile(P);
  if (!B)
    return false;
  Out = (*B)->getBuffer().str();
  return true;
}

static bool writeAtomically(const std::string &P, const std::string &Text) {
  std::string Tmp = P + ".tmp" + std::to_string(llvm::sys::Process::getProcessId()) + "." +
                    std::to_string(reinterpret_cast<uintptr_t>(&Text));
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Tmp, EC);
    if (EC)
      return false;
    OS << Text;
  }
  return !llvm::sys::fs::rename(Tmp, P);
}

static std::string contentHash(const std::string &File) {
  std::string T;
  if (!readFile(File, T))
    return "missing";
  return hex(llvm::xxh3_64bits(T));
}

static long long mtimeNs(const llvm::sys::fs::file_status &St) {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(St.getLastModificationTime().time_since_epoch()).count());
}

// A cache entry is valid while the main file and every included file are unchanged: the
// main file by its mtime (ns) and size, or failing that by its contents' hash (a touched
// but unchanged file stays valid); included files by mtime (s) and size. Stat calls only,
// unless the main file was touched. `DepsText` receives the entry's .deps file, which
// identifies the facts it validates (see resultStamp).
static bool entryValid(const std::string &Dir, const std::string &Key, const std::string &File, std::string &DepsText) {
  if (!readFile(Dir + "/" + Key + ".deps", DepsText))
    return false;
  std::istringstream In(DepsText);
  std::string Line;
  if (!std::getline(In, Line))
    return false;
  {
    std::istringstream LS(Line);
    std::string Tag, Hash;
    long long M = -1, Sz = -1;
    LS >> Tag >> Hash >> M >> Sz;
    if (Tag != "main")
      return false;
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(File, St))
      return false;
    if (mtimeNs(St) != M || static_cast<long long>(St.getSize()) != Sz)
      if (contentHash(File) != Hash)
        return false;
  }
  while (std::getline(In, Line)) {
    std::istringstream LS(Line);
    long long M = 0, Sz = 0;
    std::string P;
    LS >> M >> Sz;
    std::getline(LS >> std::ws, P);
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(P, St))
      return false;
    long long Mt = static_cast<long long>(llvm::sys::toTimeT(St.getLastModificationTime()));
    if (Mt != M || static_cast<long long>(St.getSize()) != Sz)
      return false;
  }
  return true;
}

static bool loadCached(const std::string &Dir, const std::string &Key, const std::string &File, TUFacts &F,
                       std::string &DepsText) {
  std::string Facts, Err;
  return entryValid(Dir, Key, File, DepsText) && readFile(Dir + "/" + Key + ".facts.json", Facts) &&
         fromJSON(Facts, F, Err);
}

// Returns the .deps text written.
static std::string storeCached(const std::string &Dir, const std::string &Key, const std::string &File,
                               const TUResult &R) {
  llvm::sys::fs::file_status St;
  long long M = -1, Sz = -1;
  if (!llvm::sys::fs::status(File, St)) {  // before hashing: an edit racing with us is seen next time
    M = mtimeNs(St);
    Sz = static_cast<long long>(St.getSize());
  }
  std::string Deps = "main " + contentHash(File) + " " + std::to_string(M) + " " + std::to_string(Sz) + "\n";
  for (const auto &D : R.deps)
    if (D.path != File)  // the main file is checked above
      Deps += std::to_string(D.mtime) + " " + std::to_string(D.size) + " " + D.path + "\n";
  writeAtomically(Dir + "/" + Key + ".facts.json", toJSON(R.facts));
  writeAtomically(Dir + "/" + Key + ".deps", Deps);
  return Deps;
}

// ---- the merged result of an unchanged tree ------------------------------------
//
// A run in which every TU's facts come from the cache gets the same merged result as the
// last run over the same TUs. That result (the findings before suppressions, which are
// applied at every run: NOLINT comments are read from the sources then) is stored in the
// facts directory as <name>.result.json, one per set of TUs and options: `name` hashes the
// cache keys, the config, the analyzer version and the analysis options; the first line
// holds a stamp hashing each key with its .deps text (main file hash, included files'
// mtimes and sizes), i.e. the very facts the result was merged from. The facts of the
// cross-TU second pass follow from those of the first, so they need no stamp.

static const char *const ResultFormat = "lockgraph-result-1";

static std::string resultName(const RunOptions &O, const Config &Cfg, std::vector<std::string> Keys) {
  std::sort(Keys.begin(), Keys.end());
  std::string S = std::string(FactsVersion) + '\0' + binaryIdentity() + '\0' + ResultFormat + '\0' + Cfg.text + '\0' +
                  std::to_string(O.maxCycleLength) + (O.noSecondPass ? "/no-second-pass" : "");
  for (const auto &K : Keys)
    S += '\0' + K;
  return hex(llvm::xxh3_64bits(S));
}

static std::string resultStamp(const std::vector<std::string> &Keys, const std::vector<std::string> &Deps) {
  std::vector<std::pair<std::string, std::string>> KD;
  for (size_t I = 0; I < Keys.size(); ++I)
    KD.emplace_back(Keys[I], Deps[I]);
  std::sort(KD.begin(), KD.end());
  std::string S;
  for (const auto &[K, D] : KD)
    S += K + '\0' + D + '\0';
  return hex(llvm::xxh3_64bits(S));
}

static llvm::json::Value siteJSON(const Site &S) { return llvm::json::Array{S.file, S.line, S.col, S.offset}; }

static Site siteOf(const llvm::json::Value *V) {
  Site S;
  if (const auto *A = V ? V->getAsArray() : nullptr; A && A->size() == 4) {
    S.file = (*A)[0].getAsString().value_or("").str();
    S.line = static_cast<unsigned>((*A)[1].getAsInteger().value_or(0));
    S.col = static_cast<unsigned>((*A)[2].getAsInteger().value_or(0));
    S.offset = static_cast<unsigned>((*A)[3].getAsInteger().value_or(0));
  }
  return S;
}

static std::vector<std::string> strings(const llvm::json::Array *A) {
  std::vector<std::string> V;
  if (A)
    for (const auto &E : *A)
      V.push_back(E.getAsString().value_or("").str());
  return V;
}

// Every member of Finding is stored: the structured binding stops compiling when one is
// added there (then add it here and in findingsFromJSON), and the cli test compares a
// reused result with a fresh one in every format.
static std::string findingsToJSON(const std::vector<Finding> &Fs) {
  llvm::json::Array A;
  for (const auto &F : Fs) {
    const auto &[Kind, Message, At, Function, Notes, Cycle, Locks, Fingerprint] = F;
    llvm::json::Array NA;
    for (const auto &N : Notes)
      NA.push_back(llvm::json::Object{{"s", siteJSON(N.site)}, {"m", N.message}});
    A.push_back(llvm::json::Object{{"kind", Kind},
                                   {"message", Message},
                                   {"site", siteJSON(At)},
                                   {"function", Function},
                                   {"notes", std::move(NA)},
                                   {"cycle", llvm::json::Array(Cycle)},
                                   {"locks", llvm::json::Array(Locks)},
                                   {"fingerprint", Fingerprint}});
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::json::Value(std::move(A));
  return Out;
}

static bool findingsFromJSON(llvm::StringRef Text, std::vector<Finding> &Fs) {
  auto V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return false;
  }
  const auto *A = V->getAsArray();
  if (!A)
    return false;
  for (const auto &E : *A) {
    const auto *O = E.getAsObject();
    if (!O)
      return false;
    Finding F;
    F.kind = O->getString("kind").value_or("").str();
    F.message = O->getString("message").value_or("").str();
    F.site = siteOf(O->get("site"));
    F.function = O->getString("function").value_or("").str();
    if (const auto *Notes = O->getArray("notes"))
      for (const auto &N : *Notes)
        if (const auto *NO = N.getAsObject())
          F.notes.push_back({siteOf(NO->get("s")), NO->getString("m").value_or("").str()});
    F.cycle = strings(O->getArray("cycle"));
    F.locks = strings(O->getArray("locks"));
    F.fingerprint = O->getString("fingerprint").value_or("").str();
    Fs.push_back(std::move(F));
  }
  return true;
}

static bool loadResult(const std::string &Path, const std::string &Stamp, std::vector<Finding> &Fs) {
  std::string Text;
  if (!readFile(Path, Text))
    return false;
  llvm::StringRef T(Text);
  auto [First, Rest] = T.split('\n');
  return First == std::string(ResultFormat) + " " + Stamp && findingsFromJSON(Rest, Fs);
}

static void storeResult(const std::string &Path, const std::string &Stamp, const std::vector<Finding> &Fs) {
  writeAtomically(Path, std::string(ResultFormat) + " " + Stamp + "\n" + findingsToJSON(Fs) + "\n");
}

static bool loadFactsInputs(const std::vector<std::string> &Inputs, std::vector<TUFacts> &All) {
  bool Ok = true;
  auto LoadOne = [&](const std::string &P) {
    std::string Text, Err;
    TUFacts F;
    if (!readFile(P, Text) || !fromJSON(Text, F, Err)) {
      llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << "cannot read facts file '" << P << "': " << Err << "\n";
      Ok = false;
      return;
    }
    All.push_back(std::move(F));
  };
  for (const auto &In : Inputs) {
    if (llvm::sys::fs::is_directory(In)) {
      std::error_code EC;
      std::vector<std::string> Files;
      for (llvm::sys::fs::directory_iterator It(In, EC), End; It != End && !EC; It.increment(EC))
        if (llvm::StringRef(It->path()).ends_with(".facts.json"))
          Files.push_back(It->path());
      std::sort(Files.begin(), Files.end());
      for (const auto &F : Files)
        LoadOne(F);
    } else {
      LoadOne(In);
    }
  }
  return Ok;
}

static std::vector<Finding> analyzeAll(const RunOptions &O, const Config &Cfg, const std::vector<TUFacts> &All) {
  AnalysisOptions AO;
  AO.maxCycleLength = O.maxCycleLength;
  AO.recursiveLocks = Cfg.recursiveLocks;
  return analyzeProgram(All, AO);
}

// Suppressions, output, exit status. `Fs`: the findings of the merge, before suppressions.
// `Baseline`: the fingerprints of --baseline (hidden), loaded before the analysis.
static int report(const RunOptions &O, const Config &Cfg, const std::set<std::string> &Baseline,
                  std::vector<Finding> Fs, size_t NumTUs, const std::vector<std::string> &Failed) {
  applySuppressions(Fs, Cfg);
  if (!O.writeBaseline.empty() && !writeAtomically(O.writeBaseline, baselineText(Fs))) {
    llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << "cannot write baseline file '" << O.writeBaseline << "'\n";
    return ExitFailure;
  }
  size_t Hidden = applyBaseline(Fs, Baseline);
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  llvm::raw_ostream *OS = &llvm::outs();
  if (!O.output.empty() && O.output != "-") {
    File = std::make_unique<llvm::raw_fd_ostream>(O.output, EC);
    if (EC) {
      llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << "cannot write '" << O.output << "': " << EC.message() << "\n";
      return ExitFailure;
    }
    OS = File.get();
  }
  switch (O.format) {
  case Format::Text:
    printText(*OS, Fs, OS == &llvm::outs() && llvm::outs().has_colors());
    if (!Fs.empty() || !Failed.empty())
      llvm::errs() << Fs.size() << " finding" << (Fs.size() == 1 ? "" : "s") << " in " << NumTUs << " translation unit"
                   << (NumTUs == 1 ? "" : "s") << (Failed.empty() ? "" : ", " + std::to_string(Failed.size()) + " could not be analyzed")
                   << "\n";
    break;
  case Format::Json:
    printJson(*OS, Fs);
    break;
  case Format::Sarif:
    printSarif(*OS, Fs, Failed);
    break;
  }
  OS->flush();
  for (const auto &[Fmt, Path] : O.alsoWrite) {  // --json FILE, --sarif FILE
    llvm::raw_fd_ostream Also(Path, EC);
    if (EC) {
      llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << "cannot write '" << Path << "': " << EC.message() << "\n";
      return ExitFailure;
    }
    if (Fmt == Format::Json)
      printJson(Also, Fs);
    else
      printSarif(Also, Fs, Failed);
  }
  if (!O.baseline.empty())
    llvm::errs() << "lockgraph-analyze: " << Hidden << " finding" << (Hidden == 1 ? "" : "s")
                 << " hidden by the baseline '" << O.baseline << "'\n";
  if (!O.writeBaseline.empty())
    llvm::errs() << "lockgraph-analyze: wrote the fingerprints of this run's findings to '" << O.writeBaseline << "'\n";
  if (!Failed.empty())
    return ExitFailure;
  return Fs.empty() ? ExitClean : ExitFindings;
}

int runAnalyzer(const RunOptions &O) {
  auto Error = [](const std::string &M) {
    llvm::WithColor::error(llvm::errs(), "lockgraph-analyze") << M << "\n";
    return ExitFailure;
  };
  Config Cfg;
  if (!O.configFile.empty()) {
    std::string Text, Err;
    if (!readFile(O.configFile, Text))
      return Error("cannot read config file '" + O.configFile + "'");
    if (!parseConfig(Text, Cfg, Err))
      return Error(O.configFile + ": " + Err);
  }
  if (!O.suppressionsFile.empty()) {
    std::string Text, Err;
    if (!readFile(O.suppressionsFile, Text))
      return Error("cannot read suppressions file '" + O.suppressionsFile + "'");
    if (!parseSuppressions(Text, Cfg.suppressions, Err))
      return Error(O.suppressionsFile + ": " + Err);
  }
  std::set<std::string> Baseline;
  if (!O.baseline.empty()) {
    std::string Err;
    if (!loadBaseline(O.baseline, Baseline, Err))
      return Error(Err);
  }
  // --merge: the facts of a sharded run stand for the first pass. With -p, the TUs that call lock
  // wrappers defined in other shards' TUs are parsed again below (the second pass a shard cannot
  // make alone), so the merge finds what one unsharded run finds.
  std::vector<TUFacts> Merged;
  if (O.merge) {
    if (O.inputs.empty())
      return Error("--merge needs facts files or directories");
    if (!loadFactsInputs(O.inputs, Merged))
      return ExitFailure;
    if (O.buildPath.empty() || O.noSecondPass) {
      std::vector<std::string> Failed;
      for (const auto &F : Merged)
        if (F.failed)
          Failed.push_back(F.file);
      return report(O, Cfg, Baseline, analyzeAll(O, Cfg, Merged), Merged.size(), Failed);
    }
  }

  std::vector<TUJob> Jobs;
  std::string DbPath, Err;
  if (!loadCompileDatabase(O.buildPath, Jobs, DbPath, Err))
    return Error(Err);
  // restrict to the files named on the command line, then to this shard
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
      if (!Found)
        return Error("'" + In + "' is not in the compile database " + DbPath);
    }
    Jobs = std::move(Sel);
  }
  {
    std::set<std::string> Seen;
    std::vector<TUJob> Uniq;
    for (auto &J : Jobs)
      if (Seen.insert(J.file).second)
        Uniq.push_back(std::move(J));
    Jobs = std::move(Uniq);
  }
  if (O.merge) {  // the merged facts' TUs, in their order
    std::vector<TUJob> Sel;
    for (const auto &F : Merged) {
      auto It = std::find_if(Jobs.begin(), Jobs.end(), [&](const TUJob &J) { return J.file == F.file; });
      if (It == Jobs.end())
        return Error("the facts of '" + F.file + "' are of a file that is not in the compile database " + DbPath);
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
  std::string CacheDir = O.cacheDir;
  if (CacheDir.empty() && !O.noCache)
    CacheDir = std::string(llvm::sys::path::parent_path(DbPath)) + "/.lockgraph-cache";
  if (O.emitFacts && CacheDir.empty())
    return Error("--emit-facts needs --facts-dir DIR");
  if (!CacheDir.empty() && (!O.noCache || O.emitFacts))
    if (auto EC = llvm::sys::fs::create_directories(CacheDir))
      return Error("cannot create facts directory '" + CacheDir + "': " + EC.message());
  bool UseCache = !CacheDir.empty() && !O.noCache;

  std::vector<std::string> Keys(Jobs.size()), DepsText(Jobs.size());
  for (size_t I = 0; I < Jobs.size(); ++I)
    Keys[I] = cacheKey(Jobs[I].file, Jobs[I].command, Cfg.text);
  std::string ResultPath;
  if (UseCache && !O.emitFacts && !O.merge) {
    ResultPath = CacheDir + "/" + resultName(O, Cfg, Keys) + ".result.json";
    bool AllValid = !Jobs.empty();
    for (size_t I = 0; I < Jobs.size() && AllValid; ++I)
      AllValid = entryValid(CacheDir, Keys[I], Jobs[I].file, DepsText[I]);
    std::vector<Finding> Fs;
    if (AllValid && loadResult(ResultPath, resultStamp(Keys, DepsText), Fs)) {
      if (O.verbose)
        llvm::errs() << "lockgraph-analyze: " << Jobs.size() << " translation units, " << Jobs.size()
                     << " reused from the facts cache " << CacheDir
                     << "; none changed since the last run: merged result reused from " << ResultPath << "\n";
      return report(O, Cfg, Baseline, std::move(Fs), Jobs.size(), {});
    }
  }

  std::vector<TUFacts> All(Jobs.size());
  std::vector<std::string> FailedMsg(Jobs.size());
  std::atomic<unsigned> DoneCount{0}, Reused{0};
  std::mutex ErrMutex;
  bool Progress = O.progress < 0 ? llvm::sys::Process::StandardErrIsDisplayed() : O.progress > 0;
  llvm::ThreadPoolStrategy S = llvm::hardware_concurrency(O.jobs);
  // One pass over the TUs in `Which`; pass 2 gives the extractor the summaries of
  // wrappers defined in other TUs (`Ext`, keyed into the cache by `Suffix`).
  auto Pass = [&](const std::vector<size_t> &Which, const SummaryTable *Ext, const std::vector<std::string> &Suffix,
                  const char *Label) {
    DoneCount = 0;
    llvm::DefaultThreadPool Pool(S);
    for (size_t I : Which)
      Pool.async([&, I] {
        const TUJob &J = Jobs[I];
        std::string Key = Keys[I] + Suffix[I];
        TUFacts F;
        std::string Deps;
        if ((UseCache || O.emitFacts) && loadCached(CacheDir, Key, J.file, F, Deps)) {
          All[I] = std::move(F);
          ++Reused;
        } else {
          TUResult R;
          analyzeTU(J, Cfg, Ext, R);
          if (R.ok && (UseCache || O.emitFacts))
            Deps = storeCached(CacheDir, Key, J.file, R);
          if (!R.ok) {
            FailedMsg[I] = R.diagnostics;
            if (O.emitFacts)  // record the failure for the merge step
              writeAtomically(CacheDir + "/" + Key + ".facts.json", toJSON(R.facts));
          }
          All[I] = std::move(R.facts);
        }
        if (!Ext)
          DepsText[I] = std::move(Deps);
        unsigned N = ++DoneCount;
        std::lock_guard<std::mutex> G(ErrMutex);
        if (!FailedMsg[I].empty() && !Ext) {
          if (Progress)
            llvm::errs() << "\r\x1b[K";
          llvm::WithColor::error(llvm::errs(), "lockgraph-analyze")
              << "could not analyze " << J.file << ": it does not compile\n"
              << FailedMsg[I];
        }
        if (Progress) {
          llvm::errs() << "\r\x1b[K" << Label << "[" << N << "/" << Which.size() << "] " << llvm::sys::path::filename(J.file);
          llvm::errs().flush();
        }
      });
    Pool.wait();
  };
  std::vector<size_t> Every(Jobs.size());
  for (size_t I = 0; I < Jobs.size(); ++I)
    Every[I] = I;
  if (O.merge)
    All = std::move(Merged);
  else
    Pass(Every, nullptr, std::vector<std::string>(Jobs.size()), "");

  // Pass 2: TUs calling lock wrappers defined in other TUs are parsed again with
  // those wrappers' summaries, so the locks they take are held after the call.
  SummaryTable Table;
  for (const auto &F : All)
    for (const auto &Fn : F.functions)
      if ((!Fn.netAcquire.empty() || !Fn.netRelease.empty()) && !Table.count(Fn.id))
        Table[Fn.id] = FunctionSummary{Fn.netAcquire, Fn.netRelease};
  std::vector<size_t> Again;
  std::vector<std::string> Suffix(Jobs.size());
  if (!Table.empty() && !O.emitFacts && !O.noSecondPass)
    for (size_t I = 0; I < Jobs.size(); ++I) {
      if (All[I].failed)
        continue;
      std::set<std::string> Defined, Used;
      for (const auto &Fn : All[I].functions)
        Defined.insert(Fn.id);
      for (const auto &Fn : All[I].functions)
        for (const auto &C : Fn.calls)
          if (!Defined.count(C.callee) && Table.count(C.callee))
            Used.insert(C.callee);
      if (Used.empty())
        continue;
      std::string H;
      for (const auto &U : Used) {
        H += U + "\x1f";
        for (const auto &N : Table[U].netAcquire)
          H += N.ref.ident() + (N.shared ? "/r" : "/w") + (N.trylock ? "/t" : "") + "|" + N.ref.cls + ",";
        for (const auto &R : Table[U].netRelease)
          H += R.ident() + "|" + R.cls + ",";
      }
      char Buf[17];
      snprintf(Buf, sizeof Buf, "%016llx", static_cast<unsigned long long>(llvm::xxh3_64bits(H)));
      Suffix[I] = std::string("-x") + Buf;
      Again.push_back(I);
    }
  unsigned ReusedFirst = Reused.load();
  if (!Again.empty())
    Pass(Again, &Table, Suffix, "(cross-TU wrappers) ");
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  if (O.verbose)
    llvm::errs() << "lockgraph-analyze: " << Jobs.size() << " translation units, " << ReusedFirst
                 << " reused from the facts cache " << CacheDir << "; " << Again.size()
                 << " analyzed again with the summaries of " << Table.size() << " lock wrappers ("
                 << Reused.load() - ReusedFirst << " reused)\n";
  std::vector<std::string> Failed;
  for (size_t I = 0; I < Jobs.size(); ++I)
    if (All[I].failed)
      Failed.push_back(Jobs[I].file);
  if (O.emitFacts)
    return Failed.empty() ? ExitClean : ExitFailure;
  std::vector<Finding> Fs = analyzeAll(O, Cfg, All);
  if (!ResultPath.empty() && Failed.empty())
    storeResult(ResultPath, resultStamp(Keys, DepsText), Fs);
  return report(O, Cfg, Baseline, std::move(Fs), All.size(), Failed);
}

}  // namespace lockgraph
