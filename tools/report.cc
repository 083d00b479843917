// `lockgraph report`: the command line, reading the inputs and writing the outputs. The work is
// in tools/report/: inputs.cc (reading), merge.cc (one finding per problem), format_*.cc.
#include "report.h"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "../common/suppressions.h"
#include "help_text.h"
#include "json_value.h"
#include "report/formats.h"
#include "report/inputs.h"
#include "report/merge.h"

namespace lockgraph {
namespace {

bool ReadFile(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return !in.bad();
}

bool IsFingerprint(const std::string &s) {
  return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Every fingerprint a lockgraph output holds: "fingerprint"/"fingerprints" members and SARIF's
// partialFingerprints values, at any depth.
void CollectFingerprints(const JsonValue &v, std::set<std::string> &out) {
  if (v.is_array()) {
    for (const JsonValue &x : v.array) CollectFingerprints(x, out);
    return;
  }
  if (!v.is_object()) return;
  for (const auto &kv : v.object) {
    if ((kv.first == "fingerprint" && IsFingerprint(kv.second.str())))
      out.insert(kv.second.str());
    else if (kv.first == "fingerprints" || kv.first == "partialFingerprints") {
      for (const JsonValue &x : kv.second.array)
        if (IsFingerprint(x.str())) out.insert(x.str());
      for (const auto &p : kv.second.object)
        if (IsFingerprint(p.second.str())) out.insert(p.second.str());
    } else {
      CollectFingerprints(kv.second, out);
    }
  }
}

// A baseline: a file of fingerprints (one per line, '#' comments), any lockgraph JSON-lines log,
// or one JSON document (a report's JSON or SARIF).
bool LoadBaseline(const std::string &path, std::set<std::string> &out, std::string &err) {
  std::string text;
  if (!ReadFile(path, text)) {
    err = "cannot read baseline file '" + path + "'";
    return false;
  }
  JsonValue doc;
  std::string why;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[') && ParseJson(text, doc, why)) {
    CollectFingerprints(doc, out);
    return true;
  }
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos || line[a] == '#') continue;
    if (line[a] == '{') {
      JsonValue r;
      if (!ParseJson(line, r, why)) {
        err = path + ":" + std::to_string(n) + ": not valid JSON (" + why + ")";
        return false;
      }
      CollectFingerprints(r, out);
      continue;
    }
    std::string word = line.substr(a, 16);
    if (!IsFingerprint(word) || (line.size() > a + 16 && isxdigit(static_cast<unsigned char>(line[a + 16])))) {
      err = path + ":" + std::to_string(n) + ": expected a fingerprint (16 hex digits), a '#' comment, or lockgraph's JSON";
      return false;
    }
    out.insert(word);
  }
  return true;
}

bool KnownFormat(const std::string &f) {
  for (const auto &n : FormatNames())
    if (n == f) return true;
  return false;
}

std::string FormatList() {
  std::string s;
  for (const auto &n : FormatNames()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

int WriteReport(const std::vector<ReportInput> &inputs, const ReportOptions &o, std::ostream &err) {
  bool bad = false;
  std::vector<Evidence> evidence;
  Report rep;
  for (const ReportInput &in : inputs) {
    std::string text;
    for (const auto &l : in.lines) text += l + "\n";
    InputSummary sum;
    if (!ReadInput(in.name, text, evidence, sum, err)) bad = true;
    rep.inputs.push_back(sum);
  }
  MergeOptions mo;
  mo.include_latent = o.include_latent;
  if (!o.suppressions.empty()) {
    std::string text, why;
    if (!ReadFile(o.suppressions, text)) {
      err << "lockgraph report: cannot read suppressions file '" << o.suppressions << "'\n";
      return kReportBadInput;
    }
    if (!parseSuppressions(text, mo.suppressions, why)) {
      err << "lockgraph report: " << o.suppressions << ": " << why << "\n";
      return kReportBadInput;
    }
  }
  if (!o.baseline.empty()) {
    std::string why;
    if (!LoadBaseline(o.baseline, mo.baseline, why)) {
      err << "lockgraph report: " << why << "\n";
      return kReportBadInput;
    }
  }
  Report merged = Merge(std::move(evidence), mo);
  merged.inputs = rep.inputs;
  FormatOptions fo;
  fo.source_root = o.source_root;
  fo.dot = o.graphviz;
  std::vector<std::pair<std::string, std::string>> outs;
  outs.push_back({o.format, o.output});
  outs.insert(outs.end(), o.also.begin(), o.also.end());
  if (!o.write_baseline.empty()) outs.push_back({"baseline", o.write_baseline});
  for (const auto &out : outs) {
    std::ostringstream text;
    if (!WriteFormat(out.first, merged, fo, text, err)) {
      err << "lockgraph report: cannot write the " << out.first << " report\n";
      bad = true;
      continue;
    }
    if (out.second.empty() || out.second == "-") {
      std::ostream &os = o.stream ? *o.stream : std::cout;
      os << text.str();
      os.flush();
      if (!os) {  // a full disk, a closed pipe: the report is not there and must not look done
        err << "lockgraph report: cannot write the report to stdout\n";
        bad = true;
      }
      continue;
    }
    struct stat st;
    if (stat(out.second.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      // A device or a pipe (/dev/stdout, /dev/full): written in place, never renamed over.
      std::ofstream file(out.second, std::ios::binary);
      file << text.str();
      file.close();
      if (!file) {
        err << "lockgraph report: cannot write " << out.second << "\n";
        bad = true;
      }
      continue;
    }
    // Written whole, then renamed: a reader never sees half a report.
    std::string tmp = out.second + ".tmp" + std::to_string(getpid());
    std::ofstream file(tmp, std::ios::trunc | std::ios::binary);
    file << text.str();
    file.close();
    if (!file || rename(tmp.c_str(), out.second.c_str()) != 0) {
      unlink(tmp.c_str());
      err << "lockgraph report: cannot write " << out.second << "\n";
      bad = true;
    }
  }
  if (!o.quiet && !(o.format == "text" && o.output.empty())) {
    int confirmed = 0;
    for (const Finding &f : merged.findings) confirmed += f.confirmed();
    err << "lockgraph report: " << merged.findings.size() << " finding(s)";
    if (confirmed) err << ", " << confirmed << " confirmed at run time";
    if (merged.suppressed) err << ", " << merged.suppressed << " suppressed";
    if (merged.baselined) err << ", " << merged.baselined << " hidden by the baseline";
    err << "\n";
  }
  if (bad) return kReportBadInput;
  return merged.findings.empty() ? kReportClean : kReportFindings;
}

int ReportMain(const std::vector<std::string> &args) {
  ReportOptions o;
  std::vector<std::string> files;
  auto usage = [](std::ostream &os) { os << kHelpReport; };
  bool only_files = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    std::string missing;
    auto value = [&](const std::string &name, std::string &dst) {
      if (a.compare(0, name.size() + 1, name + "=") == 0 && name.size() > 2) {
        dst = a.substr(name.size() + 1);
        return true;
      }
      if (a == name) {
        if (i + 1 >= args.size()) {
          missing = name;
          return false;
        }
        dst = args[++i];
        return true;
      }
      return false;
    };
    if (only_files) {
      files.push_back(a);
      continue;
    }
    if (a == "-h" || a == "--help") {
      usage(std::cout);
      return 0;
    }
    std::string also;
    bool matched = false;
    for (const char *f : {"json", "sarif", "html", "codequality", "dot", "text"})
      if (value(std::string("--") + f, also)) {
        o.also.push_back({f, also});
        matched = true;
        break;
      }
    if (matched) continue;
    if (value("--format", o.format) || value("-f", o.format) || value("-o", o.output) ||
        value("--output", o.output) || value("--source-root", o.source_root) ||
        value("--suppressions", o.suppressions) || value("--baseline", o.baseline) ||
        value("--write-baseline", o.write_baseline) || value("--graphviz", o.graphviz))
      continue;
    if (!missing.empty()) {
      std::cerr << "lockgraph report: " << missing << " needs a value\n";
      return kReportBadInput;
    }
    if (a == "--no-latent") {
      o.include_latent = false;
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a == "--") {
      only_files = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      std::cerr << "lockgraph report: unknown option '" << a << "'\n";
      usage(std::cerr);
      return kReportBadInput;
    } else {
      files.push_back(a);
    }
  }
  for (const auto &f : o.also)
    if (f.second.empty()) {
      std::cerr << "lockgraph report: --" << f.first << " needs a file\n";
      return kReportBadInput;
    }
  if (!KnownFormat(o.format)) {
    std::cerr << "lockgraph report: unknown format '" << o.format << "' (" << FormatList() << ")\n";
    return kReportBadInput;
  }
  if (files.empty()) {
    std::cerr << "lockgraph report: no input given\n";
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
        std::cerr << "lockgraph report: " << f << " is a directory: name the logs in it (e.g. " << f << "/*.jsonl)\n";
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
