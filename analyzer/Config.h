// The analyzer's configuration file (docs/analyzer.md, "Config file").
// Line format, '#' starts a comment:
//   lock-function NAME ARG          NAME(...) acquires the lock its argument ARG points to
//   shared-lock-function NAME ARG   ... in shared (read) mode
//   trylock-function NAME ARG       ... may fail; returns 0 on success (pthread style)
//   unlock-function NAME ARG        NAME(...) releases it
//   recursive-lock NAME             the lock NAME may be re-taken by its holder
//   semaphore-lock NAME-GLOB        semaphores (sem_t) so named are locks: sem_wait takes, sem_post gives
//   suppress ID [NAME-GLOB [FILE-GLOB]]   drop findings of kind ID naming a matching lock/variable
//   suppress ID FIELD:GLOB...            the suppressions file's rule (docs/suppressions.md)
#ifndef LOCKGRAPH_ANALYZER_CONFIG_H
#define LOCKGRAPH_ANALYZER_CONFIG_H

#include <string>
#include <vector>

#include "suppressions.h"

namespace lockgraph {

struct LockFunction {
  enum Kind { Lock, SharedLock, TryLock, Unlock } kind = Lock;
  std::string name;
  unsigned arg = 0;
};

// A `suppress` line: one rule of common/suppressions.h, as a --suppressions file's lines are.
using Suppression = SuppressionRule;

struct Config {
  std::vector<LockFunction> lockFunctions;
  std::vector<std::string> recursiveLocks;
  std::vector<std::string> semaphoreLocks;  // name globs
  std::vector<Suppression> suppressions;
  std::string text;  // the raw file, part of the facts cache key
};

// Parses `Text`; returns false with a message "line N: ..." on the first bad line.
bool parseConfig(const std::string &Text, Config &C, std::string &Err);

// fnmatch-style '*' and '?' matching.
bool globMatch(const std::string &Glob, const std::string &S);

}  // namespace lockgraph

#endif
