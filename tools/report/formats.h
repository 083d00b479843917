// The output formats of `lockgraph report`, each in its own file:
//   text         clang-style warnings and notes (format_text.cc)
//   json         one document, schema docs/report.schema.json, "version": 1 (format_json.cc)
//   sarif        SARIF 2.1.0 with rule help and partialFingerprints (format_sarif.cc)
//   codequality  GitLab's code-quality report (format_codequality.cc)
//   dot          the lock-order graph for Graphviz (format_dot.cc)
//   html         one self-contained page: the graph drawn by Graphviz, findings with their
//                evidence, stacks and source excerpts (format_html.cc)
//   baseline     every fingerprint, one per line after a comment: a --baseline file for run,
//                analyze and report alike
#ifndef LOCKGRAPH_TOOLS_REPORT_FORMATS_H_
#define LOCKGRAPH_TOOLS_REPORT_FORMATS_H_

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "model.h"

namespace lockgraph {

struct FormatOptions {
  std::string source_root;  // paths under it are shown relative to it; SARIF's %SRCROOT%
  std::string dot;          // the Graphviz `dot` program for html ("" : found on PATH)
  std::string title = "lockgraph report";
};

// The formats by name, in the order `--help` lists them.
const std::vector<std::string> &FormatNames();

// Writes `r` as `format` to `os`. Problems (dot missing...) go to `err`; false when the output
// could not be made.
bool WriteFormat(const std::string &format, const Report &r, const FormatOptions &o, std::ostream &os,
                 std::ostream &err);

void WriteText(const Report &r, const FormatOptions &o, std::ostream &os);
void WriteJsonReport(const Report &r, const FormatOptions &o, std::ostream &os);
void WriteSarifReport(const Report &r, const FormatOptions &o, std::ostream &os);
void WriteCodeQuality(const Report &r, const FormatOptions &o, std::ostream &os);
void WriteDot(const Report &r, const FormatOptions &o, std::ostream &os);
bool WriteHtml(const Report &r, const FormatOptions &o, std::ostream &os, std::ostream &err);
void WriteBaseline(const Report &r, const FormatOptions &o, std::ostream &os);

// ---- helpers shared by the formats --------------------------------------------------------------

// `path` relative to `root` when it lies under it.
std::string ShownPath(const std::string &path, const std::string &root);

// The lock-order graph of every cycle finding: one node per lock, one edge per (from, to).
struct GraphEdge {
  std::string from, to;
  std::vector<Site> acquired, held;        // every distinct site, from every source
  std::vector<std::string> findings;       // ids of the findings whose cycle has this edge
  bool confirmed = false, latent = true;   // any finding confirmed; all latent
  std::string anchor;                      // "edge-N"
};
struct LockGraph {
  std::vector<std::string> locks;
  std::map<std::string, std::vector<std::string>> lock_findings;
  std::vector<GraphEdge> edges;
};
LockGraph BuildGraph(const Report &r);

// Lines [first, last] of a file (1-based; clipped); empty if it cannot be read.
std::vector<std::string> SourceLines(const std::string &file, int first, int last);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_FORMATS_H_
