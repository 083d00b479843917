// Cache: the facts directory (--facts-dir): per-TU facts reused while the TU is
// unchanged, and the merged result of an unchanged tree.
//
// Files of one TU, named by its key (cacheKey(): analyzer binary, file, command, config):
//   <key>.facts.json   the facts (Facts.h's JSON)
//   <key>.deps         "lockgraph-deps-2 <xxh3 of the facts file>", then
//                      "main <content hash> <mtime ns> <size>" for the main file, then
//                      "<mtime s> <size> <path>" per included file (paths %-escaped)
// An entry is valid while the main file (mtime and size, or failing that its content
// hash) and every included file (mtime and size) are unchanged AND the facts file still
// has the checksum the .deps file recorded: a facts file changed behind the analyzer's
// back is analyzed again, never trusted.
//
// <name>.result.json: the findings (before suppressions) merged from a set of entries;
// first line "lockgraph-result-2 <stamp> <xxh3 of the rest>". `name` hashes the keys,
// config and options; the stamp hashes each key with its .deps text, which holds its
// facts' checksum, and the facts files are checked against it: a result is reused only
// with the very facts it was merged from (all still intact), and
// only when its own body is intact.
//
// Every file is read with cacheFileLimits() (no links, regular files, bounded) and
// written atomically. Safe for concurrent use on distinct keys.
#ifndef LOCKGRAPH_ANALYZER_CACHE_H
#define LOCKGRAPH_ANALYZER_CACHE_H

#include "Analysis.h"
#include "Driver.h"

#include <string>
#include <vector>

namespace lockgraph {

class FactsCache {
public:
  explicit FactsCache(std::string Dir) : Dir(std::move(Dir)) {}
  const std::string &dir() const { return Dir; }

  // True when the entry `Key` of main file `File` is unchanged; `Deps` gets its .deps text.
  bool valid(const std::string &Key, const std::string &File, std::string &Deps) const;
  // True when the entry's facts file is the one its .deps text `Deps` recorded (checksum).
  bool intact(const std::string &Key, const std::string &Deps) const;
  // valid(), and its facts read back intact into `F`.
  bool load(const std::string &Key, const std::string &File, TUFacts &F, std::string &Deps) const;
  // Stores a TU's facts; returns the .deps text written (empty when it could not be).
  std::string store(const std::string &Key, const std::string &File, const TUFacts &F,
                    const std::vector<Dependency> &Deps) const;
  // Writes facts without dependencies (a TU that failed, for the merge step of --emit-facts).
  void storeFactsOnly(const std::string &Key, const TUFacts &F) const;

  // Merged results.
  static std::string resultStamp(const std::vector<std::string> &Keys, const std::vector<std::string> &Deps);
  bool loadResult(const std::string &Name, const std::string &Stamp, std::vector<Finding> &Fs) const;
  void storeResult(const std::string &Name, const std::string &Stamp, const std::vector<Finding> &Fs) const;

private:
  std::string Dir;
};

// Findings as JSON (the result file's body); every member of Finding. Strings keep
// their bytes (appendJsonString).
std::string findingsToJSON(const std::vector<Finding> &Fs);
bool findingsFromJSON(const std::string &Text, std::vector<Finding> &Fs);

// 16 hex digits of xxh3-64.
std::string hashHex(const std::string &Text);

}  // namespace lockgraph

#endif
