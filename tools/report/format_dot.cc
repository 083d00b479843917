// --format=dot: the lock-order graph of the report's cycles, for Graphviz. Each lock is a node,
// each edge "A -> B" (B taken while A is held) is labelled with where B was taken and the findings
// it belongs to; edges of cycles that can deadlock are red (bold when confirmed at run time),
// latent ones grey. Node and edge ids and URLs point into the HTML page (format_html.cc).
#include <ostream>

#include "dot_graph.h"
#include "formats.h"

namespace lockgraph {

namespace {

std::string DotQuote(const std::string &s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    if (c == '\n') {
      o += "\\n";
      continue;
    }
    o += c;
  }
  return o + "\"";
}

std::string Basename(const std::string &p) { return p.substr(p.rfind('/') + 1); }

}  // namespace

std::string DotText(const Report &r, const LockGraph &g, const FormatOptions &o) {
  std::string s = "digraph lockgraph {\n";
  s += "  graph [rankdir=LR, bgcolor=\"transparent\", fontname=\"Helvetica\", pad=0.2, nodesep=0.5, ranksep=1.1];\n";
  s += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f6f8fa\", color=\"#57606a\", fontname=\"Helvetica\", fontsize=13, margin=\"0.18,0.08\"];\n";
  s += "  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.8];\n";
  for (size_t i = 0; i < g.locks.size(); ++i) {
    const std::string &l = g.locks[i];
    bool hot = false;
    for (const GraphEdge &e : g.edges)
      if ((e.from == l || e.to == l) && !e.latent) hot = true;
    std::string ids;
    for (const auto &f : g.lock_findings.at(l)) ids += (ids.empty() ? "" : ", ") + f;
    s += "  n" + std::to_string(i) + " [label=" + DotQuote(l) + ", id=" + DotQuote("lock-" + std::to_string(i + 1)) +
         ", tooltip=" + DotQuote(l + " (" + ids + ")") +
         (hot ? ", fillcolor=\"#ffebe9\", color=\"#cf222e\"" : "") + "];\n";
  }
  auto node = [&](const std::string &l) {
    for (size_t i = 0; i < g.locks.size(); ++i)
      if (g.locks[i] == l) return "n" + std::to_string(i);
    return std::string("n?");
  };
  for (const GraphEdge &e : g.edges) {
    std::string where = e.acquired.empty() ? "" : Basename(e.acquired[0].file) + ":" + std::to_string(e.acquired[0].line);
    std::string ids;
    for (const auto &f : e.findings) ids += (ids.empty() ? "" : ", ") + f;
    std::string label = where.empty() ? ids : where + "  (" + ids + ")";
    std::string tip = e.to + " acquired while holding " + e.from;
    if (!e.acquired.empty()) tip += " at " + ShownPath(e.acquired[0].file, o.source_root) + ":" + std::to_string(e.acquired[0].line);
    if (e.confirmed) tip += " (confirmed at run time)";
    const char *color = e.latent ? "#8c959f" : "#cf222e";
    s += "  " + node(e.from) + " -> " + node(e.to) + " [label=" + DotQuote(label) + ", id=" + DotQuote(e.anchor) +
         ", URL=" + DotQuote("#" + e.anchor) + ", tooltip=" + DotQuote(tip) + ", color=\"" + color +
         "\", fontcolor=\"" + color + "\", penwidth=" + (e.confirmed ? "3" : "1.6") +
         (e.latent ? ", style=dashed" : "") + "];\n";
  }
  (void)r;
  s += "}\n";
  return s;
}

void WriteDot(const Report &r, const FormatOptions &o, std::ostream &os) { os << DotText(r, BuildGraph(r), o); }

}  // namespace lockgraph
