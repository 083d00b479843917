// A streaming JSON writer: keys and values in the order they are given, commas and indentation
// kept by the writer, so what it writes is always one valid JSON document (strings escaped,
// non-finite numbers written as null).
#ifndef LOCKGRAPH_TOOLS_REPORT_JSON_WRITER_H_
#define LOCKGRAPH_TOOLS_REPORT_JSON_WRITER_H_

#include <string>
#include <vector>

namespace lockgraph {

class JsonWriter {
 public:
  // indent < 0: everything on one line.
  explicit JsonWriter(int indent = 2) : indent_(indent) {}

  JsonWriter &BeginObject();
  JsonWriter &EndObject();
  JsonWriter &BeginArray();
  JsonWriter &EndArray();
  JsonWriter &Key(const std::string &k);
  JsonWriter &String(const std::string &s);
  JsonWriter &Int(long long v);
  JsonWriter &Number(double v);
  JsonWriter &Bool(bool b);
  JsonWriter &Null();
  // Shorthands for a member.
  JsonWriter &Member(const std::string &k, const std::string &v) { return Key(k).String(v); }
  JsonWriter &Member(const std::string &k, const char *v) { return Key(k).String(v); }
  JsonWriter &MemberInt(const std::string &k, long long v) { return Key(k).Int(v); }
  JsonWriter &MemberBool(const std::string &k, bool v) { return Key(k).Bool(v); }
  JsonWriter &StringArray(const std::string &k, const std::vector<std::string> &v);

  const std::string &str() const { return out_; }

 private:
  void BeforeValue();
  void Newline();
  struct Level {
    bool object;
    int count;
  };
  std::vector<Level> stack_;
  std::string out_;
  int indent_;
  bool after_key_ = false;
};

}  // namespace lockgraph

#endif  // LOCKGRAPH_TOOLS_REPORT_JSON_WRITER_H_
