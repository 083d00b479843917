#include "Report.h"

#include "Config.h"
#include "FileIO.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>

namespace lockgraph {

namespace json = llvm::json;

struct FindingKind {
  const char *id;
  const char *description;
};
static const FindingKind Kinds[] = {
#define LOCKGRAPH_FINDING(E, ID, DESC) {ID, DESC},
#include "findings.inc"
};

static bool listNames(const std::string &Args, const std::string &Id) {
  // "lockgraph-a, lockgraph-b" / "lockgraph-*" / "*"
  size_t Pos = 0;
  while (Pos <= Args.size()) {
    size_t End = Args.find(',', Pos);
    if (End == std::string::npos)
      End = Args.size();
    std::string T = Args.substr(Pos, End - Pos);
    T.erase(0, T.find_first_not_of(" \t"));
    T.erase(T.find_last_not_of(" \t") + 1);
    if (T == "*" || T == "lockgraph-*" || T == "lockgraph-" + Id)
      return true;
    Pos = End + 1;
  }
  return false;
}

static bool nolintIn(const std::string &Text, const std::string &Marker, const std::string &Id) {
  size_t P = 0;
  while ((P = Text.find(Marker, P)) != std::string::npos) {
    size_t After = P + Marker.size();
    // NOLINT must not match the prefix of NOLINTNEXTLINE/NOLINTBEGIN
    if (Marker == "NOLINT" && Text.compare(After, 4, "NEXT") == 0) {
      P = After;
      continue;
    }
    if (After < Text.size() && Text[After] == '(') {
      size_t Close = Text.find(')', After);
      if (Close != std::string::npos && listNames(Text.substr(After + 1, Close - After - 1), Id))
        return true;
    } else if (After >= Text.size() || !(isalnum(static_cast<unsigned char>(Text[After])) || Text[After] == '_')) {
      return true;  // bare NOLINT: everything
    }
    P = After;
  }
  return false;
}

bool nolintSuppresses(const std::string &Line, const std::string &Prev, const std::string &Id) {
  return nolintIn(Line, "NOLINT", Id) || nolintIn(Prev, "NOLINTNEXTLINE", Id);
}

namespace {
class LineCache {
public:
  std::pair<std::string, std::string> lines(const std::string &File, unsigned Line) {
    auto It = Files.find(File);
    if (It == Files.end()) {
      std::vector<std::string> L;
      if (auto B = llvm::MemoryBuffer::getFile(File)) {
        llvm::StringRef S = (*B)->getBuffer();
        while (!S.empty()) {
          auto [Head, Tail] = S.split('\n');
          L.push_back(Head.str());
          S = Tail;
        }
      }
      It = Files.emplace(File, std::move(L)).first;
    }
    const auto &L = It->second;
    std::string Cur = Line >= 1 && Line <= L.size() ? L[Line - 1] : "";
    std::string Prev = Line >= 2 && Line - 1 <= L.size() ? L[Line - 2] : "";
    return {Cur, Prev};
  }

private:
  std::map<std::string, std::vector<std::string>> Files;
};
}  // namespace

void applySuppressions(std::vector<Finding> &Fs, const Config &Cfg) {
  LineCache LC;
  std::vector<Finding> Keep;
  for (auto &F : Fs) {
    bool Drop = false;
    std::vector<Site> Sites{F.site};
    for (const auto &N : F.notes)
      Sites.push_back(N.site);
    for (const auto &S : Sites) {
      auto [Line, Prev] = LC.lines(S.file, S.line);
      if (nolintSuppresses(Line, Prev, F.kind)) {
        Drop = true;
        break;
      }
    }
    if (!Drop && !Cfg.suppressions.empty()) {  // `suppress` lines and --suppressions (docs/suppressions.md)
      SuppressionSubject Sub{F.kind, F.locks, {F.function}, {}, {F.fingerprint}};
      for (const auto &S : Sites)
        Sub.files.push_back(S.file);
      for (const auto &N : F.notes) {  // the functions the notes name: "(edge A => B, in f())", "call to g()"
        const std::string &M = N.message;
        size_t At = M.find(", in "), Skip = 5;
        if (M.rfind("path ", 0) == 0) {  // a self-deadlock's further path: "path 2 of 5, in f(): ..."
          At = M.find(", in ");
        } else if (M.find(" (edge ") == std::string::npos) {
          At = M.rfind("call to ", 0) == 0 ? 0 : std::string::npos;
          Skip = 8;
        }
        if (At != std::string::npos && M.find("()", At) != std::string::npos)
          Sub.functions.push_back(M.substr(At + Skip, M.find("()", At) - At - Skip));
      }
      Drop = firstMatchingSuppression(Cfg.suppressions, Sub) >= 0;
    }
    if (!Drop)
      Keep.push_back(std::move(F));
  }
  Fs = std::move(Keep);
}

static std::string loc(const Site &S) {
  return printableName(S.file) + ":" + std::to_string(S.line) + ":" + std::to_string(S.col);
}

void printText(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, bool Color) {
  for (const auto &F : Fs) {
    if (Color)
      OS.changeColor(llvm::raw_ostream::WHITE, true);
    OS << loc(F.site) << ": ";
    if (Color)
      OS.changeColor(llvm::raw_ostream::MAGENTA, true);
    OS << "warning: ";
    if (Color)
      OS.changeColor(llvm::raw_ostream::WHITE, true);
    OS << F.message << " [lockgraph-" << F.kind << "]\n";
    if (Color)
      OS.resetColor();
    for (const auto &N : F.notes) {
      OS << loc(N.site) << ": ";
      if (Color)
        OS.changeColor(llvm::raw_ostream::BLACK, true);
      OS << "note: ";
      if (Color)
        OS.resetColor();
      OS << N.message << "\n";
    }
  }
}

static void siteJson(std::string &O, const Site &S, const std::string *Msg) {
  O += "{\"column\":" + std::to_string(S.col) + ",\"file\":";
  appendJsonString(O, S.file);
  O += ",\"line\":" + std::to_string(S.line);
  if (Msg) {
    O += ",\"message\":";
    appendJsonString(O, *Msg);
  }
  O += '}';
}


// Written by hand (keys sorted, as llvm::json prints them) so that file names keep their bytes.
void printJson(llvm::raw_ostream &OS, const std::vector<Finding> &Fs) {
  for (const auto &F : Fs) {
    std::string O = "{";
    if (!F.also.empty()) {  // the other cycles through this one's shared edge
      O += "\"also_cycles\":[";
      for (size_t I = 0; I < F.also.size(); ++I) {
        if (I)
          O += ',';
        appendJsonStrings(O, F.also[I]);
      }
      O += "],";
    }
    O += "\"class\":";
    appendJsonString(O, F.kind == "latent-lock-order" ? "latent" : "warning");  // as the hook's JSON
    O += ",\"column\":" + std::to_string(F.site.col);
    if (!F.cycle.empty()) {
      O += ",\"cycle\":";
      appendJsonStrings(O, F.cycle);
    }
    O += ",\"file\":";
    appendJsonString(O, F.site.file);
    O += ",\"fingerprint\":";
    appendJsonString(O, F.fingerprint);
    O += ",\"function\":";
    appendJsonString(O, F.function);
    O += ",\"kind\":";
    appendJsonString(O, F.kind);
    O += ",\"line\":" + std::to_string(F.site.line) + ",\"locks\":";
    appendJsonStrings(O, F.locks);
    O += ",\"message\":";
    appendJsonString(O, F.message);
    O += ",\"notes\":[";
    for (size_t I = 0; I < F.notes.size(); ++I) {
      if (I)
        O += ',';
      siteJson(O, F.notes[I].site, &F.notes[I].message);
    }
    O += ']';
    if (F.paths > 1)  // a self-deadlock standing for several call paths
      O += ",\"paths\":" + std::to_string(F.paths);
    O += ",\"sites\":[";
    siteJson(O, F.site, nullptr);
    for (const auto &N : F.notes) {
      O += ',';
      siteJson(O, N.site, nullptr);
    }
    O += "],\"tool\":\"lockgraph-analyze\"}\n";
    OS << O;
  }
}

static json::Value physical(const Site &S) {
  std::string Uri = fileUri(S.file);
  return json::Object{{"physicalLocation",
                       json::Object{{"artifactLocation", json::Object{{"uri", Uri}}},
                                    {"region", json::Object{{"startLine", S.line}, {"startColumn", S.col ? S.col : 1}}}}}};
}

void printSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, const std::vector<Unanalyzed> &Failed,
                const std::vector<std::string> &Limits) {
  json::Array Rules;
  std::map<std::string, int> RuleIndex;
  for (const auto &K : Kinds) {
    RuleIndex[K.id] = static_cast<int>(Rules.size());
    Rules.push_back(json::Object{{"id", K.id},
                                 {"name", K.id},
                                 {"shortDescription", json::Object{{"text", K.description}}},
                                 {"helpUri", std::string("https://lockgraph.invalid/docs/analyzer.md#") + K.id},
                                 {"defaultConfiguration", json::Object{{"level", "warning"}}}});
  }
  json::Array Results;
  for (const auto &F : Fs) {
    json::Array Related, Flow;
    int Id = 1;
    for (const auto &N : F.notes) {
      json::Object L = *physical(N.site).getAsObject();
      L["id"] = Id++;
      L["message"] = json::Object{{"text", N.message}};
      Related.push_back(std::move(L));
      json::Object L2 = *physical(N.site).getAsObject();
      L2["message"] = json::Object{{"text", N.message}};
      Flow.push_back(json::Object{{"location", std::move(L2)}});
    }
    json::Object R{{"ruleId", F.kind},
                   {"ruleIndex", RuleIndex.count(F.kind) ? RuleIndex[F.kind] : 0},
                   {"level", F.kind == "latent-lock-order" ? "note" : "warning"},
                   {"message", json::Object{{"text", F.message}}},
                   {"locations", json::Array{physical(F.site)}},
                   {"partialFingerprints", json::Object{{"lockgraphFingerprint/v1", F.fingerprint}}}};
    if (!F.also.empty()) {  // the other cycles through this one's shared edge (their notes are above)
      json::Array Also;
      for (const auto &C : F.also)
        Also.push_back(json::Array(C));
      R["properties"] = json::Object{{"alsoCycles", std::move(Also)}};
    }
    if (!Related.empty()) {
      R["relatedLocations"] = std::move(Related);
      R["codeFlows"] = json::Array{json::Object{{"threadFlows", json::Array{json::Object{{"locations", std::move(Flow)}}}}}};
    }
    Results.push_back(std::move(R));
  }
  json::Array Notifications;
  for (const auto &F : Failed)
    Notifications.push_back(json::Object{{"level", "error"},
                                         {"message", json::Object{{"text", "could not analyze " + F.file + ": " + F.reason}}},
                                         {"locations", json::Array{physical(Site{F.file, 1, 1, 0})}}});
  for (const auto &L : Limits)
    Notifications.push_back(json::Object{{"level", "warning"}, {"message", json::Object{{"text", "not searched: " + L}}}});
  json::Object Run{{"tool", json::Object{{"driver", json::Object{{"name", "lockgraph-analyze"},
                                                                  {"version", "0.1.0"},
                                                                  {"informationUri", "https://lockgraph.invalid/docs/analyzer.md"},
                                                                  {"rules", std::move(Rules)}}}}},
                   {"results", std::move(Results)},
                   {"invocations", json::Array{json::Object{{"executionSuccessful", Failed.empty()},
                                                            {"toolExecutionNotifications", std::move(Notifications)}}}}};
  json::Object Top{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Top))) << "\n";
}

// ---- baselines ----------------------------------------------------------------

static bool isFingerprint(llvm::StringRef S) {
  return S.size() == 16 && S.find_first_not_of("0123456789abcdef") == llvm::StringRef::npos;
}

// The fingerprints of a SARIF log written by --format=sarif.
static bool sarifFingerprints(const json::Object &Top, const std::string &Name, std::set<std::string> &Out,
                              std::string &Err) {
  const json::Array *Runs = Top.getArray("runs");
  if (!Runs) {
    Err = Name + ": a JSON document without \"runs\": neither a SARIF log nor the analyzer's JSON lines";
    return false;
  }
  for (const auto &R : *Runs) {
    const json::Object *RO = R.getAsObject();
    const json::Array *Results = RO ? RO->getArray("results") : nullptr;
    if (!RO || (!Results && RO->get("results"))) {
      Err = Name + ": malformed SARIF: a run without a \"results\" array";
      return false;
    }
    if (!Results)
      continue;
    size_t I = 0;
    for (const auto &Res : *Results) {
      const json::Object *O = Res.getAsObject();
      const json::Object *PF = O ? O->getObject("partialFingerprints") : nullptr;
      auto FP = PF ? PF->getString("lockgraphFingerprint/v1") : std::nullopt;
      if (!FP || !isFingerprint(*FP)) {
        Err = Name + ": SARIF result " + std::to_string(I) +
              " has no partialFingerprints[\"lockgraphFingerprint/v1\"] (not written by lockgraph-analyze --format=sarif?)";
        return false;
      }
      Out.insert(FP->str());
      ++I;
    }
  }
  return true;
}

// Calls `F(line, number)` for each non-blank line, trimmed; stops at the first false.
template <typename Fn> static bool forEachLine(llvm::StringRef T, Fn F) {
  unsigned LineNo = 0;
  for (llvm::StringRef Rest = T; !Rest.empty();) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    ++LineNo;
    Line = Line.trim();
    if (!Line.empty() && !F(Line, LineNo))
      return false;
  }
  return true;
}

bool parseBaseline(const std::string &Text, const std::string &Name, std::set<std::string> &Out, std::string &Err) {
  llvm::StringRef T(Text);
  llvm::StringRef Trimmed = T.trim();
  if (Trimmed.empty())
    return true;  // the JSON output of a run without findings
  if (Trimmed.front() == '{') {
    // one JSON document (SARIF, pretty-printed over many lines), or JSON lines
    std::string DocErr;
    json::Value Doc(nullptr);
    if (parseJsonText(Trimmed.str(), Doc, DocErr)) {
      const json::Object *O = Doc.getAsObject();
      if (O && !O->get("fingerprint"))
        return sarifFingerprints(*O, Name, Out, Err);
    }
    bool First = true;
    return forEachLine(T, [&](llvm::StringRef Line, unsigned LineNo) {
      std::string Where = Name + ":" + std::to_string(LineNo) + ": ";
      json::Value LineV(nullptr);
      std::string LineErr;
      if (!parseJsonText(Line.str(), LineV, LineErr)) {
        // a truncated SARIF log, or a JSON document cut short: its own error is the useful one
        Err = First ? Name + ": malformed JSON (" + DocErr + ")" : Where + "not JSON (" + LineErr + ")";
        return false;
      }
      First = false;
      const json::Object *O = LineV.getAsObject();
      auto FP = O ? O->getString("fingerprint") : std::nullopt;
      if (!FP || !isFingerprint(*FP)) {
        Err = Where + "a JSON record without a \"fingerprint\" of 16 hex digits (not written by lockgraph-analyze --format=json?)";
        return false;
      }
      Out.insert(FP->str());
      return true;
    });
  }
  return forEachLine(T, [&](llvm::StringRef Line, unsigned LineNo) {
    if (Line.front() == '#')
      return true;
    llvm::StringRef Word = Line.take_until([](char C) { return C == ' ' || C == '\t' || C == '#'; });
    if (!isFingerprint(Word)) {
      Err = Name + ":" + std::to_string(LineNo) + ": expected a fingerprint (16 lowercase hex digits), a '#' comment, " +
            "or the analyzer's JSON or SARIF output; got '" + Line.take_front(60).str() + "'";
      return false;
    }
    Out.insert(Word.str());
    return true;
  });
}

bool loadBaseline(const std::string &Path, std::set<std::string> &Out, std::string &Err) {
  std::string Text;
  if (!readInputFile(Path, userFileLimits(), Text, Err)) {
    Err = "cannot read baseline file '" + Path + "': " + Err;
    return false;
  }
  return parseBaseline(Text, Path, Out, Err);
}

size_t applyBaseline(std::vector<Finding> &Fs, const std::set<std::string> &Baseline) {
  size_t Before = Fs.size();
  Fs.erase(std::remove_if(Fs.begin(), Fs.end(), [&](const Finding &F) { return Baseline.count(F.fingerprint) > 0; }),
           Fs.end());
  return Before - Fs.size();
}

std::string baselineText(const std::vector<Finding> &Fs) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    Cwd.clear();
  std::string Prefix = Cwd.empty() ? std::string() : std::string(Cwd) + "/";
  auto Shown = [&](const std::string &File) {
    return !Prefix.empty() && llvm::StringRef(File).starts_with(Prefix) ? File.substr(Prefix.size()) : File;
  };
  std::vector<std::string> Order;
  std::map<std::string, std::string> Comments;
  for (const auto &F : Fs) {
    std::string What = F.kind + " ";
    if (!F.cycle.empty()) {
      for (const auto &L : F.cycle)
        What += L + " => ";
      What += F.cycle.front();
    } else {
      for (size_t I = 0; I < F.locks.size(); ++I)
        What += (I ? ", " : "") + F.locks[I];
    }
    What += " at " + printableName(Shown(F.site.file)) + ":" + std::to_string(F.site.line);
    if (!F.function.empty())
      What += " in " + F.function + "()";
    auto [It, New] = Comments.emplace(F.fingerprint, "");
    if (New)
      Order.push_back(F.fingerprint);
    It->second += "# " + What + "\n";
  }
  std::string Out = "# lockgraph-analyze baseline: " + std::to_string(Order.size()) +
                    " fingerprint(s). Use: lockgraph-analyze --baseline FILE (docs/analyzer.md)\n";
  for (const auto &FP : Order)
    Out += Comments[FP] + FP + "\n";
  return Out;
}

}  // namespace lockgraph
