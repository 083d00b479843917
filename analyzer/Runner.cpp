#include "Runner.h"

#include "Analysis.h"
#include "Config.h"
#include "Driver.h"
#include "Facts.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <mutex>
#include <set>
#include <sstream>

namespace lockgraph {

static const char *const FactsVersion = "lockgraph-facts-1/analyzer-0.1.1";

static std::string hex(uint64_t V) {
  char B[17];
  snprintf(B, sizeof B, "%016llx", static_cast<unsigned long long>(V));
  return B;
}

std::string cacheKey(const std::string &File, const std::vector<std::string> &Command, const std::string &ConfigText) {
  std::string S = FactsVersion;
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

// Cached facts are valid while the main file's contents and every included file's mtime+size are unchanged.
static bool loadCached(const std::string &Dir, const std::string &Key, const std::string &File, TUFacts &F) {
  std::string Deps, Facts;
  if (!readFile(Dir + "/" + Key + ".deps", Deps) || !readFile(Dir + "/" + Key + ".facts.json", Facts))
    return false;
  std::istringstream In(Deps);
  std::string Line;
  if (!std::getline(In, Line) || Line != "main " + contentHash(File))
    return false;
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
  std::string Err;
  return fromJSON(Facts, F, Err);
}

static void storeCached(const std::string &Dir, const std::string &Key, const std::string &File, const TUResult &R) {
  std::string Deps = "main " + contentHash(File) + "\n";
  for (const auto &D : R.deps)
    Deps += std::to_string(D.mtime) + " " + std::to_string(D.size) + " " + D.path + "\n";
  writeAtomically(Dir + "/" + Key + ".facts.json", toJSON(R.facts));
  writeAtomically(Dir + "/" + Key + ".deps", Deps);
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

static int report(const RunOptions &O, const Config &Cfg, const std::vector<TUFacts> &All,
                  const std::vector<std::string> &Failed) {
  AnalysisOptions AO;
  AO.maxCycleLength = O.maxCycleLength;
  AO.recursiveLocks = Cfg.recursiveLocks;
  std::vector<Finding> Fs = analyzeProgram(All, AO);
  applySuppressions(Fs, Cfg);
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
      llvm::errs() << Fs.size() << " finding" << (Fs.size() == 1 ? "" : "s") << " in " << All.size() << " translation unit"
                   << (All.size() == 1 ? "" : "s") << (Failed.empty() ? "" : ", " + std::to_string(Failed.size()) + " could not be analyzed")
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
  if (O.merge) {
    std::vector<TUFacts> All;
    if (O.inputs.empty())
      return Error("--merge needs facts files or directories");
    if (!loadFactsInputs(O.inputs, All))
      return ExitFailure;
    std::vector<std::string> Failed;
    for (const auto &F : All)
      if (F.failed)
        Failed.push_back(F.file);
    return report(O, Cfg, All, Failed);
  }

  std::vector<TUJob> Jobs;
  std::string DbPath, Err;
  if (!loadCompileDatabase(O.buildPath, Jobs, DbPath, Err))
    return Error(Err);
  // restrict to the files named on the command line, then to this shard
  if (!O.inputs.empty()) {
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
  if (O.shards > 1) {
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
        std::string Key = cacheKey(J.file, J.command, Cfg.text) + Suffix[I];
        TUFacts F;
        if ((UseCache || O.emitFacts) && loadCached(CacheDir, Key, J.file, F)) {
          All[I] = std::move(F);
          ++Reused;
        } else {
          TUResult R;
          analyzeTU(J, Cfg, Ext, R);
          if (R.ok && (UseCache || O.emitFacts))
            storeCached(CacheDir, Key, J.file, R);
          if (!R.ok) {
            FailedMsg[I] = R.diagnostics;
            if (O.emitFacts)  // record the failure for the merge step
              writeAtomically(CacheDir + "/" + Key + ".facts.json", toJSON(R.facts));
          }
          All[I] = std::move(R.facts);
        }
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
  return report(O, Cfg, All, Failed);
}

}  // namespace lockgraph
