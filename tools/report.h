// `lockgraph report`: reads any mix of the runtime hook's JSON lines, the analyzer's JSON or SARIF
// output and ThreadSanitizer's text reports, merges what several sources (and runs, and processes)
// saw of one problem into one finding (tools/report/merge.h), applies suppressions and a baseline,
// and writes text, JSON, SARIF, GitLab code quality, dot or HTML (tools/report/formats.h).
#ifndef LOCKGRAPH_TOOLS_REPORT_H_
#define LOCKGRAPH_TOOLS_REPORT_H_

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace lockgraph {

// Exit statuses of `lockgraph report`, like the analyzer's.
constexpr int kReportClean = 0;
constexpr int kReportFindings = 1;
constexpr int kReportBadInput = 2;  // an input could not be read or held a truncated/invalid record

struct ReportOptions {
  std::string format = "text";  // a name of FormatNames()
  std::string output;           // empty: `stream`, or stdout
  std::ostream *stream = nullptr;
  // More outputs: (format, file) pairs, written besides the one above.
  std::vector<std::pair<std::string, std::string>> also;
  std::string source_root;      // paths under it are shown relative (SARIF: %SRCROOT%); empty: cwd
  std::string suppressions;     // a suppressions file (docs/suppressions.md)
  std::string baseline;         // hide findings with a fingerprint in this file
  std::string write_baseline;   // write every finding's fingerprints here
  std::string graphviz;         // the dot program for html ("" : dot on PATH)
  bool include_latent = true;
  bool quiet = false;           // no summary line on stderr
};

// One input: its name (for messages) and its text.
struct ReportInput {
  std::string name;
  std::vector<std::string> lines;
};

// Reads, merges and writes; returns one of the statuses above. Problems with the input are
// described on `err` (file:line: what), and what could be read is still reported.
int WriteReport(const std::vector<ReportInput> &inputs, const ReportOptions &o, std::ostream &err);

// The `lockgraph report` command line (arguments after "report").
int ReportMain(const std::vector<std::string> &args);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_H_
