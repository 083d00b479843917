// The model of `lockgraph report`: findings as the three sources describe them (the runtime
// hook's JSON lines, the analyzer's JSON or SARIF, ThreadSanitizer's text reports), read into one
// shape (Evidence), then merged so that one problem seen by several sources is one Finding with
// all its evidence. Locks are matched by name and by where each edge's locks were taken
// (file:line), never by address: the sources run in different processes, or none at all.
#ifndef LOCKGRAPH_TOOLS_REPORT_MODEL_H_
#define LOCKGRAPH_TOOLS_REPORT_MODEL_H_

#include <set>
#include <string>
#include <vector>

namespace lockgraph {

struct Frame {
  std::string function, file, module;
  int line = 0, column = 0;
};

// A place in the program's own sources.
struct Site {
  std::string file;
  int line = 0, column = 0;
  std::string function;
  bool known() const { return !file.empty() && line > 0; }
};

struct Note {
  Site site;
  std::string message;
};

struct Stack {
  std::string title;  // "journal_lock acquired at", "Write of size 8 by thread T2"
  std::vector<Frame> frames;
};

// One edge of a lock cycle as one source saw it: `to` taken while `from` was held.
struct Edge {
  std::string from, to;
  Site acquired;  // where `to` was taken (the first frame in the program's sources)
  Site held;      // where `from` had been taken
  std::string thread;                 // runtime sources
  Stack stack, held_stack;            // runtime sources
  std::vector<Note> path;             // the analyzer: this edge's notes (calls between)
};

enum class Source { kHook, kAnalyzer, kTSan };
const char *SourceName(Source s);  // "hook", "analyzer", "tsan"
inline bool IsRuntime(Source s) { return s != Source::kAnalyzer; }

// One report of one source (the hook's records of one fingerprint are one Evidence, with a count).
struct Evidence {
  Source source = Source::kHook;
  std::string input;        // the file it was read from
  std::string kind;         // the finding id the source gave it
  std::string severity;     // error | warning | note
  std::string message;      // the source's own one-line message
  std::string fingerprint;  // the source's own (16 hex digits)
  Site site;                // where the source points
  std::string function;
  std::vector<std::string> locks;  // lock names (for races: the variable)
  std::vector<std::string> cycle;  // cycle kinds: lock names in order
  bool names_from_source = true;   // false: TSan's M0, M1 (not the program's names)
  std::vector<Edge> edges;         // cycle kinds
  std::vector<Stack> stacks;       // other kinds
  std::vector<Note> notes;
  std::vector<Site> accesses;      // races: each access
  // actual-deadlock: per blocked thread and lock it holds, the edge "held => the lock it waits
  // for" (acquired: where it waits; held: where it took the held lock); and, from a confirm run,
  // the fingerprint of the inversion the deadlock confirms.
  std::vector<Edge> waits;
  std::string confirms;
  std::set<long> pids;
  int count = 1;
};

struct Finding {
  std::string id;    // F1, F2, ... in report order
  std::string kind;  // the merged kind (a finding id of common/findings.inc)
  std::string severity;
  std::string title;  // "accounts_lock => journal_lock => accounts_lock", "transfers", ...
  Site site;
  std::vector<std::string> cycle, locks;
  std::vector<Edge> edges;  // cycle kinds: one per edge of `cycle`, from the best evidence
  std::vector<Evidence> evidence;
  bool seen_statically = false, seen_at_runtime = false;
  bool confirmed() const { return seen_statically && seen_at_runtime; }
  std::string fingerprint;                // the first source fingerprint (analyzer, hook, tsan)
  std::vector<std::string> fingerprints;  // every source's
  int count = 0;                          // reports merged into it
  std::set<long> pids;
  std::vector<std::string> sources() const;  // "analyzer", "hook", "tsan" that saw it
  // A lock cycle and the actual deadlocks whose blocked threads formed it (ids, both ways).
  std::vector<std::string> deadlocked_in;  // cycle kinds: the actual-deadlock findings
  std::vector<std::string> realises;       // actual-deadlock: the cycle findings
};

// An input file, as read.
struct InputSummary {
  std::string path, format;  // format: hook-jsonl, analyzer-json, analyzer-sarif, hook-sarif, tsan
  int reports = 0;
};

struct Report {
  std::vector<InputSummary> inputs;
  std::vector<Finding> findings;
  int suppressed = 0, baselined = 0;
};

// Helpers shared by the inputs and the formats.
bool UserFile(const std::string &path);  // an absolute path outside /usr
Site FirstUserSite(const std::vector<Frame> &frames);
bool SameFile(const std::string &a, const std::string &b);  // equal, or one a '/'-suffix of the other
bool SameSite(const Site &a, const Site &b);               // file and line
std::string CycleText(const std::vector<std::string> &cycle);  // "A => B => A"
std::string Hex16(unsigned long long v);
unsigned long long Fnv1a(const std::string &s);
int KindRank(const std::string &kind);          // order of common/findings.inc; unknown last
const char *KindDescription(const std::string &kind);  // nullptr if not an id
bool IsCycleKind(const std::string &kind);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_MODEL_H_
