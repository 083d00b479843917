// libFuzzer target over every parser of input lockgraph does not control:
//   0  the launcher's JSON reader (tools/json_value.cc), one record
//   1  the merger (tools/report.cc, tools/report/): lines of records, written in every format but
//      HTML; what it writes must be valid UTF-8 and, for JSON, SARIF and code quality, valid JSON
//   2  the hook's LOCKGRAPH_OPTIONS parser (runtime-hook/options.cc, common/options_syntax.h)
//   3  the suppressions readers: the hook's (runtime-hook/rules.cc) and the launcher's and
//      report's (common/suppressions.cc)
//   4  the hook's baseline reader (runtime-hook/rules.cc)
// The first byte of an input chooses the parser (modulo 5); the rest is the text.
//   build/bin/lockgraph_fuzz -close_fd_mask=2 -max_total_time=60 CORPUS_DIR tests/fuzz/corpus
// (-close_fd_mask=2: the option parser's messages to stderr are dropped; libFuzzer's are not).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "../../common/suppressions.h"
#include "hook_state.h"
#include "json_value.h"
#include "report.h"
#include "rules.h"

namespace {

// Well-formed UTF-8 (RFC 3629), as the writers promise.
bool ValidUtf8(const std::string &s) {
  for (size_t i = 0; i < s.size();) {
    unsigned c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    unsigned c1 = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 >= 0x90))
      return false;
    i += n;
  }
  return true;
}

void Check(bool ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "lockgraph_fuzz: %s\n", what);
    abort();
  }
}

void Merge(const std::string &text) {
  lockgraph::ReportInput in;
  in.name = "fuzz";
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) in.lines.push_back(line);
  for (const char *format : {"text", "json", "sarif", "codequality", "dot", "baseline"}) {
    std::ostringstream out, err;
    lockgraph::ReportOptions o;
    o.format = format;
    o.source_root = "/src";
    o.stream = &out;
    o.quiet = true;
    lockgraph::WriteReport({in}, o, err);
    std::string written = out.str();
    Check(ValidUtf8(written), "the report is not valid UTF-8");
    bool json = std::strcmp(format, "json") == 0 || std::strcmp(format, "sarif") == 0 ||
                std::strcmp(format, "codequality") == 0;
    if (!json) continue;
    lockgraph::JsonValue v;
    std::string why;
    Check(lockgraph::ParseJson(written, v, why), "a JSON report written is not JSON");
  }
}

const lg::Options kDefaults = lg::g_opt;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      lockgraph::JsonValue v;
      std::string why;
      if (lockgraph::ParseJson(text, v, why) && v.is_string())
        Check(ValidUtf8(lockgraph::JsonQuote(v.str())), "a string quoted back is not valid UTF-8");
      Merge(text);
      break;
    }
    case 1:
      Merge(text);
      break;
    case 2: {
      std::vector<char> copy(text.begin(), text.end());
      copy.push_back(0);
      lg::g_opt = kDefaults;
      lg::ParseOptionsText(copy.data());
      Check(lg::g_opt.exitcode >= 0 && lg::g_opt.exitcode <= 255, "exitcode out of range");
      Check(lg::g_opt.max_locks >= 16 && lg::g_opt.max_locks <= 67108864, "max_locks out of range");
      Check(lg::g_opt.stack_depth >= 1 && lg::g_opt.stack_depth <= 24, "stack_depth out of range");
      lg::g_opt = kDefaults;  // its str options pointed into the copy
      break;
    }
    case 3: {
      // The hook's reader (in place, no allocation), line by line as it loads a file ...
      std::vector<char> copy(text.begin(), text.end());
      copy.push_back(0);
      char *p = copy.data();
      while (*p) {
        char *line = p;
        while (*p && *p != '\n') ++p;
        if (*p) *p++ = 0;
        lg::Suppression rule;
        bool is_rule = false;
        const char *why = lg::ParseSuppressionLine(line, &rule, &is_rule);
        Check(!(why && is_rule), "a line both refused and read as a rule");
        if (is_rule)
          for (const char *pattern : rule.pattern)
            if (pattern) lg::WildcardMatch(pattern, "Store::data_mu_");
      }
      // ... and the launcher's and report's (common/suppressions.cc).
      std::vector<lockgraph::SuppressionRule> rules;
      std::string why;
      lockgraph::parseSuppressions(text, rules, why);
      break;
    }
    case 4: {
      std::vector<uint64_t> fps(lg::CountLines(text.data(), text.size()));
      Check(lg::ParseBaseline(text.data(), text.size(), fps.data()) <= fps.size(), "more fingerprints than lines");
      break;
    }
  }
  return 0;
}
