#include "rules.h"

#include <cstring>

#include "internal.h"

namespace lg {

size_t CountLines(const char *text, size_t len) {
  size_t n = 1;
  for (size_t i = 0; i < len; ++i) n += text[i] == '\n';
  return n;
}

namespace {

const char *SuppKind(const char *k) {  // the id without "lockgraph-", or nullptr if unknown
  if (StrStartsWith(k, "lockgraph-")) k += 10;
  if (StrEq(k, "*")) return k;
  static const char *const kIds[] = {
#define LOCKGRAPH_FINDING(e, id, desc) id,
#include "findings.inc"
  };
  for (const char *id : kIds)
    if (StrEq(k, id)) return k;
  return nullptr;
}

bool SuppBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

const char *ParseSuppressionLine(char *line, Suppression *out, bool *rule) {
  *rule = false;
  for (char *c = line; *c; ++c)  // '#' starts a comment at the start or after a blank
    if (*c == '#' && (c == line || SuppBlank(c[-1]))) {
      *c = 0;
      break;
    }
  while (SuppBlank(*line)) ++line;
  char *end = line + StrLen(line);
  while (end > line && SuppBlank(end[-1])) *--end = 0;
  if (*line == 0) return nullptr;
  Suppression r = {};
  char *first_end = line;
  while (*first_end && !SuppBlank(*first_end)) ++first_end;
  char *colon = strchr(line, ':');
  if (colon && colon < first_end) {  // the hook's older form KIND:GLOB
    *colon = 0;
    r.kind = SuppKind(line);
    r.pattern[kSuppAny] = colon + 1;
    if (!r.kind || !colon[1]) return r.kind ? "an empty pattern" : "an unknown finding id";
    *out = r;
    *rule = true;
    return nullptr;
  }
  char *words[8];
  int n = 0;
  for (char *c = line; *c && n < 8;) {
    while (SuppBlank(*c)) *c++ = 0;
    if (!*c) break;
    words[n++] = c;
    while (*c && !SuppBlank(*c)) ++c;
  }
  int w = 0;
  bool legacy = StrEq(words[0], "suppress");  // the analyzer config's form
  if (legacy) ++w;
  if (w >= n || !(r.kind = SuppKind(words[w]))) return "expected a finding id or * first";
  ++w;
  for (int positional = 0; w < n; ++w) {
    char *c = strchr(words[w], ':');
    int field = -1;
    if (c) {
      *c = 0;
      static const char *const kNames[] = {"lock", "function", "file", "fingerprint", "name", "any"};
      for (int f = 0; f < kSuppFields; ++f)
        if (f != kSuppName && StrEq(words[w], kNames[f])) field = f;
      if (field < 0) *c = ':';
    }
    if (field >= 0) {
      r.pattern[field] = c + 1;
    } else if (legacy && positional < 2) {  // suppress KIND NAME-GLOB FILE-GLOB
      if (!StrEq(words[w], "*")) r.pattern[positional == 0 ? kSuppName : kSuppFile] = words[w];
      ++positional;
    } else {
      return "expected FIELD:GLOB (lock, function, file, fingerprint, any)";
    }
  }
  *out = r;
  *rule = true;
  return nullptr;
}


namespace {
int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads 16 hex digits at p; false if they are not there.
bool ParseFingerprint(const char *p, const char *end, uint64_t *out) {
  if (end - p < 16) return false;
  uint64_t v = 0;
  for (int i = 0; i < 16; ++i) {
    int d = HexDigit(p[i]);
    if (d < 0) return false;
    v = v << 4 | static_cast<uint64_t>(d);
  }
  if (end - p > 16 && HexDigit(p[16]) >= 0) return false;
  *out = v;
  return true;
}
}  // namespace

size_t ParseBaseline(const char *p, size_t len, uint64_t *out) {
  size_t n = 0;
  const char *end = p + len;
  static const char key[] = "\"fingerprint\"";
  while (p < end) {
    const char *nl = p;
    while (nl < end && *nl != '\n') ++nl;
    const char *k = nullptr;  // the value of "fingerprint": "..." (spaces allowed around the colon)
    for (const char *q = p; q + sizeof(key) - 1 <= nl && !k; ++q) {
      if (memcmp(q, key, sizeof(key) - 1) != 0) continue;
      const char *v = q + sizeof(key) - 1;
      while (v < nl && (*v == ' ' || *v == '\t')) ++v;
      if (v < nl && *v == ':') ++v; else continue;
      while (v < nl && (*v == ' ' || *v == '\t')) ++v;
      if (v < nl && *v == '"') k = v + 1;
    }
    uint64_t v;
    if (k ? ParseFingerprint(k, nl, &v) : ParseFingerprint(p, nl, &v)) out[n++] = v;
    p = nl + 1;
  }
  return n;
}

}  // namespace lg
