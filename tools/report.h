// `lockgraph report`: reads the runtime hook's JSON-lines records (from `lockgraph run --json`,
// or the hook's json_path=PREFIX files), merges the findings of every process by fingerprint,
// and writes them as clang-style text, JSON lines or SARIF 2.1.0.
#ifndef LOCKGRAPH_TOOLS_REPORT_H_
#define LOCKGRAPH_TOOLS_REPORT_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace lockgraph {

// Exit statuses of `lockgraph report`, like the analyzer's.
constexpr int kReportClean = 0;
constexpr int kReportFindings = 1;
constexpr int kReportBadInput = 2;  // a file could not be read or held a truncated/invalid record

struct ReportOptions {
  std::string format = "text";  // text | json | sarif
  std::string output;           // empty: `stream`, or stdout
  std::ostream *stream = nullptr;
  std::string source_root;      // SARIF: paths under it are relative to %SRCROOT%; empty: cwd
  bool include_latent = true;
};

// One input: its name (for messages) and its lines.
struct ReportInput {
  std::string name;
  std::vector<std::string> lines;
};

// Merges and writes; returns one of the statuses above. Problems with the input are described
// on `err` (file:line: what), and the records that could be read are still reported.
int WriteReport(const std::vector<ReportInput> &inputs, const ReportOptions &o, std::ostream &err);

// The `lockgraph report` command line (arguments after "report").
int ReportMain(const std::vector<std::string> &args);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_H_
