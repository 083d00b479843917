// LOCKGRAPH_OPTIONS: the parser of "k=v:k=v" and the help=1 text, both expanded from the one
// list in options.inc (as the defaults and the Options struct are), so they cannot drift apart.
// Runs once, at start-up, before the hook is ready: no malloc, no stdio.
#include <stdlib.h>
#include <unistd.h>

#include "hook_state.h"

namespace lg {

Options g_opt = {
#define LG_OPTION(type, name, def, help) def,
#include "options.inc"
};

void ParseOptions() {
  static char text[4096];
  const char *env = getenv("LOCKGRAPH_OPTIONS");
  if (env == nullptr) return;
  StrCopy(text, sizeof(text), env);
  bool help = false;
  char *p = text;
  while (*p) {
    char *key = p;
    while (*p && *p != ':' && *p != ' ' && *p != ',') ++p;
    if (*p) *p++ = 0;
    if (*key == 0) continue;
    char *val = key;
    while (*val && *val != '=') ++val;
    if (*val) *val++ = 0;
    bool known = false;
#define LG_SET_bool(name) g_opt.name = !(StrEq(val, "0") || StrEq(val, "false") || StrEq(val, "no"));
#define LG_SET_int(name) g_opt.name = static_cast<int>(strtol(val, nullptr, 0));
#define LG_SET_str(name) g_opt.name = val;
#define LG_OPTION(type, name, def, help) \
  if (StrEq(key, #name)) {               \
    known = true;                        \
    LG_SET_##type(name)                  \
  }
#include "options.inc"
    if (!known) {
      char msg[256];
      Buf b(msg, sizeof(msg));
      b.Str("lockgraph: unknown option '").Str(key).Str("' in LOCKGRAPH_OPTIONS (help=1 lists them)\n");
      WriteAll(2, b.c_str(), b.size());
    }
    help |= g_opt.help;
  }
  if (help) {
    char line[1024];
#define LG_OPTION(type, name, def, help)                                                   \
  {                                                                                        \
    Buf b(line, sizeof(line));                                                             \
    b.Str("  ").Str(#name).Str(" (" #type ", default ").Str(#def).Str(")\n      ").Str(help).Char('\n'); \
    WriteAll(2, b.c_str(), b.size());                                                      \
  }
    static const char head[] = "lockgraph runtime hook options (LOCKGRAPH_OPTIONS=\"k=v:k=v\"):\n";
    WriteAll(2, head, sizeof(head) - 1);
#include "options.inc"
    _exit(0);
  }
  if (g_opt.stack_depth > kMaxStack) g_opt.stack_depth = kMaxStack;
  if (g_opt.stack_depth < 1) g_opt.stack_depth = 1;
}

}  // namespace lg
