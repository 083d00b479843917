// A reader in its own TU: Worker's methods written in condvar.h, its constructor in worker.cc.
#include "condvar.h"

int read_twice(Worker &w) { return w.peek() + w.peek_twin(); }
