// LOCKGRAPH_OPTIONS: the parser and the help=1 text, both expanded from the one list in
// options.inc (as the defaults and the Options struct are), so they cannot drift apart. The
// syntax (separators, quoting) is common/options_syntax.h.
//
// The options are read when the library is loaded (a constructor), so help=1 and mistakes are
// answered even by a program that never takes a lock; nothing here calls an intercepted
// function, allocates with malloc or uses stdio. A value the hook cannot use is refused or
// clamped, always with a message; nothing is cut (the text is copied whole, into mmap'd memory).
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hook_state.h"
#include "options_syntax.h"

namespace lg {

Options g_opt = {
#define LG_OPTION(type, name, def, help) def,
#include "options.inc"
};

namespace {

void Say(const char *a, const char *b = "", const char *c = "", const char *d = "", const char *e = "") {
  char msg[1024];
  Buf m(msg, sizeof(msg));
  m.Str("lockgraph: ").Str(a).Str(b).Str(c).Str(d).Str(e).Char('\n');
  WriteAll(2, m.c_str(), m.size());
}

bool ParseBool(const char *name, const char *val, bool *out) {
  if (*val == 0 || StrEq(val, "1") || StrEq(val, "true") || StrEq(val, "yes")) {
    *out = true;
    return true;
  }
  if (StrEq(val, "0") || StrEq(val, "false") || StrEq(val, "no")) {
    *out = false;
    return true;
  }
  Say("option ", name, ": '", val, "' is not 0/1/true/false/yes/no; the default stays");
  return false;
}

bool ParseInt(const char *name, const char *val, int *out) {
  char *end = nullptr;
  errno = 0;
  long v = strtol(val, &end, 0);
  if (*val == 0 || *end != 0 || errno == ERANGE || v < -2147483647L - 1 || v > 2147483647L) {
    Say("option ", name, ": '", val, "' is not a number the hook can use; the default stays");
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

// Applies an option's range (options.inc) to a value just parsed.
void CheckRange(const char *name, int *value, int def, long lo, long hi, bool clamp) {
  if (*value >= lo && *value <= hi) return;
  char range[96], num[24];
  Buf r(range, sizeof(range));
  r.Str(" (").Dec(lo).Str("..").Dec(hi).Char(')');
  Buf n(num, sizeof(num));
  n.Dec(*value);
  if (clamp) {
    *value = *value < lo ? static_cast<int>(lo) : static_cast<int>(hi);
    char now[24];
    Buf w(now, sizeof(now));
    w.Dec(*value);
    Say("option ", name, "=", num, range);
    Say("  ... is outside what the hook supports; using ", now);
  } else {
    *value = def;
    Say("option ", name, "=", num, range);
    Say("  ... is refused; the default stays");
  }
}

void PrintHelp() {
  static const char head[] =
      "lockgraph runtime hook options (LOCKGRAPH_OPTIONS=\"k=v:k=v\"; separators ':', ',' or spaces;\n"
      "a value with one of those in it is written in double quotes: log_path=\"/tmp/my logs/x\"):\n";
  WriteAll(2, head, sizeof(head) - 1);
  char line[1024];
#define LG_OPTION(type, name, def, help)                                                             \
  {                                                                                                  \
    Buf b(line, sizeof(line));                                                                       \
    b.Str("  ").Str(#name).Str(" (" #type ", default ").Str(#def).Str(")\n      ").Str(help).Char('\n'); \
    WriteAll(2, b.c_str(), b.size());                                                                \
  }
#include "options.inc"
}

bool g_parsed = false;

}  // namespace

void ParseOptions() {
  if (g_parsed) return;
  g_parsed = true;
  const char *env = getenv("LOCKGRAPH_OPTIONS");
  if (env == nullptr) return;
  // Decoded in place, in a copy the size of the text (never freed: the str options point into it).
  size_t len = StrLen(env);
  char *text = static_cast<char *>(MapZeroed(len + 1));
  if (text == nullptr) {
    Say("cannot read LOCKGRAPH_OPTIONS (out of memory); the defaults stay");
    return;
  }
  memcpy(text, env, len);
  if (ParseOptionsText(text)) {
    PrintHelp();
    _exit(0);
  }
}

bool ParseOptionsText(char *text) {
  bool help = false;
  char *name, *val;
  bool bad_quote;
  for (char *p = text; (p = lockgraph_options::NextOption(p, &name, &val, &bad_quote)) != nullptr;) {
    if (*name == 0) continue;
    if (bad_quote) Say("option ", name, ": a quote is not closed; the value runs to the end");
    bool known = false;
#define LG_SET_bool(name) ParseBool(#name, val, &g_opt.name);
#define LG_SET_int(name) ParseInt(#name, val, &g_opt.name);
#define LG_SET_str(name) g_opt.name = val;
#define LG_OPTION(type, oname, def, help) \
  if (StrEq(name, #oname)) {              \
    known = true;                         \
    LG_SET_##type(oname)                  \
  }
#include "options.inc"
#undef LG_SET_bool
#undef LG_SET_int
#undef LG_SET_str
    if (!known) Say("unknown option '", name, "' in LOCKGRAPH_OPTIONS (help=1 lists them)");
    help |= g_opt.help;
  }
  {
    static const Options kDefaults = {
#define LG_OPTION(type, name, def, help) def,
#include "options.inc"
    };
#define LG_RANGE(name, lo, hi, clamp) CheckRange(#name, &g_opt.name, kDefaults.name, lo, hi, clamp);
#include "options.inc"
  }
  if (!StrEq(g_opt.on_deadlock, "report") && !StrEq(g_opt.on_deadlock, "exit") &&
      !StrEq(g_opt.on_deadlock, "abort")) {
    Say("option on_deadlock: '", g_opt.on_deadlock, "' is not report, exit or abort; using exit");
    g_opt.on_deadlock = "exit";
  }
  return help;
}

// At load time: help=1 and mistakes are answered before the program runs, whether or not it
// ever takes a lock. Only getenv and write: nothing intercepted, nothing to resolve.
__attribute__((constructor)) static void ParseOptionsAtLoad() { ParseOptions(); }

}  // namespace lg
