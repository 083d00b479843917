#include "report.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "json_value.h"

namespace lockgraph {
namespace {

struct Kind {
  const char *id;
  const char *description;
};
const Kind kKinds[] = {
#define LOCKGRAPH_FINDING(e, id, desc) {id, desc},
#include "findings.inc"
};

const char *Describe(const std::string &id) {
  for (const Kind &k : kKinds)
    if (id == k.id) return k.description;
  return nullptr;
}

struct Site {
  std::string file, function;
  int line = 0;
};

// A finding merged over every process and run that reported it.
struct Merged {
  JsonValue first;  // the first record seen
  std::string kind, fingerprint, message;
  std::vector<Site> sites;  // user code only, in the record's order, without repeats
  std::set<long> pids;
  int count = 0;
};

// A number of a record as an integer (0 when it is not one a record could hold).
long AsInt(const JsonValue &v) {
  return v.kind == JsonValue::kNumber && v.number >= -1e15 && v.number <= 1e15 ? static_cast<long>(v.number) : 0;
}

int LineOf(const JsonValue &v) {
  long n = AsInt(v);
  return n > 0 && n < 1000000000 ? static_cast<int>(n) : 0;
}

// Frames in the program's own sources: absolute paths outside the system's directories (glibc
// frames carry build paths like ./nptl/...).
bool UserFile(const std::string &f) {
  return !f.empty() && f[0] == '/' && f.compare(0, 5, "/usr/") != 0;
}

std::vector<Site> SitesOf(const JsonValue &r) {
  std::vector<Site> out;
  std::set<std::pair<std::string, int>> seen;
  for (const JsonValue &s : r["sites"].array) {
    Site x{s["file"].str(), s["function"].str(), LineOf(s["line"])};
    if (!UserFile(x.file) || x.line <= 0 || !seen.insert({x.file, x.line}).second) continue;
    out.push_back(x);
  }
  return out;
}

std::string Headline(const Merged &m) {
  std::string what = m.kind;
  if (!m.message.empty()) what += ": " + m.message;
  return what;
}

std::string FileUri(const std::string &path, const std::string &root, bool *relative) {
  std::string r = root;
  if (!r.empty() && r.back() != '/') r += '/';
  std::string p = path;
  *relative = !r.empty() && p.compare(0, r.size(), r) == 0;
  if (*relative) p = p.substr(r.size());
  std::string out = *relative ? "" : "file://";
  for (char c : p) {
    if (c == ' ') out += "%20";
    else if (c == '%') out += "%25";
    else if (c == '#') out += "%23";
    else out += c;
  }
  return out;
}

std::string Location(const Site &s, const std::string &root, const std::string &message) {
  bool rel = false;
  std::string uri = FileUri(s.file, root, &rel);
  std::string o = "{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" + JsonQuote(uri);
  if (rel) o += ",\"uriBaseId\":\"SRCROOT\"";
  o += "},\"region\":{\"startLine\":" + std::to_string(s.line) + "}}";
  if (!message.empty()) o += ",\"message\":{\"text\":" + JsonQuote(message) + "}";
  return o + "}";
}

void WriteSarif(const std::vector<Merged> &all, const ReportOptions &o, std::ostream &os) {
  std::string root = o.source_root;
  os << "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{";
  os << "\"tool\":{\"driver\":{\"name\":\"lockgraph-hook\",\"semanticVersion\":\"" LOCKGRAPH_VERSION "\","
        "\"informationUri\":\"https://example.invalid/lockgraph/docs/findings.md\",\"rules\":[";
  bool first = true;
  for (const Kind &k : kKinds) {
    os << (first ? "" : ",") << "{\"id\":" << JsonQuote(k.id) << ",\"name\":" << JsonQuote(k.id)
       << ",\"shortDescription\":{\"text\":" << JsonQuote(k.description) << "},\"helpUri\":"
       << JsonQuote(std::string("https://example.invalid/lockgraph/docs/findings.md#") + k.id) << "}";
    first = false;
  }
  os << "]}},";
  std::string base = root;
  if (!base.empty() && base.back() != '/') base += '/';
  os << "\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":" << JsonQuote("file://" + base) << "}},";
  os << "\"results\":[";
  first = true;
  for (const Merged &m : all) {
    int rule = 0;
    for (int i = 0; i < static_cast<int>(sizeof(kKinds) / sizeof(kKinds[0])); ++i)
      if (m.kind == kKinds[i].id) rule = i;
    os << (first ? "" : ",") << "{\"ruleId\":" << JsonQuote(m.kind) << ",\"ruleIndex\":" << rule
       << ",\"level\":\"" << (m.kind == "latent-lock-order" ? "note" : "error") << "\",\"message\":{\"text\":"
       << JsonQuote(Headline(m) + " (seen " + std::to_string(m.count) + " time(s), in " +
                    std::to_string(m.pids.size()) + " process(es))")
       << "}";
    first = false;
    if (!m.sites.empty()) {
      os << ",\"locations\":[" << Location(m.sites[0], root, "") << "]";
      if (m.sites.size() > 1) {
        os << ",\"relatedLocations\":[";
        for (size_t i = 1; i < m.sites.size(); ++i) {
          std::string loc = Location(m.sites[i], root, m.sites[i].function);
          os << (i > 1 ? "," : "") << "{\"id\":" << i << "," << loc.substr(1);
        }
        os << "]";
      }
    }
    os << ",\"partialFingerprints\":{\"lockgraphRuntimeFingerprint/v1\":" << JsonQuote(m.fingerprint) << "}}";
  }
  os << "]}]}\n";
}

// The user frames of one stack of a record, each as "file:line:1: note: <prefix> <what> in <fn>":
// the first says what happened there, the others where it was called from.
void StackNotes(const JsonValue &stack, const std::string &prefix, const std::string &what, std::ostream &os) {
  bool first = true;
  for (const JsonValue &fr : stack.array) {
    Site x{fr["file"].str(), fr["function"].str(), LineOf(fr["line"])};
    if (!UserFile(x.file) || x.line <= 0) continue;
    os << x.file << ":" << x.line << ":1: note: " << prefix << (first ? what : "called from here");
    if (!x.function.empty()) os << ", in " << x.function;
    os << "\n";
    first = false;
  }
}

void WriteText(const std::vector<Merged> &all, std::ostream &os) {
  for (const Merged &m : all) {
    const char *level = m.kind == "latent-lock-order" ? "note" : "warning";
    if (!m.sites.empty())
      os << m.sites[0].file << ":" << m.sites[0].line << ":1: ";
    else
      os << "lockgraph: ";
    os << level << ": " << Headline(m) << " [lockgraph-" << m.kind << "]";
    os << " (seen " << m.count << " time(s), in " << m.pids.size() << " process(es))\n";
    const JsonValue &edges = m.first["edges"];
    const JsonValue &threads = m.first["threads"];
    if (edges.is_array() && !edges.array.empty()) {
      // Each edge with its own frames: where the second lock was taken, and the first before it.
      for (const JsonValue &e : edges.array) {
        std::string name = e["from"].str() + " => " + e["to"].str();
        std::string who = e["thread"].str().empty() ? "" : " (" + e["thread"].str() + ")";
        StackNotes(e["stack"], "edge " + name + ": ", e["to"].str() + " acquired here" + who, os);
        StackNotes(e["held_stack"], "edge " + name + ": ", e["from"].str() + " acquired earlier here", os);
      }
    } else if (threads.is_array() && !threads.array.empty() && threads.array[0]["waits_for"].is_string()) {
      for (const JsonValue &t : threads.array) {
        std::string who = t["thread"].str() + ": ";
        StackNotes(t["stack"], who, "waits for " + t["waits_for"].str() + " here", os);
        for (const JsonValue &h : t["held"].array) StackNotes(h, who, "acquired a lock it holds here", os);
      }
    } else {
      for (size_t i = 1; i < m.sites.size(); ++i)
        os << m.sites[i].file << ":" << m.sites[i].line << ":1: note: in " << m.sites[i].function << "\n";
    }
  }
  os << all.size() << " finding(s)\n";
}

std::string Serialize(const JsonValue &v) {
  switch (v.kind) {
    case JsonValue::kNull: return "null";
    case JsonValue::kBool: return v.boolean ? "true" : "false";
    case JsonValue::kNumber: {
      if (!v.raw.empty()) return v.raw;  // as read: valid JSON whatever its size
      if (!std::isfinite(v.number)) return "null";
      std::ostringstream s;
      s.precision(17);
      s << v.number;
      return s.str();
    }
    case JsonValue::kString: return JsonQuote(v.string);
    case JsonValue::kArray: {
      std::string o = "[";
      for (size_t i = 0; i < v.array.size(); ++i) o += (i ? "," : "") + Serialize(v.array[i]);
      return o + "]";
    }
    case JsonValue::kObject: {
      std::string o = "{";
      bool first = true;
      for (const auto &kv : v.object) {
        o += (first ? "" : ",") + JsonQuote(kv.first) + ":" + Serialize(kv.second);
        first = false;
      }
      return o + "}";
    }
  }
  return "null";
}

void WriteJson(const std::vector<Merged> &all, std::ostream &os) {
  for (const Merged &m : all) {
    JsonValue r = m.first;
    JsonValue count;
    count.kind = JsonValue::kNumber;
    count.number = m.count;
    r.object["count"] = count;
    JsonValue pids;
    pids.kind = JsonValue::kArray;
    for (long p : m.pids) {
      JsonValue x;
      x.kind = JsonValue::kNumber;
      x.number = static_cast<double>(p);
      pids.array.push_back(x);
    }
    r.object["pids"] = pids;
    os << Serialize(r) << "\n";
  }
}

}  // namespace

int WriteReport(const std::vector<ReportInput> &inputs, const ReportOptions &o, std::ostream &err) {
  bool bad = false;
  std::vector<Merged> all;
  std::map<std::string, size_t> by_fp;
  for (const ReportInput &in : inputs) {
    for (size_t n = 0; n < in.lines.size(); ++n) {
      const std::string &line = in.lines[n];
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      JsonValue r;
      std::string why;
      if (!ParseJson(line, r, why)) {
        err << in.name << ":" << n + 1 << ": skipped a record that is not valid JSON (" << why << ")\n";
        bad = true;
        continue;
      }
      const std::string &kind = r["kind"].str();
      if (!r.is_object() || r["tool"].str() != "lockgraph-hook" || !Describe(kind)) {
        err << in.name << ":" << n + 1 << ": skipped a record that is not a lockgraph-hook finding\n";
        bad = true;
        continue;
      }
      if (kind == "latent-lock-order" && !o.include_latent) continue;
      std::string fp = r["fingerprint"].str();
      if (fp.empty()) fp = kind + "|" + r["message"].str();  // records of older hooks
      auto it = by_fp.find(fp);
      if (it == by_fp.end()) {
        it = by_fp.emplace(fp, all.size()).first;
        Merged m;
        m.first = r;
        m.kind = kind;
        m.fingerprint = fp;
        m.message = r["message"].str();
        m.sites = SitesOf(r);
        all.push_back(std::move(m));
      }
      Merged &m = all[it->second];
      ++m.count;
      m.pids.insert(AsInt(r["pid"]));
    }
  }
  std::ofstream file;
  std::ostream *os = o.stream ? o.stream : &std::cout;
  if (!o.output.empty()) {
    file.open(o.output, std::ios::trunc | std::ios::binary);
    if (!file) {
      err << "lockgraph: cannot write " << o.output << ": " << std::strerror(errno) << "\n";
      return kReportBadInput;
    }
    os = &file;
  }
  if (o.format == "sarif")
    WriteSarif(all, o, *os);
  else if (o.format == "json")
    WriteJson(all, *os);
  else
    WriteText(all, *os);
  errno = 0;
  os->flush();
  if (file.is_open()) file.close();
  if (os->fail()) {  // a full disk, a closed pipe: the report is not there, and must not look done
    err << "lockgraph: cannot write " << (o.output.empty() ? std::string("the report to stdout") : o.output)
        << ": " << std::strerror(errno ? errno : EIO) << "\n";
    return kReportBadInput;
  }
  if (bad) return kReportBadInput;
  return all.empty() ? kReportClean : kReportFindings;
}

int ReportMain(const std::vector<std::string> &args) {
  ReportOptions o;
  std::vector<std::string> files;
  auto usage = [](std::ostream &os) {
    os << "usage: lockgraph report [--format=text|json|sarif] [-o FILE] [--source-root DIR]\n"
          "                        [--no-latent] LOG.jsonl...\n"
          "Merges the runtime hook's JSON records (lockgraph run --json, or json_path=PREFIX files)\n"
          "by fingerprint and writes them as clang-style text, JSON lines or SARIF 2.1.0.\n"
          "exit status: 0 no finding, 1 findings, 2 an input could not be read or held a truncated\n"
          "or invalid record (the rest is still reported), or the output could not be written.\n";
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    auto value = [&](const std::string &name, std::string &dst) {
      if (a.compare(0, name.size() + 1, name + "=") == 0) {
        dst = a.substr(name.size() + 1);
        return true;
      }
      if (a == name && i + 1 < args.size()) {
        dst = args[++i];
        return true;
      }
      return false;
    };
    if (a == "-h" || a == "--help") {
      usage(std::cout);
      return 0;
    }
    if (value("--format", o.format) || value("-o", o.output) || value("--source-root", o.source_root)) continue;
    if (a == "--no-latent") {
      o.include_latent = false;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      std::cerr << "lockgraph report: unknown option '" << a << "'\n";
      usage(std::cerr);
      return kReportBadInput;
    } else {
      files.push_back(a);
    }
  }
  if (o.format != "text" && o.format != "json" && o.format != "sarif") {
    std::cerr << "lockgraph report: unknown format '" << o.format << "' (text, json or sarif)\n";
    return kReportBadInput;
  }
  if (files.empty()) {
    std::cerr << "lockgraph report: no log given\n";
    usage(std::cerr);
    return kReportBadInput;
  }
  if (o.source_root.empty()) {
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd))) o.source_root = cwd;
  } else if (char *abs = realpath(o.source_root.c_str(), nullptr)) {
    o.source_root = abs;
    free(abs);
  }
  std::vector<ReportInput> inputs;
  bool unreadable = false;
  for (const std::string &f : files) {
    std::ifstream in;
    std::istream *is = &std::cin;
    if (f != "-") {
      struct stat st;
      if (stat(f.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        std::cerr << "lockgraph report: " << f << " is a directory; give the log files (e.g. " << f
                  << "/*.jsonl)\n";
        unreadable = true;
        continue;
      }
      in.open(f);
      if (!in) {
        std::cerr << "lockgraph report: cannot read " << f << "\n";
        unreadable = true;
        continue;
      }
      is = &in;
    }
    ReportInput ri;
    ri.name = f == "-" ? "<stdin>" : f;
    std::string line;
    while (std::getline(*is, line)) ri.lines.push_back(line);
    inputs.push_back(std::move(ri));
  }
  int rc = WriteReport(inputs, o, std::cerr);
  return unreadable ? kReportBadInput : rc;
}

}  // namespace lockgraph
