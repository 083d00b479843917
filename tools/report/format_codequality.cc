// --format=codequality: GitLab's code-quality report (a JSON array of issues; the merge request
// widget shows them on the lines they point at). Paths are relative to the source root, as GitLab
// wants them relative to the repository.
#include <ostream>
#include <set>

#include "formats.h"
#include "json_writer.h"

namespace lockgraph {

void WriteCodeQuality(const Report &r, const FormatOptions &o, std::ostream &os) {
  JsonWriter w;
  w.BeginArray();
  std::set<std::string> used;
  for (const Finding &f : r.findings) {
    const char *severity = f.kind == "latent-lock-order" ? "info"
                           : f.confirmed()               ? "critical"
                           : f.severity == "error"       ? "major"
                           : f.severity == "warning"     ? "minor"
                                                         : "info";
    std::string desc = f.kind + ": " + f.title;
    auto src = f.sources();
    std::string by;
    for (size_t i = 0; i < src.size(); ++i) by += (i ? " + " : "") + src[i];
    desc += f.confirmed() ? " (confirmed at run time: " + by + ")" : " (" + by + ")";
    // GitLab needs one fingerprint per issue: two findings with one fingerprint get distinct ones.
    std::string fp = f.fingerprint;
    for (int k = 1; fp.empty() || !used.insert(fp).second; ++k) fp = Hex16(Fnv1a(f.fingerprint + "#" + std::to_string(k)));
    w.BeginObject().Member("type", "issue").Member("engine_name", "lockgraph").Member("check_name", f.kind);
    w.Member("description", desc).Member("severity", severity).Member("fingerprint", fp);
    w.Key("categories").BeginArray().String("Bug Risk").EndArray();
    w.Key("location").BeginObject().Member("path", f.site.known() ? ShownPath(f.site.file, o.source_root) : "unknown");
    w.Key("lines").BeginObject().MemberInt("begin", f.site.known() ? f.site.line : 1).EndObject().EndObject();
    w.EndObject();
  }
  w.EndArray();
  os << w.str() << "\n";
}

}  // namespace lockgraph
