#include "formats.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>

namespace lockgraph {

const std::vector<std::string> &FormatNames() {
  static const std::vector<std::string> names = {"text", "json", "sarif", "codequality", "dot", "html", "baseline"};
  return names;
}

bool WriteFormat(const std::string &format, const Report &r, const FormatOptions &o, std::ostream &os,
                 std::ostream &err) {
  if (format == "text") WriteText(r, o, os);
  else if (format == "json") WriteJsonReport(r, o, os);
  else if (format == "sarif") WriteSarifReport(r, o, os);
  else if (format == "codequality") WriteCodeQuality(r, o, os);
  else if (format == "dot") WriteDot(r, o, os);
  else if (format == "html") return WriteHtml(r, o, os, err);
  else if (format == "baseline") WriteBaseline(r, o, os);
  else return false;
  return true;
}

std::string ShownPath(const std::string &path, const std::string &root) {
  if (root.empty() || path.empty()) return path;
  std::string r = root.back() == '/' ? root : root + "/";
  return path.compare(0, r.size(), r) == 0 ? path.substr(r.size()) : path;
}

std::vector<std::string> SourceLines(const std::string &file, int first, int last) {
  std::vector<std::string> out;
  std::ifstream in(file);
  if (!in) return out;
  std::string line;
  for (int n = 1; n <= last && std::getline(in, line); ++n)
    if (n >= first) out.push_back(line);
  return out;
}

LockGraph BuildGraph(const Report &r) {
  LockGraph g;
  std::map<std::pair<std::string, std::string>, size_t> index;
  auto add_lock = [&](const std::string &l, const std::string &id) {
    if (std::find(g.locks.begin(), g.locks.end(), l) == g.locks.end()) g.locks.push_back(l);
    auto &v = g.lock_findings[l];
    if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
  };
  auto add_site = [](std::vector<Site> &v, const Site &s) {
    if (!s.known()) return;
    for (const Site &x : v)
      if (x.file == s.file && x.line == s.line) return;
    v.push_back(s);
  };
  for (const Finding &f : r.findings) {
    if (!IsCycleKind(f.kind)) continue;
    for (size_t i = 0; i < f.edges.size(); ++i) {
      const Edge &e = f.edges[i];
      add_lock(e.from, f.id);
      add_lock(e.to, f.id);
      auto key = std::make_pair(e.from, e.to);
      if (!index.count(key)) {
        index[key] = g.edges.size();
        GraphEdge ge;
        ge.from = e.from;
        ge.to = e.to;
        ge.anchor = "edge-" + std::to_string(g.edges.size() + 1);
        g.edges.push_back(ge);
      }
      GraphEdge &ge = g.edges[index[key]];
      ge.findings.push_back(f.id);
      ge.confirmed |= f.confirmed();
      ge.latent &= f.kind == "latent-lock-order";
      add_site(ge.acquired, e.acquired);
      add_site(ge.held, e.held);
      // the same edge as each source saw it (TSan's under the merged names)
      for (const Evidence &ev : f.evidence)
        for (const Edge &x : ev.edges)
          if (x.from == e.from && x.to == e.to) {
            add_site(ge.acquired, x.acquired);
            add_site(ge.held, x.held);
          }
    }
  }
  return g;
}

// ---- text ----------------------------------------------------------------------------------------

namespace {

std::string Loc(const Site &s) {
  return s.file + ":" + std::to_string(s.line) + ":" + std::to_string(s.column > 0 ? s.column : 1);
}

std::string Join(const std::vector<std::string> &v, const std::string &sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

}  // namespace

void WriteText(const Report &r, const FormatOptions &o, std::ostream &os) {
  (void)o;
  int confirmed = 0;
  for (const Finding &f : r.findings) {
    confirmed += f.confirmed();
    const char *level = f.severity == "note" ? "note" : "warning";
    if (f.site.known())
      os << Loc(f.site) << ": ";
    else
      os << "lockgraph: ";
    os << level << ": " << f.kind << ": " << f.title << " [lockgraph-" << f.kind << "]";
    std::vector<std::string> parts;
    if (f.confirmed())
      parts.push_back("confirmed: " + Join(f.sources(), " + "));
    else if (f.sources().size() > 1 || f.sources()[0] != "hook")
      parts.push_back("seen by " + Join(f.sources(), " + "));
    int runtime_count = 0;
    std::set<long> pids;
    for (const Evidence &e : f.evidence)
      if (IsRuntime(e.source)) {
        runtime_count += e.count;
        pids.insert(e.pids.begin(), e.pids.end());
      }
    if (runtime_count)
      parts.push_back("seen " + std::to_string(runtime_count) + " time(s), in " + std::to_string(pids.size()) +
                      " process(es)");
    auto titles = [&](const std::vector<std::string> &ids) {
      std::vector<std::string> t;
      for (const std::string &id : ids)
        for (const Finding &g : r.findings)
          if (g.id == id) t.push_back(g.kind + " " + g.title);
      return Join(t, "; ");
    };
    if (!f.deadlocked_in.empty()) parts.push_back("it deadlocked at run time: " + titles(f.deadlocked_in));
    if (!f.realises.empty()) parts.push_back("the threads formed the " + titles(f.realises));
    os << " (" << Join(parts, "; ") << ")\n";
    if (IsCycleKind(f.kind)) {
      for (const Edge &e : f.edges) {
        std::vector<std::string> who;
        for (const Evidence &ev : f.evidence)
          for (const Edge &x : ev.edges)
            if (x.from == e.from && x.to == e.to)
              who.push_back(std::string(SourceName(ev.source)) + (x.thread.empty() ? "" : " in " + x.thread));
        std::sort(who.begin(), who.end());
        who.erase(std::unique(who.begin(), who.end()), who.end());
        if (e.acquired.known())
          os << Loc(e.acquired) << ": note: '" << e.to << "' acquired here while '" << e.from << "' is held (edge "
             << e.from << " => " << e.to << (e.acquired.function.empty() ? "" : ", in " + e.acquired.function + "()")
             << "; " << Join(who, ", ") << ")\n";
        if (e.held.known()) os << Loc(e.held) << ": note: '" << e.from << "' acquired here\n";
      }
    } else {
      for (const Evidence &ev : f.evidence) {
        for (const Note &n : ev.notes)
          if (n.site.known()) os << Loc(n.site) << ": note: " << n.message << "\n";
        for (const Stack &st : ev.stacks) {
          Site s = FirstUserSite(st.frames);
          if (!s.known()) continue;
          // "... waits for A at" + the frame: "... waits for A here (in actionB)"
          std::string title = st.title;
          if (title.size() > 3 && title.compare(title.size() - 3, 3, " at") == 0) title.replace(title.size() - 2, 2, "here");
          os << Loc(s) << ": note: " << SourceName(ev.source) << ": " << title
             << (s.function.empty() ? "" : " (in " + s.function + ")") << "\n";
        }
      }
    }
  }
  os << r.findings.size() << " finding(s)";
  if (confirmed) os << ", " << confirmed << " confirmed at run time";
  if (r.suppressed) os << ", " << r.suppressed << " suppressed";
  if (r.baselined) os << ", " << r.baselined << " in the baseline";
  os << "\n";
}

void WriteBaseline(const Report &r, const FormatOptions &o, std::ostream &os) {
  os << "# lockgraph baseline: the fingerprints of " << r.findings.size()
     << " finding(s). Read by lockgraph run, analyze and report --baseline (docs/ci.md)\n";
  for (const Finding &f : r.findings) {
    os << "# " << f.kind << " " << f.title;
    if (f.site.known()) os << " at " << ShownPath(f.site.file, o.source_root) << ":" << f.site.line;
    os << " (" << Join(f.sources(), " + ") << ")\n";
    for (const auto &fp : f.fingerprints) os << fp << "\n";
  }
}

}  // namespace lockgraph
