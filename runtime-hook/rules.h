// The readers of the files a user gives the hook - suppressions and baselines - as functions over
// text, with no state and no limit on size (the caller sizes the output from CountLines). The
// hook's report.cc loads the files with them; the fuzz target (tests/fuzz) reads with them too.
#ifndef LOCKGRAPH_RUNTIME_HOOK_RULES_H_
#define LOCKGRAPH_RUNTIME_HOOK_RULES_H_

#include <cstddef>
#include <cstdint>

#pragma GCC visibility push(hidden)
namespace lg {

// An upper bound of the rules or fingerprints in `text`: its lines.
size_t CountLines(const char *text, size_t len);

// A suppression rule, in the format of common/suppressions.h (docs/suppressions.md):
//   KIND [lock:GLOB] [function:GLOB] [file:GLOB] [fingerprint:HEX] [any:GLOB]
// and the older forms `KIND:GLOB` (= any:GLOB) and `suppress KIND [NAME [FILE]]`.
enum SuppField { kSuppLock, kSuppFunction, kSuppFile, kSuppFingerprint, kSuppName, kSuppAny, kSuppFields };
struct Suppression {
  const char *kind;                  // a finding id or "*"
  const char *pattern[kSuppFields];  // nullptr: the rule does not name the field
};
// Reads one line of a suppressions file (NUL-terminated, split in place). *rule is set when the
// line is a rule (then in *out); returns why the line cannot be used, or nullptr (a rule, a
// comment, a blank line).
const char *ParseSuppressionLine(char *line, Suppression *out, bool *rule);

// The fingerprints of a baseline: the JSON-lines output of an earlier run (each record's
// "fingerprint"), or lines that start with 16 hex digits. `out` has room for CountLines(text).
size_t ParseBaseline(const char *text, size_t len, uint64_t *out);

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_RULES_H_
