#include "merge.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace lockgraph {

// ---- shared helpers --------------------------------------------------------------------------------

const char *SourceName(Source s) {
  switch (s) {
    case Source::kHook: return "hook";
    case Source::kAnalyzer: return "analyzer";
    case Source::kTSan: return "tsan";
  }
  return "?";
}

std::vector<std::string> Finding::sources() const {
  std::vector<std::string> out;
  for (Source s : {Source::kAnalyzer, Source::kHook, Source::kTSan}) {
    // a cycle that deadlocked for real was seen by the hook, in the deadlock's threads
    bool seen = s == Source::kHook && !deadlocked_in.empty();
    for (const Evidence &e : evidence) seen |= e.source == s;
    if (seen) out.push_back(SourceName(s));
  }
  return out;
}

bool UserFile(const std::string &f) { return !f.empty() && f[0] == '/' && f.compare(0, 5, "/usr/") != 0; }

Site FirstUserSite(const std::vector<Frame> &frames) {
  for (const Frame &f : frames)
    if (UserFile(f.file) && f.line > 0) return {f.file, f.line, f.column, f.function};
  return {};
}

bool SameFile(const std::string &a, const std::string &b) {
  if (a == b) return !a.empty();
  const std::string &l = a.size() > b.size() ? a : b, &s = a.size() > b.size() ? b : a;
  if (s.empty() || s[0] == '/') return false;  // two different absolute paths
  return l.compare(l.size() - s.size(), s.size(), s) == 0 && l[l.size() - s.size() - 1] == '/';
}

bool SameSite(const Site &a, const Site &b) { return a.known() && b.known() && a.line == b.line && SameFile(a.file, b.file); }

std::string CycleText(const std::vector<std::string> &c) {
  std::string s;
  for (const auto &n : c) s += n + " => ";
  return c.empty() ? s : s + c.front();
}

std::string Hex16(unsigned long long v) {
  static const char d[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = d[v & 15];
  return s;
}

unsigned long long Fnv1a(const std::string &s) {
  unsigned long long h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

namespace {
struct KindInfo {
  const char *id, *description;
};
const KindInfo kKinds[] = {
#define LOCKGRAPH_FINDING(e, id, desc) {id, desc},
#include "findings.inc"
};
}  // namespace

int KindRank(const std::string &kind) {
  for (size_t i = 0; i < sizeof(kKinds) / sizeof(kKinds[0]); ++i)
    if (kind == kKinds[i].id) return static_cast<int>(i);
  return 1000;
}

const char *KindDescription(const std::string &kind) {
  for (const KindInfo &k : kKinds)
    if (kind == k.id) return k.description;
  return nullptr;
}

bool IsCycleKind(const std::string &k) { return k == "lock-order-inversion" || k == "latent-lock-order"; }

// ---- matching ------------------------------------------------------------------------------------

namespace {

bool EdgeMatch(const Edge &x, const Edge &y, bool by_name) {
  if (by_name && x.from == y.from && x.to == y.to) return true;
  return SameSite(x.acquired, y.acquired) && (!x.held.known() || !y.held.known() || SameSite(x.held, y.held));
}

// The rotation r with a.edges[i] ~ b.edges[(i + r) % n] for every i, or -1.
int CycleRotation(const Evidence &a, const Evidence &b) {
  size_t n = a.edges.size();
  if (n == 0 || n != b.edges.size()) return -1;
  bool by_name = a.names_from_source && b.names_from_source;
  for (size_t r = 0; r < n; ++r) {
    bool all = true;
    for (size_t i = 0; i < n && all; ++i) all = EdgeMatch(a.edges[i], b.edges[(i + r) % n], by_name);
    if (all) return static_cast<int>(r);
  }
  return -1;
}

bool RaceFamily(const std::string &k) { return k == "unlocked-rmw" || k == "data-race"; }

bool RaceMatch(const Evidence &a, const Evidence &b) {
  if (a.kind == "unlocked-rmw" && b.kind == "unlocked-rmw") return false;  // the analyzer's own are distinct
  if (!a.locks.empty() && !b.locks.empty() && a.locks[0] != b.locks[0]) return false;
  for (const Site &x : a.accesses)
    for (const Site &y : b.accesses)
      if (SameSite(x, y)) return true;
  return false;
}

bool Matches(const Evidence &a, const Evidence &b) {
  if (a.source == b.source && a.fingerprint == b.fingerprint && a.kind == b.kind) return true;
  if (IsCycleKind(a.kind) && IsCycleKind(b.kind)) return a.source != b.source && CycleRotation(a, b) >= 0;
  if (RaceFamily(a.kind) && RaceFamily(b.kind)) return RaceMatch(a, b);
  if (a.kind != b.kind || a.source == b.source) return false;
  if (SameSite(a.site, b.site)) return true;
  return a.names_from_source && b.names_from_source && !a.locks.empty() && a.locks == b.locks &&
         !a.function.empty() && a.function == b.function;
}

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(size_t a, size_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

int SourceOrder(Source s) { return s == Source::kAnalyzer ? 0 : s == Source::kHook ? 1 : 2; }

int SeverityRank(const std::string &s) { return s == "error" ? 2 : s == "warning" ? 1 : 0; }

std::string Basename(const std::string &p) { return p.substr(p.rfind('/') + 1); }

// Names for a cycle only ThreadSanitizer saw: its M0, M1 with where each was taken.
void NameTSanLocks(Evidence &e) {
  std::map<std::string, std::string> name;
  for (const Edge &ed : e.edges)
    if (ed.acquired.known() && !name.count(ed.to))
      name[ed.to] = ed.to + "@" + Basename(ed.acquired.file) + ":" + std::to_string(ed.acquired.line);
  auto rename = [&](std::string &s) {
    if (name.count(s)) s = name[s];
  };
  for (Edge &ed : e.edges) {
    rename(ed.from);
    rename(ed.to);
  }
  for (auto &c : e.cycle) rename(c);
  for (auto &l : e.locks) rename(l);
}

Finding Build(std::vector<Evidence> ev) {
  std::sort(ev.begin(), ev.end(), [](const Evidence &a, const Evidence &b) {
    if (SourceOrder(a.source) != SourceOrder(b.source)) return SourceOrder(a.source) < SourceOrder(b.source);
    if (a.input != b.input) return a.input < b.input;
    if (a.site.line != b.site.line) return a.site.line < b.site.line;
    return a.fingerprint < b.fingerprint;
  });
  Finding f;
  const Evidence *primary = &ev[0];
  for (const Evidence &e : ev)
    if (e.names_from_source && !primary->names_from_source) primary = &e;
  // The kind: an inversion over a latent one, the analyzer's unlocked-rmw over TSan's data race.
  f.kind = ev[0].kind;
  for (const Evidence &e : ev) {
    if (e.kind == "lock-order-inversion") f.kind = e.kind;
    if (e.kind == "unlocked-rmw" && f.kind == "data-race") f.kind = e.kind;
  }
  for (const Evidence &e : ev) {
    f.seen_statically |= !IsRuntime(e.source);
    f.seen_at_runtime |= IsRuntime(e.source);
  }
  if (IsCycleKind(f.kind)) {
    Evidence &p = ev[static_cast<size_t>(primary - &ev[0])];
    if (!p.names_from_source) NameTSanLocks(p);
    f.cycle = p.cycle;
    f.edges = p.edges;
    // Other sources' edges under the primary's names; sites the primary lacks come from them.
    for (Evidence &e : ev) {
      if (&e == &p || !IsCycleKind(e.kind)) continue;
      int r = CycleRotation(p, e);
      if (r < 0) continue;
      size_t n = e.edges.size();
      for (size_t i = 0; i < n; ++i) {
        Edge &theirs = e.edges[(i + static_cast<size_t>(r)) % n];
        if (!e.names_from_source) {
          theirs.from = p.edges[i].from;
          theirs.to = p.edges[i].to;
        }
        if (!f.edges[i].acquired.known()) f.edges[i].acquired = theirs.acquired;
        if (!f.edges[i].held.known()) f.edges[i].held = theirs.held;
        if (f.edges[i].acquired.function.empty() && SameSite(f.edges[i].acquired, theirs.acquired))
          f.edges[i].acquired.function = theirs.acquired.function;
        if (f.edges[i].held.function.empty() && SameSite(f.edges[i].held, theirs.held))
          f.edges[i].held.function = theirs.held.function;
      }
      if (!e.names_from_source) {
        e.cycle = f.cycle;
        e.locks = f.cycle;
      }
    }
    f.locks = f.cycle;
    f.title = CycleText(f.cycle);
  } else {
    // Each lock once (an actual deadlock lists what each blocked thread waits for: "A, B, A, A").
    for (const std::string &l : primary->locks)
      if (std::find(f.locks.begin(), f.locks.end(), l) == f.locks.end()) f.locks.push_back(l);
    f.title = f.locks.empty() ? primary->message : f.locks[0];
    for (size_t i = 1; i < f.locks.size(); ++i) f.title += ", " + f.locks[i];
  }
  f.site = primary->site;
  for (const Evidence &e : ev)
    if (!f.site.known() && e.site.known()) f.site = e.site;
  for (const Evidence &e : ev) {  // a source that knows the function of the same line names it
    std::vector<Site> places = e.accesses;
    places.push_back(e.site);
    for (const Site &s : places)
      if (f.site.function.empty() && !s.function.empty() && SameSite(s, f.site)) f.site.function = s.function;
  }
  f.severity = "note";
  for (const Evidence &e : ev)
    if (SeverityRank(e.severity) > SeverityRank(f.severity)) f.severity = e.severity;
  if (f.kind == "latent-lock-order") f.severity = "note";
  for (const Evidence &e : ev) {
    if (std::find(f.fingerprints.begin(), f.fingerprints.end(), e.fingerprint) == f.fingerprints.end())
      f.fingerprints.push_back(e.fingerprint);
    f.count += e.count;
    f.pids.insert(e.pids.begin(), e.pids.end());
  }
  f.fingerprint = f.fingerprints.empty() ? "" : f.fingerprints[0];
  f.evidence = std::move(ev);
  return f;
}

// A lock's name without the hook's instance suffix ("A#2" is an instance of A).
std::string BaseName(const std::string &n) {
  size_t h = n.rfind('#');
  if (h == std::string::npos || h == 0 || h + 1 == n.size()) return n;
  for (size_t i = h + 1; i < n.size(); ++i)
    if (n[i] < '0' || n[i] > '9') return n;
  return n.substr(0, h);
}

// Whether the blocked threads of actual deadlock `d` formed the cycle `c`: a confirm run said so,
// or every edge of the cycle is one of the deadlock's "holds X, waits for Y" (by the names the
// program gave the locks, or where they were taken).
bool Realises(const Finding &d, const Finding &c) {
  // names and sites only (EdgeMatch reads no stacks), each lock under its base name
  auto key = [](const Edge &e) {
    Edge k;
    k.from = BaseName(e.from);
    k.to = BaseName(e.to);
    k.acquired = e.acquired;
    k.held = e.held;
    return k;
  };
  std::vector<Edge> waits;
  for (const Evidence &e : d.evidence) {
    if (!e.confirms.empty() &&
        std::find(c.fingerprints.begin(), c.fingerprints.end(), e.confirms) != c.fingerprints.end())
      return true;
    for (const Edge &w : e.waits) waits.push_back(key(w));
  }
  if (c.edges.empty() || waits.empty()) return false;
  bool by_name = true;
  for (const Evidence &e : c.evidence) by_name &= e.names_from_source || !IsCycleKind(e.kind);
  for (const Edge &ce : c.edges) {
    Edge k = key(ce);
    if (std::none_of(waits.begin(), waits.end(), [&](const Edge &w) { return EdgeMatch(k, w, by_name); }))
      return false;
  }
  return true;
}

void LinkDeadlocksToCycles(std::vector<Finding> &fs) {
  for (Finding &d : fs) {
    if (d.kind != "actual-deadlock") continue;
    for (Finding &c : fs) {
      if (!IsCycleKind(c.kind) || !Realises(d, c)) continue;
      d.realises.push_back(c.id);
      c.deadlocked_in.push_back(d.id);
      c.seen_at_runtime = true;  // it happened: the strongest confirmation there is
    }
  }
}

}  // namespace

SuppressionSubject SubjectOf(const Finding &f) {
  SuppressionSubject s;
  s.kind = f.kind;
  s.fingerprints = f.fingerprints;
  auto add = [](std::vector<std::string> &v, const std::string &x) {
    if (!x.empty() && std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  auto site = [&](const Site &x) {
    add(s.files, x.file);
    add(s.functions, x.function);
  };
  auto stack = [&](const Stack &st) {
    for (const Frame &fr : st.frames) {
      add(s.files, fr.file);
      add(s.functions, fr.function);
    }
  };
  for (const auto &l : f.locks) add(s.locks, l);
  site(f.site);
  for (const Evidence &e : f.evidence) {
    for (const auto &l : e.locks) add(s.locks, l);
    site(e.site);
    add(s.functions, e.function);
    for (const Note &n : e.notes) site(n.site);
    for (const Stack &st : e.stacks) stack(st);
    for (const Edge &ed : e.edges) {
      site(ed.acquired);
      site(ed.held);
      stack(ed.stack);
      stack(ed.held_stack);
      for (const Note &n : ed.path) site(n.site);
    }
  }
  return s;
}

Report Merge(std::vector<Evidence> ev, const MergeOptions &o) {
  Report rep;
  UnionFind uf(ev.size());
  for (size_t i = 0; i < ev.size(); ++i)
    for (size_t j = i + 1; j < ev.size(); ++j)
      if (uf.Find(i) != uf.Find(j) && Matches(ev[i], ev[j])) uf.Join(i, j);
  std::map<size_t, std::vector<Evidence>> groups;
  for (size_t i = 0; i < ev.size(); ++i) groups[uf.Find(i)].push_back(std::move(ev[i]));
  for (auto &g : groups) {
    Finding f = Build(std::move(g.second));
    if (f.kind == "latent-lock-order" && !o.include_latent) continue;
    if (firstMatchingSuppression(o.suppressions, SubjectOf(f)) >= 0) {
      ++rep.suppressed;
      continue;
    }
    bool known = false;
    for (const auto &fp : f.fingerprints) known |= o.baseline.count(fp) > 0;
    if (known) {
      ++rep.baselined;
      continue;
    }
    rep.findings.push_back(std::move(f));
  }
  std::sort(rep.findings.begin(), rep.findings.end(), [](const Finding &a, const Finding &b) {
    if (KindRank(a.kind) != KindRank(b.kind)) return KindRank(a.kind) < KindRank(b.kind);
    if (a.confirmed() != b.confirmed()) return a.confirmed();
    if (a.site.file != b.site.file) return a.site.file < b.site.file;
    if (a.site.line != b.site.line) return a.site.line < b.site.line;
    if (a.title != b.title) return a.title < b.title;
    return a.fingerprint < b.fingerprint;
  });
  for (size_t i = 0; i < rep.findings.size(); ++i) rep.findings[i].id = "F" + std::to_string(i + 1);
  LinkDeadlocksToCycles(rep.findings);
  return rep;
}

}  // namespace lockgraph
