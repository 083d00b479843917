// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include "log.h"

void flush_map(int id) { dlog(3, "flush %d\n", id); }
