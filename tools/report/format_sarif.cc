// --format=sarif: SARIF 2.1.0, validated in the tests against the official schema. One run of the
// tool "lockgraph"; rules are the ids of common/findings.inc with their help from
// docs/findings.md; each result carries every source's fingerprint in partialFingerprints, the
// cycle's edges as code flows and the runtime stacks as stacks.
#include <map>
#include <ostream>

#include "formats.h"
#include "json_writer.h"
#include "rule_help.h"

#ifndef LOCKGRAPH_VERSION
#define LOCKGRAPH_VERSION "0"
#endif

namespace lockgraph {
namespace {

const char kDocs[] = "https://lockgraph.invalid/docs/findings.md";

std::string UriEscape(const std::string &p) {
  std::string out;
  for (unsigned char c : p) {
    if (isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~' || c == '+' || c == ':' || c == '@') {
      out += static_cast<char>(c);
    } else {
      char b[4];
      snprintf(b, sizeof(b), "%%%02X", c);
      out += b;
    }
  }
  return out;
}

void ArtifactLocation(JsonWriter &w, const std::string &file, const FormatOptions &o) {
  std::string shown = ShownPath(file, o.source_root);
  w.Key("artifactLocation").BeginObject();
  if (shown != file || (!file.empty() && file[0] != '/')) {
    w.Member("uri", UriEscape(shown));
    if (shown != file) w.Member("uriBaseId", "SRCROOT");
  } else {
    w.Member("uri", "file://" + UriEscape(file));
  }
  w.EndObject();
}

// A location object (without the surrounding key).
void Location(JsonWriter &w, const Site &s, const FormatOptions &o, const std::string &message, int id = -1) {
  w.BeginObject();
  if (id >= 0) w.MemberInt("id", id);
  if (s.known()) {
    w.Key("physicalLocation").BeginObject();
    ArtifactLocation(w, s.file, o);
    w.Key("region").BeginObject().MemberInt("startLine", s.line);
    if (s.column > 0) w.MemberInt("startColumn", s.column);
    w.EndObject().EndObject();
  }
  if (!s.function.empty())
    w.Key("logicalLocations").BeginArray().BeginObject().Member("name", s.function).Member("kind", "function").EndObject().EndArray();
  if (!message.empty()) w.Key("message").BeginObject().Member("text", message).EndObject();
  w.EndObject();
}

void SarifStack(JsonWriter &w, const Stack &st, const FormatOptions &o) {
  w.BeginObject().Key("message").BeginObject().Member("text", st.title).EndObject().Key("frames").BeginArray();
  for (const Frame &f : st.frames) {
    w.BeginObject().Key("location");
    Site s{f.file, f.line, f.column, f.function};
    Location(w, s.known() ? s : Site{}, o, f.function.empty() ? "??" : f.function);
    if (!f.module.empty()) w.Member("module", f.module);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

const char *Level(const Finding &f) {
  if (f.kind == "latent-lock-order") return "note";
  return f.severity == "error" || f.confirmed() ? "error" : "warning";
}

std::string FingerprintKey(Source s) {
  switch (s) {
    case Source::kAnalyzer: return "lockgraphFingerprint/v1";
    case Source::kHook: return "lockgraphRuntimeFingerprint/v1";
    case Source::kTSan: return "lockgraphTSanFingerprint/v1";
  }
  return "lockgraph/v1";
}

std::string Message(const Finding &f) {
  std::string m = f.kind + ": " + f.title;
  auto src = f.sources();
  std::string by;
  for (size_t i = 0; i < src.size(); ++i) by += (i ? " + " : "") + src[i];
  if (f.confirmed())
    m += " (confirmed at run time; seen by " + by + ")";
  else
    m += " (seen by " + by + ")";
  if (!f.evidence.empty() && !f.evidence[0].message.empty() && f.evidence[0].source == Source::kAnalyzer)
    m += ". " + f.evidence[0].message;
  if (m.back() != '.') m += ".";
  return m;
}

}  // namespace

void WriteSarifReport(const Report &r, const FormatOptions &o, std::ostream &os) {
  JsonWriter w;
  w.BeginObject().Member("$schema", "https://json.schemastore.org/sarif-2.1.0.json").Member("version", "2.1.0");
  w.Key("runs").BeginArray().BeginObject();
  w.Key("tool").BeginObject().Key("driver").BeginObject();
  w.Member("name", "lockgraph").Member("version", LOCKGRAPH_VERSION).Member("semanticVersion", LOCKGRAPH_VERSION);
  w.Member("informationUri", kDocs);
  w.Key("rules").BeginArray();
  std::map<std::string, int> rule_index;
  int n = 0;
  for (const RuleHelp &h : RuleHelps()) {
    rule_index[h.id] = n++;
    w.BeginObject().Member("id", h.id).Member("name", h.name);
    w.Key("shortDescription").BeginObject().Member("text", h.description).EndObject();
    w.Key("fullDescription").BeginObject().Member("text", h.summary).EndObject();
    w.Key("help").BeginObject().Member("text", h.text).Member("markdown", h.markdown).EndObject();
    w.Member("helpUri", std::string(kDocs) + "#" + h.id);
    w.Key("defaultConfiguration").BeginObject().Member("level", h.id == "latent-lock-order" ? "note" : "error").EndObject();
    w.Key("properties").BeginObject().Key("tags").BeginArray().String("concurrency").EndArray().EndObject();
    w.EndObject();
  }
  w.EndArray().EndObject().EndObject();
  std::string base = o.source_root;
  if (!base.empty() && base.back() != '/') base += '/';
  if (!base.empty())
    w.Key("originalUriBaseIds").BeginObject().Key("SRCROOT").BeginObject().Member("uri", "file://" + UriEscape(base)).EndObject().EndObject();
  w.Key("results").BeginArray();
  for (const Finding &f : r.findings) {
    w.BeginObject().Member("ruleId", f.kind);
    if (rule_index.count(f.kind)) w.MemberInt("ruleIndex", rule_index[f.kind]);
    w.Member("level", Level(f));
    w.Key("message").BeginObject().Member("text", Message(f)).EndObject();
    if (f.site.known()) {
      w.Key("locations").BeginArray();
      Location(w, f.site, o, "");
      w.EndArray();
    }
    // Related: each edge's sites, then each source's own location.
    std::vector<std::pair<Site, std::string>> related;
    for (const Edge &e : f.edges) {
      if (e.held.known()) related.push_back({e.held, "'" + e.from + "' acquired here (edge " + e.from + " => " + e.to + ")"});
      if (e.acquired.known()) related.push_back({e.acquired, "'" + e.to + "' acquired here while '" + e.from + "' is held"});
    }
    for (const Evidence &e : f.evidence) {
      if (e.site.known()) related.push_back({e.site, std::string(SourceName(e.source)) + ": " + e.message});
      for (const Note &nt : e.notes)
        if (nt.site.known()) related.push_back({nt.site, nt.message});
    }
    if (!related.empty()) {
      w.Key("relatedLocations").BeginArray();
      int id = 1;
      for (const auto &rl : related) Location(w, rl.first, o, rl.second, id++);
      w.EndArray();
    }
    if (!f.edges.empty()) {
      w.Key("codeFlows").BeginArray();
      for (const Edge &e : f.edges) {
        w.BeginObject().Key("message").BeginObject().Member("text", "edge " + e.from + " => " + e.to).EndObject();
        w.Key("threadFlows").BeginArray().BeginObject().Key("locations").BeginArray();
        std::vector<Note> path;
        for (const Evidence &ev : f.evidence)  // the analyzer's chain for this edge, when it has one
          for (const Edge &x : ev.edges)
            if (path.empty() && x.from == e.from && x.to == e.to && !x.path.empty()) path = x.path;
        if (path.empty()) {
          if (e.held.known()) path.push_back({e.held, "'" + e.from + "' acquired here"});
          if (e.acquired.known()) path.push_back({e.acquired, "'" + e.to + "' acquired here while '" + e.from + "' is held"});
        }
        if (path.empty()) path.push_back({Site{}, "edge " + e.from + " => " + e.to});
        for (const Note &nt : path) {
          w.BeginObject().Key("location");
          Location(w, nt.site, o, nt.message);
          w.EndObject();
        }
        w.EndArray().EndObject().EndArray().EndObject();
      }
      w.EndArray();
    }
    std::vector<const Stack *> stacks;
    for (const Evidence &e : f.evidence) {
      for (const Edge &x : e.edges) {
        if (!x.stack.frames.empty()) stacks.push_back(&x.stack);
        if (!x.held_stack.frames.empty()) stacks.push_back(&x.held_stack);
      }
      for (const Stack &s : e.stacks)
        if (!s.frames.empty()) stacks.push_back(&s);
    }
    if (!stacks.empty()) {
      w.Key("stacks").BeginArray();
      for (const Stack *s : stacks) SarifStack(w, *s, o);
      w.EndArray();
    }
    w.Key("partialFingerprints").BeginObject().Member("lockgraph/v1", f.fingerprint);
    std::map<std::string, std::string> keys;
    for (const Evidence &e : f.evidence)
      if (!keys.count(FingerprintKey(e.source))) keys[FingerprintKey(e.source)] = e.fingerprint;
    for (const auto &k : keys) w.Member(k.first, k.second);
    w.EndObject();
    w.Key("properties").BeginObject().Member("findingId", f.id).MemberBool("confirmed", f.confirmed());
    w.StringArray("sources", f.sources()).MemberInt("count", f.count);
    if (!f.deadlocked_in.empty()) w.StringArray("deadlockedIn", f.deadlocked_in);
    if (!f.realises.empty()) w.StringArray("realises", f.realises);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("invocations").BeginArray().BeginObject().MemberBool("executionSuccessful", true).EndObject().EndArray();
  w.Key("columnKind").String("utf16CodeUnits");
  w.EndObject().EndArray().EndObject();
  os << w.str();
}

}  // namespace lockgraph
