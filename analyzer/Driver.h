// Driver: the compile database and the per-TU front end run, behind an
// interface free of Clang types (implemented in Tooling.cpp).
// analyzeTU() may be called from several threads at once, one TU per call.
#ifndef LOCKGRAPH_ANALYZER_DRIVER_H
#define LOCKGRAPH_ANALYZER_DRIVER_H

#include "Facts.h"

#include <string>
#include <vector>

namespace lockgraph {

struct Config;

struct TUJob {
  std::string file;       // absolute path of the main source file
  std::string directory;  // working directory of the command
  std::vector<std::string> command;
};

struct Dependency {
  std::string path;
  long long mtime = 0;
  long long size = 0;
};

struct TUResult {
  TUFacts facts;
  bool ok = false;
  std::string diagnostics;  // compiler errors when !ok
  std::vector<Dependency> deps;
};

// Finds compile_commands.json: `BuildPath` (a directory or the file itself) or,
// when empty, the first one found searching upward from the current directory.
// Returns false with a message when there is none or it cannot be read.
bool loadCompileDatabase(const std::string &BuildPath, std::vector<TUJob> &Jobs, std::string &DbPath, std::string &Err);

// Parses one TU and extracts its facts. `External` (may be null): summaries of
// functions defined in other TUs (the runner's second pass).
void analyzeTU(const TUJob &Job, const Config &Cfg, const SummaryTable *External, TUResult &Out);

// Parses `Code` as file `FileName` with compiler `Args` (no compile database;
// used by the unit tests) and extracts its facts. False when it does not compile.
bool extractFromCode(const std::string &Code, const std::string &FileName, const std::vector<std::string> &Args,
                     const Config &Cfg, TUFacts &Out);

// The Clang resource directory used for builtin headers.
std::string resourceDir();

}  // namespace lockgraph

#endif
