// Runner: the analyzer's top level without the command line — runs the TUs of
// a compile database in parallel (reusing cached facts of unchanged TUs), analyzes
// each program of the database (Programs.h), reports. main.cpp only parses options
// into RunOptions.
#ifndef LOCKGRAPH_ANALYZER_RUNNER_H
#define LOCKGRAPH_ANALYZER_RUNNER_H

#include "Facts.h"
#include "Report.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lockgraph {

// Exit statuses; each means one thing.
enum ExitCode : int { ExitClean = 0, ExitFindings = 1, ExitFailure = 2 };

struct RunOptions {
  std::string buildPath;            // -p
  // `FILES... -- FLAGS`: no compile database; each file is compiled with FLAGS in the current
  // directory (as clang-tidy's fixed compilation database)
  bool fixedFlags = false;
  std::vector<std::string> flags;
  std::vector<std::string> inputs;  // source files to analyze (default: all), or facts with --merge
  Format format = Format::Text;
  std::string output;  // -o, default stdout
  unsigned jobs = 0;   // 0: all cores
  std::string configFile;
  std::string cacheDir;  // facts cache; empty: <build dir>/.lockgraph-cache
  bool noCache = false;
  bool emitFacts = false;  // analyze and write facts only
  bool listPrograms = false;  // analyze, then list the programs the TUs form (no findings)
  bool merge = false;      // inputs are facts files/directories
  bool noSecondPass = false;  // do not re-parse TUs that call lock wrappers of other TUs
  unsigned shard = 0, shards = 1;
  unsigned maxCycleLength = 8;
  size_t programBudget = 0;  // translation units summed over the programs analyzed; 0: no limit
  int progress = -1;  // -1: when stderr is a terminal
  bool verbose = false;
  std::string baseline;       // --baseline: hide findings whose fingerprint is in this file
  std::string writeBaseline;  // --write-baseline: write the fingerprints of this run's findings
  std::string suppressionsFile;  // --suppressions (docs/suppressions.md), besides the config's
  std::vector<std::pair<Format, std::string>> alsoWrite;  // --json FILE, --sarif FILE
};

// --program-budget's default: translation units summed over the programs of one database
// analyzed (docs/analyzer.md, "Many programs").
inline constexpr unsigned DefaultProgramBudget = 0;

int runAnalyzer(const RunOptions &O);

// The "not searched" lines of the programs, one per distinct text: programs of one name (a tree's
// many `library` or `main.c` programs) that hit the same bound are one line, which says how many
// ("program library (6 programs): ..."). Each of Names[I]'s lines is Lines[I]; order kept.
std::vector<std::string> programLimitLines(const std::vector<std::string> &Names,
                                           const std::vector<std::vector<std::string>> &Lines);

// The order of the cross-TU pass over pass 1's facts: per TU, 0 when it calls no function of
// another TU that is a wrapper in `Seeds` or may become one, else a layer after the TUs
// defining those (TUs calling each other's share one).
std::vector<unsigned> crossTuLayers(const std::vector<TUFacts> &Facts, const std::set<std::string> &Seeds);

// The summaries of methods no TU defines (pure virtual ones), by id: the net lock effect every
// override in the program shares; none when they share nothing.
std::map<std::string, FunctionSummary> virtualSummaries(const std::vector<TUFacts> &Facts);

// --shard's argument: "I/N", decimal, 0 <= I < N (N at most 10^6). False otherwise.
bool parseShard(const std::string &Text, unsigned &I, unsigned &N);

// The facts cache key of a TU: its command, file and the config (not its contents,
// which are validated against the recorded dependencies).
std::string cacheKey(const std::string &File, const std::vector<std::string> &Command, const std::string &ConfigText);

}  // namespace lockgraph

#endif
