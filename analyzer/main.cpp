// lockgraph-analyze: static deadlock and race finder over a compile database.
// See docs/analyzer.md. Options only; the work is in Runner.cpp.
#include "Driver.h"
#include "Runner.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace llvm;

static cl::OptionCategory Cat("lockgraph-analyze options");
static cl::list<std::string> Inputs(cl::Positional, cl::desc("[<source file>...] (default: every file of the database); with --merge: facts files or directories"), cl::cat(Cat));
static cl::opt<std::string> BuildPath("p", cl::desc("Build directory containing compile_commands.json (default: search upward from the current directory)"), cl::value_desc("dir"), cl::cat(Cat));
static cl::opt<lockgraph::Format> Fmt("format", cl::desc("Output format"), cl::init(lockgraph::Format::Text),
                                      cl::values(clEnumValN(lockgraph::Format::Text, "text", "clang-style warnings and notes"),
                                                 clEnumValN(lockgraph::Format::Json, "json", "one JSON object per finding per line"),
                                                 clEnumValN(lockgraph::Format::Sarif, "sarif", "SARIF 2.1.0")),
                                      cl::cat(Cat));
static cl::opt<std::string> Output("o", cl::desc("Write the report to <file> instead of stdout"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<unsigned> Jobs("j", cl::desc("Translation units analyzed in parallel (default: all cores)"), cl::init(0), cl::cat(Cat));
static cl::opt<std::string> ConfigFile("config", cl::desc("Config file: lock functions, recursive locks, suppressions"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<std::string> FactsDir("facts-dir", cl::desc("Directory of per-TU facts, reused while the TU is unchanged (default: <build dir>/.lockgraph-cache)"), cl::value_desc("dir"), cl::cat(Cat));
static cl::alias CacheDir("cache-dir", cl::desc("Alias for --facts-dir"), cl::aliasopt(FactsDir), cl::cat(Cat));
static cl::opt<bool> NoCache("no-cache", cl::desc("Neither read nor write the facts cache"), cl::cat(Cat));
static cl::opt<bool> EmitFacts("emit-facts", cl::desc("Only analyze the TUs and write their facts to --facts-dir (a shard of a distributed run)"), cl::cat(Cat));
static cl::opt<bool> Merge("merge", cl::desc("Do not parse: merge the given facts files/directories and report"), cl::cat(Cat));
static cl::opt<std::string> Shard("shard", cl::desc("Analyze only shard I of N of the database's files (I/N, 0-based)"), cl::value_desc("I/N"), cl::cat(Cat));
static cl::opt<unsigned> MaxCycle("max-cycle-length", cl::desc("Longest lock cycle reported"), cl::init(8), cl::cat(Cat));
static cl::opt<unsigned> ProgramBudget("program-budget", cl::desc("With several programs in the database: translation units summed over the programs analyzed, those that start threads and the larger first; the rest are reported as not analyzed (0: no limit)"), cl::init(lockgraph::DefaultProgramBudget), cl::cat(Cat));
static cl::opt<bool> NoSecondPass("no-cross-tu-wrappers", cl::desc("Do not parse again the TUs that call lock wrappers defined in other TUs (faster, fewer findings)"), cl::cat(Cat));
static cl::opt<bool> ListPrograms("list-programs", cl::desc("List the programs the database's files are grouped into, each analyzed on its own (JSON lines: program, files, threads), and exit"), cl::cat(Cat));
static cl::opt<bool> ListChecks("list-checks", cl::desc("List the finding ids and exit"), cl::cat(Cat));
static cl::opt<std::string> BaselineFile("baseline", cl::desc("Do not report findings whose fingerprint is in <file>: an earlier --format=json or --format=sarif output, or fingerprints one per line ('#' comments)"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<std::string> WriteBaseline("write-baseline", cl::desc("Write the fingerprints of this run's findings to <file>, one per line, for --baseline"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<std::string> SuppressionsFile("suppressions", cl::desc("Suppressions file (docs/suppressions.md): drop the findings a rule matches"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<std::string> JsonOutput("json", cl::desc("Also write the findings as JSON lines to <file>"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<std::string> SarifOutput("sarif", cl::desc("Also write the findings as SARIF 2.1.0 to <file>"), cl::value_desc("file"), cl::cat(Cat));
static cl::opt<bool> Verbose("v", cl::desc("Print statistics (TUs, facts reused) to stderr"), cl::cat(Cat));
static cl::opt<bool> NoProgress("no-progress", cl::desc("No progress line even on a terminal"), cl::cat(Cat));

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Cat);
  // `FILES... -- FLAGS`: what follows "--" are compiler flags (a database of those files alone)
  bool FixedFlags = false;
  std::vector<std::string> Flags;
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--") {
      FixedFlags = true;
      Flags.assign(argv + I + 1, argv + argc);
      argc = I;
      break;
    }
  // a usage error is exit 2 (could not analyze), never 1 (findings)
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "lockgraph-analyze: finds lock-order inversions, self-deadlocks and unlocked\n"
                                   "read-modify-writes over a compile_commands.json before anything runs.\n"
                                   "Exit status: 0 no finding, 1 findings, 2 could not analyze (bad usage, no\n"
                                   "compile database, unreadable input, or a file that could not be analyzed).\n"
                                   "Without a compile database: lockgraph-analyze FILE... -- COMPILER FLAGS\n",
                                   &errs())) {
    return lockgraph::ExitFailure;
  }
  if (ListChecks) {
#define LOCKGRAPH_FINDING(E, ID, DESC) outs() << "lockgraph-" ID "\t" DESC "\n";
#include "findings.inc"
    return 0;
  }
  lockgraph::RunOptions O;
  if (FixedFlags && (!BuildPath.empty() || Merge)) {
    WithColor::error(errs(), "lockgraph-analyze") << "'-- FLAGS' replaces the compile database: not with -p or --merge\n";
    return lockgraph::ExitFailure;
  }
  O.fixedFlags = FixedFlags;
  O.flags = std::move(Flags);
  O.buildPath = BuildPath;
  O.inputs.assign(Inputs.begin(), Inputs.end());
  O.format = Fmt;
  O.output = Output;
  O.jobs = Jobs;
  O.configFile = ConfigFile;
  O.cacheDir = FactsDir;
  O.noCache = NoCache;
  O.emitFacts = EmitFacts;
  O.listPrograms = ListPrograms;
  O.merge = Merge;
  O.maxCycleLength = MaxCycle;
  O.programBudget = ProgramBudget;
  O.verbose = Verbose;
  O.noSecondPass = NoSecondPass;
  O.baseline = BaselineFile;
  O.writeBaseline = WriteBaseline;
  O.suppressionsFile = SuppressionsFile;
  if (!JsonOutput.empty())
    O.alsoWrite.push_back({lockgraph::Format::Json, JsonOutput});
  if (!SarifOutput.empty())
    O.alsoWrite.push_back({lockgraph::Format::Sarif, SarifOutput});
  if (NoProgress)
    O.progress = 0;
  if (ListPrograms && EmitFacts) {
    WithColor::error(errs(), "lockgraph-analyze") << "--list-programs needs the whole database: not with --emit-facts\n";
    return lockgraph::ExitFailure;
  }
  if (!Shard.empty()) {
    unsigned I = 0, N = 0;
    if (!lockgraph::parseShard(Shard, I, N)) {
      WithColor::error(errs(), "lockgraph-analyze") << "--shard expects I/N with 0 <= I < N, got '" << Shard << "'\n";
      return lockgraph::ExitFailure;
    }
    O.shard = I;
    O.shards = N;
  }
  int Rc = lockgraph::runAnalyzer(O);
  if (lockgraph::recoveredFromCrash()) {  // (Driver.h) the report is written: end here
    outs().flush();
    errs().flush();
    _exit(Rc);
  }
  return Rc;
}
