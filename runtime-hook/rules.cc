#include "rules.h"

#include <cstring>

#include "internal.h"

namespace lg {

size_t CountLines(const char *text, size_t len) {
  size_t n = 1;
  for (size_t i = 0; i < len; ++i) n += text[i] == '\n';
  return n;
}

size_t ParseSuppressions(char *p, Suppression *out) {
  size_t n = 0;
  while (*p) {
    char *line = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    while (*line == ' ' || *line == '\t') ++line;
    if (*line == '#' || *line == 0) continue;
    char *colon = strchr(line, ':');
    if (!colon) continue;
    *colon = 0;
    char *end = colon + 1 + StrLen(colon + 1);
    while (end > colon + 1 && (end[-1] == ' ' || end[-1] == '\r')) *--end = 0;
    out[n++] = Suppression{line, colon + 1};
  }
  return n;
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
