// The one suppressions format of lockgraph, read by `lockgraph analyze` (--suppressions, and the
// config file's `suppress` lines), `lockgraph report` (--suppressions) and, through its own
// allocation-free copy in runtime-hook/report.cc, the runtime hook (`lockgraph run
// --suppressions`, option suppressions=FILE). docs/suppressions.md describes it:
//
//   KIND [lock:GLOB] [function:GLOB] [file:GLOB] [fingerprint:HEX] [any:GLOB]
//   lock-order-inversion lock:Store::data_mu_
//   *                    file:*/third_party/*
//
// A rule drops a finding of KIND (an id of common/findings.inc, `lockgraph-ID`, or `*`) when every
// field it names matches: lock (one of the finding's locks or, for races, its variable),
// function (one of its functions: where it is reported, the frames of its stacks), file (one of
// its files: its location, its notes, the frames of its stacks), fingerprint (one of its
// fingerprints), any (a lock, function or file). GLOB: `*` any run of characters, `/` included;
// `?` one character. A file GLOB that starts with neither `/` nor `*` also matches a path ending
// in `/GLOB`. Older forms are read too: the hook's `KIND:GLOB` (= `KIND any:GLOB`) and the
// analyzer config's `suppress KIND [NAME-GLOB [FILE-GLOB]]` (NAME: a lock or a function).
// Plain C++ (no LLVM), shared by the analyzer and the tools.
#ifndef LOCKGRAPH_COMMON_SUPPRESSIONS_H_
#define LOCKGRAPH_COMMON_SUPPRESSIONS_H_

#include <string>
#include <vector>

namespace lockgraph {

struct SuppressionRule {
  std::string kind = "*";  // a finding id (without lockgraph-) or "*"
  // Each empty when the rule does not name it.
  std::string lock, function, file, fingerprint, any;
  std::string name;  // legacy `suppress KIND NAME`: a lock or a function
  std::string text;  // the line as written, for messages
};

// What a rule is matched against.
struct SuppressionSubject {
  std::string kind;
  std::vector<std::string> locks, functions, files, fingerprints;
};

// Parses one line. Blank and comment lines set `IsRule` false. False with `Err` on a bad line.
bool parseSuppressionLine(const std::string &Line, SuppressionRule &Rule, bool &IsRule, std::string &Err);
// Parses a whole file; `Err` is "line N: ..." for the first bad line.
bool parseSuppressions(const std::string &Text, std::vector<SuppressionRule> &Rules, std::string &Err);

bool suppressionMatches(const SuppressionRule &Rule, const SuppressionSubject &S);
// The index of the first matching rule, or -1.
int firstMatchingSuppression(const std::vector<SuppressionRule> &Rules, const SuppressionSubject &S);

// `*` and `?` matching over the whole string.
bool suppressionGlob(const std::string &Glob, const std::string &S);
// A file GLOB: as suppressionGlob, or a relative GLOB matching the path's tail after a '/'.
bool suppressionFileGlob(const std::string &Glob, const std::string &Path);

// True for a finding id of common/findings.inc, with or without `lockgraph-`, and "*".
bool isFindingIdOrStar(const std::string &Id);

}  // namespace lockgraph

#endif  // LOCKGRAPH_COMMON_SUPPRESSIONS_H_
