// The test runner linked into each test program (see CMakeLists.txt): runs the tests that
// registered themselves, through function pointers.
#include "registry.h"

static void (*tests[16])(void);
static int ntests;

void register_test(void (*fn)(void)) {
  if (ntests < 16)
    tests[ntests++] = fn;
}

int main(void) {
  for (int i = 0; i < ntests; i++)
    tests[i]();
  return 0;
}
