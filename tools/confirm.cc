#include "confirm.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "json_value.h"

namespace lockgraph {
namespace {

constexpr int kExitFindings = 66;
constexpr int kExitDeadlock = 67;
constexpr int kExitInternal = 125;
constexpr size_t kMaxEdges = 8;       // the hook steers cycles of at most 8 locks
constexpr size_t kMaxSiteFrames = 8;  // the hook keeps 8 frames of where a held lock was taken
constexpr size_t kFramesWithoutSource = 4;

struct Frame {
  std::string module;
  unsigned long long offset;  // of the return address
};

// One edge of the inversion: where its second lock is taken, where its first one was.
struct EdgeSites {
  std::vector<Frame> acquire, held;
};

struct Inversion {
  size_t record;  // index in the records
  std::string fingerprint, kind, cycle;
  std::vector<std::string> locks;  // edge i's first lock, without "#N"
  std::vector<EdgeSites> edges;
  std::string why_not;  // set when it cannot be steered
};

// A program's frame (not the C library's or a system header's): what the user calls a site.
bool UserFrame(const JsonValue &f) {
  const std::string &file = f["file"].str();
  return !file.empty() && file[0] == '/' && file.compare(0, 5, "/usr/") != 0;
}

// The frames that identify where a stack's lock was taken: return addresses (inlined frames
// share one) from the innermost up to the first in the program's own code, so that a lock taken
// through std::lock_guard is told apart by the line that made the guard. Without source
// information, the first few frames.
bool SiteOf(const JsonValue &stack, std::vector<Frame> *out, std::string *why) {
  std::vector<const JsonValue *> frames;
  for (const JsonValue &f : stack.array)
    if (frames.empty() || f["pc"].str() != (*frames.back())["pc"].str()) frames.push_back(&f);
  size_t n = frames.size() < kFramesWithoutSource ? frames.size() : kFramesWithoutSource;
  for (size_t i = 0; i < frames.size() && i < kMaxSiteFrames; ++i) {
    bool user = UserFrame(*frames[i]);
    for (const JsonValue &f : stack.array)  // any frame inlined at this address
      user |= f["pc"].str() == (*frames[i])["pc"].str() && UserFrame(f);
    if (user) {
      n = i + 1;
      break;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const JsonValue &f = *frames[i];
    const std::string &module = f["module"].str(), &off = f["offset"].str();
    if (module.empty() || off.empty()) {
      *why = "a frame of its stacks has no module";
      return false;
    }
    out->push_back(Frame{module, std::strtoull(off.c_str(), nullptr, 16) + 1});
  }
  if (out->empty()) {
    *why = "an edge has no stack";
    return false;
  }
  return true;
}

// A cycle as the hook's summary gives it ("A => B => A"), without the "#N" that tells apart
// locks made at one site in one run.
std::string CycleText(const std::string &summary) {
  std::string out;
  for (size_t i = 0; i < summary.size(); ++i) {
    if (summary[i] == '#' && i + 1 < summary.size() && std::isdigit(static_cast<unsigned char>(summary[i + 1]))) {
      size_t j = i + 1;
      while (j < summary.size() && std::isdigit(static_cast<unsigned char>(summary[j]))) ++j;
      if (j == summary.size() || summary[j] == ' ') {
        i = j - 1;
        continue;
      }
    }
    out += summary[i];
  }
  return out;
}

Inversion ReadInversion(const JsonValue &r, size_t index) {
  Inversion inv;
  inv.record = index;
  inv.fingerprint = r["fingerprint"].str();
  inv.kind = r["kind"].str();
  inv.cycle = CycleText(r["message"].str());
  for (const JsonValue &name : r["cycle"].array) inv.locks.push_back(CycleText(name.str()));
  const JsonValue &edges = r["edges"];
  if (edges.array.size() > kMaxEdges) {
    inv.why_not = "a cycle of " + std::to_string(edges.array.size()) + " locks (confirm steers at most " +
                  std::to_string(kMaxEdges) + ")";
    return inv;
  }
  if (edges.array.size() < 2 || inv.locks.size() != edges.array.size()) {
    inv.why_not = "the record has no edges";
    return inv;
  }
  for (const JsonValue &e : edges.array) {
    EdgeSites s;
    if (!SiteOf(e["stack"], &s.acquire, &inv.why_not) || !SiteOf(e["held_stack"], &s.held, &inv.why_not)) {
      inv.edges.clear();
      return inv;
    }
    inv.edges.push_back(s);
  }
  return inv;
}

// The plan file the hook reads (runtime-hook/confirm.cc, ParsePlan).
bool WritePlan(const std::string &path, const Inversion &inv) {
  std::ofstream out(path, std::ios::trunc);
  out << "lockgraph-confirm-plan 1\nfingerprint " << inv.fingerprint << "\ncycle " << inv.cycle
      << "\nedges " << inv.edges.size() << "\n";
  for (size_t e = 0; e < inv.edges.size(); ++e) {
    out << "lock " << e << " " << inv.locks[e] << "\n";
    for (const Frame &f : inv.edges[e].acquire)
      out << "site " << e << " acquire 0x" << std::hex << f.offset << std::dec << " " << f.module << "\n";
    for (const Frame &f : inv.edges[e].held)
      out << "site " << e << " held 0x" << std::hex << f.offset << std::dec << " " << f.module << "\n";
  }
  out.close();
  return !out.fail();
}

std::vector<std::string> FilesIn(const std::string &dir) {
  std::vector<std::string> names;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d))
      if (e->d_name[0] != '.') names.push_back(e->d_name);
    closedir(d);
  }
  return names;
}

std::string ReadFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void RemoveDir(const std::string &dir) {
  for (const std::string &name : FilesIn(dir)) unlink((dir + "/" + name).c_str());
  rmdir(dir.c_str());
}

// The hook's counters of a steered run, summed over its processes (plan.<pid>.out).
struct Steering {
  unsigned long arrivals = 0, pauses = 0, futile = 0, completed = 0;
};

void AddSteering(const std::string &text, Steering *s) {
  std::istringstream in(text);
  std::string key;
  unsigned long v;
  while (in >> key >> v) {
    if (key == "arrivals") s->arrivals += v;
    if (key == "pauses") s->pauses += v;
    if (key == "futile") s->futile += v;
    if (key == "completed") s->completed += v;
  }
}

// The actual-deadlock reports of a text log (blocks between the hook's "=====" lines).
std::string DeadlockReports(const std::string &log) {
  std::string out;
  const std::string rule = "==================\n", head = "WARNING: lockgraph: actual-deadlock (";
  size_t pos = 0;
  while ((pos = log.find(rule, pos)) != std::string::npos) {
    size_t body = pos + rule.size();
    size_t end = log.find(rule, body);
    if (end == std::string::npos) break;
    if (log.compare(body, head.size(), head) == 0)
      out += log.substr(pos, end + rule.size() - pos);
    pos = end + rule.size();
  }
  return out;
}

std::string Annotated(const std::string &record, const std::string &status, int runs, int max_runs,
                      const std::string &why) {
  size_t close = record.find_last_of('}');
  if (close == std::string::npos) return record;
  std::string c = ",\"confirm\":{\"status\":\"" + status + "\",\"runs\":" + std::to_string(runs) +
                  ",\"max_runs\":" + std::to_string(max_runs);
  if (!why.empty()) c += ",\"reason\":" + JsonQuote(why);
  return record.substr(0, close) + c + "}" + record.substr(close);
}

bool ReadLog(const std::string &path, std::vector<std::string> *lines, std::ostream &err) {
  std::ifstream in(path);
  if (!in) {
    err << "lockgraph: cannot read --confirm-from file '" << path << "'\n";
    return false;
  }
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    JsonValue v;
    std::string why;
    if (!ParseJson(line, v, why)) {
      err << path << ":" << n << ": skipped a record that is not valid JSON (" << why << ")\n";
      continue;
    }
    lines->push_back(line);
  }
  return true;
}

}  // namespace

bool ValidConfirmTarget(const std::string &s) {
  if (s == "all") return true;
  if (s.size() != 16) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int Confirm(const ConfirmRequest &rq, const Launcher &launch, std::vector<std::string> *records,
            std::ostream &err) {
  // The inversions: from an earlier run's JSON, or from a first ordinary run.
  int code = 0;
  std::string source;
  if (!rq.from.empty()) {
    if (!ReadLog(rq.from, records, err)) return kExitInternal;
    source = "'" + rq.from + "'";
  } else {
    LaunchResult first;
    if (!launch("", &first)) return kExitInternal;
    code = first.code;
    *records = first.records;
    source = "the first run";
  }
  std::vector<Inversion> todo;
  std::set<std::string> seen;
  bool findings = false;
  for (size_t i = 0; i < records->size(); ++i) {
    JsonValue r;
    std::string why;
    if (!ParseJson((*records)[i], r, why)) continue;
    const std::string &kind = r["kind"].str(), &fp = r["fingerprint"].str();
    findings = true;
    // "all" is every lock-order-inversion; a fingerprint may also name a latent one (it will not
    // deadlock, and confirm says so).
    bool wanted = rq.target == "all" ? kind == "lock-order-inversion"
                                     : fp == rq.target && (kind == "lock-order-inversion" || kind == "latent-lock-order");
    if (wanted && seen.insert(fp).second) todo.push_back(ReadInversion(r, i));
  }
  if (todo.empty()) {
    if (rq.target != "all") {
      err << "lockgraph: --confirm " << rq.target << ": " << source
          << " has no lock-order-inversion with this fingerprint; nothing to confirm\n";
      return kExitInternal;
    }
    err << "lockgraph: confirm: " << source << " reported no lock-order-inversion; nothing to confirm\n";
    if (!rq.from.empty()) return findings ? kExitFindings : 0;
    return code;
  }

  bool any_confirmed = false;
  std::vector<std::string> extra;  // the deadlock records of confirming runs
  for (Inversion &inv : todo) {
    std::string head = "lockgraph: confirm " + inv.cycle + " (fingerprint " + inv.fingerprint + ")";
    if (!inv.why_not.empty()) {
      err << head << ": not attempted: " << inv.why_not << "\n";
      (*records)[inv.record] = Annotated((*records)[inv.record], "not-attempted", 0, rq.runs, inv.why_not);
      continue;
    }
    Steering total;
    int run = 0;
    bool confirmed = false;
    for (run = 1; run <= rq.runs && !confirmed; ++run) {
      char tmpl[] = "/tmp/lockgraph-confirm.XXXXXX";
      if (!mkdtemp(tmpl)) {
        err << "lockgraph: confirm: cannot make a temporary folder\n";
        return kExitInternal;
      }
      std::string dir = tmpl;
      if (!WritePlan(dir + "/plan", inv)) {
        err << "lockgraph: confirm: cannot write " << dir << "/plan\n";
        RemoveDir(dir);
        return kExitInternal;
      }
      err << head << ": steered run " << run << " of " << rq.runs << "\n";
      LaunchResult res;
      bool started = launch("confirm=" + dir + "/plan:log_path=" + dir + "/text", &res);
      Steering s;
      std::string log;
      for (const std::string &name : FilesIn(dir)) {
        if (name.compare(0, 5, "plan.") == 0) AddSteering(ReadFile(dir + "/" + name), &s);
        if (name.compare(0, 5, "text.") == 0) log += ReadFile(dir + "/" + name);
      }
      RemoveDir(dir);
      if (!started) return kExitInternal;
      total.arrivals += s.arrivals;
      total.pauses += s.pauses;
      total.futile += s.futile;
      total.completed += s.completed;
      for (const std::string &line : res.records) {
        JsonValue r;
        std::string why;
        if (!ParseJson(line, r, why) || r["kind"].str() != "actual-deadlock" || r["confirms"].str() != inv.fingerprint)
          continue;
        confirmed = true;
        extra.push_back(line);
      }
      if (confirmed) {
        err << DeadlockReports(log);
        err << head << ": CONFIRMED in run " << run << " of " << rq.runs
            << ": threads steered to its sites deadlocked there (exit status " << res.code << ")\n";
      }
    }
    --run;
    if (confirmed) {
      any_confirmed = true;
      (*records)[inv.record] = Annotated((*records)[inv.record], "confirmed", run, rq.runs, "");
      continue;
    }
    std::string why;
    if (total.arrivals == 0)
      why = "no thread reached the inversion's sites";
    else if (total.completed == 0)
      why = "its sites were reached " + std::to_string(total.arrivals) + " time(s), but never by threads "
            "holding each other's locks at once";
    else
      why = "threads met at its sites " + std::to_string(total.completed) + " time(s), yet did not deadlock";
    err << head << ": not reproduced in " << rq.runs << " run(s): " << why << "\n";
    (*records)[inv.record] = Annotated((*records)[inv.record], "not-reproduced", rq.runs, rq.runs, why);
  }
  records->insert(records->end(), extra.begin(), extra.end());
  if (any_confirmed || code == kExitDeadlock) return kExitDeadlock;
  return kExitFindings;
}

}  // namespace lockgraph
