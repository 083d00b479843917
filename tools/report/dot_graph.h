// The lock-order graph as Graphviz text (format_dot.cc), shared by --format=dot and the HTML page.
#ifndef LOCKGRAPH_TOOLS_REPORT_DOT_GRAPH_H_
#define LOCKGRAPH_TOOLS_REPORT_DOT_GRAPH_H_

#include <string>

#include "formats.h"

namespace lockgraph {

std::string DotText(const Report &r, const LockGraph &g, const FormatOptions &o);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_DOT_GRAPH_H_
