// Merging: the evidence of every input becomes findings. One problem seen by several sources (or
// several runs) is one Finding:
//  * the same source's reports with one fingerprint are one (the hook's per-process records);
//  * two lock cycles are one when their edges correspond, edge for edge along the cycle: an edge
//    corresponds when both sources name the same two locks, or when the second lock was taken at
//    the same file:line (and the first, where both know it, too). TSan's M0/M1 and the hook's
//    `lock@file:line` names only match by site;
//  * an analyzer's unlocked-rmw and a ThreadSanitizer data race are one when the variable is the
//    same (or TSan does not name it) and one of TSan's accesses is at the analyzer's line;
//  * other kinds: the same kind at the same file:line, or the same locks in the same function.
// A finding seen by the analyzer and at run time (hook or TSan) is confirmed.
#ifndef LOCKGRAPH_TOOLS_REPORT_MERGE_H_
#define LOCKGRAPH_TOOLS_REPORT_MERGE_H_

#include <set>
#include <string>
#include <vector>

#include "../../common/suppressions.h"
#include "model.h"

namespace lockgraph {

struct MergeOptions {
  bool include_latent = true;
  std::vector<SuppressionRule> suppressions;
  std::set<std::string> baseline;  // fingerprints: a finding with any of them is hidden
};

Report Merge(std::vector<Evidence> evidence, const MergeOptions &o);

// What suppression rules are matched against, for a finding.
SuppressionSubject SubjectOf(const Finding &f);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_MERGE_H_
