// The syntax of LOCKGRAPH_OPTIONS, shared by the runtime hook (which parses it) and the launcher
// (which adds to it and reads back the exit code): name=value pairs separated by ':', ',' or
// white space. A value that holds a separator, a quote or a backslash is written in double
// quotes, inside which \" and \\ stand for " and \; outside quotes a backslash takes the next
// character as it is. So paths with spaces, commas or colons work:
//   json_path="/tmp/my logs/run:1/report":exitcode=70
//
// Header-only, no allocation and no library calls: the hook uses it before it is ready, on a
// copy of the environment variable that it decodes in place.
#ifndef LOCKGRAPH_COMMON_OPTIONS_SYNTAX_H_
#define LOCKGRAPH_COMMON_OPTIONS_SYNTAX_H_

namespace lockgraph_options {

inline bool IsSeparator(char c) { return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n'; }

// Splits the next pair off the NUL-terminated text at `p`, decoding quotes and escapes in place.
// On return *name and *value point into the text (value is "" when there is no '='); returns the
// position after the pair, or nullptr when no pair is left. *bad_quote is set when a quoted value
// has no closing quote (the value is then the rest of the text).
inline char *NextOption(char *p, char **name, char **value, bool *bad_quote) {
  *bad_quote = false;
  while (*p && IsSeparator(*p)) ++p;
  if (*p == 0) return nullptr;
  // The name: up to '=' or a separator, taken as it is.
  *name = p;
  while (*p && *p != '=' && !IsSeparator(*p)) ++p;
  if (*p != '=') {
    *value = p;  // no value: "" (the name's terminator is written below)
    if (*p) *p++ = 0;
    return p;
  }
  *p++ = 0;
  *value = p;
  char *out = p;
  bool quoted = false;
  for (;;) {
    char c = *p;
    if (c == 0) {
      if (quoted) *bad_quote = true;
      break;
    }
    ++p;
    if (quoted) {
      if (c == '"') {
        quoted = false;
      } else if (c == '\\' && (*p == '"' || *p == '\\')) {
        *out++ = *p++;
      } else {
        *out++ = c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '\\' && *p) {
      *out++ = *p++;
    } else if (IsSeparator(c)) {
      break;
    } else {
      *out++ = c;
    }
  }
  // `out` never passes `p`: decoding only shrinks. Terminate the value where it ends.
  char *next = p;
  *out = 0;
  return next;
}

// Does `value` need quotes to survive NextOption unchanged?
inline bool NeedsQuotes(const char *value) {
  if (*value == 0) return false;
  for (const char *p = value; *p; ++p)
    if (IsSeparator(*p) || *p == '"' || *p == '\\') return true;
  return false;
}

}  // namespace lockgraph_options

#endif  // LOCKGRAPH_COMMON_OPTIONS_SYNTAX_H_
