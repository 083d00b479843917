// Driver: the compile database and the per-TU front end run, behind an
// interface free of Clang types (implemented in Tooling.cpp).
// analyzeTU() may be called from several threads at once, one TU per call.
#ifndef LOCKGRAPH_ANALYZER_DRIVER_H
#define LOCKGRAPH_ANALYZER_DRIVER_H

#include "Facts.h"

#include <memory>
#include <string>
#include <vector>

namespace lockgraph {

struct Config;

struct TUJob {
  std::string file;       // absolute path of the main source file
  std::string directory;  // working directory of the command
  std::vector<std::string> command;
  std::string output;     // the object file (absolute), when the command says
  unsigned variant = 0;   // which of the file's distinct commands (database order)
  std::vector<std::string> programs;  // executables linking the object (link info), if known
};

struct Dependency {
  std::string path;
  long long mtime = 0;
  long long size = 0;
};

struct TUResult {
  TUFacts facts;
  bool ok = false;
  std::string failure;      // when !ok: why, as "could not analyze FILE: <failure>" says
  std::string diagnostics;  // compiler errors when !ok
  std::vector<Dependency> deps;
};

// Finds compile_commands.json: `BuildPath` (a directory or the file itself) or,
// when empty, the first one found searching upward from the current directory.
// Returns false with a message when there is none or it cannot be read. Every
// command is a job, in database order (a file may have several: see TUJob::variant);
// the runner drops exact repeats. Commands whose source is in another language
// (Fortran, assembly, CUDA, ...: by `-x` or the file's extension) are no jobs: each
// goes to `Skipped` as {file, language}.
struct SkippedEntry {
  std::string file;
  std::string language;
};
bool loadCompileDatabase(const std::string &BuildPath, std::vector<TUJob> &Jobs, std::string &DbPath, std::string &Err,
                         std::vector<SkippedEntry> &Skipped);

// A parsed TU kept for the cross-TU wrapper pass (Clang's AST; opaque here), so that
// pass extracts again without parsing again.
struct ParsedTU;
struct ParsedTUDeleter {
  void operator()(ParsedTU *P) const;
};
using ParsedTUPtr = std::unique_ptr<ParsedTU, ParsedTUDeleter>;

// Whether analyzeTU() or reanalyzeTU() recovered from a crash in this process. The crashed
// TU's objects are leaked as they were (a Clang timer, say, still listed in its group), so
// such a process must end with _exit() after flushing its output, never run static destructors.
bool recoveredFromCrash();

// Parses one TU and extracts its facts. A crash while parsing or extracting (a signal) fails
// that TU only (Out.failure says so). A command whose directory is relative, missing
// or not a directory fails (Out.failure says which) without running the compiler. `External` (may be null): summaries of
// functions defined in other TUs (the runner's second pass).
// With `Keep`, the parse is kept there when it succeeded, while the process's resident
// memory is below 384 MiB (past it TUs are not kept and the cross-TU pass parses them again).
void analyzeTU(const TUJob &Job, const Config &Cfg, const SummaryTable *External, TUResult &Out,
               ParsedTUPtr *Keep = nullptr);
// Extracts the facts of a kept parse again, with the summaries of other TUs' functions.
// `Out.deps` is left empty (the first extraction's stand).
void reanalyzeTU(ParsedTU &P, const Config &Cfg, const SummaryTable *External, TUResult &Out);

// Parses `Code` as file `FileName` with compiler `Args` (no compile database;
// used by the unit tests) and extracts its facts. False when it does not compile.
bool extractFromCode(const std::string &Code, const std::string &FileName, const std::vector<std::string> &Args,
                     const Config &Cfg, TUFacts &Out);

// The Clang resource directory used for builtin headers.
std::string resourceDir();

}  // namespace lockgraph

#endif
