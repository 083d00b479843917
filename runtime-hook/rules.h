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

// A suppression rule: `<finding id or *>:<pattern>`, the pattern (with * wildcards) matched against
// the names of a finding's locks, the functions of its stacks and their source files.
struct Suppression {
  const char *kind;  // a finding id or "*"
  const char *pattern;
};
// Splits NUL-terminated `text` into rules, in place (it writes NULs into it); `out` has room for
// CountLines(text). '#' lines and blank lines are comments; a line without ':' is ignored.
size_t ParseSuppressions(char *text, Suppression *out);

// The fingerprints of a baseline: the JSON-lines output of an earlier run (each record's
// "fingerprint"), or lines that start with 16 hex digits. `out` has room for CountLines(text).
size_t ParseBaseline(const char *text, size_t len, uint64_t *out);

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_RULES_H_
