// `lockgraph run --confirm FINGERPRINT|all`: re-runs the program with the hook steering the
// schedule at the sites of a reported lock-order inversion (the hook's confirm mode,
// runtime-hook/confirm.cc), so that a real inversion deadlocks for real; each inversion is then
// reported as confirmed (with the actual-deadlock report of the run that deadlocked) or not
// reproduced in N runs. The inversions come from the JSON of a previous run (--confirm-from) or
// from a first, ordinary run of the program.
#ifndef LOCKGRAPH_TOOLS_CONFIRM_H_
#define LOCKGRAPH_TOOLS_CONFIRM_H_

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace lockgraph {

struct ConfirmRequest {
  std::string target;  // a fingerprint (16 hex digits), or "all"
  std::string from;    // the --json output of an earlier run; empty: a first ordinary run
  int runs = 3;        // steered runs per inversion, at most
};

// One run of the program under the hook: its exit status, the JSON records of its processes
// and, when `log_dir` was given, nothing else (the hook's text goes to LOG_DIR/text.<pid>).
struct LaunchResult {
  int code = 0;
  std::vector<std::string> records;
};
// Runs the program with `extra_options` added to the hook's options; false when it could not be
// started (a message was printed).
using Launcher = std::function<bool(const std::string &extra_options, LaunchResult *out)>;

// Runs the confirmation; `records` receives what --json should hold: the ordinary run's records
// (or the selected ones of --confirm-from), each inversion's annotated with its "confirm"
// object, and the actual-deadlock record of each run that confirmed one. Returns the exit
// status of `lockgraph run` (docs/runtime-hook.md): 67 when an inversion was confirmed, 66 when
// findings remain, the ordinary run's status otherwise, 125 for a fingerprint or file that names
// nothing to confirm.
int Confirm(const ConfirmRequest &request, const Launcher &launch, std::vector<std::string> *records,
            std::ostream &err);

// True when `s` is a well-formed --confirm argument ("all" or 16 hex digits).
bool ValidConfirmTarget(const std::string &s);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_CONFIRM_H_
