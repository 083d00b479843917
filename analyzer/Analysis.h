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
// shortest cycle through it (BFS), deduplicated by rotation. Cost is linear in
// facts for the fixpoints and O(E * (V + E)) for the cycle search.
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
};

struct AnalysisOptions {
  unsigned maxCycleLength = 8;
  std::vector<std::string> recursiveLocks;  // config file: names of recursive locks
};

std::vector<Finding> analyzeProgram(const std::vector<TUFacts> &TUs, const AnalysisOptions &Opts);

}  // namespace lockgraph

#endif
