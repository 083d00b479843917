// Inputs of `lockgraph report`: each file is recognised by its contents and read into Evidence.
//   hook-jsonl      the runtime hook's JSON lines (lockgraph run --json, json_path=PREFIX)
//   analyzer-json   lockgraph analyze --format=json (JSON lines)
//   analyzer-sarif  lockgraph analyze --format=sarif;  hook-sarif: lockgraph run --sarif
//   tsan            ThreadSanitizer's text reports (TSAN_OPTIONS=log_path=...): data races,
//                   lock-order inversions, double locks, bad unlocks and destroys
// A file may mix the hook's and the analyzer's JSON lines. An empty file is a clean run's log.
#ifndef LOCKGRAPH_TOOLS_REPORT_INPUTS_H_
#define LOCKGRAPH_TOOLS_REPORT_INPUTS_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "model.h"

namespace lockgraph {

// Reads `text` (the contents of the input `name`). Appends what it holds to `out` and fills
// `summary`. Records that cannot be read are described on `err` as "name:line: what" and skipped;
// returns false when there was any (the rest is still read).
bool ReadInput(const std::string &name, const std::string &text, std::vector<Evidence> &out,
               InputSummary &summary, std::ostream &err);

// Reads the ThreadSanitizer reports of `text`; exposed for tests.
bool ReadTSan(const std::string &name, const std::string &text, std::vector<Evidence> &out, int *reports,
              std::ostream &err);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_INPUTS_H_
