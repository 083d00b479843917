// Analysis: merges the facts of every TU and finds lock-order cycles,
// self-deadlocks, instance-order inversions and unlocked read-modify-writes
// over the whole program.
//
// Interprocedural steps (all fixpoints over the call graph, worklist driven):
//  * must-held-at-entry lock sets (intersection over call sites), used both as
//    the gate of lock-graph edges and as the lock context of data accesses;
//  * transitive acquisition sets per function, mapped through call arguments
//    (locks passed as parameters, `this`), giving edges "held at a call site ->
//    acquired somewhere below it" with the call chain as evidence;
//  * edges whose ends are still parameters are re-instantiated at each caller.
// Cycles: for each lock-graph edge inside a strongly connected component the
// shortest cycle through it (BFS, no longer than --max-cycle-length), deduplicated
// by rotation. Cost: the fixpoints are monotone over bounded summaries (at most
// 256 locks per function, lock paths at most 8 members below a parameter: a
// recursion passing a member of its parameter on would make new ones forever),
// so linear in the facts times those bounds; the cycle search, O(E * (V + E)) at
// worst, has a budget linear in the graph. What a bound cuts is reported (Limits).
#ifndef LOCKGRAPH_ANALYZER_ANALYSIS_H
#define LOCKGRAPH_ANALYZER_ANALYSIS_H

#include "Facts.h"

#include <string>
#include <vector>

namespace lockgraph {

struct Finding {
  std::string kind;  // a finding id of common/findings.inc
  std::string message;
  Site site;  // where the warning points
  std::string function;
  std::vector<Note> notes;
  std::vector<std::string> cycle;  // cycle kinds: the lock names in order
  std::vector<std::string> locks;  // every lock (or, for unlocked-rmw, the variable) named
  std::string fingerprint;         // stable across edits that move lines
  size_t paths = 1;                // self-deadlock: the call paths to one second acquisition it stands for
  // cycle kinds: the other cycles through the edge this finding's cycle shares with them
  // (Program::reportCycles()), each in order; their notes follow the finding's own
  std::vector<std::vector<std::string>> also;
};

struct AnalysisOptions {
  unsigned maxCycleLength = 8;
  // The acquisitions through calls followed in one program, all functions together (about a
  // kilobyte each): past it the rest are not followed, and `Limits` says so.
  size_t maxAcquisitions = 1500000;
  std::vector<std::string> recursiveLocks;  // config file: names of recursive locks
};

// `Limits` (if given) receives what the analysis did not search because a bound was met
// (a recursion's ever longer lock paths, a budget), one message each, for the run to report.
std::vector<Finding> analyzeProgram(const std::vector<TUFacts> &TUs, const AnalysisOptions &Opts,
                                    std::vector<std::string> *Limits = nullptr);
// The same over TUs the caller keeps (one program's of a run's TUs: nothing is copied).
std::vector<Finding> analyzeProgram(const std::vector<const TUFacts *> &TUs, const AnalysisOptions &Opts,
                                    std::vector<std::string> *Limits = nullptr);

}  // namespace lockgraph

#endif
