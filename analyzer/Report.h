// Report: suppressions (NOLINT comments, config file) and the three output
// formats: clang-style text, JSON lines, SARIF 2.1.0.
#ifndef LOCKGRAPH_ANALYZER_REPORT_H
#define LOCKGRAPH_ANALYZER_REPORT_H

#include "Analysis.h"

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

enum class Format { Text, Json, Sarif };

void printText(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, bool Color);
void printJson(llvm::raw_ostream &OS, const std::vector<Finding> &Fs);
void printSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Fs, const std::vector<std::string> &FailedFiles);

}  // namespace lockgraph

#endif
