// Report: suppressions (NOLINT comments, config file) and the three output
// formats: clang-style text, JSON lines, SARIF 2.1.0.
#ifndef LOCKGRAPH_ANALYZER_REPORT_H
#define LOCKGRAPH_ANALYZER_REPORT_H

#include "Analysis.h"

#include <set>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace lockgraph {

struct Config;

// True when `LineText` (or `PrevLineText` with NOLINTNEXTLINE) suppresses finding id `Id`:
// NOLINT, NOLINT(lockgraph-<id>), NOLINT(lockgraph-*), comma-separated lists.
bool nolintSuppresses(const std::string &LineText, const std::string &PrevLineText, const std::string &Id);

// Drops findings suppressed by a NOLINT comment at the warning or at any of its
// acquisition notes, or by a `suppress` line of the config.
void applySuppressions(std::vector<Finding> &Fs, const Config &Cfg);

// Baselines (--baseline FILE): reads the fingerprints of FILE, which is an earlier output of
// the analyzer in --format=json (JSON lines, "fingerprint") or --format=sarif
// (partialFingerprints["lockgraphFingerprint/v1"]), or a list of fingerprints, one per line
// (16 hex digits, then anything; blank lines and `#` comments skipped), as --write-baseline
// writes. False with `Err` set when FILE cannot be read or is none of these.
bool loadBaseline(const std::string &Path, std::set<std::string> &Fingerprints, std::string &Err);
// Same, from the file's text (`Name` is used in messages).
bool parseBaseline(const std::string &Text, const std::string &Name, std::set<std::string> &Fingerprints, std::string &Err);
// Drops the findings whose fingerprint is in `Baseline`; returns how many were dropped.
size_t applyBaseline(std::vector<Finding> &Fs, const std::set<std::string> &Baseline);
// The --write-baseline file: each distinct fingerprint of `Fs` on its own line, after a
// `#` comment naming the finding.
std::string baselineText(const std::vector<Finding> &Fs);

enum class Format { Text, Json, Sarif };

// A TU that could not be analyzed, and why ("it does not compile").
struct Unanalyzed {
  std::string file, reason;
};

// File names are shown as they are when they are printable UTF-8; in text, other bytes and
// control characters are C escapes (printableName); in JSON they keep their bytes
// (appendJsonString's \udcXX escapes); in SARIF URIs they are percent-encoded.
void printText(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, bool Color);
void printJson(llvm::raw_ostream &OS, const std::vector<Finding> &Fs);
// `Limits`: what the analysis did not search (analyzeProgram), as warning notifications.
void printSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, const std::vector<Unanalyzed> &Failed,
                const std::vector<std::string> &Limits = {});

}  // namespace lockgraph

#endif
