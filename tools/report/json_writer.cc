#include "json_writer.h"

#include <cmath>
#include <cstdio>

#include "../json_value.h"

namespace lockgraph {

void JsonWriter::Newline() {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(stack_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  if (stack_.back().count++ > 0) out_ += ',';
  Newline();
}

JsonWriter &JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  stack_.push_back({true, 0});
  return *this;
}

JsonWriter &JsonWriter::EndObject() {
  bool empty = stack_.back().count == 0;
  stack_.pop_back();
  if (!empty) Newline();
  out_ += '}';
  if (stack_.empty() && indent_ >= 0) out_ += '\n';
  return *this;
}

JsonWriter &JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  stack_.push_back({false, 0});
  return *this;
}

JsonWriter &JsonWriter::EndArray() {
  bool empty = stack_.back().count == 0;
  stack_.pop_back();
  if (!empty) Newline();
  out_ += ']';
  return *this;
}

JsonWriter &JsonWriter::Key(const std::string &k) {
  BeforeValue();
  out_ += JsonQuote(k);
  out_ += indent_ < 0 ? ":" : ": ";
  after_key_ = true;
  return *this;
}

JsonWriter &JsonWriter::String(const std::string &s) {
  BeforeValue();
  out_ += JsonQuote(s);
  return *this;
}

JsonWriter &JsonWriter::Int(long long v) {
  BeforeValue();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter &JsonWriter::Number(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {
    out_ += "null";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.17g", v);
    out_ += buf;
  }
  return *this;
}

JsonWriter &JsonWriter::Bool(bool b) {
  BeforeValue();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter &JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter &JsonWriter::StringArray(const std::string &k, const std::vector<std::string> &v) {
  Key(k).BeginArray();
  for (const auto &s : v) String(s);
  return EndArray();
}

}  // namespace lockgraph
