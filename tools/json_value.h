// A small JSON reader for the launcher (which must not depend on LLVM): enough for the hook's
// JSON-lines records. Parse() fails, with an offset, on anything that is not one complete JSON
// value - notably a record cut short when a process died while writing it.
#ifndef LOCKGRAPH_TOOLS_JSON_VALUE_H_
#define LOCKGRAPH_TOOLS_JSON_VALUE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lockgraph {

struct JsonValue {
  enum Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = kNull;
  bool boolean = false;
  double number = 0;
  std::string raw;  // a number's text as it was read (empty for numbers made in code)
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  // Member `key` of an object, or a shared null value.
  const JsonValue &operator[](const std::string &key) const;
  const std::string &str() const { return string; }
  bool is_string() const { return kind == kString; }
  bool is_array() const { return kind == kArray; }
  bool is_object() const { return kind == kObject; }
};

// Parses `text` as exactly one JSON value (surrounding white space allowed). On failure returns
// false and sets `error` to what went wrong and where. Strings come out as well-formed UTF-8:
// invalid bytes and lone surrogate escapes become U+FFFD.
bool ParseJson(const std::string &text, JsonValue &out, std::string &error);

// `s` as a JSON string literal, quotes included; bytes that are not well-formed UTF-8 become
// U+FFFD, so the result is always valid JSON.
std::string JsonQuote(const std::string &s);

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_JSON_VALUE_H_
