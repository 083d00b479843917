#include "inputs.h"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>

#include "../json_value.h"

namespace lockgraph {
namespace {

std::vector<std::string> Lines(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

bool Blank(const std::string &s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::vector<std::string> Strings(const JsonValue &v) {
  std::vector<std::string> out;
  for (const JsonValue &x : v.array)
    if (x.is_string()) out.push_back(x.str());
  return out;
}

// A number of an input as an integer; 0 when it is not one an integer can hold (1e999, NaN).
long Long(const JsonValue &v) {
  return v.kind == JsonValue::kNumber && v.number > -1e15 && v.number < 1e15 ? static_cast<long>(v.number) : 0;
}
int Int(const JsonValue &v) {
  long n = Long(v);
  return n > -2147483647L && n < 2147483647L ? static_cast<int>(n) : 0;
}

// ---- the runtime hook's JSON lines --------------------------------------------------------------

// A stack as JSON: the hook's records and lockgraph report's own JSON write frames alike.
std::vector<Frame> JsonFrames(const JsonValue &v) {
  std::vector<Frame> out;
  for (const JsonValue &f : v.array) {
    Frame x;
    x.function = f["function"].str();
    x.file = f["file"].str();
    x.module = f["module"].str();
    x.line = Int(f["line"]);
    x.column = Int(f["column"]);
    out.push_back(x);
  }
  return out;
}

Evidence FromHook(const JsonValue &r, const std::string &name) {
  Evidence e;
  e.source = Source::kHook;
  e.input = name;
  e.kind = r["kind"].str();
  e.severity = r["class"].str() == "latent" ? "note" : "error";
  e.message = r["message"].str();
  e.fingerprint = r["fingerprint"].str();
  if (e.fingerprint.empty()) e.fingerprint = Hex16(Fnv1a(e.kind + "|" + e.message));  // older hooks
  e.locks = Strings(r["locks"]);
  e.cycle = Strings(r["cycle"]);
  if (r["pid"].kind == JsonValue::kNumber) e.pids.insert(Long(r["pid"]));
  for (const JsonValue &p : r["pids"].array)
    if (p.kind == JsonValue::kNumber) e.pids.insert(Long(p));
  if (r["count"].kind == JsonValue::kNumber && r["count"].number >= 1) e.count = Int(r["count"]);
  for (const JsonValue &je : r["edges"].array) {
    Edge ed;
    ed.from = je["from"].str();
    ed.to = je["to"].str();
    ed.thread = je["thread"].str();
    ed.stack = {ed.to + " acquired at", JsonFrames(je["stack"])};
    ed.held_stack = {ed.from + " acquired earlier at", JsonFrames(je["held_stack"])};
    ed.acquired = FirstUserSite(ed.stack.frames);
    ed.held = FirstUserSite(ed.held_stack.frames);
    e.edges.push_back(ed);
  }
  if (r["stack"].is_array()) {
    std::string title = e.kind == "exit-holding" ? "thread ends at" : "at";
    if (!r["thread"].str().empty()) title = r["thread"].str() + ": " + title;
    e.stacks.push_back({title, JsonFrames(r["stack"])});
  }
  for (const JsonValue &h : r["held"].array) e.stacks.push_back({"a lock held, acquired at", JsonFrames(h)});
  e.confirms = r["confirms"].str();
  for (const JsonValue &t : r["threads"].array) {
    if (!t["stack"].is_array()) continue;
    std::string what = t["waits_for"].str();
    if (t["wait"].str() == "join" && !t["blocked_on"].array.empty()) what = "to join " + t["blocked_on"].array[0].str();
    Stack waiting{t["thread"].str() + " waits " + (t["wait"].str() == "join" ? what : "for " + what) + " at",
                  JsonFrames(t["stack"])};
    e.stacks.push_back(waiting);
    const std::vector<JsonValue> &held = t["held"].array, &names = t["held_locks"].array;  // older hooks: no names
    for (size_t i = 0; i < held.size(); ++i) {
      std::string name = i < names.size() ? names[i].str() : "";
      Stack h{t["thread"].str() + " holds " + (name.empty() ? "a lock" : name) + ", acquired at", JsonFrames(held[i])};
      e.stacks.push_back(h);
      if (name.empty() || t["wait"].str() != "lock") continue;
      Edge w;  // this thread holds `name` and waits for the lock waits_for
      w.from = name;
      w.to = t["waits_for"].str();
      w.thread = t["thread"].str();
      w.stack = waiting;
      w.held_stack = h;
      w.acquired = FirstUserSite(w.stack.frames);
      w.held = FirstUserSite(w.held_stack.frames);
      e.waits.push_back(w);
    }
  }
  if (!e.edges.empty()) e.site = e.edges[0].acquired;
  for (const Stack &s : e.stacks)
    if (!e.site.known()) e.site = FirstUserSite(s.frames);
  if (!e.site.known())  // records without stacks still name their sites
    for (const JsonValue &s : r["sites"].array) {
      Site x{s["file"].str(), Int(s["line"]), 0, s["function"].str()};
      if (UserFile(x.file) && x.line > 0) {
        e.site = x;
        break;
      }
    }
  e.function = e.site.function;
  if (r["truncated"].kind == JsonValue::kBool && r["truncated"].boolean)
    e.notes.push_back({Site{}, "the hook cut this record short (too large for JSON); its text log has the stacks"});
  return e;
}

// ---- the analyzer ---------------------------------------------------------------------------------

// The analyzer's notes walk each edge of a cycle: the first note of an edge ends with
// "(edge A => B, in f())"; the note "'A' acquired here" is where A was taken, and the edge's last
// note is where B was taken while A was held.
void EdgesFromNotes(Evidence &e) {
  const std::string marker = " (edge ";
  std::vector<size_t> starts;
  for (size_t i = 0; i < e.notes.size(); ++i)
    if (e.notes[i].message.find(marker) != std::string::npos) starts.push_back(i);
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t b = starts[k], end = k + 1 < starts.size() ? starts[k + 1] : e.notes.size();
    const std::string &m = e.notes[b].message;
    size_t p = m.find(marker) + marker.size();
    size_t arrow = m.find(" => ", p);
    if (arrow == std::string::npos) continue;
    size_t stop = m.find_first_of(",)", arrow + 4);
    Edge ed;
    ed.from = m.substr(p, arrow - p);
    ed.to = m.substr(arrow + 4, stop == std::string::npos ? std::string::npos : stop - arrow - 4);
    ed.path.assign(e.notes.begin() + static_cast<long>(b), e.notes.begin() + static_cast<long>(end));
    ed.held = ed.path.front().site;
    for (const Note &n : ed.path)
      if (n.message.rfind("'" + ed.from + "' acquired here", 0) == 0) {
        ed.held = n.site;
        break;
      }
    ed.acquired = ed.path.back().site;
    e.edges.push_back(ed);
  }
}

void FinishAnalyzer(Evidence &e) {
  if (IsCycleKind(e.kind)) {
    EdgesFromNotes(e);
    if (e.edges.empty())  // no notes to read: the names alone
      for (size_t i = 0; i < e.cycle.size(); ++i) {
        Edge ed;
        ed.from = e.cycle[i];
        ed.to = e.cycle[(i + 1) % e.cycle.size()];
        e.edges.push_back(ed);
      }
  }
  if (e.kind == "unlocked-rmw") {
    e.accesses.push_back(e.site);
    for (const Note &n : e.notes)
      if (n.message.find("is also accessed here") != std::string::npos) e.accesses.push_back(n.site);
  }
}

Evidence FromAnalyzerJson(const JsonValue &r, const std::string &name) {
  Evidence e;
  e.source = Source::kAnalyzer;
  e.input = name;
  e.kind = r["kind"].str();
  e.severity = r["class"].str() == "latent" ? "note" : "warning";
  e.message = r["message"].str();
  e.fingerprint = r["fingerprint"].str();
  e.function = r["function"].str();
  e.site = {r["file"].str(), Int(r["line"]), Int(r["column"]), e.function};
  e.locks = Strings(r["locks"]);
  e.cycle = Strings(r["cycle"]);
  for (const JsonValue &n : r["notes"].array)
    e.notes.push_back({{n["file"].str(), Int(n["line"]), Int(n["column"]), ""}, n["message"].str()});
  FinishAnalyzer(e);
  return e;
}

// ---- SARIF (the analyzer's, or lockgraph run --sarif) ----------------------------------------------

std::string PercentDecode(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string UriPath(const JsonValue &artifact, const JsonValue &bases) {
  std::string uri = artifact["uri"].str();
  const std::string &base = artifact["uriBaseId"].str();
  if (!base.empty()) {
    std::string root = bases[base]["uri"].str();
    if (!root.empty() && root.back() != '/') root += '/';
    uri = root + uri;
  }
  if (uri.rfind("file://", 0) == 0) uri = uri.substr(7);
  return PercentDecode(uri);
}

Site SarifSite(const JsonValue &loc, const JsonValue &bases) {
  const JsonValue &pl = loc["physicalLocation"];
  return {UriPath(pl["artifactLocation"], bases), Int(pl["region"]["startLine"]), Int(pl["region"]["startColumn"]), ""};
}

// "... : A => B => A; ..." -> {A, B}
std::vector<std::string> CycleFromMessage(const std::string &m) {
  std::vector<std::string> out;
  size_t arrow = m.find(" => ");
  if (arrow == std::string::npos) return out;
  size_t start = m.rfind(' ', arrow - 1);
  start = start == std::string::npos ? 0 : start + 1;
  size_t end = m.find_first_of(";(", arrow);
  std::string text = m.substr(start, end == std::string::npos ? std::string::npos : end - start);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  for (size_t p = 0;;) {
    size_t q = text.find(" => ", p);
    out.push_back(text.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (q == std::string::npos) break;
    p = q + 4;
  }
  if (out.size() > 1 && out.back() == out.front()) out.pop_back();
  return out;
}

// The first 'quoted' name of a message.
std::string QuotedName(const std::string &m) {
  size_t a = m.find('\'');
  if (a == std::string::npos) return "";
  size_t b = m.find('\'', a + 1);
  return b == std::string::npos ? "" : m.substr(a + 1, b - a - 1);
}

bool ReadSarif(const std::string &name, const JsonValue &doc, std::vector<Evidence> &out, InputSummary &sum,
               std::ostream &err) {
  bool ok = true;
  for (const JsonValue &run : doc["runs"].array) {
    const std::string &tool = run["tool"]["driver"]["name"].str();
    Source src;
    if (tool == "lockgraph-analyze") {
      src = Source::kAnalyzer;
      sum.format = "analyzer-sarif";
    } else if (tool == "lockgraph-hook") {
      src = Source::kHook;
      sum.format = "hook-sarif";
    } else {
      err << name << ": skipped a SARIF run of '" << tool
          << "': only lockgraph-analyze's and lockgraph run's SARIF are read\n";
      ok = false;
      continue;
    }
    const JsonValue &bases = run["originalUriBaseIds"];
    for (const JsonValue &r : run["results"].array) {
      Evidence e;
      e.source = src;
      e.input = name;
      e.kind = r["ruleId"].str();
      if (!KindDescription(e.kind)) {
        err << name << ": skipped a SARIF result with rule '" << e.kind << "' (not a lockgraph finding id)\n";
        ok = false;
        continue;
      }
      const std::string &level = r["level"].str();
      e.severity = level == "note" ? "note" : src == Source::kHook ? "error" : "warning";
      e.message = r["message"]["text"].str();
      const JsonValue &fps = r["partialFingerprints"];
      e.fingerprint = fps[src == Source::kHook ? "lockgraphRuntimeFingerprint/v1" : "lockgraphFingerprint/v1"].str();
      if (!r["locations"].array.empty()) e.site = SarifSite(r["locations"].array[0], bases);
      for (const JsonValue &rl : r["relatedLocations"].array)
        e.notes.push_back({SarifSite(rl, bases), rl["message"]["text"].str()});
      e.cycle = CycleFromMessage(e.message);
      if (!IsCycleKind(e.kind)) e.cycle.clear();
      e.locks = e.cycle;
      if (e.locks.empty()) {
        std::string q = QuotedName(e.message);
        if (src == Source::kHook) {  // "kind: NAME (seen ...)"
          size_t colon = e.message.find(": ");
          size_t paren = e.message.rfind(" (seen ");
          if (colon != std::string::npos) q = e.message.substr(colon + 2, paren == std::string::npos ? std::string::npos : paren - colon - 2);
        }
        if (!q.empty()) e.locks.push_back(q);
      }
      if (src == Source::kAnalyzer) {
        for (const Note &n : e.notes)  // "(edge A => B, in f())" names the function of the warning's edge
          if (n.message.find(" (edge ") != std::string::npos) {
            size_t in = n.message.find(", in ");
            if (in != std::string::npos && e.function.empty())
              e.function = n.message.substr(in + 5, n.message.find("()", in) - in - 5);
            break;
          }
        FinishAnalyzer(e);
      } else if (IsCycleKind(e.kind)) {
        for (size_t i = 0; i < e.cycle.size(); ++i) {
          Edge ed;
          ed.from = e.cycle[i];
          ed.to = e.cycle[(i + 1) % e.cycle.size()];
          e.edges.push_back(ed);
        }
      }
      if (e.fingerprint.empty()) e.fingerprint = Hex16(Fnv1a(e.kind + "|" + e.message));
      e.site.function = e.function;
      out.push_back(std::move(e));
      ++sum.reports;
    }
  }
  return ok;
}

// ---- ThreadSanitizer ------------------------------------------------------------------------------

// "#1 deposit /src/bank.c:46:3 (bank+0xe46aa) (BuildId: ...)" after the "#N ".
Frame TSanFrame(std::string s) {
  Frame f;
  size_t b = s.rfind(" (BuildId: ");
  if (b != std::string::npos) s.resize(b);
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind(" (");
    if (open != std::string::npos) {
      std::string mod = s.substr(open + 2, s.size() - open - 3);
      f.module = mod.substr(0, mod.rfind('+'));
      s.resize(open);
    }
  }
  size_t sp = s.rfind(' ');
  std::string loc = sp == std::string::npos ? s : s.substr(sp + 1);
  f.function = sp == std::string::npos ? "" : s.substr(0, sp);
  if (f.function == "<null>") f.function.clear();
  if (loc == "<null>" || loc.rfind("0x", 0) == 0) return f;
  // path:line[:column]
  auto digits = [](const std::string &x) { return !x.empty() && x.find_first_not_of("0123456789") == std::string::npos; };
  size_t c2 = loc.rfind(':');
  if (c2 != std::string::npos && digits(loc.substr(c2 + 1))) {
    size_t c1 = loc.rfind(':', c2 - 1);
    if (c1 != std::string::npos && digits(loc.substr(c1 + 1, c2 - c1 - 1))) {
      f.file = loc.substr(0, c1);
      f.line = std::atoi(loc.substr(c1 + 1, c2 - c1 - 1).c_str());
      f.column = std::atoi(loc.substr(c2 + 1).c_str());
    } else {
      f.file = loc.substr(0, c2);
      f.line = std::atoi(loc.substr(c2 + 1).c_str());
    }
  }
  return f;
}

struct TSanSection {
  std::string title;  // the header line, trimmed, without the ':'
  std::vector<Frame> frames;
};

std::string Trim(const std::string &s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

// Mutex names in "Cycle in lock order graph: M0 (0x...) => M1 (0x...) => M0".
std::vector<std::string> TSanCycle(const std::string &line) {
  std::vector<std::string> out;
  std::string rest = line.substr(line.find(':') + 1);
  std::istringstream in(rest);
  std::string tok;
  while (in >> tok)
    if (tok.size() > 1 && tok[0] == 'M' && tok.find_first_not_of("0123456789", 1) == std::string::npos) out.push_back(tok);
  if (out.size() > 1 && out.back() == out.front()) out.pop_back();
  return out;
}

// "Mutex M1 acquired here while holding mutex M0 in thread T1" -> M1, M0, "thread T1"
bool TSanEdgeTitle(const std::string &t, std::string &to, std::string &from, std::string &thread) {
  std::istringstream in(t);
  std::string w1, w2, w3, w4, w5, w6, w7;
  if (!(in >> w1 >> to >> w2 >> w3 >> w4 >> w5 >> w6 >> from) || w1 != "Mutex" || w2 != "acquired" ||
      w4 != "while" || w5 != "holding")
    return false;
  (void)w7;
  size_t in_pos = t.find(" in ");
  thread = in_pos == std::string::npos ? "" : t.substr(in_pos + 4);
  return true;
}

const char *TSanKind(const std::string &what) {
  if (what.rfind("lock-order-inversion", 0) == 0) return "lock-order-inversion";
  if (what.rfind("data race", 0) == 0) return "data-race";
  if (what.rfind("double lock of a mutex", 0) == 0) return "self-deadlock";
  if (what.rfind("unlock of an unlocked mutex", 0) == 0) return "unlock-unheld";
  if (what.rfind("destroy of a locked mutex", 0) == 0) return "destroy-locked";
  return nullptr;
}

void TSanReport(const std::string &name, const std::string &what, long pid, const std::vector<std::string> &body,
                std::vector<Evidence> &out) {
  Evidence e;
  e.source = Source::kTSan;
  e.input = name;
  e.kind = TSanKind(what);
  e.severity = "error";
  e.message = "ThreadSanitizer: " + what;
  e.names_from_source = false;
  if (pid > 0) e.pids.insert(pid);
  std::vector<TSanSection> sections(1);  // [0]: frames before any header (double lock & co.)
  std::string variable;
  std::vector<std::string> cycle;
  for (const std::string &raw : body) {
    std::string t = Trim(raw);
    if (t.empty()) continue;
    if (t[0] == '#') {
      size_t sp = t.find(' ');
      if (sp != std::string::npos) sections.back().frames.push_back(TSanFrame(t.substr(sp + 1)));
    } else if (t.rfind("Cycle in lock order graph:", 0) == 0) {
      cycle = TSanCycle(t);
    } else if (t.rfind("Location is global '", 0) == 0) {
      size_t a = t.find('\'') + 1;
      variable = t.substr(a, t.find('\'', a) - a);
      e.names_from_source = true;
    } else if (t.back() == ':') {
      sections.push_back({t.substr(0, t.size() - 1), {}});
    }
  }
  std::vector<std::string> functions;
  if (e.kind == "lock-order-inversion") {
    e.cycle = cycle;
    e.locks = cycle;
    for (size_t i = 0; i < cycle.size(); ++i) {
      Edge ed;
      ed.from = cycle[i];
      ed.to = cycle[(i + 1) % cycle.size()];
      for (size_t k = 0; k < sections.size(); ++k) {
        std::string to, from, thread;
        if (!TSanEdgeTitle(sections[k].title, to, from, thread) || to != ed.to || from != ed.from) continue;
        ed.thread = thread;
        ed.stack = {ed.to + " acquired at", sections[k].frames};
        ed.acquired = FirstUserSite(ed.stack.frames);
        if (k + 1 < sections.size() && sections[k + 1].title.find("previously acquired by the same thread") != std::string::npos) {
          ed.held_stack = {ed.from + " acquired earlier at", sections[k + 1].frames};
          ed.held = FirstUserSite(ed.held_stack.frames);
        }
        break;
      }
      functions.push_back(ed.acquired.function);
      e.edges.push_back(ed);
    }
    if (!e.edges.empty()) e.site = e.edges[0].acquired;
    e.message += ": " + CycleText(cycle);
  } else {
    for (const TSanSection &s : sections) {
      if (s.frames.empty() || s.title.find("created at") != std::string::npos ||
          s.title.find("created by") != std::string::npos)
        continue;
      Stack st{s.title.empty() ? "at" : s.title, s.frames};
      Site at = FirstUserSite(s.frames);
      if (e.kind == "data-race" && at.known()) {
        e.accesses.push_back(at);
        functions.push_back(at.function);
      }
      if (!e.site.known()) e.site = at;
      e.stacks.push_back(st);
    }
    if (!variable.empty()) e.locks.push_back(variable);
    if (e.kind == "data-race")
      e.message += variable.empty() ? "" : " on '" + variable + "'";
    if (e.kind != "data-race") functions.push_back(e.site.function);
  }
  e.function = e.site.function;
  std::sort(functions.begin(), functions.end());
  std::string fp = "tsan|" + e.kind + "|" + variable;
  for (const auto &f : functions) fp += "|" + f;
  e.fingerprint = Hex16(Fnv1a(fp));
  out.push_back(std::move(e));
}

// ---- lockgraph report's own JSON (docs/report.schema.json): its evidence, read back ------------

Site JsonSite(const JsonValue &v) {
  if (!v.is_object()) return {};
  return {v["file"].str(), Int(v["line"]), Int(v["column"]), v["function"].str()};
}

std::vector<Note> JsonNotes(const JsonValue &v) {
  std::vector<Note> out;
  for (const JsonValue &n : v.array) out.push_back({JsonSite(n["location"]), n["message"].str()});
  return out;
}

bool ReadReportJson(const std::string &name, const JsonValue &doc, std::vector<Evidence> &out, InputSummary &sum,
                    std::ostream &err) {
  sum.format = "lockgraph-report";
  if (doc["version"].number != 1) {
    err << name << ": a lockgraph report of version " << doc["version"].number << ": this lockgraph reads version 1\n";
    return false;
  }
  for (const JsonValue &f : doc["findings"].array)
    for (const JsonValue &x : f["evidence"].array) {
      Evidence e;
      const std::string &src = x["source"].str();
      e.source = src == "analyzer" ? Source::kAnalyzer : src == "tsan" ? Source::kTSan : Source::kHook;
      e.input = x["input"].str();
      e.kind = x["kind"].str();
      e.severity = x["severity"].str();
      e.message = x["message"].str();
      e.fingerprint = x["fingerprint"].str();
      e.site = JsonSite(x["location"]);
      e.function = x["function"].str();
      e.locks = Strings(x["locks"]);
      if (IsCycleKind(e.kind)) e.cycle = Strings(f["cycle"]);
      e.count = x["count"].number >= 1 ? Int(x["count"]) : 1;
      for (const JsonValue &p : x["pids"].array) e.pids.insert(Long(p));
      for (const JsonValue &je : x["edges"].array) {
        Edge ed;
        ed.from = je["from"].str();
        ed.to = je["to"].str();
        ed.thread = je["thread"].str();
        ed.acquired = JsonSite(je["acquired"]);
        ed.held = JsonSite(je["held"]);
        ed.stack = {ed.to + " acquired at", JsonFrames(je["stack"])};
        ed.held_stack = {ed.from + " acquired earlier at", JsonFrames(je["held_stack"])};
        ed.path = JsonNotes(je["path"]);
        e.edges.push_back(ed);
      }
      for (const JsonValue &st : x["stacks"].array) e.stacks.push_back({st["title"].str(), JsonFrames(st["frames"])});
      e.notes = JsonNotes(x["notes"]);
      for (const JsonValue &a : x["accesses"].array) e.accesses.push_back(JsonSite(a));
      if (!KindDescription(e.kind) || e.fingerprint.empty()) {
        err << name << ": skipped evidence that is not a lockgraph finding\n";
        continue;
      }
      out.push_back(std::move(e));
      ++sum.reports;
    }
  return true;
}

}  // namespace

bool ReadTSan(const std::string &name, const std::string &text, std::vector<Evidence> &out, int *reports,
              std::ostream &err) {
  const std::string tag = "WARNING: ThreadSanitizer: ";
  std::vector<std::string> lines = Lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    size_t at = lines[i].find(tag);
    if (at == std::string::npos) continue;
    std::string what = lines[i].substr(at + tag.size());
    long pid = 0;
    size_t p = what.rfind(" (pid=");
    if (p != std::string::npos) {
      pid = std::atol(what.c_str() + p + 6);
      what.resize(p);
    }
    std::vector<std::string> body;
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      if (lines[j].find("SUMMARY: ThreadSanitizer:") != std::string::npos || lines[j].find(tag) != std::string::npos ||
          lines[j].rfind("==================", 0) == 0)
        break;
      body.push_back(lines[j]);
    }
    i = j;
    if (!TSanKind(what)) {
      err << name << ": note: a ThreadSanitizer report of kind '" << what
          << "' has no lockgraph finding id and is not merged\n";
      continue;
    }
    TSanReport(name, what, pid, body, out);
    ++*reports;
  }
  return true;
}

bool ReadInput(const std::string &name, const std::string &text, std::vector<Evidence> &out, InputSummary &sum,
               std::ostream &err) {
  sum.path = name;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    sum.format = "empty";
    return true;
  }
  if (text.find("WARNING: ThreadSanitizer: ") != std::string::npos && text[first] != '{') {
    sum.format = "tsan";
    return ReadTSan(name, text, out, &sum.reports, err);
  }
  if (text[first] != '{') {
    err << name << ": not a lockgraph log: neither JSON (the hook's or the analyzer's), SARIF, nor a "
                   "ThreadSanitizer report\n";
    return false;
  }
  // One JSON document (SARIF, usually over many lines), or JSON lines.
  JsonValue doc;
  std::string why;
  if (ParseJson(text, doc, why) && doc.is_object() && doc["runs"].is_array()) return ReadSarif(name, doc, out, sum, err);
  if (doc.is_object() && doc["format"].str() == "lockgraph-report") return ReadReportJson(name, doc, out, sum, err);
  bool ok = true;
  std::vector<std::string> lines = Lines(text);
  bool hook = false, analyzer = false;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (Blank(lines[n])) continue;
    JsonValue r;
    if (!ParseJson(lines[n], r, why)) {
      err << name << ":" << n + 1 << ": skipped a record that is not valid JSON (" << why << ")\n";
      ok = false;
      continue;
    }
    const std::string &tool = r["tool"].str();
    if (!r.is_object() || (tool != "lockgraph-hook" && tool != "lockgraph-analyze") || !KindDescription(r["kind"].str())) {
      err << name << ":" << n + 1 << ": skipped a record that is not a lockgraph-hook or lockgraph-analyze finding\n";
      ok = false;
      continue;
    }
    if (tool == "lockgraph-hook") {
      out.push_back(FromHook(r, name));
      hook = true;
    } else {
      out.push_back(FromAnalyzerJson(r, name));
      analyzer = true;
    }
    ++sum.reports;
  }
  sum.format = hook && analyzer ? "hook-jsonl+analyzer-json" : analyzer ? "analyzer-json" : "hook-jsonl";
  return ok;
}

}  // namespace lockgraph
