// --format=html: one self-contained page (no script, no external file) a person reads instead of a
// log: the lock-order graph drawn by Graphviz's `dot` (run now; the SVG is inlined) with every
// cycle in red and each edge linked to the code that made it, the findings grouped by kind with
// which sources saw them (confirmed when the analyzer and a run both did), their edges, notes and
// stacks, and source excerpts read from the files the findings point at.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "dot_graph.h"
#include "formats.h"
#include "rule_help.h"

#ifndef LOCKGRAPH_VERSION
#define LOCKGRAPH_VERSION "0"
#endif

namespace lockgraph {
namespace {

std::string Esc(const std::string &s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string FindProgram(const std::string &name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char *path = getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    std::string p = (dir.empty() ? "." : dir) + "/" + name;
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

// Runs `dot -Tsvg` over `dot_text`; the SVG element, or "" with `why` set.
std::string RunDot(const std::string &program, const std::string &dot_text, std::string &why) {
  std::string dot = FindProgram(program.empty() ? "dot" : program);
  if (dot.empty()) {
    why = "Graphviz's dot was not found (apt-get install graphviz, or --dot PROGRAM)";
    return "";
  }
  char dir[] = "/tmp/lockgraph-html.XXXXXX";
  if (!mkdtemp(dir)) {
    why = "cannot make a temporary folder";
    return "";
  }
  std::string in = std::string(dir) + "/graph.dot", out = std::string(dir) + "/graph.svg";
  { std::ofstream(in) << dot_text; }
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    execl(dot.c_str(), dot.c_str(), "-Tsvg", "-o", out.c_str(), in.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid > 0)
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  std::ifstream f(out);
  std::stringstream svg;
  svg << f.rdbuf();
  unlink(in.c_str());
  unlink(out.c_str());
  rmdir(dir);
  std::string s = svg.str();
  size_t at = s.find("<svg");
  if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || at == std::string::npos) {
    why = dot + " failed to draw the graph";
    return "";
  }
  return s.substr(at);
}

const char kStyle[] = R"css(
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa; --red:#cf222e;
        --redbg:#ffebe9; --green:#1a7f37; --greenbg:#dafbe1; --blue:#0969da; --bluebg:#ddf4ff;
        --amber:#9a6700; --amberbg:#fff8c5; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif;
       color:var(--fg); background:var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0; }
a { color: var(--blue); text-decoration: none; } a:hover { text-decoration: underline; }
code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.cards { display:flex; flex-wrap:wrap; gap:10px; margin: 14px 0 0; }
.card { border:1px solid var(--line); border-radius:8px; padding:8px 14px; background:var(--soft); min-width:140px; }
.card b { display:block; font-size:22px; }
.card.red { background:var(--redbg); border-color:#ffcecb; } .card.green { background:var(--greenbg); border-color:#aceebb; }
.graph { border:1px solid var(--line); border-radius:8px; padding:12px; overflow:auto; background:#fff; text-align:center; }
.graph svg { max-width:100%; height:auto; }
.legend { color:var(--muted); font-size:13px; margin:6px 0 10px; }
.legend .sw { display:inline-block; width:22px; height:0; border-top:3px solid var(--red); vertical-align:middle; margin:0 4px 0 12px; }
.legend .sw.latent { border-top:2px dashed #8c959f; }
.edge-card { border:1px solid var(--line); border-radius:8px; margin:12px 0; overflow:hidden; }
.edge-card:target, .finding:target { outline: 3px solid #54aeff; }
.edge-card > header { background:var(--soft); padding:8px 12px; border-bottom:1px solid var(--line); }
.edge-card .body { padding: 8px 12px; }
.lock { font-family:"DejaVu Sans Mono", Menlo, monospace; font-weight:600; background:#eff2f5; border-radius:4px; padding:0 4px; }
.arrow { color:var(--red); font-weight:700; margin:0 4px; }
.excerpt { margin:6px 0 10px; border:1px solid var(--line); border-radius:6px; overflow:auto; background:#fff; }
.excerpt .file { background:var(--soft); border-bottom:1px solid var(--line); padding:3px 10px; font-size:12px; color:var(--muted); }
.excerpt pre { margin:0; padding:4px 0; }
.excerpt .l { display:block; padding:0 10px; white-space:pre; }
.excerpt .l.hit { background:#fff8c5; box-shadow: inset 3px 0 0 #d4a72c; }
.excerpt .n { display:inline-block; width:3.2em; color:#8c959f; text-align:right; margin-right:12px; user-select:none; }
.kind-group { margin-top: 8px; }
.kind-desc { color:var(--muted); margin:2px 0 10px; }
.finding { border:1px solid var(--line); border-left:5px solid #8c959f; border-radius:8px; margin:12px 0; padding:10px 14px; }
.finding.error { border-left-color: var(--red); } .finding.warning { border-left-color: #d4a72c; }
.finding.confirmed { border-left-color: var(--red); background: linear-gradient(90deg, #fff5f5, #fff 30%); }
.finding > header { display:flex; flex-wrap:wrap; align-items:center; gap:8px; }
.fid { font-weight:700; color:var(--muted); }
.ftitle { font-family:"DejaVu Sans Mono", Menlo, monospace; font-weight:600; font-size:15px; }
.badge { font-size:12px; border-radius:12px; padding:1px 9px; border:1px solid var(--line); background:var(--soft); white-space:nowrap; }
.badge.confirmed { background:var(--red); color:#fff; border-color:var(--red); font-weight:700; }
.badge.static { background:var(--bluebg); border-color:#b6e3ff; }
.badge.runtime { background:var(--greenbg); border-color:#aceebb; }
.badge.note { background:var(--amberbg); border-color:#f5e0a0; }
.where { color:var(--muted); margin:4px 0; font-size:14px; }
.todo { margin:6px 0; font-size:14px; }
table.edges { border-collapse:collapse; margin:8px 0; font-size:14px; }
table.edges td, table.edges th { border-bottom:1px solid var(--line); padding:4px 10px 4px 0; text-align:left; vertical-align:top; }
details { margin:6px 0; border:1px solid var(--line); border-radius:6px; padding:4px 10px; background:#fff; }
details > summary { cursor:pointer; color:var(--fg); }
.stack { margin:4px 0 8px; }
.stack .t { font-size:13px; color:var(--muted); }
.stack ol { margin:2px 0; padding-left:2.4em; font-family:"DejaVu Sans Mono", Menlo, monospace; font-size:12.5px; }
.stack li.sys { color:#8c959f; }
.notes { margin:4px 0; padding-left:1.2em; font-size:14px; }
footer { margin-top:40px; color:var(--muted); font-size:12px; }
)css";

class Page {
 public:
  Page(const Report &r, const FormatOptions &o) : r_(r), o_(o) {}

  std::string Where(const Site &s) const {
    if (!s.known()) return "";
    return ShownPath(s.file, o_.source_root) + ":" + std::to_string(s.line);
  }

  // A few lines around a site, the site's line marked.
  std::string Excerpt(const Site &s, int before = 2, int after = 2) const {
    if (!s.known()) return "";
    int first = s.line > before ? s.line - before : 1;
    std::vector<std::string> lines = SourceLines(s.file, first, s.line + after);
    std::string h = "<div class=\"excerpt\"><div class=\"file\">" + Esc(Where(s)) +
                    (s.function.empty() ? "" : " &middot; in " + Esc(s.function) + "()") + "</div>";
    if (lines.empty()) return h + "<pre><span class=\"l\">(source not available here)</span></pre></div>";
    h += "<pre>";
    for (size_t i = 0; i < lines.size(); ++i) {
      int n = first + static_cast<int>(i);
      h += std::string("<span class=\"l") + (n == s.line ? " hit" : "") + "\"><span class=\"n\">" + std::to_string(n) +
           "</span>" + Esc(lines[i]) + "</span>";
    }
    return h + "</pre></div>";
  }

  std::string Stack(const lockgraph::Stack &st) const {
    if (st.frames.empty()) return "";
    std::string h = "<div class=\"stack\"><div class=\"t\">" + Esc(st.title) + "</div><ol start=\"0\">";
    for (const Frame &f : st.frames) {
      bool user = UserFile(f.file);
      h += std::string("<li") + (user ? "" : " class=\"sys\"") + ">" + Esc(f.function.empty() ? "??" : f.function);
      if (!f.file.empty()) h += " &nbsp;" + Esc(ShownPath(f.file, o_.source_root)) + ":" + std::to_string(f.line);
      if (!f.module.empty() && f.file.empty()) h += " (" + Esc(f.module.substr(f.module.rfind('/') + 1)) + ")";
      h += "</li>";
    }
    return h + "</ol></div>";
  }

  std::string Lock(const std::string &l) const { return "<span class=\"lock\">" + Esc(l) + "</span>"; }

  std::string Badges(const Finding &f) const {
    std::string h;
    if (f.confirmed()) h += "<span class=\"badge confirmed\">confirmed at run time</span>";
    for (const auto &id : f.deadlocked_in)
      h += "<a class=\"badge confirmed\" href=\"#" + Esc(id) + "\">deadlocked at run time: " + Esc(id) + "</a>";
    for (const auto &id : f.realises)
      h += "<a class=\"badge\" href=\"#" + Esc(id) + "\">the deadlock of " + Esc(id) + "</a>";
    for (const auto &s : f.sources())
      h += "<span class=\"badge " + std::string(s == "analyzer" ? "static" : "runtime") + "\">" +
           (s == "analyzer" ? "static analyzer" : s == "hook" ? "runtime hook" : "ThreadSanitizer") + "</span>";
    if (f.kind == "latent-lock-order") h += "<span class=\"badge note\">latent</span>";
    return h;
  }

  std::string Anchor(const Edge &e) const {
    for (const GraphEdge &g : graph_.edges)
      if (g.from == e.from && g.to == e.to) return g.anchor;
    return "";
  }

  std::string Render(std::ostream &err) {
    graph_ = BuildGraph(r_);
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
                    Esc(o_.title) + "</title><style>" + kStyle + "</style></head><body><main>\n";
    int confirmed = 0;
    std::map<std::string, int> by_kind;
    for (const Finding &f : r_.findings) {
      confirmed += f.confirmed();
      ++by_kind[f.kind];
    }
    h += "<h1>" + Esc(o_.title) + "</h1><p class=\"sub\">";
    h += std::to_string(r_.findings.size()) + " finding(s) from " + std::to_string(r_.inputs.size()) + " input(s): ";
    for (size_t i = 0; i < r_.inputs.size(); ++i)
      h += (i ? ", " : "") + std::string("<span class=\"mono\">") + Esc(ShownPath(r_.inputs[i].path, o_.source_root)) +
           "</span> (" + Esc(r_.inputs[i].format) + ")";
    if (r_.suppressed) h += "; " + std::to_string(r_.suppressed) + " suppressed";
    if (r_.baselined) h += "; " + std::to_string(r_.baselined) + " hidden by the baseline";
    h += "</p><div class=\"cards\">";
    h += "<div class=\"card" + std::string(r_.findings.empty() ? " green" : "") + "\"><b>" +
         std::to_string(r_.findings.size()) + "</b>findings</div>";
    h += "<div class=\"card" + std::string(confirmed ? " red" : "") + "\"><b>" + std::to_string(confirmed) +
         "</b>confirmed at run time</div>";
    for (const auto &k : by_kind)
      h += "<div class=\"card\"><b>" + std::to_string(k.second) + "</b><a href=\"#kind-" + Esc(k.first) + "\">" +
           Esc(k.first) + "</a></div>";
    h += "</div>\n";

    if (!graph_.edges.empty()) {
      h += "<h2 id=\"graph\">Lock-order graph</h2><p class=\"legend\">An arrow <span class=\"lock\">A</span>"
           "<span class=\"arrow\">&rarr;</span><span class=\"lock\">B</span> means B was taken while A was held, "
           "labelled with where. <span class=\"sw\"></span>a cycle that can deadlock (thick: confirmed at run time)"
           "<span class=\"sw latent\"></span>latent. Click an arrow for the code that made it.</p>";
      std::string why;
      std::string svg = RunDot(o_.dot, DotText(r_, graph_, o_), why);
      if (svg.empty()) {
        err << "lockgraph report: " << why << "; the page lists the graph's edges without a drawing\n";
        h += "<p class=\"legend\">" + Esc(why) + ": the edges are listed below.</p>";
      } else {
        h += "<div class=\"graph\">" + svg + "</div>";
      }
    }
    h += "<h2 id=\"findings\">Findings</h2>";
    if (r_.findings.empty()) h += "<p>No finding.</p>";
    std::string kind;
    for (const Finding &f : r_.findings) {
      if (f.kind != kind) {
        if (!kind.empty()) h += "</section>";
        kind = f.kind;
        const char *d = KindDescription(kind);
        h += "<section class=\"kind-group\" id=\"kind-" + Esc(kind) + "\"><h3>" + Esc(kind) + " (" +
             std::to_string(by_kind[kind]) + ")</h3><p class=\"kind-desc\">" + Esc(d ? d : "") + "</p>";
      }
      h += Finding1(f);
    }
    if (!kind.empty()) h += "</section>";
    if (!graph_.edges.empty()) {
      h += "<h2 id=\"edges\">The code of each edge</h2><p class=\"legend\">Where the second lock was taken while the first was held, and where the first had been taken.</p>";
      for (const GraphEdge &e : graph_.edges) {
        h += "<section class=\"edge-card\" id=\"" + e.anchor + "\"><header>" + Lock(e.to) +
             " taken while holding " + Lock(e.from) + " &nbsp;&middot;&nbsp; ";
        for (size_t i = 0; i < e.findings.size(); ++i)
          h += (i ? ", " : "") + std::string("<a href=\"#") + e.findings[i] + "\">" + e.findings[i] + "</a>";
        if (e.confirmed) h += " <span class=\"badge confirmed\">confirmed</span>";
        h += "</header><div class=\"body\">";
        for (const Site &s : e.acquired) h += "<div>" + Lock(e.to) + " acquired at</div>" + Excerpt(s);
        for (const Site &s : e.held) h += "<div>" + Lock(e.from) + " acquired earlier at</div>" + Excerpt(s, 1, 1);
        h += "</div></section>\n";
      }
    }
    h += "<footer>lockgraph " LOCKGRAPH_VERSION " &middot; sources: the static analyzer (lockgraph analyze), the "
         "runtime hook (lockgraph run) and ThreadSanitizer logs. A finding is <b>confirmed</b> when the analyzer "
         "found it and a run showed it.</footer>";
    h += "</main></body></html>\n";
    return h;
  }

  std::string WhatToDo(const std::string &kind) const {
    for (const RuleHelp &rh : RuleHelps())
      if (rh.id == kind) {
        size_t at = rh.text.find("What to do");
        if (at == std::string::npos) return "";
        size_t end = rh.text.find("\n\n", at);
        return rh.text.substr(at, end == std::string::npos ? std::string::npos : end - at);
      }
    return "";
  }

  std::string Finding1(const Finding &f) const {
    std::string cls = f.confirmed() ? "confirmed" : f.severity;
    std::string h = "<article class=\"finding " + cls + "\" id=\"" + f.id + "\"><header><span class=\"fid\">" + f.id +
                    "</span><span class=\"ftitle\">" + Esc(f.title) + "</span>" + Badges(f) + "</header>";
    if (f.site.known())
      h += "<p class=\"where\">at <span class=\"mono\">" + Esc(Where(f.site)) + "</span>" +
           (f.site.function.empty() ? "" : " in <span class=\"mono\">" + Esc(f.site.function) + "()</span>") + "</p>";
    if (!f.edges.empty()) {
      h += "<table class=\"edges\"><tr><th>edge</th><th>taken at</th><th>while held since</th><th>seen by</th></tr>";
      for (const Edge &e : f.edges) {
        std::string anchor = Anchor(e);
        std::string who;
        for (const Evidence &ev : f.evidence)
          for (const Edge &x : ev.edges)
            if (x.from == e.from && x.to == e.to) {
              std::string w = std::string(SourceName(ev.source)) + (x.thread.empty() ? "" : " (" + x.thread + ")");
              if (who.find(w) == std::string::npos) who += (who.empty() ? "" : ", ") + w;
            }
        h += "<tr><td>" + Lock(e.from) + "<span class=\"arrow\">&rarr;</span>" + Lock(e.to) + "</td><td>" +
             (anchor.empty() ? Esc(Where(e.acquired)) : "<a href=\"#" + anchor + "\">" + Esc(Where(e.acquired)) + "</a>") +
             "</td><td>" + Esc(Where(e.held)) + "</td><td>" + Esc(who) + "</td></tr>";
      }
      h += "</table>";
    } else {
      // The finding's place, and every other access of a race, each once.
      std::vector<Site> places;
      auto add = [&](const Site &x) {
        if (!x.known() || places.size() >= 4) return;
        for (const Site &p : places)
          if (SameSite(p, x)) return;
        places.push_back(x);
      };
      add(f.site);
      for (const Evidence &e : f.evidence)
        for (const Site &a : e.accesses) add(a);
      for (const Site &p : places) h += Excerpt(p);
    }
    std::string todo = WhatToDo(f.kind);
    if (!todo.empty()) h += "<p class=\"todo\">" + Esc(todo) + "</p>";
    for (const Evidence &e : f.evidence) {
      h += "<details><summary><b>" + std::string(e.source == Source::kAnalyzer ? "static analyzer"
                                                  : e.source == Source::kHook  ? "runtime hook"
                                                                               : "ThreadSanitizer") +
           "</b> &middot; " + Esc(e.kind) + " &middot; <span class=\"mono\">" + Esc(ShownPath(e.input, o_.source_root)) +
           "</span>";
      if (e.count > 1 || !e.pids.empty())
        h += " &middot; seen " + std::to_string(e.count) + " time(s) in " + std::to_string(e.pids.size()) + " process(es)";
      h += "</summary>";
      if (!e.message.empty()) h += "<p>" + Esc(e.message) + "</p>";
      if (!e.notes.empty()) {
        h += "<ul class=\"notes\">";
        for (const Note &n : e.notes)
          h += "<li><span class=\"mono\">" + Esc(Where(n.site)) + "</span> " + Esc(n.message) + "</li>";
        h += "</ul>";
      }
      for (const Edge &x : e.edges) {
        h += Stack(x.stack);
        h += Stack(x.held_stack);
      }
      for (const lockgraph::Stack &s : e.stacks) h += Stack(s);
      h += "<p class=\"where\">fingerprint <span class=\"mono\">" + Esc(e.fingerprint) + "</span></p></details>";
    }
    return h + "</article>\n";
  }

 private:
  const Report &r_;
  const FormatOptions &o_;
  LockGraph graph_;
};

}  // namespace

bool WriteHtml(const Report &r, const FormatOptions &o, std::ostream &os, std::ostream &err) {
  Page p(r, o);
  os << p.Render(err);
  return true;
}

}  // namespace lockgraph
