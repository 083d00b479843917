// --format=json: one JSON document, described by docs/report.schema.json. "version" changes when
// a member is removed or changes meaning; new members may be added within a version.
#include <map>
#include <ostream>

#include "formats.h"
#include "json_writer.h"

#ifndef LOCKGRAPH_VERSION
#define LOCKGRAPH_VERSION "0"
#endif

namespace lockgraph {
namespace {

void WriteSite(JsonWriter &w, const Site &s, const FormatOptions &o) {
  if (!s.known()) {
    w.Null();
    return;
  }
  w.BeginObject().Member("file", s.file).Member("path", ShownPath(s.file, o.source_root)).MemberInt("line", s.line);
  if (s.column > 0) w.MemberInt("column", s.column);
  if (!s.function.empty()) w.Member("function", s.function);
  w.EndObject();
}

void WriteFrames(JsonWriter &w, const std::vector<Frame> &frames) {
  w.BeginArray();
  for (const Frame &f : frames) {
    w.BeginObject().Member("function", f.function).Member("file", f.file).MemberInt("line", f.line);
    if (f.column > 0) w.MemberInt("column", f.column);
    if (!f.module.empty()) w.Member("module", f.module);
    w.EndObject();
  }
  w.EndArray();
}

void WriteNotes(JsonWriter &w, const std::vector<Note> &notes, const FormatOptions &o) {
  w.BeginArray();
  for (const Note &n : notes) {
    w.BeginObject().Key("location");
    WriteSite(w, n.site, o);
    w.Member("message", n.message).EndObject();
  }
  w.EndArray();
}

void WriteEdge(JsonWriter &w, const Edge &e, const FormatOptions &o, bool details) {
  w.BeginObject().Member("from", e.from).Member("to", e.to).Key("acquired");
  WriteSite(w, e.acquired, o);
  w.Key("held");
  WriteSite(w, e.held, o);
  if (details) {
    if (!e.thread.empty()) w.Member("thread", e.thread);
    w.Key("stack");
    WriteFrames(w, e.stack.frames);
    w.Key("held_stack");
    WriteFrames(w, e.held_stack.frames);
    w.Key("path");
    WriteNotes(w, e.path, o);
  }
  w.EndObject();
}

void WriteIds(JsonWriter &w, const std::string &key, const std::set<long> &pids) {
  w.Key(key).BeginArray();
  for (long p : pids) w.Int(p);
  w.EndArray();
}

}  // namespace

void WriteJsonReport(const Report &r, const FormatOptions &o, std::ostream &os) {
  JsonWriter w;
  w.BeginObject();
  w.Member("$schema", "https://lockgraph.invalid/docs/report.schema.json");
  w.Member("format", "lockgraph-report").MemberInt("version", 1);
  w.Key("tool").BeginObject().Member("name", "lockgraph").Member("version", LOCKGRAPH_VERSION).EndObject();
  w.Member("source_root", o.source_root);
  w.Key("inputs").BeginArray();
  for (const InputSummary &in : r.inputs)
    w.BeginObject().Member("path", in.path).Member("format", in.format).MemberInt("reports", in.reports).EndObject();
  w.EndArray();
  std::map<std::string, int> by_kind;
  int confirmed = 0;
  for (const Finding &f : r.findings) {
    ++by_kind[f.kind];
    confirmed += f.confirmed();
  }
  w.Key("summary").BeginObject().MemberInt("findings", static_cast<long long>(r.findings.size()));
  w.MemberInt("confirmed", confirmed).MemberInt("suppressed", r.suppressed).MemberInt("baselined", r.baselined);
  w.Key("by_kind").BeginObject();
  for (const auto &k : by_kind) w.MemberInt(k.first, k.second);
  w.EndObject().EndObject();

  w.Key("findings").BeginArray();
  for (const Finding &f : r.findings) {
    w.BeginObject().Member("id", f.id).Member("kind", f.kind).Member("severity", f.severity);
    w.Member("title", f.title);
    const char *desc = KindDescription(f.kind);
    w.Member("description", desc ? desc : "");
    w.MemberBool("confirmed", f.confirmed()).StringArray("sources", f.sources());
    w.Member("fingerprint", f.fingerprint).StringArray("fingerprints", f.fingerprints);
    w.Key("location");
    WriteSite(w, f.site, o);
    w.StringArray("locks", f.locks);
    if (!f.cycle.empty()) w.StringArray("cycle", f.cycle);
    if (!f.deadlocked_in.empty()) w.StringArray("deadlocked_in", f.deadlocked_in);
    if (!f.realises.empty()) w.StringArray("realises", f.realises);
    w.Key("edges").BeginArray();
    for (const Edge &e : f.edges) WriteEdge(w, e, o, false);
    w.EndArray();
    w.MemberInt("count", f.count);
    WriteIds(w, "pids", f.pids);
    w.Key("evidence").BeginArray();
    for (const Evidence &e : f.evidence) {
      w.BeginObject().Member("source", SourceName(e.source)).Member("input", e.input).Member("kind", e.kind);
      w.Member("severity", e.severity).Member("message", e.message).Member("fingerprint", e.fingerprint);
      w.Key("location");
      WriteSite(w, e.site, o);
      w.Member("function", e.function).StringArray("locks", e.locks);
      w.MemberInt("count", e.count);
      WriteIds(w, "pids", e.pids);
      w.Key("edges").BeginArray();
      for (const Edge &ed : e.edges) WriteEdge(w, ed, o, true);
      w.EndArray();
      w.Key("stacks").BeginArray();
      for (const Stack &s : e.stacks) {
        w.BeginObject().Member("title", s.title).Key("frames");
        WriteFrames(w, s.frames);
        w.EndObject();
      }
      w.EndArray();
      w.Key("notes");
      WriteNotes(w, e.notes, o);
      w.Key("accesses").BeginArray();
      for (const Site &s : e.accesses) WriteSite(w, s, o);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  LockGraph g = BuildGraph(r);
  w.Key("graph").BeginObject().Key("locks").BeginArray();
  for (const auto &l : g.locks) w.BeginObject().Member("name", l).StringArray("findings", g.lock_findings[l]).EndObject();
  w.EndArray().Key("edges").BeginArray();
  for (const GraphEdge &e : g.edges) {
    w.BeginObject().Member("id", e.anchor).Member("from", e.from).Member("to", e.to);
    w.StringArray("findings", e.findings).MemberBool("confirmed", e.confirmed).MemberBool("latent", e.latent);
    w.Key("acquired").BeginArray();
    for (const Site &s : e.acquired) WriteSite(w, s, o);
    w.EndArray().Key("held").BeginArray();
    for (const Site &s : e.held) WriteSite(w, s, o);
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  w.EndObject();
  os << w.str();
}

}  // namespace lockgraph
