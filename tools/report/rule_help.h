// Help for each finding id, for SARIF's rules: the description of common/findings.inc and the
// id's section of docs/findings.md (embedded at build time: one text for the docs and the tools).
#ifndef LOCKGRAPH_TOOLS_REPORT_RULE_HELP_H_
#define LOCKGRAPH_TOOLS_REPORT_RULE_HELP_H_

#include <string>
#include <vector>

namespace lockgraph {

struct RuleHelp {
  std::string id, name;   // "lock-order-inversion", "LockOrderInversion"
  std::string description;  // common/findings.inc's one line
  std::string summary;      // the section's first paragraph, plain text
  std::string text;         // the section, plain text
  std::string markdown;     // the section as written
};

// Every id of common/findings.inc, in its order.
const std::vector<RuleHelp> &RuleHelps();

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_RULE_HELP_H_
