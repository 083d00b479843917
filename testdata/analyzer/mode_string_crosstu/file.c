// The cups layout of mode_string_branch.c: cupsFileOpen() (file.c) switches on its mode's
// first character; _cupsMessageLoad() (language.c) calls it with "r" while it holds
// lang_mutex, which only the socket branch ('s') takes again. The call with "s" is made
// without the lock. No self-deadlock.
#include "file.h"

static const char *last_error;

static int addr_lookup(const char *host) {
  if (!host || !*host) {
    last_error = lang_string("no host");
    return -1;
  }
  return 0;
}

FILE *file_open(const char *name, const char *mode) {
  switch (mode[0]) {
  case 'r':
    return fopen(name, "r");
  case 'w':
    return fopen(name, "w");
  case 's':
    if (addr_lookup(name) < 0)
      return NULL;
    return NULL;
  default:
    return NULL;
  }
}
