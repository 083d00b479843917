#include "json_value.h"

#include <cstdio>
#include <cstdlib>

namespace lockgraph {
namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when there is none.
size_t Utf8Length(const std::string &s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned c = byte(i);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return 0;
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned c1 = byte(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

class Parser {
 public:
  explicit Parser(const std::string &t) : t_(t) {}

  bool Parse(JsonValue &out, std::string &error) {
    if (!Value(out, 0)) {
      error = err_.empty() ? "invalid JSON" : err_;
      error += " at offset " + std::to_string(pos_);
      return false;
    }
    Space();
    if (pos_ != t_.size()) {
      error = "unexpected text after the value at offset " + std::to_string(pos_);
      return false;
    }
    return true;
  }

 private:
  void Space() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r'))
      ++pos_;
  }
  bool Fail(const char *why) {
    if (err_.empty()) err_ = why;
    return false;
  }
  bool Literal(const char *word) {
    size_t n = std::char_traits<char>::length(word);
    if (t_.compare(pos_, n, word) != 0) return Fail("invalid literal");
    pos_ += n;
    return true;
  }

  bool Value(JsonValue &v, int depth) {
    if (depth > 64) return Fail("nesting too deep");
    Space();
    if (pos_ >= t_.size()) return Fail("unexpected end (truncated record?)");
    char c = t_[pos_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v.kind = JsonValue::kString;
      return String(v.string);
    }
    if (c == 't' || c == 'f') {
      v.kind = JsonValue::kBool;
      v.boolean = c == 't';
      return Literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') {
      v.kind = JsonValue::kNull;
      return Literal("null");
    }
    return Number(v);
  }

  // A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. Its text is kept,
  // so that a number too large for a double (1e999) is written back as it was, never as "inf".
  bool Number(JsonValue &v) {
    size_t start = pos_;
    auto digits = [this]() {
      size_t from = pos_;
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < t_.size() && t_[pos_] == '-') ++pos_;
    if (pos_ < t_.size() && t_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return Fail("expected a value");
    }
    if (pos_ < t_.size() && t_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return Fail("bad number");
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < t_.size() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (digits() == 0) return Fail("bad number");
    }
    v.kind = JsonValue::kNumber;
    v.raw = t_.substr(start, pos_ - start);
    v.number = std::strtod(v.raw.c_str(), nullptr);
    return true;
  }

  static void Utf8(unsigned cp, std::string &out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool Hex4(unsigned &cp) {
    if (pos_ + 4 > t_.size()) return Fail("truncated \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = t_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
      else return Fail("bad \\u escape");
    }
    return true;
  }

  bool String(std::string &out) {
    ++pos_;  // the opening quote
    for (;;) {
      if (pos_ >= t_.size()) return Fail("unterminated string (truncated record?)");
      char c = t_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
      if (static_cast<unsigned char>(c) >= 0x80) {  // invalid UTF-8 becomes U+FFFD
        --pos_;
        size_t n = Utf8Length(t_, pos_);
        if (n == 0) {
          Utf8(0xFFFD, out);
          ++pos_;
        } else {
          out.append(t_, pos_, n);
          pos_ += n;
        }
        continue;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= t_.size()) return Fail("unterminated escape");
      char e = t_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // a pair, or a lone half: U+FFFD
            unsigned lo = 0;
            if (pos_ + 6 <= t_.size() && t_[pos_] == '\\' && t_[pos_ + 1] == 'u') {
              size_t save = pos_;
              pos_ += 2;
              if (!Hex4(lo)) return false;
              if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              } else {
                pos_ = save;  // not a low half: it is read on its own
                cp = 0xFFFD;
              }
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          Utf8(cp, out);
          break;
        }
        default:
          return Fail("bad escape");
      }
    }
  }

  bool Array(JsonValue &v, int depth) {
    v.kind = JsonValue::kArray;
    ++pos_;
    Space();
    if (pos_ < t_.size() && t_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      v.array.emplace_back();
      if (!Value(v.array.back(), depth + 1)) return false;
      Space();
      if (pos_ >= t_.size()) return Fail("unterminated array (truncated record?)");
      char c = t_[pos_++];
      if (c == ']') return true;
      if (c != ',') return Fail("expected ',' or ']'");
    }
  }

  bool Object(JsonValue &v, int depth) {
    v.kind = JsonValue::kObject;
    ++pos_;
    Space();
    if (pos_ < t_.size() && t_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      Space();
      if (pos_ >= t_.size()) return Fail("unterminated object (truncated record?)");
      if (t_[pos_] != '"') return Fail("expected a member name");
      std::string key;
      if (!String(key)) return false;
      Space();
      if (pos_ >= t_.size() || t_[pos_] != ':') return Fail("expected ':'");
      ++pos_;
      if (!Value(v.object[key], depth + 1)) return false;
      Space();
      if (pos_ >= t_.size()) return Fail("unterminated object (truncated record?)");
      char c = t_[pos_++];
      if (c == '}') return true;
      if (c != ',') return Fail("expected ',' or '}'");
    }
  }

  const std::string &t_;
  size_t pos_ = 0;
  std::string err_;
};

}  // namespace

const JsonValue &JsonValue::operator[](const std::string &key) const {
  static const JsonValue null;
  if (kind != kObject) return null;
  auto it = object.find(key);
  return it == object.end() ? null : it->second;
}

bool ParseJson(const std::string &text, JsonValue &out, std::string &error) {
  out = JsonValue();
  return Parser(text).Parse(out, error);
}

std::string JsonQuote(const std::string &s) {
  std::string o = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {  // only well-formed UTF-8 goes out: anything else is U+FFFD
      size_t n = Utf8Length(s, i);
      if (n == 0) {
        o += "\\ufffd";
        ++i;
      } else {
        o.append(s, i, n);
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o + "\"";
}

}  // namespace lockgraph
